"""Score the product's stories on ECB+ (tune and check halves) and on the Wikinews demo.

    uv run python eval/ecbplus_eval.py /work/shared/data [--stores /tmp/stories-ecb] [--json]

Everything goes through the product, as a user would run it: the ECB+ documents are written as
JSON Lines (`corpora.ecbplus`: one file per topic, no date, since ECB+ has none), each half is
built into its own store with `storyline build`, and the stories are read back with
`storyline stories --json` (articles are mapped to their ECB+ document by `storyline articles
--json`'s `source`).  Each ECB+ topic holds two different real-world events, so a document's gold
story is (topic, "ecb" | "ecbplus").  The halves are split by topic (`split.half(topic)`), so no
topic is in both.  The Wikinews demo (gold = its folder) is built into a third store.

Baseline, in the same run: TF-IDF (scikit-learn, sublinear tf, English stop words) cosine with
average-link agglomerative clustering, its distance threshold chosen on the tune half (best
BCubed F1) and applied unchanged to the check half and to the demo.

Stores are kept in `--stores` (builds are incremental, so a rerun only reclusters what changed).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from corpora import Item, copy_files, ecbplus
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances
from split import half

DEMO = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "demo" / "articles"
BASELINE = "TF-IDF average-link"
THRESHOLDS = [round(x, 2) for x in np.arange(0.30, 1.0, 0.02)]


# -- metrics ------------------------------------------------------------------------------------
def bcubed(pred: Mapping[str, object], gold: Mapping[str, object]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 (per item, averaged) over the items of `gold`."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item in gold:
        by_pred[pred[item]].add(item)
        by_gold[gold[item]].add(item)
    p = r = 0.0
    for item in gold:
        cp, cg = by_pred[pred[item]], by_gold[gold[item]]
        both = len(cp & cg)
        p += both / len(cp)
        r += both / len(cg)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- the product --------------------------------------------------------------------------------
def storyline(*args: str) -> object:
    """Run the storyline CLI and parse its JSON output."""
    done = subprocess.run(
        ["storyline", *args, "--json"], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout)


def product_stories(files: list[str], db: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Build `files` into `db`; (story id, text) of each input source, as the product gives."""
    storyline("build", *files, "--db", str(db))
    articles = storyline("articles", "--db", str(db))
    by_article = {a["id"]: a["source"] for a in articles}
    story = {}
    for s in storyline("stories", "--db", str(db)):
        for article in s["articles"]:
            story[by_article[article]] = s["id"]
    return story, {a["source"]: a["text"] for a in articles}


def by_item(items: Iterable[Item], root: Path, found: Mapping[str, str]) -> dict[str, str]:
    """Re-key what the product says of each source by the data set's own id (a missing
    document, one the build skipped, is its own story so that it still counts)."""
    return {i.id: found.get(i.source(root), "missing:" + i.id) for i in items}


# -- the baseline -------------------------------------------------------------------------------
def tfidf_clusters(texts: Mapping[str, str], threshold: float) -> dict[str, int]:
    """TF-IDF + cosine + average-link agglomerative clustering, cut at `threshold`."""
    ids = sorted(texts)
    if len(ids) < 2:
        return dict.fromkeys(ids, 0)
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [texts[i] for i in ids]
    )
    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    ).fit_predict(cosine_distances(matrix))
    return dict(zip(ids, labels.tolist(), strict=True))


def fit_threshold(texts: Mapping[str, str], gold: Mapping[str, object]) -> float:
    """The baseline's distance threshold with the best BCubed F1 on the tune half."""
    return max(THRESHOLDS, key=lambda t: bcubed(tfidf_clusters(texts, t), gold)[2])


