"""`kg serve`, for real: the CLI in a subprocess on a free port, real HTTP requests (urllib and SPARQLWrapper)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

import kg
from kg.graph.queries import named_queries

from conftest import SEEDS

SD = "http://www.w3.org/ns/sparql-service-description#"
TOKEN = "s3cret-token"
ROLES = "SELECT ?person ?country WHERE { ?person kg:holdsRoleIn ?country } ORDER BY ?person"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^11 rows on the ontology


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, store: Path, *args: str) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "KG_SERVE_TOKEN": ""}
        self.log = store.parent / f"serve-{self.port}.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from kg.cli import app; app()", "serve", "--store", str(store), "--port", str(self.port), *args],
            stdout=self.log.open("wb"), stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + 90
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"kg serve exited: {self.log.read_text()}")
            try:
                urllib.request.urlopen(self.base + "/sparql?query=ASK%7B%7D", timeout=2).read()
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"kg serve did not answer in 90 s: {self.log.read_text()}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)

    def request(self, path: str, *, params: dict[str, str] | None = None, data: bytes | None = None,
                headers: dict[str, str] | None = None, method: str | None = None) -> tuple[int, dict[str, str], bytes]:
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=60) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError as err:
            return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("served") / "store"
    with kg.open(folder) as graph:
        assert graph.ingest([SEEDS]).ingested == 1
    return folder


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[Server]:
    s = Server(store_dir, "--timeout", "3", "--max-rows", "100")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("writable") / "store"
    with kg.open(folder) as graph:
        graph.ingest([SEEDS])
    s = Server(folder, "--allow-update", "--token", TOKEN, "--timeout", "20")
    yield s
    s.stop()


def _bindings(body: bytes) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(body)["results"]["bindings"]]


def test_get_post_and_direct_post_agree(server: Server) -> None:
    status, headers, body = server.request("/sparql", params={"query": ROLES})
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    rows = _bindings(body)
    assert {r["country"].rsplit("/", 1)[1] for r in rows} == {"JP", "UA"}
    form = urllib.parse.urlencode({"query": ROLES}).encode()
    assert _bindings(server.request("/sparql", data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded"})[2]) == rows
    assert _bindings(server.request("/sparql", data=ROLES.encode(), headers={
        "Content-Type": "application/sparql-query"})[2]) == rows
    assert _bindings(server.request("/query", params={"query": ROLES})[2]) == rows


@pytest.mark.parametrize("accept, media, check", [
    ("application/sparql-results+xml", "application/sparql-results+xml", b"<sparql"),
    ("text/csv", "text/csv", b"person,country\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", b"?person\t?country"),
    ("text/csv;q=0.2, application/sparql-results+json", "application/sparql-results+json", b'"bindings"'),
    ("*/*", "application/sparql-results+json", b'"bindings"'),
])
def test_select_content_negotiation(server: Server, accept: str, media: str, check: bytes) -> None:
    status, headers, body = server.request("/sparql", params={"query": ROLES}, headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(media)
    assert check in body


def test_ask(server: Server) -> None:
    q = "ASK { ?p kg:holdsRoleIn country:JP }"
    assert json.loads(server.request("/sparql", params={"query": q})[2]) == {"head": {}, "boolean": True}
    status, headers, body = server.request("/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+xml"})
    assert status == 200 and b"<boolean>true</boolean>" in body


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                         ("application/ld+json", "json-ld")])
def test_construct_content_negotiation(server: Server, accept: str, fmt: str) -> None:
    q = "CONSTRUCT { ?p kg:holdsRoleIn ?c } WHERE { ?p kg:holdsRoleIn ?c }"
    status, headers, body = server.request("/sparql", params={"query": q}, headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(accept)
    g = Graph().parse(data=body, format=fmt)
    assert {str(o).rsplit("/", 1)[1] for o in g.objects()} == {"JP", "UA"} and len(g) == 2


def test_malformed_query_is_400_with_one_line(server: Server) -> None:
    status, headers, body = server.request("/sparql", params={"query": "SELECT ?x WHERE { ?x "})
    assert status == 400 and headers["content-type"].startswith("text/plain")
    text = body.decode()
    assert text.startswith("SPARQL syntax error") and text.count("\n") == 1


def test_unsupported_accept_is_406(server: Server) -> None:
    assert server.request("/sparql", params={"query": ROLES}, headers={"Accept": "image/png"})[0] == 406
    q = "CONSTRUCT WHERE { ?s kg:holdsRoleIn ?o }"
    assert server.request("/sparql", params={"query": q}, headers={"Accept": "text/csv"})[0] == 406


def test_unsupported_content_type_is_415(server: Server) -> None:
    assert server.request("/sparql", data=b"x", headers={"Content-Type": "image/png"})[0] == 415


def test_service_description_and_page(server: Server) -> None:
    status, headers, body = server.request("/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=body, format="turtle")
    [service] = list(g.subjects(RDF.type, URIRef(SD + "Service")))
    assert (service, URIRef(SD + "endpoint"), URIRef(server.base + "/sparql")) in g
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) not in g
    status, headers, body = server.request("/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "<textarea" in page and 'href="/viz"' in page
    assert all(name in page for name in named_queries())
    assert "innerHTML" not in page and "src=\"http" not in page and "href=\"http" not in page


def test_viz_page(server: Server) -> None:
    status, headers, body = server.request("/viz", params={"view": "countries"})
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"vis-network" in body or b"vis.Network" in body
    assert server.request("/viz", params={"view": "nope"})[0] == 400


def test_explain_page_and_views_link_to_it(server: Server) -> None:
    seed = "7f4fa472a8f3264fb142c60f78d7e76ca91a0f7266d92a683a1b861425ae7e32"
    status, headers, body = server.request(f"/explain/{seed}")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b'<mark class="kg-person"' in body and b'id="kg-claims"' in body and b"<script" not in body
    assert server.request("/explain/" + "0" * 64)[0] == 404  # E050, one line
    assert server.request("/explain/nope")[0] == 404
    status, _, body = server.request("/viz", params={"view": "countries", "layout": "geo"})
    assert status == 200 and b'"explain": "/explain/{article}"' in body and b'"layout": "geo"' in body
    assert server.request("/viz", params={"layout": "nope"})[0] == 400


def test_updates_refused_on_a_read_only_server(server: Server) -> None:
    update = b"INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    status, _, body = server.request("/sparql", data=update, headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and b"--allow-update" in body
    form = urllib.parse.urlencode({"update": update.decode()}).encode()
    assert server.request("/sparql", data=form, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                        "Authorization": f"Bearer {TOKEN}"})[0] == 403


def test_updates_need_the_token(writable: Server) -> None:
    update = b"INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 'c' } }"
    ask = {"query": "ASK { <http://example.org/a> <http://example.org/b> 'c' }"}
    headers = {"Content-Type": "application/sparql-update"}
    assert writable.request("/update", data=update, headers=headers)[0] == 403
    assert writable.request("/update", data=update, headers={**headers, "Authorization": "Bearer wrong"})[0] == 403
    assert json.loads(writable.request("/sparql", params=ask)[2])["boolean"] is False
    assert writable.request("/update", data=update, headers={**headers, "Authorization": f"Bearer {TOKEN}"})[0] == 204
    assert json.loads(writable.request("/sparql", params=ask)[2])["boolean"] is True
    status, _, body = writable.request("/sparql", headers={"Accept": "text/turtle"})
    assert URIRef(SD + "SPARQL11Update") in set(Graph().parse(data=body, format="turtle").objects())


def test_row_limit_truncates(server: Server) -> None:
    status, headers, body = server.request("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert status == 200 and headers.get("x-kg-truncated") == "true"
    assert len(_bindings(body)) == 100
    status, headers, body = server.request("/sparql", params={"query": ROLES})
    assert "x-kg-truncated" not in headers


def test_time_limit_stops_the_query_and_the_server_stays_up(server: Server) -> None:
    started = time.time()
    status, _, body = server.request("/sparql", params={"query": SLOW})
    assert status == 503 and b"limit of 3 s" in body
    assert time.time() - started < 15
    for _ in range(3):  # the other worker answers at once; the killed one is replaced in the background
        assert server.request("/sparql", params={"query": ROLES})[0] == 200


def test_sparqlwrapper_client(server: Server) -> None:
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(server.base + "/sparql")
    client.setQuery("PREFIX kg: <https://w3id.org/diplokg/ontology#> " + ROLES)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert {r["country"]["value"].rsplit("/", 1)[1] for r in rows} == {"JP", "UA"}
    client.setQuery("ASK { ?p <https://w3id.org/diplokg/ontology#holdsRoleIn> ?c }")
    assert client.query().convert()["boolean"] is True  # type: ignore[index,call-overload]
    client.setQuery("CONSTRUCT { ?p <https://w3id.org/diplokg/ontology#holdsRoleIn> ?c } "
                    "WHERE { ?p <https://w3id.org/diplokg/ontology#holdsRoleIn> ?c }")
    client.setReturnFormat(TURTLE)
    data = client.query().convert()
    assert len(Graph().parse(data=data, format="turtle")) == 2
    client.setQuery("SELECT ?x WHERE { ?x")
    client.setReturnFormat(JSON)
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed):
        client.query()


def test_remote_store_reads_a_kg_server(server: Server) -> None:
    """kg's own remote store works against kg serve (union default graph: native)."""
    with kg.open(server.base + "/query") as graph:
        rows = graph.query_named("roles")
        assert sorted((r["role"], r["country"]) for r in rows) == [("president", "UA"), ("prime_minister", "JP")]
        assert graph.store._union_mode() == "native"


