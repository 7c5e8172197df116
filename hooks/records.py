"""MkDocs hook: validate the data (once per process and state of the files), write the pages
of every language, fill the generated blocks of hand-written pages, and index the finished
site for search. The build stops with every problem listed when the data is invalid.

Only translation of MkDocs events into core calls happens here; the work is in `directory`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from directory.dataset import Directory
from directory.decap import build_admin
from directory.generate import write_pages
from directory.languages import PICKER_LOCALE, SITE_LANGUAGES
from directory.loading import load_cached
from directory.maps import copy_assets, write_map_data
from directory.opendata import write_open_data
from directory.pages import PageWriter, SiteLinks, contribute_link, language_picker
from directory.problems import InvalidData
from directory.search import index_site
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.records")

_pages_written_for: Directory | None = None  # the data the docs folder was last written from


def _directory(config: MkDocsConfig) -> Directory:
    project = Path(config.config_file_path).parent
    try:
        return load_cached(project / "data", base=project)
    except InvalidData as invalid:
        for problem in invalid.problems:
            log.error(str(problem))
        raise PluginError(
            f"{len(invalid.problems)} problem(s) in the data; nothing was built. "
            "Fix them and run: .venv/bin/python -m directory validate"
        ) from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The i18n plugin runs this once per language; pages are written for all languages at
    # once, and again only when the data changed (mkdocs serve).
    global _pages_written_for
    directory = _directory(config)
    if directory is not _pages_written_for:
        stats = write_pages(directory, Path(config.docs_dir), _links(config))
        _pages_written_for = directory
        log.info(
            "records: %s; pages written %d, unchanged %d, removed %d",
            directory.summary(),
            stats.written,
            stats.unchanged,
            stats.removed,
        )
    return config


def _links(config: MkDocsConfig) -> SiteLinks:
    return SiteLinks(
        site_url=config.site_url or "",
        repository=str(config.extra.get("repository", "")).rstrip("/"),
        branch=str(config.extra.get("branch", "main")),
    )


# Markers in hand-written pages, replaced by blocks generated from the data.
_BLOCKS: dict[str, Callable[[PageWriter], str]] = {
    "<!-- directory:home -->": PageWriter.home_block,
    "<!-- directory:emergency-numbers -->": PageWriter.emergency_block,
    "<!-- directory:police -->": PageWriter.police_block,
}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    language = config.theme["language"]
    if "<!-- directory:language-picker -->" in markdown:
        markdown = markdown.replace("<!-- directory:language-picker -->", language_picker())
    if language == PICKER_LOCALE or not any(marker in markdown for marker in _BLOCKS):
        return markdown
    writer = PageWriter(_directory(config), language, _links(config))
    for marker, render in _BLOCKS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, render(writer))
    return markdown


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, **_: Any
) -> dict[str, Any]:
    language = config.theme["language"]
    if language != PICKER_LOCALE:
        context["directory_contribute"] = contribute_link(language)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The root picker is the "x-default" alternate of every page, not a language.
    return output.replace(f'hreflang="{PICKER_LOCALE}"', 'hreflang="x-default"')


@event_priority(-200)  # after the i18n plugin (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # one language of several: wait for the outermost build
    site = Path(config.site_dir)
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        text = sitemap.read_text(encoding="utf-8")
        sitemap.write_text(text.replace(f'hreflang="{PICKER_LOCALE}"', 'hreflang="x-default"'))
    directory = _directory(config)
    for language in SITE_LANGUAGES:
        write_map_data(directory, site, language)
    copy_assets(site)
    write_open_data(directory, site, date.today(), config.site_url or "")
    links = _links(config)
    if links.repository:
        project = Path(config.config_file_path).parent
        admin = build_admin(site, links.repository, links.branch, project / "data")
        if not any(path.name == "decap-cms.js" for path in admin):
            log.info("admin: Decap's bundle is missing; run `make` to fetch it")
    log.info("search: %s", index_site(site).strip().splitlines()[-1:])
