"""How old a record's facts are, by the honest-dates rule (CONTRIBUTING, "Dates").

A record confirmed by a person against a current source carries `last_verified`; any other
record is as old as its newest source's own date ("2012", "2024-02", "2024-02-05"), and a
record whose sources are all undated has no known age. Pages, the freshness page, the report,
leaflets and the open data all ask this module, so they never disagree.
"""

from __future__ import annotations

import calendar
from datetime import date

import babel
import babel.dates

from directory.data.models import Record

STALE_AFTER_DAYS = 365  # older than a year: may be out of date


def last_day(value: str) -> date:
    """The last day a partial date can mean: facts from "2012" are at least that old."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], 12, 31)


def age_days(record: Record, today: date) -> int | None:
    """Days since the facts were confirmed or published; None when nothing gives a date."""
    when = record.information_date
    return None if when is None else max(0, (today - last_day(when)).days)


def is_stale(record: Record, today: date) -> bool:
    """Unconfirmed for over a year, or resting only on undated sources."""
    age = age_days(record, today)
    return age is None or age > STALE_AFTER_DAYS


def sort_key(record: Record) -> str:
    """Oldest information first; undated records before every dated one."""
    return record.information_date or ""


def format_partial_date(value: str, locale: babel.Locale) -> str:
    """ "2012" as is, "2024-02" as "February 2024" / "únor 2024", a full date in long form."""
    parts = value.split("-")
    if len(parts) == 1:
        return value
    day = last_day(value)
    if len(parts) == 2:
        return babel.dates.format_skeleton("yMMMM", day, locale=locale)
    return babel.dates.format_date(day, format="long", locale=locale)
