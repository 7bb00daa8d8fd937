"""Named-entity mentions with in-article coreference: "Mr Lavrov's" → "Sergey Lavrov".

`mentions_from_doc(doc)` takes spaCy's `doc.ents`, keeps the name types (PERSON, ORG, GPE,
NORP, LOC, FAC, EVENT, PRODUCT, WORK_OF_ART, LAW; dates and numbers are the timex tagger's),
repairs the errors the small English model makes on news, and gives every mention the fullest
name the article uses for the same referent.

Repairs, each cheap and local to the article:

* spans are trimmed to the name: a trailing possessive ("David Miliband's"), a leading "the"
  ("the British Council"), and for people a leading title or role the model swallowed
  ("Foreign Secretary David Miliband", "Mr. Smith"); a span with no letter ("½", "``") is
  dropped;
* "Mr/Mrs/Ms/Dr/Sir ... Name" is a person, whatever the model said ("Mr Miliband" as ORG) or
  when it found nothing;
* a name after a kinship word is a person ("his widow Marina", tagged LOC by the model);
* a string tagged ORG/GPE/LOC/... is a person when the article uses it more often as a
  person's name ("Litvinenko" as ORG once, PERSON five times);
* a name used as people's names never are is an organisation: after a determiner ("the
  Beatles", "the new Safari"; only adjectives or numbers between), or written with a lower-case
  start ("iTunes", "eBay").  This is one vote per mention: the link stage decides the type of
  a name from the votes of all its mentions across the corpus;
* a time-zone abbreviation of the IANA database ("UTC", "GMT") is no entity.

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
    canonical_country,
    country_of_demonym,
    time_zone_abbreviations,
)
from storyline.lexicon.names import (
    COURTESY_TITLES,
    DEMONYMS,
    HONORIFICS,
    NAMING_TITLES,
    ORGANISATION_KINDS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
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
_STRIP_FROM_PERSON = (
    HONORIFICS | ROLE_MODIFIERS | ROLE_HEADS | {"foreign", "prime"}
) - NAMING_TITLES
_TITLE_WORDS = COURTESY_TITLES | {"prof", "professor"}
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
_LOWER_START = re.compile(r"[a-z]+[A-Z]")  # "iTunes", "eBay": a brand, never a person
_DETERMINERS = frozenset(["the", "a", "an"])
_BETWEEN = frozenset(["ADJ", "NUM"])  # "the new Safari", "the 787 Dreamliner"
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
    _retype_things(doc, spans)
    _retype_by_kind(doc, spans)
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
    if not any(c.isalpha() for _, _, word in words for c in word):
        return None  # "½", "``", "—": the model tagged a symbol, not a name
    zones = time_zone_abbreviations()
    if all(word in zones or not any(c.isalpha() for c in word) for _, _, word in words):
        return None  # "UTC", "09:00 CEST": a clock and its zone, not an organisation
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


def _retype_things(doc: Doc, spans: list[_Span]) -> None:
    """A PERSON or NORP the text writes as a thing's name is an organisation (a vote: the
    corpus decides).  People take no article ("the Beatles", "the mobile Safari") and their
    names start with a capital ("iTunes"); unless the article also calls the name's last word
    alone a person, as it does people ("Mr Mandela")."""
    text = doc.text  # a property that joins every token: read it once, not per span
    people = [_name(text, s).split() for s in spans if s.type == "PERSON"]
    alone = {words[0] for words in people if len(words) == 1}
    last = {words[-1] for words in people if len(words) > 1}
    for span in spans:
        words = _name(text, span).split()
        if span.type not in ("PERSON", "NORP") or (alone if len(words) > 1 else last) & {words[-1]}:
            continue  # "the late Nelson Mandela ... Mr Mandela": the article names a person
        if _LOWER_START.match(text, span.start) or (
            span.type == "PERSON" and _after_determiner(doc, span.start)
        ):
            span.type = "ORG"


def _retype_by_kind(doc: Doc, spans: list[_Span]) -> None:
    """A PERSON the parse ties to an organisation's head noun is an organisation: the name
    modifies it ("Ekho Moskvy radio"), is modified by it ("electronics retailer Best Buy") or
    has it in apposition ("Novaya Gazeta, the newspaper where ...").  spaCy's small model often
    reads an unfamiliar foreign or brand name as a person; its own parse says otherwise.  A
    kind noun before the name counts only as the name's modifier, never as a head the name may
    be read into ("the newspaper Rupert Murdoch bought")."""
    text, organisations = doc.text, set()
    for span in spans:
        if span.type != "PERSON":
            continue
        name = doc.char_span(span.start, span.end, alignment_mode="expand")
        if name is None:
            continue
        last, inside = name[-1], range(name.start, name.end)
        kinds = [t for token in name for t in token.children if t.dep_ == "appos"]
        if last.dep_ == "compound" and last.head.i == name.end and last.head.pos_ == "NOUN":
            kinds.append(last.head)
        before = doc[name.start - 1] if name.start else None
        if before is not None and before.dep_ == "compound" and before.head.i in inside:
            kinds.append(before)  # "electronics retailer Best Buy" (the noun modifies the name)
        if any(t.lower_ in ORGANISATION_KINDS for t in kinds):
            organisations.add(_name(text, span))
    for span in spans:  # the evidence is about the name: its other mentions follow
        if span.type == "PERSON" and _name(text, span) in organisations:
            span.type = "ORG"


def _after_determiner(doc: Doc, start: int) -> bool:
    """Whether an article opens the phrase a name stands in, with only adjectives or numbers
    between ("the 787 Dreamliner"); not an owner ("Apple's Tim Cook" is a person).  A title
    between ("the former president Bill Clinton") stops the search, as it makes a person."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    i = span.start - 1
    while i >= 0 and doc[i].pos_ in _BETWEEN and doc[i].lower_ not in _STRIP_FROM_PERSON:
        i -= 1
    return i >= 0 and doc[i].lower_ in _DETERMINERS


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
