"""Interactive HTML views with pyvis: self-contained (vis-network inlined, no CDN), safe by construction.

The layout is computed in Python (networkx spring layout for small graphs, a vectorised Fruchterman-Reingold on
numpy for large ones; or ``layout="geo"``: polities at their capitals' coordinates, west left and north up) and
physics is off, so even 2,000 nodes draw at once; a "physics" button runs vis-network's simulation on demand.

What a reader sees first: polities sized by the articles supporting their relations; at the first fit the labels
of the best-connected ones are drawn at a readable size and the others' labels wait for the zoom; edges as wide as
their support and coloured by relation type; in the countries view, blocs (Louvain, :func:`analytics.blocs`) as
node colours. Topics show on hover and on the selected edge, not along every edge. The page has a search box, a
legend, filters by relation type, topic and date range (with the count of edges left), and a side panel: for a
country its officials and its partners ranked by support, each with type, topics, status, first and last date and
the evidence sentences; for an edge its evidence; for a person offices, countries and articles.

Safety: the page data goes in as JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
escaped as ``\\u003c`` etc., so ``</script>`` in a sentence cannot end the element. Article text reaches the
DOM only through ``textContent`` / ``createTextNode`` or as vis-network ``title`` strings (shown as text);
links are made with ``setAttribute('href')`` and only for http(s) URLs.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["render_html", "write_html", "reduce_graph", "STYLE", "MAX_NODES", "MAX_EDGES", "LAYOUTS", "BLOC_COLOURS",
           "READABLE_LABELS"]

STYLE: dict[str, dict[str, Any]] = {
    "country": {"color": "#4e79a7", "shape": "dot", "size": 22},
    "organisation": {"color": "#59a14f", "shape": "diamond", "size": 24},
    "person": {"color": "#f28e2b", "shape": "triangle", "size": 14},
    "topic": {"color": "#b07aa1", "shape": "square", "size": 12},
    "article": {"color": "#9c9c9c", "shape": "box", "size": 10},
}
EDGE_COLOURS = {"cooperation": "#2e7d32", "conflict": "#c62828", "holds": "#f28e2b", "about": "#b07aa1",
                "reports": "#bbbbbb"}
MAX_NODES = 2000
MAX_EDGES = 6000
MAX_EVIDENCE = 25  # sentences per edge in the side panel
LAYOUTS = ("force", "geo")
# Tableau 10 without the kind colours' greys: one colour a bloc, in order of bloc size
BLOC_COLOURS = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f",
                "#17becf", "#bcbd22", "#8c564b"]
NO_BLOC = "#a0a0a0"
READABLE_LABELS = 20  # the best-connected polities whose labels are readable at the first fit
LABEL_PX = 12  # their label size on screen at the first fit (px); other labels appear when zoomed in
POLITY_SIZE = (10.0, 50.0)  # node radius of the least and the best-connected polity
PARTNER_EVIDENCE = 3  # sentences per partner in a country's panel (the edge's panel has them all)

_REMOTE = re.compile(r"<(?:link|script)\b[^>]*(?:href|src)=\"https?://[^\"]*\"[^>]*>(?:\s*</script>)?", re.I)
_SAFE_URL = re.compile(r"^https?://", re.I)


def _label(data: dict[str, Any], lang: str) -> str:
    return str(data.get(f"label_{lang}") or data.get("label_en") or data.get("title") or data.get("code") or "?")


def _plain(text: str) -> str:
    # pyvis switches to a tooltip template that assigns node titles with innerHTML when a title contains "href";
    # a zero-width space keeps article text from ever triggering it.
    return text.replace("href", "hre\u200bf")


def _json_for_script(value: Any) -> str:
    """JSON that is inert inside a <script> element (no ``</script>``, ``<!--`` or entities)."""
    text = json.dumps(value, ensure_ascii=False, default=_jsonable)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _jsonable(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=str)
    return str(value)


def _node_title(node: str, data: dict[str, Any], g: nx.MultiGraph) -> str:
    kind = data.get("kind", "")
    lines = [f"{_label(data, 'en')} / {_label(data, 'uk')} ({kind})"]
    if kind == "person":
        lines += [f"{role} — {_polity_label(g, country)}" for role, country in sorted(data.get("roles", ()))]
    if kind == "article":
        lines += [data.get("title", ""), data.get("date", "")]
    return _plain("\n".join(str(x) for x in lines if x))


def _edge_title(data: dict[str, Any]) -> str:
    lines = [str(data.get("type"))]
    if data.get("role"):
        lines[0] = f"holds: {data['role']}"
    if data.get("topics"):
        lines.append("topics: " + ", ".join(sorted(data["topics"])))
    if data.get("statuses"):
        lines.append("status: " + ", ".join(sorted(data["statuses"])))
    lines.append(f"articles: {len(data.get('articles', ()))}")
    for ev in data.get("evidence", [])[:3]:
        source = " · ".join(str(x) for x in (ev.get("title"), ev.get("date"), ev.get("source")) if x)
        lines.append(f"“{ev.get('sentence')}”\n   — {source}")
    if len(data.get("evidence", ())) > 3:
        lines.append("(click the edge for all evidence)")
    return _plain("\n".join(lines))


def _polity_label(g: nx.MultiGraph, code: str, lang: str = "en") -> str:
    data = g.nodes.get(f"country:{code}")
    return _label(data, lang) if data else str(code)


# ---------------------------------------------------------------------------------------------------- reduction

def reduce_graph(g: nx.MultiGraph, max_nodes: int = MAX_NODES,
                 max_edges: int = MAX_EDGES) -> tuple[nx.MultiGraph, dict[str, int] | None]:
    """``g`` cut down to the best-connected ``max_nodes`` nodes and strongest ``max_edges`` edges.

    Returns the graph (``g`` itself when it fits) and what was left out (None when nothing was).
    """
    n, m = g.number_of_nodes(), g.number_of_edges()
    if n <= max_nodes and m <= max_edges:
        return g, None
    strength: dict[Any, float] = dict.fromkeys(g.nodes, 0.0)
    for a, b, data in g.edges(data=True):
        w = float(data.get("weight", 1) or 1)
        strength[a] += w
        strength[b] += w
    keep = set(sorted(g.nodes, key=lambda v: (-strength[v], -g.degree(v), str(v)))[:max_nodes])
    candidates = [(a, b, k, d) for a, b, k, d in g.edges(keys=True, data=True) if a in keep and b in keep]
    candidates.sort(key=lambda e: (-float(e[3].get("weight", 1) or 1), e[3].get("type") not in ("cooperation", "conflict"),
                                   str(e[0]), str(e[1]), str(e[2])))
    # every kept node first keeps its strongest edge (so the cut does not strip whole kinds, e.g. persons),
    # then the budget is filled with the strongest of the rest
    chosen: dict[tuple[Any, Any, Any], int] = {}
    best: dict[Any, int] = {}
    for i, (a, b, _, _) in enumerate(candidates):
        best.setdefault(a, i)
        best.setdefault(b, i)
    for i in sorted(set(best.values())):
        if len(chosen) < max_edges:
            chosen[candidates[i][:3]] = i
    for i, e in enumerate(candidates):
        if len(chosen) >= max_edges:
            break
        chosen.setdefault(e[:3], i)
    small = nx.MultiGraph(**g.graph)
    for v in sorted(keep, key=str):
        small.add_node(v, **g.nodes[v])
    for i in sorted(chosen.values()):
        a, b, k, d = candidates[i]
        small.add_edge(a, b, key=k, **d)
    # nodes kept for their degree that lost every edge to the cut are noise: drop them
    small.remove_nodes_from([v for v in list(small) if small.degree(v) == 0 and g.degree(v) > 0])
    info = {"nodes_total": n, "edges_total": m, "nodes_shown": small.number_of_nodes(),
            "edges_shown": small.number_of_edges()}
    info["nodes_omitted"] = n - info["nodes_shown"]
    info["edges_omitted"] = m - info["edges_shown"]
    return small, info


# ------------------------------------------------------------------------------------------------------- layout

def _fast_layout(g: nx.MultiGraph, iterations: int = 50, seed: int = 7,
                 gravity: float = 10.0) -> dict[Any, tuple[float, float]]:
    """Fruchterman-Reingold vectorised over all node pairs (float32): ~15 ms an iteration for 2,000 nodes."""
    import numpy as np

    nodes = list(g)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    x = rng.random(n, dtype=np.float32)
    y = rng.random(n, dtype=np.float32)
    pairs = np.array([(index[a], index[b]) for a, b in nx.Graph(g).edges() if a != b], dtype=np.int64).reshape(-1, 2)
    k2 = np.float32(1.0 / n)
    k = float(np.sqrt(k2))
    temperature, cooling = 0.1, 0.1 / (iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        w = dx * dx
        w += dy * dy
        np.maximum(w, np.float32(1e-5), out=w)
        np.divide(k2, w, out=w)
        fx = (dx * w).sum(1)
        fy = (dy * w).sum(1)
        if len(pairs):
            ex = x[pairs[:, 0]] - x[pairs[:, 1]]
            ey = y[pairs[:, 0]] - y[pairs[:, 1]]
            length = np.sqrt(ex * ex + ey * ey) / k
            ax, ay = ex * length, ey * length
            fx -= np.bincount(pairs[:, 0], ax, n) - np.bincount(pairs[:, 1], ax, n)
            fy -= np.bincount(pairs[:, 0], ay, n) - np.bincount(pairs[:, 1], ay, n)
        # gravity towards the centre keeps small components (an article and a person) from drifting to a ring
        fx -= gravity * (x - x.mean())
        fy -= gravity * (y - y.mean())
        size = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-9)
        step = np.minimum(size, temperature) / size
        x += (fx * step).astype(np.float32)
        y += (fy * step).astype(np.float32)
        temperature -= cooling
    x -= x.mean()
    y -= y.mean()
    span = float(max(np.abs(x).max(), np.abs(y).max(), 1e-9))
    return {v: (float(x[i]) / span, float(y[i]) / span) for i, v in enumerate(nodes)}


def _geo_layout(g: nx.MultiGraph) -> dict[Any, tuple[float, float]]:
    """Polities at their capitals' (or seats') coordinates, equirectangular: x east, y south (vis draws y down).

    Other nodes (persons, topics, articles) sit around the mean of their placed neighbours; what has no place
    at all lines up under the map.
    """
    import math

    from kg.ontology.concepts import concepts

    known = concepts("country")
    per_degree = 14.0
    pos: dict[Any, tuple[float, float]] = {}
    for v, data in g.nodes(data=True):
        concept = known.get(str(data.get("code") or "")) if data.get("kind") in ("country", "organisation") else None
        if concept is not None and concept.coordinates is not None:
            lat, lon = concept.coordinates
            pos[v] = (lon * per_degree, -lat * per_degree)
    for _ in range(2):  # persons next to their polities, then articles and topics next to them
        placed = dict(pos)
        for i, v in enumerate(sorted((v for v in g if v not in pos), key=str)):
            around = [placed[u] for u in g[v] if u in placed]
            if around:
                angle = (hash_of(str(v)) % 360) * math.pi / 180
                x = sum(p[0] for p in around) / len(around) + 40 * math.cos(angle)
                y = sum(p[1] for p in around) / len(around) + 40 * math.sin(angle)
                pos[v] = (x, y)
    rest = sorted((v for v in g if v not in pos), key=str)
    for i, v in enumerate(rest):  # no coordinates and no placed neighbour: a row under the map
        pos[v] = (-180 * per_degree + (i % 60) * 60.0, 95 * per_degree + (i // 60) * 60.0)
    return pos


def hash_of(text: str) -> int:
    """A small stable hash (Python's ``hash`` of a str changes between runs)."""
    import zlib

    return zlib.crc32(text.encode("utf-8"))


def _subgraph_in_order(g: nx.Graph, nodes: list[Any]) -> nx.Graph:
    """The subgraph on ``nodes``, in their order (a subgraph view iterates its node set in hash order, and the
    layouts' results depend on the order of the nodes they are given)."""
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(sorted((tuple(sorted((a, b), key=str)) for a, b in g.subgraph(nodes).edges()), key=str))
    return sub


def _packed_layout(simple: nx.Graph) -> dict[Any, tuple[float, float]]:
    """The largest component spread evenly over [-1, 1]² (Kamada-Kawai up to 150 nodes, spring beyond), the
    small components in rows under it: no far-off pair of nodes shrinks the first fit of the rest."""
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(simple)), key=lambda c: (-len(c), str(c[0])))
    main = _subgraph_in_order(simple, comps[0])
    if 2 < len(main) <= 150:
        start = nx.spring_layout(main, seed=7, iterations=30)
        pos = nx.kamada_kawai_layout(main, pos=start)
    else:
        pos = nx.spring_layout(main, seed=7, k=2.0 / max(1.0, len(main) ** 0.5), iterations=60)
    pos = nx.rescale_layout_dict(pos, scale=1.0) if len(main) > 1 else {v: (0.0, 0.0) for v in main}
    # screens are wider than tall: the main component takes the width, small components a column on its right
    out = {v: (1.6 * float(x), float(y)) for v, (x, y) in pos.items()}
    cell, per_column = 0.3, 7
    for i, comp in enumerate(comps[1:]):
        sub = _subgraph_in_order(simple, comp)
        local = nx.spring_layout(sub, seed=7, iterations=30) if len(comp) > 1 else {comp[0]: (0.0, 0.0)}
        local = nx.rescale_layout_dict(local, scale=cell * 0.35) if len(comp) > 1 else local
        cx = 1.6 + cell * 0.8 + (i // per_column) * cell
        cy = -1.0 + cell / 2 + (i % per_column) * cell
        out.update({v: (cx + float(x), cy + float(y)) for v, (x, y) in local.items()})
    return out


def _layout(g: nx.MultiGraph, layout: str = "force") -> dict[Any, tuple[float, float]]:
    if layout == "geo":
        return _geo_layout(g)
    n = g.number_of_nodes()
    if n == 0:
        return {}
    if n <= 300:
        pos = _packed_layout(nx.Graph(g))
    else:
        pos = _fast_layout(g, iterations=50 if n <= 2500 else 30)
    scale = 260 * max(1.0, n ** 0.5)
    return {v: (float(x) * scale, float(y) * scale) for v, (x, y) in pos.items()}


def _separate(pos: dict[Any, tuple[float, float]], radius: dict[Any, float], gap: float,
              rounds: int = 200) -> dict[Any, tuple[float, float]]:
    """``pos`` with overlapping discs pushed apart until ``gap`` separates them (or ``rounds`` run out).

    Layouts place nodes as points; drawn as discs, two hubs can cover each other and the one below cannot be
    clicked. Each round finds the pairs closer than their radii and the gap (a k-d tree: only near pairs) and
    moves each apart along the line between them, half the overlap each.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    nodes = list(pos)
    if len(nodes) < 2:
        return dict(pos)
    xy = np.array([pos[v] for v in nodes], dtype=np.float64)
    r = np.array([float(radius.get(v, 0.0)) for v in nodes])
    reach = 2 * float(r.max()) + gap
    # coincident points get a small stable offset so that they have a direction to move in
    xy += np.stack([np.cos(np.arange(len(nodes))), np.sin(np.arange(len(nodes)))], axis=1) * 1e-6
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[i] - xy[j]
        dist = np.maximum(np.sqrt((delta ** 2).sum(1)), 1e-9)
        overlap = r[i] + r[j] + gap - dist
        close = overlap > 0
        if not close.any():
            break
        push = (overlap[close] / (2 * dist[close]))[:, None] * delta[close]
        move = np.zeros_like(xy)
        np.add.at(move, i[close], push)
        np.add.at(move, j[close], -push)
        xy += move
    return {v: (float(xy[k, 0]), float(xy[k, 1])) for k, v in enumerate(nodes)}


# --------------------------------------------------------------------------------------------------------- page

def _narrow_hint() -> str:
    return ", ".join(["--focus", "--topic", "--since", "--type", "--view countries"])


def _article_id(iri: Any) -> str:
    """The content hash at the end of an article IRI ('' when it is not one)."""
    tail = str(iri or "").rsplit("/", 1)[-1]
    return tail if re.fullmatch(r"[0-9a-f]{16,64}", tail) else ""


def _evidence(ev: dict[str, Any]) -> dict[str, Any]:
    url = ev.get("url")
    return {"sentence": str(ev.get("sentence") or ""), "title": str(ev.get("title") or ""),
            "date": str(ev.get("date") or ""), "source": str(ev.get("source") or ""),
            "lang": str(ev.get("lang") or ""), "url": str(url) if url and _SAFE_URL.match(str(url)) else "",
            "article": _article_id(ev.get("article"))}


def _strength(g: nx.MultiGraph) -> tuple[dict[Any, int], list[str]]:
    """(articles supporting each polity's relations, the polities best connected first)."""
    from kg.network.analytics import centrality

    ranked = centrality(g, top=None)
    return {r.node: r.articles for r in ranked}, [r.node for r in ranked]


def _polity_size(articles: int, most: int) -> float:
    low, high = POLITY_SIZE
    return round(low + (high - low) * (articles / most) ** 0.5, 1) if most else low


def _bloc_of(g: nx.MultiGraph) -> tuple[dict[str, int], list[list[str]]]:
    from kg.network.analytics import blocs

    found = blocs(g)
    return {code: i for i, members in enumerate(found) for code in members}, found


def _page_data(g: nx.MultiGraph, edge_ids: dict[tuple[Any, Any, Any], str], lang: str,
               reduced: dict[str, int] | None, *, ranked: list[str], sizes: dict[str, float],
               bloc: dict[str, int], bloc_list: list[list[str]], officials: dict[str, list[Any]] | None,
               explain: str | None, layout: str) -> dict[str, Any]:
    nodes: dict[str, Any] = {}
    kinds: dict[str, int] = {}
    topics: dict[str, dict[str, Any]] = {}
    for node, data in g.nodes(data=True):
        kind = str(data.get("kind", "country"))
        kinds[kind] = kinds.get(kind, 0) + 1
        item: dict[str, Any] = {"kind": kind, "label_en": _label(data, "en"), "label_uk": _label(data, "uk"),
                                "code": str(data.get("code") or ""), "degree": g.degree(node)}
        if kind == "person":
            item["labels"] = sorted(str(x) for x in data.get("labels", ()))
            item["roles"] = [[str(role), str(country), _polity_label(g, country, "en"), _polity_label(g, country, "uk")]
                             for role, country in sorted(data.get("roles", ()))]
            item["articles"] = sorted(([str(g.nodes[a].get("title") or ""), str(g.nodes[a].get("date") or ""),
                                        _article_id(g.nodes[a].get("iri"))]
                                       for a in g[node] if g.nodes[a].get("kind") == "article"),
                                      key=lambda x: (x[1], x[0]), reverse=True)
        if kind in ("country", "organisation"):
            code = item["code"]
            if code in bloc:
                item["bloc"] = bloc[code] + 1
            people = (officials or {}).get(code)
            if people is None:  # the full view has its officials as nodes
                people = sorted({(_label(g.nodes[p], lang), str(d.get("role") or ""), len(d.get("articles", ())))
                                 for p, _, d in ((u, v, d) for u, v, d in _edges_at(g, node) if d.get("type") == "holds")},
                                key=lambda x: (-x[2], x[1], x[0]))
            item["officials"] = [[str(a), str(b), int(c)] for a, b, c in people]
        if kind == "article":
            item["title"] = str(data.get("title") or "")
            item["date"] = str(data.get("date") or "")
            item["article"] = _article_id(data.get("iri"))
        if kind == "topic":
            topics.setdefault(item["code"], {"label_en": item["label_en"], "label_uk": item["label_uk"], "edges": 0})
        nodes[str(node)] = item
    edges: dict[str, Any] = {}
    types: dict[str, int] = {}
    all_dates: set[str] = set()
    for (a, b, key), eid in edge_ids.items():
        data = g.edges[a, b, key]
        typ = str(data.get("type"))
        types[typ] = types.get(typ, 0) + 1
        edge_topics = sorted(str(t) for t in data.get("topics", ()))
        if typ == "about":  # an edge to a topic node belongs to that topic
            for end in (a, b):
                if g.nodes[end].get("kind") == "topic":
                    edge_topics = [str(g.nodes[end].get("code") or "")]
        for t in edge_topics:
            topics.setdefault(t, {"label_en": t, "label_uk": t, "edges": 0})
            topics[t]["edges"] += 1
        evidence = sorted(data.get("evidence", ()), key=lambda ev: str(ev.get("date") or ""), reverse=True)
        # the dates of its articles: the date control keeps an edge while one of them is in the range
        dates = sorted({str(ev.get("date"))[:10] for ev in data.get("evidence", ()) if ev.get("date")})
        all_dates.update(dates)
        edges[eid] = {"from": str(a), "to": str(b), "type": typ, "role": str(data.get("role") or ""),
                      "topics": edge_topics, "statuses": sorted(str(s) for s in data.get("statuses", ())),
                      "articles": len(data.get("articles", ())), "weight": data.get("weight", 1),
                      "dates": dates, "evidence": [_evidence(ev) for ev in evidence[:MAX_EVIDENCE]],
                      "more": max(0, len(evidence) - MAX_EVIDENCE)}
    return {"lang": lang, "style": STYLE, "edgeColours": EDGE_COLOURS, "kinds": kinds, "types": types,
            "topics": topics, "nodes": nodes, "edges": edges, "reduced": reduced,
            "hint": _narrow_hint() if reduced else "", "ranked": [str(v) for v in ranked],
            "readable": READABLE_LABELS, "labelPx": LABEL_PX, "explain": explain or "", "layout": layout,
            "blocs": [{"colour": BLOC_COLOURS[i % len(BLOC_COLOURS)], "members": members}
                      for i, members in enumerate(bloc_list)] if bloc else [],
            "dateMin": min(all_dates) if all_dates else "", "dateMax": max(all_dates) if all_dates else "",
            "partnerEvidence": PARTNER_EVIDENCE}


def _edges_at(g: nx.MultiGraph, node: Any):  # type: ignore[no-untyped-def]
    for u, v, d in g.edges(node, data=True):
        yield (v if u == node else u), node, d


def render_html(g: nx.MultiGraph, *, lang: str = "en", title: str = "kg network", max_nodes: int = MAX_NODES,
                max_edges: int = MAX_EDGES, layout: str = "force", officials: dict[str, list[Any]] | None = None,
                explain: str | None = None) -> str:
    """A self-contained HTML page of ``g`` (from :func:`kg.network.projection.to_networkx`).

    Graphs over ``max_nodes`` nodes or ``max_edges`` edges are reduced (see :func:`reduce_graph`) and the page
    says how much was left out. ``layout`` is ``force`` or ``geo`` (polities at their capitals' coordinates).
    ``officials`` (polity code -> [(name, role, articles)], see :func:`kg.network.projection.officials`) fills a
    country's panel in the countries view. ``explain`` is a link template such as ``/explain/{article}``: each
    evidence then links to the page explaining its article (served views); without it, to the article's URL.
    """
    from pyvis.network import Network

    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}: use {', '.join(LAYOUTS)}")
    g, reduced = reduce_graph(g, max_nodes, max_edges)
    net = Network(height="calc(100vh - 150px)", width="100%", directed=False, cdn_resources="in_line",
                  bgcolor="#ffffff")
    pos = _layout(g, layout)
    # polities and edges are sized against the drawing's extent, so that they keep their size on screen at the fit
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    unit = max(1.0, max(max(xs) - min(xs), 1.6 * (max(ys) - min(ys))) / 3000)
    strength, ranked = _strength(g)
    most = max(strength.values(), default=0)
    countries_view = g.graph.get("view") == "countries"
    bloc, bloc_list = _bloc_of(g) if countries_view else ({}, [])
    sizes: dict[str, float] = {}
    for node, data in g.nodes(data=True):
        kind = data.get("kind", "country")
        size = STYLE.get(kind, STYLE["country"])["size"]
        if kind in ("country", "organisation"):
            size = round(unit * _polity_size(strength.get(node, 0), most), 1)
        sizes[str(node)] = size
    if layout != "geo":  # the geo layout keeps polities at their capitals; zooming in parts them
        pos = _separate(pos, {v: sizes[str(v)] for v in pos}, gap=4 * unit)
    for node, data in g.nodes(data=True):
        kind = data.get("kind", "country")
        style = STYLE.get(kind, STYLE["country"])
        x, y = pos.get(node, (0.0, 0.0))
        colour, size = style["color"], sizes[str(node)]
        if kind in ("country", "organisation"):
            code = str(data.get("code") or "")
            if countries_view:  # blocs as colour; the shape still tells organisations apart
                colour = BLOC_COLOURS[bloc[code] % len(BLOC_COLOURS)] if code in bloc else NO_BLOC
        # no ``group=``: pyvis drops ``color`` when a group is given, and vis would then colour by group
        label = _label(data, lang)
        if kind == "article" and len(label) > 48:  # the full title is in the tooltip and the side panel
            label = label[:47].rstrip() + "…"
        net.add_node(str(node), label=label, title=_node_title(node, data, g), x=x, y=y, kind=kind,
                     color=colour, shape=style["shape"], size=size,
                     labels_all=" | ".join(sorted({_label(data, "en"), _label(data, "uk"), str(data.get("code") or ""),
                                                   *map(str, data.get("labels", ()))})))
    edge_ids: dict[tuple[Any, Any, Any], str] = {}
    heaviest = max((float(d.get("weight", 1) or 1) for _, _, d in g.edges(data=True)), default=1.0)
    for i, (a, b, key, data) in enumerate(g.edges(keys=True, data=True)):
        eid = f"e{i}"
        edge_ids[(a, b, key)] = eid
        typ = str(data.get("type"))
        weight = float(data.get("weight", 1) or 1)
        # appended directly: pyvis' add_edge keeps one edge per pair (a MultiGraph has several) and is quadratic.
        # No label along the edge: its topics show in the tooltip and, once selected, as its label.
        net.edges.append({"id": eid, "from": str(a), "to": str(b), "title": _edge_title(data), "label": "",
                          "color": EDGE_COLOURS.get(typ, "#888"), "edge_type": typ,
                          "width": round(unit * (1 + 9 * (weight / heaviest) ** 0.5), 2)})
    net.set_options(json.dumps({
        "physics": {"enabled": False, "solver": "forceAtlas2Based",
                    "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 25}},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "hideEdgesOnDrag": g.number_of_edges() > 2000},
        "edges": {"font": {"size": 12, "align": "middle", "background": "rgba(255,255,255,0.85)"}, "smooth": False},
        # labels drawn under 8 px on screen are left out until the reader zooms in (the page enlarges the
        # best-connected ones so that they stay readable at the first fit)
        "nodes": {"font": {"size": 14}, "scaling": {"label": {"drawThreshold": 8, "maxVisible": 40}}},
    }))
    page = net.generate_html(notebook=False)
    if "popup.innerHTML" in page:  # pragma: no cover - guarded by _plain
        raise RuntimeError("pyvis chose its HTML tooltip template")
    page = _REMOTE.sub("", page)  # pyvis' template still links Bootstrap and tom-select from CDNs
    data = _page_data(g, edge_ids, lang, reduced, ranked=ranked, sizes=sizes, bloc=bloc, bloc_list=bloc_list,
                      officials=officials, explain=explain, layout=layout)
    controls = _CONTROLS.replace("__DATA__", _json_for_script(data))
    page = page.replace("<body>", "<body>\n" + controls, 1)
    page = page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>\n"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:;\">", 1)
    return page


def write_html(g: nx.MultiGraph, path: Path, **kwargs: Any) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render_html(g, **kwargs), encoding="utf-8")
    tmp.replace(path)
    return path


