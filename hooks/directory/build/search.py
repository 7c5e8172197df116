"""Per-language full-text search with Pagefind: one index per language in `/<language>/pagefind/`,
so a Ukrainian visitor downloads and searches Ukrainian pages only.

Each language is indexed once its pages are built, in a process of its own, while the build
goes on with the next language: MkDocs builds on one core, and Pagefind works on the other
(at niceness 10, so the build keeps its core).
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path

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


class SearchIndexing:
    """Pagefind runs (the binary shipped in the `pagefind[extended]` wheel), one a language, one
    after another as soon as each language is built: Pagefind uses every core, and runs side
    by side only slow each other. A thread of this process waits on them."""

    def __init__(self, site_dir: Path, niceness: int = 0) -> None:
        self.site_dir = site_dir
        self.niceness = niceness
        self._languages: queue.Queue[str | None] = queue.Queue()
        self._asked: set[str] = set()
        self._thread: threading.Thread | None = None
        self._running: subprocess.Popen[str] | None = None
        self._cancelled = False
        self._summaries: dict[str, str] = {}
        self._failure: str | None = None

    def start(self, language: str) -> None:
        """Index the built pages of `language` once the runs before it are done (once only)."""
        if language in self._asked:
            return
        self._asked.add(language)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run_all, name="pagefind", daemon=True)
            self._thread.start()
        self._languages.put(language)

    def finish(self) -> dict[str, str]:
        """Wait for every run; the last line each printed, by language. A failed run stops the
        build with what Pagefind said."""
        self._stop()
        if self._failure is not None:
            raise RuntimeError(self._failure)
        return dict(self._summaries)

    def cancel(self) -> None:
        """A build that stopped early leaves no indexer running."""
        self._cancelled = True
        running = self._running
        if running is not None:
            running.kill()
        self._stop()

    def _stop(self) -> None:
        if self._thread is not None:
            self._languages.put(None)
            self._thread.join()
            self._thread = None

    def _run_all(self) -> None:
        while (language := self._languages.get()) is not None:
            if self._cancelled or self._failure is not None:
                continue
            self._running = self._launch(language)
            output, _ = self._running.communicate()
            if self._running.returncode != 0 and not self._cancelled:
                self._failure = f"Pagefind failed for {language!r}:\n{output}"
            self._summaries[language] = (output.strip().splitlines() or [""])[-1]
            self._running = None

    def _launch(self, language: str) -> subprocess.Popen[str]:
        """Pagefind over the language's folder. Result addresses are relative to it, and the
        search page's script puts them under the folder its bundle is in, so they hold
        wherever the site is hosted."""
        command = [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(self.site_dir / language),
            "--exclude-selectors",
            EXCLUDED,
        ]
        runner = shutil.which("nice")
        if self.niceness and runner:
            # `nice` lowers the child's priority before it starts; no Python code runs in the
            # child between fork and exec (`preexec_fn` is unsafe while threads run).
            command = [runner, "-n", str(self.niceness), *command]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        if self.niceness and not runner:
            own = os.getpriority(os.PRIO_PROCESS, 0)
            os.setpriority(os.PRIO_PROCESS, process.pid, own + self.niceness)
        return process
