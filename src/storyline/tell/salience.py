"""How much a corpus says about a day: the salience that ranks the dates of a day timeline.

A day matters when the corpus names it often.  Its salience starts from how often: every DATE
expression the annotate stage resolved to the day counts, whatever its sentence says about it (a
planned summit still makes its day news), so salience is measured on all the corpus's references,
while what a timeline *tells* of the day stays the told sentences.  Two kinds of naming then add
to it, because they say more than a count: an article naming *its own publication day* ("on
Tuesday", "today" in Tuesday's paper) reports the news as it happens, and an article naming a
day *a week or more after it* (`LATE_DAYS`) shows the day is still remembered once the news has
moved on (a spill recalled weeks later is a key date even if few reports were filed on the day,
while a day named only by the next morning's papers often is not).

The score is linear in three log counts (`DayFeatures`: log(1 + expressions) naming the day, and
log(1 + distinct articles) of each of the two kinds), with weights fitted by logistic regression
(gold date or not) on the tune half of Timeline17 (`eval/t17_fit.py`: each gold timeline weighs
the same and has its own intercept, since a day competes only with the days of its own corpus).
Log counts make the ranking of a corpus's days independent of its size: doubling every count
adds the same amount to every day.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from storyline.records import FuzzyDate
from storyline.tell.sentences import rows_of

__all__ = [
    "LATE_DAYS",
    "DayFeatures",
    "DayMention",
    "DaySalience",
    "day_features",
    "day_mentions",
    "day_ranking",
    "day_salience",
]


@dataclass(frozen=True)
class DayMention:
    """Article `article`, published on `published` (None when not known to the day), names `day`."""

    article: str
    day: date
    published: date | None


LATE_DAYS = 7  # an article published this many days after a day it names remembers it late


@dataclass(frozen=True)
class DayFeatures:
    """What a corpus says of a day: log(1 + DATE expressions naming it), log(1 + distinct
    articles naming it on their own publication day), log(1 + distinct articles naming it at
    least `LATE_DAYS` after it)."""

    mentions: float = 0.0
    same_day: float = 0.0
    late: float = 0.0


@dataclass(frozen=True)
class DaySalience:
    """The weights of `DayFeatures` in a day's salience.

    Fitted on the Timeline17 tune half by `eval/t17_fit.py`; refit there, never by hand."""

    mentions: float = 0.93
    same_day: float = 0.37
    late: float = 0.99

    def __call__(self, f: DayFeatures) -> float:
        return self.mentions * f.mentions + self.same_day * f.same_day + self.late * f.late


def day_mentions(db: sqlite3.Connection, articles: set[str] | None = None) -> list[DayMention]:
    """Every DATE timex the store resolved to a single day, with its article's day of
    publication; from `articles` only when given."""
    query = (
        "SELECT t.article_id, t.earliest, a.published_earliest, a.published_latest"
        " FROM timexes t JOIN articles a ON a.id = t.article_id"
        " WHERE t.type = 'DATE' AND t.earliest IS NOT NULL AND t.earliest = t.latest"
    )
    return [
        DayMention(article, date.fromisoformat(day), _one_day(earliest, latest))
        for article, day, earliest, latest in rows_of(db, query, "t.article_id", articles)
    ]


def _one_day(earliest: str | None, latest: str | None) -> date | None:
    return date.fromisoformat(earliest) if earliest and earliest == latest else None


def day_features(mentions: Iterable[DayMention]) -> dict[date, DayFeatures]:
    """Day -> its `DayFeatures`.  Every expression counts as a mention; an article counts
    once per day and kind however often it names the day (one of unknown publication day
    is of neither kind)."""
    count: Counter[date] = Counter()
    same_day: dict[date, set[str]] = defaultdict(set)
    late: dict[date, set[str]] = defaultdict(set)
    for m in mentions:
        count[m.day] += 1
        if m.published == m.day:
            same_day[m.day].add(m.article)
        elif m.published is not None and (m.published - m.day).days >= LATE_DAYS:
            late[m.day].add(m.article)
    return {
        day: DayFeatures(
            mentions=math.log1p(n),
            same_day=math.log1p(len(same_day[day])),
            late=math.log1p(len(late[day])),
        )
        for day, n in count.items()
    }


def day_salience(
    mentions: Iterable[DayMention], weights: DaySalience | None = None
) -> dict[date, float]:
    """Day -> salience (higher: more likely a date that matters)."""
    w = weights or DaySalience()
    return {day: w(f) for day, f in day_features(mentions).items()}


def day_ranking(db: sqlite3.Connection, articles: set[str] | None = None) -> dict[FuzzyDate, float]:
    """The salience of every day the store's articles (or `articles`) name, as
    `build_timeline(salience=...)` takes it."""
    return {FuzzyDate.day(d): v for d, v in day_salience(day_mentions(db, articles)).items()}
