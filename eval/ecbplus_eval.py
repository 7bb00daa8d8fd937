"""Score story clustering on ECB+ and on the bundled Wikinews demo stories.

    uv run python eval/ecbplus_eval.py /work/shared/data [--no-ner] [--json]

ECB+ (`ecbplus/<topic>/*.xml`, CAT XML): the text is rebuilt from the tokens (the first
sentence doubles as the title); ECB+ has no document creation time, so `published=None`.  Each
topic holds two different real-world events, so the gold story of a document is
(topic, "ecb" | "ecbplus").  Entities come from spaCy NER through storyline's own
`mentions_from_doc`: the lower-cased canonical name is the entity id.

Wikinews demo (`src/storyline/data/demo/articles/<story>/*.txt`: title line, date line such as
"March 01, 2008", body): gold = the folder.

Scores: BCubed precision/recall/F1 (per item, averaged), adjusted Rand index, purity; plus a
topic-only baseline (ECB+: one cluster per topic) and an all-in-one baseline for context.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from datetime import datetime
from math import comb
from pathlib import Path

from storyline.link.stories import StoryClusterer, StoryInput
from storyline.records import FuzzyDate

DEMO = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "demo" / "articles"

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s|n't|'re|'ll|'ve|'d|'m|'')")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]|``) ")


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    return text.replace("``", '"').replace("''", '"')


def read_ecbplus(root: Path) -> list[tuple[str, str, str, tuple[str, str]]]:
    """(doc id, title, text, gold) per ECB+ document."""
    docs = []
    for path in sorted(root.glob("*/*.xml")):
        tree = ET.parse(path)
        sentences: dict[int, list[str]] = defaultdict(list)
        for tok in tree.getroot().iter("token"):
            sentences[int(tok.get("sentence", "0"))].append(tok.text or "")
        lines = [detokenize(sentences[k]) for k in sorted(sentences)]
        topic = path.parent.name
        sub = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
        docs.append((path.stem, lines[0] if lines else "", "\n".join(lines), (topic, sub)))
    return docs


def read_demo(root: Path = DEMO) -> list[tuple[str, str, str, str, FuzzyDate | None]]:
    """(doc id, title, body, gold story, published) per demo article."""
    docs = []
    for path in sorted(root.glob("*/*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        title = lines[0].strip() if lines else ""
        published = None
        body_from = 1
        if len(lines) > 1:
            try:
                published = FuzzyDate.day(datetime.strptime(lines[1].strip(), "%B %d, %Y").date())
                body_from = 2
            except ValueError:
                pass
        docs.append((path.stem, title, "\n".join(lines[body_from:]), path.parent.name, published))
    return docs


def entity_ids(texts: list[str]) -> list[tuple[str, ...]]:
    """Lower-cased canonical names of the named entities spaCy finds, one per mention."""
    from storyline.annotate.entities import mentions_from_doc
    from storyline.annotate.pipeline import load_nlp

    nlp = load_nlp()
    skip = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
    out = []
    for doc in nlp.pipe(texts, batch_size=32):
        out.append(tuple(m.canonical.lower() for m in mentions_from_doc(doc) if m.type not in skip))
    return out


# -- metrics ------------------------------------------------------------------------------------
def bcubed(pred: dict[str, object], gold: dict[str, object]) -> tuple[float, float, float]:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item, c in pred.items():
        by_pred[c].add(item)
    for item, c in gold.items():
        by_gold[c].add(item)
    p = r = 0.0
    for item in gold:
        cp, cg = by_pred[pred[item]], by_gold[gold[item]]
        both = len(cp & cg)
        p += both / len(cp)
        r += both / len(cg)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ari(pred: dict[str, object], gold: dict[str, object]) -> float:
    items = list(gold)
    n = len(items)
    table = Counter((pred[i], gold[i]) for i in items)
    a = Counter(pred[i] for i in items)
    b = Counter(gold[i] for i in items)
    index = sum(comb(v, 2) for v in table.values())
    sa, sb = sum(comb(v, 2) for v in a.values()), sum(comb(v, 2) for v in b.values())
    expected = sa * sb / comb(n, 2)
    top = (sa + sb) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


def purity(pred: dict[str, object], gold: dict[str, object]) -> float:
    by_pred = defaultdict(list)
    for item, c in pred.items():
        by_pred[c].append(gold[item])
    return sum(Counter(v).most_common(1)[0][1] for v in by_pred.values()) / len(gold)


def scores(pred, gold) -> dict[str, float]:
    p, r, f = bcubed(pred, gold)
    return {
        "bcubed_p": round(p, 3), "bcubed_r": round(r, 3), "bcubed_f1": round(f, 3),
        "ari": round(ari(pred, gold), 3), "purity": round(purity(pred, gold), 3),
        "clusters": len(set(pred.values())), "gold": len(set(gold.values())),
    }  # fmt: skip


def cluster(inputs: list[StoryInput]) -> dict[str, str]:
    clusterer = StoryClusterer()
    clusterer.add(inputs)
    return {a.article_id: clusterer.story_of(a.article_id) for a in inputs}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder (holds ecbplus/)")
    parser.add_argument("--no-ner", action="store_true", help="text only, no entities")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report: dict = {}

    docs = read_ecbplus(args.data / "ecbplus")
    t0 = time.perf_counter()
    ents = [()] * len(docs) if args.no_ner else entity_ids([d[2] for d in docs])
    t_ner = time.perf_counter() - t0
    gold = {d[0]: d[3] for d in docs}
    inputs = [StoryInput(d[0], d[1], d[2], e, None) for d, e in zip(docs, ents, strict=True)]
    t0 = time.perf_counter()
    pred = cluster(inputs)
    t_cluster = time.perf_counter() - t0
    report["ecbplus"] = {
        "docs": len(docs),
        "storyline": scores(pred, gold),
        "topic_only": scores({d: g[0] for d, g in gold.items()}, gold),
        "all_in_one": scores({d: 0 for d in gold}, gold),
        "singletons": scores({d: d for d in gold}, gold),
        "seconds_ner": round(t_ner, 1),
        "seconds_cluster": round(t_cluster, 2),
    }

    demo = read_demo()
    ents = [()] * len(demo) if args.no_ner else entity_ids([f"{d[1]}\n{d[2]}" for d in demo])
    gold = {d[0]: d[3] for d in demo}
    inputs = [StoryInput(d[0], d[1], d[2], e, d[4]) for d, e in zip(demo, ents, strict=True)]
    pred = cluster(inputs)
    report["wikinews"] = {
        "docs": len(demo),
        "storyline": scores(pred, gold),
        "all_in_one": scores({d: 0 for d in gold}, gold),
        "singletons": scores({d: d for d in gold}, gold),
    }

    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        for corpus, rows in report.items():
            print(f"== {corpus} ({rows['docs']} docs)")
            for name, row in rows.items():
                if isinstance(row, dict):
                    print(f"  {name:11s} " + "  ".join(f"{k}={v}" for k, v in row.items()))
                elif name.startswith("seconds"):
                    print(f"  {name}: {row}")
    return report


if __name__ == "__main__":
    main()
