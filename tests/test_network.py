"""Network views and analytics through the CLI: --focus, filters on every view, stats, path, GraphML / GEXF."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from typer.testing import CliRunner

import kg
from kg.network.analytics import blocs, centrality, connection, strongest_partners, topic_partners
from kg.cli import app
from kg.errors import KGError
from kg.network.projection import Filters, resolve

from conftest import EVALUATION, SEEDS

runner = CliRunner()
ZELENSKY = "person:https://w3id.org/diplokg/id/person/UA/slnsk"
TAKAICHI = "person:https://w3id.org/diplokg/id/person/JP/tk"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 60 evaluation articles and the seed article, ingested once (tests only read it)."""
    path = tmp_path_factory.mktemp("network") / "store"
    result = runner.invoke(app, ["ingest", str(EVALUATION / "articles"), str(SEEDS), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def full(store: Path) -> nx.MultiGraph:
    with kg.open(store) as graph:
        return graph.to_networkx("full")


_PAGES: dict[tuple[str, ...], dict[str, Any]] = {}


def _viz(store: Path, tmp_path: Path, *args: str) -> dict[str, Any]:
    """Run ``kg viz`` and return the page's data (nodes and edges as the page has them); cached per arguments
    (the store is only read)."""
    if (str(store), *args) in _PAGES:
        return _PAGES[(str(store), *args)]
    out = tmp_path / f"v{len(_PAGES)}.html"
    result = runner.invoke(app, ["viz", "-o", str(out), "--store", str(store), *args])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert found
    _PAGES[(str(store), *args)] = data = json.loads(found.group(1))
    return data


def _fails(result: Any, code: str | None = None) -> str:
    assert result.exit_code != 0
    text = result.output.strip()
    assert "Traceback" not in text and len(text.splitlines()) == 1, text
    if code:
        assert text.startswith(code), text
    return text


# ------------------------------------------------------------------------------------------------------ focus

@pytest.mark.parametrize("view", ["countries", "full"])
def test_focus_by_code_inflected_and_english_name_is_the_same_neighbourhood(store: Path, tmp_path: Path,
                                                                            view: str) -> None:
    everything = _viz(store, tmp_path, "--view", view)
    pages = {q: _viz(store, tmp_path, "--view", view, "--focus", q) for q in ("JP", "Японії", "Japan")}
    nodes = {q: set(p["nodes"]) for q, p in pages.items()}
    assert all(n == nodes["JP"] for n in nodes.values())
    assert "country:JP" in nodes["JP"] and "country:UA" in nodes["JP"]  # Japan and a partner
    assert len(nodes["JP"]) < len(everything["nodes"])
    assert nodes["JP"] <= set(everything["nodes"])
    # every relation shown touches Japan's neighbourhood: Japan or one of its direct partners
    partners = {e["to"] if e["from"] == "country:JP" else e["from"] for e in pages["JP"]["edges"].values()
                if "country:JP" in (e["from"], e["to"]) and e["type"] in ("cooperation", "conflict")}
    for e in pages["JP"]["edges"].values():
        if e["type"] in ("cooperation", "conflict"):
            assert {e["from"], e["to"]} <= partners | {"country:JP"}


def test_focus_on_a_person_in_ukrainian_and_english(store: Path, tmp_path: Path) -> None:
    uk = _viz(store, tmp_path, "--view", "full", "--focus", "Зеленського")
    en = _viz(store, tmp_path, "--view", "full", "--focus", "Zelensky")
    assert set(uk["nodes"]) == set(en["nodes"])
    assert ZELENSKY in uk["nodes"] and "country:UA" in uk["nodes"]
    assert {n["kind"] for n in uk["nodes"].values()} >= {"person", "country", "article"}
    # in the countries view a person stands for the polities they hold office for
    countries = _viz(store, tmp_path, "--view", "countries", "--focus", "Зеленського")
    assert "country:UA" in countries["nodes"] and all(n.startswith("country:") for n in countries["nodes"])


def test_focus_hops_grow_the_neighbourhood(store: Path, tmp_path: Path) -> None:
    assert set(_viz(store, tmp_path, "--view", "countries", "--focus", "JP", "--hops", "0")["nodes"]) == {"country:JP"}
    with kg.open(store) as graph:
        sizes = [set(graph.to_networkx("countries", focus="JP", hops=h)) for h in (0, 1, 2)]
        full = [graph.to_networkx("full", focus="JP", hops=h) for h in (0, 1)]
    assert sizes[0] == {"country:JP"} and sizes[0] < sizes[1] < sizes[2]
    # in the full view a step goes through relations and offices; topics and articles come along as leaves
    assert {d["kind"] for _, d in full[0].nodes(data=True)} == {"country", "topic"}
    assert [v for v in full[0] if full[0].nodes[v]["kind"] == "country"] == ["country:JP"]
    assert {d["kind"] for _, d in full[1].nodes(data=True)} >= {"country", "person", "topic", "article"}
    assert TAKAICHI in full[1] and set(full[0]) < set(full[1])


def test_unknown_focus_is_e019(store: Path, tmp_path: Path) -> None:
    for view in ("countries", "full"):
        out = tmp_path / "nothing.html"
        result = runner.invoke(app, ["viz", "--view", view, "--focus", "Атлантиди", "-o", str(out),
                                     "--store", str(store)])
        assert "Атлантиди" in _fails(result, "E019")
        assert not out.exists()


def test_resolve_matches_every_spelling(full: nx.MultiGraph) -> None:
    for query in ("JP", "jp", "Японія", "Японії", "Японією", "Japan", "japanese", "country:JP"):
        assert resolve(full, query) == ["country:JP"], query
    for query in ("США", "Сполучених Штатів", "United States", "us"):
        assert resolve(full, query) == ["country:US"], query
    for query in ("NATO", "НАТО", "Альянсу"):
        assert resolve(full, query) == ["country:NATO"], query
    for query in ("Зеленського", "Зеленський", "Zelensky", "Zelenskyy", "Володимир Зеленський", ZELENSKY[7:]):
        assert resolve(full, query)[0] == ZELENSKY, query
    assert resolve(full, "Такаїчі") == resolve(full, "Takaichi") == [TAKAICHI]
    assert resolve(full, "Tako") == resolve(full, "Atlantis") == resolve(full, "") == []


def test_api_focus(store: Path) -> None:
    with kg.open(store) as graph:
        g = graph.to_networkx("full", focus="Японії", hops=1, topic="defence")
        assert "country:JP" in g and g.graph["focus_nodes"] == ["country:JP"]
        assert all(d.get("topics", {"defence"}) == {"defence"} for _, _, d in g.edges(data=True)
                   if d["kind"] == "relation")
        with pytest.raises(KGError, match="E019"):
            graph.to_networkx("countries", focus="Atlantis")


# ---------------------------------------------------------------------------------------------------- filters

FILTERS = [("--topic", "defence"), ("--type", "conflict"), ("--since", "2026-01-01"), ("--until", "2025-10"),
           ("--lang", "uk")]


def _check_edge(option: str, value: str, edge: dict[str, Any], nodes: dict[str, Any]) -> None:
    if edge["type"] not in ("cooperation", "conflict", "holds"):
        return
    if option == "--topic" and edge["type"] != "holds":
        assert edge["topics"] == [value]
    if option == "--type" and edge["type"] != "holds":
        assert edge["type"] == value
    for ev in edge["evidence"]:
        if option == "--since":
            assert ev["date"] >= value
        if option == "--until":
            assert ev["date"][:len(value)] <= value
        if option == "--lang":
            assert ev["lang"] == value


@pytest.mark.parametrize("view", ["countries", "full"])
@pytest.mark.parametrize("option,value", FILTERS)
def test_each_filter_narrows_each_view(store: Path, tmp_path: Path, view: str, option: str, value: str) -> None:
    everything = _viz(store, tmp_path, "--view", view)
    page = _viz(store, tmp_path, "--view", view, option, value)
    assert 0 < len(page["edges"]) < len(everything["edges"])
    assert 0 < len(page["nodes"]) < len(everything["nodes"])
    assert set(page["nodes"]) <= set(everything["nodes"])
    for edge in page["edges"].values():
        _check_edge(option, value, edge, page["nodes"])
    if view == "full" and option in ("--topic", "--type"):
        # persons are kept only for polities that still have a relation
        related = {end for e in page["edges"].values() if e["type"] in ("cooperation", "conflict")
                   for end in (e["from"], e["to"])}
        for e in page["edges"].values():
            if e["type"] == "holds":
                assert ({e["from"], e["to"]} & related)
    if option == "--topic" and view == "full":
        assert [n for n, d in page["nodes"].items() if d["kind"] == "topic"] == [f"topic:{value}"]


@pytest.mark.parametrize("view", ["countries", "full"])
def test_filters_combine_with_focus(store: Path, tmp_path: Path, view: str) -> None:
    focused = _viz(store, tmp_path, "--view", view, "--focus", "UA")
    both = _viz(store, tmp_path, "--view", view, "--focus", "UA", "--type", "conflict", "--since", "2025-11")
    assert "country:UA" in both["nodes"] and len(both["edges"]) < len(focused["edges"])
    for edge in both["edges"].values():
        _check_edge("--type", "conflict", edge, both["nodes"])
        _check_edge("--since", "2025-11", edge, both["nodes"])


@pytest.mark.parametrize("args", [["--topic", "defense"], ["--type", "war"], ["--since", "yesterday"],
                                  ["--until", "2026/01/01"], ["--lang", "fr"], ["--view", "persons"]])
def test_bad_filter_values_are_one_line_errors(store: Path, tmp_path: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["viz", "-o", str(tmp_path / "x.html"), "--store", str(store), *args])
    _fails(result)


def test_date_bounds_are_inclusive_at_any_precision() -> None:
    assert Filters(until="2026-01").keep({"date": "2026-01-31"})
    assert not Filters(until="2026-01").keep({"date": "2026-02-01"})
    assert Filters(since="2026").keep({"date": "2026-01-01"}) and not Filters(since="2026").keep({"date": "2025-12-31"})
    assert not Filters(since="2025").keep({"date": None})


# ------------------------------------------------------------------------------------------------------ stats

def test_stats_has_counts_then_rankings_blocs_and_partners(store: Path) -> None:
    result = runner.invoke(app, ["stats", "--store", str(store), "--top", "5"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = result.stdout
    sections = ["articles", "Most connected countries", "Blocs", "Strongest partners", "Strongest partners by topic"]
    positions = [text.find(s) for s in sections]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    assert "Ukraine" in text and "Russia" in text and "defence" in text
    uk = runner.invoke(app, ["stats", "--store", str(store), "--lang", "uk"], env={"COLUMNS": "200"})
    assert uk.exit_code == 0 and "Україна" in uk.stdout


def test_stats_on_an_empty_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--store", str(tmp_path / "empty")])
    assert result.exit_code == 0, result.output
    assert "Most connected countries" in result.stdout


def test_analytics_on_real_data(store: Path) -> None:
    with kg.open(store) as graph:
        g = graph.to_networkx("countries")
    ranked = centrality(g, top=3)
    assert ranked[0].code == "UA" and ranked[0].partners >= ranked[1].partners >= ranked[2].partners
    assert 0 < ranked[0].degree_centrality <= 1 and 0 < ranked[0].pagerank < 1
    found = blocs(g)
    assert found == blocs(g)  # the seed makes it reproducible
    members = [c for bloc in found for c in bloc]
    assert len(members) == len(set(members)) and all(len(b) >= 2 for b in found)
    partners = strongest_partners(g)
    assert partners["UA"][0].code == "RU" and len(partners["UA"]) == 3
    defence = strongest_partners(g, topic="defence")
    assert all("defence" in p.topics for p in defence["UA"])
    assert topic_partners(g)["defence"][0][:2] == ("RU", "UA")
    with kg.open(store) as graph:
        steps = connection(graph.to_networkx("full"), ZELENSKY, TAKAICHI)
    assert steps is not None and [s.target for s in steps][-1] == TAKAICHI


# ------------------------------------------------------------------------------------------------------- path

def test_path_between_persons_shows_steps_and_evidence(store: Path) -> None:
    result = runner.invoke(app, ["path", "Зеленського", "Takaichi", "--store", str(store)])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.splitlines()[0].startswith("Volodymyr Zelensky → Ukraine → Japan → Sanae Takaichi")
    assert "president" in text and "prime_minister" in text and "cooperation" in text
    assert "“" in text and re.search(r"· 20\d\d-\d\d-\d\d", text)  # a sentence with its article's title and date
    uk = runner.invoke(app, ["path", "JP", "Україна", "--lang", "uk", "--store", str(store)])
    assert uk.exit_code == 0 and uk.stdout.startswith("Японія → Україна (1 step)")


def test_path_not_found_and_unknown(store: Path, full: nx.MultiGraph) -> None:
    walk = full.subgraph(v for v, d in full.nodes(data=True) if d["kind"] in ("country", "organisation"))
    main = max(nx.connected_components(walk), key=len)
    lonely = sorted(v for c in nx.connected_components(walk) if "country:UA" not in c for v in c)[0]
    assert "country:UA" in main and lonely not in main
    result = runner.invoke(app, ["path", "UA", lonely.split(":")[1], "--store", str(store)])
    assert result.exit_code == 1 and result.stdout.startswith("no connection between Ukraine and ")
    assert connection(full, "country:UA", lonely) is None
    unknown = runner.invoke(app, ["path", "UA", "Атлантида", "--store", str(store)])
    assert "'Атлантида'" in _fails(unknown, "E019")
    same = runner.invoke(app, ["path", "Japan", "Японії", "--store", str(store)])
    assert same.exit_code == 0 and "same entity" in same.stdout


def test_api_path(store: Path) -> None:
    with kg.open(store) as graph:
        steps = graph.path("Zelensky", "JP")
        assert [s.target for s in steps] == ["country:UA", "country:JP"]
        assert steps[0].relation == "president" and steps[0].evidence["sentence"]
        assert graph.resolve("Японії") == ["country:JP"]
        with pytest.raises(KGError, match="E019"):
            graph.path("Atlantis", "JP")


# ----------------------------------------------------------------------------------------------------- export

@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_export_round_trip(store: Path, full: nx.MultiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "--format", fmt, "--store", str(store)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "exports" / f"graph.{fmt}"
    assert path.exists() and not list(path.parent.glob(".*.tmp"))
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == full.number_of_nodes()
    assert back.number_of_edges() == full.number_of_edges()
    assert set(back) == {str(v) for v in full}
    jp = back.nodes["country:JP"]
    assert jp["kind"] == "country" and jp["label_uk"] == "Японія"
    edge = next(d for _, _, d in back.edges(data=True) if d.get("relation") == "cooperation")
    assert json.loads(edge["evidence"])[0]["sentence"] and "first_date" in edge
    if fmt == "gexf":
        text = path.read_text(encoding="utf-8")
        assert 'mode="dynamic"' in text and 'timeformat="date"' in text
        starts = re.findall(r'<(node|edge) [^>]*start="(\d{4}-\d\d-\d\d)"', text)
        assert {kind for kind, _ in starts} == {"node", "edge"}
        # an edge never starts before its ends
        for a, b, d in back.edges(data=True):
            for end in (a, b):
                if "start" in d and "start" in back.nodes[end]:
                    assert back.nodes[end]["start"] <= d["start"]
    out = tmp_path / "custom" / f"net.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "-o", str(out), "--store", str(store)])
    assert result.exit_code == 0 and out.exists()


def test_unknown_export_format_names_the_graph_formats(store: Path) -> None:
    text = _fails(runner.invoke(app, ["export", "--format", "gml", "--store", str(store)]), "E013")
    assert "graphml" in text and "gexf" in text
