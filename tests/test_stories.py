"""Story clustering: incremental batches with stable ids, state through bytes, the demo stories."""

from __future__ import annotations

import json
import sqlite3
import sys
import zlib
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from storyline.link.stories import (
    StoryClusterer,
    StoryInput,
    StorySettings,
    cluster_stories,
    tokens,
)
from storyline.records import FuzzyDate

EVAL = Path(__file__).resolve().parents[1] / "eval"


def day(y, m, d):
    return FuzzyDate.day(date(y, m, d))


POISON = "Litvinenko poisoned polonium London hospital Lugovoi Scotland Yard investigation"
QUAKE = "earthquake magnitude struck Indonesia Sumatra tsunami warning rescue teams"
FIRST = [
    StoryInput("p1", "Former spy Litvinenko poisoned in London",
               f"{POISON}. The former KGB officer fell ill after meeting Lugovoi.",
               ("litvinenko", "litvinenko", "lugovoi", "london"), day(2006, 11, 20)),
    StoryInput("p2", "Polonium found in Litvinenko's body",
               f"{POISON}. Traces of polonium were found, Scotland Yard said.",
               ("litvinenko", "scotland yard", "london"), day(2006, 11, 25)),
    StoryInput("q1", "Earthquake strikes Sumatra",
               f"{QUAKE}. A powerful earthquake struck off Sumatra.",
               ("indonesia", "sumatra"), day(2006, 11, 21)),
]  # fmt: skip
SECOND = [
    StoryInput("p3", "Britain seeks Lugovoi extradition over Litvinenko poisoning",
               f"{POISON}. Prosecutors want Lugovoi extradited for the polonium poisoning.",
               ("lugovoi", "litvinenko", "britain"), day(2007, 5, 22)),
    StoryInput("c1", "Apple unveils the iPhone",
               "Steve Jobs unveiled the iPhone at Macworld in San Francisco, a phone and iPod.",
               ("apple", "steve jobs", "san francisco"), day(2007, 1, 9)),
]  # fmt: skip
NAMES = {"litvinenko": "Alexander Litvinenko", "lugovoi": "Andrei Lugovoi"}


def test_tokens_are_unigrams_and_bigrams_without_stop_words():
    assert tokens("The former spy was poisoned") == ["former", "spy", "former spy", "poisoned"]


def test_incremental_batches_keep_ids_and_state_round_trips(tmp_path):
    clusterer = StoryClusterer()
    clusterer.add(FIRST, names=NAMES)
    before = {s.id: s for s in clusterer.stories()}
    assert len(before) == 2
    poison = clusterer.story_of("p1")
    assert clusterer.story_of("p2") == poison != clusterer.story_of("q1")
    story = before[poison]
    assert story.first == day(2006, 11, 20) and story.last == day(2006, 11, 25)
    assert story.entities[0] == "Alexander Litvinenko"
    assert story.title in {a.title for a in FIRST[:2]}

    # persist the state in SQLite, as the store does, and continue from it
    db = sqlite3.connect(tmp_path / "state.db")
    try:
        db.execute("create table story_state (state blob)")
        db.execute("insert into story_state values (?)", (clusterer.dumps(),))
        (blob,) = db.execute("select state from story_state").fetchone()
    finally:
        db.close()
    resumed = StoryClusterer.loads(blob)
    assert [s.to_json() for s in resumed.stories()] == [s.to_json() for s in before.values()]

    resumed.add(SECOND)
    after = {s.id: s for s in resumed.stories()}
    assert set(before) <= set(after)  # no existing story renumbered or dropped
    assert resumed.story_of("p3") == poison  # the related article joined the old story
    assert resumed.story_of("c1") not in before  # the unrelated one started a new story
    assert after[poison].last == day(2007, 5, 22)
    assert resumed.story_of("q1") == clusterer.story_of("q1")


def test_functional_form_matches_the_class():
    stories, state = cluster_stories(FIRST, names=NAMES)
    more, _ = cluster_stories(SECOND, state=state)
    assert {s.id for s in stories} <= {s.id for s in more}
    assert len(more) == 3


def test_re_adding_an_article_is_a_no_op():
    clusterer = StoryClusterer()
    clusterer.add(FIRST)
    clusterer.add(FIRST[:1])
    assert sum(len(s.articles) for s in clusterer.stories()) == 3


def _factory_fire(prefix, town, company, official, role):
    """Six reports of one factory fire: two such fires share every topical word (fire, blaze,
    factory, workers) and differ in their town, company and official."""
    reports = [
        ("Fire destroys {c} factory in {t}",
         "A fire destroyed the {c} factory in {t} on Tuesday night. Firefighters fought the "
         "blaze for six hours before it was under control. {r} {o} said no workers were hurt."),
        ("{t} factory blaze: cause under investigation",
         "Investigators are searching the ruins of the {c} plant in {t} for the cause of the "
         "fire. {r} {o} said the blaze started in a storage room."),
        ("Hundreds of {t} jobs at risk after {c} fire",
         "The fire at the {c} factory has put hundreds of jobs in {t} at risk. {o} promised "
         "help for the workers of the burned plant."),
        ("{c} to rebuild {t} plant destroyed by fire",
         "{c} will rebuild its {t} factory, the company said, a week after a fire gutted the "
         "plant. {r} {o} welcomed the decision."),
        ("Smoke from {c} fire closes {t} schools",
         "Schools in {t} stayed closed as smoke from the fire at the {c} factory hung over the "
         "town. {r} {o} asked residents to keep their windows shut."),
        ("Arson ruled out in {t} factory fire",
         "Fire investigators ruled out arson in the fire that destroyed the {c} plant in {t}. "
         "An electrical fault is the likely cause, {r} {o} said."),
    ]  # fmt: skip
    ents = (f"org:{company.lower()}", f"gpe:{town.lower()}", f"person:{official.lower()}")
    return [
        StoryInput(f"{prefix}{i}", title.format(c=company, t=town, o=official, r=role),
                   body.format(c=company, t=town, o=official, r=role), ents * 2)
        for i, (title, body) in enumerate(reports)
    ]  # fmt: skip


