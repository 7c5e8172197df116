"""Page text for records: one page per service and organisation, plus list pages.

The body is HTML made by Jinja, whose autoescape makes every text from YAML inert; it goes into
the built page without passing through Markdown (see `Page`). The front-matter title is
escaped because Material prints `page.meta.title` unescaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property, partial
from pathlib import Path
from typing import Any, get_args
from urllib.parse import urlencode

import jinja2
import phonenumbers
from markupsafe import Markup, escape

from directory.data import freshness, glossary
from directory.data.dataset import Directory
from directory.data.leaflet_plan import leaflet_places
from directory.data.models import (
    DAYS,
    Access,
    Category,
    Cost,
    OpeningHours,
    Organisation,
    Place,
    Service,
)
from directory.data.texts import coverage as translation_coverage
from directory.render.finder import FINDER_DATA_FILE
from directory.render.maps import PALETTE, MapData, MapPoint, map_block, osm_link
from directory.render.qrcode import page_qr_svg, qr_img
from directory.text.catalogue import Catalogue, catalogue
from directory.text.languages import SITE_LANGUAGES, native_name, text_direction
from directory.text.localized import Shown, pick

TEMPLATES = Path(__file__).parent / "templates"

# Folders of generated pages inside the docs folder, one index page each.
SECTIONS = (
    "services", "organisations", "categories", "places", "languages",
    "search", "map", "interpreters", "coverage", "finder", "freshness", "leaflets",
)  # fmt: skip
CZECHIA_CENTRE = (49.8175, 15.473)
_LIST_TITLES = {
    "categories": "all_categories",
    "places": "all_places",
    "languages": "all_languages",
    "services": "nav_services",
    "organisations": "nav_organisations",
}


@dataclass(frozen=True)
class Page:
    """A generated page: its path inside the docs folder, plain-text title, and how to make
    its HTML body.

    The docs folder gets only a placeholder (`markdown()`: the front matter); the build asks
    for the body when it reaches the page and puts it in place of the placeholder's empty
    content. Markdown never parses the body: on 37,500 pages, passing raw HTML through it cost
    more than the theme's whole build (2.4 ms a page against 0.08 ms for an empty one)."""

    path: str
    title: str
    render: Callable[[], str] = field(repr=False, compare=False)
    has_map: bool = False  # the theme loads Leaflet only on pages with a map

    @property
    def body(self) -> str:
        """Made anew on each call: the build keeps no bodies of pages it has written."""
        return self.render()

    def markdown(self) -> str:
        title = json.dumps(str(escape(self.title)), ensure_ascii=False)
        meta = "map: true\n" if self.has_map else ""
        return f"---\ntitle: {title}\n{meta}---\n"


@dataclass(frozen=True)
class _Item:
    id: str
    label: str


@dataclass(frozen=True)
class HoursRow:
    days: str
    times: str


@dataclass(frozen=True)
class SiteLinks:
    """Where the site and its data live, for links that leave the page (edit, report)."""

    site_url: str = ""  # e.g. https://rozcestnik.example.org/
    repository: str = ""  # e.g. https://github.com/owner/repo (GitHub)
    branch: str = "main"

    def edit(self, kind: str, record_id: str) -> str:
        """The record's YAML file in GitHub's web editor."""
        return f"{self.repository}/edit/{self.branch}/data/{kind}/{record_id}.yaml"

    def report(self, kind: str, record_id: str, language: str) -> str:
        """A new-issue form filled with what an editor needs; no server, no tracking."""
        page = f"{self.site_url.rstrip('/')}/{language}/{kind}/{record_id}/"
        body = f"Record: data/{kind}/{record_id}.yaml\nLanguage: {language}\nPage: {page}\n\n"
        query = urlencode({"title": f"Problem in {kind}/{record_id}", "body": body})
        return f"{self.repository}/issues/new?{query}"


