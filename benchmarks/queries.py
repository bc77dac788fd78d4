"""Benchmark queries on a 1,000,000-triple kg graph: kg's store vs raw pyoxigraph vs rdflib's memory store.

    python benchmarks/queries.py [--triples 1000000] [--runs 11] [--rdflib-timeout 120] [--no-rdflib]

The graph comes from ``benchmarks/graphdata.py`` (built once under /tmp/kg-bench). Queries: the named queries
``roles`` and ``relations`` and three analytical ones (claims by country, by topic, a 3-hop cooperation path).
Each is run ``--runs`` times, all rows read; the median latency is printed for:

- kg: ``kg.store.Store.query`` (the store every command uses: rdflib API over Oxigraph), rows as rdflib terms;
- raw pyoxigraph: ``pyoxigraph.Store.query`` on the same database, rows as pyoxigraph terms;
- rdflib memory: ``rdflib.Dataset()`` (the default in-memory store, union default graph) loaded with the
  same quads, in a child process so a query that takes too long can be stopped (``> timeout``).

Targets (issue 6): kg median <= 100 ms, >= 10x faster than rdflib memory, within 1.5x of raw pyoxigraph.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
import graphdata  # noqa: E402

from kg.queries import named_query  # noqa: E402
from kg.store import Store  # noqa: E402

PREFIXES = """PREFIX kg: <https://w3id.org/diplokg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX country: <https://w3id.org/diplokg/id/country/>
"""
ANALYTICAL = {
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
TARGET_MS = 100.0


def queries() -> dict[str, str]:
    return {"roles": named_query("roles"), "relations": named_query("relations"), **ANALYTICAL}


def _median(fn: Callable[[], int], runs: int) -> tuple[float, int]:
    fn()  # warm (caches, lazy imports)
    times, n = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, n


def _rdflib_child(nquads: str, texts: dict[str, str], runs: int, out: Any) -> None:
    from rdflib import Dataset

    t = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    out.put(("loaded", time.perf_counter() - t, len(ds)))
    for name, text in texts.items():
        ms, n = _median(lambda: sum(1 for _ in ds.query(text)), runs)
        out.put((name, ms, n))


def rdflib_times(store: Store, texts: dict[str, str], runs: int, timeout: float) -> dict[str, tuple[float, int] | None]:
    """Median ms per query on rdflib's memory store (None: over ``timeout`` seconds for one query)."""
    path = Path(tempfile.gettempdir()) / "kg-bench" / "graph-1m.nq"
    if not path.exists():
        with path.open("wb") as f:
            ox.serialize(store.raw().quads_for_pattern(None, None, None, None), f, ox.RdfFormat.N_QUADS)
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_rdflib_child, args=(str(path), texts, max(1, runs // 5), queue), daemon=True)
    child.start()
    found: dict[str, tuple[float, int] | None] = {name: None for name in texts}
    try:
        kind, seconds, size = queue.get(timeout=1800)
        print(f"rdflib memory: loaded {size} quads in {seconds:.0f} s")
        for _ in texts:
            # Warm-up plus the runs: allow (runs + 1) * timeout, then give up on the rest.
            name, ms, n = queue.get(timeout=timeout * (max(1, runs // 5) + 1))
            found[name] = (ms, n)
    except Exception:  # noqa: BLE001 - queue.Empty: the query did not finish in time
        pass
    finally:
        child.kill()
        child.join()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds per rdflib query")
    parser.add_argument("--no-rdflib", action="store_true")
    args = parser.parse_args(argv)
    texts = queries()
    with graphdata.build(graphdata.DEFAULT_STORE, args.triples) as store:
        print(f"graph: {store.triple_count()} data triples ({store.triple_count(include_ontology=True)} with the ontology)")
        raw = store.raw()
        kg_ms: dict[str, tuple[float, int]] = {}
        raw_ms: dict[str, tuple[float, int]] = {}
        for name, text in texts.items():
            kg_ms[name] = _median(lambda: sum(1 for _ in store.query(text)), args.runs)
            raw_ms[name] = _median(lambda: sum(1 for row in raw.query(text, use_default_graph_as_union=True)  # type: ignore[union-attr]
                                               if tuple(row) is not None), args.runs)
            assert kg_ms[name][1] == raw_ms[name][1], (name, kg_ms[name], raw_ms[name])
        rd: dict[str, tuple[float, int] | None] = {name: None for name in texts}
        if not args.no_rdflib:
            rd = rdflib_times(store, texts, args.runs, args.rdflib_timeout)
    print(f"\nmedian of {args.runs} runs, ms (all rows read)")
    print(f"{'query':<10} {'rows':>8} {'kg':>9} {'raw ox':>9} {'rdflib mem':>11} {'kg/raw':>7} {'rdflib/kg':>10}  targets")
    for name in texts:
        k, n = kg_ms[name]
        r, _ = raw_ms[name]
        m = rd.get(name)
        mem = f"{m[0]:.0f}" if m else f"> {args.rdflib_timeout:.0f}s"
        speedup = f"{m[0] / k:.0f}x" if m else f"> {args.rdflib_timeout * 1000 / k:.0f}x"
        fast = m is None or m[0] / k >= 10
        verdict = ", ".join([f"<=100ms {'met' if k <= TARGET_MS else 'MISSED'}", f">=10x {'met' if fast else 'MISSED'}",
                             f"<=1.5x raw {'met' if k <= 1.5 * r else 'MISSED'}"])
        if m and m[1] != n:
            verdict += f" (rdflib rows {m[1]})"
        print(f"{name:<10} {n:>8} {k:>9.1f} {r:>9.1f} {mem:>11} {k / r:>7.2f} {speedup:>10}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