# The page's own controls. Data goes in as JSON text and out through textContent / setAttribute only.
_CONTROLS = r"""<style>
#kg-controls{font:13px sans-serif;padding:6px;border-bottom:1px solid #ddd;line-height:1.8}
#kg-controls label{margin-right:10px;white-space:nowrap}
#kg-controls .kg-group{display:inline-block;margin-right:14px}
#kg-notice{font:13px sans-serif;background:#fff3cd;border:1px solid #e0c36c;padding:6px;margin:4px 0}
#kg-panel{position:fixed;top:0;right:0;width:380px;max-width:90vw;height:100vh;overflow:auto;background:#fff;
  border-left:1px solid #ccc;box-shadow:-2px 0 8px rgba(0,0,0,.15);font:13px sans-serif;padding:10px;
  box-sizing:border-box;z-index:10}
#kg-panel[hidden]{display:none}
#kg-panel h3{margin:4px 0 8px 0;font-size:16px}
#kg-panel blockquote{margin:6px 0 2px 0;padding-left:8px;border-left:3px solid #ccc}
#kg-panel .kg-meta{color:#555;font-size:12px;margin-bottom:8px}
#kg-panel-close{float:right}
#kg-panel h4{margin:10px 0 4px 0;font-size:14px}
#kg-panel .kg-partner{border-top:1px solid #eee;padding:4px 0}
#kg-panel .kg-partner-name{font-weight:bold;color:#1a4f8b;cursor:pointer;text-decoration:underline}
#kg-panel ul{margin:2px 0 6px 0;padding-left:18px}
</style>
<div id="kg-controls">
<input id="kg-search" placeholder="Search a node (any language), Enter" style="width:240px">
<span id="kg-search-result"></span>
<button id="kg-physics" type="button" aria-pressed="false">Physics: off</button>
<span id="kg-legend" style="margin-left:12px"></span><br>
<span class="kg-group" id="kg-type-filters"><b>Relations:</b> </span>
<span class="kg-group" id="kg-topic-filters"><b>Topics:</b> </span>
<span class="kg-group" id="kg-dates"><b>Dates:</b> <input type="date" id="kg-since" aria-label="from"> &ndash;
<input type="date" id="kg-until" aria-label="to"> <button id="kg-dates-reset" type="button">all dates</button></span>
<span id="kg-filter-status"></span>
</div>
<div id="kg-notice" hidden></div>
<aside id="kg-panel" hidden><button id="kg-panel-close" type="button">×</button><div id="kg-panel-body"></div></aside>
<script type="application/json" id="kg-data">__DATA__</script>
<script>
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var L = D.lang === "uk" ? "uk" : "en";
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function safeUrl(url) {
    if (!url) return null;
    try {
      var u = new URL(String(url));
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (e) { return null; }
  }
  function nodeLabel(id) {
    var n = D.nodes[id];
    return n ? (n["label_" + L] || n.label_en || id) : String(id);
  }
  function topicLabel(code) {
    var t = D.topics[code];
    return t ? (t["label_" + L] || t.label_en || code) : code;
  }

  // ---- legend and notice
  function legend() {
    var box = document.getElementById("kg-legend");
    Object.keys(D.kinds).forEach(function (kind) {
      var item = el("span"); item.style.marginRight = "10px";
      var dot = el("span", "\u25CF "); dot.style.color = (D.style[kind] || {}).color || "#888";
      item.appendChild(dot); item.appendChild(document.createTextNode(kind + " (" + D.kinds[kind] + ")"));
      box.appendChild(item);
    });
    (D.blocs || []).forEach(function (b, i) {
      var item = el("span"); item.style.marginRight = "10px";
      var dot = el("span", "\u25CF "); dot.style.color = b.colour;
      item.appendChild(dot);
      item.appendChild(document.createTextNode("bloc " + (i + 1) + " (" + b.members.slice(0, 3).join(", ") +
        (b.members.length > 3 ? ", \u2026" : "") + ")"));
      item.setAttribute("title", b.members.join(", "));
      box.appendChild(item);
    });
    if (D.reduced) {
      var r = D.reduced, notice = document.getElementById("kg-notice");
      notice.textContent = "Large graph: showing " + r.nodes_shown + " of " + r.nodes_total + " nodes and " +
        r.edges_shown + " of " + r.edges_total + " edges (" + r.nodes_omitted + " nodes and " + r.edges_omitted +
        " edges left out; the strongest edges and best-connected nodes are kept). Narrow the view with " + D.hint + ".";
      notice.hidden = false;
    }
  }

  // ---- filters
  var typeOn = {}, topicOn = {}, hiddenEdges = {}, hiddenNodes = {};
  function checkbox(container, id, text, colour, on, change) {
    var label = el("label");
    var box = el("input", null, {type: "checkbox", id: id});
    box.checked = on;
    box.addEventListener("change", function () { change(box.checked); applyFilters(); });
    label.appendChild(box);
    if (colour) { var bar = el("span", " \u2014"); bar.style.color = colour; bar.style.fontWeight = "bold"; label.appendChild(bar); }
    label.appendChild(document.createTextNode(" " + text));
    container.appendChild(label);
  }
  function buildFilters() {
    var tbox = document.getElementById("kg-type-filters");
    Object.keys(D.types).sort().forEach(function (t) {
      typeOn[t] = true;
      checkbox(tbox, "kg-type-" + t, t + " (" + D.types[t] + ")", D.edgeColours[t] || "#888", true,
               function (on) { typeOn[t] = on; });
    });
    var pbox = document.getElementById("kg-topic-filters");
    var codes = Object.keys(D.topics).filter(function (c) { return D.topics[c].edges > 0; }).sort();
    if (!codes.length) pbox.hidden = true;
    codes.forEach(function (c) {
      topicOn[c] = true;
      checkbox(pbox, "kg-topic-" + c, topicLabel(c) + " (" + D.topics[c].edges + ")", null, true,
               function (on) { topicOn[c] = on; });
    });
  }
  var since = "", until = "";
  function inDates(e) {
    if (!e.dates || !e.dates.length || (!since && !until)) return true;  // undated edges (offices' links) stay
    return e.dates.some(function (d) { return (!since || d >= since) && (!until || d <= until); });
  }
  function setDates(from, to) {
    since = from || ""; until = to || "";
    document.getElementById("kg-since").value = since; document.getElementById("kg-until").value = until;
    return applyFilters();
  }
  function buildDates() {
    var a = document.getElementById("kg-since"), b = document.getElementById("kg-until");
    if (!D.dateMin) { document.getElementById("kg-dates").hidden = true; return; }
    [a, b].forEach(function (box) { box.min = D.dateMin; box.max = D.dateMax; });
    a.value = D.dateMin; b.value = D.dateMax;
    var change = function () { since = a.value || ""; until = b.value || ""; applyFilters(); };
    a.addEventListener("change", change); a.addEventListener("input", change);
    b.addEventListener("change", change); b.addEventListener("input", change);
    document.getElementById("kg-dates-reset").addEventListener("click", function () { setDates(D.dateMin, D.dateMax); });
  }
  function edgeVisible(e) {
    if (!typeOn[e.type]) return false;
    if (!inDates(e)) return false;
    if (!e.topics.length) return true;
    return e.topics.some(function (t) { return topicOn[t]; });
  }
  function applyFilters() {
    var edgeUpdates = [], nodeUpdates = [], shown = 0, total = 0;
    Object.keys(D.edges).forEach(function (id) {
      var visible = edgeVisible(D.edges[id]);
      total += 1; if (visible) shown += 1;
      if (!!hiddenEdges[id] === !visible) return;
      hiddenEdges[id] = !visible;
      edgeUpdates.push({id: id, hidden: !visible});
    });
    Object.keys(D.nodes).forEach(function (id) {
      var n = D.nodes[id];
      if (n.kind !== "topic") return;
      var visible = topicOn[n.code] !== false;
      if (!!hiddenNodes[id] === !visible) return;
      hiddenNodes[id] = !visible;
      nodeUpdates.push({id: id, hidden: !visible});
    });
    if (typeof edges !== "undefined" && edgeUpdates.length) edges.update(edgeUpdates);
    if (typeof nodes !== "undefined" && nodeUpdates.length) nodes.update(nodeUpdates);
    document.getElementById("kg-filter-status").textContent = "showing " + shown + " of " + total + " edges";
    return shown;
  }

  // ---- side panel
  var panel = document.getElementById("kg-panel"), body = document.getElementById("kg-panel-body");
  function row(parent, name, value) {
    if (value === undefined || value === null || value === "") return;
    var p = el("div"); p.appendChild(el("b", name + ": ")); p.appendChild(document.createTextNode(String(value)));
    parent.appendChild(p);
  }
  function openPanel() { while (body.firstChild) body.removeChild(body.firstChild); panel.hidden = false; }
  function explainHref(article) {
    if (!D.explain || !article) return null;
    try {
      var u = new URL(D.explain.replace("{article}", encodeURIComponent(article)), window.location.href);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (e) { return null; }
  }
  function link(parent, text, href) {
    var a = el("a", text);
    a.setAttribute("href", href);
    a.setAttribute("target", "_blank");
    a.setAttribute("rel", "noopener noreferrer");
    parent.appendChild(document.createTextNode(" "));
    parent.appendChild(a);
  }
  function evidenceItem(ev) {
    var item = el("div", null, {"class": "kg-evidence-item"});
    item.appendChild(el("blockquote", "\u201C" + ev.sentence + "\u201D"));
    var meta = el("div", [ev.date, ev.source, ev.title, ev.lang].filter(Boolean).join(" \u00B7 "), {"class": "kg-meta"});
    var why = explainHref(ev.article), href = safeUrl(ev.url);
    if (why) link(meta, "why? (article with its mentions) \u2197", why);
    else if (href) link(meta, "open article \u2197", href);
    item.appendChild(meta);
    return item;
  }
  function partnersOf(id) {
    // the polity's relations grouped by partner, strongest first
    var by = {};
    Object.keys(D.edges).forEach(function (eid) {
      var e = D.edges[eid];
      if (e.type !== "cooperation" && e.type !== "conflict") return;
      if (e.from !== id && e.to !== id) return;
      if (hiddenEdges[eid]) return;
      var other = e.from === id ? e.to : e.from;
      (by[other] = by[other] || {id: other, articles: 0, edges: []});
      by[other].articles += e.articles; by[other].edges.push(eid);
    });
    return Object.keys(by).map(function (k) { return by[k]; }).sort(function (a, b) {
      return b.articles - a.articles || nodeLabel(a.id).localeCompare(nodeLabel(b.id));
    });
  }
  function showPartners(id) {
    var partners = partnersOf(id);
    body.appendChild(el("h4", "Partners (" + partners.length + "), by supporting articles"));
    if (!partners.length) body.appendChild(el("div", "none in the edges shown", {"class": "kg-meta"}));
    partners.forEach(function (p) {
      var box = el("div", null, {"class": "kg-partner"});
      var name = el("span", nodeLabel(p.id), {"class": "kg-partner-name"});
      name.addEventListener("click", function () { showEdge(p.edges[0]); });
      box.appendChild(name);
      box.appendChild(document.createTextNode(" \u2014 " + p.articles + " article" + (p.articles === 1 ? "" : "s")));
      p.edges.forEach(function (eid) {
        var e = D.edges[eid], dates = e.dates || [];
        var line = el("div", e.type + (e.topics.length ? ": " + e.topics.map(topicLabel).join(", ") : "") +
                      (e.statuses.length ? " \u00B7 " + e.statuses.join(", ") : "") +
                      (dates.length ? " \u00B7 " + dates[0] + (dates.length > 1 ? " \u2013 " + dates[dates.length - 1] : "") : ""),
                      {"class": "kg-meta"});
        line.style.color = D.edgeColours[e.type] || "#555";
        box.appendChild(line);
        e.evidence.slice(0, D.partnerEvidence).forEach(function (ev) { box.appendChild(evidenceItem(ev)); });
        var rest = e.evidence.length + e.more - D.partnerEvidence;
        if (rest > 0) {
          var more = el("span", "\u2026 " + rest + " more", {"class": "kg-partner-name"});
          more.addEventListener("click", function () { showEdge(eid); });
          box.appendChild(more);
        }
      });
      body.appendChild(box);
    });
  }
  function hidePanel() { panel.hidden = true; }
  function showNode(id) {
    var n = D.nodes[id]; if (!n) return false;
    openPanel();
    body.appendChild(el("h3", nodeLabel(id)));
    row(body, "uk", n.label_uk); row(body, "en", n.label_en); row(body, "kind", n.kind); row(body, "code", n.code);
    if (n.labels && n.labels.length) row(body, "names", n.labels.join("; "));
    if (n.roles && n.roles.length) {
      body.appendChild(el("b", "Roles"));
      var ul = el("ul");
      n.roles.forEach(function (r) { ul.appendChild(el("li", r[0] + " \u2014 " + (L === "uk" ? r[3] : r[2]) + " (" + r[1] + ")")); });
      body.appendChild(ul);
    }
    row(body, "title", n.title); row(body, "date", n.date); row(body, "connections", n.degree);
    if (n.bloc) row(body, "bloc", n.bloc);
    if (n.article && explainHref(n.article)) link(body, "why? (article with its mentions) \u2197", explainHref(n.article));
    if (n.kind === "person") {
      var countries = {};
      (n.roles || []).forEach(function (r) { countries[L === "uk" ? r[3] : r[2]] = true; });
      if (Object.keys(countries).length) row(body, "countries", Object.keys(countries).sort().join(", "));
      if (n.articles && n.articles.length) {
        body.appendChild(el("h4", "Articles (" + n.articles.length + ")"));
        var list = el("ul");
        n.articles.forEach(function (a) {
          var li = el("li", [a[1], a[0]].filter(Boolean).join(" \u00B7 "));
          if (explainHref(a[2])) link(li, "why? \u2197", explainHref(a[2]));
          list.appendChild(li);
        });
        body.appendChild(list);
      }
    }
    if (n.kind === "country" || n.kind === "organisation") {
      body.appendChild(el("h4", "Officials (" + (n.officials || []).length + ")"));
      if (n.officials && n.officials.length) {
        var ul = el("ul", null, {"class": "kg-officials"});
        n.officials.slice(0, 12).forEach(function (o) { ul.appendChild(el("li", o[0] + " \u2014 " + o[1] + " (" + o[2] + ")")); });
        body.appendChild(ul);
        if (n.officials.length > 12) body.appendChild(el("div", "\u2026 and " + (n.officials.length - 12) +
          " more, fewer articles each", {"class": "kg-meta"}));
      } else body.appendChild(el("div", "none named in the articles", {"class": "kg-meta"}));
      showPartners(id);
    }
    return true;
  }
  function showEdge(id) {
    var e = D.edges[id]; if (!e) return false;
    openPanel();
    body.appendChild(el("h3", nodeLabel(e.from) + " \u2014 " + nodeLabel(e.to)));
    row(body, "type", e.role ? e.type + " (" + e.role + ")" : e.type);
    if (e.topics.length) row(body, "topics", e.topics.map(topicLabel).join(", "));
    if (e.statuses.length) row(body, "status", e.statuses.join(", "));
    row(body, "articles", e.articles);
    if (e.dates && e.dates.length) row(body, "dates", e.dates[0] + (e.dates.length > 1 ? " \u2013 " + e.dates[e.dates.length - 1] : ""));
    if (e.evidence.length) {
      body.appendChild(el("b", "Evidence"));
      var list = el("div", null, {"class": "kg-evidence"});
      e.evidence.forEach(function (ev) { list.appendChild(evidenceItem(ev)); });
      body.appendChild(list);
      if (e.more) body.appendChild(el("div", "\u2026 and " + e.more + " more sentences", {"class": "kg-meta"}));
    }
    return true;
  }
  function showSelection(sel) {
    if (sel && sel.nodes && sel.nodes.length) return showNode(sel.nodes[0]);
    if (sel && sel.edges && sel.edges.length) return showEdge(sel.edges[0]);
    hidePanel(); return false;
  }
  document.getElementById("kg-panel-close").addEventListener("click", hidePanel);

  // ---- search
  function search(q) {
    q = String(q || "").trim().toLowerCase();
    if (!q) return null;
    var all = nodes.get(), best = null, rank = 9;
    all.forEach(function (n) {
      var names = String(n.labels_all || n.label || "").toLowerCase().split(" | ");
      names.forEach(function (name) {
        var r = name === q ? 0 : name.indexOf(q) === 0 ? 1 : name.indexOf(q) >= 0 ? 2 : 9;
        if (r < rank) { rank = r; best = n; }
      });
    });
    return best;
  }

  // ---- physics toggle
  var physicsOn = false, physicsRun = 0;
  function setPhysics(on) {
    var button = document.getElementById("kg-physics");
    physicsOn = on;
    physicsRun += 1;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? "Physics: on (stabilising\u2026)" : "Physics: off";
    if (typeof network === "undefined") return;
    if (on) {
      network.setOptions({physics: {enabled: true}});
      network.stabilize(300);
    } else {
      network.setOptions({physics: {enabled: false}});
    }
  }

  // ---- readable at the first fit: the best-connected polities' labels at D.labelPx on screen, bigger for the
  // very first; the other labels stay under vis' draw threshold until the reader zooms in
  var labelSizes = {};
  function fitLabels() {
    if (typeof network === "undefined") return;
    network.fit({animation: false});
    var scale = network.getScale() || 1, updates = [];
    D.ranked.slice(0, D.readable).forEach(function (id, i) {
      var px = D.labelPx + (i < 5 ? 4 : i < 10 ? 2 : 0);
      var size = Math.max(14, Math.ceil(px / scale));
      labelSizes[id] = size;
      updates.push({id: id, font: {size: size, strokeWidth: Math.max(2, Math.round(size / 6)), strokeColor: "#ffffff"}});
    });
    if (updates.length) nodes.update(updates);
  }
  function labelPx(id) {  // what a label measures on screen now (0 when vis leaves it out)
    var n = network.body.nodes[id]; if (!n) return 0;
    var px = n.options.font.size * network.getScale();
    return px < n.options.scaling.label.drawThreshold ? 0 : px;
  }
  var labelled = null;
  function labelEdge(id) {
    var updates = [];
    if (labelled && labelled !== id && D.edges[labelled]) updates.push({id: labelled, label: ""});
    labelled = id;
    if (id && D.edges[id]) {
      var e = D.edges[id];
      updates.push({id: id, label: e.role ? e.role : e.type + (e.topics.length ? ": " + e.topics.map(topicLabel).join(", ") : "")});
    }
    if (updates.length) edges.update(updates);
  }

  function discAt(point) {
    var best = null, nearest = Infinity;
    Object.keys(network.body.nodes).forEach(function (id) {
      var n = network.body.nodes[id];
      if (n.options.hidden || !n.options.size) return;
      var d = Math.sqrt((n.x - point.x) * (n.x - point.x) + (n.y - point.y) * (n.y - point.y)) / n.options.size;
      if (d <= 1 && d < nearest) { nearest = d; best = id; }
    });
    return best;
  }

  function init() {
    legend();
    buildFilters();
    buildDates();
    applyFilters();
    fitLabels();
    var box = document.getElementById("kg-search"), out = document.getElementById("kg-search-result");
    box.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" || typeof network === "undefined") return;
      var hit = search(box.value);
      if (!hit) { out.textContent = "no match"; return; }
      out.textContent = hit.label;
      network.selectNodes([hit.id]);
      network.focus(hit.id, {scale: 1.2, animation: false});
      showNode(hit.id);
    });
    document.getElementById("kg-physics").addEventListener("click", function () { setPhysics(!physicsOn); });
    if (typeof network !== "undefined") {
      network.on("click", function (params) {
        // vis picks the topmost node whose bounding square holds the pointer: a big disc's corner would take a
        // click on a small neighbour's disc. The disc under the pointer wins.
        var disc = params.pointer ? discAt(params.pointer.canvas) : null;
        if (disc !== null && (!params.nodes.length || params.nodes[0] !== disc)) {
          network.selectNodes([disc]);
          params = {nodes: [disc], edges: network.getSelectedEdges(), pointer: params.pointer};
        }
        labelEdge(params.nodes && params.nodes.length ? null : (params.edges && params.edges[0]) || null);
        showSelection(params);
      });
      network.on("stabilized", function () { if (physicsOn) setPhysics(false); });
      network.on("stabilizationProgress", function (p) {
        if (physicsOn) document.getElementById("kg-physics").textContent =
          "Physics: on (stabilising " + Math.round(100 * p.iterations / p.total) + "%)";
      });
      // big graphs may keep jiggling and never report "stabilized": stop a moment after the iterations are done
      network.on("stabilizationIterationsDone", function () {
        var run = physicsRun;
        setTimeout(function () { if (physicsOn && run === physicsRun) setPhysics(false); }, 1500);
      });
    }
    window.kg = {data: D, showNode: showNode, showEdge: showEdge, showSelection: showSelection, hidePanel: hidePanel,
                 applyFilters: applyFilters, search: search, setPhysics: setPhysics, setDates: setDates,
                 fitLabels: fitLabels, labelPx: labelPx, labelEdge: labelEdge, partners: partnersOf,
                 physics: function () { return physicsOn; }, ready: true};
  }
  // pyvis draws the network in a script at the end of <body>, before DOMContentLoaded
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
</script>
"""
