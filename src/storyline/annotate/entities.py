"""Named-entity mentions with in-article coreference: "Mr Lavrov's" → "Sergey Lavrov".

`mentions_from_doc(doc)` takes spaCy's `doc.ents`, keeps the name types (PERSON, ORG, GPE,
NORP, LOC, FAC, EVENT, PRODUCT, WORK_OF_ART, LAW; dates and numbers are the timex tagger's),
repairs the errors the small English model makes on news, and gives every mention the fullest
name the article uses for the same referent.

Repairs, each cheap and local to the article:

* spans are trimmed to the name: a trailing possessive ("David Miliband's"), a leading "the"
  ("the British Council"), and for people a leading title or role the model swallowed
  ("Foreign Secretary David Miliband", "Mr. Smith");
* "Mr/Mrs/Ms/Dr/Sir ... Name" is a person, whatever the model said ("Mr Miliband" as ORG) or
  when it found nothing;
* a name after a kinship word is a person ("his widow Marina", tagged LOC by the model);
* a string tagged ORG/GPE/LOC/... is a person when the article uses it more often as a
  person's name ("Litvinenko" as ORG once, PERSON five times).

Coreference, people only: a one-word name links to the full name with that surname, or
(when nothing has that surname) to the only full name with that first name; two full names
that share a surname are told apart by the nearest full mention before the short one.
Countries are normalised through a small alias table ("Britain", "the U.K." → "United
Kingdom"); an acronym introduced in brackets ("United States Air Force (USAF)") takes the
long form as its canonical name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.annotate.names import (
    DEMONYMS,
    HONORIFICS,
    PERSONAL_TITLES,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    canonical_country,
    country_of_demonym,
)
from storyline.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["KEPT_TYPES", "country_of_demonym", "mentions_from_doc"]

KEPT_TYPES = frozenset(
    ["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"]
)
# Types that may be a mistyped person's name ("Litvinenko" as ORG).
_RETYPABLE = frozenset(["ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"])
# Titles that are part of how a person is named, and stay: "Queen Elizabeth", "Pope Francis".
_KEPT_TITLES = frozenset(["king", "queen", "prince", "princess", "pope", "sheikh", "emir"])
_STRIP_FROM_PERSON = (
    HONORIFICS | ROLE_MODIFIERS | ROLE_HEADS | {"foreign", "prime"}
) - _KEPT_TITLES
_TITLE_WORDS = PERSONAL_TITLES | {"lord", "prof", "professor"}
_KIN = frozenset(
    [
        "widow",
        "widower",
        "wife",
        "husband",
        "son",
        "daughter",
        "brother",
        "sister",
        "mother",
        "father",
        "niece",
        "nephew",
        "cousin",
        "grandson",
        "granddaughter",
        "grandmother",
        "grandfather",
        "uncle",
        "aunt",
        "girlfriend",
        "boyfriend",
        "fiancee",
        "fiancée",
        "partner",
        "stepson",
        "stepdaughter",
    ]
)
_WORD = re.compile(r"\S+")
_POSSESSIVE_END = re.compile(r"(?:\s*['’]s|(?<=s)['’])$")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z&.]{1,11})\)")
_ACRONYM_SKIP = frozenset(["of", "the", "and", "for", "&", "de", "du", "la"])


@dataclass
class _Span:
    start: int
    end: int
    type: str


def mentions_from_doc(doc: Doc) -> list[Mention]:
    """Every named-entity mention in `doc`, in text order, with its in-article canonical name."""
    text = doc.text
    spans = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_TYPES:
            continue
        span = _trim(text, ent.start_char, ent.end_char, ent.label_)
        if span is not None:
            spans.append(span)
    spans = _add_titled_persons(doc, spans)
    _retype_kin(doc, spans)
    _retype_by_majority(text, spans)
    acronyms = _acronyms(text, spans)
    if acronyms:
        spans = _add_acronym_mentions(text, spans, acronyms)
    canonical = _canonical_names(text, spans, acronyms)
    return [
        Mention(s.start, s.end, text[s.start : s.end], s.type, name)
        for s, name in zip(spans, canonical, strict=True)
    ]


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [
        (start + m.start(), start + m.end(), m.group()) for m in _WORD.finditer(text[start:end])
    ]


def _trim(text: str, start: int, end: int, label: str) -> _Span | None:
    """The name proper inside a spaCy entity span: no possessive, leading "the" or title."""
    match = _POSSESSIVE_END.search(text, start, end)
    if match and match.start() > start:
        end = match.start()
    words = _words(text, start, end)
    if len(words) > 1 and words[0][2].lower() == "the" and words[1][2].lower() != "hague":
        words = words[1:]
    if label == "PERSON":
        while len(words) > 1 and words[0][2].lower().rstrip(".") in _STRIP_FROM_PERSON:
            words = words[1:]
        # A demonym in front of a person's name is not part of it ("Russian Sergey Lavrov").
        if len(words) > 2 and words[0][2].lower() in DEMONYMS:
            words = words[1:]
    if not words:
        return None
    return _Span(words[0][0], words[-1][1], label)


def _add_titled_persons(doc: Doc, spans: list[_Span]) -> list[_Span]:
    """ "Mr Miliband" is a person even when the model called it ORG or missed it."""
    found = []
    tokens = list(doc)
    for i, token in enumerate(tokens):
        if token.lower_.rstrip(".") not in _TITLE_WORDS or not token.text[:1].isupper():
            continue
        j = i + 1
        if j < len(tokens) and tokens[j].text == ".":
            j += 1
        first = j
        while (
            j < len(tokens)
            and j - first < 3
            and tokens[j].text[:1].isupper()
            and (tokens[j].is_alpha or "-" in tokens[j].text or "'" in tokens[j].text)
            and not tokens[j].is_stop
        ):
            j += 1
        if j > first:
            found.append(_Span(tokens[first].idx, tokens[j - 1].idx + len(tokens[j - 1]), "PERSON"))
    if not found:
        return spans
    kept = [s for s in spans if not any(s.start < f.end and f.start < s.end for f in found)]
    return sorted(kept + found, key=lambda s: s.start)


def _previous_word(doc: Doc, start: int) -> str:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return ""
    i = span.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text == ","):
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def _retype_kin(doc: Doc, spans: list[_Span]) -> None:
    """ "his widow Marina": a name after a kinship word is a person (spaCy said LOC)."""
    for span in spans:
        if span.type in _RETYPABLE and _previous_word(doc, span.start) in _KIN:
            span.type = "PERSON"


def _retype_by_majority(text: str, spans: list[_Span]) -> None:
    """A string the article mostly uses as a person's name is a person everywhere."""
    as_person: Counter[str] = Counter()
    as_other: Counter[str] = Counter()
    for span in spans:
        name = " ".join(text[span.start : span.end].split())
        if span.type == "PERSON":
            as_person[name] += 1
            words = name.split()
            if len(words) > 1:
                as_person[words[-1]] += 1
        elif span.type in _RETYPABLE:
            as_other[name] += 1
    for span in spans:
        if span.type not in _RETYPABLE:
            continue
        name = " ".join(text[span.start : span.end].split())
        if canonical_country(name) or name.lower() in DEMONYMS:
            continue
        if as_person[name] > as_other[name]:
            span.type = "PERSON"


