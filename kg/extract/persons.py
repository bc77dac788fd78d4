"""Persons and the offices they hold: names linked to roles and polities, then coreference inside the article.

Patterns (both orders, appositions, compound roles):

- ``[demonym|Polity's] ROLE [of] [Polity] [,] NAME`` — "Президент України Володимир Зеленський",
  "японська прем’єр-міністерка Санае Такаїчі", "Japan's Prime Minister Sanae Takaichi".
- ``NAME, [the] [demonym|Polity's] ROLE [of Polity]`` — "Санае Такаїчі, прем’єр-міністерка Японії".
- ``ROLE1 – ROLE2 Polity NAME`` and ``ROLE1 and ROLE2``: one assertion per role.
- ``NAME на посаді ROLE`` / ``NAME as ROLE``.

The polity of a role is the one attached to the role phrase, never merely the nearest one in the sentence
(the host of a visit is not the ambassador's country).
"""

from __future__ import annotations

import functools

from dataclasses import dataclass, field
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract import index
from kg.extract.records import Evidence, RoleAssertion
from kg.nlp.morph import inflect_name, lang_data
from kg.io.text import lookup_key
from kg.nlp.lexicon import word_keys

__all__ = ["Person", "PersonMention", "find_persons", "extract_roles", "skeleton"]

_DASHES = {"–", "—", "-", ","}
_FEMININE_SUFFIXES = ("ка", "иця", "иня", "ess", "woman")


@dataclass
class Person:
    """A person of one article: canonical name, roles with polities, and every mention."""

    name: str
    roles: list[tuple[str, str, bool]] = field(default_factory=list)  # (role, polity, acting)
    gender: str | None = None
    surfaces: set[str] = field(default_factory=set)

    @property
    def country(self) -> str | None:
        return self.roles[0][1] if self.roles else None

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass(frozen=True)
class PersonMention:
    """A place in the text that refers to a person (by name, surname, role word or pronoun)."""

    start: int
    end: int
    person: Person


@functools.lru_cache(maxsize=100_000)
def skeleton(word: str) -> str:
    """A spelling-tolerant key of a name word: lower case, apostrophes and doubled letters folded."""
    key = lookup_key(word).replace("'", "")
    out = []
    for c in key:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _same_surname(a: str, b: str) -> bool:
    """Two forms of one surname (Стармер / Стармером / Стармера; Zelensky / Zelensky's)."""
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return True
    short, long_ = sorted((sa, sb), key=len)
    stem = max(4, len(short) - 2)
    return len(short) >= 4 and long_.startswith(short[:stem]) and len(long_) - stem <= 4


_polity_at = index.polity_at
_role_ending_at = index.role_ending_at
_role_starting_at = index.role_starting_at


@dataclass
class _Link:
    roles: list[Span]
    polity: str | None
    acting: bool
    former: bool
    polity_from_role_phrase: bool


def _polity_inside(doc: Doc, role: Span) -> str | None:
    for span in index.spans(doc, "kg_polity"):
        if span.start >= role.start and span.end <= role.end:
            return span.kb_id_
    return None


def _pre_modifiers(doc: Doc, role: Span, data: dict) -> tuple[str | None, bool, bool]:
    """What stands before a role: a demonym or "Polity's" (its polity; a possessive wins over an attributive
    organisation: "Sudan's UN ambassador"), acting, former; office words are passed over ("Chinese foreign
    ministry spokesperson", "речник МЗС")."""
    polity = None
    possessive = False
    acting = former = False
    i = role.start - 1
    stop = index.sent_bounds(doc, role.start)[0]
    modifiers = set(data.get("role_modifiers", ()))
    while i >= stop and i >= role.start - 7:
        tok = doc[i]
        key = lookup_key(tok.text)
        span = _polity_at(doc, i)
        if span is not None:
            owns = span.end < len(doc) and doc[span.end].text in ("'s", "’s", "'", "’")
            if span.label_ == "demonym" or owns or doc.lang_ == "en":
                if polity is None or (owns and not possessive):
                    polity, possessive = span.kb_id_, owns
            i = span.start - 1
            continue
        owner = _name_ending_at(doc, i) if key in ("'s", "’s") else None
        if owner is not None:
            # "US President Donald Trump's special envoy": the envoy serves the polity of the owner's title
            polity = polity or _owner_polity(doc, owner, data)
            break
        if key in ("'s", "’s", "'", "’", "the", "a", "an", "пані", "пан", "mr", "mrs", "ms", "then") or key in modifiers:
            i -= 1
            continue
        if key in data["acting"] or any(key.startswith(a) for a in ("в.о", "т.в.о")):
            acting = True
            i -= 1
            continue
        if _former_word(tok, data):
            former = True
            i -= 1
            continue
        if doc.lang_ == "en" and (key in ("and", "&") and i < role.start - 1 or key in set(data.get("portfolio_words", ()))
                                  or tok.text[:1].isupper() and tok.is_alpha) and not _holder_or_title(doc, i):
            # a portfolio's name: "Iraqi Water Resources Minister", "Malaysia's Plantation and Commodities Minister"
            # ("and" right before the title joins another official's: "President X of Kazakhstan and President Y")
            i -= 1
            continue
        break
    return polity, acting, former


def _owner_polity(doc: Doc, owner: Span, data: dict) -> str | None:
    """The polity of a name that owns another's title: the gazetteer's, else its own title's."""
    listed = _listed(doc, owner)
    if listed is not None:
        return listed[1]
    link = _role_chain_before(doc, owner.start, data)
    return link.polity if link is not None else None


def _former_word(token: Token, data: dict) -> bool:
    """"former", "колишньому" (any form: the list holds lemmas), "ex-", "then-US", "експрем'єр"; and
    "self-proclaimed", "самопроголошений": no office a state holds (both read as no current office)."""
    former = [*data["former"], *data.get("unrecognised", ())]
    key = lookup_key(token.text)
    return key in former or any(lemma in former for lemma in token._.lemmas) or key.startswith(
        tuple(data.get("former_prefixes", ())))


def _holder_or_title(doc: Doc, i: int) -> bool:
    """Token i belongs to another title or to the name of its holder ("Foreign Minister Toshimitsu Motegi and
    External Affairs Minister S. Jaishankar": the portfolio words stop at Motegi)."""
    if index.role_ending_at(doc, i + 1) is not None or any(r.start <= i < r.end for r in index.spans(doc, "kg_role")):
        return True
    for name in index.spans(doc, "kg_name"):
        if name.start <= i < name.end:
            # (a name after a title or a polity's "'s": "Japan's Toshimitsu Motegi and British Foreign Secretary X")
            return name.start > 0 and (doc[name.start - 1].text in ("'s", "’s") or any(
                r.end == name.start for r in index.spans(doc, "kg_role")))
    return False


