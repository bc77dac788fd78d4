"""Topics of an article's relations, decided pair by pair from the whole article.

The relation rules (:mod:`kg.extract.relations`) give each sentence's pair the topic cues of that sentence, and
a sentence that names one side of a pair passes its topics on (``event="context"``). Read sentence by sentence,
a story's fields spread to every pair of it, and a field the article gives a pair elsewhere (its headline, the
paragraph after the meeting) is missed. Here each ``(a, b, type)`` the article keeps is described, for every
topic, by where the article names that topic: in the pair's own evidence sentences, in sentences naming both
sides or one side, in the headline or lead, how often in the whole article, whether the rules gave it and
whether another pair's sentences carry it. A small logistic model per topic, trained on hand-annotated articles
(``tools/train_topics.py``), gives the probability that the pair's relation is about that topic; topics whose
model did not beat the rules in cross-validation keep the rules' decision.

Each topic kept sits on an assertion whose evidence names it where there is one: the pair's own sentence with
the topic's cue (or the event that implies it), else the sentence that names one side with the cue, as a
``context`` assertion (the convention of the relation rules), else the pair's first event sentence.

The model is a JSON file shipped in the package (``kg/extract/models/topics.json``): per topic the feature
names, the scaler's means and scales, the weights and the threshold; and how it was trained. No model file:
the rules decide.

>>> from kg.nlp import load_pipeline
>>> from kg.extract.relations import extract_relations
>>> doc = load_pipeline("en")("Japan and Ukraine signed an agreement on air defence and drones.")
>>> [(r.a, r.b, r.type, r.topics) for r in assign_topics(doc, list(extract_relations(doc)))]
[('JP', 'UA', 'cooperation', ('defence',))]
"""

from __future__ import annotations

import bisect
import functools
import math
import operator
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable

from spacy.tokens import Doc

from kg.extract import index
from kg.extract.decide import load_json_model, probability
from kg.extract.persons import find_persons
from kg.extract.records import Evidence, RelationAssertion
from kg.extract.relations import _institution_words, _negated  # the relation rules' own readings
from kg.nlp.morph import lang_data
from kg.nlp.pipeline import NOISE_KEY
from kg.ontology.concepts import concepts

__all__ = ["TOPICS", "MODEL_PATH", "ArticleTopics", "read_article", "topic_features", "assign_topics", "load_model",
           "probability"]

MODEL_PATH = Path(__file__).resolve().parent / "models" / "topics.json"

Key = tuple[str, str, str]


@functools.cache
def _topics() -> tuple[str, ...]:
    return tuple(concepts("topic"))


@functools.cache
def _implies() -> dict[str, tuple[str, ...]]:
    return {code: c.implies for code, c in concepts("relation").items() if c.implies}


def __getattr__(name: str) -> Any:
    if name == "TOPICS":  # the topic codes of the ontology (read on first use)
        return _topics()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class ArticleTopics:
    """What the article says about topics, sentence by sentence: the cue weight of each topic (a cue 1, a weak
    cue 0.5; negated cues, cues inside an institution's or a place's name and words naming the talks themselves
    left out, as the relation rules read them) and the polities each sentence names."""

    starts: tuple[int, ...]  # each sentence's first character
    bounds: tuple[tuple[int, int, int, int], ...]  # (first token, end token, first character, end character)
    weights: tuple[dict[str, float], ...]
    raw: tuple[dict[str, float], ...]  # every cue that is not negated, names of institutions and talks included
    codes: tuple[frozenset[str], ...]
    total: dict[str, float]

    def sentence_of(self, char: int) -> int:
        """The number of the sentence holding character ``char``."""
        return max(bisect.bisect_right(self.starts, char) - 1, 0)


def read_article(doc: Doc) -> ArticleTopics:
    """The article's topic cues and polities per sentence (computed once per Doc)."""
    return index.memo(doc, "topics_article", lambda: _read(doc))  # type: ignore[no-any-return]


