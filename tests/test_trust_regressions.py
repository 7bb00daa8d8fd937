"""Inputs that ended whole builds on public corpora, each pinned as a tiny document built for real.

Every test writes a one- or two-record JSON Lines file, runs `Corpus.build` (engine "local")
and reads the result back: the crash is gone and what is stored is still true.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import build_records
from fastapi.testclient import TestClient

from storyline import Corpus
from storyline.web import create_app


def _timexes(corpus: Corpus):
    return [t for a in corpus.articles() for t in corpus.annotation(a.id).timexes]


def test_a_person_named_by_a_symbol_is_no_entity(tmp_path):
    """KeyError ('PERSON', '½') and ('PERSON', '``') in entity resolution."""
    text = "Mr ½ met Mr `` in Moscow on Tuesday. Mr ½ said the talks with Sergey Lavrov went well."
    with build_records(tmp_path, {"title": "Talks", "text": text, "published": "2015-03-04"}) as c:
        names = {e.name for e in c.entities()}
        assert "Sergey Lavrov" in names
        assert not {"½", "``"} & names
        for entity in c.entities():
            assert any(ch.isalpha() for ch in entity.name), entity


def test_symbol_names_already_in_a_store_are_left_unresolved():
    """Mentions stored by an older build still hold "½": resolution skips them, never raises."""
    from storyline.link.entities import resolve_entities
    from storyline.records import Mention

    mentions = [Mention(3, 4, "½", "PERSON", "½"), Mention(10, 12, "``", "PERSON", "``"),
                Mention(20, 21, "ﹰ", "PERSON", "ﹰ"), Mention(30, 43, "Sergey Lavrov", "PERSON",
                "Sergey Lavrov")]  # fmt: skip
    resolution = resolve_entities([("a1", None, mentions, [])])
    assert [e.name for e in resolution.entities] == ["Sergey Lavrov"]
    assert resolution.entity_of("a1", "½", "PERSON") is None


def test_the_near_future_without_the_is_a_future_reference(tmp_path):
    """KeyError: 'near future' in norm_ref, raised inside an annotation worker."""
    text = "The minister said a deal was likely in a near future. Talks continue in Geneva."
    with build_records(tmp_path, {"title": "Deal", "text": text, "published": "2015-03-04"}) as c:
        assert ("near future", "FUTURE_REF") in [(t.text, t.value) for t in _timexes(c)]


RECALLED = (
    "The ambassador was recalled a fortnight ago. Officials in London said the decision had "
    "been taken after weeks of talks."
)


def test_a_fortnight_ago_in_an_undated_article(tmp_path):
    """KeyError: 'fortnight' in underspecified(), reached from dating an undated article."""
    with build_records(tmp_path, {"title": "Recalled", "text": RECALLED}) as c:
        assert ("a fortnight ago", "XXXX-WXX") in [(t.text, t.value) for t in _timexes(c)]


def test_a_fortnight_ago_in_a_dated_article_is_two_weeks_back(tmp_path):
    with build_records(
        tmp_path, {"title": "Recalled", "text": RECALLED, "published": "2015-03-04"}
    ) as c:
        (found,) = [t for t in _timexes(c) if t.text == "a fortnight ago"]
        assert found.value == "2015-W08"  # 2015-02-18, two weeks before 4 March


def test_dates_beyond_the_calendar_are_not_computed(tmp_path):
    """ValueError: year -197980 (and -122989) is out of range, in date arithmetic."""
    text = (
        "Geologists said the valley formed 197980 years ago. A lake covered it 122989 years "
        "earlier, and it may be gone 9000 years from now."
    )
    for published in (None, "2015-03-04", "0001-01-01", "9999-12-31"):
        record = {"title": "Valley", "text": text}
        if published:
            record["published"] = published
        with build_records(tmp_path / (published or "undated"), record) as c:
            for timex in _timexes(c):
                assert "years ago" not in timex.text or timex.earliest is None
                if timex.earliest is not None:
                    assert date.min <= timex.earliest <= timex.latest <= date.max


TROMSO_OPENING = {  # a happening dated 9999-12-30 by a record published on the last day
    "title": "Bridge",
    "published": "9999-12-31",
    "text": "Mayor Petra Lindqvist opened the Harbour Bridge in Tromso yesterday.",
}


@pytest.mark.parametrize(
    "undated",
    [
        # "three years ago" next to the opening would publish it in 10002
        "Mayor Petra Lindqvist opened the Harbour Bridge in Tromso three years ago, the museum "
        "guide said. Visitors walked across it.",
        # its 20th anniversary falls in 10019
        "Mayor Petra Lindqvist marked the 20th anniversary of the Harbour Bridge opening in "
        "Tromso. Crowds gathered on the quay.",
    ],
)
def test_evidence_that_would_date_an_article_beyond_9999_is_dropped(tmp_path, undated):
    """ValueError: year 10002 (10019) is out of range, in dating: the evidence is dropped and
    the article stays undated."""
    record = {"title": "Bridge history", "text": undated}
    with build_records(tmp_path, TROMSO_OPENING, record) as c:
        (article,) = [a for a in c.articles() if a.title == "Bridge history"]
        assert article.published is None


def test_a_record_published_on_the_last_day_of_9999_has_a_timeline_page(tmp_path):
    """HTTP 500 on /timeline and /api/timeline: "year 10000 is out of range" (web/axis.py)."""
    record = {
        "title": "Far future",
        "published": "9999-12-31",
        "text": "Sergey Lavrov met David Miliband in Oslo on 30 December 9999. Russia and Britain "
        "signed a treaty yesterday, officials said.",
    }
    with build_records(tmp_path, record):
        pass
    with TestClient(create_app(tmp_path / "store.db", hosts=["testserver"])) as client:
        for path in ("/timeline", "/api/timeline", "/timeline?zoom=32"):
            response = client.get(path)
            assert response.status_code == 200, (path, response.text[:300])
        entries = client.get("/api/timeline").json()["timeline"]["entries"]
        assert [e["earliest"] for e in entries] == ["9999-12-30"]
