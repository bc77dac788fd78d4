"""Per-Doc look-up tables over the span groups the pipeline assigned (built once per Doc, then reused).

Extractors ask "which polity covers token i?" or "which role ends at token j?" thousands of times per
article; scanning a SpanGroup each time creates a Span object per element, so the answers are indexed once.
"""

from __future__ import annotations

import functools
import re

from typing import Any

from spacy.tokens import Doc, Span

from kg.nlp.pipeline import LEMMAS_KEY
from kg.io.text import lookup_key

__all__ = ["sentences", "sent_bounds", "sentence", "spans", "polity_at", "role_ending_at", "role_starting_at", "name_starting_at", "memo",
           "keys", "having", "opens_text"]

_KEY = "kg_index"


def _cache(doc: Doc) -> dict[str, Any]:
    return doc.user_data.setdefault(_KEY, {})  # type: ignore[no-any-return]


def spans(doc: Doc, group: str) -> tuple[Span, ...]:
    """The spans of a group, as a tuple (cached)."""
    cache = _cache(doc)
    key = "spans:" + group
    if key not in cache:
        cache[key] = tuple(doc.spans[group]) if group in doc.spans else ()
    return cache[key]  # type: ignore[no-any-return]


def _table(doc: Doc, name: str, group: str, key: Any) -> dict[int, Span]:
    cache = _cache(doc)
    if name not in cache:
        table: dict[int, Span] = {}
        for span in spans(doc, group):
            for k in key(span):
                table.setdefault(k, span)
        cache[name] = table
    return cache[name]  # type: ignore[no-any-return]


def polity_at(doc: Doc, index: int) -> Span | None:
    return _table(doc, "polity_at", "kg_polity", lambda s: range(s.start, s.end)).get(index)


def role_ending_at(doc: Doc, end: int) -> Span | None:
    return _table(doc, "role_end", "kg_role", lambda s: (s.end,)).get(end)


def role_starting_at(doc: Doc, start: int) -> Span | None:
    return _table(doc, "role_start", "kg_role", lambda s: (s.start,)).get(start)


def name_starting_at(doc: Doc, start: int) -> Span | None:
    return _table(doc, "name_start", "kg_name", lambda s: (s.start,)).get(start)


def keys(doc: Doc) -> list[str]:
    """Every token's look-up key (its lower-case form with ASCII apostrophes), by token index."""
    cache = _cache(doc)
    if "keys" not in cache:
        cache["keys"] = [lookup_key(t.text) for t in doc]
    return cache["keys"]  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=200_000)
def _frozen(lemmas: tuple[str, ...]) -> frozenset[str]:
    return frozenset(lemmas)  # (the same words recur: one set each, not one per token)


def _lemma_sets(doc: Doc) -> list[frozenset[str]]:
    cache = _cache(doc)
    if "lemma_sets" not in cache:
        lemmas = doc.user_data.get(LEMMAS_KEY) or [t._.lemmas for t in doc]  # (kg_morph's list: no look-ups)
        cache["lemma_sets"] = [_frozen(tuple(x)) for x in lemmas]
    return cache["lemma_sets"]  # type: ignore[no-any-return]


def having(doc: Doc, words: frozenset[str] | set[str]) -> list[int]:
    """Indexes of the tokens whose key or one of whose lemmas is among ``words``, in order (cached per word set)."""
    cache = _cache(doc)
    name = ("having", words if isinstance(words, frozenset) else frozenset(words))  # (a frozenset keeps its hash)
    if name not in cache:
        ks, lemmas = keys(doc), _lemma_sets(doc)
        cache[name] = [i for i in range(len(doc)) if ks[i] in words or not lemmas[i].isdisjoint(words)]
    return cache[name]  # type: ignore[no-any-return]


def memo(doc: Doc, name: Any, compute: Any) -> Any:
    """A value computed once per Doc (e.g. the persons both extractors need)."""
    cache = _cache(doc)
    if name not in cache:
        cache[name] = compute()
    return cache[name]


def sentences(doc: Doc) -> tuple[Span, ...]:
    """The Doc's sentences (``Doc.sents`` walks every token each time it is read; this walks them once)."""
    cache = _cache(doc)
    if "sentences" not in cache:
        cache["sentences"] = tuple(doc.sents)
    return cache["sentences"]  # type: ignore[no-any-return]


def sent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """(start, end) of the sentence holding token ``i`` (``Token.sent`` rescans the Doc on every call)."""
    cache = _cache(doc)
    if "sent_of" not in cache:
        table: list[tuple[int, int]] = [(0, 0)] * len(doc)
        for sent in sentences(doc):
            for j in range(sent.start, sent.end):
                table[j] = (sent.start, sent.end)
        cache["sent_of"] = table
    table = cache["sent_of"]
    return table[min(max(i, 0), len(doc) - 1)] if len(doc) else (0, 0)


def sentence(doc: Doc, i: int) -> Span:
    start, end = sent_bounds(doc, i)
    return doc[start:end]


_DATE_MARKER = re.compile(r"\s*date \d{4}-\d{2}-\d{2}\s*")


def opens_text(doc: Doc, i: int) -> bool:
    """Token ``i`` opens its sentence, or follows only a leading date marker ("date 2024-10-26 SEOUL, Oct 26 —",
    as excerpts of stored news pages begin)."""
    start = sent_bounds(doc, i)[0]
    if i == start or all(t.is_space for t in doc[start:i]):
        return True
    return i - start <= 8 and bool(_DATE_MARKER.fullmatch(doc[start:i].text_with_ws))
