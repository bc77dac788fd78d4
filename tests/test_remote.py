"""The remote store against real SPARQL servers: Oxigraph server and Virtuoso, started by .ci/run.

Each server's URL comes from ``KG_TEST_OXIGRAPH_URL`` / ``KG_TEST_VIRTUOSO_URL``; a test is skipped, with the
reason, when its variable is unset or the server does not answer. Before each test every kg graph
(``https://w3id.org/diplokg/graph/...``) is dropped one by one (never ``DROP ALL``: Virtuoso keeps its own graphs).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import kg
from kg.cli import app

from conftest import SEEDS

runner = CliRunner()


@pytest.fixture
def url(remote_url: str) -> str:
    return remote_url


def _key(rows: list[dict[str, object]]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, default=str, ensure_ascii=False) for r in rows)


def test_end_to_end_like_the_embedded_store(url: str, seed_graph: kg.KnowledgeGraph) -> None:
    with kg.open(url) as graph:
        report = graph.ingest([SEEDS])
        assert (report.ingested, report.skipped, report.ok) == (1, 0, True)
        roles = graph.query_named("roles")
        facts = {(r["name"], r["role"], r["country"]) for r in roles}
        assert ("Володимир Зеленський", "president", "UA") in facts
        assert ("Санае Такаїчі", "prime_minister", "JP") in facts
        relations = graph.query_named("relations")
        assert any((r["a"], r["b"], r["type"], r["topic"], r["status"]) == ("JP", "UA", "cooperation", "defence", "proposed")
                   for r in relations)
        # the same rows as the embedded store, value for value
        assert _key(roles) == _key(seed_graph.query_named("roles"))
        assert _key(relations) == _key(seed_graph.query_named("relations"))
        before = graph.store.triple_count()
        again = graph.ingest([SEEDS])
        assert (again.ingested, again.skipped) == (0, 1)
        assert graph.store.triple_count() == before == seed_graph.store.triple_count()
        # bindings travel as VALUES here too
        rows = graph.query("SELECT ?p WHERE { ?p kg:holdsRoleIn ?c }", c=URIRef("https://w3id.org/diplokg/id/country/JP"))
        assert len(rows) == 1


def test_replacing_and_removing_an_article(url: str) -> None:
    text = "Японія та Україна підписали угоду про оборонну співпрацю."
    with kg.open(url) as graph:
        graph.ingest_text(text, date="2026-01-01", title='A "quoted" title \\ with\nnew line and ʼапостроф')
        [name] = list(graph.store.article_graphs())
        titles = graph.query("SELECT ?t WHERE { ?a dcterms:title ?t }")
        with kg.open(None) as local:
            local.ingest_text(text, date="2026-01-01", title='A "quoted" title \\ with\nnew line and ʼапостроф')
            assert [r["t"] for r in titles] == [r["t"] for r in local.query("SELECT ?t WHERE { ?a dcterms:title ?t }")]
        assert '"quoted" title \\ with' in titles[0]["t"] and "ʼапостроф" in titles[0]["t"]
        count = graph.store.triple_count()
        from kg.pipeline.extraction import extract_article
        from kg.io.articles import make_article

        graph.store.add_article(extract_article(make_article(text, date="2026-01-01",
                                                             title='A "quoted" title \\ with\nnew line and ʼапостроф')))
        assert graph.store.triple_count() == count  # replaced as a whole, not added twice
        assert graph.query_named("relations")
        graph.store.remove_article_graph(name)
        assert graph.query_named("relations") == [] and list(graph.store.article_graphs()) == []
        assert graph.store.has_graph(kg.graph.store.ONTOLOGY_GRAPH)


def test_cli_commands_against_the_server(url: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(SEEDS), "--store", url])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["query", "--named", "roles", "--format", "json", "--store", url])
    assert result.exit_code == 0, result.output
    names = {b["name"]["value"] for b in json.loads(result.stdout)["results"]["bindings"]}
    assert "Володимир Зеленський" in names
    result = runner.invoke(app, ["stats", "--store", url])
    assert result.exit_code == 0 and "articles" in result.output, result.output
    html = tmp_path / "g.html"
    result = runner.invoke(app, ["viz", "--store", url, "-o", str(html)])
    assert result.exit_code == 0 and html.stat().st_size > 10_000, result.output
    trig = tmp_path / "g.trig"
    result = runner.invoke(app, ["export", "--store", url, "--format", "trig", "-o", str(trig)])
    assert result.exit_code == 0, result.output
    local = tmp_path / "local"
    runner.invoke(app, ["ingest", str(SEEDS), "--store", str(local)])
    result = runner.invoke(app, ["export", "--store", str(local), "--format", "trig", "-o", str(tmp_path / "l.trig")])
    assert result.exit_code == 0
    remote_ds, local_ds = Dataset(), Dataset()
    remote_ds.parse(trig, format="trig")
    local_ds.parse(tmp_path / "l.trig", format="trig")
    graphs = {str(g.identifier): g for g in remote_ds.graphs() if len(g)}
    expected = {str(g.identifier): g for g in local_ds.graphs() if len(g)}
    assert graphs.keys() == expected.keys()
    for name, g in graphs.items():
        assert isomorphic(Graph() + g, Graph() + expected[name]), name
    part = tmp_path / "defence.ttl"
    result = runner.invoke(app, ["export", "--store", url, "--format", "turtle", "--topic", "defence", "-o", str(part)])
    assert result.exit_code == 0, result.output
    assert len(Graph().parse(part)) > 10


def test_import_into_the_server(url: str, tmp_path: Path) -> None:
    local = tmp_path / "local"
    runner.invoke(app, ["ingest", str(SEEDS), "--store", str(local)])
    nq = tmp_path / "g.nq"
    assert runner.invoke(app, ["export", "--store", str(local), "--format", "nquads", "-o", str(nq)]).exit_code == 0
    result = runner.invoke(app, ["import", str(nq), "--store", url])
    assert result.exit_code == 0, result.output
    with kg.open(url) as graph, kg.open(local) as original:
        assert _key(graph.query_named("roles")) == _key(original.query_named("roles"))
        assert graph.ingest([SEEDS]).skipped == 1  # the imported article is recognised


def test_malformed_query_is_a_one_line_error(url: str) -> None:
    result = runner.invoke(app, ["query", "SELECT ?x WHERE { ?x", "--store", url])
    assert result.exit_code == 1 and result.output.startswith("E012"), result.output


def test_unreachable_endpoint_is_a_one_line_error() -> None:
    result = runner.invoke(app, ["stats", "--store", "http://127.0.0.1:9/query"])
    assert result.exit_code == 1 and result.output.startswith("E030"), result.output
