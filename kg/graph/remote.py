"""A kg store on a remote SPARQL 1.1 endpoint (Oxigraph server, Virtuoso, Fuseki, ``kg serve --allow-update``).

``--store`` (and ``kg.open``) take an http(s) URL instead of a folder; the same commands then work remotely.

Endpoints, from the URL:

- ``http://host:7878/query`` (a path ending in ``/query``): queries there, updates at ``.../update``
  (Oxigraph server, Fuseki datasets, ``kg serve``).
- ``http://host:7878`` or ``http://host:7878/`` (no path): ``/query`` and ``/update`` under it (Oxigraph server).
- any other path, e.g. ``http://host:8890/sparql``: queries and updates at the same URL (Virtuoso, SPARQL 1.1
  Protocol's single endpoint).
- ``$KG_STORE_UPDATE_URL`` overrides the update endpoint.

Credentials: ``http://user:password@host/...`` (HTTP Basic or Digest, whichever the server asks for: Virtuoso's
``/sparql-auth`` wants Digest), or ``$KG_STORE_TOKEN`` sent as ``Authorization: Bearer`` (``kg serve``).

Queries see the union of the named graphs, as with the embedded store. Servers differ, so the first query
probes which way works (override with ``$KG_STORE_UNION``):

- ``native``: the server's default graph already is the union (Virtuoso, ``oxigraph serve --union-default-graph``,
  ``kg serve``);
- ``oxigraph``: Oxigraph's ``union-default-graph`` request parameter;
- ``graphs``: the standard protocol's ``default-graph-uri``, one per kg graph (portable, slower with many articles).

Writes: an article's graph is replaced as a whole by one SPARQL Update request (``DROP SILENT GRAPH`` then
``INSERT DATA`` of N-Triples written by pyoxigraph's serialiser, so every term is escaped by the library); a
batch of articles goes in one request too. Virtuoso applies one request atomically; Oxigraph server too.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
from typing import IO, Any, Iterable, Iterator
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.query import Result

from kg.errors import Errors, KGError
from kg.ontology.namespace import FACTS_GRAPH, GRAPH, KG, PREFIXES
from kg.graph.terms import IMPORT_GRAPH, ONTOLOGY_GRAPH, PRUNE, parse_quads, quads_of, values_clause

__all__ = ["RemoteStore", "is_remote", "endpoints", "E030", "E031"]

# Codes of remote failures (kept here so that kg.errors stays unchanged by this module).
E030 = Errors.E030
E031 = Errors.E031

_KG_GRAPHS = str(GRAPH)  # every graph kg writes is under this IRI space
_BATCH_QUADS = 1_500  # quads per update request (Virtuoso's parser fails near 5,000); an article is never split
_SHARED = {str(ONTOLOGY_GRAPH), str(FACTS_GRAPH), str(GRAPH["imported"]), ""}  # graphs that are not articles'
_QUERY_KIND = re.compile(
    r"^(?:\s+|#[^\n]*(?:\n|$)|(?:PREFIX|prefix|Prefix)\s+[^\s:]*:\s*<[^>]*>|(?:BASE|base|Base)\s*<[^>]*>)*"
    r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_DECLARED = re.compile(r"PREFIX\s+([^\s:]*):", re.I)
_UNION_MODES = ("native", "oxigraph", "graphs")


def is_remote(location: object) -> bool:
    """Is ``location`` an http(s) URL (a remote SPARQL endpoint) rather than a folder?

    >>> is_remote("http://127.0.0.1:7878/query"), is_remote("kgstore"), is_remote(None)
    (True, False, False)
    """
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


def endpoints(url: str) -> tuple[str, str]:
    """The query and update endpoints for ``url`` (without credentials), by the convention above.

    >>> endpoints("http://127.0.0.1:7878/query")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
    >>> endpoints("http://127.0.0.1:7878")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
    >>> endpoints("http://dba:dba@127.0.0.1:8890/sparql-auth")
    ('http://127.0.0.1:8890/sparql-auth', 'http://127.0.0.1:8890/sparql-auth')
    """
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if ":" in netloc:
        netloc = f"[{netloc}]"
    if parts.port:
        netloc += f":{parts.port}"
    path = parts.path.rstrip("/")
    if not path:
        query_path, update_path = "/query", "/update"
    elif path.endswith("/query"):
        query_path, update_path = path, path[: -len("/query")] + "/update"
    else:
        query_path = update_path = path
    query = urlunsplit((parts.scheme, netloc, query_path, parts.query, ""))
    update = os.environ.get("KG_STORE_UPDATE_URL") or urlunsplit((parts.scheme, netloc, update_path, parts.query, ""))
    return query, update


class _AnyAuth(httpx.Auth):
    """HTTP Basic or Digest, as the server's challenge asks (Virtuoso's /sparql-auth wants Digest)."""

    requires_request_body = True
    requires_response_body = True

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request):  # type: ignore[no-untyped-def]
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        self._scheme = "digest" if challenge.startswith("digest") else "basic"
        yield from (self._digest if self._scheme == "digest" else self._basic).auth_flow(request)


class _Raw:
    """The part of ``pyoxigraph.Store`` that kg's ingest uses on ``store.raw()``: ``extend(quads)``."""

    def __init__(self, store: "RemoteStore") -> None:
        self._store = store

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        self._store.extend(quads)


