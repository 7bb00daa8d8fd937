"""Engines: local, a process pool and Ray Data build identical stores from the same pages.

Each engine builds the seeds plus the demo corpus (124 articles) once per module; the stores
are compared through the public API (articles, annotations, entities, events, stories and the
timeline).  The resumption of a killed process-pool build is tested in test_corpus.py.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from storyline import Corpus
from storyline.clean import Cleaned, CleanStage
from storyline.cli import app
from storyline.demo import demo_path
from storyline.engine import open_engine, rows
from storyline.records import (
    Annotation,
    Article,
    Decoding,
    EventMention,
    FuzzyDate,
    Mention,
    Paragraph,
    RawPage,
    Sentence,
    Timex,
)


def snapshot(corpus: Corpus) -> dict:
    """Everything a user can read from a store, as comparable values."""
    articles = corpus.articles()
    return {
        "articles": articles,
        "annotations": [corpus.annotation(a.id) for a in articles],
        "entities": corpus.entities(),
        "events": corpus.events(),
        "stories": corpus.stories(),
        "timeline": corpus.timeline(),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """engine name → snapshot of the store it built (each engine builds once, on demand)."""
    snapshots: dict[str, dict] = {}

    def build(engine: str) -> dict:
        if engine not in snapshots:
            db = tmp_path_factory.mktemp(engine) / "store.db"
            stale = db.parent / "store.db.shards" / "01-CleanStage" / "output"
            stale.mkdir(parents=True)  # as a killed Ray build leaves it
            with Corpus(db) as corpus:
                corpus.build([SEEDS, demo_path()], engine=engine, workers=2)
                snapshots[engine] = snapshot(corpus)
            assert not stale.parent.parent.exists(), "stale or used shards were left behind"
        return snapshots[engine]

    return build


@pytest.mark.slow
def test_local_build_of_seeds_and_demo(built):
    local = built("local")
    assert len(local["articles"]) == 124
    assert len(local["events"]) > 100 and local["timeline"] and local["stories"]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["processes", "ray"])
def test_engines_build_identical_stores(built, engine):
    local, other = built("local"), built(engine)
    for part, values in local.items():
        assert other[part] == values, f"{engine} differs from local in {part}"


def test_records_round_trip_through_shard_rows(tmp_path):
    day = FuzzyDate.day(date(2009, 11, 2))
    article = Article(
        "abc123def456",
        "a.txt",
        "Title",
        "Body text.",
        (Paragraph(0, 10, "body"),),
        published=day,
        published_how="dateline",
        decoding=Decoding("utf-8", "utf-8", replaced=2),
    )
    records = [
        Cleaned("f" * 64, article=article, warnings=("published date '0000' dropped",)),
        Cleaned("e" * 64, failure="no article text found"),
        Annotation(
            "abc123def456",
            sentences=(Sentence(0, 10),),
            mentions=(Mention(0, 4, "Body", "ORG", "Body"),),
            timexes=(Timex(0, 4, "2009", "DATE", "2009", date(2009, 1, 1), date(2009, 12, 31)),),
            events=(
                EventMention(
                    0,
                    4,
                    0,
                    10,
                    "CONSULT",
                    "verbal-cooperation",
                    "happened",
                    date=day,
                    date_from="article",
                ),
            ),
        ),
        RawPage.of(
            "b.html",
            "html",
            b"<p>\xff bytes</p>",
            hints={"title": "T"},
            decoding=Decoding("cp1252", "fallback"),
        ),
    ]
    path = tmp_path / "000000000000.parquet"
    rows.write_shard(path, records, start=0)
    assert rows.read_shard(path) == records


def test_clean_stage_gives_reasons_not_exceptions():
    stage = CleanStage()
    (cleaned,) = stage([RawPage.of("empty.txt", "text", b"   \n")])
    assert cleaned.article is None and cleaned.failure == "no article text found"


def test_engine_options_are_checked():
    with pytest.raises(ValueError, match="unknown engine"):
        open_engine("threads")
    with pytest.raises(ValueError, match="needs the ray engine"):
        open_engine("local", ray_address="ray://head:10001")
    with pytest.raises(ValueError, match="at least 1"):
        open_engine("processes", workers=0)
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--engine", "threads"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_importing_storyline_does_not_import_ray():
    code = "import sys, storyline, storyline.engine, storyline.cli; print('ray' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
