"""Parameters and --limit of named queries (`kg query --named roles --param country=JP --limit 5`), on the local
store through typer's CliRunner and the API, and on the remote SPARQL servers .ci/run starts (skipped without them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.errors import KGError
from kg.graph.queries import named_query, query_params

from conftest import SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("params") / "store"
    result = runner.invoke(app, ["ingest", str(SEEDS), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _rows(*args: str) -> list[dict[str, str]]:
    result = runner.invoke(app, ["query", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def _key(rows: list[dict[str, str]]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)


def test_every_named_query_with_parameters_declares_them_and_binds_them() -> None:
    assert set(query_params("roles")) == {"country", "role", "person"}
    assert set(query_params("relations")) == {"country", "partner", "topic", "type", "status"}
    assert {"country", "partner", "topic", "type"} <= set(query_params("partners"))
    assert query_params("articles") == {}
    text = named_query("relations", {"country": "ua", "topic": "Energy"})
    # codes spelled as the ontology spells them; the first declared parameter in VALUES, the others filtered
    assert 'VALUES ?country { "UA" } FILTER(STR(?topic) = "energy")' in text
    assert named_query("relations", {"topic": "energy", "country": "UA"}) == text
    assert named_query("roles") == named_query("roles", {})  # no parameters: the query as written


def test_roles_of_one_country_are_the_full_rows_of_that_country(store: Path) -> None:
    full = _rows("--named", "roles", "--store", str(store))
    japan = _rows("--named", "roles", "--param", "country=JP", "--store", str(store))
    assert japan and _key(japan) == _key([r for r in full if r["country"] == "JP"])
    assert {r["name"] for r in japan} == {"Санае Такаїчі"}
    lower = _rows("--named", "roles", "-p", "country=jp", "-p", "role=prime_minister", "--store", str(store))
    assert _key(lower) == _key(japan)
    person = japan[0]["person"]
    assert _key(_rows("--named", "roles", "--param", f"person={person}", "--store", str(store))) == _key(
        [r for r in full if r["person"] == person])


def test_relations_for_a_country_and_topic_or_a_pair(store: Path) -> None:
    full = _rows("--named", "relations", "--store", str(store))
    energy = _rows("--named", "relations", "--param", "country=UA", "--param", "topic=energy", "--store", str(store))
    assert energy and _key(energy) == _key([r for r in full if r.get("topic") == "energy" and "UA" in (r["a"], r["b"])])
    # either party: the pair is found whichever of the two is named first
    pair = _rows("--named", "relations", "--param", "country=UA", "--param", "partner=RU", "--store", str(store))
    assert pair and _key(pair) == _key([r for r in full if {r["a"], r["b"]} == {"RU", "UA"}])
    assert _key(_rows("--named", "relations", "-p", "country=RU", "-p", "partner=UA", "--store", str(store))) == _key(pair)
    conflict = _rows("--named", "relations", "--param", "type=conflict", "--store", str(store))
    assert conflict and _key(conflict) == _key([r for r in full if r["type"] == "conflict"])
    assert _rows("--named", "relations", "--param", "country=FR", "--store", str(store)) == []
    partners = _rows("--named", "partners", "--param", "country=UA", "--param", "type=conflict", "--store", str(store))
    assert [(r["a"], r["b"], r["type"]) for r in partners] == [("RU", "UA", "conflict")]


def test_limit_caps_the_rows(store: Path) -> None:
    full = _rows("--named", "relations", "--store", str(store))
    assert len(full) > 3
    assert _rows("--named", "relations", "--limit", "3", "--store", str(store)) == full[:3]  # ORDER BY kept
    csv_out = runner.invoke(app, ["query", "--named", "roles", "--param", "country=UA", "--limit", "1", "--format", "csv",
                                  "--store", str(store)])
    assert csv_out.exit_code == 0 and len(csv_out.stdout.splitlines()) == 2
    adhoc = _rows("SELECT ?c WHERE { ?c a kg:RelationClaim } LIMIT 10", "--limit", "2", "--store", str(store))
    assert len(adhoc) == 2
    assert _rows("SELECT ?c WHERE { ?c a kg:RelationClaim }", "--limit", "0", "--store", str(store)) == []


@pytest.mark.parametrize("args, expected", [
    (["--named", "roles", "--param", "nation=JP"], "E040"),  # unknown name: the message lists the parameters
    (["--named", "roles", "--param", "country=Japan"], "E040"),  # not a code of the ontology
    (["--named", "roles", "--param", 'country=JP" } ?s ?p ?o {'], "E040"),
    (["--named", "roles", "--param", "person=http://x> } ?s ?p ?o { <y"], "E040"),
    (["--named", "roles", "--param", "person=Zelensky"], "E040"),
    (["--named", "roles", "--param", "country"], "NAME=VALUE"),
    (["--named", "roles", "--param", "country=JP", "--param", "country=UA"], "twice"),
    (["SELECT * WHERE { ?s ?p ?o }", "--param", "country=JP"], "--named"),
    (["--named", "roles", "--limit", "-1"], ""),
])
def test_bad_parameters_are_one_line_errors(store: Path, args: list[str], expected: str) -> None:
    result = runner.invoke(app, ["query", *args, "--store", str(store)])
    assert result.exit_code != 0
    if expected:
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert expected in result.output
    if "nation=JP" in args:
        assert "country, role, person" in result.output


def test_api_query_named_takes_parameters_and_limit(store: Path) -> None:
    with kg.open(store) as graph:
        japan = graph.query_named("roles", country="JP")
        assert {(r["name"], r["role"]) for r in japan} == {("Санае Такаїчі", "prime_minister")}
        assert len(graph.query_named("relations", limit=2)) == 2
        assert graph.query_named("relations", country="UA", topic="energy", status="ongoing")
        with pytest.raises(KGError, match="E040.*unknown parameter 'colour'"):
            graph.query_named("roles", colour="red")


@pytest.fixture
def remote(remote_url: str) -> str:
    """A remote store (the servers .ci/run starts) holding the seed article."""
    result = runner.invoke(app, ["ingest", str(SEEDS), "--store", remote_url])
    assert result.exit_code == 0, result.output
    return remote_url


def test_parameters_on_a_remote_store_give_the_local_rows(store: Path, remote: str) -> None:
    for args in (["--named", "roles", "--param", "country=JP"],
                 ["--named", "relations", "--param", "country=UA", "--param", "topic=defence"],
                 ["--named", "relations", "--param", "country=RU", "--param", "partner=UA"]):
        local = _rows(*args, "--store", str(store))
        assert local and _key(_rows(*args, "--store", remote)) == _key(local), args
    # partners: the topics as a set (engines concatenate them in their own order)
    args = ["--named", "partners", "--param", "country=UA"]

    def topic_sets(rows: list[dict]) -> list[dict]:
        return [{**r, "topics": ", ".join(sorted(str(r.get("topics") or "").split(", ")))} for r in rows]

    local = topic_sets(_rows(*args, "--store", str(store)))
    assert local and _key(topic_sets(_rows(*args, "--store", remote))) == _key(local)
    assert len(_rows("--named", "relations", "--limit", "2", "--store", remote)) == 2
