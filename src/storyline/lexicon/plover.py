"""PLOVER types and quad classes, and storyline's own event words: what the CAMEO lexicon lacks.

The sixteen types and their quad classes are PLOVER's (Open Event Data Alliance, PLOVER 1.0 /
POLECAT codebook): AGREE, CONSULT, SUPPORT are verbal cooperation; COOPERATE, AID, CONCEDE,
RETREAT material cooperation; REQUEST (appeals and demands), ACCUSE, REJECT, THREATEN verbal
conflict; PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT material conflict.  The gold-standard
records use PLOVER 0.5 names for four of them; the CAMEO→PLOVER crosswalk maps those CAMEO
families (10 demand, 11 disapprove, 09 investigate, 19 fight) to REQUEST, ACCUSE, ACCUSE and
ASSAULT (`LEGACY_TYPES`).

Verbs come from PETRARCH2's CAMEO dictionary (`storyline.extract.cameo`).  The tables here add
only what it lacks:

- `NOUNS`: event nouns ("talks", "visit", "poisoning", "extradition request"); PETRARCH2 codes
  verbs only.  Modes are PLOVER's names where the gold-standard records show one (visit, phone,
  arrest, detain, ban, curfew, deport, beat, torture, assassinate, explosives, heavy-weapons,
  demo, strike-hun, strike-gen, obstruct, riot) and storyline's own short modes otherwise
  (meet, invite, extradition, poison, kill, expel, asylum, resign, investigate);
- `VERBS`, `VERB_PARTICLES`: verbs the dictionary does not list at all ("urge", "poison",
  "turn down"), and verb + preposition senses it reads only as statements ("speak to",
  "talk to": CAMEO 010); `VERB_DEFAULTS`: verbs it lists only in a block with no default code
  ("reject", "refuse" in REFUSE [---]); `tests/test_events.py` checks each of these against it.

Each table line is `TYPE: word, word/mode, ...`; a `/mode` applies to that word only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the records import this lexicon; a type-only import keeps it a leaf
    from storyline.records import Quad

__all__ = [
    "LEGACY_TYPES",
    "LIGHT_VERBS",
    "MODE_WORDS",
    "SUPPORT_VERBS",
    "NOUNS",
    "NOUN_NEEDS",
    "QUAD",
    "TYPES",
    "VERBS",
    "VERB_DEFAULTS",
    "VERB_PARTICLES",
    "Entry",
    "lexicon_size",
]

QUAD: dict[str, Quad] = {
    "AGREE": "verbal-cooperation",
    "CONSULT": "verbal-cooperation",
    "SUPPORT": "verbal-cooperation",
    "REQUEST": "verbal-conflict",
    "COOPERATE": "material-cooperation",
    "AID": "material-cooperation",
    "CONCEDE": "material-cooperation",
    "RETREAT": "material-cooperation",
    "ACCUSE": "verbal-conflict",
    "REJECT": "verbal-conflict",
    "THREATEN": "verbal-conflict",
    "PROTEST": "material-conflict",
    "SANCTION": "material-conflict",
    "MOBILIZE": "material-conflict",
    "COERCE": "material-conflict",
    "ASSAULT": "material-conflict",
}
TYPES = tuple(QUAD)

# PLOVER 0.5 types of the gold-standard records → the PLOVER 1.0 type that absorbed them.
LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                "FIGHT": "ASSAULT"}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    type: str
    mode: str | None = None

    @property
    def quad(self) -> Quad:
        return QUAD[self.type]


# Verb lemmas (spaCy's lemmas; both British and American spellings).
_VERBS = """
ASSAULT: poison/poison, execute/kill
PROTEST: picket/demo
REQUEST: urge
SANCTION: sanction
CONCEDE: relent
"""

# Verbs the dictionary lists in a block with no default code (REFUSE [---]: "deny", "resist",
# "withstand" need an object pattern), but which alone report a rejection ("rejected a peace
# plan"); used only when no pattern of the block reads the sentence.
_VERB_DEFAULTS = """
REJECT: reject, refuse
"""

# Light verbs: the event noun they take is the event, and their subject its actor ("hold
# talks", "makes a request", "announced sanctions", "seek asylum").
LIGHT_VERBS = frozenset(
    ["hold", "make", "have", "give", "issue", "lodge", "stage", "launch", "conduct", "begin",
     "start", "continue", "pay", "mount", "carry", "open", "resume", "renew", "announce", "seek",
     "secure", "take"]
)  # fmt: skip

# Support verbs, which mean nothing beyond their noun: an intent code that a pattern gives
# one ("MAKE * VISIT [036]") says nothing the noun does not ("is making his first visit").
SUPPORT_VERBS = frozenset(["make", "hold", "have", "give", "pay", "take", "conduct", "carry"])

# Event nouns (lemmas).
_NOUNS = """
AGREE: agreement, deal, accord, treaty, pledge, promise, acceptance
CONSULT: talks/meet, negotiation/meet, discussion/meet, meeting/meet, summit/meet, visit/visit,
  trip/visit, invitation/invite
