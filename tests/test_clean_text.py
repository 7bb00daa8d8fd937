"""storyline's plain-text cleaner on real scrapes: the four seeds and Wikinews."""

from __future__ import annotations

import pickle
from datetime import date

import pytest
from conftest import seed_text

from storyline.clean.dateline import parse_dateline
from storyline.clean.templates import Templates, learn_templates
from storyline.clean.text import clean_text
from storyline.demo import demo_path
from storyline.records import FuzzyDate

seed = seed_text


def body(found) -> str:
    return "\n\n".join(text for text, _ in found.paragraphs)


@pytest.fixture(scope="module")
def seed_templates() -> Templates:
    return learn_templates(seed(n) for n in range(4))


ARTICLE = {
    0: [
        "Foreign Secretary David Miliband is making his first official visit to Russia today.",
        "His two-day visit to Moscow - which will see him meet his Russian counterpart",
        "Relations between the UK and Russia have been fractious in recent years",
        "Writing on his blog, Mr Miliband said: \"We don't always see eye to eye with Russia",
        '"The wealth of people-to-people contacts and the dynamic business links',
        "Mr Miliband's visit actually coincides with the third anniversary",
        "The former spy was poisoned on November 2, 2006, dying three weeks later",
        "After a lengthy investigation, British police tried unsuccessfully to extradite",
        "His widow Marina criticised Mr Miliband's trip when it was announced last month",
    ],
    1: [
        "Strained relations evident as Russia once again refuses Foreign Secretary's request",
        "David Miliband's demands that the man suspected of involvement in the murder",
        "The British Foreign Secretary's trip was the highest-ranking official British visit",
        "Mr Lugovoi is suspected of playing a role in the radioactive polonium poisoning",
        '"I suspect that our British counterparts are aware of the fact',
        "Relations between the two countries have been particularly strained",
        'As Mr Miliband and Mr Lavrov met yesterday there was pointedly no talk of "pressing',
        "Not only does Britain have the worst relationship with Russia",
        "This visit was played as an attempt to move on and find areas where co-operation",
        '"Our discussions have been marked by mutual respect; personal',
        "Nevertheless, the differences were there for all to see.",
        "Analysts in Moscow said that Russian officials have little time for Mr Miliband",
        "The visit was unfortunately timed to coincide with the third anniversary",
        "In addition to meeting Mr Lavrov, Mr Miliband met Mikhail Gorbachev",
        "Britain and Russia: Diplomatic incidents",
        "January 2006: The FSB accuses British diplomats of using a fake rock",
        "December 2006: Britain complains that ambassador Anthony Brenton",
        "April 2007: Russia renewed their request for extradition of tycoon Boris Berezovsky",
        "May 2007: Britain makes first formal extradition request for Andrei Lugovoi",
        "January 2008: Russia demands British Council offices close after a tax dispute.",
        "June 2009: Ongoing tensions are exemplified by David Miliband's warning",
    ],
    2: [
        "The Foreign Secretary will travel to Moscow in the coming weeks for meetings",
        "Foreign Secretary Boris Johnson is to become the first British Foreign Secretary",
        "The Foreign Office announced he has accepted an invitation to visit the country",
        "Foreign Office sources have been keen to stress the visit does not signal",
        'An unnamed Foreign Office source told the BBC: "He is not going in order to reset',
        '"He intends to say the same things face to face as we do in public',
        '"Boris has always said we must engage when in our interests.',
        'A Foreign Office spokeswoman said: "The Foreign Secretary has accepted an invitation',
    ],
    3: [
        "David Cameron will next week become the first senior British politician",
        "Mr Cameron will hold talks with Mr Putin and the Russian President Dmitry Medvedev",
        "Significantly, although Mr Cameron will raise the issue of Mr Litvinenko",
        "Privately, British officials agree and no longer want the case to be an impediment",
        "During Britain's 'time out in the cold' Mr Putin has cultivated relations",
        "Six hundred UK companies work in Russia, which buys more than",
        '"We have set up a group for cooperation between security services',
    ],
}

