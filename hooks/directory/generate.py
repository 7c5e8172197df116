"""Writing generated Markdown pages into the docs folder (DESIGN.md section 5: real files
written in on_config are what works with the i18n plugin), touching only what changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from .dataset import Directory
from .languages import SITE_LANGUAGES
from .leaflets import leaflet_pages
from .pages import SECTIONS, Page, PageWriter, SiteLinks


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def localized_path(path: str, language: str) -> str:
    """`services/x.md` → `services/x.uk.md`: the i18n plugin's suffix structure."""
    stem = path.removesuffix(".md")
    return f"{stem}.{language}.md"


def write_pages(
    directory: Directory,
    docs_dir: Path,
    links: SiteLinks | None = None,
    languages: Iterable[str] = SITE_LANGUAGES,
) -> WriteStats:
    """Write every generated page in every language; a file is rewritten only when its text
    changed (else `mkdocs serve` sees a change and rebuilds in a loop), and pages of deleted
    records go."""
    links = links or SiteLinks()
    pages = (
        (localized_path(page.path, language), page)
        for language in languages
        for page in chain(
            PageWriter(directory, language, links).all_pages(),
            leaflet_pages(directory, language, links),
        )
    )
    return sync_files(docs_dir, pages)


def sync_files(docs_dir: Path, pages: Iterable[tuple[str, Page]]) -> WriteStats:
    written = unchanged = 0
    wanted: set[Path] = set()
    for path, page in pages:
        target = docs_dir / path
        wanted.add(target)
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
            if stale not in wanted:
                stale.unlink()
                removed += 1
    return WriteStats(written, unchanged, removed)
