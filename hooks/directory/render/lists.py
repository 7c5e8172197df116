"""Pages that list services: by need, place and spoken language, and the A-Z lists."""

from __future__ import annotations

from functools import partial
from typing import Any

from directory.data.models import (
    Category,
    Place,
)
from directory.render.formatting import natural_order
from directory.render.page import Page, _Item
from directory.render.renderer import CZECHIA_CENTRE, Renderer
from directory.render.urls import placeholder

_LIST_TITLES = {
    "categories": "all_categories",
    "places": "all_places",
    "languages": "all_languages",
    "services": "nav_services",
    "organisations": "nav_organisations",
}


class ListPages(Renderer):
    """Pages that list services: by need, place and spoken language, and the A-Z lists."""

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

        return Page(placeholder("categories", category.id), self.title(category.name), body, True)

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
        return Page(placeholder("places", place.id), title, body, True)

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
        return Page(placeholder("languages", code), title, body)

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
