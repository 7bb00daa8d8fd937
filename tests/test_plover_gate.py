"""A quality floor for event typing, measured as `eval/plover_eval.py` measures it: through
`storyline annotate --json` on the PLOVER gold-standard records (skipped without the shared
data).  Floors are pinned a little under the figures at the time; a change that loses more
fails here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import shared_data

EVAL = Path(__file__).resolve().parents[1] / "eval"
FLOORS = {"tune": {"recall": 0.75, "precision": 0.38}, "check": {"recall": 0.68, "precision": 0.42}}


@pytest.fixture(scope="module")
def scores():
    records = json.loads(shared_data("plover", "gsr-dev.json").read_text(encoding="utf-8"))
    sys.path.insert(0, str(EVAL))
    try:
        import plover_eval
    finally:
        sys.path.remove(str(EVAL))
    return plover_eval.score(records, plover_eval.annotate(records))


@pytest.mark.slow  # annotates the 174 records (15 s); eval/run_all.py floors it in CI as well
@pytest.mark.parametrize("half", ["tune", "check"])
def test_type_recall_and_precision_floors(scores, half):
    score = scores[half]
    assert score.recall() >= FLOORS[half]["recall"], score.recall()
    assert score.precision() >= FLOORS[half]["precision"], score.precision()


def test_the_split_is_fixed_by_id():
    sys.path.insert(0, str(EVAL))
    try:
        from split import half
    finally:
        sys.path.remove(str(EVAL))
    assert half("PLOVER-GSR01-AGREE-0004") == half("PLOVER-GSR01-AGREE-0004")
    assert {half(f"item-{n}") for n in range(20)} == {"tune", "check"}
