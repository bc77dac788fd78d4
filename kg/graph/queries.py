"""Named queries, their parameters, and result formats: table rows as dicts, CSV, SPARQL 1.1 Query Results JSON.

>>> sorted(named_queries())[:3]
['articles', 'claim-without-evidence-violation', 'office-holders-at']
>>> sorted(query_params("roles"))
['country', 'person', 'role']
>>> print(named_query("roles", {"country": "jp"}, limit=5).split("WHERE {", 1)[1].splitlines()[1])
  VALUES ?country { "JP" }

A named query declares its parameters in ``#+ param`` lines (see ``ontology/queries/roles.rq``): a name, the kind
of value (a concept scheme, whose codes are checked and spelled as the ontology spells them, ``iri`` or ``text``),
and, when the query's own patterns do not bind the variable in every row, the patterns that do. Values are bound
through a ``VALUES`` block at the start of the query's ``WHERE`` group, serialised as escaped RDF terms, never
pasted into the query's text; the same text runs on the local store, a remote endpoint and rdflib.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import re
from dataclasses import dataclass
from typing import Any, Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result, ResultRow

from kg.errors import Errors, KGError
from kg.ontology.concepts import query_files

__all__ = ["named_queries", "named_query", "query_params", "Param", "with_limit", "rows", "to_json", "to_csv",
           "violation_queries", "from_oxigraph"]

# A parameter error (unknown name, a value the ontology does not know). Kept here with the parameters; the code
# is not used elsewhere (kg.errors.Errors may adopt it).
E040 = Errors.E040


def named_queries() -> dict[str, str]:
    """Every named query (ontology/queries/*.rq) by name."""
    return {name: path.read_text(encoding="utf-8") for name, path in query_files().items()}


def violation_queries() -> dict[str, str]:
    return {k: v for k, v in named_queries().items() if k.endswith("-violation")}


def _text(name: str) -> str:
    queries = named_queries()
    if name not in queries:
        raise KGError(Errors.E011, name=name, available=", ".join(sorted(queries)))
    return queries[name]


def named_query(name: str, params: Mapping[str, Any] | None = None, limit: int | None = None) -> str:
    """The text of a named query, with ``params`` (its declared parameters, see :func:`query_params`) bound and at
    most ``limit`` rows."""
    text = _text(name)
    if params:
        text = _bind(name, text, params)
    return with_limit(text, limit) if limit is not None else text


@dataclass(frozen=True)
class Param:
    """A parameter of a named query: ``kind`` is a concept scheme (``country``, ``role``, ``topic``, ``relation``,
    ``status``, ``actor``: the value is one of its codes), ``iri`` or ``text``; ``pattern`` binds ``?name`` in
    every row when the query itself does not (e.g. a variable only an OPTIONAL binds)."""

    name: str
    kind: str
    pattern: str
    help: str


_PARAM = re.compile(r"^#\+\s*param\s+(\w+)\s+\((\w+)\)\s*(?:\{(.*)\})?\s*(.*)$")


def query_params(name: str) -> dict[str, Param]:
    """The parameters a named query declares (``#+ param NAME (KIND) [{ PATTERNS }] HELP`` lines)."""
    found = {}
    for line in _text(name).splitlines():
        match = _PARAM.match(line.strip())
        if match:
            found[match[1]] = Param(match[1], match[2], (match[3] or "").strip(), match[4].strip())
    return found


_BAD_IRI = set('<>"{}|^`\\ \n\r\t')


def _value(query: str, param: Param, value: Any) -> Literal | URIRef:
    """The RDF term for a parameter's value: a code as the ontology spells it, an IRI, or a plain literal."""
    from kg.ontology.concepts import SCHEMES, concepts

    text = str(value).strip()
    if param.kind == "iri":
        if isinstance(value, URIRef) or re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I):
            if _BAD_IRI & set(text):
                raise KGError(E040, query=query, reason=f"{param.name}: not an IRI: {text!r}")
            return URIRef(text)
        raise KGError(E040, query=query, reason=f"{param.name}: not an IRI: {text!r}")
    if param.kind in SCHEMES:
        codes = {code.lower(): code for code in concepts(param.kind)}
        if text.lower() not in codes:
            close = sorted(c for k, c in codes.items() if k.startswith(text.lower()[:1]))[:12]
            raise KGError(E040, query=query, reason=f"{param.name}: unknown {param.kind} code {text!r}"
                          + (f" (codes starting so: {', '.join(close)})" if close else ""))
        return Literal(codes[text.lower()])
    return Literal(text)


_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def _bind(query: str, text: str, params: Mapping[str, Any]) -> str:
    declared = query_params(query)
    unknown = [p for p in params if p not in declared]
    if unknown:
        have = ", ".join(declared) or "none"
        raise KGError(E040, query=query, reason=f"unknown parameter {unknown[0]!r}; its parameters: {have}")
    used = [p for p in declared.values() if p.name in params]  # in the order declared: the most selective first
    terms = [_value(query, p, params[p.name]) for p in used]
    # The first value as VALUES (where Oxigraph starts the join), the others as FILTERs on their text: the one form
    # the three engines all take well. Virtuoso 7 fails ("SPART_VARR_FIXED") on several fixed variables next to an
    # OPTIONAL (a VALUES row of two, or two BINDs); rdflib evaluates the whole group before joining a second VALUES
    # block or one after a BIND (minutes on the 1M-triple graph).
    values = " ".join([f"VALUES ?{used[0].name} {{ {terms[0].n3()} }}"]
                      + [f"FILTER(STR(?{p.name}) = {Literal(str(t)).n3()})" for p, t in zip(used[1:], terms[1:])])
    # The patterns that hold a bound variable first: Oxigraph orders equally cheap patterns as written, and these
    # are the selective ones (a code's concept, then what links to it).
    patterns = [t.strip() for p in used if p.pattern for t in p.pattern.split(" . ") if t.strip()]
    bound = re.compile("|".join(rf"\?{re.escape(p.name)}\b" for p in used))
    patterns.sort(key=lambda t: bound.search(t) is None)
    block = values + "".join(f"\n  {t} ." for t in patterns)
    match = _WHERE.search(_blank_comments(text))  # the query's own WHERE, not one in a comment
    if match is None:
        raise KGError(E040, query=query, reason="no WHERE group to bind parameters in")
    return text[:match.end()] + "\n  " + block + text[match.end():]


_TOKEN = re.compile(r"""<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*""")


def _blank_comments(sparql: str) -> str:
    """``sparql`` with its comments turned to spaces (a '#' in an IRI or a string stays): same length."""
    return _TOKEN.sub(lambda m: " " * len(m[0]) if m[0].startswith("#") else m[0], sparql)


_LIMIT = re.compile(r"\bLIMIT\s+(\d+)(\s+OFFSET\s+\d+)?\s*$", re.I)


def with_limit(sparql: str, limit: int) -> str:
    """``sparql`` returning at most ``limit`` rows (a LIMIT it already ends with is lowered, never raised).

    >>> with_limit("SELECT * WHERE { ?s ?p ?o } LIMIT 10  # ten", 3)
    'SELECT * WHERE { ?s ?p ?o } LIMIT 3'
    """
    if limit < 0:
        raise ValueError("limit must be >= 0")
    match = _LIMIT.search(_blank_comments(sparql).rstrip())
    if match:
        return sparql[:match.start()] + f"LIMIT {min(limit, int(match[1]))}" + (match[2] or "")
    return sparql.rstrip() + f"\nLIMIT {limit}\n"


_uri = functools.partial(str.__new__, URIRef)  # URIRef(value) without its validity check: Oxigraph's IRIs are valid


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_SLOTS = ("_language", "_datatype", "_value", "_ill_typed")


def _string_literal() -> Any:
    """``Literal(value, datatype=XSD.string)`` without its casting and normalising (a plain string is already its
    own normal form, value and lexical form), if this rdflib builds the very same object that way; else the
    constructor itself."""
    datatype = URIRef(_XSD_STRING)

    def make(value: str) -> Literal:
        made = str.__new__(Literal, value)
        made._language, made._datatype, made._value, made._ill_typed = None, datatype, value, False
        return made

    try:
        for sample in ("", "x", "Sentence 1: officials met.", "Володимир Зеленський", " a\tb\n", "1", "true"):
            slow = Literal(sample, datatype=datatype)
            fast = make(sample)
            if fast != slow or [getattr(fast, a) for a in _SLOTS] != [getattr(slow, a) for a in _SLOTS]:
                raise ValueError(sample)
    except (AttributeError, TypeError, ValueError):
        return lambda value: Literal(value, datatype=datatype)
    return make


_plain_literal = _string_literal()


def _rdflib_term(term: Any) -> Any:
    """A pyoxigraph term as the rdflib term oxrdflib makes of it (a literal keeps its datatype, xsd:string too)."""
    if isinstance(term, ox.NamedNode):
        return _uri(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return _plain_literal(term.value)
        return Literal(term.value, datatype=_uri(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Triple):
        return (_rdflib_term(term.subject), _rdflib_term(term.predicate), _rdflib_term(term.object))
    raise ValueError(f"not an RDF term: {term!r}")


class _Terms(dict):  # type: ignore[type-arg]
    """pyoxigraph term -> rdflib term, each distinct term converted once (rows repeat codes, articles, persons);
    an unbound value (None) stays None."""

    def __init__(self) -> None:
        super().__init__({None: None})

    def __missing__(self, term: Any) -> Any:
        converted = self[term] = _rdflib_term(term)
        return converted


class _Select(Result):
    """SELECT results from pyoxigraph, read as rdflib ``ResultRow`` s while they stream.

    The same rows and terms as oxrdflib's ``Result`` (one rdflib term per value, ``row.name``, ``row["name"]``,
    ``bindings``), built without its per-value ``Literal`` construction and per-row dicts: a distinct term is
    converted once per result, and the rows share one label map. Rows are kept, so the result can be iterated again
    (after a partial read too: the rows read, then the rest).
    """

    def __init__(self, solutions: ox.QuerySolutions) -> None:
        super().__init__("SELECT")
        self.vars = [Variable(v.value) for v in solutions.variables]
        self._source: Any = iter(solutions) if self.vars else None  # like rdflib: a solution binding nothing is no row
        self._rows: list[ResultRow] = []
        # ResultRow with its label map on the class: no attribute (and instance dict) to set per row
        self._row_type = type("ResultRow", (ResultRow,), {"labels": {str(v): i for i, v in enumerate(self.vars)},
                                                          "__slots__": ()})
        self._term = _Terms().__getitem__

    def __iter__(self) -> Any:
        rows, done = self._rows, 0
        while True:  # the rows read so far, then more: iterations may overlap, or follow a partial one
            while done < len(rows):
                yield rows[done]
                done += 1
            if not self._read():
                return

    def _read(self, batch: int = 256) -> bool:
        """Convert up to ``batch`` more solutions into rows; False when none was left."""
        if self._source is None:
            return False
        new, keep, term, row_type = tuple.__new__, self._rows.append, self._term, self._row_type
        before = len(self._rows)
        for solution in itertools.islice(self._source, batch):
            keep(new(row_type, [term(t) for t in solution]))
        read = len(self._rows) - before
        if read < batch:  # the source ran out
            self._source = None
        return read > 0

    @property  # type: ignore[override]
    def bindings(self) -> list[dict[Variable, Any]]:
        return [dict(zip(self.vars, row)) for row in self]  # type: ignore[misc]  # unbound: None, as oxrdflib has it

    @bindings.setter
    def bindings(self, value: Any) -> None:
        self._source = None
        self._rows = [ResultRow(b, self.vars) for b in value if b]  # type: ignore[arg-type]


def from_oxigraph(found: Any) -> Result:
    """A pyoxigraph query answer (solutions, boolean or triples) as an rdflib ``Result``."""
    if isinstance(found, ox.QuerySolutions):
        return _Select(found)
    if isinstance(found, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(found)
        return result
    result = Result("CONSTRUCT")
    result.graph = Graph()
    result.graph += (_rdflib_term(t) for t in found)  # type: ignore[misc]
    return result


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
