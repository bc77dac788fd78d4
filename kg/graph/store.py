"""The store: an on-disk Oxigraph database behind rdflib's plugin API (oxrdflib), one named graph per article.

- ``Store(path)`` opens (or creates) a store folder; ``Store(None)`` is in memory (tests, evaluation).
- Queries see the union of the named graphs (rdflib ``Dataset(default_union=True)``).
- An article's graph is written in one Oxigraph transaction (``extend``; ``kg ingest`` loads N-Quads with
  ``Store.load``, also one transaction per batch of whole articles): all of it or nothing.
- A lock file makes a second process wait (then fail with E014) instead of corrupting the store.
- ``kg-store.json`` records the format version; a newer one is refused (E016), never rewritten.
"""

from __future__ import annotations

import gc
import itertools
import json
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator

import pyoxigraph as ox
from filelock import FileLock, Timeout
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.query import Result

from kg.errors import Errors, KGError
from kg.ontology.namespace import FACTS_GRAPH, GRAPH, KG, PREFIXES
from kg.ontology.concepts import ontology_graph
from kg.graph.terms import IMPORT_GRAPH, ONTOLOGY_GRAPH, PRUNE, parse_quads, quads_of, values_clause

if TYPE_CHECKING:
    from kg.graph.rdf import ArticleGraphs

__all__ = ["Store", "FORMAT_VERSION", "ONTOLOGY_GRAPH", "IMPORT_GRAPH", "default_store_path", "open_store", "parse_quads"]

FORMAT_VERSION = 1
_META = "kg-store.json"


def default_store_path() -> Path:
    """``$KG_STORE`` if set, else ``./kgstore``."""
    return Path(os.environ.get("KG_STORE") or "kgstore")


def open_store(location: "str | os.PathLike[str] | None", **options: Any) -> Any:
    """A :class:`Store` for a folder (or ``None``: in memory), a :class:`kg.graph.remote.RemoteStore` for an http(s) URL."""
    from kg.graph.remote import is_remote

    text = str(location) if location is not None else None
    if text is not None and text.lower().startswith(("http:/", "https:/")) and not is_remote(text):
        text = text.replace(":/", "://", 1)  # a URL that went through pathlib.Path lost a slash
    if is_remote(text):
        from kg.graph.remote import RemoteStore

        return RemoteStore(text, **{k: v for k, v in options.items() if k not in ("lock_timeout", "read_only")})  # type: ignore[arg-type]
    return Store(location, **options)


