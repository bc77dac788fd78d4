"""Reading articles from disk: .txt/.md (with an optional ``<name>.meta.json`` beside), .html, .jsonl, feeds.

Every reader yields :class:`Article` records or :class:`Rejection` records (one clear line each), so a batch
goes on past a bad file and the CLI can report all rejections.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from kg.io.articles import Article, Rejection, article_from_meta
from kg.io.html import html_text, html_title
from kg.errors import Errors, KGError

__all__ = ["Rejection", "Limits", "read_paths", "decode_bytes", "SUFFIXES"]

SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".xml", ".rss", ".atom"}
META_SUFFIX = ".meta.json"





@dataclass(frozen=True)
class Limits:
    """Input limits: ``max_bytes`` per file (.txt, .md, .html, feeds) and per line for .jsonl (a JSONL file is
    streamed line by line, so it may be of any size); ``max_line`` characters per line."""

    max_bytes: int = 20 * 1024 * 1024
    max_line: int = 1_000_000


def decode_bytes(data: bytes, path: str) -> str:
    """Decode article bytes: BOMs first, then UTF-8, then the Cyrillic code pages news still uses."""
    text = _decode(data, path)
    if _looks_binary(text):  # e.g. UTF-16 without BOM and without NUL bytes is valid ASCII/UTF-8
        raise KGError(Errors.E003, path=path)
    return text


def _decode(data: bytes, path: str) -> str:
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8", errors="strict")
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
    except UnicodeDecodeError as err:
        raise KGError(Errors.E004, path=path) from err
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
    if best.encoding in ("cp1251", "koi8_u", "koi8_r"):
        # Short texts fool the detector (KOI8-U "Київ" reads as cp1251 "лЙ§Ч"): of the two Ukrainian code
        # pages, keep the reading that looks like prose (lower-case letters, capitals only at word starts).
        readings = [text] + [data.decode(enc, errors="replace") for enc in ("cp1251", "koi8_u")]
        text = max(readings, key=_cyrillic_score)
    return text


def _cyrillic_score(text: str) -> int:
    score, previous_letter = 0, False
    for c in text[:20000]:
        if "\u0400" <= c <= "\u04ff":
            score += 1 if c.islower() else (-1 if previous_letter else 0)
        elif ord(c) >= 0x80 and not c.isalpha() and c not in "’‘«»„“”—–…№":
            score -= 2  # box drawing, ·, §, ¤ and the like: a wrong code page
        previous_letter = c.isalpha()
    return score


_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    """More than 5% control characters in the first 4,096 (a regex count: a Python loop cost 6 ms a file)."""
    sample = text[:4096]
    if not sample:
        return False
    return len(_CONTROL_CHARS.findall(sample)) / len(sample) > 0.05


def _read_meta(path: Path) -> dict[str, object]:
    meta_path = path.with_name(path.name[: -len(path.suffix)] + META_SUFFIX)
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as err:
        raise KGError(Errors.E017, path=meta_path, reason=(str(err).splitlines() or [type(err).__name__])[0]) from err
    if not isinstance(meta, dict):
        raise KGError(Errors.E017, path=meta_path, reason="not a JSON object")
    return meta


def _read_file(path: Path, limits: Limits) -> Iterator[Article | Rejection]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix not in SUFFIXES:
            raise KGError(Errors.E005, suffix=suffix or path.name, path=source)
        if suffix == ".jsonl":  # streamed line by line: the size limit applies to each line, not the file
            yield from _stream_jsonl(path, source, limits)
            return
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise KGError(Errors.E008, limit=limits.max_bytes, size=size, path=source)
        data = path.read_bytes()
        if not data.strip():
            raise KGError(Errors.E002, path=source)
        text = decode_bytes(data, source)
        if suffix in (".xml", ".rss", ".atom"):
            from kg.io.feeds import read_feed

            entries = 0
            for entry in read_feed(text, source):
                entries += 1
                yield entry  # type: ignore[misc]
            if not entries:
                raise KGError(Errors.E018, path=source, reason="no RSS or Atom entries")
            return
        for number, line in enumerate(text.split("\n"), 1):
            if len(line) > limits.max_line:
                raise KGError(Errors.E009, path=source, line=number, limit=limits.max_line)
        meta = _read_meta(path)
        if suffix in (".html", ".htm"):
            meta.setdefault("title", html_title(text))
            text = html_text(text)
        if not text.strip():
            raise KGError(Errors.E002, path=source)
        yield article_from_meta(text, meta, source)
    except KGError as err:
        yield Rejection(source, str(err))
    except OSError as err:
        yield Rejection(source, str(KGError(Errors.E001, path=f"{source} ({err.strerror})")))


def _jsonl_lines(path: Path, source: str, limits: Limits) -> Iterator[tuple[int, str | KGError]]:
    """``(line number, text or error)`` for each line of a JSONL file, read from the open file one line at a time.

    Memory stays bounded whatever the file's size: a line is read up to ``limits.max_bytes`` bytes (E008 for
    that line past it, the rest of the line skipped unread into memory); each line is decoded on its own (UTF-8,
    else the Cyrillic code pages); a UTF-16 file (BOM) is read through a decoding reader.
    """
    import codecs
    import io

    with path.open("rb") as raw:
        head = raw.read(4096)
        raw.seek(0)
        if not head.strip():
            raise KGError(Errors.E002, path=source)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            reader = io.TextIOWrapper(raw, encoding="utf-16", newline="")
            for number, line in enumerate(iter(lambda: reader.readline(limits.max_line + 1), ""), 1):
                if len(line.rstrip("\r\n")) > limits.max_line:
                    while line and not line.endswith("\n"):
                        line = reader.readline(1 << 20)
                    yield number, KGError(Errors.E009, path=source, line=number, limit=limits.max_line)
                else:
                    yield number, line.rstrip("\r\n")
            return
        if b"\x00" in head:
            raise KGError(Errors.E003, path=source)
        number = 0
        while True:
            data = raw.readline(limits.max_bytes + 1)
            if not data:
                return
            number += 1
            if number == 1 and data.startswith(codecs.BOM_UTF8):
                data = data[3:]
            if len(data.rstrip(b"\r\n")) > limits.max_bytes:
                size = len(data)
                while data and not data.endswith(b"\n"):
                    data = raw.readline(1 << 20)
                    size += len(data)
                yield number, KGError(Errors.E008, limit=limits.max_bytes, size=size, path=f"{source}:{number}")
                continue
            if not data.strip():
                continue
            try:
                yield number, decode_bytes(data, f"{source}:{number}").rstrip("\r\n")
            except KGError as err:
                yield number, err


def _stream_jsonl(path: Path, source: str, limits: Limits) -> Iterator[Article | Rejection]:
    for number, line in _jsonl_lines(path, source, limits):
        if isinstance(line, KGError):
            yield Rejection(f"{source}:{number}", str(line))
        else:
            yield from _read_jsonl_line(line, number, source, limits)


def _read_jsonl(text: str, source: str, limits: Limits) -> Iterator[Article | Rejection]:
    """Articles of JSONL text already in memory (one object per line)."""
    for number, line in enumerate(text.split("\n"), 1):
        yield from _read_jsonl_line(line, number, source, limits)


def _read_jsonl_line(line: str, number: int, source: str, limits: Limits) -> Iterator[Article | Rejection]:
    """Article or rejection of one JSONL line (``number`` counts from 1; blank lines are skipped)."""
    if not line.strip():
        return
    where = f"{source}:{number}"
    try:
        if len(line) > limits.max_line:
            raise KGError(Errors.E009, path=source, line=number, limit=limits.max_line)
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as err:  # RecursionError: "[[[[...]]]]" nested too deep
            raise KGError(Errors.E006, path=source, line=number, reason=str(err).splitlines()[0]) from err
        if not isinstance(record, dict):
            raise KGError(Errors.E006, path=source, line=number, reason="not an object")
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            raise KGError(Errors.E007, path=source, line=number)
        yield article_from_meta(body, record, where)
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
