"""The Renderer: one Jinja environment per language and what every page family shares
(links, titles, dates, hours, maps, search words, print codes)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from directory.data import freshness, glossary
from directory.data.dataset import Directory
from directory.data.leaflet_plan import leaflet_places
from directory.data.models import (
    OpeningHours,
    Organisation,
    Place,
    Service,
)
from directory.render.formatting import (
    HoursRow,
    bidi_text,
    hours_rows,
    natural_order,
    paragraphs,
    phone_display,
)
from directory.render.maps import PALETTE, MapData, MapPoint, map_block, map_list, osm_link
from directory.render.page import SiteLinks
from directory.render.qrcode import page_qr_svg, qr_img
from directory.render.urls import page_address, page_path
from directory.text.catalogue import Catalogue, catalogue
from directory.text.languages import native_name, text_direction
from directory.text.localized import Shown, pick

TEMPLATES = Path(__file__).parent / "templates"


class _MemoryStore:
    """A dict with the get/set of a memcached client: what jinja2's bytecode cache asks of one."""

    def __init__(self) -> None:
        self._entries: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._entries.get(key)

    def set(self, key: str, value: bytes, timeout: int | None = None) -> None:
        self._entries[key] = value


# Compiled templates for every Jinja environment of the process: one Renderer per language,
# and MkDocs' own (the i18n plugin makes a new one per language: 300 compilations of
# Material's templates a build). Keys include each template's source, so an edit recompiles.
TEMPLATE_CACHE = jinja2.MemcachedBytecodeCache(_MemoryStore())  # type: ignore[arg-type]
CZECHIA_CENTRE = (49.8175, 15.473)


def template_environment() -> jinja2.Environment:
    """The page templates' environment as every Renderer starts it, before its language's
    globals. One function for all: TEMPLATE_CACHE shares compiled code between them, and its
    keys do not hold these settings."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        bytecode_cache=TEMPLATE_CACHE,
    )


def compile_templates() -> None:
    """Compile every page template into TEMPLATE_CACHE."""
    env = template_environment()
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)


class Renderer:
    """Renders the pages of one language from a validated directory: it owns the Jinja
    environment; the page families (records, lists, tools, coordinators) build on it."""

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
        env = template_environment()
        env.globals.update(
            t=self.t,
            format_date=self.t.date,
            format_partial_date=partial(freshness.format_partial_date, locale=self.t.locale),
            age_days=partial(freshness.age_days, today=self.today),
            record_places=self.record_places,
            language_name=self.t.language_name,
            paragraphs=paragraphs,
            bidi=bidi_text(text_direction(self.language)),
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
            query_stop_words=glossary.QUERY_STOP_WORDS[self.language],
        )
        return env

    def render(self, template: str, base: str, **context: Any) -> str:
        """A template's HTML with `link` relative to `base`."""

        def link(kind: str, record_id: str) -> str:
            return base + page_path(kind, record_id)

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
            ids = self.directory.service_places(record) | set(record.areas or [])
        else:
            ids = {loc.place for loc in record.locations}
        above = {up for place in ids for up in self.directory.place_and_ancestors(place)}
        return " ".join(sorted(above))

    def title(self, text: dict[str, str]) -> str:
        return pick(text, self.language).text

    @cached_property
    def _leaflet_places(self) -> set[str]:
        return {place.id for place in leaflet_places(self.directory)}

    def _print_code(self, kind: str, record_id: str) -> dict[str, Any]:
        """The page's full address and its QR code, shown only on paper (print style)."""
        url = page_address(self.links.site_url, self.language, kind, record_id)
        return {"page_url": url, "qr": Markup(qr_img(page_qr_svg(url)))}

    def _sorted(self, services: Iterable[Service]) -> list[Service]:
        return sorted(services, key=lambda service: self.title(service.name).casefold())

    def search_terms(
        self, category_ids: list[str], record: Service | Organisation | None = None
    ) -> dict[str, str]:
        """Words a reader may type in any language, by Pagefind metadata field (searched, never
        shown; search.html weighs the fields). `terms`, the page's own words: official Czech
        words of its needs (data/search-terms.yaml) and the glossary terms of its needs that
        its texts name (on a need's page, every term of the need); `mentions`: other glossary
        terms its texts name, e.g. "permanent residence" on an insurer's page, which rank below
        the pages about the term."""
        czech = [
            term
            for entry in self.directory.search_terms
            if set(entry.categories) & set(category_ids)
            for term in entry.terms
        ]
        needs = set(category_ids)
        if isinstance(record, Organisation):
            needs = {
                c for service in self.directory.services_of(record.id) for c in service.categories
            }
        if record is None:
            named = [g for g in self.directory.glossary if set(g.categories) & needs]
        else:
            named = glossary.terms_named(record, self.directory.glossary)
        own = [g for g in named if set(g.categories) & needs]
        mentioned = [g for g in named if g not in own]
        own_words = list(dict.fromkeys(czech + glossary.search_words(own, self.language)))
        other_words = [
            w for w in glossary.search_words(mentioned, self.language) if w not in own_words
        ]
        return {"terms": " · ".join(own_words), "mentions": " · ".join(other_words)}

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
            listed=map_list(points, self.maps.place_names, "../../"),
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
            listed=map_list(self.maps.shown(show), self.maps.place_names, base),
            show={**show, "layers": True},
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

    def hours_rows(self, hours: list[OpeningHours]) -> list[HoursRow]:
        return hours_rows(hours, self.t)
