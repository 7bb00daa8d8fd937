"""Event coreference across articles: the same real-world happening, reported by many articles,
becomes one `Event` with every source.

`merge_events(mentions)` takes `(article_id, EventMention, actor_id, target_id, sentence)` per
mention (actor/target are entity ids from `resolve_entities`, or None) and returns the events.

Rules (a mention joins a cluster only when all of them hold):

1. Type: the same PLOVER type.  Modes must match, except that two different modes of one type
   (CONSULT/visit, CONSULT/meet) may merge when the participant sets are equal and the dates
   overlap.  A missing mode matches any mode.
2. Participants: actor and target ids, as an unordered set.  At least one is shared and none
   contradicts: a contradiction is when each side has a participant the other lacks
   ({Putin, Blair} vs {Putin, Brown}).  A mention with no resolved participant never merges.
3. Dates.  A sentence date (`date_from="sentence"`, or a date with no `date_from`) is *strong*:
   it joins a cluster whose core (the intersection of its agreeing strong dates) it overlaps;
   2006 and 2006-11-02 agree (containment).  Two dates that do not overlap may still merge,
   as a *conflict*, when the participant sets are equal and the gap is within the tolerance of
   the coarser granularity (`conflict_gap_days`: a year-level "2006" vs "2007", a day-level
   one-day discrepancy); a month-level or finer mismatch beyond that stays apart, so two
   meetings of the same people in 2009-11 and 2017-03 are two events.
   An article date (`date_from="article"`) or no date is *weak*: such a mention joins only with
   strongly overlapping participants (Jaccard >= `strong_overlap`, no contradiction), and
   (for an article date) only a cluster whose core starts on or before the article's latest
   day (an article reports the past), preferring the nearest such cluster.  Weak mentions that
   find no dated cluster group among themselves when their article dates are within
   `article_window_days`.  Weak dates never narrow a core and never become date claims.
4. Ambiguity: when several clusters qualify, the one with the most shared participants, then
   the tighter date, then the most sources wins.

Output:
- `sources`: one `Source(article, sentence_start, sentence_end)` per mention, deduplicated,
  sorted.
- `date`: the best-supported date: the strong date that agrees (overlaps) with the most
  sources, then the most precise date that agrees with it.  With no strong date, the earliest
  article date.  `claims`: only when some strong dates do not agree with the best one, every
  distinct strong date with its sources.
- `status`: "happened" when some source reports it as happened and none negates it;
  otherwise, the first present of refused > negated > planned > hypothetical > reported (a "happened" that
  another source negates becomes "reported": disputed, told as a claim, not a fact).
- `actor`/`target`/`location`/`quad`/`mode`: the majority over sources (ties: sorted order).
- `summary`: the most central sentence (highest mean word overlap with the other sources'
  sentences, with a small bonus for dates/numbers and a penalty for very short or very long
  sentences), whitespace-normalised and cut to `summary_chars` at a word boundary.
- `id`: `ev-` + sha1(type, sorted participants, date bucket)[:12], where the bucket is the
  best date's month (day/week/month granularity), its year (coarser), or "undated".  Stable
  across re-runs of the same input; a collision gets `-2`, `-3`... in source order.

Scale: clusters are indexed by (type, participant, year) keys, so a mention is compared only to
clusters of its type that share a participant and overlap its years; a block is capped at
`max_candidates` clusters (the most recent first).  100k mentions run in a few seconds.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from storyline.dates import add_days_within
from storyline.lexicon.stopwords import MATCH_STOPWORDS as _STOP
from storyline.records import DateClaim, Event, EventMention, FuzzyDate, Source

__all__ = ["EventSettings", "MentionInput", "merge_events"]

MentionInput = tuple[str, EventMention, "str | None", "str | None", str]

_GRAN_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, "decade": 5}
_FAR_PAST = date(1, 1, 1)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class EventSettings:
    """Thresholds of the event-coreference rules (see the module docstring)."""

    strong_overlap: float = 0.5
    article_window_days: int = 3
    news_days: int = 31  # how recent a verbal event must be for a mention told as news to join it
    conflict_gap_days: dict[str, int] = field(
        default_factory=lambda: {
            "day": 1,
            "week": 0,
            "month": 0,
            "quarter": 0,
            "year": 366,
            "decade": 3660,
        }  # fmt: skip
    )
    max_candidates: int = 64
    summary_chars: int = 300


@dataclass
class _Item:
    order: int
    article: str
    mention: EventMention
    actor: str | None
    target: str | None
    sentence: str
    parts: frozenset[str]
    strong: bool
    lo: date | None
    hi: date | None

    @property
    def source(self) -> Source:
        return Source(self.article, self.mention.sentence_start, self.mention.sentence_end)


@dataclass
class _Cluster:
    cid: int
    type: str
    parts: set[str]
    modes: set[str]
    items: list[_Item] = field(default_factory=list)
    lo: date | None = None  # the core: intersection of agreeing strong dates
    hi: date | None = None
    weak_lo: date | None = None  # span of weak (article) dates, for weak-only clusters
    weak_hi: date | None = None
    keys: set[tuple] = field(default_factory=set)


def merge_events(
    mentions: Iterable[MentionInput], settings: EventSettings | None = None
) -> list[Event]:
    """One `Event` per real-world happening, with every source (rules in the module docstring)."""
    settings = settings or EventSettings()
    items = [_item(i, m) for i, m in enumerate(mentions)]
    linker = _Linker(settings)
    # Strong dates first, most precise first: cores start tight and coarse dates join them.
    strong = sorted(
        (it for it in items if it.strong),
        key=lambda it: ((it.hi - it.lo).days, it.lo, it.order),
    )
    weak = sorted(
        (it for it in items if not it.strong), key=lambda it: (it.hi or _FAR_PAST, it.order)
    )
    for it in strong:
        linker.add_strong(it)
    for it in weak:
        linker.add_weak(it)
    linker.adopt_orphans()
    events = [_event(c, settings) for c in linker.clusters if c.items]
    return _assign_ids(events, linker.clusters)


SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})  # "A met B" is "B met A"


def _item(order: int, value: MentionInput) -> _Item:
    article, mention, actor, target, sentence = value
    if mention.type in SYMMETRIC:
        parts = frozenset(p for p in (actor, target) if p)
    else:  # who did it to whom matters: "Russia refused Britain" is not "Britain refused"
        parts = frozenset(f"{side}:{p}" for side, p in (("actor", actor), ("target", target)) if p)
    d = mention.date
    strong = d is not None and mention.date_from != "article"
    return _Item(
        order, article, mention, actor, target, sentence or "", parts, strong,
        d.earliest if d else None, d.latest if d else None,
    )  # fmt: skip


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a or b else 0.0


def _contradicts(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> bool:
    return not a <= b and not b <= a


def _years(lo: date, hi: date) -> range:
    return range(lo.year, min(hi.year, lo.year + 10) + 1)


class _Linker:
    def __init__(self, settings: EventSettings) -> None:
        self.settings = settings
        self.clusters: list[_Cluster] = []
        self.index: dict[tuple, list[int]] = defaultdict(list)  # (type, part, year|None) → ids

    # -- candidates ---------------------------------------------------------------------------
    def _candidates(self, it: _Item, years: Iterable[int | None]) -> list[_Cluster]:
        seen: dict[int, None] = {}
        for part in sorted(it.parts):
            for y in years:
                block = self.index.get((it.mention.type, part, y), ())
                for cid in block[-self.settings.max_candidates :]:
                    seen.setdefault(cid, None)
        return [self.clusters[cid] for cid in seen if self.clusters[cid].items]

    def _register(self, c: _Cluster, it: _Item) -> None:
        years: Iterable[int | None]
        if c.lo is not None:
            years = _years(c.lo, c.hi)
        elif c.weak_hi is not None:
            years = [c.weak_hi.year]
        else:
            years = [None]
        for part in it.parts:
            for y in (*years, "*"):
                key = (c.type, part, y)
                if key not in c.keys:
                    c.keys.add(key)
                    self.index[key].append(c.cid)

    def _new(self, it: _Item) -> _Cluster:
        c = _Cluster(len(self.clusters), it.mention.type, set(), set())
        self.clusters.append(c)
        if it.strong:
            c.lo, c.hi = it.lo, it.hi
        self._join(c, it)
        return c

    def _join(self, c: _Cluster, it: _Item) -> None:
        c.items.append(it)
        c.parts |= it.parts
        if it.mention.mode:
            c.modes.add(it.mention.mode)
        if not it.strong and it.hi is not None:
            c.weak_lo = min(c.weak_lo or it.lo, it.lo)
            c.weak_hi = max(c.weak_hi or it.hi, it.hi)
        if it.parts:
            self._register(c, it)

    def adopt_orphans(self) -> None:
        """A dated event with no resolved participant ("The former spy was poisoned on November
        2, 2006") joins the one event of its type, reported with the same specific mode, whose
        date it fits — when there is exactly one; otherwise it stays on its own."""
        homes = [c for c in self.clusters if c.items and c.parts and c.lo is not None]
        for c in self.clusters:
            if not c.items or c.parts or c.lo is None or len(c.modes) != 1:
                continue
            (mode,) = c.modes
            fits = [
                o for o in homes
                if o.type == c.type and mode in o.modes and o.lo <= c.hi and c.lo <= o.hi
            ]  # fmt: skip
            if len(fits) == 1:
                home = fits[0]
                home.lo, home.hi = max(home.lo, c.lo), min(home.hi, c.hi)
                for it in c.items:
                    self._join(home, it)
                c.items = []

    def _modes_ok(self, c: _Cluster, it: _Item, equal_parts: bool) -> bool:
        mode = it.mention.mode
        return not mode or not c.modes or mode in c.modes and len(c.modes) == 1 or equal_parts

    # -- strong (sentence-dated) mentions ------------------------------------------------------
    def add_strong(self, it: _Item) -> None:
        if not it.parts:
            self._new(it)
            return
        best, best_key = None, None
        for c in self._candidates(it, _years(it.lo, it.hi)):
            if c.lo is None or c.lo > it.hi or it.lo > c.hi or _contradicts(c.parts, it.parts):
                continue
            if not self._modes_ok(c, it, c.parts == it.parts):
                continue
            shared = len(c.parts & it.parts)
            key = (shared, -(min(c.hi, it.hi) - max(c.lo, it.lo)).days, len(c.items))
            if best_key is None or key > best_key:
                best, best_key = c, key
        if best is not None:
            best.lo, best.hi = max(best.lo, it.lo), min(best.hi, it.hi)
            self._join(best, it)
            return
        # no agreeing cluster: a conflicting claim about the same participants, if near enough
        reach = max(self.settings.conflict_gap_days.values(), default=0)
        window = _years(add_days_within(it.lo, -reach), add_days_within(it.hi, reach))
        for c in self._candidates(it, window):
            same = c.lo is not None and c.parts == it.parts
            if same and self._modes_ok(c, it, True) and self._near(c, it):
                self._join(c, it)  # the core keeps the dates that agreed first
                return
        self._new(it)

    def _near(self, c: _Cluster, it: _Item) -> bool:
        gap = max((it.lo - c.hi).days, (c.lo - it.hi).days)
        if gap <= 0:
            return True
        if gap > max(self.settings.conflict_gap_days.values()):
            return False
        coarser = max(
            (_granularity_of(c.lo, c.hi), _granularity_of(it.lo, it.hi)), key=_GRAN_ORDER.get
        )
        return gap <= self.settings.conflict_gap_days.get(coarser, 0)

    # -- weak (article-dated or undated) mentions ----------------------------------------------
    def add_weak(self, it: _Item) -> None:
        if not it.parts:
            self._new(it)
            return
        s = self.settings
        if it.hi is not None:
            years: list[int | str | None] = list(range(it.hi.year, it.hi.year - 30, -1)) + [None]
        else:
            years = ["*"]  # undated: any cluster of the block, the most recent first (capped)
        best, best_key = None, None
        for c in self._candidates_weak(it, years):
            if _contradicts(c.parts, it.parts) or _jaccard(c.parts, it.parts) < s.strong_overlap:
                continue
            if not self._modes_ok(c, it, c.parts == it.parts):
                continue
            if c.lo is not None:  # a sentence-dated cluster: it must not start after the report
                if it.hi is not None and c.lo > it.hi:
                    continue
                # words recur, deeds rarely: told as news ("Britain's call for the extradition"
                # in a 2011 article), a request or a meeting is not the 2007 one unless that is
                # recent; a killing told without a date is the killing reported before, and a
                # background mention ("over the murder of ...") may recall any earlier event
                recent = it.lo is None or (it.lo - c.hi).days <= s.news_days
                told = it.mention.date_from == "article" and it.mention.quad.startswith("verbal")
                if told and not recent:
                    continue
                nearness = -((it.hi - c.hi).days if it.hi is not None else 0)
                key = (1, len(c.parts & it.parts), nearness, len(c.items))
            else:  # weak-only cluster: article dates within the window
                if it.hi is not None and c.weak_hi is not None:
                    gap = max((it.lo - c.weak_hi).days, (c.weak_lo - it.hi).days)
                    if gap > s.article_window_days:
                        continue
                elif (it.hi is None) != (c.weak_hi is None):
                    continue
                key = (0, len(c.parts & it.parts), 0, len(c.items))
            if best_key is None or key > best_key:
                best, best_key = c, key
        if best is not None:
            self._join(best, it)
        else:
            self._new(it)

    def _candidates_weak(self, it: _Item, years: list) -> list[_Cluster]:
        found: dict[int, None] = {}
        limit = self.settings.max_candidates
        for part in sorted(it.parts):
            n = 0
            for y in years:
                block = self.index.get((it.mention.type, part, y))
                if not block:
                    continue
                for cid in reversed(block[-limit:]):
                    found.setdefault(cid, None)
                    n += 1
                if n >= limit:
                    break
        return [self.clusters[cid] for cid in found if self.clusters[cid].items]


def _granularity_of(lo: date, hi: date) -> str:
    days = (hi - lo).days
    if days == 0:
        return "day"
    if days <= 7:
        return "week"
    if days <= 31:
        return "month"
    if days <= 92:
        return "quarter"
    if days <= 366:
        return "year"
    return "decade"


# -- building the Event --------------------------------------------------------------------------
def _majority(values: Iterable[str | None]) -> str | None:
    values = [v for v in values if v]
    if len(set(values)) <= 1:
        return values[0] if values else None
    counts = Counter(values)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _overlaps(a: FuzzyDate, b: FuzzyDate) -> bool:
    return a.earliest <= b.latest and b.earliest <= a.latest


def _width(d: FuzzyDate) -> int:
    return (d.latest - d.earliest).days


def _dates(items: list[_Item]) -> tuple[FuzzyDate | None, tuple[DateClaim, ...]]:
    if len(items) == 1:
        return items[0].mention.date, ()
    by_date: dict[FuzzyDate, list[Source]] = defaultdict(list)
    for it in items:
        if it.strong:
            by_date[it.mention.date].append(it.source)
    if not by_date:
        weak = [it.mention.date for it in items if it.mention.date is not None]
        return (min(weak, key=lambda d: (d.earliest, _width(d))) if weak else None), ()
    dates = sorted(by_date, key=lambda d: (d.earliest, _width(d)))
    support = {d: sum(len(set(by_date[o])) for o in dates if _overlaps(d, o)) for d in dates}
    anchor = max(dates, key=lambda d: (support[d], -_width(d)))
    agreeing = [d for d in dates if _overlaps(d, anchor)]
    # the most precise date that agrees with the anchor and with every other agreeing date
    consistent = [d for d in agreeing if all(_overlaps(d, o) for o in agreeing)] or [anchor]
    best = min(consistent, key=lambda d: (_width(d), -support[d], d.earliest))
    if all(_overlaps(d, best) for d in dates):
        return best, ()
    claims = tuple(DateClaim(d, tuple(sorted(set(by_date[d]), key=_source_key))) for d in dates)
    return best, claims


def _status(items: list[_Item]) -> str:
    statuses = {it.mention.status for it in items}
    if "happened" in statuses:
        return "reported" if "negated" in statuses else "happened"
    for status in ("refused", "negated", "planned", "hypothetical"):
        if status in statuses:
            return status
    return "reported"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _summary(items: list[_Item], limit: int) -> str:
    sentences = sorted({_norm(it.sentence) for it in items if it.sentence.strip()})
    if not sentences:
        return ""
    if len(sentences) == 1:
        return _cut(sentences[0], limit)
    bags = [set(_WORD.findall(s.lower())) - _STOP for s in sentences]

    def score(i: int) -> float:
        others = [_jaccard(bags[i], bags[j]) for j in range(len(bags)) if j != i]
        central = sum(others) / len(others) if others else 0.0
        words = len(sentences[i].split())
        bonus = 0.05 if re.search(r"\d", sentences[i]) else 0.0
        penalty = 0.1 if words < 6 or len(sentences[i]) > limit else 0.0
        return central + bonus - penalty

    if len(sentences) > 50:  # keep the centrality quadratic small
        sentences = sorted(sentences, key=len)[len(sentences) // 2 - 25 :][:50]
        bags = [set(_WORD.findall(s.lower())) - _STOP for s in sentences]
    best = max(range(len(sentences)), key=lambda i: (score(i), -len(sentences[i]), sentences[i]))
    return _cut(sentences[best], limit)


def _cut(text: str, limit: int) -> str:
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def _source_key(s: Source) -> tuple:
    return (s.article, s.start, s.end)


def _event(c: _Cluster, settings: EventSettings) -> dict:
    items = sorted(c.items, key=lambda it: it.order)
    sources = tuple(sorted({it.source for it in items}, key=_source_key))
    best, claims = _dates(items)
    return dict(
        type=c.type,
        quad=_majority(it.mention.quad for it in items) or items[0].mention.quad,
        status=_status(items),
        summary=_summary(items, settings.summary_chars),
        sources=sources,
        mode=_majority(it.mention.mode for it in items),
        actor=_majority(it.actor for it in items),
        target=_majority(it.target for it in items),
        location=_majority(it.mention.location for it in items),
        date=best,
        claims=claims,
    )


def _bucket(d: FuzzyDate | None) -> str:
    if d is None:
        return "undated"
    if _GRAN_ORDER[d.granularity] <= _GRAN_ORDER["month"]:
        return d.earliest.strftime("%Y-%m")
    return str(d.earliest.year)


def _assign_ids(events: list[dict], clusters: list[_Cluster]) -> list[Event]:
    events.sort(key=lambda e: (_source_key(e["sources"][0]), e["type"]))
    out, seen = [], Counter()
    for e in events:
        parts = sorted({p for p in (e["actor"], e["target"]) if p})
        raw = "|".join([e["type"], ",".join(parts), _bucket(e["date"])])
        base = "ev-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]
        seen[base] += 1
        out.append(Event(id=base if seen[base] == 1 else f"{base}-{seen[base]}", **e))
    return out
