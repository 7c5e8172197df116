"""Hostile data: scripts, event handlers, javascript: links, Markdown and Jinja syntax, HTML
comments, bidi overrides, spreadsheet formulas and a 10,000-character name build into a site
where all of it shows as text and nothing runs: every output context is checked — each HTML
page as Chromium's HTML5 parser reads it (text, attributes, addresses, inline data scripts),
pages opened in Chromium (no dialog, no injected element), and the data files (JSON, GeoJSON,
CSV) read back."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
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
def hostile_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_site_project(tmp_path_factory.mktemp("hostile"), HOSTILE)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def hostile_site(hostile_built: Path) -> Iterator[str]:
    with serve(hostile_built) as address:
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


# Run in Chromium on each page's HTML as the server sends it: the HTML5 parser's reading,
# without running any script. What record text could inject, counted.
_INJECTED = """(html) => {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const found = [];
  for (const element of doc.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) found.push(`${element.tagName} ${attribute.name}`);
      if (/^\\s*javascript:/i.test(attribute.value)) found.push(`${attribute.name}=javascript:`);
    }
  }
  for (const image of doc.querySelectorAll('img[src="x"]')) found.push('img src=x');
  for (const script of doc.querySelectorAll('script:not([src])')) {
    if (script.type === 'application/json') {
      try { JSON.parse(script.textContent); } catch (error) { found.push('broken data script'); }
    } else if (script.textContent.includes('alert(')) {
      found.push('script running record text');
    }
  }
  return found;
}"""


def test_no_page_of_any_language_parses_to_injected_markup(
    hostile_built: Path, browser: Browser
) -> None:
    pages = sorted(hostile_built.rglob("*.html"))
    assert len(pages) > 100  # every language's pages, leaflets, the editor
    page = browser.new_page()
    injected = {
        str(path.relative_to(hostile_built)): found
        for path in pages
        if (found := page.evaluate(_INJECTED, path.read_text(encoding="utf-8")))
    }
    page.close()
    assert injected == {}


def test_the_checker_finds_what_it_looks_for(browser: Browser) -> None:
    """The parse check above can fail: markup a broken escape would let through is found."""
    page = browser.new_page()
    found = page.evaluate(
        _INJECTED,
        '<p onclick="x"><img src=x><a href=" javascript:y">a</a>'
        '<script type="application/json">{"a": "</script><script>alert(1)</script>',
    )
    page.close()
    assert sorted(found) == sorted(
        [
            "P onclick",
            "href=javascript:",
            "img src=x",
            "broken data script",
            "script running record text",
        ]
    )


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_data_files_carry_hostile_text_unchanged(hostile_built: Path) -> None:
    """JSON exports, map and finder data hold the text as text: each file parses, and the
    names come back exactly as written."""
    names = {
        "<script>alert('name')</script> <img src=x onerror=alert('img')>",  # the organisation
        "A course <script>alert(1)</script>",  # a service
    }
    files = sorted(hostile_built.rglob("*.json")) + sorted(hostile_built.rglob("*.geojson"))
    holding = [
        path.relative_to(hostile_built).as_posix()
        for path in files
        if names & set(_texts(json.loads(path.read_text(encoding="utf-8"))))
    ]
    for expected in ("data/hsds.en.json", "data/", "en/map-data.json", "en/finder.json"):
        assert expected in holding or any(path.startswith(expected) for path in holding)
    assert any(path.endswith(".geojson") for path in holding)


def test_csv_cells_of_hostile_records_start_no_formula(hostile_built: Path) -> None:
    cells = [
        cell
        for path in sorted((hostile_built / "data").glob("*.csv"))
        for row in csv.reader(path.read_text(encoding="utf-8").splitlines())
        for cell in row
    ]
    assert '\'=HYPERLINK("https://example.org/evil","Click")' in cells
    assert "'@SUM(A1)" in cells
    assert not [
        cell
        for cell in cells
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r")
        and not cell.lstrip("+").replace(";", "").replace("+", "").isdigit()
    ]
