"""``kg serve``: a SPARQL 1.1 Protocol endpoint over a store folder (starlette + uvicorn, Oxigraph's engine).

Endpoints: ``/sparql`` (queries and updates), ``/query`` and ``/update`` (Oxigraph's convention, so that
``--store http://host:port/query`` works against a kg server too), ``/`` (the same endpoint; browsers get an
HTML page with a query box and the named queries), ``/viz`` (the ``kg viz`` network view, made on request;
``?view=countries&layout=geo``), ``/explain/<content hash>`` (the ``kg explain`` page of a stored article, which
the served views link each evidence to).

- Queries by GET ``?query=``, form POST (``query=``) or direct POST (``application/sparql-query``), on the union
  of the named graphs (unless ``default-graph-uri`` / ``named-graph-uri`` say otherwise); the common prefixes
  (kg, country, org, ...) are predeclared.
- Results are written by pyoxigraph's serialisers: SELECT/ASK as SPARQL JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE
  as Turtle, N-Triples, JSON-LD or RDF/XML, chosen by ``Accept`` (406 when none fits).
- Read-only by default: SPARQL Update is refused (403) unless the server runs with ``--allow-update --token T``
  and the request carries ``Authorization: Bearer T``.
- Limits: every query runs in a worker *process* that owns the store; when it passes the time limit the worker
  is killed (pyoxigraph queries cannot be cancelled from Python) and a new one started, the request gets 503
  and the server stays up. Results over ``max_rows`` rows (or triples) are truncated, with the header
  ``X-KG-Truncated: true``.

Read-only servers run several workers on Oxigraph's read-only mode and hold the store's lock, so that no writer
changes the files under them (write through ``--allow-update``, or stop the server); a server with
``--allow-update`` runs one read-write worker that holds the lock.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import io
import json
import multiprocessing as mp
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

__all__ = ["ServerConfig", "create_app", "serve", "negotiate", "SELECT_TYPES", "GRAPH_TYPES"]

MAX_REQUEST_BYTES = 10 * 1024 * 1024

# media type -> pyoxigraph format name (resolved in the worker: keeps this table importable without pyoxigraph)
SELECT_TYPES = {
    "application/sparql-results+json": "JSON", "application/json": "JSON",
    "application/sparql-results+xml": "XML", "application/xml": "XML", "text/xml": "XML",
    "text/csv": "CSV", "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE", "application/x-turtle": "TURTLE", "application/n-triples": "N_TRIPLES",
    "text/plain": "N_TRIPLES", "application/ld+json": "JSON_LD", "application/rdf+xml": "RDF_XML",
}
_TEXTUAL = ("text/", "application/sparql-results+", "application/json", "application/xml", "application/n-triples",
            "application/ld+json", "application/rdf+xml")


@dataclass
class ServerConfig:
    store: Path
    allow_update: bool = False
    token: str | None = None
    timeout: float = 30.0
    max_rows: int = 10_000
    workers: int = 2
    base: str = "https://w3id.org/diplokg/"  # the public base whose /id/... this server answers (kg serve --base)


class QueryTimeout(Exception):
    pass


class WorkerFailed(Exception):
    pass


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The offer the ``Accept`` header prefers (q-values, ``type/*``, ``*/*``); the first offer if no header.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", ["application/sparql-results+json", "text/csv", "application/sparql-results+xml"])
    'application/sparql-results+xml'
    >>> negotiate("image/png", ["text/turtle"]) is None
    True
    """
    if not accept or not accept.strip():
        return offers[0]
    ranges: list[tuple[str, float]] = []
    for item in accept.split(","):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if not media:
            continue
        q = 1.0
        for param in parts[1:]:
            if param.lower().startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    best, best_q = None, 0.0
    for offer in offers:
        major = offer.split("/")[0]
        q, specificity = 0.0, -1
        for media, mq in ranges:
            level = 2 if media == offer else 1 if media == f"{major}/*" else 0 if media == "*/*" else -1
            if level > specificity:
                specificity, q = level, mq
        if specificity >= 0 and q > best_q:
            best, best_q = offer, q
    return best


