"""Page text for records: one page per service and organisation, plus list pages.

The body is HTML made by Jinja, whose autoescape makes every text from YAML inert; it goes into
the built page without passing through Markdown (see `Page`). The front-matter title is
escaped because Material prints `page.meta.title` unescaped.
"""

from __future__ import annotations

from collections.abc import Iterator

import jinja2

from directory.render.coordinators import CoordinatorPages
from directory.render.formatting import HoursRow, natural_order, paragraphs, phone_display
from directory.render.lists import _LIST_TITLES, ListPages
from directory.render.page import Page, SiteLinks
from directory.render.records import RecordPages
from directory.render.renderer import TEMPLATES, Renderer
from directory.render.tools import ToolPages
from directory.text.catalogue import catalogue
from directory.text.languages import SITE_LANGUAGES, native_name, text_direction

__all__ = [
    "SECTIONS",
    "TEMPLATES",
    "HoursRow",
    "Page",
    "PageWriter",
    "Renderer",
    "SiteLinks",
    "contribute_link",
    "language_picker",
    "natural_order",
    "paragraphs",
    "phone_display",
]

# Folders of generated pages inside the docs folder, one index page each.
SECTIONS = (
    "services", "organisations", "categories", "places", "languages",
    "search", "map", "interpreters", "coverage", "finder", "freshness", "leaflets",
)  # fmt: skip


class PageWriter(RecordPages, ListPages, ToolPages, CoordinatorPages):
    """Every generated page of one language: the page families on one Renderer."""

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


def language_picker() -> str:
    """The root page's list of languages, each in its own name and script."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    template = env.get_template("picker.html")
    return template.render(
        languages=SITE_LANGUAGES, native_name=native_name, direction=text_direction
    )


# Languages the contribute page is written in (all of them); others would link to English.
CONTRIBUTE_LANGUAGES = SITE_LANGUAGES


def contribute_link(language: str) -> dict[str, str]:
    """The footer's "how to help" link: its path from the site root and its label."""
    target = language if language in CONTRIBUTE_LANGUAGES else "en"
    return {"path": f"{target}/contribute/", "label": catalogue(language)("contribute")}
