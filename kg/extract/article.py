"""What one article says, read whole: its relations after the rules proposed them sentence by sentence, the model
decided which pairs the article states, and wars named by one side added their conflict.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline("en")("Russia is named here. Ukraine heads into another winter of Russian attacks.")
>>> [(r.a, r.b, r.type) for r in relations_of(doc)]
[('RU', 'UA', 'conflict')]
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.decide import decide_relations
from kg.extract.records import RelationAssertion
from kg.extract.relations import extract_relations
from kg.extract.topics import assign_topics
from kg.extract.wars import implied_wars

__all__ = ["relations_of"]


def relations_of(doc: Doc) -> list[RelationAssertion]:
    """The article's relations: the rules propose (sentence by sentence), the shipped model decides which pairs the
    article states (:mod:`kg.extract.decide`), and wars named by one side add their conflict (:mod:`kg.extract.wars`)."""
    kept = decide_relations(doc, list(extract_relations(doc)))
    return assign_topics(doc, kept + list(implied_wars(doc, kept)))
