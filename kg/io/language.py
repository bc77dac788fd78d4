"""Which language an article is in: Ukrainian and English are read, anything else is refused with its name.

Script decides first (cheap, and exact for most news): Latin text with a normal share of English function words
is English; Cyrillic text with Ukrainian letters (і ї є ґ) and few Russian ones (ы э ъ ё) is Ukrainian. Only the
rest goes to py3langid (a naive Bayes model over byte n-grams, shipped inside its wheel: no download), restricted
to languages with a two-letter code. A text with no word in it at all (a run of one letter, symbols only) is
refused too: it is in no language.

>>> identify("Japan and Ukraine signed a defence agreement on Tuesday in Kyiv.")
'en'
>>> identify("Президент України зустрівся з прем’єр-міністеркою Японії.")
'uk'
>>> identify("Le président français a rencontré le chancelier allemand à Berlin pour parler de défense.")
Traceback (most recent call last):
...
kg.errors.KGError: E010 unsupported language 'fr' (French); supported: uk, en
>>> identify("D" * 4096)
Traceback (most recent call last):
...
kg.errors.KGError: E024 no words of any language in the text
"""

from __future__ import annotations

import functools
import re
from typing import Any

from kg.errors import Errors, KGError

__all__ = ["identify", "SUPPORTED_LANGS", "LANGUAGE_NAMES"]

SUPPORTED_LANGS = ("uk", "en")
SAMPLE = 5000  # characters looked at: the start of an article says its language

_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{2,40}(?![^\W\d_])")  # 2 to 40 letters: longer runs are no word
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_ENGLISH = frozenset("""the of and to in a is was for on that with by at from as are be has have it its said
    his her their they he she this an will were after not or which who but been had would also over about""".split())

LANGUAGE_NAMES = {
    "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "it": "Italian", "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian",
    "sv": "Swedish", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
    "vi": "Vietnamese", "zh": "Chinese", "en": "English",
}


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE)  # our own instance: restricting it is ours
    model.set_languages([code for code in dict.fromkeys(model.nb_classes) if len(code) == 2])
    return model


def _refuse(code: str) -> KGError:
    name = LANGUAGE_NAMES.get(code)
    return KGError(Errors.E010, lang=f"{code!r} ({name})" if name else repr(code), supported=", ".join(SUPPORTED_LANGS))


def _model_says(sample: str) -> str:
    return str(_identifier().classify(sample)[0])


def identify(text: str) -> str:
    """'uk' or 'en'; raises E010 (naming the language found) for any other language, E024 for no language."""
    sample = text[:SAMPLE]
    words = _WORD.findall(sample)
    if not words:
        raise KGError(Errors.E024)
    cyrillic = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    letters = sum(len(w) for w in words)
    if cyrillic >= latin and cyrillic * 2 >= letters:
        uk, ru = len(_UK_ONLY.findall(sample)), len(_RU_ONLY.findall(sample))
        if ru > 2 * uk + 2:
            raise _refuse("ru")
        if uk > 2 * ru:
            return "uk"
        found = _model_says(sample)  # no telling letters: Ukrainian, Russian, Bulgarian, Serbian, ...
        if found in ("uk", "en"):
            return found
        raise _refuse(found)
    if latin * 2 >= letters:
        english = sum(1 for w in words if w.lower() in _ENGLISH)
        if english >= 0.2 * len(words):
            return "en"  # English news: about a third of its words are these function words
        found = _model_says(sample)
        if found == "en" or len(words) < 8:
            return "en"  # the model's word, or too short to tell against English
        raise _refuse(found)
    raise _refuse(_model_says(sample))  # another script: Chinese, Arabic, Greek, ...
