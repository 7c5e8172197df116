"""Printable leaflets: one per town and district with services (leaflet_plan.py decides what
each holds), in every site language beside Czech (English beside Czech for the Czech one), as
a page of the site and as an A4 PDF made with WeasyPrint after the build."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from markupsafe import Markup

from directory.data.dataset import Directory
from directory.data.freshness import format_partial_date
from directory.data.leaflet_plan import Plan, all_plans
from directory.data.models import DAYS, OpeningHours, Place, Service
from directory.render.maps import address_text
from directory.render.pages import (
    Page,
    SiteLinks,
    natural_order,
    phone_display,
)
from directory.render.qrcode import qr_img, qr_svg
from directory.render.renderer import Renderer
from directory.text.catalogue import Catalogue, catalogue
from directory.text.languages import text_direction
from directory.text.localized import pick


def partner_language(language: str) -> str:
    """The language printed beside the reader's: Czech, or English on the Czech leaflet."""
    return "en" if language == "cs" else "cs"


@dataclass(frozen=True)
class Column:
    """One service's texts in one language of the leaflet."""

    language: str
    direction: str
    name: str
    name_language: str  # the name's real language: a record may lack a translation
    facts: str
    hours: str


@dataclass(frozen=True)
class Entry:
    service: Service
    columns: tuple[Column, Column]
    address: str
    phones: list[str]


def compact_hours(hours: list[OpeningHours], t: Catalogue) -> str:
    """Days with the same times merged into ranges, as "Mo-Th 09:00-17:00; Fr 09:00-12:00"
    (with en dashes and the language's day abbreviations)."""
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


class LeafletWriter:
    """Leaflets of one reader language, as site pages and as documents for WeasyPrint."""

    def __init__(
        self,
        directory: Directory,
        language: str,
        links: SiteLinks | None = None,
        today: date | None = None,
    ) -> None:
        self.directory = directory
        self.language = language
        self.partner = partner_language(language)
        self.links = links or SiteLinks()
        self.renderer = Renderer(directory, language, self.links, today)  # templates and links only
        self.today = self.renderer.today

    def url(self, place: Place) -> str:
        """The leaflet's page online, in full: what its QR code opens."""
        return f"{self.links.site_url.rstrip('/')}/{self.language}/leaflets/{place.id}/"

    def pdf_name(self, place: Place) -> str:
        return f"rozcestnik-{place.id}-{self.language}.pdf"

    def _column(self, service: Service, language: str, hours: list[OpeningHours]) -> Column:
        t = catalogue(language)
        languages = self.directory.service_languages(service)
        facts = f"{t('cost_' + service.cost)} · {t('languages_spoken')}: " + ", ".join(
            t.language_name(code) for code in languages
        )
        name = pick(service.name, language)
        return Column(
            language,
            text_direction(language),
            name.text,
            name.language,
            facts,
            compact_hours(hours, t),  # empty when unknown: the footer says to call first
        )

    def entry(self, service: Service, place: Place) -> Entry:
        """A service as listed for `place`: its addresses there (else its first two) and their
        opening hours, unless the service has its own."""
        organisation = self.directory.organisations[service.organisation]
        locations = [loc for loc in organisation.locations if loc.id in service.locations]
        inside = [
            loc for loc in locations if place.id in self.directory.place_and_ancestors(loc.place)
        ]
        shown = (inside or locations)[:2]
        hours = service.hours or [h for loc in shown for h in loc.hours]
        phones = [phone_display(p.number) for p in service.phones + organisation.phones]
        return Entry(
            service,
            (
                self._column(service, self.language, hours),
                self._column(service, self.partner, hours),
            ),
            "; ".join(address_text(loc) for loc in shown),
            list(dict.fromkeys(phones))[:2],
        )

    def _both(self, text: dict[str, str]) -> tuple[str, str]:
        """A text in the reader's language and in the partner language."""
        return pick(text, self.language).text, pick(text, self.partner).text

    def _context(self, leaflet: Plan) -> dict[str, object]:
        reader, partner = catalogue(self.language), catalogue(self.partner)
        place = leaflet.place
        return {
            "plan": leaflet,
            "reader": reader,
            "partner": partner,
            "reader_language": self.language,
            "partner_language": self.partner,
            "reader_dir": text_direction(self.language),
            "partner_dir": text_direction(self.partner),
            "place_names": self._both(place.name),
            "groups": [
                (
                    self._both(category.name),
                    [self.entry(service, place) for service in services],
                )
                for category, services in leaflet.groups
            ],
            "emergency": [
                (n.number, pick(n.name, self.language).text, pick(n.name, self.partner).text)
                for n in self.directory.emergency
            ],
            "qr": Markup(qr_img(qr_svg(self.url(place)))),
            "url": self.url(place),
            "pdf_name": self.pdf_name(place),
            "built": reader.date(self.today),
            "information": self._information_range(leaflet, reader),
        }

    def _information_range(self, leaflet: Plan, reader: Catalogue) -> str:
        """How old the leaflet's facts are: the oldest and newest information date of its
        services and their organisations (freshness.py), never the printing day."""
        records = [
            record
            for _, services in leaflet.groups
            for service in services
            for record in (service, self.directory.organisations[service.organisation])
        ]
        dated = sorted({r.information_date for r in records if r.information_date})
        if not dated:
            return reader("undated")
        first, last = (format_partial_date(d, reader.locale) for d in (dated[0], dated[-1]))
        return first if first == last else f"{first} – {last}"

    def page(self, leaflet: Plan) -> Page:
        def body() -> str:
            context = self._context(leaflet)
            return self.renderer.render("leaflet.html", "../../", print_only=False, **context)

        title = self.renderer.t("leaflet_title", place=self.renderer.title(leaflet.place.name))
        return Page(f"leaflets/{leaflet.place.id}.md", title, body)

    def sheet(self, leaflet: Plan) -> Sheet:
        """The leaflet as WeasyPrint prints it: no theme, no links."""
        html = self.renderer.render("leaflet.html", "", print_only=True, **self._context(leaflet))
        return Sheet(self.language, self.url(leaflet.place), html)

    def index(self, plans: list[Plan]) -> Page:
        def body() -> str:
            return self.renderer.render(
                "leaflets.html",
                "../",
                plans=sorted(plans, key=lambda p: natural_order(self.renderer.title(p.place.name))),
                pdf_name=self.pdf_name,
            )

        return Page("leaflets/index.md", self.renderer.t("nav_leaflets"), body)

    def pages(self, plans: list[Plan]) -> Iterator[Page]:
        for leaflet in plans:
            yield self.page(leaflet)
        yield self.index(plans)


def leaflet_pages(directory: Directory, language: str, links: SiteLinks) -> Iterator[Page]:
    yield from LeafletWriter(directory, language, links).pages(all_plans(directory))


@dataclass(frozen=True)
class Sheet:
    """One leaflet's printed HTML (its body) in one language."""

    language: str
    url: str  # the leaflet's page online, the PDF's title
    html: str
