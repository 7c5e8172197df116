"""A review list for coordinators: what to check first (`python -m directory report`)."""

from __future__ import annotations

from datetime import date

from .dataset import Directory
from .models import Organisation, Service

STALE_AFTER_DAYS = 365  # older than a year: may be out of date


def _records(directory: Directory) -> list[tuple[str, Organisation | Service]]:
    return [
        *((f"organisations/{key}", record) for key, record in directory.organisations.items()),
        *((f"services/{key}", record) for key, record in directory.services.items()),
    ]


def _oldest_source(record: Organisation | Service) -> str:
    """The earliest publication date among the sources ("" when no source gives one)."""
    return min((s.published for s in record.sources if s.published), default="")


def by_age(directory: Directory, today: date) -> list[str]:
    """Oldest check first; among equal checks, the record resting on the oldest source."""
    rows = sorted(
        _records(directory),
        key=lambda item: (item[1].last_verified, _oldest_source(item[1]) or "9999", item[0]),
    )
    lines = []
    for name, record in rows:
        age = (today - record.last_verified).days
        flags = []
        if age > STALE_AFTER_DAYS:
            flags.append("OLDER THAN A YEAR")
        if record.needs_verification:
            flags.append("needs verification")
        note = f"  [{', '.join(flags)}]" if flags else ""
        oldest = _oldest_source(record) or "-"
        lines.append(
            f"{record.last_verified.isoformat()}  {age:>5} days  source {oldest:<10}  {name}{note}"
        )
    return lines


def without_coordinates(directory: Directory) -> list[str]:
    return [
        f"organisations/{organisation.id}  location {location.id} ({location.place})"
        for organisation in directory.organisations.values()
        for location in organisation.locations
        if location.geo is None
    ]


def without_phone(directory: Directory) -> list[str]:
    lines = []
    for service in directory.services.values():
        if not service.phones and not directory.organisations[service.organisation].phones:
            lines.append(f"services/{service.id}")
    for organisation in directory.organisations.values():
        services = directory.services_of(organisation.id)
        if not organisation.phones and not any(s.phones for s in services):
            lines.append(f"organisations/{organisation.id}")
    return sorted(lines)


def sources(directory: Directory) -> list[str]:
    lines = []
    for name, record in sorted(_records(directory), key=lambda item: item[0]):
        lines.append(name)
        lines.extend(
            f"    {source.url}  (read {source.accessed.isoformat()}"
            f"{', published ' + source.published if source.published else ''})"
            for source in record.sources
        )
    return lines


def review_report(directory: Directory, today: date) -> str:
    """Plain text in four sections, most urgent first."""
    sections = [
        ("Records by last verified (oldest first)", by_age(directory, today)),
        ("Locations without sourced coordinates (shown at the place's centre)",
         without_coordinates(directory)),
        ("Records without any phone number", without_phone(directory)),
        ("Source addresses per record", sources(directory)),
    ]  # fmt: skip
    out = [f"Review list, {today.isoformat()}: {directory.summary()}"]
    for title, lines in sections:
        out += ["", f"## {title}"]
        out += lines or ["(none)"]
    return "\n".join(out) + "\n"
