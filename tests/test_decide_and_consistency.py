"""The learned pair decider, wars named by one side, and the consistency pass over an article's offices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract import extract_relations, extract_roles, relations_of
from kg.extract.consistency import consistent_roles
from kg.extract.decide import MODEL_PATH, decide_relations, load_model, pair_features, probability
from kg.extract.records import Evidence, RoleAssertion
from kg.extract.wars import implied_wars
from kg.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]


def test_the_shipped_model_describes_itself_and_matches_the_features() -> None:
    model = load_model()
    assert model is not None, f"{MODEL_PATH} is shipped with the package"
    doc = load_pipeline("en")("Japan and Ukraine signed a defence agreement. Russia attacked Ukraine again.")
    features = pair_features(doc, list(extract_relations(doc)))
    assert features and all(set(model["features"]) <= set(f) for f in features.values())
    assert len(model["features"]) == len(model["mean"]) == len(model["scale"]) == len(model["weights"])
    assert set(model["threshold"]) == {"uk", "en"} and all(0.0 <= t < 1.0 for t in model["threshold"].values())
    trained = model["trained_on"]
    assert trained["folders"][0] == "evaluation/real/dev/gold" and trained["articles"] >= 100
    assert set(model["cross_validation"]) == {"all", "uk", "en"}


def test_a_pair_named_in_many_sentences_is_more_likely_than_a_passing_one() -> None:
    text = ("Japan and Ukraine signed a defence agreement in Tokyo. Japan will send aid to Ukraine. "
            "Japan and Ukraine also agreed on energy cooperation. Separately, the report said Brazil met Chile once.")
    doc = load_pipeline("en")(text)
    model = load_model()
    assert model is not None
    scores = {key[:2]: probability(model, f) for key, f in pair_features(doc, list(extract_relations(doc))).items()}
    assert scores[("JP", "UA")] > scores[("BR", "CL")]


def test_decided_relations_carry_the_probability_as_confidence() -> None:
    doc = load_pipeline("en")("Japanese Prime Minister Sanae Takaichi met Ukrainian President Volodymyr Zelensky in Tokyo.")
    proposed = list(extract_relations(doc))
    decided = decide_relations(doc, proposed)
    assert [(r.a, r.b) for r in decided] == [("JP", "UA")]
    assert all(0.0 < r.evidence.confidence < 1.0 for r in decided)
    assert decide_relations(doc, proposed, model=None) == proposed  # no model: the rules decide


@pytest.mark.parametrize("lang, text", [
    ("en", "Russia says it is ready to talk. Ukraine heads into another winter of Russian attacks."),
    ("en", "Russia sent envoys to Geneva. Kyiv thanked partners for help against Russian aggression."),
    ("uk", "Росія заявила про переговори. Європа допомагає Україні протистояти війні проти України."),
])
def test_a_war_named_by_one_side_relates_both_sides(lang: str, text: str) -> None:
    doc = load_pipeline(lang)(text)
    assert ("RU", "UA", "conflict") in {(r.a, r.b, r.type) for r in relations_of(doc)}


def test_no_war_without_the_other_side_or_with_a_negation() -> None:
    doc = load_pipeline("en")("Ukraine heads into another winter of war.")  # Russia is never named
    assert not list(implied_wars(doc, []))
    doc = load_pipeline("en")("Russia is mentioned here. Ukraine is not at war with Moldova.")
    assert not list(implied_wars(doc, []))


def test_specific_offices_beat_generic_ones_and_titles_beat_nearby_polities() -> None:
    title, near = Evidence("s", 0, 1, (), 0.9), Evidence("s", 0, 1, (), 0.7)
    roles = [RoleAssertion("Giorgia Meloni", "prime_minister", "IT", title),
             RoleAssertion("Giorgia Meloni", "minister", "IT", title),
             RoleAssertion("Rustem Umerov", "other_official", "UA", title),
             RoleAssertion("Rustem Umerov", "defence_minister", "UA", title),
             RoleAssertion("Oleksii Reznikov", "defence_minister", "UA", title),
             RoleAssertion("Oleksii Reznikov", "defence_minister", "US", near),
             RoleAssertion("Pranay Verma", "ambassador", "IN", near)]
    kept = {(r.name, r.role, r.country) for r in consistent_roles(roles)}
    assert kept == {("Giorgia Meloni", "prime_minister", "IT"), ("Rustem Umerov", "defence_minister", "UA"),
                    ("Oleksii Reznikov", "defence_minister", "UA"), ("Pranay Verma", "ambassador", "IN")}


def test_a_deputy_prime_minister_keeps_the_portfolio_they_hold() -> None:
    for lang, text in (("en", "Deputy Prime Minister – Economy Minister of Ukraine Olha Marchenko arrived in Lisbon."),
                       ("uk", "Віцепрем’єр-міністр – міністр економіки України Ольга Марченко прибула до Лісабона.")):
        kept = {(r.role, r.country) for r in consistent_roles(extract_roles(load_pipeline(lang)(text)))}
        assert kept == {("deputy_prime_minister", "UA"), ("minister", "UA")}, lang


def test_a_state_office_takes_no_organisation_the_same_person_holds_elsewhere() -> None:
    from kg.extract.persons import _fitting

    assert _fitting("prime_minister", "EU") is None and _fitting("prime_minister", "PT") == "PT"
    assert _fitting("foreign_minister", "EU") == "EU"  # the High Representative


def test_model_file_is_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "extract/models/*.json" in pyproject and "extract/data/*.json" in pyproject
    json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def test_a_name_the_gazetteer_lacks_does_not_split_a_list_of_polities() -> None:
    doc = load_pipeline("en")("Belgium, Hungary, Ireland, Latvia, Atlantis, Norway and Estonia each ordered the "
                              "expulsion of Russian diplomats.")
    pairs = {(r.a, r.b, r.type) for r in extract_relations(doc)}
    assert not {p for p in pairs if "RU" not in p[:2]}  # no member of the list against another


def test_ukrainian_press_writes_russia_in_lower_case_and_is_read() -> None:
    doc = load_pipeline("uk")("Вночі росія завдала ракетного удару по портовій інфраструктурі України.")
    assert ("RU", "UA", "conflict") in {(r.a, r.b, r.type) for r in relations_of(doc)}
    doc = load_pipeline("uk")("Того ж дня делегації зустрілися.")  # other lower-case words stay no polity
    assert not list(doc.spans["kg_polity"])
