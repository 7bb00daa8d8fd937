"""Word tables: the field's lexicons, read from the files their projects publish, and storyline's
own tables where those lack something.

- `cameo_verbs()`: PETRARCH2's CAMEO verb-pattern dictionary (Open Event Data Alliance, MIT;
  `data/petrarch2-CAMEO.2.0.txt`, read by `cameo.read`);
- `crosswalk()`: the PLOVER project's CAMEO→PLOVER table (CC BY-SA 4.0;
  `data/PLOVER-CAMEO2PLOVER-2021.txt`, read by `crosswalk.read`);
- `plover`: the PLOVER types and quad classes, and storyline's event nouns and mode words.

The data files ship unchanged, each with its licence and attribution (`data/README.md`, the
repository's NOTICE).  Each table is read once per process (a worker reads it on its first
article): the verb dictionary parses in about 60 ms, so no compiled copy is kept.
"""

from __future__ import annotations

import functools
from importlib import resources

from . import cameo
from . import crosswalk as _crosswalk

__all__ = ["cameo_verbs", "crosswalk", "data_text"]


def data_text(name: str) -> str:
    """A file of `storyline/lexicon/data` as text (the files are ASCII)."""
    return resources.files(__package__).joinpath("data", name).read_text(encoding="latin-1")


@functools.lru_cache(maxsize=1)
def cameo_verbs() -> cameo.VerbDictionary:
    return cameo.read(data_text("petrarch2-CAMEO.2.0.txt"))


@functools.lru_cache(maxsize=1)
def crosswalk() -> _crosswalk.Crosswalk:
    return _crosswalk.read(data_text("PLOVER-CAMEO2PLOVER-2021.txt"))
