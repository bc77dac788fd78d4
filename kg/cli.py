"""The ``kg`` command: a thin typer layer over the library (every command is a few lines)."""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from kg.errors import KGError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="kg: a knowledge graph of diplomatic relations built from news.")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOpt = typer.Option(None, "--store", envvar="KG_STORE", help="Store folder (default ./kgstore).")


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

    from kg.ingest import count_items, ingest as run_ingest
    from kg.parallel import available_cores
    from kg.sources import Limits, read_paths

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
                                                   help="Extract on a Dask cluster: tcp://HOST:PORT (kg[dask])."),
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
          fmt: str = typer.Option("table", "--format", help="table | csv | json (SPARQL 1.1 results JSON)."),
          store: Optional[Path] = StoreOpt) -> None:
    """Run a SPARQL query over all articles' graphs."""
    from kg.queries import named_query, to_csv, to_json

    given = [x for x in (sparql, file, named) if x is not None]
    if len(given) != 1:
        raise _fail(ValueError("give exactly one of QUERY, --file or --named"))
    if fmt not in ("table", "csv", "json"):
        raise _fail(ValueError(f"unknown format {fmt!r}: use table, csv or json"))
    try:
        text = named_query(named) if named else (file.read_text(encoding="utf-8") if file else str(sparql))
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
                table = Table(*[str(v) for v in result.vars or []])
                for row in result:
                    table.add_row(*["" if v is None else str(v) for v in row])  # type: ignore[union-attr]
                out.print(table)
    except (KGError, OSError) as error:
        raise _fail(error) from None
    except Exception as error:  # noqa: BLE001 - a malformed query from the user: one line, no traceback
        raise _fail(KGError("E012 SPARQL error: {reason}", reason=str(error).splitlines()[0] if str(error) else type(error).__name__)) from None


@app.command()
def export(fmt: str = typer.Option("turtle", "--format", help="turtle | trig | nquads | ntriples | jsonld | rdfxml"),
           output: Optional[Path] = typer.Option(None, "-o", "--output", help="File (default exports/graph.<ext>)."),
           store: Optional[Path] = StoreOpt) -> None:
    """Write the graph in an RDF format."""
    from kg.export import SUFFIX, export_to_path

    try:
        path = output or Path("exports") / f"graph.{SUFFIX.get(fmt, fmt)}"
        with _open(store) as graph:
            export_to_path(graph.store, fmt, path)
    except (KGError, OSError) as error:
        raise _fail(error) from None
    out.print(f"wrote {path}", highlight=False)


@app.command()
def viz(output: Path = typer.Option(Path("exports/graph.html"), "-o", "--output"),
        view: str = typer.Option("full", "--view", help="countries | full"),
        topic: Optional[str] = typer.Option(None), type_: Optional[str] = typer.Option(None, "--type"),
        since: Optional[str] = typer.Option(None), until: Optional[str] = typer.Option(None),
        lang: Optional[str] = typer.Option(None), open_: bool = typer.Option(False, "--open"),
        store: Optional[Path] = StoreOpt) -> None:
    """Write an interactive, self-contained HTML network view."""
    from kg.network import VIEWS

    if view not in VIEWS:
        raise _fail(ValueError(f"unknown view {view!r}: use {', '.join(VIEWS)}"))
    try:
        with _open(store) as graph:
            path = graph.viz(output, view=view, topic=topic, type=type_, since=since, until=until, lang=lang)
    except (KGError, OSError) as error:
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
def stats(store: Optional[Path] = StoreOpt) -> None:
    """Counts of articles, persons, countries, relations and topics."""
    try:
        with _open(store) as graph:
            row = graph.query(_STATS)[0]
    except KGError as error:
        raise _fail(error) from None
    table = Table("what", "count")
    for key, value in row.items():
        table.add_row(key, str(value))
    out.print(table)


@app.command()
def demo(store: Optional[Path] = StoreOpt,
         exports: Path = typer.Option(Path("exports"), help="Folder for graph.ttl and graph.html.")) -> None:
    """The main job on the embedded default: ingest seeds/, write exports/graph.ttl and exports/graph.html."""
    from kg.export import export_to_path
    from kg.resources import data_dir

    try:
        with _open(store) as graph:
            code = _ingest(graph, [str(data_dir("seeds"))], 1, 20 * 1024 * 1024, 1_000_000)
            ttl = export_to_path(graph.store, "turtle", exports / "graph.ttl")
            html = graph.viz(exports / "graph.html", view="full")
            row = graph.query(_STATS)[0]
    except (KGError, OSError) as error:
        raise _fail(error) from None
    out.print(f"wrote {ttl} and {html}", highlight=False)
    out.print(", ".join(f"{k}: {v}" for k, v in row.items()), highlight=False)
    raise typer.Exit(code)


def main() -> None:  # pragma: no cover
    app()


@app.command("eval")
def eval_(gold: Path = typer.Argument(..., help="Folder of gold JSON files (one per article)."),
          articles: Optional[Path] = typer.Option(None, "--articles", help="Folder of the articles (default: GOLD/../articles)."),
          details: bool = typer.Option(True, "--details/--no-details", help="List misses and false positives per article."),
          as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON.")) -> None:
    """Score the extractor against hand-annotated gold: precision, recall, F1 per language and kind of fact."""
    import json as _json

    from kg.evaluation import KINDS, evaluate

    try:
        report = evaluate(gold, articles)
    except KGError as error:
        raise _fail(error) from None
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
    from kg.validate import validate_store

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
