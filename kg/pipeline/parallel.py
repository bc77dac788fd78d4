"""Extraction on several processes; the store stays with one writer (the calling process).

Workers receive articles and return serialised graphs, so nothing but plain data crosses process boundaries:
for ``kg ingest``, N-Quads as UTF-8 bytes (:func:`extract_to_nquads`: the article's graph named, its facts in
the shared facts graph, one quad a line), which the writer hands to Oxigraph's parser and store in one call
per transaction (no Python object per quad on the writer's side); for other callers (Dask), N-Triples text.
Results come back in input order through a bounded window of tasks, so memory stays flat whatever the size
of the corpus.

>>> from kg.io.articles import make_article
>>> article = make_article("Japanese Prime Minister Sanae Takaichi met Ukrainian President Volodymyr Zelensky in Tokyo.")
>>> data = extract_to_ntriples(article)
>>> quads = quads_from_ntriples(article.id, data)
>>> len(quads) == len(graph_from_ntriples(article, data))
True
>>> graph, facts = extract_to_nquads(article)
>>> len(list(ox.parse(graph + facts, format=ox.RdfFormat.N_QUADS))) == len(quads)
True
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import re
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.io.articles import Article
from kg.ontology.namespace import FACTS_GRAPH
from kg.graph.rdf import ArticleGraphs, bind_prefixes, graph_iri

__all__ = ["extract_parallel", "extract_to_ntriples", "extract_batch", "graph_from_ntriples", "quads_from_ntriples",
           "quads_of_graphs", "available_cores", "preload", "extract_to_nquads", "extract_batch_nquads",
           "nquads_of_graphs", "nquads_from_ntriples", "NQuads"]

NTriples = tuple[str, str]
# (the article's graph, its facts) as N-Quads, UTF-8: one quad a line, every line ending with " .\n".
NQuads = tuple[bytes, bytes]


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


# -- N-Triples / N-Quads text straight from rdflib terms -------------------------------------------------------
# Converting every term to a pyoxigraph term and serialising cost ~1.1-1.9 ms an article (350 triples), 10% of a
# worker's time; writing the lines here costs ~0.4 ms. IRIs are checked by pyoxigraph the first time they are
# seen (so a bad IRI still fails in the worker, as before); literals are escaped as N-Triples requires.

_ESCAPES = str.maketrans({'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r'["\\\n\r]')
_XSD_STRING = str(XSD.string)
_IRIS: dict[str, str] = {}  # IRI -> "<IRI>", checked (per process; cleared past _MAX_IRIS)
_MAX_IRIS = 100_000


def _iri(value: str) -> str:
    text = _IRIS.get(value)
    if text is None:
        ox.NamedNode(value)  # ValueError for an invalid IRI
        if len(_IRIS) >= _MAX_IRIS:
            _IRIS.clear()
        text = _IRIS[value] = f"<{value}>"
    return text


def _term(term: Any) -> str:
    """``term`` (an rdflib URIRef, Literal or BNode) in N-Triples syntax."""
    kind = type(term)
    if kind is URIRef:
        return _iri(str(term))
    if kind is Literal:
        text = str(term)
        if _NEEDS_ESCAPE.search(text):
            text = text.translate(_ESCAPES)
        if term.language:
            return f'"{text}"@{term.language}'
        datatype = term.datatype
        if datatype is None or str(datatype) == _XSD_STRING:
            return f'"{text}"'
        return f'"{text}"^^{_iri(str(datatype))}'
    if isinstance(term, (URIRef, Literal, BNode)):  # subclasses: the general conversion
        from kg.graph.terms import to_oxigraph as _ox

        return str(_ox(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _lines(triples: Iterable[tuple[Any, Any, Any]], end: str) -> str:
    """One line per triple, each ending with ``end`` (``" .\\n"`` for N-Triples, ``" <graph> .\\n"`` for N-Quads)."""
    term = _term
    return "".join([f"{term(s)} {term(p)} {term(o)}{end}" for s, p, o in triples])


def nquads_of_graphs(graphs: ArticleGraphs) -> NQuads:
    """The N-Quads to store for one article: its graph in its named graph, its facts in the shared facts graph."""
    return (_lines(graphs.triples(), f" {_iri(str(graphs.name))} .\n").encode("utf-8"),
            _lines(graphs.fact_triples(), f" {_iri(str(FACTS_GRAPH))} .\n").encode("utf-8"))


def nquads_from_ntriples(article_id: str, data: NTriples) -> NQuads:
    """:func:`extract_to_ntriples`'s output (e.g. from Dask workers) as :data:`NQuads`."""
    # Every N-Triples line ends with " .\n" (a newline inside a literal is escaped as \n): one replace names it.
    return (data[0].replace(" .\n", f" <{graph_iri(article_id)}> .\n").encode("utf-8"),
            data[1].replace(" .\n", f" <{FACTS_GRAPH}> .\n").encode("utf-8"))


