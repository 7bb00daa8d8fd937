"""The shipped word tables: PETRARCH2's CAMEO verb dictionary and the PLOVER crosswalk, read
from the files as their projects publish them."""

from __future__ import annotations

from importlib import resources

import pytest

from storyline.lexicon import cameo_verbs, crosswalk, data_text
from storyline.lexicon.cameo import Code, key, read
from storyline.lexicon.crosswalk import PloverCode


def _block(name: str):
    (block,) = [b for b in cameo_verbs().blocks if b.name == name]
    return block


def _patterns(block: str, line_part: str):
    return [p for p in _block(block).patterns if line_part in p.line]


def test_the_whole_dictionary_is_read():
    lexicon = cameo_verbs()
    assert len(lexicon.blocks) == 397  # every "--- NAME [CODE] ---" header
    assert sum(len(b.patterns) for b in lexicon.blocks) > 4000
    assert {"MILITARY", "PROPOSAL", "CURRENCY", "WEAPON"} <= set(lexicon.synsets)
    assert cameo_verbs() is lexicon  # read once per process


def test_verb_blocks_codes_and_forms():
    lexicon = cameo_verbs()
    visit = lexicon.entries("visit", "visited")
    assert [lexicon.code_of(v) for v in visit] == [Code("042", "043")]  # the block's pair
    ask = {
        v.after: v for v in lexicon.entries("ask", "asked") if lexicon.blocks[v.block].name == "ASK"
    }
    assert ask[("for",)].code == Code("020", None) and ask[()].coded  # +ASK_FOR [020], ASK [020]
    assert lexicon.code_of(lexicon.entries("reject", "rejected")[0]) is None  # REFUSE [---]
    assert lexicon.entries("seek", "sought")  # an irregular form listed in {...}
    assert lexicon.entries("prepared", "prepared")  # a participle read as its verb
    (cordon,) = lexicon.entries("cordon", "cordoned")
    assert cordon.after == ("off",)  # +CORDON_OFF: a multi-word verb


def test_patterns_phrases_prepositions_and_synsets():
    (financial,) = _patterns("ASK", "(FOR {FINANCIAL AID})")
    assert financial.code == Code("0231", None)
    (prep,) = financial.preps
    assert prep.words == {"for"} and len(prep.obj) == 2  # {FINANCIAL AID}: modifier + head
    (military,) = _patterns("ACCELERATE", "&MILITARY *")
    assert {"troop", "army", "soldier"} <= {
        w for phrase in military.before[0][-1] for w in phrase[-1]
    }
    (court,) = _patterns("APPEAR", "(BEFORE COURT)")
    assert court.code == Code(None, "173")  # the court acts on the subject


def test_a_repeated_pattern_keeps_the_later_code():
    meeting = [p for p in _block("ASK").patterns if p.line.startswith("- * MEETING ")]
    assert [p.code for p in meeting] == [Code("036", None)]  # [026], [028], then [036]


def test_key_folds_case_and_plurals():
    assert key("TALKS") == "talk" == key("talk")
    assert key("ALLIES") == "ally" and key("CRISIS") == "crisis" and key("PRESS") == "press"
    assert key("KRONER_") == "kroner"


def test_crosswalk_codes_prefixes_and_appeals():
    table = crosswalk()
    assert table("042") == PloverCode("CONSULT", "visit", None)
    assert table("0874").type == "RETREAT"
    assert table("08741") == table("0874")  # longest listed prefix
    assert table("0213") == table("1013") == PloverCode("REQUEST", "assist", "legal")
    assert table("010") is None and table("016") is None  # statements are no events
    assert table("1712").type == "ASSAULT" and table("163").type == "COERCE"
    assert table(None) is None and table("---") is None


@pytest.mark.parametrize(
    "name",
    [
        "petrarch2-CAMEO.2.0.txt",
        "petrarch2-LICENSE.txt",
        "PLOVER-CAMEO2PLOVER-2021.txt",
        "PLOVER-LICENSE.md",
        "README.md",
    ],
)
def test_data_files_ship_with_their_licences(name):
    assert resources.files("storyline.lexicon").joinpath("data", name).is_file()


def test_the_dictionary_carries_its_own_licence():
    text = data_text("petrarch2-CAMEO.2.0.txt")
    assert "The MIT License (MIT)" in text and "Open Event Data Alliance" in text
    assert read(text).blocks[0].name == cameo_verbs().blocks[0].name
