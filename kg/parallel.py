"""Extraction on several processes; the store stays with one writer (the calling process).

Workers receive articles and return serialised graphs (N-Triples text, written by pyoxigraph), so nothing but
plain data crosses process boundaries; the writer turns them into quads with pyoxigraph's parser (Rust, no
rdflib objects on the writer's side). Results come back in input order through a bounded window of tasks, so
memory stays flat whatever the size of the corpus.

>>> from kg.articles import make_article
>>> article = make_article("Japanese Prime Minister Sanae Takaichi met Ukrainian President Volodymyr Zelensky in Tokyo.")
>>> data = extract_to_ntriples(article)
>>> quads = quads_from_ntriples(article.id, data)
>>> len(quads) == len(graph_from_ntriples(article, data))
True
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph

from kg.articles import Article
from kg.namespace import FACTS_GRAPH
from kg.rdf import ArticleGraphs, bind_prefixes, graph_iri

__all__ = ["extract_parallel", "extract_to_ntriples", "extract_batch", "graph_from_ntriples", "quads_from_ntriples",
           "quads_of_graphs", "available_cores", "preload"]

NTriples = tuple[str, str]


def available_cores() -> int:
    """The CPUs this process may run on (``os.process_cpu_count``, else the affinity mask, else all)."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        return max(1, count() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def preload() -> None:
    """Build both pipelines now (forked workers then inherit them instead of each building its own)."""
    from kg.nlp import SUPPORTED_LANGS, load_pipeline

    for lang in SUPPORTED_LANGS:
        load_pipeline(lang)


def _triples(triples: Iterable[tuple[Any, Any, Any]]) -> list[ox.Triple]:
    from kg.store import _ox

    return [ox.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in triples]


def _nt(triples: list[ox.Triple]) -> str:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")  # type: ignore[union-attr]


def extract_to_ntriples(article: Article) -> NTriples:
    """Extract ``article`` (pure; runs in workers): N-Triples of its named graph and of its facts."""
    from kg.ingest import extract_article

    graphs = extract_article(article)
    return _nt(_triples(graphs.triples())), _nt(_triples(graphs.fact_triples()))


def extract_batch(articles: list[Article]) -> list[NTriples]:
    """:func:`extract_to_ntriples` over a list (one task per list: fewer round trips between processes)."""
    return [extract_to_ntriples(article) for article in articles]


def quads_from_ntriples(article_id: str, data: NTriples) -> list[ox.Quad]:
    """The quads to store for one article: its graph in its named graph, its facts in the shared facts graph."""
    # N-Triples -> N-Quads by text: every line ends with " .\n" (a newline inside a literal is escaped as \n),
    # so one replace names the graph and pyoxigraph's parser builds the quads (no Python loop over triples).
    text = "".join(part.replace(" .\n", f" <{name}> .\n")
                   for name, part in ((graph_iri(article_id), data[0]), (FACTS_GRAPH, data[1])) if part)
    return list(ox.parse(text, format=ox.RdfFormat.N_QUADS))  # type: ignore[arg-type]


def quads_of_graphs(graphs: ArticleGraphs) -> list[ox.Quad]:
    """The quads to store for one article extracted in this process."""
    from kg.store import _ox

    name, facts = ox.NamedNode(str(graphs.name)), ox.NamedNode(str(FACTS_GRAPH))
    quads = [ox.Quad(_ox(s), _ox(p), _ox(o), name) for s, p, o in graphs.triples()]
    quads.extend(ox.Quad(_ox(s), _ox(p), _ox(o), facts) for s, p, o in graphs.fact_triples())
    return quads


def graph_from_ntriples(article: Article, data: NTriples) -> ArticleGraphs:
    """The rdflib graphs of one article back from :func:`extract_to_ntriples` (for callers that want rdflib)."""
    graph = Graph(identifier=graph_iri(article.id))
    facts = Graph(identifier=FACTS_GRAPH)
    for g, text in ((graph, data[0]), (facts, data[1])):
        bind_prefixes(g)
        g.parse(data=text, format="nt")
    return ArticleGraphs(graph, facts)


def _context() -> mp.context.BaseContext:
    # fork: workers inherit the pipelines already built here (see preload) and start at once.
    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")


def extract_parallel(articles: Iterable[Article], workers: int, chunk: int = 8,
                     window: int | None = None) -> Iterator[tuple[Article, NTriples]]:
    """Extract on ``workers`` processes; yield ``(article, n-triples)`` in input order.

    Articles go out ``chunk`` at a time; at most ``window`` chunks (default ``4 * workers``) are in flight, so the
    reader never runs more than ``window * chunk`` articles ahead of the writer.
    """
    window = window or 4 * workers
    source = iter(articles)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        pending: deque[tuple[list[Article], Future[list[NTriples]]]] = deque()

        def submit() -> bool:
            batch = list(itertools.islice(source, chunk))
            if batch:
                pending.append((batch, pool.submit(extract_batch, batch)))
            return bool(batch)

        while len(pending) < window and submit():
            pass
        while pending:
            batch, future = pending.popleft()
            results = future.result()
            submit()
            yield from zip(batch, results)
