"""The trigger lexicon: words that report a PLOVER event, with the type, mode and quad they give.

Sources.  The sixteen types and their quad classes are PLOVER's (Open Event Data Alliance,
PLOVER 1.0 / POLECAT codebook): AGREE, CONSULT, SUPPORT are verbal cooperation; COOPERATE, AID,
CONCEDE, RETREAT material cooperation; REQUEST (demands), ACCUSE, REJECT, THREATEN verbal
conflict; PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT material conflict.  An invitation to
talks or a visit is a CONSULT (mode invite), not a demand.  Older PLOVER
drafts (0.5, the gold-standard records) also had DEMAND, DISAPPROVE, INVESTIGATE and FIGHT;
PLOVER 1.0 folds them into REQUEST, ACCUSE, ACCUSE and ASSAULT (`LEGACY_TYPES`).
Modes use PLOVER's names where the gold-standard records show one (visit, phone, arrest,
detain, ban, curfew, confiscate, deport, censor, beat, torture, sexual, assassinate,
explosives, firearms, heavy-weapons, demo, strike-hun, strike-gen, obstruct, riot); the rest
are storyline's own short lower-case modes: meet (talks, meetings), invite, extradition,
poison, kill, expel, asylum, resign, release, investigate.
The words are the common English reporting vocabulary for each type (the CAMEO verb
dictionaries' heads, cut down to unambiguous news usage); ambiguous words are left out on
purpose ("said", "call", "talk", "strike" alone, "release", "close", "war") or need context
(`VERB_PARTICLES`, `VERB_OBJECTS`, `NOUN_NEEDS`).

Each table line is `TYPE: word, word/mode, ...`; a `/mode` applies to that word only.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.records import Quad

__all__ = [
    "LEGACY_TYPES",
    "NOUNS",
    "NOUN_NEEDS",
    "QUAD",
    "TYPES",
    "VERBS",
    "VERB_OBJECTS",
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
AGREE: agree, accept, promise, pledge, sign, ratify, consent
CONSULT: meet/meet, visit/visit, telephone/phone, phone/phone, discuss/meet, negotiate/meet,
  host/meet, confer/meet, consult/meet, travel/visit, invite/invite
SUPPORT: praise, welcome, support, endorse, commend, applaud, congratulate, back
COOPERATE: cooperate, co-operate, collaborate, extradite/extradition
AID: donate, aid, assist
CONCEDE: concede, relent, apologise, apologize, pardon
RETREAT: retreat, surrender, resign/resign, withdraw
REQUEST: request, demand, urge, ask, appeal, plead, petition
ACCUSE: accuse, criticise, criticize, condemn, denounce, blame, complain, deplore,
  investigate/investigate, indict/investigate, sue
REJECT: reject, refuse, deny, veto, dismiss, rebuff, ignore, oppose
THREATEN: threaten, warn
PROTEST: protest, demonstrate/demo, riot/riot, boycott, picket/demo
SANCTION: sanction, expel/expel, embargo
MOBILIZE: mobilise, mobilize, deploy
COERCE: arrest/arrest, detain/detain, ban/ban, outlaw/ban, confiscate/confiscate,
  seize/confiscate, kidnap/detain, abduct/detain, deport/deport, imprison/detain, jail/detain,
  censor/censor
ASSAULT: attack, kill/kill, murder/kill, assassinate/assassinate, poison/poison,
  bomb/explosives, shell/heavy-weapons, shoot/firearms, torture/torture, beat/beat,
  invade/heavy-weapons, wound, massacre/kill, stab, behead/kill, execute/kill
"""

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
  massacre/kill, airstrike/heavy-weapons
"""

# Verb + particle or preposition that make an event the verb alone does not.
VERB_PARTICLES: dict[tuple[str, str], Entry] = {
    ("turn", "down"): Entry("REJECT"),
    ("call", "for"): Entry("REQUEST"),
    ("call", "on"): Entry("REQUEST"),
    ("hand", "over"): Entry("COOPERATE"),
    ("pull", "out"): Entry("RETREAT"),
    ("back", "down"): Entry("RETREAT"),
    ("step", "down"): Entry("RETREAT", "resign"),
    ("speak", "to"): Entry("CONSULT", "meet"),
    ("speak", "with"): Entry("CONSULT", "meet"),
    ("talk", "to"): Entry("CONSULT", "meet"),
    ("talk", "with"): Entry("CONSULT", "meet"),
    ("beat", "up"): Entry("ASSAULT", "beat"),
    ("break", "off"): Entry("SANCTION", "relations"),
    ("crack", "down"): Entry("COERCE"),
    ("call", "off"): Entry("CONCEDE"),
    ("block", "off"): Entry("PROTEST", "obstruct"),
}

# Verb + object noun: the pair is the event, and the noun is not one of its own.
VERB_OBJECTS: dict[str, tuple[frozenset[str], Entry]] = {
    "lift": (
        frozenset({"sanction", "curfew", "ban", "embargo", "restriction", "blockade", "siege"}),
        Entry("CONCEDE"),
    ),
    "ease": (
        frozenset({"sanction", "curfew", "ban", "embargo", "restriction", "measure"}),
        Entry("CONCEDE"),
    ),
    "suspend": (
        frozenset({"aid", "link", "relation", "talks", "cooperation", "co-operation"}),
        Entry("SANCTION"),
    ),
    "halt": (frozenset({"aid", "link", "talks", "mediation", "negotiation"}), Entry("SANCTION")),
    "cut": (frozenset({"aid", "tie", "relation", "electricity", "supply"}), Entry("SANCTION")),
    "impose": (frozenset({"restriction", "martial"}), Entry("COERCE", "restrict")),
    "block": (frozenset({"road", "roads", "highway", "street"}), Entry("PROTEST", "obstruct")),
    "grant": (frozenset({"asylum", "amnesty", "access"}), Entry("AID")),
    "release": (frozenset({"prisoner", "hostage", "detainee"}), Entry("CONCEDE", "release")),
    "free": (frozenset({"prisoner", "hostage", "detainee"}), Entry("CONCEDE", "release")),
    "send": (frozenset({"troop", "arm", "weapon", "aid"}), Entry("AID")),
    "provide": (
        frozenset({"aid", "troop", "arm", "weapon", "assistance", "intelligence"}),
        Entry("AID"),
    ),
    "recall": (frozenset({"ambassador", "envoy"}), Entry("SANCTION", "relations")),
    "establish": (frozenset({"tie", "relation"}), Entry("SUPPORT")),
    "upgrade": (frozenset({"tie", "relation"}), Entry("SUPPORT")),
    "sever": (frozenset({"tie", "relation"}), Entry("SANCTION", "relations")),
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
NOUNS = _table(_NOUNS)


def lexicon_size() -> int:
    """Trigger rules in all tables: verbs, nouns, verb+particle and verb+object pairs."""
    pairs = sum(len(objs) for objs, _ in VERB_OBJECTS.values())
    return len(VERBS) + len(NOUNS) + len(VERB_PARTICLES) + pairs
