"""What the local and the remote store share: the fixed graphs, RDF terms as pyoxigraph's, quads read from a
file, bindings written as a VALUES clause, and the update that prunes claims no article supports.

Both ``kg.graph.store`` and ``kg.graph.remote`` import this module; it imports neither.
"""

from __future__ import annotations

import os
from typing import IO, Any, Iterator

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from kg.errors import Errors, KGError
from kg.ontology.namespace import FACTS_GRAPH, GRAPH, KG

__all__ = ["ONTOLOGY_GRAPH", "IMPORT_GRAPH", "PRUNE", "values_clause", "quads_of", "to_oxigraph", "parse_quads"]

ONTOLOGY_GRAPH = GRAPH["ontology"]
IMPORT_GRAPH = GRAPH["imported"]  # where `kg import` puts the triples of a triple format (Turtle, N-Triples, ...)


def parse_quads(source: "str | os.PathLike[str] | IO[bytes]", fmt: ox.RdfFormat, graph: URIRef) -> Iterator[ox.Quad]:
    """The quads of an RDF file: a dataset's keep their graphs, triples (and default-graph quads) go to ``graph``."""
    target = ox.NamedNode(str(graph))
    is_path = isinstance(source, (str, os.PathLike))
    for item in ox.parse(None if is_path else source, format=fmt, path=source if is_path else None,  # type: ignore[arg-type]
                         rename_blank_nodes=True):
        if isinstance(item, ox.Triple):
            yield ox.Quad(item.subject, item.predicate, item.object, target)
        elif isinstance(item.graph_name, ox.DefaultGraph):
            yield ox.Quad(item.subject, item.predicate, item.object, target)
        else:
            yield item


# Claims no article supports any more. Full IRIs, no PREFIX: the remote store sends it after a ";" in one
# request, where Oxigraph takes no prologue.
PRUNE = f"""DELETE {{ GRAPH <{FACTS_GRAPH}> {{ ?claim ?p ?o }} }}
WHERE {{
  GRAPH <{FACTS_GRAPH}> {{ ?claim a ?type . ?claim ?p ?o . VALUES ?type {{ <{KG.RoleClaim}> <{KG.RelationClaim}> }} }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?claim <{KG.supportedBy}> ?ev }} }}
}}"""


_BAD_IRI = set('<>"{}|^`\\ \n\r\t')


def values_clause(bindings: dict[str, Any]) -> str:
    """A trailing VALUES clause for the bindings, each value written as an escaped RDF term.

    Oxigraph only substitutes variables that are projected, so bindings travel as VALUES; terms are serialised
    by rdflib (quotes and backslashes escaped), IRIs checked, so no value can change the query's structure.
    """
    names, terms = [], []
    for name, value in bindings.items():
        if not name.isidentifier():
            raise KGError(Errors.E012, reason=f"bad variable name {name!r}")
        term = value if isinstance(value, (URIRef, Literal)) else Literal(value)
        if isinstance(term, URIRef) and _BAD_IRI & set(str(term)):
            raise KGError(Errors.E012, reason=f"bad IRI {str(term)!r}")
        names.append(f"?{name}")
        terms.append(term.n3())
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def quads_of(graph: Graph, name: URIRef) -> list[ox.Quad]:
    g = ox.NamedNode(str(name))
    return [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), g) for s, p, o in graph]  # type: ignore[arg-type]


def to_oxigraph(term: Any) -> Any:
    from rdflib import BNode

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")