_GAP_MAX = 10
_CONTENT_POS = frozenset({"NOUN", "ADJF", "ADJS", "PREP", "CONJ", "NUMR", "PRTF"})
_EN_GAP = frozenset({"of", "for", "to", "at", "in", "on", "the", "and", "&", "with", "on"})


def _gap_word(token: Token, data: dict) -> bool:
    """A word that may stand between a role and its holder's name: the role's complement
    ("міністра сільського господарства і продовольчої безпеки Нігерії", "Minister for Foreign Affairs and Trade")."""
    text = token.text
    if token.is_space or token._.noise:
        return False
    if token.is_punct:
        return text in ("-", "’", "'")
    key = lookup_key(text)
    if key in data.get("honorifics", ()):
        return True  # "Emir Sheikh Tamim ...", "Commander Gen. ..."
    if key in data["location_prepositions"] or key == "при":
        return True  # where the office is held: "Постійний представник Китаю при ООН Фу Цун", "посол України в Японії"
    if token.doc.lang_ == "en":
        if text[:1].isupper() and token.i >= 1 and lookup_key(token.doc[token.i - 1].text) in ("the", "of"):
            return True  # "the speaker of the Riigikogu, Lauri Hussar": an institution's name
        return key in _EN_GAP or bool(token._.cue)
    grammemes = token._.grammemes
    if text[:1].isupper() and not token._.cue:
        # an institution's name in the complement ("речник МЗС Росії", "голова Державної служби ... України",
        # "речник Тимчасових сил ООН"), but not a person's name
        abbreviation = text.isupper() and 2 <= len(text) <= 6 and text.isalpha()
        institution = token._.known and not ({"Name", "Surn", "Patr"} & grammemes) and bool(grammemes & _CONTENT_POS)
        return abbreviation or (institution and not token.is_sent_start)
    return bool(grammemes & _CONTENT_POS) and not ({"VERB", "INFN", "GRND"} & grammemes and "NOUN" not in grammemes)


def _host_preposition(doc: Doc, span: Span, data: dict) -> bool:
    """A polity after "в/у/при/in/to/at" is where the official serves or travels, not whom they serve."""
    i = span.start - 1
    while i >= 0 and lookup_key(doc[i].text) == "the":
        i -= 1
    if i < 0:
        return False
    key = lookup_key(doc[i].text)
    return key in data["location_prepositions"] or key in ("при", "to", "at", "in", "до")


def _complement_polity(doc: Doc, start: int, end: int, data: dict) -> str | None:
    """The first polity of a role's complement (tokens start..end) that is not a host after a preposition."""
    for span in index.spans(doc, "kg_polity"):
        if start <= span.start and span.end <= end and not _host_preposition(doc, span, data) and (
                span.label_ != "demonym" or _demonym_on_noun(doc, span)):
            return span.kb_id_
    return None


def _demonym_on_noun(doc: Doc, span: Span) -> bool:
    """A demonym qualifying the complement's noun: "командувач ліванської армії" (agreeing with it), "secretary of
    the Russian Security Council" (after the article: the council is Russia's, not the UN's)."""
    if doc.lang_ == "en":
        return span.start > 0 and lookup_key(doc[span.start - 1].text) == "the"
    return doc.lang_ == "uk" and span.end < len(doc) and "NOUN" in doc[span.end]._.grammemes and not doc[span.end].text[:1].isupper()


def _post_polity(doc: Doc, role: Span, data: dict | None = None) -> tuple[str | None, int]:
    """A polity right after the role ("of Japan", "Японії", "ООН"); returns it and where it ends."""
    i = role.end
    if doc.lang_ == "en" and i < len(doc) and lookup_key(doc[i].text) in ("of", "for"):
        i += 1
        if i < len(doc) and lookup_key(doc[i].text) == "the":
            i += 1
    span = _polity_at(doc, i)
    if span is not None and span.start == i and (span.label_ != "demonym"):
        # uk: the genitive follows the role (Президент України); en: "President of Ukraine".
        return span.kb_id_, span.end
    return None, role.end


def _chain(doc: Doc, role: Span, data: dict) -> tuple[list[Span], str | None, bool, bool]:
    """A role with the roles compounded before it ("віцепрем’єр-міністр – міністр оборони", "Deputy Prime
    Minister and Defence Minister"), and what stands before the first: polity, acting, former."""
    roles = [role]
    pre_polity, acting, former = _pre_modifiers(doc, role, data)
    modifiers = set(data.get("role_modifiers", ()))
    j = role.start
    # "Deputy Prime Minister and Justice Secretary": a portfolio word may stand between "and" and the role.
    while j - 1 > index.sent_bounds(doc, role.start)[0] and (doc[j - 1]._.cue or lookup_key(doc[j - 1].text) in modifiers) and j > role.start - 2:
        j -= 1
    while j - 2 >= index.sent_bounds(doc, role.start)[0] and (doc[j - 1].text in ("–", "—", "-") or lookup_key(doc[j - 1].text) in data["and"]):
        prev = _role_ending_at(doc, j - 1)
        if prev is None:
            break
        roles.insert(0, prev)
        p2, a2, f2 = _pre_modifiers(doc, prev, data)
        pre_polity = pre_polity or p2
        acting, former = acting or a2, former or f2
        j = prev.start
    return roles, pre_polity, acting, former