def extract_to_ntriples(article: Article) -> NTriples:
    """Extract ``article`` (pure; runs in workers): N-Triples of its named graph and of its facts."""
    from kg.pipeline.extraction import extract_article

    graphs = extract_article(article)
    return _lines(graphs.triples(), " .\n"), _lines(graphs.fact_triples(), " .\n")


def extract_batch(articles: list[Article]) -> list[NTriples]:
    """:func:`extract_to_ntriples` over a list (one task per list: fewer round trips between processes)."""
    return [extract_to_ntriples(article) for article in articles]


def extract_to_nquads(article: Article) -> NQuads:
    """Extract ``article`` (pure; runs in workers): :data:`NQuads` of its graph and of its facts."""
    from kg.pipeline.extraction import extract_article

    return nquads_of_graphs(extract_article(article))


def extract_batch_nquads(articles: list[Article]) -> list[NQuads]:
    """:func:`extract_to_nquads` over a list (one task per list)."""
    return [extract_to_nquads(article) for article in articles]


def quads_from_ntriples(article_id: str, data: NTriples) -> list[ox.Quad]:
    """The quads to store for one article: its graph in its named graph, its facts in the shared facts graph."""
    # N-Triples -> N-Quads by text: every line ends with " .\n" (a newline inside a literal is escaped as \n),
    # so one replace names the graph and pyoxigraph's parser builds the quads (no Python loop over triples).
    text = "".join(part.replace(" .\n", f" <{name}> .\n")
                   for name, part in ((graph_iri(article_id), data[0]), (FACTS_GRAPH, data[1])) if part)
    return list(ox.parse(text, format=ox.RdfFormat.N_QUADS))  # type: ignore[arg-type]


def quads_of_graphs(graphs: ArticleGraphs) -> list[ox.Quad]:
    """The quads to store for one article extracted in this process."""
    from kg.graph.terms import to_oxigraph as _ox

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


def extract_parallel(articles: Iterable[Article], workers: int, chunk: int = 8, window: int | None = None,
                     task: Callable[[list[Article]], list[Any]] = extract_batch) -> Iterator[tuple[Article, Any]]:
    """Extract on ``workers`` processes; yield ``(article, result)`` in input order.

    ``task`` runs in the workers on a list of articles: :func:`extract_batch` (N-Triples, the default) or
    :func:`extract_batch_nquads` (:data:`NQuads`, what ``kg ingest`` writes). Articles go out ``chunk`` at a time;
    at most ``window`` chunks (default ``16 * workers``) are in flight, so the reader never runs more than
    ``window * chunk`` articles ahead of the writer (~100 KB each in flight), and the workers have ~2 s of work
    queued while the writer is busy (a flush of the store takes ~1.5 s).
    """
    window = window or 16 * workers
    source = iter(articles)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        pending: deque[tuple[list[Article], Future[list[Any]]]] = deque()

        def submit() -> bool:
            batch = list(itertools.islice(source, chunk))
            if batch:
                pending.append((batch, pool.submit(task, batch)))
            return bool(batch)

        while len(pending) < window and submit():
            pass
        while pending:
            batch, future = pending.popleft()
            results = future.result()
            submit()
            yield from zip(batch, results)