def _canonical_names(text: str, spans: list[_Span], acronyms: dict[str, _Span]) -> list[str]:
    names = [" ".join(text[s.start : s.end].split()) for s in spans]
    full: dict[str, list[int]] = {}  # a multi-word person name → positions of its mentions
    for span, name in zip(spans, names, strict=True):
        if span.type == "PERSON" and len(name.split()) > 1:
            full.setdefault(name, []).append(span.start)
    # A shorter full name inside a longer one ("George Bush" in "George W. Bush").
    longest = {name: _longest_form(name, full) for name in full}
    long_names = {acronym: _name(text, span) for acronym, span in acronyms.items()}
    result = []
    for span, name in zip(spans, names, strict=True):
        if span.type == "PERSON":
            result.append(_person_canonical(name, span.start, full, longest))
        elif span.type in ("GPE", "LOC"):
            result.append(canonical_country(name) or name)
        else:
            result.append(long_names.get(name, name) if span.type != "NORP" else name)
    return result


def _longest_form(name: str, full: dict[str, list[int]]) -> str:
    words = name.split()
    longer = [
        other
        for other in full
        if len(other.split()) > len(words)
        and other.split()[-1] == words[-1]
        and other.split()[0] == words[0]
        and _is_subsequence(words, other.split())
    ]
    return longer[0] if len(longer) == 1 else name


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(word in rest for word in short)


def _person_canonical(
    name: str, start: int, full: dict[str, list[int]], longest: dict[str, str]
) -> str:
    if name in full:
        return longest[name]
    if len(name.split()) != 1:
        return name
    by_surname = {longest[f] for f in full if f.split()[-1] == name}
    if len(by_surname) == 1:
        return by_surname.pop()
    if by_surname:
        return _nearest(start, [f for f in full if longest[f] in by_surname], full, longest)
    by_first = {longest[f] for f in full if f.split()[0] == name}
    if len(by_first) == 1:
        return by_first.pop()
    return name


def _nearest(start: int, candidates: list[str], full: dict[str, list[int]], longest) -> str:
    """The full name mentioned last before `start`, else the first one mentioned after it."""
    before = [(pos, f) for f in candidates for pos in full[f] if pos < start]
    if before:
        return longest[max(before)[1]]
    return longest[min((pos, f) for f in candidates for pos in full[f])[1]]


def _name(text: str, span: _Span) -> str:
    return " ".join(text[span.start : span.end].split())


def _acronyms(text: str, spans: list[_Span]) -> dict[str, _Span]:
    """ "United States Air Force (USAF)": the bracketed acronym stands for the long name."""
    found: dict[str, _Span] = {}
    for span in spans:
        if span.type not in ("ORG", "FAC", "LAW", "EVENT", "PRODUCT"):
            continue
        match = _ACRONYM_AFTER.match(text, span.end)
        if not match:
            continue
        name = _name(text, span)
        acronym = match.group(1)
        letters = acronym.replace(".", "").upper()
        words = [w for w in name.split() if w.lower() not in _ACRONYM_SKIP]
        initials = "".join(w[0] for w in words).upper()
        if letters == initials or acronym in name.split():
            found.setdefault(acronym, span)
    return found


def _add_acronym_mentions(text: str, spans: list[_Span], acronyms: dict[str, _Span]) -> list[_Span]:
    """Every use of an acronym the article defined is a mention, tagged or not."""
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, acronyms)) + r")(?![\w])")
    added = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if not any(s.start < end and start < s.end for s in spans):
            added.append(_Span(start, end, acronyms[match.group()].type))
    return sorted(spans + added, key=lambda s: s.start) if added else spans
