"""Exports through pyoxigraph's serialisers (the fast path on an Oxigraph store): Turtle, TriG, N-Quads,
N-Triples, JSON-LD, RDF/XML. Triple formats get the union of the article graphs; quad formats keep them apart.
Every export ends with what it derives from its data (``kg.graph.describe``): a VoID/DCAT description of itself,
links to Wikidata and GeoNames, the first and last report of each office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import URIRef

from kg.errors import Errors, KGError
from kg.graph.store import Store

__all__ = ["FORMATS", "export", "export_to_path", "SUFFIX", "Part", "part_quads", "write_quads"]

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
SUFFIX = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "ntriples": "nt", "jsonld": "jsonld", "rdfxml": "rdf"}


def export(store: Store, fmt: str, out: IO[bytes], include_ontology: bool = False, part: "Part | None" = None,
           describe: bool = True) -> None:
    from kg.graph.describe import derived_quads

    if fmt not in FORMATS:
        raise KGError(Errors.E013, fmt=fmt, formats=", ".join(FORMATS))
    if part is not None and not part.everything:
        quads = part_quads(store, part)
        if describe and quads:  # an empty part stays empty: nothing to describe
            alone = ox.Store()  # the part's own store: its description is that of the part, not of the whole
            alone.extend(quads)
            quads = quads + derived_quads(alone)
        write_quads(quads, FORMATS[fmt], out)
        return
    # The data is every graph but the ontology's (store.data_graphs()); an exported copy of the ontology is not
    # counted in void:triples.
    raw = store.raw()
    source = raw if isinstance(raw, ox.Store) else store.local_copy()  # a remote endpoint: describe a local copy
    # the description last, with the number of distinct triples the dump counted as it wrote them (if it could)
    extra = (lambda written: derived_quads(source, triples=written)) if describe else []
    store.dump(out, FORMATS[fmt], include_ontology=include_ontology, extra=extra)


def export_to_path(store: Store, fmt: str, path: Path, include_ontology: bool = False, part: "Part | None" = None) -> Path:
    """Write the export atomically (temporary file, then rename): a failed export leaves no half file."""
    if fmt not in FORMATS:
        raise KGError(Errors.E013, fmt=fmt, formats=", ".join(FORMATS))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as out:
        export(store, fmt, out, include_ontology, part)
    tmp.replace(path)
    return path


# -- a part of the graph: some articles (by id or date) and/or the claims of one topic ------------------------

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_Q = """PREFIX kg: <https://w3id.org/diplokg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@dataclass(frozen=True)
class Part:
    """Which part to export: articles (content hash, article IRI or graph IRI), articles dated on or after
    ``since``, the claims of ``topic`` (a topic code). Given together, they all hold.

    - By article or date: those articles' named graphs whole, and from the facts graph what they support: their
      claims, the claims' persons and posts, the shortcuts (``kg:holdsRoleIn``, ``org:holds``,
      ``kg:cooperatesWith`` / ``kg:inConflictWith``) and the extractor. Exporting article A of a store is the
      export of a store where only A was ingested.
    - By topic: the relation claims with that topic, their shortcuts, and their evidence (the
      ``kg:supportedBy`` links, the evidence nodes, their articles' descriptions and extraction runs, in the
      articles' graphs), and the extractor.
    """

    articles: tuple[str, ...] = ()
    since: str | None = None
    topic: str | None = None

    @property
    def everything(self) -> bool:
        return not (self.articles or self.since or self.topic)


def _iri(term: object) -> str:
    text = str(term)
    if set('<>"{}|^`\\ \n\r\t') & set(text):
        raise KGError(Errors.E019, query=text)
    return f"<{text}>"


def _graphs(store: Store, part: Part) -> list[URIRef]:
    from kg.ontology.namespace import ARTICLE, GRAPH

    graphs = set(store.article_graphs())
    if part.articles:
        chosen = set()
        for given in part.articles:
            name = given
            for space in (str(ARTICLE), str(GRAPH)):
                if given.startswith(space):
                    name = given[len(space):]
            graph = GRAPH[name]
            if graph not in graphs:
                raise KGError(Errors.E019, query=given)
            chosen.add(graph)
        graphs &= chosen
    if part.since:
        if not _DATE.match(part.since):
            raise KGError(Errors.E017, path="--since", reason=f"not a date (YYYY-MM-DD): {part.since!r}")
        dated = store.query(_Q + "SELECT DISTINCT ?g ?d WHERE { GRAPH ?g { ?a a kg:Article ; dcterms:date ?d } }")
        graphs &= {row[0] for row in dated if str(row[1]) >= part.since}  # type: ignore[index]
    return sorted(graphs)


def _rows(store: Store, sparql: str, bindings: dict[str, object] | None = None) -> list[tuple]:
    return [tuple(row) for row in store.query(_Q + sparql, bindings)]  # type: ignore[arg-type]


