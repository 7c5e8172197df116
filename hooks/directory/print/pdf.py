"""Leaflet PDFs: fonts checked, sheets printed with WeasyPrint in other processes, and a
cache of printed PDFs keyed by their content."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import shutil
import subprocess
from concurrent.futures import Future, ProcessPoolExecutor
from copy import copy
from itertools import groupby
from pathlib import Path

from markupsafe import escape

from directory.data.dataset import Directory
from directory.data.leaflet_plan import all_plans
from directory.print.leaflets import LeafletWriter, Sheet
from directory.render.pages import (
    TEMPLATES,
    SiteLinks,
)
from directory.text.languages import SITE_LANGUAGES, text_direction

LEAFLET_CSS = TEMPLATES / "leaflet.css"


class MissingFonts(RuntimeError):
    """The fonts the leaflets need are not installed: PDFs would print boxes for letters."""


# Families the leaflet style asks for, and a language each must cover (fontconfig's view).
FONTS = {"Noto Sans": "vi", "Noto Sans Arabic": "ar"}


def check_fonts() -> None:
    for family, language in FONTS.items():
        listed = subprocess.run(
            ["fc-list", f":lang={language}", "family"], capture_output=True, text=True, check=False
        ).stdout
        if family not in {name.strip() for line in listed.splitlines() for name in line.split(",")}:
            raise MissingFonts(
                f'the font "{family}" ({language}) is missing, so leaflets cannot be printed; '
                "install it with `make` (it installs fonts-noto-core) or "
                "`sudo apt-get install fonts-noto-core`"
            )


@functools.cache  # read for every leaflet's cache key
def _leaflet_css() -> str:
    return LEAFLET_CSS.read_text(encoding="utf-8")


def document(sheets: list[Sheet]) -> str:
    """One HTML document of leaflets in one language, each from a new page, with their print
    style: WeasyPrint sets up fonts and styles once for all of them (a third of its time)."""
    language = sheets[0].language
    css = _leaflet_css()
    bodies = "".join(
        f'<div class="leaflet-sheet" id="sheet-{n}">{sheet.html}</div>'
        for n, sheet in enumerate(sheets)
    )
    return (
        f'<!doctype html><html lang="{language}" dir="{text_direction(language)}">'
        f'<head><meta charset="utf-8"><title>{escape(sheets[0].url)}</title>'
        f"<style>{css}</style></head><body>{bodies}</body></html>"
    )


def print_sheets(sheets: list[Sheet]) -> list[bytes]:
    """A PDF of each sheet (of one language): rendered as one document, split at the page on
    which each sheet starts."""
    from weasyprint import HTML  # loading WeasyPrint costs a second: only where PDFs are made

    printed = HTML(string=document(sheets)).render()
    starts: dict[str, int] = {}  # a sheet's anchor → its first page (a split box has it on each)
    for index, page in enumerate(printed.pages):
        for anchor in page.anchors:
            if anchor.startswith("sheet-"):
                starts.setdefault(anchor, index)
    if len(starts) != len(sheets):
        raise RuntimeError(f"{len(sheets)} leaflets came out as {len(starts)} on paper")
    pdfs = []
    first = [starts[f"sheet-{n}"] for n in range(len(sheets))]
    for sheet, start, end in zip(sheets, first, [*first[1:], len(printed.pages)], strict=True):
        part = printed.copy(printed.pages[start:end])
        part.metadata = copy(printed.metadata)
        part.metadata.title = sheet.url
        pdfs.append(bytes(part.write_pdf()))
    return pdfs


class PdfPrinting:
    """Every leaflet as an A4 PDF, made beside the site's build: leaflets need the data only,
    so WeasyPrint works from the start of the build on cores MkDocs leaves free, a language at
    a time. A leaflet whose HTML is unchanged since an earlier build comes from `cache_dir`
    (mkdocs serve rebuilds often)."""

    def __init__(
        self,
        directory: Directory,
        links: SiteLinks,
        cache_dir: Path | None = None,
        languages: tuple[str, ...] = SITE_LANGUAGES,
        workers: int = 1,
        niceness: int = 0,
    ) -> None:
        check_fonts()
        self._every_language = set(languages) >= set(SITE_LANGUAGES)
        plans = all_plans(directory)
        self._sheets: dict[Path, Sheet] = {}  # the PDF's path inside the site → its leaflet
        for language in languages:
            leaflets = LeafletWriter(directory, language, links)
            for leaflet in plans:
                folder = Path(language, "leaflets", leaflet.place.id)
                self._sheets[folder / leaflets.pdf_name(leaflet.place)] = leaflets.sheet(leaflet)
        self._cached = {path: _cache_file(cache_dir, s) for path, s in self._sheets.items()}
        missing = [path for path, hit in self._cached.items() if hit is None or not hit.is_file()]
        self._pool: ProcessPoolExecutor | None = None
        self._made: dict[Path, tuple[Future[list[bytes]], int]] = {}  # → language's run, index
        if not missing:
            return
        self._pool = ProcessPoolExecutor(workers, initializer=os.nice, initargs=(niceness,))
        for _, paths in groupby(missing, key=lambda path: self._sheets[path].language):
            batch = list(paths)
            run = self._pool.submit(print_sheets, [self._sheets[path] for path in batch])
            self._made.update({path: (run, index) for index, path in enumerate(batch)})

    @property
    def printed(self) -> int:
        """How many PDFs this build prints; the others come from the cache."""
        return len(self._made)

    def write(self, site_dir: Path) -> list[Path]:
        """Wait for the PDFs and put them into the built site (and new ones into the cache)."""
        written = []
        for path, cache in self._cached.items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if path in self._made:
                run, index = self._made[path]
                pdf = run.result()[index]
                target.write_bytes(pdf)
                if cache is not None:
                    cache.parent.mkdir(parents=True, exist_ok=True)
                    cache.write_bytes(pdf)
            else:
                assert cache is not None
                shutil.copyfile(cache, target)
            written.append(target)
        self.cancel()
        return written

    def prune_cache(self) -> list[Path]:
        """Remove the cached PDFs that no leaflet of this build is: a leaflet whose text changed
        leaves its old PDF behind, and the cache (a deploy's too) would only grow. A printing
        of some languages only keeps the cache whole: it cannot tell the others' PDFs."""
        used = {path for path in self._cached.values() if path is not None}
        if not used or not self._every_language:
            return []
        stale = [path for path in next(iter(used)).parent.glob("*.pdf") if path not in used]
        for path in stale:
            path.unlink()
        return stale

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def write_pdfs(
    directory: Directory,
    site_dir: Path,
    links: SiteLinks,
    cache_dir: Path | None = None,
    languages: tuple[str, ...] = SITE_LANGUAGES,
) -> list[Path]:
    """Every leaflet's PDF beside its page (site/<language>/leaflets/<place>/), on every core."""
    printing = PdfPrinting(directory, links, cache_dir, languages, os.cpu_count() or 1)
    return printing.write(site_dir)


@functools.cache
def _weasyprint_version() -> str:
    """Read from the package's metadata: importing WeasyPrint takes the build's process 0.6-1 s,
    and only the PDF workers need it."""
    return importlib.metadata.version("weasyprint")


def _cache_file(cache_dir: Path | None, sheet: Sheet) -> Path | None:
    if cache_dir is None:
        return None
    text = f"{_weasyprint_version()}\n{document([sheet])}"
    key = hashlib.sha256(text.encode()).hexdigest()
    return cache_dir / f"{key}.pdf"