# -- the worker process --------------------------------------------------------------------------------------


def _worker_main(conn: Any, path: str, writable: bool) -> None:
    """Own the store; answer (kind, payload) requests on ``conn`` until it closes."""
    try:
        from kg.graph.store import Store

        store = Store(path, read_only=not writable)
    except Exception as err:  # noqa: BLE001 - reported to the parent
        conn.send(("error", _line(err)))
        return
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        if message is None:
            break
        kind, payload = message
        try:
            conn.send(("ok", _handle(store, kind, payload)))
        except SyntaxError as err:
            conn.send(("syntax", _line(err)))
        except Exception as err:  # noqa: BLE001 - one line back to the client, the worker stays
            conn.send(("error", _line(err)))
    store.close()


def _line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0][:1000] if text else type(err).__name__


def _handle(store: Any, kind: str, payload: dict[str, Any]) -> tuple[int, str, bytes, dict[str, str]]:
    import pyoxigraph as ox

    from kg.ontology.namespace import PREFIXES

    if kind == "query":
        default = [ox.NamedNode(g) for g in payload.get("default_graphs") or []]
        named = [ox.NamedNode(g) for g in payload.get("named_graphs") or []]
        result = store.raw().query(payload["query"], prefixes=dict(PREFIXES),
                                   use_default_graph_as_union=not default,
                                   default_graph=default or None, named_graphs=named or None)
        return _serialise(result, payload.get("accept"), int(payload["max_rows"]))
    if kind == "update":
        store.raw().update(payload["update"], prefixes=dict(PREFIXES))
        store.flush()
        return 204, "text/plain", b"", {}
    if kind == "resource":
        from kg.graph.describe import resource_triples

        triples = resource_triples(store.raw(), payload["iri"])
        if not triples:
            return 404, "text/plain", f"no resource {payload['iri']} in this graph\n".encode(), {}
        if payload["format"] == "HTML":
            return 200, "text/html; charset=utf-8", _resource_page(payload["iri"], triples).encode("utf-8"), {}
        out = io.BytesIO()
        ox.serialize(triples, out, getattr(ox.RdfFormat, payload["format"]), prefixes=dict(PREFIXES))
        return 200, payload["media"], out.getvalue(), {"Vary": "Accept"}
    if kind == "description":
        from kg.graph.describe import derived_quads

        quads = [q for q in derived_quads(store.raw(), endpoint=payload["endpoint"])
                 if q.subject.value.startswith(payload["dataset"])]
        return 200, "", ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b"", {}
    if kind == "viz":
        from kg.network.projection import Filters, officials, to_networkx
        from kg.network.viz import render_html

        filters = Filters(**payload["filters"])
        g = to_networkx(store, payload["view"], filters)
        people = officials(store, filters) if payload["view"] == "countries" else None
        page = render_html(g, layout=payload.get("layout") or "force", officials=people, explain="/explain/{article}")
        return 200, "text/html; charset=utf-8", page.encode("utf-8"), {}
    if kind == "explain":
        from kg.errors import KGError
        from kg.network.explain import explain_html, load_article

        try:
            article, extractor = load_article(payload["article"], store)
        except KGError as err:
            return 404, "text/plain; charset=utf-8", (str(err) + "\n").encode("utf-8"), {}
        return 200, "text/html; charset=utf-8", explain_html(article, extractor).encode("utf-8"), {}
    raise ValueError(f"unknown request {kind!r}")


