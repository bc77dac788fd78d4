"""The fast ingest paths (issue 6): N-Quads bytes from workers, facts written once per run, ``Store.load``.

Each path must leave the store exactly as writing every quad of every article would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib import namespace

import kg.pipeline.ingest
from kg.io.articles import Article, make_article
from kg.pipeline.ingest import _WrittenFacts, extract_article, ingest
from kg.ontology.namespace import FACTS_GRAPH
from kg.pipeline.parallel import (extract_to_ntriples, nquads_from_ntriples, nquads_of_graphs, quads_from_ntriples,
                         quads_of_graphs)
from kg.graph.rdf import ArticleGraphs, graph_iri
from kg.io.sources import read_paths
from kg.graph.store import ONTOLOGY_GRAPH, Store

from conftest import bench_generator


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bench_generator().write(tmp_path_factory.mktemp("gen") / "articles", 60, seed=3, words=150)


def _parse(data: bytes) -> set[ox.Quad]:
    return set(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def _quads(store: Store) -> set[ox.Quad]:
    """Every quad but the ontology's."""
    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    return {q for q in store.raw().quads_for_pattern(None, None, None, None) if q.graph_name != ontology}


def _expected(articles: list[Any]) -> set[ox.Quad]:
    """What writing every quad of every article gives (the slow path, term by term)."""
    return {q for a in articles for q in quads_of_graphs(extract_article(a))}


def test_nquads_text_is_the_same_quads_as_term_conversion() -> None:
    """Escapes, language tags and datatypes written as text parse to exactly the terms pyoxigraph builds."""
    RDFS, XSD = namespace.RDFS, namespace.XSD  # not module globals: pytest's collection pokes at them
    s = URIRef("https://example.org/s")
    tricky = ['say "yes"', "back\\slash", "two\nlines", "cr\rhere", "tab\there", "Київ — «так»", "", " .\n",
              '\\"', "end with a backslash\\"]
    triples = [(s, RDFS.label, Literal(t)) for t in tricky]
    triples += [(s, RDFS.label, Literal(t, lang="uk")) for t in tricky[:3]]
    triples += [(s, RDFS.comment, Literal(v, datatype=d)) for v, d in
                [("5", XSD.integer), ("0.805", XSD.decimal), ("true", XSD.boolean), ("2026-01-02", XSD.date),
                 ("https://example.org/a?b=c&d", XSD.anyURI), ("plain", XSD.string)]]
    triples += [(s, RDFS.seeAlso, BNode("b1"))]
    name = graph_iri("0" * 64)
    graphs = ArticleGraphs(name=name, triples=triples, fact_triples=triples[:4])
    graph, facts = nquads_of_graphs(graphs)
    assert graph.endswith(b" .\n") and facts.endswith(b" .\n")
    assert graph.count(b"\n") == len(set(triples)) and facts.count(b"\n") == 4
    assert _parse(graph + facts) == set(quads_of_graphs(graphs))
    with pytest.raises(ValueError):
        nquads_of_graphs(ArticleGraphs(name=name, triples=[(URIRef("not an iri"), RDFS.label, Literal("x"))]))


def test_extracted_nquads_equal_the_quads_of_both_older_paths(generated: Path) -> None:
    for article in [a for a in read_paths([generated]) if isinstance(a, Article)][:15]:
        graphs = extract_article(article)
        graph, facts = nquads_of_graphs(graphs)
        expected = set(quads_of_graphs(graphs))
        assert _parse(graph + facts) == expected
        assert all(q.graph_name == ox.NamedNode(str(FACTS_GRAPH)) for q in _parse(facts))
        data = extract_to_ntriples(article)  # what Dask workers send
        assert _parse(b"".join(nquads_from_ntriples(article.id, data))) == expected
        assert set(quads_from_ntriples(article.id, data)) == expected


def test_written_facts_are_bounded_and_keep_recurring_lines() -> None:
    known = _WrittenFacts(limit=3)
    known.update([b"a", b"b"])
    assert b"a" in known and b"c" not in known
    known.update([b"c"])  # the newer generation is full: it becomes the older one
    assert b"a" in known  # found in the older generation: moved to the newer one
    known.update([b"d", b"e"])  # full again: "b" and "c", not seen since, are forgotten
    assert b"a" in known and b"d" in known and b"e" in known
    assert b"b" not in known and b"c" not in known
    for i in range(100):
        known.update([str(i).encode()])
        assert len(known) <= 2 * known.limit


