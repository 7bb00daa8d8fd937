"""Bounded work per document: no input shape makes cleaning or annotation run without end.

Long articles are annotated in pieces with exact offsets, and past a bound not at all.

Inputs are generated here from real sentences (the seeds), in the shapes that were quadratic or
worse: one long line of prose, unclosed quotation marks, a hard-wrapped block that joins into one
line, a caption followed by a long unspaced line (CJK text has no spaces).  A quadratic routine
takes minutes on these sizes; a linear one well under the bounds asserted.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import time
from operator import attrgetter
from pathlib import Path

import pytest
from conftest import SEEDS, growth, seed_text
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from storyline import Corpus, textkit
from storyline.annotate.pieces import TooLongToAnnotate, pieces
from storyline.annotate.pipeline import AnnotateStage
from storyline.clean import clean_page
from storyline.clean.html import clean_html
from storyline.clean.templates import Templates, read_page
from storyline.clean.text import clean_text
from storyline.cli import app
from storyline.engine.isolation import Isolated
from storyline.extract import with_events
from storyline.records import Failure, RawPage, ToAnnotate
from storyline.textkit import sentence_spans


def reference_sentence_spans(line: str) -> list[tuple[int, int]]:
    """The definition, with the cleaner's own patterns: a stop ends a sentence unless the text up
    to it ends in an abbreviation (read from the start of the line, as the cleaner once did)."""
    spans, start = [], 0
    for match in textkit._BOUNDARY.finditer(line):
        if textkit._ABBREVIATION.search(line[: match.start() + 1]):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(line)))
    return [(a, b) for a, b in spans if line[a:b].strip()]


PIECES = ["Mr", "Sept", "Dr", "Jan", "Co", "A", "b", "x", "Bush", " ", "(", ".", "?", '"', "9"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_sentence_spans_follow_the_definition(line):
    assert sentence_spans(line) == reference_sentence_spans(line)


def prose() -> str:
    """Every line of the four seeds, as one line of real text."""
    lines = (line.strip() for n in range(4) for line in seed_text(n).splitlines())
    return " ".join(line for line in lines if line)


def repeated(unit: str, size: int) -> str:
    return unit * (size // len(unit) + 1)


SHAPES = {
    "prose on one line": lambda size: repeated(prose() + " ", size),
    "unclosed curly quotes": lambda size: repeated("“He went and came back ", size),
    "unclosed single quotes": lambda size: repeated("‘He went and came back ", size),
    "one hard-wrapped block": lambda size: repeated("the talks went on and on and\n", size),
    "caption then a long unspaced line": lambda size: (
        "莫斯科 会谈 今天\n莫斯科 会谈 今天 " + repeated("外交大臣访问俄罗斯", size) + "。\n"
    ),
}


def clean_and_read(text: str) -> None:
    clean_text(text, Templates.empty())
    read_page(text)


@pytest.mark.parametrize("shape", SHAPES)
def test_long_lines_clean_in_linear_time(shape):
    assert growth(clean_and_read, SHAPES[shape], 20_000) < 16  # 24 to 32 when it was quadratic


@pytest.mark.slow
def test_a_ten_megabyte_single_line_is_cleaned_within_seconds():
    text = SHAPES["prose on one line"](10_000_000)
    assert "\n" not in text
    page = RawPage.of("one-line.txt", "text", text.encode("utf-8"))
    started = time.process_time()
    article = clean_page(page)
    read_page(text)
    assert time.process_time() - started < 60.0  # hours when it was quadratic
    assert len(article.text) > 9_000_000 and "Miliband" in article.text


# annotation: long articles in pieces, too long ones not at all --------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["word", " ", "\n", "\n\n", ". ", "Mr. ", "x" * 30]), max_size=60),
    st.integers(min_value=4, max_value=80),
)
def test_pieces_cover_the_text_in_order_within_the_size(parts, size):
    text = "".join(parts)
    spans = pieces(text, size)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in itertools.pairwise(spans))
    assert all(0 < end - start <= size for start, end in spans) or text == ""


def test_pieces_end_at_paragraph_breaks_when_there_are_some():
    text = seed_text(1)
    spans = pieces(text, 2000)
    assert len(spans) > 2
    assert all(text[:end].endswith("\n\n") for _, end in spans[:-1])


@settings(max_examples=300, deadline=None)
@pytest.fixture(scope="module")
def annotate():
    stage = AnnotateStage(extend=with_events)
    stage.setup()
    return stage


def seed_articles() -> list[ToAnnotate]:
    return [
        ToAnnotate(
            f"seed{n}", clean_page(RawPage.of(f"{n}.txt", "text", seed_text(n).encode())).text
        )
        for n in range(4)
    ]


def assert_spans_exact(text: str, annotation) -> None:
    """Every span inside the text, pointing at the characters the record says it holds."""
    for sentence in annotation.sentences:
        chunk = text[sentence.start : sentence.end]
        assert chunk and chunk == chunk.strip()
    for found in (*annotation.mentions, *annotation.timexes):
        assert text[found.start : found.end] == found.text
    for role in annotation.roles:
        assert 0 <= role.start < role.end <= len(text)
    for event in annotation.events:
        assert event.sentence_start <= event.start < event.end <= event.sentence_end <= len(text)
        assert event.actor_text is None or event.actor_text in text


@pytest.mark.parametrize("size", [300, 1000, 2500])
def test_an_article_in_pieces_keeps_every_offset_exact(annotate, size):
    cut = AnnotateStage(piece_chars=size, extend=with_events)
    cut.nlp = annotate.nlp
    for item in seed_articles():
        (annotation,) = cut([item])
        assert annotation.article_id == item.article_id and annotation.mentions
        assert_spans_exact(item.text, annotation)


def test_an_article_cut_at_paragraph_breaks_finds_what_it_finds_whole(annotate):
    """The same sentences, names, dates, roles and events at the same offsets; only what needs
    another piece differs (a surname's full name given in an earlier piece)."""
    (item,) = [a for a in seed_articles() if len(a.text) > 5000]
    cut = AnnotateStage(piece_chars=3000, extend=with_events)
    cut.nlp = annotate.nlp
    assert len(pieces(item.text, 3000)) == 2
    (whole,), (joined,) = annotate([item]), cut([item])
    assert (joined.sentences, joined.timexes, joined.roles) == (
        whole.sentences,
        whole.timexes,
        whole.roles,
    )

    def spans(records):
        return [(r.start, r.end, r.type) for r in records]

    assert spans(joined.mentions) == spans(whole.mentions)
    assert spans(joined.events) == spans(whole.events)


def test_an_article_over_the_bound_fails_before_any_parsing(annotate):
    items = seed_articles()
    bounded = AnnotateStage(max_chars=2000, extend=with_events)
    bounded.nlp = None  # parsing anything would raise AttributeError, not the bound
    with pytest.raises(TooLongToAnnotate, match="over the 2,000 storyline annotates"):
        bounded(items)
    bounded.nlp = annotate.nlp
    results = Isolated(bounded, "annotate", attrgetter("article_id", "source"))(items)
    failed = [r for r in results if isinstance(r, Failure)]
    assert [f.document for f in failed] == [i.article_id for i in items if len(i.text) > 2000]
    assert {f.error for f in failed} == {"TooLongToAnnotate"}
    kept = [r for r in results if not isinstance(r, Failure)]
    assert kept == annotate([i for i in items if len(i.text) <= 2000])


# HTML: a page past the bound on tags is cut -----------------------------------------------------


def long_page(paragraphs: int) -> bytes:
    """An article of numbered real sentences, one `<p>` each."""
    sentences = [s for s in prose().split(". ") if len(s) > 60]
    body = "".join(
        f"<p>Paragraph {i}: {sentences[i % len(sentences)]}.</p>\n" for i in range(paragraphs)
    )
    page = f"<html><head><title>A long page</title></head><body><article>{body}</article></body></html>"
    return page.encode()


def test_a_page_past_the_tag_bound_is_read_up_to_the_cut(monkeypatch):
    monkeypatch.setattr("storyline.clean.html.MAX_TAGS", 600)
    found = clean_html(long_page(2000))
    assert found.cut.startswith("4,010 tags, over the 600 storyline reads of one page")
    numbers = [int(re.match(r"Paragraph (\d+):", text).group(1)) for text, _ in found.paragraphs]
    assert numbers[0] == 0 and 250 <= len(numbers) <= 300  # about one <p> in two tags
    assert numbers == sorted(numbers) and numbers[-1] < 300  # the page's head, in order
    assert clean_html(long_page(200)).cut is None


@pytest.mark.slow
def test_a_cut_page_keeps_its_article_and_is_reported(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr("storyline.clean.html.MAX_TAGS", 600)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.html").write_bytes(long_page(2000))
    (tmp_path / "in" / "short.html").write_bytes(long_page(100))
    report = corpus.build([tmp_path / "in"], engine="local")
    (failed,) = report.failed
    assert failed.source.endswith("long.html") and failed.stage == "clean"
    assert failed.error == "PageTooLarge" and report.new == 2
    long = next(a for a in corpus.articles() if a.source.endswith("long.html"))
    assert long.text.startswith("Paragraph 0:") and corpus.annotation(long.id).sentences
    assert corpus.build([tmp_path / "in"], engine="local").failed == report.failed  # still true


# whole builds on hostile documents (the shapes and sizes) -------------------------------


@pytest.mark.stress  # the gauntlet builds these in CI
def test_hostile_documents_build_beside_real_ones_and_the_store_builds_again(tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    (inputs / "line.txt").write_text(SHAPES["prose on one line"](10_000_000), encoding="utf-8")
    (inputs / "page.html").write_bytes(long_page(60_000))  # 12 MB, under ingest's 20 MiB
    db = str(tmp_path / "store.db")
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["build", str(inputs), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - started < 300  # never finished, or died on E088
    report = json.loads(result.stdout)
    assert report["new"] == 6
    failed = {
        (Path(f["source"]).name, f["stage"], f["error"].split(":")[0]) for f in report["failed"]
    }
    assert failed == {
        ("line.txt", "annotate", "TooLongToAnnotate"),
        ("page.html", "clean", "PageTooLarge"),
        ("page.html", "annotate", "TooLongToAnnotate"),
    }
    with Corpus(db) as corpus:
        seeds = [a for a in corpus.articles() if a.source.endswith(".txt") and len(a.text) < 10**5]
        assert len(seeds) == 4 and all(corpus.annotation(a.id).mentions for a in seeds)
        assert corpus.entities() and corpus.stories()
    again = CliRunner().invoke(app, ["build", str(inputs), "--db", db, "--json", "--strict"])
    assert again.exit_code == 1 and json.loads(again.stdout)["unchanged"] == 6


@pytest.mark.stress
def test_an_article_over_spacys_limit_is_annotated_in_pieces(corpus, tmp_path):
    paragraphs = [line for n in range(4) for line in seed_text(n).splitlines() if len(line) > 80]
    text = "\n\n".join(paragraphs * (1_200_000 // len("\n\n".join(paragraphs)) + 1))
    (tmp_path / "long.txt").write_text(text[:1_200_000], encoding="utf-8")
    report = corpus.build([tmp_path / "long.txt"], engine="local")
    assert report.new == 1 and report.failed == ()
    (article,) = corpus.articles()
    assert len(article.text) > 1_000_000  # over spaCy's max_length: error E088 before
    annotation = corpus.annotation(article.id)
    assert len(annotation.mentions) > 1000 and annotation.events
    assert_spans_exact(article.text, annotation)
    assert corpus.build([tmp_path / "long.txt"], engine="local").unchanged == 1
