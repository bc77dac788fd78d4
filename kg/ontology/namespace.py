"""RDF namespaces: our ontology terms (kept in sync with ontology/kg.ttl by a test) and the IRI spaces of ids."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "KG", "BASE", "FACTS_GRAPH", "COUNTRY", "ROLE", "TOPIC", "REL", "STATUS", "PERSON", "POST", "ARTICLE", "GRAPH", "CLAIM",
    "EVIDENCE", "EXTRACTOR", "PREFIXES",
]

BASE = "https://w3id.org/diplokg/"


class KG(DefinedNamespace):
    """Terms of the kg ontology (ontology/kg.ttl)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Person: URIRef
    Polity: URIRef
    Country: URIRef
    InternationalOrganisation: URIRef
    Role: URIRef
    Topic: URIRef
    RelationType: URIRef
    Status: URIRef
    Post: URIRef
    Claim: URIRef
    RoleClaim: URIRef
    RelationClaim: URIRef
    Article: URIRef
    Evidence: URIRef
    Extraction: URIRef
    Extractor: URIRef
    # claim properties
    supportedBy: URIRef
    participant: URIRef
    relationType: URIRef
    topic: URIRef
    status: URIRef
    post: URIRef
    acting: URIRef
    # shortcuts
    holdsRoleIn: URIRef
    cooperatesWith: URIRef
    inConflictWith: URIRef
    # evidence and provenance
    inArticle: URIRef
    sentence: URIRef
    startChar: URIRef
    endChar: URIRef
    confidence: URIRef
    mention: URIRef
    contentHash: URIRef
    sourceFile: URIRef
    graph: URIRef
    # lexicon
    demonym: URIRef
    capital: URIRef
    seat: URIRef
    place: URIRef
    cue: URIRef
    weakCue: URIRef
    impliesTopic: URIRef
    listedRole: URIRef
    listedPolity: URIRef
    listedSince: URIRef
    listedUntil: URIRef
    # offices in time (derived from the evidence's article dates)
    firstReported: URIRef
    lastReported: URIRef
    ActorScheme: URIRef
    # schemes
    RoleScheme: URIRef
    TopicScheme: URIRef
    RelationTypeScheme: URIRef
    StatusScheme: URIRef
    CountryScheme: URIRef


COUNTRY = Namespace(BASE + "id/country/")
ROLE = Namespace(BASE + "id/role/")
TOPIC = Namespace(BASE + "id/topic/")
REL = Namespace(BASE + "id/relation-type/")
STATUS = Namespace(BASE + "id/status/")
PERSON = Namespace(BASE + "id/person/")
POST = Namespace(BASE + "id/post/")
ARTICLE = Namespace(BASE + "id/article/")
GRAPH = Namespace(BASE + "graph/")
FACTS_GRAPH = GRAPH["facts"]  # claims, persons, posts and shortcuts, shared by all articles
CLAIM = Namespace(BASE + "id/claim/")
EVIDENCE = Namespace(BASE + "id/evidence/")
EXTRACTOR = Namespace(BASE + "id/extractor/")

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "country": str(COUNTRY),
    "role": str(ROLE),
    "topic": str(TOPIC),
    "rel": str(REL),
    "status": str(STATUS),
    "person": str(PERSON),
    "post": str(POST),
    "article": str(ARTICLE),
    "claim": str(CLAIM),
    "evidence": str(EVIDENCE),
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "wd": "http://www.wikidata.org/entity/",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
}
