"""WARC archives and remote inputs: HTML responses become articles with their crawl date kept
apart from the publication date; everything else in an archive, a truncation and a failed
remote read is reported, never a crash."""

from __future__ import annotations

import gzip
import html
import io
import json
import os
import shutil
import threading
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline import Corpus
from storyline.cli import app
from storyline.demo import demo_path
from storyline.ingest import read_inputs, remote
from storyline.records import Decoding, RawPage, Skipped
from storyline.web import create_app

CRAWLED = "2024-05-17T08:15:00Z"
RECRAWLED = "2024-06-02T11:00:00Z"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
SITE = "https://news.example.com/apple"


def _demo_articles(n: int) -> list[tuple[str, str, list[str]]]:
    """(title, date line, paragraphs) of the first n Wikinews demo articles about Apple."""
    found = []
    for path in sorted((demo_path() / "apple").glob("*.txt"))[:n]:
        title, dateline, *body = [line for line in path.read_text("utf-8").splitlines() if line]
        found.append((title, dateline, body))
    return found


def _html(title: str, body: list[str], published: str | None = None) -> bytes:
    """A news page; dated in its metadata only when `published` is given."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body)
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/tech'>Tech</a></nav><article>"
        f"<h1>{html.escape(title)}</h1>{paragraphs}</article><footer>© Example News</footer>"
        f"</body></html>"
    ).encode()


def _response(writer, url, payload, *, type="text/html; charset=utf-8", status="200 OK",
              date=CRAWLED):  # fmt: skip
    headers = StatusAndHeaders(status, [("Content-Type", type)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        url, "response", payload=io.BytesIO(payload), http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )  # fmt: skip


def _write_warc(path, records) -> list[int]:
    """Write records made by `records(writer)` to a WARC (gzipped per record for .gz); the byte
    offset each record starts at."""
    offsets = []
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=str(path).endswith(".gz"))
        for record in records(writer):
            offsets.append(out.tell())
            writer.write_record(record)
    return offsets


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """A CC-NEWS-like archive: pages with and without dates, the furniture of a crawl, a
    duplicate, a re-crawl with new content, and a last record cut in half."""
    (a_title, a_date, a_body), (b_title, _, b_body), (d_title, _, d_body), *more = _demo_articles(6)
    (f_title, _, f_body), (h_title, _, h_body), _ = more
    page_a = _html(a_title, a_body, published="2008-03-06")
    page_b = _html(b_title, b_body)  # no date anywhere in the markup
    assert "2008" in a_date

    def records(writer):
        yield writer.create_warcinfo_record("cc-news.warc.gz", {"software": "test crawler"})
        request = StatusAndHeaders(
            "GET /apple/sdk HTTP/1.1", [("Host", "news.example.com")], is_http_request=True
        )
        yield writer.create_warc_record(
            f"{SITE}/sdk", "request", payload=io.BytesIO(b""), http_headers=request
        )
        yield _response(writer, f"{SITE}/sdk", page_a)  # 3
        yield _response(writer, f"{SITE}/itunes", page_b)  # 4
        yield _response(writer, f"{SITE}/logo.png", PNG, type="image/png")  # 5
        lying = _html(d_title, d_body)
        yield _response(writer, f"{SITE}/ceo", lying, type="application/octet-stream")  # 6
        yield _response(writer, f"{SITE}/sdk", page_a, date=RECRAWLED)  # 7: same bytes again
        yield _response(writer, f"{SITE}/itunes", _html(f_title, f_body), date=RECRAWLED)  # 8
        yield _response(
            writer, f"{SITE}/gone", _html("Not found", ["Gone."]), status="404 Not Found"
        )
        yield _response(writer, f"{SITE}/cut", _html(h_title, h_body))  # 10: cut below

    root = tmp_path_factory.mktemp("warc")
    path = root / "cc-news.warc.gz"
    offsets = _write_warc(path, records)
    data = path.read_bytes()
    path.write_bytes(data[: offsets[-1] + (len(data) - offsets[-1]) // 2])
    db = root / "warc.db"
    with Corpus(db) as corpus:
        first = corpus.build([path])
        second = corpus.build([path])
        articles = {a.source.rsplit("#", 1)[1]: a for a in corpus.articles()}
    return {"path": str(path), "db": db, "first": first, "second": second, "articles": articles}


def test_html_responses_become_articles_with_their_url_and_source(archive):
    articles = archive["articles"]
    assert set(articles) == {"record3", "record4", "record6", "record8"}
    assert articles["record3"].url == f"{SITE}/sdk"
    assert articles["record3"].source == f"{archive['path']}#record3"
    assert articles["record6"].url == f"{SITE}/ceo"  # served as octet-stream, sniffed as HTML
    assert "iPhone" in articles["record3"].text


def test_the_crawl_date_is_kept_and_never_taken_for_the_publication_date(archive):
    articles = archive["articles"]
    assert {a.crawled for a in articles.values()} == {CRAWLED, RECRAWLED}
    dated = articles["record3"]
    assert dated.published.value == "2008-03-06" and dated.published_how == "metadata"
    for article in articles.values():
        assert article.published is None or not article.published.value.startswith("2024")
    assert articles["record4"].to_json()["crawled"] == CRAWLED


def test_duplicate_and_recrawled_urls(archive):
    """The same bytes under the same URL are a duplicate; new bytes under it are another crawl,
    kept as their own article."""
    report, articles = archive["first"], archive["articles"]
    assert report.new == 4 and report.duplicate == 1
    assert articles["record4"].url == articles["record8"].url
    assert articles["record4"].id != articles["record8"].id


def test_left_out_records_and_the_truncation_are_reported(archive):
    skipped = {s.source: s.reason for s in archive["first"].skipped}
    path = archive["path"]
    summary = skipped[path]
    assert summary.startswith("4 of the 9 WARC records read are not HTML pages")
    for reason in ("1 warcinfo", "1 request", "1 image/png", "1 HTTP 404"):
        assert reason in summary
    cut = skipped[f"{path}#record10"]
    assert "breaks at record 10" in cut and "the 9 records before it were read" in cut
    assert set(skipped) == {path, f"{path}#record10"}


def test_rebuilding_the_archive_adds_nothing(archive):
    second = archive["second"]
    assert second.new == 0 and second.duplicate == 0 and second.unchanged == 5
    assert second.skipped == archive["first"].skipped


def test_show_and_the_web_page_list_crawled_apart_from_published(archive):
    article = archive["articles"]["record3"]
    out = CliRunner().invoke(app, ["show", article.id, "--db", str(archive["db"])]).stdout
    assert "published: 2008-03-06 (metadata)" in out and f"crawled: {CRAWLED}" in out
    with TestClient(create_app(archive["db"], hosts=["testserver"])) as client:
        page = client.get(f"/api/articles/{article.id}").json()
    rows = {row["field"]: row["value"] for row in page["metadata"]}
    assert rows["Crawled"] == CRAWLED and rows["Published"] == "2008-03-06"
    assert page["article"]["crawled"] == CRAWLED


def _read(*paths, **options):
    items = list(read_inputs([str(p) for p in paths], **options))
    pages = {i.source: i for i in items if isinstance(i, RawPage)}
    skips = {i.source: i.reason for i in items if isinstance(i, Skipped)}
    return pages, skips


def test_a_corrupt_or_empty_archive_is_a_skip_not_a_crash(tmp_path):
    def one_page(writer):
        yield _response(writer, f"{SITE}/sdk", _html("Apple", ["Apple released an SDK."]))

    good = tmp_path / "good.warc"
    _write_warc(good, one_page)
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(good.read_bytes() + b"this is not a WARC record\r\n" * 3)
    (tmp_path / "empty.warc").write_bytes(b"")
    (tmp_path / "page.warc").write_bytes(b"<html><body>An HTML page named .warc</body></html>")
    pages, skips = _read(tmp_path)
    assert set(pages) == {f"{good}#record1", f"{garbage}#record1"}
    assert "breaks at record 2" in skips[f"{garbage}#record2"]
    assert "breaks at record 1" in skips[f"{tmp_path / 'page.warc'}#record1"]
    assert skips[str(tmp_path / "empty.warc")] == "empty WARC archive: no records"


@pytest.fixture
def web_root(tmp_path):
    """A local web server over a folder: (folder, base URL)."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_web_inputs_are_streamed_and_failures_are_skips(web_root, archive):
    root, base = web_root
    (root / "story.html").write_bytes(_html("Apple", ["Apple released an SDK for the iPhone."]))
    (root / "huge.html").write_bytes(b"<html><body>" + b"<p>word</p>" * 2000 + b"</body></html>")
    (root / "feed.jsonl.gz").write_bytes(
        gzip.compress(json.dumps({"text": "A story.", "url": f"{SITE}/j"}).encode() + b"\n")
    )
    shutil.copy(archive["path"], root / "cc.warc.gz")
    names = ("story.html", "huge.html", "feed.jsonl.gz", "cc.warc.gz", "missing.html")
    pages, skips = _read(*(f"{base}/{name}" for name in names), max_bytes=10_000)
    assert pages[f"{base}/story.html"].kind == "html"
    assert pages[f"{SITE}/j"].content == b"A story."
    assert pages[f"{base}/cc.warc.gz#record3"].hints == {"crawled": CRAWLED, "charset": "utf-8"}
    assert "breaks at record 10" in skips[f"{base}/cc.warc.gz#record10"]
    assert skips[f"{base}/huge.html"].startswith("too large")
    assert skips[f"{base}/missing.html"] == "cannot read file: HTTP Error 404: File not found"
    unreachable = "http://127.0.0.1:9/nothing.html"  # the discard port: connection refused
    assert _read(unreachable)[1][unreachable].startswith("cannot read file:")


