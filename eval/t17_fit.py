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
base rate bend the weights of the features.  The intercepts are dropped; only the feature
weights rank.  The check half is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import astuple, fields
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from split import half
from t17_eval import build, load_gold

from storyline import Corpus
from storyline.tell.salience import DaySalience, day_features, day_mentions


def candidates(db: Path, gold: dict) -> tuple[list, list[bool]]:
    """(feature rows, labels) of the days in the gold range that the store's articles name."""
    first, last = min(gold), max(gold)
    with Corpus(db) as corpus:
        features = day_features(day_mentions(corpus.store.db))
    days = sorted(d for d in features if first <= d <= last)
    return [astuple(features[d]) for d in days], [d in gold for d in days]


def fit(data: Path, stores: Path) -> tuple[DaySalience, list[str]]:
    blocks, labels, weights, topics = [], [], [], []
    for folder in sorted((data / "t17").iterdir()):
        if not (folder / "articles.json.gz").is_file() or half(folder.name) != "tune":
            continue
        gold = load_gold(folder)
        x, y = candidates(build(data, folder.name, gold, stores), gold)
        blocks.append(np.array(x))
        labels += y
        weights += [1 / len(x)] * len(x)
        topics.append(folder.name)
    # One indicator column per timeline: its own intercept.
    own = [np.eye(len(blocks))[[i] * len(b)] for i, b in enumerate(blocks)]
    rows = np.hstack([np.vstack(blocks), np.vstack(own)])
    model = LogisticRegression(max_iter=5000, fit_intercept=False)
    model.fit(rows, labels, sample_weight=np.array(weights) * len(weights))
    names = [f.name for f in fields(DaySalience)]
    coef = model.coef_[0][: len(names)]
    return DaySalience(**{n: round(float(c), 2) for n, c in zip(names, coef, strict=True)}), topics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder (holds t17/)")
    parser.add_argument("--stores", type=Path, default=Path("/tmp/t17-stores"))
    args = parser.parse_args(argv)
    weights, topics = fit(args.data, args.stores)
    print(json.dumps({"weights": weights.__dict__, "tune topics": topics}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
