"""The ``kg`` command: a thin typer layer over the library (every command is a few lines)."""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Column, Table

from kg.errors import KGError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="kg: a knowledge graph of diplomatic relations built from news.")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOpt = typer.Option(None, "--store", envvar="KG_STORE", help="Store folder (default ./kgstore), or a SPARQL endpoint URL (http://host:port/query; see kg/graph/remote.py).")


def _print_fitted(header: list[str], rows: list[list[str]]) -> None:
    """A table as wide as the terminal: every cell on one line, long ones cut with an ellipsis (short columns such
    as codes keep their width), and a note under it when something was cut."""
    console = Console(soft_wrap=False)
    natural = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    room = max(console.width - 3 * len(header) - 1, len(header))
    widths = list(natural)
    if sum(natural) > room:
        short = [i for i, w in enumerate(natural) if w <= 12]
        long = [i for i in range(len(header)) if i not in short]
        left = max(room - sum(natural[i] for i in short), 6 * len(long))
        total = sum(natural[i] for i in long)
        for i in long:
            widths[i] = max(6, left * natural[i] // total)
    table = Table(*[Column(h, no_wrap=True, overflow="ellipsis", width=w) for h, w in zip(header, widths)])
    for row in rows:
        table.add_row(*row)
    console.print(table)
    if widths != natural:
        console.print("[dim]Long values cut to fit; --format csv or --format json shows them whole.[/dim]")


def _fail(error: Exception, code: int = 1) -> "typer.Exit":
    err.print(str(error).splitlines()[0] if str(error) else type(error).__name__, markup=False, highlight=False)
    return typer.Exit(code)


def _open(store: Optional[Path]):  # type: ignore[no-untyped-def]
    import kg

    return kg.open(store if store is not None else ...)


def _ingest(graph, paths: list[str], workers: int | None, max_bytes: int, max_line: int,  # type: ignore[no-untyped-def]
            scheduler: str | None = None) -> int:
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    from kg.pipeline.ingest import count_items, ingest as run_ingest
    from kg.pipeline.parallel import available_cores
    from kg.io.sources import Limits, read_paths

    limits = Limits(max_bytes=max_bytes, max_line=max_line)
    workers = available_cores() if workers is None else max(1, workers)
    # Quiet when not a terminal; the total (for the ETA) only when it is cheap to know.
    total = count_items(paths) if err.is_terminal else None
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                  console=err, disable=not err.is_terminal, transient=True) as bar:
        task = bar.add_task("ingest", total=total, rate="")

        def progress(kind: str, source: str) -> None:
            bar.advance(task)
            elapsed = bar.tasks[0].elapsed or 0
            if elapsed:
                bar.update(task, rate=f"{bar.tasks[0].completed / elapsed:.1f} articles/s")

        report = run_ingest(graph.store, read_paths(list(paths), limits), workers=workers, progress=progress,
                            scheduler=scheduler)
    for rejection in report.rejected:
        err.print(rejection.message, markup=False, highlight=False)
    out.print(report.summary(), highlight=False)
    return 0 if report.ok else 2


@app.command()
def ingest(paths: list[str] = typer.Argument(..., help="Files or folders: .txt .md .html .jsonl .xml/.rss/.atom"),
           store: Optional[Path] = StoreOpt,
           workers: Optional[int] = typer.Option(None, "--workers", "-w",
                                                 help="Extraction processes (default: the cores available)."),
           scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                                   help="Extract on a Dask cluster: tcp://HOST:PORT (needs the 'dask' extra)."),
           max_bytes: int = typer.Option(20 * 1024 * 1024,
                                         help="Reject files larger than this (bytes); for .jsonl, lines larger than this."),
           max_line: int = typer.Option(1_000_000, help="Reject files with a line longer than this (characters).")) -> None:
    """Extract claims from articles into the store (articles already present are skipped)."""
    try:
        with _open(store) as graph:
            code = _ingest(graph, paths, workers, max_bytes, max_line, scheduler)
    except KGError as error:
        raise _fail(error) from None
    raise typer.Exit(code)


