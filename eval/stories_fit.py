"""Fit the weights of story clustering's join score (`storyline.link.stories.StorySettings`:
`w_text`, `w_entities`, `w_small`, `bias`) on the tune halves, and print them.

Usage:
    uv run python eval/stories_fit.py /work/shared/data [--stores /tmp/stories-fit]

The tune half of ECB+ (topics, eval/split.py) and the tune half of the Wikinews demo are built
into stores as `ecbplus_eval.py` builds them (`storyline build`; the same `--stores` reuses its
stores).  Their articles are read back as story clustering reads them (title, text, the entity
ids of their mentions, date) and added to one `StoryClusterer` per corpus, as one build does.

Examples: for every pair of gold stories of a corpus (the same story twice included), random
groups of 1, 2, 4 and 8 articles are drawn from each (disjoint when it is the same story), three
times per pair of sizes, and described by `StoryClusterer.features` (scaled text cosine, scaled
entity cosine, 1/size + 1/size); label = one gold story.  The score's regression is fitted on
the pairs where both groups have entities; the one over the text alone (the score when a side
has none), on every pair.  Groups sharing nothing are left out
(the index never puts them side by side).  Every pair of gold stories weighs the same, and so
does each corpus (ECB+ tells apart two events of one topic; the demo keeps a story told over
years together: the score must do both).  A logistic regression (C=100, i.e. barely
regularised) gives the weights; its intercept is the bias.  The check halves are never read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from ecbplus_eval import benches, storyline
from sklearn.linear_model import LogisticRegression

from storyline import Corpus
from storyline.link.stories import StoryClusterer, StoryInput

SIZES = (1, 2, 4, 8)
REPEATS = 3


def story_inputs(db: Path) -> tuple[list[StoryInput], dict[str, str], dict[str, str]]:
    """(inputs, entity names, article id → source) of a built store, read as the build reads
    them for story clustering."""
    with Corpus(db) as corpus:
        store = corpus.store
        entities: dict[str, list[str]] = {}
        for article_id, entity_id in store.db.execute(
            "SELECT article_id, entity_id FROM mentions WHERE entity_id IS NOT NULL"
            " ORDER BY article_id, start"
        ):
            entities.setdefault(article_id, []).append(entity_id)
        names = dict(store.db.execute("SELECT id, name FROM entities"))
        inputs, source = [], {}
        for a in store.articles():
            inputs.append(StoryInput(a.id, a.title, a.text, tuple(entities.get(a.id, ())),
                                     a.published))  # fmt: skip
            source[a.id] = a.source
    return inputs, names, source


def examples(clusterer: StoryClusterer, gold: dict[str, object], seed: int = 0) -> tuple:
    """(features, labels, weights) of groups drawn from pairs of gold stories."""
    rnd = random.Random(seed)
    groups: dict[object, list[str]] = defaultdict(list)
    for article, story in sorted(gold.items()):
        groups[story].append(article)
    keys = sorted(groups, key=str)
    rows, labels, weights = [], [], []
    for i, g in enumerate(keys):
        for h in keys[i:]:
            pair = []
            for _ in range(REPEATS):
                for n, m in ((n, m) for n in SIZES for m in SIZES):
                    if g == h:
                        if n + m > len(groups[g]):
                            continue
                        drawn = rnd.sample(groups[g], n + m)
                        first, second = drawn[:n], drawn[n:]
                    else:
                        if n > len(groups[g]) or m > len(groups[h]):
                            continue
                        first, second = rnd.sample(groups[g], n), rnd.sample(groups[h], m)
                    t, e, small = clusterer.features(first, second)
                    if t > 0 or e:
                        pair.append((t, np.nan if e is None else e, small))
            rows += pair
            labels += [g == h] * len(pair)
            weights += [1 / len(pair)] * len(pair)
    return np.array(rows), np.array(labels), np.array(weights)


def fit(data: Path, stores: Path) -> dict:
    rows, labels, weights, sizes = [], [], [], {}
    for bench in benches(data, stores / "inputs"):
        items = bench.halves["tune"]
        db = bench.store(stores, "tune")
        storyline("build", *bench.files(items), "--db", str(db))
        inputs, names, source = story_inputs(db)
        gold_of = {i.source(bench.root): bench.gold_of(i) for i in items}
        gold = {a.article_id: gold_of[source[a.article_id]] for a in inputs}
        clusterer = StoryClusterer()
        clusterer.add(inputs, names)
        x, y, w = examples(clusterer, gold)
        rows.append(x)
        labels.append(y)
        weights.append(w / w.sum())
        sizes[bench.task] = {"articles": len(inputs), "examples": len(y), "joined": int(y.sum())}
    x, y, w = np.vstack(rows), np.concatenate(labels), np.concatenate(weights)
    w = w / w.mean()
    known = ~np.isnan(x[:, 1])  # both sides have entities
    both = LogisticRegression(C=100, max_iter=2000)
    both.fit(x[known], y[known], sample_weight=w[known])
    alone = LogisticRegression(C=100, max_iter=2000).fit(x[:, [0, 2]], y, sample_weight=w)
    w_text, w_entities, w_small = (round(float(c), 2) for c in both.coef_[0])
    text_alone, small_alone = (round(float(c), 2) for c in alone.coef_[0])
    weights_out = {
        "w_text": w_text, "w_entities": w_entities, "w_small": w_small,
        "bias": round(float(both.intercept_[0]), 2),
        "w_text_alone": text_alone, "w_small_alone": small_alone,
        "bias_alone": round(float(alone.intercept_[0]), 2),
    }  # fmt: skip
    return {"weights": weights_out, "tune": sizes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder (holds ecbplus/)")
    parser.add_argument("--stores", type=Path, default=Path("/tmp/stories-fit"))
    args = parser.parse_args(argv)
    print(json.dumps(fit(args.data, args.stores), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
