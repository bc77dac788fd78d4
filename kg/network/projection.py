"""The graph as networkx: countries, persons, topics and articles as nodes; relations and offices as edges.

Built from the store with SPARQL (values passed as bindings), so it works on any store backend.

Views:
- ``countries``: polities only; one edge per related pair and type, weighted by supporting articles.
- ``full``: polities, persons (``holds`` edges with role), topics (``about`` edges from relation pairs) and
  articles (``reports`` edges to the persons they name).

Filters (:class:`Filters`: topic, relation type, date range, language) apply to every view; in the full view a
topic or type filter also keeps only the persons who hold office in a polity that has a kept relation.
``focus`` narrows a view to the neighbourhood of a country or person named in any language or inflection the
graph knows (:func:`resolve`, :func:`neighbourhood`):

>>> g = nx.MultiGraph()
>>> g.add_node("country:JP", kind="country", code="JP", label_en="Japan", label_uk="Японія")
>>> g.add_node("country:UA", kind="country", code="UA", label_en="Ukraine", label_uk="Україна")
>>> g.add_edge("country:JP", "country:UA", key="cooperation", type="cooperation", weight=1)
'cooperation'
>>> resolve(g, "Японії"), resolve(g, "jp"), resolve(g, "Japan"), resolve(g, "Atlantis")
(['country:JP'], ['country:JP'], ['country:JP'], [])

:func:`write_graph` writes a view as GraphML or GEXF (dynamic, with article dates) for Gephi.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from kg.errors import Errors, KGError
from kg.ontology.concepts import concepts
from kg.graph.queries import rows
from kg.graph.store import Store

__all__ = ["to_networkx", "officials", "Filters", "VIEWS", "resolve", "neighbourhood", "focus_graph", "write_graph",
           "exchange_graph", "GRAPH_FORMATS", "CORE_KINDS"]

VIEWS = ("countries", "full")
GRAPH_FORMATS = {"graphml": "graphml", "gexf": "gexf"}  # format -> file suffix
CORE_KINDS = ("country", "organisation", "person")  # what a focus or a path walks through

_RELATIONS = """
PREFIX kg: <https://w3id.org/diplokg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?a ?b ?type ?topic ?status ?article ?title ?date ?lang ?url ?source ?sentence WHERE {
  ?claim a kg:RelationClaim ; kg:participant ?pa, ?pb ; kg:relationType/skos:notation ?type ;
         kg:status/skos:notation ?status ; kg:supportedBy ?ev .
  ?pa skos:notation ?a . ?pb skos:notation ?b . FILTER(STR(?a) < STR(?b))
  ?ev kg:inArticle ?article ; kg:sentence ?sentence .
  OPTIONAL { ?claim kg:topic/skos:notation ?topic }
  OPTIONAL { ?article dcterms:title ?title } OPTIONAL { ?article dcterms:date ?date }
  OPTIONAL { ?article dcterms:language ?lang } OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article dcterms:source ?source }
}"""

_ROLES = """
PREFIX kg: <https://w3id.org/diplokg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?person ?name ?role ?country ?article ?title ?date ?lang ?url ?source ?sentence WHERE {
  ?claim a kg:RoleClaim ; org:member ?person ; org:role/skos:notation ?role ;
         org:organization/skos:notation ?country ; kg:supportedBy ?ev .
  ?person rdfs:label ?name .
  ?ev kg:inArticle ?article ; kg:sentence ?sentence .
  OPTIONAL { ?article dcterms:title ?title } OPTIONAL { ?article dcterms:date ?date }
  OPTIONAL { ?article dcterms:language ?lang } OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article dcterms:source ?source }
}"""

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Filters:
    """Which claims a view keeps (all when unset).

    ``since`` and ``until`` are inclusive and may be a year, a month or a day (``2026``, ``2026-01``,
    ``2026-01-15``); claims from undated articles are dropped when either is set.

    >>> Filters(until="2026-01").keep({"date": "2026-01-31"}), Filters(since="2026").keep({"date": "2025-12-31"})
    (True, False)
    >>> Filters(topic="defense").check()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown topic 'defense': use one of agriculture_food, cyber, defence, ...
    """

    topic: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    lang: str | None = None

    def check(self) -> "Filters":
        """``self`` when every value is one the graph can have, else a one-line ``ValueError``."""
        for name, scheme in (("topic", "topic"), ("type", "relation")):
            value = getattr(self, name)
            known = sorted(code for code, c in concepts(scheme).items() if name == "topic" or c.broader is None)
            if value is not None and value not in known:
                raise ValueError(f"unknown {name} {value!r}: use one of {', '.join(known)}")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _DATE.match(value):
                raise ValueError(f"bad --{name} {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        if self.lang is not None and self.lang not in ("uk", "en"):
            raise ValueError(f"unknown lang {self.lang!r}: use uk or en")
        return self

    def keep(self, row: dict[str, Any]) -> bool:
        date = str(row.get("date") or "")
        if self.since and (not date or date[:len(self.since)] < self.since):
            return False
        if self.until and (not date or date[:len(self.until)] > self.until):
            return False
        if self.lang and row.get("lang") != self.lang:
            return False
        if self.type and row.get("type", self.type) != self.type:
            return False
        if self.topic and row.get("topic", self.topic) != self.topic:
            return False
        return True


def _polity_node(g: nx.Graph, code: str) -> str:
    node = f"country:{code}"
    if node not in g:
        concept = concepts("country").get(code)
        g.add_node(node, kind="organisation" if concept and concept.is_organisation else "country", code=code,
                   label_en=concept.pref("en") if concept else code, label_uk=concept.pref("uk") if concept else code)
    return node


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(row[k]) if row.get(k) is not None else None)
            for k in ("sentence", "article", "title", "date", "url", "source", "lang")}


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def to_networkx(store: Store, view: str = "countries", filters: Filters | None = None,
                focus: str | None = None, hops: int = 1) -> nx.MultiGraph:
    """The store as a networkx ``MultiGraph`` (one edge per pair and relation type; evidence on the edge).

    ``focus`` (a code, name or IRI of a country or person) keeps only its neighbourhood of ``hops`` steps
    (see :func:`focus_graph`); a focus that matches nothing raises :class:`~kg.errors.KGError` E019.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}: use {', '.join(VIEWS)}")
    filters = filters or Filters()
    g = _build(store, view, filters)
    if focus is None:
        return g
    if view == "countries" and not resolve(g, focus):
        # a person has no node in the countries view: focus on the polities they hold office for
        full = _build(store, "full", filters)
        found = resolve(full, focus)
        polities = sorted({c for v in found for c in full[v] if full.nodes[c].get("kind") != "article"
                           and c in g})
        if polities:
            return neighbourhood(g, polities, hops)
    return focus_graph(g, focus, hops)


