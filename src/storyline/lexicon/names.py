"""Names, titles and role words: the small fixed tables English news uses for states, the
titles that precede a person's name, and the words of a role ("Deputy Prime Minister").

Deliberately not a knowledge base.  Everything is lower case for lookup.  Stages import these
from here (never a copy of their own) so a word added for one stage serves all of them.
"""

from __future__ import annotations

# Forms a text uses for a state → the canonical country name.  Keys are lower case, without
# a leading "the" (callers strip it) and without dots ("u.k." → "uk").
COUNTRY_ALIASES: dict[str, str] = {
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "uk": "United Kingdom",
    "united kingdom": "United Kingdom",
    "us": "United States",
    "usa": "United States",
    "america": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "russian federation": "Russia",
    "russia": "Russia",
    "holland": "Netherlands",
    "netherlands": "Netherlands",
    "prc": "China",
    "people's republic of china": "China",
    "ussr": "Soviet Union",
    "soviet union": "Soviet Union",
    "uae": "United Arab Emirates",
    "dprk": "North Korea",
    "republic of korea": "South Korea",
    "czechia": "Czech Republic",
}

_DEMONYM_LIST = """
afghan:Afghanistan; albanian:Albania; algerian:Algeria; american:United States;
argentine:Argentina; argentinian:Argentina; armenian:Armenia; australian:Australia;
austrian:Austria; azerbaijani:Azerbaijan; belarusian:Belarus; belgian:Belgium;
bolivian:Bolivia; bosnian:Bosnia and Herzegovina; brazilian:Brazil; british:United Kingdom;
briton:United Kingdom; bulgarian:Bulgaria; canadian:Canada; chilean:Chile; chinese:China;
colombian:Colombia; croatian:Croatia; cuban:Cuba; cypriot:Cyprus; czech:Czech Republic;
danish:Denmark; dutch:Netherlands; egyptian:Egypt; emirati:United Arab Emirates;
english:England; estonian:Estonia; ethiopian:Ethiopia; filipino:Philippines; finnish:Finland;
french:France; georgian:Georgia; german:Germany; greek:Greece; hungarian:Hungary;
icelandic:Iceland; indian:India; indonesian:Indonesia; iranian:Iran; iraqi:Iraq; irish:Ireland;
israeli:Israel; italian:Italy; japanese:Japan; jordanian:Jordan; kazakh:Kazakhstan; kenyan:Kenya;
kuwaiti:Kuwait; latvian:Latvia; lebanese:Lebanon; libyan:Libya; lithuanian:Lithuania;
malaysian:Malaysia; mexican:Mexico; moldovan:Moldova; moroccan:Morocco; nigerian:Nigeria;
norwegian:Norway; pakistani:Pakistan; palestinian:Palestine; peruvian:Peru;
philippine:Philippines; polish:Poland; portuguese:Portugal; qatari:Qatar; romanian:Romania;
russian:Russia; saudi:Saudi Arabia; saudi arabian:Saudi Arabia; scottish:Scotland;
serbian:Serbia; singaporean:Singapore; slovak:Slovakia; slovenian:Slovenia; somali:Somalia;
spanish:Spain; sudanese:Sudan; swedish:Sweden; swiss:Switzerland; syrian:Syria;
taiwanese:Taiwan; thai:Thailand; tunisian:Tunisia; turkish:Turkey; ukrainian:Ukraine;
venezuelan:Venezuela; vietnamese:Vietnam; welsh:Wales; yemeni:Yemen; zimbabwean:Zimbabwe;
soviet:Soviet Union; north korean:North Korea; south korean:South Korea;
south african:South Africa; sri lankan:Sri Lanka; new zealand:New Zealand
"""
DEMONYMS: dict[str, str] = dict(
    (part.strip() for part in entry.split(":"))  # type: ignore[misc]
    for entry in _DEMONYM_LIST.replace("\n", " ").split(";")
    if entry.strip()
)

# Titles and honorifics that precede a person's name and are never part of it.
HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "prof",
        "professor",
        "rev",
        "reverend",
        "fr",
        "father",
        "sr",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "gen",
        "general",
        "col",
        "colonel",
        "capt",
        "captain",
        "lt",
        "sgt",
        "president",
        "premier",
        "chancellor",
        "minister",
        "secretary",
        "ambassador",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "sheikh",
        "judge",
        "justice",
        "mayor",
    ]
)
# Titles that are part of how a person is named, and stay: "Queen Elizabeth", "Pope Francis".
NAMING_TITLES = frozenset(["king", "queen", "prince", "princess", "pope", "sheikh", "emir"])
# The courtesy titles a person's name may open with ("Mr", "Dame", "Lord"), without their dot.
COURTESY_TITLES = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lady", "lord"])