def _role_chain_before(doc: Doc, end: int, data: dict) -> _Link | None:
    """The role phrase before a name: ROLE [complement with polities] [,] NAME."""
    sent_start = index.sent_bounds(doc, end if end < len(doc) else end - 1)[0]
    name = index.name_starting_at(doc, end)
    if name is not None and len(name) == 1 and _after_place_preposition(doc, end):
        return None
    i = end - 1
    honorifics = set(data.get("honorifics", ()))
    while i > sent_start and lookup_key(doc[i].text) in honorifics and _role_ending_at(doc, i + 1) is None:
        i -= 1  # "the supreme leader, Ayatollah ...": the honorific opens the apposition
    if i >= sent_start and lookup_key(doc[i].text) in data.get("service_prepositions", ()):
        return None  # "a spokesman for Mr Scholz": whom the official serves, not the official
    headline = _title_case(doc, end)
    if i >= sent_start and doc[i].text == "," and not headline:
        i -= 1
    elif i > sent_start and doc[i].text == ":" and any(r.end <= i and i - r.end <= 6 and r.start >= sent_start
                                                       for r in index.spans(doc, "kg_role")):
        # a list of appointments: "Minister of Food and Agriculture: Eric Opoku" (the colon ends the title, so
        # its capitalised words are its complement, as in no headline)
        i -= 1
        headline = False
    steps = 0
    role = None
    while i >= sent_start and steps <= _GAP_MAX:
        role = _role_ending_at(doc, i + 1)
        if role is not None:
            break
        span = _polity_at(doc, i)
        if span is not None and span.label_ != "demonym":
            i = span.start - 1
        elif headline:
            return None  # (every word of a title-case headline is capitalised: no complement can be told)
        elif _gap_word(doc[i], data):
            i -= 1
        elif doc[i].text == "," and i + 1 < end and i > sent_start and _gap_word(doc[i + 1], data) and _gap_word(doc[i - 1], data):
            i -= 1  # a list inside the complement: "міністр планування, розвитку та спеціальних ініціатив Пакистану"
        elif _bracketed_abbreviation_ending_at(doc, i):
            i -= 3  # "Chief of the Army Staff (COAS) Field Marshal ...": the title's abbreviation
        elif (owner := _owner_name_ending_at(doc, i + 1, data)) is not None:
            i = owner.start - 1  # "посланець президента Дональда Трампа Стів Віткофф": over the president's name
        else:
            return None
        steps += 1
    if role is None:
        return None
    complement_start = role.end
    # "помічник президента РФ X", "спецпосланець президента США X": the first role is the office, the second
    # (in the genitive) says whose; but a name followed by another is the second office's holder, the owner
    # ("посланець президента Дональда Трампа Стів Віткофф").
    head = _role_ending_at(doc, role.start)
    owner_title = None
    if head is not None and head.kb_id_ != role.kb_id_ and not (
            name is not None and _owner_name_ending_at(doc, name.end, data) is not None and _name_follows(doc, name, data)):
        role, owner_title = head, role
    if name is not None and _oblique_surname(role, name):
        return None  # "як посланець Трампа": whose envoy, not the envoy
    roles, pre_polity, acting, former = _chain(doc, role, data)
    polity = _polity_inside(doc, role) or _complement_polity(doc, complement_start, end, data) or pre_polity
    if polity is None and owner_title is not None:
        polity = _title_polity(owner_title, data)  # "посланець папи римського ... кардинал X": the Holy See's
    return _Link(roles, polity, acting, former, polity is not None)


def _bracketed_abbreviation_ending_at(doc: Doc, i: int) -> bool:
    """"(COAS)", "(Retd.)": a bracketed word standing after a title."""
    return i >= 2 and doc[i].text == ")" and doc[i - 2].text == "(" and doc[i - 1].text[:1].isupper()


_HEADLINE_WORDS = 4  # words of four letters or more a title-case line has at least
_HEADLINE_SHARE = 0.8  # of which at least this share is capitalised


def _title_case(doc: Doc, i: int) -> bool:
    """"Moldovan President Discusses Energy Security Cooperation With Zelenskyy": the sentence of token i is a
    title-case headline (its long words capitalised, no full stop at its end)."""
    start, end = index.sent_bounds(doc, i)
    table: dict[int, bool] = index.memo(doc, "persons:title_case", dict)
    if start not in table:
        words = [t.text for t in doc[start:end] if t.is_alpha and len(t.text) >= 4]
        capitals = sum(1 for w in words if w[:1].isupper())
        stopped = any(t.text in (".", "!", "?") for t in doc[max(start, end - 3):end])  # (a headline has no full stop)
        table[start] = len(words) >= _HEADLINE_WORDS and capitals >= _HEADLINE_SHARE * len(words) and not stopped
    return table[start]


def _organisation_words(doc: Doc, name: Span, data: dict) -> bool:
    """"president of the Japan Aerospace Exploration Agency": capitalised words before a capitalised institution
    noun name an organisation, not a person."""
    if name.end >= len(doc) or not doc[name.end].text[:1].isupper():
        return False
    return lookup_key(doc[name.end].text) in data.get("institutions", ())


def _name_ending_at(doc: Doc, end: int) -> Span | None:
    table = index.memo(doc, "persons:name_end", lambda: {s.end: s for s in index.spans(doc, "kg_name")})
    return table.get(end)  # type: ignore[no-any-return]


def _owner_name_ending_at(doc: Doc, end: int, data: dict) -> Span | None:
    """A name that holds the genitive office of a compound title ("посланець президента [США] Дональда Трампа"):
    the office right before it (past its polity) follows another office."""
    name = _name_ending_at(doc, end)
    if name is None:
        return None
    i = name.start
    while (span := _polity_at(doc, i - 1)) is not None and span.label_ != "demonym":
        i = span.start
    role = _role_ending_at(doc, i)
    head = _role_ending_at(doc, role.start) if role is not None else None
    return name if head is not None and head.kb_id_ != role.kb_id_ else None  # type: ignore[union-attr]


def _name_follows(doc: Doc, name: Span, data: dict) -> bool:
    """Another name comes after this one, past only a title's complement ("Дональда Трампа з питань Близького Сходу
    Стів Віткофф")."""
    sent_end = index.sent_bounds(doc, name.start)[1]
    i = name.end
    while i < sent_end and i - name.end <= _GAP_MAX:
        if index.name_starting_at(doc, i) is not None:
            return True
        if _role_starting_at(doc, i) is not None:
            return False  # another title: the name after it is its holder's
        span = _polity_at(doc, i)
        if span is not None:
            i = span.end
        elif _gap_word(doc[i], data):
            i += 1
        else:
            return False
    return False


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct"})


def _oblique_surname(role: Span, name: Span) -> bool:
    """A Ukrainian title and a name that cannot agree: a nominative title and a lone surname the dictionary reads
    only in another case ("посланець Трампа", "Трампом – прессекретар"), or a name only in the instrumental after a
    title that cannot be ("з зятем президента Джаредом Кушнером": the president's son-in-law)."""
    if role.doc.lang_ != "uk":
        return False
    title = role[0]._.grammemes & _CASES
    if len(name) == 1:
        word = name[0]._.grammemes
        if title == {"nomn"} and name[0]._.known and "Surn" in word and not word & {"nomn", "Fixd"}:
            return True
    instrumental = all(t._.known and {"Name", "Surn"} & t._.grammemes and t._.grammemes & _CASES == {"ablt"}
                       for t in name)
    return bool(title) and instrumental and "ablt" not in title


