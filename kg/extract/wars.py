"""Wars named by one side: "the war against Ukraine", "Russian aggression", "удари росії по Одещині".

The relation rules pair two polities only when one sentence names both. Real news names an ongoing war by one
side and leaves the other implied, having named it elsewhere in the article ("Ukraine heads into another winter
of war"). For the wars listed in ``data/wars.json`` (facts, as data), a conflict word next to one side, in an
article that names the other side too, yields the conflict between the two, once per article, with that
sentence as evidence and a lower confidence than a sentence that names both.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline("en")("Russia said it would talk. Ukraine heads into another winter of Russian attacks.")
>>> [(r.a, r.b, r.type, r.event) for r in implied_wars(doc, [])]
[('RU', 'UA', 'conflict', 'conflict')]
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Iterator

from spacy.tokens import Doc

from kg.extract import index
from kg.extract.records import Evidence, RelationAssertion
from kg.extract.relations import _negated  # the relation rules' own reading of negation
from kg.nlp.morph import lang_data

__all__ = ["implied_wars", "listed_wars"]

_DATA = Path(__file__).resolve().parent / "data" / "wars.json"
# Cue kinds that name fighting itself (not sanctions or protests, which have their own parties).
_FIGHTING = {"conflict", "attack", "clash"}
_REACH = 4  # tokens between the war word and the side it names


@functools.cache
def listed_wars() -> tuple[tuple[str, str], ...]:
    """The sides of each listed war, as ordered pairs of polity codes."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return tuple(tuple(sorted(w["sides"])) for w in data["wars"])  # type: ignore[misc]



def implied_wars(doc: Doc, found: list[RelationAssertion]) -> Iterator[RelationAssertion]:
    """The conflicts of listed wars that the article names by one side, unless a sentence already relates them."""
    related = {(r.a, r.b) for r in found if r.type == "conflict"}
    polities = list(index.spans(doc, "kg_polity"))
    named = {span.kb_id_ for span in polities}
    negations = frozenset(lang_data(doc.lang_)["negation"])
    for a, b in listed_wars():
        if (a, b) in related or not {a, b} <= named:
            continue
        for cue in index.spans(doc, "kg_cue"):
            if cue.label_ != "relation" or cue.kb_id_ not in _FIGHTING or _negated(doc, cue.start, negations):
                continue
            first, last = index.sent_bounds(doc, cue.start)
            near = {s.kb_id_ for s in polities if first <= s.start < last and
                    (0 < cue.start - s.end + 1 <= _REACH or 0 <= s.start - cue.end < _REACH)}
            if near & {a, b}:
                sent = doc[first:last]
                yield RelationAssertion(a, b, "conflict", Evidence(sent.text.strip(), sent.start_char, sent.end_char,
                                                                  (cue.text,), 0.5), event="conflict")
                break