def officials(store: Store, filters: Filters | None = None) -> dict[str, list[tuple[str, str, int]]]:
    """Polity code -> [(name, role, articles)] of the people the articles name as its officials, most reported
    first (dates and language filtered like the views; for the countries view's side panel)."""
    keep = Filters(since=(filters or Filters()).since, until=(filters or Filters()).until,
                   lang=(filters or Filters()).lang)
    found: dict[tuple[str, str, str], set[str]] = {}
    names: dict[str, set[str]] = {}
    for row in rows(store.query(_ROLES)):
        if not keep.keep(row):
            continue
        person = str(row["person"])
        names.setdefault(person, set()).add(str(row["name"]))
        found.setdefault((str(row["country"]), person, str(row["role"])), set()).add(str(row["article"]))
    out: dict[str, list[tuple[str, str, int]]] = {}
    for (code, person, role), articles in found.items():
        # the longest spelling, Latin first: the English view reads it
        spelled = sorted(names[person], key=lambda x: (_cyrillic(x), -len(x), x))[0]
        out.setdefault(code, []).append((spelled, role, len(articles)))
    for people in out.values():
        people.sort(key=lambda x: (-x[2], x[1], x[0]))
    return out


def _build(store: Store, view: str, filters: Filters) -> nx.MultiGraph:
    g = nx.MultiGraph(view=view)
    for row in rows(store.query(_RELATIONS)):
        if not filters.keep(row):
            continue
        a, b = _polity_node(g, row["a"]), _polity_node(g, row["b"])
        key = row["type"]
        if not g.has_edge(a, b, key):
            g.add_edge(a, b, key=key, kind="relation", type=key, topics=set(), statuses=set(), articles=set(),
                       topic_articles={}, evidence=[])
        data = g.edges[a, b, key]
        article = str(row["article"])
        if row.get("topic"):
            data["topics"].add(row["topic"])
            data["topic_articles"].setdefault(row["topic"], set()).add(article)
        data["statuses"].add(row["status"])
        data["articles"].add(article)
        ev = _evidence(row)
        if ev not in data["evidence"]:
            data["evidence"].append(ev)
        if view == "full" and row.get("topic"):
            t = f"topic:{row['topic']}"
            concept = concepts("topic").get(row["topic"])
            g.add_node(t, kind="topic", code=row["topic"], label_en=concept.pref("en") if concept else row["topic"],
                       label_uk=concept.pref("uk") if concept else row["topic"])
            for p in (a, b):
                if not g.has_edge(p, t, "about"):
                    g.add_edge(p, t, key="about", kind="about", type="about", articles=set(), evidence=[])
                g.edges[p, t, "about"]["articles"].add(article)
    for data in g.edges.values():
        data["weight"] = len(data.get("articles", ())) or 1
    if view != "full":
        return _in_order(g)
    role_filter = Filters(since=filters.since, until=filters.until, lang=filters.lang)
    # with a topic or type filter, only the people of the polities that still have a relation
    related = {v for v in g if g.nodes[v].get("kind") in ("country", "organisation")}
    narrowed = bool(filters.topic or filters.type)
    for row in rows(store.query(_ROLES)):
        if not role_filter.keep(row):
            continue
        if narrowed and f"country:{row['country']}" not in related:
            continue
        person = f"person:{row['person']}"
        if person not in g:
            g.add_node(person, kind="person", iri=str(row["person"]), labels=set(), roles=set())
        g.nodes[person]["labels"].add(str(row["name"]))
        g.nodes[person]["roles"].add((row["role"], row["country"]))
        c = _polity_node(g, row["country"])
        key = f"holds:{row['role']}"
        if not g.has_edge(person, c, key):
            g.add_edge(person, c, key=key, kind="holds", type="holds", role=row["role"], articles=set(), evidence=[])
        data = g.edges[person, c, key]
        data["articles"].add(str(row["article"]))
        ev = _evidence(row)
        if ev not in data["evidence"]:
            data["evidence"].append(ev)
        art = f"article:{row['article']}"
        if art not in g:
            g.add_node(art, kind="article", iri=str(row["article"]), title=str(row.get("title") or ""),
                       date=str(row.get("date") or ""))
        if not g.has_edge(art, person, "reports"):
            g.add_edge(art, person, key="reports", kind="reports", type="reports", articles={str(row["article"])},
                       evidence=[])
    for node, data in g.nodes(data=True):
        if data.get("kind") == "person":
            names = sorted(data["labels"], key=lambda x: (len(x), x))
            uk = [n for n in names if _cyrillic(n)]
            en = [n for n in names if not _cyrillic(n)]
            data["label_en"] = (en or names)[-1]
            data["label_uk"] = (uk or names)[-1]
    for data in g.edges.values():
        data["weight"] = len(data.get("articles", ())) or 1
    return _in_order(g)


