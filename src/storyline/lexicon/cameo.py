"""Read PETRARCH2's CAMEO verb-pattern dictionary (`data/petrarch2-CAMEO.2.0.txt`).

The format (PETRARCH2's `docs/source/dictionaries.rst` and the file's own header):

- **Synsets**: a line `&NAME` followed by `+WORD` lines; words joined by `_` are one phrase
  ("+ARMED_FORCES"); a trailing `_` only stops plural generation, which matching does anyway
  (`key` folds plurals).
- **Verb blocks**: a header `--- NAME [CODE] ---` whose code is the default of every verb in the
  block (`[---]`: the verb alone is no event); verb lines `VERB {FORMS} [CODE]`, where a `+`
  marks the verb of a multi-word verb (`+CALL_OFF`, `WIRE_+TAP`), `{...}` lists irregular forms
  and `[...]` the verb's own code.
- **Patterns**, shared by all verbs of the block: `- PRE * POST (PREP OBJ) [CODE] # verb`.
  Words before `*` stand before the verb (its subject, or an auxiliary as in `- WILL *`);
  words after it are objects, particles or complements; `{A B}` is a phrase whose last word is
  the head; `(PREP X)` a prepositional phrase (`BY/WITH`: either); `&NAME` any synset member;
  `$` marks the source and `+` the target; `^` any phrase.
- **Codes** are CAMEO codes; `[A:B]` is a pair of events, A from the source to the target and
  B back from the target to the source ("appear before a court" `[:173]`: the court acts on the
  subject; "visit" `[042:043]`: the visitor visits and the host hosts).  `---` is the null
  code: a pattern with it matches and stops the verb's default ("stocks declined").

When a block lists the same pattern twice, the later one wins, as in PETRARCH2's pattern tree.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

__all__ = ["Block", "Code", "Pattern", "Prep", "VerbDictionary", "Verb", "key", "read"]

# Phrase = consecutive words, last is the head; each position lists its alternatives.
Phrase = tuple[frozenset[str], ...]
Element = tuple[Phrase, ...]  # alternatives (a word, or every member of a synset)
Slot = tuple[Element, ...]  # a braced group: modifiers first, the head element last

_CODE = re.compile(r"\[([^\]]*)\]")
_TOKEN = re.compile(r"[(){}]|[^\s(){}]+")
_ARTICLES = frozenset({"a", "an", "the"})
_MARKERS = frozenset({"$", "+", "%", "^"})


@functools.lru_cache(maxsize=65536)
def key(word: str) -> str:
    """A word folded for matching: lower case, without PETRARCH's `_` marker, and singular
    ("TALKS" and spaCy's lemma "talk" meet; "ALLIES" → "ally", "CRISES" stays)."""
    w = word.lower().strip("_")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s")):
        return w[:-1]
    return w


@dataclass(frozen=True)
class Code:
    """A CAMEO code pair: `forward` from the source to the target, `backward` the other way."""

    forward: str | None
    backward: str | None

    @classmethod
    def parse(cls, text: str) -> Code | None:
        """`"042:043"`, `"173"`, `":110"`; None for the null code `---`."""
        text = text.strip()
        if not text or text.startswith("-"):
            return None
        forward, _, backward = text.partition(":")
        return cls(forward.strip() or None, backward.strip() or None)


@dataclass(frozen=True)
class Prep:
    """`(PREP OBJ)`: a prepositional phrase; `role` is "source" or "target" when marked."""

    words: frozenset[str]
    obj: Slot | None
    role: str | None = None


@dataclass(frozen=True)
class Pattern:
    before: tuple[Slot, ...]
    after: tuple[Slot, ...]
    preps: tuple[Prep, ...]
    code: Code | None
    line: str  # the dictionary line, for provenance
    subject_is_target: bool = False  # `- + * ...`: the word before the verb is the target
    needs: tuple[frozenset[str], ...] = ()  # per slot and preposition, the words it needs

    @staticmethod
    def words_needed(before, after, preps) -> tuple[frozenset[str], ...]:
        """For each slot its head words, for each prepositional phrase its prepositions and
        its object's head words: a sentence lacking any of them cannot match (a fast test)."""
        heads = [frozenset(w for phrase in slot[-1] for w in phrase[-1]) for slot in before + after]
        for prep in preps:
            heads.append(prep.words)
            if prep.obj:
                heads.append(frozenset(w for phrase in prep.obj[-1] for w in phrase[-1]))
        return tuple(heads)

    @property
    def size(self) -> int:
        """How many words the pattern asks for: more words, a more specific reading."""
        slots = self.before + self.after + tuple(p.obj for p in self.preps if p.obj)
        return sum(len(s) for s in slots) + len(self.preps)


@dataclass(frozen=True)
class Verb:
    word: str  # the verb's key ("call")
    before: tuple[str, ...] = ()  # words of a multi-word verb before it (WIRE_+TAP)
    after: tuple[str, ...] = ()  # particles after it (+CALL_OFF)
    code: Code | None = None
    coded: bool = False  # the line gives its own code (else the block's applies)
    block: int = 0


@dataclass(frozen=True)
class Block:
    name: str
    code: Code | None
    patterns: tuple[Pattern, ...]
    index: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def make(cls, name: str, code: Code | None, patterns: list[Pattern]) -> Block:
        """A block with its patterns indexed by a word each needs (the first slot's heads),
        so that only the patterns a sentence has that word for are tried."""
        index: dict[str, list[int]] = {}
        for n, pattern in enumerate(patterns):
            for word in pattern.needs[0] if pattern.needs else ("",):
                index.setdefault(word, []).append(n)
        return cls(name, code, tuple(patterns), {w: tuple(ns) for w, ns in index.items()})

    def candidates(self, present: set[str]) -> list[Pattern]:
        """The patterns, in file order, whose first needed word is among `present`."""
        found = set(self.index.get("", ()))
        for word in present:
            found.update(self.index.get(word, ()))
        return [self.patterns[n] for n in sorted(found)]


@dataclass
class VerbDictionary:
    synsets: dict[str, Element] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    verbs: dict[str, list[Verb]] = field(default_factory=dict)  # verb key → entries
    forms: dict[str, str] = field(default_factory=dict)  # irregular form → verb key

    def entries(self, lemma: str, text: str) -> list[Verb]:
        """The dictionary verbs a token may be, by its lemma or (for lemmas spaCy gets wrong,
        and participles it reads as adjectives: "prepared") by an irregular form the
        dictionary lists or a regular one (PETRARCH2 generates -s, -ed, -ing forms)."""
        found = self.verbs.get(key(lemma))
        word = text.lower()
        if not found and word in self.forms:
            found = self.verbs.get(self.forms[word])
        for suffix, base in (("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e")):
            if found or not word.endswith(suffix):
                continue
            found = self.verbs.get(word[: -len(suffix)] + base)
        return found or []

    def code_of(self, verb: Verb) -> Code | None:
        return verb.code if verb.coded else self.blocks[verb.block].code


def read(text: str) -> VerbDictionary:
    """Parse the whole dictionary file."""
    lexicon = VerbDictionary()
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    _read_synsets(lines[:start], lexicon)
    _read_verbs(lines[start + 1 :], lexicon)
    return lexicon


def _strip(line: str) -> str:
    return line.split("#", 1)[0].strip()


def _phrase(text: str, synsets: dict[str, Element]) -> Phrase:
    """Words joined by `_`; a `&NAME` inside a phrase ("FIGHTER_&AIRCRAFT") stands for the
    head words of that synset, and `A/B` for either word."""
    positions = []
    for word in (w for w in text.strip("_").split("_") if w):
        if word.startswith("&"):
            member_heads = synsets.get(word[1:].strip("_"), ())
            positions.append(frozenset(a for phrase in member_heads for a in phrase[-1]))
        else:
            positions.append(_word(word))
    return tuple(p for p in positions if p)


@functools.lru_cache(maxsize=8192)
def _word(word: str) -> frozenset[str]:
    return frozenset(key(x) for x in word.split("/"))


def _read_synsets(lines: list[str], lexicon: VerbDictionary) -> None:
    name, members = None, []
    for raw in lines + ["&"]:
        line = _strip(raw)
        if line.startswith("&"):
            if name:
                lexicon.synsets[name] = tuple(members)
            name, members = line[1:].strip("_") or None, []
        elif line.startswith("+") and name:
            members.append(_phrase(line[1:], lexicon.synsets))


def _read_verbs(lines: list[str], lexicon: VerbDictionary) -> None:
    name, code, verbs, patterns = None, None, [], {}
    for raw in lines + ["--- END [---] ---"]:
        if raw.startswith("---"):
            if name is not None:
                _add_block(lexicon, name, code, verbs, list(patterns.values()))
            found = _CODE.search(raw)
            name = raw.strip("- \t").split("[")[0].strip()
            code = Code.parse(found.group(1)) if found else None
            verbs, patterns = [], {}
            continue
        line = _strip(raw)
        if not line or name is None:
            continue
        if line.startswith("-"):
            pattern = _pattern(line, lexicon.synsets)
            if pattern is not None:
                signature = (pattern.before, pattern.after, pattern.preps)
                patterns.pop(signature, None)  # a repeated pattern: the later one wins
                patterns[signature] = pattern
        else:
            verbs.append(line)


def _add_block(lexicon: VerbDictionary, name, code, verb_lines, patterns) -> None:
    index = len(lexicon.blocks)
    lexicon.blocks.append(Block.make(name, code, patterns))
    for line in verb_lines:
        verb, forms = _verb(line, index)
        if verb is None:
            continue
        lexicon.verbs.setdefault(verb.word, []).append(verb)
        for form in forms:
            lexicon.forms.setdefault(form, verb.word)


def _verb(line: str, block: int) -> tuple[Verb | None, list[str]]:
    found = _CODE.search(line)
    own = Code.parse(found.group(1)) if found else None
    line = _CODE.sub("", line)
    forms_text = line[line.find("{") + 1 : line.find("}")] if "{" in line else ""
    head = line.split("{")[0].split()
    if not head:
        return None, []
    words = [w for w in head[0].split("_") if w]
    at = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    words = [w.lstrip("+").lower() for w in words]
    verb = Verb(key(words[at]), tuple(words[:at]), tuple(words[at + 1 :]), own, found is not None,
                block)  # fmt: skip
    forms = []
    for form in forms_text.split():
        parts = [w for w in form.split("_") if w]
        marked = [w for w in parts if w.startswith("+")] or parts[:1]
        forms.append(marked[0].lstrip("+").lower())
    return verb, forms


def _pattern(line: str, synsets: dict[str, Element]) -> Pattern | None:
    found = _CODE.search(line)
    if found is None:
        return None
    body = line[1 : found.start()]
    if body.count("*") != 1:
        return None  # "SPY_*_DEAL": not a verb pattern PETRARCH2 can read either
    before_text, after_text = body.split("*")
    before, subject_is_target = _slots(before_text, synsets)
    after, preps = [], []
    for kind, part in _groups(after_text):
        if kind == "(":
            preps.append(_prep(part, synsets))
        else:
            slots, _ = _slots(part, synsets)
            after.extend(slots)
    needs = Pattern.words_needed(tuple(before), tuple(after), tuple(preps))
    return Pattern(tuple(before), tuple(after), tuple(preps), Code.parse(found.group(1)),
                   line.strip(), subject_is_target, needs)  # fmt: skip


_GROUPS = re.compile(r"\(([^()]*)\)|([^()]+)")


def _groups(text: str):
    """("(", inner) for each parenthesised phrase and ("", text) for the words between."""
    out = []
    for inner, between in _GROUPS.findall(text):
        if between:
            if between.strip():
                out.append(("", between))
        else:
            out.append(("(", inner))
    return out


def _slots(text: str, synsets: dict[str, Element]) -> tuple[list[Slot], bool]:
    """Words and braced phrases in order; and whether a `+` (target) marker was among them."""
    slots: list[Slot] = []
    group: list[Element] | None = None
    target = False
    for token in _TOKEN.findall(text):
        if token == "{":
            group = []
        elif token == "}":
            if group:
                slots.append(tuple(group))
            group = None
        elif token in _MARKERS or token.lower() in _ARTICLES:
            target = target or token == "+"
        else:
            element = _element(token, synsets)
            if element is None:
                continue
            if group is not None:
                group.append(element)
            else:
                slots.append((element,))
    return slots, target


def _element(token: str, synsets: dict[str, Element]) -> Element | None:
    if token.startswith("&"):
        return synsets.get(token[1:].strip("_"))
    phrase = _phrase(token, synsets)
    return (phrase,) if phrase else None


def _prep(text: str, synsets: dict[str, Element]) -> Prep:
    tokens = _TOKEN.findall(text)
    words = frozenset(w.lower() for w in tokens[0].split("/")) if tokens else frozenset()
    rest = " ".join(tokens[1:])
    slots, _ = _slots(rest, synsets)
    role = "target" if "+" in tokens[1:] else "source" if "$" in tokens[1:] else None
    obj = tuple(e for s in slots for e in s) if slots else None
    return Prep(words, obj, role)
