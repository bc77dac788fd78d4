"""Scale: streaming readers, parallel and distributed extraction, batched writes, resumable and idempotent ingest.

Sizes are small here (a few hundred generated articles); benchmarks/ runs the same paths at full size.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import kg
from kg.io.articles import make_article
from kg.cli import app
from kg.extract.records import Evidence, RelationAssertion, RoleAssertion
from kg.pipeline.ingest import count_items, ingest
from kg.pipeline.parallel import extract_to_ntriples, graph_from_ntriples, quads_from_ntriples
from kg.graph.rdf import article_graph
from kg.io.sources import Article, Limits, Rejection, read_paths
from kg.graph.store import ONTOLOGY_GRAPH, Store

from conftest import ROOT, bench_generator

runner = CliRunner()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 generated articles (uk and en) in a folder of .txt files with .meta.json sidecars."""
    return bench_generator().write(tmp_path_factory.mktemp("gen") / "articles", 200, seed=7, words=150)


def _graphs(store: Store) -> dict[str, Graph]:
    """Every graph of the store but the ontology, as rdflib Graphs keyed by name."""
    triples: dict[str, list[ox.Triple]] = {}
    for q in store.raw().quads_for_pattern(None, None, None, None):
        triples.setdefault(q.graph_name.value, []).append(q.triple)  # type: ignore[union-attr]
    triples.pop(str(ONTOLOGY_GRAPH), None)
    return {name: Graph().parse(data=ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES), format="nt")
            for name, ts in triples.items()}


def _same(a: Store, b: Store) -> bool:
    ga, gb = _graphs(a), _graphs(b)
    return ga.keys() == gb.keys() and all(isomorphic(ga[k], gb[k]) for k in ga)


def _reference(tmp_path: Path, paths: list[Path]) -> Store:
    """The same files ingested in this process, uninterrupted, into another store."""
    store = Store(tmp_path / "reference")
    report = ingest(store, read_paths([str(p) for p in paths]), workers=1)
    assert report.ok
    return store


# -- readers stream --------------------------------------------------------------------------------------------

def test_jsonl_is_streamed_line_by_line_with_limits_per_line(tmp_path: Path) -> None:
    text = "Japanese Prime Minister Sanae Takaichi met Ukrainian President Volodymyr Zelensky in Tokyo. " * 40
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(3000):  # ~11 MB: many times the per-line limit below, and read in bounded memory
            f.write(json.dumps({"text": f"{i}. {text}", "lang": "en"}) + "\n")
        f.write(json.dumps({"text": "x" * 20_000}) + "\n")  # one line over the limit: only it is rejected
        f.write(json.dumps({"text": "Japan and Ukraine signed a deal.", "lang": "en"}) + "\n")
    assert path.stat().st_size > 10_000_000
    tracemalloc.start()
    kinds = {"Article": 0, "Rejection": 0}
    last = None
    for item in read_paths([path], Limits(max_bytes=10_000)):
        kinds[type(item).__name__] += 1
        last = item if isinstance(item, Rejection) else last
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert kinds == {"Article": 3001, "Rejection": 1}
    assert last is not None and last.message.startswith("E008") and ":3001" in last.source
    assert peak < 3_000_000, f"reading a {path.stat().st_size} byte JSONL file peaked at {peak} bytes"
    # The per-file limit still applies to other files.
    (tmp_path / "big.txt").write_text(text * 10, encoding="utf-8")
    [item] = list(read_paths([tmp_path / "big.txt"], Limits(max_bytes=10_000)))
    assert isinstance(item, Rejection) and item.message.startswith("E008")


def test_jsonl_lines_keep_their_numbers_and_encodings(tmp_path: Path) -> None:
    lines = [json.dumps({"text": "Японія та Україна підписали угоду."}, ensure_ascii=False), "", "{bad",
             json.dumps({"text": "Japan and Ukraine signed a deal.", "lang": "en"})]
    for encoding in ("utf-8", "utf-8-sig", "utf-16"):
        path = tmp_path / f"a-{encoding}.jsonl"
        path.write_bytes("\r\n".join(lines).encode(encoding))
        items = list(read_paths([path]))
        assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article"], encoding
        assert items[1].message.startswith("E006") and ":3:" in items[1].message  # type: ignore[union-attr]
        assert items[0].lang == "uk"  # type: ignore[union-attr]
    (tmp_path / "nul.jsonl").write_bytes(b'{"text": "a"}\n\x00\x01\x02')
    [item] = list(read_paths([tmp_path / "nul.jsonl"]))
    assert isinstance(item, Rejection) and item.message.startswith("E003")


