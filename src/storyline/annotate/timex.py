"""HeidelTime-style temporal expressions: find them in text and normalise them to TimeML values.

`find_timexes(text, anchor)` returns every date, time, duration and set expression with its
character offsets, its TimeML type and value, and for dates the interval of days it covers.
Relative expressions ("yesterday", "last month") resolve against `anchor`, the article's
publication date; anaphoric ones ("three weeks later", "the following day") against the date
mentioned last in the text.  Bare weekdays and months without a year resolve by tense when
the caller passes `tense_of` (see `tense_from_doc`), else by news convention: a bare weekday is
the most recent such day on or before the anchor.

Granularity is kept: "November 2009" is the month 2009-11 (earliest 1 November, latest 30
November), never its first day; "three weeks later" is a week ("2006-W47").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Literal

from storyline.annotate.timex_normalisers import Ctx, Result
from storyline.annotate.timex_rules import RULES, Rule
from storyline.annotate.timex_values import granularity, interval
from storyline.casefold import fold_twins
from storyline.dates import OutOfCalendar
from storyline.records import FuzzyDate, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

Tense = Literal["past", "present", "future"]

__all__ = ["Timex", "find_timexes", "fuzzy", "tense_from_doc"]


def fuzzy(timex: Timex) -> FuzzyDate | None:
    """The covered interval as a `FuzzyDate` (seasons and half-years count as "quarter")."""
    if timex.earliest is None or timex.latest is None:
        return None
    gran = granularity(timex.value.split("T")[0]) or "day"
    gran = {"half": "quarter", "season": "quarter", "century": "decade"}.get(gran, gran)
    return FuzzyDate(timex.earliest, timex.latest, gran)  # type: ignore[arg-type]


# A clock time and a day written next to each other are one expression: "5 p.m. EST, Nov. 6",
# "Saturday 04 March 2017 12:20 GMT".
_GLUE = re.compile(r"\s*,?\s*(?:on\s+)?")
_CLOCK_RULES = ("clock", "clock_24h")


def find_timexes(
    text: str,
    anchor: date | None,
    *,
    tense_of: Callable[[int], str | None] | None = None,
) -> list[Timex]:
    """All temporal expressions in `text`, in text order, normalised against `anchor`.

    `anchor` is the document creation time (the publication date); without it relative
    expressions still get tagged, with underspecified values ("XXXX-XX-XX", "XXXX-WXX-5").
    `tense_of(offset)` may return "past", "present" or "future" for the clause around a
    character offset (see `tense_from_doc`).
    """
    original, text = text, fold_twins(text)  # same length: offsets hold in both
    candidates = []
    for priority, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text):
            start, end = m.span("span") if "span" in rule.pattern.groupindex else m.span()
            start, end = _trim(text, start, end)
            if end > start:
                candidates.append((start, end, priority, m))
    # Longest first, then leftmost, then rule order; keep those that overlap nothing chosen.
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken: list[tuple[int, int, int, re.Match]] = []
    occupied = bytearray(len(text) + 1)
    for cand in candidates:
        start, end = cand[0], cand[1]
        if any(occupied[start:end]):
            continue
        if _accepts(cand, text, anchor):
            occupied[start:end] = b"\x01" * (end - start)
            taken.append(cand)
    taken.sort(key=lambda c: c[0])

    ctx = Ctx(text=text, anchor=anchor, tense_of=tense_of)
    found: list[tuple[int, int, str, str, str]] = []  # start, end, type, value, rule
    for start, end, priority, m in taken:
        rule = RULES[priority]
        ctx.derived = False
        result = _normalise(rule, m, ctx)
        if result is None:
            continue
        kind, value = result
        found.append(_merge(found, (start, end, kind, value, rule.name), text))
        start, end, kind, value, _ = found[-1]
        if kind in ("DATE", "TIME") and (span := interval(value)) and not ctx.derived:
            ctx.ref, ctx.ref_value = span[0], value.split("T")[0]
            ctx.history.append((start, end, value))
    out = []
    for start, end, kind, value, _ in found:
        span = interval(value) if kind in ("DATE", "TIME") else None
        out.append(
            Timex(
                start=start,
                end=end,
                text=original[start:end],
                type=kind,  # type: ignore[arg-type]
                value=value,
                earliest=span[0] if span else None,
                latest=span[1] if span else None,
            )
        )
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start] in " \t\n,":
        start += 1
    return start, end


def _accepts(cand: tuple[int, int, int, re.Match], text: str, anchor: date | None) -> bool:
    """Whether a rule's normaliser would accept this match (context-free check)."""
    ctx = Ctx(text=text, anchor=anchor or date(2000, 1, 1))
    return _normalise(RULES[cand[2]], cand[3], ctx) is not None


