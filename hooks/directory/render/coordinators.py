"""Pages for coordinators: coverage (needs, places, languages, translations) and
records by age."""

from __future__ import annotations

from urllib.parse import urlencode

from directory.data import freshness
from directory.data.models import (
    Organisation,
    Service,
)
from directory.data.texts import coverage as translation_coverage
from directory.render.formatting import natural_order
from directory.render.page import Page
from directory.render.renderer import Renderer


class CoordinatorPages(Renderer):
    """Pages for coordinators: coverage (needs, places, languages, translations) and
    records by age."""

    def coverage(self) -> Page:
        """Needs by place and needs by language, with gaps marked, for coordinators."""
        return Page("coverage/index.md", self.t("nav_coverage"), self._coverage_body)

    def _coverage_body(self) -> str:
        places = [p for p in self.directory.places.values() if p.kind in ("town", "town-district")]
        places.sort(key=lambda p: natural_order(self.title(p.name)))
        located = {p.id: self.directory.services_in(p.id) for p in places}
        languages = self.directory.spoken_languages()
        # (with an address there, serving it from elsewhere): a gap is no local service.
        place_counts = {
            (c, p.id): (
                sum(1 for s in located[p.id][0] if c in s.categories),
                sum(1 for s in located[p.id][1] if c in s.categories),
            )
            for c in self.directory.categories
            for p in places
        }
        language_counts = {
            (c, code): (
                sum(
                    1
                    for s in self.directory.services.values()
                    if c in s.categories and code in self.directory.service_languages(s)
                ),
                0,
            )
            for c in self.directory.categories
            for code in languages
        }
        return self.render(
            "coverage.html",
            "../",
            categories=list(self.directory.categories.values()),
            places=[p.id for p in places],
            languages=languages,
            place_counts=place_counts,
            language_counts=language_counts,
            place_link=lambda place, need: (
                "../finder/?" + urlencode({"need": need, "place": place})
            ),
            language_link=lambda code, need: (
                "../finder/?" + urlencode({"need": need, "lang": code})
            ),
            place_label=lambda place: self.title(self.directory.places[place].name),
            translations=translation_coverage(self.directory),
        )

    def records_by_age(self) -> Page:
        """For coordinators: every record, the longest unverified first."""
        return Page("freshness/index.md", self.t("nav_freshness"), self._records_by_age_body)

    def _records_by_age_body(self) -> str:
        records: list[tuple[str, Service | Organisation]] = [
            ("services", s) for s in self.directory.services.values()
        ] + [("organisations", o) for o in self.directory.organisations.values()]
        records.sort(key=lambda item: (freshness.sort_key(item[1]), item[0], item[1].id))
        return self.render(
            "freshness.html",
            "../",
            records=records,
            towns=self._place_tree(),
            today=self.today,
            stale_count=sum(1 for _, record in records if self.is_stale(record)),
            unconfirmed_count=sum(1 for _, record in records if record.needs_verification),
        )
