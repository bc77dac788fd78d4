"""The text and title of an HTML page (trafilatura: the article's main text, no menus, scripts or styles)."""

from __future__ import annotations

__all__ = ["html_text", "html_title"]


def html_text(html: str) -> str:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    return text or ""


def html_title(html: str) -> str | None:
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    return meta.title if meta is not None and meta.title else None
