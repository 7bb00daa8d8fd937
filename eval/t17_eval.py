"""Score storyline's timelines on Timeline17 through the product, with the news-tls protocol.

Usage:
    uv run python eval/t17_eval.py DATA_DIR [--json] [--stores DIR] [--granularity day]
                                           [--stem] [--topic NAME]

Data: DATA_DIR/t17/<topic>/articles.json.gz = [{uid, dct, dates, text}] (PTB-tokenised text)
and one gold `*.timeline.json.gz` = [{date, text}] per topic (entries sharing a date merged).

Through the product only.  Each topic's articles published within its gold timeline's range
(the news-tls protocol restricts articles so) are written as JSON Lines (`eval/corpora.py`,
`published` = dct) and built once: `storyline build FILE --db STORES/<topic>.db` (builds are
idempotent: a second run only reads).  The timeline is then asked for as a user would:

    storyline timeline --db STORES/<topic>.db --from D1 --to D2 --max-dates N --per-date K
                       --granularity day --json

with [D1, D2] the gold range, N its number of dates and K = round(mean gold sentences per date).
In the same run the baseline a reviewer asks for, *most-mentioned dates*: the N days of the
range named by the most day-precise DATE timexes the product stored (read through `Corpus`),
each summarised by the first K sentences naming it (articles oldest first).

Topics are split once into a tune half and a check half by `eval/split.py` (topic name);
rules and weights are chosen on the tune half, the check half shows how they carry over.

Metrics (per timeline, then averaged over a half's timelines):
  Date-F1      P = |pred ∩ gold| / |pred|, R = |pred ∩ gold| / |gold| (exact days; a month or
               year entry matches no day).
  ROUGE-N      tokens = lower-cased runs of letters/digits, PTB bracket tokens (-LRB- ...)
               dropped, no stemming (`--stem`: a light suffix stripper, see `stem`); clipped
               n-gram overlap; P = overlap / predicted n-grams, R = overlap / gold n-grams.
  concat       ROUGE-N F1 of all predicted sentences against all gold sentences.
  align m:1    tilse's align_date_content_costs_many_to_one (Martschat & Markert 2017):
               cost(p, g) = 1 − F1_R1(p, g) / (|p − g| + 1)  (days);
               precision: each predicted date p is aligned to argmin_g cost(p, g);
               recall: each gold date g is aligned to argmin_p cost(p, g);
               P = Σ_p overlap_N(p, g(p)) / (|p−g(p)|+1) / Σ_p ngrams_N(p),
               R = Σ_g overlap_N(p(g), g) / (|p(g)−g|+1) / Σ_g ngrams_N(g);  F1 = 2PR/(P+R).
               (Micro-averaged within a timeline, as tilse does.  The cost formula follows our
               reading of tilse; its exact combination of date and content cost may differ.)

Published reference points (news-tls on all of T17, Datewise): Date-F1 ≈ 0.54, alignment
ROUGE-1 F1 ≈ 0.12, ROUGE-2 F1 ≈ 0.035.  This data set holds 10 of its 19 timelines.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from corpora import t17 as write_t17
from split import half

from storyline import Corpus

# --- metrics ------------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9]+")
_BRACKETS = re.compile(r"-[lr][rsc]b-", re.I)
_SUFFIXES = ("ational", "ization", "fulness", "ousness", "iveness", "ement", "ments", "ment",
             "ings", "ing", "edly", "ied", "ies", "ed", "ly", "es", "s")  # fmt: skip


def stem(token: str) -> str:
    """A light suffix stripper (longest listed suffix, stem kept at ≥ 3 characters); not Porter."""
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)]
    return token


def tokens(text: str, *, stemmed: bool = False) -> list[str]:
    out = _TOKEN.findall(_BRACKETS.sub(" ", text).lower())
    return [stem(t) for t in out] if stemmed else out


def ngrams(toks: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def rouge_counts(pred: Sequence[str], gold: Sequence[str], n: int) -> tuple[int, int, int]:
    """(clipped n-gram overlap, predicted n-grams, gold n-grams)."""
    p, g = ngrams(pred, n), ngrams(gold, n)
    return sum((p & g).values()), sum(p.values()), sum(g.values())


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def rouge_f1(pred: Sequence[str], gold: Sequence[str], n: int) -> float:
    overlap, np_, ng = rouge_counts(pred, gold, n)
    return f1(overlap / np_ if np_ else 0.0, overlap / ng if ng else 0.0)


def date_f1(pred: Iterable[date], gold: Iterable[date]) -> float:
    p, g = set(pred), set(gold)
    if not p or not g:
        return 0.0
    hit = len(p & g)
    return f1(hit / len(p), hit / len(g))


Timeline = dict[date, list[str]]  # date -> token list of that date's summary (all sentences)


def concat_rouge(pred: Timeline, gold: Timeline, n: int) -> float:
    p = [t for d in sorted(pred) for t in pred[d] + ["<s>"]]
    g = [t for d in sorted(gold) for t in gold[d] + ["<s>"]]
    # "<s>" keeps n-grams from spanning two dates' summaries; it never matches content.
    p_ng, g_ng = ngrams(p, n), ngrams(g, n)
    for grams in (p_ng, g_ng):
        for k in [k for k in grams if "<s>" in k]:
            del grams[k]
    overlap = sum((p_ng & g_ng).values())
    np_, ng = sum(p_ng.values()), sum(g_ng.values())
    return f1(overlap / np_ if np_ else 0.0, overlap / ng if ng else 0.0)


def align_rouge(pred: Timeline, gold: Timeline, n: int) -> float:
    """Alignment-based ROUGE-N F1, many-to-one, date and content costs (see module docstring)."""
    pdates, gdates = sorted(pred), sorted(gold)
    if not pdates or not gdates:
        return 0.0
    cost = [
        [1 - rouge_f1(pred[p], gold[g], 1) / (abs((p - g).days) + 1) for g in gdates]
        for p in pdates
    ]
    num = den = 0.0
    for i, p in enumerate(pdates):
        j = min(range(len(gdates)), key=lambda j: (cost[i][j], abs((p - gdates[j]).days)))
        overlap, np_, _ = rouge_counts(pred[p], gold[gdates[j]], n)
        num += overlap / (abs((p - gdates[j]).days) + 1)
        den += np_
    prec = num / den if den else 0.0
    num = den = 0.0
    for j, g in enumerate(gdates):
        i = min(range(len(pdates)), key=lambda i: (cost[i][j], abs((pdates[i] - g).days)))
        overlap, _, ng = rouge_counts(pred[pdates[i]], gold[g], n)
        num += overlap / (abs((pdates[i] - g).days) + 1)
        den += ng
    rec = num / den if den else 0.0
    return f1(prec, rec)


# --- data -------------------------------------------------------------------------------

_SENT_END = re.compile(r"(?<=\s)[.?!](?:\s+''|\s+-RRB-)?(?=\s+|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of PTB-tokenised text: a sentence ends after a lone . ? or ! token."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            spans.append((start, end))
        start = end
    while start < len(text) and text[start].isspace():
        start += 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])


def load_gold(folder: Path) -> dict[date, list[str]]:
    """The gold timeline: day -> its sentences (entries sharing a day merged)."""
    (gold_path,) = folder.glob("*.timeline.json.gz")
    with gzip.open(gold_path, "rt", encoding="utf-8") as f:
        raw = json.load(f)
    gold: dict[date, list[str]] = defaultdict(list)
    for item in raw:
        gold[_day(item["date"])].extend(item["text"][s:e] for s, e in split_sentences(item["text"]))
    return dict(gold)


def storyline(*args: str) -> str:
    """Run the `storyline` command line (this interpreter's), returning its standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "storyline", *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"storyline {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def build(data: Path, topic: str, gold: dict[date, list[str]], stores: Path) -> Path:
    """Build the topic's store from its in-range articles (a no-op when built before)."""
    first, last = min(gold), max(gold)
    inputs = stores / "inputs"
    (item,) = {
        i.path
        for i in write_t17(data, inputs, [topic], keep=lambda _, a: first <= _day(a["dct"]) <= last)
    }
    db = stores / f"{topic}.db"
    storyline("build", str(inputs / item), "--db", str(db), "--json")
    return db


# --- the product and the baseline ---------------------------------------------------------


def product_timeline(db: Path, gold: dict, per_date: int, granularity: str) -> dict[date, str]:
    """Day -> summary text, from `storyline timeline --json` (entries wider than a day match no
    gold day; they are kept under their first day only if the granularity asked is a day's)."""
    first, last = min(gold), max(gold)
    out = storyline(
        "timeline", "--db", str(db), "--from", first.isoformat(), "--to", last.isoformat(),
        "--max-dates", str(len(gold)), "--per-date", str(per_date),
        "--granularity", granularity, "--json",
    )  # fmt: skip
    return {
        _day(e["earliest"]): " ".join(e["summary"])
        for e in json.loads(out)
        if e["earliest"] == e["latest"]
    }


def most_mentioned(db: Path, gold: dict, per_date: int) -> dict[date, str]:
    """The baseline: the days of the gold range named by the most day-precise DATE timexes the
    product stored, each with the first `per_date` sentences naming it (oldest articles first)."""
    first, last = min(gold), max(gold)
    counts: Counter[date] = Counter()
    sentences: dict[date, list[str]] = defaultdict(list)
    with Corpus(db) as corpus:
        for article in sorted(
            corpus.articles(),
            key=lambda a: (a.published is None, a.published and a.published.earliest, a.id),
        ):
            annotation = corpus.annotation(article.id)
            for t in annotation.timexes:
                if t.type != "DATE" or t.earliest is None or t.earliest != t.latest:
                    continue
                if not first <= t.earliest <= last:
                    continue
                counts[t.earliest] += 1
                for s in annotation.sentences:
                    if s.start <= t.start < s.end:
                        text = " ".join(article.text[s.start : s.end].split())
                        if (
                            len(sentences[t.earliest]) < per_date
                            and text not in sentences[t.earliest]
                        ):
                            sentences[t.earliest].append(text)
    ranked = sorted(counts, key=lambda d: (-counts[d], d))[: len(gold)]
    return {d: " ".join(sentences[d]) for d in ranked}


# --- scoring ------------------------------------------------------------------------------


def score(pred: dict[date, str], gold: dict[date, list[str]], stemmed: bool) -> dict:
    pred_t = {d: tokens(text, stemmed=stemmed) for d, text in pred.items()}
    gold_t = {d: tokens(" ".join(v), stemmed=stemmed) for d, v in gold.items()}
    return {
        "date_f1": date_f1(pred, gold),
        "align_r1": align_rouge(pred_t, gold_t, 1),
        "align_r2": align_rouge(pred_t, gold_t, 2),
        "concat_r1": concat_rouge(pred_t, gold_t, 1),
        "concat_r2": concat_rouge(pred_t, gold_t, 2),
    }


def evaluate_topic(data: Path, topic: str, stores: Path, granularity: str, stemmed: bool) -> dict:
    gold = load_gold(data / "t17" / topic)
    db = build(data, topic, gold, stores)
    per_date = max(1, round(sum(len(v) for v in gold.values()) / len(gold)))
    return {
        "topic": topic,
        "family": topic.split("_")[0],
        "split": half(topic),
        "gold_dates": len(gold),
        "per_date": per_date,
        "product": score(product_timeline(db, gold, per_date, granularity), gold, stemmed),
        "baseline": score(most_mentioned(db, gold, per_date), gold, stemmed),
    }


METRICS = ("date_f1", "align_r1", "align_r2", "concat_r1", "concat_r2")
ROWS = {"date_f1": "Date-F1", "align_r2": "ROUGE-2 align"}
ANCHOR = {"date_f1": 0.54, "align_r2": None}  # news-tls Datewise on all of T17 (ROUGE: other setup)


def _mean(results: list[dict], who: str, metric: str) -> float:
    return sum(r[who][metric] for r in results) / len(results) if results else 0.0


def rows(results: list[dict]) -> list[dict]:
    """The run_all.py contract: per metric and half, the product beside the baseline."""
    out = []
    for metric, name in ROWS.items():
        for split in ("check", "tune"):
            part = [r for r in results if r["split"] == split]
            out.append({
                "task": "timelines T17", "metric": name, "split": split,
                "value": round(_mean(part, "product", metric), 3),
                "baseline": "most-mentioned dates",
                "baseline_value": round(_mean(part, "baseline", metric), 3),
                "anchor": "news-tls Datewise (all T17)", "anchor_value": ANCHOR[metric],
                "n": len(part),
            })  # fmt: skip
    return out


def _table(results: list[dict]) -> str:
    head = f"{'topic':22} {'half':5} {'dates':>5} {'k':>2} " + " ".join(f"{m:>17}" for m in METRICS)
    lines = [head, " " * 37 + "   product/baseline" * len(METRICS)]

    def line(label: str, part: list[dict], extra: str) -> str:
        cells = " ".join(
            f"{_mean(part, 'product', m):8.3f}/{_mean(part, 'baseline', m):<8.3f}" for m in METRICS
        )
        return f"{label:22} {extra} {cells}"

    for r in results:
        lines.append(
            line(r["topic"], [r], f"{r['split']:5} {r['gold_dates']:5d} {r['per_date']:2d}")
        )
    for family in sorted({r["family"] for r in results}):
        part = [r for r in results if r["family"] == family]
        lines.append(line(f"family {family}", part, f"{'':5} {'':5} {'':2}"))
    for split in ("tune", "check"):
        part = [r for r in results if r["split"] == split]
        lines.append(line(f"mean {split}", part, f"{'':5} {'':5} {'':2}"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder (holds t17/)")
    parser.add_argument("--json", action="store_true", help="print run_all.py's JSON rows")
    parser.add_argument("--stores", type=Path, default=Path("/tmp/t17-stores"),
                        help="where the topics' inputs and stores are kept")  # fmt: skip
    parser.add_argument("--granularity", default="day", choices=("day", "month", "auto"))
    parser.add_argument("--stem", action="store_true", help="light suffix stemming for ROUGE")
    parser.add_argument("--topic", action="append", help="only these topics (repeatable)")
    args = parser.parse_args(argv)
    root = args.data / "t17"
    if not root.is_dir():
        parser.error(f"no t17/ folder in {args.data}")
    t0 = time.perf_counter()
    topics = sorted(p.name for p in root.iterdir() if (p / "articles.json.gz").is_file())
    results = [
        evaluate_topic(args.data, topic, args.stores, args.granularity, args.stem)
        for topic in topics
        if not args.topic or topic in args.topic
    ]
    elapsed = round(time.perf_counter() - t0, 1)
    if args.json:
        print(json.dumps({"rows": rows(results), "topics": results, "seconds": elapsed}, indent=1))
        return 0
    print(_table(results))
    print(f"({len(results)} timelines, {elapsed} s, --granularity {args.granularity}, ROUGE tokens "
          f"{'light-stemmed' if args.stem else 'not stemmed'})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
