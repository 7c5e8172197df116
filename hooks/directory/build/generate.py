"""Generated pages in the docs folder (DESIGN.md section 5: real files written in on_config
are what works with the i18n plugin), touching only what changed.

The files are placeholders (front matter only); the build asks `BodyRendering` for each
page's body when it reaches the page, so no body passes through Markdown (see `pages.Page`)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from directory.data.dataset import Directory
from directory.print.leaflets import leaflet_pages
from directory.render.pages import SECTIONS, Page, PageWriter, SiteLinks
from directory.text.languages import SITE_LANGUAGES


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


# Placeholder path inside the docs folder (`services/x.uk.md`) → the page it stands for.
GeneratedPages = dict[str, Page]


def localized_path(path: str, language: str) -> str:
    """`services/x.md` → `services/x.uk.md`: the i18n plugin's suffix structure."""
    stem = path.removesuffix(".md")
    return f"{stem}.{language}.md"


def generated_pages(
    directory: Directory,
    links: SiteLinks | None = None,
    languages: Iterable[str] = SITE_LANGUAGES,
) -> GeneratedPages:
    """Every generated page of every language, by its placeholder's path (bodies not made)."""
    links = links or SiteLinks()
    return {
        localized_path(page.path, language): page
        for language in languages
        for page in chain(
            PageWriter(directory, language, links).all_pages(),
            leaflet_pages(directory, language, links),
        )
    }


def write_pages(docs_dir: Path, pages: GeneratedPages) -> WriteStats:
    """Write every page's placeholder; a file is rewritten only when its text changed (else
    `mkdocs serve` sees a change and rebuilds in a loop), and pages of deleted records go."""
    written = unchanged = 0
    for path, page in pages.items():
        target = docs_dir / path
        text = page.markdown()
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    removed = 0
    for section in SECTIONS:  # folders of the docs dir that belong to the generator
        for stale in (docs_dir / section).glob("*.md"):
            if stale.relative_to(docs_dir).as_posix() not in pages:
                stale.unlink()
                removed += 1
    return WriteStats(written, unchanged, removed)


def _language_of(path: str) -> str:
    """`services/x.uk.md` → `uk`."""
    return path.removesuffix(".md").rsplit(".", 1)[-1]


# The pages a rendering process works on: it is forked from the build, so it has them as the
# build made them (pages hold closures, which cannot be sent to another process).
_pages_to_render: GeneratedPages = {}


def _render(paths: list[str]) -> list[str]:
    return [_pages_to_render[path].body for path in paths]


class BodyRendering:
    """The generated pages' bodies, made in another process a language or two ahead of the
    build: MkDocs builds one language after another on one core, and the bodies (2 s a
    language at 2,000 services) need only the data. Where processes cannot be forked, each
    body is made when asked for."""

    def __init__(self, pages: GeneratedPages, languages: Iterable[str], ahead: int = 2) -> None:
        self._pages = pages
        self._order = list(languages)
        self._ahead = ahead
        self._paths: dict[str, list[str]] = {language: [] for language in self._order}
        for path in pages:
            self._paths.setdefault(_language_of(path), []).append(path)
        self._runs: dict[str, Future[list[str]]] = {}
        self._language: str | None = None  # whose bodies are at hand
        self._bodies: dict[str, str] = {}
        self._pool: ProcessPoolExecutor | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            global _pages_to_render
            _pages_to_render = pages
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._submit(self._order[: self._ahead])

    def _submit(self, languages: Iterable[str]) -> None:
        assert self._pool is not None
        for language in languages:
            if language not in self._runs:
                self._runs[language] = self._pool.submit(_render, self._paths[language])

    def body(self, path: str) -> str | None:
        """The body of the generated page at `path`; None for a page not generated."""
        page = self._pages.get(path)
        if page is None or self._pool is None:
            return None if page is None else page.body
        language = _language_of(path)
        if language != self._language:
            self._switch_to(language)
        return self._bodies[path]

    def _switch_to(self, language: str) -> None:
        """Take the language's bodies (waiting if need be), drop the last one's, start ahead."""
        self._submit([language])
        self._bodies = dict(
            zip(self._paths[language], self._runs.pop(language).result(), strict=True)
        )
        self._language = language
        if language in self._order:
            following = self._order[self._order.index(language) + 1 :]
            self._submit(following[: self._ahead])

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        self._runs.clear()
        self._bodies.clear()
