"""Fit the weights of a day's salience (`storyline.tell.salience.DaySalience`) on the tune half
of Timeline17, and print them.

Usage:
    uv run python eval/t17_fit.py /work/shared/data [--stores /tmp/t17-stores]

For each tune topic (eval/split.py) the store is built as `t17_eval.py` builds it; every day of
the gold range that an article names is a candidate, labelled by whether the gold timeline has
it, described by the product's own features (`day_features`: log(1 + expressions naming the
day), log(1 + articles naming it on their publication day), log(1 + articles naming it a week
or more after it)).  A logistic regression gives the weights.  Each timeline weighs the same
(as Date-F1 averages timelines) and has its own intercept: a timeline only ranks the days of its
own corpus, and the share of named days that are gold differs widely between timelines (7 of 8
in a week-long one, 16 of 300 in one spanning two years), so a shared intercept would let that
base rate bend the weights of the features.  The fit is unpenalised (three weights and one
intercept per timeline over hundreds of days need no shrinking, and a penalised intercept would
again leak the base rate into the features); the intercepts are dropped, only the feature
weights rank.  Beside the weights it prints, for each tune timeline, the average precision of
its gold days ranked by weights fitted on the *other* tune timelines (and ranked by mentions
alone, the baseline's count): a held-out figure within the tune half.  The check half is never
read.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import astuple, fields
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from split import half
from t17_eval import build, load_gold

from storyline import Corpus
from storyline.tell.salience import DayFeatures, DaySalience, day_features, day_mentions


def candidates(db: Path, gold: dict) -> tuple[list, list[bool]]:
    """(feature rows, labels) of the days in the gold range that the store's articles name."""
    first, last = min(gold), max(gold)
    with Corpus(db) as corpus:
        features = day_features(day_mentions(corpus.store.db))
    days = sorted(d for d in features if first <= d <= last)
    return [astuple(features[d]) for d in days], [d in gold for d in days]


Block = tuple[str, np.ndarray, np.ndarray]  # (timeline, feature rows, gold or not)


def tune_blocks(data: Path, stores: Path) -> list[Block]:
    """Each tune timeline's candidate days: (topic, features, labels)."""
    blocks = []
    for folder in sorted((data / "t17").iterdir()):
        if not (folder / "articles.json.gz").is_file() or half(folder.name) != "tune":
            continue
        gold = load_gold(folder)
        x, y = candidates(build(data, folder.name, gold, stores), gold)
        blocks.append((folder.name, np.array(x), np.array(y)))
    return blocks


def fit(blocks: list[Block]) -> DaySalience:
    """Unpenalised logistic regression over the blocks' days, each block weighing the same and
    having its own intercept (an indicator column per block, dropped afterwards)."""
    xs = [x for _, x, _ in blocks]
    own = [np.eye(len(xs))[[i] * len(x)] for i, x in enumerate(xs)]
    rows = np.hstack([np.vstack(xs), np.vstack(own)])
    labels = np.concatenate([y for _, _, y in blocks])
    weights = np.concatenate([np.full(len(x), len(labels) / len(x)) for x in xs])
    model = LogisticRegression(C=np.inf, max_iter=5000, fit_intercept=False)
    model.fit(rows, labels, sample_weight=weights)
    names = [f.name for f in fields(DaySalience)]
    coef = model.coef_[0][: len(names)]
    return DaySalience(**{n: round(float(c), 2) for n, c in zip(names, coef, strict=True)})


def held_out(blocks: list[Block]) -> dict[str, dict[str, float]]:
    """Leave one tune timeline out: the average precision of its gold days when its days are
    ranked by weights fitted on the other timelines, beside ranking them by mentions alone."""
    out = {}
    for i, (topic, x, y) in enumerate(blocks):
        w = fit(blocks[:i] + blocks[i + 1 :])
        scores = np.array([w(DayFeatures(*row)) for row in x])
        mentions = x[:, [f.name for f in fields(DayFeatures)].index("mentions")]
        out[topic] = {
            "fitted": round(float(average_precision_score(y, scores)), 3),
            "mentions": round(float(average_precision_score(y, mentions)), 3),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder (holds t17/)")
    parser.add_argument("--stores", type=Path, default=Path("/tmp/t17-stores"))
    args = parser.parse_args(argv)
    blocks = tune_blocks(args.data, args.stores)
    report = {
        "weights": fit(blocks).__dict__,
        "tune topics": [topic for topic, _, _ in blocks],
        "held-out average precision": held_out(blocks),
    }
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
