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


# -- the export joins other graphs through the links -----------------------------------------------------------

import pyoxigraph as ox  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

import kg  # noqa: E402
from kg.cli import app  # noqa: E402

SEEDS = ROOT / "seeds"
# A few statements shaped as Wikidata's RDF dump writes them (truthy wdt: claims on wd: items).
WIKIDATA_FIXTURE = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
wd:Q212 rdfs:label "Ukraine"@en ; wdt:P297 "UA" ; wdt:P36 wd:Q1899 ; wdt:P463 wd:Q1065 .
wd:Q17 rdfs:label "Japan"@en ; wdt:P297 "JP" ; wdt:P36 wd:Q1490 ; wdt:P463 wd:Q1065 .
wd:Q3874799 rdfs:label "Volodymyr Zelenskyy"@en ; wdt:P39 wd:Q1167577 .
"""


def _seed_export(tmp_path: Path, fmt: str = "turtle", suffix: str = "ttl") -> Path:
    store, out = tmp_path / "store", tmp_path / f"graph.{suffix}"
    with kg.open(store) as graph:
        graph.ingest([SEEDS])
    result = CliRunner().invoke(app, ["export", "--store", str(store), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_export_joins_a_wikidata_shaped_graph_through_the_links(tmp_path: Path) -> None:
    store = ox.Store()
    store.load(path=str(_seed_export(tmp_path)), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:kg"))
    store.load(WIKIDATA_FIXTURE.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:wikidata"))
    rows = store.query("""
        PREFIX kg: <https://w3id.org/diplokg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX schema: <https://schema.org/>
        PREFIX wdt: <http://www.wikidata.org/prop/direct/>
        SELECT ?code ?capital ?person ?position WHERE {
          GRAPH <urn:kg> { ?person kg:holdsRoleIn ?polity . ?polity skos:exactMatch ?item .
                           OPTIONAL { ?person schema:sameAs ?human } }
          GRAPH <urn:wikidata> { ?item wdt:P297 ?code ; wdt:P36 ?capital }
          OPTIONAL { GRAPH <urn:wikidata> { ?h wdt:P39 ?position } FILTER(?h = ?human) }
        } ORDER BY ?code""")
    found = {(r["code"].value, r["capital"].value.rsplit("/", 1)[1], r["position"].value.rsplit("/", 1)[1]
              if r["position"] else None) for r in rows}
    assert found == {("JP", "Q1490", None), ("UA", "Q1899", "Q1167577")}


def test_export_describes_itself_with_its_triple_count(tmp_path: Path) -> None:
    path = _seed_export(tmp_path)
    triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    [row] = list(store.query("""PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcat: <http://www.w3.org/ns/dcat#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?n ?lang ?start ?licence WHERE { ?d a void:Dataset, dcat:Dataset ; void:triples ?n ;
            dcterms:language ?lang ; dcterms:license ?licence ; dcterms:temporal/dcat:startDate ?start }"""))
    assert int(row["n"].value) == len(set(triples))
    assert row["lang"].value.endswith("/uk") and row["start"].value == "2026-02-20"

