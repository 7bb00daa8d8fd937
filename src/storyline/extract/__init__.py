"""The extract stage: what happened, per document — PLOVER events with actor, target, place, date.

`events_from_doc(doc, annotation, published)` turns one parsed article (the spaCy Doc of its clean
text, plus the `Annotation` computed from the same Doc) into `EventMention`s; the trigger lexicon
lives in `storyline.extract.plover`.
"""

from __future__ import annotations

from .events import events_from_doc, events_to_json

__all__ = ["events_from_doc", "events_to_json"]
