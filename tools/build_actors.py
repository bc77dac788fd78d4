"""Build ``ontology/actors.ttl`` from ``ontology/src/actors.json``; ``--check`` validates the source.

The JSON file is a hand-curated gazetteer of well-known office holders (in the
spirit of PETRARCH's actor dictionaries): one entry per person *and office*,
with the person's full names in English and Ukrainian, so that "Трамп заявив"
or "Sybiha said" can be tied to a polity::

    {"id": "us-trump", "country": "US", "role": "president",
     "since": "2025-01-20", "until": null,
     "en": ["Donald Trump", "Donald J. Trump"], "uk": ["Дональд Трамп"]}

``country`` is a ``skos:notation`` of ``ontology/countries.ttl`` (ISO 3166-1
alpha-2, or EU / NATO / UN); ``role`` is a ``skos:notation`` of
``ontology/roles.ttl``.  A person holding two offices has two entries with
different ids and *identical* name lists.

Each entry becomes a ``skos:Concept`` in ``kg:ActorScheme``; the first name of
each language is its ``skos:prefLabel``, the others ``skos:altLabel``::

    actor:us-trump a skos:Concept ; skos:inScheme kg:ActorScheme ; skos:notation "us-trump" ;
        skos:prefLabel "Donald Trump"@en, "Дональд Трамп"@uk ; skos:altLabel "Donald J. Trump"@en ;
        kg:listedRole role:president ; kg:listedPolity country:US ; kg:listedSince "2025-01-20"^^xsd:date .

The graph is built with rdflib and written by a small fixed-layout Turtle
writer (subjects by id, objects by language then text), so unchanged input
gives a byte-identical file; the written text is parsed back and compared with
the graph before the file is replaced.

``--check`` reports (and exits 1 on) any of:

* ids not unique or not of the form ``<country in lower case>-<slug>``;
* roles that are not among :data:`ROLE_CODES` (and codes missing from roles.ttl);
* countries that are not a ``skos:notation`` in ``ontology/countries.ttl``;
* ``since`` / ``until`` that are not ISO dates, or ``since`` after ``until``;
* an entry without at least one English and one Ukrainian name, empty or
  padded strings, a name listed twice in one entry;
* Ukrainian names with ``'``, ``ʼ``, `````` or ``‘`` instead of ``’``, or with
  Latin letters; English names with Cyrillic letters;
* a name string (case-folded, apostrophes unified) shared by entries of
  different people (entries whose name lists differ);
* an ``ontology/actors.ttl`` that is not what the current JSON builds.

Usage::

    python tools/build_actors.py [--src PATH] [--out PATH]
    python tools/build_actors.py --check [--src PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple, TypedDict

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT / "ontology" / "src" / "actors.json"
DEFAULT_OUT = ROOT / "ontology" / "actors.ttl"
COUNTRIES_TTL = ROOT / "ontology" / "countries.ttl"
#: Wikidata items of actors, by id (a separate file: facts checked against public data, see its ``_sources``).
LINKS = ROOT / "ontology" / "src" / "actor_links.json"
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
ROLES_TTL = ROOT / "ontology" / "roles.ttl"

KG = Namespace("https://w3id.org/diplokg/ontology#")
ACTOR = Namespace("https://w3id.org/diplokg/id/actor/")
ROLE = Namespace("https://w3id.org/diplokg/id/role/")
COUNTRY = Namespace("https://w3id.org/diplokg/id/country/")
SKOS_NS = Namespace(str(SKOS))
XSD_NS = Namespace(str(XSD))

#: Prefixes, in the order they are written at the top of the file.
PREFIXES: Sequence[Tuple[str, Namespace]] = (
    ("kg", KG),
    ("actor", ACTOR),
    ("role", ROLE),
    ("country", COUNTRY),
    ("skos", SKOS_NS),
    ("xsd", XSD_NS),
    ("wd", WIKIDATA),
)

#: Role codes an entry may use (all are ``skos:notation`` values in roles.ttl).
ROLE_CODES: Tuple[str, ...] = (
    "president", "vice_president", "prime_minister", "deputy_prime_minister", "monarch",
    "foreign_minister", "defence_minister", "minister", "deputy_minister", "ambassador",
    "head_of_organisation", "parliament_speaker", "legislator", "military_commander",
    "spokesperson", "other_official",
)

LANGS: Tuple[str, ...] = ("en", "uk")
FIELDS = frozenset({"id", "country", "role", "since", "until", *LANGS})
SCHEME = KG.ActorScheme
SCHEME_LABELS: Dict[str, str] = {"en": "Known office holders", "uk": "Відомі посадовці"}

APOSTROPHE = "\u2019"
BAD_APOSTROPHES: Tuple[str, ...] = ("'", "\u02bc", "`", "\u2018")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ID_PATTERN = re.compile(r"^[a-z]+(?:-[a-z0-9]+)+$")


class Entry(TypedDict):
    """One office held by one person, as stored in ``actors.json``."""

    id: str
    country: str
    role: str
    since: Optional[str]
    until: Optional[str]
    en: List[str]
    uk: List[str]


# --------------------------------------------------------------------------- loading


def load_source(path: Path) -> List[Entry]:
    """Read ``actors.json`` and check its structure (field names and JSON types)."""
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, list):
        raise ValueError(f"{path}: top level must be a list of entries")
    entries: List[Entry] = []
    for index, item in enumerate(data):
        where = f"{path}: entry {index}"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: must be an object")
        if set(item) != FIELDS:
            missing = sorted(FIELDS - set(item))
            extra = sorted(set(item) - FIELDS)
            raise ValueError(f"{where} ({item.get('id')}): missing fields {missing}, unknown fields {extra}")
        for key in ("id", "country", "role"):
            if not isinstance(item[key], str):
                raise ValueError(f"{where}: {key} must be a string")
        for key in ("since", "until"):
            if item[key] is not None and not isinstance(item[key], str):
                raise ValueError(f"{where} ({item['id']}): {key} must be a date string or null")
        for lang in LANGS:
            names = item[lang]
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise ValueError(f"{where} ({item['id']}): {lang} must be a list of strings")
        entries.append(Entry(id=item["id"], country=item["country"], role=item["role"],
                             since=item["since"], until=item["until"],
                             en=list(item["en"]), uk=list(item["uk"])))
    return entries


def notations(path: Path) -> Set[str]:
    """All ``skos:notation`` strings of a Turtle file."""
    graph = Graph()
    graph.parse(path, format="turtle")
    return {str(o) for o in graph.objects(None, SKOS.notation)}


# --------------------------------------------------------------------------- graph


def _date(value: Optional[str]) -> Optional[dt.date]:
    return dt.date.fromisoformat(value) if value is not None else None


def load_links(path: Path = LINKS) -> Dict[str, str]:
    """Wikidata QIDs by actor id (``skos:exactMatch``: an actor entry is a concept, one office of a person)."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: value["wikidata"] for key, value in data.items() if not key.startswith("_")}


