"""Entity resolution across articles: which mentions, in which articles, name the same entity.

`resolve_entities` reads every article's mentions once, decides an entity per (article, name),
and returns a `Resolution`.  Candidates are blocked by keys (a full name's transliteration key,
a surname key, an organisation key, an acronym) so the work is linear in the corpus: names are
never compared pairwise.

Rules, in the order they apply:

1. Cross-type: spaCy labels the same string differently across articles ("Lugovoi" PERSON here,
   ORG there).  Every mention of an identical (cleaned) string takes the string's majority type
   over the corpus; ties go to PERSON > ORG > GPE > LOC > NORP > ...  Only name types take part
   (DATE, MONEY, CARDINAL... are not entities).  A lone token that is the surname of a PERSON
   full name in the same article votes PERSON whatever its label there.
2. PERSON full names ("Sergey Lavrov", two or more tokens) join when their first-name and
   surname transliteration keys are equal (Sergei/Sergey Lavrov, Andrei Lugovoi/Lugovoy).  Two
   full names with different first names or different surnames never join (David Miliband,
   David Cameron; Alexander and Marina Litvinenko).  Middle names: when one (first, last) pair
   has two different middle names (George H. W. Bush, George W. Bush) each keeps its own entity
   and the middle-less "George Bush" stays apart (ambiguous).
3. PERSON single tokens ("Lavrov", "Boris") and initials ("V. Putin") resolve per article:
   a. the unique full name in the same article with that surname, else
   b. the unique full name in the same article with that first name, else
   c. the unique full name in the corpus with that surname, else
   d. when several share the surname: the unique one attested within `window_days` of the
      article's date (the story window), else
   e. when none has that surname: the unique full name in the corpus with that first name
      ("Marina" → Marina Litvinenko only if she is named in full somewhere), or the unique one
      in the story window, else
   f. it stays its own entity (all unresolved "Miliband"s together, by transliteration key).
4. ORG: names join on `org_key` (legal suffixes and renamed descriptors dropped: "Apple Inc.",
   "Apple Computer", "Apple").  An acronym joins the expansion it stands beside in an article
   ("European Aeronautic Defence and Space Company (EADS)"), in that article always and across
   the corpus when that expansion has more than half the acronym's evidence.  A bare one-word
   name ("Airbus") with no fuller form of its own key joins the dominant longer name that starts
   with it (at least `dominance` of their mentions).  When the key has a fuller form ("Apple"
   and "Apple Inc."), "Apple" stays with it even beside "Apple Corps" (MEANTIME: that "Apple"
   is mostly Apple Inc.).  A bare name is the same entity in every article ("Boeing" beside
   "Boeing Commercial Airplanes" is still Boeing: one name, one organisation) and joins a
   longer name only where an article gives the company's formal name ("Ford" beside "Ford
   Motor Company" or "Ford Motors Co."): a longer form ending in a legal suffix is the bare
   name's company, everywhere.  The expansions one acronym stands beside join when they differ
   only in spelling ("Defence"/"Defense", "and"/"&", "NV").
5. A demonym ("Russian", "British") is its country: it counts towards the GPE, never as an
   entity of its own (`storyline.annotate.names.country_of_demonym`).
6. Every other type joins on the exact name, case-insensitively (countries are normalised
   upstream).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from storyline.annotate.names import country_of_demonym
from storyline.link.names import (
    LEGAL_SUFFIXES,
    PersonName,
    acronym_of,
    clean_base,
    clean_org,
    clean_person,
    initials,
    is_acronym,
    is_name,
    org_key,
    org_tokens,
    person_name,
    slug,
)
from storyline.link.roles import RoleBook, RoleIndex, as_fuzzy
from storyline.records import Entity, FuzzyDate, Mention, RoleMention
from storyline.unionfind import UnionFind

ENTITY_TYPES = (
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE",
)  # fmt: skip
_PRIORITY = {t: i for i, t in enumerate(ENTITY_TYPES)}
# How alike two expansions of one acronym must be to be spelling variants (rapidfuzz ratio).
_SPELLING = 90

ArticleInput = tuple[str, FuzzyDate | None, Sequence[Mention], Sequence[RoleMention]]
Node = tuple  # ("full", first, last, middle) | ("single", key) | ("org", key) | (type, key)


@dataclass(frozen=True)
class LinkSettings:
    """Options of the link stage's entity resolution (one object, same names everywhere)."""

    window_days: int = 30  # the story window for ambiguous surnames and first names
    dominance: float = 2 / 3  # share a candidate needs to win by dominance
    holder_gap_days: int = 730  # how far from an attestation holder_of still answers