def _resource_page(iri: str, triples: list[Any]) -> str:
    """A page for people: the resource's names, links, offices with their first and last report, partners and
    the evidence sentences (every value escaped)."""
    by_s: dict[str, list[Any]] = {}
    for t in triples:
        by_s.setdefault(t.subject.value, []).append(t)

    def values(subject: str, predicate: str) -> list[str]:
        return [t.object.value for t in by_s.get(subject, []) if t.predicate.value.endswith(predicate)]

    e = html.escape
    names = sorted(set(values(iri, "#label") + values(iri, "#prefLabel") + values(iri, "/name")))
    links = sorted(set(values(iri, "#exactMatch") + values(iri, "/sameAs")))
    rows = []
    for subject, ts in sorted(by_s.items()):
        kinds = {t.object.value.rsplit("#", 1)[-1] for t in ts if t.predicate.value.endswith("#type")}
        if "RoleClaim" in kinds:
            get = lambda p, s=subject: ", ".join(x.rsplit("/", 1)[-1] for x in values(s, p))  # noqa: E731
            rows.append(f"<tr><td>office</td><td>{e(get('#role'))}</td><td>{e(get('#organization'))}</td>"
                        f"<td>{e(get('#member'))}</td><td>{e(get('#firstReported'))}</td><td>{e(get('#lastReported'))}</td></tr>")
        elif "RelationClaim" in kinds:
            get = lambda p, s=subject: ", ".join(sorted(x.rsplit("/", 1)[-1] for x in values(s, p)))  # noqa: E731
            rows.append(f"<tr><td>{e(get('#relationType'))}</td><td>{e(get('#topic'))}</td><td>{e(get('#participant'))}"
                        f"</td><td>{e(get('#status'))}</td><td></td><td></td></tr>")
    evidence = sorted({t.object.value for t in triples if t.predicate.value.endswith("#sentence")})
    return ("<!doctype html><html><head><meta charset='utf-8'><title>" + e(names[0] if names else iri) + "</title>"
            "<style>body{font:15px system-ui,sans-serif;margin:2em;max-width:60em}td{padding:.2em .6em;"
            "border-bottom:1px solid #ddd}</style></head><body>"
            f"<h1>{e(', '.join(names) or iri)}</h1><p><code>{e(iri)}</code></p>"
            + ("<h2>Same as</h2><ul>" + "".join(f"<li><a href='{e(u)}'>{e(u)}</a></li>" for u in links) + "</ul>"
               if links else "")
            + ("<h2>Offices and partners</h2><table><tr><th>kind</th><th>role / topic</th><th>polity / parties"
               "</th><th>person / status</th><th>first report</th><th>last report</th></tr>" + "".join(rows)
               + "</table>" if rows else "")
            + ("<h2>Evidence</h2><ul>" + "".join(f"<li>{e(x)}</li>" for x in evidence) + "</ul>" if evidence else "")
            + "<p>Also as Turtle, JSON-LD and N-Triples: ask with an Accept header.</p></body></html>")


def _serialise(result: Any, accept: str | None, max_rows: int) -> tuple[int, str, bytes, dict[str, str]]:
    import pyoxigraph as ox

    headers: dict[str, str] = {}
    if isinstance(result, ox.QueryTriples):
        media = negotiate(accept, list(GRAPH_TYPES))
        if media is None:
            return 406, "text/plain", _not_acceptable(accept, GRAPH_TYPES).encode(), {}
        triples = []
        for triple in result:
            if len(triples) == max_rows:
                headers["X-KG-Truncated"] = "true"
                break
            triples.append(triple)
        from kg.ontology.namespace import PREFIXES

        body = ox.serialize(triples, format=getattr(ox.RdfFormat, GRAPH_TYPES[media]), prefixes=dict(PREFIXES))
        return 200, media, body or b"", headers
    media = negotiate(accept, list(SELECT_TYPES))
    if media is None:
        return 406, "text/plain", _not_acceptable(accept, SELECT_TYPES).encode(), {}
    fmt = getattr(ox.QueryResultsFormat, SELECT_TYPES[media])
    if isinstance(result, ox.QueryBoolean):
        return 200, media, result.serialize(format=fmt) or b"", headers
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        if len(rows) == max_rows:
            headers["X-KG-Truncated"] = "true"
            break
        rows.append({n: _json_term(solution[n]) for n in names if solution[n] is not None})
    # The kept rows go back through pyoxigraph's parser so that its serialisers write every format.
    kept = json.dumps({"head": {"vars": names}, "results": {"bindings": rows}}).encode("utf-8")
    body = ox.parse_query_results(kept, ox.QueryResultsFormat.JSON).serialize(format=fmt)  # type: ignore[union-attr]
    return 200, media, body or b"", headers


