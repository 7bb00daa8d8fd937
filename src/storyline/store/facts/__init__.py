"""Reading and writing the facts the stages found, one module per group of tables.

Every fact row carries `article_id` and `start`/`end` into the article's clean text, so any fact
can be shown in its sentence.  The corpus reads and writes through these functions (each takes
the store's connection); nothing above the store writes SQL of its own.
"""

from .annotations import (
    article_dates,
    article_texts,
    count_to_annotate,
    date_evidence,
    entity_ids_of_mentions,
    load_annotation,
    names_by_article,
    replace_timexes,
    save_annotation,
    save_annotation_failure,
    save_inferred_date,
    to_annotate,
    undated_articles,
)
from .entities import entities, find_entity_ids, save_entities
from .events import event_inputs, event_types, events, events_of_type, save_events
from .stories import link_state, save_link_state, save_stories, stories
from .timelines import (
    CORPUS_SCOPE,
    drop_timelines,
    save_timeline,
    timeline_signatures,
    told_timeline,
)

__all__ = [
    "CORPUS_SCOPE",
    "article_dates",
    "article_texts",
    "count_to_annotate",
    "date_evidence",
    "drop_timelines",
    "entities",
    "entity_ids_of_mentions",
    "event_inputs",
    "event_types",
    "events",
    "events_of_type",
    "find_entity_ids",
    "link_state",
    "load_annotation",
    "names_by_article",
    "replace_timexes",
    "save_annotation",
    "save_annotation_failure",
    "save_entities",
    "save_events",
    "save_inferred_date",
    "save_link_state",
    "save_stories",
    "save_timeline",
    "stories",
    "timeline_signatures",
    "told_timeline",
    "to_annotate",
    "undated_articles",
]
