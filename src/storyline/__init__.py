"""storyline: turn a pile of raw news pages into the story they tell."""

from storyline.corpus import (
    ArticleNotFound,
    Corpus,
    DocumentsFailed,
    EntityNotFound,
    StoryNotFound,
)
from storyline.records import (
    Article,
    BuildReport,
    Failure,
    FuzzyDate,
    Paragraph,
    RawPage,
    Skipped,
)

__all__ = [
    "Article",
    "ArticleNotFound",
    "BuildReport",
    "Corpus",
    "DocumentsFailed",
    "EntityNotFound",
    "Failure",
    "FuzzyDate",
    "Paragraph",
    "RawPage",
    "Skipped",
    "StoryNotFound",
]
