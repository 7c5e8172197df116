"""The real data set: valid, sourced, and every file ready for editors' schema checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from directory.data.loading import load
from directory.editing.schema import schema_line

from .conftest import ROOT

DATA = ROOT / "data"


def test_real_data_is_valid_and_big_enough() -> None:
    directory = load(DATA)
    assert len(directory.organisations) >= 20
    assert len(directory.services) >= 30
    towns = {place.id for place in directory.places.values()}
    assert {"praha", "brno", "bor"} <= towns
    assert {e.number for e in directory.emergency} >= {"112", "150", "155", "156", "158"}


def test_every_record_is_sourced_and_has_no_invented_coordinates() -> None:
    directory = load(DATA)
    for record in [*directory.organisations.values(), *directory.services.values()]:
        assert record.sources, record.id
    for organisation in directory.organisations.values():
        for location in organisation.locations:
            if location.geo is None:
                continue
            # A point only where a source states it: its note names the location and the
            # numbers, as CONTRIBUTING asks ("GPS for location main: 50.07, 14.42").
            notes = [source.note or "" for source in organisation.sources]
            assert any(location.id in note and str(location.geo.lat) in note for note in notes), (
                f"{organisation.id}/{location.id}: coordinates need a source that states them"
            )


@pytest.mark.parametrize("root", [DATA, ROOT / "tests" / "sample-data"], ids=["data", "sample"])
def test_every_file_starts_with_its_schema_line(root: Path) -> None:
    files = [*root.glob("*.yaml"), *root.glob("*/*.yaml")]
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == schema_line(path, root, ROOT / "schemas"), path


def test_a_service_without_areas_serves_the_places_of_its_addresses() -> None:
    """The record format's default: an address at town level (Prague) serves every district,
    so district pages, coverage and leaflets count it as the finder does."""
    directory = load(DATA)
    town_level = [
        (service, place)
        for service in directory.services.values()
        if service.areas is None
        for place in directory.service_places(service)
        if any(child.parent == place for child in directory.places.values())
    ]
    assert town_level  # the real data has such services (e.g. at a Prague-wide office)
    for service, town in town_level:
        for district in (p for p in directory.places.values() if p.parent == town):
            located, serving = directory.services_in(district.id)
            assert service in located or service in serving, (service.id, district.id)
