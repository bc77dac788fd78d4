"""The real-news evaluation set: add an annotated text to the git-ignored cache, check the cache, restore it.

Real articles are not ours to redistribute: the repository holds only our annotations
(``evaluation/real/<part>/gold/<id>.json``, each with the text's URL, where it was found and its SHA-256); the
texts live in ``evaluation/real/<part>/articles/`` (git-ignored). See ``evaluation/real/README.md``.

    python tools/real_news.py add --lang en --id rn-en-a01 --url URL --outlet Reuters \\
        --found '{"corpus": "pages", "query": "..."}' --file /tmp/text.txt [--date 2026-03-01] [--title T]
    python tools/real_news.py check                  # every gold file has its text, with the right SHA-256
    python tools/real_news.py restore-search RESULTS.json   # texts from saved `search` answers (pages corpus)
    python tools/real_news.py restore-repo MIRROR_GIT_DIR    # texts from a fetched repository snapshot
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "evaluation" / "real"
PARTS = ("dev", "blind", "agreement")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def part_for(digest: str) -> str:
    """The blind part is fixed by the text's hash, so nobody chooses which articles go there (6 of 16: 37.5%)."""
    return "blind" if digest[0] in "012345" else "dev"


def gold_files() -> list[tuple[str, Path]]:
    return [(part, path) for part in ("dev", "blind") for path in sorted((ROOT / part / "gold").glob("*.json"))]


def write_text(part: str, gold: dict, text: str) -> Path:
    folder = ROOT / part / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{gold['id']}.txt"
    path.write_text(text, encoding="utf-8")
    meta = {"title": gold.get("title") or text.strip().split("\n", 1)[0][:200], "date": gold.get("date"),
            "lang": gold["lang"], "source": gold.get("outlet"), "url": gold.get("url")}
    (folder / f"{gold['id']}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return path


def add(args: argparse.Namespace) -> None:
    text = Path(args.file).read_text(encoding="utf-8")
    digest = sha256(text)
    for _, path in gold_files():
        other = json.loads(path.read_text(encoding="utf-8"))
        if other.get("url") == args.url or other.get("sha256") == digest:
            sys.exit(f"already in the set as {other['id']} ({path})")
    part = part_for(digest)
    # The headline stays in the cache's meta file only: nothing of a real article's text goes into the repository.
    gold = {"id": args.id, "lang": args.lang, "date": args.date, "url": args.url,
            "outlet": args.outlet, "found": json.loads(args.found), "sha256": digest, "chars": len(text),
            "persons": [], "relations": []}
    gold_path = ROOT / part / "gold" / f"{args.id}.json"
    if gold_path.exists():
        sys.exit(f"{gold_path} exists")
    gold_path.parent.mkdir(parents=True, exist_ok=True)
    write_text(part, {**gold, "title": args.title}, text)
    gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.id}: part {part}, {len(text)} chars, sha256 {digest[:12]}; annotate {gold_path}")


def check(_: argparse.Namespace) -> None:
    missing = wrong = 0
    for part, path in gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        text_path = ROOT / part / "articles" / f"{gold['id']}.txt"
        if not text_path.exists():
            missing += 1
            print(f"missing  {part}/{gold['id']}  {gold['url']}")
        elif sha256(text_path.read_text(encoding="utf-8")) != gold["sha256"]:
            wrong += 1
            print(f"changed  {part}/{gold['id']}  {gold['url']}")
    total = len(gold_files())
    print(f"{total - missing - wrong} of {total} texts present and unchanged; {missing} missing, {wrong} changed")
    sys.exit(1 if missing or wrong else 0)


def _restore(candidates: dict[str, str], key: str) -> None:
    restored = 0
    for part, path in gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = candidates.get(gold.get(key) or "")
        if text is None:
            continue
        if sha256(text) != gold["sha256"]:
            print(f"differs  {gold['id']}: the source now gives another text (sha256 {sha256(text)[:12]})")
            continue
        write_text(part, gold, text)
        restored += 1
    print(f"restored {restored} texts")


def restore_search(args: argparse.Namespace) -> None:
    """RESULTS.json: one or more answers of the search tool (corpus pages), as saved, a JSON object or a list."""
    data = json.loads(Path(args.results).read_text(encoding="utf-8"))
    answers = data if isinstance(data, list) else [data]
    _restore({r["url"]: r["excerpt"] for a in answers for r in a.get("results", []) if "url" in r}, "url")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """A Markdown file's front matter (``---`` lines; ``key: value``, double-quoted values unquoted) and its body."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    meta = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        if sep and not line.startswith((" ", "\t")):
            value = value.strip()
            if value.startswith('"'):
                value = json.loads(value[: value.rindex('"') + 1])
            meta[key.strip()] = value
    return meta, "\n".join(lines[end + 1:])


def assemble(text: str, found: dict) -> str:
    """The annotated text from a repository file, as ``found`` says:

    - nothing more: the whole file;
    - ``line`` (1-based) and ``field`` (default ``text``): that key of that JSONL record;
    - ``fields`` (a list of keys): the JSON record's (the file, or its ``line``) values joined by a blank line, a
      list value's items likewise (e.g. ``["title", "body_paragraphs"]``);
    - ``front_matter`` (a key, e.g. ``"title"``): a Markdown file with front matter, as that key's value, a blank
      line and the body (surrounding blank lines and spaces removed).
    """
    if "front_matter" in found:
        meta, body = front_matter(text)
        return f"{meta[found['front_matter']]}\n\n{body.strip()}"
    if "line" in found or "fields" in found:
        record = json.loads(text.splitlines()[found["line"] - 1] if "line" in found else text)
        if "fields" not in found:
            return record[found.get("field", "text")]
        parts = []
        for key in found["fields"]:
            value = record[key]
            parts.extend(value if isinstance(value, list) else [value])
        return "\n\n".join(parts)
    return text


def restore_repo(args: argparse.Namespace) -> None:
    """Texts whose gold says found = {"repo", "commit", "path", ...} from a fetched snapshot (see ``assemble``)."""
    candidates: dict[str, str] = {}
    for _, path in gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        found = gold.get("found", {})
        if "repo" not in found:
            continue
        blob = subprocess.run(["git", "--git-dir", args.git_dir, "show", f"{found['commit']}:{found['path']}"],
                              capture_output=True, check=False)
        if blob.returncode:
            continue
        candidates[gold["id"]] = assemble(blob.stdout.decode("utf-8"), found)
    _restore(candidates, "id")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(required=True)
    p = sub.add_parser("add")
    for name in ("lang", "id", "url", "outlet", "found", "file"):
        p.add_argument(f"--{name}", required=True)
    p.add_argument("--date")
    p.add_argument("--title")
    p.set_defaults(run=add)
    sub.add_parser("check").set_defaults(run=check)
    p = sub.add_parser("restore-search")
    p.add_argument("results")
    p.set_defaults(run=restore_search)
    p = sub.add_parser("restore-repo")
    p.add_argument("git_dir")
    p.set_defaults(run=restore_repo)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
