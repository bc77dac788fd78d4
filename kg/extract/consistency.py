"""One article's offices made consistent: the specific office beats the generic one, and a person's polity comes
from the title that names it.

The role rules read each mention on its own, so one article can yield "Giorgia Meloni – minister – IT" beside
"– prime_minister – IT", or give a visiting minister the polity of the sentence he was in. This pass looks at all
of an article's role assertions together:

- a person who holds a specific ministerial office (prime_minister, foreign_minister, defence_minister, ...) for a
  polity is not also a generic ``minister`` of it, and ``other_official`` gives way to any named office;
- the same person and office read with several polities keeps those read with the polity in the title itself
  (the higher confidence), not those taken from nearby words.

>>> from kg.extract.records import Evidence, RoleAssertion
>>> ev, near = Evidence("s", 0, 1, (), 0.9), Evidence("s", 0, 1, (), 0.7)
>>> found = [RoleAssertion("Ali Sabry", "foreign_minister", "LK", ev), RoleAssertion("Ali Sabry", "minister", "LK", ev),
...          RoleAssertion("Ali Sabry", "foreign_minister", "JP", near)]
>>> [(r.role, r.country) for r in consistent_roles(found)]
[('foreign_minister', 'LK')]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from kg.extract.records import RoleAssertion

__all__ = ["consistent_roles", "SPECIFIC_MINISTERS"]

# Offices that are a kind of minister: beside one of them, "minister" for the same polity says nothing more.
# (A deputy prime minister is not one: most hold a portfolio of their own, "Deputy Prime Minister – Economy Minister".)
SPECIFIC_MINISTERS = frozenset({"prime_minister", "foreign_minister", "defence_minister"})


def consistent_roles(roles: Iterable[RoleAssertion]) -> list[RoleAssertion]:
    """The article's role assertions without the generic duplicates and the weaker polities (order kept)."""
    roles = list(roles)
    offices: dict[tuple[str, str], set[str]] = defaultdict(set)
    best: dict[tuple[str, str], float] = defaultdict(float)
    for r in roles:
        offices[(r.name, r.country)].add(r.role)
        best[(r.name, r.role)] = max(best[(r.name, r.role)], r.evidence.confidence)
    kept = []
    for r in roles:
        held = offices[(r.name, r.country)]
        if r.role == "minister" and held & SPECIFIC_MINISTERS:
            continue
        if r.role == "other_official" and held - {"other_official"}:
            continue
        if r.evidence.confidence < best[(r.name, r.role)]:
            continue  # the same office read with another polity, from the title itself
        kept.append(r)
    return kept
