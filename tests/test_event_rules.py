"""storyline's own rules over the CAMEO lexicon, each checked on text it was not written for: the
bundled Wikinews demo articles (business news the rules never saw)."""

from __future__ import annotations

import functools

import pytest

from storyline.annotate.pipeline import annotate_doc, load_nlp
from storyline.demo import demo_path
from storyline.extract import events_from_doc
from storyline.records import FuzzyDate, ToAnnotate

PUBLISHED = FuzzyDate.parse("2010-01-15")


@functools.cache
def _article(anchor: str):
    """(text, events) of the demo article holding `anchor`, annotated whole."""
    (path,) = [p for p in demo_path().rglob("*.txt") if anchor in p.read_text(encoding="utf-8")]
    text = path.read_text(encoding="utf-8")
    doc = load_nlp()(text)
    return text, events_from_doc(doc, annotate_doc(ToAnnotate(path.stem, text, PUBLISHED), doc),
                                 PUBLISHED)  # fmt: skip


def _said(anchor: str):
    """{trigger text: event} for the events of the sentence holding `anchor`."""
    text, events = _article(anchor)
    at = text.index(anchor)
    found = [e for e in events if e.sentence_start <= at < e.sentence_end]
    return {text[e.start : e.end]: e for e in found}


def test_a_postponed_visit_is_planned_not_told():
    said = _said("has already postponed a diplomatic visit to Europe")
    assert (said["visit"].type, said["visit"].mode, said["visit"].status) == (
        "CONSULT", "visit", "planned")  # fmt: skip


def test_a_cancelled_deal_did_not_happen():
    said = _said("GM said it was cancelling a deal to sell Opel")
    assert said["cancelling"].actor == "General Motors" or said["cancelling"].actor_text == "it"
    assert all(e.status != "happened" for t, e in said.items() if t in ("deal", "sell"))


def test_refusing_to_act_is_a_rejection():
    said = _said("The UAW refused to meet the demands")
    assert (said["refused"].type, said["refused"].status) == ("REJECT", "happened")
    # MEET is only in MEET_PEOPLE (040), which wants someone to meet: demands are not met there
    assert not [e for e in said.values() if e.type == "CONSULT"]


def test_reject_alone_is_a_rejection():
    """REJECT sits in the dictionary's REFUSE block, whose default is no event; storyline reads
    it as a rejection when no pattern of the block does ("the bill": no &PROPOSAL)."""
    said = _said("The bill was rejected after bipartisan discussions")
    assert (said["rejected"].type, said["rejected"].status) == ("REJECT", "happened")


def test_a_statement_is_no_event():
    assert _said("Papermaster did not comment on the situation") == {}


def test_an_announced_offer_is_an_agreement_and_the_offer_is_planned():
    said = _said("GM announced today that it will offer voluntary buyouts")
    assert (said["announced"].type, said["announced"].status) == ("AGREE", "happened")
    assert said["offer"].status == "planned"


def test_a_future_action_someone_states_is_told_by_the_statement():
    said = _said("Aer Lingus Group PLC said it will receive six new")
    assert (said["said"].type, said["said"].status) == ("AGREE", "happened")
    assert said["said"].actor is not None and said["said"].target != said["said"].actor
    assert said["receive"].status == "planned"


def test_what_others_expect_is_nobodys_intent():
    said = _said("Boeing were expected to win")
    assert "expected" not in said


def test_calling_something_a_name_is_no_telephone_call():
    said = _said("He called it the")
    assert not [e for e in said.values() if e.mode == "phone"]


def test_a_block_default_needs_a_known_dyad():
    """TAKE is only in the APPREHEND block (seize, 171): "were to take delivery" seizes nothing."""
    said = _said("were to take delivery in May 2008")
    assert "take" not in said


@pytest.mark.parametrize(
    "anchor, word",
    [
        ("Jobs resigned in a letter to Apple", "resigned"),
        ("Congressional lawmakers rejected the proposal", "rejected"),
    ],
)
def test_plain_past_events_happened(anchor, word):
    assert _said(anchor)[word].status == "happened"


def test_definite_descriptions_on_unseen_news():
    """Timeline17 Guardian articles on swine flu (read at run time, not copied): "the chief
    medical officer" is the full-named person the article describes so; a description never
    resolves to a person named inside it, nor does a plural one."""
    import gzip
    import json

    from conftest import shared_data

    from storyline.extract.participants import Participants

    path = shared_data("t17", "H1N1_guardian", "articles.json.gz")
    articles = [a["text"] for a in json.loads(gzip.decompress(path.read_bytes()))]
    texts = [_detokenized(t) for t in articles if "The chief medical officer" in t]
    resolved = []
    for text in texts:
        doc = load_nlp()(text)
        parts = Participants(doc, annotate_doc(ToAnnotate("t17", text), doc))
        for tok in doc:
            person = parts._described(tok) if tok.pos_ == "NOUN" else None
            if person:
                phrase = doc[tok.left_edge.i : tok.right_edge.i + 1]
                assert person not in phrase.text and tok.tag_ != "NNS", (phrase.text, person)
                resolved.append((phrase.text.lower(), person))
    assert ("the chief medical officer", "Liam Donaldson") in resolved


def _detokenized(text: str) -> str:
    """Timeline17 texts are PTB-tokenized: glue clitics and punctuation back."""
    for before, after in ((" 's", "'s"), (" n't", "n't"), (" ,", ","), (" .", "."), ("` ", "'"),
                          (" '", "'")):  # fmt: skip
        text = text.replace(before, after)
    return text
