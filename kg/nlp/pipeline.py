"""The kg pipeline: ``spacy.blank(lang)`` plus our components, built once per language and process.

No trained model is needed or downloaded. Components (all ``Doc -> Doc``):

- ``kg_sentences``: sentence starts at end punctuation and at line breaks (news paragraphs, headlines).
- ``kg_morph``: every lemma and grammeme of every token (pymorphy3 for uk; suffix rules for en).
- ``kg_noise``: marks page-noise lines ("Читайте також", "Read more:", tags, captions) to be skipped.
- ``kg_lexicon``: polities, roles and cues from the ontology's labels -> ``doc.spans`` groups.
- ``kg_counterparts``: "колега", "counterpart" as a role word standing for the role named before it.
- ``kg_names``: person-name candidates -> ``doc.spans["kg_name"]``.
"""

from __future__ import annotations

import functools
import os
import re
from typing import Any, Iterator

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.lang.char_classes import HYPHENS
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex

from kg.errors import Errors, KGError
from kg.nlp.lexicon import Entry, Lexicon, Match, compile_lexicon, word_keys
from kg.nlp.morph import analyse, is_function_word, lang_data
from kg.io.text import lookup_key

__all__ = ["load_pipeline", "SUPPORTED_LANGS", "PIPELINE_VERSION"]

SUPPORTED_LANGS = ("uk", "en")
PIPELINE_VERSION = "0.1.0"

#: ``doc.user_data`` keys of kg_morph's per-token lists (by token index)
LEMMAS_KEY = "kg_lemmas"
GRAMMEMES_KEY = "kg_grammemes"
KNOWN_KEY = "kg_known"


def _reader(key: str, default: object) -> Any:
    """A getter reading a token's value from the Doc's list: kg_morph fills one list, not an attribute a token."""
    def get(token: Token) -> object:
        values = token.doc.user_data.get(key)
        return values[token.i] if values is not None else default
    return get


for _name, _key, _default in (("lemmas", LEMMAS_KEY, ()), ("grammemes", GRAMMEMES_KEY, frozenset()),
                              ("known", KNOWN_KEY, True)):
    if not Token.has_extension(_name):
        Token.set_extension(_name, getter=_reader(_key, _default))
for _name, _default in (("noise", False), ("cue", False)):
    if not Token.has_extension(_name):
        Token.set_extension(_name, default=_default)
if not Doc.has_extension("kg_lang"):
    Doc.set_extension("kg_lang", default=None)


def _tokenizer(nlp: Language) -> Tokenizer:
    """The language's tokenizer, but keeping hyphenated words whole (прем’єр-міністр, Лівіу-Іонут, F-16)."""
    infixes = [p for p in nlp.Defaults.infixes if HYPHENS not in p]
    tok = nlp.tokenizer
    tok.infix_finditer = compile_infix_regex(infixes).finditer
    # abbreviated honorifics keep their full stop ("President Capt. Ibrahim Traoré" is one sentence)
    for honorific in lang_data(nlp.lang).get("honorifics", ()):
        if honorific.endswith(".") and len(honorific) > 2:
            for form in (honorific, honorific.capitalize()):
                tok.add_special_case(form, [{ORTH: form}])
    return tok


_COMPOUND_JOINERS = re.compile(r"(?<=[\w.])([-\u2010\u2011\u2013])(?=\w)")
_COMPOUND_KINDS = frozenset({"pref", "alt", "demonym"})
_JOINER_CHARS = ("-", "\u2010", "\u2011", "\u2013")


def _polity_entries(lexicon: Lexicon, lang: str, word: str) -> Iterator[Entry]:
    """The polity entries of the lexicon that one word on its own matches."""
    return (m.entry for m in lexicon.matches([word_keys(lang, word)]) if m.entry.category == "polity")


@Language.factory("kg_compounds", assigns=["token.orth"])
def make_kg_compounds(nlp: Language, name: str) -> "CompoundSplitter":
    return CompoundSplitter(nlp)


