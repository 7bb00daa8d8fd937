"""The typed records every stage speaks: the contract between ingest, clean and the store.

Records are frozen dataclasses so that a per-document stage is a pure function from one record
to another and can run unchanged in a process pool or on Ray.  Text is never copied into a
span: a span is a pair of character offsets into the article's clean text.

One module per stage boundary (`base`, `pages`, `annotations`, `links`, `builds`,
`timelines`); every record is imported from here.
"""

from .annotations import (
    Annotation,
    DateEvidence,
    EventMention,
    EventStatus,
    Mention,
    Quad,
    RoleMention,
    Sentence,
    Timex,
    ToAnnotate,
)
from .base import (
    DEFAULT_MAX_BYTES,
    QUADS,
    SOURCE_COLUMNS,
    Column,
    DateHow,
    DecodingHow,
    EngineName,
    ExportFormat,
    ExportWhat,
    FuzzyDate,
    Granularity,
    PageKind,
    ParagraphKind,
    TimelineGrain,
    TimexType,
    article_id,
    content_hash,
    month_name,
)
from .builds import BuildReport, BuildWarning, Failure
from .links import DateClaim, Entity, Event, Role, Source, Story
from .pages import Article, Decoding, Paragraph, RawPage, Skipped
from .timelines import DatedSentence, TimelineEntry, chronological

__all__ = [
    "Column",
    "SOURCE_COLUMNS",
    "Annotation",
    "Article",
    "BuildReport",
    "BuildWarning",
    "DEFAULT_MAX_BYTES",
    "DateClaim",
    "DateEvidence",
    "DateHow",
    "DatedSentence",
    "Decoding",
    "DecodingHow",
    "EngineName",
    "Entity",
    "Event",
    "EventMention",
    "EventStatus",
    "ExportFormat",
    "ExportWhat",
    "Failure",
    "FuzzyDate",
    "Granularity",
    "Mention",
    "PageKind",
    "Paragraph",
    "ParagraphKind",
    "QUADS",
    "Quad",
    "RawPage",
    "Role",
    "RoleMention",
    "Sentence",
    "Skipped",
    "Source",
    "Story",
    "TimelineEntry",
    "TimelineGrain",
    "Timex",
    "TimexType",
    "ToAnnotate",
    "article_id",
    "chronological",
    "content_hash",
    "month_name",
]