def _normalise(rule: Rule, m: re.Match, ctx: Ctx) -> Result:
    """The rule's reading of a match; None also when it names a date outside years 1-9999
    ("197980 years ago"): the words stay untagged rather than get a false date."""
    try:
        return rule.normalise(m, ctx)
    except OutOfCalendar:
        return None


def _merge(
    found: list[tuple[int, int, str, str, str]],
    new: tuple[int, int, str, str, str],
    text: str,
) -> tuple[int, int, str, str, str]:
    """Join a clock time with an adjacent day ("10 p.m. Wednesday") into one TIME."""
    if not found:
        return new
    prev = found[-1]
    if not _GLUE.fullmatch(text, prev[1], new[0]):
        return new
    pairs = ((prev, new), (new, prev))
    for clock, day in pairs:
        if clock[4] in _CLOCK_RULES and day[2] in ("DATE", "TIME") and day[4] not in _CLOCK_RULES:
            day_part = day[3].split("T")[0]
            if granularity(day_part) != "day" and not day_part.startswith("XXXX-WXX-"):
                continue
            found.pop()
            time_part = clock[3].split("T", 1)[1]
            return (prev[0], new[1], "TIME", f"{day_part}T{time_part}", "clock")
    return new


# --- tense ------------------------------------------------------------------------------

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}


def _token_tense(tok) -> str | None:
    """The tense of the clause headed by verb `tok`, from its tag and auxiliaries."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    lowers = [a.lower_ for a in auxes]
    if any(a in _FUTURE_AUX for a in lowers):
        return "future"
    # "is going to visit", "is to visit", "is expected to visit", "plans to visit"
    if tok.tag_ == "VB" and "to" in lowers:
        head = tok.head
        if head is not tok and head.lemma_ in (
            "go", "be", "expect", "plan", "intend", "schedule", "due", "set", "hope", "aim",
        ):  # fmt: skip
            head_tense = _token_tense(head) if head.pos_ in ("VERB", "AUX", "ADJ") else None
            return "past" if head_tense == "past" else "future"
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if tok.tag_ == "VBD":
        return "past"
    if tok.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if tok.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "acl"):
        return _token_tense(tok.head) if tok.head is not tok else None
    return None


def tense_from_doc(doc: Doc) -> Callable[[int], Tense | None]:
    """A `tense_of(offset)` for `find_timexes`, read off a parsed spaCy `Doc`.

    The tense at an offset is that of the nearest verb governing the token there: walk up
    the dependency tree to a verb and read its tag and auxiliaries ("will"/"'ll" → future,
    VBD or "has"+VBN → past, VBZ/VBP → present; "is to"/"is going to" + VB → future).
    """
    offsets = [t.idx for t in doc]

    def tense_of(offset: int) -> Tense | None:
        if not len(doc):
            return None
        import bisect

        i = max(0, bisect.bisect_right(offsets, offset) - 1)
        tok = doc[i]
        for _ in range(8):
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
                tense = _token_tense(tok)
                if tense:
                    return tense  # type: ignore[return-value]
            if tok.head is tok:
                break
            tok = tok.head
        # no governing verb: the sentence's root verb decides
        root = doc[i].sent.root
        return _token_tense(root)  # type: ignore[return-value]

    return tense_of
