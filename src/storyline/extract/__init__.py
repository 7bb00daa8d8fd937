"""The extract stage: what happened, per document — PLOVER events with actor, target, place, date.

`events_from_doc(doc, annotation, published)` turns one parsed article (the spaCy Doc of its clean
text, plus the `Annotation` computed from the same Doc) into `EventMention`s; `with_events` is the
same work as the `extend` of `AnnotateStage`, so that one spaCy pass serves both stages.  The
trigger lexicon lives in `storyline.lexicon`.
"""

from __future__ import annotations

from .events import events_from_doc, events_to_json, with_events

__all__ = ["events_from_doc", "events_to_json", "with_events"]