@dataclass
class Resolution:
    """The outcome of resolution: the entities, and lookups from mentions and roles to them."""

    entities: list[Entity]
    settings: LinkSettings
    _types: dict[str, str] = field(repr=False)
    _global: dict[tuple[str, str], str] = field(repr=False)
    _local: dict[tuple[str, str, str], str] = field(repr=False)
    _roles: RoleIndex = field(repr=False)

    def entity_of(self, article_id: str, canonical: str, type: str) -> str | None:
        """The entity id of a mention (its article, canonical name and spaCy label), or None."""
        base, type = _as_country(clean_base(canonical), type)
        if type not in _PRIORITY or not base:
            return None
        rtype = self._types.get(base, type)
        name = _clean(base, rtype)
        found = self._local.get((article_id, rtype, name))
        return found if found is not None else self._global.get((rtype, name))

    def holder_of(self, role: str, of: str | None, when) -> str | None:
        """Who held `role` (of a country, or None for its dominant one) at `when`.

        `when` is a FuzzyDate, a date or a "YYYY[-MM[-DD]]" string.
        """
        s = self.settings
        return self._roles.holder_of(role, of, as_fuzzy(when), s.holder_gap_days, s.dominance)

    def entity(self, entity_id: str) -> Entity | None:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None


def _as_country(base: str, label: str) -> tuple[str, str]:
    """A demonym stands for its country: ("Russian", NORP) → ("Russia", GPE)."""
    country = country_of_demonym(base) if label == "NORP" else None
    return (country, "GPE") if country else (base, label)


def _clean(base: str, rtype: str) -> str:
    """The name a mention is resolved by, "" when it is no name (no letter left: "½")."""
    if rtype == "PERSON":
        name = clean_person(base)
    elif rtype in ("ORG", "FAC", "EVENT", "LAW"):
        name = clean_org(base)
    else:
        name = base
    return name if is_name(name) else ""


@dataclass
class _Doc:
    id: str
    date: FuzzyDate | None
    names: Counter  # (base, spaCy type) -> mentions
    roles: Sequence[RoleMention]
    surfaces: dict[str, set[str]]  # base -> the forms the text used ("Mr Lavrov", "Lavrov")


def resolve_entities(articles: Iterable[ArticleInput],
                     settings: LinkSettings | None = None) -> Resolution:  # fmt: skip
    """Resolve the entities of a corpus: `(article_id, published, mentions, role_mentions)` each."""
    settings = settings or LinkSettings()
    docs, type_counts = _read(articles)
    types = _decide_types(docs, type_counts)
    resolver = _Resolver(settings, docs, types)
    return resolver.run()


def _read(articles: Iterable[ArticleInput]) -> tuple[list[_Doc], dict[str, Counter]]:
    docs: list[_Doc] = []
    type_counts: dict[str, Counter] = defaultdict(Counter)
    for article_id, published, mentions, roles in articles:
        names: Counter = Counter()
        surfaces: dict[str, set[str]] = defaultdict(set)
        for mention in mentions:
            if mention.type not in _PRIORITY:
                continue
            base, label = _as_country(clean_base(mention.canonical), mention.type)
            if base:
                names[(base, label)] += 1
                surfaces[base].add(clean_base(mention.text))
        # A lone token that is the surname of a full PERSON name in the same article votes
        # PERSON, whatever spaCy called it there ("Mr Papermaster" tagged ORG).
        surnames = {
            base.split()[-1] for (base, label) in names if label == "PERSON" and " " in base
        }
        for (base, label), n in names.items():
            vote = "PERSON" if " " not in base and base in surnames else label
            type_counts[base][vote] += n
        docs.append(_Doc(article_id, published, names, tuple(roles), surfaces))
    return docs, type_counts


def _majority(counts: Counter) -> str:
    return min(counts.items(), key=lambda item: (-item[1], _PRIORITY[item[0]]))[0]


