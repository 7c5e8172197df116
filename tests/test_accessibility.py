"""Accessibility in the browser: axe-core (from the npm registry, fetched at set-up) finds no
serious or critical violation on each kind of page in every language, and pages fit a 320 px
wide screen without sideways scrolling."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from directory.text.languages import SITE_LANGUAGES
from playwright.sync_api import Browser, Page, Route

AXE = Path(sys.prefix) / "share" / "npm" / "axe.min.js"
PAGES = (
    "",
    "services/icp-czech-courses/",
    "places/praha/",
    "search/",
    "guides/health/",
    "emergency/",
)


def _local_only(route: Route) -> None:
    if "127.0.0.1" in route.request.url:
        route.continue_()
    else:
        route.abort()


def _open(browser: Browser, url: str, width: int = 1024) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.route("**/*", _local_only)
    page.goto(url)
    page.wait_for_timeout(300)
    return page


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_no_serious_accessibility_violations(
    served_site: str, browser: Browser, language: str
) -> None:
    assert AXE.is_file(), "axe-core is missing: run make (tools/fetch_npm.py)"
    script = AXE.read_text(encoding="utf-8")
    found: dict[str, list[Any]] = {}
    for path in PAGES:
        page = _open(browser, f"{served_site}/{language}/{path}")
        page.add_script_tag(content=script)
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => [v.id, v.nodes.map(n => n.target.join(' ')).slice(0, 3)])"""
        )
        page.close()
        if violations:
            found[path] = violations
    assert found == {}


@pytest.mark.parametrize("path", ["ar/", "uk/services/icp-czech-courses/", "vi/places/praha/"])
def test_pages_fit_a_320_px_screen(served_site: str, browser: Browser, path: str) -> None:
    page = _open(browser, f"{served_site}/{path}", width=320)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert width <= 320
