"""Publisher names from URLs: the registrable domain is the most reliable signal a page has."""

from __future__ import annotations

from urllib.parse import urlsplit

_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu"}


def publisher_from_url(url: str) -> str | None:
    """`https://www.independent.co.uk/news/...` → `independent.co.uk`."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host or "." not in host:
        return None
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    if labels[-keep:][0] in {"www", "m", "amp"}:
        keep -= 1
    return ".".join(labels[-keep:])
