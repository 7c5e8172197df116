"""Material's theme, asked less of in each language's build; the pages come out the same.

The i18n plugin runs MkDocs' whole build once per language (seven times), and some of the
theme's work is the same each time:

- `VisibleFilesLoader`: MkDocs lists every file of the theme's folders to find its static
  files, matching each name against a dozen patterns. Material's folder holds 14,348 icons
  under `.icons/`, every one left out by the pattern for hidden names: 100,000 names walked
  and matched a build, 0.5 s.
- `ThemeText`: Material's `partials/language.html` looks a text up by building its whole
  table of ~100 texts (a Jinja dict) at every lookup, some 40 lookups a page. The build's
  environment gets a `partials/language.html` of its own (`with_theme_text`) that looks each
  up once; anything else that loads the partial (a plugin's own environment, a build
  without the hook) keeps Material's.
- `skipped_template`: every language's build renders `404.html` and `sitemap.xml` into the
  site's root. Only the root picker's 404 page is kept (`BuildSession.page_404`), and the
  i18n plugin's sitemap grows with each build, so only the last build's is complete.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, DictLoader, Environment, FileSystemLoader

# What a language's build renders of a theme template it does not need: nothing, or for the
# sitemap a valid empty one (an empty output makes MkDocs log that it skipped the template).
EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


class VisibleFilesLoader(FileSystemLoader):
    """MkDocs' theme loader, listing no hidden files or folders: MkDocs leaves them out of
    the theme's static files anyway (its patterns `.*` and `*/.*`), and `list_templates` is
    asked for nothing else."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = os.path.relpath(folder, searchpath)
                for name in names:
                    if not name.startswith("."):
                        path = name if relative == "." else os.path.join(relative, name)
                        found.add(path.replace(os.path.sep, "/"))
        return sorted(found)


def list_visible_files(theme: Any) -> None:
    """Make MkDocs' `theme` (a `mkdocs.theme.Theme`) hand out environments whose loader is a
    `VisibleFilesLoader` over the same folders. Done once; later calls change nothing."""
    make_env: Callable[[], Environment] = theme.get_env
    if getattr(make_env, "lists_visible_files", False):
        return

    def get_env() -> Environment:
        env = make_env()
        env.loader = VisibleFilesLoader(theme.dirs)
        return env

    get_env.lists_visible_files = True  # type: ignore[attr-defined]
    theme.get_env = get_env


# A function, not a macro: Jinja's macro call cost more than the lookup.
THEME_TEXT_PARTIAL = "{% set t = directory_theme_text %}"


def with_theme_text(loader: BaseLoader) -> BaseLoader:
    """`loader`, with `partials/language.html` calling the environment's `ThemeText`, which
    the hook sets as the global `directory_theme_text`."""
    return ChoiceLoader([DictLoader({"partials/language.html": THEME_TEXT_PARTIAL}), loader])


class ThemeText:
    """Material's interface text for a key in one language: the language's own, else the
    English, else the key itself, as its `partials/language.html` gives it, each looked up
    once."""

    def __init__(self, env: Environment, language: str) -> None:
        self._env = env
        self._language = language
        self._texts: dict[str, str] = {}

    def _lookup(self, language: str, key: str) -> str:
        table = self._env.get_template(f"partials/languages/{language}.html").module
        return str(table.t(key))  # type: ignore[attr-defined]

    def __call__(self, key: str) -> str:
        if key not in self._texts:
            text = self._lookup(self._language, key) or self._lookup("en", key) or key
            self._texts[key] = text
        return self._texts[key]


def skipped_template(name: str, language: str, first: str, last: str) -> str | None:
    """What the build of `language` renders instead of the theme template `name`, or None
    to render it: the 404 page only in the `first` build (the root picker's), the sitemap
    only in the `last`, when it lists every language's pages."""
    if name == "404.html" and language != first:
        return ""
    if name == "sitemap.xml" and language != last:
        return EMPTY_SITEMAP
    return None
