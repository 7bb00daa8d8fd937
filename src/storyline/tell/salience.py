"""How much a corpus says about a day: the salience that ranks the dates of a day timeline.

A day matters when many articles name it.  Two kinds of naming are told apart, because they
mean different things: an article naming *its own publication day* ("on Tuesday", "today" in
Tuesday's paper) reports news as it happens, an article naming *another* day recalls it (a
spill recalled weeks later is a key date even if few reports were filed on the day).  Every
DATE expression the annotate stage resolved to one day counts, whatever the sentence says
about it (a planned summit still makes its day news), so salience is measured on all the
corpus's references, while what a timeline *tells* of the day stays the told sentences.

The score is linear in log(1 + distinct articles) of each kind, with weights fitted by
logistic regression (gold date or not) on the tune half of Timeline17 (`eval/t17_fit.py`,
each gold timeline weighing the same).  Log counts make the ranking of a corpus's days
independent of its size: doubling every count adds the same amount to every day.
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from storyline.records import FuzzyDate
from storyline.tell.sentences import rows_of

__all__ = [
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


@dataclass(frozen=True)
class DaySalience:
    """Weights of log(1 + articles) naming a day on another day / on their own publication day.

    Fitted on the Timeline17 tune half by `eval/t17_fit.py`; refit there, never by hand."""

    recalled: float = 0.56
    same_day: float = 0.91


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


def day_features(mentions: Iterable[DayMention]) -> dict[date, tuple[float, float]]:
    """Day -> (log(1 + articles recalling it), log(1 + articles naming it the day they were
    published)); an article counts once per day and kind however often it names the day."""
    recalled: dict[date, set[str]] = defaultdict(set)
    same_day: dict[date, set[str]] = defaultdict(set)
    for m in mentions:
        (same_day if m.published == m.day else recalled)[m.day].add(m.article)
    return {
        day: (math.log1p(len(recalled[day])), math.log1p(len(same_day[day])))
        for day in recalled.keys() | same_day.keys()
    }


def day_salience(
    mentions: Iterable[DayMention], weights: DaySalience | None = None
) -> dict[date, float]:
    """Day -> salience (higher: more likely a date that matters)."""
    w = weights or DaySalience()
    return {
        day: w.recalled * recalled + w.same_day * same
        for day, (recalled, same) in day_features(mentions).items()
    }


def day_ranking(db: sqlite3.Connection, articles: set[str] | None = None) -> dict[FuzzyDate, float]:
    """The salience of every day the store's articles (or `articles`) name, as
    `build_timeline(salience=...)` takes it."""
    return {FuzzyDate.day(d): v for d, v in day_salience(day_mentions(db, articles)).items()}
