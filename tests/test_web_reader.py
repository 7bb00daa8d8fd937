"""What the explorer tells a reader must be what the store holds: entity filters by any alias,
"did you mean" for unknown names, dates as precise as the evidence, plurals, search hits that
open at the matching sentence, sources without the builder's paths, HEAD, favicon, /docs and
the OpenAPI response models.  In-process, over the seeds built from their absolute path."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS
from fastapi.testclient import TestClient

from storyline import Corpus
from storyline.web import create_app
from storyline.web.deps import plural
from storyline.web.routers.relations import gaps
from storyline.web.views import shown_source


@pytest.fixture(scope="module")
def db(seeds_corpus):
    return seeds_corpus.store.path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, hosts=["testserver"])) as test_client:
        yield test_client


# entity filters ---------------------------------------------------------------------------


def test_an_alias_spelling_finds_the_entity(client):
    """ "Lugovoy" is in his stored alias "Andrei Lugovoy" (his name is spelt Lugovoi)."""
    response = client.get("/timeline?entity=Lugovoy")
    assert response.status_code == 200
    c = response.context["c"]
    assert c.title == "Timeline of Andrei Lugovoi" and c.error is None
    assert c.timeline.entries
    by_id = client.get("/api/timeline?entity=person:andrei-lugovoi").json()
    assert [e["date"] for e in by_id["timeline"]["entries"]] == [e.date for e in c.timeline.entries]


def test_the_entity_timeline_follows_the_sentences_that_name_it(client, db):
    """London takes part in no event, yet the seeds date sentences naming it."""
    with Corpus.open(db, readonly=True) as corpus:
        london = corpus.resolve_entity("London")
        assert not corpus.events(entity=london) and not corpus.timeline(entity=london)
        mentions = {a: corpus.entity_of_mentions(a) for a in corpus.entity(london).articles}
    c = client.get("/timeline?entity=London").context["c"]
    assert c.error is None and c.timeline.entries
    for entry in c.timeline.entries:
        for source in entry.sources:
            named = [at for at, who in mentions[source.article].items() if who == london]
            assert any(source.start <= at < source.end for at in named), source.sentence


def test_an_unknown_name_keeps_the_form_and_says_what_it_may_mean(client):
    response = client.get("/timeline?entity=Lugovy&from=2007")
    assert response.status_code == 404 and response.template.name == "timeline.html"
    c = response.context["c"]
    assert c.filters.entity == "Lugovy" and c.filters.from_ == "2007"
    assert "person:andrei-lugovoi" in [s.id for s in c.suggestions]
    assert 'value="Lugovy"' in response.text and "Did you mean" in response.text
    assert "entity=person%3Aandrei-lugovoi" in response.text
    api = client.get("/api/timeline?entity=Lugovy")
    assert api.status_code == 404
    assert "person:andrei-lugovoi" in [s["id"] for s in api.json()["suggestions"]]


def test_a_name_nothing_is_close_to_says_so(client):
    response = client.get("/timeline?entity=Zzyzx%20Qwv")
    assert response.status_code == 404
    assert response.context["c"].suggestions == []
    assert "No entity is called" in response.text and "Browse the entities" in response.text


# what the pages say ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "word", "said"),
    [(1, "story", "1 story"), (2, "story", "2 stories"), (0, "article", "0 articles"),
     (1204, "entity", "1,204 entities"), (3, "day", "3 days")],
)  # fmt: skip
def test_plurals(count, word, said):
    assert plural(count, word) == said


def test_the_overview_gives_dates_as_precise_as_the_store(client, db):
    with Corpus.open(db, readonly=True) as corpus:
        values = {a.published.value for a in corpus.articles() if a.published}
    c = client.get("/").context["c"]
    assert c.first in values and c.last in values
    assert not re.search(r"\b1 stories\b|\b1 articles\b", client.get("/").text)


def test_a_search_hit_opens_the_article_at_the_matching_sentence(client, db):
    hits = client.get("/api/search?q=extradition").json()["articles"]
    assert hits
    with Corpus.open(db, readonly=True) as corpus:
        for hit in hits:
            found = re.fullmatch(rf"/articles/{hit['id']}\?hl=(\d+)-(\d+)#cited", hit["href"])
            assert found, hit["href"]
            sentence = corpus.article(hit["id"]).text[int(found[1]) : int(found[2])]
            assert "extradit" in sentence.lower(), sentence


def test_sources_are_shown_from_the_build_input_never_the_builders_path(client, db):
    assert SEEDS.is_absolute()
    with Corpus.open(db, readonly=True) as corpus:
        article = corpus.articles()[0]
    assert article.source.startswith(str(SEEDS))  # what the store holds
    for url in [f"/articles/{article.id}", f"/api/articles/{article.id}", "/articles",
                "/api/articles", "/build", "/api/build"]:  # fmt: skip
        text = client.get(url).text
        assert str(SEEDS.parent) not in text, url
    shown = client.get(f"/api/articles/{article.id}").json()["article"]["source"]
    assert shown == "seeds" + article.source[len(str(SEEDS)) :]


def test_shown_source():
    roots = ["/home/ann/news", "/home/ann/news/extra", "relative/dir", "https://example.org/x"]
    assert shown_source("/home/ann/news/a/1.txt", roots) == "news/a/1.txt"
    assert shown_source("/home/ann/news/extra/2.txt", roots) == "extra/2.txt"
    assert shown_source("/home/ann/newsletter/3.txt", roots) == "3.txt"
    assert shown_source("relative/dir/4.txt", roots) == "relative/dir/4.txt"
    assert shown_source("https://example.org/x", roots) == "https://example.org/x"


# the HTTP surface --------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/timeline", "/api/overview", "/docs", "/favicon.ico",
                                 "/static/app.css", "/entities/person:andrei-lugovoi"])  # fmt: skip
def test_head_is_answered_wherever_get_is(client, url):
    got, head = client.get(url), client.head(url)
    assert got.status_code == head.status_code == 200
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.content == b""


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.headers["content-type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


def test_docs_fit_a_phone_and_lead_home(client):
    page = client.get("/docs").text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert '<a href="/">' in page


def test_openapi_documents_every_api_response_as_its_context(client):
    schema = client.get("/openapi.json").json()
    components = schema["components"]["schemas"]
    for path, route in schema["paths"].items():
        body = route["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        name = body["$ref"].rsplit("/", 1)[1]
        assert components[name]["properties"], path
    article = components["ArticleContext"]["properties"]
    assert "body" not in article and "article" in article  # HTML-only fields left out
    assert "from" in components["TimelineFilters"]["properties"]
    assert "from_" not in components["TimelineFilters"]["properties"]


def test_relations_keep_the_form_and_suggest_for_an_unknown_side(client):
    response = client.get("/relations?a=United%20Kingdom&b=Rusia")
    assert response.status_code == 404 and response.template.name == "relations.html"
    c = response.context["c"]
    assert c.missing == "b" and "gpe:russia" in [s.id for s in c.suggestions]
    assert "b=gpe%3Arussia" in response.text and 'value="Rusia"' in response.text
    assert client.get("/api/relations?a=United%20Kingdom&b=Rusia").status_code == 404
    assert client.get("/relations?a=United%20Kingdom&b=Lugovoy").status_code == 200


def test_an_entity_page_by_alias(client):
    c = client.get("/entities/Lugovoy").context["c"]
    assert c.entity.id == "person:andrei-lugovoi"


def test_relations_mark_the_periods_without_events():
    assert gaps(["2006", "2007", "2009", "2017"], "year") == {"2007": "2008", "2009": "2010–2016"}
    assert gaps(["2009-11", "2010-02", "2010-03"], "month") == {"2009-11": "2009-12–2010-01"}
    assert gaps([], "year") == {} and gaps(["2009"], "month") == {}


def test_the_relations_chart_of_the_seeds_has_its_gap_and_no_empty_period(client):
    chart = client.get("/api/relations?a=United%20Kingdom&b=Russia").json()["chart"]
    assert chart["gaps"] == {"2009": "2010–2016"}
    assert all(p["events"] for p in chart["periods"])


def test_timeline_dates_are_no_more_precise_than_the_store(client):
    response = client.get("/timeline")
    entries = response.context["c"].timeline.entries
    said = re.findall(r'<time(?: datetime="([^"]+)")?>', response.text)
    assert len(said) == len(entries)
    for entry, machine in zip(entries, said, strict=True):
        assert machine in (entry.date, ""), (machine, entry.date)  # "2009-11", never "2009-11-01"
    assert any(e.granularity == "month" for e in entries)  # the seeds have month-only dates


def test_words_several_entities_hold_are_ambiguous_not_guessed(client):
    response = client.get("/timeline?entity=United")
    assert response.status_code == 404
    c = response.context["c"]
    assert c.error == "“United” names 2 entities: pick one."
    assert {s.name for s in c.suggestions} == {"United Kingdom", "United States"}
