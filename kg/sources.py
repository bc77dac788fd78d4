"""Reading articles from disk: .txt/.md (with an optional ``<name>.meta.json`` beside), .html, .jsonl, feeds.

Every reader yields :class:`Article` records or :class:`Rejection` records (one clear line each), so a batch
goes on past a bad file and the CLI can report all rejections.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from kg.articles import Article, make_article
from kg.errors import Errors, KGError

__all__ = ["Rejection", "Limits", "read_paths", "decode_bytes", "SUFFIXES"]

SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".xml", ".rss", ".atom"}
META_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class Rejection:
    """A file or line that could not become an article, and why (one line, with its error code)."""

    source: str
    message: str


@dataclass(frozen=True)
class Limits:
    """Input limits (bytes per file, characters per line)."""

    max_bytes: int = 20 * 1024 * 1024
    max_line: int = 1_000_000


def decode_bytes(data: bytes, path: str) -> str:
    """Decode article bytes: BOMs first, then UTF-8, then the Cyrillic code pages news still uses."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise KGError(Errors.E003, path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "koi8_u", "koi8_r", "utf_16", "latin_1"]).best()
    if best is None:
        raise KGError(Errors.E004, path=path)
    text = str(best)
    if best.encoding in ("koi8_r",):
        text = data.decode("koi8_u", errors="strict")
    if _looks_binary(text):
        raise KGError(Errors.E003, path=path)
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or 0x7F <= ord(c) < 0xA0)
    return bad / len(sample) > 0.05


def _read_meta(path: Path) -> dict[str, object]:
    meta_path = path.with_name(path.name[: -len(path.suffix)] + META_SUFFIX)
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise KGError(Errors.E017, path=meta_path, reason=str(err).splitlines()[0]) from err
    if not isinstance(meta, dict):
        raise KGError(Errors.E017, path=meta_path, reason="not a JSON object")
    return meta


def _article(text: str, meta: dict[str, object], source_file: str) -> Article:
    def field(name: str) -> str | None:
        value = meta.get(name)
        return None if value is None else str(value)

    try:
        return make_article(text, lang=field("lang"), title=field("title"), date=field("date"), url=field("url"),
                            source=field("source"), source_file=source_file)
    except ValueError as err:
        raise KGError(Errors.E017, path=source_file, reason=str(err)) from err


def _html_text(html: str) -> str:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    return text or ""


def _html_title(html: str) -> str | None:
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    return meta.title if meta is not None and meta.title else None


def _read_file(path: Path, limits: Limits) -> Iterator[Article | Rejection]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix not in SUFFIXES:
            raise KGError(Errors.E005, suffix=suffix or path.name, path=source)
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise KGError(Errors.E008, limit=limits.max_bytes, size=size, path=source)
        data = path.read_bytes()
        if not data.strip():
            raise KGError(Errors.E002, path=source)
        text = decode_bytes(data, source)
        if suffix == ".jsonl":
            yield from _read_jsonl(text, source, limits)
            return
        if suffix in (".xml", ".rss", ".atom"):
            from kg.feeds import read_feed

            yield from read_feed(text, source)
            return
        for number, line in enumerate(text.split("\n"), 1):
            if len(line) > limits.max_line:
                raise KGError(Errors.E009, path=source, line=number, limit=limits.max_line)
        meta = _read_meta(path)
        if suffix in (".html", ".htm"):
            meta.setdefault("title", _html_title(text))
            text = _html_text(text)
        if not text.strip():
            raise KGError(Errors.E002, path=source)
        yield _article(text, meta, source)
    except KGError as err:
        yield Rejection(source, str(err))
    except OSError as err:
        yield Rejection(source, str(KGError(Errors.E001, path=f"{source} ({err.strerror})")))


def _read_jsonl(text: str, source: str, limits: Limits) -> Iterator[Article | Rejection]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            if len(line) > limits.max_line:
                raise KGError(Errors.E009, path=source, line=number, limit=limits.max_line)
            try:
                record = json.loads(line)
            except ValueError as err:
                raise KGError(Errors.E006, path=source, line=number, reason=str(err)) from err
            if not isinstance(record, dict):
                raise KGError(Errors.E006, path=source, line=number, reason="not an object")
            body = record.get("text")
            if not isinstance(body, str) or not body.strip():
                raise KGError(Errors.E007, path=source, line=number)
            yield _article(body, record, where)
        except KGError as err:
            yield Rejection(where, str(err))


def read_paths(paths: list[str | os.PathLike[str]], limits: Limits | None = None) -> Iterator[Article | Rejection]:
    """Articles from files and folders (folders walked in sorted order; ``*.meta.json`` are sidecars)."""
    limits = limits or Limits()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Rejection(str(path), str(KGError(Errors.E001, path=path)))
            continue
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.endswith(META_SUFFIX) or child.name.startswith("."):
                    continue
                if child.suffix.lower() not in SUFFIXES:
                    continue  # a folder may hold other files (README, images): only articles are read
                yield from _read_file(child, limits)
        else:
            yield from _read_file(path, limits)