def part_quads(store: Store, part: Part) -> list[ox.Quad]:
    """The quads of ``part`` (see :class:`Part`), as rdflib terms turned into pyoxigraph quads."""
    from rdflib.namespace import ORG, PROV

    from kg.ontology.namespace import FACTS_GRAPH, KG, REL, TOPIC
    from kg.ontology.concepts import concepts

    graphs = _graphs(store, part)
    found: set[tuple] = set()  # (s, p, o, g) as rdflib terms
    if not graphs:
        return []
    values = "VALUES ?g { " + " ".join(_iri(g) for g in graphs) + " }"
    topic = ""
    bindings: dict[str, object] | None = None
    if part.topic:
        if part.topic not in concepts("topic"):
            raise KGError(Errors.E019, query=part.topic)
        topic = "GRAPH <%s> { ?claim kg:topic ?topic }" % FACTS_GRAPH
        bindings = {"topic": TOPIC[part.topic]}
        # the evidence of the topic's claims, with the articles' descriptions and the extraction runs
        for g, s, p, o in _rows(store, f"""SELECT ?g ?s ?p ?o WHERE {{ {values} {topic}
                GRAPH ?g {{ ?claim kg:supportedBy ?ev }}
                {{ GRAPH ?g {{ ?ev ?p ?o }} BIND(?ev AS ?s) }}
                UNION {{ GRAPH ?g {{ ?ev kg:inArticle ?s . ?s ?p ?o }} }}
                UNION {{ GRAPH ?g {{ ?ev prov:wasGeneratedBy ?s . ?s ?p ?o }} }} }}""", bindings):
            found.add((s, p, o, g))
        for g, s, o in _rows(store, f"SELECT ?g ?claim ?ev WHERE {{ {values} {topic} GRAPH ?g {{ ?claim kg:supportedBy ?ev }} }}",
                             bindings):
            found.add((s, KG.supportedBy, o, g))
    else:
        for g, s, p, o in _rows(store, f"SELECT ?g ?s ?p ?o WHERE {{ {values} GRAPH ?g {{ ?s ?p ?o }} }}"):
            found.add((s, p, o, g))
    claims = f"{values} GRAPH ?g {{ ?claim kg:supportedBy ?ev }} {topic}"
    facts = f"<{FACTS_GRAPH}>"
    for s, p, o in _rows(store, f"SELECT DISTINCT ?claim ?p ?o WHERE {{ {claims} GRAPH {facts} {{ ?claim ?p ?o }} }}", bindings):
        found.add((s, p, o, FACTS_GRAPH))
    for s, p, o in _rows(store, f"""SELECT DISTINCT ?s ?p ?o WHERE {{ {claims}
            {{ GRAPH {facts} {{ ?claim kg:post ?s . ?s ?p ?o }} }}
            UNION {{ GRAPH {facts} {{ ?claim org:member ?s . ?s ?p ?o }} FILTER(?p != kg:holdsRoleIn && ?p != org:holds) }} }}""",
                         bindings):
        found.add((s, p, o, FACTS_GRAPH))
    for person, polity, post in _rows(store, f"""SELECT DISTINCT ?person ?polity ?post WHERE {{ {claims}
            GRAPH {facts} {{ ?claim org:member ?person ; org:organization ?polity ; kg:post ?post }} }}""", bindings):
        found.add((person, KG.holdsRoleIn, polity, FACTS_GRAPH))
        found.add((person, ORG.holds, post, FACTS_GRAPH))
    for a, b, kind in _rows(store, f"""SELECT DISTINCT ?a ?b ?type WHERE {{ {claims}
            GRAPH {facts} {{ ?claim kg:relationType ?type ; kg:participant ?a, ?b
                             FILTER(?a != ?b || NOT EXISTS {{ ?claim kg:participant ?x FILTER(?x != ?a) }}) }} }}""", bindings):
        found.add((a, KG.cooperatesWith if kind == REL["cooperation"] else KG.inConflictWith, b, FACTS_GRAPH))
    extractors = {o for s, p, o, g in found if p == PROV.wasAssociatedWith}
    if extractors:
        extractor_values = "VALUES ?x { " + " ".join(_iri(x) for x in extractors) + " }"
        for s, p, o in _rows(store, f"SELECT ?x ?p ?o WHERE {{ {extractor_values} GRAPH {facts} {{ ?x ?p ?o }} }}"):
            found.add((s, p, o, FACTS_GRAPH))
    from kg.graph.terms import to_oxigraph as _ox

    return [ox.Quad(_ox(s), _ox(p), _ox(o), ox.NamedNode(str(g))) for s, p, o, g in sorted(found, key=lambda q: tuple(x.n3() for x in q))]


def write_quads(quads: list[ox.Quad], fmt: ox.RdfFormat, out: IO[bytes]) -> None:
    """Quads for TriG/N-Quads; their union (each triple once) for the triple formats."""
    from kg.ontology.namespace import PREFIXES

    if fmt.supports_datasets:
        ox.serialize(quads, out, fmt, prefixes=dict(PREFIXES))
    else:
        ox.serialize(list(dict.fromkeys(q.triple for q in quads)), out, fmt, prefixes=dict(PREFIXES))
