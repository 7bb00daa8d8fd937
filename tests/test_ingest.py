"""Ingest: every input becomes pages or a skip with a reason, never an exception."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile

from conftest import SEEDS

from storyline.ingest import read_inputs
from storyline.records import RawPage, Skipped

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