MILLBROOK = _factory_fire("m", "Millbrook", "Delta Plastics", "Ann Kowalski", "Mayor")
HARWICK = _factory_fire("h", "Harwick", "Northline Textiles", "Tomas Reyes", "Fire chief")


@pytest.mark.parametrize("batches", [[MILLBROOK + HARWICK], [MILLBROOK, HARWICK]])
def test_two_events_of_one_kind_are_two_stories(batches):
    """Undated reports of two factory fires: one story per fire, in one batch or two."""
    clusterer = StoryClusterer()
    for batch in batches:
        clusterer.add(batch)
    stories = sorted(sorted(s.articles) for s in clusterer.stories())
    assert stories == [
        sorted(a.article_id for a in HARWICK),
        sorted(a.article_id for a in MILLBROOK),
    ]


def test_join_score_features_tell_one_story_from_two():
    clusterer = StoryClusterer()
    clusterer.add(MILLBROOK + HARWICK)
    same = clusterer.features(["m0", "m1", "m2"], ["m3", "m4", "m5"])
    apart = clusterer.features(["m0", "m1", "m2"], ["h3", "h4", "h5"])
    assert same[0] > apart[0] and same[1] > apart[1] and same[2] == apart[2] == 2 / 3
    s = StorySettings()
    score = lambda f: s.w_text * f[0] + s.w_entities * f[1] + s.w_small * f[2] + s.bias  # noqa: E731
    assert score(same) > 0 > score(apart)


def _as_version_1(state: bytes) -> bytes:
    """A state as the single-pass clusterer (version 1) wrote it: its own settings, documents
    without neighbours, stories with their date span."""
    v = json.loads(zlib.decompress(state))
    v["version"] = 1
    v["settings"] = {"threshold": 0.1, "merge_threshold": 0.2, "w_text": 0.6, "w_entities": 0.6,
                     "time_scale_days": 180.0, "time_floor": 0.6, "article_terms": 80}  # fmt: skip
    v["docs"] = {k: d[:5] for k, d in v["docs"].items()}
    for story in v["stories"]:
        story.update(lo=None, hi=None, alive=True)
    v["merged"] = {}
    return zlib.compress(json.dumps(v).encode("utf-8"))


def test_a_version_1_state_loads_and_continues():
    clusterer = StoryClusterer()
    clusterer.add(FIRST, names=NAMES)
    old = StoryClusterer.loads(_as_version_1(clusterer.dumps()))
    assert [s.to_json() for s in old.stories()] == [s.to_json() for s in clusterer.stories()]
    assert old.docs == clusterer.docs  # the neighbours, computed again, are the same
    old.add(SECOND)
    clusterer.add(SECOND)
    assert [s.to_json() for s in old.stories()] == [s.to_json() for s in clusterer.stories()]
    with pytest.raises(ValueError, match="version"):
        StoryClusterer.loads(zlib.compress(b'{"version": 99}'))


def _demo_articles() -> list[tuple[str, str, str, str, FuzzyDate | None]]:
    """(doc id, title, body, gold story, published) per bundled Wikinews article: the folder
    is the story, the second line the date ("March 01, 2008")."""
    from storyline.demo import demo_path

    docs = []
    for path in sorted(Path(demo_path()).glob("*/*.txt")):
        title, when, *body = path.read_text(encoding="utf-8").splitlines()
        published = FuzzyDate.day(datetime.strptime(when.strip(), "%B %d, %Y").date())
        docs.append((path.stem, title.strip(), "\n".join(body), path.parent.name, published))
    return docs


@pytest.mark.slow
def test_wikinews_demo_stories_are_pure():
    """The four bundled Wikinews stories, text and dates only (no NER, to stay fast)."""
    sys.path.insert(0, str(EVAL))
    try:
        import ecbplus_eval
    finally:
        sys.path.remove(str(EVAL))
    demo = _demo_articles()
    assert len(demo) >= 100
    clusterer = StoryClusterer()
    clusterer.add(StoryInput(d[0], d[1], d[2], (), d[4]) for d in demo)
    gold = {d[0]: d[3] for d in demo}
    pred = {d[0]: clusterer.story_of(d[0]) for d in demo}
    by_story = defaultdict(list)
    for aid, sid in pred.items():
        by_story[sid].append(gold[aid])
    purity = sum(Counter(v).most_common(1)[0][1] for v in by_story.values()) / len(gold)
    assert purity >= 0.97  # measured 1.0 (text + dates, no NER)
    assert len(by_story) < len(gold) * 0.7  # and it does group articles, not only singletons
    assert ecbplus_eval.bcubed(pred, gold)[0] >= 0.97
