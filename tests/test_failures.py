"""Per-document isolation: a stage failing on one document never fails the build.

The failures are injected into the real stages: subclasses of `CleanStage` and `AnnotateStage`
that raise on one marked document (as a bug in storyline would), or a real step patched to raise.
The build must keep the article, record and report the failure, exit 0 (1 with --strict), and
heal once the stage works again.  The stage subclasses live at module level so that the process
pool and Ray can ship them to their workers.
"""

from __future__ import annotations

import json
import sys

import pytest
from conftest import short_pages
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline import Corpus
from storyline.annotate.pipeline import AnnotateStage
from storyline.clean import CleanStage
from storyline.cli import app
from storyline.corpus import DocumentsFailed
from storyline.corpus import build as build_module
from storyline.engine import open_engine
from storyline.engine.isolation import Isolated, step
from storyline.extract import events as extract_events
from storyline.records import Failure
from storyline.web import create_app

MARK = "This is copy 1."  # the last line of the page short_pages numbers 1


class AnnotateFailsOnMark(AnnotateStage):
    """The real annotate stage, raising on a batch that holds the marked article."""

    def __call__(self, batch):
        if any(MARK in item.text for item in batch):
            raise RuntimeError("injected annotate failure")
        return super().__call__(batch)


class CleanFailsOnMark(CleanStage):
    """The real clean stage, raising on a batch that holds the marked page."""

    def __call__(self, batch):
        if any(MARK.encode() in page.content for page in batch):
            raise RuntimeError("injected clean failure")
        return super().__call__(batch)


class Shout:
    """A stage of words: upper-cases them, raises on "boom"."""

    def setup(self) -> None:
        pass

    def __call__(self, batch):
        if "boom" in batch:
            raise ValueError("cannot shout boom")
        return [word.upper() for word in batch]


def describe(word: str) -> tuple[str, str]:
    return word, f"{word}.txt"


@pytest.fixture
def pages(tmp_path):
    return short_pages(tmp_path / "pages", 3)


def marked(corpus: Corpus):
    (article,) = [a for a in corpus.articles() if MARK in a.text]
    return article


def ship_by_value() -> None:
    """Ray's workers cannot import this test module: send its stages by value."""
    import ray.cloudpickle

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])


# the mechanism ---------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["local", pytest.param("processes", marks=pytest.mark.slow)])
def test_an_item_a_stage_raises_on_gives_a_failure_and_the_others_their_results(engine):
    words = ["one", "two", "boom", "three", "four"]
    with open_engine(engine, workers=2) as runner:
        results = list(runner.map(Isolated(Shout(), "shout", describe), words, batch_size=2))
    assert results[:2] == ["ONE", "TWO"] and results[3:] == ["THREE", "FOUR"]
    failure = results[2]
    assert isinstance(failure, Failure)
    assert (failure.document, failure.source, failure.stage) == ("boom", "boom.txt", "shout")
    assert (failure.error, failure.message) == ("ValueError", "cannot shout boom")
    assert failure.version == "0.1.0"


def test_a_named_step_names_the_failure():
    class Extracts(Shout):
        def __call__(self, batch):
            with step("extract"):
                return super().__call__(batch)

    (failure,) = Isolated(Extracts(), "annotate", describe)(["boom"])
    assert failure.stage == "extract" and failure.error == "ValueError"


# builds ----------------------------------------------------------------------------------------


def test_an_article_annotation_failed_on_is_kept_reported_and_healed(corpus, pages, monkeypatch):
    monkeypatch.setattr("storyline.corpus.build.AnnotateStage", AnnotateFailsOnMark)
    report = corpus.build([pages], engine="local")
    assert report.new == 3
    (failed,) = report.failed
    assert failed.source.endswith("page00001.txt") and failed.stage == "annotate"
    assert report.to_json()["failed"] == [
        {
            "source": failed.source,
            "stage": "annotate",
            "error": "RuntimeError: injected annotate failure",
        }
    ]
    article = marked(corpus)
    assert corpus.annotation(article.id).mentions == ()
    assert any(hit.id == article.id for hit in corpus.search('"copy 1"'))
    others = [a for a in corpus.articles() if a.id != article.id]
    assert all(corpus.annotation(a.id).sentences for a in others)

    monkeypatch.setattr("storyline.corpus.build.AnnotateStage", AnnotateStage)  # storyline is fixed
    healed = corpus.build([pages], engine="local")
    assert healed.failed == () and healed.unchanged == 3
    assert corpus.annotation(article.id).sentences and corpus.annotation(article.id).mentions
    assert corpus.store.count("failures") == 0


def test_a_page_cleaning_failed_on_is_reported_and_cleaned_by_the_next_build(
    corpus, pages, monkeypatch
):
    monkeypatch.setattr("storyline.corpus.build.CleanStage", CleanFailsOnMark)
    report = corpus.build([pages], engine="local")
    (failed,) = report.failed
    assert failed.stage == "clean" and failed.error == "RuntimeError"
    assert report.new == 2 and len(corpus.articles()) == 2 and report.skipped == ()

    monkeypatch.setattr("storyline.corpus.build.CleanStage", CleanStage)
    healed = corpus.build([pages], engine="local")
    assert healed.failed == () and len(corpus.articles()) == 3
    assert corpus.annotation(marked(corpus).id).sentences


