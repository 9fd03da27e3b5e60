"""Dates as inputs write them -> ISO ``YYYY-MM-DD`` when the year, month and day are known.

A date without a year (a listing page's "Sep 25") stays text only: the year is never guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["MONTHS", "iso_date"]

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2}) ([A-Za-z]+)\.?,? (\d{4})$")


def _checked(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_date(text: str) -> str | None:
    """``YYYY-MM-DD`` for a full date in a common form, else None (never a guessed year).

    Understands ISO dates and timestamps, "May 10, 2022", "10 May 2022" and RFC 2822
    ("Mon, 2 Apr 2007 19:18:42 GMT", the arXiv snapshot's version dates).

    >>> iso_date("May 10, 2022"), iso_date("2008-11-13"), iso_date("Sep 25")
    ('2022-05-10', '2008-11-13', None)
    """
    text = text.strip()
    match = _ISO.match(text)
    if match:
        return _checked(*(int(g) for g in match.groups()))
    match = _MONTH_DAY_YEAR.match(text)
    if match and match.group(1).lower() in MONTHS:
        return _checked(int(match.group(3)), MONTHS[match.group(1).lower()], int(match.group(2)))
    match = _DAY_MONTH_YEAR.match(text)
    if match and match.group(2).lower() in MONTHS:
        return _checked(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
    if "," in text and any(ch.isdigit() for ch in text):
        try:
            parsed: datetime = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        return parsed.date().isoformat()
    return None
