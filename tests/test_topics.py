"""The article-level topic step (kg/extract/topics.py), its shipped model and how that model was trained."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract.article import relations_of
from kg.extract.decide import decide_relations
from kg.extract.relations import extract_relations
from kg.extract.topics import MODEL_PATH, TOPICS, assign_topics, load_model, probability, topic_features
from kg.extract.wars import implied_wars
from kg.nlp import load_pipeline

ROOT = Path(__file__).resolve().parent.parent

# Sentences written for these tests.
VISIT = ("Polish President Jan Nowak visited Kyiv and met Ukrainian President Volodymyr Zelensky on Monday. "
         "Poland will also send generators and transformers to the Ukrainian power grid this winter. "
         "The weather in Warsaw was cold.")
MANY = ("Japanese Prime Minister Sanae Takaichi met Ukrainian President Volodymyr Zelensky in Tokyo. "
        "Japan and Ukraine signed an agreement on air defence and drones. "
        "Russia launched 400 drones and 30 missiles at Ukraine overnight, hitting power plants.")


def _rules(lang: str, text: str) -> tuple[object, list]:
    doc = load_pipeline(lang)(text)
    kept = decide_relations(doc, list(extract_relations(doc)))
    return doc, kept + list(implied_wars(doc, kept))


def _model(topic: str, features: dict[str, float], intercept: float, threshold: float = 0.5) -> dict:
    """A hand-made model for one topic (weights on raw features: means 0, scales 1)."""
    names = sorted(features)
    return {"topics": {topic: {"features": names, "mean": [0.0] * len(names), "scale": [1.0] * len(names),
                               "weights": [features[n] for n in names], "intercept": intercept,
                               "threshold": {"uk": threshold, "en": threshold}}}}


def test_without_a_model_the_rules_topics_stay() -> None:
    doc, relations = _rules("en", MANY)
    assert assign_topics(doc, relations, model=None) == relations
    assert assign_topics(doc, [], model=True) == []


def test_the_topic_step_changes_topics_only_never_pairs() -> None:
    doc, relations = _rules("en", MANY)
    decided = assign_topics(doc, relations)
    assert {(r.a, r.b, r.type) for r in decided} == {(r.a, r.b, r.type) for r in relations}
    assert all(t in TOPICS for r in decided for t in r.topics)
    assert [(r.a, r.b, r.type) for r in relations_of(doc)] == [(r.a, r.b, r.type) for r in decided]


def test_a_topic_read_in_the_next_sentence_sits_on_that_sentence() -> None:
    doc, relations = _rules("en", VISIT)
    assert {(r.a, r.b, r.type) for r in relations} == {("PL", "UA", "cooperation")}
    # (as if the rules had not passed the second sentence's topic on: the topic step places it itself)
    relations = [r for r in relations if r.event != "context"]
    # energy whenever another sentence naming the pair's sides has an energy cue
    model = _model("energy", {"side": 20.0, "both": 20.0}, -5.0)
    decided = assign_topics(doc, relations, model=model)
    carriers = [r for r in decided if "energy" in r.topics]
    assert len(carriers) == 1
    carrier = carriers[0]
    assert carrier.event == "context" and carrier.evidence.sentence.startswith("Poland will also send generators")
    assert doc.text[carrier.evidence.start:carrier.evidence.end].strip() == carrier.evidence.sentence
    assert not any("energy" in r.topics for r in decided if r.event != "context")


def test_a_topic_the_model_rejects_goes_with_the_context_sentences_that_carried_it_alone() -> None:
    doc, relations = _rules("en", VISIT)
    model = _model("energy", {"own": 0.0}, -20.0)
    decided = assign_topics(doc, relations, model=model)
    assert not any("energy" in r.topics for r in decided)
    assert all(r.event != "context" or r.topics for r in decided)
    assert {(r.a, r.b, r.type) for r in decided} == {("PL", "UA", "cooperation")}


def test_a_topic_without_any_cue_sits_on_the_pairs_first_event() -> None:
    doc, relations = _rules("en", VISIT)
    decided = assign_topics(doc, relations, model=_model("diplomacy", {"own": 0.0}, 20.0))
    carriers = [r for r in decided if "diplomacy" in r.topics]
    assert len(carriers) == 1 and carriers[0].event != "context"
    assert carriers[0] == next(r for r in decided if r.event != "context" and (r.a, r.b) == ("PL", "UA"))


def test_features_describe_every_pair_and_topic() -> None:
    doc, relations = _rules("en", MANY)
    features = topic_features(doc, relations)
    assert set(features) == {(r.a, r.b, r.type) for r in relations}
    for per_topic in features.values():
        assert set(per_topic) == set(TOPICS)
    defence = features[("JP", "UA", "cooperation")]["defence"]
    assert defence["own_strong"] == 1.0 and features[("JP", "UA", "cooperation")]["nuclear"]["own"] == 0.0


def test_the_shipped_model_loads_and_matches_the_features() -> None:
    model = load_model()
    assert model is not None, f"{MODEL_PATH} is shipped with the package"
    doc, relations = _rules("uk", "Президент України Володимир Зеленський зустрівся з прем’єр-міністеркою Японії "
                                  "Санае Такаїчі. Сторони обговорили постачання зброї та енергетику.")
    names = {n for per_topic in topic_features(doc, relations).values() for f in per_topic.values() for n in f}
    assert model["topics"], "at least one topic's model beat the rules"
    for topic, m in model["topics"].items():
        assert topic in TOPICS
        assert set(m["features"]) <= names
        assert len(m["features"]) == len(m["mean"]) == len(m["scale"]) == len(m["weights"])
        assert set(m["threshold"]) == {"uk", "en"}
        assert any(t is not None for t in m["threshold"].values())
        assert all(t is None or 0.0 < t < 1.0 for t in m["threshold"].values())
        assert 0.0 <= probability(m, dict.fromkeys(m["features"], 1.0)) <= 1.0


def test_the_models_metadata_is_consistent_with_its_adoption_rule() -> None:
    model = load_model()
    assert model is not None
    trained = model["trained_on"]
    margin, tolerance = trained["margin"], trained["tolerance"]
    assert not any("blind" in folder for folder in trained["folders"]), "the blind sets are never trained on"
    assert all((ROOT / folder).is_dir() for folder in trained["folders"])
    per_topic = model["cross_validation_per_topic"]
    for topic, langs in per_topic.items():
        for lang, cv in langs.items():
            adopted = topic in model["topics"] and model["topics"][topic]["threshold"][lang] is not None
            assert cv["adopted"] == adopted, (topic, lang)
            if adopted:
                assert cv["model_f1_real_dev"] > cv["rules_f1_real_dev"] + margin - 1e-9, (topic, lang)
                assert cv["model_f1_project"] >= cv["rules_f1_project"] - tolerance - 1e-9, (topic, lang)
                assert model["topics"][topic]["threshold"][lang] == cv["threshold"]
    assert set(model["topics"]) <= set(per_topic)
    for lang in ("uk", "en"):
        real = model["cross_validation"]["real_dev"][lang]
        assert real["model_f1"] >= real["rules_f1"]


def _real_dev_texts_present() -> bool:
    folder = ROOT / "evaluation" / "real" / "dev"
    return all((folder / "articles" / f"{p.stem}.txt").exists() for p in (folder / "gold").glob("*.json"))


@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None or not _real_dev_texts_present(),
                    reason="needs scikit-learn (pip install -e '.[train]') and the real dev texts (tools/real_news.py)")
def test_training_reproduces_the_shipped_model(tmp_path: Path) -> None:
    out = tmp_path / "topics.json"
    subprocess.run([sys.executable, str(ROOT / "tools" / "train_topics.py"), "--output", str(out)], check=True,
                   capture_output=True, cwd=ROOT)
    shipped, again = json.loads(MODEL_PATH.read_text(encoding="utf-8")), json.loads(out.read_text(encoding="utf-8"))
    shipped["trained_on"].pop("scikit_learn")
    again["trained_on"].pop("scikit_learn")
    assert again == shipped
