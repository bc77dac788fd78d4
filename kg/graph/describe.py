"""What an export or the endpoint says about itself and what other graphs it joins: derived triples.

Three kinds, all computed from the data being exported (never stored, so they cannot go stale):

- a VoID / DCAT description of the dataset (``DATASET``): its triple count (this description included), typed
  entities, articles, persons and claims, the articles' languages, first and last article date, the extractor
  versions, the licence of the data, and the SPARQL endpoint when served;
- links: each polity in the data ``skos:exactMatch`` its Wikidata item and GeoNames feature (from
  ``ontology/countries.ttl``), each person matched to a gazetteer entry with a Wikidata item ``schema:sameAs`` it;
- offices in time: each ``kg:RoleClaim`` with ``kg:firstReported`` / ``kg:lastReported``, the first and last date
  of the articles that report it.

In a quad format they sit in their own graph, ``DERIVED_GRAPH``; ``kg import`` drops them (:func:`is_derived`), so
an export read back and exported again is the same export.

>>> empty = derived_quads(ox.Store())  # a description of nothing: 22 triples, the count among them
>>> [q.object.value for q in empty if q.predicate.value == VOID + "triples"]
['22']
"""

from __future__ import annotations

import functools

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from kg._version import __version__
from kg.ontology.concepts import ontology_graph
from kg.ontology.namespace import BASE, COUNTRY, GRAPH, KG, PERSON

__all__ = ["DATASET", "DERIVED_GRAPH", "DATA_LICENSE", "derived_quads", "is_derived", "polity_links",
           "person_links"]

DATASET = ox.NamedNode(BASE + "id/dataset")
DERIVED_GRAPH = GRAPH["derived"]
#: The licence stated for the extracted data (facts with short quotations as evidence).
DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA_SAME_AS = ox.NamedNode("https://schema.org/sameAs")
EXACT_MATCH = ox.NamedNode(str(SKOS.exactMatch))
FIRST, LAST = ox.NamedNode(str(KG.firstReported)), ox.NamedNode(str(KG.lastReported))
_DERIVED_PREDICATES = {FIRST.value, LAST.value, SCHEMA_SAME_AS.value}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(XSD + "integer"))


@functools.lru_cache(maxsize=1)
def _ontology() -> Graph:
    return ontology_graph()


@functools.lru_cache(maxsize=1)
def polity_links() -> dict[str, tuple[str, ...]]:
    """Polity IRI -> the IRIs it ``skos:exactMatch``es (Wikidata item, GeoNames feature), from the ontology."""
    found: dict[str, list[str]] = {}
    for s, _, o in _ontology().triples((None, SKOS.exactMatch, None)):
        if str(s).startswith(str(COUNTRY)):
            found.setdefault(str(s), []).append(str(o))
    return {k: tuple(sorted(v)) for k, v in found.items()}


@functools.lru_cache(maxsize=1)
def person_links() -> dict[str, str]:
    """Person IRI (as the extractor mints it for a gazetteer name) -> the gazetteer entry's Wikidata item."""
    from kg.graph.rdf import person_iri  # the IRI rule of the written graph

    g = _ontology()
    found: dict[str, str] = {}
    for actor, _, target in g.triples((None, SKOS.exactMatch, None)):
        if not str(actor).startswith(BASE + "id/actor/"):
            continue
        polity = next(g.objects(actor, KG.listedPolity), None)
        if polity is None:
            continue
        code = str(polity).rsplit("/", 1)[-1]
        for label in set(g.objects(actor, SKOS.prefLabel)) | set(g.objects(actor, SKOS.altLabel)):
            found[str(person_iri(str(label), code))] = str(target)
    return found


def is_derived(quad: ox.Quad) -> bool:
    """Whether a quad read from an export is derived (recomputed on export, so dropped on import)."""
    if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value == str(DERIVED_GRAPH):
        return True
    subject = quad.subject
    if isinstance(subject, ox.NamedNode) and subject.value.startswith(DATASET.value):
        return True
    if quad.predicate.value in _DERIVED_PREDICATES:
        return True
    return (quad.predicate == EXACT_MATCH and isinstance(subject, ox.NamedNode)
            and subject.value.startswith(str(COUNTRY)))


def _select(store: ox.Store, sparql: str) -> list[tuple]:
    prefixes = {"kg": str(KG._NS), "org": "http://www.w3.org/ns/org#", "dcterms": DCT,
                "prov": "http://www.w3.org/ns/prov#"}
    # Over the union of the graphs (60x faster in Oxigraph than a list of default graphs); the patterns match
    # data only, or say GRAPH ?g where the ontology's graph could answer too.
    return [tuple(row) for row in store.query(sparql, prefixes=prefixes, use_default_graph_as_union=True)]  # type: ignore[union-attr]


def _in_data(store: ox.Store, node: ox.NamedNode, ontology: ox.NamedNode) -> bool:
    for pattern in ((node, None, None), (None, None, node)):
        if any(q.graph_name != ontology for q in store.quads_for_pattern(*pattern, None)):
            return True
    return False


