"""Extraction on several processes; the store stays with one writer (the calling process).

Workers receive articles and return serialised graphs (N-Triples text), so nothing but plain data crosses
process boundaries; results come back in input order, a bounded window at a time (memory stays flat).
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor
from typing import Iterator

from rdflib import Graph

from kg.articles import Article
from kg.namespace import FACTS_GRAPH
from kg.rdf import ArticleGraphs, bind_prefixes, graph_iri

__all__ = ["extract_parallel", "extract_to_ntriples", "graph_from_ntriples"]


def extract_to_ntriples(article: Article) -> tuple[str, str]:
    from kg.ingest import extract_article

    graphs = extract_article(article)
    return graphs.graph.serialize(format="nt"), graphs.facts.serialize(format="nt")


def graph_from_ntriples(article: Article, data: tuple[str, str]) -> ArticleGraphs:
    graph = Graph(identifier=graph_iri(article.id))
    facts = Graph(identifier=FACTS_GRAPH)
    for g, text in ((graph, data[0]), (facts, data[1])):
        bind_prefixes(g)
        g.parse(data=text, format="nt")
    return ArticleGraphs(graph, facts)


def extract_parallel(articles: Iterator[Article], workers: int, batch: int) -> Iterator[tuple[Article, ArticleGraphs]]:
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        while True:
            chunk = list(itertools.islice(articles, batch * workers))
            if not chunk:
                return
            for article, data in zip(chunk, pool.map(extract_to_ntriples, chunk, chunksize=max(1, batch // 4))):
                yield article, graph_from_ntriples(article, data)
