"""kg: a knowledge graph of diplomatic relations built from news (Ukrainian and English).

>>> import kg
>>> with kg.open(None) as graph:
...     _ = graph.ingest_text("Japanese Prime Minister Sanae Takaichi met Ukrainian President Volodymyr Zelensky in Tokyo.")
...     [(r["a"], r["b"], r["type"]) for r in graph.query_named("relations")]
[('JP', 'UA', 'cooperation')]
"""

from __future__ import annotations

from kg._version import __version__

from kg.api import KnowledgeGraph, open  # noqa: E402,A004

__all__ = ["__version__", "open", "KnowledgeGraph"]