# -- resolvable IRIs (/id/...) and the dataset in the service description ----------------------------------------

UA = "https://w3id.org/diplokg/id/country/UA"


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                        ("application/n-triples", "nt")])
def test_iri_resolves_by_content_negotiation(server: Server, accept: str, fmt: str) -> None:
    status, headers, body = server.request("/id/country/UA", headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(accept), body[:300]
    assert "accept" in headers.get("vary", "").lower()
    g = Graph().parse(data=body, format=fmt)
    assert (URIRef(UA), URIRef("http://www.w3.org/2004/02/skos/core#exactMatch"),
            URIRef("http://www.wikidata.org/entity/Q212")) in g
    assert len(list(g.triples((URIRef(UA), None, None)))) > 10


def test_person_page_and_description(server: Server) -> None:
    status, _, body = server.request("/id/person/UA/slnsk", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=body, format="turtle")
    person = URIRef("https://w3id.org/diplokg/id/person/UA/slnsk")
    assert (person, URIRef("https://schema.org/sameAs"), URIRef("http://www.wikidata.org/entity/Q3874799")) in g
    firsts = list(g.objects(None, URIRef("https://w3id.org/diplokg/ontology#firstReported")))
    assert [str(d) for d in firsts] == ["2026-02-20"]
    status, headers, body = server.request("/id/person/UA/slnsk", headers={"Accept": "text/html"})
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "Зеленський" in page and "Q3874799" in page and "2026-02-20" in page and "president" in page
    assert server.request("/id/country/UA", headers={"Accept": "text/html"})[0] == 200


def test_unknown_iri_is_404_and_odd_accept_406(server: Server) -> None:
    assert server.request("/id/country/ZZ", headers={"Accept": "text/turtle"})[0] == 404
    assert server.request("/id/person/%3Cx%3E", headers={"Accept": "text/turtle"})[0] == 404
    assert server.request("/id/country/UA", headers={"Accept": "image/png"})[0] == 406


def test_service_description_holds_the_dataset(server: Server) -> None:
    status, _, body = server.request("/sparql", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=body, format="turtle")
    void = "http://rdfs.org/ns/void#"
    [dataset] = list(g.subjects(RDF.type, URIRef(void + "Dataset")))
    assert (dataset, URIRef(void + "sparqlEndpoint"), URIRef(server.base + "/sparql")) in g
    assert int(next(g.objects(dataset, URIRef(void + "triples")))) > 100


def test_serve_base_maps_another_iri_space(tmp_path: Path) -> None:
    with kg.open(tmp_path / "store") as graph:  # its own store: a running server holds the other's lock
        graph.ingest([SEEDS])
    s = Server(tmp_path / "store", "--base", "https://example.org/kg/")
    try:
        assert s.request("/id/country/UA", headers={"Accept": "text/turtle"})[0] == 404  # not in that space
    finally:
        s.stop()


def test_serve_refuses_a_base_that_is_not_http(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "s"), "--base", "ftp://example.org/"])
    assert result.exit_code != 0 and "--base" in result.output
