"""A kg graph of a given size for the query and export benchmarks, built fast: claims generated directly
through ``kg.graph.rdf.article_graph`` (no NLP), the same RDF shape ingest writes.

    python benchmarks/graphdata.py [--triples 1000000] [--store /tmp/kg-bench/store-1m]

Facts repeat across articles the way news does (a pool of persons, country pairs and topics), so claims are
shared and carry many evidences. The store is built once and reused (a ``.built`` marker holds its size).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

from kg.io.articles import make_article
from kg.extract.records import Evidence, RelationAssertion, RoleAssertion
from kg.pipeline.ingest import _write
from kg.pipeline.parallel import quads_of_graphs
from kg.graph.rdf import ArticleGraphs, article_graph
from kg.graph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

DEFAULT_STORE = Path(tempfile.gettempdir()) / "kg-bench" / "store-1m"
ROLES = ["president", "prime_minister", "foreign_minister", "defence_minister", "ambassador", "minister",
         "spokesperson", "vice_president"]
TOPICS = ["defence", "energy", "economy", "humanitarian", "cyber", "infrastructure", "sanctions", "security",
          "health", "technology"]


def synthetic_articles(seed: int = 1) -> Iterator[ArticleGraphs]:
    """Endless article graphs: ~8 roles and ~16 relations each, over a pool of ~3,000 persons."""
    rng = random.Random(seed)
    codes = [c["code"] for c in generate.countries()]
    names = [f"{f[0]} {l[0]}" for f in generate.FIRST for l in generate.LAST]
    persons = [(rng.choice(names), rng.choice(codes), rng.choice(ROLES)) for _ in range(3000)]
    i = 0
    while True:
        lang = "uk" if i % 2 else "en"
        text = f"Synthetic report {i} on diplomatic relations." if lang == "en" else f"Синтетичний матеріал {i} про дипломатичні відносини."
        article = make_article(text, lang=lang, title=f"Report {i}", date=f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                               url=f"https://example.org/r/{i}", source="Synthetic Wire", source_file=f"synthetic/{i}.txt")
        found: list[RoleAssertion | RelationAssertion] = []
        offset = 0
        for k in range(24):
            sentence = f"Sentence {k} of report {i}: officials met and discussed cooperation in detail."
            ev = Evidence(sentence=sentence, start=offset, end=offset + len(sentence), mentions=(f"m{k}",),
                          confidence=round(rng.uniform(0.5, 0.95), 3))
            offset += len(sentence) + 1
            if k < 8:
                name, country, role = rng.choice(persons)
                found.append(RoleAssertion(name=name, role=role, country=country, evidence=ev, acting=rng.random() < 0.05,
                                           surface=name))
            else:
                a, b = sorted(rng.sample(codes, 2))
                found.append(RelationAssertion(a=a, b=b, type="conflict" if rng.random() < 0.15 else "cooperation",
                                               evidence=ev, topics=tuple(rng.sample(TOPICS, rng.choice([0, 1, 1, 2]))),
                                               status="proposed" if rng.random() < 0.3 else "ongoing", event="meeting"))
        yield article_graph(article, found)
        i += 1


def build(path: Path = DEFAULT_STORE, triples: int = 1_000_000, batch: int = 100) -> Store:
    """Open the benchmark store at ``path``, building it first (to >= ``triples`` data triples) if needed."""
    marker = path / ".built"
    if marker.exists() and json.loads(marker.read_text())["target"] == triples:
        return Store(path)
    if path.exists():
        import shutil

        shutil.rmtree(path)
    store = Store(path)
    start = time.perf_counter()
    articles = 0
    count = 0
    source = synthetic_articles()
    while count < triples:
        quads = []
        for _ in range(batch):
            quads.extend(quads_of_graphs(next(source)))
            articles += 1
        _write(store, quads)
        store.flush()  # keeps RocksDB's write buffers (and this process's memory) small
        count = store.triple_count()
    store.flush()
    marker.write_text(json.dumps({"target": triples, "triples": count, "articles": articles}))
    print(f"built {path}: {articles} articles, {count} triples (without the ontology) in {time.perf_counter() - start:.1f} s")
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    args = parser.parse_args(argv)
    with build(args.store, args.triples) as store:
        print(f"{store.triple_count()} data triples, {store.triple_count(include_ontology=True)} with the ontology")
    return 0


if __name__ == "__main__":
    sys.exit(main())
