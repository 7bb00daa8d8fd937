"""Property tests: the real pipeline on generated hostile documents (tests/hostile_docs.py).

What must hold for any corpus a user brings:

* annotating, dating and building never raise (the per-document functions are called directly
  too, and builds are strict, so the build's failure isolation hides no bug);
* every stored span lies inside its article's text, and every stored date is an ISO date of a
  year 1-9999 (articles, timexes, evidence, event mentions, events and their claims, stories,
  told timeline entries, roles);
* every query of the API and every page of the web explorer answers (no HTTP 500);
* building the same inputs again changes nothing.

The default profile is small and fixed (conftest.py); STORYLINE_HYPOTHESIS=slow runs many more.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hostile_docs import HOSTILE_NAMES, corpora, write
from hypothesis import given

from storyline import Corpus
from storyline.annotate import annotate_doc, infer_published, learn_anchors, load_nlp, reanchor
from storyline.annotate.timex import find_timexes
from storyline.extract import with_events
from storyline.records import FuzzyDate, ToAnnotate
from storyline.web import create_app

QUERIES = ["Lavrov", "Haddad near future", '"', "NEAR", "½", "a*", "-", "OR", "🙂", "习"]
ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


@pytest.fixture(scope="session")
def nlp():
    """The spaCy model, loaded once for the session."""
    return load_nlp()


def _published(value: str | None) -> FuzzyDate | None:
    try:
        return FuzzyDate.parse(value[:10]) if value else None
    except ValueError:
        return None


# -- the per-document functions ------------------------------------------------------------------


@given(corpora())
def test_annotating_and_dating_documents_directly(nlp, corpus):
    """annotate_doc on each document, then dating the undated ones against the others'
    anchors and re-reading their expressions, as a build does, without a store."""
    found = []
    for i, doc in enumerate(corpus):
        item = ToAnnotate(f"a{i}", doc.readable, _published(doc.published))
        doc = nlp(item.text)
        annotation = with_events(item, doc, annotate_doc(item, doc))
        _check_annotation(item.text, annotation)
        found.append((item.text, annotation, item.published))
    anchors = learn_anchors((text, ann.sentences, ann.timexes) for text, ann, _ in found)
    for text, annotation, published in found:
        if published is not None:
            continue
        inferred, evidence = infer_published(
            text, annotation.sentences, find_timexes(text, None), anchors=anchors
        )
        for item in evidence:
            assert 0 <= item.start <= item.end <= len(text)
        for timex in reanchor(text, None, inferred):
            _check_timex(text, timex)


def _check_annotation(text: str, annotation) -> None:
    for sentence in annotation.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
    for mention in annotation.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.text == text[mention.start : mention.end]
        assert any(c.isalpha() for c in mention.text), mention
    for timex in annotation.timexes:
        _check_timex(text, timex)
    for role in annotation.roles:
        assert 0 <= role.start <= role.end <= len(text)
    for event in annotation.events:
        assert 0 <= event.start < event.end <= len(text)
        assert 0 <= event.sentence_start <= event.sentence_end <= len(text)


def _check_timex(text: str, timex) -> None:
    assert 0 <= timex.start < timex.end <= len(text)
    assert timex.text == text[timex.start : timex.end]
    if timex.earliest is not None:
        assert timex.earliest <= timex.latest


# -- a build, its store, the API and the web explorer --------------------------------------------


@pytest.mark.slow
@given(corpora())
def test_building_generated_documents(nlp, corpus):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write(Path(tmp) / "in", corpus)
        db = Path(tmp) / "store.db"
        with Corpus(db) as built:
            # strict: a document whose stage raised (isolated, recorded) fails the test too
            first = built.build([folder], engine="local", strict=True)
            counts = _row_counts(built.store.db)
            _check_store(built.store.db)
            _check_api(built)
            _check_exports(built, Path(tmp))
            again = built.build([folder], engine="local", strict=True)
            assert again.new == 0 and again.cleaned == 0, again
            assert set(again.skipped) == set(first.skipped)
            assert _row_counts(built.store.db) == counts
        _check_web(db)


def _row_counts(db: sqlite3.Connection) -> dict[str, int]:
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    skip = {"builds", "skips", "migrations", "inputs"}  # a build's own record is not new data
    return {
        t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for t in tables
        if t not in skip and not t.startswith(("articles_fts", "sqlite_"))
    }


SPANS = {  # table: (start column, end column)
    "sentences": ("start", '"end"'),
    "mentions": ("start", '"end"'),
    "timexes": ("start", '"end"'),
    "roles": ("start", '"end"'),
    "date_evidence": ("start", '"end"'),
    "event_mentions": ("sentence_start", "sentence_end"),
    "event_sources": ("start", '"end"'),
}
DATES = {  # table: (earliest, latest) columns, both set or neither
    "articles": ("published_earliest", "published_latest"),
    "timexes": ("earliest", "latest"),
    "event_mentions": ("date_earliest", "date_latest"),
    "events": ("date_earliest", "date_latest"),
    "timeline_entries": ("earliest", "latest"),
}


def _check_store(db: sqlite3.Connection) -> None:
    lengths = dict(db.execute("SELECT id, length(text) FROM articles"))
    for table, (start, end) in SPANS.items():
        key = "article_id"
        for article, lo, hi in db.execute(f"SELECT {key}, {start}, {end} FROM {table}"):
            assert 0 <= lo <= hi <= lengths[article], (table, article, lo, hi)
    for table, columns in DATES.items():
        for row in db.execute(f"SELECT {', '.join(columns)} FROM {table}"):
            _check_interval(table, *row)
    for bounds in db.execute("SELECT earliest, latest FROM date_evidence"):  # one may be open
        for value in bounds:
            assert value is None or ISO_DAY.fullmatch(value), bounds
    for published, updated in db.execute("SELECT published, updated FROM articles"):
        for value in (published, updated):
            assert value is None or _is_value(value), value
    for first, last in db.execute("SELECT first, last FROM stories"):
        for value in (first, last):
            assert value is None or _is_value(value), value
    for (claims,) in db.execute("SELECT claims FROM events"):
        for claim in json.loads(claims):
            _check_interval("claims", claim["earliest"], claim["latest"])
    for (roles,) in db.execute("SELECT roles FROM entities"):
        for role in json.loads(roles):
            for value in (role["from"], role["to"]):
                assert value is None or _is_value(value), role
    for (sources,) in db.execute("SELECT sources FROM timeline_entries"):
        for article, start, end in json.loads(sources):
            assert 0 <= start <= end <= lengths[article], (article, start, end)


def _check_interval(where: str, earliest: str | None, latest: str | None) -> None:
    assert (earliest is None) == (latest is None), (where, earliest, latest)
    if earliest is not None:
        assert ISO_DAY.fullmatch(earliest) and ISO_DAY.fullmatch(latest), (where, earliest, latest)
        assert date.fromisoformat(earliest) <= date.fromisoformat(latest), (where, earliest)


def _is_value(value: str) -> bool:
    """A date as the contract writes it: YYYY, YYYY-MM, YYYY-MM-DD or an interval of days."""
    try:
        FuzzyDate.parse(value)
    except ValueError:
        return False
    return True


def _check_api(corpus: Corpus) -> None:
    texts = {a.id: a.text for a in corpus.articles()}
    entities = corpus.entities()
    for event in corpus.events():
        corpus.event_json(event)
        for source in event.sources:
            assert 0 <= source.start <= source.end <= len(texts[source.article])
    timelines = [corpus.timeline()]
    timelines += [corpus.timeline(story=s.id) for s in corpus.stories()]
    timelines += [corpus.timeline(entity=e.id) for e in entities[:3]]
    timelines += [corpus.timeline(query=q) for q in QUERIES]
    for entries in timelines:
        corpus.chronology(entries)
        for entry in entries:
            for source in entry.sources:
                assert 0 <= source.start <= source.end <= len(texts[source.article])
    if len(entities) >= 2:
        corpus.relations(entities[0].id, entities[1].id)
    for query in QUERIES + HOSTILE_NAMES[:8]:
        corpus.search(query)
    corpus.overview()


def _check_exports(corpus: Corpus, folder: Path) -> None:
    for what in ("articles", "entities", "events", "timeline"):
        for format in ("jsonl", "csv"):
            rows = corpus.export(what, format, folder / f"{what}.{format}")
            assert (folder / f"{what}.{format}").exists() and rows >= 0


ALWAYS_THERE = {"/", "/articles", "/entities", "/stories", "/timeline", "/api/timeline"}


def _check_web(db: Path) -> None:
    paths = ["/", "/api/overview", "/build", "/articles", "/api/articles", "/entities",
             "/api/entities", "/stories", "/api/stories", "/timeline", "/api/timeline",
             "/timeline?zoom=32", "/timeline?from=0001&to=9999", "/timeline?from=0000",
             "/api/events", "/api/events?from=0001&to=9999-12-31", "/api/events?ids=x,ev-1",
             "/relations", "/api/relations?a=x&b=y"]  # fmt: skip
    for q in QUERIES + HOSTILE_NAMES[:8]:
        q = quote(q)
        paths += [f"/search?q={q}", f"/api/search?q={q}", f"/timeline?q={q}",
                  f"/api/entities?q={q}", f"/api/events?entity={q}"]  # fmt: skip
    with Corpus(db) as corpus:
        paths += _item_paths(corpus)
    with TestClient(create_app(db, hosts=["testserver"])) as client:
        for path in paths:
            response = client.get(path)
            assert response.status_code < 500, (path, response.text[-400:])
            if path in ALWAYS_THERE:
                assert response.status_code == 200, (path, response.text[-400:])


def _item_paths(corpus: Corpus) -> list[str]:
    """Pages of the first article, entities, story and relation period of a corpus."""
    paths = []
    for article in corpus.articles()[:2]:
        for hl in ("", "?hl=0-999999999", "?hl=5-6"):
            paths += [f"/articles/{article.id}{hl}", f"/api/articles/{article.id}{hl}"]
    entities = corpus.entities()[:2]
    for entity in entities:
        e = quote(entity.id)
        paths += [f"/entities/{e}", f"/entities/{e}?zoom=32", f"/api/entities/{e}",
                  f"/timeline?entity={e}", f"/api/timeline?entity={e}"]  # fmt: skip
    if len(entities) == 2:
        a, b = (quote(e.name) for e in entities)
        found = corpus.relations(entities[0].name, entities[1].name, by="month")
        period = quote(found.periods[0].period) if found.periods else "0501"
        paths += [f"/relations?a={a}&b={b}&by=month", f"/api/relations?a={a}&b={b}",
                  f"/relations?a={a}&b={b}&by=month&period={period}"]  # fmt: skip
    for story in corpus.stories()[:2]:
        paths += [f"/stories/{story.id}", f"/stories/{story.id}?zoom=32",
                  f"/api/stories/{story.id}", f"/timeline?story={story.id}"]  # fmt: skip
    return paths