class _RemoteDataset:
    """The part of rdflib's ``Dataset`` that kg uses on ``store.dataset``: ``graph(name)`` (for validation)."""

    def __init__(self, store: "RemoteStore") -> None:
        self._store = store

    def graph(self, name: URIRef) -> Graph:
        g = Graph(identifier=name)
        for quad in self._store._quads_of([name]):
            g.add((_rdflib(quad.subject), _rdflib(quad.predicate), _rdflib(quad.object)))  # type: ignore[arg-type]
        return g


class RemoteStore:
    """A kg store on a SPARQL 1.1 Protocol endpoint; the methods kg uses on :class:`kg.graph.store.Store`."""

    path = None  # not a folder (kg prints ``store.path`` in some errors)

    def __init__(self, url: str, *, update_url: str | None = None, timeout: float = 120.0,
                 union: str | None = None, load_ontology: bool = True) -> None:
        self.url = url
        self.query_url, default_update = endpoints(url)
        self.update_url = update_url or default_update
        parts = urlsplit(url)
        auth = _AnyAuth(parts.username or "", parts.password or "") if parts.username else None
        headers = {"User-Agent": "kg (diplokg) remote store"}
        token = os.environ.get("KG_STORE_TOKEN")
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http: httpx.Client | None = httpx.Client(timeout=timeout, auth=auth, headers=headers)
        union = union or os.environ.get("KG_STORE_UNION") or None
        if union is not None and union not in _UNION_MODES:
            raise ValueError(f"union mode {union!r}: use one of {', '.join(_UNION_MODES)}")
        self._union = union
        self._graphs: list[str] | None = None  # cache for the "graphs" mode
        self.dataset = _RemoteDataset(self)
        if load_ontology and not self.has_graph(ONTOLOGY_GRAPH):
            self._load_ontology()

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r}, update={self.update_url!r})"

    # -- HTTP ------------------------------------------------------------------------------------------------

    def _post(self, url: str, **kwargs: Any) -> httpx.Response:
        if self._http is None:
            raise KGError(E030, url=url, reason="the store is closed")
        try:
            response = self._http.post(url, **kwargs)
        except httpx.HTTPError as err:
            raise KGError(E030, url=url, reason=str(err).splitlines()[0] if str(err) else type(err).__name__) from err
        if response.status_code == 400:
            raise KGError(Errors.E012, reason=_first_line(response.text) or "bad request")
        if response.status_code >= 300:
            raise KGError(E031, url=url, status=response.status_code, reason=_first_line(response.text) or response.reason_phrase)
        return response

    def update(self, sparql: str) -> None:
        """Run one SPARQL Update request (several operations separated by ``;`` are one request)."""
        self._graphs = None
        self._post(self.update_url, content=sparql.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    def _select_raw(self, sparql: str, union: bool = True) -> bytes:
        """SPARQL JSON results of a SELECT/ASK (as bytes)."""
        return self._request(sparql, "application/sparql-results+json", union).content

    def _request(self, sparql: str, accept: str, union: bool) -> httpx.Response:
        params: list[tuple[str, str]] = [("query", sparql)]
        url = self.query_url
        if union:
            mode = self._union_mode()
            if mode == "oxigraph":
                url += ("&" if "?" in url else "?") + "union-default-graph"
            elif mode == "graphs":
                params += [("default-graph-uri", g) for g in self._kg_graphs()]
        return self._post(url, content=urlencode(params).encode("ascii"),
                          headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})

    def _union_mode(self) -> str:
        if self._union is None:
            probe = f"ASK {{ <{KG.Person}> ?p ?o }}"  # in the ontology graph only
            self._union = "graphs"
            if _boolean(self._request(probe, "application/sparql-results+json", union=False).content):
                self._union = "native"
            else:
                try:
                    url = self.query_url + ("&" if "?" in self.query_url else "?") + "union-default-graph"
                    answer = self._post(url, content=urlencode({"query": probe}).encode("ascii"),
                                        headers={"Accept": "application/sparql-results+json",
                                                 "Content-Type": "application/x-www-form-urlencoded"})
                    if _boolean(answer.content):
                        self._union = "oxigraph"
                except KGError:
                    pass
        return self._union

    def _kg_graphs(self) -> list[str]:
        if self._graphs is None:
            data = self._select_raw(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                                    f"FILTER(STRSTARTS(STR(?g), \"{_KG_GRAPHS}\")) }}", union=False)
            self._graphs = [s["g"].value for s in ox.parse_query_results(data, ox.QueryResultsFormat.JSON)]  # type: ignore[index,union-attr]
        return self._graphs

    # -- writing ---------------------------------------------------------------------------------------------

    def _load_ontology(self) -> None:
        from kg.ontology.concepts import ontology_graph

        self._insert(quads_of(ontology_graph(), ONTOLOGY_GRAPH), replace=False)

    def add_article(self, graphs: Any) -> None:
        """Replace the article's named graph as a whole and add its facts: one update request."""
        name = graphs.graph.identifier
        replacing = self.has_graph(name)
        quads = quads_of(graphs.graph, name) + quads_of(graphs.facts, FACTS_GRAPH)
        self._insert(quads, replace=True, prune=replacing)

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Write the quads of whole articles (as ``kg.pipeline.ingest`` batches them): their graphs are replaced."""
        self._insert(list(quads), replace=True)

    def _insert(self, quads: list[ox.Quad], *, replace: bool, prune: bool = False) -> None:
        """Requests of at most ``_BATCH_QUADS`` quads (Virtuoso's SPARQL parser gives up near 5,000 triples),
        each holding whole articles: an article's graph and its facts go in one request."""
        plain = [q for q in quads if not _has_bnode(q)]
        blank = [q for q in quads if _has_bnode(q)]  # one request: its blank nodes must stay the same nodes
        requests: list[list[ox.Quad]] = []
        current: list[ox.Quad] = []
        for unit in _units(plain):
            if current and len(current) + len(unit) > _BATCH_QUADS:
                requests.append(current)
                current = []
            current.extend(unit)
        if current or not blank:
            requests.append(current)
        if blank:
            requests.append(blank)
        for i, part in enumerate(requests):
            request = _insert_request(part, replace, prune and i == 0)
            if request:
                self.update(request)

    def remove_article_graph(self, name: URIRef) -> None:
        """Drop an article's graph, then the facts no remaining article supports (one request)."""
        self.update(f"DROP SILENT GRAPH {_iri(name)} ;\n{PRUNE}")

    def load(self, source: str | os.PathLike[str] | IO[bytes], fmt: ox.RdfFormat, graph: URIRef | None = None) -> int:
        """Load an RDF file: quads keep their graphs, triples go to ``graph``. Returns the number of quads."""

        quads = list(parse_quads(source, fmt, graph or IMPORT_GRAPH))
        self._insert(quads, replace=False)
        return len(quads)

    def flush(self) -> None:
        """Nothing to do: every update request is committed by the server."""

    # -- reading ---------------------------------------------------------------------------------------------

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Result:
        """Run SPARQL over the union of the graphs; rdflib ``Result`` from the endpoint's answer."""
        kind = query_kind(sparql)
        if bindings:
            sparql = _with_values(sparql, values_clause(bindings))
        sparql = _with_prefixes(sparql)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            response = self._request(sparql, "application/n-triples, text/turtle;q=0.9", union=True)
            fmt = "turtle" if "turtle" in response.headers.get("content-type", "") else "nt"
            result = Result(kind)
            result.graph = Graph().parse(data=response.content, format=fmt)  # type: ignore[attr-defined]
            return result
        data = self._request(sparql, "application/sparql-results+json", union=True).content
        if kind == "ASK":
            result = Result("ASK")
            result.askAnswer = _boolean(data)
            return result
        try:
            return Result.parse(io.BytesIO(data), format="json")
        except Exception as err:  # noqa: BLE001 - a server answering something else than SPARQL JSON
            raise KGError(E031, url=self.query_url, status=200, reason=f"not SPARQL JSON results: {err}") from err

    def raw(self) -> _Raw:
        """Not a pyoxigraph store: only ``extend(quads)`` (what ``kg.pipeline.ingest`` writes with) is offered."""
        return _Raw(self)

    def has_graph(self, name: URIRef) -> bool:
        return _boolean(self._select_raw(f"ASK {{ GRAPH {_iri(name)} {{ ?s ?p ?o }} }}", union=False))

    def has_article(self, article_id: str) -> bool:
        return self.has_graph(GRAPH[article_id])

    def article_graphs(self) -> Iterator[URIRef]:
        """The named graphs of articles (not the ontology's nor the shared facts graph)."""
        data = self._select_raw(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?a a <{KG.Article}> ; <{KG.graph}> ?g }} }}",
                                union=False)
        names = sorted({s["g"].value for s in ox.parse_query_results(data, ox.QueryResultsFormat.JSON)})  # type: ignore[index,union-attr]
        for name in names:
            if name not in (str(ONTOLOGY_GRAPH), str(FACTS_GRAPH)):
                yield URIRef(name)

    def data_graphs(self) -> list[URIRef]:
        graphs = list(self.article_graphs())
        if self.has_graph(FACTS_GRAPH):
            graphs.append(FACTS_GRAPH)
        return graphs

    def triple_count(self, include_ontology: bool = False) -> int:
        """Quads in kg's graphs (``https://w3id.org/diplokg/graph/...``), the ontology's only if asked."""
        keep = "" if include_ontology else f"FILTER(?g != <{ONTOLOGY_GRAPH}>)"
        data = self._select_raw(f"SELECT (COUNT(*) AS ?c) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                                f"FILTER(STRSTARTS(STR(?g), \"{_KG_GRAPHS}\")) {keep} }}", union=False)
        [solution] = list(ox.parse_query_results(data, ox.QueryResultsFormat.JSON))  # type: ignore[arg-type]
        return int(solution["c"].value)  # type: ignore[index]

    def _quads_of(self, names: Iterable[URIRef], batch: int = 50) -> Iterator[ox.Quad]:
        names = list(names)
        for i in range(0, len(names), batch):
            values = " ".join(_iri(n) for n in names[i:i + batch])
            data = self._select_raw(f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}",
                                    union=False)
            for s in ox.parse_query_results(data, ox.QueryResultsFormat.JSON):  # type: ignore[union-attr]
                yield ox.Quad(s["s"], s["p"], s["o"], s["g"])  # type: ignore[index,arg-type]

    def local_copy(self) -> ox.Store:
        """The endpoint's data (every kg graph but the ontology's) in a pyoxigraph store in memory: what the
        exports' description is computed over (it queries the union of the graphs, which endpoints differ on)."""
        local = ox.Store()
        local.extend(self._quads_of(self.data_graphs()))
        return local

    def dump(self, out: IO[bytes], fmt: ox.RdfFormat, include_ontology: bool = False,
             graphs: Iterable[URIRef] | None = None, extra: Any = ()) -> None:
        """Serialise graphs like :meth:`kg.graph.store.Store.dump`: quads for TriG/N-Quads, their union otherwise;
        ``extra`` quads (the derived description) follow."""
        names = list(graphs if graphs is not None else self.data_graphs())
        if include_ontology:
            names.append(ONTOLOGY_GRAPH)
        quads = itertools.chain(self._quads_of(names), extra(None) if callable(extra) else extra)
        if fmt.supports_datasets:
            ox.serialize(quads, out, fmt, prefixes=dict(PREFIXES))
        else:
            seen: set[ox.Triple] = set()
            triples = (q.triple for q in quads if not (q.triple in seen or seen.add(q.triple)))  # type: ignore[func-returns-value]
            ox.serialize(triples, out, fmt, prefixes=dict(PREFIXES))

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()



_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def _with_values(sparql: str, values: str) -> str:
    """``values`` placed first in the query's WHERE group, where every engine joins it with the pattern (Virtuoso
    rejects a trailing VALUES on variables that are not projected).

    >>> _with_values("SELECT ?p WHERE { ?p ?q ?c }", "VALUES (?c) { (<x:y>) }")
    'SELECT ?p WHERE { VALUES (?c) { (<x:y>) } ?p ?q ?c }'
    >>> _with_values("ASK { ?p ?q ?c }", "VALUES (?c) { (1) }")
    'ASK { VALUES (?c) { (1) } ?p ?q ?c }'
    """
    match = _WHERE.search(sparql)
    if match is None:
        kind = _QUERY_KIND.match(sparql)
        start = sparql.find("{", kind.end() if kind else 0)
        if start < 0:
            raise KGError(Errors.E012, reason="no WHERE clause for the bindings")
        end = start + 1
    else:
        end = match.end()
    return sparql[:end] + " " + values + sparql[end:]


def _units(quads: list[ox.Quad]) -> Iterator[list[ox.Quad]]:
    """Runs of quads that belong together: an article's graph with the facts after it (as ingest orders them);
    runs of shared graphs only (ontology, facts, imported data) are cut every ``_BATCH_QUADS``."""
    unit: list[ox.Quad] = []
    previous, article = None, False
    for q in quads:
        name = _graph_name(q)
        starts_article = name not in _SHARED and name != previous
        if unit and (starts_article or (not article and len(unit) >= _BATCH_QUADS)):
            yield unit
            unit, article = [], False
        unit.append(q)
        article = article or name not in _SHARED
        previous = name
    if unit:
        yield unit


def _graph_name(q: ox.Quad) -> str:
    return q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""


def _has_bnode(q: ox.Quad) -> bool:
    return isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)