@pytest.mark.parametrize("memory", [None, 5])
def test_facts_written_once_per_run_leave_the_full_graph(generated: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch, memory: int | None) -> None:
    """Shared facts skipped because this run already wrote them are in the store all the same (also when the
    memory of written facts is tiny and forgets), and every article's own graph is whole."""
    if memory:
        monkeypatch.setattr(kg.pipeline.ingest, "FACTS_MEMORY", memory)
    articles = [a for a in read_paths([generated]) if isinstance(a, Article)][:30]
    with Store(tmp_path / "s") as store:
        report = ingest(store, articles, workers=1, batch=4)
        assert report.ingested == 30 and report.ok
        assert _quads(store) == _expected(articles)
        assert report.triples == sum(len(extract_article(a)) for a in articles)


def test_a_failed_transaction_stops_the_run_and_a_rerun_completes(generated: Path, tmp_path: Path) -> None:
    """A batch that fails is not written and the run stops there; the next run (which knows no facts as written
    yet) writes what is missing, and the graph is the one an uninterrupted ingest builds."""
    articles = [a for a in read_paths([generated]) if isinstance(a, Article)][:24]

    class FailingRaw:
        def __init__(self, raw: ox.Store, fail_at: int) -> None:
            self._raw, self.calls, self.fail_at = raw, 0, fail_at

        def extend(self, quads: Any) -> None:
            self.calls += 1
            if self.calls == self.fail_at:
                raise OSError("simulated I/O error")
            self._raw.extend(quads)

    class FailingStore:
        def __init__(self, store: Store, fail_at: int) -> None:
            self.store, self.path, self._raw = store, store.path, FailingRaw(store.raw(), fail_at)

        def raw(self) -> FailingRaw:
            return self._raw

        def has_article(self, article_id: str) -> bool:
            return self.store.has_article(article_id)

        def flush(self) -> None:
            self.store.flush()

    with Store(tmp_path / "s") as store:
        with pytest.raises(OSError, match="simulated"):
            ingest(FailingStore(store, fail_at=3), articles, workers=1, batch=4)  # type: ignore[arg-type]
        assert len(list(store.article_graphs())) == 8  # two batches of four, the third not at all
        again = ingest(store, articles, workers=1, batch=4)
        assert (again.ingested, again.skipped) == (16, 8)
        assert _quads(store) == _expected(articles)


def test_a_store_without_load_gets_quads_in_article_order(generated: Path) -> None:
    """The remote store's ``raw()`` offers only ``extend``: it gets parsed quads, each article's graph followed by
    its new facts (its requests keep an article whole)."""
    articles = [a for a in read_paths([generated]) if isinstance(a, Article)][:10]

    class ExtendOnly:
        def __init__(self) -> None:
            self.batches: list[list[ox.Quad]] = []

        def extend(self, quads: Any) -> None:
            self.batches.append(list(quads))

    class Remote:
        path = None

        def __init__(self) -> None:
            self._raw = ExtendOnly()

        def raw(self) -> ExtendOnly:
            return self._raw

        def has_article(self, article_id: str) -> bool:
            return False

        def flush(self) -> None:
            pass

    remote = Remote()
    report = ingest(remote, articles, workers=1, batch=3)  # type: ignore[arg-type]
    assert report.ingested == 10
    written = [q for batch in remote.raw().batches for q in batch]
    assert set(written) == _expected(articles)
    facts = ox.NamedNode(str(FACTS_GRAPH))
    seen: list[str] = []
    for q in written:  # graph names in order: each article's graph, then (only) facts, then the next article
        name = q.graph_name.value  # type: ignore[union-attr]
        if q.graph_name != facts and (not seen or seen[-1] != name):
            assert name not in seen
            seen.append(name)
    assert seen == [str(graph_iri(a.id)) for a in articles]


def test_parallel_nquads_ingest_equals_in_process(generated: Path, tmp_path: Path) -> None:
    articles = [a for a in read_paths([generated]) if isinstance(a, Article)][:40]
    with Store(tmp_path / "one") as one, Store(tmp_path / "two") as two:
        a = ingest(one, articles, workers=1, batch=7)
        b = ingest(two, articles, workers=2, batch=5, chunk=3)
        assert (a.ingested, b.ingested, a.triples) == (40, 40, b.triples)
        assert _quads(one) == _quads(two) == _expected(articles)


def test_one_article_text_path_still_works() -> None:
    article = make_article("Japanese Prime Minister Sanae Takaichi met Ukrainian President Volodymyr Zelensky "
                           "in Tokyo.")
    with Store(None) as store:
        report = ingest(store, [article])
        assert report.ingested == 1 and _quads(store) == _expected([article])
