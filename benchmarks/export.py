"""Benchmark exports: the 1,000,000-triple graph of ``benchmarks/graphdata.py`` to Turtle from the default store.

    python benchmarks/export.py [--triples 1000000] [--formats turtle,ntriples,nquads]

Prints seconds, triples/s and file size per format, through ``kg.graph.export.export_to_path`` (what ``kg export``
runs). Target (issue 6): Turtle in <= 10 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import graphdata  # noqa: E402

from kg.graph.export import SUFFIX, export_to_path  # noqa: E402

TARGET_SECONDS = 10.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--formats", default="turtle,ntriples,nquads")
    args = parser.parse_args(argv)
    out = Path(tempfile.mkdtemp(prefix="kg-bench-export-"))
    with graphdata.build(graphdata.DEFAULT_STORE, args.triples) as store:
        n = store.triple_count()
        print(f"graph: {n} data triples")
        for fmt in args.formats.split(","):
            path = out / f"graph.{SUFFIX[fmt]}"
            t = time.perf_counter()
            export_to_path(store, fmt, path)
            seconds = time.perf_counter() - t
            note = ""
            if fmt == "turtle":
                note = f"  target <= {TARGET_SECONDS:.0f} s: {'met' if seconds <= TARGET_SECONDS else 'MISSED'} (ratio {seconds / TARGET_SECONDS:.2f})"
            print(f"{fmt:<9} {seconds:6.1f} s  {n / seconds:>10,.0f} triples/s  {path.stat().st_size / 2**20:6.0f} MiB{note}")
            path.unlink()
    out.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