class PageWriter:
    """Renders the pages of one language from a validated directory."""

    def __init__(
        self,
        directory: Directory,
        language: str,
        links: SiteLinks | None = None,
        today: date | None = None,
    ) -> None:
        self.directory = directory
        self.language = language
        self.links = links or SiteLinks()
        self.today = today or date.today()
        self.t: Catalogue = catalogue(language)
        self._service_items: dict[tuple[str, str], Markup] = {}  # (service, link base)

    @cached_property
    def _environment(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=False,
        )
        env.globals.update(
            t=self.t,
            format_date=self.t.date,
            format_partial_date=partial(freshness.format_partial_date, locale=self.t.locale),
            age_days=partial(freshness.age_days, today=self.today),
            record_places=self.record_places,
            language_name=self.t.language_name,
            paragraphs=paragraphs,
            phone_display=phone_display,
            hours_rows=self.hours_rows,
            places=self.directory.places,
            organisations=self.directory.organisations,
            service_languages=self.directory.service_languages,
            native_name=native_name,
            direction=text_direction,
            title=self.title,
            site_links=self.links,
            language=self.language,
            osm_link=osm_link,
            is_stale=self.is_stale,
        )
        return env

    def render(self, template: str, base: str, **context: Any) -> str:
        """A template's HTML with `link` relative to `base`."""

        def link(kind: str, record_id: str) -> str:
            return f"{base}{kind}/{record_id}/"

        def localized(text: dict[str, str]) -> Shown:
            return pick(text, self.language, context.get("machine"))

        def service_item(service: Service) -> Markup:
            return self._service_item(service, base)

        return self._environment.get_template(template).render(
            link=link, pick=localized, service_item=service_item, **context
        )

    def _service_item(self, service: Service, base: str) -> Markup:
        key = (service.id, base)
        if key not in self._service_items:
            html = self.render("service_item.html", base, service=service)
            self._service_items[key] = Markup(html.strip())
        return self._service_items[key]

    def is_stale(self, record: Service | Organisation) -> bool:
        """Facts over a year old or undated: the page says they may be outdated."""
        return freshness.is_stale(record, self.today)

    def _report_link(self, kind: str, record_id: str) -> str:
        """Where a reader reports a wrong text or translation ("" when no repository is set)."""
        return self.links.report(kind, record_id, self.language) if self.links.repository else ""

    def record_places(self, record: Service | Organisation) -> str:
        """The towns a record's locations lie in, space separated (the freshness filter)."""
        if isinstance(record, Service):
            organisation = self.directory.organisations[record.organisation]
            ids = {loc.place for loc in organisation.locations if loc.id in record.locations}
            ids |= set(record.areas or [])
        else:
            ids = {loc.place for loc in record.locations}
        return " ".join(sorted({town for place in ids for town in self._towns_of(place)}))

    def _towns_of(self, place_id: str) -> list[str]:
        """The place and every place above it (praha-3 → praha-3, praha, cesko)."""
        chain = []
        while place_id:
            chain.append(place_id)
            place_id = self.directory.places[place_id].parent or ""
        return chain

    def title(self, text: dict[str, str]) -> str:
        return pick(text, self.language).text

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

        return Page(f"services/{service.id}.md", self.title(service.name), body, bool(locations))

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
            f"organisations/{organisation.id}.md", title, body, bool(organisation.locations)
        )

    @cached_property
    def _leaflet_places(self) -> set[str]:
        return {place.id for place in leaflet_places(self.directory)}

    def _print_code(self, kind: str, record_id: str) -> dict[str, Any]:
        """The page's full address and its QR code, shown only on paper (print style)."""
        url = f"{self.links.site_url.rstrip('/')}/{self.language}/{kind}/{record_id}/"
        return {"page_url": url, "qr": Markup(qr_img(page_qr_svg(url)))}

    def _sorted(self, services: Iterable[Service]) -> list[Service]:
        return sorted(services, key=lambda service: self.title(service.name).casefold())

    def category(self, category: Category) -> Page:
        def body() -> str:
            services = [s for s in self.directory.services.values() if category.id in s.categories]
            return self.render(
                "category.html",
                "../../",
                category=category,
                services=self._sorted(services),
                search_terms=self.search_terms([category.id]),
                map=self._shared_map("category", {"category": category.id}, CZECHIA_CENTRE, 7),
            )

        return Page(f"categories/{category.id}.md", self.title(category.name), body, True)

    def place(self, place: Place) -> Page:
        def body() -> str:
            located, serving = self.directory.services_in(place.id)
            groups = [
                (category, self._sorted([s for s in located if category.id in s.categories]))
                for category in self.directory.categories.values()
            ]
            children = [p for p in self.directory.places.values() if p.parent == place.id]
            return self.render(
                "place.html",
                "../../",
                place=place,
                groups=[(category, services) for category, services in groups if services],
                serving=self._sorted(serving),
                children=sorted(children, key=lambda p: natural_order(self.title(p.name))),
                has_leaflet=place.id in self._leaflet_places,
                map=self._shared_map(
                    "place", {"place": place.id}, (place.centre.lat, place.centre.lon), 12
                ),
            )

        title = self.t("services_in_place", place=self.title(place.name))
        return Page(f"places/{place.id}.md", title, body, True)

    def language_page(self, code: str) -> Page:
        def body() -> str:
            services = [
                s
                for s in self.directory.services.values()
                if code in self.directory.service_languages(s)
            ]
            return self.render(
                "language.html", "../../", code=code, services=self._sorted(services)
            )

        title = self.t("services_in_language", language=self.t.language_name(code))
        return Page(f"languages/{code}.md", title, body)

    def listing(self, kind: str) -> Page:
        """The index page of a section: every record or vocabulary entry, by name."""
        items: list[Any]
        if kind == "languages":
            items = [
                _Item(code, self.t.language_name(code))
                for code in self.directory.spoken_languages()
            ]
            items.sort(key=lambda item: item.label.casefold())
        elif kind == "places":
            places = self.directory.places.values()
            items = sorted(places, key=lambda p: natural_order(self.title(p.name)))
        elif kind == "categories":
            items = list(self.directory.categories.values())
        else:
            records = getattr(self.directory, kind).values()
            items = sorted(records, key=lambda record: self.title(record.name).casefold())
        title = self.t(_LIST_TITLES[kind])
        return Page(
            f"{kind}/index.md",
            title,
            partial(self.render, "list.html", "../", kind=kind, title=title, items=items),
        )

    def search_terms(
        self, category_ids: list[str], record: Service | Organisation | None = None
    ) -> str:
        """Words a reader may type in any language: official Czech terms of the categories
        (data/search-terms.yaml), and the glossary's terms in every language — those the
        record's texts name, or those of the categories on a category page."""
        terms = [
            term
            for entry in self.directory.search_terms
            if set(entry.categories) & set(category_ids)
            for term in entry.terms
        ]
        if record is not None:
            named = glossary.terms_named(record, self.directory.glossary)
        else:
            named = [g for g in self.directory.glossary if set(g.categories) & set(category_ids)]
        terms += glossary.search_words(named, self.language)
        return " · ".join(dict.fromkeys(terms))

    def home_block(self) -> str:
        """Need tiles, the town picker and the emergency numbers, for the language home."""
        towns = [p for p in self.directory.places.values() if p.kind == "town"]
        return self.render(
            "home.html",
            "",
            categories=list(self.directory.categories.values()),
            towns=sorted(towns, key=lambda p: natural_order(self.title(p.name))),
            emergency=self.directory.emergency,
        )

    def emergency_block(self) -> str:
        return self.render("emergency.html", "../", emergency=self.directory.emergency)

    @cached_property
    def maps(self) -> MapData:
        return MapData(self.directory, self.language)

    def _map_labels(self) -> dict[str, Any]:
        categories = list(self.directory.categories.values())
        return {
            "map_help": self.t("map_help"),
            "approximate": self.t("map_approximate"),
            "directions": self.t("directions"),
            "categories": {c.id: self.title(c.name) for c in categories},
            "colours": {c.id: PALETTE[i % len(PALETTE)] for i, c in enumerate(categories)},
        }

    def _record_map(self, kind: str, points: list[MapPoint]) -> Markup | None:
        if not points:
            return None
        return map_block(
            f"map-{kind}",
            root="../../../",
            language_root="../../",
            labels=self._map_labels(),
            centre=(points[0].lat, points[0].lon),
            zoom=15,
            points=points,
        )

    def _shared_map(
        self,
        kind: str,
        show: dict[str, Any],
        centre: tuple[float, float],
        zoom: int,
        base: str = "../../",
    ) -> Markup:
        return map_block(
            f"map-{kind}",
            root=f"{base}../",
            language_root=base,
            labels=self._map_labels(),
            centre=centre,
            zoom=zoom,
            show={**show, "layers": True},
        )

    def overview_map(self) -> Page:
        def body() -> str:
            block = self._shared_map("overview", {}, CZECHIA_CENTRE, 7, base="../")
            heading = escape(self.t("nav_map"))
            return f'<div class="directory-page"><h1>{heading}</h1>\n{block}</div>'

        return Page("map/index.md", self.t("nav_map"), body, True)

    def interpreters(self) -> Page:
        """Interpreting and intercultural-work services, grouped by the language spoken."""
        return Page("interpreters/index.md", self.t("nav_interpreters"), self._interpreters_body)

    def _interpreters_body(self) -> str:
        wanted = {"interpreting", "intercultural-work"}
        services = [s for s in self.directory.services.values() if wanted & set(s.categories)]
        codes = sorted(
            {code for s in services for code in self.directory.service_languages(s)},
            key=lambda code: self.t.language_name(code).casefold(),
        )
        groups = [
            (
                code,
                self._sorted([s for s in services if code in self.directory.service_languages(s)]),
            )
            for code in codes
        ]
        return self.render("interpreters.html", "../", groups=groups)

    def police_block(self) -> str:
        """Police and Foreign Police offices with their addresses and phones."""
        police = [o for o in self.directory.organisations.values() if o.kind == "police"]
        police.sort(key=lambda o: self.title(o.name).casefold())
        return self.render("police.html", "../", police=police)

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

    def finder(self) -> Page:
        """The referral finder: filters over the language's finder data (finder.py)."""
        return Page("finder/index.md", self.t("nav_finder"), self._finder_body)

    def _finder_body(self) -> str:
        labels = {
            "count": self.t("finder_count"),
            "split": self.t("finder_split"),
            "no_hours": self.t("finder_no_hours"),
            "nothing": self.t("finder_nothing"),
            "serving_heading": self.t("serving_this_place"),
            "serves": self.t("serves_area") + ":",
            "languages": self.t("languages_spoken"),
            "loading": self.t("finder_loading"),
            "failed": self.t("finder_failed"),
            "cost": {cost: self.t(f"cost_{cost}") for cost in get_args(Cost)},
            "access": {way: self.t(f"access_{way}") for way in get_args(Access)},
        }
        return self.render(
            "finder.html",
            "../",
            data_file=FINDER_DATA_FILE,
            categories=list(self.directory.categories.values()),
            place_options=self._place_tree(),
            spoken=sorted(
                self.directory.spoken_languages(), key=lambda c: self.t.language_name(c).casefold()
            ),
            access=get_args(Access),
            days=DAYS,
            labels=labels,
        )

    def _place_tree(self) -> list[tuple[Place, str]]:
        """Places in tree order (each after the one it lies in), with an indent for the list."""
        places = self.directory.places
        ordered: list[tuple[Place, str]] = []

        def visit(parent: str | None, depth: int) -> None:
            children = [p for p in places.values() if p.parent == parent]
            for child in sorted(children, key=lambda p: natural_order(self.title(p.name))):
                ordered.append((child, "\u2003" * depth))
                visit(child.id, depth + 1)

        visit(None, 0)
        return ordered

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

    def search_page(self) -> Page:
        return Page("search/index.md", self.t("search"), partial(self.render, "search.html", "../"))

    def all_pages(self) -> Iterator[Page]:
        for service in self.directory.services.values():
            yield self.service(service)
        for organisation in self.directory.organisations.values():
            yield self.organisation(organisation)
        for category in self.directory.categories.values():
            yield self.category(category)
        for place in self.directory.places.values():
            yield self.place(place)
        for code in self.directory.spoken_languages():
            yield self.language_page(code)
        for kind in _LIST_TITLES:
            yield self.listing(kind)
        yield self.search_page()
        yield self.overview_map()
        yield self.interpreters()
        yield self.coverage()
        yield self.finder()
        yield self.records_by_age()

    def hours_rows(self, hours: list[OpeningHours]) -> list[HoursRow]:
        """One row per day in week order, so a reader finds "Tuesday" without decoding ranges."""
        rows = []
        for index, day in enumerate(DAYS):
            times = sorted((h.opens, h.closes) for h in hours if day in h.days)
            if times:
                text = ", ".join(f"{opens}–{closes}" for opens, closes in times)
                rows.append(HoursRow(self.t.day_name(index), text))
        return rows


def natural_order(text: str) -> tuple[Any, ...]:
    """Sort key putting "Praha 2" before "Praha 10"."""
    return tuple(
        int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text)
    )


def language_picker() -> str:
    """The root page's list of languages, each in its own name and script."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    template = env.get_template("picker.html")
    return template.render(
        languages=SITE_LANGUAGES, native_name=native_name, direction=text_direction
    )


# Languages the contribute page is written in; others link to the English one.
CONTRIBUTE_LANGUAGES = ("cs", "en")


def contribute_link(language: str) -> dict[str, str]:
    """The footer's "how to help" link: its path from the site root and its label."""
    target = language if language in CONTRIBUTE_LANGUAGES else "en"
    return {"path": f"{target}/contribute/", "label": catalogue(language)("contribute")}


def paragraphs(text: str) -> list[str]:
    """Plain text split at blank lines (the record format's paragraph rule)."""
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


@cache  # a number is shown on many pages; parsing it costs 0.1 ms
def phone_display(e164: str) -> str:
    return phonenumbers.format_number(
        phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
