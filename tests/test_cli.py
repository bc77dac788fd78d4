"""Every command through typer's CliRunner, as users type them."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app

from conftest import EVALUATION, SEEDS

runner = CliRunner()


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(SEEDS), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _json_rows(output: str) -> list[dict[str, str]]:
    data = json.loads(output)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_named_roles_json_has_the_seed_facts(store: Path) -> None:
    result = runner.invoke(app, ["query", "--named", "roles", "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    rows = _json_rows(result.stdout)
    facts = {(r["name"], r["role"], r["country"]) for r in rows}
    assert ("Володимир Зеленський", "president", "UA") in facts
    assert ("Санае Такаїчі", "prime_minister", "JP") in facts
    assert all(r["evidence"] and r["article"] and r["person"] for r in rows)


def test_named_relations_json_has_the_seed_facts(store: Path) -> None:
    result = runner.invoke(app, ["query", "--named", "relations", "--format", "json", "--store", str(store)])
    rows = _json_rows(result.stdout)
    facts = {(r["a"], r["b"], r["type"], r.get("topic"), r["status"]) for r in rows}
    for fact in [("JP", "UA", "cooperation", "defence", "proposed"), ("JP", "UA", "cooperation", "energy", "ongoing"),
                 ("JP", "UA", "cooperation", "humanitarian", "ongoing")]:
        assert fact in facts
    assert any(f[:4] == ("JP", "UA", "cooperation", "cyber") for f in facts)
    assert any(f[:3] == ("RU", "UA", "conflict") for f in facts)


def test_query_formats_and_errors(store: Path, tmp_path: Path) -> None:
    csv_out = runner.invoke(app, ["query", "--named", "roles", "--format", "csv", "--store", str(store)])
    assert csv_out.stdout.splitlines()[0] == "person,name,role,country,article,evidence"
    table = runner.invoke(app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?c a kg:RoleClaim }", "--store", str(store)])
    assert table.exit_code == 0 and "2" in table.stdout
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?p kg:holdsRoleIn country:UA }")
    assert runner.invoke(app, ["query", "--file", str(rq), "--store", str(store)]).stdout.strip() == "true"
    bad = runner.invoke(app, ["query", "SELECT WHERE {", "--store", str(store)])
    assert bad.exit_code != 0 and len(bad.output.strip().splitlines()) == 1
    missing = runner.invoke(app, ["query", "--named", "nope", "--store", str(store)])
    assert missing.exit_code != 0 and "E011" in missing.output


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "ntriples", "jsonld"])
def test_export_is_read_by_pyoxigraph_as_the_same_graph(store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "-o", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    ox_format = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
                 "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    from kg.graph.describe import is_derived

    independent = Graph()  # the export less what it derives (description, links, office dates: tests/test_links.py)
    for q in ox.parse(path=str(out), format=ox_format):
        if is_derived(q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object)):
            continue
        independent.add(tuple(_rdflib(t) for t in (q.subject, q.predicate, q.object)))  # type: ignore[arg-type]
    ours = Graph()  # what the store holds, read through rdflib
    import kg

    with kg.open(store) as graph:
        for name in graph.store.data_graphs():
            for s, p, o in graph.store.dataset.graph(name):
                ours.add((s, p, _rdflib_plain(o)))
    assert len(independent) > 100
    assert isomorphic(independent, ours)


def _rdflib_plain(term):  # type: ignore[no-untyped-def]
    from rdflib import Literal, XSD

    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _rdflib(term):  # type: ignore[no-untyped-def]
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    return Literal(term.value, datatype=None if dt == "http://www.w3.org/2001/XMLSchema#string" else URIRef(dt))


def test_viz_and_stats(store: Path, tmp_path: Path) -> None:
    html = tmp_path / "v.html"
    result = runner.invoke(app, ["viz", "-o", str(html), "--store", str(store)])
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert "Володимир Зеленський" in page or "\\u0412\\u043e\\u043b\\u043e\\u0434" in page
    assert "https://cdn" not in page and "cdnjs" not in page
    stats = runner.invoke(app, ["stats", "--store", str(store)])
    assert stats.exit_code == 0 and "articles" in stats.stdout


def test_demo_writes_turtle_and_html(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--store", str(tmp_path / "s"), "--exports", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 1000
    assert (tmp_path / "out" / "graph.html").stat().st_size > 1000
    # the countries view and the seed's explain page beside it, and the demo says where
    assert (tmp_path / "out" / "countries.html").stat().st_size > 1000
    assert '<mark class="kg-polity"' in (tmp_path / "out" / "explain.html").read_text(encoding="utf-8")
    assert "countries.html" in result.output and "explain.html" in result.output


def test_explain_a_file_a_stored_hash_and_refusals(tmp_path: Path) -> None:
    seed = next(SEEDS.glob("*.txt"))
    out = tmp_path / "e.html"
    result = runner.invoke(app, ["explain", str(seed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "id=\"kg-claims\"" in out.read_text(encoding="utf-8")
    store = tmp_path / "s"
    assert runner.invoke(app, ["ingest", str(seed), "--store", str(store)]).exit_code == 0
    seed_id = "7f4fa472a8f3264fb142c60f78d7e76ca91a0f7266d92a683a1b861425ae7e32"
    for ref in (seed_id, f"https://w3id.org/diplokg/id/article/{seed_id}"):
        result = runner.invoke(app, ["explain", ref, "-o", str(out), "--store", str(store)])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["explain", "0" * 64, "--store", str(store), "-o", str(out)])
    assert result.exit_code == 1 and result.output.startswith("E050")
    # stored without a file: the store keeps sentences, not texts, so the text is needed
    import kg

    with kg.open(store) as graph:
        graph.ingest_text("Japan and Ukraine signed an energy cooperation agreement in Tokyo.", lang="en")
        text_id = [r["a"] for r in graph.query("SELECT ?a WHERE { ?a a kg:Article }") if seed_id not in str(r["a"])][0]
    result = runner.invoke(app, ["explain", str(text_id), "--store", str(store), "-o", str(out)])
    assert result.exit_code == 1 and result.output.startswith("E051") and "kg explain PATH" in result.output


def test_viz_geo_layout_and_a_bad_layout(tmp_path: Path) -> None:
    store = tmp_path / "s"
    assert runner.invoke(app, ["ingest", str(SEEDS), "--store", str(store)]).exit_code == 0
    out = tmp_path / "geo.html"
    result = runner.invoke(app, ["viz", "--view", "countries", "--layout", "geo", "-o", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert '"layout": "geo"' in out.read_text(encoding="utf-8")
    result = runner.invoke(app, ["viz", "--layout", "map", "-o", str(out), "--store", str(store)])
    assert result.exit_code == 1 and "unknown layout 'map'" in result.output


def test_bad_inputs_rejected_but_good_files_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "bin.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "bad.jsonl").write_text('{"text": "Японія та Україна підписали угоду про співпрацю."}\n{oops\n')
    (folder / "good.txt").write_text("Японія та Україна підписали угоду про оборонну співпрацю.", encoding="utf-8")
    store = tmp_path / "s"
    result = runner.invoke(app, ["ingest", str(folder), str(tmp_path / "missing.txt"), "--store", str(store)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert {e[:4] for e in errors} == {"E001", "E002", "E003", "E006"}
    assert "ingested 2" in result.stdout
    again = runner.invoke(app, ["ingest", str(folder / "good.txt"), "--store", str(store)])
    assert again.exit_code == 0 and "skipped (already present) 1" in again.stdout


def test_eval_reports_scores() -> None:
    result = runner.invoke(app, ["eval", str(EVALUATION / "gold"), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert set(scores) == {"all", "uk", "en"}
    for kind in ("roles", "person_country", "pairs", "topics"):
        assert 0.0 < scores["all"][kind]["f1"] <= 1.0
        assert scores["all"][kind]["gold"] > 0


def test_eval_names_the_missing_texts_and_scores_the_rest(tmp_path: Path) -> None:
    gold, articles = tmp_path / "gold", tmp_path / "articles"
    gold.mkdir()
    articles.mkdir()
    for name in ("en-01", "uk-01"):
        (gold / f"{name}.json").write_text((EVALUATION / "gold" / f"{name}.json").read_text(encoding="utf-8"), encoding="utf-8")
    (articles / "en-01.txt").write_text((EVALUATION / "articles" / "en-01.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--articles", str(articles), "--json"])
    assert result.exit_code == 0, result.output
    assert "1 article texts are missing and were not scored: uk-01" in result.stderr
    scores = json.loads(result.stdout)
    assert set(scores) == {"all", "en"} and scores["en"]["roles"]["gold"] > 0
    (articles / "en-01.txt").unlink()
    none = runner.invoke(app, ["eval", str(gold), "--articles", str(articles)])
    assert none.exit_code == 1 and "E021" in none.output


def test_eval_against_a_second_annotation_measures_agreement(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(EVALUATION / "gold"), "--against", str(EVALUATION / "agreement"), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["all"]["pairs"]["gold"] > 0 and scores["all"]["pairs"]["f1"] > 0.9
    # the gold against itself agrees fully; a second annotation missing a relation does not
    assert json.loads(runner.invoke(app, ["eval", str(EVALUATION / "gold"), "--against", str(EVALUATION / "gold"),
                                          "--json"]).stdout)["all"]["topics"]["f1"] == 1.0
    one = json.loads((EVALUATION / "gold" / "uk-01.json").read_text(encoding="utf-8"))
    one["relations"] = one["relations"][1:]
    (tmp_path / "uk-01.json").write_text(json.dumps(one, ensure_ascii=False), encoding="utf-8")
    partial = json.loads(runner.invoke(app, ["eval", str(EVALUATION / "gold"), "--against", str(tmp_path),
                                             "--json"]).stdout)
    assert partial["uk"]["pairs"]["recall"] < 1.0 and partial["uk"]["pairs"]["precision"] == 1.0
    unknown = tmp_path / "other"
    unknown.mkdir()
    (unknown / "zz-99.json").write_text(json.dumps({**one, "id": "zz-99"}), encoding="utf-8")
    failed = runner.invoke(app, ["eval", str(EVALUATION / "gold"), "--against", str(unknown)])
    assert failed.exit_code != 0 and "E021" in failed.output


def test_validate(store: Path) -> None:
    result = runner.invoke(app, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout
