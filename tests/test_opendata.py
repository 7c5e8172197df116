"""The open-data export: HSDS 3.0 objects valid against the shared schemas, stable ids,
CSV and GeoJSON that load back with one row or feature per record."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing
import referencing.jsonschema as referencing_jsonschema
from directory.dataset import Directory
from directory.loading import load
from directory.opendata import (
    LICENSE,
    PROFILE,
    csv_files,
    geojson,
    hsds,
    location_uuid,
    organisation_uuid,
    service_uuid,
    write_open_data,
)

from .conftest import ROOT, SAMPLE_DATA, TODAY

HSDS_SCHEMAS = ROOT.parent / "shared" / "hsds-3.0"
SITE_URL = "https://rozcestnik.example.org/"
BUILD_DATE = date(2026, 11, 23)


@pytest.fixture(scope="module")
def validators() -> dict[str, Any]:
    """Validators for HSDS organization, location and (compiled) service objects, with every
    `$ref` resolved to the local schema files."""
    assert HSDS_SCHEMAS.is_dir(), f"the HSDS schemas are missing: {HSDS_SCHEMAS}"
    registry = referencing.Registry().with_resources(
        (
            path.name,
            referencing.Resource.from_contents(
                json.loads(path.read_text(encoding="utf-8")),
                default_specification=referencing_jsonschema.DRAFT202012,
            ),
        )
        for path in HSDS_SCHEMAS.glob("*.json")
    )
    validator = jsonschema.Draft202012Validator
    compiled = json.loads(
        (HSDS_SCHEMAS / "compiled" / "service_with_definitions.json").read_text(encoding="utf-8")
    )
    return {
        name: validator(schema, registry=registry, format_checker=validator.FORMAT_CHECKER)
        for name, schema in (
            ("organization", {"$ref": "organization.json"}),
            ("location", {"$ref": "location.json"}),
            ("service", compiled),
        )
    }


@pytest.fixture(scope="module")
def real() -> Directory:
    return load(ROOT / "data", today=TODAY)


@pytest.fixture(scope="module")
def sample() -> Directory:
    return load(SAMPLE_DATA, today=TODAY)


@pytest.fixture(params=["real", "sample"])
def directory(request: pytest.FixtureRequest, real: Directory, sample: Directory) -> Directory:
    return real if request.param == "real" else sample


def _errors(validator: Any, instance: dict[str, Any]) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(instance)]


def test_every_hsds_object_is_valid(directory: Directory, validators: dict[str, Any]) -> None:
    export = hsds(directory, BUILD_DATE, SITE_URL)
    problems: list[str] = []
    counts = {"organization": 0, "location": 0, "service": 0}
    for organization in export["organizations"]:
        problems += _errors(validators["organization"], organization)
        counts["organization"] += 1
        for location in organization["locations"]:
            problems += _errors(validators["location"], location)
            counts["location"] += 1
        for service in organization["services"]:
            problems += _errors(validators["service"], service)
            counts["service"] += 1
    assert problems == []
    assert counts == {
        "organization": len(directory.organisations),
        "location": sum(len(o.locations) for o in directory.organisations.values()),
        "service": len(directory.services),
    }


def test_the_validators_do_catch_errors(sample: Directory, validators: dict[str, Any]) -> None:
    organization = hsds(sample, BUILD_DATE, SITE_URL)["organizations"][0]
    broken = {**organization, "id": "sample-centre", "phones": [{"id": organisation_uuid("x")}]}
    messages = _errors(validators["organization"], broken)
    assert any("uuid" in message for message in messages)
    assert any("'number' is a required property" in message for message in messages)
    service = {**organization["services"][0], "status": "open"}
    assert _errors(validators["service"], service)


def test_wrapper_has_licence_profile_and_date(sample: Directory) -> None:
    export = hsds(sample, BUILD_DATE, SITE_URL)
    assert export["license"] == LICENSE == "CC BY-SA 4.0"
    assert export["profile"] == PROFILE
    assert export["build_date"] == "2026-11-23"


def test_ids_are_stable_across_builds(real: Directory) -> None:
    first = hsds(real, BUILD_DATE, SITE_URL)
    again = hsds(load(ROOT / "data", today=TODAY), date(2027, 1, 1), SITE_URL)
    assert _ids(first) == _ids(again)
    assert first["organizations"] == again["organizations"]
    ids = _ids(first)
    assert len(ids) == len(set(ids)), "an id is used twice"
    organisation = next(iter(real.organisations.values()))
    assert first["organizations"][0]["id"] == organisation_uuid(organisation.id)


def _ids(value: Any) -> list[str]:
    """Every `id` anywhere in the export, in order."""
    if isinstance(value, dict):
        own = [value["id"]] if isinstance(value.get("id"), str) else []
        return own + [i for item in value.values() for i in _ids(item)]
    if isinstance(value, list):
        return [i for item in value for i in _ids(item)]
    return []


def test_translations_of_names_are_exported(directory: Directory) -> None:
    export = hsds(directory, BUILD_DATE, SITE_URL)
    organizations = {o["id"]: o for o in export["organizations"]}
    services = {s["id"]: s for o in export["organizations"] for s in o["services"]}
    for organisation in directory.organisations.values():
        exported = organizations[organisation_uuid(organisation.id)]
        assert exported["translations"]["name"] == dict(organisation.name)
        assert exported["name"] == organisation.name.get("cs", organisation.name.get("en"))
    for service in directory.services.values():
        assert services[service_uuid(service.id)]["translations"]["name"] == dict(service.name)


def test_no_coordinates_without_a_sourced_point(real: Directory) -> None:
    """No source gives coordinates: no HSDS location has latitude or longitude."""
    export = hsds(real, BUILD_DATE, SITE_URL)
    for organization in export["organizations"]:
        for location in organization["locations"]:
            assert "latitude" not in location and "longitude" not in location


def test_sample_record_maps_to_hsds_fields(sample: Directory) -> None:
    (organization,) = hsds(sample, BUILD_DATE, SITE_URL)["organizations"]
    assert organization["phones"][0]["number"] == "+420252543846"
    (location,) = organization["locations"]
    assert location["addresses"][0]["address_1"] == "Vzorová 1"
    assert location["addresses"][0]["country"] == "CZ"
    assert [s["byday"] for s in location["schedules"]] == ["MO,TU,WE,TH", "FR"]
    legal = next(
        s for s in organization["services"] if s["id"] == service_uuid("sample-legal-advice")
    )
    assert legal["status"] == "active"
    assert [lang["code"] for lang in legal["languages"]] == ["cs", "vi"]
    assert legal["cost_options"][0]["amount"] == 0
    assert legal["service_at_locations"][0]["location_id"] == location_uuid("sample-centre", "main")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_files_load_back(directory: Directory) -> None:
    files = csv_files(directory)
    assert set(files) == {"organisations.csv", "services.csv", "locations.csv"}
    organisations = _rows(files["organisations.csv"])
    services = _rows(files["services.csv"])
    locations = _rows(files["locations.csv"])
    assert [row["id"] for row in organisations] == list(directory.organisations)
    assert [row["id"] for row in services] == list(directory.services)
    assert len(locations) == sum(len(o.locations) for o in directory.organisations.values())
    for row in organisations:
        for number in filter(None, row["phones"].split(";")):
            assert number.startswith("+") and number[1:].isdigit(), number
        record = directory.organisations[row["id"]]
        assert row["name_cs"] == record.name.get("cs", "")
        assert row["name_en"] == record.name.get("en", "")


def test_geojson_has_a_feature_per_location(directory: Directory) -> None:
    collection = json.loads(json.dumps(geojson(directory, "uk")))
    assert collection["type"] == "FeatureCollection"
    locations = [loc for o in directory.organisations.values() for loc in o.locations]
    assert len(collection["features"]) == len(locations)
    for feature, location in zip(collection["features"], locations, strict=True):
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 48.5 <= lat <= 51.1 and 12.0 <= lon <= 18.9
        assert feature["properties"]["approximate"] is (location.geo is None)


def test_every_real_feature_is_approximate(real: Directory) -> None:
    """No source gives coordinates, so every point is a place's centre."""
    features = geojson(real, "cs")["features"]
    assert features
    assert all(feature["properties"]["approximate"] is True for feature in features)


