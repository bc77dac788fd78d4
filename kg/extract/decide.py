"""Rules propose, annotated data decides: which of the rules' country pairs an article really relates.

The relation rules (``kg.extract.relations``) read every sentence and propose a pair wherever an event word ties
two polities. On real news many proposals come from background paragraphs, lists and quotes about third
parties. This module describes each proposed pair of an article by what the rules saw (how many sentences carry
it and with which event words, where in the article, how crowded those sentences are with other polities, how
central each side is to the article) and a small logistic model, trained on the hand-annotated real-news
development set (``tools/train_decider.py``), gives the probability that the pair is one the article states.
Pairs below the model's threshold are dropped; the others keep that probability as their evidence's
confidence, so queries and views can filter on it.

The model is a JSON file shipped in the package (``kg/extract/models/relations.json``): feature names, the
scaler's means and scales, the weights, the threshold and how it was trained. No model file: the rules decide.

>>> from kg.nlp import load_pipeline
>>> from kg.extract.relations import extract_relations
>>> doc = load_pipeline("en")("Japanese Prime Minister Sanae Takaichi met Ukrainian President Volodymyr Zelensky in Tokyo.")
>>> [(r.a, r.b, r.type) for r in decide_relations(doc, list(extract_relations(doc)))]
[('JP', 'UA', 'cooperation')]
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from spacy.tokens import Doc, Span

from kg.extract import index
from kg.extract.records import RelationAssertion
from kg.extract.wars import listed_wars

__all__ = ["EVENTS", "pair_features", "decide_relations", "load_model", "load_json_model", "probability", "MODEL_PATH"]

MODEL_PATH = Path(__file__).resolve().parent / "models" / "relations.json"

# The event kinds the relation rules name (kg vocabulary notations); "context" marks a sentence that only
# continues a pair named before it (its topics), not an event of its own.
EVENTS = ("meeting", "call", "visit", "agreement", "aid", "support", "cooperation", "thanks", "attack", "conflict",
          "sanction", "expulsion", "protest", "summons", "tariff", "clash", "context")

Key = tuple[str, str, str]
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def pair_features(doc: Doc, relations: Iterable[RelationAssertion]) -> dict[Key, dict[str, float]]:
    """The features of each proposed ``(a, b, type)`` of the article, by name."""
    grouped: dict[Key, list[RelationAssertion]] = defaultdict(list)
    for r in relations:
        grouped[(r.a, r.b, r.type)].append(r)
    if not grouped:
        return {}
    starts: list[int] = []
    worded = 0  # sentences with a word in them: separator lines and page furniture make an article no longer
    for sent in index.sentences(doc):
        starts.append(sent.start_char)
        worded += any(t.is_alpha for t in sent)
    polity_starts = [span.start_char for span in index.spans(doc, "kg_polity")]
    n_sents = max(worded, 1)
    polities = list(index.spans(doc, "kg_polity"))
    mentions = Counter(span.kb_id_ for span in polities)
    total_mentions = max(sum(mentions.values()), 1)
    top = max(mentions.values()) if mentions else 0
    sent_codes: dict[int, set[str]] = defaultdict(set)  # sentence start (character) -> polities named in it
    for span in polities:
        sent_codes[doc[index.sent_bounds(doc, span.start)[0]].idx].add(span.kb_id_)
    pairs_in_article = len({(a, b) for a, b, _ in grouped})
    wars = set(listed_wars())
    out: dict[Key, dict[str, float]] = {}
    for key, found in grouped.items():
        a, b, kind = key
        events = [r for r in found if r.event != "context"] or found
        positions = sorted(_sentence_number(starts, r.evidence.start) for r in events)
        crowd = [len(sent_codes.get(_sentence_char(starts, r.evidence.start), set())) for r in events]
        low, high = sorted((mentions.get(a, 0), mentions.get(b, 0)))
        f: dict[str, float] = {
            "bias": 1.0,
            "evidence": math.log1p(len({r.evidence.start for r in events})),
            "only_context": float(all(r.event == "context" for r in found)),
            "confidence": max(r.evidence.confidence for r in found),
            "headline": float(positions[0] == 0),
            "lead": float(positions[0] <= 2),
            "position": min(positions[0] / n_sents, 1.0),
            "crowd": math.log1p(min(crowd) if crowd else 0),
            "crowd_many": float(bool(crowd) and min(crowd) >= 4),
            "proposed": sum(r.status == "proposed" for r in found) / len(found),
            "mentions_low": math.log1p(low),
            "mentions_high": math.log1p(high),
            "share_low": low / total_mentions,
            "central": float(high == top),
            "both_central": float(low == top),
            "both_types": float((a, b, "conflict" if kind == "cooperation" else "cooperation") in grouped),
            "topics": math.log1p(len({t for r in found for t in r.topics})),
            "conflict": float(kind == "conflict"),
            "pairs": math.log1p(pairs_in_article),
            "polities": math.log1p(len(mentions)),
            "length": math.log1p(n_sents),
            "uk": float(doc.lang_ == "uk"),
            "organisation": float(bool({a, b} & {"EU", "NATO", "UN"})),
            # two sides of a listed war: "cooperation" between them is rarer than words of talks suggest
            "war_pair": float((a, b) in wars),
            "war_pair_cooperation": float((a, b) in wars and kind == "cooperation"),
        }
        # background: every evidence sentence dates itself ("In 2020, Washington imposed ...")
        f["dated"] = float(all(_YEAR.search(r.evidence.sentence) for r in events))
        f["late_in_long"] = f["position"] * f["length"]  # far down a long story: background more often
        spread = [_sides_apart(doc, polities, polity_starts, r) for r in events]
        f["sides_apart"] = math.log1p(min(spread))  # tokens between the two sides in the closest evidence
        f["sides_far"] = float(min(spread) > 12)
        for event in EVENTS:
            f[f"event_{event}"] = float(any(r.event == event for r in found))
        out[key] = f
    return out


def _sides_apart(doc: Doc, polities: list[Span], polity_starts: list[int], r: RelationAssertion) -> int:
    """Tokens between the closest mentions of the two sides in the evidence sentence (a large number when one side
    is implied: named by a person, "the two sides", a sentence before)."""
    lo = bisect.bisect_left(polity_starts, r.evidence.start)
    hi = bisect.bisect_left(polity_starts, r.evidence.end)
    side_a = [span for span in polities[lo:hi] if span.kb_id_ == r.a]
    side_b = [span for span in polities[lo:hi] if span.kb_id_ == r.b]
    if not side_a or not side_b:
        return 40
    return min(max(y.start - x.end, x.start - y.end, 0) for x in side_a for y in side_b)


def _sentence_number(starts: list[int], char: int) -> int:
    """The last sentence starting at or before ``char``."""
    return max(bisect.bisect_right(starts, char) - 1, 0)


def _sentence_char(starts: list[int], char: int) -> int:
    return starts[_sentence_number(starts, char)] if starts else 0


@functools.lru_cache(maxsize=4)
def load_json_model(path: Path) -> dict[str, Any] | None:
    """A model shipped as JSON (``None`` when the file is not there: the rules then decide alone); read once."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except FileNotFoundError:
        return None