@app.command()
def query(sparql: Optional[str] = typer.Argument(None, help="A SPARQL query (common prefixes are predeclared)."),
          file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read the query from a .rq file."),
          named: Optional[str] = typer.Option(None, "--named", "-n", help="A named query (ontology/queries/*.rq)."),
          param: Optional[list[str]] = typer.Option(None, "--param", "-p", metavar="NAME=VALUE",
                                                    help="Bind a parameter of the --named query, e.g. country=JP "
                                                         "(repeatable; a wrong name lists the query's parameters)."),
          limit: Optional[int] = typer.Option(None, "--limit", min=0, help="At most this many rows."),
          fmt: str = typer.Option("table", "--format", help="table | csv | json (SPARQL 1.1 results JSON)."),
          store: Optional[Path] = StoreOpt) -> None:
    """Run a SPARQL query over all articles' graphs."""
    from kg.graph.queries import named_query, to_csv, to_json, with_limit

    given = [x for x in (sparql, file, named) if x is not None]
    if len(given) != 1:
        raise _fail(ValueError("give exactly one of QUERY, --file or --named"))
    if fmt not in ("table", "csv", "json"):
        raise _fail(ValueError(f"unknown format {fmt!r}: use table, csv or json"))
    if param and not named:
        raise _fail(ValueError("--param binds the parameters of a --named query"))
    try:
        params = _params(param or [])
    except ValueError as error:
        raise _fail(error) from None
    try:
        if named:
            text = named_query(named, params, limit)
        else:
            text = file.read_text(encoding="utf-8") if file else str(sparql)
            text = with_limit(text, limit) if limit is not None else text
        with _open(store) as graph:
            result = graph.store.query(text)
            if fmt == "json":
                sys.stdout.write(to_json(result) + "\n")
            elif fmt == "csv":
                sys.stdout.write(to_csv(result))
            elif result.type == "ASK":
                out.print(str(bool(result.askAnswer)).lower())
            elif result.type in ("CONSTRUCT", "DESCRIBE"):
                sys.stdout.write(result.serialize(format="turtle").decode("utf-8"))  # type: ignore[union-attr]
            else:
                _print_fitted([str(v) for v in result.vars or []],
                              [["" if v is None else str(v) for v in row] for row in result])  # type: ignore[union-attr]
    except (KGError, OSError) as error:
        raise _fail(error) from None
    except Exception as error:  # noqa: BLE001 - a malformed query from the user: one line, no traceback
        raise _fail(KGError("E012 SPARQL error: {reason}", reason=str(error).splitlines()[0] if str(error) else type(error).__name__)) from None


def _params(items: list[str]) -> dict[str, str]:
    """``NAME=VALUE`` options as a dict (the value may hold '='; a name given twice is an error)."""
    found: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name or not value.strip():
            raise ValueError(f"--param {item!r}: use NAME=VALUE, e.g. country=JP")
        if name in found:
            raise ValueError(f"--param {name} given twice")
        found[name] = value.strip()
    return found


@app.command()
def export(fmt: str = typer.Option("turtle", "--format", help="turtle | trig | nquads | ntriples | jsonld | rdfxml, "
                                   "or graphml | gexf (the full network view, for Gephi)"),
           output: Optional[Path] = typer.Option(None, "-o", "--output", help="File (default exports/graph.<ext>)."),
           store: Optional[Path] = StoreOpt,
           article: Optional[list[str]] = typer.Option(None, "--article", help="Only this article (content hash, article or graph IRI); repeatable."),
           since: Optional[str] = typer.Option(None, "--since", help="Only articles dated on or after this date (YYYY-MM-DD)."),
           topic: Optional[str] = typer.Option(None, "--topic", help="Only the relation claims of this topic code, with their evidence.")) -> None:
    """Write the graph in an RDF format, or its network as GraphML / GEXF."""
    from kg.errors import Errors
    from kg.graph.export import FORMATS, SUFFIX, export_to_path
    from kg.network.projection import GRAPH_FORMATS, write_graph

    try:
        if fmt not in FORMATS and fmt not in GRAPH_FORMATS:
            raise KGError(Errors.E013, fmt=fmt, formats=", ".join([*FORMATS, *GRAPH_FORMATS]))
        path = output or Path("exports") / f"graph.{GRAPH_FORMATS.get(fmt) or SUFFIX.get(fmt, fmt)}"
        with _open(store) as graph:
            if fmt in GRAPH_FORMATS:  # --since and --topic filter the network view; articles are not parts of it
                if article:
                    raise KGError(Errors.E013, fmt=f"{fmt} with --article", formats=", ".join(FORMATS))
                write_graph(graph.to_networkx("full", since=since, topic=topic), path, fmt)
            else:
                from kg.graph.export import Part

                export_to_path(graph.store, fmt, path, part=Part(tuple(article or ()), since, topic))
    except (KGError, OSError) as error:
        raise _fail(error) from None
    out.print(f"wrote {path}", highlight=False)