def test_write_open_data(sample: Directory, tmp_path: Path) -> None:
    written = write_open_data(sample, tmp_path, BUILD_DATE, SITE_URL)
    names = sorted(path.relative_to(tmp_path).as_posix() for path in written)
    assert names == [
        "data/hsds.json",
        "data/index.html",
        "data/locations.csv",
        "data/locations.geojson",
        "data/organisations.csv",
        "data/services.csv",
    ]
    export = json.loads((tmp_path / "data" / "hsds.json").read_text(encoding="utf-8"))
    assert export == hsds(sample, BUILD_DATE, SITE_URL)
    with (tmp_path / "data" / "services.csv").open(encoding="utf-8", newline="") as file:
        assert len(list(csv.DictReader(file))) == len(sample.services)
    page = (tmp_path / "data" / "index.html").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in page and "2026-11-23" in page
    assert 'href="locations.geojson"' in page
    assert "<script" not in page


def test_the_built_site_publishes_the_open_data(real_site: Path) -> None:
    directory = load(ROOT / "data")
    export = json.loads((real_site / "data" / "hsds.json").read_text(encoding="utf-8"))
    assert len(export["organizations"]) == len(directory.organisations)
    assert export["license"] and export["build_date"]
    for name in ("organisations.csv", "services.csv", "locations.csv", "locations.geojson"):
        assert (real_site / "data" / name).is_file(), name
    assert "hsds.json" in (real_site / "data" / "index.html").read_text(encoding="utf-8")