def _decide_types(docs: list[_Doc], type_counts: dict[str, Counter]) -> dict[str, str]:
    """Each name's type from the votes of all its mentions.  A one-word name's PERSON majority
    holds only when the corpus uses the word as part of a person's full name ("Lavrov" and
    "Sergey Lavrov"); else its other votes decide ("Ryanair" PERSON 7, ORG 2 → ORG).  A full
    name keeps a strict majority: a first name and a surname are evidence enough.  A tie goes
    against PERSON: the model's PERSON is its guess for any unfamiliar capitalised name, where
    the other votes come from what the text does with the name ("the App Store").  A full name
    whose first word the corpus names as an organisation ("Lockheed") is that organisation's
    ("Lockheed Martin") unless some article calls the person by a part of the name alone."""
    parts = set()
    by_part: set[tuple[str, str]] = set()  # (full name, the one word it was also written as)
    for doc in docs:
        for base, label in doc.names:
            if label == "PERSON" and " " in base:
                words = base.split()
                parts.update((words[0], words[-1]))
                by_part.update((base, form) for form in doc.surfaces[base] if " " not in form)
    types = {}
    for base, counts in type_counts.items():
        kind = _majority(counts)
        others = Counter({t: n for t, n in counts.items() if t != "PERSON"})
        if kind == "PERSON" and others:
            lone_word = " " not in base and base not in parts
            if lone_word or max(others.values()) == counts["PERSON"]:
                kind = _majority(others)
        types[base] = kind
    for base, kind in types.items():
        words = base.split()
        owned = kind == "PERSON" and len(words) > 1 and types.get(words[0]) == "ORG"
        if owned and not any((base, word) in by_part for word in words):
            types[base] = "ORG"
    return types


