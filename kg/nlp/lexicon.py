"""Gazetteers and cue lexicons compiled from the ontology's SKOS labels (the one source of truth).

Each label is tokenised like article text and every word reduced to all its lemmas, so one entry matches every
inflected form: ``Японія`` matches ``Японії`` and ``Японією``; ``міністр закордонних справ`` matches
``міністерку закордонних справ`` through the feminine label.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

from kg.nlp.morph import analyse, lang_data
from kg.ontology.concepts import concepts
from kg.io.text import lookup_key

__all__ = ["Entry", "Lexicon", "compile_lexicon", "combining_forms", "Match", "word_keys", "WILDCARD"]


@dataclass(frozen=True)
class Entry:
    """One label of one concept, as the matcher sees it."""

    category: str  # polity | role | topic | relation | status
    code: str
    kind: str  # pref | alt | cue | weak | demonym | capital | seat | place
    label: str
    exact: bool  # an abbreviation: the text must have the same letters in the same case (US, not "us")


@dataclass
class _Node:
    children: dict[str, "_Node"] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Match:
    start: int  # token index
    end: int  # token index, exclusive
    entry: Entry


@functools.lru_cache(maxsize=500_000)
def word_keys(lang: str, word: str) -> tuple[str, ...]:
    """The keys a word is matched by: its lemmas and its own lower-case form (abbreviations: only that), and, for a
    capitalised word, that form without Latin accents ("BOGOTA" and "Bogota" are "Bogotá")."""
    key = lookup_key(word)
    # (a capitalised word only, and under a key of its own: "male" must not be Malé, nor "reunion" Réunion)
    bare = (_BARE + _without_latin_accents(key),) if word[:1].isupper() and _latin(key) else ()
    if _is_abbreviation(word):
        return tuple(dict.fromkeys((key, *bare)))
    return tuple(dict.fromkeys((*analyse(lang, word).lemmas, key, *bare)))


_BARE = "~"  # marks the key of a name spelled without its Latin accents


def _latin(key: str) -> bool:
    return any("a" <= c <= "z" or "\u00e0" <= c <= "\u024f" for c in key)


def _without_latin_accents(key: str) -> str:
    if key.isascii():
        return key
    # only marks on Latin letters: "й" and "ї" are letters of their own
    kept = "".join(c for c, base in _decomposed(key) if not (unicodedata.combining(c) and base < "\u0250"))
    return unicodedata.normalize("NFC", kept)


def _decomposed(key: str) -> list[tuple[str, str]]:
    out = []
    for ch in key:
        parts = unicodedata.normalize("NFD", ch)
        out.extend((c, parts[0]) for c in parts)
    return out


def label_keys(lang: str, word: str) -> tuple[str, ...]:
    """Keys of a label word: like :func:`word_keys`, but only the lemmas of its noun and adjective readings
    (the label "Того" must not match every form of the pronoun "той")."""
    key = lookup_key(word)
    if _is_abbreviation(word) or lang != "uk":
        return word_keys(lang, word)
    from kg.nlp.morph import content_lemmas

    return tuple(dict.fromkeys((*content_lemmas(word), key)))


def _is_abbreviation(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


#: A label word that matches any one word ("начальник * обласної військової адміністрації": any region's).
WILDCARD = "*"


class Lexicon:
    """A trie over lemma sequences (a label word ``*`` matches any word); ``matches`` yields every entry found
    in a token sequence."""

    def __init__(self) -> None:
        self._root = _Node()
        self.size = 0

    def add(self, words: Sequence[Sequence[str]], entry: Entry) -> None:
        nodes = [self._root]
        for lemmas in words:
            nxt: list[_Node] = []
            for node in nodes:
                for lemma in lemmas:
                    nxt.append(node.children.setdefault(lemma, _Node()))
            nodes = list({id(n): n for n in nxt}.values())
        for node in nodes:
            if entry not in node.entries:
                node.entries.append(entry)
        self.size += 1

    def matches(self, lemmas: Sequence[Sequence[str]]) -> Iterator[Match]:
        """Every (start, end, entry) whose label's lemmas match the tokens' lemmas."""
        for start in range(len(lemmas)):
            frontier = [self._root]
            end = start
            while frontier and end < len(lemmas):
                nxt = []
                for node in frontier:
                    for lemma in lemmas[end]:
                        child = node.children.get(lemma)
                        if child is not None:
                            nxt.append(child)
                    if WILDCARD in node.children:  # "начальник * обласної військової адміністрації"
                        nxt.append(node.children[WILDCARD])
                end += 1
                frontier = list({id(n): n for n in nxt}.values())
                for node in frontier:
                    for entry in node.entries:
                        yield Match(start, end, entry)


_POLITY_KINDS = ("pref", "alt", "demonym", "capital", "seat")


@functools.lru_cache(maxsize=8)
def combining_forms(lang: str) -> dict[str, str]:
    """Lower-case combining form -> polity code: the language data's ``combining_forms`` and, where the data
    gives a ``combining_suffix`` (Ukrainian ``["ий", "о"]``), one formed from each one-word demonym."""
    data = lang_data(lang)
    forms: dict[str, str] = {}
    suffix = data.get("combining_suffix")
    if suffix:
        ending, replacement = suffix
        for code, concept in concepts("country").items():
            for label in concept.labels(lang, ("demonym",)):
                if " " not in label and label.endswith(ending):
                    forms.setdefault(lookup_key(label[: -len(ending)] + replacement), code)
    forms.update({lookup_key(k): v for k, v in data.get("combining_forms", {}).items()})
    return forms


def compile_lexicon(lang: str, tokenize: Callable[[str], list[str]]) -> Lexicon:
    """Build the lexicon of ``lang`` from every scheme of the ontology."""
    return _compile(lang, tokenize)


@functools.lru_cache(maxsize=8)
def _compile(lang: str, tokenize: Callable[[str], list[str]]) -> Lexicon:
    lexicon = Lexicon()
    plan: list[tuple[str, str, tuple[str, ...]]] = [
        ("country", "polity", _POLITY_KINDS),
        ("country", "place", ("place",)),
        ("role", "role", ("pref", "alt", "cue")),
        ("topic", "topic", ("pref", "alt", "cue", "weak")),
        ("relation", "relation", ("pref", "alt", "cue", "weak")),
        ("status", "status", ("cue",)),
        ("actor", "actor", ("pref", "alt")),
    ]
    for scheme, category, kinds in plan:
        for code, concept in concepts(scheme).items():
            for kind in kinds:
                for label in concept.labels(lang, (kind,)):
                    words = tokenize(label)
                    if not words:
                        continue
                    exact = category == "polity" and len(words) == 1 and _is_abbreviation(label)
                    lemma_sets = [(WILDCARD,) if w == WILDCARD else label_keys(lang, w) for w in words]
                    lexicon.add(lemma_sets, Entry(category, code, kind, label, exact))
    # Combining forms of polities, the first part of a compound the pipeline splits ("Sino-Russian",
    # "українсько-польські"): English lists them, Ukrainian forms them from each demonym ("український" ->
    # "українсько"). Read as demonyms.
    for form, code in combining_forms(lang).items():
        lexicon.add([(form,)], Entry("polity", code, "demonym", form, False))
    # Surnames of known office holders alone ("Трамп заявив", "said Sybiha"), when no two polities share them.
    surnames: dict[str, set[str]] = {}
    owner: dict[str, str] = {}
    for code, concept in concepts("actor").items():
        for label in concept.labels(lang):
            words = tokenize(label)
            if len(words) >= 2 and len(words[-1]) >= 4 and words[-1][:1].isupper() and concept.listed:
                surnames.setdefault(words[-1], set()).add(concept.listed[1])
                owner.setdefault(words[-1], code)
    for surname, polities in surnames.items():
        if len(polities) == 1:
            lexicon.add([label_keys(lang, surname)], Entry("actor", owner[surname], "surname", surname, False))
    return lexicon
