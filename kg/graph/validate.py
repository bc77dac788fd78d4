"""Validation of the store: SHACL shapes (pyshacl) and the ontology's ``*-violation`` queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph

from kg.ontology.concepts import ontology_graph
from kg.graph.queries import rows, violation_queries
from kg.resources import data_dir
from kg.graph.store import Store

__all__ = ["ValidationReport", "validate_graph", "validate_store"]


@dataclass
class ValidationReport:
    conforms: bool
    shacl_text: str = ""
    violations: dict[str, list[dict[str, object]]] = field(default_factory=dict)


def _shapes() -> Graph:
    return Graph().parse(data_dir("ontology") / "shapes.ttl", format="turtle")


def validate_graph(data: Graph) -> tuple[bool, str]:
    """SHACL-validate ``data`` with the ontology as background knowledge (classes of polities, roles, topics)."""
    from pyshacl import validate

    merged = Graph()
    for triple in ontology_graph():
        merged.add(triple)
    for triple in data:
        merged.add(triple)
    conforms, _, text = validate(merged, shacl_graph=_shapes(), inference="none", allow_warnings=True)
    return bool(conforms), str(text)


def validate_store(store: Store) -> ValidationReport:
    data = Graph()
    for name in store.data_graphs():
        for s, p, o in store.dataset.graph(name):
            data.add((s, p, o))
    conforms, text = validate_graph(data)
    report = ValidationReport(conforms, text)
    for name, sparql in violation_queries().items():
        found = rows(store.query(sparql))
        if found:
            report.violations[name] = found
            report.conforms = False
    return report
