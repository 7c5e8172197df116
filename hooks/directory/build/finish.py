"""The work of one build besides MkDocs' own.

`BuildWork` starts with the build. MkDocs builds one language after another on one core, so
what needs no MkDocs output runs in other processes meanwhile: the generated pages' bodies a
language ahead, the leaflet PDFs (they need only the data) from the start, each language's
search index once its pages are written. `BuildWork.finish` runs once after every language is
built: it writes what needs the whole site and waits for the rest."""

from __future__ import annotations

import gzip
import os
import re
import time
from datetime import date
from pathlib import Path

from directory.build.generate import BodyRendering, GeneratedPages
from directory.build.search import SearchIndexing
from directory.data.dataset import Directory
from directory.editing.decap import build_admin
from directory.editing.sveltia import EDITOR_BUNDLE
from directory.exports.opendata import write_open_data
from directory.print.pdf import PdfPrinting
from directory.render.finder import write_finder_data
from directory.render.maps import copy_assets, write_map_data
from directory.render.pages import SiteLinks
from directory.text.languages import PICKER_LOCALE, SITE_LANGUAGES

# Niceness of the work beside the build. MkDocs is on the longest path, and the bodies it
# needs next are made at its own priority; each search index can start only once its language
# is built, and the leaflets, which can be made any time, take what is left.
SEARCH_NICENESS = 10
PDF_NICENESS = 19


def x_default(html: str) -> str:
    """The root picker is the "x-default" alternate of every page, not a language."""
    return html.replace(f'hreflang="{PICKER_LOCALE}"', 'hreflang="x-default"')


# For each of these, Material's script downloads `<alternate>/sitemap.xml` on every page view:
# the whole sitemap for the picker's (1.4 MB for the real data, 33 MB at 5,000 services) and a
# 404 for each language. It needs none of them here (no instant navigation; the language menu
# links each page's own alternates), and the sitemap declares the same alternates for search
# engines.
# (The pattern starts with its literal: led by optional whitespace it took 0.43 ms a page, on
# the build's longest path, against 0.013 ms.)
_HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def finished_page(html: str) -> str:
    """A page as MkDocs wrote it, mended: the title of Material's table of contents, a label
    for an input Material writes only on pages that are in the navigation (elsewhere it points
    at nothing: invalid HTML), no alternates in the head (see `_HEAD_ALTERNATE`), and the
    picker in the language menu as "x-default"."""
    html = x_default(_HEAD_ALTERNATE.sub("", html))
    if 'id="__toc"' not in html:
        html = html.replace(
            '<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">'
        )
    return html


def publish_sitemap(site_dir: Path, site_url: str) -> None:
    """The sitemap, which declares every page's alternates for search engines, with the picker
    as "x-default" (in MkDocs' gzipped copy too), and robots.txt naming it."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = x_default(sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
    robots = "User-agent: *\nAllow: /\n"
    if site_url:  # the Sitemap line takes a full address
        robots += f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n"
    (site_dir / "robots.txt").write_text(robots, encoding="utf-8")


class BuildWork:
    """Generated bodies, leaflet PDFs, search indexes, map and finder data, open data and the
    web editor of one build of the site into `site_dir`."""

    def __init__(
        self,
        directory: Directory,
        pages: GeneratedPages,
        site_dir: Path,
        links: SiteLinks,
        data_dir: Path,
        cache: Path,
    ) -> None:
        self.directory = directory
        self.site_dir = site_dir
        self.links = links
        self.data_dir = data_dir
        self._started = time.perf_counter()
        # First the bodies, which the first language needs within seconds; the leaflets'
        # HTML takes a second to make before their printing starts.
        self._bodies = BodyRendering(pages, SITE_LANGUAGES)
        try:
            self._pdfs = PdfPrinting(
                directory,
                links,
                cache / "leaflets",
                workers=os.cpu_count() or 1,
                niceness=PDF_NICENESS,
            )
        except BaseException:
            self._bodies.close()  # the fonts are missing: no renderer left behind
            raise
        self._search = SearchIndexing(site_dir, niceness=SEARCH_NICENESS)

    def body(self, path: str) -> str | None:
        """The body of the generated page whose placeholder is `path`, else None."""
        return self._bodies.body(path)

    def language_built(self, language: str) -> None:
        """The pages of `language` are all written: index them."""
        if language in SITE_LANGUAGES:
            self._search.start(language)

    def finish(self) -> list[str]:
        """Everything else, and the waiting. Returns lines worth logging. A failure ends the
        work still running beside the build before it is raised."""
        try:
            return self._finish()
        except BaseException:
            self.cancel()
            raise

    def _finish(self) -> list[str]:
        self._bodies.close()
        publish_sitemap(self.site_dir, self.links.site_url)
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
            if not any(path.name == EDITOR_BUNDLE for path in admin):
                notes.append("admin: the editor's bundle is missing; run `make` to fetch it")
        waited = time.perf_counter()
        pdfs = self._pdfs.write(self.site_dir)
        stale = self._pdfs.prune_cache()
        searched = self._search.finish()
        notes.append(
            f"leaflets: {len(pdfs)} PDFs ({self._pdfs.printed} printed, the others from the"
            f" cache) and search: {len(searched)} indexes, made beside the build; waited"
            f" {time.perf_counter() - waited:.1f} s for them after the last language,"
            f" {waited - self._started:.1f} s into the build"
        )
        if stale:
            notes.append(f"leaflets: {len(stale)} PDFs of earlier builds removed from the cache")
        notes += [f"search {language}: {summary}" for language, summary in searched.items()]
        return notes

    def cancel(self) -> None:
        """The build stopped: end the work beside it."""
        self._bodies.close()
        self._pdfs.cancel()
        self._search.cancel()