@app.command()
def viz(output: Path = typer.Option(Path("exports/graph.html"), "-o", "--output"),
        view: str = typer.Option("full", "--view", help="countries | full"),
        topic: Optional[str] = typer.Option(None), type_: Optional[str] = typer.Option(None, "--type"),
        since: Optional[str] = typer.Option(None), until: Optional[str] = typer.Option(None),
        lang: Optional[str] = typer.Option(None), open_: bool = typer.Option(False, "--open"),
        focus: Optional[str] = typer.Option(None, "--focus", help="Only the neighbourhood of this country or person "
                                            "(code, name in any language or form, or IRI)."),
        hops: int = typer.Option(1, "--hops", min=0, help="Steps around --focus."),
        layout: str = typer.Option("force", "--layout", help="force | geo (countries at their capitals)."),
        store: Optional[Path] = StoreOpt) -> None:
    """Write an interactive, self-contained HTML network view."""
    from kg.network.projection import VIEWS, Filters
    from kg.network.viz import LAYOUTS

    if view not in VIEWS:
        raise _fail(ValueError(f"unknown view {view!r}: use {', '.join(VIEWS)}"))
    if layout not in LAYOUTS:
        raise _fail(ValueError(f"unknown layout {layout!r}: use {', '.join(LAYOUTS)}"))
    try:
        Filters(topic=topic, type=type_, since=since, until=until, lang=lang).check()
        with _open(store) as graph:
            path = graph.viz(output, view=view, focus=focus, hops=hops, topic=topic, type=type_, since=since,
                             until=until, lang=lang, layout=layout)
    except (KGError, OSError, ValueError) as error:
        raise _fail(error) from None
    out.print(f"wrote {path}", highlight=False)
    if open_ and not webbrowser.open(path.resolve().as_uri()):
        out.print(f"open {path.resolve()} in a browser", highlight=False)


_STATS = """
PREFIX kg: <https://w3id.org/diplokg/ontology#>
SELECT
  (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?person) AS ?persons)
  (COUNT(DISTINCT ?polity) AS ?countries) (COUNT(DISTINCT ?rel) AS ?relations) (COUNT(DISTINCT ?topic) AS ?topics)
WHERE {
  { ?article a kg:Article } UNION { ?person a kg:Person } UNION { ?rel a kg:RelationClaim }
  UNION { ?rel2 kg:participant ?polity } UNION { ?x org:member ?p ; org:organization ?polity }
  UNION { ?rel3 kg:topic ?topic }
}"""


@app.command()
def stats(store: Optional[Path] = StoreOpt,
          top: int = typer.Option(10, "--top", min=1, help="Rows in the rankings."),
          lang: str = typer.Option("en", "--lang", help="Language of the names: en | uk.")) -> None:
    """Counts of articles, persons, countries, relations and topics; most connected countries, blocs, partners."""
    from kg.network.analytics import blocs, centrality, label, strongest_partners, topic_partners

    try:
        with _open(store) as graph:
            row = graph.query(_STATS)[0]
            g = graph.to_networkx("countries")
    except KGError as error:
        raise _fail(error) from None
    table = Table("what", "count")
    for key, value in row.items():
        table.add_row(key, str(value))
    out.print(table)

    def name(code: str) -> str:
        return label(g, f"country:{code}", lang)

    ranked = centrality(g, top=top)
    table = Table("#", "country", "code", "partners", "articles", "degree centrality", "weighted PageRank",
                  title="Most connected countries")
    for i, r in enumerate(ranked, 1):
        table.add_row(str(i), r.label(lang), r.code, str(r.partners), str(r.articles), f"{r.degree_centrality:.3f}",
                      f"{r.pagerank:.3f}")
    out.print(table)
    table = Table("bloc", "size", "members", title="Blocs (communities of cooperation, Louvain)")
    for i, members in enumerate(blocs(g), 1):
        table.add_row(str(i), str(len(members)), ", ".join(name(c) for c in members))
    out.print(table)
    partners = strongest_partners(g, top=3)
    table = Table("country", "strongest partners (articles)", title="Strongest partners")
    for r in ranked:
        table.add_row(r.label(lang), ", ".join(f"{p.label(lang)} ({p.articles})" for p in partners.get(r.code, [])))
    out.print(table)
    table = Table("topic", "strongest pairs (articles)", title="Strongest partners by topic")
    for topic, pairs in topic_partners(g, top=3).items():
        table.add_row(topic, ", ".join(f"{name(a)} – {name(b)} ({n})" for a, b, n in pairs))
    out.print(table)


