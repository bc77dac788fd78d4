from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg
from kg.errors import KGError
from kg.graph.store import Store

from conftest import SEEDS


def test_persistent_and_idempotent(tmp_path: Path) -> None:
    with kg.open(tmp_path / "s") as graph:
        assert graph.ingest([SEEDS]).ingested == 1
        before = graph.store.triple_count()
    with kg.open(tmp_path / "s") as graph:
        report = graph.ingest([SEEDS])
        assert (report.ingested, report.skipped) == (0, 1)
        assert graph.store.triple_count() == before
        assert graph.query_named("roles")


def test_same_fact_from_two_articles_is_one_claim_with_two_evidences() -> None:
    with kg.open(None) as graph:
        graph.ingest_text("Японія та Україна підписали угоду про оборонну співпрацю.", date="2026-01-01")
        graph.ingest_text("Україна і Японія підписали нову угоду про оборонну співпрацю у Токіо.", date="2026-02-01")
        rows = graph.query("""PREFIX kg: <https://w3id.org/diplokg/ontology#>
            SELECT ?claim (COUNT(DISTINCT ?ev) AS ?n) WHERE { ?claim a kg:RelationClaim ; kg:supportedBy ?ev ;
            kg:topic ?t } GROUP BY ?claim""")
        assert len(rows) == 1 and rows[0]["n"] == 2


def test_removing_an_article_removes_its_claims() -> None:
    with kg.open(None) as graph:
        graph.ingest_text("Японія та Україна підписали угоду про оборонну співпрацю.")
        [name] = list(graph.store.article_graphs())
        graph.store.remove_article_graph(name)
        assert graph.query_named("relations") == []


def test_second_writer_waits_then_fails_cleanly(tmp_path: Path) -> None:
    first = Store(tmp_path / "s")
    try:
        with pytest.raises(KGError, match="E014"):
            Store(tmp_path / "s", lock_timeout=0.2)
    finally:
        first.close()
    Store(tmp_path / "s").close()  # free again once the first writer is gone


def test_newer_format_is_refused_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    Store(folder).close()
    meta = folder / "kg-store.json"
    meta.write_text(json.dumps({"format": 99}))
    with pytest.raises(KGError, match="E016"):
        Store(folder)
    assert json.loads(meta.read_text())["format"] == 99


def test_not_a_store_folder(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(KGError, match="E020"):
        Store(tmp_path)


def test_values_enter_queries_as_bindings_only(seed_graph) -> None:  # type: ignore[no-untyped-def]
    from rdflib import Literal, URIRef

    q = "SELECT ?p WHERE { ?p kg:holdsRoleIn ?c }"
    assert len(seed_graph.query(q, c=URIRef("https://w3id.org/diplokg/id/country/JP"))) == 1
    hostile = Literal('x" } ?p ?q ?r . { "')
    assert seed_graph.query("SELECT ?a WHERE { ?a kg:sentence ?s }", s=hostile) == []
    with pytest.raises(KGError):
        seed_graph.query(q, c=URIRef("https://x> } DROP ALL { <y"))
