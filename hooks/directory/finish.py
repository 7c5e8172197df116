"""What the finished site gets besides MkDocs' pages: run once after every language is built."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from .dataset import Directory
from .decap import build_admin
from .finder import write_finder_data
from .languages import PICKER_LOCALE, SITE_LANGUAGES
from .leaflets import write_pdfs
from .maps import copy_assets, write_map_data
from .opendata import write_open_data
from .pages import SiteLinks
from .search import index_site


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


def finish_site(
    directory: Directory, site_dir: Path, links: SiteLinks, data_dir: Path, cache_dir: Path
) -> list[str]:
    """Sitemap alternates, map and finder data, Leaflet, open data, leaflet PDFs, the web
    editor and the search index. Returns lines worth logging."""
    notes = []
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        sitemap.write_text(x_default(sitemap.read_text(encoding="utf-8")), encoding="utf-8")
    for language in SITE_LANGUAGES:
        write_map_data(directory, site_dir, language)
        write_finder_data(directory, site_dir, language)
    copy_assets(site_dir)
    write_open_data(directory, site_dir, date.today(), links.site_url)
    started = time.perf_counter()
    pdfs = write_pdfs(directory, site_dir, links, cache_dir / "leaflets")
    notes.append(f"leaflets: {len(pdfs)} PDFs in {time.perf_counter() - started:.1f} s")
    if links.repository:
        admin = build_admin(site_dir, links.repository, links.branch, data_dir)
        if not any(path.name == "decap-cms.js" for path in admin):
            notes.append("admin: Decap's bundle is missing; run `make` to fetch it")
    notes.append(f"search: {index_site(site_dir).strip().splitlines()[-1:]}")
    return notes
