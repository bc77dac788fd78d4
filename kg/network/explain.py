"""Why each claim is there: one article's text with its mentions marked, and the claims read from it beside it.

:func:`explain_html` runs the extractor's pipeline on the text (``kg.nlp.load_pipeline``) and marks, with
``<mark>``, every span of the Doc's groups: persons (``kg_name``, ``kg_actor``), roles (``kg_role``), polities
and their places (``kg_polity``, ``kg_place``) and event cues (``kg_cue``), coloured by kind like displaCy. Beside
the text, the claims (roles, relations with topics and status), each linked to its sentence, with the extractor's
version and confidence. The page is static: no script at all, every string from the article escaped, and a
Content-Security-Policy that forbids scripts and remote loads anyway.

:func:`load_article` finds the text: a file (read like ``kg ingest`` reads it), or a content hash or article IRI
of the store, whose text is read back from the file it was ingested from (the store keeps sentences, not texts);
when that file is gone or changed, E051 says the text is needed.

>>> from kg.io.articles import make_article
>>> page = explain_html(make_article("Prime Minister of Japan Sanae Takaichi met Volodymyr Zelensky. <b>x</b>", lang="en"))
>>> '<mark class="kg-polity"' in page and "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
True
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import Errors, KGError
from kg.io.articles import Article, Rejection

__all__ = ["explain_html", "load_article", "Mention", "mentions", "KINDS"]

# span group -> kind shown; colours after displaCy's defaults
GROUPS = {"kg_name": "person", "kg_actor": "person", "kg_role": "role", "kg_polity": "polity", "kg_place": "polity",
          "kg_cue": "cue"}
KINDS = {"person": "#aa9cfc", "role": "#7aecec", "polity": "#feca74", "cue": "#bfe1d9"}
_HASH = re.compile(r"^[0-9a-f]{64}$")

_ARTICLE = """
PREFIX kg: <https://w3id.org/diplokg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?file ?extractor WHERE {
  ?article a kg:Article .
  OPTIONAL { ?article kg:sourceFile ?file }
  OPTIONAL { ?run prov:used ?article ; prov:wasAssociatedWith/rdfs:label ?extractor }
}"""


@dataclass(frozen=True)
class Mention:
    """A marked span of the text: characters ``start:end``, its kind, what it names (a code) and its label."""

    start: int
    end: int
    kind: str
    code: str
    label: str


def mentions(doc: Any) -> list[Mention]:
    """The Doc's spans of the groups in :data:`GROUPS`, nested or apart (a span that crosses another is left out,
    so that the marks nest), in text order."""
    found = []
    for group, kind in GROUPS.items():
        if group not in doc.spans:
            continue
        for span in doc.spans[group]:
            found.append(Mention(span.start_char, span.end_char, kind, str(span.kb_id_ or ""), str(span.label_ or "")))
    found = sorted(set(found), key=lambda m: (m.start, -m.end, list(KINDS).index(m.kind)))
    kept: list[Mention] = []
    open_: list[Mention] = []
    for m in found:
        while open_ and open_[-1].end <= m.start:
            open_.pop()
        if open_ and m.end > open_[-1].end:  # crosses the enclosing mark
            continue
        if open_ and (m.start, m.end) == (open_[-1].start, open_[-1].end) and m.kind == open_[-1].kind:
            continue  # the same words read twice (a name and a listed actor)
        kept.append(m)
        open_.append(m)
    return kept


def _marked(text: str, marks: list[Mention], start: int, end: int) -> str:
    """``text[start:end]`` escaped, with the marks inside it (nested) as ``<mark>`` elements."""
    out: list[str] = []
    pos = start
    i = 0
    inside = [m for m in marks if start <= m.start and m.end <= end]
    while i < len(inside):
        m = inside[i]
        out.append(html.escape(text[pos:m.start]))
        children = []
        j = i + 1
        while j < len(inside) and inside[j].start < m.end:
            children.append(inside[j])
            j += 1
        title = f"{m.kind}: {m.code}" + (f" ({m.label})" if m.label else "")
        out.append(f'<mark class="kg-{m.kind}" data-kind="{m.kind}" data-code="{html.escape(m.code)}" '
                   f'title="{html.escape(title)}">{_marked(text, children, m.start, m.end)}'
                   f'<span class="kg-tag">{html.escape(m.kind)}</span></mark>')
        pos = m.end
        i = j
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def _claims(doc: Any) -> list[dict[str, Any]]:
    from kg.extract import extract_relations, extract_roles

    claims: list[dict[str, Any]] = []
    for r in extract_roles(doc):
        claims.append({"kind": "role", "text": f"{r.name} — {r.role}{' (acting)' if r.acting else ''} — {r.country}",
                       "evidence": r.evidence})
    for r in extract_relations(doc):
        extra = [f"topics: {', '.join(r.topics)}" if r.topics else "", f"status: {r.status}",
                 f"event: {r.event}" if r.event else ""]
        claims.append({"kind": r.type, "text": f"{r.a} — {r.type} — {r.b}", "extra": "; ".join(x for x in extra if x),
                       "evidence": r.evidence})
    return claims


def explain_html(article: Article, stored_extractor: str | None = None) -> str:
    """A self-contained HTML page: the article's text with its mentions marked, and its claims beside it."""
    from kg._version import __version__
    from kg.graph.rdf import EXTRACTOR_NAME
    from kg.nlp import load_pipeline
    from kg.nlp.pipeline import PIPELINE_VERSION

    text = article.text
    doc = load_pipeline(article.lang)(text)
    marks = mentions(doc)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    claims = _claims(doc)

    def sentence_of(offset: int) -> int:
        for i, (a, b) in enumerate(sentences):
            if a <= offset < b:
                return i
        return 0

    # which sentences have claims: their anchors are what the claims link to
    body: list[str] = []
    pos = 0
    for i, (a, b) in enumerate(sentences):
        body.append(_marked(text, marks, pos, a))  # the gap between sentences (spaces, newlines)
        body.append(f'<span class="kg-sentence" id="s{i}">{_marked(text, marks, a, b)}</span>')
        pos = b
    body.append(_marked(text, marks, pos, len(text)))
    counts = {k: sum(1 for m in marks if m.kind == k) for k in KINDS}
    legend = " ".join(f'<mark class="kg-{k}">{k} ({counts[k]})</mark>' for k in KINDS)
    extractor = f"{EXTRACTOR_NAME} {__version__} (pipeline {PIPELINE_VERSION})"
    rows = []
    for c in claims:
        ev = c["evidence"]
        i = sentence_of(ev.start)
        rows.append(f'<li class="kg-claim kg-claim-{html.escape(c["kind"])}"><a href="#s{i}">{html.escape(c["text"])}</a>'
                    + (f'<div class="kg-meta">{html.escape(c["extra"])}</div>' if c.get("extra") else "")
                    + f'<div class="kg-meta">sentence {i + 1} · confidence {ev.confidence:.2f} · {html.escape(extractor)}'
                    f'</div><blockquote>{html.escape(ev.sentence)}</blockquote></li>')
    meta = [x for x in (article.title, article.date, article.source, article.lang, f"content hash {article.id}") if x]
    url = html.escape(article.url) if article.url and re.match(r"^https?://", article.url, re.I) else ""
    stored = ""
    if stored_extractor and stored_extractor != f"{EXTRACTOR_NAME} {__version__}":
        stored = (f'<p class="kg-meta">The store holds this article as read by {html.escape(stored_extractor)}; '
                  f"the claims here are what {html.escape(extractor)} reads now.</p>")
    style = "\n".join(f".kg-{k}{{background:{c}}}" for k, c in KINDS.items())
    return f"""<!doctype html>
<html lang="{html.escape(article.lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Why: {html.escape(article.title or article.id[:12])}</title>
<style>
body{{font:15px/1.6 sans-serif;margin:0;display:flex;gap:24px;padding:16px;box-sizing:border-box}}
main{{flex:3;min-width:0}} aside{{flex:2;min-width:280px;border-left:1px solid #ddd;padding-left:16px}}
#kg-text{{white-space:pre-wrap;overflow-wrap:anywhere}}
mark{{border-radius:4px;padding:1px 3px;line-height:1.9}}
mark mark{{padding:0 2px}}
.kg-tag{{font-size:9px;font-weight:bold;text-transform:uppercase;margin-left:3px;opacity:.6}}
.kg-sentence:target{{outline:2px solid #e15759;background:#fff6d5}}
.kg-meta{{color:#555;font-size:12px}}
blockquote{{margin:4px 0 10px 0;padding-left:8px;border-left:3px solid #ccc;font-size:13px}}
ol{{padding-left:20px}}
{style}
</style></head>
<body>
<main>
<h1>{html.escape(article.title or "Article")}</h1>
<p class="kg-meta">{html.escape(" · ".join(meta))}{f' · <a href="{url}" rel="noopener noreferrer">source</a>' if url else ""}</p>
<p class="kg-legend">{legend}</p>
<div id="kg-text">{"".join(body)}</div>
</main>
<aside>
<h2>Claims ({len(claims)})</h2>
<p class="kg-meta">Read by {html.escape(extractor)}. Each claim links to its sentence.</p>
{stored}
<ol id="kg-claims">{"".join(rows)}</ol>
</aside>
</body></html>
"""


