"""Lookups over the name tables of `storyline.lexicon.names`: country names and demonyms to
their canonical state, an institution to its state, possessives stripped."""

from __future__ import annotations

import re
import zoneinfo
from datetime import datetime
from functools import lru_cache

from storyline.lexicon.names import COUNTRY_ALIASES, DEMONYMS, INSTITUTIONS

__all__ = [
    "canonical_country",
    "country_of_demonym",
    "country_of_institution",
    "strip_possessive",
    "time_zone_abbreviations",
]

_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")


def strip_possessive(text: str) -> str:
    """ "Lavrov's" → "Lavrov", "Jones'" → "Jones"."""
    return _POSSESSIVE.sub("", text).rstrip()


def _key(text: str) -> str:
    key = strip_possessive(text.strip()).lower().replace(".", "")
    if key.startswith("the "):
        key = key[4:]
    return " ".join(key.split())


def canonical_country(text: str) -> str | None:
    """The canonical state a country name stands for: "the U.K." → "United Kingdom", else None."""
    return COUNTRY_ALIASES.get(_key(text))


def country_of_demonym(text: str) -> str | None:
    """The country a demonym refers to: "Russian" → "Russia", "Britons" → "United Kingdom".

    Also accepts an adjectival country form ("US", "U.S.") so that role qualifiers can use one
    lookup.  Returns None for words that name no single state ("European", "Western").
    """
    raw = strip_possessive(text.strip()).lower()
    key = " ".join(raw.split())
    for candidate in (key, key.replace(".", "")):
        if candidate in DEMONYMS:
            return DEMONYMS[candidate]
    if key.endswith("s") and key[:-1] in DEMONYMS:
        return DEMONYMS[key[:-1]]
    if key in ("u.s.", "us", "u.k.", "uk", "usa"):
        return canonical_country(key)
    return None


def country_of_institution(name: str) -> str | None:
    """The state an organisation or group belongs to, when its name says so or it is a known
    institution: "British Council" → United Kingdom, "the Kremlin" → Russia, "Russian" (NORP) →
    Russia."""
    key = _key(name)
    if key in INSTITUTIONS:
        return INSTITUTIONS[key]
    whole = country_of_demonym(name)
    if whole:
        return whole
    first = key.split(" ", 1)[0] if key else ""
    return country_of_demonym(first) if " " in key else None


@lru_cache(maxsize=1)
def time_zone_abbreviations() -> frozenset[str]:
    """The abbreviations the IANA time-zone database gives its zones in winter and summer
    ("UTC", "GMT", "BST", "EST", "CEST", "MSK"): "10:00 UTC" names a clock, not an
    organisation.  Read from the database Python ships with (`zoneinfo`, `tzdata`), so the
    list is the field's, not ours; numeric names ("+03") are no words and are left out."""
    found = set()
    for zone in zoneinfo.available_timezones():
        try:
            tz = zoneinfo.ZoneInfo(zone)
        except (OSError, ValueError):  # a key the installed database cannot load
            continue
        for when in (datetime(2020, 1, 15), datetime(2020, 7, 15)):
            name = tz.tzname(when)
            if name and name.isalpha() and name.isupper():
                found.add(name)
    return frozenset(found)
