"""Word analysis: lemmas and grammemes per word, from pymorphy3 (Ukrainian) or suffix rules (English).

Every parse is kept: on a blank pipeline there are no POS tags to choose one, and a gazetteer match on any
lemma is what we want (``Японії`` -> японія, ``японською`` -> японський / японська).

>>> analyse("uk", "Стармером").lemmas[0]
'стармер'
>>> "Name" in analyse("uk", "Санае").grammemes
True
>>> analyse("en", "ministers").lemmas
('ministers', 'minister')
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from kg.io.text import lookup_key

__all__ = ["WordInfo", "analyse", "inflect_name", "lang_data", "content_lemmas", "is_function_word"]


@dataclass(frozen=True)
class WordInfo:
    """What the dictionary knows of one word form."""

    lemmas: tuple[str, ...]
    grammemes: frozenset[str]
    known: bool  # in the dictionary (not guessed by the predictor)


@functools.cache
def lang_data(lang: str) -> dict[str, Any]:
    """The grammar-word lists of a language (kg/lang/<code>/lexicon.json)."""
    text = resources.files("kg.lang").joinpath(lang, "lexicon.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def _uk_analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


@functools.lru_cache(maxsize=500_000)
def _analyse_uk(key: str) -> WordInfo:
    if not any(c.isalpha() for c in key):
        return WordInfo((key,), frozenset(), True)
    parses = _uk_analyzer().parse(key)
    lemmas: list[str] = []
    grammemes: set[str] = set()
    known = False
    for p in parses:
        if p.normal_form not in lemmas:
            lemmas.append(p.normal_form)
        grammemes.update(p.tag.grammemes)
        known = known or p.is_known
    if key not in lemmas and not known:
        lemmas.append(key)
    return WordInfo(tuple(lemmas), frozenset(grammemes), known)


def _english_lemmas(key: str) -> tuple[str, ...]:
    forms = [key]
    if key.endswith("'s") or key.endswith("’s"):
        forms.append(key[:-2])
    if len(key) > 3:
        if key.endswith("ies"):
            forms.append(key[:-3] + "y")
        elif key.endswith(("ses", "xes", "ches", "shes")):
            forms.append(key[:-2])
        elif key.endswith("s") and not key.endswith("ss"):
            forms.append(key[:-1])
        if key.endswith("ied"):
            forms.append(key[:-3] + "y")
        elif key.endswith("ed"):
            forms.extend([key[:-2], key[:-1]])
        if key.endswith("ing"):
            forms.extend([key[:-3], key[:-3] + "e"])
    return tuple(dict.fromkeys(forms))


@functools.lru_cache(maxsize=200_000)
def _analyse_en(key: str) -> WordInfo:
    return WordInfo(_english_lemmas(key), frozenset(), True)


def analyse(lang: str, word: str) -> WordInfo:
    """Lemmas and grammemes of ``word`` in ``lang`` (cached per process)."""
    key = lookup_key(word)
    if lang == "uk":
        return _analyse_uk(key)
    return _analyse_en(key)


_FUNCTION_POS = frozenset({"NPRO", "CONJ", "PREP", "PRCL", "INTJ", "ADVB", "PRED"})


@functools.lru_cache(maxsize=100_000)
def content_lemmas(word: str) -> tuple[str, ...]:
    """Ukrainian lemmas of a word's content readings (nouns, adjectives, verbs), not of pronouns or particles."""
    parses = _uk_analyzer().parse(lookup_key(word))
    found = [p.normal_form for p in parses if not (_FUNCTION_POS & p.tag.grammemes)]
    return tuple(dict.fromkeys(found or [parses[0].normal_form]))


@functools.lru_cache(maxsize=100_000)
def is_function_word(lang: str, word: str) -> bool:
    """True when some reading of the word is a pronoun, conjunction, preposition, particle or adverb."""
    if lang != "uk":
        return False
    return any(_FUNCTION_POS & p.tag.grammemes for p in _uk_analyzer().parse(lookup_key(word)))


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")
_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
# Endings of a masculine consonant-stem surname per case (Стармер-а, -у, -ом, -ові), longest first.
_MASC_ENDINGS = {
    "gent": ("а", "я"), "accs": ("а", "я"), "datv": ("ові", "еві", "у", "ю"),
    "ablt": ("ом", "ем", "єм"), "loct": ("ові", "еві", "і"), "voct": ("е",),
}
# Endings of an -а/-я stem name per case (Сибіг-а: -и, -і, -у, -ою).
_A_STEM_ENDINGS = {"gent": ("и", "ї"), "datv": ("і",), "accs": ("у", "ю"), "ablt": ("ою", "ею", "єю"), "loct": ("і",)}
_VOWELS = set("аеєиіїоуюяaeiouy")