def load_model(path: Path = MODEL_PATH) -> dict[str, Any] | None:
    """The shipped pair model (``None`` when there is none: the rules then decide alone)."""
    return load_json_model(path)


def probability(model: dict[str, Any], features: dict[str, float]) -> float:
    """The probability a logistic model of ours (features, the scaler's mean and scale, weights, intercept) gives
    what ``features`` describe; the pair model's and each topic model's alike.

    >>> round(probability({"features": ["own"], "mean": [0.0], "scale": [1.0], "weights": [2.0], "intercept": -1.0},
    ...                   {"own": 1.0}), 3)
    0.731
    """
    z = model["intercept"]
    for name, mean, scale, weight in zip(model["features"], model["mean"], model["scale"], model["weights"]):
        z += weight * (features.get(name, 0.0) - mean) / scale
    return 1.0 / (1.0 + math.exp(-z))


def decide_relations(doc: Doc, relations: list[RelationAssertion],
                     model: dict[str, Any] | None | bool = True) -> list[RelationAssertion]:
    """The relations whose pair the model keeps, each evidence's confidence set to the pair's probability.

    ``model=True`` uses the shipped model; ``None`` or ``False`` keeps every proposal (the rules alone).
    """
    chosen = load_model() if model is True else (model or None)
    if not chosen or not relations:
        return relations
    features = pair_features(doc, relations)
    keep = {key: probability(chosen, f) for key, f in features.items()}
    limits = chosen["threshold"]
    threshold = float(limits.get(doc.lang_, 0.0) if isinstance(limits, dict) else limits)
    # Three decimals, strictly between 0 and 1: "1.0" and "1" are one xsd:decimal, written two ways by two paths.
    return [replace(r, evidence=replace(r.evidence, confidence=min(max(round(keep[(r.a, r.b, r.type)], 3), 0.001), 0.999)))
            for r in relations if keep[(r.a, r.b, r.type)] >= threshold]
