"""Shared test helpers: the sample data set, a fixed "today", and a way to build sites."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

import pytest
from directory.data.dataset import Directory
from directory.data.loading import load
from directory.render.pages import SECTIONS

if TYPE_CHECKING:  # Playwright is imported only when a browser test runs
    from playwright.sync_api import Browser, BrowserContext, Page, Route

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "tests" / "sample-data"
TODAY = date(2026, 11, 23)


@pytest.fixture
def sample_data(tmp_path: Path) -> Path:
    """A writable copy of the sample data set."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, target)
    return target


def make_site_project(tmp_path: Path, data: Path) -> Path:
    """A project folder like the real one (config, content, hooks) around `data`."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "content", project / "content", ignore=_generated)
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(data, project / "data")
    return project


def _generated(folder: str, names: list[str]) -> list[str]:
    """Pages the build writes into content/ are left for the copy's own build to write."""
    return [name for name in names if name in SECTIONS] if folder.endswith("content") else []


def mkdocs_build(
    project: Path, environment: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(environment or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built into a site in every language, as `make site` does."""
    project = make_site_project(tmp_path_factory.mktemp("real"), ROOT / "data")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample records with the real needs vocabulary, which the hand-written guides link to
    (a strict build fails on a guide linking to a need that does not exist)."""
    project = make_site_project(tmp_path_factory.mktemp("sample"), SAMPLE_DATA)
    shutil.copy(ROOT / "data" / "categories.yaml", project / "data" / "categories.yaml")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """A built site on the tests' one static server, on 127.0.0.1 (an ephemeral port)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served_site(real_site: Path) -> Iterator[str]:
    """The real site on the static server."""
    with serve(real_site) as address:
        yield address


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A page closed while it still loads (search fragments) is no error of the site."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright (.ci/run installs it when missing)."""
    assert CHROMIUM.exists(), "Chromium is missing: run .ci/run or apt-get install chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


def search_results(browser: Browser, address: str) -> list[str]:
    """The result links a reader sees on a search page address (`…/search/?q=…`), in order."""
    page = browser.new_page()
    page.goto(address)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    page.wait_for_timeout(500)  # all results drawn
    links: list[str] = page.eval_on_selector_all(
        ".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))"
    )
    page.close()
    return links


@functools.cache
def real_data() -> Directory:
    """The real data set, loaded when a test first needs it and then kept: a broken record
    fails the tests that read it, never the collection of every test module."""
    return load(ROOT / "data")


class _RealData:
    """`DATA.services`, … read the real data only when a test runs."""

    def __getattr__(self, name: str) -> Any:
        # pytest looks for markers and test attributes on every module-level object while it
        # collects; only the Directory's own fields and methods load the data.
        public = set(Directory.__dataclass_fields__) | set(dir(Directory))
        if name.startswith("_") or name not in public:
            raise AttributeError(name)
        return getattr(real_data(), name)


DATA = cast(Directory, _RealData())


def pytest_collection_finish(session: pytest.Session) -> None:
    """No test module reads the real data while pytest collects (a broken record must fail
    a test, not the collection)."""
    if real_data.cache_info().currsize:
        raise pytest.UsageError("a test module loaded data/ at import time; use DATA in a test")


def keep_local(target: Page | BrowserContext) -> list[str]:
    """Let requests to the test server through and abort every other (no network in tests);
    the returned list fills with the addresses that were asked for outside 127.0.0.1."""
    outside: list[str] = []

    def route(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    target.route("**/*", route)
    return outside