class CompoundSplitter:
    """Splits a hyphenated word made only of polities ("US-China", "Russia–Ukraine", "Sino-Russian",
    "українсько-польські") into the polities and their hyphen, so that every later stage sees two polities; other
    hyphenated words stay whole (the tokenizer keeps them so: "прем'єр-міністр", "Indo-Pacific", "Guinea-Bissau")."""

    def __init__(self, nlp: Language) -> None:
        self.lang = nlp.lang
        self.lexicon: Lexicon = compile_lexicon(nlp.lang, _TokenizeLabels(nlp.tokenizer))

    def _polity(self, word: str, whole: bool = False) -> bool:
        for entry in _polity_entries(self.lexicon, self.lang, word):
            if not whole and entry.kind not in _COMPOUND_KINDS:
                continue
            if entry.exact and word.replace("’", "'") != entry.label.replace("’", "'"):
                continue
            if entry.kind == "demonym" and self.lang == "en" and not word[:1].isupper():
                continue
            return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        splits: list[tuple[Token, list[str]]] = []
        for token in doc:
            text = token.text
            if len(text) < 4 or not any(j in text for j in _JOINER_CHARS) or not _COMPOUND_JOINERS.search(text):
                continue
            parts = _COMPOUND_JOINERS.split(text)  # words and joiners alternate
            words = parts[0::2]
            if all(self._polity(w) for w in words) and not self._polity(text, whole=True):
                splits.append((token, [p for p in parts if p]))
        if splits:
            with doc.retokenize() as retokenizer:
                for token, orths in splits:
                    retokenizer.split(token, orths, heads=[(token, i) for i in range(len(orths))])
        return doc


_END = {".", "!", "?", "…", "!..", "?!", "..."}
_CLOSERS = {"»", "”", "\"", ")", "’"}


@Language.component("kg_sentences", assigns=["token.is_sent_start"])
def kg_sentences(doc: Doc) -> Doc:
    starts: list[int] = []
    prev = None
    prev2_text = ""
    for token in doc:
        if prev is None:
            start = True
        else:
            start = "\n" in prev.text or "\n" in prev.whitespace_
            first = token.text[:1]
            if prev.text in _END and not token.is_space:
                start = first.isupper() or first in "«\"“–—-" or token.is_digit
            elif prev.text in _CLOSERS and prev2_text in _END:
                # «...», – наголосив президент: the attribution belongs to the quote
                start = first.isupper() and token.text not in ("–", "—", "-")
            elif _name_letter_ends_sentence(doc.lang_, prev2_text, prev.text, token.text):
                start = True
        starts.append(1 if start else -1)
        prev2_text = prev.text if prev is not None else ""
        prev = token
    # One array for the whole Doc: setting token.is_sent_start one token at a time checks the Doc's annotation
    # each time, which made sentence splitting quadratic in the article's length.
    if starts:
        doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc


def _name_letter_ends_sentence(lang: str, before: str, letter: str, word: str) -> bool:
    """"з главою МЗС КНР Ван І. Розмова була ...": a one-letter name part after a name, its full stop glued to it,
    ends the sentence when a capitalised common word follows (not an initial before a surname: "США Дж. Байден")."""
    if lang != "uk" or not (len(letter) == 2 and letter[1] == "." and letter[0].isupper()):
        return False
    if not (before[:1].isupper() and before.isalpha() and word[:1].isupper() and word.isalpha()):
        return False
    info = analyse(lang, word)
    return info.known and not {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"} & info.grammemes


@Language.component("kg_morph", assigns=["token._.lemmas", "token._.grammemes", "token._.known"])
def kg_morph(doc: Doc) -> Doc:
    lang = doc.lang_
    lemmas: list[tuple[str, ...]] = []
    grammemes: list[frozenset[str]] = []
    known: list[bool] = []
    for token in doc:
        if token.is_space or token.is_punct:
            lemmas.append((token.text,))
            grammemes.append(frozenset())
            known.append(True)
            continue
        info = analyse(lang, token.text)
        lemmas.append(word_keys(lang, token.text))
        grammemes.append(info.grammemes)
        known.append(info.known)
    doc.user_data[LEMMAS_KEY] = lemmas
    doc.user_data[GRAMMEMES_KEY] = grammemes
    doc.user_data[KNOWN_KEY] = known
    return doc


@functools.cache
def _noise_prefixes(lang: str) -> tuple[str, ...]:
    return tuple(p.lower() for p in lang_data(lang)["noise_line_prefixes"])


@functools.cache
def _list_headers(lang: str) -> frozenset[str]:
    """Noise prefixes that head a list when alone on their line ("Читайте також:"); a lone advert slot or share
    button ("Advertisement", "Реклама") heads nothing: the article goes on under it."""
    markers = {m.lower() for m in lang_data(lang).get("noise_markers", ())}
    return frozenset(p.rstrip(":").strip() for p in _noise_prefixes(lang) if p not in markers)


#: the longest part between bars of a menu, byline or caption line ("Published: ... | Updated: ..."); a paragraph
#: that quotes a bar among its sentences is prose
_MENU_PART_MAX = 200


def _menu_line(line: str) -> bool:
    return " | " in line and not line.rstrip().endswith((".", "»", "\"")) and \
        max(len(part) for part in line.split(" | ")) <= _MENU_PART_MAX


@Language.component("kg_noise", assigns=["token._.noise"])
def kg_noise(doc: Doc) -> Doc:
    """Page noise: lines that start with "Читайте також", "Read more:", "Tags:", captions...; a line that is
    only such a prefix ("Читайте також:") makes the lines under it noise too, up to the next blank line."""
    prefixes = _noise_prefixes(doc.lang_)
    headers = _list_headers(doc.lang_)
    text = doc.text
    lowered = text.lower()
    if " | " not in text and not any(p in lowered for p in prefixes):
        return doc  # most articles have no page noise: skip the line scan
    line_start = 0
    block = False
    while line_start < len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end].strip().lower()
        if not line:
            block = False
        elif line.startswith(prefixes) or block or _menu_line(line):
            if line.rstrip(":").strip() in headers:
                block = True
            span = doc.char_span(line_start, line_end, alignment_mode="expand")
            if span is not None:
                for token in span:
                    token._.noise = True
                doc.user_data.setdefault(NOISE_KEY, set()).update(range(span.start, span.end))
        line_start = line_end + 1
    return doc