def build_graph(entries: Iterable[Entry], links: Optional[Dict[str, str]] = None) -> Graph:
    """The SKOS graph of the scheme and every entry (with its Wikidata item, where ``links`` has one)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES:
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.add((SCHEME, RDF.type, SKOS.ConceptScheme))
    for lang in LANGS:
        graph.add((SCHEME, SKOS.prefLabel, Literal(SCHEME_LABELS[lang], lang=lang)))
    for entry in entries:
        subject = ACTOR[entry["id"]]
        graph.add((subject, RDF.type, SKOS.Concept))
        graph.add((subject, SKOS.inScheme, SCHEME))
        graph.add((subject, SKOS.notation, Literal(entry["id"])))
        for lang in LANGS:
            names = [name.strip() for name in entry[lang]]  # type: ignore[literal-required]
            if not names:
                continue
            graph.add((subject, SKOS.prefLabel, Literal(names[0], lang=lang)))
            for name in names[1:]:
                if name != names[0]:
                    graph.add((subject, SKOS.altLabel, Literal(name, lang=lang)))
        if links and entry["id"] in links:
            graph.add((subject, SKOS.exactMatch, WIKIDATA[links[entry["id"]]]))
        graph.add((subject, KG.listedRole, ROLE[entry["role"]]))
        graph.add((subject, KG.listedPolity, COUNTRY[entry["country"]]))
        for key, predicate in (("since", KG.listedSince), ("until", KG.listedUntil)):
            value = entry[key]  # type: ignore[literal-required]
            if value is not None:
                graph.add((subject, predicate, Literal(value, datatype=XSD.date)))
    return graph


# --------------------------------------------------------------------------- Turtle writer


def _term(node: Node) -> str:
    """Turtle text of one term, as a prefixed name where a prefix applies."""
    if isinstance(node, Literal):
        if node.language:
            return f"{_quote(str(node))}@{node.language}"
        if node.datatype is not None:
            return f"{_quote(str(node))}^^{_term(node.datatype)}"
        return _quote(str(node))
    if node == RDF.type:
        return "a"
    text = str(node)
    # Longest namespace first, so that no shorter one claims a longer IRI.
    for prefix, namespace in sorted(PREFIXES, key=lambda p: -len(str(p[1]))):
        if text.startswith(str(namespace)):
            local = text[len(str(namespace)):]
            if re.fullmatch(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?", local):
                return f"{prefix}:{local}"
    return f"<{text}>"


def _quote(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


def _objects(graph: Graph, subject: Node, predicate: URIRef) -> str:
    """All objects of one predicate, sorted (IRIs, then literals by language and text)."""
    def key(node: Node) -> Tuple[int, str, str]:
        if isinstance(node, Literal):
            return (1, node.language or "", str(node))
        return (0, "", _term(node))
    return ", ".join(_term(o) for o in sorted(graph.objects(subject, predicate), key=key))


def _statements(graph: Graph, subject: Node, predicates: Sequence[URIRef]) -> List[str]:
    return [f"{_term(p)} {_objects(graph, subject, p)}" for p in predicates
            if (subject, p, None) in graph]


def serialize(graph: Graph) -> str:
    """Fixed-layout Turtle: prefixes, the scheme, then one block of three lines per actor."""
    lines = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in PREFIXES]
    lines.append("")
    scheme = _statements(graph, SCHEME, [RDF.type, SKOS.prefLabel])
    lines.append(f"{_term(SCHEME)} " + " ; ".join(scheme) + " .")
    groups: Sequence[Sequence[URIRef]] = (
        (RDF.type, SKOS.inScheme, SKOS.notation),
        (SKOS.prefLabel, SKOS.altLabel),
        (SKOS.exactMatch,),
        (KG.listedRole, KG.listedPolity, KG.listedSince, KG.listedUntil),
    )
    known = {p for group in groups for p in group}
    actors = sorted((s for s in set(graph.subjects(RDF.type, SKOS.Concept)) if isinstance(s, URIRef)),
                    key=str)
    for subject in actors:
        extra = {p for p in graph.predicates(subject, None)} - known
        if extra:
            raise ValueError(f"{subject}: no layout for predicates {sorted(map(str, extra))}")
        parts = [" ; ".join(_statements(graph, subject, group)) for group in groups]
        parts = [part for part in parts if part]
        lines.append("")
        lines.append(f"{_term(subject)} " + " ;\n    ".join(parts) + " .")
    return "\n".join(lines) + "\n"


def render(entries: Sequence[Entry]) -> str:
    """Build the graph, write it, and make sure the text parses back to the same graph."""
    graph = build_graph(entries, load_links())
    text = serialize(graph)
    reparsed = Graph()
    reparsed.parse(data=text, format="turtle")
    if set(reparsed) != set(graph):
        raise AssertionError("written Turtle does not round-trip to the built graph")
    return text


# --------------------------------------------------------------------------- checks


def _fold(name: str) -> str:
    for mark in BAD_APOSTROPHES + ("\u02bc",):
        name = name.replace(mark, APOSTROPHE)
    return " ".join(name.split()).casefold()


def check(entries: Sequence[Entry], countries: Set[str], roles_in_ttl: Set[str],
          ttl_path: Optional[Path] = None) -> List[str]:
    """Every problem found in the entries (and in the built file, if given); empty when clean."""
    errors: List[str] = []
    missing_roles = sorted(set(ROLE_CODES) - roles_in_ttl)
    if missing_roles:
        errors.append(f"roles.ttl lacks role codes {missing_roles}")

    seen_ids: Set[str] = set()
    names: Dict[str, Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]]] = defaultdict(dict)
    for entry in entries:
        ident = entry["id"]
        if ident in seen_ids:
            errors.append(f"{ident}: duplicate id")
        seen_ids.add(ident)
        if not ID_PATTERN.match(ident):
            errors.append(f"{ident}: id must be lower-case ASCII words joined by '-'")
        if not ident.startswith(entry["country"].lower() + "-"):
            errors.append(f"{ident}: id must start with the country code {entry['country'].lower()!r}-")
        if entry["role"] not in ROLE_CODES:
            errors.append(f"{ident}: unknown role {entry['role']!r}")
        if entry["country"] not in countries:
            errors.append(f"{ident}: country {entry['country']!r} is not a notation in countries.ttl")

        dates: Dict[str, Optional[dt.date]] = {}
        for key in ("since", "until"):
            value = entry[key]  # type: ignore[literal-required]
            try:
                dates[key] = _date(value)
            except ValueError:
                errors.append(f"{ident}: {key} {value!r} is not an ISO date (YYYY-MM-DD)")
                dates[key] = None
        since, until = dates["since"], dates["until"]
        if since is not None and until is not None and since > until:
            errors.append(f"{ident}: since {since} is after until {until}")

        person = (tuple(entry["en"]), tuple(entry["uk"]))
        for lang in LANGS:
            values: List[str] = entry[lang]  # type: ignore[literal-required]
            if not values:
                errors.append(f"{ident}: no {lang} name")
            folded: Set[str] = set()
            for value in values:
                if not value.strip():
                    errors.append(f"{ident}.{lang}: empty name")
                    continue
                if value != value.strip() or "  " in value:
                    errors.append(f"{ident}.{lang}: stray whitespace in {value!r}")
                if _fold(value) in folded:
                    errors.append(f"{ident}.{lang}: {value!r} listed twice")
                folded.add(_fold(value))
                if lang == "uk":
                    if any(mark in value for mark in BAD_APOSTROPHES):
                        errors.append(f"{ident}.uk: non-typographic apostrophe in {value!r} (use ’)")
                    if LATIN.search(value):
                        errors.append(f"{ident}.uk: Latin letters in Ukrainian name {value!r}")
                elif CYRILLIC.search(value):
                    errors.append(f"{ident}.en: Cyrillic letters in English name {value!r}")
                names[_fold(value)][ident] = person

    for name, holders in sorted(names.items()):
        if len(set(holders.values())) > 1:
            errors.append(f"name {name!r} is shared by different people: {', '.join(sorted(holders))}")

    if ttl_path is not None:
        if not ttl_path.exists():
            errors.append(f"{ttl_path} does not exist; run tools/build_actors.py")
        elif not errors:
            if ttl_path.read_text(encoding="utf-8") != render(entries):
                errors.append(f"{ttl_path} is out of date; run tools/build_actors.py")
    return errors


# --------------------------------------------------------------------------- main


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="actors.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output .ttl")
    parser.add_argument("--check", action="store_true",
                        help="validate the JSON and the built file instead of writing it")
    args = parser.parse_args(argv)

    entries = load_source(args.src)
    if args.check:
        errors = check(entries, notations(COUNTRIES_TTL), notations(ROLES_TTL), args.out)
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        roles: Dict[str, int] = defaultdict(int)
        for entry in entries:
            roles[entry["role"]] += 1
        summary = ", ".join(f"{role} {roles[role]}" for role in ROLE_CODES if roles[role])
        print(f"{len(entries)} entries, {len({e['country'] for e in entries})} polities; {summary}",
              file=sys.stderr)
        print("FAILED" if errors else "OK", file=sys.stderr)
        return 1 if errors else 0

    text = render(sorted(entries, key=lambda e: e["id"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(entries)} actors)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