def _after_place_preposition(doc: Doc, start: int) -> bool:
    """"Permanent Representative to the UN in Geneva", "написав канцлер у Twitter": a lone capitalised word right
    after a place preposition is a place or an outlet, not the title holder's name."""
    data = lang_data(doc.lang_)
    if start == 0:
        return False
    word = doc[start - 1]  # (lower case: "посла Китаю в Токіо У Цзянхао" — Wu is a surname)
    return (word.text.islower() or word.is_sent_start) and lookup_key(word.text) in data["location_prepositions"]


_STATE_NAME_WORDS = 4  # "of the Republic of", "of the Kingdom of"


def _polity_after_name(doc: Doc, name: Span, data: dict) -> str | None:
    """"President Shavkat Mirziyoyev of the Republic of Uzbekistan": a title's polity named after the holder."""
    sent_end = index.sent_bounds(doc, name.start)[1]
    i = name.end
    if i >= sent_end or lookup_key(doc[i].text) not in set(data["of"]):
        return None
    i += 1
    for _ in range(_STATE_NAME_WORDS):
        span = _polity_at(doc, i) if i < sent_end else None
        if span is not None and span.start == i:
            return span.kb_id_ if span.label_ != "demonym" else None
        if i >= sent_end or not (lookup_key(doc[i].text) in ("the", *data["of"]) or doc[i].text[:1].isupper()):
            return None
        i += 1
    return None


def _role_after(doc: Doc, name: Span, data: dict) -> _Link | None:
    """``NAME, [the] [Polity's|demonym] ROLE [complement]`` and ``NAME на посаді ROLE`` / ``NAME as ROLE``."""
    i = name.end
    n = len(doc)
    sent_end = index.sent_bounds(doc, name.start)[1]
    if i < n and doc[i].text in (",", "(", "–", "—"):
        i += 1
    elif i < n and lookup_key(doc[i].text) in ("as",) + tuple(data["position_phrase"]):
        i += 1
    elif i + 1 < n and lookup_key(doc[i].text) in ("на", "on") and lookup_key(doc[i + 1].text) in ("посаді", "посаду"):
        i += 2
    else:
        return None
    pre_polity = None
    acting = former = False
    steps = 0
    # (office words before the title: "the US deputy national security adviser", "a foreign ministry official",
    # "White House economic adviser")
    modifiers = set(data.get("role_modifiers", ())) | set(data.get("deputy", ())) | set(data.get("portfolio_words", ()))
    while i < sent_end and steps < 6:
        key = lookup_key(doc[i].text)
        role = _role_starting_at(doc, i)
        if role is not None:
            break
        span = _polity_at(doc, i)
        owner = index.name_starting_at(doc, i)
        if span is not None and span.start == i:
            pre_polity = span.kb_id_
            i = span.end
        elif owner is not None and owner.end < sent_end and doc[owner.end].text in ("'s", "’s") and _listed(doc, owner):
            pre_polity = _listed(doc, owner)[1]  # "Yuri Ushakov, Putin's foreign policy aide"
            i = owner.end + 1
        elif key in ("the", "a", "an", "'s", "’s", "'", "’", "who", "is", "was", "also", "currently", "який", "яка", "також"):
            i += 1
        elif key in data["acting"]:
            acting = True
            i += 1
        elif _former_word(doc[i], data):
            former = True
            i += 1
        elif key in modifiers:
            i += 1
        else:
            return None
        steps += 1
    role = _role_starting_at(doc, i)
    if role is None:
        return None
    roles = [role]
    # The complement runs to the end of the apposition (a comma, a bracket or the sentence's end).
    end = role.end
    while end < sent_end and doc[end].text not in (",", ")", ";", ".", "«", "»", "\"") and end - role.end < _GAP_MAX:
        nxt = _role_starting_at(doc, end + 1) if (doc[end].text in ("–", "—") or lookup_key(doc[end].text) in data["and"]) else None
        if nxt is not None:
            roles.append(nxt)
            end = nxt.end
            continue
        if not (_gap_word(doc[end], data) or _polity_at(doc, end) is not None):
            break
        end += 1
    # (a plural title is no apposition to one name: "in Lublin, Polish officials said", "з Навроцьким, спікерами
    # Сейму"; in Ukrainian only when the dictionary knows the word: a guess may miss its singular reading)
    if _title_of_next_name(doc, role, end, data) or _oblique_surname(role, name) or (
            _plural(role) and (doc.lang_ == "en" or role[0]._.known)):
        return None  # (and "зустріч із Трампом – прессекретар": a headline's source; "Lublin, Polish officials said")
    polity = _polity_inside(doc, role) or _complement_polity(doc, role.end, end, data) or pre_polity
    return _Link(roles, polity, acting, former, polity is not None)


def _title_of_next_name(doc: Doc, role: Span, end: int, data: dict) -> bool:
    """"In an interview with Al-Jazeera, Foreign Minister Sheikh X said": a title followed by a name, right after
    its words, its polity or an honorific, is that name's, not an apposition to the name before the comma."""
    if index.name_starting_at(doc, end) is None:
        return False
    last = doc[end - 1]
    return end == role.end or _polity_at(doc, end - 1) is not None or lookup_key(last.text) in data.get("honorifics", ())


_DEPUTY_OF = {"prime_minister": "deputy_prime_minister", "president": "vice_president",
              "head_of_organisation": "other_official", "foreign_minister": "deputy_minister",
              "defence_minister": "deputy_minister", "minister": "deputy_minister"}


def _deputised(doc: Doc, role: Span, data: dict) -> Span:
    """"Заступниця міністра закордонних справ", "deputy foreign minister": a deputy's office, not the minister's."""
    deputy = set(data.get("deputy", ()))
    i = role.start - 1
    if i >= 0 and lookup_key(doc[i].text) in deputy and role.kb_id_ in _DEPUTY_OF:
        return Span(doc, i, role.end, label=role.label_, kb_id=_DEPUTY_OF[role.kb_id_])
    for token in role[:1]:
        if lookup_key(token.text) in deputy and role.kb_id_ in _DEPUTY_OF and len(role) > 1:
            return Span(doc, role.start, role.end, label=role.label_, kb_id=_DEPUTY_OF[role.kb_id_])
    return role


_BODY_WINDOW = 8  # words after a secretary's title that may name the body ("of Ukraine's National Security and Defense Council")