BOILERPLATE = [
    "Your support",
    "Your donation",
    "reproductive rights",
    "trusted by Americans",
    "Join our commenting forum",
    "thought-provoking conversations",
    "Stay up to date with notifications",
    "Notifications can be managed",
    "Please refresh",
    "logged in",
    "Thank you for registering",
    "Click to follow",
    "Indy Politics",
    "Start your day with The Independent",
    "Recruitment Genius",
    "per annum",
    "Day In a Page",
    "Homeless Veterans appeal",
    "Could cannabis oil reverse",
    "Terms of Use",
    "(PA wire)",
    "Tom Peck",
]


@pytest.mark.parametrize("number", range(4))
@pytest.mark.parametrize("learned", [True, False], ids=["templates", "single-page"])
def test_seed_keeps_every_paragraph_and_drops_boilerplate(number, learned, seed_templates):
    templates = seed_templates if learned else Templates.empty()
    text = body(clean_text(seed(number), templates))
    for paragraph in ARTICLE[number]:
        assert paragraph in text
    for junk in BOILERPLATE:
        assert junk not in text
    assert "\nComments" not in text and not text.endswith("Comments")


def test_boilerplate_glued_to_the_first_sentence_is_cut(seed_templates):
    for templates in (seed_templates, Templates.empty()):
        first, kind = clean_text(seed(0), templates).paragraphs[0]
        assert first.startswith("Foreign Secretary David Miliband is making")
        assert kind == "body"


def test_repeated_caption_is_dropped(seed_templates):
    text = body(clean_text(seed(2), seed_templates))
    assert "Rex Tillerson over the ongoing furore" not in text


def test_seed_002_metadata(seed_templates):
    found = clean_text(seed(2), seed_templates)
    assert found.title == "Boris Johnson to visit Russia"
    assert found.byline == "Tom Peck"
    assert found.published == FuzzyDate.day(date(2017, 3, 4))
    assert found.published_how == "dateline"
    assert found.updated is None
    assert found.publisher == "The Independent"
    standfirst = (
        "The Foreign Secretary will travel to Moscow in the coming weeks for meetings with the "
        "Russian Foreign Minister"
    )
    assert found.paragraphs[0] == (standfirst, "standfirst")


def test_seed_001_standfirst_factbox_and_no_sidebar_date(seed_templates):
    found = clean_text(seed(1), seed_templates)
    assert found.title == "Miliband met by icy reception on debut mission to Moscow"
    assert found.published is None  # the 2014 sidebar is not a dateline
    kinds = {text[:20]: kind for text, kind in found.paragraphs}
    assert kinds["Strained relations e"] == "standfirst"
    assert kinds["Britain and Russia: "] == "heading"
    assert kinds["January 2006: The FS"] == "list"


@pytest.mark.parametrize("number", [0, 1, 3])
def test_undated_seeds_stay_undated(number, seed_templates):
    found = clean_text(seed(number), seed_templates)
    assert found.published is None and found.byline is None


def test_templates_learned_from_two_pages_remove_the_appeal():
    templates = learn_templates([seed(0), seed(2)])
    assert templates.is_boilerplate("Your support helps us to tell the story")
    assert templates.is_boilerplate("Your support makes all the difference.")
    assert not templates.is_boilerplate(
        "Foreign Secretary David Miliband is making his first official visit to Russia today."
    )
    assert dict(templates.names).get("The Independent", 0) > 0
    assert "Your support" not in body(clean_text(seed(0), templates))


def test_templates_store_and_pickle(seed_templates):
    again = Templates.from_json(seed_templates.to_json())
    assert again == seed_templates and again.signature == seed_templates.signature
    assert pickle.loads(pickle.dumps(seed_templates)) == seed_templates
    assert Templates.empty().signature != seed_templates.signature
    assert learn_templates([seed(0)]).signature == Templates.empty().signature


def test_syndicated_copies_do_not_erase_each_other():
    story = seed(3)
    copy = "Syndicated from elsewhere\n" + story + "\nA line only the copy carries."
    templates = learn_templates([story, copy, seed(0), seed(2)])
    for line in story.splitlines():
        if len(line.split()) > 8:
            assert not templates.is_boilerplate(line)
    text = body(clean_text(copy, templates))
    for paragraph in ARTICLE[3]:
        assert paragraph in text