class Store:
    """A kg store: named graphs per article in Oxigraph, used through rdflib."""

    def __init__(self, path: str | os.PathLike[str] | None, *, lock_timeout: float = 60.0, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self._lock: FileLock | None = None
        if self.path is None:
            self._ox = ox.Store()
        else:
            self._ox = self._open_disk(self.path, lock_timeout, read_only)
        self.dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=True)
        for prefix, ns in PREFIXES.items():
            self.dataset.bind(prefix, ns)
        if not read_only and not self.has_graph(ONTOLOGY_GRAPH):
            try:
                self._load_ontology()
            except OSError as err:  # a new store on a full disk: one line, not a traceback
                self.close()
                raise KGError(Errors.E022 if _no_space(err) else Errors.E020, path=path,
                              reason=str(err).splitlines()[0] if str(err) else type(err).__name__) from err

    def _open_disk(self, path: Path, timeout: float, read_only: bool) -> ox.Store:
        meta = path / _META
        if path.exists() and not path.is_dir():
            raise KGError(Errors.E020, path=path, reason="not a folder")
        # kg's own files alone (a first run killed before it wrote kg-store.json) still make a new store
        if path.exists() and any(not _own_file(p.name) for p in path.iterdir()) and not meta.exists():
            raise KGError(Errors.E020, path=path, reason=f"no {_META}")
        if meta.exists():
            try:
                found = int(json.loads(meta.read_text(encoding="utf-8")).get("format", 0))
            except (ValueError, AttributeError) as err:
                raise KGError(Errors.E020, path=path, reason=f"unreadable {_META}") from err
            if found > FORMAT_VERSION:
                raise KGError(Errors.E016, found=found, supported=FORMAT_VERSION, path=path)
        try:
            path.mkdir(parents=True, exist_ok=True)
            if not read_only:
                probe = path / f".kg-write-probe.{os.getpid()}"  # per process: two writers may probe at once
                probe.write_text("")
                probe.unlink()
                if not meta.exists():  # before anything else is created, atomically: a kill cannot leave half
                    tmp = path / f".{_META}.{os.getpid()}.tmp"
                    tmp.write_text(json.dumps({"format": FORMAT_VERSION}), encoding="utf-8")
                    os.replace(tmp, meta)
        except PermissionError as err:
            raise KGError(Errors.E015, path=path) from err
        except OSError as err:
            if err.errno == 28:
                raise KGError(Errors.E022, path=path) from err
            raise KGError(Errors.E015, path=path) from err
        if not read_only:
            self._lock = FileLock(str(path / "kg.lock"))
            try:
                self._lock.acquire(timeout=timeout)
            except Timeout as err:
                raise KGError(Errors.E014, seconds=timeout, path=path) from err
        try:
            store = ox.Store.read_only(str(path / "oxigraph")) if read_only else ox.Store(str(path / "oxigraph"))
        except OSError as err:
            self.close()
            if _no_space(err):
                raise KGError(Errors.E022, path=path) from err
            raise KGError(Errors.E020, path=path, reason=str(err).splitlines()[0]) from err
        return store

    def _load_ontology(self) -> None:
        graph = ontology_graph()
        self._extend(graph, ONTOLOGY_GRAPH)

    # -- writing ---------------------------------------------------------------------------------------------

    def _extend(self, graph: Graph, name: URIRef) -> None:
        self._ox.extend(quads_of(graph, name))  # one transaction: the whole graph or nothing

    def add_article(self, graphs: "ArticleGraphs") -> None:
        """Write one article's named graph and its facts in one transaction (all of it or nothing).

        An older version of the article's graph is dropped first; facts are a set, so re-adding is harmless.
        """
        name = graphs.graph.identifier
        assert isinstance(name, URIRef)
        if self.has_graph(name):
            self.remove_article_graph(name)
        quads = quads_of(graphs.graph, name) + quads_of(graphs.facts, FACTS_GRAPH)
        try:
            self._ox.extend(quads)
        except OSError as err:
            if "No space" in str(err) or "ENOSPC" in str(err):
                raise KGError(Errors.E022, path=self.path) from err
            raise

    def remove_article_graph(self, name: URIRef) -> None:
        """Drop an article's graph, then the facts no remaining article supports."""
        self._ox.update(f"DROP SILENT GRAPH <{name}>")
        self._ox.update(PRUNE)

    def load(self, source: str | os.PathLike[str] | IO[bytes], fmt: ox.RdfFormat, graph: URIRef | None = None) -> int:
        """Load an RDF file in one transaction (``kg import``): a dataset's quads keep their graphs, triples go
        to ``graph`` (default ``IMPORT_GRAPH``). Independent of ingest: no extraction. Returns the quads read."""
        from kg.graph.describe import is_derived  # what an export derives is recomputed, never loaded

        quads = list(parse_quads(source, fmt, graph or IMPORT_GRAPH))
        self._ox.extend(q for q in quads if not is_derived(q))
        return len(quads)

    def flush(self) -> None:
        if self.path is not None:
            self._ox.flush()

    # -- reading ---------------------------------------------------------------------------------------------

    def has_graph(self, name: URIRef) -> bool:
        return bool(self._ox.contains_named_graph(ox.NamedNode(str(name))))

    def has_article(self, article_id: str) -> bool:
        return self.has_graph(GRAPH[article_id])

    def article_graphs(self) -> Iterator[URIRef]:
        """The named graphs of articles (not the ontology's nor the shared facts graph)."""
        for g in self._ox.named_graphs():
            if isinstance(g, ox.NamedNode) and g.value not in (str(ONTOLOGY_GRAPH), str(FACTS_GRAPH)):
                yield URIRef(g.value)

    def data_graphs(self) -> list[URIRef]:
        """Every graph holding data (articles and facts)."""
        graphs = list(self.article_graphs())
        if self.has_graph(FACTS_GRAPH):
            graphs.append(FACTS_GRAPH)
        return graphs

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Result:
        """Run SPARQL over the union of all graphs; values come in through ``bindings``, never formatting.

        Straight on pyoxigraph (the dataset's prefixes predeclared, as rdflib's ``Dataset.query`` through oxrdflib
        does), rows converted to rdflib terms as they are read, each distinct term once (``kg.graph.queries``).
        """
        from kg.graph.queries import from_oxigraph

        if bindings:
            sparql = sparql + "\n" + values_clause(bindings)
        try:
            found = self._ox.query(sparql, prefixes={p: str(ns) for p, ns in self.dataset.namespaces()},
                                   use_default_graph_as_union=True)
        except SyntaxError as err:
            raise KGError(Errors.E012, reason=str(err).splitlines()[0]) from err
        return from_oxigraph(found)

    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk export and benchmarks)."""
        return self._ox

    def triple_count(self, include_ontology: bool = False) -> int:
        query = "SELECT (COUNT(*) AS ?c) WHERE { GRAPH ?g { ?s ?p ?o } %s }" % (
            "" if include_ontology else f"FILTER(?g != <{ONTOLOGY_GRAPH}>)")
        return int(next(iter(self._ox.query(query)))[0].value)  # type: ignore[index]

    def dump(self, out: IO[bytes], fmt: ox.RdfFormat, include_ontology: bool = False,
             graphs: Iterable[URIRef] | None = None,
             extra: "Iterable[ox.Quad] | Callable[[int | None], Iterable[ox.Quad]]" = ()) -> None:
        """Serialise article graphs: quads for TriG/N-Quads, their union (merged) for triple formats; ``extra``
        quads (the derived description, ``kg.graph.describe``) are written after them. ``extra`` may be a function
        of the number of distinct data triples written (known for triple formats without the ontology, else None),
        so a description can state its size without counting the store a second time."""
        names = [ox.NamedNode(str(g)) for g in (graphs if graphs is not None else self.data_graphs())]
        if include_ontology:
            names.append(ox.NamedNode(str(ONTOLOGY_GRAPH)))
        prefixes = dict(PREFIXES)
        if fmt.supports_datasets:
            quads = (q for name in names for q in self._ox.quads_for_pattern(None, None, None, name))
            ox.serialize(itertools.chain(quads, extra(None) if callable(extra) else extra), out, fmt, prefixes=prefixes)
        else:
            seen: set[ox.Triple] = set()

            def triples() -> Iterator[ox.Triple]:
                for name in names:
                    for q in self._ox.quads_for_pattern(None, None, None, name):
                        t = q.triple
                        if t not in seen:
                            seen.add(t)
                            yield t
                more = extra(None if include_ontology else len(seen)) if callable(extra) else extra
                for q in more:
                    if q.triple not in seen:
                        seen.add(q.triple)
                        yield q.triple

            ox.serialize(triples(), out, fmt, prefixes=prefixes)

    def close(self) -> None:
        """Flush, release the database (Oxigraph closes when its last reference goes) and the lock."""
        if getattr(self, "_ox", None) is not None and self.path is not None:
            try:
                self._ox.flush()
            except Exception:  # noqa: BLE001 - closing must not mask the real error
                pass
        if getattr(self, "dataset", None) is not None:
            self.dataset.store._store = None
        self.dataset = None  # type: ignore[assignment]
        self._ox = None  # type: ignore[assignment]
        gc.collect()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _own_file(name: str) -> bool:
    return name == "kg.lock" or name.startswith(".kg-write-probe") or (name.startswith(f".{_META}.") and name.endswith(".tmp"))


def _no_space(err: OSError) -> bool:
    return err.errno == 28 or "No space left" in str(err) or "ENOSPC" in str(err)
