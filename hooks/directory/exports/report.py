"""A review list for coordinators: what to check first (`python -m directory report`)."""

from __future__ import annotations

from datetime import date

from directory.data import freshness
from directory.data.dataset import Directory
from directory.data.models import Organisation, Service
from directory.data.texts import coverage, records


def _records(directory: Directory) -> list[tuple[str, Organisation | Service]]:
    return [(f"{kind}/{record.id}", record) for kind, record in records(directory)]


def _oldest_source(record: Organisation | Service) -> str:
    """The earliest publication date among the sources ("" when no source gives one)."""
    return min((s.published for s in record.sources if s.published), default="")


def by_age(directory: Directory, today: date) -> list[str]:
    """Oldest information first (undated first); ties by the record's oldest source."""
    rows = sorted(
        _records(directory),
        key=lambda item: (
            freshness.sort_key(item[1]),
            _oldest_source(item[1]) or "9999",
            item[0],
        ),
    )
    lines = []
    for name, record in rows:
        age = freshness.age_days(record, today)
        flags = []
        if freshness.is_stale(record, today):
            flags.append("OLDER THAN A YEAR" if age is not None else "UNDATED SOURCES")
        if record.needs_verification:
            flags.append("needs verification")
        note = f"  [{', '.join(flags)}]" if flags else ""
        oldest = _oldest_source(record) or "-"
        when = record.information_date or "undated"
        days = f"{age:>5} days" if age is not None else "    ? days"
        verified = "verified" if record.last_verified else "source  "
        lines.append(f"{when:<10}  {verified}  {days}  oldest {oldest:<10}  {name}{note}")
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


def _share(part: int, whole: int) -> str:
    return f"{part:>4} of {whole:<4} {100 * part / whole:5.1f} %" if whole else "   - of 0"


def _has_phone(directory: Directory, service: Service) -> bool:
    return bool(service.phones or directory.organisations[service.organisation].phones)


def _has_hours(directory: Directory, service: Service) -> bool:
    return bool(directory.service_hours(service))


def _located_in(directory: Directory, place_id: str) -> tuple[Service, ...]:
    """Services with an address in the place (none when the data has no such place)."""
    return directory.services_in(place_id)[0] if place_id in directory.places else ()


def completeness(directory: Directory) -> list[str]:
    """The figures coordinators steer by: how complete the facts readers need are."""
    services = list(directory.services.values())
    locations = [loc for o in directory.organisations.values() for loc in o.locations]
    tachov = _located_in(directory, "okres-tachov")
    prague_health = [s for s in _located_in(directory, "praha") if "healthcare" in s.categories]
    needs = len({c for s in tachov for c in s.categories})
    rows = [
        ("services with a phone (own or organisation's)",
         _share(sum(_has_phone(directory, s) for s in services), len(services))),
        ("locations with opening hours",
         _share(sum(bool(loc.hours) for loc in locations), len(locations))),
        ("services whose cost is known",
         _share(sum(s.cost != "unknown" for s in services), len(services))),
        ("services that say how to get help (access)",
         _share(sum(bool(s.access) for s in services), len(services))),
        ("locations with sourced coordinates",
         _share(sum(loc.geo is not None for loc in locations), len(locations))),
        ("services located in the Tachov district", f"{len(tachov):>4}, in {needs} needs"),
        ("healthcare services located in Prague", f"{len(prague_health):>4}"),
    ]  # fmt: skip
    return [f"{label:<46} {value}" for label, value in rows]


def gaps(directory: Directory) -> list[str]:
    """Per service, the facts readers need that no source has given yet: for volunteers."""
    lines = []
    for service in directory.services.values():
        missing = [
            label
            for label, known in (
                ("phone", _has_phone(directory, service)),
                ("hours", _has_hours(directory, service) or not service.locations),
                ("cost", service.cost != "unknown"),
                ("access", bool(service.access)),
            )
            if not known
        ]
        if missing:
            lines.append(f"services/{service.id}  missing: {', '.join(missing)}")
    return lines


def translation_lines(directory: Directory) -> list[str]:
    """The report's table: one line per language."""
    lines = ["language  texts  translated  reviewed  machine  missing"]
    for row in coverage(directory):
        lines.append(
            f"{row.language:<8}  {row.total:>5}  {row.translated:>10}  {row.reviewed:>8}  "
            f"{row.machine:>7}  {row.missing:>7}"
        )
    return lines


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
    """Plain text in sections, the overall figures and the most urgent first."""
    sections = [
        ("Completeness", completeness(directory)),
        ("Records by age of their information (oldest first)", by_age(directory, today)),
        ("Facts no source has given yet (gaps for volunteers)", gaps(directory)),
        ("Locations without sourced coordinates (shown at the place's centre)",
         without_coordinates(directory)),
        ("Records without any phone number", without_phone(directory)),
        ("Translations of record texts, per language", translation_lines(directory)),
        ("Source addresses per record", sources(directory)),
    ]  # fmt: skip
    out = [f"Review list, {today.isoformat()}: {directory.summary()}"]
    for title, lines in sections:
        out += ["", f"## {title}"]
        out += lines or ["(none)"]
    return "\n".join(out) + "\n"
