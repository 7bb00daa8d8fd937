"""Corpus.build end to end: seeds, idempotency, duplicates, bad input, interruption, search."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEEDS, seed_text, short_pages
from test_ingest import PNG, _zip_bytes

from storyline import Corpus

CONTRACT = {
    "id": str,
    "source": str,
    "title": str,
    "byline": (str, type(None)),
    "publisher": (str, type(None)),
    "published": (str, type(None)),
    "published_how": (str, type(None)),
    "text": str,
    "words": int,
}


def test_seeds_build_into_four_dated_articles(seeds_corpus):
    articles = {a.source.rsplit("/", 1)[-1][:3]: a for a in seeds_corpus.articles()}
    assert sorted(articles) == ["000", "001", "002", "003"]
    johnson = articles["002"]
    assert johnson.title == "Boris Johnson to visit Russia"
    assert johnson.byline == "Tom Peck"
    assert johnson.published.value == "2017-03-04"
    assert johnson.published_how == "dateline"
    assert articles["001"].published is None or articles["001"].published.earliest.year != 2014
    for article in articles.values():
        data = article.to_json()
        for key, kind in CONTRACT.items():
            assert isinstance(data[key], kind), (key, data[key])
        assert data["words"] == len(data["text"].split())


def test_article_paragraphs_point_into_the_text(seeds_corpus):
    for article in seeds_corpus.articles():
        assert article.paragraphs
        for paragraph in article.paragraphs:
            body = article.text[paragraph.start : paragraph.end]
            assert body == body.strip() and body
        rebuilt = "\n\n".join(article.text[p.start : p.end] for p in article.paragraphs)
        assert rebuilt == article.text


def test_rebuilding_the_same_inputs_adds_nothing(tmp_path):
    with Corpus(tmp_path / "s.db") as corpus:
        first = corpus.build([SEEDS])
        assert (first.new, first.unchanged, first.duplicate) == (4, 0, 0)
        texts = {a.id: a.text for a in corpus.articles()}
        again = corpus.build([SEEDS])
        assert (again.new, again.unchanged, again.duplicate) == (0, 4, 0)
        assert {a.id: a.text for a in corpus.articles()} == texts
        assert corpus.store.count("pages") == 4


def test_the_same_page_under_another_name_is_a_duplicate(tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    shutil.copy(next(SEEDS.glob("002_*")), inputs / "copy-of-002.txt")
    with Corpus(tmp_path / "s.db") as corpus:
        report = corpus.build([inputs])
        assert (report.new, report.duplicate) == (4, 1)
        assert len(corpus.articles()) == 4


def _bad_input_folder(root):
    """The issue's bad-input folder: every kind of failure beside two good articles."""
    root.mkdir()
    shutil.copy(next(SEEDS.glob("002_*")), root / "good.txt")
    (root / "empty.txt").write_bytes(b"")
    (root / "image.png").write_bytes(PNG)
    (root / "archive.zip").write_bytes(_zip_bytes())
    (root / "fake.html").write_bytes(PNG)
    (root / "cp1252.txt").write_bytes(
        "Paris caf\u00e9 owners protest\n\nOwners said the \u201cnew rules\u201d would cost "
        "\u00a35,000 each, and that the city had not listened to them at all this year.\n".encode(
            "cp1252"
        )
    )
    with open(root / "huge.txt", "wb") as out:
        out.write(b"All work and no play makes Jack a dull boy. " * (50 * 2**20 // 45 + 1))
    (root / "malformed.html").write_bytes(
        b"<html><head><title>Broken page</title><body><div><p>The council met on Monday "
        b"to discuss the budget, and members argued for three hours about the new library. "
        b"<p>In the end the budget passed by a single vote, with two abstentions.<div><b>unclosed"
    )
    (root / "feed.jsonl").write_text(
        json.dumps(
            {
                "url": "https://example.org/a",
                "title": "Storm hits coast",
                "published": "2020-02-09",
                "text": "A storm hit the coast on Sunday, "
                "closing roads and cutting power to thousands of homes.",
            }
        )
        + "\n{broken json\n"
    )
    (root / "broken.txt.gz").write_bytes(gzip.compress(b"x" * 5000)[:30])
    os.symlink(root, root / "loop")
    return root


def test_bad_input_folder_builds_what_it_can_and_reports_the_rest(tmp_path):
    root = _bad_input_folder(tmp_path / "bad")
    with Corpus(tmp_path / "s.db") as corpus:
        report = corpus.build([root])
        reasons = {skip.source.rsplit("/", 1)[-1]: skip.reason for skip in report.skipped}
        assert set(reasons) == {
            "empty.txt",
            "image.png",
            "archive.zip",
            "fake.html",
            "huge.txt",
            "feed.jsonl#line2",
            "broken.txt.gz",
            "loop",
        }
        assert "PNG image" in reasons["fake.html"]
        assert "too large" in reasons["huge.txt"]
        assert reasons["feed.jsonl#line2"].startswith("invalid JSON")
        titles = {a.title for a in corpus.articles()}
        assert titles >= {"Boris Johnson to visit Russia", "Storm hits coast"}
        assert report.new == 4
        texts = " ".join(a.text for a in corpus.articles())
        assert "\u201cnew rules\u201d" in texts and "\u00a35,000" in texts
        assert "single vote" in texts
        storm = next(a for a in corpus.articles() if a.title == "Storm hits coast")
        assert (storm.source, storm.published.value, storm.published_how) == (
            "https://example.org/a",
            "2020-02-09",
            "metadata",
        )


@pytest.mark.slow
def test_an_interrupted_build_resumes_without_duplicates(tmp_path):
    inputs = short_pages(tmp_path / "many", 300)
    db = tmp_path / "s.db"

    def stop_midway(phase, done, total):
        if phase == "clean" and done == 150:
            raise KeyboardInterrupt

    with Corpus(db) as corpus, pytest.raises(KeyboardInterrupt):
        corpus.build([inputs], progress=stop_midway)
    with Corpus(db) as corpus:
        partial = corpus.store.count("articles")
        assert 0 < partial < 300
        corpus.build([inputs], workers=1)
        assert corpus.store.count("articles") == 300
        assert corpus.store.count("pages") == 300
        _assert_no_duplicate_facts(corpus)


@pytest.mark.slow
def test_a_killed_build_process_resumes(tmp_path):
    """SIGKILL a process-pool build once annotation has committed a batch, then resume it: the
    store ends up as an uninterrupted build's, with nothing annotated twice."""
    inputs = short_pages(tmp_path / "many", 600)
    db = tmp_path / "s.db"
    command = [sys.executable, "-m", "storyline", "build", str(inputs), "--db", str(db)]
    command += ["--engine", "processes", "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists() and _count(db, "articles WHERE annotated = 1") > 0:
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < _count(db, "articles WHERE annotated = 1") < 600, "not killed while annotating"
    with Corpus(tmp_path / "whole.db") as whole:
        whole.build([inputs])
        expected = _fact_counts(whole)
    with Corpus(db) as corpus:
        unfinished = corpus.store.db.execute("SELECT count(*) FROM builds WHERE finished IS NULL")
        assert unfinished.fetchone()[0] == 1, "the build finished before it was killed"
        report = corpus.build([inputs], engine="processes", workers=2)
        assert report.new + report.unchanged == 600 and report.duplicate == 0
        assert _fact_counts(corpus) == expected
        _assert_no_duplicate_facts(corpus)


def _fact_counts(corpus) -> dict[str, int]:
    tables = ("pages", "articles", "sentences", "mentions", "timexes", "event_mentions", "events")
    return {table: corpus.store.count(table) for table in tables}


def _assert_no_duplicate_facts(corpus) -> None:
    db = corpus.store.db
    assert db.execute("SELECT count(*) FROM articles WHERE annotated = 0").fetchone()[0] == 0
    for table in ("mentions", "timexes", "sentences"):
        repeated = db.execute(
            f'SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY article_id, start, "end"'
            " HAVING count(*) > 1)"
        ).fetchone()[0]
        assert repeated == 0, table


def _count(db, table: str) -> int:
    """Rows of `table` (which may carry a WHERE clause), 0 while the store is being made."""
    try:
        with sqlite3.connect(db) as connection:
            return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_search_ranks_and_highlights(seeds_corpus):
    hits = seeds_corpus.search("Lugovoi")
    assert hits and "Lugovoi" in seed_text(1)
    best = hits[0]
    assert best.title.startswith("Miliband met by icy reception")
    assert any(best.snippet[s:e] == "Lugovoi" for s, e in best.highlights)
    assert seeds_corpus.search('"unbalanced quote AND (') is not None
    assert seeds_corpus.search("Cameron Putin")[0].title.startswith("To Russia with love")


def test_a_timeline_by_query_filters_on_exactly_what_search_finds(seeds_corpus):
    store = seeds_corpus.store
    for query in ("Lugovoi", "Cameron Putin", '"unbalanced quote AND (', "Lugovoy OR Johnson"):
        assert store.matching_ids(query) == {h.id for h in store.search(query, limit=100)}
    assert store.matching_ids("nothing-here-at-all") == set() == store.matching_ids("!!!")
    (cameron,) = store.matching_ids("Cameron Putin")
    told = seeds_corpus.timeline(query="Cameron Putin")
    assert told and {s.article for e in told for s in e.sources} == {cameron}


def test_article_lookup_by_prefix(seeds_corpus):
    article = seeds_corpus.articles()[0]
    assert seeds_corpus.article(article.id[:6]).id == article.id


def test_demo_articles_keep_title_dateline_and_every_sentence(demo_run):
    """Wikinews files are already clean: the cleaner must keep all of their prose."""
    db, _ = demo_run
    with Corpus(db) as corpus:
        articles = corpus.articles()
    assert len(articles) == 120
    for article in articles:
        title, dateline, *body = Path(article.source).read_text(encoding="utf-8").splitlines()
        assert article.title == title
        assert article.published_how == "dateline" and article.published.granularity == "day"
        sentences = [line for line in body if len(line.split()) >= 8 and line.endswith(".")]
        missing = [s for s in sentences if s not in article.text]
        assert not missing, (article.source, missing)
