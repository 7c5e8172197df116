"""Per-language full-text search with Pagefind: one index per language in `/<language>/pagefind/`,
so a Ukrainian visitor downloads and searches Ukrainian pages only.

Each language is indexed as soon as its pages are built, in a process of its own, while the
build goes on with the next language: MkDocs builds on one core, and Pagefind's work (a third
of the theme's build time at 5,000 services) fits beside it on the others.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Theme chrome repeated on every page would make every page match its words.
EXCLUDED = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-skip, .md-dialog, .language-picker"


class SearchIndexing:
    """Pagefind runs (the binary shipped in the `pagefind[extended]` wheel), one a language."""

    def __init__(self, site_dir: Path, niceness: int = 0) -> None:
        self.site_dir = site_dir
        self.niceness = niceness
        self._runs: dict[str, subprocess.Popen[str]] = {}

    def start(self, language: str) -> None:
        """Index the built pages of `language`. Result addresses are relative to the language's
        folder, and the search page's script puts them under the folder its bundle is in, so
        they hold wherever the site is hosted."""
        command = [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(self.site_dir / language),
            "--exclude-selectors",
            EXCLUDED,
        ]
        self._runs[language] = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=lambda: os.nice(self.niceness),
        )

    def finish(self) -> dict[str, str]:
        """Wait for every run; the last line each printed, by language. A failed run stops the
        build with what Pagefind said."""
        summaries = {}
        for language, run in self._runs.items():
            output, _ = run.communicate()
            if run.returncode != 0:
                raise RuntimeError(f"Pagefind failed for {language!r}:\n{output}")
            summaries[language] = (output.strip().splitlines() or [""])[-1]
        self._runs.clear()
        return summaries

    def cancel(self) -> None:
        """A build that stopped early leaves no indexer running."""
        for run in self._runs.values():
            run.kill()
            run.wait()
        self._runs.clear()
