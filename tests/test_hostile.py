"""Hostile data: scripts, event handlers, javascript: links, Markdown and Jinja syntax, HTML
comments, bidi overrides and a 10,000-character name build into a site where all of it shows
as text and nothing runs (checked in Chromium: no dialog, no injected element)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from directory.render.escaping import script_json

from .conftest import ROOT, make_site_project, mkdocs_build, serve

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser, Dialog

HOSTILE = ROOT / "tests" / "hostile-data"
PAGES = [
    "en/organisations/hostile-org/",
    "en/services/hostile-service/",
    "cs/organisations/hostile-org/",
    "en/places/praha-3/",
    "en/places/",
    "en/categories/legal-counselling/",
    "en/services/",
    "en/map/",
    "en/interpreters/",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_site_project(tmp_path_factory.mktemp("hostile"), HOSTILE)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as address:
        yield address


@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_shows_as_text_and_nothing_runs(
    hostile_site: str, browser: Browser, path: str
) -> None:
    page = browser.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.route(
        "**/*",
        lambda route: route.abort() if "127.0.0.1" not in route.request.url else route.continue_(),
    )
    page.goto(f"{hostile_site}/{path}")
    page.wait_for_timeout(800)
    markers = page.locator(".leaflet-interactive")
    if markers.count():
        markers.first.click(force=True, timeout=5000)  # popups render record text too
        page.wait_for_timeout(200)
    if page.locator(".leaflet-control-layers").count():
        page.hover(".leaflet-control-layers")  # category names in the layer control
        page.wait_for_timeout(100)
    injected = page.evaluate(
        """() => ({
          images: document.querySelectorAll('img[src="x"]').length,
          handlers: document.querySelectorAll('[onerror], [onclick], [onmouseover]').length,
          jsLinks: [...document.querySelectorAll('a[href^="javascript:"]')].length,
          bold: document.querySelectorAll('.md-content b').length,
        })"""
    )
    text = page.inner_text("body")
    page.close()
    assert dialogs == []
    assert injected == {"images": 0, "handlers": 0, "jsLinks": 0, "bold": 0}
    if "hostile-org" in path and path.startswith("en"):
        assert "<script>alert('name')</script>" in text
        assert "<img src=x onerror=alert('img')>" in text
        assert "[click](javascript:alert('md'))" in text
        assert "<!-- comment -->" in text
        assert "\u202eevil\u202c" in text
    if path.startswith("cs/organisations"):
        assert "{{ 7*7 }} {% raw %}x{% endraw %}" in text  # no template ran


def test_a_10000_character_name_is_kept_whole(hostile_site: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{hostile_site}/en/services/hostile-service/")
    heading = page.inner_text("h1")
    width = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert heading == "Ж" * 10000
    assert width <= 390  # wraps instead of widening the page


def test_json_inside_a_script_element_cannot_end_it() -> None:
    """Record text in a page's inline data: no character that the HTML parser reads inside
    <script> survives, and the JSON means the same."""
    hostile = {"name": "</script><!--<script>alert(1)</script>&amp;'\u2028"}
    written = str(script_json(hostile))
    assert not set(written) & set("<>&'")
    assert json.loads(written) == hostile
