"""Named queries and result formats: table rows as dicts, CSV, and SPARQL 1.1 Query Results JSON.

>>> sorted(named_queries())[:3]
['articles', 'claim-without-evidence-violation', 'partners']
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.query import Result

from kg.errors import Errors, KGError
from kg.ontology import query_files

__all__ = ["named_queries", "named_query", "rows", "to_json", "to_csv", "violation_queries"]


def named_queries() -> dict[str, str]:
    """Every named query (ontology/queries/*.rq) by name."""
    return {name: path.read_text(encoding="utf-8") for name, path in query_files().items()}


def violation_queries() -> dict[str, str]:
    return {k: v for k, v in named_queries().items() if k.endswith("-violation")}


def named_query(name: str) -> str:
    queries = named_queries()
    if name not in queries:
        raise KGError(Errors.E011, name=name, available=", ".join(sorted(queries)))
    return queries[name]


def _plain(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython() if term.datatype else str(term)
    return str(term)


def rows(result: Result) -> list[dict[str, Any]]:
    """SELECT results as a list of dicts (unbound variables are None)."""
    names = [str(v) for v in result.vars or []]
    return [{n: _plain(row[i]) for i, n in enumerate(names)} for row in result]  # type: ignore[index]


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: Result) -> str:
    """The SPARQL 1.1 Query Results JSON Format (ASK and SELECT)."""
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)})
    names = [str(v) for v in result.vars or []]
    bindings = [{n: _json_term(row[i]) for i, n in enumerate(names) if row[i] is not None} for row in result]  # type: ignore[index]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1)


def to_csv(result: Result) -> str:
    names = [str(v) for v in result.vars or []]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(names)
    for row in result:
        writer.writerow(["" if row[i] is None else str(row[i]) for i in range(len(names))])  # type: ignore[index]
    return buf.getvalue()
