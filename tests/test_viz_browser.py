"""The HTML network view in a real (headless) Chromium: counts, search, filters, side panel, physics, safety.

Needs the Debian ``chromium`` package and the ``playwright`` Python package; skipped otherwise. The network is
blocked: the page must be self-contained. Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
if not (CHROMIUM.exists() or shutil.which("chromium")):
    pytest.skip("Chromium is not installed at /usr/bin/chromium (Debian package chromium)", allow_module_level=True)

import kg  # noqa: E402
from kg.network.viz import render_html, write_html  # noqa: E402

FRIENDLY = ("Ukraine and Poland signed a defence cooperation agreement in Warsaw. "
            "Prime Minister of Poland Donald Tusk said that Russia continues its attacks on Ukraine.")
HOSTILE = ('Prime Minister of Japan Sanae Takaichi said that Ukraine and Japan signed an energy cooperation agreement '
           '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1"> in Tokyo. '
           'Russia attacked Ukraine again <a href="javascript:window.__pwned=1">here</a>.')
HOSTILE_TITLE = '<b>x</b><script>window.__pwned=1</script> <a href="javascript:window.__pwned=1">y</a>'


@pytest.fixture(scope="module")
def graphs():
    """(friendly graph, graph with a hostile article) through the real pipeline."""
    g = kg.open(None)
    g.ingest([SEEDS])
    g.ingest_text(FRIENDLY, title="Poland backs Ukraine", date="2026-03-01", url="https://example.org/poland",
                  source="Example News", lang="en")
    friendly = g.to_networkx("full")
    g.ingest_text(HOSTILE, url="javascript:window.__pwned=1", title=HOSTILE_TITLE, date="2026-03-02",
                  source='<img src=x onerror="window.__pwned=1">', lang="en")
    hostile = g.to_networkx("full")
    g.close()
    return friendly, hostile


class Page:
    """A page opened from a file with the network blocked, recording console errors and requests."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.route("http*://**", lambda route: route.abort())
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.kg && window.kg.ready && typeof network !== 'undefined'")

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))

    def close(self) -> None:
        self.page.close()

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).scheme not in ("file", "data", "blob", "about")]


@pytest.fixture()
def friendly_page(browser, graphs, tmp_path):
    g = graphs[0]
    page = Page(browser, write_html(g, tmp_path / "v.html"))
    yield g, page
    page.close()


def test_page_loads_offline_with_all_nodes_and_edges(friendly_page):
    g, page = friendly_page
    assert page.js("nodes.get().length") == g.number_of_nodes()
    assert page.js("edges.get().length") == g.number_of_edges()  # parallel edges of the MultiGraph kept
    assert page.js("document.getElementById('kg-filter-status').textContent") == (
        f"showing {g.number_of_edges()} of {g.number_of_edges()} edges")
    page.screenshot("viz_friendly.png")
    assert page.errors == []
    assert page.foreign_requests() == []


def test_nodes_are_coloured_by_kind(friendly_page):
    g, page = friendly_page
    colours = page.js("Object.fromEntries(nodes.get().map(n => [n.id, [n.color, n.group || null]]))")
    from kg.network.viz import STYLE

    for node, data in g.nodes(data=True):
        assert colours[node] == [STYLE[data["kind"]]["color"], None]
    # and vis draws them so: the body's node options carry the kind colour
    ua = page.js("network.body.nodes['country:UA'].options.color.background")
    assert ua.lower() == STYLE["country"]["color"]


def test_search_selects_the_node(friendly_page):
    _, page = friendly_page
    for query, expected in (("Польща", "country:PL"), ("poland", "country:PL"), ("Japan", "country:JP")):
        page.page.fill("#kg-search", query)
        page.page.press("#kg-search", "Enter")
        assert page.js("network.getSelectedNodes()") == [expected]
        assert not page.js("document.getElementById('kg-panel').hidden")
    page.page.fill("#kg-search", "no such thing at all")
    page.page.press("#kg-search", "Enter")
    assert page.js("document.getElementById('kg-search-result').textContent") == "no match"
    assert page.errors == []


