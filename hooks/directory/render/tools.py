"""The reader's tools and the blocks of hand-written pages: the overview map, interpreters,
finder and search pages; the home, emergency and police blocks."""

from __future__ import annotations

from functools import partial
from typing import get_args

from markupsafe import escape

from directory.data.models import (
    DAYS,
    Access,
)
from directory.render.finder import FINDER_DATA_FILE, finder_labels
from directory.render.formatting import natural_order
from directory.render.page import Page
from directory.render.renderer import CZECHIA_CENTRE, Renderer


class ToolPages(Renderer):
    """The overview map, interpreters, finder and search pages, and the home, emergency and
    police blocks of hand-written pages."""

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

    def finder(self) -> Page:
        """The referral finder: filters over the language's finder data (finder.py)."""
        return Page("finder/index.md", self.t("nav_finder"), self._finder_body)

    def _finder_body(self) -> str:
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
            labels=finder_labels(self.t),
        )

    def search_page(self) -> Page:
        return Page("search/index.md", self.t("search"), partial(self.render, "search.html", "../"))
