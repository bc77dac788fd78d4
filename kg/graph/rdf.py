"""Assertions -> RDF: one named graph per article, claims keyed by their facts, evidence per report.

Shape (see ontology/kg.ttl and DESIGN notes):

- ``kg:RoleClaim`` (an ``org:Membership``): ``org:member`` person, ``org:role`` role, ``org:organization``
  polity, ``kg:post`` the ``org:Post``; beside it the shortcut ``person kg:holdsRoleIn polity`` and
  ``person org:holds post``.
- ``kg:RelationClaim``: two ``kg:participant``, ``kg:relationType``, ``kg:topic`` (one claim per topic),
  ``kg:status``; beside it ``a kg:cooperatesWith b`` / ``a kg:inConflictWith b`` (both directions).
- Every claim ``kg:supportedBy`` a ``kg:Evidence`` (sentence, offsets, confidence) ``kg:inArticle`` the article
  and ``prov:wasGeneratedBy`` the extraction run (``prov:wasAssociatedWith`` the versioned extractor).

Claim IRIs are made from the fact, so the same fact in two articles is one claim with two evidences.
"""

from __future__ import annotations

import functools
import hashlib
from decimal import Decimal
from typing import Any, Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, XSD, Namespace

from kg._version import __version__
from kg.io.articles import Article
from kg.extract.records import Assertion, Evidence, RelationAssertion, RoleAssertion
from kg.nlp.identity import person_key
from kg.ontology.namespace import ARTICLE, BASE, FACTS_GRAPH, CLAIM, COUNTRY, EVIDENCE, EXTRACTOR, GRAPH, KG, PERSON, POST, PREFIXES, REL, ROLE, STATUS, TOPIC
from kg.ontology.concepts import concepts

__all__ = ["article_graph", "ArticleGraphs", "graph_iri", "article_iri", "person_iri", "polity_iri", "EXTRACTOR_NAME", "bind_prefixes"]

SCHEMA = Namespace("https://schema.org/")
EXTRACTOR_NAME = "kg-rules"


def graph_iri(article_id: str) -> URIRef:
    return GRAPH[article_id]


def article_iri(article_id: str) -> URIRef:
    return ARTICLE[article_id]


def polity_iri(code: str) -> URIRef:
    return COUNTRY[code]


@functools.lru_cache(maxsize=65536)
def person_iri(name: str, polity: str) -> URIRef:
    return PERSON[person_key(name, polity)]


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def bind_prefixes(graph: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True)


Triple = tuple[Any, Any, Any]


class _Triples(set):  # type: ignore[type-arg]
    """The triples of one graph being built: a set (adding twice is harmless, as in a Graph), plus the
    confidence of each evidence node so far (written once, at the end). Much cheaper than rdflib's Graph."""

    def __init__(self) -> None:
        super().__init__()
        self.confidence: dict[URIRef, Literal] = {}


def _evidence(g: _Triples, article: Article, ev: Evidence, activity: URIRef) -> URIRef:
    node = EVIDENCE[f"{article.id[:20]}-{ev.start}-{ev.end}"]
    g.add((node, RDF.type, KG.Evidence))
    g.add((node, KG.inArticle, article_iri(article.id)))
    g.add((node, KG.sentence, Literal(ev.sentence)))
    g.add((node, KG.startChar, Literal(ev.start, datatype=XSD.integer)))
    g.add((node, KG.endChar, Literal(ev.end, datatype=XSD.integer)))
    g.add((node, PROV.wasGeneratedBy, activity))
    # Several claims of one sentence share its evidence node; the highest confidence stands.
    old = g.confidence.get(node)
    if old is None or float(old) < ev.confidence:
        g.confidence[node] = Literal(Decimal(str(round(ev.confidence, 3))), datatype=XSD.decimal)
    for mention in ev.mentions:
        g.add((node, KG.mention, Literal(mention)))
    return node


def _polity(g: _Triples, code: str) -> URIRef:
    # Polities, roles, topics and statuses are described once, in the store's ontology graph.
    return polity_iri(code)


def _role(g: _Triples, f: _Triples, a: RoleAssertion, article: Article, activity: URIRef) -> None:
    person = person_iri(a.name, a.country)
    polity = _polity(f, a.country)
    role = ROLE[a.role]
    post = POST[f"{a.country}-{a.role}"]
    f.add((person, RDF.type, KG.Person))
    f.add((person, RDFS.label, Literal(a.name, lang=article.lang)))
    f.add((person, SCHEMA.name, Literal(a.name, lang=article.lang)))
    f.add((post, RDF.type, KG.Post))
    f.add((post, ORG.role, role))
    f.add((post, ORG.postIn, polity))
    concept = concepts("role").get(a.role)
    country = concepts("country").get(a.country)
    if concept and country:
        for lang in ("en", "uk"):
            f.add((post, RDFS.label, Literal(f"{concept.pref(lang)} ({country.pref(lang)})", lang=lang)))
    claim = CLAIM[f"role-{_digest(str(person), a.role, a.country)}"]
    f.add((claim, RDF.type, KG.RoleClaim))
    f.add((claim, ORG.member, person))
    f.add((claim, ORG.role, role))
    f.add((claim, ORG.organization, polity))
    f.add((claim, KG.post, post))
    if a.acting:
        f.add((claim, KG.acting, Literal(True)))
    g.add((claim, KG.supportedBy, _evidence(g, article, a.evidence, activity)))
    # The "truthy" shortcuts beside the claim.
    f.add((person, KG.holdsRoleIn, polity))
    f.add((person, ORG.holds, post))


