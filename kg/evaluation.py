"""``kg eval``: precision, recall and F1 of the extractor against hand-annotated gold files.

Gold format (one JSON file per article, see evaluation/GUIDELINES.md)::

    {"id", "lang", "date", "persons": [{"name", "aliases", "role", "country"}],
     "relations": [{"a", "b", "type", "topics"}]}

The articles are ingested into an in-memory store and read back with the same ``roles`` and ``relations``
named queries users run, so the figures measure the whole path, not the extractor alone. Measures: roles
(person + role + country), person–country, country pairs (+ type), topics (pair + type + topic). A person
matches when the extracted name equals an alias or shares its surname (in any grammatical case).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from kg.errors import Errors, KGError
from kg.io.articles import Article, make_article
from kg.nlp.identity import name_skeleton
from kg.nlp.morph import analyse
from kg.io.text import lookup_key

__all__ = ["Gold", "load_gold", "gold_articles", "Score", "EvalReport", "evaluate", "KINDS"]

KINDS = ("roles", "person_country", "pairs", "topics")


@dataclass(frozen=True)
class Gold:
    id: str
    lang: str
    date: str | None
    persons: list[dict[str, Any]]
    relations: list[dict[str, Any]]


def load_gold(folder: Path) -> list[Gold]:
    golds = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            golds.append(Gold(str(data["id"]), str(data["lang"]), data.get("date"), list(data.get("persons", [])),
                              list(data.get("relations", []))))
        except (ValueError, KeyError, TypeError) as err:
            raise KGError(Errors.E021, path=path, reason=str(err)) from err
    return golds


def gold_articles(gold_dir: Path, articles_dir: Path | None = None) -> Iterator[tuple[Gold, Article | None]]:
    """Each gold file with its article (``<id>.txt`` beside the gold folder, in the language its ``.meta.json`` or the
    gold names), as the training tools read them; ``None`` where the text is not there (real news is restored apart)."""
    articles_dir = articles_dir or gold_dir.parent / "articles"
    for gold in load_gold(gold_dir):
        path = articles_dir / f"{gold.id}.txt"
        if not path.exists():
            yield gold, None
            continue
        meta_path = articles_dir / f"{gold.id}.meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        yield gold, make_article(path.read_text(encoding="utf-8"), lang=meta.get("lang") or gold.lang)


@dataclass
class Score:
    tp_gold: int = 0
    gold: int = 0
    tp_pred: int = 0
    pred: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp_gold += other.tp_gold
        self.gold += other.gold
        self.tp_pred += other.tp_pred
        self.pred += other.pred


@dataclass
class EvalReport:
    scores: dict[str, dict[str, Score]] = field(default_factory=dict)  # lang ("all", "uk", ...) -> kind -> score
    misses: dict[str, list[str]] = field(default_factory=dict)  # article id -> lines
    missing: list[str] = field(default_factory=list)  # gold ids whose article text is not there (not scored)
    false_positives: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {lang: {kind: {"precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3),
                              "gold": s.gold, "predicted": s.pred}
                       for kind, s in kinds.items()} for lang, kinds in self.scores.items()}


def _norm(name: str) -> str:
    return " ".join(lookup_key(w).removesuffix("'s") for w in name.split())


def _surname_keys(names: Iterable[str]) -> set[str]:
    """Surname keys of the gold names: as written, their skeletons, and those of their lemmas (aliases are
    written as the text inflects them, "Сі Цзіньпіном"; the extractor names a person in the nominative)."""
    keys = set()
    for n in names:
        words = _norm(n).split()
        if words:
            surname = words[-1]
            keys.add(surname)
            keys.add(name_skeleton(surname))
            if not surname.isascii():
                keys.update(name_skeleton(lemma) for lemma in analyse("uk", surname).lemmas)
    return keys


def person_matches(extracted: str, gold: dict[str, Any]) -> bool:
    """The extracted name equals an alias (or the name) or shares its surname."""
    names = [gold["name"], *gold.get("aliases", [])]
    if _norm(extracted) in {_norm(n) for n in names}:
        return True
    words = _norm(extracted).split()
    if not words:
        return False
    return bool({words[-1], name_skeleton(words[-1])} & _surname_keys(names))


def _match(gold: list[Any], pred: list[Any], same: Any) -> tuple[Score, list[Any], list[Any]]:
    """One-to-one greedy matching; returns the score, missed gold items and false positives."""
    used: set[int] = set()
    missed = []
    for g in gold:
        hit = next((i for i, p in enumerate(pred) if i not in used and same(g, p)), None)
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
    matched_pred = sum(1 for p in pred if any(same(g, p) for g in gold))
    fps = [p for p in pred if not any(same(g, p) for g in gold)]
    return Score(len(gold) - len(missed), len(gold), matched_pred, len(pred)), missed, fps


def score_article(gold: Gold, roles: list[dict[str, Any]], relations: list[dict[str, Any]]) -> tuple[dict[str, Score], list[str], list[str]]:
    """Scores of one article, with its misses and false positives as readable lines."""
    scores: dict[str, Score] = {}
    misses: list[str] = []
    fps: list[str] = []
    g_roles = {(p["name"], p["role"], p["country"]): p for p in gold.persons}
    p_roles = sorted({(r["name"], r["role"], r["country"]) for r in roles})
    s, m, f = _match(list(g_roles.values()), p_roles,
                     lambda g, p: g["role"] == p[1] and g["country"] == p[2] and person_matches(p[0], g))
    scores["roles"] = s
    misses += [f"role  {g['name']} – {g['role']} – {g['country']}" for g in m]
    fps += [f"role  {p[0]} – {p[1]} – {p[2]}" for p in f]
    g_pc = list({(p["name"], p["country"]): p for p in gold.persons}.values())
    p_pc = sorted({(r["name"], r["country"]) for r in roles})
    s, m, f = _match(g_pc, p_pc, lambda g, p: g["country"] == p[1] and person_matches(p[0], g))
    scores["person_country"] = s
    g_pairs = sorted({(r["a"], r["b"], r["type"]) for r in gold.relations})
    p_pairs = sorted({(r["a"], r["b"], r["type"]) for r in relations})
    s, m, f = _match(g_pairs, p_pairs, lambda g, p: g == p)
    scores["pairs"] = s
    misses += [f"pair  {a}–{b} {t}" for a, b, t in m]
    fps += [f"pair  {a}–{b} {t}" for a, b, t in f]
    g_topics = sorted({(r["a"], r["b"], r["type"], t) for r in gold.relations for t in r.get("topics", [])})
    p_topics = sorted({(r["a"], r["b"], r["type"], r["topic"]) for r in relations if r.get("topic")})
    s, m, f = _match(g_topics, p_topics, lambda g, p: g == p)
    scores["topics"] = s
    misses += [f"topic {a}–{b} {t}: {topic}" for a, b, t, topic in m]
    fps += [f"topic {a}–{b} {t}: {topic}" for a, b, t, topic in f]
    return scores, misses, fps


def agreement(gold_dir: Path, other_dir: Path) -> EvalReport:
    """Score a second hand annotation of the same articles against the gold, with the measures of :func:`evaluate`:
    the agreement between two annotators, i.e. how far any extractor can be expected to go.

    >>> from pathlib import Path
    >>> report = agreement(Path("evaluation/gold"), Path("evaluation/agreement"))  # doctest: +SKIP
    """
    golds = {g.id: g for g in load_gold(gold_dir)}
    report = EvalReport()
    for other in load_gold(other_dir):
        gold = golds.get(other.id)
        if gold is None:
            raise KGError(Errors.E021, path=other_dir / f"{other.id}.json", reason=f"no gold {other.id}.json in {gold_dir}")
        roles = [{"name": p["name"], "role": p["role"], "country": p["country"]} for p in other.persons]
        relations = [{"a": r["a"], "b": r["b"], "type": r["type"], "topic": t}
                     for r in other.relations for t in (r.get("topics") or [None])]
        _add(report, gold, *score_article(gold, roles, relations))
    return report


def _add(report: EvalReport, gold: Gold, scores: dict[str, Score], misses: list[str], fps: list[str]) -> None:
    for lang in ("all", gold.lang):
        bucket = report.scores.setdefault(lang, {k: Score() for k in KINDS})
        for kind, score in scores.items():
            bucket[kind].add(score)
    if misses:
        report.misses[gold.id] = misses
    if fps:
        report.false_positives[gold.id] = fps


def evaluate(gold_dir: Path, articles_dir: Path | None = None) -> EvalReport:
    """Ingest the gold articles into a store in memory and score the named queries' rows against the gold."""
    from kg.api import open as open_graph

    golds = load_gold(gold_dir)
    articles_dir = articles_dir or gold_dir.parent / "articles"
    paths = []
    report = EvalReport()
    for g in golds:
        candidates = [p for p in articles_dir.glob(f"{g.id}.*") if not p.name.endswith(".meta.json")]
        if candidates:
            paths.append(candidates[0])
        else:
            report.missing.append(g.id)  # real news lives in a git-ignored cache: say which texts are absent
    if not paths:
        raise KGError(Errors.E021, path=gold_dir, reason=f"none of its {len(golds)} articles is in {articles_dir}")
    golds = [g for g in golds if g.id not in set(report.missing)]
    with open_graph(None) as graph:
        graph.ingest(paths)
        files = graph.query("""PREFIX kg: <https://w3id.org/diplokg/ontology#>
            SELECT ?article ?file WHERE { ?article a kg:Article ; kg:sourceFile ?file }""")
        by_article = {r["article"]: Path(str(r["file"])).name.split(".")[0] for r in files}
        roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in graph.query_named("roles"):
            roles[by_article.get(row["article"], "")].append(row)
        relations: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in graph.query_named("relations"):
            relations[by_article.get(row["article"], "")].append(row)
    for gold in golds:
        _add(report, gold, *score_article(gold, roles[gold.id], relations[gold.id]))
    return report
