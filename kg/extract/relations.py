"""Relations between polities, read sentence by sentence.

Actors of a sentence are polities named in it (names, demonyms, capitals, seats), persons (through the polity
they hold office for), role words and pronouns resolved to persons, and "we"/"our" inside a quote (the speaker's
polity). A relation needs an event cue (meeting, call, visit, agreement, aid, thanks, attack, sanction, ...)
that is not negated; pairs are the sentence's subject with each other actor, not every combination, and an
aggressor named by a demonym or possessive on a conflict word ("Russian strikes", "російського флоту") is
paired in conflict with the subject of the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Span

from kg.extract.persons import PersonMention, find_persons
from kg.extract.records import Evidence, RelationAssertion
from kg.nlp.morph import lang_data
from kg.ontology import concepts
from kg.text import lookup_key

__all__ = ["extract_relations", "Actor"]

_QUOTES_OPEN = {"«": "»", "“": "”", "„": "“"}


@dataclass(frozen=True)
class Actor:
    index: int
    code: str
    surface: str
    locative: bool = False
    implicit: bool = False


def _event_type(code: str) -> str | None:
    """cooperation / conflict for an event code (meeting -> cooperation)."""
    relation = concepts("relation")
    concept = relation.get(code)
    if concept is None:
        return None
    return concept.broader or concept.code


def _quote_speakers(doc: Doc, mentions: list[PersonMention]) -> list[tuple[int, int, str | None]]:
    """Quoted stretches (token ranges) with the polity of their speaker, when one can be told."""
    quotes: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for tok in doc:
        if stack and tok.text == stack[-1][0]:
            _, start = stack.pop()
            quotes.append((start, tok.i))
        elif tok.text in _QUOTES_OPEN and not stack:
            stack.append((_QUOTES_OPEN[tok.text], tok.i))
    if stack:
        quotes.append((stack[-1][1], len(doc)))
    out: list[tuple[int, int, str | None]] = []
    for start, end in quotes:
        after = [m for m in mentions if end < m.start <= end + 8 and m.person.country]
        before = [m for m in mentions if start - 12 <= m.start < start and m.person.country]
        earlier = [m for m in mentions if m.start < start and m.person.country]
        chosen = (after[:1] or before[-1:] or earlier[-1:])
        out.append((start, end, chosen[0].person.country if chosen else None))
    return out


def _negated(doc: Doc, index: int, negations: set[str]) -> bool:
    sent_start = doc[index].sent.start
    for j in range(max(sent_start, index - 3), index):
        key = lookup_key(doc[j].text)
        if key in negations or key.endswith("n't"):
            return True
    return False


def extract_relations(doc: Doc) -> Iterator[RelationAssertion]:
    """Yield :class:`RelationAssertion` records, one per sentence, pair and type."""
    data = lang_data(doc.lang_)
    negations = set(data["negation"])
    we_words = set(data["we"])
    loc_preps = set(data["location_prepositions_strict"])
    between = set(data["between"])
    _, mentions, _ = find_persons(doc)
    quotes = _quote_speakers(doc, mentions)
    polities = list(doc.spans["kg_polity"])
    cues = list(doc.spans["kg_cue"])

    for sent in doc.sents:
        if any(t._.noise for t in sent):
            continue
        actors: list[Actor] = []
        for span in polities:
            if span.start >= sent.start and span.end <= sent.end:
                prev = lookup_key(doc[span.start - 1].text) if span.start > sent.start else ""
                locative = prev in loc_preps and span.label_ in ("pref", "alt", "capital")
                actors.append(Actor(span.start, span.kb_id_, span.text, locative))
        for m in mentions:
            if sent.start <= m.start < sent.end and m.person.country:
                actors.append(Actor(m.start, m.person.country, doc[m.start:m.end].text))
        speaker = None
        for qs, qe, code in quotes:
            if qs <= sent.start < qe or qs <= sent.end - 1 < qe:
                speaker = code
        if speaker:
            for tok in sent:
                if lookup_key(tok.text) in we_words:
                    actors.append(Actor(tok.i, speaker, tok.text))
        actors.sort(key=lambda a: a.index)
        sent_cues = [c for c in cues if c.start >= sent.start and c.end <= sent.end]
        events = [c for c in sent_cues if c.label_ == "relation" and not _negated(doc, c.start, negations)]
        # Bare "war", "threat", "aggression" relate only the polity they qualify ("російська агресія"):
        # they are no event between the sentence's other actors.
        events = [c for c in events if c.kb_id_ != "conflict" or _qualified(c, actors)]
        if not events:
            continue
        has_visit = any(c.kb_id_ == "visit" for c in events)
        actors = [a for a in actors if not a.locative or has_visit]
        codes = {a.code for a in actors}
        if speaker and len(codes) == 1 and speaker not in codes:
            actors.insert(0, Actor(sent.start, speaker, "", implicit=True))
            codes.add(speaker)
        if len(codes) < 2:
            continue
        status = "proposed" if any(c.label_ == "status" for c in sent_cues) else "ongoing"
        topic_weights: dict[str, float] = {}
        for c in sent_cues:
            if c.label_ == "topic" and not _negated(doc, c.start, negations):
                topic_weights[c.kb_id_] = topic_weights.get(c.kb_id_, 0.0) + 1.0
        topics = tuple(sorted(t for t, w in topic_weights.items() if w >= 1.0))
        pairs = _pairs(doc, sent, actors, events, between)
        for (a, b), (kind, cue) in pairs.items():
            pair_topics = tuple(t for t in topics if not (t == "sanctions" and kind == "cooperation"))
            mentions_used = tuple(x for x in (cue.text,) if x)
            yield RelationAssertion(
                a=a, b=b, type=kind, topics=pair_topics, status=status, event=cue.kb_id_,
                evidence=Evidence(sent.text.strip(), sent.start_char, sent.end_char, mentions_used,
                                  0.8 if len(codes) == 2 else 0.6),
            )


def _qualified(cue: Span, actors: list[Actor]) -> bool:
    return any(abs(a.index - cue.start) <= 2 and a.index != cue.start for a in actors)


def _pairs(doc: Doc, sent: Span, actors: list[Actor], events: list[Span], between: set[str]) -> dict[tuple[str, str], tuple[str, Span]]:
    """Which pairs of actors the sentence relates, and how (cooperation / conflict, with the deciding cue)."""
    out: dict[tuple[str, str], tuple[str, Span]] = {}

    def add(x: str, y: str, near: int) -> None:
        if x == y:
            return
        cue = min(events, key=lambda c: abs(c.start - near))
        kind = _event_type(cue.kb_id_) or "cooperation"
        key = (min(x, y), max(x, y))
        if key not in out or (kind == "conflict" and out[key][0] != "conflict" and False):
            out[key] = (kind, cue)

    conflict_cues = [c for c in events if _event_type(c.kb_id_) == "conflict"]
    aggressors: set[int] = set()
    for cue in conflict_cues:
        # "російського флоту" / "Russian strikes": a demonym or possessive right before or after a conflict word.
        for actor in actors:
            if abs(actor.index - cue.start) <= 2 and actor.index != cue.start:
                aggressors.add(actor.index)
    # "між X і Y" / "between X and Y"
    for tok in sent:
        if lookup_key(tok.text) in between:
            after = [a for a in actors if a.index > tok.i][:2]
            if len(after) == 2:
                add(after[0].code, after[1].code, tok.i)
    subject = actors[0]
    for actor in actors[1:]:
        if actor.code == subject.code:
            continue
        add(subject.code, actor.code, actor.index)
    for idx in aggressors:
        agg = next(a for a in actors if a.index == idx)
        if agg.code != subject.code:
            cue = min(conflict_cues, key=lambda c: abs(c.start - idx))
            out[(min(agg.code, subject.code), max(agg.code, subject.code))] = ("conflict", cue)
    return out