def _read(doc: Doc) -> ArticleTopics:
    data = lang_data(doc.lang_)
    negations = set(data["negation"])
    noisy: set[int] = doc.user_data.get(NOISE_KEY, set())
    cues = [c for c in index.spans(doc, "kg_cue") if c.label_ in ("topic", "topic_weak")]
    # (the relation rules' own set, computed once per Doc)
    institutions = index.memo(doc, "institution_words", lambda: _institution_words(doc, data)) if cues else set()
    named_places = {i for group in ("kg_polity", "kg_place") for s in index.spans(doc, group) if len(s) > 1
                    for i in range(s.start, s.end)}
    talks = {i for c in index.spans(doc, "kg_cue") if c.label_ == "relation" and c.kb_id_ in ("meeting", "call")
             for i in range(c.start, c.end)}
    sents = list(index.sentences(doc))
    starts = tuple(s.start_char for s in sents)
    bounds = tuple((s.start, s.end, s.start_char, s.end_char) for s in sents)
    token_starts = [s.start for s in sents]
    weights: list[dict[str, float]] = [{} for _ in sents]
    raw: list[dict[str, float]] = [{} for _ in sents]
    total: dict[str, float] = defaultdict(float)
    for c in cues:
        if c.start in noisy or _negated(doc, c.start, negations):
            continue
        n = max(bisect.bisect_right(token_starts, c.start) - 1, 0)
        w = 0.5 if c.label_ == "topic_weak" else 1.0
        raw[n][c.kb_id_] = raw[n].get(c.kb_id_, 0.0) + w
        if c.start in institutions or c.start in named_places or (c.start in talks and c.end - 1 in talks):
            continue
        weights[n][c.kb_id_] = weights[n].get(c.kb_id_, 0.0) + w
        total[c.kb_id_] += w
    codes: list[set[str]] = [set() for _ in sents]
    for span in index.spans(doc, "kg_polity"):
        codes[max(bisect.bisect_right(token_starts, span.start) - 1, 0)].add(span.kb_id_)
    for m in find_persons(doc)[1]:
        if m.person.country:
            codes[max(bisect.bisect_right(token_starts, m.start) - 1, 0)].add(m.person.country)
    return ArticleTopics(starts, bounds, tuple(weights), tuple(raw), tuple(frozenset(c) for c in codes), dict(total))


def _strong(w: float) -> float:
    return 1.0 if w >= 1.0 else 0.0


def _add_up(weights: tuple[dict[str, float], ...], sentences: Iterable[int]
            ) -> tuple[dict[str, float], dict[str, float], dict[str, int]]:
    """Over some sentences, each topic's summed cue weight, its largest weight in one sentence, and the number of
    sentences where it has a whole cue."""
    total: dict[str, float] = defaultdict(float)
    largest: dict[str, float] = {}
    whole: dict[str, int] = defaultdict(int)
    for j in sentences:
        for t, w in weights[j].items():
            total[t] += w
            if w > largest.get(t, 0.0):
                largest[t] = w
            if w >= 1.0:
                whole[t] += 1
    return total, largest, whole


