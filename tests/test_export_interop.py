"""Exports that other systems read: round trips through `kg import`, independent parsers (pyoxigraph, rdflib,
Debian's `rapper`), and exports of a part (by article, date, topic) checked against stores built from that part."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.graph.export import FORMATS, SUFFIX
from kg.graph.store import Store

from conftest import SEEDS

runner = CliRunner()
OTHER = ("Президент Франції Еммануель Макрон провів переговори з канцлером Німеччини Фрідріхом Мерцом. "
         "Франція та Німеччина підписали угоду про торговельну співпрацю. "
         "Японія та Україна підписали угоду про оборонну співпрацю.")
OTHER_DATE = "2026-03-05"  # after the seed's 2026-02-20
QUAD_FORMATS = [f for f, x in FORMATS.items() if x.supports_datasets]
RAPPER = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads", "trig": "trig", "rdfxml": "rdfxml"}
RDFLIB = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "rdfxml": "xml"}


def _ingest(path: Path, seed: bool, other: bool) -> None:
    with kg.open(path) as graph:
        if seed:
            assert graph.ingest([SEEDS]).ingested == 1
        if other:
            assert graph.ingest_text(OTHER, date=OTHER_DATE, title="Other").ingested == 1


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("interop")
    out = {"both": root / "both", "seed": root / "seed", "other": root / "other"}
    _ingest(out["both"], True, True)
    _ingest(out["seed"], True, False)
    _ingest(out["other"], False, True)
    return out


def _export(store: Path, fmt: str, path: Path, *options: str) -> Path:
    result = runner.invoke(app, ["export", "--store", str(store), "--format", fmt, "-o", str(path), *options])
    assert result.exit_code == 0, result.output
    return path


def _dataset(path: Path, fmt: str) -> dict[str, Graph]:
    """Graphs by name (quad formats) or {"": union} (triple formats), read by rdflib."""
    if fmt in QUAD_FORMATS:
        ds = Dataset()
        ds.parse(path, format=RDFLIB[fmt])
        return {str(g.identifier): Graph().__iadd__(g) for g in ds.graphs() if len(g)}
    return {"": Graph().parse(path, format=RDFLIB[fmt])}


def _same(a: dict[str, Graph], b: dict[str, Graph]) -> bool:
    return a.keys() == b.keys() and all(isomorphic(a[k], b[k]) for k in a)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_round_trip_through_import(stores: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    first = _export(stores["both"], fmt, tmp_path / f"graph.{SUFFIX[fmt]}")
    fresh = tmp_path / "fresh"
    result = runner.invoke(app, ["import", str(first), "--store", str(fresh)])
    assert result.exit_code == 0, result.output
    second = _export(fresh, fmt, tmp_path / f"again.{SUFFIX[fmt]}")
    assert _same(_dataset(first, fmt), _dataset(second, fmt))
    with kg.open(stores["both"]) as a, kg.open(fresh) as b:
        assert sorted(map(str, a.query_named("roles"))) == sorted(map(str, b.query_named("roles")))
        assert sorted(map(str, a.query_named("relations"))) == sorted(map(str, b.query_named("relations")))


def test_store_load_keeps_graphs(stores: dict[str, Path], tmp_path: Path) -> None:
    path = _export(stores["both"], "nquads", tmp_path / "graph.nq")
    with Store(None) as store:
        assert store.load(path, ox.RdfFormat.N_QUADS) == len(path.read_text().splitlines())
        with Store(stores["both"], read_only=True) as original:
            assert sorted(store.data_graphs()) == sorted(original.data_graphs())
            assert store.triple_count() == original.triple_count()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_independent_parsers_read_every_export(stores: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    path = _export(stores["both"], fmt, tmp_path / f"graph.{SUFFIX[fmt]}")
    count = len(list(ox.parse(path=path, format=FORMATS[fmt])))
    assert count > 100
    assert sum(len(g) for g in _dataset(path, fmt).values()) == count  # rdflib, another implementation
    if fmt not in RAPPER:
        return  # raptor has no JSON-LD parser: rdflib read it above
    if shutil.which("rapper") is None:
        pytest.skip("rapper not installed (Debian package raptor2-utils)")
    run = subprocess.run(["rapper", "-i", RAPPER[fmt], "-c", str(path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    found = re.search(r"returned (\d+) (?:triples|statements)", run.stderr)
    assert found and int(found.group(1)) == count, run.stderr


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle"])
def test_export_of_one_article_is_the_store_of_that_article(stores: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    with kg.open(stores["other"]) as graph:
        [name] = list(graph.store.article_graphs())
    article_id = str(name).rsplit("/", 1)[1]
    part = _export(stores["both"], fmt, tmp_path / f"part.{SUFFIX[fmt]}", "--article", article_id)
    alone = _export(stores["other"], fmt, tmp_path / f"alone.{SUFFIX[fmt]}")
    assert _same(_dataset(part, fmt), _dataset(alone, fmt))
    by_iri = _export(stores["both"], fmt, tmp_path / f"iri.{SUFFIX[fmt]}", "--article",
                     f"https://w3id.org/diplokg/id/article/{article_id}")
    assert _same(_dataset(by_iri, fmt), _dataset(alone, fmt))


def test_export_since_a_date(stores: dict[str, Path], tmp_path: Path) -> None:
    part = _export(stores["both"], "trig", tmp_path / "since.trig", "--since", "2026-03-01")
    assert _same(_dataset(part, "trig"), _dataset(_export(stores["other"], "trig", tmp_path / "o.trig"), "trig"))
    seed_only = _export(stores["both"], "trig", tmp_path / "s.trig", "--since", "2026-02-01", "--article",
                        _seed_id(stores["seed"]))
    assert _same(_dataset(seed_only, "trig"), _dataset(_export(stores["seed"], "trig", tmp_path / "s2.trig"), "trig"))
    nothing = _export(stores["both"], "trig", tmp_path / "none.trig", "--since", "2027-01-01")
    assert _dataset(nothing, "trig") == {}


def _seed_id(store: Path) -> str:
    with kg.open(store) as graph:
        [name] = list(graph.store.article_graphs())
    return str(name).rsplit("/", 1)[1]


def test_export_of_a_topic(stores: dict[str, Path], tmp_path: Path) -> None:
    part = _export(stores["both"], "trig", tmp_path / "defence.trig", "--topic", "defence")
    fresh = tmp_path / "fresh"
    assert runner.invoke(app, ["import", str(part), "--store", str(fresh)]).exit_code == 0
    with kg.open(stores["both"]) as full, kg.open(fresh) as only:
        expected = [r for r in full.query_named("relations") if r["topic"] == "defence"]
        got = only.query_named("relations")
        assert expected and sorted(map(str, got)) == sorted(map(str, expected))
        assert only.query_named("roles") == []
        # every claim in the part has the topic; the evidence of other topics' claims is not there
        claims = only.query("SELECT DISTINCT ?c ?t WHERE { ?c a kg:RelationClaim . OPTIONAL { ?c kg:topic ?t } }")
        assert claims and all(str(r["t"]).endswith("/defence") for r in claims)
    trade = _export(stores["both"], "trig", tmp_path / "economy.trig", "--topic", "economy", "--since", "2026-03-01")
    names = {str(g) for g in _dataset(trade, "trig")}
    assert names and all(not n.endswith(_seed_id(stores["seed"])) for n in names)


def test_unknown_article_or_topic_fails_cleanly(stores: dict[str, Path], tmp_path: Path) -> None:
    for option in (["--article", "nope"], ["--topic", "nope"], ["--since", "yesterday"]):
        result = runner.invoke(app, ["export", "--store", str(stores["both"]), "-o", str(tmp_path / "x.ttl"), *option])
        assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
        assert not (tmp_path / "x.ttl").exists()
