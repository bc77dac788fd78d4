"""Benchmark start-up (issue 15): how long `kg --help` and a `kg query` on a small store take, beside importing
typer + rich (the floor any typer CLI pays).

    python benchmarks/startup.py [--runs 7]

Each figure is the median wall time of a fresh process. Targets: `kg --help` within 4x of typer + rich; a
`kg query --named roles` on the seed store well under a second.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    kg = shutil.which("kg") or str(Path(sys.executable).parent / "kg")
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "store")
        subprocess.run([kg, "ingest", str(ROOT / "seeds"), "--store", store], check=True, capture_output=True)
        python = timed([sys.executable, "-c", "pass"], args.runs)
        floor = timed([sys.executable, "-c", "import typer, rich.console, rich.table"], args.runs)
        help_ = timed([kg, "--help"], args.runs)
        query = timed([kg, "query", "--named", "roles", "--format", "csv", "--store", store], args.runs)
    print(f"python -c pass:                 {python * 1000:7.0f} ms")
    print(f"import typer + rich:            {floor * 1000:7.0f} ms")
    print(f"kg --help:                      {help_ * 1000:7.0f} ms  ({help_ / floor:.2f}x typer + rich; target <= 4x: "
          f"{'met' if help_ <= 4 * floor else 'NOT met'})")
    print(f"kg query --named roles (seed):  {query * 1000:7.0f} ms  (target well under 1 s: "
          f"{'met' if query < 1.0 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
