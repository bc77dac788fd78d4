"""The Python API analysts use from notebooks and scripts; the CLI is a thin layer over it.

>>> import kg
>>> graph = kg.open(None)                      # in memory; kg.open("kgstore") for the on-disk default
>>> report = graph.ingest_text("Президент України Володимир Зеленський провів переговори з прем’єр-міністром Польщі Дональдом Туском.")
>>> sorted((r["name"], r["role"], r["country"]) for r in graph.query_named("roles"))
[('Володимир Зеленський', 'president', 'UA'), ('Дональд Туск', 'prime_minister', 'PL')]
>>> graph.close()
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from kg.graph.queries import named_query, rows
from kg.graph.store import Store, default_store_path, open_store

# The extractor (spaCy, pymorphy3) and networkx load inside the methods that use them: opening a store to query
# it stays fast (`kg query` on a small store in a fraction of a second).
if TYPE_CHECKING:
    import networkx as nx

    from kg.io.articles import Article
    from kg.io.sources import Limits, Rejection
    from kg.pipeline.ingest import IngestReport

__all__ = ["KnowledgeGraph", "open"]


class KnowledgeGraph:
    """A kg store with the operations users run on it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def ingest(self, paths: Iterable[str | os.PathLike[str]], *, workers: int = 1, limits: "Limits | None" = None,
               progress: Callable[[str, str], None] | None = None) -> "IngestReport":
        """Ingest files and folders (.txt, .md, .html, .jsonl, feeds)."""
        from kg.io.sources import read_paths
        from kg.pipeline.ingest import ingest

        return ingest(self.store, read_paths(list(paths), limits), workers=workers, progress=progress)

    def ingest_articles(self, articles: "Iterable[Article | Rejection]", workers: int = 1) -> "IngestReport":
        from kg.pipeline.ingest import ingest

        return ingest(self.store, articles, workers=workers)

    def ingest_text(self, text: str, **meta: Any) -> "IngestReport":
        """Ingest one article given as text (``lang``, ``title``, ``date``, ``url``, ``source`` optional)."""
        from kg.io.articles import make_article
        from kg.pipeline.ingest import ingest

        return ingest(self.store, [make_article(text, **meta)])

    def query(self, sparql: str, **bindings: Any) -> list[dict[str, Any]]:
        """Run SPARQL; rows as dicts. Values go in as bindings (``?country`` <- ``country=...``), never as text."""
        return rows(self.store.query(sparql, bindings))

    def query_named(self, name: str, limit: int | None = None, **params: Any) -> list[dict[str, Any]]:
        """A named query's rows; ``params`` bind its declared parameters (``query_named("roles", country="JP")``,
        see :func:`kg.graph.queries.query_params`), ``limit`` caps the rows."""
        return rows(self.store.query(named_query(name, params, limit)))

    def export(self, path: str | os.PathLike[str], fmt: str = "turtle") -> Path:
        from kg.graph.export import export_to_path

        return export_to_path(self.store, fmt, Path(path))

    def to_networkx(self, view: str = "countries", focus: str | None = None, hops: int = 1,
                    **filters: Any) -> "nx.MultiGraph":
        """A networkx view (``countries`` or ``full``) filtered by ``topic``, ``type``, ``since``, ``until``,
        ``lang``; ``focus`` (code, name or IRI of a country or person) keeps its ``hops``-step neighbourhood."""
        from kg.network.projection import Filters, to_networkx

        return to_networkx(self.store, view, Filters(**filters), focus=focus, hops=hops)

    def viz(self, path: str | os.PathLike[str], view: str = "countries", focus: str | None = None, hops: int = 1,
            layout: str = "force", **filters: Any) -> Path:
        """Write an HTML view; ``layout="geo"`` places polities at their capitals (west left, north up)."""
        from kg.network.projection import Filters, officials
        from kg.network.viz import write_html

        title = f"kg network: {view} view" + (f", around {focus}" if focus else "")
        people = officials(self.store, Filters(**filters)) if view == "countries" else None
        return write_html(self.to_networkx(view, focus=focus, hops=hops, **filters), Path(path), title=title,
                          layout=layout, officials=people)

    def explain(self, article: str, path: str | os.PathLike[str]) -> Path:
        """Write the page of one article (a file, a content hash or an article IRI): its text with each mention
        marked and the claims read from it (KGError E050 when nothing matches, E051 when the text is needed)."""
        from kg.network.explain import explain_html, load_article

        found, extractor = load_article(article, self.store)
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(explain_html(found, extractor), encoding="utf-8")
        return out

    def resolve(self, name: str, view: str = "full") -> list[str]:
        """The node ids (``country:JP``, ``person:<IRI>``) that ``name`` names, best matches first."""
        from kg.network.projection import resolve

        return resolve(self.to_networkx(view), name)

    def ends(self, a: str, b: str, **filters: Any) -> "tuple[nx.MultiGraph, str, str]":
        """The full view and the nodes ``a`` and ``b`` name (KGError E019 when either names nothing)."""
        from kg.errors import Errors, KGError
        from kg.network.projection import resolve

        g = self.to_networkx("full", **filters)
        found = []
        for name in (a, b):
            nodes = resolve(g, name)
            if not nodes:
                raise KGError(Errors.E019, query=name)
            found.append(nodes[0])
        return g, found[0], found[1]

    def path(self, a: str, b: str, **filters: Any) -> list[Any] | None:
        """How ``a`` and ``b`` (countries or persons, by code, name or IRI) are connected in the full view:
        a list of :class:`kg.network.analytics.Step` (``[]`` when they are the same), None when they are not.
        KGError E019 when either names nothing."""
        from kg.network.analytics import connection

        g, start, end = self.ends(a, b, **filters)
        return connection(g, start, end)

    def export_network(self, path: str | os.PathLike[str], fmt: str = "graphml", view: str = "full",
                       **filters: Any) -> Path:
        """Write a networkx view as GraphML or GEXF (dynamic, with article dates) for Gephi."""
        from kg.network.projection import write_graph

        return write_graph(self.to_networkx(view, **filters), Path(path), fmt)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "KnowledgeGraph":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(store: str | os.PathLike[str] | None | type[Ellipsis] = ..., **options: Any) -> KnowledgeGraph:  # noqa: A001
    """Open a store folder (default ``$KG_STORE`` or ``./kgstore``); ``None`` for a store in memory; an http(s)
    URL for a remote SPARQL endpoint (:mod:`kg.graph.remote`)."""
    path = default_store_path() if store is ... else store
    return KnowledgeGraph(open_store(path, **options))  # type: ignore[arg-type]
