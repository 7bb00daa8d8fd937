"""Month and weekday names, the one table every stage reads them from (dates in datelines,
TIMEX3 normalisation, name filters, the web's axis labels).  Lower case for lookup; the display
forms are derived, so a spelling is written once."""

from __future__ import annotations

__all__ = ["MONTHS", "MONTH_ABBR", "MONTH_NAMES", "MONTH_SHORT_NAMES", "WEEKDAYS"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
# Abbreviations as news copy writes them ("Sept." too); "may" is only a full name.
MONTH_ABBR = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# ISO weekday numbers (Monday is 1).
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}  # fmt: skip

MONTH_NAMES = [name.capitalize() for name in MONTHS]  # "January" … "December"
MONTH_SHORT_NAMES = [name[:3].capitalize() for name in MONTHS]  # "Jan" … "Dec"
