"""Per-language full-text search with Pagefind: one index per language in `/<language>/pagefind/`,
so a Ukrainian visitor downloads and searches Ukrainian pages only.

Each language is indexed once its pages are built, in a process of its own, while the build
goes on with the next language: MkDocs builds on one core, and Pagefind's work (a third of
the theme's build time at 5,000 services) fits beside it on the other.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Theme chrome repeated on every page would make every page match its words.
EXCLUDED = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-skip, .md-dialog, .language-picker"


class SearchIndexing:
    """Pagefind runs (the binary shipped in the `pagefind[extended]` wheel), one a language and
    one at a time: Pagefind uses every core, and runs side by side only slow each other."""

    def __init__(self, site_dir: Path, niceness: int = 0) -> None:
        self.site_dir = site_dir
        self.niceness = niceness
        self._waiting: list[str] = []
        self._running: tuple[str, subprocess.Popen[str]] | None = None
        self._summaries: dict[str, str] = {}

    def start(self, language: str) -> None:
        """Index the built pages of `language` when the run before it is done."""
        self._waiting.append(language)
        self._advance(wait=False)

    def finish(self) -> dict[str, str]:
        """Wait for every run; the last line each printed, by language. A failed run stops the
        build with what Pagefind said."""
        while self._running is not None or self._waiting:
            self._advance(wait=True)
        summaries, self._summaries = self._summaries, {}
        return summaries

    def cancel(self) -> None:
        """A build that stopped early leaves no indexer running."""
        self._waiting.clear()
        if self._running is not None:
            self._running[1].kill()
            self._running[1].wait()
            self._running = None

    def _advance(self, wait: bool) -> None:
        if self._running is not None:
            language, run = self._running
            if not wait and run.poll() is None:
                return
            output, _ = run.communicate()
            self._running = None
            if run.returncode != 0:
                self.cancel()
                raise RuntimeError(f"Pagefind failed for {language!r}:\n{output}")
            self._summaries[language] = (output.strip().splitlines() or [""])[-1]
        if self._waiting:
            language = self._waiting.pop(0)
            self._running = (language, self._launch(language))

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
        return subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=lambda: os.nice(self.niceness),
        )
