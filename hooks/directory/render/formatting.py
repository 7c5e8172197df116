"""How facts are written on pages: phone numbers, paragraphs, opening hours, sort order, and
left-to-right runs inside right-to-left text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import groupby
from typing import Any

import phonenumbers
from markupsafe import Markup, escape

from directory.data.models import DAYS, Location, OpeningHours
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


def compact_hours(hours: list[OpeningHours], t: Catalogue) -> str:
    """Days with the same times merged into ranges, as "Mo-Th 09:00-17:00; Fr 09:00-12:00"
    (with en dashes and the language's day abbreviations): where a line has no room for a
    table (leaflets)."""
    names = t.abbreviated_day_names()
    ordered = sorted(hours, key=lambda h: h.opens)
    by_day = [
        ", ".join(dict.fromkeys(f"{h.opens}–{h.closes}" for h in ordered if d in h.days))
        for d in DAYS
    ]
    parts = []
    index = 0
    for times, run in groupby(by_day):
        length = len(list(run))
        if times:
            days = names[index] if length == 1 else f"{names[index]}–{names[index + length - 1]}"
            parts.append(f"{days} {times}")
        index += length
    return "; ".join(parts)


def hours_list(hours: list[OpeningHours]) -> str:
    """Machine-readable hours for exports: "mo,tu,we 09:00-17:00;fr 09:00-12:00"."""
    return ";".join(f"{','.join(h.days)} {h.opens}-{h.closes}" for h in hours)


def address_text(location: Location) -> str:
    """An address on one line, as pages, popups, cards, leaflets and exports write it:
    "Street 1, 130 00 Praha"."""
    address = location.address
    street = f"{address.street}, " if address.street else ""
    postcode = f"{address.postcode} " if address.postcode else ""
    return f"{street}{postcode}{address.city}"


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


# Latin letters (with Czech and Vietnamese diacritics, not the multiplication and division
# signs) and European digits: what starts and ends a left-to-right run in right-to-left text.
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff0-9"
# What may stand between them inside one run: names, addresses ("Havlíčkovo nám. 700/9"),
# e-mail and web addresses, phone numbers and times ("+420 974 801 801", "8:00-16:00").
_INSIDE = _LATIN + r"\u0300-\u036f .,:;/\\_@&'’()\[\]+#%?=~*!\-–—"
_RUN = re.compile(rf"\+?[{_LATIN}](?:[{_INSIDE}]*[{_LATIN}])?")
_CLOSING = {"(": ")", "[": "]"}


def _run_end(text: str, start: int, end: int) -> int:
    """Where a run ends once what belongs to it is taken in: a closing bracket opened inside it
    ("Polní 3 (Brno)"), and the dot of an abbreviation at its end ("o.p.s.", "Sb.)"), which
    would otherwise be drawn at the run's other side. A full stop ending an Arabic sentence
    stays outside, at the sentence's end."""
    run = text[start:end]
    for opening, closing in _CLOSING.items():
        if run.count(opening) > run.count(closing) and text[end : end + 1] == closing:
            return _run_end(text, start, end + 1)
    if text[end : end + 1] == ".":
        last_word = run.rsplit(" ", 1)[-1]
        after = text[end + 1 : end + 2]
        if "." in last_word or (after and not after.isspace() and not after.isalpha()):
            return end + 1
    return end


@lru_cache(maxsize=8192)  # names and place names repeat on every list page
def isolate_latin(text: str) -> Markup:
    """Text for a right-to-left page: each run of Latin script and digits — a Czech name, an
    address, a number, an e-mail or web address — isolated left to right in `<bdi dir="ltr">`,
    so "724 003 333" does not read "333 003 724" and "In IUSTITIA, o.p.s." keeps its dots in
    place; the sentence around keeps its direction. Everything is escaped."""
    parts: list[str] = []
    done = 0
    for match in _RUN.finditer(text):
        if match.start() < done:  # taken in by the run before (a closing bracket or dot)
            continue
        end = _run_end(text, match.start(), match.end())
        parts.append(escape(text[done : match.start()]))
        parts.append(Markup('<bdi dir="ltr">%s</bdi>') % text[match.start() : end])
        done = end
    parts.append(escape(text[done:]))
    return Markup("").join(parts)


def isolate_latin_marks(text: str) -> str:
    """`isolate_latin` for text that is not HTML (the leaflets' content, which Typst typesets
    too): each Latin run between the Unicode isolate marks LRI and PDI, which browsers and
    Typst's bidi algorithm both read as `<bdi dir="ltr">`."""
    parts: list[str] = []
    done = 0
    for match in _RUN.finditer(text):
        if match.start() < done:
            continue
        end = _run_end(text, match.start(), match.end())
        parts += [text[done : match.start()], "\u2066", text[match.start() : end], "\u2069"]
        done = end
    parts.append(text[done:])
    return "".join(parts)


def bidi_text(direction: str) -> Callable[[str], Markup]:
    """The page's writer of record text: `isolate_latin` on right-to-left pages, else plain
    escaping (Latin runs need no isolating where the page itself runs left to right)."""
    return isolate_latin if direction == "rtl" else escape


# A bracketed Latin-script term in hand-written Markdown: "(Ministerstvo vnitra, OAMP)" —
# not a link's target "](…)", no nested brackets, code, markup or web address inside.
_BRACKETED_LATIN = re.compile(r"(?<![\]\w])\((?=[A-Za-z\u00c0-\u024f])([^()\[\]<>`*\n]+?)\)")


def isolate_bracketed_latin(markdown: str) -> str:
    """Hand-written right-to-left pages name Czech offices in brackets; isolated left to right
    (`<bdi>`, which Markdown passes through) the brackets stay around the name instead of
    scattering ("(Ministerstvo vnitra, OAMP)" read ")Ministerstvo vnitra, OAMP(")."""
    return _BRACKETED_LATIN.sub(
        lambda match: (
            match.group(0)
            if "://" in match.group(1)
            else f'(<bdi dir="ltr">{match.group(1)}</bdi>)'
        ),
        markdown,
    )
