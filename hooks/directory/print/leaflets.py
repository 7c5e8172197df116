"""Printable leaflets: one per town and district with services (leaflet_plan.py decides what
each holds), in every site language beside Czech (English beside Czech for the Czech one).
`LeafletWriter.leaflet` gathers what a leaflet says into a `Leaflet` of plain data; the site's
leaflet page is rendered from it here, and its A4 PDF by Typst (pdf.py, typeset.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date

from markupsafe import Markup

from directory.data.dataset import Directory
from directory.data.freshness import format_partial_date
from directory.data.leaflet_plan import Plan, all_plans
from directory.data.models import OpeningHours, Place, Service
from directory.render.formatting import address_text, compact_hours, isolate_latin_marks
from directory.render.pages import (
    Page,
    SiteLinks,
    natural_order,
    phone_display,
)
from directory.render.qrcode import qr_img, qr_svg
from directory.render.renderer import Renderer
from directory.render.urls import page_address, placeholder
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
    name_direction: str  # an English name in an Arabic column runs left to right
    facts: str
    hours: str


@dataclass(frozen=True)
class Entry:
    """A service as the leaflet lists it: a column per language, then its contact line."""

    service_id: str
    columns: tuple[Column, Column]
    address: str
    phones: tuple[str, ...]


@dataclass(frozen=True)
class Need:
    """A need (category) with its services: the reader's and the partner's name of it."""

    names: tuple[str, str]
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class EmergencyLine:
    number: str
    name: str
    partner_name: str


@dataclass(frozen=True)
class Leaflet:
    """Everything one leaflet says, as plain data (strings, tuples, numbers): the site's
    leaflet page (leaflet.html) and the PDF (leaflet.typ, which reads it as JSON) are both
    made from it. Record text stays data on the way to the PDF: Typst never parses it."""

    language: str
    direction: str
    partner_language: str
    partner_direction: str
    title: str
    partner_title: str
    intro: str
    emergency_heading: str
    partner_emergency_heading: str
    emergency: tuple[EmergencyLine, ...]
    emergency_free: str
    needs: tuple[Need, ...]
    no_address: str  # in place of an address, for services reached by phone or online
    footer: str
    url: str  # the leaflet's page online: what its QR code opens, and the PDF's title
    qr_svg: str
    pdf_name: str
    pages: int  # as leaflet_plan.py decided

    def as_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))


class LeafletWriter:
    """Leaflets of one reader language: their content, and their pages on the site."""

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
        return page_address(self.links.site_url, self.language, "leaflets", place.id)

    def pdf_name(self, place: Place) -> str:
        return f"rozcestnik-{place.id}-{self.language}.pdf"

    def _column(self, service: Service, language: str, hours: list[OpeningHours]) -> Column:
        t = catalogue(language)
        languages = self.directory.service_languages(service)
        facts = f"{t('cost_' + service.cost)} · {t('languages_spoken')}: " + ", ".join(
            t.language_name(code) for code in languages
        )
        name = pick(service.name, language)
        # In a right-to-left column Czech names and times keep their order ("o.p.s.", 09:00).
        rtl = text_direction(language) == "rtl"
        keep = isolate_latin_marks if rtl else str
        return Column(
            language,
            text_direction(language),
            keep(name.text) if text_direction(name.language) == "rtl" else name.text,
            name.language,
            text_direction(name.language),
            facts,
            keep(compact_hours(hours, t)),  # empty when unknown: the footer says to call first
        )

    def entry(self, service: Service, place: Place) -> Entry:
        """A service as listed for `place`: its addresses there (else its first two) and their
        opening hours, unless the service has its own."""
        organisation = self.directory.organisations[service.organisation]
        locations = self.directory.service_locations(service)
        inside = [
            loc for loc in locations if place.id in self.directory.place_and_ancestors(loc.place)
        ]
        shown = (inside or locations)[:2]
        hours = self.directory.service_hours(service, shown)
        phones = [phone_display(p.number) for p in service.phones + organisation.phones]
        return Entry(
            service.id,
            (
                self._column(service, self.language, hours),
                self._column(service, self.partner, hours),
            ),
            "; ".join(address_text(loc) for loc in shown),
            tuple(dict.fromkeys(phones))[:2],
        )

    def _both(self, text: dict[str, str]) -> tuple[str, str]:
        """A text in the reader's language and in the partner language."""
        return pick(text, self.language).text, pick(text, self.partner).text

    def leaflet(self, plan: Plan) -> Leaflet:
        """What the leaflet of `plan` says, in the reader's language beside the partner's."""
        reader, partner = catalogue(self.language), catalogue(self.partner)
        place, url = plan.place, self.url(plan.place)
        names = self._both(place.name)
        return Leaflet(
            language=self.language,
            direction=text_direction(self.language),
            partner_language=self.partner,
            partner_direction=text_direction(self.partner),
            title=reader("leaflet_title", place=names[0]),
            partner_title=partner("leaflet_title", place=names[1]),
            intro=reader("leaflet_intro"),
            emergency_heading=reader("home_emergency"),
            partner_emergency_heading=partner("home_emergency"),
            emergency=tuple(
                EmergencyLine(n.number, *self._both(n.name)) for n in self.directory.emergency
            ),
            emergency_free=reader("emergency_free"),
            needs=tuple(
                Need(self._both(category.name), tuple(self.entry(s, place) for s in services))
                for category, services in plan.groups
            ),
            no_address=reader("leaflet_no_address"),
            footer=reader(
                "leaflet_footer",
                date=reader.date(self.today),
                range=self._information_range(plan, reader),
            ),
            url=url,
            qr_svg=qr_svg(url),
            pdf_name=self.pdf_name(place),
            pages=plan.pages,
        )

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

    def page(self, plan: Plan) -> Page:
        def body() -> str:
            leaflet = self.leaflet(plan)
            qr = Markup(qr_img(leaflet.qr_svg))
            return self.renderer.render("leaflet.html", "../../", leaflet=leaflet, qr=qr)

        title = self.renderer.t("leaflet_title", place=self.renderer.title(plan.place.name))
        return Page(placeholder("leaflets", plan.place.id), title, body)

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
