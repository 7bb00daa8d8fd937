"""How `dating` turns one article into evidence: the machinery behind each rule.

Why a module of its own: `dating` grew past the 800-line limit (STYLE.md).  `dating` keeps the
public API and the combining of evidence (rule 6); this module holds what the rules need: the
evidence strengths, anchor lookup (`_choose`) and one function per evidence rule:
`_anniversaries` (rule 1), `_relatives` (rule 5), `_dates` (rules 2 and 4) and `_gaps` (rule 3).
The rules themselves are described in `dating`'s docstring; the article reader and the anchor
types are in `dating_article`.  It imports from `dating_words` and `dating_article`, never from
`dating`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from storyline.annotate.dating_article import Anchor, EventAnchors, _Article
from storyline.annotate.dating_words import (
    _ANNIV_FUTURE,
    _ANNIVERSARY,
    _GAP,
    _GAP_CUE,
    _PHRASE_END,
    _SINCE,
    _number,
    _ordinal,
    _relative,
)
from storyline.annotate.timex import fuzzy
from storyline.annotate.timex_values import shift
from storyline.dates import OutOfCalendar, add_days, add_days_within, make_date, month_end
from storyline.records import FuzzyDate, Timex

# --- strengths: the order in which conflicting evidence is kept (rule 6) --------------------
PHRASE, ARTICLE, PEER, RELATIVE, GAP, PAST_CORROBORATED, RELATIVE_PEER, FUTURE, PAST_SINGLE = (
    8,
    7,
    6,
    5,
    4,
    3,
    2,
    1,
    0,
)


# --- evidence items --------------------------------------------------------------------------
@dataclass
class _Item:
    strength: int
    earliest: date | None
    latest: date | None
    sentence: int
    offset: int
    reason: str
    relaxed: tuple[date | None, date | None, str] | None = None
    dropped: bool = False
    kind: str = ""


@dataclass
class _Candidate:
    anchor: Anchor
    strength: int
    overlap: int
    primary: bool
    matched: str = ""
    consistent: bool = True
    extra: dict = field(default_factory=dict)


def _choose(
    art: _Article,
    i: int,
    events: dict[str, str],
    names: set[str],
    peers: EventAnchors | None,
    own: list[tuple[int, Anchor]],
    *,
    allow_same_sentence: bool,
    grain: str = "year",
    strict: set[str] | None = None,
) -> _Candidate | None:
    """The best anchor for a happening described by `events` (stem → word) near `names`.

    `strict` (the content stems of the whole sentence) asks for the same happening, not just the
    same kind: the anchor's own event word must be one of `events`, two names must be shared,
    and one more content word besides the event.  Relative expressions need this: a corpus about
    one company has a dated "Apple ... launched" in every other article.
    """
    digest = art.digest(i)
    cands: list[_Candidate] = []
    order = {"day": 0, "month": 1, "year": 2}

    def consider(a: Anchor, strength: int) -> None:
        if order[a.granularity] > order[grain]:
            return
        if not allow_same_sentence and digest in a.sources:
            return
        shared = set(events) & ({a.event} | a.context)
        overlap = len(names & a.names)
        if strict is not None and (
            a.event not in shared
            or overlap < 2
            or (grain == "day" and len(strict & ({a.event} | a.context)) < 2)
        ):
            return
        if shared and overlap:
            primary = a.event in shared
            matched = events[a.event] if primary else events[sorted(shared)[0]]
            cands.append(_Candidate(a, strength, overlap, primary, matched))

    for j, a in own:
        if allow_same_sentence or j != i:
            consider(a, ARTICLE)
    for a in peers or ():
        consider(a, PEER)
    if not cands:
        return None
    mine = [c.anchor for c in cands if c.strength == ARTICLE]
    for c in cands:  # a peer's date must agree with what this article says about the same thing
        if c.strength == PEER and any(
            c.anchor.latest < m.earliest or c.anchor.earliest > m.latest for m in mine
        ):
            c.consistent = False
    cands.sort(
        key=lambda c: (
            not c.consistent,
            -min(c.overlap, 2),
            not c.primary,
            c.anchor.width,
            -len(c.anchor.sources),
            -c.strength,
        )
    )
    return cands[0]


def _anniversaries(
    art: _Article, peers: EventAnchors | None, own: list[tuple[int, Anchor]]
) -> list[_Item]:
    items = []
    for m in _ANNIVERSARY.finditer(art.text):
        n = _ordinal(m.group("ord") or m.group("cent"))
        if not n:
            continue
        i = art.sentence_of(m.start())
        s1 = art.span(i)[1]
        rest = art.text[m.end() : s1]
        cut = _PHRASE_END.search(rest)
        p0, p1 = m.end(), m.end() + (cut.start() if cut else min(len(rest), 100))
        inside = [
            t
            for t in art.absolute()
            if p0 <= t.start < p1
            and (fd := fuzzy(t))
            and fd.granularity in ("day", "month", "year")
        ]
        if inside:
            fd = fuzzy(inside[0])
            assert fd is not None
            after = art.content(inside[0].end, p1)
            anchor = Anchor(
                after[0][0] if after else "event",
                frozenset(),
                fd.earliest,
                fd.latest,
                fd.granularity,
                example=inside[0].text,
            )
            what, strength = (after[0][1] if after else "event"), PHRASE
        else:
            events = {st: w for st, w in reversed(art.content(p0, p1))}
            names = art.names(p0, p1) | art.window_names(i)
            best = _choose(art, i, events, names, peers, own, allow_same_sentence=True)
            if best is None:
                continue
            anchor, what, strength = best.anchor, best.matched, best.strength
        lead = art.text[art.span(i)[0] : m.start()]
        ahead = bool(_ANNIV_FUTURE.search(lead))
        try:
            lo, hi, now = _anniversary_interval(anchor, n, ahead)
        except OutOfCalendar:  # "the 500th anniversary" of a date in 9800: no such year
            continue
        where = {PHRASE: "", ARTICLE: "", PEER: ", from a peer article"}[strength]
        reason = (
            f"{m.group(0).strip()[:-3].strip().lower()} of the {what} "
            f"({anchor.value}{where}) → {now}"
        )
        if ahead:
            reason += ": the anniversary is still ahead, publication within the year before"
        items.append(_Item(strength, lo, hi, i, m.start(), reason, kind="anniversary"))
    return items


def _anniversary_interval(anchor: Anchor, n: int, ahead: bool) -> tuple[date, date, str]:
    """When the `n`th anniversary of `anchor` puts publication, and that anniversary's value."""
    now_lo, now_hi = shift(anchor.earliest, "year", n), shift(anchor.latest, "year", n)
    if anchor.granularity == "month":  # keep the month whole (29 February and friends)
        now_hi = month_end(now_lo.year, now_lo.month)
    if ahead:
        lo, hi = shift(now_lo, "year", -1), now_hi
    elif anchor.granularity == "day":
        lo, hi = now_lo, add_days_within(now_lo, 7)
    else:
        lo, hi = now_lo, now_hi
    return lo, hi, FuzzyDate(now_lo, now_hi, anchor.granularity).value