#: ``doc.user_data`` key of the set of noise token indexes (the same tokens as ``token._.noise``, without a scan)
NOISE_KEY = "kg_noise_tokens"


@Language.factory("kg_lexicon", assigns=["doc.spans"], requires=["token._.lemmas"], default_config={"actors": True})
def make_kg_lexicon(nlp: Language, name: str, actors: bool) -> "LexiconComponent":
    return LexiconComponent(nlp, actors)


def _cap(token: Token) -> bool:
    return token.text[:1].isupper()


class LexiconComponent:
    """Finds polities, roles and cues; longest match wins within a category."""

    def __init__(self, nlp: Language, actors: bool = True) -> None:
        lang = nlp.lang
        tok = nlp.tokenizer
        self.lang = lang
        self.actors = actors  # the gazetteer of known office holders (ontology/actors.ttl)
        self.lexicon: Lexicon = compile_lexicon(lang, _TokenizeLabels(tok))
        # polities the language's press writes in lower case on purpose ("росія" in Ukrainian media since 2022)
        self.lowercase: frozenset[str] = frozenset(lang_data(lang)["lowercase_polities"])
        # an organisation's organ named bare ("Security Council") is a state's own after a qualifier
        # ("Russian Security Council", "Supreme National Security Council", "Iran's Security Council")
        self.bare_organs: frozenset[str] = frozenset(lang_data(lang).get("bare_organs", ()))
        self.national_words: frozenset[str] = frozenset(lang_data(lang).get("national_words", ()))

    def _national(self, doc: Doc, m: Match) -> bool:
        if m.entry.label not in self.bare_organs or m.start == 0:
            return False
        before = doc[m.start - 1]
        if lookup_key(before.text) in self.national_words:
            return True
        return any(entry.kind in ("pref", "alt", "demonym")
                   for entry in _polity_entries(self.lexicon, self.lang, before.text))

    def _accept(self, doc: Doc, m: Match) -> bool:
        first = doc[m.start]
        entry = m.entry
        if entry.category == "place":
            return _cap(first)
        if entry.category == "polity":
            if self._national(doc, m):
                return False
            if entry.exact:
                return first.text.replace("’", "'") == entry.label.replace("’", "'")
            if entry.kind == "demonym":  # (before the guard below: "українсько" parses as an adverb)
                return self.lang != "en" or _cap(first)
            if m.end - m.start == 1 and is_function_word(self.lang, first.text):
                return False  # "Того ж дня", "Тим часом": not Togo
            return _cap(first) or (entry.code in self.lowercase and entry.kind in ("pref", "alt"))
        if entry.category == "role" and entry.label.isupper():
            return first.text == entry.label  # PM, MP
        if entry.category == "actor":
            return self.actors and _cap(first) and _cap(doc[m.end - 1])
        return True

    def __call__(self, doc: Doc) -> Doc:
        lemmas = doc.user_data.get(LEMMAS_KEY) or [t._.lemmas for t in doc]
        found: dict[str, list[Match]] = {}
        for m in self.lexicon.matches(lemmas):
            if self._accept(doc, m):
                found.setdefault(m.entry.category, []).append(m)
        groups = {"polity": "kg_polity", "place": "kg_place", "role": "kg_role", "actor": "kg_actor"}
        cues: list[Span] = []
        for category, matches in found.items():
            chosen = _longest(matches)
            unique: dict[tuple[int, int, str], Match] = {}
            for m in chosen:  # a name beats a demonym on the same words ("Philippines", plural of "Philippine")
                key = (m.start, m.end, m.entry.code)
                if key not in unique or unique[key].entry.kind == "demonym":
                    unique[key] = m
            if category == "polity":
                # a country's name beats another's capital read from the same words ("Малі": Mali, not Malé)
                named = {(m.start, m.end) for m in unique.values() if m.entry.kind in ("pref", "alt")}
                unique = {k: m for k, m in unique.items() if m.entry.kind in ("pref", "alt") or (m.start, m.end) not in named}
            spans = [Span(doc, m.start, m.end, label=m.entry.kind if category in groups else
                          (category + "_weak" if m.entry.kind == "weak" else category),
                          kb_id=m.entry.code) for m in unique.values()]
            if category in groups:
                # (in text order: the extractors bisect these groups by position)
                doc.spans[groups[category]] = sorted(spans, key=lambda s: (s.start, s.end))
            else:
                cues.extend(spans)
        for group in groups.values():
            doc.spans.setdefault(group, [])
        doc.spans["kg_cue"] = sorted(cues, key=lambda s: (s.start, s.end))
        for span in cues:
            for token in span:
                token._.cue = True
        return doc


