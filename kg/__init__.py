"""kg: a knowledge graph of diplomatic relations built from news (Ukrainian and English).

>>> import kg
>>> with kg.open(None) as graph:
...     _ = graph.ingest_text("Japanese Prime Minister Sanae Takaichi met Ukrainian President Volodymyr Zelensky in Tokyo.")
...     [(r["a"], r["b"], r["type"]) for r in graph.query_named("relations")]
[('JP', 'UA', 'cooperation')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg._version import __version__

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph, open  # noqa: A004

__all__ = ["__version__", "open", "KnowledgeGraph"]


def __getattr__(name: str) -> Any:
    # The API (spaCy, rdflib, pyoxigraph, the extractor) loads on first use, so `kg --help` and the modules that
    # only need a piece of the package start fast.
    if name in ("open", "KnowledgeGraph"):
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
