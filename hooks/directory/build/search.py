"""Per-language full-text search with Pagefind: one index per language in `/<language>/pagefind/`,
so a Ukrainian visitor downloads and searches Ukrainian pages only.

Each language is indexed once its pages are built, as a job of the work beside the build
(`sidework`), while the build goes on with the next language: MkDocs builds on one core, and
Pagefind works on the other (at niceness 10, so the build keeps its core).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
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


class SearchFailed(RuntimeError):
    """Pagefind could not index a language; the message is what it said."""


def pagefind_command(site_dir: Path, language: str, niceness: int = 0) -> list[str]:
    """Pagefind over the language's folder. Result addresses are relative to it, and the
    search page's script puts them under the folder its bundle is in, so they hold wherever
    the site is hosted. Lowered in priority by `nice` where there is one: the build keeps its
    core (a `preexec_fn` would do it too, but is unsafe in a process with threads)."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir / language),
        "--exclude-selectors",
        EXCLUDED,
    ]
    nice = shutil.which("nice")
    return [nice, "-n", str(niceness), *command] if niceness and nice else command


def index_language(site_dir: Path, language: str, niceness: int = 0) -> str:
    """Index one built language (a job of the work beside the build): the last line Pagefind
    printed; raises SearchFailed with all it printed when it fails."""
    run = subprocess.run(
        pagefind_command(site_dir, language, niceness),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise SearchFailed(f"Pagefind failed for {language!r}:\n{run.stdout}")
    return (run.stdout.strip().splitlines() or [""])[-1]
