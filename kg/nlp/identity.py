"""Stable identifiers: the same person across articles, languages and spellings is one IRI.

A person's IRI is their polity plus a *spelling skeleton* of their surname: transliterated (Ukrainian national
system), then folded so that common spelling variants meet (y/i/j, kh/h/g, sh/s, doubled letters) and reduced to
its consonants. Зеленський, Zelensky and Zelenskyy all become ``UA/zlnsk``.

>>> person_key("Володимир Зеленський", "UA") == person_key("Volodymyr Zelenskyy", "UA") == person_key("Zelensky", "UA")
True
>>> person_key("Кір Стармер", "GB") == person_key("Keir Starmer", "GB")
True
>>> transliterate("Такаїчі")
'Takaichi'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["transliterate", "name_skeleton", "person_key", "slug"]

# Ukrainian national transliteration (Cabinet of Ministers resolution 55, 2010); word-initial forms differ.
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
    # Russian letters, for names written with them
    "ы": "y", "э": "e", "ё": "io", "ъ": "",
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def transliterate(text: str) -> str:
    """Latin spelling of a Cyrillic name (other scripts: accents stripped)."""
    out: list[str] = []
    prev_alpha = False
    for ch in text:
        low = ch.lower()
        if low in _UK:
            latin = _UK_INITIAL.get(low, _UK[low]) if not prev_alpha else _UK[low]
            if ch.isupper() and latin:
                latin = latin[0].upper() + latin[1:]
            out.append(latin)
        else:
            out.append(ch)
        prev_alpha = ch.isalpha()
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FOLDS = [
    ("shch", "s"), ("sch", "s"), ("kh", "h"), ("zh", "z"), ("ts", "s"), ("tz", "s"), ("ch", "c"), ("sh", "s"),
    ("z", "s"),
    ("ph", "f"), ("ck", "k"), ("x", "ks"), ("q", "k"), ("w", "v"), ("g", "h"), ("j", "i"), ("y", "i"),
    ("c", "k"),
]


def name_skeleton(word: str) -> str:
    """Spelling-tolerant key of one name word: its folded consonants, first letter kept."""
    latin = re.sub(r"[^a-z]", "", transliterate(word).lower())
    for a, b in _FOLDS:
        latin = latin.replace(a, b)
    if not latin:
        return ""
    head, rest = latin[0], re.sub(r"[aeiou]", "", latin[1:])
    head = "a" if head in "aeiou" else head
    key = head + rest
    return re.sub(r"(.)\1+", r"\1", key)


def person_key(name: str, polity: str) -> str:
    """``<polity>/<surname skeleton>``: the local part of a person's IRI."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    surname = words[-1] if words else name
    return f"{polity}/{name_skeleton(surname) or 'x'}"


def slug(text: str) -> str:
    """A readable IRI-safe fragment."""
    latin = transliterate(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-") or "x"
