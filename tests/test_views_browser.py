"""Issue 14's acceptance, in headless Chromium with the network blocked, on a store of the evaluation articles:
readable labels at the first fit, node sizes, a country's panel, the date control, the geo layout, and the
explain page (every mention of the seed's people and countries marked, hostile text inert).

Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import re
import shutil
import statistics
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SEED = next((ROOT / "seeds").glob("*.txt"))

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
if not (CHROMIUM.exists() or shutil.which("chromium")):
    pytest.skip("Chromium is not installed at /usr/bin/chromium (Debian package chromium)", allow_module_level=True)

import kg  # noqa: E402
from kg.network.analytics import centrality, strongest_partners  # noqa: E402
from kg.network.explain import explain_html, load_article  # noqa: E402
from kg.network.projection import officials  # noqa: E402
from kg.network.viz import write_html  # noqa: E402

HOSTILE = ('Prime Minister of Japan Sanae Takaichi said that Ukraine and Japan signed an energy cooperation agreement '
           '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1"> in Tokyo. '
           'Russia attacked Ukraine again <a href="javascript:window.__pwned=1">here</a>.')


@pytest.fixture(scope="module")
def evaluation():
    """(countries view, officials) of a store holding the project's evaluation articles."""
    folders = [ROOT / "evaluation" / "articles", *sorted((ROOT / "evaluation").glob("*/articles"))]
    graph = kg.open(None)
    graph.ingest([str(f) for f in folders if f.is_dir()])
    g = graph.to_networkx("countries")
    people = officials(graph.store)
    graph.close()
    assert g.number_of_nodes() > 50
    return g, people


