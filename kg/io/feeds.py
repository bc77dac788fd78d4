"""RSS and Atom feeds as an input: one article per entry (feedparser reads the feed; no network)."""

from __future__ import annotations

from typing import Iterator

from kg.errors import Errors, KGError
from kg.io.articles import Rejection, article_from_meta
from kg.io.html import html_text

__all__ = ["read_feed"]


def read_feed(text: str, source: str) -> Iterator[object]:
    """Articles from a feed document already read from disk."""
    try:
        import feedparser
    except ImportError as err:  # optional dependency
        raise KGError(Errors.E018, path=source, reason="install kg[feeds] to read RSS/Atom") from err
    parsed = feedparser.parse(text)
    if parsed.bozo and not parsed.entries:
        raise KGError(Errors.E018, path=source, reason=str(parsed.get("bozo_exception", "malformed feed")))
    for number, entry in enumerate(parsed.entries, 1):
        content = entry.get("content")
        html = content[0].get("value", "") if content else entry.get("summary", "")
        body = html_text(f"<html><body><article>{html}</article></body></html>") if "<" in html else html
        where = f"{source}#{number}"
        if not body.strip():
            yield Rejection(where, str(KGError(Errors.E002, path=where)))
            continue
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        date = f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}" if published else None
        meta = {"title": entry.get("title"), "url": entry.get("link"), "date": date,
                "source": parsed.feed.get("title"), "lang": (entry.get("language") or parsed.feed.get("language") or "")[:2] or None}
        try:
            yield article_from_meta(body, meta, where)
        except KGError as err:
            yield Rejection(where, str(err))