# Role heads: the last word of a role phrase.  Singular only: "ministers" is not a role mention.
ROLE_HEADS = frozenset(
    [
        "minister",
        "secretary",
        "president",
        "chancellor",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ceo",
        "executive",
        "officer",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "governor",
        "mayor",
        "senator",
        "leader",
        "king",
        "queen",
        "general",
        "premier",
        "envoy",
        "commissioner",
        "congressman",
        "congresswoman",
        "judge",
        "prosecutor",
        "chief",
        "analyst",
        "mp",
        "president-elect",
        "treasurer",
        "attorney-general",
        "secretary-general",
    ]
)
# Words that may precede a head inside a role phrase ("Deputy Prime", "Foreign", "Chief").
ROLE_MODIFIERS = frozenset(
    [
        "foreign",
        "home",
        "defence",
        "defense",
        "finance",
        "interior",
        "justice",
        "health",
        "education",
        "trade",
        "economy",
        "economic",
        "energy",
        "environment",
        "culture",
        "transport",
        "transportation",
        "business",
        "treasury",
        "agriculture",
        "labour",
        "labor",
        "immigration",
        "security",
        "intelligence",
        "europe",
        "european",
        "deputy",
        "vice",
        "prime",
        "first",
        "chief",
        "executive",
        "state",
        "shadow",
        "junior",
        "acting",
        "interim",
        "assistant",
        "principal",
        "senior",
        "general",
        "managing",
        "operating",
        "financial",
        "press",
        "attorney",
        "high",
        "supreme",
        "majority",
        "minority",
        "opposition",
        "party",
        "founding",
        "cabinet",
    ]
)
# Qualifiers dropped from the role string: "acting president" holds the role "president".
ROLE_QUALIFIERS = frozenset(["acting", "interim", "current", "incumbent", "outgoing", "new"])
# Qualifiers that mean the role is not held now: such role phrases are not role mentions.
PAST_QUALIFIERS = frozenset(
    ["former", "ex", "ex-", "then", "late", "erstwhile", "one-time", "onetime"]
)
# "Secretary of State", "Chancellor of the Exchequer": an "of" that belongs to the role.
ROLE_COMPLEMENTS = frozenset(
    [
        "state",
        "defense",
        "defence",
        "the_treasury",
        "treasury",
        "the_exchequer",
        "exchequer",
        "foreign_affairs",
        "the_interior",
        "interior",
        "homeland_security",
        "commerce",
        "energy",
        "health",
        "education",
        "justice",
        "transport",
        "transportation",
        "labor",
        "labour",
        "agriculture",
        "finance",
        "staff",
    ]
)
ROLE_COMPLEMENTS = frozenset(word.replace("_", " ") for word in ROLE_COMPLEMENTS)
ROLE_SYNONYMS = {
    "ceo": "chief executive",
    "chief executive officer": "chief executive",
    "pm": "prime minister",
    "chairwoman": "chairman",
    "chair": "chairman",
    "attorney-general": "attorney general",
    "secretary-general": "secretary general",
}

# Institutions whose country their name does not say.  Small on purpose: it serves relations
# ("Russia" includes the Kremlin and the FSB), not a knowledge base.
INSTITUTIONS = {
    "kremlin": "Russia", "fsb": "Russia", "kgb": "Russia", "duma": "Russia",
    "foreign office": "United Kingdom", "downing street": "United Kingdom",
    "home office": "United Kingdom", "whitehall": "United Kingdom", "mi5": "United Kingdom",
    "mi6": "United Kingdom", "scotland yard": "United Kingdom",
    "crown prosecution service": "United Kingdom",
    "white house": "United States", "pentagon": "United States", "state department": "United States",
    "cia": "United States", "fbi": "United States", "congress": "United States",
    "elysee": "France", "élysée": "France", "bundestag": "Germany",
}  # fmt: skip


# Words that open a person's name in news copy but are not part of it.  All lower case, with
# trailing dots removed.  Nationality adjectives are only stripped when a title word follows.
TITLE_WORDS = (HONORIFICS - {"father", "fr", "sheikh", "sr"}) | frozenset(
    ["acting", "adm", "admiral", "and", "baron", "baroness", "ceo", "chair", "chairman",
     "chairwoman", "chief", "congressman", "congresswoman", "defence", "defense", "deputy",
     "director", "dissident", "envoy", "finance", "foreign", "former", "home", "interior", "late",
     "leader", "lieutenant", "maj", "major", "mp", "of", "opposition", "pm", "prime",
     "representative", "saint", "sergeant", "shadow", "spokesman", "spokeswoman", "st", "state",
     "the", "then", "tycoon", "vice"]
)  # fmt: skip

# Head nouns that say a name is an organisation's, when the name modifies them ("Ekho Moskvy
# radio", "the Kommersant daily") or they stand in apposition to it ("Novaya Gazeta, the
# newspaper where ..."): outlets, companies and bodies.  Places (hotel, airport) are not here.
ORGANISATION_KINDS = frozenset(
    [
        "newspaper",
        "daily",
        "weekly",
        "tabloid",
        "magazine",
        "journal",
        "radio",
        "station",
        "channel",
        "broadcaster",
        "network",
        "website",
        "blog",
        "agency",
        "company",
        "firm",
        "corporation",
        "conglomerate",
        "bank",
        "lender",
        "insurer",
        "airline",
        "carrier",
        "retailer",
        "chain",
        "supermarket",
        "manufacturer",
        "maker",
        "carmaker",
        "automaker",
        "planemaker",
        "studio",
        "publisher",
        "app",
        "ministry",
        "foundation",
        "charity",
        "institute",
        "university",
        "college",
        "club",
        "band",
        "orchestra",
    ]
)
