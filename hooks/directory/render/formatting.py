"""How facts are written on pages: phone numbers, paragraphs, opening hours, sort order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import phonenumbers

from directory.data.models import DAYS, OpeningHours
from directory.text.catalogue import Catalogue


@dataclass(frozen=True)
class HoursRow:
    days: str
    times: str


def hours_rows(hours: list[OpeningHours], t: Catalogue) -> list[HoursRow]:
    """One row per day in week order, so a reader finds "Tuesday" without decoding ranges."""
    rows = []
    for index, day in enumerate(DAYS):
        times = sorted((h.opens, h.closes) for h in hours if day in h.days)
        if times:
            text = ", ".join(f"{opens}–{closes}" for opens, closes in times)
            rows.append(HoursRow(t.day_name(index), text))
    return rows


def natural_order(text: str) -> tuple[Any, ...]:
    """Sort key putting "Praha 2" before "Praha 10"."""
    return tuple(
        int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text)
    )


def paragraphs(text: str) -> list[str]:
    """Plain text split at blank lines (the record format's paragraph rule)."""
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


@cache  # a number is shown on many pages; parsing it costs 0.1 ms
def phone_display(e164: str) -> str:
    return phonenumbers.format_number(
        phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
