"""The Article record: what every reader produces and the pipeline consumes.

>>> a = make_article("Президент України Володимир Зеленський зустрівся з прем’єр-міністеркою Японії.")
>>> a.lang, len(a.id)
('uk', 64)
>>> detect_lang("Japan and Ukraine signed a defence agreement on Tuesday.")
'en'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from kg.errors import Errors, KGError
from kg.io.language import SUPPORTED_LANGS, identify
from kg.io.text import content_hash, normalise_line, normalise_text

__all__ = ["Article", "Rejection", "make_article", "article_from_meta", "detect_lang", "SUPPORTED_LANGS"]


@dataclass(frozen=True)
class Article:
    """One news article, identified by the SHA-256 of its normalised text."""

    id: str
    text: str
    lang: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date
    url: str | None = None
    source: str | None = None
    source_file: str | None = None


def detect_lang(text: str) -> str:
    """'uk' or 'en' (:func:`kg.io.language.identify`); raises E010 for another language, E024 for none."""
    return identify(text)


def _title_of(text: str) -> str | None:
    first, _, rest = text.partition("\n")
    first = first.strip()
    return first if rest.strip() and 0 < len(first) <= 300 else None


def _iso_date(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError as err:
        raise ValueError(f"date {value!r} is not ISO 8601 (YYYY-MM-DD)") from err


def make_article(text: str, *, lang: str | None = None, title: str | None = None, date: str | None = None,
                 url: str | None = None, source: str | None = None, source_file: str | None = None) -> Article:
    """Normalise ``text`` and build its :class:`Article` (language detected when not given)."""
    clean = normalise_text(text)
    if not clean:
        raise KGError(Errors.E002, path=source_file or "<text>")
    # Metadata is article data too: one line each, no control characters (they would break RDF/XML exports).
    title, source, url = (normalise_line(v) if v else None for v in (title, source, url))
    if source_file:
        source_file = re.sub("[\x00-\x1f\x7f\ud800-\udfff]", lambda m: repr(m.group(0))[1:-1], source_file)
    lang = (lang or detect_lang(clean)).lower()
    if lang not in SUPPORTED_LANGS:
        raise KGError(Errors.E010, lang=repr(lang), supported=", ".join(SUPPORTED_LANGS))
    return Article(
        id=content_hash(clean), text=clean, lang=lang, title=title or _title_of(clean), date=_iso_date(date),
        url=url or None, source=source or None, source_file=source_file,
    )


def with_source(article: Article, source_file: str) -> Article:
    return replace(article, source_file=source_file)


_ONE_LINE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


@dataclass(frozen=True)
class Rejection:
    """A file or line that could not become an article, and why (one line, with its error code)."""

    source: str
    message: str

    def __post_init__(self) -> None:
        # One line, always: control characters (a newline in a file name, say) are shown escaped; and the
        # message names its source even when the error's template does not (E010, for one).
        message = _ONE_LINE.sub(lambda m: repr(m.group(0))[1:-1], self.message)
        source = _ONE_LINE.sub(lambda m: repr(m.group(0))[1:-1], self.source)
        if source not in message:
            message = f"{message}: {source}"
        object.__setattr__(self, "message", message)


def article_from_meta(text: str, meta: dict[str, object], source_file: str) -> Article:
    def field(name: str) -> str | None:
        value = meta.get(name)
        return None if value is None else str(value)

    try:
        return make_article(text, lang=field("lang"), title=field("title"), date=field("date"), url=field("url"),
                            source=field("source"), source_file=source_file)
    except ValueError as err:
        raise KGError(Errors.E017, path=source_file, reason=str(err)) from err
