"""Benchmark queries on a 1,000,000-triple kg graph: kg's store vs raw pyoxigraph vs rdflib's memory store.

    python benchmarks/queries.py [--triples 1000000] [--runs 11] [--before-runs 3] [--rdflib-timeout 120] [--no-rdflib]

The graph comes from ``benchmarks/graphdata.py`` (built once under /tmp/kg-bench). Two sets of queries, each run
``--runs`` times, every row read, median latency printed:

- full dumps: the named queries ``roles`` and ``relations`` without parameters (every row of the graph) and three
  analytical queries (relation claims by country, by topic, countries 3 cooperation hops from UA);
- competency questions: the named queries with parameters (``kg query --named roles --param country=JP``): roles of
  one country, relations of one country pair, relations of one country on one topic, partners of one country on
  one topic.

Each on:

- kg: ``kg.graph.store.Store.query`` (what every command and the API run), rows as rdflib terms;
- raw pyoxigraph: ``pyoxigraph.Store.query`` on the same database, the same query text, rows as pyoxigraph terms;
- rdflib memory: ``rdflib.Dataset()`` (the default in-memory store, union default graph) loaded with the same
  quads, in a child process, the same query text; a query over ``--rdflib-timeout`` seconds is stopped;
- "before": the queries as they were before this rewrite (``BEFORE``, ``ANALYTICAL_BEFORE``) on kg's old query path
  (rdflib ``Dataset.query`` through oxrdflib) and on rdflib memory, to show what changed and to give rdflib its
  best formulation: some rewrites (sub-selects joined by hash in Oxigraph) are far slower on rdflib, so the
  >= 10x verdict takes the faster of rdflib's two figures.

Also printed: the floor, the time to read N rows of a one-pattern scan through Python (raw and kg), below which no
query returning N rows can go here; and the load average before and after (the machine may be shared).

Targets (issue 6): kg median <= 100 ms, >= 10x faster than rdflib memory, within 1.5x of raw pyoxigraph.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
import graphdata  # noqa: E402

from kg.graph.queries import _bind, named_query  # noqa: E402
from kg.graph.store import Store  # noqa: E402

PREFIXES = """PREFIX kg: <https://w3id.org/diplokg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX country: <https://w3id.org/diplokg/id/country/>
"""
# Sub-selects make Oxigraph scan each pattern once and join by hash, where a plain group is joined by a lookup
# per row (a few µs each in RocksDB); the evidence is counted per claim before the claims are grouped by country.
ANALYTICAL = {
    "by-country": PREFIXES + """SELECT ?country (COUNT(DISTINCT ?claim) AS ?claims) (SUM(?n) AS ?evidence) WHERE {
  { SELECT ?claim (COUNT(?ev) AS ?n) WHERE { ?claim kg:supportedBy ?ev } GROUP BY ?claim }
  { SELECT ?claim WHERE { ?claim a kg:RelationClaim } }
  { SELECT ?claim ?c WHERE { ?claim kg:participant ?c } }
  { SELECT ?c ?country WHERE { ?c skos:notation ?country } }
} GROUP BY ?country ORDER BY DESC(?claims) ?country""",
    "by-topic": PREFIXES + """SELECT ?topic (COUNT(DISTINCT ?claim) AS ?claims) (SUM(?n) AS ?evidence) WHERE {
  { SELECT ?claim (COUNT(?ev) AS ?n) WHERE { ?claim kg:supportedBy ?ev } GROUP BY ?claim }
  { SELECT ?claim WHERE { ?claim a kg:RelationClaim } }
  { SELECT ?claim ?t WHERE { ?claim kg:topic ?t } }
  { SELECT ?t ?topic WHERE { ?t skos:notation ?topic } }
} GROUP BY ?topic ORDER BY DESC(?claims) ?topic""",
    # each hop's frontier made distinct before the next hop (42 countries, not 74,088 paths)
    "3-hop": PREFIXES + """SELECT DISTINCT ?code WHERE {
  { SELECT DISTINCT ?c3 WHERE {
      { SELECT DISTINCT ?c2 WHERE { country:UA kg:cooperatesWith ?c1 . ?c1 kg:cooperatesWith ?c2 } }
      ?c2 kg:cooperatesWith ?c3 .
      FILTER(?c3 != country:UA) } }
  ?c3 skos:notation ?code
} ORDER BY ?code""",
}
ANALYTICAL_BEFORE = {
    "by-country": PREFIXES + """SELECT ?country (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(?ev) AS ?evidence) WHERE {
  ?claim a kg:RelationClaim ; kg:participant ?c ; kg:supportedBy ?ev .
  ?c skos:notation ?country
} GROUP BY ?country ORDER BY DESC(?claims) ?country""",
    "by-topic": PREFIXES + """SELECT ?topic (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(?ev) AS ?evidence) WHERE {
  ?claim a kg:RelationClaim ; kg:topic ?t ; kg:supportedBy ?ev .
  ?t skos:notation ?topic
} GROUP BY ?topic ORDER BY DESC(?claims) ?topic""",
    "3-hop": PREFIXES + """SELECT DISTINCT ?code WHERE {
  country:UA kg:cooperatesWith ?c1 . ?c1 kg:cooperatesWith ?c2 . ?c2 kg:cooperatesWith ?c3 .
  FILTER(?c3 != country:UA) ?c3 skos:notation ?code
} ORDER BY ?code""",
}
# The named queries before this rewrite (ontology/queries/*.rq of commit 48c976a), for the "before" columns.
BEFORE = {
    "roles": """# Who holds which office for which country, according to which article (one row per claim and evidence).