def topic_features(doc: Doc, relations: Iterable[RelationAssertion],
                   topics: Iterable[str] | None = None) -> dict[Key, dict[str, dict[str, float]]]:
    """For each ``(a, b, type)`` of the article and each topic: the features the topic models read, by name."""
    grouped: dict[Key, list[RelationAssertion]] = defaultdict(list)
    for r in relations:
        grouped[(r.a, r.b, r.type)].append(r)
    if not grouped:
        return {}
    art = read_article(doc)
    wanted = tuple(topics) if topics is not None else _topics()
    n_sents = len(art.starts)
    total_all = sum(art.total.values()) or 1.0
    top = max(art.total.values()) if art.total else 0.0
    implies = _implies()
    own_sents = {key: {art.sentence_of(r.evidence.start) for r in found if r.event != "context"} or
                 {art.sentence_of(r.evidence.start) for r in found} for key, found in grouped.items()}
    pairs_in_article = len({(a, b) for a, b, _ in grouped})
    out: dict[Key, dict[str, dict[str, float]]] = {}
    for key, found in grouped.items():
        a, b, kind = key
        own = own_sents[key]
        events = {r.event for r in found}
        rule_event = {t for r in found if r.event != "context" for t in r.topics}
        rule_context = {t for r in found if r.event == "context" for t in r.topics}
        implied = {t for e in events for t in implies.get(e, ())}
        near = {j for s in own for j in (s - 1, s + 1) if 0 <= j < n_sents and j not in own}
        both = [j for j in range(n_sents) if j not in own and a in art.codes[j] and b in art.codes[j]]
        side = [j for j in range(n_sents) if j not in own and (a in art.codes[j]) != (b in art.codes[j])]
        bare_near = [j for j in near if not art.codes[j]]
        own_topics = {t for s in own for t, w in art.weights[s].items() if w >= 1.0}
        headline_sides = bool(n_sents) and bool({a, b} & art.codes[0])
        others = set().union(*(own_sents[k] for k in grouped if k[:2] != key[:2])) - own
        base = {
            "conflict": float(kind == "conflict"),
            "uk": float(doc.lang_ == "uk"),
            "organisation": float(bool({a, b} & {"EU", "NATO", "UN"})),
            "pairs": math.log1p(pairs_in_article),
            "evidence": math.log1p(len(own)),
            "headline_pair": float(0 in own),
            "confidence": max(r.evidence.confidence for r in found),
            "own_topics": math.log1p(len(own_topics)),
            "article_topics": math.log1p(len(art.total)),
            "length": math.log1p(n_sents),
        }
        for e in ("meeting", "call", "visit", "agreement", "aid", "support", "cooperation", "thanks", "attack",
                  "conflict", "sanction", "expulsion", "protest", "summons", "tariff", "clash"):
            base[f"event_{e}"] = float(e in events)
        # each topic's cue weight summed (or at its largest) over the sentences of each kind, in one pass each
        own_sum, own_max, own_n = _add_up(art.weights, own)
        raw_sum = _add_up(art.raw, own)[0]
        both_sum, side_sum, bare_sum = (_add_up(art.weights, js)[0] for js in (both, side, bare_near))
        lead_sum = _add_up(art.weights, range(min(3, n_sents)))[0]
        others_max = _add_up(art.weights, others)[1]
        headline = art.weights[0] if n_sents else {}
        per_topic: dict[str, dict[str, float]] = {}
        for t in wanted:
            largest = own_max.get(t, 0.0)
            f = dict(base)
            f.update({
                "rule": float(t in rule_event or t in rule_context or any(t in r.topics for r in found)),
                "rule_event": float(t in rule_event),
                "rule_context": float(t in rule_context and t not in rule_event),
                "implied": float(t in implied),
                "own": math.log1p(own_sum.get(t, 0.0)),
                "own_strong": _strong(largest),
                "own_raw": math.log1p(raw_sum.get(t, 0.0)),
                "headline_side": float(headline_sides and headline.get(t, 0.0) >= 1.0),
                "own_weak_only": float(0 < largest < 1.0),
                "own_share": own_n.get(t, 0) / max(len(own), 1),
                "both": math.log1p(both_sum.get(t, 0.0)),
                "side": math.log1p(side_sum.get(t, 0.0)),
                "near_bare": math.log1p(bare_sum.get(t, 0.0)),
                "headline": _strong(headline.get(t, 0.0)),
                "lead": _strong(lead_sum.get(t, 0.0)),
                "others": _strong(others_max.get(t, 0.0)),
                "article": math.log1p(art.total.get(t, 0.0)),
                "share": art.total.get(t, 0.0) / total_all,
                "top": float(top > 0 and art.total.get(t, 0.0) == top),
            })
            per_topic[t] = f
        out[key] = per_topic
    return out


def load_model(path: Path = MODEL_PATH) -> dict[str, Any] | None:
    """The shipped topic models (``None`` when there is none: the rules then decide alone)."""
    return load_json_model(path)


def _threshold(model: dict[str, Any], lang: str) -> float | None:
    """A topic model's threshold in ``lang``; ``None`` where the rules decide the topic in that language."""
    limit = model["threshold"]
    return limit.get(lang) if isinstance(limit, dict) else float(limit)


def _folded(model: dict[str, Any]) -> tuple[Callable[[dict[str, float]], tuple[float, ...]], tuple[float, ...], float]:
    """A topic model with its scaler folded into the weights: what reads the features that weigh (in order), their
    weights (weight / scale) and the intercept; :func:`probability` computes the same, feature by feature."""
    kept = [(n, w / s) for n, s, w in zip(model["features"], model["scale"], model["weights"]) if w]
    names = [n for n, _ in kept] or ["bias"]
    read = operator.itemgetter(*names) if len(names) > 1 else (lambda f: (f.get(names[0], 0.0),))
    intercept = model["intercept"] - sum(w * m / s for m, s, w in zip(model["mean"], model["scale"], model["weights"]))
    return read, tuple(w for _, w in kept) or (0.0,), intercept