def _read(path: str) -> list[Article]:
    from kg.io.sources import read_paths

    found: list[Article] = []
    for item in read_paths([path]):
        if isinstance(item, Rejection):
            raise KGError("{message}", message=item.message)
        found.append(item)
    return found


def load_article(ref: str, store: Any | None = None) -> tuple[Article, str | None]:
    """(the article ``ref`` names, the extractor that stored it or None).

    ``ref`` is a file (its first article), a content hash or an article IRI of ``store``. KGError E050 when it
    names nothing, E051 when the store has the article but not its text (the file it came from is gone or
    changed): then give the file.
    """
    from kg.graph.queries import rows
    from kg.ontology.namespace import ARTICLE

    ref = str(ref).strip()
    article_id = ref.rsplit("/", 1)[-1] if ref.startswith(str(ARTICLE)) else ref
    if not _HASH.match(article_id):
        if Path(ref).exists():
            articles = _read(ref)
            if not articles:
                raise KGError(Errors.E050, ref=ref)
            return articles[0], _stored_extractor(store, articles[0].id)
        raise KGError(Errors.E050, ref=ref)
    if store is None:
        raise KGError(Errors.E050, ref=ref)
    from rdflib import URIRef

    found = rows(store.query(_ARTICLE, {"article": URIRef(str(ARTICLE) + article_id)}))
    if not found:
        raise KGError(Errors.E050, ref=ref)
    source = next((str(r["file"]) for r in found if r.get("file")), None)
    extractor = next((str(r["extractor"]) for r in found if r.get("extractor")), None)
    if source:
        path = source
        if not Path(path).exists() and re.search(r":\d+$", path):  # a JSONL line: path:line
            path = path.rsplit(":", 1)[0]
        if Path(path).exists():
            try:
                for article in _read(path):
                    if article.id == article_id:
                        return article, extractor
            except KGError:
                pass
    raise KGError(Errors.E051, article=article_id, source=source or "not recorded")


def _stored_extractor(store: Any | None, article_id: str) -> str | None:
    if store is None:
        return None
    from rdflib import URIRef

    from kg.graph.queries import rows
    from kg.ontology.namespace import ARTICLE

    found = rows(store.query(_ARTICLE, {"article": URIRef(str(ARTICLE) + article_id)}))
    return next((str(r["extractor"]) for r in found if r.get("extractor")), None)
