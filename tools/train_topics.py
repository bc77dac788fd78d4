"""Train the topic models (kg/extract/topics.py) on hand-annotated articles and write kg/extract/models/topics.json.

    pip install -e ".[train]"
    python tools/train_topics.py                        # real dev part + the project's training sets (see --also)
    python tools/train_topics.py --dry-run              # print the figures, write nothing

Each article is read as ``kg ingest`` reads it up to the topic step (the relation rules, the pair decider, the
wars named by one side); every ``(a, b, type)`` it keeps that the gold also has is a training pair, and for every
topic the pair gets one row: the features of :func:`kg.extract.topics.topic_features`, labelled true when the
gold gives the pair that topic (pairs the gold lacks teach nothing about topics). One logistic regression per
topic (scikit-learn, lbfgs: deterministic) is cross-validated with 5 folds grouped by article; the decision
threshold of a topic, per language, maximises its out-of-fold F1 in that language. A topic's model is adopted only where
its out-of-fold F1 on the real dev part beats the rules' F1 for that topic (by --margin) without costing the
project's sets more than --tolerance, each language on its own; the other topics keep the rules' decision there.
(The project's sets were annotated before the real-news rules settled that strikes and wars are about defence: a
topic may lose a little on them where real news gains much.) Out-of-fold figures pool --repeats runs of 5-fold
cross-validation, each with its own split of the articles. Printed: conditional topic
precision / recall / F1 (topics scored on the pairs the gold has) of the rules and of the adopted models,
out-of-fold, per set and language, and per topic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluation import gold_articles  # noqa: E402
from kg.extract.decide import decide_relations  # noqa: E402
from kg.extract.relations import extract_relations  # noqa: E402
from kg.extract.topics import MODEL_PATH, TOPICS, topic_features  # noqa: E402
from kg.extract.wars import implied_wars  # noqa: E402
from kg.nlp import load_pipeline  # noqa: E402

PROJECT_SETS = ["evaluation/gold", "evaluation/holdout/gold", "evaluation/extra/gold", "evaluation/fresh/gold"]

Row = tuple[str, str, str, tuple[str, str, str], str, dict[str, float], bool, bool]
# (set, article id, lang, key, topic, features, label, rules' decision)


def rows_of(gold_dir: Path, name: str) -> list[Row]:
    """One row per (gold pair the pipeline keeps, topic)."""
    out: list[Row] = []
    for gold, article in gold_articles(gold_dir):  # (evaluation/gold -> evaluation/articles)
        if article is None:
            print(f"missing text: {gold.id} in {gold_dir} (skipped)", file=sys.stderr)
            continue
        doc = load_pipeline(article.lang)(article.text)
        kept = decide_relations(doc, list(extract_relations(doc)))
        relations = kept + list(implied_wars(doc, kept))
        truth: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for r in gold.relations:
            truth[(r["a"], r["b"], r["type"])].update(r.get("topics", []))
        rules: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for r in relations:
            rules[(r.a, r.b, r.type)].update(r.topics)
        for key, per_topic in topic_features(doc, relations).items():
            if key not in truth:
                continue
            for topic, features in per_topic.items():
                out.append((name, gold.id, gold.lang, key, topic, features, topic in truth[key], topic in rules[key]))
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def counts(pred: np.ndarray, labels: np.ndarray, mask: np.ndarray) -> tuple[int, int, int]:
    return int((pred & labels & mask).sum()), int((pred & ~labels & mask).sum()), int((~pred & labels & mask).sum())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "evaluation" / "real" / "dev" / "gold")
    parser.add_argument("--also", type=Path, action="append", default=None,
                        help="more gold folders to train on (default: the project's sets but its blind one)")
    parser.add_argument("--C", type=float, default=0.03, help="inverse regularisation strength")
    parser.add_argument("--repeats", type=int, default=5, help="runs of 5-fold cross-validation, each split anew")
    parser.add_argument("--margin", type=float, default=0.01, help="F1 a topic's model must gain to be adopted")
    parser.add_argument("--tolerance", type=float, default=0.05,
                        help="F1 a topic's model may lose on the project's sets and still be adopted")
    parser.add_argument("--min-positives", type=int, default=30, help="fewer true rows: the rules decide the topic")
    parser.add_argument("--project-weight", type=float, default=1.0,
                        help="weight of the project's sets' rows against the real dev part's (0: real news alone)")
    parser.add_argument("--one-threshold", dest="per_lang", action="store_false",
                        help="one threshold per topic for both languages, adopted in both or neither (default: per "
                             "language, each adopted where it beats the rules in that language)")
    parser.add_argument("--output", type=Path, default=MODEL_PATH, help="where to write the model")
    parser.add_argument("--cache", type=Path, help="keep the rows read in this JSON file and reuse them (experiments)")
    parser.add_argument("--explain", action="append", default=[], help="a set whose per-topic figures to print")
    parser.add_argument("--dry-run", action="store_true", help="print the figures, write nothing")
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import StandardScaler

    also = args.also if args.also is not None else [ROOT / p for p in PROJECT_SETS]
    folders = [args.gold, *also]
    rows: list[Row] = []
    if args.cache and args.cache.exists():
        rows = [(s, i, lang, tuple(k), t, f, y, r) for s, i, lang, k, t, f, y, r in  # type: ignore[misc]
                json.loads(args.cache.read_text(encoding="utf-8"))]
    else:
        for folder in folders:
            rows += rows_of(folder, set_name(folder, args.gold))
        if args.cache:
            args.cache.write_text(json.dumps(rows), encoding="utf-8")
    sets = sorted({r[0] for r in rows}, key=lambda s: (s != "real_dev", s))
    names = sorted({n for r in rows for n in r[5]})
    topic_of = np.array([r[4] for r in rows])
    x_all = np.array([[r[5].get(n, 0.0) for n in names] for r in rows])
    y_all = np.array([r[6] for r in rows])
    rules_all = np.array([r[7] for r in rows])
    set_of = np.array([r[0] for r in rows])
    lang_of = np.array([r[2] for r in rows])
    ids_of = [r[1] for r in rows]
    articles = sorted({(r[0], r[1]) for r in rows})
    adopted: dict[str, Any] = {}
    per_topic_cv: dict[str, dict[str, dict[str, Any]]] = {}
    per_topic_lines = []
    repeats = args.repeats
    # Out-of-fold figures pool ``repeats`` runs of 5-fold cross-validation, each with its own split of the articles
    # (the counts of all runs added up): one split of a few hundred articles decides too much by chance.
    decision = np.tile(rules_all, repeats)
    project = set_of != "real_dev"
    dev = set_of == "real_dev"
    for topic in TOPICS:
        m = topic_of == topic
        x, y = x_all[m], y_all[m]
        w = np.where(project[m], args.project_weight, 1.0)
        fit = w > 0
        if y[fit].sum() < args.min_positives or (~y[fit]).sum() < args.min_positives:
            per_topic_lines.append(f"  {topic:18s} {int(y.sum()):4d} true rows: rules")
            continue
        runs = []
        for k in range(repeats):
            groups = np.array([hash_id(f"{k}/{set_of[i]}/{ids_of[i]}") for i in np.flatnonzero(m)])
            scores = np.zeros(len(y))
            for train, test in GroupKFold(n_splits=5).split(x, y, groups):
                train = train[fit[train]]
                scaler = StandardScaler().fit(x[train])
                model = LogisticRegression(C=args.C, max_iter=2000).fit(scaler.transform(x[train]), y[train],
                                                                         sample_weight=w[train])
                scores[test] = model.predict_proba(scaler.transform(x[test]))[:, 1]
            runs.append(scores)
        scores = np.concatenate(runs)
        y_r, rules, langs = np.tile(y, repeats), np.tile(rules_all[m], repeats), np.tile(lang_of[m], repeats)
        fit_r, dev_r, project_r = np.tile(fit, repeats), np.tile(dev[m], repeats), np.tile(project[m], repeats)
        limits: dict[str, float | None] = {}
        lines = []
        for lang in ("uk", "en"):
            here = langs == lang
            pool = (here if args.per_lang else np.ones(len(y_r), bool)) & fit_r
            t = round(float(max(np.arange(0.1, 0.9, 0.02), key=lambda t: prf(*counts(scores >= t, y_r, pool))[2])), 2)
            pred = scores >= t
            on_dev, on_project = dev_r & here, project_r & here
            rule_dev, model_dev = prf(*counts(rules, y_r, on_dev))[2], prf(*counts(pred, y_r, on_dev))[2]
            rule_prj, model_prj = prf(*counts(rules, y_r, on_project))[2], prf(*counts(pred, y_r, on_project))[2]
            # (per language unless --one-threshold: a topic's model may beat the rules in one language only)
            adopt = model_dev > rule_dev + args.margin and model_prj >= rule_prj - args.tolerance
            limits[lang] = t if adopt else None
            per_topic_cv.setdefault(topic, {})[lang] = {
                "threshold": t, "rules_f1_real_dev": round(rule_dev, 3), "model_f1_real_dev": round(model_dev, 3),
                "rules_f1_project": round(rule_prj, 3), "model_f1_project": round(model_prj, 3), "adopted": bool(adopt)}
            if adopt:
                decision[np.tile(m & (lang_of == lang), repeats)] = pred[here]
            lines.append(f"{lang} {t:.2f}: real dev rules {rule_dev:.3f} model {model_dev:.3f}, project sets rules "
                         f"{rule_prj:.3f} model {model_prj:.3f} -> {'model' if adopt else 'rules'}")
        if not args.per_lang and None in limits.values():
            limits = dict.fromkeys(limits)  # (one threshold: adopted in both languages or in neither)
            for lang in limits:
                per_topic_cv[topic][lang]["adopted"] = False
            decision[np.tile(m, repeats)] = rules
        per_topic_lines.append(f"  {topic:18s} {int(y.sum()):4d} true rows | " + " | ".join(lines))
        if any(v is not None for v in limits.values()):
            scaler = StandardScaler().fit(x[fit])
            model = LogisticRegression(C=args.C, max_iter=2000).fit(scaler.transform(x[fit]), y[fit], sample_weight=w[fit])
            adopted[topic] = {"features": names, "mean": scaler.mean_.round(6).tolist(),
                              "scale": np.where(scaler.scale_ > 0, scaler.scale_, 1.0).round(6).tolist(),
                              "weights": model.coef_[0].round(6).tolist(),
                              "intercept": round(float(model.intercept_[0]), 6), "threshold": limits}
    print(f"{len(articles)} articles, {len(rows) // len(TOPICS)} gold pairs kept by the pipeline, "
          f"{int(y_all.sum())} gold topics on them")
    print("per topic (out-of-fold):")
    print("\n".join(per_topic_lines))
    figures: dict[str, dict[str, dict[str, float]]] = {}
    print("conditional topic F1 (topics of the gold pairs the pipeline keeps), rules vs adopted models, out-of-fold:")
    for s in sets:
        for lang in ("uk", "en"):
            mask = np.tile((set_of == s) & (lang_of == lang), repeats)
            if not mask.any():
                continue
            rp, rr, rf = prf(*counts(np.tile(rules_all, repeats), np.tile(y_all, repeats), mask))
            mp, mr, mf = prf(*counts(decision, np.tile(y_all, repeats), mask))
            figures.setdefault(s, {})[lang] = {"rules_f1": round(rf, 3), "model_f1": round(mf, 3),
                                               "model_precision": round(mp, 3), "model_recall": round(mr, 3)}
            print(f"  {s:9s} {lang} rules P {rp:.3f} R {rr:.3f} F1 {rf:.3f} | models P {mp:.3f} R {mr:.3f} "
                  f"F1 {mf:.3f} ({mf - rf:+.3f})")
    for s in args.explain:
        for lang in ("uk", "en"):
            print(f"{s} {lang}: topic, rules tp/fp/fn, models tp/fp/fn (out-of-fold)")
            for topic in TOPICS:
                mask = np.tile((set_of == s) & (lang_of == lang) & (topic_of == topic), repeats)
                r = counts(np.tile(rules_all, repeats), np.tile(y_all, repeats), mask)
                d = counts(decision, np.tile(y_all, repeats), mask)
                if r != d:
                    print(f"  {topic:18s} {r[0]:3d} {r[1]:3d} {r[2]:3d} | {d[0]:3d} {d[1]:3d} {d[2]:3d}")
    if args.dry_run:
        return 0
    import sklearn

    ids = [f"{s}/{i}" for s, i in articles]
    payload = {
        "kind": "logistic regression per topic over the article's topic cues around each pair (kg.extract.topics)",
        "topics": adopted,
        "trained_on": {"folders": [str(p.resolve().relative_to(ROOT)) for p in folders], "articles": len(articles),
                       "rows": len(rows), "ids_sha256": hashlib.sha256(" ".join(ids).encode()).hexdigest(),
                       "C": args.C, "margin": args.margin, "tolerance": args.tolerance, "repeats": args.repeats, "min_positives": args.min_positives,
                       "scikit_learn": sklearn.__version__},
        "cross_validation": figures,
        "cross_validation_per_topic": per_topic_cv,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: models for {', '.join(adopted) or 'no topic'}")
    return 0


def set_name(folder: Path, primary: Path) -> str:
    """"real_dev" for the primary folder, else the set's name ("gold" for evaluation/gold, "holdout", ...)."""
    if folder == primary:
        return "real_dev"
    return folder.parent.name if folder.parent.name != "evaluation" else folder.name


def hash_id(article_id: str) -> int:
    return int(hashlib.sha256(article_id.encode()).hexdigest()[:8], 16)


if __name__ == "__main__":
    sys.exit(main())
