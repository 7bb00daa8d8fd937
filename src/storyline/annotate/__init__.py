"""The annotate stage: sentences, named entities, temporal expressions and roles per article.

`annotate_doc` is the pure per-document function over a parsed spaCy Doc; `AnnotateStage` runs
it in batches on any engine; `infer_published` dates an article that states no date.
"""

from storyline.annotate.dating import EventAnchors, infer_published, learn_anchors, reanchor
from storyline.annotate.entities import mentions_from_doc
from storyline.annotate.names import country_of_demonym
from storyline.annotate.pipeline import AnnotateStage, annotate_doc, annotate_documents, load_nlp
from storyline.annotate.roles import roles_from_doc
from storyline.annotate.timex import Timex, find_timexes, fuzzy, tense_from_doc

__all__ = [
    "AnnotateStage",
    "EventAnchors",
    "Timex",
    "annotate_doc",
    "annotate_documents",
    "country_of_demonym",
    "find_timexes",
    "fuzzy",
    "infer_published",
    "learn_anchors",
    "load_nlp",
    "mentions_from_doc",
    "reanchor",
    "roles_from_doc",
    "tense_from_doc",
]