def test_object_store_uris_are_listed_and_read_through_pyarrow(tmp_path, monkeypatch):
    """An `s3://` prefix, served by pyarrow's local filesystem in place of S3: the same listing
    and reading code, without a network.  Credentials in the URI never reach a source."""
    from pyarrow.fs import LocalFileSystem

    bucket = tmp_path / "bucket"
    (bucket / "news" / "2024").mkdir(parents=True)
    (bucket / "news" / "2024" / "a.html.gz").write_bytes(gzip.compress(_html("A", ["Story A."])))
    (bucket / "news" / "b.txt").write_text("Story B.\n")
    (bucket / "news" / "c.png").write_bytes(PNG)

    def local_bucket(uri):
        path = urlsplit(uri).path
        return LocalFileSystem(), str(tmp_path / "bucket") + path

    monkeypatch.setattr(remote, "filesystem_of", local_bucket)
    pages, skips = _read("s3://KEY:SECRET@bucket/news?secret_key=SECRET", "s3://bucket/nowhere")
    assert set(pages) == {"s3://bucket/news/2024/a.html.gz", "s3://bucket/news/b.txt"}
    assert pages["s3://bucket/news/b.txt"].content == b"Story B.\n"
    assert "unsupported file type (.png)" in skips["s3://bucket/news/c.png"]
    assert skips["s3://bucket/nowhere"] == "no such file, object or prefix"
    assert "SECRET" not in repr((pages, skips))


