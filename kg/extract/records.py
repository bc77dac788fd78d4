"""Typed records that extractors yield: small, immutable, with their evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Evidence", "RoleAssertion", "RelationAssertion", "Assertion"]


@dataclass(frozen=True)
class Evidence:
    """Where in the article a claim was read: the sentence, its character offsets, the words that carried it."""

    sentence: str
    start: int
    end: int
    mentions: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class RoleAssertion:
    """A person holds a role for a polity, according to an evidence sentence."""

    name: str  # nominative, as the article's language writes it
    role: str  # role code
    country: str  # polity code
    evidence: Evidence
    acting: bool = False
    surface: str = ""  # the name as written in the sentence


@dataclass(frozen=True)
class RelationAssertion:
    """Two polities cooperate or are in conflict, on some topics, ongoing or proposed."""

    a: str  # polity code, a < b
    b: str
    type: str  # cooperation | conflict
    evidence: Evidence
    topics: tuple[str, ...] = field(default=())
    status: str = "ongoing"
    event: str = ""  # the narrower event kind that signalled it (meeting, attack, ...)

    def __post_init__(self) -> None:
        if self.a >= self.b:
            raise ValueError(f"relation pair must be ordered and distinct: {self.a!r}, {self.b!r}")


Assertion = RoleAssertion | RelationAssertion
