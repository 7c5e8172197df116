"""MkDocs hook: validate the data (once per process and state of the files), write the pages
of every language, fill the generated blocks of hand-written pages, and index the finished
site for search. The build stops with every problem listed when the data is invalid.

Only translation of MkDocs events into core calls happens here; the work is in `directory`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from directory.build.finish import BuildWork, finished_page
from directory.build.generate import GeneratedPages, generated_pages, write_pages
from directory.build.site_address import (
    editors_email,
    is_placeholder,
    is_placeholder_email,
    site_address,
)
from directory.data.dataset import Directory
from directory.data.loading import load_cached
from directory.data.problems import InvalidData
from directory.print.pdf import MissingFonts
from directory.render.not_found import not_found_block
from directory.render.pages import PageWriter, SiteLinks, contribute_link, language_picker
from directory.text.languages import PICKER_LOCALE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.records")

_pages_written_for: Directory | None = None  # the data the docs folder was last written from
_generated: GeneratedPages = {}  # the pages written from it, by placeholder path
_work: BuildWork | None = None  # the build under way, besides MkDocs' own work


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
    global _pages_written_for, _generated, _work
    try:
        config.site_url = site_address(config.site_url or "", os.environ)
        config.extra["editors_email"] = editors_email(
            str(config.extra.get("editors_email", "")), os.environ
        )
    except ValueError as placeholder:
        raise PluginError(str(placeholder)) from None
    if is_placeholder(config.site_url):
        log.info(
            "site address: %s is a placeholder; set SITE_URL before publishing", config.site_url
        )
    if is_placeholder_email(config.extra["editors_email"]):
        log.info(  # a warning would stop the strict build, also locally
            "editors' e-mail: %r is a placeholder; readers' reports would go nowhere. Set "
            "extra.editors_email in mkdocs.yml before publishing",
            config.extra["editors_email"],
        )
    directory = _directory(config)
    if directory is not _pages_written_for:
        _generated = generated_pages(directory, _links(config))
        stats = write_pages(Path(config.docs_dir), _generated)
        _pages_written_for = directory
        log.info(
            "records: %s; pages written %d, unchanged %d, removed %d",
            directory.summary(),
            stats.written,
            stats.unchanged,
            stats.removed,
        )
    if _work is None:  # the first language of a build
        project = Path(config.config_file_path).parent
        try:
            _work = BuildWork(
                directory,
                _generated,
                Path(config.site_dir),
                _links(config),
                project / "data",
                project / ".cache",
            )
        except MissingFonts as missing:
            raise PluginError(str(missing)) from None
    return config


def _links(config: MkDocsConfig) -> SiteLinks:
    return SiteLinks(
        site_url=config.site_url or "",
        repository=str(config.extra.get("repository", "")).rstrip("/"),
        branch=str(config.extra.get("branch", "main")),
        editors_email=str(config.extra.get("editors_email", "")),
    )


# Markers in hand-written pages, replaced by blocks generated from the data.
_BLOCKS: dict[str, Callable[[PageWriter], str]] = {
    "<!-- directory:home -->": PageWriter.home_block,
    "<!-- directory:emergency-numbers -->": PageWriter.emergency_block,
    "<!-- directory:police -->": PageWriter.police_block,
    "<!-- directory:editors -->": lambda writer: writer.render("editors.html", ""),
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


def on_page_content(html: str, page: Page, **_: Any) -> str:
    body = _work.body(page.file.src_uri) if _work is not None else None
    return html if body is None else body


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, **_: Any
) -> dict[str, Any]:
    language = config.theme["language"]
    if language != PICKER_LOCALE:
        context["directory_contribute"] = contribute_link(language)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return finished_page(output)


_picker_404: str | None = None  # the root picker build's 404 page


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Every language's build writes the one 404.html at the site's root, the last (Arabic)
    winning, with the language menu of the last record page rendered. Keep the root
    picker's: in no single language ("mul"), its language menu leading to the home pages, and
    its text "page not found" with a link home in every language (`not_found_block`)."""
    global _picker_404
    if template_name != "404.html":
        return output_content
    root = urlsplit(config.site_url or "/").path or "/"
    output_content = output_content.replace("<!-- directory:not-found -->", not_found_block(root))
    if config.theme["language"] == PICKER_LOCALE:
        _picker_404 = finished_page(output_content)
    return _picker_404 or finished_page(output_content)


@event_priority(-200)  # after the i18n plugin (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    global _work
    if _work is None:
        return
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        _work.language_built(config.theme["language"])  # one language of several
        return
    try:
        notes = _work.finish()
    finally:
        _work = None
    for note in notes:
        log.info(note)


def on_build_error(error: Exception) -> None:
    global _work
    if _work is not None:
        _work.cancel()
        _work = None
