"""The article-extraction benchmark through the product, shared by the HTML (`aeb.py`) and
text-scrape (`clean_text_eval.py`) scorers: write the pages as files, `storyline build` them,
read each article's clean text from `storyline articles --json`, and score it per half of the
fixed split (`split.py`) beside a baseline run on the same pages.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aeb_metric import benchmark_scores, macro_scores, page_counts
from contract import Row, dump, show
from product import articles, build
from split import half

__all__ = ["Task", "main"]

# (metric name, scorer): the benchmark's own, and the per-page mean the figures use.
METRICS = (("F1", benchmark_scores), ("macro F1", macro_scores))


def gold_bodies(data: Path) -> dict[str, str]:
    """Page id → gold article body."""
    gold = json.loads((data / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    return {page_id: item.get("articleBody") or "" for page_id, item in gold.items()}


def product_texts(data: Path, convert: Callable, name: str, keep: Path | None) -> dict[str, str]:
    """Page id → the clean text storyline keeps for it ("" when it kept no article)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = keep or Path(tmp)
        folder = work / name
        items = convert(data, folder)
        db = work / f"{name}.db"
        build(folder, db)
        by_source = {a["source"]: a.get("text") or "" for a in articles(db)}
    return {item.id: by_source.get(item.source(folder), "") for item in items}


def rows(
    task: str,
    gold: dict[str, str],
    ours: dict[str, str],
    baseline: tuple[str, dict[str, str]],
    anchor: tuple[str | None, float | None] = (None, None),
) -> list[Row]:
    """F1 and macro F1 on each half for the pages that have gold."""
    out = []
    for split in ("tune", "check"):
        ids = sorted(i for i in ours if i in gold and half(i) == split)
        for metric, scorer in METRICS:
            value = scorer((gold[i], ours[i]) for i in ids).f1
            base = scorer((gold[i], baseline[1].get(i, "")) for i in ids).f1
            cited = anchor if metric == "F1" else (None, None)  # published in the benchmark's own
            out.append(Row(task, metric, split, value, baseline[0], base, len(ids), *cited))
    return out


def worst(gold: dict[str, str], ours: dict[str, str], n: int) -> list[str]:
    """The tune half's n lowest-scoring pages (the check half stays unread)."""
    scored = sorted((page_counts(gold[i], ours[i]), i) for i in ours if half(i) == "tune")
    return [f"tp={tp:.2f} fp={fp:.2f} fn={fn:.2f}  {i}" for (tp, fp, fn), i in scored[:n]]


@dataclass(frozen=True)
class Task:
    """One variant of the benchmark: how its pages are written, and its baseline."""

    name: str  # the task's name in the table
    corpus: str  # the folder and store name
    convert: Callable  # corpora.aeb_html or corpora.aeb_text
    baseline: str
    baseline_texts: Callable[[Path, list[str]], dict[str, str]]
    anchor: tuple[str | None, float | None] = (None, None)


def main(task: Task, doc: str, argv: list[str] | None = None) -> int:
    """The command line both AEB scripts share."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder (holds aeb/)")
    parser.add_argument("--json", action="store_true", help="print the contract's JSON")
    parser.add_argument("--keep", type=Path, help="keep the pages and store here, for reuse")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="N worst tune pages")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    gold = gold_bodies(args.data)
    ours = product_texts(args.data, task.convert, task.corpus, args.keep)
    baseline = (task.baseline, task.baseline_texts(args.data, sorted(ours)))
    table = rows(task.name, gold, ours, baseline, task.anchor)
    print("\n".join(worst(gold, ours, args.worst)), file=sys.stderr)
    print(dump(table, time.perf_counter() - started) if args.json else show(table))
    return 0
