"""Article -> Doc -> assertions -> named graph -> store, for one article or a stream of them.

``extract_article`` is pure (no I/O): it is what worker processes run. ``ingest`` streams articles from
readers into a store, skipping articles already present (by content hash), so a re-run does only what is
missing and an interrupted run can simply be started again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from kg.articles import Article
from kg.extract import extract_relations, extract_roles
from kg.extract.records import Assertion
from kg.nlp import load_pipeline
from kg.rdf import ArticleGraphs, article_graph
from kg.sources import Rejection
from kg.store import Store

__all__ = ["extract_article", "assertions_of", "ingest", "IngestReport"]


def assertions_of(article: Article) -> list[Assertion]:
    """Every assertion the default pipeline reads in ``article``."""
    doc = load_pipeline(article.lang)(article.text)
    found: list[Assertion] = list(extract_roles(doc))
    found.extend(extract_relations(doc))
    return found


def extract_article(article: Article) -> ArticleGraphs:
    """The named graph of ``article`` (pure: runs in worker processes)."""
    return article_graph(article, assertions_of(article))


@dataclass
class IngestReport:
    """What an ingest did: counts, and the rejections with their one-line reasons."""

    ingested: int = 0
    skipped: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    triples: int = 0

    @property
    def ok(self) -> bool:
        return not self.rejected


def ingest(store: Store, items: Iterable[Article | Rejection], *, workers: int = 1,
           progress: Callable[[str, str], None] | None = None, batch: int = 64) -> IngestReport:
    """Extract and store every new article of ``items``; report the rest. ``progress(kind, source)`` per item."""
    report = IngestReport()
    seen: set[str] = set()

    def fresh() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Rejection):
                report.rejected.append(item)
                if progress:
                    progress("rejected", item.source)
                continue
            if item.id in seen or store.has_article(item.id):
                report.skipped += 1
                if progress:
                    progress("skipped", item.source_file or item.id)
                continue
            seen.add(item.id)
            yield item

    for article, graph in _extracted(fresh(), workers, batch):
        store.add_article(graph)
        report.ingested += 1
        report.triples += len(graph)
        if progress:
            progress("ingested", article.source_file or article.id)
    store.flush()
    return report


def _extracted(articles: Iterator[Article], workers: int, batch: int) -> Iterator[tuple[Article, ArticleGraphs]]:
    if workers <= 1:
        for article in articles:
            yield article, extract_article(article)
        return
    from kg.parallel import extract_parallel

    yield from extract_parallel(articles, workers, batch)
