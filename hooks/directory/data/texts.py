"""A record's reader-facing texts: which fields they are, and how far each language has them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from directory.data.dataset import Directory
from directory.data.models import Organisation, Service
from directory.text.languages import SITE_LANGUAGES


def records(directory: Directory) -> list[tuple[str, Organisation | Service]]:
    """Every record with its folder name ("organisations", "services")."""
    return [
        *(("organisations", record) for record in directory.organisations.values()),
        *(("services", record) for record in directory.services.values()),
    ]


def localized_fields(record: Organisation | Service) -> Iterator[tuple[str, dict[str, str]]]:
    """Every reader-facing text of a record, with its field path."""
    yield "name", record.name
    if record.description:
        yield "description", record.description
    for index, phone in enumerate(record.phones):
        if phone.label:
            yield f"phones[{index}].label", phone.label
    if isinstance(record, Organisation):
        for index, location in enumerate(record.locations):
            if location.name:
                yield f"locations[{index}].name", location.name
    elif record.what_to_bring:
        yield "what_to_bring", record.what_to_bring


@dataclass(frozen=True)
class Coverage:
    """How many record texts exist in one language, and how far to trust them."""

    language: str
    total: int
    reviewed: int  # written or reviewed by a person (the source texts count here)
    machine: int  # machine translated, no person has reviewed it

    @property
    def translated(self) -> int:
        return self.reviewed + self.machine

    @property
    def missing(self) -> int:
        return self.total - self.translated


def coverage(directory: Directory) -> list[Coverage]:
    """Per site language: record texts reviewed, machine translated and missing."""
    result = []
    for language in SITE_LANGUAGES:
        total = reviewed = machine = 0
        for _, record in records(directory):
            marked = language in record.machine_translated
            for _, text in localized_fields(record):
                total += 1
                if language in text:
                    machine += marked
                    reviewed += not marked
        result.append(Coverage(language, total, reviewed, machine))
    return result
