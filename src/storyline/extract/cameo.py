"""CAMEO verb patterns matched over the dependency parse, read as PLOVER types.

A verb token is looked up in PETRARCH2's verb dictionary (`storyline.lexicon.cameo_verbs`) by
its lemma, a multi-word verb by its particle ("call off") or the word before it.  The patterns
of its blocks are then matched against the verb's *frame* in the parse, not against word order:

- words after `*` match the verb's objects (direct object, dative, passive subject, predicate,
  open complement "refused to comment") and its particles ("set off", "put forward");
- `(PREP X)` matches a prepositional phrase of the verb or of its object ("called for
  sanctions against Nigeria" has "against" under "sanctions"), X its object;
- words before `*` match the subject or the verb's auxiliaries and adverbs ("WILL *");
- a braced phrase `{FINANCIAL AID}` needs its head on the token and the other words inside
  that token's phrase; words are compared as `lexicon.cameo.key`s (lower case, singular).

The pattern asking for the most words wins (the first in the file on a tie); a verb no
pattern fits takes its own code, else its block's; a winning null pattern means no event.  The
CAMEO code goes through the PLOVER crosswalk (`storyline.lexicon.crosswalk`) to a PLOVER type
and mode; a backward-only code (`[:173]`) is read with actor and target swapped.

Verb on verb.  PETRARCH2 combines a verb with the verb it governs by CAMEO's hierarchy ("A will
[help B]" is an intent to aid); the dictionary file does not carry those rules, so the three
that CAMEO's own definitions give are applied to a verb no pattern fitted, when it has an
open complement ("to ..."):
- a verb of the REFUSE block ("refused to allow", "rejected calls to") is a rejection (120);
- "agree to ..." (the AGREE block's 050 with a complement) is an intent to cooperate (030);
- an intent (03x: promise, plan, prepare to ...) to do material conflict ("plans to impose
  restrictions") is a threat (130): CAMEO 03 is intent to *cooperate*, 13 intent to harm.
A verb of asking (02, 10) whose clause is in the past asserts a fact, it demands nothing
("insisted that prosecutors had sent"): no event; neither is an intent to speak ("intends to
say"), an intent verb in the passive ("Boeing were expected to win": whose intent?), nor
CALL's telephone call (041) when the call names something ("calls it 'guarded engagement'",
"calling them an occupying army").  A verb of disapproval (11) whose object is
a proposal or request rejects it (120: "dismissed an appeal from the President").

`Reading.basis` says what decided: a pattern, the verb's own code (a code on its line, the
code of the block named after it alone: VISIT, HOST; or a block code with an event as its
complement: "ready to host"), or only its block's default (the verb is in the block as "close
enough" to the others: TAKE in APPREHEND, GO in GO_SOMEWHERE, MEET in MEET_PEOPLE, whose
names say the block wants someone or somewhere);
`storyline.extract.events` asks more evidence of the last.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.lexicon import cameo_verbs, crosswalk
from storyline.lexicon.cameo import Code, Pattern, Slot, Verb, key

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Reading", "statement_verb", "verb_reading"]

_OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "acomp", "xcomp", "nsubjpass"})
_PARTICLE_DEPS = frozenset({"prt", "advmod"})
_BEFORE_DEPS = frozenset({"nsubj", "aux", "neg", "advmod", "nsubjpass"})


@dataclass(frozen=True)
class Reading:
    """What the lexicon makes of one verb in its sentence."""

    type: str
    mode: str | None
    code: str  # the CAMEO code applied
    reverse: bool  # a backward code: the target acts on the subject
    line: str  # the dictionary line that decided it
    end: int  # character end of the trigger (a multi-word verb's particle included)
    consumed: frozenset[int]  # tokens the pattern used (an object noun is not its own event)
    target: int | None = None  # a token a `+` marks as the target
    basis: str = "pattern"  # "pattern", "verb" (its own code), "block" (the block's default)


@dataclass
class _Frame:
    verb: Token
    after: list[Token]
    preps: list[tuple[Token, Token | None]]
    before: list[Token]


_MEMO = "storyline.cameo"


def verb_reading(tok: Token) -> Reading | None:
    """The PLOVER reading of a verb token, or None when the lexicon makes no event of it.
    Kept in the Doc's `user_data` (the token's verb is read again for the verbs above it)."""
    memo = tok.doc.user_data.setdefault(_MEMO, {})
    if tok.i not in memo:
        memo[tok.i] = _reading(tok)
    return memo[tok.i]


def _reading(tok: Token) -> Reading | None:
    lexicon = cameo_verbs()
    entries = lexicon.entries(tok.lemma_, tok.text)
    matched = [(v, extra) for v in entries if (extra := _multiword(v, tok)) is not None]
    if not matched:
        return None
    longest = max(len(v.before) + len(v.after) for v, _ in matched)
    matched = [(v, extra) for v, extra in matched if len(v.before) + len(v.after) == longest]
    frame = _frame(tok, [t for _, extra in matched for t in extra])
    present = _present(frame)
    best, used = None, frozenset()
    for pattern in _patterns(lexicon, [v for v, _ in matched], present):
        if not all(words & present for words in pattern.needs):
            continue
        found = _match(pattern, frame)
        if found is not None and (best is None or pattern.size > best.size):
            best, used = pattern, found
    end = max([tok.idx + len(tok)] + [t.idx + len(t) for _, extra in matched for t in extra
                                       if t.i == tok.i + 1])  # fmt: skip
    if best is not None:
        target = _marked_target(best, frame)
        return _read(best.code, best.line, end, used | _extra(matched), target, "pattern")
    verb = matched[0][0]
    code, line = _combined(tok, lexicon.blocks[verb.block].name, lexicon.code_of(verb))
    block = lexicon.blocks[verb.block].name
    own = verb.coded or block.lower() == verb.word  # VISIT in VISIT, not GO in GO_SOMEWHERE
    basis = "pattern" if line else "verb" if own or _event_complement(tok) else "block"
    return _read(code, line or verb.word, end, _extra(matched), None, basis)


def _event_complement(tok: Token) -> bool:
    """Whether a verb's open complement is itself an event ("ready to host a meeting"): the
    complement, like a pattern, says what the verb is about."""
    return any(c.dep_ == "xcomp" and verb_reading(c) is not None for c in tok.children)


def statement_verb(tok: Token) -> bool:
    """Whether the dictionary reads a verb as a public statement (CAMEO 01: say, announce,
    tell, speak...): the verbs that report what someone said, not an event."""
    lexicon = cameo_verbs()
    codes = (lexicon.code_of(v) for v in lexicon.entries(tok.lemma_, tok.text) if not v.after)
    return any(c is not None and (c.forward or "").startswith("01") for c in codes)


_REJECT, _INTENT, _THREAT = Code("120", None), Code("030", None), Code("130", None)


def _combined(tok: Token, block: str, code: Code | None) -> tuple[Code | None, str | None]:
    """A verb's code combined with its open complement (see the module docstring)."""
    comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")),
                None)  # fmt: skip
    to_noun = any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children)
    forward = code.forward if code else None
    if block == "REFUSE" and comp is not None and not statement_verb(comp):
        return _REJECT, "REFUSE + complement"
    if forward == "050" and block == "AGREE" and (comp is not None or to_noun):
        return _INTENT, "AGREE + complement"
    if forward and forward[:2] in ("02", "10") and _asserts(tok):
        return None, "demand verb + past clause"
    if forward and forward.startswith("11") and _proposal_object(tok):
        return _REJECT, "disapproval of a proposal"
    if forward and forward.startswith("03") and any(c.dep_ == "auxpass" for c in tok.children):
        return None, "passive intent"  # "Boeing were expected to win": nobody's intent
    if forward and forward.startswith("03") and comp is not None and statement_verb(comp):
        return None, "intent to speak"  # "intends to say the same things"
    if forward == "041" and any(c.dep_ in _NAMING for c in tok.children):
        return None, "naming"  # "He calls it 'guarded engagement'": no telephone call
    if forward and forward.startswith("03") and comp is not None:
        inner = verb_reading(comp)
        if inner is not None and inner.type in _HARM:
            return _THREAT, "intent + harm"
    return code, None