def test_quote_shared_by_two_articles_survives():
    quote = (
        '"We have set up a group for cooperation between security services on security threats,"'
        " said Dmitry Kozak, Russia's deputy prime minister."
    )
    first = seed(0).replace("His widow Marina", quote + "\nHis widow Marina")
    second = seed(2).replace(
        "A Foreign Office spokeswoman", quote + "\nA Foreign Office spokeswoman"
    )
    templates = learn_templates([first, second])
    assert not templates.is_boilerplate(quote)
    assert templates.is_boilerplate("Your support helps us to tell the story")
    assert quote in body(clean_text(first, templates))


def test_wikinews_articles_keep_all_their_sentences():
    folder = demo_path()
    files = sorted(folder.glob("*/*.txt"))[:: max(1, len(list(folder.glob("*/*.txt"))) // 12)]
    texts = [f.read_text(encoding="utf-8") for f in sorted(folder.glob("*/*.txt"))]
    templates = learn_templates(texts)
    for path in files:
        raw = path.read_text(encoding="utf-8")
        lines = [line.strip() for line in raw.splitlines() if line.strip()]
        found = clean_text(raw, templates)
        text = body(found)
        assert found.title == lines[0]
        assert found.published is not None and found.published_how == "dateline"
        assert found.published == parse_dateline(lines[1]).published
        for sentence in lines[2:]:
            assert sentence in text, (path.name, sentence)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Saturday 04 March 2017 12:20 GMT", date(2017, 3, 4)),
        ("March 01, 2008", date(2008, 3, 1)),
        ("Chris Davies - Nov 19, 2019, 10:31 pm CST", date(2019, 11, 19)),
        ("2017-03-04", date(2017, 3, 4)),
        ("4 March 2017", date(2017, 3, 4)),
        ("Posted on 2019-11-19T10:00:00Z", date(2019, 11, 19)),
    ],
)
def test_datelines(line, expected):
    assert parse_dateline(line).published == FuzzyDate.day(expected)


def test_dateline_updated_and_prose():
    found = parse_dateline("Published 4 March 2017 | Updated: 6 March 2017 10:00")
    assert found.published == FuzzyDate.day(date(2017, 3, 4))
    assert found.updated == FuzzyDate.day(date(2017, 3, 6))
    assert parse_dateline("Updated: 5 March 2017").published is None
    assert parse_dateline("The former spy was poisoned on November 2, 2006, dying later.") is None
    assert parse_dateline("Chris Davies - Nov 19, 2019, 10:31 pm CST").rest == "Chris Davies"


def test_byline_with_dateline():
    raw = (
        "Some headline about electric wagons\n"
        "Chris Davies - Nov 19, 2019, 10:31 pm CST\n"
        + "The automaker is not slowing down on stacking up new potential models this year.\n"
        * 3
    )
    found = clean_text(raw, Templates.empty())
    assert found.byline == "Chris Davies"
    assert found.published == FuzzyDate.day(date(2019, 11, 19))
    assert found.title == "Some headline about electric wagons"


def test_a_story_copied_many_times_is_still_not_boilerplate():
    copies = [f"{seed(3)}\nPage number {i}." for i in range(30)]
    templates = learn_templates([*copies, seed(0), seed(2)])
    text = body(clean_text(copies[0], templates))
    for paragraph in ARTICLE[3]:
        assert paragraph in text
    assert templates.is_boilerplate("Your support helps us to tell the story")


@pytest.mark.parametrize(
    "text",
    [
        # one long line quoting people who say "we" and "you" (scored as a publisher's address)
        "Harbour workers walked out at dawn on Tuesday in Kellsford . `` We told you this would"
        " happen , and we will not go back until you listen , '' one docker said . The council"
        " said talks would resume next week , and the port's owners declined to comment .",
        # a one-sentence record wrapped in braces (taken whole as the title)
        "{The city council of Eastmere approved a new water tariff on Monday, its mayor said.}",
    ],
)
def test_a_page_the_scores_misjudge_keeps_its_prose(text):
    assert "council" in body(clean_text(text, Templates.empty()))


def test_headlines_and_product_names_alone_are_still_no_article():
    menu = "Home\nA connected approach to governance risk and compliance\nContact us"
    assert not any(k == "body" for _, k in clean_text(menu, Templates.empty()).paragraphs)
