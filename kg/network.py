"""The graph as networkx: countries, persons, topics and articles as nodes; relations and offices as edges.

Built from the store with SPARQL (values passed as bindings), so it works on any store backend.

Views:
- ``countries``: polities only; one edge per related pair and type, weighted by supporting articles.
- ``full``: polities, persons (``holds`` edges with role), topics (``about`` edges from relation pairs) and
  articles (``reports`` edges to the claims' participants).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.ontology import concepts
from kg.queries import rows
from kg.store import Store

__all__ = ["to_networkx", "Filters", "VIEWS"]

VIEWS = ("countries", "full")

_RELATIONS = """
PREFIX kg: <https://w3id.org/diplokg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?a ?b ?type ?topic ?status ?article ?title ?date ?lang ?url ?source ?sentence WHERE {
  ?claim a kg:RelationClaim ; kg:participant ?pa, ?pb ; kg:relationType/skos:notation ?type ;
         kg:status/skos:notation ?status ; kg:supportedBy ?ev .
  ?pa skos:notation ?a . ?pb skos:notation ?b . FILTER(?a < ?b)
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


@dataclass(frozen=True)
class Filters:
    """Which claims a view keeps (all when unset)."""

    topic: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    lang: str | None = None

    def keep(self, row: dict[str, Any]) -> bool:
        date = str(row.get("date") or "")
        if self.since and (not date or date < self.since):
            return False
        if self.until and (not date or date > self.until):
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


def to_networkx(store: Store, view: str = "countries", filters: Filters | None = None) -> nx.MultiGraph:
    """The store as a networkx ``MultiGraph`` (one edge per pair and relation type; evidence on the edge)."""
    filters = filters or Filters()
    g = nx.MultiGraph(view=view)
    for row in rows(store.query(_RELATIONS)):
        if not filters.keep(row):
            continue
        a, b = _polity_node(g, row["a"]), _polity_node(g, row["b"])
        key = row["type"]
        if not g.has_edge(a, b, key):
            g.add_edge(a, b, key=key, kind="relation", type=key, topics=set(), statuses=set(), articles=set(),
                       evidence=[])
        data = g.edges[a, b, key]
        if row.get("topic"):
            data["topics"].add(row["topic"])
        data["statuses"].add(row["status"])
        data["articles"].add(str(row["article"]))
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
                g.edges[p, t, "about"]["articles"].add(str(row["article"]))
    for data in g.edges.values():
        data["weight"] = len(data.get("articles", ())) or 1
    if view != "full":
        return g
    role_filter = Filters(since=filters.since, until=filters.until, lang=filters.lang)
    for row in rows(store.query(_ROLES)):
        if not role_filter.keep(row):
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
            data["label_en"] = data["label_uk"] = sorted(data["labels"], key=len)[-1]
    for data in g.edges.values():
        data["weight"] = len(data.get("articles", ())) or 1
    return g