def _relation(g: _Triples, f: _Triples, r: RelationAssertion, article: Article, activity: URIRef) -> None:
    a, b = _polity(g, r.a), _polity(g, r.b)
    evidence = _evidence(g, article, r.evidence, activity)
    for topic in r.topics or (None,):
        claim = CLAIM[f"rel-{r.a}-{r.b}-{r.type}-{topic or 'general'}-{r.status}"]
        f.add((claim, RDF.type, KG.RelationClaim))
        f.add((claim, KG.participant, a))
        f.add((claim, KG.participant, b))
        f.add((claim, KG.relationType, REL[r.type]))
        f.add((claim, KG.status, STATUS[r.status]))
        if topic:
            f.add((claim, KG.topic, TOPIC[topic]))
        g.add((claim, KG.supportedBy, evidence))
    shortcut = KG.cooperatesWith if r.type == "cooperation" else KG.inConflictWith
    f.add((a, shortcut, b))
    f.add((b, shortcut, a))


class ArticleGraphs:
    """What one article adds: its own named graph (metadata, evidence, provenance, ``kg:supportedBy`` links)
    and the facts it asserts (claims, persons, posts, shortcuts), which go to the shared facts graph.

    Facts are shared so that a triple stated by many articles is stored once: Oxigraph's union default graph
    is a multiset, and joins over duplicated triples would multiply rows by the number of reporting articles.

    ``graph`` and ``facts`` are rdflib Graphs, built on first use: the writer reads the plain triples
    (``triples()``, ``fact_triples()``) and never pays for rdflib's indexes.
    """

    def __init__(self, graph: Graph | None = None, facts: Graph | None = None, *, name: URIRef | None = None,
                 triples: Iterable[Triple] = (), fact_triples: Iterable[Triple] = ()) -> None:
        self._graph, self._facts = graph, facts
        self.name: URIRef = name if name is not None else graph.identifier  # type: ignore[union-attr,assignment]
        self._triples = None if graph is not None else frozenset(triples)
        self._fact_triples = None if facts is not None else frozenset(fact_triples)

    @staticmethod
    def _build(identifier: URIRef, triples: Iterable[Triple]) -> Graph:
        g = Graph(identifier=identifier)
        bind_prefixes(g)
        g.addN((s, p, o, g) for s, p, o in triples)
        return g

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            self._graph = self._build(self.name, self._triples or ())
        return self._graph

    @property
    def facts(self) -> Graph:
        if self._facts is None:
            self._facts = self._build(FACTS_GRAPH, self._fact_triples or ())
        return self._facts

    def triples(self) -> Iterator[Triple]:
        """The article graph's triples (rdflib terms)."""
        return iter(self._triples) if self._triples is not None else iter(self.graph)

    def fact_triples(self) -> Iterator[Triple]:
        """The facts' triples (rdflib terms)."""
        return iter(self._fact_triples) if self._fact_triples is not None else iter(self.facts)

    def __len__(self) -> int:
        g = len(self._triples) if self._triples is not None else len(self.graph)
        f = len(self._fact_triples) if self._fact_triples is not None else len(self.facts)
        return g + f


def article_graph(article: Article, assertions: Iterable[Assertion], extractor_version: str = __version__) -> ArticleGraphs:
    """The named graph of one article and the facts it asserts (see :class:`ArticleGraphs`)."""
    g, f = _Triples(), _Triples()
    art = article_iri(article.id)
    g.add((art, RDF.type, KG.Article))
    g.add((art, KG.contentHash, Literal(article.id)))
    g.add((art, KG.graph, graph_iri(article.id)))
    g.add((art, DCTERMS.language, Literal(article.lang)))
    if article.title:
        g.add((art, DCTERMS.title, Literal(article.title, lang=article.lang)))
    if article.date:
        g.add((art, DCTERMS.date, Literal(article.date, datatype=XSD.date)))
    if article.url:
        g.add((art, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.source:
        g.add((art, DCTERMS.source, Literal(article.source)))
    if article.source_file:
        g.add((art, KG.sourceFile, Literal(article.source_file)))
    extractor = EXTRACTOR[f"{EXTRACTOR_NAME}-{extractor_version}"]
    f.add((extractor, RDF.type, KG.Extractor))
    f.add((extractor, RDFS.label, Literal(f"{EXTRACTOR_NAME} {extractor_version}")))
    f.add((extractor, URIRef("http://www.w3.org/2002/07/owl#versionInfo"), Literal(extractor_version)))
    activity = URIRef(f"{BASE}id/extraction/{article.id}")
    g.add((activity, RDF.type, KG.Extraction))
    g.add((activity, PROV.used, art))
    g.add((activity, PROV.wasAssociatedWith, extractor))
    for assertion in assertions:
        if isinstance(assertion, RoleAssertion):
            _role(g, f, assertion, article, activity)
        else:
            _relation(g, f, assertion, article, activity)
    for node, confidence in g.confidence.items():
        g.add((node, KG.confidence, confidence))
    return ArticleGraphs(name=graph_iri(article.id), triples=g, fact_triples=f)