def test_count_items(generated: Path, tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}', encoding="utf-8")
    assert count_items([generated, tmp_path / "a.jsonl"]) == 203
    (tmp_path / "f.rss").write_text("<rss/>", encoding="utf-8")
    assert count_items([tmp_path / "f.rss"]) is None


# -- feeds -----------------------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Diplomatic Wire</title><link>https://example.org</link><language>en</language>
<item><title>Japan and Ukraine sign a defence pact</title><link>https://example.org/1</link>
<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Japanese Prime Minister Sanae Takaichi met Ukrainian President Volodymyr Zelensky in Tokyo.
Japan and Ukraine signed an agreement on defence cooperation.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://example.org/2</link><description>   </description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk"><title>Дипломатичний вісник</title><id>urn:x</id>
<updated>2026-03-04T09:00:00Z</updated>
<entry><title>Польща та Україна домовилися</title><id>urn:1</id><link href="https://example.org/uk/1"/>
<updated>2026-03-04T09:00:00Z</updated>
<content type="html">&lt;p&gt;Прем’єр-міністр Польщі Дональд Туск провів переговори з президентом України
Володимиром Зеленським. Польща та Україна підписали угоду про оборонну співпрацю.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_and_atom_feeds_are_ingested(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "visnyk.atom").write_text(ATOM, encoding="utf-8")
    items = list(read_paths([tmp_path]))
    articles = [i for i in items if isinstance(i, Article)]
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert len(articles) == 2 and len(rejected) == 1 and rejected[0].message.startswith("E002")
    by_lang = {a.lang: a for a in articles}
    assert by_lang["en"].title == "Japan and Ukraine sign a defence pact" and by_lang["en"].date == "2026-03-03"
    assert by_lang["en"].url == "https://example.org/1" and by_lang["en"].source == "Diplomatic Wire"
    assert by_lang["uk"].date == "2026-03-04" and "<p>" not in by_lang["uk"].text
    with kg.open(None) as graph:
        report = graph.ingest([tmp_path])
        assert report.ingested == 2 and len(report.rejected) == 1
        pairs = {(r["a"], r["b"]) for r in graph.query_named("relations")}
        assert {("JP", "UA"), ("PL", "UA")} <= pairs


# -- the writer ------------------------------------------------------------------------------------------------

def test_article_graph_output_is_unchanged_by_the_fast_builder() -> None:
    """Two claims of one sentence share its evidence node, which keeps the highest confidence."""
    article = make_article("Japan and Ukraine signed a deal. Zelensky spoke.", lang="en", date="2026-01-02")
    ev = Evidence(sentence="Japan and Ukraine signed a deal.", start=0, end=32, mentions=("signed",), confidence=0.6)
    ev_hi = Evidence(sentence=ev.sentence, start=0, end=32, mentions=("deal",), confidence=0.8049)
    assertions = [RelationAssertion(a="JP", b="UA", type="cooperation", evidence=ev, topics=("defence", "energy"),
                                    status="ongoing", event="agreement"),
                  RoleAssertion(name="Volodymyr Zelensky", role="president", country="UA", evidence=ev_hi,
                                acting=True, surface="Zelensky")]
    graphs = article_graph(article, assertions)
    node = f"https://w3id.org/diplokg/id/evidence/{article.id[:20]}-0-32"
    confidences = [o for s, p, o in graphs.graph if str(s) == node and str(p).endswith("#confidence")]
    assert [str(c) for c in confidences] == ["0.805"]
    assert {str(o) for s, p, o in graphs.graph if str(s) == node and str(p).endswith("#mention")} == {"signed", "deal"}
    assert len(graphs) == len(graphs.graph) + len(graphs.facts) == len(set(graphs.triples())) + len(set(graphs.fact_triples()))
    assert graphs.graph.identifier == graphs.name and set(graphs.graph) == set(graphs.triples())
    # Through the workers' N-Triples and back: the same graphs and quads.
    data = extract_to_ntriples(article)
    back = graph_from_ntriples(article, data)
    local = article_graph(article, kg.pipeline.extraction.assertions_of(article))
    assert isomorphic(back.graph, local.graph) and isomorphic(back.facts, local.facts)
    assert len(quads_from_ntriples(article.id, data)) == len(local)


def test_parallel_ingest_equals_in_process_ingest(generated: Path, tmp_path: Path) -> None:
    files = sorted(generated.glob("*.txt"))[:40]
    with Store(tmp_path / "one") as one, Store(tmp_path / "two") as two:
        a = ingest(one, read_paths([str(f) for f in files]), workers=1, batch=7)
        b = ingest(two, read_paths([str(f) for f in files]), workers=2, batch=5, chunk=3)
        assert (a.ingested, b.ingested, a.triples) == (40, 40, b.triples)
        assert _same(one, two)


