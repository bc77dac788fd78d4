"""Links to other knowledge graphs: every country and EU/NATO/UN has one Wikidata item (and GeoNames feature where
one exists), well-formed and unique, as ontology/countries.ttl says; a known handful are right."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

ROOT = Path(__file__).resolve().parent.parent
WD = "http://www.wikidata.org/entity/"
GN = re.compile(r"^http://sws\.geonames\.org/([1-9][0-9]*)/$")
QID = re.compile(r"^http://www\.wikidata\.org/entity/(Q[1-9][0-9]*)$")
COUNTRY = "https://w3id.org/diplokg/id/country/"
ORGANISATIONS_WITHOUT_TERRITORY = {"NATO", "UN"}  # GeoNames describes places; an alliance has none


def _links(path: str) -> dict[str, dict[str, list[str]]]:
    graph = Graph().parse(ROOT / path)
    found: dict[str, dict[str, list[str]]] = {}
    for subject, _, code in graph.triples((None, SKOS.notation, None)):
        targets = [str(o) for o in graph.objects(subject, SKOS.exactMatch)]
        found[str(code)] = {"wikidata": [QID.match(t).group(1) for t in targets if t.startswith(WD)],
                            "geonames": [GN.match(t).group(1) for t in targets if GN.match(t)],
                            "other": [t for t in targets if not QID.match(t) and not GN.match(t)]}
    return found


def test_every_country_has_one_unique_well_formed_wikidata_and_geonames_link() -> None:
    links = _links("ontology/countries.ttl")
    codes = set(json.loads((ROOT / "ontology/src/countries.json").read_text(encoding="utf-8")))
    assert set(links) == codes and len(codes) >= 250
    for code, found in links.items():
        assert len(found["wikidata"]) == 1, code
        assert len(found["geonames"]) == (0 if code in ORGANISATIONS_WITHOUT_TERRITORY else 1), code
        assert not found["other"], code
    for kind in ("wikidata", "geonames"):
        counts = Counter(v for found in links.values() for v in found[kind])
        assert [v for v, n in counts.items() if n > 1] == [], kind


def test_known_identifiers() -> None:
    links = _links("ontology/countries.ttl")
    known = {"UA": "Q212", "JP": "Q17", "US": "Q30", "EU": "Q458", "NATO": "Q7184", "UN": "Q1065", "DE": "Q183",
             "GB": "Q145", "FR": "Q142", "PL": "Q36", "CN": "Q148", "RU": "Q159"}
    assert {code: links[code]["wikidata"][0] for code in known} == known
    geonames = {"UA": "690791", "JP": "1861060", "US": "6252001", "DE": "2921044"}
    assert {code: links[code]["geonames"][0] for code in geonames} == geonames


def test_links_come_from_the_recorded_sources() -> None:
    data = json.loads((ROOT / "ontology/src/country_links.json").read_text(encoding="utf-8"))
    sources = data["_sources"]
    assert all(re.match(r"^[\w.-]+/[\w.-]+(@[0-9a-f]{40})?:", v) for v in sources.values()), sources
    links = _links("ontology/countries.ttl")
    for code, entry in data.items():
        if not code.startswith("_"):
            assert links[code]["wikidata"] == [entry["wikidata"]], code
            assert links[code]["geonames"] == ([entry["geonames"]] if entry["geonames"] else []), code


def test_office_holders_link_to_wikidata_where_checked() -> None:
    links = _links("ontology/actors.ttl")
    assert links["ua-zelensky"]["wikidata"] == ["Q3874799"]
    assert links["us-trump"]["wikidata"] == ["Q22686"]
    counts = Counter(v for found in links.values() for v in found["wikidata"])
    people = {tuple(sorted(str(l) for l in Graph().parse(ROOT / "ontology/actors.ttl").objects(
        URIRef("https://w3id.org/diplokg/id/actor/" + code), SKOS.prefLabel))) for code in links
        if links[code]["wikidata"]}
    # One QID per person: several entries (offices) of one person may share it, two people never do.
    assert len(people) == len(counts)