# Competency question: "Who represents Japan, in which role, and where is that said?"
PREFIX kg: <https://w3id.org/diplokg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT ?person
       (SUBSTR(MIN(IF(LANG(?label) = ?lang, CONCAT("0", STR(?label)), CONCAT("1", STR(?label)))), 2) AS ?name)
       ?role ?country ?article ?evidence
WHERE {
  ?claim a kg:RoleClaim ;
         org:member ?person ;
         org:role ?roleIri ;
         org:organization ?polity ;
         kg:supportedBy ?ev .
  ?roleIri skos:notation ?role .
  ?polity skos:notation ?country .
  ?ev kg:inArticle ?article ;
      kg:sentence ?evidence .
  ?article dcterms:language ?lang .
  ?person rdfs:label ?label .
}
# The name in the article's own language first (persons have labels in every language they were read in).
GROUP BY ?person ?role ?country ?article ?evidence
ORDER BY ?country ?role ?person ?article
""",
    "relations": """# Which countries cooperate or are in conflict, on which topic, with which status, according to which article.
# One row per country pair (a < b), type, topic (unbound when none), status, article and evidence.
PREFIX kg: <https://w3id.org/diplokg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

SELECT DISTINCT ?a ?b ?type ?topic ?status ?article ?evidence
WHERE {
  ?claim a kg:RelationClaim ;
         kg:participant ?pa, ?pb ;
         kg:relationType ?typeIri ;
         kg:status ?statusIri ;
         kg:supportedBy ?ev .
  ?pa skos:notation ?a .
  ?pb skos:notation ?b .
  FILTER(STR(?a) < STR(?b))  # STR(): Virtuoso compares typed and plain literals inconsistently
  ?typeIri skos:notation ?type .
  ?statusIri skos:notation ?status .
  ?ev kg:inArticle ?article ;
      kg:sentence ?evidence .
  # OPTIONAL last: patterns after a left join are joined to its result, which Oxigraph does slowly.
  OPTIONAL { ?claim kg:topic ?topicIri . ?topicIri skos:notation ?topic }
}
ORDER BY ?a ?b ?type ?topic ?status ?article
""",
    "partners": """# Competency question: "Which countries does each country cooperate with, on which topics, in how many articles?"
PREFIX kg: <https://w3id.org/diplokg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

SELECT ?a ?b ?type (GROUP_CONCAT(DISTINCT ?topic; separator=", ") AS ?topics) (COUNT(DISTINCT ?article) AS ?articles)
WHERE {
  ?claim a kg:RelationClaim ;
         kg:participant ?pa, ?pb ;
         kg:relationType/skos:notation ?type ;
         kg:supportedBy/kg:inArticle ?article .
  ?pa skos:notation ?a .
  ?pb skos:notation ?b .
  FILTER(STR(?a) < STR(?b))  # STR(): Virtuoso compares typed and plain literals inconsistently
  OPTIONAL { ?claim kg:topic/skos:notation ?topic }
}
GROUP BY ?a ?b ?type
ORDER BY DESC(?articles) ?a ?b
""",
}
COMPETENCY = [  # (label, named query, parameters): the questions users of a 1M-triple graph ask
    ("roles JP", "roles", {"country": "JP"}),
    ("relations UA-US", "relations", {"country": "UA", "partner": "US"}),
    ("relations UA energy", "relations", {"country": "UA", "topic": "energy"}),
    ("partners UA energy", "partners", {"country": "UA", "topic": "energy"}),
]
TARGET_MS = 100.0


def _median(fn: Callable[[], int], runs: int) -> tuple[float, int]:
    fn()  # warm (caches, lazy imports)
    times, n = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, n


def _read_kg(store: Store, text: str) -> Callable[[], int]:
    return lambda: sum(1 for row in store.query(text) if tuple(row) is not None)


def _read_kg_before(store: Store, text: str) -> Callable[[], int]:
    """kg's query path before this change: rdflib ``Dataset.query`` through oxrdflib."""
    return lambda: sum(1 for row in store.dataset.query(text) if tuple(row) is not None)  # type: ignore[union-attr]


