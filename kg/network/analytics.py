"""Graph analytics on the networkx views (:func:`kg.network.projection.to_networkx`): pure functions, no store needed.

- :func:`centrality`: the most connected countries by partners (degree), supporting articles (weighted
  degree) and weighted PageRank;
- :func:`blocs`: communities of countries that cooperate (Louvain with a fixed seed, so runs agree);
- :func:`strongest_partners` and :func:`topic_partners`: who a country works with most, overall and per topic;
- :func:`connection`: how two countries or persons are connected, step by step with evidence.

Every function takes any view (the countries view or the full one) and works on its polities, except
:func:`connection`, which also walks through persons.

>>> g = demo_graph()
>>> [row.code for row in centrality(g)][:2]
['UA', 'PL']
>>> blocs(g)
[['DE', 'PL', 'UA'], ['BY', 'RU']]
>>> [(p.code, p.articles) for p in strongest_partners(g)["UA"]]
[('PL', 3), ('DE', 2), ('RU', 2)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

import networkx as nx

__all__ = ["CountryRank", "Partner", "Step", "polity_graph", "centrality", "blocs", "strongest_partners",
           "topic_partners", "connection", "demo_graph", "label", "POLITY_KINDS", "SEED"]

POLITY_KINDS = ("country", "organisation")
SEED = 42  # community detection is randomised: a fixed seed gives the same blocs on every run


def label(g: nx.Graph, node: Any, lang: str = "en") -> str:
    """A node's label in ``lang`` (falling back to English, the title, the code, the id)."""
    data = g.nodes[node] if node in g else {}
    return str(data.get(f"label_{lang}") or data.get("label_en") or data.get("title") or data.get("code") or node)


def demo_graph() -> nx.MultiGraph:
    """A small countries view (UA, PL, DE, RU, BY) shaped like :func:`kg.network.projection.to_networkx`'s, for examples."""
    g = nx.MultiGraph(view="countries")
    names = {"UA": ("Ukraine", "Україна"), "PL": ("Poland", "Польща"), "DE": ("Germany", "Німеччина"),
             "RU": ("Russia", "Росія"), "BY": ("Belarus", "Білорусь")}
    for code, (en, uk) in names.items():
        g.add_node(f"country:{code}", kind="country", code=code, label_en=en, label_uk=uk)
    for a, b, typ, topics in [("PL", "UA", "cooperation", {"defence": 3, "energy": 1}),
                              ("DE", "UA", "cooperation", {"energy": 2}),
                              ("DE", "PL", "cooperation", {"economy": 2}),
                              ("RU", "UA", "conflict", {"security": 2}),
                              ("BY", "RU", "cooperation", {"defence": 2})]:
        articles = {f"a{i}" for i in range(max(topics.values()))}
        g.add_edge(f"country:{a}", f"country:{b}", key=typ, kind="relation", type=typ, topics=set(topics),
                   statuses={"ongoing"}, articles=articles,
                   topic_articles={t: {f"a{i}" for i in range(n)} for t, n in topics.items()},
                   evidence=[{"sentence": f"{a} and {b}: {typ}.", "title": "Demo", "date": "2026-01-01"}],
                   weight=len(articles))
    return g


def polity_graph(g: nx.MultiGraph, types: Iterable[str] | None = None, topic: str | None = None) -> nx.Graph:
    """The polities of ``g`` as a simple ``Graph``: one edge per related pair.

    Edge ``weight`` is the number of distinct articles supporting any of the pair's relations (of ``types``,
    all when None; about ``topic`` when given); ``types`` and ``topics`` list what the pair has.

    >>> [(sorted((a, b)), w) for a, b, w in polity_graph(demo_graph(), types=["conflict"]).edges(data="weight")]
    [(['country:RU', 'country:UA'], 2)]
    """
    wanted = set(types) if types is not None else None
    simple = nx.Graph()
    for v, data in g.nodes(data=True):
        if data.get("kind") in POLITY_KINDS:
            simple.add_node(v, **data)
    for a, b, data in g.edges(data=True):
        if a not in simple or b not in simple or a == b or data.get("kind", "relation") != "relation":
            continue
        if wanted is not None and data.get("type") not in wanted:
            continue
        if topic is not None:
            articles = set(data.get("topic_articles", {}).get(topic, ()))
            if not articles and topic in data.get("topics", ()):
                articles = set(data.get("articles", ()))
            if not articles:
                continue
        else:
            articles = set(data.get("articles", ()))
        if not simple.has_edge(a, b):
            simple.add_edge(a, b, articles=set(), types=set(), topics=set())
        e = simple.edges[a, b]
        e["articles"] |= articles or {f"{a}|{b}|{data.get('type')}"}
        e["types"].add(data.get("type"))
        e["topics"] |= set(data.get("topics", ()))
    for _, _, e in simple.edges(data=True):
        e["weight"] = len(e["articles"])
    return simple