@app.command()
def path(a: str = typer.Argument(..., help="A country or person: code, name (any language or form) or IRI."),
         b: str = typer.Argument(..., help="Another country or person."),
         lang: str = typer.Option("en", "--lang", help="Language of the names: en | uk."),
         store: Optional[Path] = StoreOpt) -> None:
    """How two countries or persons are connected: the shortest chain of relations and offices, with evidence."""
    from kg.network.analytics import connection, label

    try:
        with _open(store) as graph:
            g, start, end = graph.ends(a, b)
    except KGError as error:
        raise _fail(error) from None
    steps = connection(g, start, end)
    first, last = label(g, start, lang), label(g, end, lang)
    if steps is None:
        out.print(f"no connection between {first} and {last}", markup=False, highlight=False)
        raise typer.Exit(1)
    if not steps:
        out.print(f"{first} and {last} are the same entity", markup=False, highlight=False)
        return
    out.print(" → ".join([first] + [s.target_label.get(lang, s.target) for s in steps]) +
              f" ({len(steps)} step{'s' if len(steps) > 1 else ''})", markup=False, highlight=False)
    for i, s in enumerate(steps, 1):
        out.print(f"{i}. {s.source_label.get(lang, s.source)} —[{s.relation}]— {s.target_label.get(lang, s.target)}"
                  f"  ({s.articles} article{'s' if s.articles != 1 else ''})", markup=False, highlight=False)
        ev = s.evidence
        if ev.get("sentence"):
            out.print(f"   “{ev['sentence']}”", markup=False, highlight=False)
            source = " · ".join(str(x) for x in (ev.get("title"), ev.get("date"), ev.get("source")) if x)
            if source:
                out.print(f"   — {source}", markup=False, highlight=False)


@app.command()
def demo(store: Optional[Path] = StoreOpt,
         exports: Path = typer.Option(Path("exports"), help="Folder for graph.ttl, graph.html, countries.html and "
                                      "explain.html.")) -> None:
    """The main job on the embedded default: ingest seeds/, write exports/graph.ttl and exports/graph.html, the
    countries view (exports/countries.html) and the seed article's explain page (exports/explain.html)."""
    from kg.graph.export import export_to_path
    from kg.resources import data_dir

    try:
        with _open(store) as graph:
            code = _ingest(graph, [str(data_dir("seeds"))], 1, 20 * 1024 * 1024, 1_000_000)
            ttl = export_to_path(graph.store, "turtle", exports / "graph.ttl")
            html = graph.viz(exports / "graph.html", view="full")
            countries = graph.viz(exports / "countries.html", view="countries")
            seed = sorted(p for p in data_dir("seeds").iterdir() if p.suffix in (".txt", ".md", ".html", ".jsonl"))[0]
            explained = graph.explain(str(seed), exports / "explain.html")
            row = graph.query(_STATS)[0]
    except (KGError, OSError) as error:
        raise _fail(error) from None
    out.print(f"wrote {ttl} and {html}", highlight=False)
    out.print(f"countries view: {countries}; why each claim of the seed article is there: {explained}", highlight=False)
    out.print(", ".join(f"{k}: {v}" for k, v in row.items()), highlight=False)
    raise typer.Exit(code)


