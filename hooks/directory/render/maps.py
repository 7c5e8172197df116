"""Maps: where every door is. Folium makes the Leaflet map and its OpenStreetMap tile layer;
the markers come from data (inline JSON on record pages, one shared file per language for
category, place and overview maps) and are drawn by assets/directory-map.js, which builds
popups with DOM text nodes, so nothing from YAML is ever parsed as HTML or JavaScript.

Folium's own page header (Bootstrap, jQuery, CDN links) never reaches a page: only the map
`<div>` and its script are taken, with Leaflet served from the site (xstatic packages).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

import xstatic.pkg.leaflet as leaflet_package
import xstatic.pkg.leaflet_markercluster as cluster_package
from markupsafe import Markup, escape

from directory.data.dataset import Directory
from directory.data.models import Location, Organisation, Service
from directory.render.escaping import script_json
from directory.render.formatting import address_text, natural_order
from directory.render.urls import page_path
from directory.text.localized import pick

VENDOR_DIR = "assets/vendor/leaflet"  # inside the site, shared by every language
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images")
CLUSTER_FILES = ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css")
MAP_DATA_FILE = "map-data.json"  # per language: /<lang>/map-data.json

# Colour-blind-safe palette, one colour per category in data order (repeats after 12).
PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#637939",
)  # fmt: skip


@dataclass(frozen=True)
class MapPoint:
    """One location of one service (or organisation), as the map script reads it."""

    lat: float
    lon: float
    approximate: bool  # no sourced coordinates: drawn at the place's centre, as a circle
    name: str
    address: str
    url: str  # relative to the language root, e.g. "services/x/"
    categories: tuple[str, ...]
    places: tuple[str, ...]  # the location's place and every place around it


def copy_assets(site_dir: Path) -> None:
    """Leaflet and the cluster plugin from their PyPI packages into the built site."""
    target = site_dir / VENDOR_DIR
    target.mkdir(parents=True, exist_ok=True)
    for package, names in ((leaflet_package, LEAFLET_FILES), (cluster_package, CLUSTER_FILES)):
        for name in names:
            source = Path(package.BASE_DIR) / name
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True)
            else:
                shutil.copy2(source, target / name)


def write_map_data(directory: Directory, site_dir: Path, language: str) -> Path:
    """The language's shared map data, read by category, place and overview maps."""
    target = site_dir / language / MAP_DATA_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(MapData(directory, language).data_file(), encoding="utf-8")
    return target


def osm_link(location: Location) -> str:
    """OpenStreetMap at the sourced point, or a search for the address when there is none."""
    if location.geo is not None:
        lat, lon = location.geo.lat, location.geo.lon
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"
    return "https://www.openstreetmap.org/search?query=" + quote(address_text(location))


class MapData:
    """The points of a directory, in one language."""

    def __init__(self, directory: Directory, language: str) -> None:
        self.directory = directory
        self.language = language

    def _point(
        self, location: Location, name: dict[str, str], url: str, categories: list[str]
    ) -> MapPoint:
        geo = location.geo or self.directory.places[location.place].centre
        return MapPoint(
            lat=geo.lat,
            lon=geo.lon,
            approximate=location.geo is None,
            name=pick(name, self.language).text,
            address=address_text(location),
            url=url,
            categories=tuple(categories),
            places=tuple(self.directory.place_and_ancestors(location.place)),
        )

    def service_points(self, service: Service) -> list[MapPoint]:
        url = page_path("services", service.id)
        return [
            self._point(location, service.name, url, service.categories)
            for location in self.directory.service_locations(service)
        ]

    def organisation_points(self, organisation: Organisation) -> list[MapPoint]:
        categories = sorted(
            {c for s in self.directory.services_of(organisation.id) for c in s.categories}
        )
        url = page_path("organisations", organisation.id)
        return [
            self._point(loc, organisation.name, url, categories) for loc in organisation.locations
        ]

    @cached_property
    def _all_points(self) -> list[MapPoint]:
        return [p for s in self.directory.services.values() for p in self.service_points(s)]

    def all_points(self) -> list[MapPoint]:
        return list(self._all_points)

    def shown(self, show: dict[str, Any]) -> list[MapPoint]:
        """The points a shared map shows (the rule of directory-map.js's `visible`)."""
        category, place = show.get("category"), show.get("place")
        return [
            point
            for point in self._all_points
            if (not category or category in point.categories)
            and (not place or place in point.places)
        ]

    @cached_property
    def place_names(self) -> dict[str, str]:
        return {id: pick(p.name, self.language).text for id, p in self.directory.places.items()}

    def data_file(self) -> str:
        """The shared map data of every service, compact (keys short, one line)."""
        points = [_compact(point) for point in self.all_points()]
        return json.dumps(points, ensure_ascii=False, separators=(",", ":"))


def _compact(point: MapPoint) -> dict[str, Any]:
    return {
        "y": round(point.lat, 5),
        "x": round(point.lon, 5),
        "a": 1 if point.approximate else 0,
        "n": point.name,
        "d": point.address,
        "u": point.url,
        "c": list(point.categories),
        "p": list(point.places),
    }


# Stand-in values, rendered once per map id by Folium and replaced per page: building a
# Folium map costs ~9 ms (most of it looking up the tile provider), 1,400 maps took 7.6 s.
_CENTRE_MARK = (12.3456789, 98.7654321)
_ZOOM_MARK = 77