def _body_secretary(doc: Doc, role: Span, data: dict) -> Span:
    """"Secretary of the Russian Security Council", "National Security Council Secretary": the secretary of a
    council or committee is its officer, not a minister."""
    titles = set(data.get("secretary_titles", ()))
    if role.kb_id_ != "minister" or not any(titles & {lookup_key(t.text), *t._.lemmas} for t in role):
        return role
    first, last = index.sent_bounds(doc, role.start)
    bodies = set(data.get("collegial_bodies", ()))
    after = []
    for token in doc[role.end:min(role.end + _BODY_WINDOW, last)]:
        if token.is_punct and token.text not in ("'s", "’s", "'", "’"):
            break
        after.append(token)
    before = list(doc[max(first, role.start - 3):role.start])
    if any(bodies & {lookup_key(t.text), *t._.lemmas} for t in after + before):
        return Span(doc, role.start, role.end, label=role.label_, kb_id="other_official")
    return role


def _gender(lang: str, roles: list[Span], name_tokens: list[Token]) -> str | None:
    for role in roles:
        last = lookup_key(role[-1].text) if lang == "uk" else lookup_key(role.text)
        lemmas = role[-1]._.lemmas
        if any(str(l).endswith(_FEMININE_SUFFIXES) for l in lemmas) or last.endswith(_FEMININE_SUFFIXES):
            return "femn"
    for tok in name_tokens:
        if "femn" in tok._.grammemes and "Name" in tok._.grammemes and "masc" not in tok._.grammemes:
            return "femn"
    for tok in name_tokens:  # (a masculine title says nothing: "міністр" is said of women too; a given name does)
        if "masc" in tok._.grammemes and "Name" in tok._.grammemes and "femn" not in tok._.grammemes:
            return "masc"
    return None


def find_persons(doc: Doc) -> tuple[list[Person], list[PersonMention], list[tuple[Person, str, str, bool, Span, Span]]]:
    """Every person of the article, every mention of them, and the (person, role, polity) links read
    (computed once per Doc: both extractors need them)."""
    return index.memo(doc, "persons", lambda: _find_persons(doc))  # type: ignore[no-any-return]


