"""eval/run_all.py: the one table and the CI floors, with fake evaluation scripts that print
what real ones print (or fail to), so the runner's behaviour is tested without data or network."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / "eval"


@pytest.fixture(scope="module")
def run_all():
    sys.path.insert(0, str(EVAL))
    try:
        import run_all
    finally:
        sys.path.remove(str(EVAL))
    return run_all


def row(split: str, value: float, **extra) -> dict:
    return {"task": "AEB", "metric": "F1", "split": split, "value": value, "baseline": "traf",
            "baseline_value": 0.8, "anchor": None, "anchor_value": None, "n": 40, **extra}  # fmt: skip


def script(folder: Path, name: str, body: str) -> None:
    (folder / f"{name}.py").write_text(f"import sys, json\n{body}\n", encoding="utf-8")


def contract(*rows: dict) -> str:
    text = json.dumps({"rows": list(rows), "seconds": 1.0})
    return f"print({text!r})"


def run(run_all, tmp_path: Path, *args: str, capsys) -> tuple[int, dict]:
    code = run_all.main([str(tmp_path), "--scripts", str(tmp_path), "--json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_a_good_script_gives_its_rows_and_the_table_puts_check_beside_tune(
    run_all, tmp_path, capsys
):
    script(tmp_path, "aeb", contract(row("tune", 0.95), row("check", 0.9)))
    code, report = run(run_all, tmp_path, "--only", "aeb", "--check", capsys=capsys)
    assert code == 0 and report["problems"] == []
    (outcome,) = report["scripts"]
    assert outcome["status"] == "ok" and len(outcome["rows"]) == 2
    text = run_all.table([run_all.Outcome("aeb", "ok", 1.0, outcome["rows"])])
    assert "| AEB | F1 | 0.900 | 0.950 | traf | 0.800 | 1.12 |" in text


def test_a_check_value_under_its_floor_fails(run_all, tmp_path, capsys):
    script(tmp_path, "aeb", contract(row("tune", 0.95), row("check", 0.9)))
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"aeb": {"AEB / F1": 0.91}}), encoding="utf-8")
    code, report = run(run_all, tmp_path, "--only", "aeb", "--floors", str(floors), capsys=capsys)
    assert code == 1 and "under its floor" in report["problems"][0]
    floors.write_text(json.dumps({"aeb": {"AEB / F1": 0.88}}), encoding="utf-8")
    code, _ = run(run_all, tmp_path, "--only", "aeb", "--floors", str(floors), capsys=capsys)
    assert code == 0


def test_the_tune_half_is_not_held_to_the_floor(run_all):
    outcome = run_all.Outcome("aeb", "ok", 1.0, [row("tune", 0.1), row("check", 0.9)])
    assert run_all.breaches([outcome], {"aeb": {"AEB / F1": 0.85}}) == []


def test_a_floored_figure_that_is_not_produced_fails(run_all, tmp_path, capsys):
    script(tmp_path, "aeb", "sys.exit('boom: the build crashed')")
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"aeb": {"AEB / F1": 0.5}}), encoding="utf-8")
    code, report = run(run_all, tmp_path, "--only", "aeb", "--floors", str(floors), capsys=capsys)
    assert code == 1
    assert report["scripts"][0]["status"].startswith("failed: exit 1: boom")
    assert "no check value" in report["problems"][0]


def test_a_missing_script_is_reported_and_fails_the_check(run_all, tmp_path, capsys):
    code, report = run(run_all, tmp_path, "--only", "tempeval", capsys=capsys)
    assert code == 0 and report["scripts"][0]["status"] == "missing"
    code, report = run(run_all, tmp_path, "--only", "tempeval", "--check", capsys=capsys)
    assert code == 1 and report["problems"] == ["tempeval: missing"]


def test_the_contract_is_validated(run_all, tmp_path, capsys):
    bad = {**row("check", 0.9), "split": "half"}
    del bad["n"]
    script(tmp_path, "aeb", contract(bad))
    code, report = run(run_all, tmp_path, "--only", "aeb", "--check", capsys=capsys)
    status = report["scripts"][0]["status"]
    assert code == 1 and status.startswith(run_all.NOT_YET)
    assert "n missing" in status and "split is not tune, check or all" in status


def test_a_whole_set_is_shown_as_not_held_out_and_never_floored(run_all, tmp_path, capsys):
    script(tmp_path, "aeb", contract(row("all", 0.5)))
    floors = tmp_path / "floors.json"
    floors.write_text('{"aeb": {"AEB / F1": 0.9}}')
    code, report = run(run_all, tmp_path, "--only", "aeb", "--floors", str(floors), capsys=capsys)
    assert code == 1 and report["problems"] == ["aeb: AEB / F1: no check value (ok)"]
    printed = json.dumps({"rows": [row("all", 0.5)], "seconds": 1.0})
    shown = run_all.table([run_all.read_output("aeb", printed, 1.0)])
    assert "| AEB (whole set, not held out) | F1 | 0.500 |" in shown


def test_a_script_that_prints_no_json_is_outside_the_contract(run_all, tmp_path, capsys):
    script(tmp_path, "aeb", "print('F1 0.9')")
    code, report = run(run_all, tmp_path, "--only", "aeb", "--check", capsys=capsys)
    assert code == 1 and "not one JSON object" in report["scripts"][0]["status"]


def test_the_contract_helper_writes_valid_rows(run_all):
    sys.path.insert(0, str(EVAL))
    try:
        from contract import Row, dump, problems
    finally:
        sys.path.remove(str(EVAL))
    text = dump([Row("t", "m", "check", float("nan"), "b", None, 3)], 2.0)
    assert problems(json.loads(text)) == []
    assert json.loads(text)["rows"][0]["value"] == 0.0
