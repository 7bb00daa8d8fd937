"""Name keys for entity resolution: cleaning, person-name parts, transliteration, organisations.

Everything here is a pure function of one string, so the resolver can block candidates by key
(a dictionary lookup) instead of comparing names pairwise.

- `clean_base` strips what is never part of a name (possessives, quotes, stray punctuation).
- `clean_person` strips titles defensively ("Russian Foreign Minister Sergey Lavrov" → "Sergey
  Lavrov"); `clean_org` strips a leading "the".
- `translit_key` folds the spelling variants that transliteration from Russian (and similar)
  produces: Lugovoi/Lugovoy, Sergei/Sergey, Dmitri/Dmitry, Aleksandr/Alexander.  It is an exact
  key, not a similarity ratio: two names join only when their keys are equal.
- `PersonName` splits a person's name into first, middle and last parts (keys, not text).
- `org_key` drops legal suffixes ("Inc.", "plc") so "Apple Inc." and "Apple" share a key;
  `initials` gives the acronym candidates of an expansion ("EADS", "GM").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from storyline.lexicon.names import DEMONYMS, TITLE_WORDS
from storyline.lexicon.stopwords import ACRONYM_STOPWORDS

_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_EDGE = re.compile(r"^[\s\"'“”‘’(\[\-–—,.:;]+|[\s\"'“”‘’)\]\-–—,:;]+$")
_SPACE = re.compile(r"\s+")
# Names repeat heavily across a corpus; these pure functions are memoised (bounded).
_memo = lru_cache(maxsize=1 << 18)

_DEMONYM_SUFFIXES = ("ian", "ish", "ese", "ch", "an", "i")
# Nationality words stripped before a title: every demonym, and the adjectival country forms.
_DEMONYMS = frozenset(DEMONYMS) | {"us", "u.s.", "uk"}
_SURNAME_TITLES = frozenset(["major", "king", "prince", "baron", "judge", "bishop", "chancellor"])
_NAME_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "junior", "senior"])
_PARTICLES = frozenset(
    [
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "dos",
        "das",
    ]
)


@_memo
def clean_base(name: str) -> str:
    """Strip what is never part of any name: possessives, quotes, edge punctuation, extra space."""
    name = _SPACE.sub(" ", name).strip()
    for _ in range(2):
        name = _EDGE.sub("", name)
        name = _POSSESSIVE.sub("", name).strip()
    return name


@_memo
def clean_person(name: str) -> str:
    """A person's name without leading titles ("Foreign Secretary Boris Johnson" → "Boris Johnson").

    Returns "" when nothing but titles is left ("the Foreign Secretary"): not a name.
    """
    tokens = clean_base(name).split()
    cut = 0
    for i, token in enumerate(tokens):
        low = token.lower().rstrip(".")
        if low in TITLE_WORDS:
            cut = i + 1
        elif _looks_demonym(token) and i + 1 < len(tokens) and _is_title(tokens[i + 1]):
            continue
        else:
            break
    rest = tokens[cut:]
    if rest and not all(_is_title(t) for t in rest):
        return " ".join(rest)
    # Only titles: "the Foreign Secretary" is no name, but "Major" or "King" may be a surname.
    if tokens and tokens[-1][:1].isupper() and tokens[-1].lower() in _SURNAME_TITLES:
        return tokens[-1]
    return ""


def clean_org(name: str) -> str:
    """An organisation's name without a leading "the"."""
    name = clean_base(name)
    return re.sub(r"^(?:the|The|THE)\s+", "", name)


def _is_title(token: str) -> bool:
    return token.lower().rstrip(".") in TITLE_WORDS


def _looks_demonym(token: str) -> bool:
    low = token.lower()
    return low in _DEMONYMS or (token[:1].isupper() and low.endswith(_DEMONYM_SUFFIXES))


