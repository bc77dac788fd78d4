"""Extractors: generators over a processed ``Doc`` that yield typed records, with no side effects.

>>> from kg.nlp import load_pipeline
>>> from kg.extract import extract_relations, extract_roles
>>> doc = load_pipeline("uk")("Президент України Володимир Зеленський зустрівся з прем’єр-міністеркою Японії Санае Такаїчі.")
>>> sorted((r.name, r.role, r.country) for r in extract_roles(doc))
[('Володимир Зеленський', 'president', 'UA'), ('Санае Такаїчі', 'prime_minister', 'JP')]
>>> [(r.a, r.b, r.type) for r in extract_relations(doc)]
[('JP', 'UA', 'cooperation')]
"""

from __future__ import annotations

import importlib
from typing import Any

from kg.extract.records import Assertion, Evidence, RelationAssertion, RoleAssertion

__all__ = ["extract_roles", "extract_relations", "relations_of", "find_persons", "Assertion", "Evidence",
           "RelationAssertion", "RoleAssertion"]

# The extractors load spaCy and the lexicons: they are imported when first used, so that the graph layer can read
# the records (kg.extract.records) without paying for the NLP stack.
_LAZY = {"extract_roles": "kg.extract.persons", "find_persons": "kg.extract.persons",
         "extract_relations": "kg.extract.relations", "relations_of": "kg.extract.article"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")