@app.command()
def explain(article: str = typer.Argument(..., help="An article file, or the content hash or IRI of a stored article."),
            output: Path = typer.Option(Path("exports/explain.html"), "-o", "--output"),
            open_: bool = typer.Option(False, "--open"),
            store: Optional[Path] = StoreOpt) -> None:
    """Write one HTML page: the article's text with each mention marked, and the claims read from it beside it."""
    from kg.network.explain import explain_html, load_article

    try:
        if Path(article).is_file() and store is None:  # a file needs no store
            found, extractor = load_article(article)
        else:
            with _open(store) as graph:
                found, extractor = load_article(article, graph.store)
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(f".{output.name}.tmp")
        tmp.write_text(explain_html(found, extractor), encoding="utf-8")
        tmp.replace(output)
    except (KGError, OSError, ValueError) as error:
        raise _fail(error) from None
    out.print(f"wrote {output}", highlight=False)
    if open_ and not webbrowser.open(output.resolve().as_uri()):
        out.print(f"open {output.resolve()} in a browser", highlight=False)


def main() -> None:  # pragma: no cover
    app()


@app.command("eval")
def eval_(gold: Path = typer.Argument(..., help="Folder of gold JSON files (one per article)."),
          articles: Optional[Path] = typer.Option(None, "--articles", help="Folder of the articles (default: GOLD/../articles)."),
          details: bool = typer.Option(True, "--details/--no-details", help="List misses and false positives per article."),
          as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
          gazetteer: bool = typer.Option(True, "--gazetteer/--no-gazetteer",
                                         help="Use the gazetteer of known office holders (off: names never seen)."),
          against: Optional[Path] = typer.Option(None, "--against",
                                                 help="Score a second annotation of the same articles (a folder of "
                                                      "JSON files) instead of the extractor: annotator agreement.")) -> None:
    """Score the extractor against hand-annotated gold: precision, recall, F1 per language and kind of fact."""
    import json as _json
    import os

    from kg.evaluation import KINDS, agreement, evaluate

    if not gazetteer:
        os.environ["KG_GAZETTEER"] = "0"

    try:
        report = agreement(gold, against) if against is not None else evaluate(gold, articles)
    except KGError as error:
        raise _fail(error) from None
    if report.missing:
        shown = ", ".join(report.missing[:12]) + (", ..." if len(report.missing) > 12 else "")
        err.print(f"{len(report.missing)} article texts are missing and were not scored: {shown} "
                  "(real news: restore them as evaluation/real/README.md says)", highlight=False)
    if as_json:
        sys.stdout.write(_json.dumps(report.as_dict(), indent=1) + "\n")
        return
    table = Table("lang", "kind", "precision", "recall", "F1", "gold", "predicted")
    for lang, kinds in sorted(report.scores.items(), key=lambda x: (x[0] != "all", x[0])):
        for kind in KINDS:
            s = kinds[kind]
            table.add_row(lang, kind, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.gold), str(s.pred))
    out.print(table)
    if details:
        for article in sorted(set(report.misses) | set(report.false_positives)):
            out.print(f"[bold]{article}[/bold]")
            for line in report.misses.get(article, []):
                out.print(f"  miss  {line}", markup=False, highlight=False)
            for line in report.false_positives.get(article, []):
                out.print(f"  false {line}", markup=False, highlight=False)


@app.command()
def validate(store: Optional[Path] = StoreOpt) -> None:
    """Check the store: SHACL shapes (pyshacl) and the ontology's *-violation queries."""
    from kg.graph.validate import validate_store

    try:
        with _open(store) as graph:
            report = validate_store(graph.store)
    except KGError as error:
        raise _fail(error) from None
    if report.conforms:
        out.print("conforms: SHACL shapes hold and no violation query returns rows")
        return
    if report.shacl_text and "Conforms: False" in report.shacl_text:
        out.print(report.shacl_text[:20000], markup=False, highlight=False)
    for name, found in report.violations.items():
        out.print(f"{name}: {len(found)} rows, e.g. {found[:3]}", markup=False, highlight=False)
    raise typer.Exit(1)