class _Resolver:
    def __init__(self, settings: LinkSettings, docs: list[_Doc], types: dict[str, str]) -> None:
        self.s = settings
        self.docs = docs
        self.types = types
        self.uf: UnionFind[Node] = UnionFind()
        # (rtype, name) per doc, cleaned once.
        self.doc_names: list[Counter] = []
        self.total: Counter = Counter()  # (rtype, name) -> mentions in the corpus
        for doc in docs:
            named: Counter = Counter()
            for (base, _label), n in doc.names.items():
                rtype = types[base]
                name = _clean(base, rtype)
                if name:
                    named[(rtype, name)] += n
            self.doc_names.append(named)
            self.total.update(named)
        self.global_node: dict[tuple[str, str], Node] = {}
        self.local_node: dict[tuple[int, str, str], Node] = {}

    def run(self) -> Resolution:
        self._people()
        self._orgs()
        for rtype, name in self.total:
            if rtype not in ("PERSON", "ORG"):
                self.global_node[(rtype, name)] = (rtype, name.lower())
        return self._finish()

    # -- people -------------------------------------------------------------------------------

    def _people(self) -> None:
        parsed: dict[str, PersonName] = {}
        for rtype, name in self.total:
            if rtype == "PERSON":
                pn = person_name(name)
                if pn is not None:
                    parsed[name] = pn
        self.parsed = parsed
        groups: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for name, pn in parsed.items():
            if pn.full:
                groups[(pn.first, pn.last)][pn.middle].append(name)
        self.by_surname: dict[str, set[Node]] = defaultdict(set)
        self.by_first: dict[str, set[Node]] = defaultdict(set)
        self.full_node: dict[tuple[str, str, str], Node] = {}
        for (first, last), middles in groups.items():
            distinct = [m for m in middles if m]
            for middle in middles:
                if len(distinct) <= 1:
                    node = ("full", first, last, distinct[0] if distinct else "")
                else:
                    node = ("full", first, last, middle)  # "" = the ambiguous middle-less form
                self.full_node[(first, last, middle)] = node
                self.by_surname[last].add(node)
                self.by_first[first].add(node)
                for name in middles[middle]:
                    self.global_node[("PERSON", name)] = node
        # When the full names were seen: the story window for ambiguous surnames.
        seen: dict[Node, list[int]] = defaultdict(list)
        self.doc_full: list[set[Node]] = []
        for doc, named in zip(self.docs, self.doc_names, strict=True):
            present = set()
            for rtype, name in named:
                pn = parsed.get(name) if rtype == "PERSON" else None
                if pn is not None and pn.full:
                    present.add(self.global_node[("PERSON", name)])
            self.doc_full.append(present)
            if doc.date is not None:
                mid = (doc.date.earliest.toordinal() + doc.date.latest.toordinal()) // 2
                for node in present:
                    seen[node].append(mid)
        self.seen = {node: sorted(days) for node, days in seen.items()}
        # Single tokens: a corpus-level default, then per-article decisions where they differ.
        for name, pn in parsed.items():
            if not pn.full:
                self.global_node[("PERSON", name)] = self._single(pn, None, set())
        for i, (doc, named) in enumerate(zip(self.docs, self.doc_names, strict=True)):
            for rtype, name in named:
                pn = parsed.get(name) if rtype == "PERSON" else None
                if pn is None or pn.full:
                    continue
                node = self._single(pn, doc.date, self.doc_full[i])
                if node != self.global_node[("PERSON", name)]:
                    self.local_node[(i, "PERSON", name)] = node

    def _single(self, pn: PersonName, when: FuzzyDate | None, present: set[Node]) -> Node:
        token = pn.last
        surname = self._fit(self.by_surname.get(token, set()), pn)
        first = self._fit(self.by_first.get(token, set()), pn) if not pn.initial else set()
        for candidates in (surname & present, first & present):
            if len(candidates) == 1:
                return next(iter(candidates))
        pool = surname or first
        if len(pool) == 1:
            return next(iter(pool))
        if pool and when is not None:
            near = self._near(pool, when)
            if len(near) == 1:
                return next(iter(near))
        return ("single", token)

    @staticmethod
    def _fit(candidates: set[Node], pn: PersonName) -> set[Node]:
        if not pn.initial:
            return candidates
        return {node for node in candidates if node[1].startswith(pn.initial)}

    def _near(self, pool: set[Node], when: FuzzyDate) -> set[Node]:
        lo = when.earliest.toordinal() - self.s.window_days
        hi = when.latest.toordinal() + self.s.window_days
        near = set()
        for node in pool:
            days = self.seen.get(node, [])
            at = bisect_left(days, lo)
            if at < len(days) and days[at] <= hi:
                near.add(node)
        return near

    def person_in(self, i: int, holder: str) -> Node | None:
        """The node of a role holder's name in article i (the name may not be among its mentions)."""
        name = clean_person(clean_base(holder))
        if not name:
            return None
        node = self.local_node.get((i, "PERSON", name)) or self.global_node.get(("PERSON", name))
        if node is not None:
            return node
        pn = person_name(name)
        if pn is None:
            return None
        if pn.full:
            return self.full_node.get((pn.first, pn.last, pn.middle)) or (
                "full",
                pn.first,
                pn.last,
                pn.middle,
            )
        return self._single(pn, self.docs[i].date, self.doc_full[i])

    # -- organisations ------------------------------------------------------------------------

    def _orgs(self) -> None:
        orgs = [name for (rtype, name) in self.total if rtype == "ORG"]
        keys = {name: org_key(name) for name in orgs}
        for name, key in keys.items():
            self.global_node[("ORG", name)] = ("org", key)
        # Acronyms beside their expansion in one article.
        evidence: dict[str, Counter] = defaultdict(Counter)
        for i, named in enumerate(self.doc_names):
            names = [name for (rtype, name) in named if rtype == "ORG"]
            acronyms = [n for n in names if is_acronym(n)]
            if not acronyms:
                continue
            expansions: dict[str, set[str]] = defaultdict(set)
            for n in names:
                if not is_acronym(n):
                    for initial in initials(n):
                        expansions[initial].add(keys[n])
            for acronym in acronyms:
                found = expansions.get(acronym_of(acronym), set())
                if len(found) == 1:
                    key = next(iter(found))
                    evidence[keys[acronym]][key] += 1
                    self.local_node[(i, "ORG", acronym)] = ("org", key)
        for acronym_key, counts in evidence.items():
            key, n = max(counts.items(), key=lambda item: (item[1], item[0]))
            same = [k for k in counts if fuzz.ratio(k, key) >= _SPELLING]
            if sum(counts[k] for k in same) * 2 > sum(counts.values()):
                for k in same:
                    self.uf.union(("org", acronym_key), ("org", k))
        # A bare one-word name and the longer names that start with it.
        mentions: Counter = Counter()
        fuller: set[str] = set()  # keys that have a multi-word surface form
        for name, key in keys.items():
            mentions[key] += self.total[("ORG", name)]
            if len(org_tokens(name)) > 1 and not is_acronym(name):
                fuller.add(key)
        longer: dict[str, list[str]] = defaultdict(list)
        for key in mentions:
            head, _, rest = key.partition(" ")
            if rest:
                longer[head].append(key)
        for key in mentions:
            if " " in key or key in fuller or key not in longer:
                continue
            options = longer[key]
            best = max(options, key=lambda k: (mentions[k], k))
            if mentions[best] >= self.s.dominance * sum(mentions[k] for k in options):
                self.uf.union(("org", key), ("org", best))
        self._formal_names(keys)

    def _formal_names(self, keys: dict[str, str]) -> None:
        """A bare name beside the company's formal name in one article ("Ford", "Ford Motor
        Company") is that company everywhere; beside any other longer name ("Boeing Commercial
        Airplanes", "Chrysler Aspen") it stays what it is in the rest of the corpus."""
        for named in self.doc_names:
            names = [name for (rtype, name) in named if rtype == "ORG"]
            bare = {keys[n] for n in names if " " not in keys[n] and not is_acronym(n)}
            for n in names:
                tokens = org_tokens(n)
                head = keys[n].partition(" ")[0]
                if head in bare and len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
                    self.uf.union(("org", head), ("org", keys[n]))

    # -- output -------------------------------------------------------------------------------

    def _finish(self) -> Resolution:
        find = self.uf.find
        names: dict[Node, Counter] = defaultdict(Counter)
        forms: dict[Node, set[str]] = defaultdict(set)
        arts: dict[Node, list[str]] = defaultdict(list)
        types: dict[Node, str] = {}
        for i, (doc, named) in enumerate(zip(self.docs, self.doc_names, strict=True)):
            for base, _label in doc.names:
                name = _clean(base, self.types[base])
                if name:
                    node = self.local_node.get((i, self.types[base], name))
                    node = node or self.global_node[(self.types[base], name)]
                    forms[find(node)] |= doc.surfaces[base]
            for (rtype, name), n in named.items():
                node = self.local_node.get((i, rtype, name)) or self.global_node[(rtype, name)]
                root = find(node)
                names[root][name] += n
                types[root] = rtype
                if not arts[root] or arts[root][-1] != doc.id:
                    arts[root].append(doc.id)
        order = sorted(
            names, key=lambda r: (-sum(names[r].values()), _best_name(names[r], types[r]))
        )
        ids: dict[Node, str] = {}
        taken: set[str] = set()
        for root in order:
            base = f"{types[root].lower()}:{slug(_best_name(names[root], types[root]))}"
            eid, k = base, 1
            while eid in taken:
                k += 1
                eid = f"{base}-{k}"
            taken.add(eid)
            ids[root] = eid
        book = RoleBook()
        for i, doc in enumerate(self.docs):
            for mention in doc.roles:
                if not mention.holder or not mention.role:
                    continue
                node = self.person_in(i, mention.holder)
                if node is None:
                    continue
                root = find(node)
                if root not in ids:  # a holder never mentioned as a name: a new person
                    names[root][clean_person(clean_base(mention.holder))] += 0
                    types[root] = "PERSON"
                    arts[root].append(doc.id)
                    order.append(root)
                    eid = f"person:{slug(clean_person(clean_base(mention.holder)))}"
                    while eid in taken:
                        eid += "-x"
                    taken.add(eid)
                    ids[root] = eid
                book.attest(ids[root], mention.role, mention.of, doc.date)
        index = book.finish()
        entities = []
        for root in order:
            counted = names[root]
            entities.append(
                Entity(
                    id=ids[root],
                    name=_best_name(counted, types[root]),
                    type=types[root],
                    aliases=tuple(
                        sorted(counted, key=lambda a: (_short(a, types[root]), -counted[a], a))
                    )
                    + tuple(sorted(forms[root] - set(counted))),
                    mentions=sum(counted.values()),
                    articles=tuple(dict.fromkeys(arts[root])),
                    roles=index.roles_of(ids[root]),
                )
            )
        global_ids = {
            key: ids[find(node)] for key, node in self.global_node.items() if find(node) in ids
        }
        local_ids = {}
        for (i, rtype, name), node in self.local_node.items():
            eid = ids.get(find(node))
            if eid is not None and eid != global_ids.get((rtype, name)):
                local_ids[(self.docs[i].id, rtype, name)] = eid
        return Resolution(entities, self.s, self.types, global_ids, local_ids, index)


def _short(name: str, rtype: str) -> bool:
    if rtype == "PERSON":
        pn = person_name(name)
        return pn is None or not pn.full
    if rtype == "ORG":
        return is_acronym(name)
    return False


def _best_name(counted: Counter, rtype: str) -> str:
    """The most complete, most frequent form: full names over surnames, expansions over acronyms."""
    return min(counted, key=lambda a: (_short(a, rtype), -counted[a], -len(a), a))
