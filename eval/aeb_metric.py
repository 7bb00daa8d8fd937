"""The article-extraction-benchmark (Zyte/Scrapinghub AEB) body metric, importable on its own.

As in the benchmark's `evaluate.py`:

- tokens are `re.findall(r"\\w+", text)`: Unicode word characters, **case kept** (the
  benchmark compiles the pattern with IGNORECASE, which changes nothing for `\\w`);
- shingles are 4 consecutive tokens, counted as multisets; a text of fewer than 4 tokens is one
  shorter shingle, and an empty text has none;
- per page, TP = size of the multiset intersection, FP = predicted shingles not in the gold,
  FN = gold shingles not predicted; the triple is then normalised to sum to 1 so that every
  page weighs the same whatever its length;
- over pages, P = ΣTP / (ΣTP + ΣFP), R = ΣTP / (ΣTP + ΣFN), F1 = 2PR / (P + R).

Edge cases follow from the normalisation: a page where gold and prediction are both empty
contributes nothing; an empty prediction for a non-empty gold is pure FN (it lowers recall and
leaves precision untouched); a prediction for an empty gold is pure FP.

`macro_scores` gives the other common reading (P and R averaged per page, with an empty
prediction counted as P = 1 only when the gold is empty too, else P = 0); it is reported
beside the benchmark's numbers, never instead of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Scores", "benchmark_scores", "macro_scores", "page_counts", "shingles", "tokenize"]

_TOKEN = re.compile(r"\w+")
NGRAM = 4


def tokenize(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = NGRAM) -> Counter:
    tokens = tokenize(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_counts(gold: str | None, pred: str | None, n: int = NGRAM) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) of one page: they sum to 1, or are all 0 when both are empty."""
    true, predicted = shingles(gold, n), shingles(pred, n)
    tp = sum((true & predicted).values())
    fp = sum(predicted.values()) - tp
    fn = sum(true.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "pages": self.pages,
        }


def benchmark_scores(pairs: Iterable[tuple[str | None, str | None]]) -> Scores:
    """The benchmark's P/R over (gold, prediction) pairs, from per-page normalised counts."""
    tp = fp = fn = 0.0
    pages = 0
    for gold, pred in pairs:
        t, f, n = page_counts(gold, pred)
        tp, fp, fn, pages = tp + t, fp + f, fn + n, pages + 1
    return Scores(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0, pages)


def macro_scores(pairs: Iterable[tuple[str | None, str | None]]) -> Scores:
    """P and R as plain means of per-page precision and recall (see the module docstring)."""
    ps, rs = [], []
    for gold, pred in pairs:
        true, predicted = shingles(gold), shingles(pred)
        tp = sum((true & predicted).values())
        n_pred, n_true = sum(predicted.values()), sum(true.values())
        ps.append(tp / n_pred if n_pred else float(n_true == 0))
        rs.append(tp / n_true if n_true else 1.0)
    if not ps:
        return Scores(0.0, 0.0, 0)
    return Scores(sum(ps) / len(ps), sum(rs) / len(rs), len(ps))
