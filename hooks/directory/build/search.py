"""Per-language full-text search with Pagefind: one index per language in `/<language>/pagefind/`,
so a Ukrainian visitor downloads and searches Ukrainian pages only.

Each language is indexed once its pages are built, in a Pagefind process of its own, while the
build goes on with the next language: MkDocs builds on one core, and Pagefind works on the
other (at niceness 10, so the build keeps its core).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

# Left out of the index and of result excerpts: theme chrome (navigation, language menu), which
# every page repeats, so every page would match its words; and the record pages' own repeated
# furniture: the map and its help text, notices ("may be outdated", "machine translated"), the
# sources and edit links, what only paper shows, and the labels and hours every record has
# ("Часы работы" made every page match "работа").
EXCLUDED = ", ".join(
    [
        ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-skip, .md-dialog, .md-top",
        ".md-content__button, .language-picker",
        ".directory-map, .record-notice, .record__sources, .print-only",
        ".record__facts dt, .record__label, .record__hours",
        ".record__approximate, .record__wheelchair",
    ]
)


class SearchFailed(RuntimeError):
    """Pagefind could not index a language; the message is what it said."""


def pagefind_command(site_dir: Path, language: str, niceness: int = 0) -> list[str]:
    """Pagefind over the language's folder. Result addresses are relative to it, and the
    search page's script puts them under the folder its bundle is in, so they hold wherever
    the site is hosted. Lowered in priority by `nice` where there is one: the build keeps its
    core (a `preexec_fn` would do it too, but is unsafe in a process with threads)."""
    command = [
        *pagefind_executable(),
        "--site",
        str(site_dir / language),
        "--exclude-selectors",
        EXCLUDED,
    ]
    nice = shutil.which("nice")
    return [nice, "-n", str(niceness), *command] if niceness and nice else command


@functools.cache
def pagefind_executable() -> tuple[str, ...]:
    """The Pagefind program itself, found as Pagefind's Python package finds it
    (PAGEFIND_BINARY_PATH, its binary packages, the PATH): `python -m pagefind` started an
    interpreter and imported asyncio (0.09 CPU-s) only to find it and run it, once per
    language. Where none is found, the wrapper runs and says so."""
    from pagefind.service import get_executable  # asyncio with it: only where search runs

    found = get_executable()
    return (str(found),) if found else (sys.executable, "-m", "pagefind")


class SearchIndexing:
    """The Pagefind runs of one build, one process per language, started as soon as the
    language's pages are written and collected at the end. Each is a process of its own
    rather than a job of the work beside the build: a pool worker waiting on it would hold
    a place the pages' bodies and the leaflets need."""

    def __init__(self, site_dir: Path, niceness: int = 0) -> None:
        self.site_dir = site_dir
        self.niceness = niceness
        # What each run printed goes to a file: a pipe nobody reads until the end could fill.
        self._runs: dict[str, tuple[subprocess.Popen[bytes], IO[bytes]]] = {}

    def start(self, language: str) -> None:
        if language in self._runs:
            return
        output = tempfile.TemporaryFile()  # noqa: SIM115 (open until the run is collected)
        command = pagefind_command(self.site_dir, language, self.niceness)
        try:
            run = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        except BaseException:
            output.close()
            raise
        self._runs[language] = (run, output)

    def wait(self) -> dict[str, str]:
        """The last line each run printed, by language; raises SearchFailed with all a
        failed run printed (the others are ended)."""
        summaries = {}
        try:
            for language, (run, output) in self._runs.items():
                run.wait()
                output.seek(0)
                printed = output.read().decode("utf-8", "replace")
                if run.returncode != 0:
                    raise SearchFailed(f"Pagefind failed for {language!r}:\n{printed}")
                summaries[language] = (printed.strip().splitlines() or [""])[-1]
        finally:
            self.cancel()
        return summaries

    def cancel(self) -> None:
        """End the runs still going (the build failed) and forget them all."""
        for run, output in self._runs.values():
            if run.poll() is None:
                run.kill()
                run.wait()
            output.close()
        self._runs.clear()


def index_language(site_dir: Path, language: str, niceness: int = 0) -> str:
    """Index one built language: the last line Pagefind printed; raises SearchFailed with
    all it printed when it fails."""
    indexing = SearchIndexing(site_dir, niceness)
    indexing.start(language)
    return indexing.wait()[language]