def test_type_and_topic_filters_hide_the_right_edges(friendly_page):
    g, page = friendly_page
    total = g.number_of_edges()
    conflict = sorted(f"{a}|{b}" for a, b, d in g.edges(data=True) if d["type"] == "conflict")
    assert conflict, "the test graph should have conflict edges"
    page.page.uncheck("#kg-type-conflict")
    hidden = page.js("edges.get({filter: e => e.hidden}).map(e => e.from + '|' + e.to).sort()")
    assert hidden == conflict
    assert page.js("document.getElementById('kg-filter-status').textContent") == (
        f"showing {total - len(conflict)} of {total} edges")
    page.page.check("#kg-type-conflict")
    assert page.js("edges.get({filter: e => e.hidden}).length") == 0

    # unchecking a topic hides the relation edges whose only topic it is, and its 'about' edges and node
    topic = "defence"
    only = {f"{a}|{b}|{d['type']}" for a, b, d in g.edges(data=True) if d["type"] in ("cooperation", "conflict")
            and d.get("topics") == {topic}}
    about = {f"{a}|{b}|about" for a, b, d in g.edges(data=True) if d["type"] == "about" and f"topic:{topic}" in (a, b)}
    page.page.uncheck(f"#kg-topic-{topic}")
    hidden = set(page.js("edges.get({filter: e => e.hidden}).map(e => e.from + '|' + e.to + '|' + e.edge_type)"))
    assert hidden == only | about
    assert page.js(f"nodes.get('topic:{topic}').hidden") is True
    page.page.check(f"#kg-topic-{topic}")
    assert page.js("edges.get({filter: e => e.hidden}).length") == 0
    assert page.errors == []


def test_clicking_shows_labels_roles_and_evidence(friendly_page):
    g, page = friendly_page
    # a real click on a node's position on the canvas
    box = page.page.locator("#mynetwork canvas").bounding_box()
    point = page.js("(() => { const p = network.getPositions(['country:PL'])['country:PL']; return network.canvasToDOM(p); })()")
    page.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    text = page.js("document.getElementById('kg-panel').textContent")
    assert "Польща" in text and "Poland" in text
    assert page.js("network.getSelectedNodes()") == ["country:PL"]

    person = next(n for n, d in g.nodes(data=True) if d["kind"] == "person" and "Tusk" in " ".join(d["labels"]))
    page.js("id => { network.selectNodes([id]); kg.showSelection({nodes: network.getSelectedNodes(), edges: []}); }",
            person)
    text = page.js("document.getElementById('kg-panel').textContent")
    assert "prime_minister" in text and "Poland" in text

    a, b, key = next((a, b, k) for a, b, k, d in g.edges(keys=True, data=True)
                     if d["type"] == "cooperation" and {a, b} == {"country:PL", "country:UA"})
    eid = page.js("([a, b, t]) => edges.get({filter: e => ((e.from === a && e.to === b) || (e.from === b && e.to === a))"
                  " && e.edge_type === t})[0].id", [a, b, "cooperation"])
    page.js("id => { network.selectEdges([id]); kg.showSelection({nodes: [], edges: network.getSelectedEdges()}); }", eid)
    text = page.js("document.getElementById('kg-panel').textContent")
    assert "defence cooperation agreement" in text
    assert "Poland backs Ukraine" in text and "2026-03-01" in text and "Example News" in text
    links = page.js("[...document.querySelectorAll('#kg-panel a')].map(a => [a.getAttribute('href'), a.rel])")
    assert links == [["https://example.org/poland", "noopener noreferrer"]]
    page.screenshot("viz_panel.png")
    assert page.errors == []


def test_physics_toggle(friendly_page):
    _, page = friendly_page
    assert page.js("network.physics.physicsEnabled") is False
    page.js("window.__runs = []; network.on('startStabilizing', () => window.__runs.push('start'));"
            "network.on('stabilized', () => window.__runs.push('stabilized'))")
    page.page.click("#kg-physics")
    # runs the simulation and turns itself off once stabilised (a small graph may be done before we look)
    page.page.wait_for_function("window.__runs.indexOf('stabilized') >= 0 && !kg.physics()"
                                " && network.physics.physicsEnabled === false", timeout=20000)
    assert page.js("document.getElementById('kg-physics').textContent") == "Physics: off"
    # a second click turns it off at once (the auto-off is detached so a fast stabilisation cannot race the click)
    page.js("network.off('stabilized')")
    page.page.click("#kg-physics")
    assert page.js("kg.physics()") is True and page.js("network.physics.physicsEnabled") is True
    page.page.click("#kg-physics")
    assert page.js("kg.physics()") is False and page.js("network.physics.physicsEnabled") is False
    assert page.errors == []


