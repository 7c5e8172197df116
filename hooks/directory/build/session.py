"""What the MkDocs hook keeps from one event to the next, on one object: the data the docs
folder was written from, the pages written, the build under way and the root picker's 404
page. MkDocs with the i18n plugin fires every event once per language, and `mkdocs serve`
keeps the process (and this object) from one build to the next."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from jinja2 import Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from directory.build.alternates import pages_of_language, set_alternates
from directory.build.finish import BuildScope, BuildWork, finished_page, preview_scope
from directory.build.generate import GeneratedPages, generated_pages, write_pages
from directory.build.placeholder_page import use_placeholder_pages
from directory.build.sidework import DataSource
from directory.build.site_address import (
    editors_email,
    is_placeholder,
    is_placeholder_email,
    site_address,
)
from directory.build.theme import list_visible_files, skipped_template
from directory.data.dataset import Directory
from directory.data.loading import load_cached
from directory.data.problems import InvalidData
from directory.print.pdf import MissingFonts
from directory.render.page import SiteLinks
from directory.render.pages import PageWriter
from directory.text.languages import PICKER_LOCALE, SITE_LANGUAGES

log = logging.getLogger("mkdocs.hooks.records")


def links(config: MkDocsConfig) -> SiteLinks:
    return SiteLinks(
        site_url=config.site_url or "",
        repository=str(config.extra.get("repository", "")).rstrip("/"),
        branch=str(config.extra.get("branch", "main")),
        editors_email=str(config.extra.get("editors_email", "")),
    )


def project_of(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def directory_of(config: MkDocsConfig) -> Directory:
    """The project's data, validated (read again only when a file changed); invalid data
    stops the build with every problem listed."""
    project = project_of(config)
    try:
        return load_cached(project / "data", base=project)
    except InvalidData as invalid:
        for problem in invalid.problems:
            log.error(str(problem))
        raise PluginError(
            f"{len(invalid.problems)} problem(s) in the data; nothing was built. "
            "Fix them and run: .venv/bin/python -m directory validate"
        ) from None


def _build_only(config: MkDocsConfig, languages: tuple[str, ...]) -> None:
    """Tell the i18n plugin to build the root picker and `languages` only (a preview); the
    language menu then lists only those."""
    i18n = config.plugins.get("i18n")
    for language in getattr(getattr(i18n, "config", None), "languages", []):
        if language.locale not in (PICKER_LOCALE, *languages):
            language.build = False


def _i18n(config: MkDocsConfig) -> Any:
    """The i18n plugin when its languages do not fall back to the default one (then a
    language's build uses only its own pages), else None."""
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n.config, "fallback_to_default", True):
        return None
    return i18n