_HARM = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
_NAMING = frozenset({"oprd", "xcomp", "ccomp", "attr", "acomp"})


_PROPOSALS = frozenset({"request", "demand", "call", "appeal", "plea", "invitation", "offer",
                        "proposal"})  # fmt: skip


def _proposal_object(tok: Token) -> bool:
    """Whether a verb's object is something proposed or asked for (PETRARCH2's &PROPOSAL
    synset, or a request, appeal, offer or invitation): to disapprove of it is to reject it
    ("dismissed an appeal")."""
    words = {w for phrase in cameo_verbs().synsets.get("PROPOSAL", ()) for w in phrase[-1]}
    words |= _PROPOSALS
    return any(c.dep_ == "dobj" and key(c.lemma_) in words for c in tok.children)


def _asserts(tok: Token) -> bool:
    """Whether a verb of asking reports a fact, not a demand: its clause is in the past
    ("insisted that prosecutors had already sent ..."); a demand's clause is not ("demanded
    that the US cancel", "insisted that Libya must hand over")."""
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if clause is None or any(c.dep_ == "dobj" for c in tok.children):
        return False
    auxes = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    return clause.tag_ == "VBD" or bool(auxes & {"had", "has", "have", "was", "were", "did"})


def _extra(matched) -> frozenset[int]:
    return frozenset(t.i for _, extra in matched for t in extra)


