"""Every evaluation, through the product, in one table: check half beside tune half beside the
simple baseline of the same run and the published anchor.

    uv run python eval/run_all.py DATA_DIR [--check] [--floors eval/floors.json] [--only NAME...]
                                          [--json] [--timeout SECONDS]

Each script of `SCRIPTS` runs in a subprocess (`python eval/NAME.py DATA_DIR --json`, with this
environment's Python) and must print the contract of `contract.py`.  A script that is missing,
fails, or prints something else is reported in its line of the timing list; the table holds the
rest.  `--check` makes such a script fail the run (exit 1).
`--floors FILE` fails the run when a check-half figure falls under its floor, or when a floored
figure is not produced at all (a crashed script must not pass).  Floors file:
`{"SCRIPT": {"TASK / METRIC": floor}}`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contract import problems

EVAL = Path(__file__).resolve().parent
SCRIPTS = ("aeb", "clean_text_eval", "tempeval", "entity_merges", "plover_eval", "ecbplus_eval",
           "t17_eval")  # fmt: skip
NOT_YET = "not in the contract yet"


@dataclass
class Outcome:
    """What one script gave: `status` is "ok" or says what went wrong."""

    name: str
    status: str
    seconds: float = 0.0
    rows: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def run_script(folder: Path, name: str, data: Path, timeout: float) -> Outcome:
    """Run `folder/name.py DATA --json` and read its contract output."""
    path = folder / f"{name}.py"
    if not path.exists():
        return Outcome(name, "missing")
    print(f"running {name} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(path), str(data), "--json"],
                              capture_output=True, text=True, timeout=timeout)  # fmt: skip
    except subprocess.TimeoutExpired:
        return Outcome(name, f"failed: no answer within {timeout:.0f} s", timeout)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        return Outcome(name, f"failed: exit {done.returncode}: {last[:200]}", seconds)
    return read_output(name, done.stdout, seconds)


def read_output(name: str, stdout: str, seconds: float) -> Outcome:
    """An outcome from a script's stdout: its rows when the contract holds."""
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError:
        return Outcome(name, f"{NOT_YET}: stdout is not one JSON object", seconds)
    broken = problems(report)
    if broken:
        return Outcome(name, f"{NOT_YET}: {'; '.join(broken[:3])}", seconds)
    return Outcome(name, "ok", seconds, report["rows"])


def breaches(outcomes: list[Outcome], floors: dict[str, dict[str, float]]) -> list[str]:
    """Floored check-half figures of the scripts that ran which are under their floor or absent."""
    found = []
    for outcome in outcomes:
        values = {f"{r['task']} / {r['metric']}": r["value"]
                  for r in outcome.rows if r["split"] == "check"}  # fmt: skip
        for key, floor in floors.get(outcome.name, {}).items():
            value = values.get(key)
            if value is None:
                found.append(f"{outcome.name}: {key}: no check value ({outcome.status})")
            elif value < floor:
                found.append(f"{outcome.name}: {key}: {value:.3f} is under its floor {floor:.3f}")
    return found


def failures(outcomes: list[Outcome]) -> list[str]:
    """Scripts that did not give their rows."""
    return [f"{o.name}: {o.status}" for o in outcomes if not o.ok]


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def table(outcomes: list[Outcome]) -> str:
    """One markdown table, a line per (task, metric), check first; then the scripts' times."""
    lines = ["| task | metric | check | tune | baseline | baseline (check) | ratio | anchor | n check/tune |",
             "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for outcome in outcomes:
        by_key: dict[tuple[str, str], dict[str, dict]] = {}
        for row in outcome.rows:
            by_key.setdefault((row["task"], row["metric"]), {})[row["split"]] = row
        for (task, metric), halves in by_key.items():
            if "all" in halves:  # no held-out half: shown whole and said so, never floored
                lines.append(
                    _line(f"{task} (whole set, not held out)", metric, halves["all"], None)
                )
                continue
            lines.append(_line(task, metric, halves.get("check"), halves.get("tune")))
    lines.append("")
    lines += [f"{o.name:16} {o.seconds:7.1f} s  {o.status}" for o in outcomes]
    return "\n".join(lines)


def _line(task: str, metric: str, check: dict | None, tune: dict | None) -> str:
    some = check or tune or {}
    base = (check or {}).get("baseline_value")
    value = (check or {}).get("value")
    ratio = f"{value / base:.2f}" if value is not None and base else ""
    anchor = f"{some['anchor']}: {some['anchor_value']:.3f}" if some.get("anchor") and some.get(
        "anchor_value") is not None else (some.get("anchor") or "")  # fmt: skip
    n = f"{(check or {}).get('n', '')}/{(tune or {}).get('n', '')}"
    cells = [task, metric, _number(value), _number((tune or {}).get("value")),
             some.get("baseline", ""), _number(base), ratio, anchor, n]  # fmt: skip
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a script fails or breaks the contract")  # fmt: skip
    parser.add_argument("--floors", type=Path, help="exit 1 when a check figure is under these")
    parser.add_argument("--only", nargs="+", choices=SCRIPTS, metavar="NAME",
                        help=f"run only these scripts ({', '.join(SCRIPTS)})")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per script")
    parser.add_argument("--scripts", type=Path, default=EVAL, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    names = args.only or SCRIPTS
    outcomes = [run_script(args.scripts, name, args.data, args.timeout) for name in names]
    floors = json.loads(args.floors.read_text(encoding="utf-8")) if args.floors else {}
    problems_found = breaches(outcomes, floors) + (failures(outcomes) if args.check else [])
    seconds = time.perf_counter() - started
    if args.json:
        print(json.dumps({"scripts": [asdict(o) for o in outcomes], "problems": problems_found,
                          "seconds": round(seconds, 1)}))  # fmt: skip
    else:
        print(table(outcomes))
        print(f"total {seconds:.0f} s")
        print("\n".join(f"FAIL {p}" for p in problems_found))
    return 1 if problems_found else 0


if __name__ == "__main__":
    raise SystemExit(main())
