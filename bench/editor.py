"""Benchmark: the web editor at /admin/, Sveltia CMS (served) against Decap CMS (its predecessor).

Both get the configuration generated from the real records (Decap the variant it read before:
plain `yaml` format, no Sveltia-only sign-in keys). Prints, for each: the bundle's size (raw
and gzipped, as a volunteer downloads it), everything the sign-in screen downloads, and, in
headless Chromium with every request to another site refused, the time from opening /admin/
to the sign-in buttons (median of RUNS), the buttons offered, console errors and warnings,
and the requests that tried to leave the site.

Sveltia's files come from the set-up (`make`); Decap's bundle is fetched once from the npm
registry (pinned and hash-checked by tools/fetch_npm.py) into a cache folder: the only step
here that needs the network.
"""

from __future__ import annotations

import copy
import functools
import gzip
import statistics
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from directory.editing.decap import decap_config, write_admin
from directory.editing.scaffold import vocabulary_ids
from directory.editing.sveltia import EDITOR_BUNDLE, EDITOR_FILES, serve_editor
from fetch_npm import COMPARED, fetch
from playwright.sync_api import Browser, Route, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
DECAP_CACHE = Path(tempfile.gettempdir()) / "rozcestnik-bench-npm"
DECAP_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Decap CMS</title></head>
<body><script src="decap-cms.js"></script></body></html>
"""


def decap_variant(config: dict[str, Any]) -> dict[str, Any]:
    """The configuration as Decap read it: its own YAML format and OAuth sign-in."""
    variant = copy.deepcopy(config)
    for key in ("auth_methods", "auth_scope"):
        variant["backend"].pop(key)
    for collection in variant["collections"]:
        collection["format"] = "yaml"
    return variant


def prepare(folder: Path) -> dict[str, Path]:
    config = decap_config("rozcestnik/rozcestnik", "main", vocabulary_ids(ROOT / "data"))
    write_admin(folder / "sveltia", config)
    serve_editor(EDITOR_FILES, folder / "sveltia" / "admin")
    if not (DECAP_CACHE / "decap-cms.js").is_file():
        for package in COMPARED:
            fetch(package, DECAP_CACHE)
    decap_admin = write_admin(folder / "decap", decap_variant(config))[0].parent
    (decap_admin / "index.html").write_text(DECAP_PAGE, encoding="utf-8")
    (decap_admin / "decap-cms.js").write_bytes((DECAP_CACHE / "decap-cms.js").read_bytes())
    return {
        "sveltia": folder / "sveltia" / "admin" / EDITOR_BUNDLE,
        "decap": decap_admin / "decap-cms.js",
    }


def kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB"


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def open_admin(browser: Browser, address: str, root: Path) -> dict[str, Any]:
    """One visit to the sign-in screen with an empty cache."""
    context = browser.new_context(locale="en-US")
    outside: list[str] = []
    downloaded: list[Path] = []

    def route(route: Route) -> None:
        url = urlsplit(route.request.url)
        if url.hostname == "127.0.0.1":
            downloaded.append(root / url.path.lstrip("/"))
            route.continue_()
        else:
            outside.append(f"{url.hostname}{url.path}")
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    started = time.perf_counter()
    page.goto(address)
    page.get_by_role("button").last.wait_for(timeout=60_000)
    seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    buttons = page.get_by_role("button").all_inner_texts()
    context.close()
    files = [path / "index.html" if path.is_dir() else path for path in downloaded]
    data = {path.name: path.read_bytes() for path in files if path.is_file()}
    largest = sorted(data, key=lambda name: -gzipped(data[name]))[:3]
    return {
        "seconds": seconds,
        "buttons": buttons,
        "problems": problems,
        "outside": outside,
        "raw": sum(map(len, data.values())),
        "gzip": sum(map(gzipped, data.values())),
        "files": len(data),
        "largest": ", ".join(f"{name} {kb(gzipped(data[name]))}" for name in largest),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        bundles = prepare(root)
        handler = functools.partial(_Quiet, directory=str(root))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            for name, bundle in bundles.items():
                data = bundle.read_bytes()
                print(f"{name}: bundle {kb(len(data))} ({kb(gzipped(data))} gzipped)")
                visits = [open_admin(browser, f"{base}/{name}/admin/", root) for _ in range(RUNS)]
                last = visits[-1]
                seconds = statistics.median(visit["seconds"] for visit in visits)
                print(
                    f"  sign-in screen: {seconds:.2f} s (median of {RUNS}),"
                    f" {last['files']} files, {kb(last['raw'])} ({kb(last['gzip'])} gzipped)"
                )
                print(f"  largest (gzipped): {last['largest']}")
                print(f"  sign-in offered: {' | '.join(last['buttons'])}")
                print(f"  console errors and warnings: {len(last['problems'])}")
                for problem in last["problems"]:
                    print(f"    {problem[:160]}")
                print(f"  requests to other sites: {sorted(set(last['outside'])) or 'none'}")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