@Language.component("kg_counterparts", assigns=["doc.spans"], requires=["doc.spans"])
def kg_counterparts(doc: Doc) -> Doc:
    """"його український колега Андрій Сибіга", "her Rwandan counterpart": a role word standing for the role
    of the official named before it in the sentence (the first role after it, if none before)."""
    words = {lookup_key(w) for w in lang_data(doc.lang_).get("counterpart", ())}
    lowered = doc.text.lower()
    if not words or not any(w[:5] in lowered for w in words):
        return doc  # no counterpart word in the article: skip the token scan
    roles = list(doc.spans["kg_role"])
    added = []
    for token in doc:
        if lookup_key(token.text) not in words and not (set(token._.lemmas) & words):
            continue
        sent = token.sent  # rare: only on counterpart words
        before = [r for r in roles if sent.start <= r.start < token.i and r.label_ != "counterpart"]
        after = [r for r in roles if token.i < r.start < sent.end]
        # The counterpart is the sentence's first official's counterpart (the last role of a compound title:
        # "Deputy Prime Minister and Defence Minister X ... his counterpart" is a defence minister).
        source = None
        if before:
            source = before[0]
            for nxt in before[1:]:
                gap = doc[source.end:nxt.start].text.strip().lower()
                if gap in ("and", "і", "та", "й", "–", "—", "-", ","):
                    source = nxt
                else:
                    break
        elif after:
            source = after[0]
        else:
            # "Cho is due to hold talks with his Japanese counterpart": the last official named in the two
            # sentences before
            prev_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
            earlier = [r for r in roles if r.label_ != "counterpart" and r.end <= sent.start and (
                r.start >= prev_start or (prev_start > 0 and r.start >= doc[prev_start - 1].sent.start))]
            source = earlier[-1] if earlier else None
        if source is not None:
            added.append(Span(doc, token.i, token.i + 1, label="counterpart", kb_id=source.kb_id_))
    if added:
        doc.spans["kg_role"] = sorted(roles + added, key=lambda s: (s.start, s.end))
    return doc


def _longest(matches: list[Match]) -> list[Match]:
    """Longest-first, non-overlapping within a category (several codes may share one span: kept)."""
    chosen: list[Match] = []
    taken: set[int] = set()
    spans: set[tuple[int, int]] = set()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if any(i in taken for i in range(m.start, m.end)):
            if (m.start, m.end) in spans:
                chosen.append(m)  # same words, another concept (a cue shared by two topics)
            continue
        chosen.append(m)
        spans.add((m.start, m.end))
        taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: (m.start, m.end))