def test_hostile_article_is_inert(browser, graphs, tmp_path):
    g = graphs[1]
    assert any("__pwned" in ev["sentence"] for _, _, d in g.edges(data=True) for ev in d.get("evidence", ())), \
        "the hostile sentence should be in the graph"
    html = render_html(g)
    assert "</script><img" not in html and "<script>window.__pwned" not in html
    page = Page(browser, write_html(g, tmp_path / "v.html"))
    try:
        assert page.js("nodes.get().length") == g.number_of_nodes()
        assert page.js("edges.get().length") == g.number_of_edges()
        # open every node and edge in the panel, hover a few tooltips
        page.js("Object.keys(kg.data.nodes).forEach(kg.showNode)")
        page.js("Object.keys(kg.data.edges).forEach(kg.showEdge)")
        hostile = page.js("Object.keys(kg.data.edges).find(id => kg.data.edges[id].evidence.some("
                          "ev => ev.sentence.indexOf('__pwned') >= 0))")
        page.js("id => kg.showEdge(id)", hostile)
        text = page.js("document.getElementById('kg-panel').textContent")
        assert "<script>window.__pwned=1</script>" in text  # shown as text
        assert "<b>x</b>" in text
        page.page.fill("#kg-search", "<img src=x onerror=\"window.__pwned=1\">")
        page.page.press("#kg-search", "Enter")
        page.page.wait_for_timeout(300)
        assert page.js("window.__pwned") is None
        assert page.js("document.querySelectorAll('#kg-panel img, #kg-panel script').length") == 0
        assert page.js("[...document.querySelectorAll('#kg-panel b')].filter(b => b.textContent === 'x').length") == 0
        assert page.js("[...document.querySelectorAll('a')].filter(a => /^\\s*javascript:/i.test("
                       "a.getAttribute('href') || '')).length") == 0
        # the hostile article's URL is javascript: and becomes no link; other articles' http(s) links stay
        assert page.js("[...document.querySelectorAll('#kg-panel a')].filter(a => !/^https?:/.test("
                       "a.getAttribute('href') || '')).length") == 0
        assert page.js("document.querySelectorAll('.popup').length") == 0  # pyvis' innerHTML tooltip not used
        page.screenshot("viz_hostile.png")
        assert page.errors == []
        assert page.foreign_requests() == []
    finally:
        page.close()


def test_large_graph_is_reduced_with_a_notice(browser, tmp_path):
    import networkx as nx

    g = nx.MultiGraph()
    for i in range(60):
        g.add_node(f"country:C{i}", kind="country", code=f"C{i}", label_en=f"Country {i}", label_uk=f"Країна {i}")
    for i in range(60):
        for j in range(i + 1, min(60, i + 4)):
            g.add_edge(f"country:C{i}", f"country:C{j}", key="cooperation", type="cooperation", topics={"trade"},
                       statuses={"ongoing"}, articles={f"a{i}"}, evidence=[], weight=1 + (i % 5))
    page = Page(browser, write_html(g, tmp_path / "big.html", max_nodes=40, max_edges=50))
    try:
        shown_nodes, shown_edges = page.js("[nodes.get().length, edges.get().length]")
        assert shown_nodes <= 40 and shown_edges == 50
        notice = page.js("document.getElementById('kg-notice')")
        assert notice is not None
        text = page.js("document.getElementById('kg-notice').textContent")
        assert page.js("document.getElementById('kg-notice').hidden") is False
        assert f"{60 - shown_nodes} nodes and {g.number_of_edges() - 50} edges left out" in text
        assert "--topic" in text and "--since" in text
        page.screenshot("viz_reduced.png")
        assert page.errors == []
    finally:
        page.close()
