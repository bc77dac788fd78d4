"""The hand-annotated evaluation sets: every gold file is well formed, and the development set keeps its scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluation import evaluate
from kg.ontology.concepts import concepts

EVALUATION = Path(__file__).resolve().parent.parent / "evaluation"
SETS = {"gold": EVALUATION / "gold", "holdout": EVALUATION / "holdout" / "gold",
        "extra": EVALUATION / "extra" / "gold", "blind": EVALUATION / "blind" / "gold",
        "fresh": EVALUATION / "fresh" / "gold", "agreement": EVALUATION / "agreement"}
GOLD_FILES = sorted(p for folder in SETS.values() for p in folder.glob("*.json"))


def test_every_set_is_there() -> None:
    counts = {name: len(list(folder.glob("*.json"))) for name, folder in SETS.items()}
    assert counts == {"gold": 60, "holdout": 20, "extra": 24, "blind": 20, "fresh": 26, "agreement": 30}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_is_well_formed(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert set(gold) == {"id", "lang", "date", "persons", "relations"} and gold["id"] == path.stem
    article = path.parent.parent / "articles" / f"{path.stem}.txt"
    text = article.read_text(encoding="utf-8")
    roles, countries, topics = concepts("role"), concepts("country"), concepts("topic")
    for person in gold["persons"]:
        assert person["role"] in roles and person["country"] in countries, person
        for alias in person["aliases"]:
            assert alias in text, (person["name"], alias)
    seen = set()
    for relation in gold["relations"]:
        key = (relation["a"], relation["b"], relation["type"])
        assert relation["a"] < relation["b"] and key not in seen, key
        seen.add(key)
        assert relation["a"] in countries and relation["b"] in countries, key
        assert relation["type"] in ("cooperation", "conflict"), key
        assert all(t in topics for t in relation.get("topics", [])), key


def test_development_set_keeps_its_scores() -> None:
    """Issue 3's targets on the development set, per language: roles >= 0.90, pairs >= 0.85, topics >= 0.75."""
    report = evaluate(SETS["gold"]).as_dict()
    for lang in ("uk", "en"):
        assert report[lang]["roles"]["f1"] >= 0.90, (lang, report[lang]["roles"])
        assert report[lang]["pairs"]["f1"] >= 0.85, (lang, report[lang]["pairs"])
        assert report[lang]["topics"]["f1"] >= 0.75, (lang, report[lang]["topics"])


@pytest.mark.parametrize(("extracted", "gold", "same"), [
    ("Xi Jinping", {"name": "Xi Jinping", "aliases": ["Xi"]}, True),
    # gold aliases are written as the text inflects them; the extractor names people in the nominative
    ("Сі Цзіньпін", {"name": "Xi Jinping", "aliases": ["Сі Цзіньпіном", "Сі"]}, True),
    ("Ульф Крістерссон", {"name": "Ulf Kristersson", "aliases": ["Ульфом Крістерссоном"]}, True),
    ("Дональд Туск", {"name": "Donald Tusk", "aliases": ["Дональда Туска"]}, True),
    ("Дональд Трамп", {"name": "Donald Tusk", "aliases": ["Дональда Туска"]}, False),
    ("Keir Starmer", {"name": "Donald Tusk", "aliases": ["Tusk"]}, False),
])
def test_a_person_matches_gold_by_alias_or_surname_in_any_case(extracted: str, gold: dict, same: bool) -> None:
    from kg.evaluation import person_matches

    assert person_matches(extracted, gold) is same
