"""Timelines told at build time: read back, they are the timelines `build_timeline` tells now,
and a build tells again only the scopes whose sentences changed."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from conftest import SEEDS

from storyline import Corpus
from storyline.corpus import build as build_module
from storyline.demo import demo_path
from storyline.store import facts
from storyline.tell import build_timeline
from storyline.tell.sentences import dated_sentences


@pytest.fixture(scope="module")
def demo(demo_run):
    with Corpus(demo_run[0]) as built:
        yield built


def _told_now(corpus: Corpus, articles=None, **options):
    db = corpus.store.db
    return build_timeline(dated_sentences(db, facts.events(db), articles), **options)


def test_the_corpus_timeline_read_back_is_the_one_told_now(demo):
    told = demo.timeline()
    assert len(told) > 20
    assert told == _told_now(demo)
    assert demo.timeline(max_dates=12) == _told_now(demo, max_dates=12)


def test_each_story_timeline_is_told_from_its_own_articles(demo):
    for story in demo.stories()[:3]:
        told = demo.timeline(story=story.id)
        assert told and told == _told_now(demo, set(story.articles))
        assert {s.article for e in told for s in e.sources} <= set(story.articles)


def test_a_date_range_keeps_the_dates_that_overlap_it(demo):
    start, end = date(2008, 1, 1), date(2008, 12, 31)
    kept = demo.timeline(start=start, end=end)
    assert kept
    assert all(e.date.latest >= start and e.date.earliest <= end for e in kept)
    assert [e for e in demo.timeline() if e.date.earliest.year == 2008] == [
        e for e in kept if e.date.earliest.year == 2008
    ]


@pytest.mark.slow
def test_a_build_tells_again_only_the_scopes_whose_sentences_changed(tmp_path, monkeypatch):
    gm = tmp_path / "gm"
    shutil.copytree(demo_path() / "gm", gm)
    with Corpus(tmp_path / "store.db") as corpus:
        corpus.build([SEEDS, gm])
        before = facts.timeline_signatures(corpus.store.db)
        assert len(before) == 1 + len(corpus.stories())

        told = []
        real = build_module.build_timeline
        monkeypatch.setattr(
            build_module, "build_timeline", lambda s, **kw: told.append(s) or real(s, **kw)
        )
        corpus.build([SEEDS, gm])
        assert told == []  # nothing new: nothing told again
        assert facts.timeline_signatures(corpus.store.db) == before

        (gm / "extra.txt").write_text(
            "Ford recalls trucks\n\nFord Motor Company said in Detroit on March 3, 2010 that it"
            " was recalling 20,000 pickup trucks over a brake fault.\n",
            encoding="utf-8",
        )
        corpus.build([SEEDS, gm])
        after = facts.timeline_signatures(corpus.store.db)
        seeds = [a.id for a in corpus.articles() if a.source.startswith(str(SEEDS))]
        (seeds_scope,) = {s.id for s in corpus.stories() if set(seeds) & set(s.articles)}
        assert after[seeds_scope] == before[seeds_scope]  # the seeds' story was not told again
        assert after[facts.CORPUS_SCOPE] != before[facts.CORPUS_SCOPE]
        (recall,) = [a.id for a in corpus.articles() if a.source.endswith("extra.txt")]
        changed = {facts.CORPUS_SCOPE} | {s.id for s in corpus.stories() if recall in s.articles}
        assert len(told) == len(changed) == 2  # the corpus and the recall's story, no other
        assert {k: v for k, v in after.items() if k not in changed} == {
            k: v for k, v in before.items() if k not in changed
        }
