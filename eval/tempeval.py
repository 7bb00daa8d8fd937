"""Score storyline's temporal expression tagger with the TempEval-3 measures, through the product.

Usage:
    uv run python eval/tempeval.py /work/shared/data [--json] [--errors N] [--dataset NAME]

Each document's text (as the gold gives it) and its creation time go to `storyline annotate
--json` as `{id, text, published}`; the timexes it prints (offsets into the text as given) are
all this scorer sees.  Figures are given per half of the fixed split (`split.py`, by file name);
`--errors` lists the tune half's only.  The baseline, in the same run on the same texts, is
dateparser's `search_dates` (English, relative to the creation time), each hit a DATE valued with
its day; the anchor is HeidelTime's published value F1 on the TempEval-3 *test* set (another set).

Datasets read from DATA_DIR: `timeml/tbaq` (TimeBank + AQUAINT `.tml` files) and
`meantime/apple` (MEANTIME CAT XML).  In both, the document creation time (DCT) is the anchor
and is excluded from scoring (in MEANTIME the DCT's date line is in the text: predictions
overlapping it are ignored too; and only the annotated title + first five sentences are read).

Measures (micro-averaged over a dataset, as in the TempEval-3 scorer):
  strict span P/R/F1   exact offsets
  relaxed span P/R/F1  any overlap, one-to-one
  value F1, type F1    relaxed F1 × attribute accuracy over the relaxed matches
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contract import Row, dump, show
from product import annotate
from split import half

BASELINE = "dateparser search_dates"
ANCHOR = ("HeidelTime value F1, TempEval-3 test set (published)", 0.78)


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class GoldDoc:
    name: str
    text: str
    anchor: date | None
    timexes: list[GoldTimex]
    ignore: list[tuple[int, int]] = field(default_factory=list)  # spans not scored (the DCT)


# --- readers ----------------------------------------------------------------------------

_TAG_OR_ENTITY = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>|&(#?\w+);")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def _anchor_of(value: str | None) -> date | None:
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def read_tml(source: str, name: str = "") -> GoldDoc:
    """A TimeML document: the TEXT element's plain text, its TIMEX3s, and the DCT as anchor."""
    dct_match = re.search(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", source)
    anchor = _anchor_of(dict(_ATTR.findall(dct_match.group(0))).get("value")) if dct_match else None
    body = re.search(r"<TEXT>(.*)</TEXT>", source, re.DOTALL)
    raw = body.group(1) if body else ""
    out: list[str] = []
    length = 0
    open_timexes: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG_OR_ENTITY.finditer(raw):
        chunk = raw[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(5):  # an entity
            ch = html.unescape(m.group(0))
            out.append(ch)
            length += len(ch)
            continue
        closing, tag, attrs, selfclosing = m.group(1), m.group(2), m.group(3), m.group(4)
        if tag != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timexes.append((length, dict(_ATTR.findall(attrs))))
        elif open_timexes:
            start, a = open_timexes.pop()
            if a.get("functionInDocument") != "CREATION_TIME":
                timexes.append(GoldTimex(start, length, a.get("type", ""), a.get("value", "")))
    out.append(raw[pos:])
    return GoldDoc(name, "".join(out), anchor, timexes)


_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'s|'S|n't|'re|'ve|'ll|'d|'m|''|')$")
_NO_SPACE_AFTER = re.compile(r"^(?:[(\[{$#]|``)$")


# MEANTIME annotates the title (sentence 0) and the first five sentences of each article
# (the date line counts as sentence 1); the rest of the text carries no gold.
MEANTIME_SENTENCES = 5


def read_cat(source: str, name: str = "") -> GoldDoc:
    """A MEANTIME CAT XML document: tokens detokenised into text, TIMEX3 markables as spans."""
    root = ET.fromstring(source)
    spans: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length = 0
    prev_sentence = None
    prev_token = ""
    for tok in root.iter("token"):
        word = tok.text or ""
        sentence = tok.get("sentence")
        if int(sentence or 0) > MEANTIME_SENTENCES:
            continue  # outside the annotated part
        if parts:
            if sentence != prev_sentence:
                sep = "\n"
            elif _NO_SPACE_BEFORE.match(word) or _NO_SPACE_AFTER.match(prev_token):
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            length += len(sep)
        spans[tok.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        prev_sentence, prev_token = sentence, word
    anchor = None
    timexes: list[GoldTimex] = []
    ignore: list[tuple[int, int]] = []
    markables = root.find("Markables")
    for t in markables.iter("TIMEX3") if markables is not None else []:
        ids = [a.get("t_id", "") for a in t.iter("token_anchor")]
        offsets = [spans[i] for i in ids if i in spans]
        if t.get("functionInDocument") == "CREATION_TIME":
            anchor = _anchor_of(t.get("value"))
            if offsets:
                ignore.append((min(s for s, _ in offsets), max(e for _, e in offsets)))
            continue
        if not offsets:
            continue
        start, end = min(s for s, _ in offsets), max(e for _, e in offsets)
        timexes.append(GoldTimex(start, end, t.get("type", ""), t.get("value", "")))
    return GoldDoc(name, "".join(parts), anchor, timexes, ignore)


def load_dataset(data_dir: Path, name: str) -> list[GoldDoc]:
    if name == "tbaq":
        folder = data_dir / "timeml" / "tbaq"
        files: dict[str, Path] = {}
        for path in sorted(folder.rglob("*.tml")):
            files.setdefault(path.name, path)  # testpipeline/ repeats a TimeBank file
        return [read_tml(p.read_text(encoding="utf-8"), p.name) for p in files.values()]
    if name == "meantime":
        folder = data_dir / "meantime" / "apple"
        return [
            read_cat(p.read_text(encoding="utf-8"), p.name) for p in sorted(folder.glob("*.xml"))
        ]
    raise ValueError(f"unknown dataset {name!r}")


# --- scoring ----------------------------------------------------------------------------


@dataclass
class Pred:
    start: int
    end: int
    type: str
    value: str


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    errors: list[tuple[str, str, GoldDoc, GoldTimex | None, Pred | None]] = field(
        default_factory=list
    )


def _prf(hit: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_doc(doc: GoldDoc, preds: Iterable[Pred], tally: Tally) -> None:
    """Add one document's matches to `tally` (one-to-one relaxed matching, in text order)."""
    preds = [p for p in preds if not any(p.start < e and s < p.end for s, e in doc.ignore)]
    tally.gold += len(doc.timexes)
    tally.pred += len(preds)
    used: set[int] = set()
    for g in doc.timexes:
        match = None
        # prefer an exact match, then the largest overlap
        best = -1
        for i, p in enumerate(preds):
            if i in used or not (p.start < g.end and g.start < p.end):
                continue
            overlap = min(p.end, g.end) - max(p.start, g.start)
            key = overlap + (10_000 if (p.start, p.end) == (g.start, g.end) else 0)
            if key > best:
                best, match = key, i
        if match is None:
            tally.errors.append(("miss", "", doc, g, None))
            continue
        used.add(match)
        p = preds[match]
        tally.relaxed += 1
        if (p.start, p.end) == (g.start, g.end):
            tally.strict += 1
        if p.value == g.value:
            tally.value += 1
        else:
            tally.errors.append(("value", "", doc, g, p))
        if p.type == g.type:
            tally.type += 1
    for i, p in enumerate(preds):
        if i not in used:
            tally.errors.append(("spurious", "", doc, None, p))


def product_predictions(docs: list[GoldDoc]) -> dict[str, list[Pred]]:
    """Document name → the timexes `storyline annotate --json` finds in its text."""
    records = [{"id": d.name, "text": d.text, "published": d.anchor and d.anchor.isoformat()}
               for d in docs]  # fmt: skip
    found = annotate(records)
    return {
        name: [Pred(t["start"], t["end"], t["type"], t["value"]) for t in item.get("timexes", [])]
        for name, item in found.items()
    }


def evaluate(
    docs: list[GoldDoc], predictor: Callable[[GoldDoc], list[Pred]] | None = None
) -> tuple[dict[str, float], Tally]:
    """The TempEval-3 measures of `predictor` (default: the product, in one annotate run)."""
    if predictor is None:
        predictions = product_predictions(docs)
        predictor = lambda doc: predictions.get(doc.name, [])  # noqa: E731
    tally = Tally()
    for doc in docs:
        score_doc(doc, predictor(doc), tally)
    sp, sr, sf = _prf(tally.strict, tally.pred, tally.gold)
    rp, rr, rf = _prf(tally.relaxed, tally.pred, tally.gold)
    acc_value = tally.value / tally.relaxed if tally.relaxed else 0.0
    acc_type = tally.type / tally.relaxed if tally.relaxed else 0.0
    return {
        "docs": len(docs),
        "gold": tally.gold,
        "predicted": tally.pred,
        "strict_p": sp,
        "strict_r": sr,
        "strict_f1": sf,
        "relaxed_p": rp,
        "relaxed_r": rr,
        "relaxed_f1": rf,
        "value_accuracy": acc_value,
        "value_f1": rf * acc_value,
        "type_accuracy": acc_type,
        "type_f1": rf * acc_type,
    }, tally


def _context(doc: GoldDoc, start: int, end: int, width: int = 60) -> str:
    left = doc.text[max(0, start - width) : start].replace("\n", " ")
    right = doc.text[end : end + width].replace("\n", " ")
    return f"…{left}[[{doc.text[start:end]}]]{right}…"


def print_errors(tally: Tally, n: int, out=sys.stdout) -> None:
    for kind in ("miss", "spurious", "value"):
        errs = [e for e in tally.errors if e[0] == kind]
        print(f"\n## {kind} ({len(errs)})", file=out)
        for _, _, doc, g, p in errs[:n]:
            if kind == "miss" and g:
                print(
                    f"- {doc.name} DCT={doc.anchor} gold {g.type} {g.value}: "
                    f"{_context(doc, g.start, g.end)}",
                    file=out,
                )
            elif kind == "spurious" and p:
                print(
                    f"- {doc.name} DCT={doc.anchor} pred {p.type} {p.value}: "
                    f"{_context(doc, p.start, p.end)}",
                    file=out,
                )
            elif g and p:
                print(
                    f"- {doc.name} DCT={doc.anchor} gold {g.type} {g.value!r} "
                    f"'{doc.text[g.start : g.end]}' vs pred {p.type} {p.value!r}: "
                    f"{_context(doc, p.start, p.end)}",
                    file=out,
                )


METRICS = (("relaxed span F1", "relaxed_f1"), ("value F1", "value_f1"))


def dateparser_predictions(docs: list[GoldDoc]) -> dict[str, list[Pred]]:
    """The baseline: dateparser's date search, hits placed in text order, valued by day."""
    from dateparser.search import search_dates

    out = {}
    for doc in docs:
        base = datetime.combine(doc.anchor or date(2000, 1, 1), datetime.min.time())
        found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        preds, at = [], 0
        for text, when in found:
            start = doc.text.find(text, at)
            if start < 0:
                continue
            at = start + len(text)
            preds.append(Pred(start, at, "DATE", when.date().isoformat()))
        out[doc.name] = preds
    return out


def rows(
    name: str, docs: list[GoldDoc], predictions: dict[str, list[Pred]], baseline: dict
) -> tuple[list[Row], Tally]:
    """The contract's rows for one dataset: each metric on each half; and the tune half's tally."""
    out, tune_tally = [], Tally()

    def predictor(doc: GoldDoc) -> list[Pred]:
        return predictions.get(doc.name, [])

    def base_predictor(doc: GoldDoc) -> list[Pred]:
        return baseline.get(doc.name, [])

    for split in ("tune", "check"):
        part = [d for d in docs if half(d.name) == split]
        measures, tally = evaluate(part, predictor)
        base, _ = evaluate(part, base_predictor)
        tune_tally = tally if split == "tune" else tune_tally
        for metric, key in METRICS:
            anchor = ANCHOR if key == "value_f1" else (None, None)
            out.append(Row(f"timexes {name}", metric, split, measures[key], BASELINE, base[key],
                           measures["gold"], *anchor))  # fmt: skip
    return out, tune_tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--dataset", choices=["tbaq", "meantime"], action="append")
    parser.add_argument("--json", action="store_true", help="print the contract's JSON")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print up to N misses, spurious and wrong values per dataset (tune half)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    table = []
    for name in args.dataset or ["tbaq", "meantime"]:
        docs = load_dataset(args.data_dir, name)
        found, tally = rows(name, docs, product_predictions(docs), dateparser_predictions(docs))
        table += found
        if args.errors:
            print_errors(tally, args.errors, out=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(dump(table, time.perf_counter() - started))
        return 0
    print(show(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
