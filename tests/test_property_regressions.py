"""Bugs the property tests (test_properties.py) found, each pinned as a plain example.

Each test builds the smallest document Hypothesis shrank the failure to (or the same shape
written by hand) through the real pipeline, and checks what went wrong no longer does.
"""

from __future__ import annotations

from conftest import build_records


def test_conflicting_event_dates_at_the_end_of_the_calendar(tmp_path):
    """OverflowError in link/events.py: the window for a conflicting claim (a meeting "on 3
    March 2015" and "yesterday" in a record published 9999-12-31) ran past 9999-12-31."""
    text = (
        "Sergey Lavrov met David Miliband in Moscow on 3 March 2015. "
        "Sergey Lavrov met David Miliband in Moscow yesterday."
    )
    with build_records(tmp_path, {"title": "Talks", "text": text, "published": "9999-12-31"}) as c:
        dates = sorted(e.date.earliest.isoformat() for e in c.events() if e.date)
        assert dates and dates[-1] == "9999-12-30"


def test_dates_before_the_year_1000_are_written_with_four_digits(tmp_path):
    """A story dated in the year 501 was stored as "501-01" (strftime drops the leading zero),
    which no reader parses back; and relation periods sorted "2015" before "501"."""
    from storyline.records import FuzzyDate

    assert FuzzyDate.month(501, 1).value == "0501-01"
    assert FuzzyDate.parse(FuzzyDate.year(7).value) == FuzzyDate.year(7)
    old = {"title": "Old", "published": "0501-03", "text": STATE_VISIT}
    new = {"title": "New", "published": "2015-03", "text": STATE_VISIT.replace("Oslo", "Bergen")}
    with build_records(tmp_path, old, new) as c:
        assert sorted(a.published.value for a in c.articles()) == ["0501-03", "2015-03"]
        assert {s.first.value for s in c.stories() if s.first} <= {"0501-03", "2015-03"}
        found = c.relations("Petra Lindqvist", "Amina Haddad")
        periods = [p.period for p in found.periods]
        assert periods == sorted(periods, key=int) and "0501" in periods


STATE_VISIT = (
    "Petra Lindqvist met Amina Haddad in Oslo to sign a trade agreement. "
    "Petra Lindqvist praised Amina Haddad for the agreement, officials said."
)


def test_a_second_build_dates_the_corpus_as_the_first_did(tmp_path):
    """A second build of the same inputs told a different timeline: dating learned anchors
    from the expressions of undated articles as re-read against their inferred dates, so an
    article dated from a peer last build became evidence this build (for itself too)."""
    records = [
        {"title": "Opening", "published": "2015-03-04",
         "text": "Mayor Petra Lindqvist opened the Harbour Bridge in Tromso yesterday."},
        {"title": "Treaty", "text": "Mayor Petra Lindqvist opened the Harbour Bridge in Tromso "
         "a week ago. Mayor Petra Lindqvist signed the harbour treaty in Tromso yesterday."},
        {"title": "Anniversary", "text": "Mayor Petra Lindqvist marked the first anniversary "
         "of signing the harbour treaty in Tromso. Crowds gathered on the quay."},
    ]  # fmt: skip
    with build_records(tmp_path, *records) as c:
        first = {a.title: a.published for a in c.articles()}
        told = [(e.date, e.sources) for e in c.timeline()]
        c.build([tmp_path / "in.jsonl"], engine="local")
        assert {a.title: a.published for a in c.articles()} == first
        assert [(e.date, e.sources) for e in c.timeline()] == told
        assert first["Treaty"] is not None  # dated from the opening, a peer's stated date
