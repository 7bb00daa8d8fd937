"""Whether an event happened: the status of a trigger from the words that govern it.

The trigger's clause chain (`arguments._clause_chain`: the trigger, the verb it is an argument
of, the verbs and nouns that govern that one) is read from the inside out; the first word that
says something decides, and within one word the order below is the order of precedence:

- **refused**: governed by a refusal ("refused to allow", "the refusal of the courts to
  extradite"; a refused *request* stays "happened": it was made, its refusal is a REJECT);
- **negated**: "not", "never", "no longer", "no talks", a subject "not a single politician",
  "cancelled / scrapped / called off the visit",
  "failed to", "tried unsuccessfully", "prevented / forbids ...";
- **reported**: a claim, not a fact: "accused of", "suspected of", "alleged", "reportedly";
- **hypothetical**: speculation and conditions: "may", "might", "could", "should", "must",
  "would" outside reported speech, an "if" / "unless" clause, a hope or expectation ("hopes",
  "expected to", "wants", "keen for ... to");
- **planned**: plans and intentions: "will", "shall", "would" in reported speech ("said it
  would allow"), "is to", "plans / intends / promises / agrees / offers / threatens to", the
  content of a request ("urged X to ..."), what was put off ("the talks were postponed"); a
  purpose infinitive ("an invitation to visit") when no word further out says otherwise.

Governors stop at an adverbial clause: the main clause's negation or refusal does not reach
"although ..." or "when ...", nor a participle clause ("asked for aid, saying that it plans
to ..."); an "if" on the clause itself still makes it hypothetical.

A verb conjoined to another ("had met or spoken to") shares its subject and auxiliaries when it
has none of its own and the two are not contrasted ("but"), and it shares the other verb's
governors: one clause, one reading.  A refusal or negation further out overrides a plan, a
hope or a claim inside it ("demands that he be extradited were refused": the extradition is
refused).  Dates after the article's, and "next week", make an
event planned (`storyline.extract.events`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.records import EventStatus

from .arguments import _ASK, _REQUEST_NOUNS, _clause_chain
from .cameo import statement_verb

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["future_aux", "status"]

_REFUSE = frozenset({"refuse", "reject", "deny", "decline", "veto", "rebuff", "refusal",
                     "rejection"})  # fmt: skip
_REPORTED = frozenset({"accuse", "suspect", "allege"})
_CANCEL = frozenset({"cancel", "scrap", "abort", "axe", "shelve", "abandon", "annul"})
_POSTPONE = frozenset({"postpone", "delay", "defer", "reschedule"})
_REPORTED_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})
_PREVENT = frozenset({"forbid", "prevent", "block", "bar", "prohibit", "fail"})
_NEGATIVE_SUBJECTS = frozenset({"no", "not", "neither", "none", "nobody", "nothing", "never"})
_SPECULATIVE = frozenset({"may", "might", "could", "should", "must", "ought"})
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_CONDITIONS = frozenset({"if", "unless", "whether"})
_WISH = frozenset({"hope", "wish", "want", "expect", "keen", "eager", "likely", "desire"})
_ADVERBIAL = frozenset({"although", "though", "when", "while", "whilst", "because", "as",
                        "after", "before", "since", "until", "whereas", "once"})  # fmt: skip
_TO = "infinitive"  # a weak sign of a plan, decided only when nothing else speaks
_PLAN = frozenset({"plan", "intend", "prepare", "aim", "promise", "pledge", "vow", "agree",
                   "decide", "offer", "threaten", "propose", "seek", "try", "attempt", "ready",
                   "prepared", "willing", "set"})  # fmt: skip


def status(tok: Token, gov: Token | None, noun: bool, unit: tuple[int, int]) -> EventStatus:
    """The status of the event whose trigger is `tok` (`gov`: the verb a noun trigger is an
    argument of), reading only words of the same sentence unit."""
    request = noun and tok.lemma_.lower() in _REQUEST_NOUNS
    found = [_at(node, role, tok, request, noun) for node, role in _frames(tok, gov, unit)]
    first = next((f for f in found if f not in (None, _TO)), None)
    if first is None:
        return "planned" if _TO in found else "happened"
    if first in ("planned", "hypothetical", "reported"):
        # an outer refusal or negation rules out what was asked or planned inside it:
        # "demands that he be extradited were refused"
        return next((f for f in found if f in ("refused", "negated")), first)
    return first


def future_aux(verb: Token) -> bool:
    """Whether a verb is in the future ("will", "would", "shall"), itself, as the second of
    two conjoined verbs, or under "ready to" / "be to" ("would be ready to host")."""
    node = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and (c.lower_ in _FUTURE or c.lower_ == "would")
               for c in node.children):  # fmt: skip
            return True
        if node.dep_ not in ("conj", "xcomp", "acomp") or node.head is node:
            return False
        node = node.head
    return False


def _frames(tok: Token, gov: Token | None, unit: tuple[int, int]) -> list[tuple[Token, str]]:
    """(word, role) from the trigger outwards: "self", "gov" (a governing word) or "peer" (the
    first verb of a conjunction the chain belongs to)."""
    chain = _scope(_clause_chain(tok, gov))
    out = [(tok, "self")] + [(n, "gov") for n in chain[1:]]
    last, seen = chain[-1], {n.i for n in chain}
    for _ in range(3):
        peer = last.head
        if last.dep_ != "conj" or peer.i in seen or peer.pos_ not in ("VERB", "AUX"):
            break
        out.append((peer, "peer" if _shares(last) else "gov-only"))
        above = _scope(_clause_chain(peer, None))[1:]
        out.extend((n, "gov") for n in above)
        seen.update(n.i for n in [peer, *above])
        last = above[-1] if above else peer
    return [(n, r) for n, r in out if unit[0] <= n.i < unit[1] and r != "gov-only"]


def _scope(chain: list[Token]) -> list[Token]:
    """The chain up to an adverbial clause: "although Mr Cameron will raise the issue, he will
    not prioritise it" does not negate the raising, nor does a refusal refuse what happened
    "after" or "because"."""
    for n, node in enumerate(chain):
        if node.dep_ == "advcl" and (_subordinate(node) or _participial(node)):
            return chain[: n + 1]
    return chain


def _subordinate(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _ADVERBIAL for c in clause.children)


def _participial(clause: Token) -> bool:
    """ "..., saying that it plans to": a participle clause beside the main one, not its
    content (an infinitive "to meet" is)."""
    return clause.tag_ in ("VBG", "VBN") and not any(c.lower_ in ("to", "for") for c in
                                                      clause.children)  # fmt: skip


def _shares(conj: Token) -> bool:
    """Whether a conjoined verb takes its first conjunct's subject and auxiliaries."""
    own = any(c.dep_ in ("nsubj", "nsubjpass", "aux", "neg") for c in conj.children)
    contrast = any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in conj.head.children)
    return not own and not contrast