def test_unknown_schemes_fail_per_input_and_file_uris_keep_the_local_rules(tmp_path):
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    (inside / "a.txt").write_text("A story.\n")
    (outside / "secret.txt").write_text("Not asked for.\n")
    os.symlink(outside, inside / "link")
    pages, skips = _read(inside.as_uri(), "nosuch://bucket/a.html")
    assert set(pages) == {str(inside / "a.txt")}
    assert "symlink points outside" in skips[str(inside / "link")]
    assert skips["nosuch://bucket/a.html"].startswith("cannot list:")


def test_the_build_command_takes_uris_as_given(web_root, tmp_path):
    root, base = web_root
    (root / "story.html").write_bytes(_html("Apple", ["Apple released an SDK for the iPhone."]))
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["build", f"{base}/story.html", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 1
    with Corpus(db) as corpus:
        assert [a.source for a in corpus.articles()] == [f"{base}/story.html"]


@pytest.fixture
def slow_site():
    """A local server whose pages are {path: (content type, body, seconds between chunks,
    chunk size)}: a slow-drip server, and one that declares a charset in its header."""
    pages: dict[str, tuple[str, bytes, float, int]] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            content_type, body, pause, size = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for start in range(0, len(body), size):
                    self.wfile.write(body[start : start + size])
                    self.wfile.flush()
                    time.sleep(pause)
            except OSError:  # the reader gave up and hung up
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield pages, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_slow_drip_server_is_a_named_skip_after_the_deadline(slow_site):
    pages, base = slow_site
    pages["/drip.html"] = ("text/html", _html("Apple", ["Apple released an SDK."]), 0.2, 1)
    started = time.monotonic()
    items = list(read_inputs([f"{base}/drip.html"], http_deadline=1))
    assert time.monotonic() - started < 2.5
    assert items == [
        Skipped(
            f"{base}/drip.html",
            "cannot read file: gave up after 1 s: the server sends too slowly"
            " (Corpus.build(http_deadline=...) allows more time)",
        )
    ]


def test_the_deadline_is_per_page_for_a_many_page_input(slow_site):
    pages, base = slow_site
    lines = "".join(json.dumps({"text": f"Story {n}."}) + "\n" for n in range(4)).encode()
    pages["/feed.jsonl"] = ("application/x-ndjson", lines, 0.4, len(lines) // 4)
    found = list(read_inputs([f"{base}/feed.jsonl"], http_deadline=1))
    assert [p.content for p in found] == [f"Story {n}.".encode() for n in range(4)]


def test_a_charset_declared_in_the_http_header_decodes_the_page(slow_site, tmp_path):
    pages, base = slow_site
    body = ["Министр иностранных дел прибыл в Лондон для переговоров о визите."] * 3
    page = _html("Визит", body).replace(b"<!DOCTYPE html>", b"")
    pages["/ru.html"] = ("text/html; charset=koi8-r", page.decode().encode("koi8-r"), 0, 1 << 16)
    with Corpus(tmp_path / "ru.db") as corpus:
        corpus.build([f"{base}/ru.html"])
        (article,) = corpus.articles()
    assert article.text.startswith(body[0])
    assert article.decoding == Decoding("koi8-r", "http-header")


def test_a_warc_records_http_charset_is_passed_on(tmp_path):
    body = ["Министр иностранных дел прибыл в Лондон для переговоров о визите."] * 3
    page = _html("Визит", body).decode().encode("cp1251")

    def records(writer):
        yield _response(writer, f"{SITE}/ru", page, type="text/html; charset=windows-1251")

    _write_warc(tmp_path / "ru.warc", records)
    with Corpus(tmp_path / "ru.db") as corpus:
        corpus.build([tmp_path / "ru.warc"])
        (article,) = corpus.articles()
    assert article.text.startswith(body[0])
    assert article.decoding == Decoding("cp1251", "http-header")


def test_the_readme_anonymous_s3_example_makes_an_anonymous_filesystem():
    """Constructed, never listed: no network is needed."""
    from pyarrow.fs import GcsFileSystem, S3FileSystem

    uri = "s3://commoncrawl/crawl-data/CC-NEWS/2024/01/?anonymous=true"
    filesystem, path = remote.filesystem_of(uri)
    assert isinstance(filesystem, S3FileSystem)
    assert path == "commoncrawl/crawl-data/CC-NEWS/2024/01"
    assert filesystem.__reduce__()[1][0]["anonymous"] is True
    filesystem, path = remote.filesystem_of("s3://b/news?region=eu-west-1&anonymous=1")
    assert (filesystem.region, path) == ("eu-west-1", "b/news")
    filesystem, path = remote.filesystem_of("gs://b/news/?anonymous=true")
    options = filesystem.__reduce__()[1][0]
    assert isinstance(filesystem, GcsFileSystem)
    assert (options["anonymous"], options["scheme"], path) == (True, "https", "b/news")
    filesystem, _ = remote.filesystem_of("s3://b/news?anonymous=false&region=eu-west-1")
    assert filesystem.__reduce__()[1][0]["anonymous"] is False
    _, skips = _read("s3://b/news?anonymous=true&secret_key=SECRET")
    assert skips["s3://b/news"] == (
        "cannot list: with anonymous=true, secret_key cannot be used"
        " (accepted: region, scheme, endpoint_override)"
    )