def _read(code: Code | None, line: str, end: int, used, target, basis: str) -> Reading | None:
    if code is None:
        return None
    table = crosswalk()
    for cameo, reverse in ((code.forward, False), (code.backward, True)):
        found = table(cameo)
        if found is not None:
            return Reading(found.type, found.mode, cameo, reverse, line, end, used, target, basis)
    return None


def _patterns(lexicon, verbs: list[Verb], present: set[str]) -> list[Pattern]:
    blocks = dict.fromkeys(v.block for v in verbs)
    return [p for b in blocks for p in lexicon.blocks[b].candidates(present)]


def _multiword(verb: Verb, tok: Token) -> list[Token] | None:
    """The tokens of a multi-word verb besides `tok` ([] for a one-word verb), or None when
    the sentence lacks them."""
    found = []
    for word in verb.after:
        hit = next((c for c in tok.children if c.lower_ == word and c.i > tok.i), None)
        if hit is None and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == word:
            hit = tok.doc[tok.i + 1]
        if hit is None:
            return None
        found.append(hit)
    for word in verb.before:
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if prev is None or key(prev.lower_) != key(word):
            return None
        found.append(prev)
    return found


def _frame(tok: Token, extra: list[Token]) -> _Frame:
    after, preps, before = [], [], []
    skip = {t.i for t in extra}
    for child in tok.children:
        if child.i in skip and child.dep_ != "prep":
            continue
        if child.dep_ in _OBJECT_DEPS:
            after.append(child)
            after.extend(c for c in child.children if c.dep_ == "conj")
        elif child.dep_ in _PARTICLE_DEPS and child.i > tok.i:
            after.append(child)
        if child.dep_ in ("prep", "agent", "dative") and child.pos_ == "ADP":
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if child.i in skip and pobj is not None:
                after.append(pobj)  # "ask for help": the verb's own preposition
            elif not _when(pobj):
                preps.append((child, pobj))
        if child.dep_ in _BEFORE_DEPS and child.i < tok.i:
            before.append(child)
    for obj in list(after):
        if obj.dep_ == "nsubjpass":
            continue  # "a camp for refugees was attacked": not the verb's "for"
        for child in obj.children:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.dep_ == "prep" and not _when(pobj):
                preps.append((child, pobj))
    return _Frame(tok, after, preps, before)


def _when(pobj: Token | None) -> bool:
    """A date or time ("on Tuesday", "in June"): an adjunct, never a pattern's phrase."""
    return pobj is not None and pobj.ent_type_ in ("DATE", "TIME")


def _present(frame: _Frame) -> set[str]:
    """The words a pattern's slots and phrases could find heads for in the frame: the keys of
    its tokens, and its prepositions (`Pattern.needs` asks only for heads)."""
    out = {p.lower_ for p, _ in frame.preps}
    for tok in [*frame.before, *frame.after, *(o for _, o in frame.preps if o is not None)]:
        out.update(_keys(tok))
    return out


def _match(pattern: Pattern, frame: _Frame) -> frozenset[int] | None:
    """The tokens a pattern uses in the frame, or None when it does not fit."""
    used: set[int] = set()
    for slots, pool in ((pattern.before, frame.before), (pattern.after, frame.after)):
        for slot in slots:
            hit = next((t for t in pool if t.i not in used and _slot(slot, t)), None)
            if hit is None:
                return None
            used.add(hit.i)
    for prep in pattern.preps:
        hit = next(
            (
                (p, o)
                for p, o in frame.preps
                if p.lower_ in prep.words and (prep.obj is None or (o is not None and _slot(
                    prep.obj, o)))
            ),
            None,
        )  # fmt: skip
        if hit is None:
            return None
        if prep.obj is not None:
            used.add(hit[1].i)
    return frozenset(used)


def _marked_target(pattern: Pattern, frame: _Frame) -> int | None:
    for prep in pattern.preps:
        if prep.role == "target":
            for p, o in frame.preps:
                if p.lower_ in prep.words and o is not None:
                    return o.i
    return None


def _keys(tok: Token) -> tuple[str, str]:
    return key(tok.lower_), key(tok.lemma_)


def _slot(slot: Slot, tok: Token) -> bool:
    """Whether a token heads the phrase a pattern slot describes."""
    *modifiers, head = slot
    if not any(_phrase_at(phrase, tok) for phrase in head):
        return False
    inside = [t for t in tok.subtree if t.i != tok.i]
    return all(
        any(any(k in phrase[-1] for t in inside for k in _keys(t)) for phrase in element)
        for element in modifiers
    )


def _phrase_at(phrase, tok: Token) -> bool:
    """A phrase whose last word is `tok` and whose other words come right before it."""
    if not any(k in phrase[-1] for k in _keys(tok)):
        return False
    start = tok.i - len(phrase) + 1
    if start < tok.sent.start:
        return False
    return all(
        any(k in words for k in _keys(tok.doc[start + n])) for n, words in enumerate(phrase[:-1])
    )