def _json_term(term: Any) -> dict[str, Any]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject), "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _not_acceptable(accept: str | None, types: dict[str, str]) -> str:
    return f"none of the types in Accept: {accept} can be served for this query; use one of {', '.join(types)}"


# -- the parent: a pool of workers with a time limit -----------------------------------------------------------


class _Worker:
    def __init__(self, path: str, writable: bool) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, path, writable), daemon=True,
                                   name="kg-serve-worker")
        self.process.start()
        child.close()
        if not self.conn.poll(180):
            self.kill()
            raise WorkerFailed("the query worker did not start within 180 s")
        status, message = self.conn.recv()
        if status != "ready":
            self.kill()
            raise WorkerFailed(message)

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.join(10)
        finally:
            self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.process.join(10)
        except (OSError, ValueError):
            pass
        if self.process.is_alive():
            self.kill()


class Engine:
    """Worker processes that own the store; a request waits at most ``timeout`` for its answer."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.writable = config.allow_update
        self.size = 1 if self.writable else max(1, config.workers)
        self._free: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._lock: Any = None
        self._tasks: set[asyncio.Task[None]] = set()  # replacements under way (kept referenced until done)

    async def start(self) -> None:
        from filelock import FileLock

        from kg.graph.store import Store

        path = str(self.config.store)
        Store(path).close()  # create the store (and its ontology graph) if new; fails early if locked
        if not self.writable:
            # read-only workers must not see files change under them: keep writers out while serving
            from filelock import Timeout

            from kg.errors import Errors, KGError

            self._lock = FileLock(str(Path(path) / "kg.lock"))
            try:
                self._lock.acquire(timeout=5)
            except Timeout as err:
                self._lock = None
                raise KGError(Errors.E014, seconds=5, path=path) from err
        self._free = asyncio.Queue()
        workers = await asyncio.gather(*[asyncio.to_thread(_Worker, path, self.writable) for _ in range(self.size)])
        for w in workers:
            self._all.add(w)
            self._free.put_nowait(w)

    async def stop(self) -> None:
        for w in list(self._all):
            await asyncio.to_thread(w.stop)
        self._all.clear()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    async def _replace(self, worker: _Worker) -> None:
        self._all.discard(worker)
        await asyncio.to_thread(worker.kill)
        try:
            fresh = await asyncio.to_thread(_Worker, str(self.config.store), self.writable)
        except WorkerFailed:
            return
        self._all.add(fresh)
        assert self._free is not None
        self._free.put_nowait(fresh)

    def _spawn_replacement(self, worker: _Worker) -> None:
        task = asyncio.create_task(self._replace(worker))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def call(self, kind: str, payload: dict[str, Any]) -> tuple[str, Any]:
        assert self._free is not None
        timeout = self.config.timeout
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            worker = await asyncio.wait_for(self._free.get(), timeout)
        except asyncio.TimeoutError:
            raise QueryTimeout(f"the server is busy: no query worker was free within the limit of {timeout:g} s") from None
        left = max(0.1, timeout - (loop.time() - started))
        try:
            worker.conn.send((kind, payload))
            ready = await asyncio.to_thread(worker.conn.poll, left)
            if not ready:
                self._spawn_replacement(worker)
                raise QueryTimeout(f"the query ran longer than the limit of {timeout:g} s and was stopped")
            status, data = worker.conn.recv()
        except (EOFError, OSError) as err:
            self._spawn_replacement(worker)
            raise WorkerFailed(f"the query worker failed ({_line(err)}); a new one is starting") from None
        self._free.put_nowait(worker)
        return status, data


# -- HTTP -------------------------------------------------------------------------------------------------------


def create_app(config: ServerConfig):  # type: ignore[no-untyped-def]
    """The ASGI app (starlette); workers start and stop with the app's lifespan."""
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, PlainTextResponse, Response
    from starlette.routing import Route

    engine = Engine(config)

    @asynccontextmanager
    async def lifespan(app: Any):  # type: ignore[no-untyped-def]
        await engine.start()
        try:
            yield
        finally:
            await engine.stop()

    def error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        return PlainTextResponse(message.replace("\n", " ") + "\n", status_code=status, headers=headers)

    async def run(kind: str, payload: dict[str, Any]) -> Response:
        try:
            status, data = await engine.call(kind, payload)
        except QueryTimeout as err:
            return error(503, str(err), {"Retry-After": "1"})
        except WorkerFailed as err:
            return error(500, str(err))
        if status == "syntax":
            return error(400, f"SPARQL syntax error: {data}")
        if status != "ok":
            return error(500, f"query failed: {data}")
        code, media, body, headers = data
        if code == 204:
            return Response(status_code=204)
        if media.startswith(_TEXTUAL) and "charset" not in media:
            media += "; charset=utf-8"
        return Response(body, status_code=code, media_type=media, headers=headers)

    async def endpoint(request: Request) -> Response:
        params = list(request.query_params.multi_items())
        query = update = None
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            length = int(request.headers.get("content-length") or 0)
            if length > MAX_REQUEST_BYTES:
                return error(413, f"request body over {MAX_REQUEST_BYTES} bytes")
            body = await request.body()
            if len(body) > MAX_REQUEST_BYTES:
                return error(413, f"request body over {MAX_REQUEST_BYTES} bytes")
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                return error(400, "the request body is not UTF-8")
            if ctype == "application/x-www-form-urlencoded":
                form = parse_qsl(text, keep_blank_values=True)
                params += form
                query = next((v for k, v in form if k == "query"), None)
                update = next((v for k, v in form if k == "update"), None)
            elif ctype == "application/sparql-query":
                query = text
            elif ctype == "application/sparql-update":
                update = text
            else:
                return error(415, f"unsupported content type {ctype or '(none)'}: use application/sparql-query, "
                                  "application/sparql-update or application/x-www-form-urlencoded")
        else:
            query = next((v for k, v in params if k == "query"), None)
            if any(k == "update" for k, _ in params):
                return error(400, "SPARQL Update must be sent by POST")
        if request.url.path == "/update" and query is not None:
            return error(400, "/update takes SPARQL Update only; send queries to /sparql or /query")
        if query is not None and update is not None:
            return error(400, "give either query or update, not both")
        if update is not None:
            if not config.allow_update:
                return error(403, "SPARQL Update is disabled on this server (start kg serve with --allow-update --token T)")
            given = request.headers.get("authorization", "")
            token = given[7:].strip() if given[:7].lower() == "bearer " else ""
            if not (config.token and token and hmac.compare_digest(token.encode(), config.token.encode())):
                return error(403, "SPARQL Update needs the header Authorization: Bearer <token> with the server's token")
            return await run("update", {"update": update})
        if query is None:
            if request.method == "POST":
                return error(400, "no query or update in the request")
            return await description(request)
        return await run("query", {
            "query": query, "accept": request.headers.get("accept"), "max_rows": config.max_rows,
            "default_graphs": [v for k, v in params if k == "default-graph-uri"],
            "named_graphs": [v for k, v in params if k == "named-graph-uri"]})

    async def description(request: Request) -> Response:
        offers = ["text/turtle", "text/html", "application/n-triples", "application/ld+json", "application/rdf+xml"]
        accept = request.headers.get("accept")
        media = negotiate(accept, offers)
        if media is None:
            return error(406, f"cannot serve Accept: {accept}; use text/html or one of {', '.join(offers)}")
        if media == "text/html":
            return HTMLResponse(page(), headers={"Content-Security-Policy": _CSP})
        fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
               "application/rdf+xml": "xml"}[media]
        url = str(request.url.replace(query=""))
        graph = service_description(url)
        # The dataset it serves, described as every export is (VoID/DCAT), with this endpoint.
        from kg.graph.describe import DATASET

        status, data = await engine.call("description", {"endpoint": url, "dataset": DATASET.value})
        if status == "ok":
            from rdflib import URIRef
            from rdflib.namespace import Namespace

            graph.parse(data=data[2].decode("utf-8"), format="nt")
            graph.bind("void", Namespace("http://rdfs.org/ns/void#"))
            graph.add((URIRef(url + "#service"), URIRef("http://www.w3.org/ns/sparql-service-description#defaultDataset"),
                       URIRef(DATASET.value)))
        body = graph.serialize(format=fmt, encoding="utf-8")
        return Response(body, media_type=media + ("; charset=utf-8" if media != "application/ld+json" else ""))

    def service_description(url: str):  # type: ignore[no-untyped-def]
        from rdflib import BNode, Graph, Literal, Namespace, URIRef
        from rdflib.namespace import RDF

        SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
        FORMATS = Namespace("http://www.w3.org/ns/formats/")
        g = Graph()
        g.bind("sd", SD)
        g.bind("formats", FORMATS)
        service = URIRef(url + "#service")
        g.add((service, RDF.type, SD.Service))
        g.add((service, SD.endpoint, URIRef(url)))
        g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
        if config.allow_update:
            g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
        g.add((service, SD.feature, SD.UnionDefaultGraph))
        for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                    "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
            g.add((service, SD.resultFormat, FORMATS[fmt]))
        dataset = BNode()
        default = BNode()
        g.add((service, SD.defaultDataset, dataset))
        g.add((dataset, RDF.type, SD.Dataset))
        g.add((dataset, SD.defaultGraph, default))
        g.add((default, RDF.type, SD.Graph))
        g.add((service, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
               Literal(f"kg: diplomatic relations from news. Default graph: the union of the named graphs. "
                       f"Limits: {config.timeout:g} s and {config.max_rows} rows per query.")))
        return g

    def page() -> str:
        from kg.graph.queries import named_queries

        data = {name: text for name, text in sorted(named_queries().items())}
        blob = (json.dumps(data, ensure_ascii=False).replace("&", "\\u0026").replace("<", "\\u003c")
                .replace(">", "\\u003e"))
        return (_PAGE.replace("__QUERIES__", blob)
                .replace("__LIMITS__", html.escape(f"{config.timeout:g} s, {config.max_rows} rows per query")))

    async def resource(request: Request) -> Response:
        """GET /id/...: the kg IRI <base>id/... described, by content negotiation."""
        offers = {"text/turtle": "TURTLE", "application/ld+json": "JSON_LD", "application/n-triples": "N_TRIPLES",
                  "text/html": "HTML", "application/rdf+xml": "RDF_XML"}
        accept = request.headers.get("accept")
        media = negotiate(accept, list(offers))
        if media is None:
            return error(406, f"cannot serve Accept: {accept}; use one of {', '.join(offers)}")
        path = request.url.path[len("/id/"):]
        iri = config.base.rstrip("/") + "/id/" + path
        if not path or set(iri) & set('<>"{}|^`\\ '):
            return error(404, f"no resource {iri}")
        response = await run("resource", {"iri": iri, "format": offers[media], "media": media})
        response.headers["Vary"] = "Accept"
        return response

    async def viz(request: Request) -> Response:
        from kg.network.projection import VIEWS

        q = request.query_params
        view = q.get("view", "full")
        if view not in VIEWS:
            return error(400, f"unknown view {view!r}: use {', '.join(VIEWS)}")
        layout = q.get("layout", "force")
        if layout not in ("force", "geo"):
            return error(400, f"unknown layout {layout!r}: use force, geo")
        filters = {k: q.get(k) or None for k in ("topic", "type", "since", "until", "lang")}
        response = await run("viz", {"view": view, "filters": filters, "layout": layout})
        return response

    async def explain(request: Request) -> Response:
        article = request.path_params["article"]
        if not re.fullmatch(r"[0-9a-f]{64}", article):
            return error(404, f"no article {article!r}: /explain/ takes a content hash")
        return await run("explain", {"article": article})

    routes = [
        Route("/", endpoint, methods=["GET", "POST"]),
        Route("/sparql", endpoint, methods=["GET", "POST"]),
        Route("/query", endpoint, methods=["GET", "POST"]),
        Route("/update", endpoint, methods=["POST"]),
        Route("/viz", viz, methods=["GET"]),
        Route("/explain/{article}", explain, methods=["GET"]),
        Route("/id/{path:path}", resource, methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.engine = engine
    return app


def serve(config: ServerConfig, host: str = "127.0.0.1", port: int = 7878, log_level: str = "warning") -> None:
    import uvicorn

    uvicorn.run(create_app(config), host=host, port=port, log_level=log_level)


_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:"

_PAGE = r"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1rem 2rem;color:#222}
textarea{width:100%;height:14rem;font:13px/1.3 monospace;box-sizing:border-box}
button{margin:.2rem .3rem .2rem 0;padding:.3rem .7rem;cursor:pointer}
#status{margin:.5rem 0;color:#555}#status.error{color:#b00020}
table{border-collapse:collapse;margin-top:.5rem;font-size:13px}
th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top;max-width:40rem;overflow-wrap:anywhere}
th{background:#f2f2f2}pre{background:#f7f7f7;padding:.5rem;overflow:auto;max-height:30rem}
nav a{margin-right:1rem}
</style></head>
<body>
<h1>kg SPARQL endpoint</h1>
<nav><a href="/viz">network view</a><a href="/viz?view=countries">countries view</a><a href="/viz?view=countries&amp;layout=geo">countries on a map</a></nav>
<p>SPARQL 1.1 at <code>/sparql</code> (GET <code>?query=</code>, POST form or <code>application/sparql-query</code>).
GET without a query (and without Accept: text/html) gives the service description in Turtle. The default graph is the union of the named graphs; the prefixes kg:, country:, org:, skos:, ... are predeclared.
Limits: __LIMITS__.</p>
<div id="named"><strong>Named queries:</strong> </div>
<textarea id="query" spellcheck="false">SELECT ?person ?country WHERE { ?person kg:holdsRoleIn ?country } LIMIT 50</textarea>
<div><button id="run" type="button">Run query</button></div>
<div id="status"></div>
<div id="result"></div>
<script type="application/json" id="queries">__QUERIES__</script>
<script>
(function () {
  "use strict";
  var queries = JSON.parse(document.getElementById("queries").textContent);
  var named = document.getElementById("named");
  var box = document.getElementById("query");
  var status = document.getElementById("status");
  var result = document.getElementById("result");
  Object.keys(queries).forEach(function (name) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = name;
    b.addEventListener("click", function () { box.value = queries[name]; run(); });
    named.appendChild(b);
  });
  function say(text, isError) { status.textContent = text; status.className = isError ? "error" : ""; }
  function termText(t) {
    if (!t) return "";
    if (t.type === "literal" && t["xml:lang"]) return t.value + " @" + t["xml:lang"];
    return t.value;
  }
  function table(data) {
    var vars = data.head.vars || [];
    var t = document.createElement("table");
    var tr = document.createElement("tr");
    vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; tr.appendChild(th); });
    t.appendChild(tr);
    data.results.bindings.forEach(function (row) {
      var r = document.createElement("tr");
      vars.forEach(function (v) { var td = document.createElement("td"); td.textContent = termText(row[v]); r.appendChild(td); });
      t.appendChild(r);
    });
    return t;
  }
  function run() {
    say("running…", false);
    while (result.firstChild) result.removeChild(result.firstChild);
    var started = Date.now();
    fetch("/sparql", {method: "POST",
      headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
      body: box.value})
    .then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var truncated = response.headers.get("X-KG-Truncated") === "true";
      return response.text().then(function (text) {
        var ms = (Date.now() - started) + " ms";
        if (!response.ok) { say(response.status + ": " + text, true); return; }
        if (type.indexOf("json") >= 0) {
          var data = JSON.parse(text);
          if (typeof data.boolean === "boolean") { say("answer: " + data.boolean + " (" + ms + ")", false); return; }
          say(data.results.bindings.length + " rows" + (truncated ? " (truncated at the row limit)" : "") + " in " + ms, false);
          result.appendChild(table(data));
        } else {
          say("graph" + (truncated ? " (truncated at the row limit)" : "") + " in " + ms, false);
          var pre = document.createElement("pre");
          pre.textContent = text;
          result.appendChild(pre);
        }
      });
    })
    .catch(function (e) { say("request failed: " + e, true); });
  }
  document.getElementById("run").addEventListener("click", run);
  box.addEventListener("keydown", function (e) { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
})();
</script>
</body></html>
"""
