"""Per-language full-text search with Pagefind: one small index per language, chosen by each
page's `<html lang>`, so a Ukrainian visitor searches Ukrainian pages only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Theme chrome repeated on every page would make every page match its words.
EXCLUDED = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-skip, .md-dialog, .language-picker"


def index_site(site_dir: Path) -> str:
    """Run the Pagefind binary (shipped in the `pagefind[extended]` wheel) over the site."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site_dir),
            "--exclude-selectors",
            EXCLUDED,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout
