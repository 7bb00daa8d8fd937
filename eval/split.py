"""A fixed tune/check split of evaluation items, shared by every evaluation that tunes rules.

Rules and thresholds are chosen by looking at the *tune* half only; the *check* half is scored
beside it to show how the choices carry over to items nobody looked at.  The half of an item
depends only on its id (sha256 of the id, parity of the first byte), so it never changes when
items are added, removed or reordered, and any evaluation can reuse it.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Half = Literal["tune", "check"]

__all__ = ["Half", "half"]


def half(item_id: str) -> Half:
    """ "tune" or "check" for an item id: even first byte of sha256(id) → tune, odd → check."""
    first = hashlib.sha256(item_id.encode("utf-8")).digest()[0]
    return "tune" if first % 2 == 0 else "check"
