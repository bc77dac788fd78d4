"""Extractors: generators over a processed ``Doc`` that yield typed records, with no side effects.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline("uk")("Президент України Володимир Зеленський зустрівся з прем’єр-міністеркою Японії Санае Такаїчі.")
>>> sorted((r.name, r.role, r.country) for r in extract_roles(doc))
[('Володимир Зеленський', 'president', 'UA'), ('Санае Такаїчі', 'prime_minister', 'JP')]
>>> [(r.a, r.b, r.type) for r in extract_relations(doc)]
[('JP', 'UA', 'cooperation')]
"""

from spacy.tokens import Doc

from kg.extract.decide import decide_relations
from kg.extract.persons import extract_roles, find_persons
from kg.extract.records import Assertion, Evidence, RelationAssertion, RoleAssertion
from kg.extract.relations import extract_relations
from kg.extract.wars import implied_wars

__all__ = ["extract_roles", "extract_relations", "relations_of", "find_persons", "Assertion", "Evidence",
           "RelationAssertion", "RoleAssertion"]


def relations_of(doc: Doc) -> list[RelationAssertion]:
    """The article's relations: the rules propose (sentence by sentence), the shipped model decides which pairs the
    article states (:mod:`kg.extract.decide`), and wars named by one side add their conflict (:mod:`kg.extract.wars`)."""
    kept = decide_relations(doc, list(extract_relations(doc)))
    return kept + list(implied_wars(doc, kept))
