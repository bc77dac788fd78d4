"""Benchmark extraction (issue 3): articles/s and words/s of the default pipeline on generated articles,
in this process and on 1 vs N worker processes (the path ``kg ingest --workers N`` takes).

    python benchmarks/extract.py [--n 2000] [--workers 1,2] [--profile]

Prints wall and CPU figures (the CPU figures hold on a busy machine; wall figures need it idle), the time split
between the NLP pipeline + rules and the RDF graph, and with ``--profile`` the top of a cProfile of extraction.
Target (issue 3): >= 100 articles/s on 2 cores.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

from kg.io.articles import make_article  # noqa: E402
from kg.pipeline.extraction import assertions_of  # noqa: E402
from kg.pipeline.parallel import available_cores, extract_parallel, preload  # noqa: E402
from kg.graph.rdf import article_graph  # noqa: E402

TARGET = 100.0


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--workers", default=f"1,{available_cores()}")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    t = time.perf_counter()
    articles = [make_article(a["text"], lang=a["lang"]) for a in generate.articles(args.n, seed=11)]
    words = sum(len(a.text.split()) for a in articles)
    print(f"{args.n} generated articles ({sum(a.lang == 'uk' for a in articles)} uk), {words / args.n:.0f} words each; "
          f"read in {time.perf_counter() - t:.1f} s; {available_cores()} cores, load average {os.getloadavg()[0]:.2f}")
    t = time.perf_counter()
    preload()
    print(f"pipelines built in {time.perf_counter() - t:.1f} s (once per process; forked workers inherit them)")

    # In this process: the NLP pipeline and rules, then the RDF graph.
    c, t = _cpu(resource.RUSAGE_SELF), time.perf_counter()
    found = [assertions_of(a) for a in articles]
    nlp_wall, nlp_cpu = time.perf_counter() - t, _cpu(resource.RUSAGE_SELF) - c
    c, t = _cpu(resource.RUSAGE_SELF), time.perf_counter()
    for a, f in zip(articles, found):
        article_graph(a, f)
    rdf_wall, rdf_cpu = time.perf_counter() - t, _cpu(resource.RUSAGE_SELF) - c
    n = args.n
    print(f"in process: pipeline+rules {nlp_cpu / n * 1000:.1f} ms CPU/article, RDF graph {rdf_cpu / n * 1000:.2f} ms CPU/article")
    print(f"in process: {n / (nlp_wall + rdf_wall):.1f} articles/s, {words / (nlp_wall + rdf_wall):,.0f} words/s wall; "
          f"{n / (nlp_cpu + rdf_cpu):.1f} articles per CPU-second")

    rates = {}
    for w in [int(x) for x in args.workers.split(",")]:
        c_self, c_kids, t = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
        if w == 1:
            from kg.pipeline.parallel import extract_to_ntriples

            count = sum(1 for a in articles if extract_to_ntriples(a))
        else:
            count = sum(1 for _ in extract_parallel(iter(articles), w))
        wall = time.perf_counter() - t
        cpu = _cpu(resource.RUSAGE_SELF) - c_self + _cpu(resource.RUSAGE_CHILDREN) - c_kids
        rates[w] = count / wall
        print(f"workers {w}: {count / wall:.1f} articles/s, {words / wall:,.0f} words/s wall; CPU {cpu:.1f} s "
              f"({count / cpu:.1f} articles per CPU-second)")
    if len(rates) > 1:
        base = rates[min(rates)]
        print("scaling: " + ", ".join(f"{w} workers {r / base:.2f}x" for w, r in sorted(rates.items())))
    best = max(rates.values())
    print(f"target >= {TARGET:.0f} articles/s on 2 cores: {'met' if best >= TARGET else 'MISSED'} (ratio {best / TARGET:.2f})")

    if args.profile:
        sample = articles[: min(300, n)]
        prof = cProfile.Profile()
        prof.enable()
        for a in sample:
            article_graph(a, assertions_of(a))
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
