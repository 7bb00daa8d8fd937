"""Stop words: the one home of the word lists stages leave out when they count or compare words.

They differ on purpose, each tuned on its stage's evaluation (boilerplate lines, story topics,
timeline summaries, dating keys): one merged list would move those figures.  What they share is
written once (`FUNCTION_WORDS`).  New code that needs a general English list should take
spaCy's (`spacy.lang.en.stop_words.STOP_WORDS`); the English words here are
all in it but for reporting verbs ("said"), time words, titles and tokens of news copy.
"""

from __future__ import annotations

__all__ = [
    "ACRONYM_STOPWORDS",
    "DATING_STOPWORDS",
    "FUNCTION_WORDS",
    "LINE_STOPWORDS",
    "MATCH_STOPWORDS",
    "SUMMARY_STOPWORDS",
    "TOPIC_STOPWORDS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The English function words every table below shares.
FUNCTION_WORDS = _words(
    """
    a about after also an and are as at be been before being but by can could did do does
    for from had has have he her him his i if in into is it its more most no not of on or
    our out over said says she should so than that the their them then there these they this
    those to under up was we were what when where which while who whom will with would you
    your
"""
)
# A line's share of stop words tells prose from boilerplate (clean): English and the
# commonest French, German, Spanish, Portuguese and Italian function words, so a foreign
# paragraph still reads as prose.
LINE_STOPWORDS = FUNCTION_WORDS | _words(
    """
    above again against al all any ao au auch auf because between both ce com como con da
    dans das de del dem den der des die doing dos down du during e each ein eine el elle em
    en es est et few further für having here hers how il im ist itself just la las last le
    les lo los mais me mit my más na new nicht nor now não o off once one only os other own
    para pas pero por pour que qui same se sich some sont su such sur sus through too two um
    uma una und une until very von why y year years zu é
"""
)
# Words that say nothing of a story's topic (link.stories): reporting verbs, days,
# titles, contraction tails.
TOPIC_STOPWORDS = FUNCTION_WORDS | _words(
    """
    above according again against all am any because below between both d doing down during
    each few first friday further having here hers how itself just last ll m me monday month
    mr mrs ms my new nor now off once one only other own re s same saturday say some such
    sunday t through thursday today told too tuesday two until ve very wednesday week why
    year years yesterday
"""
)
# Words left out of a timeline summary's TF-IDF (tell.timeline), with the PTB bracket
# tokens (-LRB- …) some sources carry.
SUMMARY_STOPWORDS = FUNCTION_WORDS | _words(
    """
    lrb lsb may might mr mrs ms rrb rsb say us
"""
)
# Words that cannot key an event reference in dating (annotate.dating_article): function
# words, time words, numbers, currencies and light verbs.
DATING_STOPWORDS = FUNCTION_WORDS | _words(
    """
    above according again against ago all already although am among any around back because
    below between billion both came cent come comes coming current day days doing dollar
    dollars down dr during each earlier eight either euro euros even ever every few first
    five former four further gave get gets getting give gives giving go goes going gone got
    having here hers herself himself how however itself just last later least less made make
    makes making many may me might million month months mr mrs ms much must my myself
    neither new next nine nor now off once one only other ours own per percent point points
    pound pounds recent recently same say second seven shall since six some still such take
    taken takes taking tell ten theirs themselves third though thousand three through thus
    time times today told tomorrow tonight too took two until upon very week weeks well went
    whether whose why within without year years yesterday yet yours
"""
)
# Words left out when two event sentences' word bags are compared (link.events).
MATCH_STOPWORDS = _words(
    """
    a an and are as at be been but by for from had has have he her his in is it its of on or
    said says she that the their they this to was were will with would
"""
)
# Words an acronym skips ("Bank of England" → BOE), in English and French.
ACRONYM_STOPWORDS = _words(
    """
    & and at de des du for in la le of on the to
"""
)
