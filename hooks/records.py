"""MkDocs hook: validate the data (once per process and state of the files), write the pages
of every language, fill the generated blocks of hand-written pages, and index the finished
site for search. The build stops with every problem listed when the data is invalid.

Only translation of MkDocs events into core calls happens here; the work is in `directory`,
the state between events on one `BuildSession`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from directory.build import collector, forkserver

# Before the imports below (0.3 s): the workers' server prepares meanwhile (see the module).
forkserver.start_early(os.environ)
collector.set_for_the_build()

from directory.build.finish import finished_page
from directory.build.session import BuildSession
from directory.build.shared_nav import SharedNav, theme_loader
from directory.build.theme import ThemeText, with_theme_text
from directory.render.formatting import isolate_bracketed_latin
from directory.render.not_found import not_found_block
from directory.render.pages import PageWriter, contribute_link, language_picker
from directory.render.renderer import TEMPLATE_CACHE
from directory.text.languages import PICKER_LOCALE, text_direction
from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

session = BuildSession()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    session.configure(config)
    return config


# Markers in hand-written pages, replaced by blocks generated from the data.
_BLOCKS: dict[str, Callable[[PageWriter], str]] = {
    "<!-- directory:home -->": PageWriter.home_block,
    "<!-- directory:emergency-numbers -->": PageWriter.emergency_block,
    "<!-- directory:police -->": PageWriter.police_block,
    "<!-- directory:editors -->": lambda writer: writer.render("editors.html", ""),
}


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = TEMPLATE_CACHE  # Material's templates compiled once, not per language
    theme_dirs = [path for path in config.theme.dirs if path != config.theme.custom_dir]
    if env.loader is not None:
        env.loader = with_theme_text(theme_loader(env.loader, theme_dirs))
    env.globals["directory_shared_nav"] = SharedNav()
    env.globals["directory_theme_text"] = ThemeText(env, config.theme["language"])
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return session.language_files(files, config)  # before the i18n plugin's (-100)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    session.link_alternates(files, config)  # after the i18n plugin's files, before its pages
    session.use_placeholder_pages(nav, files, config)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    language = config.theme["language"]
    if "<!-- directory:language-picker -->" in markdown:
        markdown = markdown.replace("<!-- directory:language-picker -->", language_picker())
    if language == PICKER_LOCALE:
        return markdown
    if text_direction(language) == "rtl":
        markdown = isolate_bracketed_latin(markdown)
    if not any(marker in markdown for marker in _BLOCKS):
        return markdown
    writer = session.block_writer(config)
    for marker, render in _BLOCKS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, render(writer))
    return markdown


def on_page_content(html: str, page: Page, **_: Any) -> str:
    body = session.body(page.file.src_uri)
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


def on_pre_template(template: Template, template_name: str, config: MkDocsConfig) -> Template:
    return session.theme_template(template, template_name, config)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output_content
    if "<!-- directory:not-found -->" in output_content:  # not in the skipped ones
        root = urlsplit(config.site_url or "/").path or "/"
        block = not_found_block(root)
        output_content = output_content.replace("<!-- directory:not-found -->", block)
    return session.page_404(output_content, config)


@event_priority(-200)  # after the i18n plugin (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    session.language_built(config, building_more=bool(getattr(i18n, "building", False)))


def on_build_error(error: Exception) -> None:
    session.failed()


def on_shutdown() -> None:
    collector.set_for_the_exit()
