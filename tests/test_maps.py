"""Maps: markers from the data, light pages, honest approximate positions, no outside requests
but map tiles, and only on pages that show a map."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest
from directory.render.maps import MapData, _folium_template
from directory.render.pages import PageWriter
from directory.text.languages import SITE_LANGUAGES

from .conftest import DATA

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser, Route

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


def test_leaflet_loads_only_on_map_pages(real_site: Path) -> None:
    about = (real_site / "uk/about/index.html").read_text(encoding="utf-8")
    assert "leaflet.js" not in about and "directory-map.js" not in about
    service = (real_site / f"uk/services/{_service_with_locations()}/index.html").read_text()
    assert '<script src="../../../assets/vendor/leaflet/leaflet.js">' in service
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
    outside: list[str] = []

    def route(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()  # no network in tests; what was asked for is what counts

    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/*", route)
    page.goto(url)
    page.wait_for_timeout(1200)
    markers: int | None = page.evaluate(
        "() => { const m = document.querySelector('.folium-map');"
        " return m ? Number(m.getAttribute('data-markers')) : null; }"
    )
    drawn: int = page.locator(".leaflet-interactive, .marker-cluster").count()
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
