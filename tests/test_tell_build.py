"""Part 3 end to end on the seeds: events, stories, timeline and relations from a real build."""

from __future__ import annotations

import json

from conftest import SEEDS
from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()


def _run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_events_json_contract_and_sources_point_at_sentences(seeds_corpus):
    events = seeds_corpus.events()
    assert events
    texts = {a.id: a.text for a in seeds_corpus.articles()}
    for event in events[:40]:
        data = seeds_corpus.event_json(event)
        assert set(data) >= {"id", "type", "mode", "quad", "actor", "target", "location", "date",
                             "earliest", "latest", "summary", "sources", "status"}  # fmt: skip
        for source in data["sources"]:
            assert texts[source["article"]][source["start"] : source["end"]] == source["sentence"]


def test_the_extradition_request_and_its_refusal(seeds_corpus):
    requests = [e for e in seeds_corpus.events(type="REQUEST") if e.mode == "extradition"]
    may_2007 = [e for e in requests if e.date and e.date.value == "2007-05"]
    assert may_2007 and may_2007[0].actor == "gpe:united-kingdom"
    refusals = seeds_corpus.events(entity="Russia", type="REJECT")
    assert any(e.actor == "gpe:russia" for e in refusals)


def test_the_seeds_are_one_story(seeds_corpus):
    (story,) = seeds_corpus.stories()
    assert len(story.articles) == 4
    assert story.last.value == "2017-03-04"


def test_a_story_spans_what_its_timeline_tells(seeds_corpus):
    """The seeds were published 2009-2017 and recall events back to 2003: the story's span
    covers its timeline's first and last dates (issue trust 2, point 6)."""
    (story,) = seeds_corpus.stories()
    told = seeds_corpus.timeline(story=story.id)
    assert story.first == told[0].date and story.first.value == "2003-09"
    assert story.last.latest >= told[-1].date.latest
    assert seeds_corpus.story(story.id).first == story.first


def test_timeline_is_oldest_first_cited_and_spans_the_years(seeds_corpus):
    entries = seeds_corpus.timeline()
    assert [e.date.earliest for e in entries] == sorted(e.date.earliest for e in entries)
    years = {e.date.earliest.year for e in entries}
    assert {2006, 2007, 2009, 2017} <= years
    poisoning = [e for e in entries if e.date.earliest.year == 2006 and len(e.sources) > 1]
    assert poisoning, "the 2006 poisoning is told once, from several sources"
    seen = [sentence for e in entries for sentence in e.summary]
    assert len(seen) == len(set(seen)), "no sentence repeated across dates"
    for entry in entries:
        assert entry.sources


def test_the_poisoning_is_told_by_the_sentence_that_gives_its_day(seeds_corpus):
    """2006-11-02 is reached by every seed that recalls the poisoning; one of them says the
    day, and that sentence leads (not "the third anniversary of the poisoning")."""
    (poisoning,) = [e for e in seeds_corpus.timeline() if e.date.value == "2006-11-02"]
    assert poisoning.summary[0].startswith("The former spy was poisoned on November 2, 2006")


def test_november_2009_tells_the_refusal_to_extradite(seeds_corpus):
    """The refusal says "yesterday" in an article from the first week of November 2009: it
    states the month its event is dated to, so it is told beside the visit."""
    (november,) = [e for e in seeds_corpus.timeline() if e.date.value == "2009-11"]
    assert any("be extradited to London were again refused" in s for s in november.summary)


def test_may_2007_is_told_by_what_happened_in_may_2007(seeds_corpus):
    """The 2009 article recalls the request in a sentence of its own time ("again suggested
    that Mr Lugovoi could be tried in Russia"): evidence the request happened, not a line of
    May 2007's entry."""
    (may,) = [e for e in seeds_corpus.timeline() if e.date.value == "2007-05"]
    assert may.summary[0].startswith("May 2007: Britain makes first formal extradition request")
    assert not any("again suggested" in s or "Cameron" in s for s in may.summary)


def test_timeline_cli_text_reads_as_a_cited_chronology(tmp_path):
    db = tmp_path / "s.db"
    _run("build", SEEDS, "--db", db)
    text = _run("timeline", "--db", db, "--max-dates", "8")
    assert "Sources" in text and "[1]" in text
    entries = json.loads(_run("timeline", "--db", db, "--json", "--from", "2017"))
    assert entries and all(e["date"] >= "2017" for e in entries)
    stories = json.loads(_run("stories", "--db", db, "--json"))
    assert set(stories[0]) >= {"id", "title", "articles", "first", "last", "entities"}
    relations = json.loads(_run("relations", "United Kingdom", "Russia", "--db", db, "--json"))
    assert relations["periods"] and "totals" in relations
    bad = runner.invoke(app, ["events", "--db", str(db), "--from", "last tuesday"])
    assert bad.exit_code == 2 and "YYYY" in bad.output


def test_relations_between_britain_and_russia_lean_to_conflict(seeds_corpus):
    """Refusals, demands and accusations outnumber the visits and talks in these articles;
    a side takes in its ministers (by role) and its institutions (British Council, FSB)."""
    totals = seeds_corpus.relations("United Kingdom", "Russia").to_json()["totals"]
    both = {q: totals["a_to_b"][q] + totals["b_to_a"][q] for q in totals["a_to_b"]}
    conflict = both["verbal-conflict"] + both["material-conflict"]
    cooperation = both["verbal-cooperation"] + both["material-cooperation"]
    assert conflict > cooperation > 0


def test_no_summary_is_a_bare_date(seeds_corpus):
    for entry in seeds_corpus.timeline():
        for sentence in entry.summary:
            assert len(sentence.split()) >= 4, sentence
