"""The link stage (corpus-wide): entity resolution across articles, and roles over time.

`resolve_entities(articles)` takes `(article_id, published, mentions, role_mentions)` per article
and returns a `Resolution`: the `Entity` list (name, aliases, mentions, articles, `Role`s with the
article dates that attest them), `entity_of(article_id, canonical, type)` to link a mention to its
entity, and `holder_of(role, of, when)` to resolve a bare "the Foreign Secretary".  The rules and
their guards are documented in `storyline.link.entities`; name keys in `storyline.link.names`.
"""

from storyline.link.entities import ENTITY_TYPES, LinkSettings, Resolution, resolve_entities
from storyline.link.names import clean_person, org_key, person_name, translit_key
from storyline.records import Entity, Role

__all__ = [
    "ENTITY_TYPES",
    "Entity",
    "LinkSettings",
    "Resolution",
    "Role",
    "clean_person",
    "org_key",
    "person_name",
    "resolve_entities",
    "translit_key",
]