@app.command()
def serve(host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
          port: int = typer.Option(7878, "--port", help="Port to listen on."),
          store: Optional[Path] = StoreOpt,
          allow_update: bool = typer.Option(False, "--allow-update", help="Accept SPARQL Update (needs --token)."),
          token: Optional[str] = typer.Option(None, "--token", envvar="KG_SERVE_TOKEN",
                                              help="Bearer token updates must carry (or $KG_SERVE_TOKEN)."),
          timeout: float = typer.Option(30.0, "--timeout", help="Seconds a query may run before it is stopped (503)."),
          max_rows: int = typer.Option(10_000, "--max-rows", help="Rows (or triples) at most per result; more are cut."),
          workers: int = typer.Option(2, "--workers", help="Query processes (read-only server; one with --allow-update)."),
          base: str = typer.Option("https://w3id.org/diplokg/", "--base",
                                   help="Public base whose IRIs BASE/id/... this server answers at /id/...")) -> None:
    """A SPARQL 1.1 endpoint over the store at http://HOST:PORT/sparql, with a query page at / and the network at /viz."""
    from kg.graph.remote import is_remote
    from kg.server.app import ServerConfig, serve as run_server
    from kg.graph.store import default_store_path

    location = store if store is not None else default_store_path()
    if is_remote(str(location)) or str(location).lower().startswith(("http:/", "https:/")):
        raise _fail(ValueError("kg serve serves a store folder, not a SPARQL endpoint URL"))
    if allow_update and not token:
        raise _fail(ValueError("--allow-update needs --token T (or $KG_SERVE_TOKEN): updates must carry Authorization: Bearer T"))
    if timeout <= 0 or max_rows <= 0 or workers <= 0:
        raise _fail(ValueError("--timeout, --max-rows and --workers must be positive"))
    if not base.lower().startswith(("http://", "https://")):
        raise _fail(ValueError(f"--base must be an http(s) URL, not {base!r}"))
    config = ServerConfig(Path(location), allow_update=allow_update, token=token, timeout=timeout, max_rows=max_rows,
                          workers=workers, base=base)
    err.print(f"kg: SPARQL endpoint http://{host}:{port}/sparql over {location} "
              f"({'updates with the token' if allow_update else 'read-only'}; {timeout:g} s, {max_rows} rows per query)",
              markup=False, highlight=False)
    try:
        run_server(config, host=host, port=port)
    except KGError as error:
        raise _fail(error) from None


@app.command("import")
def import_(file: Path = typer.Argument(..., help="An RDF file: .ttl .trig .nq .nt .jsonld .rdf (e.g. a kg export)."),
            fmt: Optional[str] = typer.Option(None, "--format", help="turtle | trig | nquads | ntriples | jsonld | rdfxml (default: from the suffix)."),
            graph_iri: Optional[str] = typer.Option(None, "--graph", help="Named graph for the triples of a triple format "
                                                    "(default https://w3id.org/diplokg/graph/imported)."),
            store: Optional[Path] = StoreOpt) -> None:
    """Load an RDF file into the store as it is (no extraction): TriG / N-Quads keep their graphs."""
    from rdflib import URIRef

    from kg.errors import Errors
    from kg.graph.export import FORMATS, SUFFIX

    by_suffix = {suffix: name for name, suffix in SUFFIX.items()}
    name = fmt or by_suffix.get(file.suffix.lstrip(".").lower()) or {"json": "jsonld", "xml": "rdfxml"}.get(file.suffix.lstrip(".").lower())
    try:
        if name not in FORMATS:
            raise KGError(Errors.E013, fmt=fmt or file.suffix, formats=", ".join(FORMATS))
        if not file.is_file():
            raise KGError(Errors.E001, path=file)
        with _open(store) as graph:
            count = graph.store.load(file, FORMATS[name], URIRef(graph_iri) if graph_iri else None)
            graph.store.flush()
    except (KGError, OSError) as error:
        raise _fail(error) from None
    except SyntaxError as error:
        raise _fail(KGError("E018 not an article feed or file that kg can read: {path}: {reason}", path=file,
                            reason=str(error).splitlines()[0] if str(error) else "syntax error")) from None
    out.print(f"imported {count} quads from {file}", highlight=False)
