"""Fit the weights of a day's salience (`storyline.tell.salience.DaySalience`) on the tune half
of Timeline17, and print them.

Usage:
    uv run python eval/t17_fit.py /work/shared/data [--stores /tmp/t17-stores]

For each tune topic (eval/split.py) the store is built as `t17_eval.py` builds it; every day of
the gold range that an article names is a candidate, labelled by whether the gold timeline has
it, described by the product's own features (`day_features`: log(1 + articles recalling the
day), log(1 + articles naming it on their publication day)).  A logistic regression (no
intercept needed for ranking; each timeline weighs the same, as Date-F1 averages timelines)
gives the weights.  The check half is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
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
    return [features[d] for d in days], [d in gold for d in days]


def fit(data: Path, stores: Path) -> tuple[DaySalience, list[str]]:
    rows, labels, weights, topics = [], [], [], []
    for folder in sorted((data / "t17").iterdir()):
        if not (folder / "articles.json.gz").is_file() or half(folder.name) != "tune":
            continue
        gold = load_gold(folder)
        x, y = candidates(build(data, folder.name, gold, stores), gold)
        rows += x
        labels += y
        weights += [1 / len(x)] * len(x)
        topics.append(folder.name)
    model = LogisticRegression(max_iter=1000)
    model.fit(np.array(rows), labels, sample_weight=np.array(weights) * len(weights))
    recalled, same_day = (round(float(c), 2) for c in model.coef_[0])
    return DaySalience(recalled=recalled, same_day=same_day), topics


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