def _open(browser, path: Path, ready: str = "window.kg && window.kg.ready && typeof network !== 'undefined'"):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.route("http*://**", lambda route: route.abort())
    page.goto(path.resolve().as_uri())
    if ready:
        page.wait_for_function(ready)
    return page, errors, requests


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_countries_view_reads_at_the_first_fit(browser, evaluation, tmp_path):
    g, people = evaluation
    page, errors, requests = _open(browser, write_html(g, tmp_path / "c.html", officials=people))
    try:
        best = [r.node for r in centrality(g, top=20)]
        # label size on screen = vis' font size for the node x the view's scale, and vis draws it (>= threshold)
        sizes = page.evaluate("ids => ids.map(id => { const n = network.body.nodes[id];"
                              " return [n.options.font.size * network.getScale(), n.options.scaling.label.drawThreshold]; })",
                              best)
        for node, (px, threshold) in zip(best, sizes):
            assert px >= 10 and px >= threshold, (node, px)
        radii = page.evaluate("Object.values(network.body.nodes).filter(n => n.options.kind === 'country' ||"
                              " n.options.kind === 'organisation').map(n => n.options.size)")
        assert len(radii) == g.number_of_nodes()
        assert max(radii) >= 2 * statistics.median(radii)
        # no disc covers another: every polity can be clicked
        discs = page.evaluate("Object.values(network.body.nodes).filter(n => n.options.kind === 'country' ||"
                              " n.options.kind === 'organisation').map(n => [n.id, n.x, n.y, n.options.size])")
        covered = [(a[0], b[0]) for i, a in enumerate(discs) for b in discs[i + 1:]
                   if ((a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2) ** 0.5 < a[3] + b[3]]
        assert covered == []
        # no topic lists along the edges; the selected edge shows its topics
        assert page.evaluate("edges.get().filter(e => e.label).length") == 0
        _shot(page, "views_countries.png")
        assert errors == [] and [u for u in requests if u.startswith("http")] == []
    finally:
        page.close()


def test_clicking_the_best_connected_country_shows_partners_and_evidence(browser, evaluation, tmp_path):
    g, people = evaluation
    page, errors, _ = _open(browser, write_html(g, tmp_path / "c.html", officials=people))
    try:
        top = centrality(g, top=1)[0]
        box = page.locator("#mynetwork canvas").bounding_box()
        point = page.evaluate("id => network.canvasToDOM(network.getPositions([id])[id])", top.node)
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        assert page.evaluate("network.getSelectedNodes()") == [top.node]
        text = page.evaluate("document.getElementById('kg-panel').textContent")
        assert top.label_en in text and "Partners (" in text and "Officials (" in text
        partners = strongest_partners(g, top=3)[top.code]
        for p in partners:
            assert p.label_en in text
        # the strongest partner's evidence: a sentence, its date and source
        first = page.evaluate("[...document.querySelectorAll('#kg-panel .kg-partner')][0].textContent")
        assert partners[0].label_en in first
        edge = next(d for a, b, d in g.edges(data=True) if {a, b} == {top.node, partners[0].node})
        newest = max(edge["evidence"], key=lambda ev: ev.get("date") or "")
        assert newest["sentence"] in first and (newest.get("date") or "") in first
        assert page.evaluate("document.querySelectorAll('#kg-panel .kg-evidence-item').length") >= 3
        official = people[top.code][0][0]
        assert official in text
        _shot(page, "views_country_panel.png")
        assert errors == []
    finally:
        page.close()


def test_a_click_on_a_small_disc_in_a_big_one_s_corner_selects_the_small_one(browser, evaluation, tmp_path):
    g, people = evaluation
    page, errors, _ = _open(browser, write_html(g, tmp_path / "c.html", officials=people))
    try:
        big = centrality(g, top=1)[0].node
        # a small polity drawn under the biggest, moved into the corner of its bounding square, off its disc
        small = page.evaluate("""a => { const A = network.body.nodes[a], ia = network.body.nodeIndices.indexOf(a);
            const c = network.body.nodeIndices.slice(0, ia)
              .find(id => network.body.nodes[id].options.size < A.options.size / 3);
            const s = A.options.size * 0.9; network.moveNode(c, A.x + s, A.y + s); network.redraw(); return c; }""",
                              big)
        point = page.evaluate("id => network.canvasToDOM(network.getPositions([id])[id])", small)
        assert page.evaluate("p => network.getNodeAt(p)", point) == big  # vis' own hit test takes the big one
        box = page.locator("#mynetwork canvas").bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        assert page.evaluate("network.getSelectedNodes()") == [small]
        assert g.nodes[small]["label_en"] in page.evaluate("document.getElementById('kg-panel').textContent")
        assert errors == []
    finally:
        page.close()


def test_the_date_control_changes_the_edge_count(browser, evaluation, tmp_path):
    g, people = evaluation
    page, errors, _ = _open(browser, write_html(g, tmp_path / "c.html", officials=people))
    try:
        total = g.number_of_edges()
        status = "document.getElementById('kg-filter-status').textContent"
        assert page.evaluate(status) == f"showing {total} of {total} edges"
        dates = sorted({ev["date"][:10] for _, _, d in g.edges(data=True) for ev in d["evidence"] if ev.get("date")})
        since = dates[len(dates) // 2]
        expected = sum(1 for _, _, d in g.edges(data=True) if any((ev.get("date") or "")[:10] >= since
                                                                   for ev in d["evidence"]))
        assert 0 < expected < total
        page.fill("#kg-since", since)
        page.dispatch_event("#kg-since", "change")
        assert page.evaluate(status) == f"showing {expected} of {total} edges"
        assert page.evaluate("edges.get({filter: e => e.hidden}).length") == total - expected
        _shot(page, "views_dates.png")
        page.click("#kg-dates-reset")
        assert page.evaluate(status) == f"showing {total} of {total} edges"
        assert errors == []
    finally:
        page.close()


def test_geo_layout_puts_west_left_and_north_up(browser, evaluation, tmp_path):
    g, people = evaluation
    page, errors, _ = _open(browser, write_html(g, tmp_path / "geo.html", layout="geo", officials=people))
    try:
        for code in ("US", "UA", "JP"):
            assert f"country:{code}" in g
        pos = page.evaluate("network.getPositions()")
        # on screen: x grows to the right (east), y grows downwards (south)
        assert pos["country:US"]["x"] < pos["country:UA"]["x"] < pos["country:JP"]["x"]
        g.add_node("country:FI", kind="country", code="FI", label_en="Finland", label_uk="Фінляндія")
        g.add_node("country:ZA", kind="country", code="ZA", label_en="South Africa", label_uk="ПАР")
        page.close()
        page, errors, _ = _open(browser, write_html(g, tmp_path / "geo2.html", layout="geo", officials=people))
        pos = page.evaluate("network.getPositions()")
        assert pos["country:FI"]["y"] < pos["country:ZA"]["y"]
        best = [r.node for r in centrality(g, top=20)]
        assert min(page.evaluate("ids => ids.map(kg.labelPx)", best)) >= 10
        _shot(page, "views_geo.png")
        assert errors == []
    finally:
        page.close()


def test_explain_marks_the_seeds_people_and_countries_and_lists_its_claims(browser, tmp_path):
    from kg.pipeline.extraction import assertions_of

    article, _ = load_article(str(SEED))
    path = tmp_path / "explain.html"
    path.write_text(explain_html(article), encoding="utf-8")
    page, errors, requests = _open(browser, path, ready="")
    try:
        clean = page.evaluate("(() => { const c = document.getElementById('kg-text').cloneNode(true);"
                              " c.querySelectorAll('.kg-tag').forEach(t => t.remove()); return c.textContent; })()")
        assert clean == article.text
        spans = page.evaluate("(() => { const c = document.getElementById('kg-text').cloneNode(true);"
                              " c.querySelectorAll('.kg-tag').forEach(t => t.remove());"
                              " const out = []; const walk = (node, pos) => { for (const ch of node.childNodes) {"
                              " const len = ch.textContent.length;"
                              " if (ch.nodeName === 'MARK') out.push([pos, pos + len, ch.dataset.kind]);"
                              " if (ch.childNodes.length) walk(ch, pos); pos += len; } }; walk(c, 0); return out; })()")
        for pattern, kind in ((r"Зеленськ\w*", "person"), (r"Такаїч\w*", "person"), (r"Україн\w*", "polity"),
                              (r"Япон\w*", "polity")):
            found = list(re.finditer(pattern, article.text))
            assert found, pattern
            for m in found:
                assert any(a <= m.start() and m.end() <= b and k == kind for a, b, k in spans), (pattern, m.start())
        claims = page.evaluate("[...document.querySelectorAll('#kg-claims > li')].map(li => li.textContent)")
        assert len(claims) == len(assertions_of(article)) > 0
        assert any("Володимир Зеленський — president — UA" in c for c in claims)
        assert all("confidence" in c and "kg-rules" in c for c in claims)
        # each claim links to its sentence
        page.click("#kg-claims > li:first-child a")
        assert page.evaluate("location.hash.startsWith('#s') && !!document.querySelector(location.hash)")
        _shot(page, "views_explain.png")
        assert errors == [] and [u for u in requests if u.startswith("http")] == []
    finally:
        page.close()


@pytest.mark.parametrize("case", ["hostile", "page.html", "quotes_and_markup.txt"])
def test_explain_of_a_hostile_article_runs_nothing(browser, tmp_path, case):
    if case == "hostile":
        source = tmp_path / "hostile.txt"
        source.write_text(HOSTILE, encoding="utf-8")
    else:
        source = ROOT / "tests" / "bad_inputs" / case
    article, _ = load_article(str(source))
    page_html = explain_html(article)
    assert "<script" not in page_html.lower() and "onerror=\"" not in page_html
    path = tmp_path / "explain.html"
    path.write_text(page_html, encoding="utf-8")
    page, errors, requests = _open(browser, path, ready="")
    try:
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.scripts.length") == 0
        assert page.evaluate("document.querySelectorAll('#kg-text img, #kg-text a, #kg-text script').length") == 0
        if case == "hostile":
            assert "<script>window.__pwned=1</script>" in page.evaluate("document.getElementById('kg-text').textContent")
            _shot(page, "views_explain_hostile.png")
        assert [u for u in requests if u.startswith("http")] == []
    finally:
        page.close()
