"""Read the PLOVER project's CAMEO→PLOVER crosswalk (`data/PLOVER-CAMEO2PLOVER-2021.txt`).

Each line is `CODE: EVENT, MODE, context # description`; two-digit lines head a CAMEO family.
A code the table does not list takes its longest listed prefix ("0874" → "087" if it were
missing).  Two families have no row:

- CAMEO 01 (public statements: comments, denials, symbolic acts) is not a PLOVER event;
- CAMEO 02 (appeals) and CAMEO 10 (demands) share their sub-codes digit for digit (021/101
  material cooperation, 026/106 meeting, ...), and PLOVER's REQUEST takes both ("Appeal or
  demand"); the crosswalk lists only 10, so an appeal takes the demand row with the same
  digits: 0213 → 1013 (REQUEST, assist, legal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Crosswalk", "PloverCode", "read"]

_LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)")


@dataclass(frozen=True)
class PloverCode:
    type: str
    mode: str | None
    context: str | None


class Crosswalk:
    def __init__(self, rows: dict[str, PloverCode]):
        self.rows = rows

    def __call__(self, code: str | None) -> PloverCode | None:
        """The PLOVER type, mode and context of a CAMEO code; None when it is no event."""
        if not code or not code.isdigit() or code.startswith("01"):
            return None
        if code.startswith("02"):
            code = "10" + code[2:]
        for end in range(len(code), 2, -1):
            found = self.rows.get(code[:end])
            if found is not None:
                return found
        return None


def read(text: str) -> Crosswalk:
    rows: dict[str, PloverCode] = {}
    for line in text.splitlines():
        found = _LINE.match(line.strip())
        if found is None:
            continue
        code, kind, mode, context = (g.strip() for g in found.groups())
        rows.setdefault(code, PloverCode(kind, mode or None, context or None))
    return Crosswalk(rows)