def _relatives(
    art: _Article, peers: EventAnchors | None, own: list[tuple[int, Anchor]]
) -> list[_Item]:
    items = []
    for t in art.timexes:
        if t.earliest is not None or t.type not in ("DATE", "TIME"):
            continue
        rel = _relative(t.text)
        if rel is None:
            continue
        unit, k = rel
        i = art.sentence_of(t.start)
        before, after = art.near(t.start, t.end, k=4, clause=True)
        s0, s1 = art.span(i)
        words = {st: w for st, w in reversed(art.content(s0, s1))}
        events = {st: words.get(st, st) for st in before + after}
        grain = {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
        best = _choose(
            art,
            i,
            events,
            art.names(s0, s1),
            peers,
            own,
            allow_same_sentence=False,
            grain=grain,
            strict=set(words),
        )
        if best is None:
            continue
        a = best.anchor
        try:
            bounds = _relative_interval(a, unit, k)
        except OutOfCalendar:  # "197980 years ago" next to a dated happening
            continue
        if bounds is None:
            continue
        lo, hi = bounds
        now = (
            FuzzyDate(lo, hi, "day" if lo == hi else "month").value
            if unit != "year"
            else str(lo.year)
        )
        if unit in ("day", "week"):
            now = f"{lo.isoformat()}..{hi.isoformat()}"
        src = ", from a peer article" if best.strength == PEER else ""
        reason = f"{t.text!r} next to the {best.matched} ({a.value}{src}) → {now}"
        strength = RELATIVE_PEER if best.strength == PEER else RELATIVE
        items.append(_Item(strength, lo, hi, i, t.start, reason, kind="relative"))
    return items


def _relative_interval(a: Anchor, unit: str, k: int) -> tuple[date, date] | None:
    """When publication is, if the happening dated by `a` was `k` units before it (None when
    the anchor is coarser than the unit)."""
    if unit == "year":
        if a.earliest.year != a.latest.year:
            return None
        y = a.earliest.year + k
        return make_date(y, 1, 1), make_date(y, 12, 31)
    if unit == "month":
        if (a.earliest.year, a.earliest.month) != (a.latest.year, a.latest.month):
            return None
        first = shift(a.earliest.replace(day=1), "month", k)
        return first, month_end(first.year, first.month)
    if unit == "week":
        if k == 1:
            return add_days(a.earliest, 1), add_days(a.earliest, 13)
        return add_days(a.earliest, 7 * k - 6), add_days(a.earliest, 7 * k + 6)
    lo = add_days(a.earliest, k)
    return lo, add_days(lo, 1)


def _dates(art: _Article) -> list[_Item]:
    """Rules 2 and 4: past mentions give lower bounds, future ones upper bounds."""
    items = []
    past = [t for t in art.absolute() if art.mood(t) in ("past", "unknown")]
    for t in art.absolute():
        mood = art.mood(t)
        fd = fuzzy(t)
        assert fd is not None and t.earliest is not None and t.latest is not None
        i = art.sentence_of(t.start)
        if mood == "hypothetical":
            continue
        if mood == "future":
            if t.earliest == t.latest:
                items.append(
                    _Item(
                        FUTURE,
                        None,
                        t.earliest,
                        i,
                        t.start,
                        f"future reference to {t.text!r} → ≤ {t.earliest}",
                        kind="future",
                    )
                )
                continue
            if t.earliest == date.min:
                continue  # "in the year 1" ahead: nothing is published before it
            strict = add_days(t.earliest, -1)
            unit = fd.granularity if fd.granularity in ("month", "year") else "period"
            items.append(
                _Item(
                    FUTURE,
                    None,
                    strict,
                    i,
                    t.start,
                    f"future reference to {t.text!r}, taken as a later {unit} → ≤ {strict}",
                    relaxed=(
                        None,
                        t.latest,
                        f"future reference to {t.text!r}, within that {unit} → ≤ {t.latest}",
                    ),
                    kind="future",
                )
            )
            continue
        others = [
            u
            for u in past
            if u.start != t.start and u.earliest and u.earliest.year == t.earliest.year
        ]
        strength = PAST_CORROBORATED if others else PAST_SINGLE
        how = "factbox entry" if art.is_factbox(t) else "past mention of"
        items.append(
            _Item(
                strength,
                t.earliest,
                None,
                i,
                t.start,
                f"{how} {t.text!r} → ≥ {t.earliest}",
                kind="past",
            )
        )
    return items


def _gaps(art: _Article) -> list[_Item]:
    """Rule 3: "the first ... for more than three years" after a dated last occurrence."""
    items = []
    since: list[tuple[Timex, int]] = []
    for t in art.absolute():
        i = art.sentence_of(t.start)
        s0, s1 = art.span(i)
        fd = fuzzy(t)
        if fd is None or fd.granularity not in ("day", "month", "year", "quarter", "week"):
            continue
        if _SINCE.search(art.text[s0:s1]) and art.mood(t) in ("past", "unknown"):
            since.append((t, i))
    for m in _GAP.finditer(art.text):
        i = art.sentence_of(m.start())
        s0, _ = art.span(i)
        if not _GAP_CUE.search(art.text[s0 : m.start()]):
            continue
        n = _number(m.group("n"))
        if not n:
            continue
        unit = m.group("unit").lower().rstrip("s")
        if unit == "decade":
            unit, n = "year", 10 * n
        if m.group("almost"):
            n -= 1
        names = art.window_names(i)
        linked = [(t, j) for t, j in since if art.window_names(j) & names]
        if not linked:
            continue
        last, _ = max(linked, key=lambda tj: (tj[0].earliest, tj[0].start))
        assert last.earliest is not None
        try:
            lo = shift(last.earliest, unit, n)
        except OutOfCalendar:  # "for the first time in 900 years" since a date in 9500
            continue
        reason = (
            f"{m.group(0)!r} since {last.text!r} (the latest dated occurrence linked by "
            f"'since') → ≥ {lo}"
        )
        items.append(_Item(GAP, lo, None, i, m.start(), reason, kind="gap"))
    return items