def derived_quads(store: ox.Store, *, endpoint: str | None = None, license: str = DATA_LICENSE,
                  triples: int | None = None) -> list[ox.Quad]:
    """The derived quads (description, links, offices in time) of the data in ``store``: every graph but the
    ontology's (an export of a part passes a store holding only the part). ``triples``: the number of distinct
    data triples when the caller already counted them (an export writing them), else counted here."""
    from kg.graph.terms import ONTOLOGY_GRAPH

    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    not_ontology = f"FILTER(?g != {ontology})"
    target = ox.NamedNode(str(DERIVED_GRAPH))
    out: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: str | ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(s, p if isinstance(p, ox.NamedNode) else _n(p), o, target))

    # Offices in time.
    for claim, first, last in _select(store, """SELECT ?claim (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {
            ?claim a kg:RoleClaim ; kg:supportedBy ?ev . ?ev kg:inArticle ?a . ?a dcterms:date ?d } GROUP BY ?claim"""):
        add(claim, FIRST, first)
        add(claim, LAST, last)
    # Links of the polities and persons the data names (a look-up per known IRI: cheaper than a scan).
    for iri, targets in sorted(polity_links().items()):
        if _in_data(store, _n(iri), ontology):
            for target_iri in targets:
                add(_n(iri), EXACT_MATCH, _n(target_iri))
    for iri, item in sorted(person_links().items()):
        if _in_data(store, _n(iri), ontology):
            add(_n(iri), SCHEMA_SAME_AS, _n(item))
    # The dataset description.
    d = DATASET
    add(d, RDF_TYPE, _n(VOID + "Dataset"))
    add(d, RDF_TYPE, _n(DCAT + "Dataset"))
    add(d, DCT + "title", ox.Literal("kg: diplomatic relations from news", language="en"))
    add(d, DCT + "description", ox.Literal(
        "Offices held by persons for countries and relations between countries, extracted from news articles, "
        "with the provenance of every claim.", language="en"))
    add(d, DCT + "license", _n(license))
    add(d, VOID + "vocabulary", _n(str(KG._NS)))
    add(d, VOID + "uriSpace", ox.Literal(BASE + "id/"))
    add(d, _n("http://www.w3.org/2002/07/owl#versionInfo"), ox.Literal(__version__))
    if endpoint:
        add(d, VOID + "sparqlEndpoint", _n(endpoint))
    for (extractor,) in _select(store, "SELECT DISTINCT ?e WHERE { ?e a kg:Extractor } ORDER BY ?e"):
        add(d, DCT + "creator", extractor)
    for (lang,) in _select(store, "SELECT DISTINCT ?l WHERE { ?a a kg:Article ; dcterms:language ?l } ORDER BY ?l"):
        add(d, DCT + "language", _n(f"http://id.loc.gov/vocabulary/iso639-1/{lang.value}"))
    for first, last in _select(store, """SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {
            ?a a kg:Article ; dcterms:date ?d }"""):
        if first is not None:
            period = _n(DATASET.value + "/period")
            add(d, DCT + "temporal", period)
            add(period, RDF_TYPE, _n(DCT + "PeriodOfTime"))
            add(period, DCAT + "startDate", first)
            add(period, DCAT + "endDate", last)
    for cls in ("Article", "Person", "RoleClaim", "RelationClaim"):
        rows = _select(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a kg:{cls} }}")
        part = _n(f"{DATASET.value}/class/{cls}")
        add(d, VOID + "classPartition", part)
        add(part, VOID + "class", _n(str(KG._NS) + cls))
        add(part, VOID + "entities", _int(int(rows[0][0].value)))
    entities = _select(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a ?c }} {not_ontology} "
                              "FILTER(isIRI(?x)) }")
    add(d, VOID + "entities", _int(int(entities[0][0].value)))
    # The triple count last: the distinct triples of the data plus this description's own (the count included).
    if triples is None:
        data = _select(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o {{ GRAPH ?g {{ ?s ?p ?o }} "
                              f"{not_ontology} }} }}")
        triples = int(data[0][0].value)
    derived = {q.triple for q in out}
    add(d, VOID + "triples", _int(triples + len(derived) + 1))
    return out


_RESOURCE = """
CONSTRUCT { ?s ?p ?o } WHERE {
  { BIND(?iri AS ?s) ?s ?p ?o }
  UNION { ?s org:member|kg:participant|org:organization ?iri ; a ?kind . FILTER(?kind IN (kg:RoleClaim, kg:RelationClaim)) ?s ?p ?o }
  UNION { ?c org:member|kg:participant|org:organization ?iri ; kg:supportedBy ?s . ?s ?p ?o
          FILTER(?p IN (kg:inArticle, kg:sentence)) }
}"""


def resource_triples(store: ox.Store, iri: str) -> list[ox.Triple]:
    """What the graph says about ``iri`` (union of all graphs, the ontology's labels and links included): its own
    statements, the claims it takes part in with their evidence sentences, the derived links and office dates.
    Empty when the graph does not know the IRI."""
    node = ox.NamedNode(iri)
    prefixes = {"kg": str(KG._NS), "org": "http://www.w3.org/ns/org#"}
    found = list(store.query(_RESOURCE.replace("?iri", str(node)), prefixes=prefixes,  # an IRI term, not text
                             use_default_graph_as_union=True))
    if not found:
        return []
    out = dict.fromkeys(found)  # type: ignore[arg-type]
    if iri in person_links():
        out[ox.Triple(node, SCHEMA_SAME_AS, _n(person_links()[iri]))] = None
    claims = {t.subject for t in found if t.predicate.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
              and t.object.value == str(KG.RoleClaim)}
    for claim in claims:
        for first, last in store.query(
                f"SELECT (MIN(?d) AS ?f) (MAX(?d) AS ?l) WHERE {{ {claim} kg:supportedBy/kg:inArticle/dcterms:date ?d }}",
                prefixes={"kg": str(KG._NS), "dcterms": DCT}, use_default_graph_as_union=True):
            if first is not None:
                out[ox.Triple(claim, FIRST, first)] = None
                out[ox.Triple(claim, LAST, last)] = None
    return list(out)
