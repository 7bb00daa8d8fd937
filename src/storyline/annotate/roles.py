"""Role mentions: who holds which office, as the article says it ("Russian Foreign Minister
Sergey Lavrov" → holder "Sergey Lavrov", role "foreign minister", of "Russia").

A role phrase is a run of words from a compact lexicon (`names.ROLE_MODIFIERS` then a head
from `names.ROLE_HEADS`), optionally completed by "of State"/"of the Exchequer".  Its owner
(`of`) is the country or organisation written next to it: a demonym or country before it
("Russian", "US", "Russia's"), an organisation before it ("Northrop Grumman CEO"), or "of
Germany" after it.  The holder is a person mention

* right after the phrase: "Foreign Secretary David Miliband", "Prime Minister Silvio Berlusconi";
* before it, in apposition: "Dmitry Kozak, Russia's deputy prime minister",
  "Angela Merkel, the Chancellor of Germany";
* after it, past a comma: "the President of France, Nicolas Sarkozy".

A definite role phrase without a holder ("The Foreign Secretary has accepted ...") is a bare
role mention.  When the article itself names the holder of the same role (same `of`, or the
bare phrase has none and exactly one person holds that role in the article), the holder is
filled in; otherwise it stays None for the link stage to resolve by date.

Decisions: roles qualified as past ("former KGB operative", "ex-president", "the then Prime
Minister") are not role mentions, since a role mention asserts the role at the article's date.
Indefinite or generic phrases ("a British foreign secretary", "the first British Foreign
Secretary to visit") and relational nouns ("his Russian counterpart") are not role mentions.
"CEO", "chief executive officer" and "chief executive" are all "chief executive".  The
evidence span covers the role phrase, its owner when written beside it, and the holder's
name when the holder is in the same construction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.annotate.names import canonical_country, country_of_demonym
from storyline.lexicon.names import (
    COURTESY_TITLES,
    PAST_QUALIFIERS,
    ROLE_COMPLEMENTS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    ROLE_QUALIFIERS,
    ROLE_SYNONYMS,
)
from storyline.records import Mention, RoleMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["roles_from_doc"]

_OWNER_TYPES = frozenset(["GPE", "NORP", "ORG", "PRODUCT"])
_SPLIT_OWNER_TYPES = frozenset(["ORG", "PRODUCT"])
# A courtesy title as spaCy tokenises it, with or without its dot ("Mr." is one token).
_TITLE_TOKENS = COURTESY_TITLES | {title + "." for title in COURTESY_TITLES}
_GENERIC = frozenset(["first", "last", "next", "only", "second", "third", "another"])
_POSSESSIVE_PRONOUNS = frozenset(["his", "her", "their", "its", "our", "my", "your", "whose"])
_AFTER_APPOSITIVE = frozenset(
    [",", ".", ";", ":", ")", "—", "–", "-", "and", "who", "which", "said", "says"]
)
_WORDY_HEADS = frozenset(["general", "chief", "chair", "executive", "officer", "state", "leader"])


def roles_from_doc(doc: Doc, mentions: list[Mention]) -> list[RoleMention]:
    """Every role mention in `doc`, in text order; `mentions` come from `mentions_from_doc`."""
    finder = _Finder(doc, mentions)
    found = finder.find()
    return _resolve_bare(found)


class _Finder:
    def __init__(self, doc: Doc, mentions: list[Mention]):
        self.doc = doc
        self.text = doc.text  # a property that joins every token: read it once
        self.tokens = list(doc)
        # The mention each token starts, ends, or lies inside (by character offsets).
        self.inside: list[Mention | None] = [None] * len(self.tokens)
        self.starts: dict[int, Mention] = {}
        self.ends: dict[int, Mention] = {}
        j = 0
        ordered = sorted(mentions, key=lambda m: m.start)
        for i, token in enumerate(self.tokens):
            while j < len(ordered) and ordered[j].end <= token.idx:
                j += 1
            if j < len(ordered) and ordered[j].start < token.idx + len(token):
                mention = ordered[j]
                self.inside[i] = mention
                if mention.start >= token.idx:
                    self.starts[i] = mention
                if mention.end <= token.idx + len(token):
                    self.ends[i] = mention

    # -- the role phrase -------------------------------------------------------------------

    def _role_word(self, i: int) -> bool:
        token = self.tokens[i]
        mention = self.inside[i]
        if mention is not None:
            return False
        low = token.lower_
        if low == "first" and not token.text[0].isupper():
            return False
        return low in ROLE_HEADS or low in ROLE_MODIFIERS or low in ROLE_QUALIFIERS

    def find(self) -> list[RoleMention]:
        found = []
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            if not self._role_word(i):
                i += 1
                continue
            j = i
            while j < len(tokens) and (
                self._role_word(j)
                or (tokens[j].text == "-" and j > i and not tokens[j - 1].whitespace_)
            ):
                j += 1
            end = j
            while end > i and tokens[end - 1].lower_ not in ROLE_HEADS:
                end -= 1
            if end > i:
                role = self._role(i, end)
                if role is not None:
                    found.append(role)
            i = j
        return found

    def _role(self, first: int, end: int) -> RoleMention | None:
        tokens = self.tokens
        words = [t.lower_ for t in tokens[first:end] if t.lower_ not in ROLE_QUALIFIERS]
        if not words or words == ["-"]:
            return None
        # A lone wordy head ("the general public", "chief") needs a capital to be a title.
        if len(words) == 1 and words[0] in _WORDY_HEADS and not tokens[first].text[0].isupper():
            return None
        role = " ".join(words).replace(" - ", "-")
        capitalised = tokens[end - 1].text[0].isupper()
        start_char = tokens[first].idx
        end_char = tokens[end - 1].idx + len(tokens[end - 1])

        # Left: owner, past qualifier, determiner.
        owner: str | None = None
        p = first - 1
        past = p >= 0 and tokens[p].lower_ in PAST_QUALIFIERS
        if p >= 1 and tokens[p].text == "-" and tokens[p - 1].lower_ == "ex":
            return None
        if p >= 0 and (tokens[p].lower_ in ("'s", "’s")) and p - 1 in self.ends:
            mention = self.ends[p - 1]
            if mention.type == "PERSON":
                return None  # "Obama's chief of staff": held under a person, not a state
            owner = _owner(mention)
            start_char = mention.start
            p = self._token_at(mention.start) - 1
            determiner = "possessive"
        else:
            if p >= 0 and p in self.ends and self.ends[p].type in _OWNER_TYPES:
                mention = self.ends[p]
                owner = _owner(mention)
                start_char = mention.start
                p = self._token_at(mention.start) - 1
                # The model often splits a company name: "Northrop" ORG + "Grumman" PRODUCT.
                while p >= 0 and p in self.ends and self.ends[p].type in _SPLIT_OWNER_TYPES:
                    left = self.ends[p]
                    if self.text[left.end : start_char] != " ":
                        break
                    owner = f"{left.canonical} {owner}"
                    start_char = left.start
                    p = self._token_at(left.start) - 1
            elif p >= 0 and self.inside[p] is None and country_of_demonym(tokens[p].text):
                owner = country_of_demonym(tokens[p].text)
                start_char = tokens[p].idx
                p -= 1
            determiner = None
        while p >= 0 and tokens[p].lower_ in PAST_QUALIFIERS | _GENERIC:
            if tokens[p].lower_ in PAST_QUALIFIERS:
                past = True
            else:
                determiner = determiner or "generic"
            p -= 1
        if past:
            return None
        if determiner is None and p >= 0:
            low = tokens[p].lower_
            if low == "the":
                determiner = "the"
            elif low in ("a", "an"):
                determiner = "a"
            elif low in _POSSESSIVE_PRONOUNS:
                determiner = "pronoun"
        elif determiner == "generic":
            pass

        # Right: "of State" complement or "of Germany" owner.
        r = end
        dangling_of = False
        if r + 1 < len(tokens) and tokens[r].lower_ == "of":
            complement = self._complement(r + 1, capitalised)
            if complement is not None:
                words_, r = complement
                role = f"{role} of {words_}"
                end_char = tokens[r - 1].idx + len(tokens[r - 1])
            else:
                q = r + 1
                if tokens[q].lower_ == "the" and q + 1 < len(tokens):
                    q += 1
                mention = self.starts.get(q)
                if mention is not None and mention.type in _OWNER_TYPES:
                    owner = _owner(mention)
                    end_char = mention.end
                    r = self._token_at(mention.end - 1) + 1
                else:
                    dangling_of = True
        role = ROLE_SYNONYMS.get(role, role)
        role = role.replace("chief executive officer", "chief executive")

        holder, span = self._holder(p, r, determiner, dangling_of)
        if holder is not None:
            start_char = min(start_char, span.start)
            end_char = max(end_char, span.end)
            return RoleMention(start_char, end_char, holder.canonical, role, owner)
        # A bare role mention: definite, specific, not a modifier of a following noun.
        if determiner not in ("the", "possessive") or dangling_of:
            return None
        if not capitalised and owner is None:
            return None
        if r < len(self.tokens) and self.tokens[r].pos_ in ("NOUN", "PROPN"):
            return None
        # "the Prime Minister's Office" names an institution, not the office holder.
        if (
            r + 1 < len(tokens)
            and tokens[r].lower_ in ("'s", "’s")
            and tokens[r + 1].lower_ in ("office", "department", "residence")
        ):
            return None
        return RoleMention(start_char, end_char, None, role, owner)

    def _complement(self, q: int, capitalised: bool) -> tuple[str, int] | None:
        """ "of State", "of the Exchequer", "of Foreign Affairs": an "of" part of the role."""
        tokens = self.tokens
        for size in (3, 2, 1):
            words = " ".join(t.lower_ for t in tokens[q : q + size])
            if q + size <= len(tokens) and words in ROLE_COMPLEMENTS:
                return words, q + size
        if not capitalised:
            return None
        r = q
        while (
            r < len(tokens)
            and r - q < 4
            and self.inside[r] is None
            and (tokens[r].is_title or (tokens[r].lower_ == "and" and r > q))
        ):
            r += 1
        while r > q and tokens[r - 1].lower_ == "and":
            r -= 1
        if r > q:
            return " ".join(t.lower_ for t in tokens[q:r]), r
        return None

    def _holder(self, p: int, r: int, determiner: str | None, dangling_of: bool):
        tokens = self.tokens
        direct = self.starts.get(r)
        if direct is not None and direct.type == "PERSON" and not dangling_of:
            if determiner in ("a", "pronoun") and r < len(tokens):
                return None, None
            return direct, direct
        # Appositive after the name: "Dmitry Kozak, Russia's deputy prime minister".
        boundary = r >= len(tokens) or tokens[r].is_space or tokens[r].lower_ in _AFTER_APPOSITIVE
        q = p if determiner in (None, "generic") else p - 1
        if determiner == "possessive":
            q = p
        if boundary and q >= 1 and tokens[q].text == "," and q - 1 in self.ends:
            before = self.ends[q - 1]
            if before.type == "PERSON" and determiner != "pronoun":
                return before, before
        # After the phrase, past a comma: "the President of France, Nicolas Sarkozy".
        if r + 1 < len(tokens) and tokens[r].text == "," and determiner not in ("a", "pronoun"):
            q = r + 1
            while q < len(tokens) - 1 and tokens[q].lower_ in _TITLE_TOKENS | {"."}:
                q += 1
            after = self.starts.get(q)
            if after is not None and after.type == "PERSON":
                return after, after
        return None, None

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else 0


def _owner(mention: Mention) -> str:
    if mention.type == "NORP":
        return country_of_demonym(mention.text) or mention.canonical
    if mention.type == "GPE":
        return canonical_country(mention.text) or mention.canonical
    return mention.canonical


def _resolve_bare(found: list[RoleMention]) -> list[RoleMention]:
    """Fill a bare role's holder from the article when it names exactly one holder of it."""
    holders: dict[tuple[str, str | None], set[str]] = {}
    by_role: dict[str, set[tuple[str, str | None]]] = {}
    for role in found:
        if role.holder is not None:
            holders.setdefault((role.role, role.of), set()).add(role.holder)
            by_role.setdefault(role.role, set()).add((role.holder, role.of))
    resolved = []
    for role in found:
        if role.holder is None:
            same = holders.get((role.role, role.of), set())
            if len(same) == 1:
                role = RoleMention(role.start, role.end, next(iter(same)), role.role, role.of)
            elif role.of is None:
                pairs = by_role.get(role.role, set())
                names = {holder for holder, _ in pairs}
                owners = {of for _, of in pairs}
                if len(names) == 1:
                    owner = owners.pop() if len(owners) == 1 else None
                    role = RoleMention(role.start, role.end, names.pop(), role.role, owner)
        resolved.append(role)
    return resolved
