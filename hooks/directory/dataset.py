"""The validated data set: every record and vocabulary, indexed by id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .models import Category, EmergencyNumber, Organisation, Place, Service


@dataclass(frozen=True)
class Directory:
    root: Path
    organisations: dict[str, Organisation]
    services: dict[str, Service]
    categories: dict[str, Category]
    places: dict[str, Place]
    emergency: list[EmergencyNumber]

    def services_of(self, organisation_id: str) -> list[Service]:
        return [s for s in self.services.values() if s.organisation == organisation_id]

    def service_languages(self, service: Service) -> list[str]:
        """Languages a client is served in: the service's own, else its organisation's."""
        if service.languages is not None:
            return service.languages
        return self.organisations[service.organisation].languages

    def summary(self) -> str:
        return (
            f"{len(self.organisations)} organisations, {len(self.services)} services, "
            f"{len(self.categories)} categories, {len(self.places)} places, "
            f"{len(self.emergency)} emergency numbers"
        )
