"""Print the real-news figures of the README's evaluation table: F1 (precision / recall) per part and language.

    python tools/real_figures.py            # blind, dev, their full-length stories, annotator agreement
    python tools/real_figures.py --dev      # the dev part only (what error analysis may look at)

The texts must be restored first (evaluation/real/README.md); missing texts are named and left out. The full-length
stories are those taken whole from a public data set (their gold's "found" names a repository; the others are
excerpts found through the pages corpus). Only aggregates are printed: the blind part's misses are never listed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluation import EvalReport, agreement, evaluate  # noqa: E402

REAL = ROOT / "evaluation" / "real"
KINDS = ("roles", "pairs", "topics")


def long_stories(part: str) -> Path:
    """A temporary folder with the gold files of the part's full-length stories."""
    folder = Path(tempfile.mkdtemp(prefix=f"kg-{part}-long-"))
    for path in sorted((REAL / part / "gold").glob("*.json")):
        if "repo" in json.loads(path.read_text(encoding="utf-8")).get("found", {}):
            shutil.copy(path, folder / path.name)
    return folder


def rows(name: str, report: EvalReport) -> list[str]:
    out = []
    for lang in ("uk", "en"):
        kinds = report.scores.get(lang)
        if not kinds or not kinds["pairs"].gold:
            continue
        cells = [f"{kinds[k].f1:.3f} ({kinds[k].precision:.3f} / {kinds[k].recall:.3f})" for k in KINDS]
        out.append(f"| {name} | {lang} | " + " | ".join(cells) + f" | {kinds['pairs'].gold} |")
    if report.missing:
        print(f"{name}: {len(report.missing)} texts missing (not scored): {', '.join(report.missing[:5])} ...",
              file=sys.stderr)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", action="store_true", help="the dev part only")
    args = parser.parse_args()
    parts = ["dev"] if args.dev else ["blind", "dev"]
    lines = ["| part | lang | roles | country pairs (+type) | topics | gold pairs |", "|---|---|---:|---:|---:|---:|"]
    for part in parts:
        articles = REAL / part / "articles"
        lines += rows(part, evaluate(REAL / part / "gold", articles))
        long = long_stories(part)
        try:
            if any(long.iterdir()):
                lines += rows(f"{part}, full-length", evaluate(long, articles))
        finally:
            shutil.rmtree(long)
    lines += rows("agreement (second annotator)", agreement(REAL / "dev" / "gold", REAL / "agreement" / "gold"))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
