"""Exports through pyoxigraph's serialisers (the fast path on an Oxigraph store): Turtle, TriG, N-Quads,
N-Triples, JSON-LD, RDF/XML. Triple formats get the union of the article graphs; quad formats keep them apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.errors import Errors, KGError
from kg.store import Store

__all__ = ["FORMATS", "export", "export_to_path", "SUFFIX"]

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
SUFFIX = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "ntriples": "nt", "jsonld": "jsonld", "rdfxml": "rdf"}


def export(store: Store, fmt: str, out: IO[bytes], include_ontology: bool = False) -> None:
    if fmt not in FORMATS:
        raise KGError(Errors.E013, fmt=fmt, formats=", ".join(FORMATS))
    store.dump(out, FORMATS[fmt], include_ontology=include_ontology)


def export_to_path(store: Store, fmt: str, path: Path, include_ontology: bool = False) -> Path:
    """Write the export atomically (temporary file, then rename): a failed export leaves no half file."""
    if fmt not in FORMATS:
        raise KGError(Errors.E013, fmt=fmt, formats=", ".join(FORMATS))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as out:
        export(store, fmt, out, include_ontology)
    tmp.replace(path)
    return path