def _at(node: Token, role: str, tok: Token, request: bool, noun: bool) -> EventStatus | None:
    lemma = node.lemma_.lower()
    kids = list(node.children)
    if role == "gov" and lemma in _REFUSE and not request and tok.dep_ != "pobj":
        return "refused"  # not "refused ... in talks in Moscow": the talks were held
    if role == "gov" and (lemma in _CANCEL or _called_off(node)):
        return "negated"  # "cancelled the minister's visit", "called off the summit"
    if role == "gov" and lemma in _POSTPONE:
        return "planned"  # "the talks were postponed": not now, maybe later
    if _negated(node, role, kids, tok, noun):
        return "negated"
    if role == "gov" and lemma in _REPORTED:
        return "reported"
    if any(c.lower_ in _REPORTED_ADVERBS for c in kids):
        return "reported"
    modal = _modal(node, kids)
    if modal is not None:
        return modal
    if role == "gov" and lemma in _WISH:
        return "hypothetical"
    if role == "gov" and (lemma in _PLAN or lemma in _ASK or node.lower_ in _REQUEST_NOUNS):
        return "planned"
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in kids):
        return "hypothetical"
    if role == "gov" and lemma == "be" and any(c.dep_ == "xcomp" for c in kids):
        return "planned"  # "is to become"
    if node.dep_ in ("advcl", "acl", "relcl", "xcomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in kids
    ):
        return _TO  # "an invitation ... to visit Moscow", "in order to meet": planned, unless
        # a word further out says more ("keen for Mr Cameron to meet": hoped for)
    return None


def _called_off(node: Token) -> bool:
    return node.lemma_ == "call" and any(
        c.dep_ == "prt" and c.lower_ == "off" for c in node.children
    )


def _negated(node: Token, role: str, kids: list[Token], tok: Token, noun: bool) -> bool:
    if any(c.dep_ == "neg" for c in kids) and (role != "gov" or node.pos_ in ("VERB", "AUX")):
        return True
    if any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in kids):
        return True  # "no longer want"
    if any(c.lower_ == "unsuccessfully" for c in kids):
        return True
    if role == "gov" and node.lemma_.lower() in _PREVENT:
        return True
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (subj.left_edge.lower_ in _NEGATIVE_SUBJECTS or subj.lower_ in
                             _NEGATIVE_SUBJECTS):  # fmt: skip
        return True  # "not a single senior British politician had met"
    # "no talks", and what "no talk of" covers: "no talk of pressing the reset button"
    return node.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in kids)


def _modal(node: Token, kids: list[Token]) -> EventStatus | None:
    auxes = [c.lower_ for c in kids if c.dep_ == "aux"]
    if node.dep_ in ("nsubj", "nsubjpass"):  # "the talks would lead to agreements"
        auxes += [c.lower_ for c in node.head.children if c.dep_ == "aux"]
    if any(a in _SPECULATIVE for a in auxes):
        return "hypothetical"
    if any(a in _FUTURE for a in auxes):
        return "planned"
    if "would" in auxes:
        return "planned" if _reported_speech(node) else "hypothetical"
    return None


def _reported_speech(verb: Token) -> bool:
    """Whether a clause is what someone said ("said it would allow"): its verb is the
    complement of a statement verb."""
    node = verb.head if verb.dep_ in ("nsubj", "nsubjpass") else verb
    for _ in range(4):
        if node.dep_ not in ("ccomp", "conj", "xcomp") or node.head is node:
            return False
        node = node.head
        if statement_verb(node):
            return True
    return False
