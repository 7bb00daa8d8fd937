"""Decoding: every choice is recorded, and no file is silently turned into mojibake."""

from __future__ import annotations

import pytest

from storyline.ingest.decoding import decode, escaped
from storyline.records import Decoding

EURO_CAFE = "The price rose to 5\u20ac and the caf\u00e9 owners complained about it.\n" * 5
MUNICH = "Caf\u00e9 owners in M\u00fcnchen"
# Text written for these tests, in the scripts the detector has to tell from Windows-1252
RUSSIAN = "Министр иностранных дел заявил, что переговоры в Москве были очень важны.\n" * 2
POLISH = "Minister powiedział, że rozmowy były ważne. Żołnierze też byli, ale mało mówili.\n" * 2
FRENCH = "Le ministre a déclaré à la presse que la réunion était « très importante ».\n" * 2


def test_one_stray_byte_in_utf8_is_replaced_and_counted_not_a_legacy_code_page():
    data = EURO_CAFE.encode()
    text, decoding = decode(data[:40] + b"\xff" + data[40:])
    assert decoding == Decoding("utf-8", "utf-8", replaced=1)
    assert text.replace("\ufffd", "") == EURO_CAFE
    assert "1 undecodable sequence replaced by U+FFFD" in decoding.warning


def test_latin1_text_with_lone_accents_is_windows_1252_not_utf8_with_holes():
    text, decoding = decode(MUNICH.encode("latin-1"))
    assert (text, decoding) == (MUNICH, Decoding("cp1252", "fallback"))
    assert decoding.warning is None


@pytest.mark.parametrize(
    "sample",
    [FRENCH, "Price: \u00a35 \u00b1 2% \u2013 \u201cquoted\u201d \u00a9", MUNICH * 3],
)
def test_latin_text_stays_windows_1252_whatever_the_detector_guesses(sample):
    """charset-normalizer calls some of these cp1250 or cp775 ("Ł5", "Cafķ")."""
    assert decode(sample.encode("cp1252")) == (sample, Decoding("cp1252", "fallback"))


@pytest.mark.parametrize(("sample", "codec"), [(RUSSIAN, "cp1251"), (RUSSIAN, "koi8-r"),
                                               (POLISH, "cp1250")])  # fmt: skip
def test_the_detector_decides_where_windows_1252_garbles_the_text(sample, codec):
    text, decoding = decode(sample.encode(codec))
    assert text == sample
    assert decoding.how == "detected"
    assert decoding.encoding.replace("_", "-") == codec


def test_byte_order_marks_come_first_and_a_cut_utf16_file_keeps_its_text():
    story = "A story about the caf\u00e9.\n"
    cut = story.encode("utf-16")[:-1]
    assert decode(cut) == (story[:-1] + "\ufffd", Decoding("utf-16-le", "bom", replaced=1))
    for codec, name in (("utf-32", "utf-32-le"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16-le")):
        assert decode(story.encode(codec)) == (story, Decoding(name, "bom"))


def test_declared_charsets_in_order_header_meta_xml():
    body = "Москва".encode("koi8-r")
    meta = b'<html><head><meta charset="koi8-r"></head><body>' + body + b"</body></html>"
    assert decode(meta, markup=True)[1] == Decoding("koi8-r", "meta")
    assert decode(meta, declared="cp1251", markup=True)[1] == Decoding("cp1251", "http-header")
    assert decode(meta)[1].how != "meta"  # plain text has no markup to declare anything
    xml = b'<?xml version="1.0" encoding="koi8-r"?><html><body>' + body + b"</body></html>"
    assert decode(xml, markup=True) == (xml.decode("koi8-r"), Decoding("koi8-r", "xml-declaration"))


def test_declarations_that_cannot_apply_are_passed_over():
    latin = f"<html><body><p>{MUNICH}</p></body></html>"
    page = latin.replace("<html>", '<html><meta http-equiv="Content-Type" '
                         'content="text/html; charset=ISO-8859-1">').encode("latin-1")  # fmt: skip
    assert decode(page, markup=True) == (page.decode("cp1252"), Decoding("cp1252", "meta"))
    lying = latin.replace("<html>", '<html><meta charset="utf-8">').encode("latin-1")
    assert decode(lying, markup=True)[1] == Decoding("cp1252", "fallback")
    unknown = latin.replace("<html>", '<html><meta charset="x-klingon">').encode("latin-1")
    assert decode(unknown, markup=True)[1] == Decoding("cp1252", "fallback")
    utf8 = latin.replace("<html>", '<html><meta charset="iso-8859-1">').encode()
    assert decode(utf8, markup=True) == (utf8.decode(), Decoding("utf-8", "utf-8"))


def test_bytes_that_no_encoding_reads_cleanly_are_flagged():
    text, decoding = decode(bytes(range(128, 256)) * 4)
    assert decoding == Decoding("cp1252", "unsure", replaced=20)  # 5 bytes cp1252 leaves undefined
    assert decoding.warning == "read as cp1252 as a last resort; the text may be garbled"


def test_the_choice_is_explained_in_words():
    assert Decoding("utf-8", "utf-8").explained == "valid UTF-8"
    explained = Decoding("utf-8", "utf-8", replaced=3).explained
    assert explained == "valid UTF-8; 3 undecodable sequences replaced by U+FFFD"
    assert "Windows-1252" in Decoding("cp1252", "fallback").explained


def test_file_names_that_are_not_utf8_are_escaped_for_showing():
    assert escaped("caf\udce9.txt") == "caf\\xe9.txt"
    assert escaped("caf\u00e9.txt") == "caf\u00e9.txt"
    assert escaped("lone \ud800 surrogate") == "lone \\xed\\xa0\\x80 surrogate"
