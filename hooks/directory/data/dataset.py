"""The validated data set: every record and vocabulary, indexed by id."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from directory.data.advice import Advice, advice
from directory.data.models import (
    Category,
    EmergencyNumber,
    GlossaryTerm,
    Location,
    OpeningHours,
    Organisation,
    Place,
    SearchTerm,
    Service,
)


@dataclass(frozen=True)
class Directory:
    root: Path
    organisations: dict[str, Organisation]
    services: dict[str, Service]
    categories: dict[str, Category]
    places: dict[str, Place]
    emergency: list[EmergencyNumber]
    search_terms: list[SearchTerm]
    glossary: list[GlossaryTerm] = field(default_factory=list)

    # The data never changes once loaded, so indexes are built on first use and kept: every
    # language's pages, the coverage page, leaflets and open data ask the same questions.
    @cached_property
    def _services_by_organisation(self) -> dict[str, tuple[Service, ...]]:
        index: dict[str, list[Service]] = defaultdict(list)
        for service in self.services.values():
            index[service.organisation].append(service)
        return {organisation: tuple(services) for organisation, services in index.items()}

    @cached_property
    def _services_by_place(self) -> dict[str, tuple[tuple[Service, ...], tuple[Service, ...]]]:
        return {}  # filled by services_in

    def services_of(self, organisation_id: str) -> tuple[Service, ...]:
        return self._services_by_organisation.get(organisation_id, ())

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

    def service_locations(self, service: Service) -> list[Location]:
        """The organisation's addresses the service is offered at, in the record's order."""
        organisation = self.organisations[service.organisation]
        return [loc for loc in organisation.locations if loc.id in service.locations]

    def service_places(self, service: Service) -> set[str]:
        """Places where the service has an address."""
        return {loc.place for loc in self.service_locations(service)}

    def service_areas(self, service: Service) -> list[str]:
        """The places the service serves: its `areas`, else the places of its addresses (the
        record format's rule; an address at town level serves the whole town)."""
        if service.areas is not None:
            return service.areas
        return sorted(self.service_places(service))

    def service_hours(
        self, service: Service, locations: list[Location] | None = None
    ) -> list[OpeningHours]:
        """The opening hours that apply to a service (the one rule for pages, finder, leaflets,
        exports and reports): its own when the record gives them, else those of its addresses
        (`locations`, default all it is offered at); empty when no source gives any."""
        if service.hours:
            return service.hours
        shown = self.service_locations(service) if locations is None else locations
        return [hours for location in shown for hours in location.hours]

    def services_in(self, place_id: str) -> tuple[tuple[Service, ...], tuple[Service, ...]]:
        """Services with an address in the place (or a place inside it), and services that
        serve it from elsewhere (their areas cover it or an area around it)."""
        cache = self._services_by_place
        if place_id not in cache:
            cache[place_id] = self._find_services_in(place_id)
        return cache[place_id]

    def _find_services_in(self, place_id: str) -> tuple[tuple[Service, ...], tuple[Service, ...]]:
        located, serving = [], []
        around = set(self.place_and_ancestors(place_id))
        for service in self.services.values():
            places = self.service_places(service)
            if any(place_id in self.place_and_ancestors(p) for p in places):
                located.append(service)
            elif around & set(self.service_areas(service)):
                serving.append(service)
        return tuple(located), tuple(serving)

    def spoken_languages(self) -> list[str]:
        """Every language some service is offered in, sorted by code."""
        return sorted({code for s in self.services.values() for code in self.service_languages(s)})

    def counts(self) -> Advice:
        """How many records and vocabulary entries there are, to be worded in a language."""
        return advice(
            "counts",
            organisations=len(self.organisations),
            services=len(self.services),
            categories=len(self.categories),
            places=len(self.places),
            emergency=len(self.emergency),
        )

    def summary(self) -> str:
        return self.counts().render()