def _read_raw(raw: ox.Store, text: str) -> Callable[[], int]:
    return lambda: sum(1 for row in raw.query(text, use_default_graph_as_union=True)  # type: ignore[union-attr]
                       if tuple(row) is not None)


class _Timeout(Exception):
    pass


def _rdflib_child(nquads: str, jobs: list[tuple[str, str]], runs: int, timeout: float, out: Any) -> None:
    import signal

    from rdflib import Dataset

    t = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    list(ds.query("ASK { ?s ?p ?o }"))  # the SPARQL machinery imported before the first timing
    out.put(("loaded", time.perf_counter() - t, len(ds)))

    def stop(*_: object) -> None:
        raise _Timeout

    signal.signal(signal.SIGALRM, stop)
    for key, text in jobs:
        times, n = [], 0
        try:
            for _ in range(runs):  # no warm-up run: a query of seconds gains nothing from one
                signal.setitimer(signal.ITIMER_REAL, timeout)
                t = time.perf_counter()
                n = sum(1 for _ in ds.query(text))
                times.append(time.perf_counter() - t)
                signal.setitimer(signal.ITIMER_REAL, 0)
            out.put((key, statistics.median(times) * 1000, n))
        except _Timeout:
            out.put((key, None, 0))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)


def rdflib_times(store: Store, jobs: list[tuple[str, str]], runs: int, timeout: float) -> dict[str, tuple[float, int] | None]:
    """Median ms per query on rdflib's memory store (None: over ``timeout`` seconds)."""
    path = Path(tempfile.gettempdir()) / "kg-bench" / "graph-1m.nq"
    if not path.exists():
        with path.open("wb") as f:
            ox.serialize(store.raw().quads_for_pattern(None, None, None, None), f, ox.RdfFormat.N_QUADS)
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_rdflib_child, args=(str(path), jobs, runs, timeout, queue), daemon=True)
    child.start()
    found: dict[str, tuple[float, int] | None] = {key: None for key, _ in jobs}
    try:
        _, seconds, size = queue.get(timeout=1800)
        print(f"rdflib memory: loaded {size} quads in {seconds:.0f} s", flush=True)
        for _ in jobs:
            key, ms, n = queue.get(timeout=timeout * runs + 60)
            found[key] = None if ms is None else (ms, n)
            print(f"  rdflib {key}: " + (f"{ms:.0f} ms, {n} rows" if ms is not None else f"> {timeout:.0f} s"), flush=True)
    except Exception:  # noqa: BLE001 - queue.Empty: the child died or hung; the rest stay unmeasured
        pass
    finally:
        child.kill()
        child.join()
    return found


