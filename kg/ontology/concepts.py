"""The shipped ontology: its files, and the SKOS concepts whose labels are the extractor's lexicons.

>>> roles = concepts("role")
>>> "прем’єр-міністерка" in roles["prime_minister"].labels("uk")
True
>>> concepts("country")["JP"].labels("en")[0]
'Japan'
>>> concepts("country")["JP"].coordinates  # of its capital, from ontology/src/countries.json
(35.683, 139.683)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.ontology.namespace import KG
from kg.resources import data_dir

__all__ = ["Concept", "ontology_files", "ontology_graph", "concepts", "query_files", "SCHEMES"]

SCHEMES: dict[str, URIRef] = {
    "role": KG.RoleScheme,
    "topic": KG.TopicScheme,
    "relation": KG.RelationTypeScheme,
    "status": KG.StatusScheme,
    "country": KG.CountryScheme,
    "actor": KG.ActorScheme,
}


@dataclass(frozen=True)
class Concept:
    """A SKOS concept with its code, IRI and labels by kind ('pref', 'alt', 'cue', 'weak', 'demonym', ...)."""

    code: str
    iri: URIRef
    scheme: str
    label_sets: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict, compare=False)
    broader: str | None = None
    is_organisation: bool = False
    implies: tuple[str, ...] = ()  # topic codes a kind of event always carries
    listed: tuple[str, str] | None = None  # actors: (role code, polity code) the gazetteer lists
    coordinates: tuple[float, float] | None = None  # polities: (latitude, longitude) of the capital or seat

    def labels(self, lang: str, kinds: tuple[str, ...] = ("pref", "alt")) -> list[str]:
        """Labels in ``lang`` of the given kinds, preferred first."""
        by_kind = self.label_sets.get(lang, {})
        return [label for kind in kinds for label in by_kind.get(kind, ())]

    def pref(self, lang: str) -> str:
        found = self.labels(lang, ("pref",)) or self.labels("en", ("pref",))
        return found[0] if found else self.code


def _package_dir() -> Path:
    return data_dir("ontology")


def ontology_files() -> list[Path]:
    """Every Turtle file of the ontology (kg.ttl, the concept schemes, shapes)."""
    return sorted(_package_dir().glob("*.ttl"))


def query_files() -> dict[str, Path]:
    """Named SPARQL queries (ontology/queries/*.rq) by name."""
    return {p.stem: p for p in sorted((_package_dir() / "queries").glob("*.rq"))}


@functools.cache
def ontology_graph() -> Graph:
    """The whole ontology as one graph (parsed once per process)."""
    graph = Graph()
    for path in ontology_files():
        graph.parse(path, format="turtle")
    return graph


def _listed(graph: Graph, iri: URIRef) -> tuple[str, str] | None:
    role, polity = graph.value(iri, KG.listedRole), graph.value(iri, KG.listedPolity)
    if role is None or polity is None:
        return None
    return str(role).rsplit("/", 1)[-1], str(polity).rsplit("/", 1)[-1]


_GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"


def _coordinates(graph: Graph, iri: URIRef) -> tuple[float, float] | None:
    lat, lon = graph.value(iri, URIRef(_GEO + "lat")), graph.value(iri, URIRef(_GEO + "long"))
    if lat is None or lon is None:
        return None
    return float(lat), float(lon)


_KINDS = {
    SKOS.prefLabel: "pref", SKOS.altLabel: "alt", KG.cue: "cue", KG.weakCue: "weak",
    KG.demonym: "demonym", KG.capital: "capital", KG.seat: "seat", KG.place: "place",
}


@functools.cache
def concepts(scheme: str) -> dict[str, Concept]:
    """Concepts of one scheme ('role', 'topic', 'relation', 'status', 'country') by notation code."""
    graph = ontology_graph()
    found: dict[str, Concept] = {}
    for iri in sorted(graph.subjects(SKOS.inScheme, SCHEMES[scheme])):
        assert isinstance(iri, URIRef)
        code = str(graph.value(iri, SKOS.notation))
        sets: dict[str, dict[str, list[str]]] = {}
        for prop, kind in _KINDS.items():
            for lit in sorted(graph.objects(iri, prop), key=str):
                if isinstance(lit, Literal) and lit.language:
                    sets.setdefault(lit.language, {}).setdefault(kind, []).append(str(lit))
        # Keep the preferred label first and the file's order stable.
        frozen = {lang: {k: tuple(v) for k, v in kinds.items()} for lang, kinds in sets.items()}
        broader = graph.value(iri, SKOS.broader)
        found[code] = Concept(
            code=code, iri=iri, scheme=scheme, label_sets=frozen,
            broader=str(graph.value(broader, SKOS.notation)) if broader is not None else None,
            is_organisation=(iri, RDF.type, KG.InternationalOrganisation) in graph,
            implies=tuple(sorted(str(graph.value(t, SKOS.notation)) for t in graph.objects(iri, KG.impliesTopic))),
            listed=_listed(graph, iri),
            coordinates=_coordinates(graph, iri),
        )
    return found