def _insert_request(quads: list[ox.Quad], replace: bool, prune: bool) -> str:
    """``DROP SILENT GRAPH`` for the articles' graphs (when replacing), the prune of orphaned claims (when an
    article was replaced), then ``INSERT DATA`` (or, for blank nodes, which Virtuoso refuses in INSERT DATA, an
    ``INSERT { } WHERE { }`` template: its blank nodes are fresh and shared within the request)."""
    by_graph: dict[str, list[ox.Triple]] = {}
    for q in quads:
        by_graph.setdefault(_graph_name(q), []).append(q.triple)
    ops: list[str] = []
    if replace:
        ops += [f"DROP SILENT GRAPH <{name}>" for name in by_graph if name not in _SHARED]
    if prune:
        ops.append(PRUNE)
    if quads:
        body = "\n".join(_graph_block(name, triples) for name, triples in by_graph.items())
        if any(_has_bnode(q) for q in quads):
            ops.append("INSERT {\n" + body + "\n} WHERE {}")
        else:
            ops.append("INSERT DATA {\n" + body + "\n}")
    return " ;\n".join(ops)


def _graph_block(name: str, triples: list[ox.Triple]) -> str:
    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")  # type: ignore[union-attr]
    return f"GRAPH <{name}> {{\n{nt}}}" if name else nt


