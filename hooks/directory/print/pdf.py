"""Leaflet PDFs: fonts checked, leaflets typeset by Typst (typeset.py) beside the build, and a
cache of printed PDFs keyed by their content."""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import shutil
import subprocess
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from itertools import groupby
from pathlib import Path

from directory.data.dataset import Directory
from directory.data.leaflet_plan import all_plans
from directory.print.leaflets import LeafletWriter
from directory.print.typeset import engine_version, typeset
from directory.render.pages import SiteLinks
from directory.text.languages import SITE_LANGUAGES

_SPAWN = multiprocessing.get_context("spawn")


class MissingFonts(RuntimeError):
    """The fonts the leaflets need are not installed: PDFs would print boxes for letters."""


# Families leaflet.typ asks for, and what fontconfig must find each to cover.
FONTS = {
    "Noto Sans": "lang=vi",
    "Noto Sans Arabic": "lang=ar",
    "Noto Sans Symbols2": "charset=260e",  # the telephone sign before each number
}


@functools.cache
def check_fonts() -> tuple[str, ...]:
    """The folders that hold the leaflets' fonts (fonts-noto-core), as fontconfig finds them:
    Typst loads fonts by folder, and only these (0.1-0.2 s a process for Debian's Noto)."""
    files: list[str] = []
    for family, coverage in FONTS.items():
        listed = subprocess.run(
            ["fc-list", f"{family}:{coverage}", "file"], capture_output=True, text=True, check=False
        ).stdout
        found = sorted(line.strip().rstrip(":") for line in listed.splitlines() if line.strip())
        if not found:
            raise MissingFonts(
                f'the font "{family}" ({coverage}) is missing, so leaflets cannot be printed; '
                "install it with `make` (it installs fonts-noto-core) or "
                "`sudo apt-get install fonts-noto-core`"
            )
        files += found
    return tuple(sorted({str(Path(file).parent) for file in files}))


class PdfPrinting:
    """Every leaflet as an A4 PDF, made beside the site's build: leaflets need the data only,
    so Typst works from the start of the build on cores MkDocs leaves free, a language a
    batch, in `executor` when one is given, else in a pool of `workers` processes of its own.
    A leaflet whose content is unchanged since an earlier build comes from `cache_dir`
    (mkdocs serve rebuilds often). Not in the build's own process: at ~30 ms a leaflet, the
    real data's 108 took 3.4 CPU-s (bench/leaflets.py), which MkDocs' path would wait for."""

    def __init__(
        self,
        directory: Directory,
        links: SiteLinks,
        cache_dir: Path | None = None,
        languages: tuple[str, ...] = SITE_LANGUAGES,
        workers: int = 1,
        niceness: int = 0,
        executor: Executor | None = None,
    ) -> None:
        fonts = check_fonts()
        self._every_language = set(languages) >= set(SITE_LANGUAGES)
        plans = all_plans(directory)
        self._leaflets: dict[Path, tuple[str, str]] = {}  # PDF's path in the site → language, JSON
        for language in languages:
            writer = LeafletWriter(directory, language, links)
            for plan in plans:
                folder = Path(language, "leaflets", plan.place.id)
                leaflet = writer.leaflet(plan).as_json()
                self._leaflets[folder / writer.pdf_name(plan.place)] = (language, leaflet)
        self._cached = {path: _cache_file(cache_dir, s) for path, (_, s) in self._leaflets.items()}
        missing = [path for path, hit in self._cached.items() if hit is None or not hit.is_file()]
        self._pool: ProcessPoolExecutor | None = None
        self._made: dict[Path, tuple[Future[list[bytes]], int]] = {}  # → language's run, index
        if not missing:
            return
        if executor is None:  # spawned: a forked copy of a process using Typst would hang
            executor = self._pool = ProcessPoolExecutor(
                workers, _SPAWN, initializer=os.nice, initargs=(niceness,)
            )
        for _, paths in groupby(missing, key=lambda path: self._leaflets[path][0]):
            batch = list(paths)
            run = executor.submit(typeset, [self._leaflets[path][1] for path in batch], fonts)
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
        """Drop the work not started yet; a pool of its own is shut down (a given executor is
        its owner's, and stays)."""
        for run, _ in self._made.values():
            run.cancel()
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def write_pdfs(
    directory: Directory,
    site_dir: Path,
    links: SiteLinks,
    cache_dir: Path | None = None,
    languages: tuple[str, ...] = SITE_LANGUAGES,
    executor: Executor | None = None,
) -> list[Path]:
    """Every leaflet's PDF beside its page (site/<language>/leaflets/<place>/), in `executor`
    or on every core."""
    printing = PdfPrinting(
        directory, links, cache_dir, languages, os.cpu_count() or 1, executor=executor
    )
    return printing.write(site_dir)


def _cache_file(cache_dir: Path | None, leaflet: str) -> Path | None:
    if cache_dir is None:
        return None
    key = hashlib.sha256(f"{engine_version()}\n{leaflet}".encode()).hexdigest()
    return cache_dir / f"{key}.pdf"