def _in_order(g: nx.MultiGraph) -> nx.MultiGraph:
    """``g`` with its nodes and edges in sorted order: the store answers in no set order, and layouts and
    community detection depend on the order they are given, so the same store would draw different pages."""
    out = nx.MultiGraph(**g.graph)
    out.add_nodes_from(sorted(g.nodes(data=True), key=lambda item: str(item[0])))
    for _, _, data in g.edges(data=True):
        if "evidence" in data:
            data["evidence"].sort(key=lambda ev: tuple(str(ev.get(k) or "") for k in ("date", "article", "sentence")))
    out.add_edges_from(sorted(((*sorted((a, b), key=str), k, d) for a, b, k, d in g.edges(keys=True, data=True)),
                              key=lambda e: (str(e[0]), str(e[1]), str(e[2]))))
    return out


# ------------------------------------------------------------------------------------------------------- focus

_WORD = re.compile(r"[\w'’ʼ-]+")


def _words(text: str) -> list[str]:
    from kg.io.text import lookup_key

    return [lookup_key(w).strip("-'") for w in _WORD.findall(text) if w.strip("-'’ʼ")]


def _lemmas(word: str) -> frozenset[str]:
    """Every lemma the dictionaries give a word (Ukrainian for Cyrillic words, English suffix rules otherwise)."""
    from kg.nlp.morph import analyse

    lang = "uk" if _cyrillic(word) else "en"
    found = {word, *analyse(lang, word).lemmas}
    if word.endswith("'s"):
        found.add(word[:-2])
    return frozenset(found)