SUPPORT: praise, endorsement
COOPERATE: extradition/extradition, cooperation, co-operation
AID: aid, assistance, donation, asylum/asylum
CONCEDE: concession, apology
RETREAT: withdrawal, surrender, ceasefire, cease-fire, resignation/resign
REQUEST: request, demand, appeal, plea, call
ACCUSE: accusation, criticism, condemnation, complaint, investigation/investigate,
  inquiry/investigate, indictment/investigate
REJECT: refusal, rejection, veto
THREATEN: threat, ultimatum, warning
PROTEST: protest, demonstration/demo, rally/demo, strike/strike-gen, boycott, riot/riot
SANCTION: sanction, embargo, expulsion/expel
MOBILIZE: mobilisation, mobilization, deployment
COERCE: arrest/arrest, detention/detain, ban/ban, curfew/curfew, crackdown, kidnapping/detain,
  deportation/deport, blockade/obstruct
ASSAULT: murder/kill, killing/kill, assassination/assassinate, poisoning/poison, attack,
  bombing/explosives, invasion/heavy-weapons, shelling/heavy-weapons, torture/torture,
  massacre/kill, airstrike/heavy-weapons, fighting, clash, offensive, ambush, raid
"""

# Verb + particle or preposition that make an event the verb alone does not.
VERB_PARTICLES: dict[tuple[str, str], Entry] = {
    ("turn", "down"): Entry("REJECT"),
    ("hand", "over"): Entry("COOPERATE"),
    ("speak", "to"): Entry("CONSULT", "meet"),
    ("talk", "to"): Entry("CONSULT", "meet"),
}

# Nouns that are events only with one of these dependent words: `call` is a REQUEST
# only as "call for"/"call on" and a CONSULT/phone as "telephone call"; `strike` is a PROTEST
# only as a general/hunger/national strike (else "air strike" etc. would be one).
NOUN_NEEDS: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on", "telephone", "phone"}),
    "strike": frozenset({"hunger", "general", "national", "labour", "labor", "workers"}),
}

# Modifier words that set a mode, by the type they refine.
MODE_WORDS: dict[str, dict[str, str]] = {
    "REQUEST": {
        "extradition": "extradition",
        "extradite": "extradition",
        "asylum": "asylum",
        "aid": "aid",
        "ceasefire": "ceasefire",
    },
    "REJECT": {"extradition": "extradition", "extradite": "extradition"},
    "CONSULT": {"telephone": "phone", "phone": "phone"},
    "PROTEST": {"hunger": "strike-hun", "general": "strike-gen"},
    "ASSAULT": {"suicide": "suicide-attack", "polonium": "poison", "radiation": "poison"},
}


def _table(text: str) -> dict[str, Entry]:
    table: dict[str, Entry] = {}
    for block in text.replace("\n  ", " ").strip().splitlines():
        kind, _, words = block.partition(":")
        for word in words.split(","):
            lemma, _, mode = word.strip().partition("/")
            table[lemma] = Entry(kind.strip(), mode or None)
    return table


VERBS = _table(_VERBS)
VERB_DEFAULTS = _table(_VERB_DEFAULTS)
NOUNS = _table(_NOUNS)


def lexicon_size() -> int:
    """storyline's own trigger rules: verbs, nouns and verb + particle pairs."""
    return len(VERBS) + len(VERB_DEFAULTS) + len(NOUNS) + len(VERB_PARTICLES)
