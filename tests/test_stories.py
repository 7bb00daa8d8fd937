"""Story clustering: incremental batches with stable ids, state through bytes, the demo stories."""

from __future__ import annotations

import sqlite3
import sys
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from storyline.link.stories import StoryClusterer, StoryInput, cluster_stories, tokens
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
