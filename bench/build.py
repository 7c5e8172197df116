"""Build times on the real data, in a copy of the project:

- the whole site: first in the fresh copy (every placeholder page written, the hook's Python
  compiled), then cold three times (no `.cache`: every leaflet PDF printed; the median is
  held against the target), then again with the cache; with the processor time the whole
  machine spent on each (run nothing else meanwhile), whose half is the least wall time two
  cores allow;
- a preview of one language (`ROZCESTNIK_PREVIEW`, what `make serve` builds), cold;
- edit to preview: `mkdocs serve` with the preview running, a phone number changed in a
  record, and the seconds until the served page shows the new number (three edits).

Targets (issue 18): the whole cold build ≤ 10 s, an edit shown ≤ 3 s. Wall-clock figures
depend on what else the machine runs: the script prints the load average beside them.

    .venv/bin/python bench/build.py [--language uk]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from scale import machine_cpu, snapshot

ROOT = Path(__file__).resolve().parent.parent
RECORD = "organisations/caritas-plzen-counselling.yaml"  # its page shows its phones
NUMBERS = ("+420 377 441 736", "+420 377 441 737")  # the sourced number and a bench stand-in
COLD_TARGET = 10.0
PREVIEW_TARGET = 3.0


def project_copy(work: Path) -> Path:
    source, _ = snapshot(work)
    shutil.copytree(ROOT / "data", source / "data")
    return source


def timed_build(project: Path, preview: str | None = None) -> tuple[float, float]:
    """Wall seconds and the machine's processor seconds of one build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ROZCESTNIK_PREVIEW", None)
    if preview:
        env["ROZCESTNIK_PREVIEW"] = preview
    started, cpu = time.perf_counter(), machine_cpu()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
        check=True,
        env=env,
    )
    return time.perf_counter() - started, machine_cpu() - cpu


def cold_build(project: Path) -> tuple[float, float]:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    return timed_build(project)


def figures(build: tuple[float, float]) -> str:
    seconds, cpu = build
    return f"{seconds:5.1f} s (CPU {cpu:4.1f} s)"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at `url` contains `text`."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if text in _page(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {text!r} within {timeout:.0f} s")


def edit_to_preview(project: Path, language: str, edits: int = 3) -> list[float]:
    """`mkdocs serve` of a preview; seconds from each saved edit to the page showing it."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ROZCESTNIK_PREVIEW": language}
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml")]
    server = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    record = project / "data" / RECORD
    url = f"http://127.0.0.1:{port}/{language}/{Path(RECORD).with_suffix('').as_posix()}/"
    seconds = []
    try:
        _wait_for(url, NUMBERS[0], timeout=300)
        for edit in range(edits):
            old, new = NUMBERS[edit % 2], NUMBERS[(edit + 1) % 2]
            text = record.read_text(encoding="utf-8")
            record.write_text(text.replace(old, new), encoding="utf-8")
            seconds.append(_wait_for(url, new, timeout=120))
            time.sleep(1)  # let the server settle before the next save
    finally:
        server.terminate()
        server.wait(timeout=30)
    return seconds


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="uk", help="the previewed language")
    language = parser.parse_args().language
    with tempfile.TemporaryDirectory(prefix="rozcestnik-build-") as tmp:
        project = project_copy(Path(tmp))
        print(f"load average before: {load()}")
        print(f"whole site, fresh copy:   {figures(timed_build(project))}")
        colds = [cold_build(project) for _ in range(3)]
        median = sorted(colds)[1]
        print(f"whole site, cold:         {', '.join(figures(cold) for cold in colds)}")
        print(f"  median {median[0]:.1f} s (target ≤ {COLD_TARGET:.0f} s)")
        print(f"whole site, with cache:   {figures(timed_build(project))}")
        shutil.rmtree(project / ".cache", ignore_errors=True)
        print(f"preview of {language}, cold:     {figures(timed_build(project, language))}")
        edits = ", ".join(f"{value:.1f}" for value in edit_to_preview(project, language))
        print(f"edit to preview ({language}):   {edits} s (target ≤ {PREVIEW_TARGET:.0f} s)")
        print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
