"""Benchmark ``kg ingest`` end to end: N generated articles into a fresh on-disk store (the default kind).

    python benchmarks/ingest.py [--n 10000] [--workers N] [--data DIR] [--keep]

Generates the articles once (``benchmarks/generate.py``, under /tmp/kg-bench), runs ``kg ingest`` in a child
process and prints wall time, articles/s, CPU seconds (split between the writer, i.e. the ``kg ingest`` process
with Oxigraph's threads, and its extraction workers, from samples of their CPU times), peak RSS
(``resource.getrusage`` of the children: the largest of the writer and its workers), the writer's RSS sampled
during the run (flat = streaming), and the load average before and after (the machine may be shared).
Targets (issue 6): 10,000 articles in <= 3 minutes, peak RSS <= 2 GiB.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

TARGET_SECONDS = 180.0
TARGET_RSS = 2 * 1024 ** 3


def _tree_sample(pid: int, workers_cpu: dict[int, float]) -> tuple[int, int, float]:
    """(RSS of the process, RSS of it and its children, its CPU seconds); the children's CPU seconds are kept
    in ``workers_cpu`` by pid (a worker's last sample stands for it once it is gone). Zeros without psutil."""
    try:
        import psutil
    except ImportError:
        return 0, 0, 0.0
    try:
        proc = psutil.Process(pid)
        own = proc.memory_info().rss
        times = proc.cpu_times()
        tree = own
        for child in proc.children(recursive=True):
            try:
                tree += child.memory_info().rss
                t = child.cpu_times()
                workers_cpu[child.pid] = t.user + t.system
            except psutil.Error:
                pass
        return own, tree, times.user + times.system
    except psutil.Error:
        return 0, 0, 0.0


def data_for(n: int, data: Path | None, fmt: str = "txt") -> Path:
    path = data or Path(tempfile.gettempdir()) / "kg-bench" / (f"articles-{n}" + (".jsonl" if fmt == "jsonl" else ""))
    if not path.exists():
        t = time.perf_counter()
        generate.write(path, n, fmt=fmt)
        print(f"generated {n} articles in {time.perf_counter() - t:.1f} s: {path}")
    return path


def run(n: int, workers: int | None, data: Path, keep: bool) -> dict[str, float]:
    store = Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    shutil.rmtree(store)
    cmd = [sys.executable, "-c", "from kg.cli import app; app()", "ingest", str(data), "--store", str(store)]
    if workers:
        cmd += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, int, int]] = []
    workers_cpu: dict[int, float] = {}
    writer_cpu = 0.0
    while proc.poll() is None:
        time.sleep(1.0)
        own, tree, cpu_own = _tree_sample(proc.pid, workers_cpu)
        if own:
            samples.append((time.perf_counter() - start, own, tree))
            writer_cpu = cpu_own
    wall = time.perf_counter() - start
    out, err = proc.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        print(err[-2000:], file=sys.stderr)
        raise SystemExit(f"kg ingest failed with {proc.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = after.ru_maxrss * 1024  # KiB on Linux: the largest child (writer or a worker)
    size = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
    print(out.strip())
    print(f"workers {workers or 'default (cores available)'}, load average before {load:.2f}, "
          f"after {os.getloadavg()[0]:.2f}")
    print(f"wall {wall:.1f} s, {n / wall:.1f} articles/s, CPU {cpu:.1f} s ({n / cpu:.1f} articles per CPU-second, "
          f"{cpu / wall:.2f} cores busy on average)")
    if writer_cpu:
        workers_total = sum(workers_cpu.values())
        print(f"CPU by process (sampled every second): writer {writer_cpu:.1f} s "
              f"({writer_cpu / n * 1000:.1f} ms/article), workers {workers_total:.1f} s "
              f"({workers_total / n * 1000:.1f} ms/article)")
    print(f"peak RSS (largest process) {peak / 2**20:.0f} MiB; store on disk {size / 2**20:.0f} MiB")
    if samples:
        marks = [samples[int(i * (len(samples) - 1) / 4)] for i in range(5)]
        print("writer RSS / all processes over the run: " + ", ".join(
            f"{t:.0f}s {own / 2**20:.0f}/{tree / 2**20:.0f} MiB" for t, own, tree in marks))
    print(f"target wall <= {TARGET_SECONDS:.0f} s: {'met' if wall <= TARGET_SECONDS else 'MISSED'} "
          f"(ratio {wall / TARGET_SECONDS:.2f}); target peak RSS <= 2 GiB: "
          f"{'met' if peak <= TARGET_RSS else 'MISSED'} (ratio {peak / TARGET_RSS:.2f})")
    if keep:
        print(f"store kept: {store}")
    else:
        shutil.rmtree(store, ignore_errors=True)
    return {"wall": wall, "cpu": cpu, "peak": peak}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--data", type=Path, default=None, help="articles to ingest (default: generated)")
    parser.add_argument("--format", choices=["txt", "jsonl"], default="txt")
    parser.add_argument("--keep", action="store_true", help="keep the store")
    args = parser.parse_args(argv)
    run(args.n, args.workers, data_for(args.n, args.data, args.format), args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
