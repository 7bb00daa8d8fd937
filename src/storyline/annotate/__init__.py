"""The annotate stage: sentences, named entities, temporal expressions and roles per article."""

from storyline.annotate.timex import Timex, find_timexes, fuzzy, tense_from_doc

__all__ = ["Timex", "find_timexes", "fuzzy", "tense_from_doc"]
