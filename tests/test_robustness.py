"""Bad and hostile input through the CLI (issue 7): the corpus of tests/bad_inputs/ (see its MANIFEST.json),
hostile literals in every export format, hostile content in HTML views, SPARQL bindings and paths.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.io.sources import Article, Limits, Rejection, read_paths
from kg.graph.store import Store
from kg.io.text import normalise_line

BAD = Path(__file__).resolve().parent / "bad_inputs"
MANIFEST: dict[str, Any] = json.loads((BAD / "MANIFEST.json").read_text(encoding="utf-8"))
FILES: dict[str, dict[str, Any]] = MANIFEST["files"]
ARGS: list[str] = MANIFEST["args"]
LIMITS = Limits(max_bytes=int(ARGS[ARGS.index("--max-bytes") + 1]), max_line=int(ARGS[ARGS.index("--max-line") + 1]))
GOOD_EN = "Japan and Ukraine signed an agreement on defence cooperation in Kyiv on Friday.\n"

runner = CliRunner()


def _names(outcome: str) -> list[str]:
    return sorted(name for name, spec in FILES.items() if spec["outcome"] == outcome)


def _kg(*args: str) -> Any:
    return runner.invoke(app, [*args])


def _ingest(store: Path, *paths: Path | str, extra: list[str] | None = None) -> Any:
    return _kg("ingest", *map(str, paths), "--store", str(store), "-w", "1", *(ARGS if extra is None else extra))


def _stderr_lines(result: Any) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def quads(store: Path) -> set[str]:
    """Every quad of a store (ontology included), read without taking the writer's lock."""
    with Store(store, read_only=True) as s:
        return {str(q) for q in s.raw().quads_for_pattern(None, None, None, None)}


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one good article (copied by tests that must show it is left unchanged)."""
    folder = tmp_path_factory.mktemp("base")
    (folder / "good.txt").write_text(GOOD_EN, encoding="utf-8")
    result = _ingest(folder / "store", folder / "good.txt")
    assert result.exit_code == 0, result.output
    return folder / "store"


def test_manifest_lists_every_file() -> None:
    on_disk = {p.name for p in BAD.iterdir() if p.is_file()} - {"MANIFEST.json", "make_corpus.py"}
    assert on_disk == set(FILES)
    for name, spec in FILES.items():
        assert spec["outcome"] in ("rejected", "ingested", "partial", "sidecar"), name
        assert spec["why"], name
        if spec["outcome"] == "rejected":
            assert spec["code"][0] == "E" and len(spec["code"]) == 4


@pytest.mark.parametrize("name", _names("rejected"))
def test_rejected_with_one_line_and_store_unchanged(name: str, base_store: Path, tmp_path: Path) -> None:
    spec = FILES[name]
    store = tmp_path / "store"
    shutil.copytree(base_store, store)
    before = quads(store)
    result = _ingest(store, BAD / name)
    assert result.exit_code != 0, result.output
    [line] = _stderr_lines(result)  # one line, no traceback
    assert line.startswith(spec["code"] + " "), line
    assert name in line  # says which file
    assert "ingested 0" in result.stdout
    assert quads(store) == before


@pytest.mark.parametrize("name", _names("rejected"))
def test_rejected_by_the_reader_too(name: str) -> None:
    [item] = list(read_paths([BAD / name], LIMITS))
    assert isinstance(item, Rejection), item
    assert item.message.startswith(FILES[name]["code"]) and "\n" not in item.message


@pytest.mark.parametrize("name", _names("ingested"))
def test_decoded_and_ingested(name: str, tmp_path: Path) -> None:
    spec = FILES[name]
    [article] = list(read_paths([BAD / name], LIMITS))
    assert isinstance(article, Article), article
    assert article.lang == spec["lang"]
    for text in spec["contains"]:
        assert text in article.text, (text, article.text)
    for text in spec["absent"]:
        assert text not in article.text, (text, article.text)
    store = tmp_path / "store"
    result = _ingest(store, BAD / name)
    assert result.exit_code == 0, result.output
    assert "ingested 1" in result.stdout and not _stderr_lines(result)
    if spec["roles"]:
        found = _kg("query", "--named", "roles", "--format", "json", "--store", str(store))
        rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(found.stdout)["results"]["bindings"]]
        facts = {(r["name"], r["role"], r["country"]) for r in rows}
        for role in spec["roles"]:
            assert tuple(role) in facts, (role, facts)
    literals = {q.split('"')[1] for q in quads(store) if '"' in q}
    for text in spec["absent"]:
        assert not any(text in lit for lit in literals), text


def test_jsonl_bad_lines_reported_with_numbers(tmp_path: Path) -> None:
    [name] = _names("partial")
    spec = FILES[name]
    result = _ingest(tmp_path / "store", BAD / name)
    assert result.exit_code == 2
    lines = _stderr_lines(result)
    got = [(line[:4], int(line.split(f"{name}:", 1)[1].split(":")[0])) for line in lines]
    assert got == [tuple(r) for r in spec["rejections"]], lines
    assert f"ingested {spec['ingested']}" in result.stdout


def test_whole_corpus_in_one_batch(tmp_path: Path) -> None:
    """The folder and the unsupported files named explicitly (a folder walk skips them): every rejection is
    reported, everything else is ingested, and the store validates."""
    store = tmp_path / "store"
    explicit = [BAD / n for n in _names("rejected") if FILES[n]["code"] == "E005"]
    result = _ingest(store, BAD, *explicit)
    assert result.exit_code == 2
    codes = sorted(line[:4] for line in _stderr_lines(result))
    expected = sorted([FILES[n]["code"] for n in _names("rejected")]
                      + [code for n in _names("partial") for code, _ in FILES[n]["rejections"]])
    assert codes == expected
    ingested = len(_names("ingested")) + sum(FILES[n]["ingested"] for n in _names("partial"))
    assert f"ingested {ingested}, skipped (already present) 0," in result.stdout
    check = _kg("validate", "--store", str(store))
    assert check.exit_code == 0, check.output


def test_file_name_with_newline_is_reported_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\nE000 fake.txt").write_text("")
    (folder / "ok.txt").write_text(GOOD_EN, encoding="utf-8")
    result = _ingest(tmp_path / "store", folder)
    assert result.exit_code == 2
    [line] = _stderr_lines(result)
    assert line.startswith("E002 ") and "evil\\nE000 fake.txt" in line
    assert "ingested 1" in result.stdout


def test_limits_are_configurable(tmp_path: Path) -> None:
    """The same file passes with the default limits and is rejected with small ones."""
    path = BAD / "big.txt"
    assert _ingest(tmp_path / "a", path, extra=[]).exit_code == 0
    small = _ingest(tmp_path / "b", path, extra=["--max-bytes", "100"])
    assert small.exit_code == 2 and _stderr_lines(small)[0].startswith("E008")
    short = _ingest(tmp_path / "c", path, extra=["--max-line", "10"])
    assert short.exit_code == 2 and _stderr_lines(short)[0].startswith("E009")


# -- hostile literals in every export format ----------------------------------------------------------------

HOSTILE = 'Zeta "quoted" <b>bold</b> back\\slash """triple""" \'single\' & ]]> --> \u202eRTL e\u0301 😀 \\u0041 \\n'
HOSTILE_NAME = 'Jean "Le <Chef>" O\'Neil \\ """ & <script>alert(1)</script>'
FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
           "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Hostile text, title, source and URL through `kg ingest`, and a hostile person name (no extractor reads
    one like it) written through the store's own API."""
    from kg.io.articles import make_article
    from kg.extract.records import Evidence, RoleAssertion
    from kg.graph.rdf import article_graph

    folder = tmp_path_factory.mktemp("hostile")
    record = {"text": (BAD / "quotes_and_markup.txt").read_text(encoding="utf-8") + HOSTILE + "\n", "title": HOSTILE,
              "source": HOSTILE + "\x0b\x00", "url": 'https://example.org/a?q="<x>"&b=\\'}
    (folder / "h.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    store = folder / "store"
    result = _ingest(store, folder / "h.jsonl", BAD / "emoji.txt", BAD / "combining.txt")
    assert result.exit_code == 0, result.output
    sentence = f"Prime Minister of Japan {HOSTILE_NAME} met the press."
    article = make_article(sentence, lang="en", title=HOSTILE_NAME)
    role = RoleAssertion(HOSTILE_NAME, "prime_minister", "JP", Evidence(sentence, 0, len(sentence), (HOSTILE_NAME,)))
    with Store(store) as s:
        s.add_article(article_graph(article, [role]))
    return store


def _literals(triples: Any) -> set[tuple[str, str | None, str]]:
    out = set()
    for t in triples:
        o = t.object
        if isinstance(o, ox.Literal):
            out.add((o.value, o.language, o.datatype.value))
    return out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_hostile_literals_survive_every_export(hostile_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = _kg("export", "--format", fmt, "-o", str(out), "--store", str(hostile_store))
    assert result.exit_code == 0, result.output
    from kg.graph.describe import is_derived

    # The export less what it derives from the data (its description, links, office dates: tests/test_links.py).
    parsed = _literals(q for q in ox.parse(path=str(out), format=FORMATS[fmt])
                       if not is_derived(q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object)))
    with Store(hostile_store, read_only=True) as s:
        names = [ox.NamedNode(str(g)) for g in s.data_graphs()]
        stored = _literals(q for g in names for q in s.raw().quads_for_pattern(None, None, None, g))
    assert parsed == stored
    values = {v for v, _, _ in parsed}
    clean = normalise_line(HOSTILE)
    assert clean in values  # the title: bidi override removed, combining accent composed (NFC), nothing else
    assert "\u202e" not in clean and "é" in clean and '"""triple"""' in clean and "\\u0041 \\n" in clean
    assert clean in {v for v in values if v.startswith("Zeta") and "\x0b" not in v}  # source: controls gone
    assert HOSTILE_NAME in values  # the person's name, as written
    assert any(HOSTILE_NAME in v and v.startswith("Prime Minister") for v in values)  # the evidence sentence
    assert 'https://example.org/a?q="<x>"&b=\\' in values


def test_rdfxml_export_is_well_formed_xml(hostile_store: Path, tmp_path: Path) -> None:
    """Control characters in metadata used to reach the RDF/XML export, which XML parsers then refused."""
    from xml.dom import minidom

    out = tmp_path / "g.rdf"
    assert _kg("export", "--format", "rdfxml", "-o", str(out), "--store", str(hostile_store)).exit_code == 0
    minidom.parse(str(out))  # raises on a character XML 1.0 cannot carry
    import rdflib

    assert len(rdflib.Graph().parse(out, format="xml")) > 50


# -- hostile content in views, SPARQL and paths ---------------------------------------------------------------

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'


def test_hostile_article_is_inert_in_the_html_view(tmp_path: Path) -> None:
    import re

    import kg
    from kg.network.viz import render_html

    text = (f"Prime Minister of Japan Sanae Takaichi met President of Ukraine Volodymyr Zelensky {SCRIPT} {IMG}. "
            f"Japan and Ukraine signed a defence agreement {SCRIPT} in Tokyo {IMG} javascript:alert(1).")
    with kg.open(None) as graph:
        graph.ingest_text(text, lang="en", title=f"{SCRIPT}{IMG}", source=IMG, url="javascript:window.__pwned=1")
        pages = [render_html(graph.to_networkx(view)) for view in ("full", "countries")]
    full = pages[0]
    assert "__pwned" in full  # the hostile text is in the page, as data
    for page in pages:
        assert SCRIPT not in page and "<script>window" not in page
        assert "<img" not in page
        assert not re.search(r"<[^>]*\bonerror\s*=", page, re.I)  # no element carries the article's handler
        assert 'href="javascript:' not in page.lower()


@pytest.mark.parametrize("value", [
    'x" } ?s ?p ?o . { "', "x' } DELETE WHERE { ?s ?p ?o } #", 'a """ b \\" c \\\\', "line\nbreak } ;",
    "<https://w3id.org/diplokg/id/country/JP>", "?p", "} UNION { ?p ?q ?r }", "\u0000\u202e",
])
def test_hostile_binding_is_a_value(seed_graph, value: str) -> None:  # type: ignore[no-untyped-def]
    from rdflib import Literal

    before = seed_graph.store.triple_count(include_ontology=True)
    q = "SELECT ?a WHERE { ?a kg:sentence ?s }"
    assert seed_graph.query(q, s=value) == []
    assert seed_graph.query(q, s=Literal(value, lang="en")) == []
    assert seed_graph.query("SELECT ?s WHERE { }", s=value) == [{"s": value}]  # comes back as given
    assert seed_graph.store.triple_count(include_ontology=True) == before


def test_hostile_iri_and_variable_names_refused(seed_graph) -> None:  # type: ignore[no-untyped-def]
    from rdflib import URIRef

    from kg.errors import KGError

    for iri in ["https://x> } DROP ALL { <y", "https://x\n", 'https://x"', "https://x{"]:
        with pytest.raises(KGError, match="E012"):
            seed_graph.query("SELECT ?p WHERE { ?p kg:holdsRoleIn ?c }", c=URIRef(iri))
    with pytest.raises(KGError, match="E012"):
        seed_graph.query("SELECT ?p WHERE { ?p ?q ?r }", **{"r) {} } DROP ALL #": "x"})


def test_no_file_name_comes_from_article_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles with path-like titles, sources and URLs: commands write only the paths the user gave."""
    monkeypatch.chdir(tmp_path)
    evil = "../../../tmp/kg-evil/x; rm -rf ~ $(touch pwned) `touch pwned2`"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"text": GOOD_EN, "title": evil, "source": evil,
                                                "url": "file:///etc/passwd"}) + "\n", encoding="utf-8")
    (folder / "a.jsonl.meta.json").write_text("{}")
    store = tmp_path / "store"
    assert _ingest(store, folder).exit_code == 0
    before = {p for p in tmp_path.rglob("*") if not p.is_relative_to(store)}
    assert _kg("export", "--format", "turtle", "-o", "out/g.ttl", "--store", str(store)).exit_code == 0
    assert _kg("viz", "-o", "out/g.html", "--store", str(store)).exit_code == 0
    assert _kg("export", "--format", "trig", "--store", str(store)).exit_code == 0  # default exports/graph.trig
    after = {p for p in tmp_path.rglob("*") if not p.is_relative_to(store)}
    assert {p.relative_to(tmp_path).as_posix() for p in after - before} == {
        "out", "out/g.ttl", "out/g.html", "exports", "exports/graph.trig"}
    assert not Path("/tmp/kg-evil").exists() and not (tmp_path / "pwned").exists()
