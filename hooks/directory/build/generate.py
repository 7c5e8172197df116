"""Generated pages in the docs folder (DESIGN.md section 5: real files written in on_config
are what works with the i18n plugin), touching only what changed.

The files are placeholders (front matter only); the build puts each page's body in when it
reaches the page (made beside the build: `sidework`), so no body passes through Markdown
(see `page.Page`)."""

from __future__ import annotations

from collections.abc import Iterable
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


def language_of(path: str) -> str:
    """`services/x.uk.md` → `uk`."""
    return path.removesuffix(".md").rsplit(".", 1)[-1]
