"""Relations between polities, read sentence by sentence.

Actors of a sentence are polities named in it (names, demonyms, capitals, seats), persons (through the polity
they hold office for), role words and pronouns resolved to persons, and "we"/"our" inside a quote (the speaker's
polity). A relation needs an event cue (meeting, call, visit, agreement, aid, thanks, attack, sanction, ...)
that is not negated; pairs are the sentence's subject with each other actor, not every combination, and an
aggressor named by a demonym or possessive on a conflict word ("Russian strikes", "російського флоту") is
paired in conflict with the subject of the sentence.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract import index
from kg.extract import index as _index
from kg.extract.persons import PersonMention, find_persons
from kg.extract.records import Evidence, RelationAssertion
from kg.nlp.morph import lang_data
from kg.nlp.pipeline import NOISE_KEY
from kg.ontology.concepts import concepts
from kg.io.text import lookup_key

__all__ = ["extract_relations", "Actor"]

_QUOTES_OPEN = {"«": "»", "“": "”", "„": "“"}


@dataclass(frozen=True)
class Actor:
    index: int
    code: str
    surface: str
    locative: bool = False
    implicit: bool = False
    kind: str = "name"  # name | demonym | capital | seat | place | person | speaker | parties | relative
    end: int = -1


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
    for i, text in enumerate(_index.keys(doc)):  # (quote marks are their own look-up keys; no Token objects made)
        if stack and text == stack[-1][0]:
            _, start = stack.pop()
            quotes.append((start, i))
        elif text in _QUOTES_OPEN and not stack:
            stack.append((_QUOTES_OPEN[text], i))
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


_CLAUSE_EDGE = {",", ";", ":", "що", "which", "that", "але", "but", "«", "»", "\""}


def _negated(doc: Doc, index: int, negations: frozenset[str] | set[str]) -> bool:
    """A negation word among the eight words before, within the same clause ("не приєдналася до західних санкцій")."""
    sent_start = _index.sent_bounds(doc, index)[0]
    keys = _index.keys(doc)
    only = set(lang_data(doc.lang_).get("not_only", ()))
    # ("не лише гуманітарні поставки, а й торгівля", "not only aid": no negation)
    words = negations if isinstance(negations, frozenset) else frozenset(negations)  # (a frozenset keeps its hash)
    negative = _index.memo(doc, ("negative", words), lambda: {i for i in [*_index.having(doc, negations), *(
        j for j, k in enumerate(keys) if k.endswith("n't"))] if not (i + 1 < len(doc) and keys[i + 1] in only)})
    count = 0
    for j in range(index - 1, max(sent_start, index - 8) - 1, -1):
        if keys[j] in _CLAUSE_EDGE:
            break
        if j in negative:
            count += 1
    return count % 2 == 1  # "не відмовлятиметься від співпраці": two negations affirm


def _denied(doc: Doc, cue: Span, data: dict) -> bool:
    """An event someone denies ("denied that Quito had held any talks with Washington", "Пєсков заперечив
    повідомлення про те, що Москва веде переговори") or says is not there ("Таких переговорів немає")."""
    if _preceded_by(doc, cue, data.get("denial", ()), 30):
        return True
    sent_end = _index.sent_bounds(doc, cue.start)[1]
    after = set(data.get("negation_after", ()))
    return any(lookup_key(t.text) in after for t in doc[cue.end:min(sent_end, cue.end + 2)])


def _warns_that(doc: Doc, cue: Span, data: dict) -> bool:
    """"попередив, що Судан переживає найбільшу кризу": a warning that reports something is no protest at anyone."""
    that = set(data.get("that", ()))
    return (cue.kb_id_ == "protest" and cue.end + 1 < len(doc) and doc[cue.end].text == ","
            and lookup_key(doc[cue.end + 1].text) in that)


def _urged(doc: Doc, cue: Span, data: dict) -> bool:
    """"Qatar and Turkey urge talks", "закликали до переговорів": talks someone urges are others' talks, not theirs."""
    if cue.kb_id_ not in ("meeting", "call"):
        return False
    return _preceded_by(doc, cue, data.get("advocacy_words", ()), 4)  # ("called for an emergency meeting")


def _alleged(doc: Doc, cue: Span, data: dict) -> bool:
    """"accused Ukraine of violating its airspace", "звинуватив Україну у порушенні": an act someone is accused of
    is alleged, not reported; accusations alone are no conflict either."""
    words = data.get("accusation_words", ())
    hits = _index.having(doc, frozenset(words))
    # (most articles accuse no one: look closer only when an accusation word stands just before the cue)
    first = bisect.bisect_left(hits, cue.start - 8)
    if first == len(hits) or hits[first] >= cue.start:
        return False
    return _preceded_by(doc, cue, words, 8, within_phrase=True)


def _words_in(doc: Doc, sent: Span, words: frozenset[str]) -> list[int]:
    """The tokens of the sentence that are one of ``words`` by form or lemma (from the per-Doc index)."""
    found = _index.having(doc, words)
    return found[bisect.bisect_left(found, sent.start):bisect.bisect_left(found, sent.end)]


_ALLEGATION_REACH = 6  # words after "of" / "у" that name the alleged act


def _without_alleged_parties(doc: Doc, sent: Span, actors: list[Actor], data: dict) -> list[Actor]:
    """The actors less those inside what someone is accused of ("accused Lithuania of attacking Poland",
    "звинуватив Вільнюс у нападі на Варшаву"): the accuser and the accused are the parties, not the alleged act's."""
    words = frozenset(data.get("accusation_words", ()))
    content = set(data.get("accusation_content", ()))
    for i in _words_in(doc, sent, words):
        accused = next((a for a in actors if a.index > i), None)
        if accused is None:
            return actors
        end = accused.end if accused.end > 0 else accused.index + 1
        marker = next((j for j in range(end, min(end + 3, sent.end)) if lookup_key(doc[j].text) in content), None)
        if marker is None:
            return actors
        # the act itself, a few words long ("of sending weapons to Ethiopia"); what follows may be fact again
        # ("accused Washington of double standards for keeping sanctions on Iran")
        stop = next((j for j in range(marker, min(marker + _ALLEGATION_REACH, sent.end)) if doc[j].is_punct),
                    min(marker + _ALLEGATION_REACH, sent.end))
        return [a for a in actors if not marker < a.index < stop]
    return actors


def _lifted(doc: Doc, cue: Span, data: dict) -> bool:
    """"India will cut tariffs on European cars", "пом’якшення тарифів", "lifting sanctions": sanctions and tariffs
    being removed are no conflict."""
    if cue.kb_id_ not in ("sanction", "tariff"):
        return False
    # ("to lift the bloc's remaining economic sanctions": within the phrase)
    return _preceded_by(doc, cue, data.get("lifting_words", ()), 6, within_phrase=True)


def _bare_recall(doc: Doc, cue: Span, data: dict) -> bool:
    """"recalled that ...", "відкликати заявку", "викликав занепокоєння": a verb that recalls or summons an envoy
    only in diplomacy is none without an envoy near it ("recalled its ambassador", "викликали посла")."""
    if cue.kb_id_ != "summons" or len(cue) != 1:
        return False
    verbs = frozenset(data.get("recall_verbs", ()))
    if not verbs or cue.start not in _index.having(doc, verbs):
        return False
    start, end = _index.sent_bounds(doc, cue.start)
    envoys = _index.having(doc, frozenset(data.get("envoy_words", ())))
    if any(max(start, cue.start - 4) <= i < min(end, cue.end + 7) for i in envoys):
        return False
    # ("викликав українського [посла]", an excerpt cut after the demonym that qualifies the envoy)
    return not any(s.label_ == "demonym" and cue.end <= s.start <= cue.end + 1 for s in _index.spans(doc, "kg_polity"))


def _own_conflicts(doc: Doc, actors: list[Actor], events: list[Span], data: dict,
                   pairs: dict[tuple[str, str], tuple[str, Span]]) -> list[tuple[tuple[str, str], tuple[str, Span]]]:
    """"Thailand and Cambodia signed a deal to end their border conflict": the two named before "their conflict"
    are in conflict too, beside what else the sentence makes them (one sentence gives a pair one type otherwise)."""
    out = []
    for cue in events:
        if not _theirs(doc, cue, data):
            continue
        codes = sorted({a.code for a in actors if a.index < cue.start and a.kind != "place"})
        if len(codes) == 2 and pairs.get((codes[0], codes[1]), ("",))[0] != "conflict":
            out.append(((codes[0], codes[1]), ("conflict", cue)))
    return out


def _theirs(doc: Doc, cue: Span, data: dict) -> bool:
    """"to end their border conflict", "завершити їхній конфлікт": the conflict is the sentence's parties' own."""
    return _event_type(cue.kb_id_) == "conflict" and _preceded_by(doc, cue, data.get("their_words", ()), 3,
                                                                   within_phrase=True)


def _preceded_by(doc: Doc, cue: Span, words: Iterable[str], reach: int, within_phrase: bool = False) -> bool:
    """A word of ``words`` (by its form or a lemma; an entry of several words by the text) among the ``reach`` words
    before the cue in its sentence; with ``within_phrase``, after the last punctuation mark only."""
    start = max(_index.sent_bounds(doc, cue.start)[0], cue.start - reach)
    if within_phrase:
        marks = [i for i in range(start, cue.start) if doc[i].is_punct and doc[i].text not in ("'s", "’s", "-")]
        start = marks[-1] + 1 if marks else start
    single = frozenset(w for w in words if " " not in w)
    if any(start <= i < cue.start for i in _index.having(doc, single)):
        return True
    text = " ".join(_index.keys(doc)[start:cue.start])
    return any(w in text for w in words if " " in w)


_COORDINATORS = {",", "and", "&", "і", "й", "та", "а", "also", "the"}
_RECIPROCAL = {"meeting", "agreement", "call", "cooperation", "support", "visit", "clash"}


def _is_dateline(doc: Doc, span: Span) -> bool:
    """"KYIV, Nov 20 —", "BRUSSELS (Reuters) -", "LONDON --", "MANILA:", "Warsaw: ...": where the story was filed,
    not an actor."""
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is None:
        return False
    paragraph = span.start == 0 or "\n" in doc[span.start - 1].text or "\n" in doc[span.start - 1].whitespace_
    at_start = paragraph or _index.opens_text(doc, span.start)
    if at_start and span.text.isupper() and len(span.text) > 2 and nxt.text in (",", "(", "—", "–", "-", "--", ":"):
        return True
    # (a capital in title case opens a paragraph as its dateline only with a colon: "Warsaw: The presidents met")
    return paragraph and span.label_ == "capital" and nxt.text == ":"


def _host_of_role(doc: Doc, span: Span) -> bool:
    """An organisation named as the place of an official's post: "ambassador to the UN", "постпред при ООН"."""
    if span.kb_id_ not in ("UN", "EU", "NATO"):
        return False
    i = span.start - 1
    while i >= 0 and lookup_key(doc[i].text) == "the":
        i -= 1
    if i < 0 or lookup_key(doc[i].text) not in ("to", "at", "при", "в", "у", "до"):
        return False
    return any(r.end <= i and i - r.end <= 3 for r in index.spans(doc, "kg_role"))


def _venue_or_border(doc: Doc, span: Span, data: dict) -> bool:
    """A polity that only places something: a venue ("на полях Генасамблеї ООН", "on the sidelines of the EU
    summit") or a border ("на кордонах з Росією і Білоруссю", "the border with Niger")."""
    sent_start = _index.sent_bounds(doc, span.start)[0]
    keys = _index.keys(doc)  # (the cached look-up keys: no Token objects made)
    words = keys[max(sent_start, span.start - 5):span.start]
    for phrase in data.get("venue_phrases", ()):
        p = phrase.split()
        if any(words[k:k + len(p)] == p for k in range(len(words) - len(p) + 1)):
            return True
    border_at = set(_index.having(doc, frozenset(data.get("border_words", ()))))
    withs = set(data["with"]) | {"with"}
    for j in range(max(sent_start, span.start - 4), span.start - 1):
        if j in border_at and keys[j + 1] in withs:
            # the polity just after, or a list after it ("з Росією і Білоруссю")
            between = keys[j + 2:span.start]
            return all(w in _COORDINATORS or index.polity_at(doc, k) is not None
                       for w, k in zip(between, range(j + 2, span.start)))
    return False


def _source_of_report(doc: Doc, span: Span, data: dict) -> bool:
    """A polity named as the source of a report ("за даними Брюсселя", "according to Washington"), not a party."""
    words = [k for k in _index.keys(doc)[max(0, span.start - 6):span.start] if k != "the"]
    for phrase in data.get("attribution", ()):
        p = phrase.split()
        # the phrase, then at most two modifiers ("according to local health officials")
        for k in range(len(words) - len(p), max(-1, len(words) - len(p) - 3), -1):
            if k >= 0 and words[k:k + len(p)] == p and not any(w in (",", ".", ";", ":") for w in words[k + len(p):]):
                return True
    return False


def _organisation_as_attribute(doc: Doc, span: Span, data: dict) -> bool:
    """An organisation that qualifies something else: its documents ("UN Security Council resolutions",
    "резолюції Ради Безпеки ООН", "reform of the UN Security Council") or another country's envoy to it
    ("Sudan's UN ambassador")."""
    if span.kb_id_ not in ("UN", "EU", "NATO"):
        return False
    documents = set(data.get("organisation_documents", ()))
    sent_start, sent_end = _index.sent_bounds(doc, span.start)
    near = [t for t in doc[max(sent_start, span.start - 3):min(sent_end, span.end + 3)] if t.i < span.start or t.i >= span.end]
    if any(lookup_key(t.text) in documents or set(t._.lemmas) & documents for t in near):
        return True
    role = index.role_starting_at(doc, span.end)
    return role is not None and span.start >= 2 and doc[span.start - 1].text in ("'s", "’s")


def _without_discussed(doc: Doc, actors: list[Actor], events: list[Span], data: dict) -> list[Actor]:
    """The actors less what a talk is about ("Macron and Scholz discussed Ukraine", "they discussed Syria, Gaza and
    ...", "обговорили Сирію"): a polity right after "discussed" is its subject matter, not a party to the talk."""
    words = set(data.get("discussion_words", ()))
    if not words:
        return actors
    talks = [c for c in events if c.kb_id_ == "meeting" and (lookup_key(c.text) in words or set(doc[c.start]._.lemmas) & words)]
    # "говорили про війська КНДР", "talks on the Iran nuclear deal": what follows "about" in a sentence of talks
    # is their subject, unless a "with" names a partner in between ("угода про співпрацю з Польщею")
    about = set(data.get("about_words", ()))
    talking = set(data.get("talk_words", ()))
    partners = set(data.get("with", ()))
    keys = _index.keys(doc)
    cue_ends = {c.end for c in events if c.kb_id_ in ("meeting", "call")}
    # ("говорили про", "розмова про", "talked about": not "оголосила про нові санкції проти Росії")
    # (only words that can stand four before one of the sentence's actors)
    start, end = _index.sent_bounds(doc, actors[0].index) if actors else (0, 0)
    talk_words = set(_index.having(doc, frozenset(talking))) if talking else set()
    abouts = [i for i in range(max(start - 4, 1), end) if keys[i] in about and (
        i in cue_ends or i - 1 in talk_words)] if talking else []
    if not talks and not abouts:
        return actors
    dropped: set[int] = set()
    subjects: set[int] = set()
    for group in _groups(doc, actors):
        first = group[0]
        if first.implicit:
            continue
        if any(0 < first.index - i <= 4 and not any(keys[j] in partners for j in range(i + 1, first.index))
               for i in abouts):
            subjects.update(a.index for a in group)
        elif any(0 <= first.index - c.end <= 1 for c in talks):
            dropped.update(a.index for a in group)
    # (what the talk is about is never a party; a polity right after "discussed" is, when no one else is left)
    actors = [a for a in actors if a.index not in subjects]
    kept = [a for a in actors if a.index not in dropped]
    return kept if len({a.code for a in kept}) >= 2 else actors


def _names_un_organ(doc: Doc, actor: Actor, data: dict) -> bool:
    """The UN named as one of its organs ("the U.N. Security Council", "Ради Безпеки ООН")."""
    end = actor.end if actor.end > 0 else actor.index + 1
    around = " ".join(_index.keys(doc)[max(0, actor.index - 3):min(len(doc), end + 3)])
    return any(organ in around for organ in data.get("un_organs", ()))


def _groups(doc: Doc, actors: list[Actor]) -> list[list[Actor]]:
    """Actors joined only by commas and "and" form one group ("Spain, Belgium, Czechia and Slovenia")."""
    groups: list[list[Actor]] = []
    for actor in actors:
        if groups:
            last = groups[-1][-1]
            between = [t for t in doc[max(last.index + 1, last.end):actor.index]]
            # tokens of the previous actor's own span ("Сполучені Штати") and possessives do not separate
            words = [lookup_key(t.text) for t in between if not t.is_space]
            # ("his Egyptian and Turkish counterparts": a pronoun next to a demonym is no list)
            joined = bool(words) and all(w in _COORDINATORS or w in ("'s", "’s") for w in words[-3:]) and len(words) <= 3
            # ("Latvia, Macedonia, Norway": a name the gazetteer lacks, between commas, keeps the list whole)
            joined = joined or (len(between) == 3 and words[0] in _COORDINATORS and words[2] in _COORDINATORS
                                and between[1].text[:1].isupper() and between[1].is_alpha)
            if actor.code == last.code or joined:
                groups[-1].append(actor)
                continue
        groups.append([actor])
    return groups


def _by_sentence(doc: Doc, items: Iterable[Any], start: Any) -> dict[int, list[Any]]:
    """Items (spans, mentions) grouped by the first token of the sentence they start in, in order: each sentence
    then looks at its own instead of the whole article's."""
    out: dict[int, list[Any]] = {}
    for item in sorted(items, key=start):
        out.setdefault(_index.sent_bounds(doc, start(item))[0], []).append(item)
    return out


def _sentence_actors(doc: Doc, sent: Span, polities: list[Span], places: list[Span], mentions: list[PersonMention],
                     speaker: str | None, data: dict) -> list[Actor]:
    """The sentence's actors, from its polities, places and persons (each list holds the sentence's own)."""
    loc_preps = set(data["location_prepositions_strict"])
    directions = set(data.get("directions", ()))
    without = set(data.get("without", ()))  # "a meeting in Berlin without Putin": who is left out is no party
    actors: list[Actor] = []
    for span in polities:
        if span.start >= sent.start and span.end <= sent.end and not _is_dateline(doc, span):
            j = span.start - 1
            while j > sent.start and lookup_key(doc[j].text) in directions:
                j -= 1  # "in northern Benin", "на півночі Бенину"
            prev = lookup_key(doc[j].text) if j >= sent.start and j < span.start else ""
            locative = (prev in loc_preps and span.label_ in ("pref", "alt", "capital")) or _origin(doc, span, prev, data)
            if (_host_of_role(doc, span) or _organisation_as_attribute(doc, span, data) or _source_of_report(doc, span, data)
                    or _venue_or_border(doc, span, data) or prev in without):
                continue  # "US Ambassador to the UN", "постпред при ООН": where they serve, not a party
            kind = "demonym" if span.label_ == "demonym" else span.label_ if span.label_ in ("capital", "seat") else "name"
            actors.append(Actor(span.start, span.kb_id_, span.text, locative, kind=kind, end=span.end))
    # Regions and cities ("Kharkiv", "Сумщини") are places, not actors: they count only where a strike or a
    # visit goes to them (see extract_relations).
    taken = {i for a in actors for i in range(a.index, a.end)}
    for span in places:
        if span.start >= sent.start and span.end <= sent.end and not taken & set(range(span.start, span.end)):
            actors.append(Actor(span.start, span.kb_id_, span.text, True, kind="place", end=span.end))
    for m in mentions:
        if sent.start <= m.start < sent.end and m.person.country and not _source_of_report(doc, doc[m.start:m.end], data) \
                and not (m.start > sent.start and lookup_key(doc[m.start - 1].text) in without):
            actors.append(Actor(m.start, m.person.country, doc[m.start:m.end].text, kind="person", end=m.end))
    if speaker:
        for tok in sent:
            if lookup_key(tok.text) in set(data["we"]):
                actors.append(Actor(tok.i, speaker, tok.text, kind="speaker", end=tok.i + 1))
    actors.sort(key=lambda a: a.index)
    # "У Лондоні, Парижі та Берліні": a place phrase covers the whole list.
    out: list[Actor] = []
    for actor in actors:
        if out and out[-1].locative and not actor.locative and actor.kind in ("name", "capital"):
            words = [lookup_key(t.text) for t in doc[out[-1].end:actor.index] if not t.is_space]
            if words and all(w in _COORDINATORS for w in words):
                actor = Actor(actor.index, actor.code, actor.surface, True, actor.implicit, actor.kind, actor.end)
        out.append(actor)
    return out


def _origin(doc: Doc, span: Span, prev: str, data: dict) -> bool:
    """"З Нью-Делі Ван І вирушив до Кабула", "flew from Doha to Kabul": where a traveller sets out from is no party
    ("з Києвом", in the instrumental, is "with")."""
    if prev not in set(data.get("from_prepositions", ())) or span.label_ not in ("pref", "alt", "capital") or (
            doc.lang_ == "uk" and "ablt" in span[0]._.grammemes and "Fixd" not in span[0]._.grammemes):
        return False
    lo, hi = _index.sent_bounds(doc, span.start)
    return any(max(lo, span.start - 5) <= i < min(hi, span.end + 5)
               for i in _index.having(doc, frozenset(data.get("motion_verbs", ()))))


def _institution_words(doc: Doc, data: dict) -> set[int]:
    """Tokens of topic cues that name an institution or an office, not a topic: "Defence Ministry", "Ministry of
    Defence", "UN Security Council", "секретар Ради національної безпеки і оборони", "Міністерство оборони"."""
    heads = set(data.get("institutions", ()))

    def is_head(i: int) -> bool:
        return 0 <= i < len(doc) and (lookup_key(doc[i].text) in heads or bool(set(doc[i]._.lemmas) & heads))

    masked: set[int] = set()
    for role in index.spans(doc, "kg_role"):
        masked.update(range(role.start, role.end))
        # a portfolio after the title: "minister for international cooperation", "міністр з питань співпраці"
        j = role.end
        if j < len(doc) and lookup_key(doc[j].text) in ("for", "of", "з", "із"):
            k = j + 1
            while k < min(len(doc), j + 7) and not doc[k].is_punct and not (doc[k].text[:1].isupper() and doc.lang_ == "en"):
                masked.add(k)
                k += 1
    if doc.lang_ == "en":
        # a capitalised event word inside a sentence names something ("Organisation of Islamic Cooperation")
        for cue in index.spans(doc, "kg_cue"):
            if cue.label_ == "relation" and cue.text[:1].isupper() and not doc[cue.start].is_sent_start:
                masked.update(range(cue.start, cue.end))
    topic_cues = [c for c in index.spans(doc, "kg_cue") if c.label_ in ("topic", "topic_weak")]
    named = {i for name in index.spans(doc, "kg_name") for i in range(name.start, name.end)}
    for cue in topic_cues:
        if doc.lang_ == "en":
            # the cue before its head ("Defence Ministry", "National Security and Defence Council") or after
            # "Ministry of"
            j = cue.end
            while j < min(cue.end + 3, len(doc)) and not is_head(j) and (
                    doc[j].text[:1].isupper() or lookup_key(doc[j].text) in ("and", "&")):
                j += 1
            if is_head(j) or (cue.start >= 2 and lookup_key(doc[cue.start - 1].text) == "of" and is_head(cue.start - 2)):
                masked.update(range(cue.start, cue.end))
        else:
            # the head before the cue, through genitive modifiers and coordinated cues ("Ради національної
            # безпеки і оборони", "комітету ... з питань національної безпеки, оборони та розвідки")
            for j in range(cue.start - 1, max(cue.start - 6, 0) - 1, -1):
                if j in named or lookup_key(doc[j].text) in ("щодо", "про") or _is_verb(doc[j]):
                    break  # a name or "щодо" closes the title before it: "міністром оборони Туреччини Яшаром Гюлером
                    # добудову корветів", "з міністром Індії щодо енергетики"; so does a verb ("Рада ЄС продовжила санкції")
                if is_head(j) or j in masked:
                    masked.update(range(cue.start, cue.end))
                    break
                if doc[j].text in (".", "!", "?", ";", ":", "«", "»", "–", "—") or doc[j]._.cue and j not in masked and any(
                        c.start == j and c.label_ == "relation" for c in index.spans(doc, "kg_cue")):
                    break
    return masked


def _demonym_is_actor(doc: Doc, actor: Actor, data: dict) -> bool:
    """"японська сторона", "the Japanese government": a demonym stands for its state only on such nouns;
    "російських активів", "Chinese companies" name no actor of a relation."""
    nouns = set(data.get("actor_nouns", ()))
    end = actor.end
    while end + 1 < len(doc) and lookup_key(doc[end].text) in _COORDINATORS and (
            (span := index.polity_at(doc, end + 1)) is not None and span.label_ == "demonym"):
        end = span.end  # "his Egyptian and Turkish counterparts": the noun after the list
    for tok in doc[end:end + 2]:
        if set(tok._.lemmas) & nouns or lookup_key(tok.text) in nouns:
            return True
        role = index.role_starting_at(doc, tok.i)
        if role is not None and all(index.polity_at(doc, j) is None for j in range(role.start, role.end + 2)):
            # "the German chancellor", "японський прем'єр": an office held for that state (not "a Lithuanian
            # member of the European Parliament": an office of another polity)
            return True
    return False


def _hostile_pairs(doc: Doc, sent: Span, actors: list[Actor], data: dict) -> dict[tuple[str, str], tuple[str, Span]]:
    """A hostile participle with its agent and its victim: "українських дітей, депортованих Росією",
    "депортованих Росією українських дітей" (the victim a demonym on the same noun)."""
    hostile = set(data.get("hostile_participles", ()))
    out: dict[tuple[str, str], tuple[str, Span]] = {}
    for i in _index.having(doc, hostile):
        if not sent.start <= i < sent.end:
            continue
        tok = doc[i]
        agent = next((a for a in actors if 0 < a.index - tok.i <= 2 and a.kind in ("name", "capital", "seat")), None)
        if agent is None:
            continue
        # the victim just after the agent, or just before the participle (its noun and a comma between)
        victim = next((a for a in actors if a.code != agent.code and a.kind == "demonym" and (
            agent.end <= a.index <= agent.end + 1 or (a.end <= tok.i and tok.i - a.end <= 2 and not any(
                b.index > a.index and b.index < tok.i for b in actors)))), None)
        if victim is not None:
            out[(min(agent.code, victim.code), max(agent.code, victim.code))] = (
                "conflict", Span(doc, tok.i, tok.i + 1, label="relation", kb_id="conflict"))
    return out


def extract_relations(doc: Doc) -> Iterator[RelationAssertion]:
    """Yield :class:`RelationAssertion` records: one per sentence, pair and type; then the topics of
    sentences that name only one side of a pair the article relates (the rest of a visit's report)."""
    data = lang_data(doc.lang_)
    negations = frozenset(data["negation"])
    # "halt cooperation" ends a partnership; "halt attacks" presupposes them (past conflicts count)
    ended = negations | frozenset(data.get("cessation", ()))
    between = set(data["between"])
    _, mentions, _ = find_persons(doc)
    quotes = _quote_speakers(doc, mentions)
    polities = list(index.spans(doc, "kg_polity"))
    cues = list(index.spans(doc, "kg_cue"))
    found: list[RelationAssertion] = []
    topic_only: list[tuple[Span, set[str], tuple[str, ...], str, set[str]]] = []

    halves: dict[str, list[tuple[str, Span, Span, tuple[str, ...], str]]] = {"agent": [], "target": []}
    noisy: set[int] = doc.user_data.get(NOISE_KEY, set())
    institutions = index.memo(doc, "institution_words", lambda: _institution_words(doc, data))  # (topics.py too)
    # ("Port Moresby", "Port Sudan": a topic word inside a place's name names no topic)
    named_places = {i for group in ("kg_polity", "kg_place") for s in index.spans(doc, group) if len(s) > 1
                    for i in range(s.start, s.end)}
    related_in = -2  # the number of the last sentence that related a pair, or named both sides of one
    # The target of the last measure of each kind ("expelled 60 Russian diplomats") and the sentence naming it: the
    # sentences after it may list more parties taking the same measure and leave the target implied.
    measure_targets: dict[str, tuple[int, str]] = {}
    continued: RelationAssertion | None = None  # that pair
    polities_in = _by_sentence(doc, polities, lambda x: x.start)
    places_in = _by_sentence(doc, index.spans(doc, "kg_place"), lambda x: x.start)
    mentions_in = _by_sentence(doc, mentions, lambda x: x.start)
    cues_in = _by_sentence(doc, cues, lambda x: x.start)
    for number, sent in enumerate(index.sentences(doc)):
        if noisy and any(i in noisy for i in range(sent.start, sent.end)):
            continue
        speaker = None
        for qs, qe, code in quotes:
            if qs <= sent.start < qe or qs <= sent.end - 1 < qe:
                speaker = code
        actors = _sentence_actors(doc, sent, polities_in.get(sent.start, []), places_in.get(sent.start, []),
                                  mentions_in.get(sent.start, []), speaker, data)
        sent_cues = [c for c in cues_in.get(sent.start, []) if c.end <= sent.end]
        status = "proposed" if any(c.label_ == "status" for c in sent_cues) else "ongoing"
        # "провів переговори", "held negotiations": words that name the talks are not their topic
        meeting_words = {i for c in sent_cues if c.label_ == "relation" and c.kb_id_ in ("meeting", "call")
                         for i in range(c.start, c.end)}
        topic_weights: dict[str, float] = {}
        for c in sent_cues:
            if c.label_ in ("topic", "topic_weak") and not _negated(doc, c.start, ended) and c.start not in institutions \
                    and c.start not in named_places \
                    and not (c.start in meeting_words and c.end - 1 in meeting_words):
                weight = 0.5 if c.label_ == "topic_weak" else 1.0
                topic_weights[c.kb_id_] = topic_weights.get(c.kb_id_, 0.0) + weight
        topics = tuple(sorted(t for t, w in topic_weights.items() if w >= 1.0))
        weapons = [c.start for c in sent_cues if c.label_ == "topic" and c.kb_id_ == "defence"]
        events = [c for c in sent_cues if c.start not in institutions and (c.label_ == "relation" or (c.label_ == "relation_weak" and any(
                  -5 <= w - c.start <= _weapon_reach(doc, c) for w in weapons)))
                  and not _negated(doc, c.start, negations if _event_type(c.kb_id_) == "conflict" else ended)
                  and not _denied(doc, c, data) and not _warns_that(doc, c, data) and not _lifted(doc, c, data)
                  and not _urged(doc, c, data) and not _alleged(doc, c, data) and not _bare_recall(doc, c, data)]
        # "efforts to end the Ukraine conflict": a conflict someone works to end is others' unless the words name
        # its agent ("halting Israel's attacks on Syria") or make it the parties' own ("завершити їхній конфлікт")
        events = [c for c in events if _event_type(c.kb_id_) != "conflict" or not _negated(doc, c.start, ended)
                  or _negated(doc, c.start, negations) or _agent_on(doc, actors, c) is not None
                  or _theirs(doc, c, data)]
        # Bare "war", "threat", "aggression" relate only the polity they qualify ("російська агресія"):
        # they are no event between the sentence's other actors.
        war_words = [c for c in events if c.kb_id_ in _WAR_WORDS]
        events = [c for c in events if c.kb_id_ != "conflict" or _qualified(c, actors) or _theirs(doc, c, data)]
        # A place is a party only where someone goes to it ("visited Kyiv", "прибув до Варшави").
        # (or where force is used: "military operations in Syria", "удари по Києву").
        # A strike's target may stand further off ("launched 400 drones and 30 missiles at Ukraine").
        reach = [(c, 8 if c.kb_id_ == "attack" else 3) for c in events if c.kb_id_ in ("visit", "attack")]
        # A region or city may also receive aid ("опікується відновленням Миколаївщини").
        reach += [(c, 5) for c in events if c.kb_id_ == "aid"]
        actors = [a for a in actors if not a.locative or any(0 <= a.index - c.end <= n for c, n in reach
                                                             if a.kind == "place" or c.kb_id_ != "aid")]
        sanction_words = [c for c in events if c.kb_id_ in ("sanction", "tariff")]
        # "sanctions package", "пакет санкцій": the package is the sanctions', no aid.
        events = [c for c in events if c.kb_id_ != "aid" or not any(-2 <= s.start - c.start <= 2 for s in sanction_words)]
        # "передала йому ноту протесту", "handed over a protest note": what is handed over is the protest, no aid.
        events = [c for c in events if c.kb_id_ != "aid" or not any(
            c.end <= p.start <= c.end + 2 and p.kb_id_ in ("protest", "summons") for p in events)]
        actors = _without_alleged_parties(doc, sent, actors, data)
        if not any(c.kb_id_ == "sanction" for c in events):
            # "told an emergency meeting of the UN Security Council": addressing the UN's organs is no relation
            # with the UN (its sanctions are: "the Security Council imposed sanctions on ...")
            actors = [a for a in actors if not (a.code == "UN" and _names_un_organ(doc, a, data))]
        actors = _without_discussed(doc, actors, events, data)
        conflict_words = [c for c in events if _event_type(c.kb_id_) == "conflict"]
        hostile = _hostile_pairs(doc, sent, actors, data)
        actors = [a for a in actors if a.kind != "demonym" or _demonym_is_actor(doc, a, data)
                  or any(_modifies(doc, a, c) or 0 < a.index - c.start <= 2 for c in conflict_words)
                  or any(_in_sanctions_target(doc, a, c) for c in sanction_words)]
        actors = _with_relative_subjects(doc, sent, actors, data)
        codes = {a.code for a in actors}
        # "The two sides agreed ...": the last pair related the way this sentence relates (a joint venture is
        # no news of the war reported just before).
        kinds = {_event_type(c.kb_id_) for c in events}
        last = [r for r in found if not kinds or r.type in kinds]
        last_pair = (last[-1].a, last[-1].b) if last else None
        if last_pair and _opens_with_parties(sent, data):
            # "Сторони обговорили ...", "The two sides agreed ...": the pair of the sentence before.
            actors = [Actor(sent.start, last_pair[0], "", implicit=True, kind="parties"),
                      Actor(sent.start, last_pair[1], "", implicit=True, kind="parties")] + actors
            codes = {a.code for a in actors}
        if events and speaker and len(codes) == 1 and speaker not in codes and not all(
                a.index < events[0].start for a in actors):
            # "«Дякую Австралії»": the speaker is the other side (not in "а Іран допомагає їй": Iran acts on a third)
            actors.insert(0, Actor(sent.start, speaker, "", implicit=True))
            codes.add(speaker)
        _note_half_conflicts(doc, sent, actors, war_words, halves, topics, status)
        joined = _joined_measures(doc, sent, number, actors, events, measure_targets, data)
        joined.update(_mediated(doc, sent, actors, polities, data))
        if (not events or len(codes) < 2) and not hostile and not joined:
            both = {(r.a, r.b): r for r in found if r.a in codes and r.b in codes}
            if len(both) == 1:
                # ("... shuttle diplomacy between Seoul and Tokyo should continue", and the next sentence goes on)
                related_in, continued = number, next(iter(both.values()))
            if topics and codes:
                topic_only.append((sent, codes, topics, status, {_event_type(c.kb_id_) or "" for c in events}))
            elif topics and not codes and continued is not None and related_in == number - 1:
                # "The memorandum also covers demining and cyber defence.": no polity named, the sentence goes
                # on with the relation of the sentence just before.
                last = continued
                kept = tuple(t for t in topics if not (t == "sanctions" and last.type == "cooperation"))
                if kept:
                    found.append(RelationAssertion(a=last.a, b=last.b, type=last.type, topics=kept, status=status,
                                                   event="context", evidence=Evidence(sent.text.strip(), sent.start_char,
                                                                                      sent.end_char, (), 0.5)))
            continue
        pairs: dict[tuple[str, str], tuple[str, Span]] = {}
        for clause in _clauses(doc, sent, actors, data):
            c_actors = [a for a in actors if clause.start <= a.index < clause.end]
            c_events = [c for c in events if clause.start <= c.start < clause.end]
            if c_events and len({a.code for a in c_actors}) >= 2:
                for key, value in _pairs(doc, clause, c_actors, c_events, between, data).items():
                    pairs.setdefault(key, value)
        for key, value in hostile.items():
            pairs.setdefault(key, value)
        for key, value in joined.items():
            pairs.setdefault(key, value)
        own_conflicts = _own_conflicts(doc, actors, events, data, pairs)
        if not pairs and topics:
            topic_only.append((sent, codes, topics, status, {_event_type(c.kb_id_) or "" for c in events}))
        for (a, b), (kind, cue) in [*pairs.items(), *own_conflicts]:
            implied = concepts("relation")[cue.kb_id_].implies if cue.kb_id_ in concepts("relation") else ()
            if "security" in topics and "defence" not in topics:
                # "militants killed 14 soldiers in an attack", "drone incursions into the airspace": the sentence says
                # the strike is about security; it implies no defence of its own
                implied = tuple(t for t in implied if t != "defence")
            pair_topics = tuple(sorted({t for t in topics + implied if not (t == "sanctions" and kind == "cooperation")}))
            found.append(RelationAssertion(
                a=a, b=b, type=kind, topics=pair_topics, status=status, event=cue.kb_id_,
                evidence=Evidence(sent.text.strip(), sent.start_char, sent.end_char, (cue.text,),
                                  0.8 if len(codes) == 2 else 0.6),
            ))
            related_in, continued = number, found[-1]
    yield from found
    yield from _joined_halves(found, halves)
    yield from _propagated_topics(found, topic_only)


# Measures that many states take against one, reported as a list of who took them: "Lithuania, Moldova and the
# Czech Republic expelled three diplomats", "ці обмежувальні заходи підтримали Албанія, Чорногорія ...".
_JOINED_MEASURES = ("expulsion", "sanction", "summons")
_MEASURE_REACH = 2  # sentences after the one naming the target


def _measure_target(doc: Doc, sent: Span, cue: Span) -> str | None:
    """The polity a measure is aimed at, when the sentence names it on the measure: a demonym on what is
    expelled or recalled ("expelled 60 Russian diplomats", "видворила 13 російських дипломатів") or what follows
    "against" ("sanctions against Iran", "санкції проти Ірану")."""
    for j in range(cue.end, min(cue.end + 6, sent.end)):
        span = index.polity_at(doc, j)
        if span is None:
            if doc[j].is_punct and doc[j].text not in ("-", "–"):
                return None
            continue
        if span.label_ == "demonym" and cue.kb_id_ in ("expulsion", "summons"):
            return span.kb_id_
        if cue.kb_id_ == "sanction":
            if j > cue.end and lookup_key(doc[j - 1].text) in _TARGET_WORDS:
                return span.kb_id_
            continue  # who imposes them ("санкції ЄС проти Ірану")
        return None
    return None


def _joined_measures(doc: Doc, sent: Span, number: int, actors: list[Actor], events: list[Span],
                     targets: dict[str, tuple[int, str]], data: dict) -> dict[tuple[str, str], tuple[str, Span]]:
    """Pairs of states that take a measure named just before against its target, which this sentence leaves
    implied; records the targets this sentence names for the sentences after it."""
    out: dict[tuple[str, str], tuple[str, Span]] = {}
    for cue in events:
        if cue.kb_id_ not in _JOINED_MEASURES:
            continue
        target = _measure_target(doc, sent, cue)
        if target is not None:
            targets[cue.kb_id_] = (number, target)
            continue
        if cue.kb_id_ not in targets or number - targets[cue.kb_id_][0] > _MEASURE_REACH:
            continue
        aimed_at = targets[cue.kb_id_][1]
        if _preceded_by(doc, cue, data.get("opposition_words", ()), 3):
            continue  # "Китай проти односторонніх санкцій": who opposes the measure takes none
        speech = set(data.get("speech_verbs", ()))
        parties = {a.code for a in actors if a.kind in ("name", "capital") and not a.locative and not a.implicit
                   and not any(set(t._.lemmas) & speech or lookup_key(t.text) in speech
                               for t in doc[min(a.index, cue.start):max(a.index, cue.start)])}
        if aimed_at in {a.code for a in actors}:
            continue  # the sentence names the target itself: the sentence's own rules read it
        for code in sorted(parties):
            out.setdefault(tuple(sorted((code, aimed_at))), ("conflict", cue))  # type: ignore[arg-type]
    return out


def _mediated(doc: Doc, sent: Span, actors: list[Actor], polities: list[Span],
              data: dict) -> dict[tuple[str, str], tuple[str, Span]]:
    """A mediator cooperates with each side it mediates between ("an exchange mediated by Turkey", "за
    посередництва ОАЕ"): the mediators are the polities on the mediation word, the sides the sentence's other
    parties (demonyms included: "the return of the Russian soldiers"). ("Qatar-brokered" is one token, unread.)"""
    words = frozenset(data.get("mediation_words", ()))
    if not words:
        return {}
    links = set(data.get("of", ())) | set(data.get("agent_markers", ())) | set(data.get("from_prepositions", ())) | {"the"}
    out: dict[tuple[str, str], tuple[str, Span]] = {}
    for i in _words_in(doc, sent, words):
        mediators = _mediators(doc, sent, i, links)
        if not mediators:
            continue
        sides = {a.code for a in actors if not a.implicit} | {
            s.kb_id_ for s in polities if sent.start <= s.start < sent.end and s.label_ == "demonym"}
        cue = Span(doc, i, i + 1, label="relation", kb_id="cooperation")
        for mediator in sorted(mediators):
            for side in sorted(sides - mediators):
                out.setdefault(tuple(sorted((mediator, side))), ("cooperation", cue))  # type: ignore[arg-type]
    return out


def _mediators(doc: Doc, sent: Span, i: int, links: set[str]) -> set[str]:
    """The polities on the mediation word at ``i``: the list just after it ("mediation of the UAE", "mediated by
    Qatar and Turkey", "за посередництва Туреччини") or the one just before it ("Turkey mediated")."""
    j = i + 1
    while j < sent.end and lookup_key(doc[j].text) in links:
        j += 1
    first = index.polity_at(doc, j) if j < sent.end else None
    if first is None or first.label_ == "demonym":
        before = index.polity_at(doc, i - 1) if i > sent.start else None
        return {before.kb_id_} if before is not None and before.label_ != "demonym" else set()
    found = {first.kb_id_}
    j = first.end
    while j + 1 < sent.end and lookup_key(doc[j].text) in _COORDINATORS:
        nxt = index.polity_at(doc, j + 1)
        if nxt is None:
            break
        found.add(nxt.kb_id_)
        j = nxt.end
    return found


def _weapon_reach(doc: Doc, cue: Span) -> int:
    """How far after a weak strike verb its weapon may stand: further when the target comes first ("випустила по
    українських містах понад 1500 ударних дронів")."""
    return 8 if cue.end < len(doc) and lookup_key(doc[cue.end].text) in _TARGET_WORDS else 5


_WAR_WORDS = ("conflict", "attack", "clash")
# Words after a conflict word that introduce its target ("удари по Києву", "sanctions against Russia", "invasion of
# Ukraine").
_TARGET_WORDS = {"по", "на", "проти", "against", "on", "at", "into", "over", "upon", "of"}


def _agent_on(doc: Doc, actors: list[Actor], cue: Span) -> Actor | None:
    """The polity a conflict word names as its agent: a demonym or possessive before it ("Russian strikes",
    "Russia's war"), a genitive right after it ("удари Росії"; after a verb it is the object: "пригрозила Нідерландам")."""
    return next((a for a in actors if (a.kind == "demonym" and 0 < cue.start - a.index <= 2) or _owns(doc, a, cue)
                 or (a.index == cue.end and doc.lang_ != "en" and not _is_verb(doc[cue.end - 1]))), None)


def _is_verb(token: Token) -> bool:
    """Only a verb form by the dictionary ("пригрозила"), not a noun that might be one."""
    return "VERB" in token._.grammemes and "NOUN" not in token._.grammemes


def _modifies(doc: Doc, actor: Actor, cue: Span) -> bool:
    """A demonym on a conflict word, through the word's other modifiers ("Russian strikes", "Russian missile and
    drone strikes")."""
    return 0 < cue.start - actor.index <= 2 or (0 < cue.start - actor.index <= 5 and all(
        t.is_alpha and t.is_lower for t in doc[actor.end:cue.start]))


def _in_sanctions_target(doc: Doc, actor: Actor, cue: Span) -> bool:
    """"sanctions on a network of shipping companies accused of moving Iranian oil": a demonym in what sanctions
    target names the polity they are aimed at."""
    if 0 <= actor.index - cue.end <= 1:
        return True  # "заборона на імпорт української агропродукції"
    if not (cue.end < len(doc) and lookup_key(doc[cue.end].text) in _TARGET_WORDS and actor.index > cue.end):
        return False
    return not any(t.is_punct for t in doc[cue.end:actor.index])


def _passive_agent(doc: Doc, actors: list[Actor], cue: Span, data: dict) -> Actor | None:
    """The polity a passive conflict word names as its agent ("hit by months of Russian strikes", "обстріляли
    з боку Росії")."""
    markers = set(data.get("agent_markers", ()))
    sent_end = index.sent_bounds(doc, cue.start)[1]
    for j in range(cue.end, min(cue.end + 2, sent_end)):
        if lookup_key(doc[j].text) in markers:
            return next((a for a in actors if j < a.index <= j + 4), None)
    return None


def _dates_something(doc: Doc, sent: Span, cue: Span) -> bool:
    """A war word in a time phrase ("до початку повномасштабного вторгнення"): it dates what the subject did."""
    return _preceded_by(doc, cue, lang_data(doc.lang_).get("time_phrase_heads", ()), 3)


def _note_half_conflicts(doc: Doc, sent: Span, actors: list[Actor], events: list[Span],
                         halves: dict[str, list[tuple[str, Span, Span, tuple[str, ...], str]]],
                         topics: tuple[str, ...], status: str) -> None:
    """Record war and strike words that name only their agent ("Росія продовжує війну", "Russian forces
    pressed their offensive") or only their target ("причетних до війни проти України")."""
    for cue in events:
        if cue.kb_id_ not in _WAR_WORDS:
            continue
        agent = _agent_on(doc, actors, cue)
        target = None
        for j in range(cue.end, min(cue.end + 3, sent.end)):
            if lookup_key(doc[j].text) in _TARGET_WORDS:
                target = next((a for a in actors if j < a.index <= j + 4 and (agent is None or a.code != agent.code)), None)
                break
        if agent is None and target is None and actors and actors[0].index < cue.start and actors[0].kind in (
                "name", "capital", "seat", "person") and not any(actors[0].index < a.index < cue.start for a in actors) \
                and not _dates_something(doc, sent, cue):
            agent = actors[0]  # the sentence's subject, right before the word ("Росія продовжує ... війну, а Іран ...")
        if agent is not None and target is None:
            halves["agent"].append((agent.code, sent, cue, topics, status))
        elif target is not None and agent is None:
            halves["target"].append((target.code, sent, cue, topics, status))


def _joined_halves(found: list[RelationAssertion],
                   halves: dict[str, list[tuple[str, Span, Span, tuple[str, ...], str]]]) -> Iterator[RelationAssertion]:
    """One war told in halves: the article names its only aggressor in one place and its only target in
    another ("Росія продовжує жорстоку і незаконну війну" ... "війни проти України"): they are in conflict."""
    agents = {code for code, *_ in halves["agent"]}
    targets = {code for code, *_ in halves["target"]}
    if len(agents) != 1 or len(targets) != 1 or agents == targets:
        return
    (x,), (y,) = agents, targets
    a, b = min(x, y), max(x, y)
    if any((r.a, r.b, r.type) == (a, b, "conflict") for r in found):
        return
    _, sent, cue, topics, status = halves["agent"][0]
    yield RelationAssertion(a=a, b=b, type="conflict", topics=tuple(t for t in topics if t != "sanctions"), status=status,
                            event=cue.kb_id_, evidence=Evidence(sent.text.strip(), sent.start_char, sent.end_char,
                                                                (cue.text,), 0.4))


def _propagated_topics(found: list[RelationAssertion],
                       topic_only: list[tuple[Span, set[str], tuple[str, ...], str, set[str]]]) -> Iterator[RelationAssertion]:
    """A sentence with topic cues that names one side of exactly one related pair adds its topics to that pair.
    Where the sentence has an event word ("keep cooperating on security"), only pairs of that type qualify."""
    support: dict[tuple[str, str, str], int] = {}
    for r in found:
        support[(r.a, r.b, r.type)] = support.get((r.a, r.b, r.type), 0) + 1
    for sent, codes, topics, status, kinds in topic_only:
        candidates = {p for p in support if (p[0] in codes or p[1] in codes)}
        candidates = {p for p in candidates if p[2] in kinds} or candidates
        both = {p for p in candidates if p[0] in codes and p[1] in codes}
        chosen = both or candidates
        if len(chosen) > 1:
            # Several pairs share the named polity: the one the article reports most, if it clearly leads.
            ranked = sorted(chosen, key=lambda p: -support[p])
            if support[ranked[0]] >= 2 * support[ranked[1]]:
                chosen = {ranked[0]}
        if len(chosen) != 1:
            continue
        a, b, kind = next(iter(chosen))
        kept = tuple(t for t in topics if not (t == "sanctions" and kind == "cooperation"))
        if kept:
            yield RelationAssertion(a=a, b=b, type=kind, topics=kept, status=status, event="context",
                                    evidence=Evidence(sent.text.strip(), sent.start_char, sent.end_char, (), 0.5))


def _opens_with_parties(sent: Span, data: dict) -> bool:
    words = set(data.get("parties", ()))
    return any(lookup_key(t.text) in words or set(t._.lemmas) & words for t in sent[:3])


def _with_relative_subjects(doc: Doc, sent: Span, actors: list[Actor], data: dict) -> list[Actor]:
    """", who also hosted his Egyptian and Turkish counterparts", ", яка зустрілася з ...": a relative clause on an
    official's name has that official as its subject; the clause starts there with them (implicit)."""
    pronouns = set(data.get("relative_pronouns", ()))
    added = []
    for tok in sent:
        if tok.i < 2 or doc[tok.i - 1].text != "," or not (
                lookup_key(tok.text) in pronouns or (doc.lang_ != "en" and set(tok._.lemmas) & pronouns)):
            continue
        antecedent = next((a for a in actors if a.kind == "person" and a.end == tok.i - 1), None)
        if antecedent is not None:
            added.append(Actor(tok.i, antecedent.code, "", implicit=True, kind="relative", end=tok.i + 1))
    return sorted(actors + added, key=lambda a: a.index) if added else actors


def _clauses(doc: Doc, sent: Span, actors: list[Actor], data: dict) -> list[Span]:
    """Split a sentence where a new clause with its own actors starts ("..., as Beijing warns Tokyo",
    "after a Chinese ship fired at ...", "але Москва ..."); a clause keeps its own subject."""
    breaks = set(data.get("clause_breaks", ()))
    starts = [a.index for a in actors]
    # ", і ми не дозволимо Росії ...", ", а Іран ...": a comma before "і" / "а" and a new subject start a clause
    # (not the items of a list; not ", і звернувся до США", which goes on with the same subject)
    coordinators = set(data.get("clause_coordinators", ()))
    preps = set(data["location_prepositions"]) | set(data["with"])
    relatives = {a.index for a in actors if a.kind == "relative"}
    # "Ізраїль завдав ударів по Лівану, Бейрут просить США втрутитися": a comma and a polity in the nominative
    # before a verb (or an official: ", Орбан знову залишився осторонь")
    subjects = {a.index for a in actors if a.kind in ("name", "capital", "seat", "person") and _new_subject(doc, a)}
    cuts = [sent.start]
    for tok in sent:
        if tok.text == "," and tok.i > sent.start + 1 and tok.i + 1 in subjects:
            cuts.append(tok.i + 1)
            continue
        key = lookup_key(tok.text)
        subject_next = tok.i + 1 in starts or (tok.i + 2 in starts and tok.i + 1 < sent.end
                                               and lookup_key(doc[tok.i + 1].text) not in preps)
        if tok.i in relatives or (tok.i > sent.start and key in coordinators and doc[tok.i - 1].text == "," and subject_next) or (
                tok.i > sent.start + 1 and key in breaks and any(tok.i < i <= tok.i + 3 for i in starts)):
            cuts.append(tok.i)
    cuts.append(sent.end)
    return [doc[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def _new_subject(doc: Doc, actor: Actor) -> bool:
    """A Ukrainian polity in the nominative right before a verb opens a clause of its own ("Бейрут просить",
    "Єгипет знову звинуватив": adverbs may stand between)."""
    if doc.lang_ != "uk" or actor.end >= len(doc):
        return False
    first, end = doc[actor.index], actor.end
    while end + 1 < len(doc) and end < actor.end + 2 and doc[end]._.grammemes == {"ADVB"}:
        end += 1
    oblique = {"gent", "datv", "ablt", "loct"} & first._.grammemes  # (an inanimate nominative is also accusative)
    return "nomn" in first._.grammemes and (not oblique or "Fixd" in first._.grammemes) and "VERB" in doc[end]._.grammemes


def _owns(doc: Doc, actor: Actor, cue: Span) -> bool:
    """"Russia's war", "Russia's full-scale invasion": a possessive on the word, modifiers between."""
    if not (actor.end < len(doc) and doc[actor.end].text in ("'s", "’s") and 0 < cue.start - actor.index <= 6):
        return False
    # (not "Kyiv's air defences against Russian strikes": a preposition starts another noun's phrase)
    return all((not t.is_punct or t.text == "-") and lookup_key(t.text) not in _PREPOSITIONS
               for t in doc[actor.end + 1:cue.start])


_PREPOSITIONS = _TARGET_WORDS | {"against", "for", "by", "with", "from", "in", "to"}


def _qualified(cue: Span, actors: list[Actor]) -> bool:
    return any(abs(a.index - cue.start) <= 2 and a.index != cue.start for a in actors)


def _pairs(doc: Doc, sent: Span, actors: list[Actor], events: list[Span], between: set[str],
           data: dict) -> dict[tuple[str, str], tuple[str, Span]]:
    """Which pairs of actors the sentence relates, and how (cooperation / conflict, with the deciding cue).

    The first group of actors is the subject; it is paired with every later group. Within one group
    ("Poland and Ukraine agreed") only two polities are paired, and only by a reciprocal event (meet, agree,
    call): a longer list is a list, not a web of relations.
    """
    out: dict[tuple[str, str], tuple[str, Span]] = {}
    consumed: dict[int, set[int]] = {}  # conflict cue start -> actors it already relates
    paired: set[int] = set()  # actors of a conflict phrase with its agent and target
    groups = _groups(doc, actors)

    def add(x: str, y: str, near: int, pool: list[Span] | None = None) -> None:
        if x == y:
            return
        cue = min(pool or events, key=lambda c: abs(c.start - near))
        if near in consumed.get(cue.start, ()) or (_event_type(cue.kb_id_) == "conflict" and near in paired):
            return  # "засідання через удари Росії по Україні": the strike relates Russia and Ukraine, not the Council
        kind = _event_type(cue.kb_id_) or "cooperation"
        if kind == "cooperation" and (x in opposed or y in opposed):
            return  # "thanked the EU for sanctions against Russia": Russia is the target, no partner
        key = (min(x, y), max(x, y))
        if key not in out:
            out[key] = (kind, cue)

    conflict_cues = [c for c in events if _event_type(c.kb_id_) == "conflict"]
    # Polities a conflict word points at ("sanctions against Russia", "hits Russia", "російської агресії",
    # "Russia's war"): parties to the conflict, never partners in the same sentence.
    opposed = {a.code for c in conflict_cues for a in actors
               if 0 <= a.index - c.end <= 2 or (0 < c.start - a.index <= 2 and a.kind in ("demonym", "name", "capital", "seat"))
               or _owns(doc, a, c)}
    # (and what a weak conflict word hits: "the package hits Russia where it hurts")
    opposed |= {a.code for c in index.spans(doc, "kg_cue") if c.label_ == "relation_weak" and sent.start <= c.start < sent.end
                and _event_type(c.kb_id_) == "conflict" for a in actors if 0 <= a.index - c.end <= 1}
    hostile = set(data.get("hostile_participles", ()))
    for tok in sent:  # "дітей, депортованих Росією", "territories occupied by Russia": no partner either
        if lookup_key(tok.text) in hostile or set(tok._.lemmas) & hostile:
            opposed.update(a.code for a in actors if 0 < a.index - tok.i <= 2)
    for group in _groups(doc, actors):  # "санкції проти Росії та Ірану": the whole list
        if any(a.code in opposed for a in group):
            opposed.update(a.code for a in group)
    if groups and conflict_cues and all(a.index < conflict_cues[0].start - 2 for a in groups[0]):
        # "Poland expressed solidarity with Prague ... after similar attacks on Polish ministries": a subject that
        # is not the conflict word's agent stays a partner, whatever was done to it
        opposed -= {a.code for a in groups[0]}
    # "удари Росії по енергетиці України", "Russian strikes on Ukraine", "sanctions against Russia by the EU":
    # a conflict word with its agent and its target is a pair of its own.
    measure_agent: Actor | None = None
    for cue in conflict_cues:
        agent = _agent_on(doc, actors, cue)
        if agent is None and cue.kb_id_ in ("sanction", "tariff"):
            # "thanked the EU for the sanctions against Russia": no agent on the word, the polity just before it
            # imposes them (only when a target follows), unless it is the target of a measure named before:
            # "ввів мита на товари з Мексики та Канади, а також збільшив мита на китайські товари" (one agent)
            preps = set(data["location_prepositions"]) | set(data["with"]) | set(data["of"])
            agent = next((a for a in reversed(actors) if 0 < cue.start - a.end <= 4 and not a.implicit
                          and a.kind in ("name", "capital", "seat", "person")
                          and (a.index not in paired or not any(t.is_punct for t in doc[a.end:cue.start]))
                          and not (a.index > 0 and lookup_key(doc[a.index - 1].text) in preps)), None)
            if agent is None and measure_agent is not None and any(a.index in paired for a in actors
                                                                   if 0 < cue.start - a.end <= 4):
                agent = measure_agent
        if agent is None:
            continue
        if cue.kb_id_ in ("sanction", "tariff"):
            measure_agent = agent
        start = max(cue.end, agent.end)
        for j in range(start, min(start + 4, sent.end)):
            if lookup_key(doc[j].text) in _TARGET_WORDS:
                target = next((a for a in actors if j < a.index <= j + 4 and a.code != agent.code), None)
                if target is not None:
                    # "incursions into the airspace of Poland and Romania": every target of the list
                    group = next((g for g in groups if target in g), [target])
                    # "the US, South Korea and Japan imposed sanctions on ...": every agent of the list too
                    agents = next((g for g in groups if agent in g), [agent])
                    for a in agents:
                        for t in group[group.index(target):]:
                            if t.code != a.code:
                                out[(min(a.code, t.code), max(a.code, t.code))] = ("conflict", cue)
                    consumed[cue.start] = {a.index for a in agents} | {t.index for t in group}
                    paired.update(consumed[cue.start])
                break
    groups = _groups(doc, actors)
    # "між X і Y" / "between X and Y" / "between the United States, Ukraine and Russia": each pair of the list
    for tok in sent:
        if lookup_key(tok.text) in between:
            after = [a for a in actors if a.index > tok.i]
            listed = next((g for g in groups if g[0].index > tok.i), [])
            codes = list(dict.fromkeys(a.code for a in listed))
            if not (listed and listed[0] is after[0] and 3 <= len(codes) <= 4):
                codes = list(dict.fromkeys(a.code for a in after))[:2]
            for i, x in enumerate(codes):
                for y in codes[i + 1:]:
                    add(x, y, tok.i)
    # "співпрацею Росії та КНДР", "Russia-North Korea cooperation": an event word whose arguments follow it.
    argument_groups = []
    # (Ukrainian genitives; in English a list after a verb is its object: "hosted his Egyptian and Turkish
    # counterparts" relates the host to each)
    for cue in [c for c in events if c.kb_id_ in _RECIPROCAL and doc.lang_ != "en"]:
        for group in groups:
            codes = list(dict.fromkeys(a.code for a in group))
            # (the officials' title may stand between: "зустріч міністрів закордонних справ України та Польщі")
            titled = (cue.end < group[0].index and (role := index.role_starting_at(doc, cue.end)) is not None
                      and role.end == group[0].index)
            # (a list right after a visit is where it goes: "після візиту до Туреччини та Ірану")
            if len(codes) == 2 and (0 < group[0].index - cue.end + 1 <= 2 or titled) and (
                    group is not groups[0] or (cue.end <= group[0].index and cue.kb_id_ != "visit")):
                add(codes[0], codes[1], group[0].index)
                argument_groups.append(group)
    groups = [g for g in groups if not any(g is a for a in argument_groups)] or groups
    subject = groups[0]
    subject_codes = list(dict.fromkeys(a.code for a in subject))
    # "Латвія, Литва та Естонія погодили спільну закупівлю": a short list agreeing together is a web of three
    # (a list after the event word is its object, not its subject: "after visiting Turkey and Iran")
    reciprocal = [c for c in events if c.kb_id_ in _RECIPROCAL and c.start > subject[-1].index]
    if 2 <= len(subject_codes) <= 3 and reciprocal:
        # (by the reciprocal word: "the US, South Korea and Japan imposed coordinated sanctions" makes them partners)
        for i, x in enumerate(subject_codes):
            for y in subject_codes[i + 1:]:
                add(x, y, subject[-1].index, reciprocal)
    for group in groups[1:]:
        if subject[0].kind == "parties":
            break  # "Сторони обговорили ... повернення депортованих Росією дітей": the two sides talk about others
        for actor in group:
            for code in subject_codes:
                cue = min(events, key=lambda c: abs(c.start - actor.index))
                if _event_type(cue.kb_id_) == "conflict" and not subject[0].implicit and subject[0].index > cue.start:
                    continue  # "an attack on an army post in Benin near the border with Niger": targets, no agent
                if _event_type(cue.kb_id_) == "conflict" and _agent_is_no_polity(doc, actors, cue):
                    continue  # "efforts to broker a ceasefire after Hamas's attack on Israel": Hamas attacked
                agent = _passive_agent(doc, actors, cue, data) if _event_type(cue.kb_id_) == "conflict" else None
                if any(_passive_agent(doc, actors, c, data) is actor for c in conflict_cues):
                    continue  # the agent of a passive strike is in conflict with what it struck, not with the subject
                if agent is not None and agent.code not in (code, actor.code):
                    # "repairs to Ukraine's grid, which has been hit by Russian strikes": the agent hit it, not
                    # the subject
                    if actor.index < cue.start:
                        out[(min(agent.code, actor.code), max(agent.code, actor.code))] = ("conflict", cue)
                    continue
                if cue.kb_id_ == "conflict" and any(subject[-1].index < a.index < cue.start and a.code not in (code, actor.code)
                                                    for a in actors):
                    continue  # "санкції проти осіб з Росії та Ірану, причетних до війни проти України": not Australia's war
                if _event_type(cue.kb_id_) == "conflict" and actor.kind == "demonym" and _helps_against(out, code, actors, cue):
                    continue
                add(code, actor.code, actor.index)
    # "Russian strikes", "Russia's war", "удари Росії": the polity on a conflict word is in conflict with the
    # subject (a demonym or possessive before it, a genitive right after it).
    for cue in conflict_cues:
        for actor in actors:
            before = actor.kind == "demonym" and 0 < cue.start - actor.index <= 2
            owns = _owns(doc, actor, cue)
            after = actor.index == cue.end and actor.kind in ("name", "capital", "seat") and doc.lang_ != "en"
            # (not when the word has its agent and target already, "Kallas spoke ahead of the anniversary of
            # Russia's invasion of Ukraine", nor when the subject meets about a strike whose agent and target are
            # named: "засідання, присвячене ударам Росії по Україні")
            if (before or owns or after) and actor.code not in subject_codes and actor.index not in consumed.get(
                    cue.start, ()) and not (actor.index in paired and any(_event_type(c.kb_id_) == "cooperation" for c in events)):
                for code in subject_codes:
                    if code != actor.code and not _helps_against(out, code, actors, cue):
                        out[(min(actor.code, code), max(actor.code, code))] = ("conflict", cue)
    return out


def _agent_is_no_polity(doc: Doc, actors: list[Actor], cue: Span) -> bool:
    """A conflict word owned by a name that is no polity nor anyone's official ("Hamas's attack", "the M23's
    offensive"): its agent is that group, not the sentence's subject."""
    if cue.start < 2 or doc[cue.start - 1].text not in ("'s", "’s"):
        return False
    owner = cue.start - 2
    return doc[owner].text[:1].isupper() and not any(a.index <= owner < max(a.end, a.index + 1) for a in actors)


def _helps_against(out: dict[tuple[str, str], tuple[str, Span]], code: str, actors: list[Actor], cue: Span) -> bool:
    """"Germany will deliver missiles to Ukraine ... against Russian strikes": the subject helps a partner named
    before the conflict word; it is the partner, not the subject, that the strikes are aimed at."""
    partners = {p for (a, b), (kind, _) in out.items() if kind == "cooperation" and code in (a, b) for p in (a, b)} - {code}
    if any(p.kb_id_ == code and 0 <= p.start - cue.end <= 6 for p in index.spans(cue.doc, "kg_polity")):
        return False  # "... під час атак російських хакерів на українські енергетичні об’єкти": aimed at the subject
    return any(a.code in partners and a.index < cue.start for a in actors)
