"""Accessibility in the browser: axe-core (from the npm registry, fetched at set-up) finds no
serious or critical violation on each kind of page in every language, and pages fit a 320 px
wide screen without sideways scrolling."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from directory.text.languages import SITE_LANGUAGES

from .conftest import DATA

if TYPE_CHECKING:  # Playwright only when a browser test runs
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


@pytest.mark.parametrize("path", ["ar/emergency/", "ar/interpreters/", "ar/services/"])
def test_phone_numbers_read_left_to_right_on_arabic_pages(
    served_site: str, browser: Browser, path: str
) -> None:
    """A number copied by eye from an Arabic page is dialled as written: its first digit is
    drawn left of its last (the page itself runs right to left)."""
    if path.endswith("services/"):  # a service page with its own phone, chosen from the data
        path += next(s.id for s in DATA.services.values() if s.phones) + "/"
    page = browser.new_page()
    page.goto(f"{served_site}/{path}")
    order = page.evaluate(_DRAWN_ORDER)
    page.close()
    assert order["page"] == "rtl"
    assert order["links"], "no phone link on the page"
    assert all(first < last for first, last in order["links"]), order


# For each tel: link, the x of its first and last character as drawn.
_DRAWN_ORDER = """() => {
  const links = [...document.querySelectorAll('main a[href^="tel:"]')]
    .filter(a => a.textContent.trim().length > 3);
  const x = (node, index) => { const r = document.createRange(); r.setStart(node, index);
    r.setEnd(node, index + 1); return r.getBoundingClientRect().left; };
  return { page: getComputedStyle(document.querySelector('main')).direction,
    links: links.map(a => { const text = a.firstChild; const t = text.textContent;
      return [x(text, 0), x(text, t.length - 1)]; }) };
}"""
