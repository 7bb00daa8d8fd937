"""storyline: turn a pile of raw news pages into the story they tell."""

from storyline.corpus import ArticleNotFound, Corpus
from storyline.records import Article, BuildReport, FuzzyDate, Paragraph, RawPage, Skipped

__all__ = [
    "Article",
    "ArticleNotFound",
    "BuildReport",
    "Corpus",
    "FuzzyDate",
    "Paragraph",
    "RawPage",
    "Skipped",
]