def _find_persons(doc: Doc) -> tuple[list[Person], list[PersonMention], list[tuple[Person, str, str, bool, Span, Span]]]:
    """Every person of the article, every mention of them, and the (person, role, polity) links read.

    Links are ``(person, role, polity, acting, name_span, role_span)``; a link without a polity in its own
    phrase takes the polity the same person has elsewhere in the article.
    """
    data = lang_data(doc.lang_)
    persons: list[Person] = []
    mentions: list[PersonMention] = []
    links: list[tuple[Person, str, str | None, bool, Span, Span]] = []
    linked_roles: set[int] = set()

    def register(name_span: Span, gender: str | None) -> Person:
        words = [t.text for t in name_span]
        if words and words[-1] in ("'s", "’s"):
            words = words[:-1]
        if len(words) > 1 and len(words[-1]) == 2 and words[-1][1] == "." and name_span.end < len(doc) \
                and doc[name_span.end].is_sent_start:
            words[-1] = words[-1][0]  # "Ван І." closing a sentence: the full stop is not the name's
        canonical = " ".join(inflect_name(doc.lang_, words, gender))
        last = canonical.split()[-1]
        for p in persons:
            if len(canonical.split()) == 1 and _same_surname(p.surname, last):
                return p
            if len(p.name.split()) == 1 and _same_surname(p.surname, last) and len(canonical.split()) > 1:
                p.name = canonical
                return p
            if p.name == canonical or (_same_surname(p.surname, last) and p.name.split()[0][:2] == canonical.split()[0][:2]):
                return p
        person = Person(canonical, gender=gender)
        persons.append(person)
        return person

    for name in index.spans(doc, "kg_name"):
        if any(t._.noise for t in name):
            continue
        if _organisation_words(doc, name, data):
            continue
        link = _role_chain_before(doc, name.start, data) or _role_after(doc, name, data)
        if link is None or link.former:
            continue
        link.polity = link.polity or _polity_after_name(doc, name, data)
        link.roles = [_body_secretary(doc, _deputised(doc, r, data), data) for r in link.roles]
        gender = _gender(doc.lang_, link.roles, list(name))
        person = register(name, gender)
        person.gender = person.gender or gender
        person.surfaces.add(name.text)
        mentions.append(PersonMention(name.start, name.end, person))
        for role in link.roles:
            linked_roles.add(role.start)
            links.append((person, role.kb_id_, link.polity, link.acting, name, role))
            if link.polity and (role.kb_id_, link.polity, link.acting) not in person.roles:
                person.roles.append((role.kb_id_, link.polity, link.acting))

    # "Foreign ministers Johann Wadephul and Jean-Noël Barrot": a plural role covers the names it lists.
    linked_names = {name.start: (role_span, polity, acting) for _, _, polity, acting, name, role_span in links}
    for name in index.spans(doc, "kg_name"):
        if name.start in linked_names or any(t._.noise for t in name) or name.start < 2:
            continue
        # ("міністри енергетики України X і Азербайджану Y": the polity between the conjunction and the name is Y's)
        own = _polity_at(doc, name.start - 1)
        joint = own.start - 1 if own is not None and own.label_ != "demonym" else name.start - 1
        if joint < 1 or lookup_key(doc[joint].text) not in set(data["and"]) | {","}:
            continue
        prev = _name_ending_at(doc, joint)
        if prev is None or prev.start not in linked_names:
            continue
        role_span, shared, acting = linked_names[prev.start]
        last = role_span[-1]
        plural = last.text.lower().endswith("s") if doc.lang_ == "en" else "plur" in last._.grammemes
        if not plural:
            continue
        # (a polity before the plural title is every listed name's: "US envoys Witkoff and Kushner")
        before = _polity_at(doc, role_span.start - 1) if role_span.start > 0 else None
        polity = own.kb_id_ if own is not None and joint < name.start - 1 else (
            shared if before is not None and before.kb_id_ == shared else None)
        person = register(name, None)
        person.surfaces.add(name.text)
        mentions.append(PersonMention(name.start, name.end, person))
        links.append((person, role_span.kb_id_, polity, acting, name, role_span))
        if polity and (role_span.kb_id_, polity, acting) not in person.roles:
            person.roles.append((role_span.kb_id_, polity, acting))
        linked_names[name.start] = (role_span, polity, acting)

    # Names without a role phrase of their own: later mentions of known persons (surnames included), else
    # office holders the actor gazetteer knows (they act for their polity; no role claim is made from the list).
    for name in index.spans(doc, "kg_name"):
        if any(m.start == name.start for m in mentions) or any(t._.noise for t in name):
            continue
        last = name[-1].text if name[-1].text not in ("'s", "’s") else name[-2].text if len(name) > 1 else name[0].text
        # (else a lone given name the article's news style uses for one person only: "Abiy", "Lula")
        given = [p for p in persons if len(name) == 1 and len(p.name.split()) > 1
                 and any(_same_surname(w, last) for w in p.name.split()[:-1] if w[:1].isupper())]
        for p in [p for p in persons if _same_surname(p.surname, last)] + (given if len(given) == 1 else []):
            p.surfaces.add(name.text)
            mentions.append(PersonMention(name.start, name.end, p))
            break
        else:
            listed = _listed(doc, name)
            if listed is not None:
                person = register(name, None)
                if (listed[0], listed[1], False) not in person.roles:
                    person.roles.append((listed[0], listed[1], False))
                person.surfaces.add(name.text)
                mentions.append(PersonMention(name.start, name.end, person))

    # Links whose phrase had no polity, in order: the person's polity from elsewhere in the article; the one
    # polity the sentence names outside place phrases and other officials' titles ("парламент Японії
    # затвердив ..."); an organisation for heads of organisations; the article's own polity (dateline, else
    # the most named one); the language's home country.
    home = data.get("home_country")
    # (any title's polity: "handed a protest note to the Chinese ambassador" gives China to no one else)
    taken = _attached_polity_spans(doc, [rs for _, _, pol, _, _, rs in links if pol]) | _title_polities(doc, data)
    article_polity = _article_polity(doc)
    if article_polity is None and not index.spans(doc, "kg_polity"):
        # an article that names no polity at all ("President Mahama swore in the ministers"): the one polity its
        # known office holders serve
        served = {p.country for p in persons if p.country} | {
            listed[1] for *_, name, _ in links if (listed := _listed(doc, name)) is not None}
        article_polity = served.pop() if len(served) == 1 else None
    named = {s.kb_id_ for s in index.spans(doc, "kg_polity")}
    resolved: list[tuple[Person, str, str, bool, Span, Span]] = []
    for final in (False, True):
        pending = []
        for person, role, polity, acting, name, role_span in links:
            if polity is None:
                if role == "head_of_organisation":
                    polity = person.country or _organisation_near(doc, name)
                else:
                    listed = _listed(doc, name)
                    polity = _fitting(role, person.country) or _fitting(role, listed[1] if listed else None) or _title_polity(
                        role_span, data) or _possessive_polity(doc, role_span, data) or _pronoun_owner_polity(
                        doc, role_span, mentions, data) or _appointer_polity(
                        doc, name, mentions, data) or _coordinated_polity(
                        doc, role_span, resolved, data) or _sole_actor_polity(doc, _up_to_name(doc, name, role_span), data, taken)
                    if polity is None and final and role != "ambassador":
                        # (a place before the name: "In Kinshasa, government spokesperson ..."; one after it is
                        # where they go: "is due in Washington")
                        polity = _sole_actor_polity(doc, doc[index.sentence(doc, name.start).start:name.start], data,
                                                    taken, places=True)
                    if polity is None and final:
                        # the title's usual polity ("Defense Secretary": the US) when the article names it at all;
                        # the Philippines has a Defense Secretary too
                        usual = _title_polity(role_span, data, "title_polities_usual")
                        if usual is not None and article_polity is not None and usual not in named:
                            usual = None
                        polity = usual or article_polity or home
                if polity is not None and (role, polity, acting) not in person.roles:
                    person.roles.append((role, polity, acting))
            if polity is not None:
                resolved.append((person, role, polity, acting, name, role_span))
            else:
                pending.append((person, role, None, acting, name, role_span))
        links = pending
        if not links:
            break

    # Role words and pronouns that stand for a person named earlier ("глава держави", "the president", "she").
    last_person: Person | None = None
    recent: list[Person] = []  # persons in the order they are mentioned
    events: list[tuple[int, str, object]] = [(m.start, "m", m) for m in mentions]
    # (a plural role word, "a meeting of alliance defence ministers", stands for no one person)
    events += [(r.start, "r", r) for r in index.spans(doc, "kg_role") if r.start not in linked_roles and not _plural(r)]
    pronouns = frozenset(data["he"]) | frozenset(data["she"])
    events += [(i, "p", doc[i]) for i, key in enumerate(index.keys(doc)) if key in pronouns]
    for _, kind, item in sorted(events, key=lambda e: e[0]):
        if kind == "m":
            assert isinstance(item, PersonMention)
            last_person = item.person
            recent.append(item.person)
        elif kind == "r":
            assert isinstance(item, Span)
            polity = _polity_inside(doc, item) or _post_polity(doc, item, data)[0] or _pre_modifiers(doc, item, data)[0]
            candidates = [p for p in persons if any(r == item.kb_id_ and (polity is None or c == polity) for r, c, _ in p.roles)]
            if len(candidates) >= 1:
                chosen = candidates[-1] if last_person not in candidates else last_person
                mentions.append(PersonMention(item.start, item.end, chosen))
                recent.append(chosen)
        elif kind == "p" and last_person is not None and not _polity_antecedent(doc, item, mentions):
            assert isinstance(item, Token)
            # the most recent person whose gender does not contradict the pronoun ("she" is not a man; a person
            # of unknown gender named since the last woman is the likelier one)
            other = "masc" if lookup_key(item.text) in data["she"] else "femn"
            person = next((p for p in reversed(recent) if p.gender != other), None)
            if person is not None:
                mentions.append(PersonMention(item.i, item.i + 1, person))
    mentions.sort(key=lambda m: m.start)
    return persons, mentions, resolved


# Offices only a state has: an organisation's polity known for the same person is another office of theirs ("Prime
# Minister António Costa" of Portugal, now the European Council's president).
_STATE_OFFICES = frozenset({"president", "prime_minister", "deputy_prime_minister", "monarch", "defence_minister"})
_ORGANISATIONS = frozenset({"EU", "NATO", "UN"})


def _fitting(role: str, polity: str | None) -> str | None:
    return None if role in _STATE_OFFICES and polity in _ORGANISATIONS else polity


