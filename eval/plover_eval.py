"""Score storyline's event extraction on the PLOVER gold-standard records (GSR dev split).

Usage:
    uv run python eval/plover_eval.py /work/shared/data
    uv run python eval/plover_eval.py /work/shared/data --errors 20

Each record is one sentence coded with a PLOVER event type, source actor(s), target actor(s) and
(in `textInfo.markup`) the (EVT: ...) trigger spans.  The records use PLOVER 0.5 types; DEMAND,
DISAPPROVE, INVESTIGATE and FIGHT are scored as the PLOVER 1.0 types that absorbed them
(REQUEST, ACCUSE, ACCUSE, ASSAULT; `storyline.extract.plover.LEGACY_TYPES`).

Each sentence is parsed and annotated on its own (no article date) and run through
`events_from_doc`.  The *best* event of a sentence is the first whose trigger overlaps a gold
(EVT: ...) span, else the first event; a sentence without events counts as wrong.

- event-type accuracy: best event's type == gold type, over all records;
- triples: the best event's (actor, type, target) is correct when the type matches, the actor
  matches any gold source, and the target matches any gold target (or both are empty).  An
  actor matches when its text or canonical name shares a content word with the gold actorText
  (compound sources: any one of them).  P = correct / records with an event,
  R = correct / records, F1 their harmonic mean.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

_STOP = {"the", "of", "a", "an", "and", "in", "s", "to", "for", "on", "at", "from", "its"}


def words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (text or "").lower()) if w not in _STOP}


def gold_actors(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [item.get("actorText", "") if isinstance(item, dict) else str(item) for item in value]


def evt_spans(record: dict) -> list[tuple[int, int]]:
    """Character spans in `text` of the markup's (EVT: ...) phrases, found in order."""
    text = record["text"]
    markup = record.get("textInfo", {}).get("markup", "")
    spans, pos = [], 0
    for phrase in re.findall(r"\(EVT:\s*([^()]*?)\s*\)", markup):
        phrase = re.sub(r"\s+", " ", phrase).strip()
        if not phrase:
            continue
        at = text.find(phrase, pos)
        if at < 0:
            at = text.find(phrase)
        if at >= 0:
            spans.append((at, at + len(phrase)))
            pos = at + len(phrase)
    return spans


def matches(pred_text: str | None, pred_name: str | None, gold: list[str]) -> bool:
    if not gold:
        return not (pred_text or pred_name)
    mine = words(pred_text) | words(pred_name)
    return any(mine & words(g) for g in gold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "data", type=Path, help="the shared data folder (holds plover/gsr-dev.json)"
    )
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong records")
    args = parser.parse_args(argv)

    from storyline.annotate.pipeline import annotate_doc, load_nlp
    from storyline.extract import events_from_doc
    from storyline.extract.plover import LEGACY_TYPES
    from storyline.records import ToAnnotate

    records = json.loads((args.data / "plover" / "gsr-dev.json").read_text(encoding="utf-8"))
    nlp = load_nlp()
    docs = nlp.pipe(r["text"] for r in records)
    right = with_event = triples = actors = targets = 0
    confusion: Counter[tuple[str, str]] = Counter()
    wrong: list[str] = []
    for record, doc in zip(records, docs, strict=True):
        gold = LEGACY_TYPES.get(record["event"], record["event"])
        annotation = annotate_doc(ToAnnotate(record["id"], record["text"]), doc)
        events = events_from_doc(doc, annotation, None)
        spans = evt_spans(record)
        best = next((e for e in events if any(e.start < b and a < e.end for a, b in spans)),
                    events[0] if events else None)  # fmt: skip
        predicted = best.type if best else "-"
        if best is not None:
            with_event += 1
        if predicted == gold:
            right += 1
        else:
            confusion[(gold, predicted)] += 1
        if best is None:
            continue
        actor_ok = matches(best.actor_text, best.actor, gold_actors(record.get("source")))
        target_ok = matches(best.target_text, best.target, gold_actors(record.get("target")))
        actors += actor_ok
        targets += target_ok
        if predicted == gold and actor_ok and target_ok:
            triples += 1
        elif len(wrong) < args.errors:
            trigger = record["text"][best.start : best.end]
            wrong.append(f"{record['id']}: gold {gold} {gold_actors(record.get('source'))}→"
                         f"{gold_actors(record.get('target'))}; ours {predicted} [{trigger}] "
                         f"{best.actor_text!r}→{best.target_text!r}\n    {record['text'][:160]}")  # fmt: skip
    n = len(records)
    precision = triples / with_event if with_event else 0.0
    recall = triples / n if n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"records: {n}  (with an event: {with_event}, {with_event / n:.1%})")
    print(f"event-type accuracy: {right / n:.3f}  ({right}/{n})")
    print(
        f"actor match: {actors / n:.3f}   target match: {targets / n:.3f}  (best event, all records)"
    )
    print(f"(source, event, target) triples: P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  "
          f"({triples} correct)")  # fmt: skip
    print("most common type errors (gold → ours, '-' = no event):")
    for (gold, ours), count in confusion.most_common(12):
        print(f"  {gold:10} → {ours:10} {count}")
    for line in wrong:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