def query_kind(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE (or UPDATE for anything else), read past the prologue and comments.

    >>> query_kind("PREFIX a: <http://x#> # note\\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    match = _QUERY_KIND.match(sparql)
    return match.group(1).upper() if match else "UPDATE"


def _with_prefixes(sparql: str) -> str:
    """The common prefixes (kg, country, org, ...) declared before the query unless it declares them itself."""
    declared = set(_DECLARED.findall(sparql))
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared)
    return head + sparql


_IRI_BAD = set('<>"{}|^`\\ \n\r\t')


def _iri(name: object) -> str:
    text = str(name)
    if _IRI_BAD & set(text):
        raise KGError(Errors.E012, reason=f"bad IRI {text!r}")
    return f"<{text}>"


def _boolean(data: bytes) -> bool:
    """The answer of an ASK in SPARQL JSON; Virtuoso answers a one-row ``__ASK_RETVAL`` SELECT instead."""
    try:
        doc = json.loads(data)
    except ValueError as err:
        raise KGError(E031, url="", status=200, reason=f"not SPARQL JSON results: {err}") from err
    if "boolean" in doc:
        return bool(doc["boolean"])
    bindings = (doc.get("results") or {}).get("bindings") or []
    return bool(bindings) and all(str(v.get("value")) in ("1", "true") for v in bindings[0].values())


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:500]
    return ""


def _rdflib(term: Any) -> Any:
    """pyoxigraph term -> rdflib term (oxrdflib's own converter, the one its store uses)."""
    from oxrdflib._converter import from_ox

    return from_ox(term)
