"""Benchmark: every leaflet PDF of the real data, made without the cache.

Prints the number of PDFs, the time to make them all (in parallel, as the build does), the
time per PDF and their size. With `--png DIR` it also writes the first page of one leaflet per
script (Latin, Cyrillic, Arabic) as a PNG with pdftoppm (Debian's poppler-utils), to look at.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from directory.data.loading import load
from directory.print.pdf import write_pdfs
from directory.render.pages import SiteLinks

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = {"latin": ("vi", "praha-3"), "cyrillic": ("uk", "brno"), "arabic": ("ar", "bor")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--png", type=Path, help="write one leaflet page per script here")
    arguments = parser.parse_args()
    directory = load(ROOT / "data")
    links = SiteLinks(site_url="https://rozcestnik.example.org/")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        started = time.perf_counter()
        pdfs = write_pdfs(directory, site, links)
        seconds = time.perf_counter() - started
        size = sum(pdf.stat().st_size for pdf in pdfs)
        print(f"leaflet PDFs: {len(pdfs)} on {os.cpu_count()} cores in {seconds:.1f} s")
        print(
            f"per PDF: {seconds / len(pdfs) * 1000:.0f} ms; size {size / len(pdfs) / 1024:.0f} KiB"
        )
        if arguments.png:
            write_pngs(site, arguments.png)


def write_pngs(site: Path, target: Path) -> None:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")
    target.mkdir(parents=True, exist_ok=True)
    for script, (language, place) in SAMPLES.items():
        pdf = site / language / "leaflets" / place / f"rozcestnik-{place}-{language}.pdf"
        stem = target / f"leaflet-{script}-{place}-{language}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, stem],
            check=True,
        )
        print(f"{script}: {stem}.png")


if __name__ == "__main__":
    main()