class _TokenizeLabels:
    """Tokenise a label the way article text is tokenised (hashable, so compiled lexicons can be cached)."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, label: str) -> list[str]:
        return [t.text for t in self.tokenizer(label) if not t.is_space]

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _TokenizeLabels)


_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})


@Language.component("kg_names", assigns=["doc.spans"], requires=["doc.spans", "token._.lemmas"])
def kg_names(doc: Doc) -> Doc:
    """Person-name candidates: runs of capitalised words (with particles), not polities or roles."""
    data = lang_data(doc.lang_)
    particles = set(data["name_particles"])
    not_names = set(data["not_names"])
    blocked = set()
    for group in ("kg_polity", "kg_place", "kg_role"):
        for span in doc.spans[group]:
            if span.label_ != "demonym" or doc.lang_ == "en":
                blocked.update(range(span.start, span.end))
    titles = {span.end - 1 for group in ("kg_polity", "kg_role") for span in doc.spans[group]}
    if doc.lang_ == "en":  # "Minister of Agriculture and Food Security Abubakar Kyari"
        for span in doc.spans["kg_cue"]:
            blocked.update(range(span.start, span.end))
    spans: list[Span] = []
    deferred: list[Span] = []
    i = 0
    n = len(doc)
    while i < n:
        if not _name_word(doc[i], blocked, not_names):
            i += 1
            continue
        j = i + 1
        while j < n:
            t = doc[j]
            if t.is_sent_start:
                break  # a name ends with its sentence ("... Ван І. Розмова була відвертою")
            if _name_word(t, blocked, not_names):
                j += 1
            elif lookup_key(t.text) in particles:
                k = j
                while k < n and lookup_key(doc[k].text) in particles:
                    k += 1
                if k < n and _name_word(doc[k], blocked, not_names):
                    j = k
                else:
                    break
            else:
                break
        while i < j - 1 and doc[i].is_sent_start and is_function_word(doc.lang_, doc[i].text):
            i += 1  # "Окремо Сибіга", "Тим часом": a capitalised adverb opens the sentence
        for start, end in _name_parts(doc, i, j):
            span = doc[start:end]
            # (two words right after a title are a name, whatever the dictionary says: "Міністр ... Китаю Ван І")
            if _plausible_name(span) or (len(span) > 1 and start - 1 in titles):
                spans.append(Span(doc, start, end, label="PERSON"))
            elif len(span) == 1 and span[0].is_sent_start:
                deferred.append(span)
        i = j
    # "Рамафоса, зі свого боку, повідомив", "Ebrard said": a lone word opening a sentence is a name when the
    # article names that person in full elsewhere ("Сирілом Рамафосою") or the gazetteer knows the surname.
    known = {lookup_key(t.text) for s in spans if len(s) > 1 for t in s}
    listed = {i for a in doc.spans["kg_actor"] for i in range(a.start, a.end)}
    for span in deferred:
        key = lookup_key(span.text)
        if span.start in listed or any(_same_stem(key, k) for k in known):
            spans.append(Span(doc, span.start, span.end, label="PERSON"))
    doc.spans["kg_name"] = sorted(spans, key=lambda s: s.start)
    return doc


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct"})


def _name_parts(doc: Doc, i: int, j: int) -> list[tuple[int, int]]:
    """The names in a run of capitalised words. Ukrainian runs may hold more than one: a place's words before a
    given name ("з питань Близького Сходу Стів Віткофф") and two names whose cases differ ("посланець президента
    Дональда Трампа Стів Віткофф": the president's name in the genitive, the envoy's in the nominative)."""
    if doc.lang_ != "uk" or j - i < 3:
        return [(i, j)]
    first = i
    while j - first >= 3 and _common_word(doc[first]):
        first += 1
    if first > i and not _given_name(doc[first]):
        first = i  # no given name after the common words: they belong to the name
    parts = []
    start = first
    for k in range(first + 2, j - 1):  # a given name after two words and before one more
        before, here = _cases(doc[k - 1]), _cases(doc[k])
        if k - start >= 2 and _given_name(doc[k]) and before and here and not before & here:
            parts.append((start, k))
            start = k
    parts.append((start, j))
    return parts


def _cases(token: Token) -> frozenset[str]:
    return token._.grammemes & _CASES


def _given_name(token: Token) -> bool:
    return token._.known and "Name" in token._.grammemes


def _common_word(token: Token) -> bool:
    """A dictionary noun or adjective that is no name ("Близького", "Сходу")."""
    grammemes = token._.grammemes
    return token._.known and not _NAME_TAGS & grammemes and bool({"NOUN", "ADJF"} & grammemes)


def _same_stem(a: str, b: str) -> bool:
    """Two inflected forms of one name: they differ at most in the last two letters (Рамафоса, Рамафосою)."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= max(4, len(a) - 2, len(b) - 3) and min(len(a), len(b)) >= 4


_ARABIC_PARTICLE = re.compile(r"^(al|el|ad|ar|as|ash|at|az|bin|ibn|abu|bou|ben|аль|ель|аш|ас|ад|ар|ат|аз|ан|ібн|бін|абу)[-‑][A-ZА-ЯІЇЄҐ]")


_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XVI{0,3})$")


def _name_word(token: Token, blocked: set[int], not_names: set[str]) -> bool:
    text = token.text
    if _ROMAN.match(text) and token.i > 0 and token.doc[token.i - 1].text[:1].isupper() and token.i not in blocked:
        return True  # Frederik X, Charles III
    if len(text) == 1 and text.isupper() and text.isalpha() and token.i > 0 and not token.is_sent_start and \
            token.i not in blocked and _name_word(token.doc[token.i - 1], blocked, not_names):
        return True  # a one-letter given name after the family name: "Ван І" (Wang Yi)
    if _bare_initial(token, blocked, not_names):
        return True
    if token.i in blocked or token._.noise or len(text) < 2:
        return False
    if not text[:1].isupper():
        return bool(_ARABIC_PARTICLE.match(text))  # al-Ansari, аль-Шараа
    initial = len(text) == 2 and text[1] == "." and text[0].isupper()  # "S. Jaishankar"
    short_caps = text.isupper() and 2 <= len(text) <= 3 and text.isalpha() and token.i + 1 < len(token.doc) \
        and token.doc[token.i + 1].text[:1].isupper() and not token.doc[token.i + 1].text.isupper()  # "JD Vance"
    if not any(c.isalpha() for c in text) or (text.isupper() and len(text) > 1 and "-" not in text
                                              and not initial and not short_caps):
        return False  # abbreviations (НАТО, US) are not names
    if lookup_key(text) in not_names:
        return False
    return True


def _bare_initial(token: Token, blocked: set[int], not_names: set[str]) -> bool:
    """"External Affairs Minister S Jaishankar": a capital letter without its full stop before a name word is an
    initial, unless the language has a one-letter word of it ("A", "I"; "В", "У")."""
    text, doc = token.text, token.doc
    if len(text) != 1 or not (text.isupper() and text.isalpha()) or token.i in blocked or token.i + 1 >= len(doc):
        return False
    if text.lower() in lang_data(doc.lang_).get("one_letter_words", ()):
        return False
    following = doc[token.i + 1]
    return len(following.text) > 1 and not following.is_sent_start and _name_word(following, blocked, not_names)


def _plausible_name(span: Span) -> bool:
    """A capitalised run is a name if the dictionary tags it so, or it is unknown, or it has two or more words."""
    lang = span.doc.lang_
    if lang == "uk":
        first = span[0]
        # A sentence-initial dictionary word that is no name (Вважаю, Але) is not a name.
        tagged = any(_NAME_TAGS & t._.grammemes for t in span)
        unknown = any(not t._.known for t in span)
        if len(span) == 1:
            return tagged or (unknown and not first.is_sent_start)
        return tagged or unknown
    if len(span) == 1:
        # "the speaker of the Riigikogu": a lone capitalised word after "of/the" is an institution.
        prev = span.doc[span.start - 1].text.lower() if span.start > 0 else ""
        return not span[0].is_sent_start and prev not in ("of", "the")
    return True


def load_pipeline(lang: str) -> Language:
    """The kg pipeline for ``lang`` ('uk' or 'en'), built once per process.

    ``KG_GAZETTEER=0`` in the environment leaves out the gazetteer of known office holders (to measure the
    extractor on names it has never seen).
    """
    return _load_pipeline(lang, os.environ.get("KG_GAZETTEER", "1") != "0")


@functools.cache
def _load_pipeline(lang: str, actors: bool) -> Language:
    if lang not in SUPPORTED_LANGS:
        raise KGError(Errors.E010, lang=repr(lang), supported=", ".join(SUPPORTED_LANGS))
    nlp = spacy.blank(lang)
    # No parser or NER, whose memory grows with the text, so spaCy's 1,000,000-character guard does not apply:
    # the reader's --max-bytes is the limit (an article of 1.5 MB used to fail here with spaCy's E088).
    nlp.max_length = 100_000_000
    nlp.tokenizer = _tokenizer(nlp)
    nlp.add_pipe("kg_compounds")
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_morph")
    nlp.add_pipe("kg_noise")
    nlp.add_pipe("kg_lexicon", config={"actors": actors})
    nlp.add_pipe("kg_counterparts")
    nlp.add_pipe("kg_names")
    return nlp
