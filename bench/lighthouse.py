"""Benchmark: Lighthouse (mobile) performance of the map pages.

Builds the site (the working tree, and with `--before REF` also that git revision), serves it
on a local static server and runs Lighthouse 12.2.3 (npm; newer versions want Node 22) with
Debian's Chromium on the overview map, a place map and a record page with a map. Map tiles
cannot load offline, so their host is blocked in every run. Each page is measured `--runs`
times and the median printed, with Total Blocking Time and the main-thread time in scripts.

    python bench/lighthouse.py [--before main] [--runs 3] [--site built-site-dir]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_DIR = ROOT / ".cache" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PAGES = (
    ("overview map", "en/map/"),
    ("place map", "ar/places/bor/"),
    ("record with a map", "en/services/{service}/"),
)
BLOCKED = ("*tile.openstreetmap.org*",)
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml"}


@dataclass(frozen=True)
class Score:
    performance: float  # 0-100
    blocking_ms: float  # Total Blocking Time
    script_ms: float  # main-thread time in script evaluation


def lighthouse_binary() -> Path:
    """Lighthouse from npm, installed once into a git-ignored cache folder."""
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    package = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "package.json"
    installed = package.is_file() and json.loads(package.read_text())["version"]
    if installed != LIGHTHOUSE_VERSION:
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE_DIR),
             f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )  # fmt: skip
    return binary


def build(source: Path, output: Path) -> None:
    """A cold build of `source` (a checkout of the project) into `output`."""
    env = {**os.environ, "PYTHONPATH": str(source / "hooks")}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(output)],
        cwd=source,
        env=env,
        check=True,
    )


def checkout(revision: str, folder: Path) -> Path:
    """The files of a git revision (no working tree of its own, no branch touched)."""
    archive = folder / "source.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", revision], cwd=ROOT, stdout=out, check=True)
    source = folder / "source"
    with tarfile.open(archive) as tar:
        tar.extractall(source, filter="data")
    return source


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


class _Quiet(SimpleHTTPRequestHandler):
    """Serves text compressed, as the site's host (GitHub Pages) does: Lighthouse's simulated
    slow 4G counts the bytes on the wire, and uncompressed CSS would hide the pages' own cost."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not wanted or not path.is_file() or path.suffix not in COMPRESSED:
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def run_lighthouse(binary: Path, url: str, report: Path) -> Score:
    """One mobile run (Lighthouse's default form factor and simulated throttling)."""
    command = [
        str(binary), url, "--quiet", "--only-categories=performance",
        "--output=json", f"--output-path={report}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ] + [f"--blocked-url-patterns={pattern}" for pattern in BLOCKED]  # fmt: skip
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    result = json.loads(report.read_text())
    audits = result["audits"]
    bootup = audits["bootup-time"]["details"]["items"] if "details" in audits["bootup-time"] else []
    return Score(
        performance=100 * (result["categories"]["performance"]["score"] or 0),
        blocking_ms=audits["total-blocking-time"]["numericValue"],
        script_ms=sum(item.get("scripting", 0) for item in bootup),
    )


def scores(binary: Path, url: str, runs: int, folder: Path) -> tuple[Score, Score]:
    """The median and the best of `runs` runs. Lighthouse's simulated phone scales the CPU
    time it observes, so other work on the machine only ever makes a run worse: the best run
    is the one least disturbed, the median the typical one."""
    runs_seen = [run_lighthouse(binary, url, folder / f"report-{i}.json") for i in range(runs)]
    median = Score(
        performance=statistics.median(s.performance for s in runs_seen),
        blocking_ms=statistics.median(s.blocking_ms for s in runs_seen),
        script_ms=statistics.median(s.script_ms for s in runs_seen),
    )
    best = max(runs_seen, key=lambda s: (s.performance, -s.blocking_ms))
    return median, best


def a_service_with_a_map(site: Path) -> str:
    """The first service page (in name order) whose page carries a map."""
    for page in sorted((site / "en" / "services").glob("*/index.html")):
        if 'class="directory-map' in page.read_text(encoding="utf-8"):
            return page.parent.name
    raise SystemExit(f"no service page with a map in {site}")


def measure(label: str, site: Path, binary: Path, runs: int) -> None:
    service = a_service_with_a_map(site)
    with serve(site) as address, tempfile.TemporaryDirectory() as tmp:
        for name, path in PAGES:
            path = path.format(service=service)
            median, best = scores(binary, f"{address}/{path}", runs, Path(tmp))
            print(
                f"{label:>6}  {name:<17} /{path:<38} performance {median.performance:3.0f}"
                f" (best {best.performance:3.0f})  blocking {median.blocking_ms:5.0f} ms"
                f" (best {best.blocking_ms:5.0f})  script {median.script_ms:5.0f} ms",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a git revision to measure first, e.g. main")
    parser.add_argument("--runs", type=int, default=5, help="runs per page")
    parser.add_argument("--site", type=Path, help="an already built site (skips the build)")
    arguments = parser.parse_args()
    binary = lighthouse_binary()
    runs = arguments.runs
    print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile, median (best) of {runs}, tiles blocked")
    with tempfile.TemporaryDirectory() as tmp:
        if arguments.before:
            source = checkout(arguments.before, Path(tmp))
            build(source, Path(tmp) / "before")
            measure("before", Path(tmp) / "before", binary, arguments.runs)
        site = arguments.site
        if site is None:
            site = Path(tmp) / "after"
            build(ROOT, site)
        measure("after" if arguments.before else "now", site, binary, arguments.runs)


if __name__ == "__main__":
    main()
