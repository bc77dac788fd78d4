"""One article through the pipeline, without I/O: text -> Doc -> assertions -> its named graph.

This is what worker processes (``kg.pipeline.parallel``, ``kg.pipeline.distributed``) and the in-process path of
``kg.pipeline.ingest`` all run.

>>> from kg.io.articles import make_article
>>> article = make_article("Japanese Prime Minister Sanae Takaichi met Ukrainian President Volodymyr Zelensky in Tokyo.")
>>> sorted({type(a).__name__ for a in assertions_of(article)})
['RelationAssertion', 'RoleAssertion']
"""

from __future__ import annotations

from kg.extract import extract_roles, relations_of
from kg.extract.consistency import consistent_roles
from kg.extract.records import Assertion
from kg.graph.rdf import ArticleGraphs, article_graph
from kg.io.articles import Article
from kg.nlp import load_pipeline

__all__ = ["assertions_of", "extract_article"]


def assertions_of(article: Article) -> list[Assertion]:
    """Every assertion the default pipeline reads in ``article``."""
    doc = load_pipeline(article.lang)(article.text)
    found: list[Assertion] = list(consistent_roles(extract_roles(doc)))
    found.extend(relations_of(doc))
    return found


def extract_article(article: Article) -> ArticleGraphs:
    """The named graph of ``article`` (pure: runs in worker processes)."""
    return article_graph(article, assertions_of(article))
