"""The validated data set: every record and vocabulary, indexed by id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .models import Category, EmergencyNumber, Organisation, Place, SearchTerm, Service


@dataclass(frozen=True)
class Directory:
    root: Path
    organisations: dict[str, Organisation]
    services: dict[str, Service]
    categories: dict[str, Category]
    places: dict[str, Place]
    emergency: list[EmergencyNumber]
    search_terms: list[SearchTerm]

    def services_of(self, organisation_id: str) -> list[Service]:
        return [s for s in self.services.values() if s.organisation == organisation_id]

    def service_languages(self, service: Service) -> list[str]:
        """Languages a client is served in: the service's own, else its organisation's."""
        if service.languages is not None:
            return service.languages
        return self.organisations[service.organisation].languages

    def place_and_ancestors(self, place_id: str) -> list[str]:
        chain = []
        current: str | None = place_id
        while current is not None and current not in chain:
            chain.append(current)
            current = self.places[current].parent
        return chain

    def service_places(self, service: Service) -> set[str]:
        """Places where the service has an address."""
        organisation = self.organisations[service.organisation]
        return {loc.place for loc in organisation.locations if loc.id in service.locations}

    def services_in(self, place_id: str) -> tuple[list[Service], list[Service]]:
        """Services with an address in the place (or a place inside it), and services that
        serve it from elsewhere (their areas cover it or an area around it)."""
        located, serving = [], []
        around = set(self.place_and_ancestors(place_id))
        for service in self.services.values():
            places = self.service_places(service)
            if any(place_id in self.place_and_ancestors(p) for p in places):
                located.append(service)
            elif around & set(service.areas or []):
                serving.append(service)
        return located, serving

    def spoken_languages(self) -> list[str]:
        """Every language some service is offered in, sorted by code."""
        return sorted({code for s in self.services.values() for code in self.service_languages(s)})

    def summary(self) -> str:
        return (
            f"{len(self.organisations)} organisations, {len(self.services)} services, "
            f"{len(self.categories)} categories, {len(self.places)} places, "
            f"{len(self.emergency)} emergency numbers"
        )
