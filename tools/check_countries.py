"""Sanity checks for ``ontology/src/countries.json`` (and the built TTL).

Checks:

* every ISO 3166-1 alpha-2 code known to pycountry is present, plus the
  international organisations (EU, NATO, UN), and nothing else;
* Ukrainian strings use the typographic apostrophe ``’`` (never ``'`` or
  ``ʼ``) and contain no Latin letters; English strings contain no Cyrillic;
* no string is listed twice inside one entry, and no label string (any
  field, compared case-insensitively) is shared by two different entries;
* every Ukrainian demonym is an adjective lemma (masculine nominative singular)
  known to pymorphy3 (``lang="uk"``); unknown words are listed as warnings;
* if ``ontology/countries.ttl`` exists, it parses and holds exactly one
  concept per JSON entry.

Exits with status 1 on errors; pymorphy3 warnings alone do not fail.

Usage::

    python tools/check_countries.py [--src PATH] [--ttl PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT / "ontology" / "src" / "countries.json"
DEFAULT_TTL = ROOT / "ontology" / "countries.ttl"

ORGANISATIONS = ("EU", "NATO", "UN")
LANGS = ("uk", "en")
LIST_SUFFIXES = ("alt", "demonym", "capital", "seat")
APOSTROPHE = "\u2019"
BAD_APOSTROPHES = ("'", "\u02bc", "`", "\u2018")
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def strings(entry: Mapping[str, Any], lang: str) -> List[Tuple[str, str]]:
    """All (field, value) pairs of one language in an entry."""
    out: List[Tuple[str, str]] = [(f"{lang}_name", entry[f"{lang}_name"])]
    for suffix in LIST_SUFFIXES:
        field = f"{lang}_{suffix}"
        out.extend((field, value) for value in entry.get(field, []))
    return out


def check_codes(data: Mapping[str, Any]) -> List[str]:
    import pycountry

    errors: List[str] = []
    iso = {country.alpha_2 for country in pycountry.countries}
    expected = iso | set(ORGANISATIONS)
    missing = sorted(expected - set(data))
    extra = sorted(set(data) - expected)
    if missing:
        errors.append(f"missing codes: {', '.join(missing)}")
    if extra:
        errors.append(f"unknown codes: {', '.join(extra)}")
    return errors


def check_scripts(data: Mapping[str, Any]) -> List[str]:
    errors: List[str] = []
    for code in sorted(data):
        entry = data[code]
        for field, value in strings(entry, "uk"):
            if any(mark in value for mark in BAD_APOSTROPHES):
                errors.append(f"{code}.{field}: non-typographic apostrophe in {value!r}")
            if LATIN.search(value):
                errors.append(f"{code}.{field}: Latin letters in Ukrainian {value!r}")
        for field, value in strings(entry, "en"):
            if CYRILLIC.search(value):
                errors.append(f"{code}.{field}: Cyrillic letters in English {value!r}")
        for lang in LANGS:
            seen: Set[str] = set()
            for field, value in strings(entry, lang):
                if value != value.strip() or "  " in value:
                    errors.append(f"{code}.{field}: stray whitespace in {value!r}")
                if field.endswith("_alt") and value == entry[f"{lang}_name"]:
                    errors.append(f"{code}.{field}: repeats the preferred name {value!r}")
                key = f"{field}\0{value}"
                if key in seen:
                    errors.append(f"{code}.{field}: {value!r} listed twice")
                seen.add(key)
    return errors


def find_duplicates(data: Mapping[str, Any]) -> Dict[str, Dict[str, List[str]]]:
    """Label (case-folded) -> {code: [fields]} for labels used by 2+ entries."""
    index: Dict[str, Dict[str, List[str]]] = defaultdict(lambda: defaultdict(list))
    for code, entry in data.items():
        for lang in LANGS:
            for field, value in strings(entry, lang):
                index[value.casefold()][code].append(field)
    return {label: dict(codes) for label, codes in index.items() if len(codes) > 1}


def check_demonyms(data: Mapping[str, Any]) -> Tuple[List[str], List[str]]:
    """Return (errors, unknown) for Ukrainian demonyms."""
    import pymorphy3  # type: ignore[import-untyped]

    morph = pymorphy3.MorphAnalyzer(lang="uk")
    errors: List[str] = []
    unknown: List[str] = []
    for code in sorted(data):
        for demonym in data[code]["uk_demonym"]:
            word = demonym.replace(APOSTROPHE, "'")
            if demonym != demonym.lower():
                errors.append(f"{code}: demonym {demonym!r} must be lower case")
            parses = morph.parse(word)
            # Ukrainian masculine adjectives carry no explicit "sing"; the lemma
            # (normal form) of an adjective is its masculine nominative singular.
            is_adj_lemma = any(
                "ADJF" in p.tag and "masc" in p.tag and p.normal_form == word for p in parses
            )
            if not morph.word_is_known(word):
                guess = "ADJF lemma" if is_adj_lemma else str(parses[0].tag) if parses else "?"
                unknown.append(f"{code}: {demonym} (not in dictionary; guessed {guess})")
            elif not is_adj_lemma:
                errors.append(
                    f"{code}: demonym {demonym!r} is known but not an ADJF masculine lemma "
                    f"({', '.join(str(p.tag) for p in parses[:3])})"
                )
    return errors, unknown


def check_ttl(path: Path, data: Mapping[str, Any]) -> List[str]:
    from rdflib import RDF, Graph
    from rdflib.namespace import SKOS

    graph = Graph()
    graph.parse(path, format="turtle")
    concepts = {str(s).rsplit("/", 1)[-1] for s in graph.subjects(RDF.type, SKOS.Concept)}
    errors: List[str] = []
    if concepts != set(data):
        errors.append(
            f"{path.name}: concepts differ from source "
            f"(missing {sorted(set(data) - concepts)}, extra {sorted(concepts - set(data))})"
        )
    return errors


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC)
    parser.add_argument("--ttl", type=Path, default=DEFAULT_TTL)
    args = parser.parse_args(argv)

    with args.src.open(encoding="utf-8") as handle:
        data: Dict[str, Any] = json.load(handle)

    errors = check_codes(data) + check_scripts(data)
    duplicates = find_duplicates(data)
    for label in sorted(duplicates):
        where = "; ".join(
            f"{code}:{','.join(fields)}" for code, fields in sorted(duplicates[label].items())
        )
        errors.append(f"label {label!r} shared by {where}")
    demonym_errors, unknown = check_demonyms(data)
    errors += demonym_errors
    if args.ttl.exists():
        errors += check_ttl(args.ttl, data)

    def count(field: str) -> int:
        return sum(1 for entry in data.values() if entry[field])

    print(f"entries: {len(data)}")
    for suffix in LIST_SUFFIXES:
        print(
            f"  with {suffix:8}: uk {count('uk_' + suffix):3}  en {count('en_' + suffix):3}"
        )
    if unknown:
        print(f"uk demonyms unknown to pymorphy3 ({len(unknown)}):")
        for line in unknown:
            print(f"  {line}")
    if errors:
        print(f"ERRORS ({len(errors)}):")
        for line in errors:
            print(f"  {line}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