# -- the corpora --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bench:
    """A benchmark written as user input: its items by half, its folder, and each item's gold."""

    task: str
    halves: dict[str, list[Item]]
    root: Path
    gold_of: Callable[[Item], object]

    def files(self, items: Iterable[Item]) -> list[str]:
        return sorted({str(self.root / i.path) for i in items})

    def store(self, stores: Path, split: str) -> Path:
        return stores / f"{self.task.split()[-1].lower().strip('+')}-{split}.db"


def ecb_gold(item: Item) -> tuple[str, str]:
    topic, _, rest = item.id.partition("_")
    return topic, "ecbplus" if rest.endswith("ecbplus") else "ecb"


def benches(data: Path, inputs: Path) -> list[Bench]:
    """ECB+ split by topic (no topic in both halves); the Wikinews demo split by article."""
    ecb: dict[str, list[Item]] = defaultdict(list)
    for item in ecbplus(data, inputs / "ecbplus"):
        ecb[half(Path(item.path).stem)].append(item)
    demo: dict[str, list[Item]] = defaultdict(list)
    for item in copy_files(DEMO.glob("*/*.txt"), DEMO, inputs / "demo"):
        demo[half(item.id)].append(item)
    return [
        Bench("stories ECB+", dict(ecb), inputs / "ecbplus", ecb_gold),
        Bench("stories Wikinews demo", dict(demo), inputs / "demo",
              lambda i: Path(i.path).parts[0]),
    ]  # fmt: skip


def rows_for(
    task: str, split: str, pred: Mapping, base: Mapping, gold: Mapping, anchor: str | None
) -> list[dict]:
    """The P, R and F1 rows of one task and split, the baseline's beside each."""
    (p, r, f), (bp, br, bf) = bcubed(pred, gold), bcubed(base, gold)
    return [
        {"task": task, "metric": f"BCubed {name}", "split": split, "value": round(v, 3),
         "baseline": BASELINE, "baseline_value": round(b, 3), "anchor": anchor,
         "anchor_value": None, "n": len(gold)}
        for name, v, b in (("F1", f, bf), ("P", p, bp), ("R", r, br))
    ]  # fmt: skip


def evaluate(
    bench: Bench, items: list[Item], db: Path, threshold: float | None
) -> tuple[dict, dict, dict, float]:
    """(product stories, baseline clusters, gold, baseline threshold) of one built corpus; the
    threshold is fitted here when none is given (on a tune half)."""
    story, texts = product_stories(bench.files(items), db)
    pred = by_item(items, bench.root, story)
    text = {i.id: texts.get(i.source(bench.root), "") for i in items}
    gold = {i.id: bench.gold_of(i) for i in items}
    if threshold is None:
        threshold = fit_threshold(text, gold)
    return pred, tfidf_clusters(text, threshold), gold, threshold


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder (holds ecbplus/)")
    parser.add_argument("--stores", type=Path, default=Path("/tmp/stories-ecb"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    rows, thresholds = [], {}
    for bench in benches(args.data, args.stores / "inputs"):
        threshold = None
        for split in ("tune", "check"):
            items = bench.halves[split]
            pred, base, gold, threshold = evaluate(
                bench, items, bench.store(args.stores, split), threshold
            )
            rows += rows_for(bench.task, split, pred, base, gold, None)
        thresholds[bench.task] = threshold
    demo = bench.halves["tune"] + bench.halves["check"]  # the whole demo, as users get it
    pred, base, gold, _ = evaluate(bench, demo, bench.store(args.stores, "all"), threshold)
    rows += rows_for(bench.task, "all", pred, base, gold, None)
    report = {"rows": rows, "baseline_thresholds": thresholds,
              "seconds": round(time.perf_counter() - start, 1)}  # fmt: skip
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        for r in rows:
            print(f"{r['task']:22s} {r['split']:5s} {r['metric']:11s} {r['value']:.3f}"
                  f"   {BASELINE} {r['baseline_value']:.3f}   n={r['n']}")  # fmt: skip
        print(f"baseline thresholds {thresholds}, {report['seconds']} s")
    return report


if __name__ == "__main__":
    main()