def _polity_antecedent(doc: Doc, pronoun: Token, mentions: list[PersonMention]) -> bool:
    """"Росія продовжує війну, а Іран допомагає їй": a Ukrainian pronoun whose nearest antecedent in its sentence is
    a polity of its gender stands for that polity, not for a person."""
    if doc.lang_ != "uk":
        return False
    start = index.sent_bounds(doc, pronoun.i)[0]
    genders = {"femn", "masc", "neut"} & pronoun._.grammemes
    polity = next((p for p in reversed(index.spans(doc, "kg_polity")) if start <= p.start < pronoun.i
                   and p.label_ != "demonym" and genders & doc[p.start]._.grammemes), None)
    if polity is None:
        return False
    return not any(polity.start < m.start < pronoun.i for m in mentions)


def _coordinated_polity(doc: Doc, role: Span, done: list, data: dict) -> str | None:
    """"Romania's Foreign Minister Oana Țoiu and Energy Minister Bogdan Ivan": a title joined by "and" to an
    official named just before shares their polity."""
    i = role.start - 1
    while i > index.sent_bounds(doc, role.start)[0] and (doc[i]._.cue or lookup_key(doc[i].text) in set(data.get("role_modifiers", ()))):
        i -= 1
    if i <= index.sent_bounds(doc, role.start)[0] or lookup_key(doc[i].text) not in set(data["and"]) | {","}:
        return None
    for person, _, polity, _, name, _ in done:
        if name.end == i:
            return polity
    return None


def _listed(doc: Doc, name: Span) -> tuple[str, str] | None:
    """(role, polity) the actor gazetteer lists for a name (its full name or its surname)."""
    from kg.ontology.concepts import concepts

    best = None
    for span in index.spans(doc, "kg_actor"):
        if span.start >= name.start and span.end <= name.end:
            if best is None or (span.end - span.start) > (best.end - best.start):
                best = span
    if best is None:
        return None
    concept = concepts("actor").get(best.kb_id_)
    if concept is None:
        return None
    if best.label_ == "surname" and best.end < name.end:
        return None  # a listed surname as someone's given name ("Ibrahim Traoré" is not Anwar Ibrahim)
    if best.label_ == "surname" and best.start > name.start:
        # a full name that only shares the surname is someone else ("Yassin Ibrahim Yassin" is not Malaysia's
        # Muhyiddin Yassin); the same given name, however spelled or inflected, is the listed holder
        first = doc[name.start].text
        labels = concept.labels(doc.lang_)
        if len(first.rstrip(".")) == 1:  # an initial: "S Jaishankar", "J. Biden"
            if not any(label[:1] == first[:1] for label in labels):
                return None
        else:
            given = set(doc[name.start]._.lemmas) | {lookup_key(first)}
            if not given & {key for label in labels for key in word_keys(doc.lang_, label.split()[0])}:
                return None
    return concept.listed


def _attached_polity_spans(doc: Doc, roles: list[Span]) -> set[int]:
    """Starts of polity spans that belong to some official's title (not free to give to another official)."""
    taken: set[int] = set()
    starts = {span.start for span in index.spans(doc, "kg_polity")}
    for role in roles:  # only the few positions around each title: linear in the article's length
        first, last = index.sent_bounds(doc, role.start)
        for i in (*range(role.start - 3, role.start), *range(role.end, role.end + 3)):
            if i in starts and first <= i < last:
                taken.add(i)
    return taken


def _title_polity(role: Span, data: dict, key: str = "title_polities") -> str | None:
    """The polity a title names by itself, as institutions only one polity has ("начальник Одеської обласної
    військової адміністрації", "секретар РНБО": Ukraine; "єврокомісар": the EU); with ``title_polities_usual``,
    the polity a title usually belongs to ("Home Secretary": Britain, though India has one too)."""
    mapping: dict[str, str] = data.get(key, {})
    # "Home Secretary" (a portfolio word before the title): not every "home" minister is British
    doc = role.doc
    for start in (role.start, role.start - 1):
        whole = " ".join(lookup_key(t.text) for t in doc[max(start, 0):role.end])
        if whole in mapping:
            return mapping[whole]
    for token in role:
        for key in (lookup_key(token.text), *token._.lemmas):
            if key in mapping:
                return mapping[key]
    return None


def _polity_office(role_span: Span, polity: str, role: str) -> str:
    """The office a title names in ``polity`` where it is not the usual one: India's or Pakistan's Foreign
    Secretary heads the civil service of the foreign ministry (``polity_offices`` in the language data)."""
    offices: dict[str, dict[str, str]] = lang_data(role_span.doc.lang_).get("polity_offices", {})
    if not offices:
        return role
    title = " ".join(lookup_key(t.text) for t in role_span)
    for words, by_polity in offices.items():
        if polity in by_polity and (title == words or title.endswith(" " + words)):
            return by_polity[polity]
    return role


def _title_polities(doc: Doc, data: dict) -> set[int]:
    """Starts of polities that qualify a title right beside it ("the Chinese ambassador", "Japan's defence
    ministry", "посла Росії"), named or not: they are that title's, not free for another official."""
    preps = set(data["location_prepositions"]) | {"with", "з", "із", "зі"}
    taken: set[int] = set()
    for role in index.spans(doc, "kg_role"):
        before = index.polity_at(doc, role.start - 1) if role.start > 0 else None
        if before is None and role.start > 1 and doc[role.start - 1].text in ("'s", "’s", "the"):
            before = index.polity_at(doc, role.start - 2)
        if before is not None and not (before.start > 0 and lookup_key(doc[before.start - 1].text) in preps):
            taken.add(before.start)
        joined = set(data["and"]) | {","}
        while before is not None and before.start > 1 and lookup_key(doc[before.start - 1].text) in joined:
            before = index.polity_at(doc, before.start - 2)  # "Turkish and Azeri presidents": both are theirs
            if before is not None:
                taken.add(before.start)
        after = role.end + (1 if role.end < len(doc) and lookup_key(doc[role.end].text) in ("of", "the") else 0)
        span = index.polity_at(doc, after) if after < len(doc) else None
        if span is not None and span.start == after:
            taken.add(span.start)
    return taken


def _appointer_polity(doc: Doc, name: Span, mentions: list[PersonMention], data: dict) -> str | None:
    """"Trump appointed Louisiana Governor Jeff Landry as special envoy to Greenland": an appointee serves the
    polity of whoever appointed them."""
    start = index.sent_bounds(doc, name.start)[0]
    verb = next((i for i in reversed(index.having(doc, frozenset(data.get("appointment_verbs", ()))))
                 if max(start, name.start - 6) <= i < name.start), None)
    if verb is None:
        return None
    appointer = next((m for m in reversed(mentions) if start <= m.start < verb and m.person.country), None)
    return appointer.person.country if appointer is not None else None


