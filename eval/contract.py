"""The output contract every evaluation script follows, so `eval/run_all.py` can put them in
one table and CI can hold each figure to a floor.

With `--json` a script prints one object on stdout (progress goes to stderr):

    {"rows": [{"task", "metric", "split": "tune"|"check", "value", "baseline", "baseline_value",
               "anchor", "anchor_value", "n"}, ...], "seconds": float}

`baseline` names the simple system a reviewer would compare against, computed in the same run on
the same items; `anchor` names a published figure (often on a different set: the name says so).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass

__all__ = ["Row", "dump", "problems", "show"]

SPLITS = ("tune", "check", "all")  # all: a set reported whole, with no held-out half
_FIELDS = {
    "task": (str,), "metric": (str,), "split": (str,), "value": (int, float),
    "baseline": (str,), "baseline_value": (int, float, type(None)),
    "anchor": (str, type(None)), "anchor_value": (int, float, type(None)), "n": (int,),
}  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One figure of one evaluation on one half of its items."""

    task: str
    metric: str
    split: str
    value: float
    baseline: str
    baseline_value: float | None
    n: int
    anchor: str | None = None
    anchor_value: float | None = None


def dump(rows: list[Row], seconds: float) -> str:
    """The contract's JSON text; NaN (a metric with nothing to count) becomes 0 so the text
    stays valid JSON, and figures are rounded to what a table shows."""

    def clean(value):
        if isinstance(value, float):
            return 0.0 if math.isnan(value) else round(value, 4)
        return value

    out = [{k: clean(v) for k, v in asdict(row).items()} for row in rows]
    return json.dumps({"rows": out, "seconds": round(seconds, 1)})


def problems(report: object) -> list[str]:
    """What in a script's parsed `--json` output breaks the contract (empty when it holds)."""
    if not isinstance(report, dict) or not isinstance(report.get("rows"), list):
        return ["not an object with a list of rows"]
    found = [] if isinstance(report.get("seconds"), (int, float)) else ["no seconds"]
    for number, row in enumerate(report["rows"]):
        if not isinstance(row, dict):
            found.append(f"row {number}: not an object")
            continue
        for name, types in _FIELDS.items():
            if name not in row or not isinstance(row[name], types) or isinstance(row[name], bool):
                found.append(f"row {number}: {name} missing or not {types[0].__name__}")
        if row.get("split") not in SPLITS:
            found.append(f"row {number}: split is not tune, check or all")
    return found


def show(rows: list[Row]) -> str:
    """The rows as plain text, for a person running one script without `--json`."""
    lines = []
    for r in rows:
        base = "" if r.baseline_value is None else f"{r.baseline_value:.3f}"
        lines.append(f"{r.task:28} {r.metric:18} {r.split:5} {r.value:.3f}   "
                     f"{r.baseline} {base}   n={r.n}")  # fmt: skip
    return "\n".join(lines)
