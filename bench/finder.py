"""Benchmark: the referral finder with 5,000 generated services.

Prints the size of one language's finder data (raw and gzipped, as a visitor downloads it),
the time to write it, and, in headless Chromium, the time from a filter change to the drawn
result (filtering every service in the browser and drawing the first rows), the time to draw
every result at once, and the time from opening the page to the first result.
"""

from __future__ import annotations

import functools
import gzip
import shutil
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from directory.data.dataset import Directory
from directory.data.loading import load
from directory.render.finder import finder_file
from directory.render.pages import PageWriter
from generate import generate
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SERVICES = 5000
CHANGES = (  # filter changes a clerk makes, one after another
    ("#finder-need", "legal-counselling"),
    ("#finder-language", "vi"),
    ("#finder-place", "praha-3"),
    ("#finder-need", ""),
    ("#finder-language", ""),
    ("#finder-place", ""),
)
CHANGE = """([selector, value]) => {
  const started = performance.now();
  const select = document.querySelector(selector);
  select.value = value;
  select.dispatchEvent(new Event("change", {bubbles: true}));
  return performance.now() - started;
}"""
SHOW_ALL = """() => {
  const started = performance.now();
  document.getElementById("finder-more").click();
  return [performance.now() - started, document.querySelectorAll("#finder-results li").length];
}"""


def write_page(directory: Directory, root: Path) -> None:
    """The finder page as the site serves it: /en/finder/, /en/finder.json, /assets/."""
    page = root / "en" / "finder" / "index.html"
    page.parent.mkdir(parents=True)
    body = PageWriter(directory, "en").finder().body
    page.write_text(f'<!doctype html><html lang="en"><body>{body}</body></html>', "utf-8")
    (root / "en" / "finder.json").write_text(finder_file(directory, "en"), encoding="utf-8")
    (root / "assets").mkdir()
    shutil.copy(ROOT / "content" / "assets" / "directory-finder.js", root / "assets")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure_in_browser(root: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/en/finder/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_function("document.querySelector('#finder-results li')")
        print(f"page open to first result (local server): {time.perf_counter() - started:.3f} s")
        timings = [page.evaluate(CHANGE, [selector, value]) for selector, value in CHANGES]
        for (selector, value), ms in zip(CHANGES, timings, strict=True):
            print(f"  change {selector} to {value or 'any'!r}: {ms:.1f} ms")
        print(
            f"filter change to drawn result: mean {sum(timings) / len(timings):.1f} ms,"
            f" worst {max(timings):.1f} ms"
        )
        ms, rows = page.evaluate(SHOW_ALL)
        print(f"draw all {rows} results at once: {ms:.1f} ms")
        browser.close()
    server.shutdown()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = load(generate(Path(tmp) / "data", SERVICES))
        started = time.perf_counter()
        data = finder_file(directory, "en").encode()
        seconds = time.perf_counter() - started
        print(f"services: {len(directory.services)}")
        print(
            f"finder data (one language): {len(data) / 1024:,.0f} KiB,"
            f" gzip {len(gzip.compress(data)) / 1024:,.0f} KiB,"
            f" {len(data) / len(directory.services):.0f} B per service; written in {seconds:.3f} s"
        )
        site = Path(tmp) / "site"
        write_page(directory, site)
        measure_in_browser(site)


if __name__ == "__main__":
    main()