def _name_parses(word: str) -> list[Any]:
    return list(_name_parses_of(lookup_key(word)))


@functools.lru_cache(maxsize=100_000)
def _name_parses_of(key: str) -> tuple[Any, ...]:
    return tuple(p for p in _uk_analyzer().parse(key) if p.is_known and _NAME_TAGS & p.tag.grammemes)


def _case_gender(words: list[str], gender_hint: str | None) -> tuple[str, str | None] | None:
    """The (case, gender) the known name words of a Ukrainian name agree on, nominative preferred."""
    options: set[tuple[str, str | None]] | None = None
    for word in words:
        found = {(p.tag.case, p.tag.gender) for p in _name_parses(word) if p.tag.case}
        if not found:
            continue
        options = found if options is None else ({o for o in options if o in found} or options)
    if not options:
        return None
    if gender_hint:
        options = {o for o in options if o[1] == gender_hint} or options
    order = {c: i for i, c in enumerate(_CASES)}
    return min(options, key=lambda o: (order.get(o[0], 9), o[1] != "femn" if gender_hint == "femn" else o[1] == "femn"))


def _strip_ending(word: str, case: str, gender: str | None) -> str:
    """Nominative of a surname the dictionary does not know, by its case ending; unchanged when unsure."""
    low = lookup_key(word)
    if case == "nomn" or low[-1:] not in _VOWELS | {"м"}:
        return word
    if gender != "femn":
        for ending in _MASC_ENDINGS.get(case, ()):
            stem = word[: -len(ending)]
            if low.endswith(ending) and len(stem) >= 3 and lookup_key(stem)[-1] not in _VOWELS:
                return stem
    for ending in _A_STEM_ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if low.endswith(ending) and len(stem) >= 3 and lookup_key(stem)[-1] not in _VOWELS:
            return stem + ("я" if ending in ("ї", "ю", "єю") else "а")
    return word


def _case_from_endings(words: list[str]) -> tuple[str, str | None] | None:
    """A case that the surname's ending leaves no doubt about, for names the dictionary does not know."""
    keys = [lookup_key(w) for w in words if w[:1].isupper()]
    if not keys:
        return None
    # "Кіром Стармером", "Сирілом Рамафосою": one masculine instrumental ending settles the whole name
    if any(k.endswith(("ом", "ем", "єм")) for k in keys) and all(k.endswith(("ом", "ем", "єм", "ою", "ею", "єю")) for k in keys):
        return ("ablt", "masc")
    if keys[-1].endswith(("ові", "еві")):
        return ("datv", "masc")
    return None


def inflect_name(lang: str, words: list[str], gender_hint: str | None = None) -> list[str]:
    """The nominative form of a person's name (Кіром Стармером -> Кір Стармер), capitalisation kept.

    The case and gender come from the words the dictionary knows as names (and from ``gender_hint``, e.g. a
    feminine role word); words it does not know are declined by their endings only when those are clear.

    >>> inflect_name("uk", ["Кіром", "Стармером"])
    ['Кір', 'Стармер']
    >>> inflect_name("uk", ["Урсулі", "фон", "дер", "Ляєн"])
    ['Урсула', 'фон', 'дер', 'Ляєн']
    >>> inflect_name("uk", ["Санае", "Такаїчі"])
    ['Санае', 'Такаїчі']
    """
    if lang != "uk":
        return [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    agreed = _case_gender(words, gender_hint) or _case_from_endings(words)
    if agreed is None or agreed[0] == "nomn":
        return words
    case, gender = agreed
    out: list[str] = []
    for word in words:
        if not word[:1].isupper():
            out.append(word)  # particles: фон, дер, де
            continue
        parses = [p for p in _name_parses(word) if p.tag.case == case and (gender is None or p.tag.gender in (gender, None))]
        if parses:
            p = parses[0]
            form = p.inflect({"nomn"}) if "Fixd" not in p.tag.grammemes else None
            out.append(_restore_case(word, form.word) if form is not None else word)
        elif _name_parses(word):
            out.append(word)  # known as a name in another case only: leave it
        else:
            out.append("-".join(_strip_ending(part, case, gender) for part in word.split("-")))
    return out


def _restore_case(original: str, lemma: str) -> str:
    """Give ``lemma`` the capitalisation and apostrophe of ``original``."""
    apostrophe = next((c for c in original if c in "’ʼ'"), "'")
    lemma = lemma.replace("'", apostrophe)
    parts = lemma.split("-")
    originals = original.split("-")
    fixed = [p.capitalize() if (i < len(originals) and originals[i][:1].isupper()) else p for i, p in enumerate(parts)]
    return "-".join(fixed)
