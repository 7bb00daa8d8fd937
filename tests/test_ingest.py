"""Ingest: every input becomes pages or a skip with a reason, never an exception."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from storyline import Corpus
from storyline.cli import app
from storyline.ingest import read_inputs
from storyline.records import Decoding, RawPage, Skipped

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", "A story inside a zip.")
    return buffer.getvalue()


def _read(*paths):
    items = list(read_inputs([str(p) for p in paths]))
    pages = {i.source: i for i in items if isinstance(i, RawPage)}
    skips = {i.source: i.reason for i in items if isinstance(i, Skipped)}
    return pages, skips


def test_seed_folder_gives_one_text_page_per_file():
    pages, skips = _read(SEEDS)
    assert not skips
    assert len(pages) == 4
    assert all(p.kind == "text" for p in pages.values())
    assert all(source.startswith(str(SEEDS)) for source in pages)


def test_binary_files_are_skipped_with_what_they_are(tmp_path):
    (tmp_path / "image.png").write_bytes(PNG)
    (tmp_path / "disguised.html").write_bytes(PNG)
    (tmp_path / "archive.txt").write_bytes(_zip_bytes())
    (tmp_path / "nul.txt").write_bytes(b"text\x00with\x00nuls")
    pages, skips = _read(tmp_path)
    assert not pages
    assert "unsupported file type (.png)" in skips[str(tmp_path / "image.png")]
    assert "PNG image" in skips[str(tmp_path / "disguised.html")]
    assert "ZIP archive" in skips[str(tmp_path / "archive.txt")]
    assert "NUL bytes" in skips[str(tmp_path / "nul.txt")]


def test_windows_1252_text_is_decoded_not_mangled(tmp_path):
    text = (
        "Caf\u00e9 owners said the \u201cnew rules\u201d would cost \u00a35,000 \u2013 a lot.\n" * 3
    )
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "latin1.txt").write_bytes(
        "Na\u00efve r\u00e9sum\u00e9 of the d\u00e9j\u00e0 vu.".encode("latin-1")
    )
    pages, skips = _read(tmp_path)
    assert not skips
    assert pages[str(tmp_path / "cp1252.txt")].content.decode("utf-8") == text
    assert "r\u00e9sum\u00e9" in pages[str(tmp_path / "latin1.txt")].content.decode("utf-8")


def test_empty_and_whitespace_files_are_skipped(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b"  \n\t\n")
    (tmp_path / "empty.jsonl").write_bytes(b"\n\n")
    _, skips = _read(tmp_path)
    assert set(skips.values()) == {"empty file"}
    assert len(skips) == 3


def test_huge_file_is_skipped_without_reading_it_all(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as out:
        out.write(b"All work and no play. " * (50 * 2**20 // 22 + 1))
    assert huge.stat().st_size >= 50 * 2**20
    _, skips = _read(huge)
    assert "too large" in skips[str(huge)]
    pages, skips = list(read_inputs([str(huge)], max_bytes=60 * 2**20)), None
    assert isinstance(pages[0], RawPage)


def test_json_lines_keep_valid_lines_and_report_invalid_ones(tmp_path):
    lines = [
        json.dumps({"url": "https://example.com/a", "title": "A", "text": "First story text."}),
        "{not json",
        json.dumps(
            {"text": "Second story text.", "published": "2009-11-02", "author": "Jo Bloggs"}
        ),
        json.dumps(["a", "list"]),
        json.dumps({"title": "no body"}),
        json.dumps({"html": "<html><body><p>Third story.</p></body></html>"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    pages, skips = _read(path)
    assert set(pages) == {"https://example.com/a", f"{path}#line3", f"{path}#line6"}
    assert pages["https://example.com/a"].hints == {"title": "A"}
    assert pages[f"{path}#line3"].hints == {"published": "2009-11-02", "byline": "Jo Bloggs"}
    assert pages[f"{path}#line6"].kind == "html"
    assert skips[f"{path}#line2"].startswith("invalid JSON")
    assert skips[f"{path}#line4"] == "JSON value is not an object"
    assert "no `text` or `html`" in skips[f"{path}#line5"]


def test_json_file_may_hold_an_object_or_an_array(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": "One.", "title": "T"}, indent=2))
    (tmp_path / "many.json").write_text(json.dumps([{"text": "Two."}, {"text": "Three."}]))
    pages, skips = _read(tmp_path)
    assert not skips
    assert set(pages) == {
        str(tmp_path / "one.json"),
        f"{tmp_path / 'many.json'}#item1",
        f"{tmp_path / 'many.json'}#item2",
    }


def test_gzip_inputs_and_broken_gzip(tmp_path):
    (tmp_path / "good.txt.gz").write_bytes(gzip.compress(b"Headline\n\nA gzipped story."))
    (tmp_path / "good.jsonl.gz").write_bytes(gzip.compress(b'{"text": "Line story."}\n'))
    (tmp_path / "broken.html.gz").write_bytes(gzip.compress(b"<p>" + b"x" * 5000)[:40])
    (tmp_path / "notgzip.txt.gz").write_bytes(b"plain text pretending")
    pages, skips = _read(tmp_path)
    assert str(tmp_path / "good.txt.gz") in pages
    assert f"{tmp_path / 'good.jsonl.gz'}#line1" in pages
    assert skips[str(tmp_path / "broken.html.gz")].startswith("broken gzip file")
    assert skips[str(tmp_path / "notgzip.txt.gz")].startswith("broken gzip file")


def test_symlink_loops_and_links_outside_are_skipped(tmp_path):
    inputs = tmp_path / "inputs"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "sub" / "story.txt").write_text("A story.")
    os.symlink(inputs, inputs / "sub" / "loop")
    os.symlink(inputs / "a", inputs / "b")
    os.symlink(inputs / "b", inputs / "a")
    secret = tmp_path / "secret.txt"
    secret.write_text("not for storyline")
    os.symlink(secret, inputs / "outside.txt")
    pages, skips = _read(inputs)
    assert list(pages) == [str(inputs / "sub" / "story.txt")]
    assert "symlink loop" in skips[str(inputs / "sub" / "loop")]
    assert "symlink loop" in skips[str(inputs / "a")]
    assert "outside the requested inputs" in skips[str(inputs / "outside.txt")]


def test_missing_path_and_unsupported_types(tmp_path):
    (tmp_path / "notes.md").write_text("# notes")
    _, skips = _read(tmp_path / "nope", tmp_path / "notes.md")
    assert skips[str(tmp_path / "nope")] == "no such file or directory"
    assert "unsupported file type (.md)" in skips[str(tmp_path / "notes.md")]


def test_same_bytes_give_the_same_hash(tmp_path):
    (tmp_path / "a.txt").write_text("Same story.")
    (tmp_path / "b.txt").write_text("Same story.")
    pages, _ = _read(tmp_path)
    assert len({p.hash for p in pages.values()}) == 1


def test_a_file_reached_twice_is_read_once_and_said_so(tmp_path):
    (tmp_path / "story.txt").write_text("A story.")
    os.symlink(tmp_path / "story.txt", tmp_path / "alias.txt")
    pages, skips = _read(tmp_path)
    assert list(pages) == [str(tmp_path / "alias.txt")]
    assert "read once" in skips[str(tmp_path / "story.txt")]


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path):
    folder = os.path.join(os.fsencode(tmp_path), b"d\xe9j\xe0")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as out:
        out.write(b"Headline\n\nA story about the cafe that opened on the corner.\n")
    os.symlink(os.path.join(folder, b"gone\xff.txt"), os.path.join(folder, b"link\xff.txt"))
    pages, skips = _read(tmp_path)
    assert pages[f"{tmp_path}/d\\xe9j\\xe0/caf\\xe9.txt"].content.startswith(b"Headline")
    assert skips == {f"{tmp_path}/d\\xe9j\\xe0/link\\xff.txt": "broken symlink or symlink loop"}


def test_utf16_and_utf32_json_lines_with_a_byte_order_mark_are_json_lines(tmp_path):
    records = [
        {"title": f"T{n}", "text": f"Caf\u00e9 story {n} in M\u00fcnchen."} for n in range(3)
    ]
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    for codec in ("utf-16", "utf-16-be", "utf-32"):
        bom = {"utf-16-be": b"\xfe\xff"}.get(codec, b"")
        (tmp_path / f"{codec}.jsonl").write_bytes(bom + lines.encode(codec))
    (tmp_path / "cut.jsonl").write_bytes(lines.encode("utf-16")[:-3])  # cut at an odd byte
    pages, skips = _read(tmp_path)
    for codec in ("utf-16", "utf-16-be", "utf-32", "cut"):
        texts = [pages[f"{tmp_path / codec}.jsonl#line{n}"].content.decode() for n in (1, 2)]
        assert texts == [r["text"] for r in records[:2]]
    assert pages[f"{tmp_path}/utf-32.jsonl#line3"].decoding == Decoding("utf-32-le", "bom")
    assert skips == {
        f"{tmp_path}/cut.jsonl#line3": "invalid JSON: Expecting ',' delimiter: line 1 column 51 (char 50)"
    }


def test_a_utf16_text_cut_at_an_odd_byte_keeps_its_text(tmp_path):
    story = "Headline\n\nA story about the caf\u00e9 owners in M\u00fcnchen.\n\nThey said no.\n"
    (tmp_path / "cut.txt").write_bytes(story.encode("utf-16")[:-1])
    pages, skips = _read(tmp_path)
    page = pages[str(tmp_path / "cut.txt")]
    assert page.content.decode() == story[:-1] + "\ufffd"
    assert page.decoding == Decoding("utf-16-le", "bom", replaced=1)


def test_a_stray_byte_no_longer_turns_a_utf8_file_into_mojibake(tmp_path):
    story = "Prices rose to 5\u20ac at the caf\u00e9, owners said.\n" * 4
    (tmp_path / "stray.txt").write_bytes(story.encode()[:30] + b"\x92" + story.encode()[30:])
    (page,) = _read(tmp_path)[0].values()
    assert page.content.decode().replace("\ufffd", "") == story
    assert page.decoding == Decoding("utf-8", "utf-8", replaced=1)


def test_json_escapes_no_store_can_hold_are_replaced_and_counted(tmp_path):
    (tmp_path / "odd.jsonl").write_text(
        '{"url": "https://example.com/\\udce9", "title": "\\ud800 T", "text": "A \\udfff story."}\n'
    )
    (page,) = _read(tmp_path)[0].values()
    assert (page.source, page.hints["title"]) == ("https://example.com/\ufffd", "\ufffd T")
    assert page.content.decode() == "A \ufffd story."
    assert page.decoding == Decoding("utf-8", "utf-8", replaced=3)


# what a user sees: a build over hostile inputs, its report, `storyline show`, the web pages ---

STORY = "Officials met on Tuesday to discuss the new road. They agreed to build it next spring."
MUNICH_PAGE = (
    '<html><head><title>Caf\u00e9 owners</title><meta property="article:published_time"'
    ' content="10000-01-01"></head><body><article><h1>Caf\u00e9 owners</h1><p>Caf\u00e9 owners'
    f" in M\u00fcnchen said the rules would hurt them. {STORY}</p></article></body></html>"
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A build over the inputs that broke `storyline build` (see the trust issue), run twice."""
    root = tmp_path_factory.mktemp("hostile")
    folder = os.fsencode(root / "inputs")
    os.mkdir(folder)
    files = {
        b"caf\xe9.txt": f"Cafe opens\n\n{STORY}\n".encode(),
        b"stray.txt": f"Prices rise\n\nPrices rose to 5\u20ac. {STORY}\n".encode()
        .replace(b"rose", b"ro\x92se").replace(b"met", b"m\x92et\x93"),
        b"feed.jsonl": "".join(
            json.dumps({"title": f"Feed story {n}", "text": f"Story {n}. {STORY}",
                        "published": published}) + "\n"
            for n, published in enumerate(("10000-01-01", "9999-12-31", "0000-05-01"))
        ).encode("utf-16"),
        b"munich.html": MUNICH_PAGE.encode("latin-1"),
        b"lying.html": MUNICH_PAGE.replace("<head>", '<head><meta charset="iso-8859-1">')
        .replace("10000-01-01", "2017-03-04").replace("owners", "patrons").encode(),
    }  # fmt: skip
    for name, data in files.items():
        with open(os.path.join(folder, name), "wb") as out:
            out.write(data)
    db = root / "hostile.db"
    inputs = root / "inputs"
    result = CliRunner().invoke(app, ["build", str(inputs), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    with Corpus(db) as corpus:
        again = corpus.build([inputs])
        articles = {a.source.removeprefix(f"{inputs}/"): a for a in corpus.articles()}
    return {"db": db, "first": json.loads(result.stdout), "again": again, "articles": articles}


def test_hostile_inputs_build_and_the_report_says_what_was_changed_or_dropped(hostile):
    articles, first = hostile["articles"], hostile["first"]
    assert sorted(articles) == [
        "caf\\xe9.txt", "feed.jsonl#line1", "feed.jsonl#line2", "feed.jsonl#line3",
        "lying.html", "munich.html", "stray.txt",
    ]  # fmt: skip
    assert first["skipped"] == []
    warnings = {w["source"].rsplit("/", 1)[1]: w["warning"] for w in first["warnings"]}
    assert warnings == {
        "stray.txt": "3 undecodable sequences replaced by U+FFFD (read as utf-8)",
        "feed.jsonl#line1": "published date '10000-01-01' outside years 1-9999 dropped",
        "feed.jsonl#line3": "published date '0000-05-01' outside years 1-9999 dropped",
        "munich.html": "date 10000-01-01 in the page's metadata is outside years 1-9999, not used",
    }
    assert hostile["again"].to_json()["warnings"] == first["warnings"]  # told on every build


def test_hostile_inputs_are_decoded_without_mojibake(hostile):
    articles = hostile["articles"]
    assert "Prices ro\ufffdse to 5\u20ac." in articles["stray.txt"].text
    assert (
        "Caf\u00e9 owners in M\u00fcnchen" in articles["munich.html"].text
    )  # not "Cafķ ... M³nchen"
    assert articles["munich.html"].decoding == Decoding("cp1252", "fallback")
    assert (
        "Caf\u00e9 patrons in M\u00fcnchen" in articles["lying.html"].text
    )  # UTF-8 despite its meta
    assert articles["feed.jsonl#line1"].decoding == Decoding("utf-16-le", "bom")


def test_dates_outside_years_1_to_9999_are_never_stored(hostile):
    articles = hostile["articles"]
    assert articles["feed.jsonl#line1"].published is None
    assert articles["feed.jsonl#line3"].published is None
    assert articles["munich.html"].published is None
    sentinel = articles["feed.jsonl#line2"].published  # a "no date" sentinel is a real date
    assert (sentinel.value, sentinel.latest.year) == ("9999-12-31", 9999)


def test_show_and_the_article_page_say_how_the_page_was_decoded(hostile):
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    article = hostile["articles"]["stray.txt"]
    shown = CliRunner().invoke(app, ["show", article.id, "--db", str(hostile["db"])])
    assert "encoding: utf-8 (valid UTF-8; 3 undecodable sequences replaced by U+FFFD)" in (
        " ".join(shown.stdout.split())
    )
    data = json.loads(
        CliRunner().invoke(app, ["show", article.id, "--db", str(hostile["db"]), "--json"]).stdout
    )
    assert (data["encoding"], data["encoding_how"], data["encoding_replaced"]) == (
        "utf-8",
        "utf-8",
        3,
    )
    with TestClient(create_app(hostile["db"], hosts=["testserver"])) as client:
        page = client.get(f"/articles/{article.id}")
        row = next(r for r in page.context["c"].metadata if r.field == "Encoding")
        assert (row.value, row.how) == ("utf-8", article.decoding.explained)
        build = client.get("/build")
        assert "3 undecodable sequences replaced by U+FFFD" in build.text
        # The web shows each source from the input folder's name down, never the builder's paths.
        root = str(hostile["db"].parent) + "/"
        shown = [
            {**warning, "source": warning["source"].removeprefix(root)}
            for warning in hostile["first"]["warnings"]
        ]
        assert client.get("/api/build").json()["report"]["warnings"] == shown
        assert all(not w["source"].startswith("/") for w in shown)
