"""Benchmark the HTML network view on a synthetic graph (default 2,000 nodes, 6,000 edges).

    python benchmarks/viz.py [--nodes 2000] [--edges 6000] [--out /tmp/kg-viz-bench.html] [--no-browser]

Prints the time to render the page in Python (layout included) and, in headless Chromium (/usr/bin/chromium,
network blocked), the time until ``nodes.get().length`` is available, until the first frame is drawn and how
long a search, a filter and opening the side panel take.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import networkx as nx

from kg.network.viz import render_html

TOPICS = ["defence", "energy", "trade", "sanctions", "humanitarian", "diplomacy", "cyber", "infrastructure",
          "finance", "migration", "health", "climate", "space", "education", "agriculture"]
ROLES = ["president", "prime_minister", "foreign_minister", "defence_minister", "ambassador"]


def synthetic(n_nodes: int = 2000, n_edges: int = 6000, seed: int = 1) -> nx.MultiGraph:
    """A MultiGraph shaped like :func:`kg.network.projection.to_networkx` ('full' view) output."""
    rng = random.Random(seed)
    g = nx.MultiGraph(view="full")
    n_topics = len(TOPICS)
    n_polities = max(2, n_nodes // 10)
    n_persons = max(1, n_nodes * 3 // 10)
    n_articles = max(1, n_nodes - n_topics - n_polities - n_persons)
    polities, persons, articles = [], [], []
    for t in TOPICS:
        g.add_node(f"topic:{t}", kind="topic", code=t, label_en=t, label_uk=f"{t} (uk)")
    for i in range(n_polities):
        kind = "organisation" if i % 12 == 0 else "country"
        node = f"country:X{i}"
        g.add_node(node, kind=kind, code=f"X{i}", label_en=f"Country {i}", label_uk=f"Країна {i}")
        polities.append(node)
    for i in range(n_articles):
        node = f"article:https://example.org/a/{i}"
        g.add_node(node, kind="article", iri=node[8:], title=f"Article {i} about relations", date=f"2026-01-{1 + i % 28:02d}")
        articles.append(node)
    for i in range(n_persons):
        node = f"person:p{i}"
        country = rng.choice(polities)[8:]
        g.add_node(node, kind="person", iri=f"https://example.org/p/{i}", labels={f"Person {i}", f"Особа {i}"},
                   roles={(rng.choice(ROLES), country)}, label_en=f"Person {i}", label_uk=f"Особа {i}")
        persons.append(node)

    def evidence(k: int) -> list[dict[str, str]]:
        out = []
        for _ in range(k):
            a = rng.randrange(n_articles)
            out.append({"sentence": f"Sentence {rng.random():.6f} about cooperation between two parties.",
                        "article": f"https://example.org/a/{a}", "title": f"Article {a} about relations",
                        "date": "2026-01-15", "url": f"https://example.org/a/{a}", "source": "Synthetic News",
                        "lang": rng.choice(["en", "uk"])})
        return out

    edges = 0
    # every person holds an office, every article reports on a person
    for p in persons:
        role, country = next(iter(g.nodes[p]["roles"]))
        ev = evidence(1)
        g.add_edge(p, f"country:{country}", key=f"holds:{role}", kind="holds", type="holds", role=role,
                   articles={ev[0]["article"]}, evidence=ev, weight=1)
        edges += 1
    for art in articles:
        if edges >= n_edges:
            break
        p = rng.choice(persons)
        if not g.has_edge(art, p, "reports"):
            g.add_edge(art, p, key="reports", kind="reports", type="reports", articles={art[8:]}, evidence=[], weight=1)
            edges += 1
    while edges < n_edges:
        a, b = rng.sample(polities, 2)
        if rng.random() < 0.25:
            t = f"topic:{rng.choice(TOPICS)}"
            if not g.has_edge(a, t, "about"):
                g.add_edge(a, t, key="about", kind="about", type="about", articles={"x"}, evidence=[], weight=1)
                edges += 1
            continue
        typ = "cooperation" if rng.random() < 0.7 else "conflict"
        if g.has_edge(a, b, typ):
            continue
        ev = evidence(rng.randint(1, 4))
        g.add_edge(a, b, key=typ, kind="relation", type=typ, topics=set(rng.sample(TOPICS, rng.randint(0, 2))),
                   statuses={rng.choice(["ongoing", "proposed", "completed"])}, articles={e["article"] for e in ev},
                   evidence=ev, weight=len({e["article"] for e in ev}))
        edges += 1
    return g


def browser_figures(path: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    figures: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.route("http*://**", lambda route: route.abort())
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="commit")
        page.wait_for_function("typeof nodes !== 'undefined' && nodes.get().length > 0", polling=20, timeout=120000)
        figures["nodes.get() available (s)"] = time.perf_counter() - t0
        page.wait_for_function("window.kg && window.kg.ready && typeof network !== 'undefined'", polling=20)
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        figures["interactive, first frame drawn (s)"] = time.perf_counter() - t0
        counts = page.evaluate("[nodes.get().length, edges.get().length]")
        t = time.perf_counter()
        page.fill("#kg-search", "Country 7")
        page.press("#kg-search", "Enter")
        page.wait_for_function("network.getSelectedNodes().length === 1")
        figures["search + select + panel (s)"] = time.perf_counter() - t
        t = time.perf_counter()
        page.uncheck("#kg-type-conflict")
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        figures["type filter + redraw (s)"] = time.perf_counter() - t
        t = time.perf_counter()
        page.evaluate("kg.showEdge(Object.keys(kg.data.edges).pop())")
        figures["edge panel (s)"] = time.perf_counter() - t
        t = time.perf_counter()
        page.click("#kg-physics")
        page.wait_for_function("!kg.physics()", polling=100, timeout=180000)
        figures["physics button: run until it turns itself off (s)"] = time.perf_counter() - t
        browser.close()
    print(f"page: {counts[0]} nodes, {counts[1]} edges; console errors: {len(errors)}")
    for e in errors[:5]:
        print("  error:", e)
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=6000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/kg-viz-bench.html"))
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args(argv)

    g = synthetic(args.nodes, args.edges)
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    t = time.perf_counter()
    page = render_html(g, title="kg benchmark")
    render = time.perf_counter() - t
    args.out.write_text(page, encoding="utf-8")
    print(f"render_html: {render:.2f} s, {len(page.encode()) / 1e6:.1f} MB -> {args.out}")
    if args.no_browser or not Path("/usr/bin/chromium").exists():
        return 0
    for name, value in browser_figures(args.out).items():
        print(f"{name}: {value:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
