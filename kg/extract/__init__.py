"""Extractors: generators over a processed ``Doc`` that yield typed records, with no side effects.

>>> from kg.nlp import load_pipeline
>>> doc = load_pipeline("uk")("Президент України Володимир Зеленський зустрівся з прем’єр-міністеркою Японії Санае Такаїчі.")
>>> sorted((r.name, r.role, r.country) for r in extract_roles(doc))
[('Володимир Зеленський', 'president', 'UA'), ('Санае Такаїчі', 'prime_minister', 'JP')]
>>> [(r.a, r.b, r.type) for r in extract_relations(doc)]
[('JP', 'UA', 'cooperation')]
"""

from kg.extract.persons import extract_roles, find_persons
from kg.extract.records import Assertion, Evidence, RelationAssertion, RoleAssertion
from kg.extract.relations import extract_relations

__all__ = ["extract_roles", "extract_relations", "find_persons", "Assertion", "Evidence", "RelationAssertion",
           "RoleAssertion"]