def test_an_extraction_failure_names_its_stage_and_leaves_the_annotation_empty(
    corpus, pages, monkeypatch
):
    real = extract_events.events_from_doc

    def events_or_bug(doc, found, published):
        if MARK in doc.text:
            raise KeyError("no such argument")
        return real(doc, found, published)

    monkeypatch.setattr(extract_events, "events_from_doc", events_or_bug)
    (failed,) = corpus.build([pages], engine="local").failed
    assert (failed.stage, failed.error, failed.message) == (
        "extract",
        "KeyError",
        "'no such argument'",
    )
    assert corpus.annotation(marked(corpus).id).sentences == ()


def test_a_page_template_learning_cannot_read_is_left_out_and_read_again(
    corpus, pages, monkeypatch
):
    real = build_module.read_page

    def read_or_bug(text):
        if MARK in text:
            raise IndexError("bad line")
        return real(text)

    monkeypatch.setattr(build_module, "read_page", read_or_bug)
    assert corpus.build([pages], engine="local").new == 3
    unread = "SELECT count(*) FROM pages WHERE reading IS NULL"
    assert corpus.store.db.execute(unread).fetchone()[0] == 1
    monkeypatch.setattr(build_module, "read_page", real)
    corpus.build([pages], engine="local")
    assert corpus.store.db.execute(unread).fetchone()[0] == 0


def test_a_store_with_a_failing_document_builds_again_and_again(corpus, pages, monkeypatch):
    monkeypatch.setattr("storyline.corpus.build.AnnotateStage", AnnotateFailsOnMark)
    corpus.build([pages], engine="local")
    again = corpus.build([pages], engine="local")
    assert len(again.failed) == 1 and again.unchanged == 3
    assert corpus.entities() and corpus.stories()  # the corpus stages ran


def test_strict_builds_fail_after_the_build_is_recorded(corpus, pages, monkeypatch):
    monkeypatch.setattr("storyline.corpus.build.AnnotateStage", AnnotateFailsOnMark)
    with pytest.raises(DocumentsFailed) as raised:
        corpus.build([pages], engine="local", strict=True)
    assert len(raised.value.report.failed) == 1
    assert corpus.last_build_report()["failed"][0]["stage"] == "annotate"
    assert corpus.entities()  # the corpus stages ran


def test_cli_lists_failures_and_exits_1_only_with_strict(tmp_path, pages, monkeypatch):
    monkeypatch.setattr("storyline.corpus.build.AnnotateStage", AnnotateFailsOnMark)
    db = str(tmp_path / "cli.db")
    lenient = CliRunner().invoke(app, ["build", str(pages), "--db", db, "--engine", "local"])
    assert lenient.exit_code == 0, lenient.output
    assert "failed: 1" in lenient.stdout and "RuntimeError" in lenient.stdout  # in a table
    strict = CliRunner().invoke(app, ["build", str(pages), "--db", db, "--strict", "--json"])
    assert strict.exit_code == 1
    (failed,) = json.loads(strict.stdout)["failed"]
    assert set(failed) == {"source", "stage", "error"} and failed["stage"] == "annotate"


def test_the_build_page_lists_failures(tmp_path, pages, monkeypatch):
    monkeypatch.setattr("storyline.corpus.build.AnnotateStage", AnnotateFailsOnMark)
    with Corpus(tmp_path / "web.db") as corpus:
        corpus.build([pages], engine="local")
    with TestClient(create_app(tmp_path / "web.db", hosts=["testserver"])) as client:
        response = client.get("/build")
        assert response.context["c"].report["failed"][0]["stage"] == "annotate"
        assert "page00001.txt" in response.text and "injected annotate failure" in response.text
        assert client.get("/api/build").json()["report"]["failed"][0]["stage"] == "annotate"


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["processes", pytest.param("ray", marks=pytest.mark.stress)])
def test_every_engine_isolates_failures_and_heals(corpus, pages, monkeypatch, engine):
    if engine == "ray":
        ship_by_value()
    monkeypatch.setattr("storyline.corpus.build.AnnotateStage", AnnotateFailsOnMark)
    monkeypatch.setattr("storyline.corpus.build.CleanStage", CleanFailsOnMark)
    report = corpus.build([pages], engine=engine, workers=2)
    assert [f.stage for f in report.failed] == ["clean"] and len(corpus.articles()) == 2

    monkeypatch.setattr("storyline.corpus.build.CleanStage", CleanStage)  # cleaning is fixed first
    report = corpus.build([pages], engine=engine, workers=2)
    assert [f.stage for f in report.failed] == ["annotate"] and len(corpus.articles()) == 3
    assert corpus.annotation(marked(corpus).id).mentions == ()

    monkeypatch.setattr("storyline.corpus.build.AnnotateStage", AnnotateStage)
    report = corpus.build([pages], engine=engine, workers=2)
    assert report.failed == () and corpus.annotation(marked(corpus).id).mentions
