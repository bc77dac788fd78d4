"""Interactive HTML views with pyvis: self-contained (vis-network inlined, no CDN), safe tooltips.

Layout is computed in Python (networkx spring layout on scipy) and physics is off after a short stabilisation,
so large graphs draw at once. Tooltips are plain text (vis-network shows ``title`` strings as text), and the
search box and legend are built with ``textContent`` only: article text is never markup.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["render_html", "write_html", "STYLE"]

STYLE: dict[str, dict[str, Any]] = {
    "country": {"color": "#4e79a7", "shape": "dot", "size": 22},
    "organisation": {"color": "#59a14f", "shape": "diamond", "size": 24},
    "person": {"color": "#f28e2b", "shape": "triangle", "size": 14},
    "topic": {"color": "#b07aa1", "shape": "square", "size": 12},
    "article": {"color": "#9c9c9c", "shape": "box", "size": 10},
}
EDGE_COLOURS = {"cooperation": "#2e7d32", "conflict": "#c62828", "holds": "#f28e2b", "about": "#b07aa1",
                "reports": "#bbbbbb"}

_REMOTE = re.compile(r"<(?:link|script)\b[^>]*(?:href|src)=\"https?://[^\"]*\"[^>]*>(?:\s*</script>)?", re.I)


def _label(data: dict[str, Any], lang: str) -> str:
    return str(data.get(f"label_{lang}") or data.get("label_en") or data.get("title") or data.get("code") or "?")


def _node_title(node: str, data: dict[str, Any]) -> str:
    kind = data.get("kind", "")
    lines = [f"{_label(data, 'en')} / {_label(data, 'uk')} ({kind})"]
    if kind == "person":
        lines += [f"{role} — {country}" for role, country in sorted(data.get("roles", ()))]
    if kind == "article":
        lines += [data.get("title", ""), data.get("date", "")]
    return "\n".join(x for x in lines if x)


def _edge_title(data: dict[str, Any]) -> str:
    lines = [str(data.get("type"))]
    if data.get("role"):
        lines[0] = f"holds: {data['role']}"
    if data.get("topics"):
        lines.append("topics: " + ", ".join(sorted(data["topics"])))
    if data.get("statuses"):
        lines.append("status: " + ", ".join(sorted(data["statuses"])))
    lines.append(f"articles: {len(data.get('articles', ()))}")
    for ev in data.get("evidence", [])[:5]:
        source = " · ".join(x for x in (ev.get("title"), ev.get("date"), ev.get("source"), ev.get("url")) if x)
        lines.append(f"“{ev.get('sentence')}”\n   — {source}")
    return "\n".join(lines)


def _layout(g: nx.MultiGraph) -> dict[str, tuple[float, float]]:
    if g.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(g)
    k = 2.0 / max(1.0, g.number_of_nodes() ** 0.5)
    pos = nx.spring_layout(simple, seed=7, k=k, iterations=60 if g.number_of_nodes() < 3000 else 25)
    scale = 260 * max(1.0, g.number_of_nodes() ** 0.5)
    return {n: (float(x) * scale, float(y) * scale) for n, (x, y) in pos.items()}


def render_html(g: nx.MultiGraph, *, lang: str = "en", title: str = "kg network") -> str:
    """A self-contained HTML page of ``g`` (from :func:`kg.network.to_networkx`)."""
    from pyvis.network import Network

    net = Network(height="92vh", width="100%", directed=False, cdn_resources="in_line", bgcolor="#ffffff")
    pos = _layout(g)
    for node, data in g.nodes(data=True):
        kind = data.get("kind", "country")
        style = STYLE.get(kind, STYLE["country"])
        x, y = pos.get(node, (0.0, 0.0))
        net.add_node(node, label=_label(data, lang), title=_node_title(node, data), x=x, y=y, group=kind,
                     color=style["color"], shape=style["shape"], size=style["size"], physics=False,
                     labels_all=" | ".join(sorted({_label(data, "en"), _label(data, "uk"), *data.get("labels", ())})))
    for a, b, key, data in g.edges(keys=True, data=True):
        typ = str(data.get("type"))
        label = typ if typ in ("cooperation", "conflict") else (data.get("role") or "")
        if data.get("topics"):
            label += ": " + ", ".join(sorted(data["topics"]))
        net.add_edge(a, b, title=_edge_title(data), label=label, color=EDGE_COLOURS.get(typ, "#888"),
                     width=1 + min(8, data.get("weight", 1)), edge_type=typ,
                     topics=" ".join(sorted(data.get("topics", ()))))
    net.set_options(json.dumps({
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
        "edges": {"font": {"size": 10, "align": "middle"}, "smooth": False},
        "nodes": {"font": {"size": 14}},
    }))
    page = net.generate_html(notebook=False)
    page = _REMOTE.sub("", page)  # pyvis' template still links Bootstrap and tom-select from CDNs
    counts: dict[str, int] = {}
    for _, data in g.nodes(data=True):
        counts[data.get("kind", "?")] = counts.get(data.get("kind", "?"), 0) + 1
    edge_counts: dict[str, int] = {}
    for _, _, data in g.edges(data=True):
        edge_counts[str(data.get("type"))] = edge_counts.get(str(data.get("type")), 0) + 1
    controls = _CONTROLS.replace("__LEGEND__", html.escape(json.dumps(
        {"nodes": counts, "edges": edge_counts, "style": STYLE, "edgeColours": EDGE_COLOURS}), quote=False))
    page = page.replace("<body>", "<body>\n" + controls, 1)
    page = page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>\n"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:;\">", 1)
    return page


def write_html(g: nx.MultiGraph, path: Path, **kwargs: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render_html(g, **kwargs), encoding="utf-8")
    tmp.replace(path)
    return path


# The page's own controls: search and legend. Data goes in as JSON text and out through textContent only.
_CONTROLS = """<div id="kg-controls" style="font:14px sans-serif;padding:6px;border-bottom:1px solid #ddd">
<input id="kg-search" placeholder="Search a node (any language)" style="width:260px">
<span id="kg-search-result"></span>
<span id="kg-legend" style="margin-left:16px"></span>
</div>
<script type="application/json" id="kg-legend-data">__LEGEND__</script>
<script>
document.addEventListener("DOMContentLoaded", function () {
  var data = JSON.parse(document.getElementById("kg-legend-data").textContent);
  var legend = document.getElementById("kg-legend");
  Object.keys(data.nodes).forEach(function (kind) {
    var item = document.createElement("span");
    item.style.marginRight = "12px";
    var dot = document.createElement("span");
    dot.textContent = "\\u25CF ";
    dot.style.color = (data.style[kind] || {}).color || "#888";
    item.appendChild(dot);
    item.appendChild(document.createTextNode(kind + " (" + data.nodes[kind] + ")"));
    legend.appendChild(item);
  });
  Object.keys(data.edges).forEach(function (kind) {
    var item = document.createElement("span");
    item.style.marginRight = "12px";
    var bar = document.createElement("span");
    bar.textContent = "\\u2014 ";
    bar.style.color = data.edgeColours[kind] || "#888";
    item.appendChild(bar);
    item.appendChild(document.createTextNode(kind + " (" + data.edges[kind] + ")"));
    legend.appendChild(item);
  });
  var box = document.getElementById("kg-search");
  var out = document.getElementById("kg-search-result");
  box.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || typeof network === "undefined") return;
    var q = box.value.trim().toLowerCase();
    var hit = nodes.get().find(function (n) {
      return String(n.labels_all || n.label || "").toLowerCase().indexOf(q) >= 0;
    });
    if (!hit) { out.textContent = "no match"; return; }
    out.textContent = hit.label;
    network.selectNodes([hit.id]);
    network.focus(hit.id, {scale: 1.5, animation: false});
  });
});
</script>
"""
