"""What the finished site gets besides MkDocs' pages.

`SiteExtras` starts with the build: leaflet PDFs need only the data, and each language's
search index only that language's pages, so both run in other processes while MkDocs goes on
(it builds on one core). `SiteExtras.finish` runs once after every language is built: it
writes what needs the whole site and waits for the rest."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

from .dataset import Directory
from .decap import build_admin
from .finder import write_finder_data
from .languages import PICKER_LOCALE, SITE_LANGUAGES
from .leaflets import PdfPrinting
from .maps import copy_assets, write_map_data
from .opendata import write_open_data
from .pages import SiteLinks
from .search import SearchIndexing

# Niceness of the work beside the build: MkDocs, on the longer path, gets a core when it asks.
BACKGROUND = 10


def x_default(html: str) -> str:
    """The root picker is the "x-default" alternate of every page, not a language."""
    return html.replace(f'hreflang="{PICKER_LOCALE}"', 'hreflang="x-default"')


def finished_page(html: str) -> str:
    """A page as MkDocs wrote it, mended: the picker as "x-default", and the title of
    Material's table of contents, a label for an input Material writes only on pages that are
    in the navigation (elsewhere it points at nothing: invalid HTML)."""
    html = x_default(html)
    if 'id="__toc"' not in html:
        html = html.replace(
            '<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">'
        )
    return html


class SiteExtras:
    """Leaflet PDFs, search indexes, map and finder data, open data and the web editor of one
    build of the site into `site_dir`."""

    def __init__(
        self, directory: Directory, site_dir: Path, links: SiteLinks, data_dir: Path, cache: Path
    ) -> None:
        self.directory = directory
        self.site_dir = site_dir
        self.links = links
        self.data_dir = data_dir
        self._started = time.perf_counter()
        self._pdfs = PdfPrinting(
            directory, links, cache / "leaflets", workers=os.cpu_count() or 1, niceness=BACKGROUND
        )
        self._search = SearchIndexing(site_dir, niceness=BACKGROUND)
        self._indexed: set[str] = set()

    def language_built(self, language: str) -> None:
        """The pages of `language` are all written: index them."""
        if language in SITE_LANGUAGES and language not in self._indexed:
            self._search.start(language)
            self._indexed.add(language)

    def finish(self) -> list[str]:
        """Everything else, and the waiting. Returns lines worth logging."""
        for language in SITE_LANGUAGES:  # languages the build did not announce
            if (self.site_dir / language).is_dir():
                self.language_built(language)
        sitemap = self.site_dir / "sitemap.xml"
        if sitemap.is_file():
            sitemap.write_text(x_default(sitemap.read_text(encoding="utf-8")), encoding="utf-8")
        for language in SITE_LANGUAGES:
            write_map_data(self.directory, self.site_dir, language)
            write_finder_data(self.directory, self.site_dir, language)
        copy_assets(self.site_dir)
        write_open_data(self.directory, self.site_dir, date.today(), self.links.site_url)
        notes = []
        if self.links.repository:
            admin = build_admin(
                self.site_dir, self.links.repository, self.links.branch, self.data_dir
            )
            if not any(path.name == "decap-cms.js" for path in admin):
                notes.append("admin: Decap's bundle is missing; run `make` to fetch it")
        waited = time.perf_counter()
        pdfs = self._pdfs.write(self.site_dir)
        searched = self._search.finish()
        notes.append(
            f"leaflets: {len(pdfs)} PDFs and search: {len(searched)} indexes, made beside the"
            f" build (started {waited - self._started:.1f} s before this line; waited"
            f" {time.perf_counter() - waited:.1f} s for them)"
        )
        notes += [f"search {language}: {summary}" for language, summary in searched.items()]
        return notes

    def cancel(self) -> None:
        """The build stopped: end the work beside it."""
        self._pdfs.cancel()
        self._search.cancel()
