from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS

from kg.ontology.namespace import KG
from kg.ontology.concepts import concepts, ontology_files, ontology_graph
from kg.graph.queries import named_query, named_queries, violation_queries
from kg.graph.validate import validate_store

REQUIRED = {
    "role": ["president", "vice_president", "prime_minister", "deputy_prime_minister", "monarch", "foreign_minister",
             "defence_minister", "minister", "deputy_minister", "ambassador", "head_of_organisation",
             "parliament_speaker", "legislator", "military_commander", "spokesperson", "other_official"],
    "topic": ["defence", "security", "energy", "humanitarian", "economy", "cyber", "technology", "infrastructure",
              "sanctions", "diplomacy", "justice", "health", "education_culture", "agriculture_food", "migration",
              "environment", "nuclear", "space"],
    "relation": ["cooperation", "conflict"],
}


@pytest.mark.parametrize("path", ontology_files(), ids=lambda p: p.name)
def test_every_file_parses(path) -> None:  # type: ignore[no-untyped-def]
    assert len(Graph().parse(path, format="turtle")) > 0


def test_defined_namespace_in_sync_with_ontology() -> None:
    g = ontology_graph()
    declared = {str(s) for s in g.subjects() if str(s).startswith(str(KG._NS))}
    in_python = {str(KG._NS) + name for name in KG.__annotations__}
    assert in_python <= declared, in_python - declared
    defined = {str(s) for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
               for s in g.subjects(RDF.type, t) if str(s).startswith(str(KG._NS))}
    assert defined <= in_python, defined - in_python


def test_every_class_and_property_has_bilingual_label_and_comment() -> None:
    g = ontology_graph()
    for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for term in g.subjects(RDF.type, t):
            for prop in (RDFS.label, RDFS.comment):
                langs = {o.language for o in g.objects(term, prop) if isinstance(o, Literal)}
                assert {"en", "uk"} <= langs, (term, prop)


@pytest.mark.parametrize("scheme", sorted(REQUIRED))
def test_required_codes(scheme: str) -> None:
    found = concepts(scheme)
    for code in REQUIRED[scheme]:
        assert code in found, code
        assert found[code].labels("uk") and found[code].labels("en"), code


def test_every_iso_country_and_organisations() -> None:
    import pycountry

    countries = concepts("country")
    for country in pycountry.countries:
        assert country.alpha_2 in countries
        assert countries[country.alpha_2].labels("uk") and countries[country.alpha_2].labels("en")
    for org in ("EU", "NATO", "UN"):
        assert countries[org].is_organisation


def test_feminine_forms_are_labels() -> None:
    assert "прем’єр-міністерка" in concepts("role")["prime_minister"].labels("uk")
    assert "міністерка закордонних справ" in concepts("role")["foreign_minister"].labels("uk")


def test_shacl_conforms_on_what_we_write(seed_graph) -> None:  # type: ignore[no-untyped-def]
    report = validate_store(seed_graph.store)
    assert report.conforms, report.shacl_text[:2000] + str(report.violations)


def test_shacl_catches_a_broken_claim() -> None:
    from kg.graph.validate import validate_graph

    from rdflib import URIRef

    broken = Graph()
    broken.add((URIRef("https://example.org/claim"), RDF.type, KG.RelationClaim))
    conforms, text = validate_graph(broken)
    assert not conforms and "participant" in text


@pytest.mark.parametrize("name", sorted(n for n in named_queries() if not n.endswith("-violation")))
def test_competency_queries_return_rows(seed_graph, name: str) -> None:  # type: ignore[no-untyped-def]
    assert seed_graph.query(named_query(name)), name


@pytest.mark.parametrize("name", sorted(violation_queries()))
def test_violation_queries_return_nothing(seed_graph, name: str) -> None:  # type: ignore[no-untyped-def]
    assert seed_graph.query(named_query(name)) == []


def test_every_language_file_has_the_same_keys() -> None:
    """Languages are data: a new language provides every key the extractor reads (an empty list where none apply)."""
    import json
    from importlib import resources

    root = resources.files("kg.lang")
    keys = {d.name: set(json.loads(d.joinpath("lexicon.json").read_text(encoding="utf-8")))
            for d in root.iterdir() if d.is_dir() and d.joinpath("lexicon.json").is_file()}
    assert {"uk", "en"} <= set(keys)
    assert all(k == keys["en"] for k in keys.values()), {lang: k ^ keys["en"] for lang, k in keys.items()}
