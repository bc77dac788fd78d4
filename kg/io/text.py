r"""Text normalisation shared by readers and the pipeline.

Two forms matter: the *article text* (what users read in evidence: typography kept, invisible characters and
newline variants removed) and the *lookup key* of a word (what dictionaries are asked: lower case, apostrophes
as ASCII ``'`` because pymorphy3's Ukrainian dictionary spells them so).

>>> normalise_text("Прем\u2019єр\u200b-міністр\r\nЯпонії").split("\n")
['Прем’єр-міністр', 'Японії']
>>> lookup_key("Прем’єр-міністерку")
"прем'єр-міністерку"
>>> normalise_text("Talks ended." + "=" * 8000 + "!?" * 4000)
'Talks ended.===!?!?!?!?!?!?'
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

__all__ = ["normalise_text", "normalise_line", "lookup_key", "content_hash", "APOSTROPHES", "fold_apostrophes"]

APOSTROPHES = "’ʼ`´‘′ʹ"
_APOSTROPHE_TABLE = str.maketrans({c: "'" for c in APOSTROPHES})
# Zero-width and bidi control characters: invisible, but they split words and break dictionary look-ups.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")
# C0 controls, plus what XML 1.0 cannot carry (lone surrogates from JSON "\\ud800", U+FFFE, U+FFFF): with them
# an RDF/XML export would not be well-formed and UTF-8 encoding (the content hash) would fail.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
# Latin letters that look like Cyrillic ones, used (by accident or to evade filters) inside Cyrillic words.
_HOMOGLYPHS = str.maketrans("aceiopxyACEHIKMOPTXBy", "асеіорхуАСЕНІКМОРТХВу")
_MIXED_WORD = re.compile(r"\b(?=\w*[а-яіїєґА-ЯІЇЄҐ])(?=\w*[a-zA-Z])\w+\b")
# spaCy's tokenizer splits a run of punctuation one affix at a time, in time that grows with the square of the
# run (8,000 "=" took 11 s): runs are bounded before any tokenizing, so work grows with the text's length only.
_REPEATED_SYMBOL = re.compile(r"([^\w\s]|_)\1{3,}")  # "=====" -> "===", "!!!!" -> "!!!"
_SYMBOL_RUN = re.compile(r"(?:[^\w\s]|_){17,}")  # a mixed run ("-=-=-=...") keeps its first 16 characters
_LONG_TOKEN = re.compile(r"\S{501,}")  # no word or URL is longer: keep the first 500 characters


def _fix_homoglyphs(match: re.Match[str]) -> str:
    word = match.group(0)
    cyrillic = sum(1 for c in word if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in word if c.isascii() and c.isalpha())
    return word.translate(_HOMOGLYPHS) if cyrillic > latin else word


def normalise_text(text: str) -> str:
    """Return article text in NFC with invisible characters, control characters and newline variants removed."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub(" ", text)
    text = _MIXED_WORD.sub(_fix_homoglyphs, text)
    text = _REPEATED_SYMBOL.sub(lambda m: m.group(1) * 3, text)
    text = _SYMBOL_RUN.sub(lambda m: m.group(0)[:16], text)
    text = _LONG_TOKEN.sub(lambda m: m.group(0)[:500], text)
    return text.strip()


def normalise_line(text: str) -> str:
    """:func:`normalise_text` on one line (a title, a source name): line breaks become single spaces."""
    return _LINE_BREAKS.sub(" ", normalise_text(text))


def fold_apostrophes(word: str) -> str:
    """Spell every apostrophe variant as ASCII ``'``."""
    return word.translate(_APOSTROPHE_TABLE)


@functools.lru_cache(maxsize=1_000_000)
def lookup_key(word: str) -> str:
    """The form of a word that dictionaries are asked for."""
    return fold_apostrophes(word).lower()


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text: the identity of an article."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
