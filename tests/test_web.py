"""The web explorer, in-process: every page and its JSON twin, errors, escaping, CSP."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from conftest import BIDI_CONTROLS, LONG_WORD, SEEDS
from fastapi.testclient import TestClient
from markupsafe import Markup

from storyline import Corpus
from storyline.errors import StoreReadOnly, StoreTooOld
from storyline.web import create_app, views
from storyline.web.deps import Settings, open_corpus
from storyline.web.highlight import Span, render, without_bidi_controls

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_TITLE = f"Evil {SCRIPT} headline {IMG}"
HOSTILE_TEXT = (
    f"Hostile page {SCRIPT} reports that ministers met in London on 3 March 2015. "
    f"The meeting {IMG} was held at the Foreign Office.\n\n"
    "Officials said the Russian delegation would return in April 2015."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    root = tmp_path_factory.mktemp("web")
    hostile = root / "hostile.jsonl"
    hostile.write_text(
        json.dumps({"title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "published": "2015-03-04",
                    "url": "javascript:alert(1)"}) + "\n"
        + json.dumps({"title": "no body"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    path = root / "web.db"
    with Corpus(path) as corpus:
        corpus.build([SEEDS, hostile])
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, hosts=["testserver"])) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def ids(db):
    with Corpus(db) as corpus:
        articles = corpus.articles()
        hostile = next(a for a in articles if "Evil" in a.title)
        seed = next(a for a in articles if a.title == "Miliband in key visit to Russia")
        return {
            "hostile": hostile.id,
            "article": seed.id,
            "story": corpus.stories()[0].id,
            "entity": "person:david-miliband",
            "source": corpus.timeline(story=corpus.stories()[0].id)[0].sources[0],
            "text": {a.id: a.text for a in articles},
        }


def page(client, url, template):
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.template.name == template
    assert response.headers["content-type"].startswith("text/html")
    return response, response.context["c"]


def api(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"] == "application/json"
    return response.json()


# pages and their JSON --------------------------------------------------------------------------


def test_home_shows_the_corpus_at_a_glance(client):
    response, c = page(client, "/", "home.html")
    assert c.articles == 5 and c.entities > 20 and c.first <= c.last
    assert [s.articles for s in c.stories] == sorted((s.articles for s in c.stories), reverse=True)
    assert f'<a class="story-link" href="/stories/{c.stories[0].id}">' in response.text
    assert 'href="/build"' in response.text
    data = api(client, "/api/overview")
    assert data["articles"] == 5 and data["stories"][0]["id"] == c.stories[0].id
    assert {"first", "last", "publishers", "entities", "events", "names"} <= set(data)


def test_build_report_lists_skipped_inputs_and_why(client):
    response, c = page(client, "/build", "build.html")
    (skip,) = c.report["skipped"]
    assert skip["source"].endswith("hostile.jsonl#line2") and "text" in skip["reason"]
    assert "hostile.jsonl#line2" in response.text
    assert api(client, "/api/build")["report"]["new"] == 5


def test_timeline_page_has_a_time_axis_and_a_sourced_chronology(client, ids):
    response, c = page(client, "/timeline", "timeline.html")
    entries = c.timeline.entries
    assert len(entries) > 5 and [e.earliest for e in entries] == sorted(e.earliest for e in entries)
    assert c.timeline.axis.marks and 'class="axis"' in response.text
    assert response.text.count('<li class="timeline-entry"') == len(entries)
    assert f'data-date="{entries[0].date}"' in response.text
    link = entries[0].sources[0]
    assert link.href == f"/articles/{link.article}?hl={link.start}-{link.end}#cited"
    assert f'<a class="source-link" href="{link.href}"' in response.text
    assert link.sentence == ids["text"][link.article][link.start : link.end]
    data = api(client, "/api/timeline")
    assert len(data["timeline"]["entries"]) == len(entries) and "axis" not in data["timeline"]
    assert {"date", "label", "summary", "sources", "events"} <= set(data["timeline"]["entries"][0])


def test_timeline_filters(client, ids):
    ranged = api(client, "/api/timeline?from=2009&to=2009-11")["timeline"]["entries"]
    assert ranged and all(
        e["latest"] >= "2009-01-01" and e["earliest"] <= "2009-11-30" for e in ranged
    )
    by_story = api(client, f"/api/timeline?story={ids['story']}")
    assert by_story["filters"]["story"] == ids["story"] and by_story["timeline"]["entries"]
    by_entity = api(client, f"/api/timeline?entity={ids['entity']}")
    assert by_entity["title"] == "Timeline of David Miliband" and by_entity["timeline"]["entries"]
    by_query = api(client, "/api/timeline?q=Lugovoi")["timeline"]["entries"]
    assert by_query and len(by_query) < len(api(client, "/api/timeline")["timeline"]["entries"])
    typed = api(client, "/api/timeline?type=CONSULT")
    assert "CONSULT" in typed["event_types"] and typed["timeline"]["entries"]
    _, c = page(client, "/timeline?zoom=4&from=2006", "timeline.html")
    assert c.timeline.axis.zoom == 4 and c.filters.from_ == "2006"


def test_long_timelines_show_their_best_dates_and_count_the_rest(client):
    everything = api(client, "/api/timeline")["timeline"]
    assert not everything["more"]
    best = api(client, "/api/timeline?max=3")["timeline"]
    ranked = sorted(everything["entries"], key=lambda e: (-e["score"], e["earliest"], e["latest"]))
    top = {e["date"] for e in ranked[:3]}
    assert best["more"] and [e["date"] for e in best["entries"]] == [
        e["date"] for e in everything["entries"] if e["date"] in top
    ]
    assert "The 3 best-supported dates" in client.get("/timeline?max=3").text
    for entry in everything["entries"]:
        assert len(entry["sources"]) == min(entry["sources_total"], views.SOURCES_SHOWN)
    cited = max(everything["entries"], key=lambda e: e["sources_total"])
    rest = cited["sources_total"] - views.SOURCES_SHOWN
    assert rest > 0  # the poisoning: every seed recalls it, some more than once
    html = client.get("/timeline").text.split(f'id="{cited["anchor"]}"', 1)[1].split("</li>", 1)[0]
    assert f"and {rest} more sentence" in html


@pytest.mark.parametrize("url", ["/timeline?from=last%20tuesday", "/api/timeline?from=last%20tuesday",
                                 "/api/events?to=2009-13-01"])  # fmt: skip
def test_malformed_dates_are_422_with_a_clear_message(client, url):
    response = client.get(url)
    assert response.status_code == 422
    assert "YYYY" in response.text
    if url.startswith("/api"):
        assert "is not a date" in response.json()["detail"]
    else:
        assert response.template.name == "error.html" and "last tuesday" in response.text


def test_story_page(client, ids):
    response, c = page(client, f"/stories/{ids['story']}", "story.html")
    assert c.story.id == ids["story"] and len(c.articles) == c.story.articles
    assert c.actors and c.timeline.entries
    assert {c.relations.a, c.relations.b} == {"Russia", "United Kingdom"}
    assert c.relations.totals["events"] > 0 and 'class="relations-chart"' in response.text
    assert api(client, "/api/stories")["stories"][0]["id"] == ids["story"]
    data = api(client, f"/api/stories/{ids['story']}")
    assert data["story"]["id"] == ids["story"] and data["relations"]["periods"]
    _, listing = page(client, "/stories", "stories.html")
    assert listing.stories[0].id == ids["story"]


def test_entity_page(client, ids):
    _, c = page(client, f"/entities/{ids['entity']}", "entity.html")
    assert c.entity.name == "David Miliband" and "Miliband" in c.aliases
    assert any(r["role"] == "foreign secretary" for r in c.roles)
    assert c.events and all(ids["entity"] in (e.actor and e.actor.id, e.target and e.target.id)
                            for e in c.events)  # fmt: skip
    assert "Sergey Lavrov" in {e.name for e in c.cooccurring}
    assert c.timeline.entries and c.articles
    data = api(client, f"/api/entities/{ids['entity']}")
    assert data["entity"]["id"] == ids["entity"] and data["events"][0]["sources"][0]["href"]
    listing = api(client, "/api/entities?type=PERSON&q=miliband")
    assert [e["id"] for e in listing["entities"]] == [ids["entity"]]
    _, everyone = page(client, "/entities", "entities.html")
    assert everyone.total > 20 and "PERSON" in everyone.types


def test_article_page_highlights_entities_dates_and_triggers(client, ids):
    response, c = page(client, f"/articles/{ids['article']}", "article.html")
    html = response.text
    assert '<span class="ent" title="David Miliband (PERSON)">' in html
    assert re.search(r'<span class="timex" title="[^"]+">', html)
    assert re.search(
        r'<span class="trigger [a-z-]+" title="CONSULT/visit: [^"]+ → [^"]+, \w+">', html
    )
    assert c.article["id"] == ids["article"] and c.cited is None and "<mark" not in html
    published = next(row for row in c.metadata if row.field == "Published")
    assert published.how.startswith("inferred") and c.evidence
    assert c.evidence[0]["sentence"] in ids["text"][ids["article"]]
    assert c.original_url is None and f'<code class="source">{c.article["source"]}</code>' in html
    assert "file:" not in html
    data = api(client, f"/api/articles/{ids['article']}")
    assert data["article"]["text"] == ids["text"][ids["article"]] and "body" not in data
    assert {"mentions", "timexes", "roles", "events", "sentences"} <= set(data["annotation"])
    listing = api(client, "/api/articles")
    assert listing["total"] == 5 and "text" not in listing["articles"][0]
    _, articles = page(client, "/articles", "articles.html")
    assert len(articles.articles) == 5


def test_hl_marks_the_cited_sentence(client, ids):
    source = ids["source"]
    url = f"/articles/{source.article}?hl={source.start}-{source.end}"
    response, c = page(client, url, "article.html")
    sentence = ids["text"][source.article][source.start : source.end]
    assert c.cited == {"start": source.start, "end": source.end, "sentence": sentence}
    marked = re.search(r'<mark class="cited" id="cited">(.*?)</mark>', response.text, re.S)
    assert re.sub(r"<[^>]+>", "", marked[1]) == str(__import__("markupsafe").escape(sentence))
    assert response.text.count("<mark") == 1
    bad = client.get(f"/articles/{source.article}?hl=ten-two")
    assert bad.status_code == 422 and "START-END" in bad.text


def test_relations_page_and_events(client):
    response, c = page(client, "/relations?a=United%20Kingdom&b=Russia&by=year", "relations.html")
    assert c.chart.a == "United Kingdom" and c.chart.periods and c.events
    assert "Russia" in c.names and '<datalist id="actor-names">' in response.text
    assert 'class="relations-data"' in response.text and "chart.umd.min.js" in response.text
    period = c.chart.periods[0]
    _, narrowed = page(client, f"/relations?a=United%20Kingdom&b=Russia&period={period['period']}",
                       "relations.html")  # fmt: skip
    assert [e.id for e in narrowed.events] == sorted(
        period["events"], key=[e.id for e in c.events].index
    )
    data = api(client, "/api/relations?a=United%20Kingdom&b=Russia&by=month")
    assert data["chart"]["by"] == "month" and "names" not in data
    assert client.get("/api/relations?a=United%20Kingdom&b=Narnia").status_code == 404
    assert client.get("/api/relations?a=x&b=y&by=week").status_code == 422
    events = api(client, f"/api/events?ids={','.join(period['events'])}")["events"]
    assert sorted(e["id"] for e in events) == sorted(period["events"])
    assert {"actor", "target", "quad", "summary", "sources", "claims"} <= set(events[0])
    assert api(client, "/api/events?entity=David%20Miliband&type=CONSULT")["events"]


def test_search_finds_articles_and_events(client):
    response, c = page(client, "/search?q=poisoning", "search.html")
    assert c.articles and c.events
    assert "<mark>poison" in response.text
    hit = c.articles[0]
    start, end = hit.highlights[0]
    assert hit.snippet[start:end].lower().startswith("poison")
    assert c.events[0].href.startswith("/articles/")
    data = api(client, "/api/search?q=poisoning")
    assert data["articles"][0]["id"] == hit.id and "snippet_html" not in data["articles"][0]
    assert api(client, "/api/search?q=%22unbalanced")["q"] == '"unbalanced'
    _, empty = page(client, "/search", "search.html")
    assert empty.q is None and not empty.articles


def test_docs_and_openapi_list_every_api_endpoint(client):
    assert client.get("/docs").status_code == 200
    paths = set(client.get("/openapi.json").json()["paths"])
    for path in ["/api/overview", "/api/timeline", "/api/stories", "/api/stories/{story_id}",
                 "/api/entities", "/api/entities/{entity_id}", "/api/articles",
                 "/api/articles/{article_id}", "/api/events", "/api/relations", "/api/search",
                 "/api/build"]:  # fmt: skip
        assert path in paths


# errors, safety ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/articles/nope", "/entities/nope", "/stories/nope",
                                 "/timeline?story=nope", "/no/such/page"])  # fmt: skip
def test_unknown_ids_are_404_pages(client, url):
    response = client.get(url)
    assert response.status_code == 404 and response.template.name == "error.html"
    assert "nope" in response.text or "nobody" in response.text or "/no/such/page" in response.text


@pytest.mark.parametrize("url", ["/api/articles/nope", "/api/entities/nope", "/api/stories/nope"])
def test_unknown_ids_are_404_json(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["detail"].startswith("No ") and "'nope'" in response.json()["detail"]


def test_csp_and_security_headers(client, ids):
    for url in ["/", f"/articles/{ids['article']}", "/api/overview", "/static/app.css"]:
        headers = client.get(url).headers
        assert "default-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_hostile_text_is_escaped_everywhere(client, ids):
    escaped_script = "&lt;script&gt;alert(1)&lt;/script&gt;"
    escaped_img = "&lt;img src=x onerror=alert(1)&gt;"
    for url in [f"/articles/{ids['hostile']}", "/search?q=alert", "/", "/articles"]:
        html = client.get(url).text
        assert SCRIPT not in html and "<img" not in html and "onerror=alert(1)>" not in html, url
        assert escaped_script in html and escaped_img in html, url
    article = client.get(f"/articles/{ids['hostile']}").text
    assert 'href="javascript:' not in article  # a non-http(s) url is never a link
    assert api(client, f"/api/articles/{ids['hostile']}")["article"]["title"] == HOSTILE_TITLE


def test_static_files_come_from_the_package_only(client):
    assert client.get("/static/vendor/chartjs/chart.umd.min.js").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/../deps.py").status_code == 404
    assert client.get("/static/%2e%2e/deps.py").status_code == 404


# what reaches the server and the reader -------------------------------------------------------


@pytest.mark.parametrize(
    "base", ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"]
)
def test_requests_to_localhost_are_answered(db, base):
    with TestClient(create_app(db), base_url=base) as local:
        assert local.get("/").status_code == 200
        assert local.get("/api/overview").status_code == 200


@pytest.mark.parametrize(
    "host", ["rebound.attacker.example", "rebound.attacker.example:8000", "testserver", "0.0.0.0"]
)
def test_requests_to_any_other_host_are_refused(db, host):
    """A page on another site whose name was rebound to 127.0.0.1 reaches the server with its
    own name in the Host header: refused, so it cannot read the store."""
    with TestClient(create_app(db), base_url="http://localhost") as local:
        for url in ("/", "/api/articles", "/api/overview"):
            response = local.get(url, headers={"Host": host})
            assert response.status_code == 400, url
            assert "Lugovoi" not in response.text and "Miliband" not in response.text


def test_the_bound_address_and_allowed_names_are_answered(db):
    app = create_app(db, hosts=["192.168.1.5", "::1", "newsroom.local"])
    for host in ("192.168.1.5:8000", "[::1]:8000", "newsroom.local", "NEWSROOM.local:80"):
        with TestClient(app, base_url=f"http://{host}") as client:
            assert client.get("/api/overview").status_code == 200, host


@pytest.fixture(scope="module")
def unruly(unruly_db):
    """A client over a store of articles written to break pages (see conftest.unruly_pages)."""
    with Corpus(unruly_db) as corpus:
        ids = {("long" if LONG_WORD in a.title else "bidi"): a.id for a in corpus.articles()}
        story = corpus.stories()[0].id
    with TestClient(create_app(unruly_db, hosts=["testserver"])) as client:
        yield client, ids, story


def test_bidi_controls_never_reach_a_page(unruly):
    client, ids, story = unruly
    urls = ["/", "/articles", f"/articles/{ids['bidi']}", f"/articles/{ids['bidi']}?hl=0-40",
            "/search?q=officials", "/timeline", "/stories", f"/stories/{story}", "/entities",
            "/relations?a=London&b=Kremlin", "/build"]  # fmt: skip
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert not set(BIDI_CONTROLS) & set(response.text), url
    article = client.get(f"/articles/{ids['bidi']}").text
    assert "Invoice gnp.exe for the Moscow talks" in article  # in the order it is written
    assert '<span class="timex"' in article  # the markup made around them stays markup


def test_the_json_api_keeps_the_text_as_stored(unruly):
    """The API is data, not display: what was stored comes back, controls included."""
    client, ids, _ = unruly
    title = api(client, f"/api/articles/{ids['bidi']}")["article"]["title"]
    assert title == "Invoice \u202egnp.exe\u202c for the \u2066Moscow\u2069 talks"


def test_bidi_controls_are_dropped_from_text_and_markup_alike():
    assert without_bidi_controls("a\u202eb\u2069c\u200f") == "abc"
    marked = without_bidi_controls(Markup("<b>\u202ex</b>"))
    assert isinstance(marked, Markup) and marked == Markup("<b>x</b>")
    assert without_bidi_controls(None) is None and without_bidi_controls(3) == 3


def test_a_store_that_breaks_while_served_gives_an_error_page(db, tmp_path):
    served = tmp_path / "served.db"
    served.write_bytes(db.read_bytes())
    with TestClient(create_app(served, hosts=["testserver"])) as client:
        assert client.get("/").status_code == 200
        served.write_text("overwritten by mistake\n")
        response = client.get("/articles")
        assert response.status_code == 500 and response.template.name == "error.html"
        assert "served.db is not a storyline store (file is not a database)" in response.text
        broken = client.get("/api/articles")
        assert broken.status_code == 500 and "not a storyline store" in broken.json()["detail"]


def test_store_is_opened_read_only(db):
    corpus = open_corpus(Settings(str(db)))
    try:
        assert corpus.articles()
        with pytest.raises(StoreReadOnly, match="readonly"):
            corpus.store.db.execute("CREATE TABLE intruder (x)")
    finally:
        corpus.close()


def test_create_app_needs_a_built_store(tmp_path):
    with pytest.raises(FileNotFoundError, match="storyline build"):
        create_app(tmp_path / "missing.db")


def test_a_store_from_an_older_storyline_is_named_not_misread(db, tmp_path):
    old = tmp_path / "old.db"
    old.write_bytes(db.read_bytes())
    with sqlite3.connect(old) as conn:
        conn.execute("DELETE FROM migrations WHERE name = 'm005_page_readings'")
    with pytest.raises(StoreTooOld, match="older storyline.*m005_page_readings"):
        create_app(old)


# highlighting ------------------------------------------------------------------------------


def test_crossing_spans_drop_the_less_important_one_and_stay_well_formed():
    text = "Sergey Lavrov met <them> & left"
    html = render(text, [
        Span(0, 13, "span", {"class": "ent", "title": 'Lavrov "quoted" <x>'}, rank=3),
        Span(7, 17, "span", {"class": "trigger"}, rank=5),  # crosses the entity, nests in mark
        Span(7, 31, "mark", {"class": "cited"}, rank=1),  # crosses the entity and outranks it
        Span(19, 23, "span", {"class": "timex"}, rank=4),
    ])  # fmt: skip
    assert str(html) == (
        'Sergey <mark class="cited"><span class="trigger">Lavrov met</span> &lt;'
        '<span class="timex">them</span>&gt; &amp; left'
        "</mark>"
    )
    assert render("a<b", [Span(0, 99, "span")]) == "a&lt;b"  # out of range: dropped