@dataclass(frozen=True)
class CountryRank:
    """How connected one polity is."""

    node: str
    code: str
    label_en: str
    label_uk: str
    partners: int  # degree: distinct related polities
    articles: int  # weighted degree: articles supporting its relations, summed over partners
    degree_centrality: float  # partners / (polities - 1)
    pagerank: float  # PageRank weighted by articles

    def label(self, lang: str = "en") -> str:
        return self.label_uk if lang == "uk" else self.label_en


def centrality(g: nx.MultiGraph, top: int | None = 10) -> list[CountryRank]:
    """The most connected polities: by partners, then articles (weighted degree), then weighted PageRank.

    >>> best = centrality(demo_graph(), top=1)[0]
    >>> best.code, best.partners, best.articles, round(best.degree_centrality, 2)
    ('UA', 3, 7, 0.75)
    """
    simple = polity_graph(g)
    simple.remove_nodes_from([v for v in list(simple) if simple.degree(v) == 0])
    if simple.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(simple)
    try:
        rank = nx.pagerank(simple, weight="weight")
    except nx.PowerIterationFailedConvergence:  # pragma: no cover - tiny odd graphs
        rank = dict.fromkeys(simple, 0.0)
    found = [CountryRank(node=v, code=str(d.get("code") or v), label_en=label(simple, v, "en"),
                         label_uk=label(simple, v, "uk"), partners=simple.degree(v),
                         articles=int(simple.degree(v, weight="weight")), degree_centrality=degree[v],
                         pagerank=rank[v])
             for v, d in simple.nodes(data=True)]
    found.sort(key=lambda r: (-r.partners, -r.articles, -r.pagerank, r.code))
    return found[:top] if top is not None else found


def blocs(g: nx.MultiGraph, types: Iterable[str] = ("cooperation",), seed: int = SEED, resolution: float = 1.0,
          min_size: int = 2) -> list[list[str]]:
    """Blocs: communities of polities (codes) in the graph of their relations of ``types``.

    Louvain community detection (networkx ``louvain_communities``) weighted by articles, with a fixed
    ``seed``; by default on cooperation only, since a conflict does not make two countries a bloc. Largest
    bloc first; blocs smaller than ``min_size`` are left out.

    >>> blocs(demo_graph(), min_size=3)
    [['DE', 'PL', 'UA']]
    """
    simple = polity_graph(g, types=types)
    simple.remove_nodes_from([v for v in list(simple) if simple.degree(v) == 0])
    if simple.number_of_nodes() == 0:
        return []
    groups = nx.community.louvain_communities(simple, weight="weight", seed=seed, resolution=resolution)
    codes = [sorted(str(simple.nodes[v].get("code") or v) for v in group) for group in groups]
    codes = [c for c in codes if len(c) >= min_size]
    codes.sort(key=lambda c: (-len(c), c))
    return codes


@dataclass(frozen=True)
class Partner:
    """One partner of a polity and how strong the tie is."""

    node: str
    code: str
    label_en: str
    label_uk: str
    articles: int
    types: tuple[str, ...]
    topics: tuple[str, ...]

    def label(self, lang: str = "en") -> str:
        return self.label_uk if lang == "uk" else self.label_en


def strongest_partners(g: nx.MultiGraph, top: int = 3, topic: str | None = None,
                       types: Iterable[str] | None = None) -> dict[str, list[Partner]]:
    """Each polity's ``top`` partners (by code) by supporting articles, optionally about one ``topic``.

    >>> [(p.code, p.articles) for p in strongest_partners(demo_graph(), topic="energy")["UA"]]
    [('DE', 2), ('PL', 1)]
    """
    simple = polity_graph(g, types=types, topic=topic)
    out: dict[str, list[Partner]] = {}
    for v in sorted(simple, key=str):
        ties = []
        for w in simple[v]:
            e = simple.edges[v, w]
            d = simple.nodes[w]
            ties.append(Partner(node=w, code=str(d.get("code") or w), label_en=label(simple, w, "en"),
                                label_uk=label(simple, w, "uk"), articles=int(e["weight"]),
                                types=tuple(sorted(map(str, e["types"]))), topics=tuple(sorted(map(str, e["topics"])))))
        if ties:
            ties.sort(key=lambda p: (-p.articles, p.code))
            out[str(simple.nodes[v].get("code") or v)] = ties[:top]
    return out


