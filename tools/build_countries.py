"""Build ``ontology/countries.ttl`` from ``ontology/src/countries.json``.

The JSON supplement is the hand-curated source of country and international
organisation labels (Ukrainian and English names, alternative names,
demonym adjectives, capitals and seats of government, and optionally places:
regions and cities that news names as targets of strikes, "Kharkiv", "Сумщина"; and optionally
``coordinates``: the latitude and longitude of the capital, or of the seat of an organisation, with the
city they are of and the public table they were taken from, written as W3C ``geo:lat`` / ``geo:long``).  This script turns it
into SKOS concepts in ``kg:CountryScheme``; the extractor's gazetteers are in
turn generated from those SKOS labels.

The output is deterministic: subjects, predicates and objects are written in
a fixed, sorted order, so re-running the script on unchanged input yields a
byte-identical file.

Links to other knowledge graphs come from ``ontology/src/country_links.json`` (built and cross-checked by
``tools/build_country_links.py``, sources recorded in it): each concept gets ``skos:exactMatch`` its Wikidata
item and, where GeoNames has one, its GeoNames feature.  ``skos:exactMatch``, not ``owl:sameAs``: our IRIs are
SKOS concepts whose labels are a lexicon (demonyms, capitals, places); ``owl:sameAs`` would make every statement
of Wikidata (historical names, former capitals) a statement about our concept and ours about theirs, and would
identify a Wikidata item with a GeoNames feature that is a different kind of thing.  ``skos:exactMatch`` says
"the same country, interchangeable for retrieval" without merging, and joins in SPARQL exactly as well.

Usage::

    python tools/build_countries.py [--src PATH] [--links PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import IO, Any, Dict, Iterable, List, Mapping, Optional, Sequence

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS
from rdflib.plugins.serializers.turtle import OBJECT, TurtleSerializer
from rdflib.term import Node

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT / "ontology" / "src" / "countries.json"
DEFAULT_OUT = ROOT / "ontology" / "countries.ttl"
DEFAULT_LINKS = ROOT / "ontology" / "src" / "country_links.json"
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
#: GeoNames' feature IRIs as Wikidata's P1566 writes them in RDF (a trailing slash is part of the IRI).
GEONAMES = "http://sws.geonames.org/{}/"

KG = Namespace("https://w3id.org/diplokg/ontology#")
COUNTRY = Namespace("https://w3id.org/diplokg/id/country/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

# Prefixes in the order they are written at the top of the file.
PREFIXES: Sequence[tuple[str, Namespace]] = (
    ("kg", KG),
    ("country", COUNTRY),
    ("skos", Namespace(str(SKOS))),
    ("geo", GEO),
    ("wd", WIKIDATA),
)

#: Codes in the source that are international organisations, not countries.
ORGANISATIONS = frozenset({"EU", "NATO", "UN"})

LANGS = ("en", "uk")
#: Field suffix in the JSON -> predicate it becomes.
LIST_FIELDS: Sequence[tuple[str, URIRef]] = (
    ("alt", SKOS.altLabel),
    ("demonym", KG.demonym),
    ("capital", KG.capital),
    ("seat", KG.seat),
    ("place", KG.place),
)
#: Fields an entry may leave out (most countries list no places).
OPTIONAL_SUFFIXES = frozenset({"place"})
NAME_FIELDS = tuple(f"{lang}_name" for lang in LANGS)
EXPECTED_FIELDS = frozenset(
    NAME_FIELDS + tuple(f"{lang}_{suffix}" for lang in LANGS for suffix, _ in LIST_FIELDS
                        if suffix not in OPTIONAL_SUFFIXES)
)
OPTIONAL_FIELDS = frozenset(f"{lang}_{suffix}" for lang in LANGS for suffix in OPTIONAL_SUFFIXES) | {"coordinates"}
#: Keys of the optional ``coordinates`` object: decimal degrees, the city they are of, where they were taken from.
COORDINATE_KEYS = frozenset({"lat", "lon", "of", "source"})

SCHEME_LABELS = {
    "en": "Countries and international organisations",
    "uk": "Країни та міжнародні організації",
}

#: Order of predicates inside each subject block.
PREDICATE_ORDER: List[URIRef] = [
    RDF.type,
    SKOS.inScheme,
    SKOS.notation,
    SKOS.prefLabel,
    SKOS.altLabel,
    SKOS.exactMatch,
    KG.demonym,
    KG.capital,
    KG.seat,
    KG.place,
    GEO.lat,
    GEO.long,
]


class CountryTurtleSerializer(TurtleSerializer):
    """Turtle serializer with a fixed prefix, predicate and object order.

    Objects of one predicate are written on one line, separated by ``", "``.
    """

    def __init__(self, store: Graph) -> None:
        super().__init__(store)
        self.predicateOrder = PREDICATE_ORDER
        # Put the concept scheme before the concepts.
        self.topClasses = [SKOS.ConceptScheme]

    def startDocument(self) -> None:
        self._started = True
        for prefix, namespace in PREFIXES:
            if prefix in self.namespaces:
                self.write(self.indent() + f"@prefix {prefix}: <{namespace}> .\n")

    def _object_key(self, node: Node) -> tuple[int, str, str]:
        """Sort key: IRIs (by prefixed name) first, then literals by language and text."""
        if isinstance(node, Literal):
            return (1, node.language or "", str(node))
        return (0, self.get_pname(node, gen_prefix=False) or str(node), str(node))

    def objectList(self, objects: Sequence[Node]) -> None:
        for i, obj in enumerate(sorted(objects, key=self._object_key)):
            if i:
                self.write(",")
            self.path(obj, OBJECT)


def load_source(path: Path) -> Dict[str, Dict[str, Any]]:
    """Read and validate the JSON supplement."""
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: top level must be an object keyed by code")
    for code, entry in data.items():
        if not isinstance(entry, dict):
            raise ValueError(f"{code}: entry must be an object")
        fields = set(entry)
        if not EXPECTED_FIELDS <= fields <= EXPECTED_FIELDS | OPTIONAL_FIELDS:
            missing = sorted(EXPECTED_FIELDS - fields)
            extra = sorted(fields - EXPECTED_FIELDS - OPTIONAL_FIELDS)
            raise ValueError(f"{code}: missing fields {missing}, unknown fields {extra}")
        for name in NAME_FIELDS:
            if not isinstance(entry[name], str) or not entry[name].strip():
                raise ValueError(f"{code}: {name} must be a non-empty string")
        _check_coordinates(code, entry.get("coordinates"))
        for field in (EXPECTED_FIELDS | OPTIONAL_FIELDS) - set(NAME_FIELDS) - {"coordinates"}:
            values = entry.get(field, [])
            if not isinstance(values, list) or not all(
                isinstance(v, str) and v.strip() for v in values
            ):
                raise ValueError(f"{code}: {field} must be a list of non-empty strings")
    return data


def _check_coordinates(code: str, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, dict) or set(value) != COORDINATE_KEYS:
        raise ValueError(f"{code}: coordinates must be an object with {sorted(COORDINATE_KEYS)}")
    for key, low, high in (("lat", -90, 90), ("lon", -180, 180)):
        number = value[key]
        if isinstance(number, bool) or not isinstance(number, (int, float)) or not low <= number <= high:
            raise ValueError(f"{code}: coordinates.{key} must be a number from {low} to {high}")
    for key in ("of", "source"):
        if not isinstance(value[key], str) or not value[key].strip():
            raise ValueError(f"{code}: coordinates.{key} must be a non-empty string")


def _literals(values: Iterable[str], lang: str) -> Iterable[Literal]:
    for value in values:
        yield Literal(value.strip(), lang=lang)


def load_links(path: Path) -> Dict[str, Dict[str, Optional[str]]]:
    """The Wikidata and GeoNames ids by code (keys starting with ``_`` are provenance notes)."""
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    return {code: entry for code, entry in data.items() if not code.startswith("_")}


def build_graph(data: Mapping[str, Mapping[str, Any]],
                links: Optional[Mapping[str, Mapping[str, Optional[str]]]] = None) -> Graph:
    """Build the SKOS graph for all entries of the supplement (with their links, when given)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES:
        graph.bind(prefix, namespace, override=True, replace=True)

    scheme = KG.CountryScheme
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    for lang in LANGS:
        graph.add((scheme, SKOS.prefLabel, Literal(SCHEME_LABELS[lang], lang=lang)))

    for code in sorted(data):
        entry = data[code]
        subject = COUNTRY[code]
        kind = KG.InternationalOrganisation if code in ORGANISATIONS else KG.Country
        graph.add((subject, RDF.type, kind))
        graph.add((subject, RDF.type, SKOS.Concept))
        graph.add((subject, SKOS.inScheme, scheme))
        graph.add((subject, SKOS.notation, Literal(code)))
        link = (links or {}).get(code, {})
        if link.get("wikidata"):
            graph.add((subject, SKOS.exactMatch, WIKIDATA[str(link["wikidata"])]))
        if link.get("geonames"):
            graph.add((subject, SKOS.exactMatch, URIRef(GEONAMES.format(link["geonames"]))))
        for lang in LANGS:
            pref = entry[f"{lang}_name"].strip()
            graph.add((subject, SKOS.prefLabel, Literal(pref, lang=lang)))
            for suffix, predicate in LIST_FIELDS:
                values = entry.get(f"{lang}_{suffix}", [])
                if suffix == "alt":
                    values = [v for v in values if v.strip() != pref]
                for literal in _literals(values, lang):
                    graph.add((subject, predicate, literal))
        where = entry.get("coordinates")
        if where:
            # decimals as written in the source (4 places at most): the Turtle stays byte-stable
            graph.add((subject, GEO.lat, Literal(f"{where['lat']:.4f}".rstrip("0").rstrip("."), datatype=XSD.decimal)))
            graph.add((subject, GEO.long, Literal(f"{where['lon']:.4f}".rstrip("0").rstrip("."), datatype=XSD.decimal)))
    return graph


def serialize(graph: Graph, stream: IO[bytes]) -> None:
    """Write ``graph`` as deterministic Turtle to a binary stream."""
    buffer = io.BytesIO()
    CountryTurtleSerializer(graph).serialize(buffer, encoding="utf-8")
    # rdflib ends the document with a blank line; keep exactly one newline.
    stream.write(buffer.getvalue().rstrip(b"\n") + b"\n")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="countries.json")
    parser.add_argument("--links", type=Path, default=DEFAULT_LINKS, help="country_links.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output .ttl")
    args = parser.parse_args(argv)

    data = load_source(args.src)
    graph = build_graph(data, load_links(args.links))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as handle:
        serialize(graph, handle)
    print(f"wrote {args.out} ({len(data)} concepts, {len(graph)} triples)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
