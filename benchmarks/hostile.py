"""Benchmark hostile input (issue 15): time per KB of extraction on runs of punctuation, symbols and over-long
tokens, beside a normal article of the same size.

    python benchmarks/hostile.py [--kb 64]

Each case goes the way `kg ingest` takes it: `make_article` (normalisation, which bounds runs and tokens, and
language identification) then extraction (`kg.pipeline.extraction.extract_article`). A case refused as no
language (E024) counts the time until the refusal. Target: no case costs much more per KB than normal text; a
1 MB run of "=" is read or refused in about the time of a 1 MB article.
"""

from __future__ import annotations

import argparse
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

from kg.errors import KGError  # noqa: E402
from kg.io.articles import make_article  # noqa: E402
from kg.pipeline.extraction import extract_article  # noqa: E402

LEAD = "Japan and Ukraine signed a defence agreement in Tokyo on Tuesday.\n"


def cost(text: str) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        extract_article(make_article(text))
        outcome = "read"
    except KGError as err:
        outcome = err.code
    return time.perf_counter() - started, outcome


def normal_text(size: int) -> str:
    parts, total, n = [], 0, 0
    for article in generate.articles(100_000, seed=3, uk_share=0.0):
        if article["lang"] != "en":
            continue
        parts.append(article["text"])
        total += len(article["text"]) + 1
        n += 1
        if total >= size:
            break
    return "\n".join(parts)[:size]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=64)
    args = parser.parse_args()
    size = args.kb * 1024
    extract_article(make_article(LEAD))  # warm the pipeline
    normal, _ = cost(normal_text(size))
    per_kb = normal / args.kb * 1000
    print(f"normal English text, {args.kb} KB: {normal:.2f} s ({per_kb:.1f} ms/KB)")
    cases = {f"run of {c!r}": LEAD + c * size for c in string.punctuation}
    cases.update({f"run of {c!r}": LEAD + c * size for c in "…—«»•═·¶§€"})
    cases.update({
        "mixed '-=' run": LEAD + "-=" * (size // 2),
        "'!?' run": LEAD + "!?" * (size // 2),
        "one long token of letters": LEAD + "a" * size,
        "one long URL-like token": LEAD + "http://" + "ab/" * (size // 3),
        "separator lines of '='": LEAD + ("=" * 79 + "\n") * (size // 80),
        "emoji run": LEAD + "\U0001F600" * (size // 4),
    })
    worst = 0.0
    for name, text in cases.items():
        seconds, outcome = cost(text)
        ratio = (seconds / args.kb * 1000) / per_kb
        worst = max(worst, ratio)
        print(f"{name:32s} {seconds * 1000:8.1f} ms  {seconds / args.kb * 1000:6.2f} ms/KB  {ratio:5.2f}x normal  {outcome}")
    big_run, outcome = cost("=" * (1024 * 1024))
    big_line, line_outcome = cost(LEAD + "Talks went on. " * (1024 * 1024 // 15))
    print(f"1 MB run of '=': {big_run:.3f} s ({outcome}), {big_run / (per_kb / 1000 * 1024):.4f}x a 1 MB article "
          f"at the normal rate; 1 MB line of short sentences: {big_line:.2f} s ({line_outcome})")
    print(f"worst case per KB: {worst:.2f}x normal text (target: not much above 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