@cache
def _folium_template(map_id: str) -> tuple[str, str]:
    # Imported here: Folium, Branca and NumPy take 0.26 s to import, which a build's own
    # process (it draws no map) need not pay; the workers get them from the preload.
    import folium
    from branca.element import Figure

    figure_map = folium.Map(
        location=list(_CENTRE_MARK),
        zoom_start=_ZOOM_MARK,
        tiles=None,
        control_scale=True,
        prefer_canvas=True,  # one canvas for all markers: a few ms, not an SVG node each
        fade_animation=False,  # no frame-by-frame fading of each tile on a phone
    )
    figure_map.default_js = []
    figure_map.default_css = []
    figure_map._id = map_id.replace("-", "_")
    tiles = folium.TileLayer("OpenStreetMap", max_zoom=19)
    tiles._id = f"{figure_map._id}_tiles"
    tiles.add_to(figure_map)
    root = figure_map.get_root()
    assert isinstance(root, Figure)
    root.render()
    return root.html.render(), root.script.render()


def folium_map(map_id: str, centre: tuple[float, float], zoom: int) -> tuple[str, str]:
    """The map `<div>` and script from Folium, with fixed ids so two builds are identical."""
    div, script = _folium_template(map_id)
    marks = f"[{_CENTRE_MARK[0]}, {_CENTRE_MARK[1]}]"
    if marks not in script or f'"zoom": {_ZOOM_MARK}' not in script:
        raise RuntimeError("Folium's map script changed form; update maps.folium_map")
    script = script.replace(marks, f"[{centre[0]}, {centre[1]}]")
    return div, script.replace(f'"zoom": {_ZOOM_MARK}', f'"zoom": {zoom}')


def _tiles_later(script: str, variable: str, tiles: str) -> str:
    """Folium's script without adding the tiles: directory-map.js adds them once the view
    fits the markers, so a phone never downloads the tiles of the starting view in vain."""
    adding = f"{tiles}.addTo({variable});"
    if adding not in script:
        raise RuntimeError("Folium's tile layer script changed form; update maps._tiles_later")
    return script.replace(adding, "")


def map_block(
    map_id: str,
    *,
    root: str,
    language_root: str,
    labels: dict[str, str],
    centre: tuple[float, float],
    zoom: int,
    listed: Markup,
    points: list[MapPoint] | None = None,
    show: dict[str, Any] | None = None,
) -> Markup:
    """A map with its markers. `points` are inlined (record pages); without them the page's
    map loads the language's shared data file, filtered by `show` (category or place).
    `listed` (see `map_list`) stands in for the map where JavaScript does not run.

    Nothing heavy runs while the page loads: the map script (deferred) fetches Leaflet and
    the shared data only when the map comes near the viewport, and draws markers on a canvas."""
    div, script = folium_map(map_id, centre, zoom)
    variable = "map_" + map_id.replace("-", "_")
    tiles = f"tile_layer_{map_id.replace('-', '_')}_tiles"  # Folium's names, see _folium_template
    options: dict[str, Any] = {
        "labels": labels,
        "base": language_root,
        "show": show or {},
        "leaflet": f"{root}{VENDOR_DIR}/",
        "cluster": points is None,  # shared maps hold many points; a record's few need none
    }
    if points is None:
        options["data"] = f"{language_root}{MAP_DATA_FILE}"
    else:
        options["points"] = [_compact(point) for point in points]
    payload = script_json(options)
    make = _one_line(_tiles_later(script, variable, tiles))
    # The class tells the page's style (directory-map.css) that the map will draw: without
    # it the empty map box and its help give way to the list.
    html = (
        f'<script type="application/json" id="{map_id}-options">{payload}</script>\n'
        '<script>document.documentElement.classList.add("directory-map-js");'
        f'(window.directoryMaps = window.directoryMaps || []).push({{options: "{map_id}-options",'
        f' map: "{variable}", make: function () {{\n{make}'
        f"\nreturn {{map: {variable}, tiles: {tiles}}};}}}});</script>\n"
        f'<div class="directory-map"><div dir="ltr">{div.strip()}</div>'
        f'<p class="directory-map__help">{escape(labels["map_help"])}</p>\n'
        f"<noscript>{listed}</noscript></div>\n"
        f'<script src="{root}assets/directory-bidi.js" defer></script>'
        f'<script src="{root}assets/directory-map.js" defer></script>'
    )
    return Markup(html)


def map_list(points: list[MapPoint], place_names: dict[str, str], language_root: str) -> Markup:
    """The map's points as a list (name linking to the record, address), by place, for
    readers whose browser runs no JavaScript. Text from records is escaped."""
    by_place: dict[str, list[MapPoint]] = {}
    for point in points:
        by_place.setdefault(point.places[0], []).append(point)
    groups = []
    for place in sorted(by_place, key=lambda id: natural_order(place_names[id])):
        entries = sorted(by_place[place], key=lambda point: natural_order(point.name))
        items = "".join(
            f'<li><a href="{escape(language_root + point.url)}">{escape(point.name)}</a>'
            + (f' — <span dir="auto">{escape(point.address)}</span>' if point.address else "")
            + "</li>"
            for point in entries
        )
        groups.append(f"<li>{escape(place_names[place])}<ul>{items}</ul></li>")
    return Markup(f'<ul class="directory-map__list">{"".join(groups)}</ul>')


def _one_line(script: str) -> str:
    """Folium's script without blank lines (Markdown must keep the HTML block whole)."""
    return "\n".join(line for line in script.splitlines() if line.strip())