def topic_partners(g: nx.MultiGraph, top: int = 3) -> dict[str, list[tuple[str, str, int]]]:
    """Per topic, the ``top`` pairs of polities (codes, sorted) with the most articles about it.

    >>> topic_partners(demo_graph())["defence"]
    [('PL', 'UA', 3), ('BY', 'RU', 2)]
    """
    found: dict[str, dict[tuple[str, str], set[str]]] = {}
    for a, b, data in g.edges(data=True):
        if data.get("kind", "relation") != "relation":
            continue
        if g.nodes[a].get("kind") not in POLITY_KINDS or g.nodes[b].get("kind") not in POLITY_KINDS:
            continue
        pair = tuple(sorted((str(g.nodes[a].get("code") or a), str(g.nodes[b].get("code") or b))))
        by_topic = data.get("topic_articles") or {t: data.get("articles", set()) for t in data.get("topics", ())}
        for t, articles in by_topic.items():
            found.setdefault(t, {}).setdefault(pair, set()).update(articles)  # type: ignore[arg-type]
    out = {}
    for t in sorted(found):
        pairs = sorted(((a, b, len(arts)) for (a, b), arts in found[t].items()), key=lambda x: (-x[2], x[0], x[1]))
        out[t] = pairs[:top]
    return out


@dataclass(frozen=True)
class Step:
    """One step of a :func:`connection`: from ``source`` to ``target`` by ``relation``, with one evidence."""

    source: str
    target: str
    relation: str  # "cooperation (defence, energy)", "conflict", "president" ...
    kinds: tuple[str, ...]  # the edge kinds between the two: relation, holds
    articles: int
    evidence: dict[str, Any] = field(default_factory=dict)
    source_label: dict[str, str] = field(default_factory=dict)  # by language: {"en": ..., "uk": ...}
    target_label: dict[str, str] = field(default_factory=dict)


def _describe(g: nx.MultiGraph, a: Any, b: Any) -> tuple[str, tuple[str, ...], int, dict[str, Any]]:
    edges = [d for k, d in g[a][b].items() if d.get("kind") in ("relation", "holds")]
    edges.sort(key=lambda d: (-len(d.get("articles", ())), str(d.get("type")), str(d.get("role"))))
    parts = []
    for d in edges:
        if d.get("kind") == "holds":
            parts.append(str(d.get("role")))
        else:
            topics = ", ".join(sorted(d.get("topics", ())))
            parts.append(f"{d.get('type')} ({topics})" if topics else str(d.get("type")))
    articles = set().union(*(set(d.get("articles", ())) for d in edges)) if edges else set()
    evidence: dict[str, Any] = {}
    for d in edges:  # from the best-supported edge: the most recent sentence, titled ones first
        found = list(d.get("evidence", ()))
        if found:
            evidence = dict(max(found, key=lambda ev: (bool(ev.get("title")), str(ev.get("date") or ""))))
            break
    return "; ".join(parts), tuple(sorted({str(d.get("kind")) for d in edges})), len(articles), evidence


def connection(g: nx.MultiGraph, source: Any, target: Any) -> list[Step] | None:
    """The shortest chain of relations and offices from ``source`` to ``target`` (nodes of the full view).

    Walks countries, organisations and persons by relation and ``holds`` edges (not topics or articles, which
    would join everything); among chains of the same length the best-supported wins. Each step carries the
    relation or role and the most recent evidence sentence. None when there is no chain; ``[]`` when
    ``source == target``.

    >>> steps = connection(demo_graph(), "country:PL", "country:BY")
    >>> [(s.source, s.relation, s.target) for s in steps]
    [('country:PL', 'cooperation (defence, energy)', 'country:UA'), ('country:UA', 'conflict (security)', 'country:RU'), ('country:RU', 'cooperation (defence)', 'country:BY')]
    >>> steps[0].evidence["sentence"]
    'PL and UA: cooperation.'
    """
    if source == target:
        return []
    walk = nx.Graph()
    for v, data in g.nodes(data=True):
        if data.get("kind") in (*POLITY_KINDS, "person"):
            walk.add_node(v)
    n = max(1, walk.number_of_nodes())
    for a, b, data in g.edges(data=True):
        if a in walk and b in walk and a != b and data.get("kind") in ("relation", "holds"):
            strength = len(data.get("articles", ())) or 1
            # every step costs 1 (fewest steps first); the tiny rest prefers well-supported steps
            cost = 1.0 + 1.0 / ((strength + 1) * n)
            if not walk.has_edge(a, b) or walk.edges[a, b]["cost"] > cost:
                walk.add_edge(a, b, cost=cost)
    if source not in walk or target not in walk:
        return None
    try:
        nodes = nx.dijkstra_path(walk, source, target, weight="cost")
    except nx.NetworkXNoPath:
        return None
    steps = []
    for a, b in zip(nodes, nodes[1:]):
        relation, kinds, articles, evidence = _describe(g, a, b)
        steps.append(Step(source=a, target=b, relation=relation, kinds=kinds, articles=articles, evidence=evidence,
                          source_label={lang: label(g, a, lang) for lang in ("en", "uk")},
                          target_label={lang: label(g, b, lang) for lang in ("en", "uk")}))
    return steps