def test_same_article_in_two_files_is_stored_once_and_facts_are_shared(generated: Path, tmp_path: Path) -> None:
    files = sorted(generated.glob("*.txt"))[:30]
    # The same 30 articles again, as JSONL lines (another file, the same texts).
    jsonl = tmp_path / "again.jsonl"
    jsonl.write_text("".join(json.dumps({"text": f.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n"
                             for f in files), encoding="utf-8")
    with kg.open(None) as graph:
        report = graph.ingest([*files, jsonl])
        assert (report.ingested, report.skipped, report.ok) == (30, 30, True)
        assert len(list(graph.store.article_graphs())) == 30
        # One claim per fact, however many articles state it; each report is one more evidence.
        claims = graph.query("""SELECT ?claim (COUNT(DISTINCT ?ev) AS ?n) WHERE {
            ?claim a kg:RelationClaim ; kg:supportedBy ?ev } GROUP BY ?claim""")
        facts = graph.query("""SELECT DISTINCT ?a ?b ?type ?topic ?status WHERE {
            ?claim a kg:RelationClaim ; kg:participant ?a, ?b ; kg:relationType ?type ; kg:status ?status .
            FILTER(STR(?a) < STR(?b)) OPTIONAL { ?claim kg:topic ?topic } }""")
        assert len(claims) == len(facts) > 20
        assert max(r["n"] for r in claims) >= 2
        # Re-ingesting everything changes nothing.
        before = graph.store.triple_count()
        again = graph.ingest([*files, jsonl])
        assert (again.ingested, again.skipped) == (0, 60) and graph.store.triple_count() == before


# -- resumable ---------------------------------------------------------------------------------------------------

def _articles_so_far(store: Path) -> int:
    """Articles a running ingest has committed (a read-only view beside the writer)."""
    try:
        view = ox.Store.read_only(str(store / "oxigraph"))
    except (OSError, RuntimeError):  # not created yet
        return 0
    return sum(1 for g in view.named_graphs() if re.search(r"/graph/[0-9a-f]{64}$", g.value))


def test_interrupted_ingest_rerun_equals_uninterrupted(generated: Path, tmp_path: Path) -> None:
    store = tmp_path / "killed"
    cmd = [sys.executable, "-c", "from kg.cli import app; app()", "ingest", str(generated), "--store", str(store), "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while _articles_so_far(store) < 20 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert proc.poll() is None, "the ingest finished before it could be interrupted"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    with Store(store) as partial:
        done = len(list(partial.article_graphs()))
    assert 0 < done < 200
    result = runner.invoke(app, ["ingest", str(generated), "--store", str(store), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert f"ingested {200 - done}, skipped (already present) {done}, rejected 0" in result.stdout
    with Store(store) as resumed, _reference(tmp_path, [generated]) as reference:
        assert len(list(resumed.article_graphs())) == 200
        assert _same(resumed, reference)


# -- CLI -------------------------------------------------------------------------------------------------------

def test_cli_summary_counts_rejections_by_reason(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Японія та Україна підписали угоду про оборонну співпрацю.", encoding="utf-8")
    (folder / "b.jsonl").write_text('{"text": "Japan and Ukraine signed a deal."}\n{oops\n[1]\n{"x": 1}\n',
                                    encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert "ingested 2, skipped (already present) 0, rejected 3 (E006 x2, E007 x1)" in result.stdout


# -- Dask ------------------------------------------------------------------------------------------------------

def test_dask_scheduler_ingest_equals_local(generated: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    files = sorted(generated.glob("*.txt"))[:30]
    folder = tmp_path / "in"
    folder.mkdir()
    for f in files:
        (folder / f.name).write_bytes(f.read_bytes())
        meta = f.with_name(f.name[:-4] + ".meta.json")
        (folder / meta.name).write_bytes(meta.read_bytes())
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster:
        result = runner.invoke(app, ["ingest", str(folder), "--store", str(tmp_path / "dask"),
                                     "--scheduler", cluster.scheduler_address])
        assert result.exit_code == 0, result.output
        assert "ingested 30," in result.stdout
    with Store(tmp_path / "dask") as remote, _reference(tmp_path, [folder]) as local:
        assert _same(remote, local)


def test_unreachable_scheduler_fails_with_one_line() -> None:
    pytest.importorskip("distributed")
    from kg.pipeline.distributed import connect
    from kg.errors import KGError

    with pytest.raises(KGError, match="E023 cannot use the Dask scheduler tcp://127.0.0.1:9"):
        connect("tcp://127.0.0.1:9", timeout="1s")
