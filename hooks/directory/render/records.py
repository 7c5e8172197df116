"""Pages of one service or organisation."""

from __future__ import annotations

from directory.data.models import (
    Organisation,
    Service,
)
from directory.render.page import Page
from directory.render.renderer import Renderer
from directory.render.urls import placeholder


class RecordPages(Renderer):
    """Pages of one service or organisation."""

    def service(self, service: Service) -> Page:
        organisation = self.directory.organisations[service.organisation]
        locations = [loc for loc in organisation.locations if loc.id in service.locations]

        def body() -> str:
            return self.render(
                "service.html",
                "../../",
                service=service,
                organisation=organisation,
                categories=[self.directory.categories[c] for c in service.categories],
                languages=self.directory.service_languages(service),
                locations=locations,
                areas=[self.directory.places[p] for p in service.areas or []],
                machine=service.machine_translated,
                report_link=self._report_link("services", service.id),
                search_terms=self.search_terms(service.categories, service),
                map=self._record_map("service", self.maps.service_points(service)),
                **self._print_code("services", service.id),
            )

        return Page(
            placeholder("services", service.id), self.title(service.name), body, bool(locations)
        )

    def organisation(self, organisation: Organisation) -> Page:
        def body() -> str:
            return self.render(
                "organisation.html",
                "../../",
                organisation=organisation,
                services=self.directory.services_of(organisation.id),
                machine=organisation.machine_translated,
                report_link=self._report_link("organisations", organisation.id),
                search_terms=self.search_terms([], organisation),
                map=self._record_map("organisation", self.maps.organisation_points(organisation)),
                **self._print_code("organisations", organisation.id),
            )

        title = self.title(organisation.name)
        return Page(
            placeholder("organisations", organisation.id), title, body, bool(organisation.locations)
        )
