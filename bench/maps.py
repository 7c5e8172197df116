"""Benchmark: map data and map pages for 5,000 generated services.

Prints the time to build the shared map data and the map pages of one language, and the
weight of the overview map page as a visitor downloads it (HTML, data file, Leaflet).
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import xstatic.pkg.leaflet as leaflet_package
import xstatic.pkg.leaflet_markercluster as cluster_package
from directory.data.loading import load
from directory.render.maps import CLUSTER_FILES, MapData
from directory.render.pages import PageWriter
from generate import generate

SERVICES = 5000


def kib(size: int) -> str:
    return f"{size / 1024:,.0f} KiB"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = load(generate(Path(tmp) / "data", SERVICES))
    started = time.perf_counter()
    data = MapData(directory, "en").data_file().encode()
    data_seconds = time.perf_counter() - started
    writer = PageWriter(directory, "en")
    started = time.perf_counter()
    overview = writer.overview_map().markdown().encode()
    places = [writer.place(place) for place in directory.places.values()]
    categories = [writer.category(category) for category in directory.categories.values()]
    pages_seconds = time.perf_counter() - started
    service = next(iter(directory.services.values()))
    started = time.perf_counter()
    for service in list(directory.services.values())[:500]:
        writer.service(service)
    service_seconds = (time.perf_counter() - started) / 500
    leaflet = sum(
        (Path(leaflet_package.BASE_DIR) / name).stat().st_size
        for name in ("leaflet.js", "leaflet.css")
    ) + sum((Path(cluster_package.BASE_DIR) / n).stat().st_size for n in CLUSTER_FILES)
    points = data.count(b'"y":')
    print(f"services: {SERVICES}, map points: {points}")
    print(
        f"shared map data (one language): {data_seconds:.3f} s, {kib(len(data))},"
        f" gzip {kib(len(gzip.compress(data)))}"
    )
    print(
        f"overview + {len(places)} place + {len(categories)} category map pages:"
        f" {pages_seconds:.3f} s"
    )
    print(f"one service page with its map: {service_seconds * 1000:.1f} ms")
    total = len(overview) + len(data) + leaflet
    print(
        f"overview page weight: HTML {kib(len(overview))} + data {kib(len(data))}"
        f" + Leaflet {kib(leaflet)} = {kib(total)}"
    )
    print(f"ratio data/point: {len(data) / max(points, 1):.0f} bytes")


if __name__ == "__main__":
    main()