def _decide(doc: Doc, relations: list[RelationAssertion], model: dict[str, Any]) -> dict[Key, set[str]]:
    """Each pair's topics: the model's where it has one for the topic in the article's language, the rules'
    elsewhere."""
    learned = {t: (_folded(m), limit) for t, m in model.get("topics", {}).items()
               if (limit := _threshold(m, doc.lang_)) is not None}
    chosen: dict[Key, set[str]] = defaultdict(set)
    for r in relations:
        chosen[(r.a, r.b, r.type)].update(t for t in r.topics if t not in learned)
    if learned:
        for key, per_topic in topic_features(doc, relations, learned).items():
            for t, f in per_topic.items():
                (read, weights, intercept), limit = learned[t]
                z = intercept + sum(map(operator.mul, weights, read(f)))
                if 1.0 / (1.0 + math.exp(-z)) >= limit:
                    chosen[key].add(t)
    return chosen


def assign_topics(doc: Doc, relations: list[RelationAssertion],
                  model: dict[str, Any] | None | bool = True) -> list[RelationAssertion]:
    """The relations with each pair's topics decided for the whole article and placed on the assertions whose
    evidence supports them (a ``context`` assertion for a topic read in another sentence).

    ``model=True`` uses the shipped model; ``None`` or ``False`` keeps the rules' topics unchanged.
    """
    chosen_model = load_model() if model is True else (model or None)
    if not chosen_model or not relations:
        return relations
    decided = _decide(doc, relations, chosen_model)
    art = read_article(doc)
    implies = _implies()
    grouped: dict[Key, list[int]] = defaultdict(list)
    for i, r in enumerate(relations):
        grouped[(r.a, r.b, r.type)].append(i)
    topics: list[set[str]] = [set() for _ in relations]
    extra: list[RelationAssertion] = []
    for key, members in grouped.items():
        wanted = decided.get(key, set())
        placed: set[str] = set()
        for i in members:
            r = relations[i]
            sentence = art.weights[art.sentence_of(r.evidence.start)] if art.starts else {}
            supported = set(r.topics) | {t for t, w in sentence.items() if w >= 0.5} | set(implies.get(r.event, ()))
            topics[i] = wanted & supported
            placed |= topics[i]
        missing = sorted(wanted - placed)
        if not missing:
            continue
        a, b, _ = key
        events = [i for i in members if relations[i].event != "context"] or members
        own = {art.sentence_of(relations[i].evidence.start) for i in events}
        anchor = min(own)
        carriers: dict[int, list[str]] = defaultdict(list)
        for t in missing:
            # the nearest sentence naming a side with the cue, else the nearest with the cue at all
            named = [j for j in range(len(art.starts)) if art.weights[j].get(t, 0.0) >= 0.5]
            sided = [j for j in named if a in art.codes[j] or b in art.codes[j]]
            pool = sided or named
            if pool:
                carriers[min(pool, key=lambda j: (abs(j - anchor), j))].append(t)
            else:
                topics[events[0]].add(t)  # no cue anywhere: what the pair's event itself is about
        first = relations[events[0]]
        for j, ts in sorted(carriers.items()):
            start, end, start_char, end_char = art.bounds[j]
            extra.append(RelationAssertion(
                a=a, b=b, type=key[2], topics=tuple(sorted(ts)), status=first.status, event="context",
                evidence=Evidence(doc[start:end].text.strip(), start_char, end_char, (),
                                  min(r.evidence.confidence for r in (relations[i] for i in events)))))
    out = [replace(r, topics=tuple(sorted(topics[i]))) for i, r in enumerate(relations)
           if r.event != "context" or topics[i]]
    kept = {(r.a, r.b, r.type) for r in out}
    # (a pair the rules carried by context sentences alone keeps one of them)
    out += [replace(relations[m[0]], topics=()) for k, m in grouped.items() if k not in kept]
    return out + extra
