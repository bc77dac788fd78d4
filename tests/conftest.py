from __future__ import annotations

import importlib.util
import os
import urllib.error
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Iterator

import pytest

import kg

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
EVALUATION = ROOT / "evaluation"
# The SPARQL servers .ci/run starts, by the variable that holds each one's URL.
SERVERS = {"oxigraph": "KG_TEST_OXIGRAPH_URL", "virtuoso": "KG_TEST_VIRTUOSO_URL"}


def bench_generator() -> ModuleType:
    """``benchmarks/generate.py`` (the corpus generator of the benchmarks), imported from its file."""
    spec = importlib.util.spec_from_file_location("kg_bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _reachable(url: str) -> str | None:
    from kg.graph.remote import endpoints

    query_url = endpoints(url)[0]
    try:
        req = urllib.request.Request(query_url + "?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"})
        urllib.request.urlopen(req, timeout=5).read()
        return None
    except (urllib.error.URLError, OSError) as err:
        return f"{query_url} does not answer: {err}"


def wipe_remote(url: str) -> None:
    """Drop every kg graph of the remote store at ``url``."""
    from kg.graph.remote import RemoteStore

    store = RemoteStore(url, load_ontology=False)
    try:
        for name in store._kg_graphs():
            store.update(f"DROP SILENT GRAPH <{name}>")
    finally:
        store.close()


@pytest.fixture(params=list(SERVERS))
def remote_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of an empty remote store (each server .ci/run starts); skipped, saying why, when it is not set or
    does not answer."""
    variable = SERVERS[request.param]
    value = os.environ.get(variable)
    if not value:
        pytest.skip(f"{variable} is not set (.ci/run starts the {request.param} server and sets it)")
    reason = _reachable(value)
    if reason:
        pytest.skip(f"{request.param} server not reachable: {reason}")
    wipe_remote(value)
    yield value
    wipe_remote(value)


@pytest.fixture(scope="session")
def seed_graph() -> Iterator[kg.KnowledgeGraph]:
    """An in-memory graph with the seed article ingested (shared: tests must not write to it)."""
    graph = kg.open(None)
    report = graph.ingest([SEEDS])
    assert report.ingested == 1 and report.ok
    yield graph
    graph.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium through playwright, headless, with no background networking (browser tests only: their
    modules skip before this runs when playwright or Chromium is missing)."""
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium",
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()
