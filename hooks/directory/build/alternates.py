"""One language's pages for the i18n plugin, and each page's versions in the other languages.

The i18n plugin (mkdocs-static-i18n) builds the languages one after another and, for each,
remakes every page file of every language and looks up each page's other-language versions
file by file: 55,661 file objects a build for the real data, 5.2 of its 18 s. Here each
language's build is handed only its own pages (`pages_of_language`), which is all the plugin
keeps of them when it does not fall back to the default language, and the alternates the
language menu and the sitemap declare are set from the names of the files
(`set_alternates`): the same page in language `L` is `name.L.md`, served under `L/`.

Files are MkDocs' `File` objects, used only through the attributes the i18n plugin gives
them; no MkDocs import is needed here."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Alternate:
    """Another language's version of a page, as the language menu and the sitemap template
    read it: its address (no `page`: the template then builds it from `url`)."""

    url: str
    page: None = None


def _split(src_uri: str, languages: Sequence[str]) -> tuple[str, str | None, str]:
    """A page file's name without its language suffix, the suffix's language, the extension:
    `about.uk.md` → (about, uk, .md); `index.md` → (index, None, .md)."""
    stem, extension = posixpath.splitext(src_uri)
    base, suffix = posixpath.splitext(stem)
    if suffix.lstrip(".") in languages:
        return base, suffix.lstrip("."), extension
    return stem, None, extension


def page_language(src_uri: str, languages: Sequence[str], default: str) -> str:
    """The language of a page file: its suffix (`about.uk.md` → uk), else the default."""
    return _split(src_uri, languages)[1] or default


def in_language(src_uri: str, language: str, languages: Sequence[str], default: str) -> str:
    """The page file of `src_uri`'s page in `language` (`about.uk.md`, cs → `about.cs.md`;
    the default language's files have no suffix)."""
    name, _, extension = _split(src_uri, languages)
    return f"{name}{extension}" if language == default else f"{name}.{language}{extension}"


def pages_of_language(
    files: Iterable[Any], language: str, languages: Sequence[str], default: str
) -> list[Any]:
    """The files a build of `language` uses: its pages and every file that is not a page."""
    return [
        file
        for file in files
        if not file.is_documentation_page()
        or page_language(file.src_uri, languages, default) == language
    ]


def _url_in(language: str, path: str, default: str) -> str:
    """The address of a page at `path` (relative to a language's folder) in `language`."""
    if language == default:
        return path or "./"
    return f"{language}/{path}"


def set_alternates(
    files: Iterable[Any],
    language: str,
    languages: Sequence[str],
    built: Sequence[str],
    all_pages: set[str],
    default: str,
) -> None:
    """Give each page of the `language` build its versions in the other `built` languages
    that exist among `all_pages` (every page file of the site), in the i18n plugin's order:
    the page itself, then the others sorted. `languages`: all the configured ones."""
    prefix = "" if language == default else f"{language}/"
    for file in files:
        if not file.is_documentation_page():
            continue
        path = file.url.removeprefix(prefix)
        path = "" if path == "./" else path
        alternates: dict[str, Any] = {language: file}
        for other in sorted(built):
            if (
                other != language
                and in_language(file.src_uri, other, languages, default) in all_pages
            ):
                alternates[other] = Alternate(_url_in(other, path, default))
        file.alternates = alternates