def _lemma_key(text: str) -> tuple[frozenset[str], ...]:
    return tuple(_lemmas(w) for w in _words(text))


def _same_lemmas(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> bool:
    return bool(a) and len(a) == len(b) and all(x & y for x, y in zip(a, b))


def _skeletons(word: str) -> set[tuple[str, str]]:
    """(skeleton, Latin spelling) of a name word and of its lemmas."""
    from kg.nlp.identity import name_skeleton, transliterate

    out = set()
    for form in _lemmas(word):
        skeleton = name_skeleton(form)
        if skeleton:
            out.add((skeleton, re.sub(r"[^a-z]", "", transliterate(form).lower())))
    return out


def _names_of(node: str, data: dict[str, Any]) -> tuple[set[str], list[str]]:
    """(exact identifiers, names) of a node: ids, codes and IRIs; labels in every language."""
    kind = data.get("kind")
    ids = {node.lower()}
    names: list[str] = []
    if kind in ("country", "organisation"):
        code = str(data.get("code") or node.split(":", 1)[-1])
        ids.add(code.lower())
        concept = concepts("country").get(code)
        if concept is not None:
            ids.add(str(concept.iri).lower())
            for lang in concept.label_sets:
                names += concept.labels(lang, ("pref", "alt", "demonym"))
        names += [str(data.get("label_en") or ""), str(data.get("label_uk") or "")]
    elif kind == "person":
        ids.add(str(data.get("iri") or node.split(":", 1)[-1]).lower())
        names += [str(x) for x in data.get("labels", ())]
    return ids, [n for n in names if n]


def resolve(g: nx.Graph, query: str) -> list[str]:
    """The country, organisation or person nodes of ``g`` that ``query`` names, best matches only.

    Tried in order, the first level with a match wins: the node id, code (any case) or IRI; a label (uk/en,
    SKOS preferred/alternative labels and demonyms of countries, every spelling of a person); the same with
    each word lemmatised (``Японії`` -> японія); a person's surname by its spelling skeleton (``Зеленського``,
    ``Zelensky`` and ``Zelenskyy`` meet, see :func:`kg.nlp.identity.name_skeleton`).
    """
    from kg.io.text import lookup_key

    query = " ".join(str(query).split())
    if not query:
        return []
    q_id, q_key = query.lower(), " ".join(_words(query))
    q_lemmas = _lemma_key(query)
    q_skeletons = set().union(*(_skeletons(w) for w in _words(query))) if _words(query) else set()
    levels: list[list[str]] = [[], [], [], []]
    for node, data in g.nodes(data=True):
        if data.get("kind") not in CORE_KINDS:
            continue
        ids, names = _names_of(str(node), data)
        if q_id in ids:
            levels[0].append(node)
            continue
        keys = {" ".join(_words(n)) for n in names} | {lookup_key(n) for n in names}
        if q_key in keys:
            levels[1].append(node)
            continue
        if any(_same_lemmas(q_lemmas, _lemma_key(n)) for n in names):
            levels[2].append(node)
            continue
        if data.get("kind") == "person" and q_skeletons:
            surnames = set()
            for n in names:
                words = _words(n)
                if words:
                    surnames |= _skeletons(words[-1])
            iri_key = str(data.get("iri") or "").rstrip("/").rsplit("/", 1)[-1]
            for skeleton, latin in q_skeletons:
                if any(skeleton == s and (len(s) >= 3 or latin == lat) for s, lat in surnames) or \
                        (len(skeleton) >= 3 and skeleton == iri_key):
                    levels[3].append(node)
                    break
    for level in levels:
        if level:
            return sorted(level, key=lambda v: (-g.degree(v), str(v)))
    return []


def neighbourhood(g: nx.MultiGraph, centres: Iterable[str], hops: int = 1) -> nx.MultiGraph:
    """The part of ``g`` within ``hops`` steps of ``centres``.

    Steps go through countries, organisations and persons only (relations and offices); the topics and
    articles attached to the nodes reached are kept with them, so a 1-hop focus on Japan shows Japan's
    partners, its office holders, the topics of their relations and the articles naming those people.
    """
    if hops < 0:
        raise ValueError("hops must be 0 or more")
    core = [v for v in g if g.nodes[v].get("kind") in CORE_KINDS]
    walk = g.subgraph(core)
    keep: set[str] = set()
    for centre in centres:
        if centre in walk:
            keep |= set(nx.single_source_shortest_path_length(walk, centre, cutoff=hops))
        elif centre in g:
            keep.add(centre)
    leaves = {n for v in keep for n in g[v] if g.nodes[n].get("kind") not in CORE_KINDS}
    sub = _in_order(g.subgraph(keep | leaves))
    sub.graph.update(g.graph)
    return sub


def focus_graph(g: nx.MultiGraph, focus: str, hops: int = 1) -> nx.MultiGraph:
    """:func:`neighbourhood` of the nodes :func:`resolve` finds for ``focus``; KGError E019 when none."""
    found = resolve(g, focus)
    if not found:
        raise KGError(Errors.E019, query=focus)
    sub = neighbourhood(g, found, hops)
    sub.graph.update(focus=focus, focus_nodes=found, hops=hops)
    return sub


# ------------------------------------------------------------------------------------------------------ export

def _joined(values: Iterable[Any]) -> str:
    out = []
    for v in values:
        out.append(":".join(map(str, v)) if isinstance(v, tuple) else str(v))
    return "; ".join(sorted(out))


def _dates(data: dict[str, Any]) -> list[str]:
    found = {str(ev.get("date")) for ev in data.get("evidence", ()) if ev.get("date")}
    if data.get("kind") == "article" and data.get("date"):
        found.add(str(data["date"]))
    return sorted(d[:10] for d in found if _DATE.match(d[:10]) and len(d) >= 10)


def exchange_graph(g: nx.MultiGraph, dynamic: bool = False) -> nx.MultiGraph:
    """A copy of ``g`` with only string and number attributes, as GraphML and GEXF can hold.

    Sets become ``"; "``-joined strings, evidence becomes JSON, ``type`` becomes ``relation`` (GEXF reserves
    ``type`` for the edge direction) and every element gets ``label``, ``first_date`` and ``last_date``
    (from article dates). With ``dynamic``, nodes and edges also get GEXF ``start`` dates (the first article
    that reports them) and the graph ``mode="dynamic"``, so Gephi's timeline can play the graph.
    """
    out = nx.MultiGraph()
    out.graph.update({k: str(v) for k, v in g.graph.items() if isinstance(v, (str, int, float))})
    edge_dates: dict[tuple[Any, Any, Any], list[str]] = {}
    node_first: dict[Any, str | None] = {}
    for a, b, k, data in g.edges(keys=True, data=True):
        dates = _dates(data)
        if data.get("kind") == "reports":
            dates = _dates(g.nodes[a] if g.nodes[a].get("kind") == "article" else g.nodes[b])
        edge_dates[(a, b, k)] = dates
        for v in (a, b):
            first = dates[0] if dates else None
            if v not in node_first:
                node_first[v] = first
            elif node_first[v] is not None and (first is None or first < node_first[v]):  # type: ignore[operator]
                node_first[v] = first
    for node, data in g.nodes(data=True):
        attrs: dict[str, Any] = {}
        for key, value in data.items():
            if value is None:
                continue
            if isinstance(value, (set, frozenset, list, tuple)):
                value = _joined(value)
            elif isinstance(value, dict):
                value = json.dumps(value, ensure_ascii=False, default=sorted, sort_keys=True)
            elif not isinstance(value, (str, int, float, bool)):
                value = str(value)
            attrs[key] = value
        attrs["label"] = str(data.get("label_en") or data.get("title") or data.get("code") or node)
        own = _dates(data)
        first = node_first.get(node)
        if own:
            first = own[0] if first is None or own[0] < first else first
        if first:
            attrs["first_date"] = first
            if dynamic:
                attrs["start"] = first
        out.add_node(str(node), **attrs)
    for a, b, k, data in g.edges(keys=True, data=True):
        attrs = {}
        for key, value in data.items():
            if value is None:
                continue
            if key == "evidence":
                value = json.dumps(value, ensure_ascii=False)
            elif key == "topic_articles":
                value = json.dumps({t: len(v) for t, v in value.items()}, sort_keys=True)
            elif key == "articles":
                attrs["article_count"] = len(value)
                value = _joined(value)
            elif isinstance(value, (set, frozenset, list, tuple)):
                value = _joined(value)
            elif isinstance(value, dict):
                value = json.dumps(value, ensure_ascii=False, default=sorted, sort_keys=True)
            elif not isinstance(value, (str, int, float, bool)):
                value = str(value)
            attrs["relation" if key == "type" else key] = value
        attrs["label"] = str(data.get("role") or data.get("type") or k)
        attrs["weight"] = float(data.get("weight", 1) or 1)
        dates = edge_dates[(a, b, k)]
        if dates:
            attrs["first_date"], attrs["last_date"] = dates[0], dates[-1]
            if dynamic:  # never before its ends: a node starts with its first edge
                attrs["start"] = dates[0]
        out.add_edge(str(a), str(b), key=str(k), **attrs)
    if dynamic:
        out.graph["mode"] = "dynamic"
    return out


def write_graph(g: nx.MultiGraph, path: str | Path, fmt: str = "graphml") -> Path:
    """Write ``g`` as GraphML or GEXF (dynamic, dated) for Gephi, atomically (temporary file, then rename)."""
    if fmt not in GRAPH_FORMATS:
        raise KGError(Errors.E013, fmt=fmt, formats=", ".join(GRAPH_FORMATS))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if fmt == "graphml":
            nx.write_graphml(exchange_graph(g), tmp, encoding="utf-8", prettyprint=True)
        else:
            nx.write_gexf(exchange_graph(g, dynamic=True), tmp, encoding="utf-8", prettyprint=True)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
