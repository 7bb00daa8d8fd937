"""Dating undated articles from their own text, and from the dated happenings their peers name.

`infer_published(text, sentences, timexes)` returns the tightest interval the article's own
evidence supports for its publication date, as a `FuzzyDate`, plus one `DateEvidence` per
sentence that shaped it.  The timexes are tagged with no anchor (the date is what we are
looking for), so only absolute expressions carry days; relative ones ("yesterday", "last
year") only help when they sit next to a happening whose date is known.

The evidence, strongest first (the order in which conflicts are settled, rule 6):

1. **Anniversaries.** "the third anniversary of the poisoning of Alexander Litvinenko": the
   event's date comes from a date inside the phrase, else from an *event anchor* (below) learned
   from this article or its peers.  The article's "now" is that date + N years; publication is in
   [now, now + 7 days].  An anchor coarser than a day is not widened by the week: a month or year
   already spans it, and the week would only push the interval across a calendar boundary.
   "ahead of / will mark the Nth anniversary" puts publication in the year before it instead.
5. **Relative expressions next to a dated happening.** "Russia's war with Georgia last year", with
   an anchor (war, {Georgia}) → 2008-08, puts publication in 2009; likewise today / yesterday /
   tomorrow (day anchors, one day of slack for print), this/last/next week, month and year,
   and "N days/weeks/months/years ago".  Stricter than rule 1: the anchor's own event word must
   be next to the expression, two names must be shared, and for days one more content word.
   Anchored by a *peer*, this rule ranks below corroborated past mentions (rule 2).
3. **Gaps.** "the first ... for more than three years", "for the first time in N years", "not ...
   for N months": publication ≥ the last occurrence + N.  The last occurrence is the most recent
   past absolute date in a sentence that says "since" ("not met Mr Putin since 2007", "phoned
   Gordon Brown in June 2008 but there has been no contact since") and that shares a name with the
   gap's sentence.  The latest past date of the whole article is *not* used: it is too often an
   unrelated happening (seed 000: the 2006 poisoning versus five years without a visit).  Only a
   lower bound: "for five years" is rounded too freely for an upper one.
2. **Past mentions of absolute dates** ("in June 2008", a factbox line "June 2009: ..."):
   publication ≥ the date's first day.  Any absolute date that is not future or hypothetical
   counts (news rarely names a date it has not reached without a future cue).  A bound whose
   year no other mention shares is the weakest evidence of all.
4. **Future references** ("will ... in 2012", "may be re-elected in 2012", "ahead of the 2014 Winter
   Olympics"): publication ≤ the start of the date.  Convention: a future year or month named bare
   is usually a *later* one, so the bound is the end of the previous year (month); if stronger
   evidence says otherwise, it relaxes to the end of the named year (month) before it is dropped.

Dates in a hypothetical clause ("if", "unless", "would", "could", "should", "were to") give no
bound, inside quotes or not.  Tense comes from lexical cues in the clause before the date (will,
'll, shall, may, might, "is to", "due/expected/set/planning to", ahead of, upcoming, next) and,
when a parsed `doc` is given, from `tense_from_doc`; a date used as a modifier ("the 2006
poisoning") takes no tense from its clause.

6. **Combining.** Evidence is intersected strongest first; an item that would empty the interval is
   dropped (after trying its relaxed form) and reported with "dropped".  An interval bounded on one
   side only is not a date: the result is then None, with the evidence still returned.

**Event anchors** (`learn_anchors`) are day-, month- or year-precise dates of named happenings
(never future or hypothetical ones: a plan "by 2008" is not a happening)
("The former spy was poisoned on November 2, 2006" → (poison, {Litvinenko, ...}) 2006-11-02).
Kept simple, without a parser: the *event* is the content word nearest the date in its sentence
(stemmed crudely: poisoned/poisoning → poison), with up to six content words either side as
context; the *names* are the capitalised words of the sentence and the one before (titles,
months, demonyms and sentence-initial words not capitalised elsewhere are dropped; possessives
stripped).  A lookup needs a shared event word and a shared name; among matches the one sharing
more names wins, then the narrower date (a precise date from a peer beats this article's
"in 2006" when they agree), then the one seen in more sentences.  Year-precise anchors are kept
too (a coarser contract than "day or month" because a lone "in 2006" is often all an undated
article has); a more precise anchor always wins when both match.

The returned `FuzzyDate` keeps the tight interval; its granularity is the finest calendar unit
that contains it: day, month, year; for an interval across a new year, week when it fits one ISO
week, else decade (so `FuzzyDate.value` prints the interval itself).

This module is the public API (`learn_anchors`, `infer_published`, `reanchor`; `Anchor` and
`EventAnchors` are re-exported) and the combining of evidence (rule 6).  The per-rule evidence
functions live in `dating_rules`, the article reader and the anchor types in `dating_article`;
the word lists, number words, stemmer and cue patterns in `dating_words`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from storyline.annotate.dating_article import Anchor, EventAnchors, _Article, _merge
from storyline.annotate.dating_rules import _anniversaries, _dates, _gaps, _Item, _relatives
from storyline.annotate.timex import find_timexes
from storyline.records import DateEvidence, FuzzyDate, Sentence, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Anchor", "EventAnchors", "infer_published", "learn_anchors", "reanchor"]


def learn_anchors(articles: Iterable[tuple[Any, ...]]) -> EventAnchors:
    """Event anchors from (text, sentences, timexes[, doc]) of dated or undated articles.

    Undated articles count too: "November 2, 2006" needs no anchor.  Timexes resolved against a
    known publication date ("yesterday" in a dated article) give anchors as well.
    """
    found: list[Anchor] = []
    for item in articles:
        text, sentences, timexes = item[0], item[1], item[2]
        doc = item[3] if len(item) > 3 else None
        art = _Article(text, sentences, timexes, doc)
        found.extend(anchor for _, anchor in art.anchors())
    return EventAnchors(_merge(found))


# --- combining -------------------------------------------------------------------------------
def _combine(items: list[_Item]) -> tuple[date | None, date | None]:
    lo: date | None = None
    hi: date | None = None
    for item in sorted(items, key=lambda it: (-it.strength, it.offset)):
        for bounds in ((item.earliest, item.latest, None), item.relaxed):
            if bounds is None:
                continue
            new_lo = max(filter(None, (lo, bounds[0])), default=None)
            new_hi = min(filter(None, (hi, bounds[1])), default=None)
            if new_lo is None or new_hi is None or new_lo <= new_hi:
                lo, hi = new_lo, new_hi
                if bounds[2] is not None:
                    item.earliest, item.latest, item.reason = (
                        bounds[0],
                        bounds[1],
                        (bounds[2] + " (relaxed: stronger evidence puts publication in it)"),
                    )
                break
        else:
            item.dropped = True
            item.reason += " — dropped: conflicts with stronger evidence"
    return lo, hi


def infer_published(
    text: str,
    sentences: Sequence[Sentence],
    timexes: Sequence[Timex],
    doc: Doc | None = None,
    anchors: EventAnchors | None = None,
) -> tuple[FuzzyDate | None, list[DateEvidence]]:
    """The tightest publication interval the article's evidence supports, and that evidence.

    `timexes` are tagged with anchor=None.  `doc` (the parsed text) only sharpens tense; `anchors`
    are happenings dated by peers (`learn_anchors`).  Returns (None, evidence) when nothing bounds
    the date on both sides, (None, []) when nothing bounds it at all.
    """
    art = _Article(text, sentences, timexes, doc)
    if not art.sentences:
        return None, []
    own = art.anchors()
    items = (
        _anniversaries(art, anchors, own) + _relatives(art, anchors, own) + _gaps(art) + _dates(art)
    )
    if not items:
        return None, []
    lo, hi = _combine(items)
    shown = [
        it
        for it in items
        if it.dropped
        or it.kind in ("anniversary", "relative", "gap")
        or (it.earliest is not None and it.earliest == lo)
        or (it.latest is not None and it.latest == hi)
    ]
    shown.sort(key=lambda it: it.offset)
    evidence = [
        DateEvidence(*art.span(it.sentence), it.earliest, it.latest, it.reason) for it in shown
    ]
    if lo is None or hi is None:
        return None, evidence
    return FuzzyDate.between(lo, hi), evidence


def reanchor(
    text: str,
    timexes: Sequence[Timex] | None,
    published: FuzzyDate | None,
    tense_of: Callable[[int], str | None] | None = None,
) -> list[Timex]:
    """Timexes normalised against an inferred date, carrying its uncertainty.

    The text is normalised against both ends of the interval.  An expression that resolves the
    same either way keeps its value; one that moves with the anchor ("yesterday" in seed 001,
    inferred 2009-11-02..09) spans the union of both readings (2009-11-01..08) and says only
    what both share: the month "2009-11", or the year.  An interval over a year anchors nothing:
    `timexes` come back as given (tagged with anchor None if None).
    """
    if published is None or (published.latest - published.earliest).days > 366:
        return list(timexes) if timexes is not None else find_timexes(text, None, tense_of=tense_of)
    early = find_timexes(text, published.earliest, tense_of=tense_of)
    late = find_timexes(text, published.latest, tense_of=tense_of)
    loose = find_timexes(text, None, tense_of=tense_of)
    if not len(early) == len(late) == len(loose):
        return loose
    return [_union(*readings) for readings in zip(early, late, loose, strict=True)]


def _union(early: Timex, late: Timex, loose: Timex) -> Timex:
    """One expression read against both ends of an interval (and against no date at all)."""
    if early.value == late.value:
        return early
    if early.earliest is None or late.latest is None or early.earliest.year != late.latest.year:
        return loose
    lo, hi = early.earliest, late.latest
    same_month = (lo.year, lo.month) == (hi.year, hi.month)
    value = f"{lo.year:04d}-{lo.month:02d}" if same_month else f"{lo.year:04d}"
    return Timex(early.start, early.end, early.text, early.type, value, lo, hi)
