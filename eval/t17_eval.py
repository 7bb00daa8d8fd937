"""Score storyline's timelines on Timeline17 with the news-tls protocol.

Usage:
    uv run python eval/t17_eval.py /work/shared/data [--json] [--stem] [--clip N] [--topic NAME]

Data: DATA_DIR/t17/<topic>/articles.json.gz = [{uid, dct, dates, text}] (PTB-tokenised text,
several sentences per string, sentence ends are " . ", " ? ", " ! " tokens) and one gold
`*.timeline.json.gz` = [{date, text}] per topic (entries sharing a date are merged).

Protocol (news-tls, Ghalandari & Ifrim 2020):
  - articles are restricted to the gold timeline's date range (by their dct), and so are the
    predicted dates;
  - the timeline has as many dates as the gold, and round(mean gold sentences per date)
    sentences per date;
  - sentences are dated by every day-precise timex they contain (`find_timexes(article, dct)`,
    one call per article), weight 1; the first `--clip` sentences (default 5) of an article
    that have no day-precise timex are dated by the article's dct with weight 0.5.

Metrics (per timeline, then averaged over the timelines):
  Date-F1      P = |pred ∩ gold| / |pred|, R = |pred ∩ gold| / |gold| (exact days).
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

Published reference points (news-tls on all of T17, Datewise baseline): Date-F1 ≈ 0.54,
alignment ROUGE-1 F1 ≈ 0.12, ROUGE-2 F1 ≈ 0.035.  This data set holds 10 of its timelines.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from storyline.annotate import find_timexes, fuzzy
from storyline.records import FuzzyDate
from storyline.tell import DatedSentence, Weights, build_timeline

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


def load_topic(folder: Path) -> tuple[list[dict], Timeline]:
    with gzip.open(folder / "articles.json.gz", "rt", encoding="utf-8") as f:
        articles = json.load(f)
    (gold_path,) = folder.glob("*.timeline.json.gz")
    with gzip.open(gold_path, "rt", encoding="utf-8") as f:
        raw = json.load(f)
    gold: dict[date, list[str]] = defaultdict(list)
    for item in raw:
        gold[_day(item["date"])].extend(item["text"][s:e] for s, e in split_sentences(item["text"]))
    return articles, dict(gold)


def dated_sentences(
    articles: Iterable[dict], start: date, end: date, *, clip: int = 5, dct_weight: float = 0.5
) -> list[DatedSentence]:
    out = []
    for art in articles:
        dct = _day(art["dct"])
        text = art["text"]
        published = FuzzyDate.day(dct)
        days = []
        for t in find_timexes(text, dct):
            fz = fuzzy(t) if t.type in ("DATE", "TIME") else None
            if fz is not None and fz.earliest == fz.latest:
                days.append((t.start, fz.earliest))
        for k, (s, e) in enumerate(split_sentences(text)):
            sent = text[s:e]
            mentioned = sorted({d for pos, d in days if s <= pos < e})
            for d in mentioned:
                if start <= d <= end:
                    out.append(DatedSentence(art["uid"], s, e, sent, FuzzyDate.day(d), published))
            if not mentioned and (clip <= 0 or k < clip) and start <= dct <= end:
                out.append(
                    DatedSentence(art["uid"], s, e, sent, published, published, weight=dct_weight)
                )
    return out


def evaluate_topic(
    folder: Path,
    *,
    clip: int = 5,
    stemmed: bool = False,
    weights: Weights | None = None,
    dct_weight: float = 0.5,
) -> dict:
    articles, gold = load_topic(folder)
    start, end = min(gold), max(gold)
    in_range = [a for a in articles if start <= _day(a["dct"]) <= end]
    sents = dated_sentences(in_range, start, end, clip=clip, dct_weight=dct_weight)
    n_dates = len(gold)
    per_date = max(1, round(sum(len(v) for v in gold.values()) / n_dates))
    entries = build_timeline(
        sents, max_dates=n_dates, per_date=per_date, granularity="day", weights=weights
    )
    pred = {e.date.earliest: tokens(" ".join(e.summary), stemmed=stemmed) for e in entries}
    gold_t = {d: tokens(" ".join(v), stemmed=stemmed) for d, v in gold.items()}
    return {
        "topic": folder.name,
        "articles": len(in_range),
        "sentences": len(sents),
        "gold_dates": n_dates,
        "per_date": per_date,
        "pred_dates": len(entries),
        "date_f1": date_f1(pred, gold),
        "align_r1": align_rouge(pred, gold_t, 1),
        "align_r2": align_rouge(pred, gold_t, 2),
        "concat_r1": concat_rouge(pred, gold_t, 1),
        "concat_r2": concat_rouge(pred, gold_t, 2),
    }


METRICS = ("date_f1", "align_r1", "align_r2", "concat_r1", "concat_r2")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder (holds t17/)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--stem", action="store_true", help="light suffix stemming for ROUGE")
    parser.add_argument("--clip", type=int, default=5,
                        help="date the first N sentences without a day timex by the dct (0: all)")  # fmt: skip
    parser.add_argument("--topic", action="append", help="only these topics (repeatable)")
    args = parser.parse_args(argv)
    root = args.data / "t17"
    if not root.is_dir():
        parser.error(f"no t17/ folder in {args.data}")
    t0 = time.perf_counter()
    results = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if args.topic and folder.name not in args.topic:
            continue
        results.append(evaluate_topic(folder, clip=args.clip, stemmed=args.stem))
    mean = {m: sum(r[m] for r in results) / len(results) for m in METRICS} if results else {}
    elapsed = time.perf_counter() - t0
    if args.json:
        print(json.dumps({"topics": results, "mean": mean, "seconds": round(elapsed, 1)}, indent=2))
        return 0
    head = f"{'topic':24} {'arts':>5} {'dates':>5} {'k':>2} " + " ".join(f"{m:>9}" for m in METRICS)
    print(head)
    for r in results:
        print(f"{r['topic']:24} {r['articles']:5d} {r['gold_dates']:5d} {r['per_date']:2d} "
              + " ".join(f"{r[m]:9.3f}" for m in METRICS))  # fmt: skip
    print(f"{'mean':24} {'':5} {'':5} {'':2} " + " ".join(f"{mean[m]:9.3f}" for m in METRICS))
    print(f"({len(results)} timelines, {elapsed:.1f} s, ROUGE tokens "
          f"{'light-stemmed' if args.stem else 'not stemmed'})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
