"""Score event typing on the PLOVER gold-standard records (GSR dev), through the product.

Usage:
    uv run python eval/plover_eval.py /work/shared/data
    uv run python eval/plover_eval.py /work/shared/data --before main --errors 20
    uv run python eval/plover_eval.py /work/shared/data --json

Each record is one sentence coded with a PLOVER event type and source and target actors.  The
sentences (with their dates) are written to a temporary JSON Lines file and run through
`storyline annotate FILE --json` in a subprocess; the events it prints are all this scorer sees.
With `--before REF`, the same is done in the same run with the `src/` of git revision REF
(extracted with `git archive`, run on this checkout's environment): the "before" column.

The records use PLOVER 0.5 types; DEMAND, DISAPPROVE, INVESTIGATE and FIGHT are scored as the
types that absorbed them (REQUEST, ACCUSE, ACCUSE, ASSAULT), as in the CAMEO→PLOVER crosswalk
(CAMEO 10, 11, 09 and 19).  Tables keep the gold records' own type names.

Scores, on each half of the fixed split (`eval/split.py`; rules are tuned on "tune" only):
- recall of a type: share of its records whose (mapped) gold type is among the types of the
  events found in the sentence;
- precision of a type: share of the sentences where it was found whose gold type it is;
  overall precision: found (sentence, type) pairs that are gold / all found pairs;
- actor / target agreement: of the records whose gold type was found, the share where an event
  of that type has an actor (target) sharing a content word with a gold source (target) text;
- "facts": the same recall and precision counting only events reported as facts (status
  happened or reported; planned, hypothetical, refused and negated events left out);
- baselines: the tune half's most frequent type predicted for every sentence, and `--before`.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import product
from contract import Row, dump
from split import half

LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
FACTS = {"happened", "reported"}
_STOP = {"the", "of", "a", "an", "and", "in", "s", "to", "for", "on", "at", "from", "its"}
ROOT = Path(__file__).resolve().parents[1]


def words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (text or "").lower()) if w not in _STOP}


def gold_actors(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [item.get("actorText", "") if isinstance(item, dict) else str(item) for item in value]


def scored_type(record: dict) -> str:
    return LEGACY.get(record["event"], record["event"])


def annotate(records: list[dict], src: Path | None = None) -> dict[str, list[dict]]:
    """Record id → the events `storyline annotate --json` prints for its sentence."""
    sent = [{"id": r["id"], "text": r["text"], "published": r.get("date")} for r in records]
    found = product.annotate(sent, env=product.env_with_src(src))
    return {i: item.get("events", []) for i, item in found.items()}


def checkout_src(ref: str, into: Path) -> Path:
    """`src/` of git revision `ref`, extracted under `into` (read-only use of the repository)."""
    blob = subprocess.run(
        ["git", "archive", "--format=tar", ref, "src"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


class Score:
    """Recall, precision and argument agreement per gold type over a set of records."""

    def __init__(self):
        self.gold = Counter()  # gold type name → records
        self.hit = Counter()  # gold type name → records whose type was found
        self.fact_hit = Counter()
        self.found = Counter()  # scored type → sentences where found
        self.right = Counter()  # scored type → sentences where found and gold
        self.actor = Counter()
        self.target = Counter()
        self.fact_found = Counter()  # scored type → sentences where found as a fact
        self.fact_right = Counter()

    def add(self, record: dict, events: list[dict]) -> bool:
        name, gold = record["event"], scored_type(record)
        types = {e["type"] for e in events}
        self.gold[name] += 1
        for t in types:
            self.found[t] += 1
            self.right[t] += t == gold
        facts = {e["type"] for e in events if e["status"] in FACTS}
        for t in facts:
            self.fact_found[t] += 1
            self.fact_right[t] += t == gold
        if gold in facts:
            self.fact_hit[name] += 1
        if gold not in types:
            return False
        self.hit[name] += 1
        same = [e for e in events if e["type"] == gold]
        self.actor[name] += any(_agrees(e, "actor", record.get("source")) for e in same)
        self.target[name] += any(_agrees(e, "target", record.get("target")) for e in same)
        return True

    def recall(self, name: str | None = None) -> float:
        return _share(self.hit, self.gold, name)

    def fact_recall(self) -> float:
        return _share(self.fact_hit, self.gold, None)

    def fact_precision(self) -> float:
        return _share(self.fact_right, self.fact_found, None)

    def precision(self, scored: str | None = None) -> float:
        return _share(self.right, self.found, scored)

    def agreement(self, which: str) -> float:
        return _share(getattr(self, which), self.hit, None)


def _share(part: Counter, whole: Counter, key) -> float:
    if key is None:
        total = sum(whole.values())
        return sum(part.values()) / total if total else float("nan")
    return part[key] / whole[key] if whole[key] else float("nan")


def _agrees(event: dict, role: str, gold) -> bool:
    names = gold_actors(gold)
    if not names:
        return not event.get(f"{role}_text")
    named = event.get(role) or {}
    mine = words(event.get(f"{role}_text")) | words(named.get("name"))
    return any(mine & words(g) for g in names)


def most_frequent(records: list[dict]) -> str:
    return Counter(scored_type(r) for r in records if half(r["id"]) == "tune").most_common(1)[0][0]


def score(records: list[dict], found: dict[str, list[dict]]) -> dict[str, Score]:
    out = {"tune": Score(), "check": Score()}
    for r in records:
        out[half(r["id"])].add(r, found.get(r["id"], []))
    return out


def constant(records: list[dict], kind: str) -> dict[str, list[dict]]:
    event = {"type": kind, "status": "happened", "actor_text": None, "target_text": None}
    return {r["id"]: [event] for r in records}


def _fmt(x: float) -> str:
    return "  -  " if x != x else f"{x:.2f}"


def table(records: list[dict], runs: dict[str, dict[str, Score]]) -> list[str]:
    """Per gold type: recall (and precision of its scored type) per run and half."""
    names = sorted({r["event"] for r in records})
    cols = [(run, h) for run in runs for h in ("tune", "check")]
    head = f"{'type':12}{'n t/c':>7}  " + "  ".join(f"{run[:9]:>9} {h:5}" for run, h in cols)
    lines = [head + "    (recall / precision)"]
    for name in names:
        n = "/".join(str(runs[next(iter(runs))][h].gold[name]) for h in ("tune", "check"))
        cells = []
        for run, h in cols:
            s = runs[run][h]
            cells.append(f"{_fmt(s.recall(name))}/{_fmt(s.precision(LEGACY.get(name, name)))}")
        lines.append(f"{name:12}{n:>7}  " + "  ".join(f"{c:>15}" for c in cells))
    for label, fn in [
        ("recall", lambda s: s.recall()),
        ("precision", lambda s: s.precision()),
        ("facts recall", lambda s: s.fact_recall()),
        ("facts precision", lambda s: s.fact_precision()),
        ("actor agr.", lambda s: s.agreement("actor")),
        ("target agr.", lambda s: s.agreement("target")),
    ]:
        lines.append(f"{label:19}  " + "  ".join(f"{_fmt(fn(runs[r][h])):>15}" for r, h in cols))
    return lines


def errors(records: list[dict], found: dict[str, list[dict]], limit: int) -> list[str]:
    """Missed tune-half records (never the check half: it must stay unseen)."""
    out = []
    for r in records:
        if half(r["id"]) != "tune" or scored_type(r) in {e["type"] for e in found[r["id"]]}:
            continue
        got = ", ".join(
            f"{e['type']}/{e['status']}[{e['trigger']['text']}]" for e in found[r["id"]]
        )
        out.append(f"{r['id']}: gold {scored_type(r)}; found {got or '-'}\n    {r['text'][:200]}")
    return out[:limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder (plover/gsr-dev.json)")
    parser.add_argument("--before", metavar="REF", help="also score git revision REF's src/")
    parser.add_argument("--errors", type=int, default=0, help="print missed tune records")
    parser.add_argument("--json", action="store_true", help="print the contract's JSON")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    records = json.loads((args.data / "plover" / "gsr-dev.json").read_text(encoding="utf-8"))
    found = annotate(records)
    kind = most_frequent(records)
    runs = {"after": score(records, found)}
    if args.before:
        with tempfile.TemporaryDirectory() as tmp:
            runs[f"before:{args.before}"] = score(
                records, annotate(records, checkout_src(args.before, Path(tmp)))
            )
    runs[f"all {kind}"] = score(records, constant(records, kind))
    if args.json:
        print(dump(rows(runs["after"], runs[f"all {kind}"], kind), time.perf_counter() - started))
        return 0
    print(f"records: {len(records)}; halves: {dict(Counter(half(r['id']) for r in records))}")
    print("\n".join(table(records, runs)))
    for line in errors(records, found, args.errors):
        print(line)
    return 0


def rows(ours: dict[str, Score], baseline: dict[str, Score], kind: str) -> list[Row]:
    """The contract's rows: type recall and precision on each half, beside predicting the tune
    half's most frequent type for every sentence."""
    out = []
    for split in ("tune", "check"):
        n = sum(ours[split].gold.values())
        for metric, figure in (("type recall", Score.recall), ("type precision", Score.precision)):
            out.append(Row("PLOVER event types", metric, split, figure(ours[split]),
                           f"always {kind}", figure(baseline[split]), n))  # fmt: skip
    return out


if __name__ == "__main__":
    sys.exit(main())