class BuildSession:
    """The hook's state and what it does with it at each event."""

    def __init__(self) -> None:
        self.pages_written_for: Directory | None = None
        self.generated: GeneratedPages = {}
        self.work: BuildWork | None = None  # the build under way, besides MkDocs' own work
        self.picker_404: str | None = None
        self.scope = BuildScope()
        self.written_scope: BuildScope | None = None
        self.page_files: set[str] = set()  # every page file of every language, this build
        self._block_writers: dict[str, PageWriter] = {}  # by language, for pages_written_for

    def configure(self, config: MkDocsConfig) -> None:
        """Once per language: the site address; the pages, written for all languages at
        once and again only when the data changed; the work beside the build, started with
        the first language."""
        try:
            config.site_url = site_address(config.site_url or "", os.environ)
            config.extra["editors_email"] = editors_email(
                str(config.extra.get("editors_email", "")), os.environ
            )
        except ValueError as placeholder:
            raise PluginError(str(placeholder)) from None
        list_visible_files(config.theme)
        if self.work is None:  # once a build, not once a language
            self._warn_placeholders(config)
        try:
            self.scope = preview_scope(os.environ) or BuildScope()
        except ValueError as unknown:
            raise PluginError(str(unknown)) from None
        if self.scope.languages != SITE_LANGUAGES:
            _build_only(config, self.scope.languages)
        directory = directory_of(config)
        if directory is not self.pages_written_for or self.scope != self.written_scope:
            self.generated = generated_pages(directory, links(config), self.scope.languages)
            self.written_scope = self.scope
            self._block_writers = {}
            stats = write_pages(Path(config.docs_dir), self.generated)
            self.pages_written_for = directory
            log.info(
                "records: %s; pages written %d, unchanged %d, removed %d",
                directory.summary(),
                stats.written,
                stats.unchanged,
                stats.removed,
            )
        if self.work is None:
            self.work = self._start_work(config, directory)

    @staticmethod
    def _warn_placeholders(config: MkDocsConfig) -> None:
        """Say once a build which addresses are placeholders (a deployment refuses them)."""
        if is_placeholder(config.site_url or ""):
            log.info(
                "site address: %s is a placeholder; set SITE_URL before publishing",
                config.site_url,
            )
        if is_placeholder_email(config.extra["editors_email"]):
            log.info(  # a warning would stop the strict build, also locally
                "editors' e-mail: %r is a placeholder; readers' reports would go nowhere. Set "
                "extra.editors_email in mkdocs.yml before publishing",
                config.extra["editors_email"],
            )

    def _start_work(self, config: MkDocsConfig, directory: Directory) -> BuildWork:
        project = project_of(config)
        try:
            return BuildWork(
                directory,
                self.generated,
                Path(config.site_dir),
                links(config),
                DataSource.of(project / "data", project),
                project / ".cache",
                self.scope,
            )
        except MissingFonts as missing:
            raise PluginError(str(missing)) from None

    def block_writer(self, config: MkDocsConfig) -> PageWriter:
        """What renders the generated blocks of hand-written pages (home, emergency numbers)
        in the language being built, from the data this build read: one a language and state
        of the data, where one a page read the files' state again and set up a renderer."""
        language = config.theme["language"]
        if language not in self._block_writers:
            directory = self.pages_written_for or directory_of(config)
            self._block_writers[language] = PageWriter(directory, language, links(config))
        return self._block_writers[language]

    def language_files(self, files: Files, config: MkDocsConfig) -> Files:
        """The files of the language being built, before the i18n plugin sorts them
        (`directory.build.alternates`)."""
        i18n = _i18n(config)
        if i18n is None:
            return files
        self.page_files = {file.src_uri for file in files if file.is_documentation_page()}
        languages = i18n.all_languages
        kept = pages_of_language(files, i18n.current_language, languages, i18n.default_language)
        return Files(kept)

    def link_alternates(self, files: Files, config: MkDocsConfig) -> None:
        """Each page's versions in the other languages, for the language menu and sitemap."""
        i18n = _i18n(config)
        if i18n is not None and self.page_files:
            set_alternates(
                files,
                i18n.current_language,
                i18n.all_languages,
                i18n.build_languages,
                self.page_files,
                i18n.default_language,
            )

    def use_placeholder_pages(self, nav: Navigation, files: Files, config: MkDocsConfig) -> None:
        """Generated pages go without Markdown (`directory.build.placeholder_page`)."""
        use_placeholder_pages(nav, files, config, self.generated)

    def theme_template(self, template: Template, name: str, config: MkDocsConfig) -> Template:
        """The theme template `name`, or an empty stand-in where this language's build need
        not render it (`directory.build.theme.skipped_template`)."""
        i18n = config.plugins.get("i18n")
        if i18n is None:
            return template
        first: str = i18n.default_language
        others = [language for language in i18n.build_languages if language != first]
        skipped = skipped_template(name, i18n.current_language, first, (others or [first])[-1])
        return template if skipped is None else template.environment.from_string(skipped)

    def body(self, src_uri: str) -> str | None:
        return self.work.body(src_uri) if self.work is not None else None

    def language_built(self, config: MkDocsConfig, building_more: bool) -> None:
        """A language's build ended: index it, or, after the last, finish the build."""
        if self.work is None:
            return
        if building_more:
            self.work.language_built(config.theme["language"])
            return
        try:
            notes = self.work.finish()
        finally:
            self.work = None
        for note in notes:
            log.info(note)

    def page_404(self, html: str, config: MkDocsConfig) -> str:
        """Every language's build writes the one 404.html at the site's root, the last
        (Arabic) winning, with the language menu of the last record page rendered. Keep the
        root picker's: in no single language ("mul"), its language menu leading to the home
        pages."""
        if config.theme["language"] == PICKER_LOCALE:
            self.picker_404 = finished_page(html)
        return self.picker_404 or finished_page(html)

    def failed(self) -> None:
        if self.work is not None:
            self.work.cancel()
            self.work = None