def fold(text: str) -> str:
    """Lower case, accents removed, letters only."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isalpha())


def is_name(text: str) -> bool:
    """Whether a cleaned string can name an entity: it has a letter of its own ("½", "``",
    "™" and "—" have none), and one that survives `fold`, so every key made from it is a key
    (an Arabic presentation form such as "ﹰ" is a letter that folds to a bare mark)."""
    return any(c.isalpha() for c in text) and bool(fold(text))


@_memo
def translit_key(token: str) -> str:
    """One key for the transliteration variants of a name token.

    Folds: accents; "ks" → "x" (Aleksandr/Alexander); "kh" → "h" (Mikhail/Mihail); an initial
    "ye" → "e" (Yevgeny/Evgeny); j, y and i are one letter (Sergei/Sergey, Dmitri/Dmitry,
    Lugovoi/Lugovoy, -iy/-ii/-y endings); "-er" after a consonant at the end → "-r"
    (Alexander/Aleksandr, Peter/Petr); doubled letters once (Litvinenko/Litvinnenko).
    """
    key = fold(token)
    if not key:
        return ""
    key = key.replace("ks", "x").replace("kh", "h").replace("tch", "ch")
    if key.startswith("ye") and len(key) > 3:
        key = key[1:]
    key = key.replace("j", "i").replace("y", "i")
    key = re.sub(r"([^aeiou])er$", r"\1r", key)
    return re.sub(r"(.)\1+", r"\1", key)


@dataclass(frozen=True)
class PersonName:
    """The parts of a person's name as keys: first, middle (may be ""), last.

    A single surname ("Lavrov", "de Gaulle") has `first == ""`; a lone token is ambiguous
    between first name and surname, so `single` keeps it for both lookups.  `initial` is set
    when the first name is only an initial ("V. Putin").
    """

    first: str
    middle: str
    last: str
    initial: str = ""

    @property
    def single(self) -> bool:
        return not self.first

    @property
    def full(self) -> bool:
        return bool(self.first) and bool(self.last)


@_memo
def person_name(name: str) -> PersonName | None:
    """Split a cleaned person name into keyed parts; None when it has no letters."""
    tokens = [t for t in name.replace(",", " ").split() if fold(t)]
    while len(tokens) > 1 and tokens[-1].lower() in _NAME_SUFFIXES:
        tokens.pop()
    if not tokens:
        return None
    # "de Gaulle", "von der Leyen": particles then one token is a surname alone.
    core = [t for t in tokens if t.lower() not in _PARTICLES]
    if len(core) <= 1:
        return PersonName("", "", translit_key((core or tokens)[-1]))
    first, last = core[0], core[-1]
    middle = " ".join(translit_key(t) for t in core[1:-1])
    if len(fold(first)) == 1:  # "V. Putin": an initial is not a first name
        return PersonName("", middle, translit_key(last), initial=fold(first))
    return PersonName(translit_key(first), middle, translit_key(last))


# -- organisations ----------------------------------------------------------------------------

LEGAL_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "cos",
        "ltd",
        "limited",
        "plc",
        "llc",
        "lp",
        "llp",
        "ag",
        "sa",
        "se",
        "nv",
        "bv",
        "gmbh",
        "spa",
        "oy",
        "ab",
        "asa",
        "kk",
    ]
)
# Descriptors a company drops when it renames itself ("Apple Computer, Inc." → "Apple Inc.").
DESCRIPTOR_SUFFIXES = frozenset({"computer", "computers"})


def org_tokens(name: str) -> list[str]:
    text = name.replace("&", " and ").replace("’", "'")
    return [t for t in re.split(r"[^\w']+", text.lower()) if t]


@_memo
def org_key(name: str) -> str:
    """The key organisations join on: lower case, legal suffixes and renamed descriptors dropped."""
    tokens = [t.replace("'", "") for t in org_tokens(name)]
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and (tokens[-1] in LEGAL_SUFFIXES or tokens[-1] in DESCRIPTOR_SUFFIXES):
        tokens.pop()
    return " ".join(tokens)


def is_acronym(name: str) -> bool:
    """Acronyms such as "EADS", "GM", "U.N.", "NATO": 2-7 capitals (dots allowed, a trailing lower "s" allowed)."""
    letters = name.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 7 and bool(re.fullmatch(r"[A-Z][A-Z0-9]+s?", letters))


def acronym_of(name: str) -> str:
    return name.replace(".", "").replace("&", "").upper()


@_memo
def initials(name: str) -> frozenset[str]:
    """The acronyms an expansion can have: initials with and without legal suffixes and stopwords.

    "European Aeronautic Defence and Space Company" → {"EADSC", "EADS", "EADASC", "EADAS"}.
    """
    tokens = org_tokens(name)
    if len(tokens) < 2:
        return frozenset()
    variants = {tuple(tokens)}
    stripped = list(tokens)
    while len(stripped) > 1 and stripped[-1] in LEGAL_SUFFIXES:
        stripped.pop()
        variants.add(tuple(stripped))
    found = set()
    for variant in variants:
        found.add("".join(t[0] for t in variant).upper())
        found.add("".join(t[0] for t in variant if t not in ACRONYM_STOPWORDS).upper())
    return frozenset(f for f in found if len(f) >= 2)


def slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"
