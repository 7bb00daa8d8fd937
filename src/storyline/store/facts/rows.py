"""Row helpers the fact tables share: event mention columns, ISO days, date-overlap conditions."""

from __future__ import annotations

from datetime import date

from storyline.records import (
    EventMention,
    FuzzyDate,
)
from storyline.store import fuzzy_from_row as _fuzzy


def event_row(article: str, e: EventMention) -> tuple:
    on_sentence = e.date is not None and e.date_from == "sentence"
    return (
        article,
        e.start,
        e.end,
        e.sentence_start,
        e.sentence_end,
        e.type,
        e.mode,
        e.quad,
        e.status,
        e.actor_text,
        e.actor,
        e.target_text,
        e.target,
        e.location,
        e.date.earliest.isoformat() if on_sentence else None,
        e.date.latest.isoformat() if on_sentence else None,
        e.date.granularity if on_sentence else None,
        e.date_from,
    )


EVENT_COLUMNS = (
    'start, "end", sentence_start, sentence_end, type, quad, status, mode, actor_text, actor,'
    " target_text, target, location, date_earliest, date_latest, date_granularity, date_from"
)


def event_mention(row, published: FuzzyDate | None) -> EventMention:
    """A stored event mention; one dated by its article takes the article's current date."""
    date = _fuzzy(row[13], row[14], row[15]) or (published if row[16] == "article" else None)
    return EventMention(*row[:13], date=date, date_from=row[16])


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def overlapping(where: list, params: list, start, end, earliest: str, latest: str) -> None:
    """Add the conditions for a [earliest, latest] interval overlapping [start, end]."""
    if start:
        where.append(f"{latest} >= ?")
        params.append(start.isoformat())
    if end:
        where.append(f"{earliest} <= ?")
        params.append(end.isoformat())
