"""The work of one build besides MkDocs' own.

`BuildWork` starts with the build. MkDocs builds one language after another on one core, so
what needs no MkDocs output runs in other processes meanwhile: the generated pages' bodies a
language ahead, the leaflet PDFs (they need only the data) from the start, each language's
search index once its pages are written. `BuildWork.finish` runs once after every language is
built: it writes what needs the whole site and waits for the rest."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from directory.build.generate import GeneratedPages, language_of
from directory.build.search import SearchIndexing
from directory.build.sidework import DataSource, SideWork
from directory.build.sitemaps import publish_sitemaps, x_default
from directory.data.dataset import Directory
from directory.editing.decap import build_admin
from directory.editing.sveltia import EDITOR_BUNDLE
from directory.exports.opendata import write_open_data
from directory.print.pdf import PdfPrinting
from directory.render.finder import write_finder_data
from directory.render.maps import copy_assets, write_map_data
from directory.render.pages import SiteLinks
from directory.text.languages import SITE_LANGUAGES

# Niceness of the search indexes: Pagefind uses every core it finds, and MkDocs is on the
# build's longest path. (The PDFs, ~30 ms a leaflet with Typst, wait in the one queue of the
# work beside the build behind the first bodies.)
SEARCH_NICENESS = 10


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


@dataclass(frozen=True)
class BuildScope:
    """What a build makes: everything for the site, or a preview (`preview_scope`)."""

    languages: tuple[str, ...] = SITE_LANGUAGES
    pdfs: bool = True
    search: bool = True
    open_data: bool = True

    @property
    def needs_workers(self) -> bool:
        """Whether work beside MkDocs pays: PDFs, search, or several languages' bodies. A
        preview of one language makes its few hundred bodies in the build's process
        (`SideWork` with no workers) when MkDocs reaches its first page: a pool's start (each
        worker loading the data and compiling the templates) took longer than the bodies.
        Edit to preview, uk, real data: 3.5-3.9 s with workers, 2.7-3.1 s without."""
        return self.pdfs or self.search or len(self.languages) > 1


def preview_scope(environ: Mapping[str, str]) -> BuildScope | None:
    """`ROZCESTNIK_PREVIEW=uk` (or `uk,ar`, or `all`): a preview for `mkdocs serve`, of those
    languages only, without leaflet PDFs, search indexes and open data. None: a whole build.
    Raises ValueError naming the languages there are for an unknown one."""
    asked = environ.get("ROZCESTNIK_PREVIEW", "").strip()
    if not asked:
        return None
    languages = SITE_LANGUAGES if asked == "all" else tuple(asked.replace(" ", "").split(","))
    unknown = [language for language in languages if language not in SITE_LANGUAGES]
    if unknown:
        raise ValueError(
            f"ROZCESTNIK_PREVIEW={asked}: no language {', '.join(unknown)}; choose from "
            f"{', '.join(SITE_LANGUAGES)} or all"
        )
    ordered = tuple(language for language in SITE_LANGUAGES if language in languages)
    return BuildScope(ordered, pdfs=False, search=False, open_data=False)


class BuildWork:
    """Generated bodies, leaflet PDFs, search indexes, map and finder data, open data and the
    web editor of one build of the site into `site_dir`; the bodies and PDFs go through one
    scheduler (`SideWork`), the search indexes are Pagefind processes (`SearchIndexing`)."""

    def __init__(
        self,
        directory: Directory,
        pages: GeneratedPages,
        site_dir: Path,
        links: SiteLinks,
        source: DataSource,
        cache: Path,
        scope: BuildScope | None = None,
    ) -> None:
        self.scope = scope or BuildScope()
        self.directory = directory
        self.site_dir = site_dir
        self.links = links
        self.data_dir = source.data_dir
        self._generated = pages
        self._started = time.perf_counter()
        # First the bodies, which the first language needs within seconds.
        workers = None if self.scope.needs_workers else 0
        self._side = SideWork(
            pages, source, links, self.scope.languages, workers, directory=directory
        )
        self._language: str | None = None  # whose bodies are at hand
        self._bodies: dict[str, str] = {}
        self._search = SearchIndexing(site_dir, SEARCH_NICENESS) if self.scope.search else None
        self._pdfs: PdfPrinting | None = None
        try:
            if self.scope.pdfs:
                self._pdfs = PdfPrinting(
                    directory, links, cache / "leaflets", executor=self._side.executor
                )
        except BaseException:
            self.cancel()  # the fonts are missing: no worker left behind
            raise

    def body(self, path: str) -> str | None:
        """The body of the generated page whose placeholder is `path`, else None."""
        if path not in self._generated:
            return None
        language = language_of(path)
        if language != self._language:
            self._bodies = self._side.bodies(language)
            self._language = language
        return self._bodies.get(path)

    def language_built(self, language: str) -> None:
        """The pages of `language` are all written: index them."""
        if self._search is not None and language in self.scope.languages:
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
        self._bodies.clear()
        publish_sitemaps(self.site_dir, self.links.site_url)
        for language in self.scope.languages:
            write_map_data(self.directory, self.site_dir, language)
            write_finder_data(self.directory, self.site_dir, language)
        copy_assets(self.site_dir)
        if self.scope.open_data:
            write_open_data(self.directory, self.site_dir, date.today(), self.links.site_url)
        notes = []
        if self.links.repository:
            admin = build_admin(
                self.site_dir, self.links.repository, self.links.branch, self.data_dir
            )
            if not any(path.name == EDITOR_BUNDLE for path in admin):
                notes.append("admin: the editor's bundle is missing; run `make` to fetch it")
        waited = time.perf_counter()
        pdfs = self._pdfs.write(self.site_dir) if self._pdfs is not None else []
        stale = self._pdfs.prune_cache() if self._pdfs is not None else []
        searched = self._search.wait() if self._search is not None else {}
        self._side.close()
        printed = self._pdfs.printed if self._pdfs is not None else 0
        notes.append(
            f"leaflets: {len(pdfs)} PDFs ({printed} printed, the others from the"
            f" cache) and search: {len(searched)} indexes, made beside the build; waited"
            f" {time.perf_counter() - waited:.1f} s for them after the last language,"
            f" {waited - self._started:.1f} s into the build"
        )
        if stale:
            notes.append(f"leaflets: {len(stale)} PDFs of earlier builds removed from the cache")
        notes += [f"search {language}: {summary}" for language, summary in searched.items()]
        if self.scope != BuildScope():
            notes.append(
                f"preview of {', '.join(self.scope.languages)}: no leaflet PDFs, search indexes"
                " or open data (unset ROZCESTNIK_PREVIEW for the whole site)"
            )
        return notes

    def cancel(self) -> None:
        """The build stopped: end the work beside it."""
        self._bodies.clear()
        self._side.cancel()
        if self._pdfs is not None:
            self._pdfs.cancel()
        if self._search is not None:
            self._search.cancel()