def _plural(role: Span) -> bool:
    """A role word in the plural: its head is the last word in English ("defence ministers"), the first in Ukrainian
    ("міністри оборони")."""
    if role.doc.lang_ == "en":
        return role[-1].text.lower().endswith("s") and not role[-1].text.lower().endswith("ss")
    return "plur" in role[0]._.grammemes and "sing" not in role[0]._.grammemes


_OPENING = 3  # words that open a sentence: its subject ("Algeria", "The United States", "Japan's government")


def _possessive_polity(doc: Doc, role: Span, data: dict) -> str | None:
    """"Algeria cut ties with Morocco. Its energy minister, Mohamed Arkab, said ...": the polity that opens the
    sentence before."""
    i = role.start - 1
    while i >= 0 and role.start - i <= 3 and doc[i].is_alpha and doc[i].is_lower:
        i -= 1  # "Its energy minister": over the portfolio
    if i < 0 or lookup_key(doc[i].text) not in set(data.get("polity_possessives", ())):
        return None
    sent = index.sentence(doc, role.start)
    if sent.start == 0:
        return None
    before = index.sentence(doc, sent.start - 1)
    # (the polity must open it: "The Eastern Theater Command said ... Its spokesperson" is the command's, not a
    # polity named later in that sentence)
    first = next((s for s in index.spans(doc, "kg_polity") if before.start <= s.start < before.start + _OPENING), None)
    return first.kb_id_ if first is not None else None


def _pronoun_owner_polity(doc: Doc, role: Span, mentions: list[PersonMention], data: dict) -> str | None:
    """"Kallas met the minister, her spokesperson X said": a title after "his"/"her" serves the polity of the
    sentence's first person of that gender (its subject, the likeliest owner)."""
    i = role.start - 1
    modifiers = set(data.get("role_modifiers", ()))
    while i >= 0 and role.start - i <= 3 and lookup_key(doc[i].text) in modifiers:
        i -= 1
    if i < 0:
        return None
    key = lookup_key(doc[i].text)
    owners = data.get("person_possessives", {})
    gender = "masc" if key in owners.get("he", ()) else "femn" if key in owners.get("she", ()) else None
    if gender is None:
        return None
    start = index.sentence(doc, i).start
    before = [m for m in mentions if start <= m.start < i and m.person.country and m.person.gender in (gender, None)]
    return min(before, key=lambda m: m.start).person.country if before else None


def _up_to_name(doc: Doc, name: Span, role: Span) -> Span:
    """The sentence of a name up to the name and its apposition: what the person then says or does names the
    polities they speak of or act upon, not theirs ("Ministry spokeswoman Klára Vondrová said ... a group linked to
    China's Ministry of State Security"; "міністр оборони X підтвердив, що ... за 110 км від Тайваню")."""
    sent = index.sentence(doc, name.start)
    end = name.end
    if role.start >= name.end:  # "X, a foreign ministry official and deputy head of Vietnam's border committee,"
        end = next((t.i for t in doc[role.end:sent.end] if t.text in (",", ";", "(", ")")), sent.end)
    return doc[sent.start:end]


def _sole_actor_polity(doc: Doc, sent: Span, data: dict, taken: set[int] = frozenset(),  # type: ignore[assignment]
                       places: bool = False) -> str | None:
    """The polity a sentence names, if exactly one outside place phrases ("в Україні", "in Kyiv") and other
    officials' titles; with ``places``, the one place it names ("In Kinshasa, government spokesperson ...")."""
    preps = set(data["location_prepositions"])
    codes = set()
    for span in index.spans(doc, "kg_polity"):
        if sent.start <= span.start < sent.end and span.start not in taken:
            prev = lookup_key(doc[span.start - 1].text) if span.start > sent.start else ""
            if (prev in preps) == places:
                codes.add(span.kb_id_)
    return codes.pop() if len(codes) == 1 else None


def _organisation_near(doc: Doc, name: Span) -> str | None:
    """The international organisation named nearest to a head of organisation (the sentence, then the article)."""
    orgs = [s for s in index.spans(doc, "kg_polity") if s.kb_id_ in ("EU", "NATO", "UN")]
    lo, hi = index.sent_bounds(doc, name.start)
    in_sentence = [s for s in orgs if lo <= s.start < hi]
    pool = in_sentence or orgs
    if not pool:
        return None
    return min(pool, key=lambda s: abs(s.start - name.start)).kb_id_


def _article_polity(doc: Doc) -> str | None:
    """The article's own polity: its dateline's ("KYIV, Nov 20 —"), else the one it names most (twice or more)."""
    polities = [s for s in index.spans(doc, "kg_polity") if not any(t._.noise for t in s)]
    # a region's or city's dateline is its country's ("KHARKIV, March 18 —")
    places = [s for s in index.spans(doc, "kg_place") if not any(t._.noise for t in s)]
    for span in sorted(polities[:3] + places[:3], key=lambda s: s.start)[:3]:
        nxt = doc[span.end] if span.end < len(doc) else None
        if span.text.isupper() and len(span.text) > 2 and nxt is not None and nxt.text in (",", "—", "–", "("):
            return span.kb_id_
    counts: dict[str, int] = {}
    for span in polities:
        counts[span.kb_id_] = counts.get(span.kb_id_, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] >= 2 else None


def _evidence(span: Span, mentions: tuple[str, ...], confidence: float) -> Evidence:
    sent = index.sentence(span.doc, span.start)
    return Evidence(sent.text.strip(), sent.start_char, sent.end_char, mentions, confidence)


def extract_roles(doc: Doc) -> Iterator[RoleAssertion]:
    """Yield one :class:`RoleAssertion` per person, role and polity read in the article (first evidence each)."""
    _, _, links = find_persons(doc)
    seen: set[tuple[str, str, str]] = set()
    for person, role, polity, acting, name, role_span in links:
        if role == "vice_president" and polity in ("EU", "NATO", "UN"):
            role = "other_official"  # a deputy head of an organisation ("віцепрезидентка Єврокомісії")
        role = _polity_office(role_span, polity, role)
        key = (person.name, role, polity)
        if key in seen:
            continue
        seen.add(key)
        confidence = 0.9 if _polity_at(doc, role_span.end) or _polity_inside(doc, role_span) else 0.7
        yield RoleAssertion(
            name=person.name, role=role, country=polity, acting=acting, surface=name.text,
            evidence=_evidence(name, (name.text, role_span.text), confidence),
        )