def floor(store: Store, raw: ox.Store, n: int, runs: int) -> tuple[float, float]:
    """ms to read ``n`` rows of a one-pattern scan (three columns), raw and through kg: no query returning n rows
    can be read faster here."""
    text = f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT {n}"
    return _median(_read_raw(raw, text), runs)[0], _median(_read_kg(store, text), runs)[0]


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _verdict(k: float, r: float, mem: float | None, timeout_ms: float) -> str:
    fast = (mem if mem is not None else timeout_ms) / k >= 10
    return ", ".join([f"<=100ms {'met' if k <= TARGET_MS else 'MISSED'}",
                      f">=10x {'met' if fast else 'MISSED'}",
                      f"<=1.5x raw {'met' if k <= 1.5 * r else 'MISSED'}"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--before-runs", type=int, default=3, help="runs of the 'before' queries on kg's old path")
    parser.add_argument("--rdflib-runs", type=int, default=2)
    parser.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds per rdflib query")
    parser.add_argument("--no-rdflib", action="store_true")
    args = parser.parse_args(argv)

    full = {"roles": named_query("roles"), "relations": named_query("relations"), **ANALYTICAL}
    full_before = {**{k: BEFORE[k] for k in ("roles", "relations")}, **ANALYTICAL_BEFORE}
    questions = {label: named_query(name, params) for label, name, params in COMPETENCY}
    # the same parameters bound (the same way) in the queries as they were before
    questions_before = {label: _bind(name, BEFORE[name], params) for label, name, params in COMPETENCY}

    print(_load(), flush=True)
    with graphdata.build(graphdata.DEFAULT_STORE, args.triples) as store:
        print(f"graph: {store.triple_count()} data triples ({store.triple_count(include_ontology=True)} with the ontology)")
        raw = store.raw()
        kg_ms: dict[str, tuple[float, int]] = {}
        raw_ms: dict[str, tuple[float, int]] = {}
        before_ms: dict[str, tuple[float, int]] = {}
        for name, text in [*full.items(), *questions.items()]:
            kg_ms[name] = _median(_read_kg(store, text), args.runs)
            raw_ms[name] = _median(_read_raw(raw, text), args.runs)
            assert kg_ms[name][1] == raw_ms[name][1], (name, kg_ms[name], raw_ms[name])
            old = {**full_before, **questions_before}[name]
            before_ms[name] = _median(_read_kg_before(store, old), args.before_runs)
            assert before_ms[name][1] == kg_ms[name][1], (name, before_ms[name], kg_ms[name])
            print(f"  {name}: kg {kg_ms[name][0]:.1f} ms, raw {raw_ms[name][0]:.1f} ms, before {before_ms[name][0]:.1f} ms, "
                  f"{kg_ms[name][1]} rows", flush=True)
        floors = {n: floor(store, raw, n, args.runs) for n in sorted({kg_ms[q][1] for q in full} | {kg_ms[q][1] for q in questions})}
        print(_load(), flush=True)
        rd: dict[str, tuple[float, int] | None] = {}
        if not args.no_rdflib:
            jobs = [(f"{name}", text) for name, text in [*full.items(), *questions.items()]]
            jobs += [(f"{name} (before)", text) for name, text in [*full_before.items(), *questions_before.items()]]
            rd = rdflib_times(store, jobs, args.rdflib_runs, args.rdflib_timeout)
            print(_load(), flush=True)

    timeout_ms = args.rdflib_timeout * 1000
    for title, names in (("full dumps (every row)", list(full)), ("competency questions (parameters)", list(questions))):
        print(f"\n{title}: median of {args.runs} runs, ms, all rows read (rdflib: of {args.rdflib_runs}; before: of "
              f"{args.before_runs}, old texts on kg's old query path)")
        print(f"{'query':<20} {'rows':>6} {'kg':>8} {'raw ox':>8} {'kg/raw':>6} {'floor':>6} {'before':>8} "
              f"{'rdflib':>8} {'rdflib b.':>9} {'rdflib/kg':>9}  targets")
        for name in names:
            k, n = kg_ms[name]
            r, _ = raw_ms[name]
            same, old = rd.get(name), rd.get(f"{name} (before)")
            shown = [m[0] for m in (same, old) if m]
            best = min(shown) if shown else None
            if args.no_rdflib:
                best = None
            cell = lambda m: f"{m[0]:.0f}" if m else ("-" if args.no_rdflib else f">{args.rdflib_timeout:.0f}s")  # noqa: E731
            ratio = f"{best / k:.0f}x" if best else ("-" if args.no_rdflib else f">{timeout_ms / k:.0f}x")
            verdict = _verdict(k, r, best, timeout_ms) if not args.no_rdflib else _verdict(k, r, None, 0).replace(
                ">=10x MISSED", ">=10x not measured")
            for m in (same, old):
                if m and m[1] != n:
                    verdict += f" (rdflib rows {m[1]})"
            print(f"{name:<20} {n:>6} {k:>8.1f} {r:>8.1f} {k / r:>6.2f} {floors[n][1]:>6.0f} {before_ms[name][0]:>8.0f} "
                  f"{cell(same):>8} {cell(old):>9} {ratio:>9}  {verdict}")
    print("\nfloor: kg's time to read that many rows of `SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT N` (raw pyoxigraph: "
          + ", ".join(f"{n} rows {f[0]:.0f} ms" for n, f in floors.items()) + ")")
    print("rdflib/kg: the faster of rdflib's two figures (same text, before text) over kg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
