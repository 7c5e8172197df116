"""Maps: markers from the data, light pages, honest approximate positions, no outside requests
but map tiles, and only on pages that show a map."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest
from directory.render.maps import MapData, MapPoint, _folium_template, map_list
from directory.render.pages import PageWriter
from directory.text.languages import SITE_LANGUAGES

from .conftest import DATA, keep_local

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser

TILES = "tile.openstreetmap.org"


def _service_with_locations() -> str:
    return next(s.id for s in DATA.services.values() if len(s.locations) >= 1)


def _options(page: str) -> dict[str, object]:
    found = re.search(
        r'<script type="application/json" id="map-[a-z]+-options">(.*?)</script>', page
    )
    assert found, "no map options on the page"
    return dict(json.loads(found.group(1)))


def test_pages_carry_no_folium_header_and_no_cdn(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for banned in ("bootstrap", "jquery", "cdn.jsdelivr", "cdnjs", "unpkg.com", "googleapis"):
            assert banned not in html.lower(), (page, banned)


def test_leaflet_loads_only_on_map_pages_and_only_from_the_map_script(real_site: Path) -> None:
    about = (real_site / "uk/about/index.html").read_text(encoding="utf-8")
    assert "vendor/leaflet" not in about and "directory-map" not in about
    service = (real_site / f"uk/services/{_service_with_locations()}/index.html").read_text()
    assert '<script src="../../../assets/directory-map.js" defer></script>' in service
    assert 'href="../../../assets/directory-map.css"' in service
    assert "leaflet.js" not in service  # not render-blocking: the map script fetches it
    assert _options(service)["leaflet"] == "../../../assets/vendor/leaflet/"
    assert (real_site / "assets/vendor/leaflet/leaflet.js").is_file()
    assert (real_site / "assets/vendor/leaflet/leaflet.markercluster.js").is_file()


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_service_map_has_a_marker_per_location_linking_to_the_same_language(
    real_site: Path, language: str
) -> None:
    service = DATA.services[_service_with_locations()]
    url = f"http://site/{language}/services/{service.id}/"
    page = (real_site / language / "services" / service.id / "index.html").read_text()
    options = _options(page)
    points = options["points"]
    assert isinstance(points, list) and len(points) == len(service.locations)
    for point in points:
        target = urljoin(urljoin(url, str(options["base"])), point["u"])
        assert urlsplit(target).path == f"/{language}/services/{service.id}/"


def test_approximate_locations_are_marked(real_site: Path) -> None:
    page = (real_site / f"en/services/{_service_with_locations()}/index.html").read_text()
    points = _options(page)["points"]
    assert isinstance(points, list)
    assert all(point["a"] == 1 for point in points)  # no source gives coordinates
    assert "map position approximate" in page
    assert "openstreetmap.org/search?query=" in page  # every address opens without JS


def test_shared_map_data_is_one_file_per_language(real_site: Path) -> None:
    locations = sum(len(s.locations) for s in DATA.services.values())
    for language in SITE_LANGUAGES:
        points = json.loads((real_site / language / "map-data.json").read_text())
        assert len(points) == locations
    place = (real_site / "uk/places/praha/index.html").read_text(encoding="utf-8")
    assert '"data": "../../map-data.json"' in place
    assert '"y":' not in place  # not inlined again


def test_map_html_is_the_same_in_two_builds() -> None:
    service = DATA.services[_service_with_locations()]
    first = PageWriter(DATA, "cs").service(service).body
    _folium_template.cache_clear()  # a fresh Folium render, as in a new build
    second = PageWriter(DATA, "cs").service(service).body
    assert first == second
    assert 'id="map_map_service"' in first


def test_map_text_is_data_not_markup() -> None:
    points = MapData(DATA, "en").all_points()
    data = json.loads(MapData(DATA, "en").data_file())
    assert [p["n"] for p in data] == [p.name for p in points]


def _outside_requests(browser: Browser, url: str) -> tuple[list[str], tuple[int | None, int]]:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    outside = keep_local(page)
    page.goto(url)
    page.wait_for_timeout(1200)
    markers: int | None = page.evaluate(
        "() => { const m = document.querySelector('.folium-map');"
        " return m ? Number(m.getAttribute('data-markers')) : null; }"
    )
    drawn: int = page.locator(".leaflet-overlay-pane canvas, .marker-cluster").count()
    assert page.locator(".directory-map__list").count() == 0  # the list stays in <noscript>
    page.close()
    assert not errors, errors
    return outside, (markers, drawn)


@pytest.mark.parametrize("path", ["uk/places/praha/", "cs/services/", "ar/map/"])
def test_maps_draw_markers_in_chromium(served_site: str, browser: Browser, path: str) -> None:
    if path == "cs/services/":  # a record page with a map, chosen when the test runs
        path += f"{_service_with_locations()}/"
    outside, (markers, drawn) = _outside_requests(browser, f"{served_site}/{path}")
    assert isinstance(markers, int) and markers > 0
    assert isinstance(drawn, int) and drawn > 0
    assert outside and all(urlsplit(url).hostname == TILES for url in outside)


def test_a_page_without_a_map_asks_for_nothing_outside(served_site: str, browser: Browser) -> None:
    outside, (markers, _) = _outside_requests(browser, f"{served_site}/uk/about/")
    assert markers is None
    assert outside == []


def test_map_list_escapes_record_text() -> None:
    point = MapPoint(
        lat=50.0, lon=14.4, approximate=True, name='<img src=x onerror="alert(1)">',
        address="Na <b>Poříčí</b> 1", url="services/x/", categories=("c",), places=("praha",),
    )  # fmt: skip
    html = str(map_list([point], {"praha": "Praha & okolí"}, "../../"))
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=x" in html and "Na &lt;b&gt;Poříčí&lt;/b&gt; 1" in html
    assert "Praha &amp; okolí" in html and 'href="../../services/x/"' in html


def _expected(path: str) -> tuple[str, set[tuple[str, str, str]]]:
    """The page's language and its map's entries: (record path, name, address)."""
    language, kind, *rest = path.strip("/").split("/")
    maps = MapData(DATA, language)
    if kind == "services":
        points = maps.service_points(DATA.services[rest[0]])
    else:
        points = maps.shown({"place": rest[0]} if kind == "places" else {})
    return language, {(f"/{language}/{p.url}", p.name, p.address) for p in points}


_LISTED = """() => [...document.querySelectorAll('.directory-map__list ul > li')].map(li => {
  const link = li.querySelector('a'), address = li.querySelector('span');
  return [link.pathname, link.textContent, address ? address.textContent : ''];
})"""


@pytest.mark.parametrize("path", ["en/map/", "ar/places/bor/", "uk/services/"])
def test_without_javascript_every_map_is_a_list_of_places_and_addresses(
    served_site: str, browser: Browser, path: str
) -> None:
    if path == "uk/services/":  # a record page with a map, chosen when the test runs
        path += f"{_service_with_locations()}/"
    language, expected = _expected(path)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(f"{served_site}/{path}")
    listed = {tuple(entry) for entry in page.evaluate(_LISTED)}
    assert listed == expected and len(expected) > 0
    assert page.locator(".directory-map__list").is_visible()
    assert not page.locator(".folium-map").is_visible()  # no empty box where the map would be
    assert not page.locator(".directory-map__help").is_visible()
    assert page.evaluate("document.documentElement.lang") == language
    context.close()
