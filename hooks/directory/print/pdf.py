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
from dataclasses import dataclass
from pathlib import Path

from directory.data.dataset import Directory
from directory.data.leaflet_plan import all_plans
from directory.data.loading import load_cached
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


@dataclass(frozen=True)
class PrintJob:
    """One language's leaflets, as plain data for a worker: it reads the data itself."""

    data_dir: Path
    links: SiteLinks
    language: str
    cache_dir: Path | None
    fonts: tuple[str, ...]


@dataclass(frozen=True)
class Printed:
    """A leaflet's PDF: where it goes in the site, its file in the cache, and its bytes when
    this build printed it (else the cache has it)."""

    path: Path
    cache: Path | None
    pdf: bytes | None


def print_language(job: PrintJob) -> list[Printed]:
    """In a worker: the content of each of a language's leaflets (~3 ms a leaflet, the QR
    code's choice of mask 1.3 ms of it), then Typst for those the cache does not hold."""
    directory = load_cached(job.data_dir)
    writer = LeafletWriter(directory, job.language, job.links)
    leaflets = [
        (Path(job.language, "leaflets", plan.place.id, writer.pdf_name(plan.place)), content)
        for plan in all_plans(directory)
        for content in [writer.leaflet(plan).as_json()]
    ]
    cached = [_cache_file(job.cache_dir, content) for _, content in leaflets]
    missing = [i for i, hit in enumerate(cached) if hit is None or not hit.is_file()]
    pdfs = typeset([leaflets[i][1] for i in missing], job.fonts) if missing else []
    made = dict(zip(missing, pdfs, strict=True))  # none missing: Typst's fonts not even loaded
    return [Printed(path, cached[i], made.get(i)) for i, (path, _) in enumerate(leaflets)]


class PdfPrinting:
    """Every leaflet as an A4 PDF, made beside the site's build: leaflets need the data only,
    so from the start of the build a worker works out a language's leaflets and Typst prints
    them, on cores MkDocs leaves free, in `executor` when one is given, else in a pool of
    `workers` processes of its own. A leaflet whose content is unchanged since an earlier
    build comes from `cache_dir` (mkdocs serve rebuilds often). Nothing of it in the build's
    own process: the leaflets' content took 2 s there, their printing (~22 ms a leaflet) 2.6
    CPU-s for the real data's 108 (bench/leaflets.py), which MkDocs' path would wait for.
    The workers read the data from `directory.root`: during `mkdocs serve` a file saved
    meanwhile may reach the PDFs of this build already (the save starts another one)."""

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
        self._pool: ProcessPoolExecutor | None = None
        if executor is None:  # spawned: a forked copy of a process using Typst would hang
            executor = self._pool = ProcessPoolExecutor(
                workers, _SPAWN, initializer=os.nice, initargs=(niceness,)
            )
        self._runs: list[Future[list[Printed]]] = [
            executor.submit(
                print_language, PrintJob(directory.root, links, language, cache_dir, fonts)
            )
            for language in languages
        ]

    def _printed(self) -> list[Printed]:
        return [printed for run in self._runs for printed in run.result()]

    @property
    def printed(self) -> int:
        """How many PDFs this build prints (waiting for them); the others come from the cache."""
        return sum(printed.pdf is not None for printed in self._printed())

    def write(self, site_dir: Path) -> list[Path]:
        """Wait for the PDFs and put them into the built site (and new ones into the cache)."""
        written = []
        for printed in self._printed():
            target = site_dir / printed.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if printed.pdf is not None:
                target.write_bytes(printed.pdf)
                if printed.cache is not None:
                    printed.cache.parent.mkdir(parents=True, exist_ok=True)
                    printed.cache.write_bytes(printed.pdf)
            else:
                assert printed.cache is not None
                shutil.copyfile(printed.cache, target)
            written.append(target)
        self.cancel()
        return written

    def prune_cache(self) -> list[Path]:
        """Remove the cached PDFs that no leaflet of this build is: a leaflet whose text changed
        leaves its old PDF behind, and the cache (a deploy's too) would only grow. A printing
        of some languages only keeps the cache whole: it cannot tell the others' PDFs."""
        if not self._every_language:
            return []
        used = {printed.cache for printed in self._printed() if printed.cache is not None}
        if not used:
            return []
        stale = [path for path in next(iter(used)).parent.glob("*.pdf") if path not in used]
        for path in stale:
            path.unlink()
        return stale

    def cancel(self) -> None:
        """Drop the work not started yet; a pool of its own is shut down (a given executor is
        its owner's, and stays)."""
        for run in self._runs:
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
