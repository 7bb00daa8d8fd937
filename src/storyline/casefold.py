"""Letters a case-insensitive regex reads as ASCII but `str.lower` does not bring back to it.

Python's `re.IGNORECASE` matches "ſ" (long s) as "s", "ı" (dotless i) and "İ" as "i", and "K"
(the Kelvin sign) as "k": "laſt ſpring" matches a pattern written for "last spring", but
"ſpring".lower() is still "ſpring", the key of no table, and the lookup failed (or, worse, fell
through to a wrong reading: "Chriſtmas" was dated as Thanksgiving).  These four are all the
letters outside ASCII that IGNORECASE equates with an ASCII one.  Matching on `fold_twins(text)`,
the same text with those letters replaced one for one (every offset stays valid), makes what a
pattern matches and what its table holds the same words.
"""

from __future__ import annotations

_TWINS = str.maketrans({"ſ": "s", "ı": "i", "İ": "I", "\u212a": "K"})


def fold_twins(text: str) -> str:
    """`text` with the letters IGNORECASE takes for ASCII ones written as those ASCII letters."""
    return text.translate(_TWINS)
