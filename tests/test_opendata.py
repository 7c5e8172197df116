"""The open-data export: HSDS 3.0 objects in every language, valid against the official
schemas (kept in tests/hsds-3.0/) and against a strict reading that rejects fields HSDS does
not define; stable ids; CSV and GeoJSON that load back with one row or feature per record."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing
import referencing.jsonschema as referencing_jsonschema
from directory.data.dataset import Directory
from directory.data.loading import load
from directory.exports.hsds import (
    LICENSE,
    PROFILE,
    hsds,
    location_uuid,
    organisation_uuid,
    service_uuid,
)
from directory.exports.opendata import csv_cell, csv_files, geojson, write_open_data
from directory.text.languages import SITE_LANGUAGES
from directory.text.localized import pick

from .conftest import ROOT, SAMPLE_DATA, TODAY

HSDS_SCHEMAS = ROOT / "tests" / "hsds-3.0"
SITE_URL = "https://rozcestnik.example.org/"
BUILD_DATE = date(2026, 11, 23)


def _strict(schema: Any) -> Any:
    """The schema with `additionalProperties: false` on every object that lists properties,
    as validators that reject fields the standard does not define read it."""
    if isinstance(schema, dict):
        strict = {key: _strict(value) for key, value in schema.items()}
        if "properties" in strict and "additionalProperties" not in strict:
            strict["additionalProperties"] = False
        return strict
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    return schema


def _validators(strict: bool) -> dict[str, Any]:
    """Validators for HSDS organization, location and (compiled) service objects, with every
    `$ref` resolved to the schema files kept in the repository."""
    assert HSDS_SCHEMAS.is_dir(), f"the HSDS schemas are missing: {HSDS_SCHEMAS}"
    shape = _strict if strict else (lambda schema: schema)
    registry = referencing.Registry().with_resources(
        (
            path.name,
            referencing.Resource.from_contents(
                shape(json.loads(path.read_text(encoding="utf-8"))),
                default_specification=referencing_jsonschema.DRAFT202012,
            ),
        )
        for path in HSDS_SCHEMAS.glob("*.json")
    )
    validator = jsonschema.Draft202012Validator
    compiled = shape(
        json.loads(
            (HSDS_SCHEMAS / "compiled" / "service_with_definitions.json").read_text(
                encoding="utf-8"
            )
        )
    )
    return {
        name: validator(schema, registry=registry, format_checker=validator.FORMAT_CHECKER)
        for name, schema in (
            ("organization", {"$ref": "organization.json"}),
            ("location", {"$ref": "location.json"}),
            ("service", compiled),
        )
    }


@pytest.fixture(scope="module", params=["official", "strict"])
def validators(request: pytest.FixtureRequest) -> dict[str, Any]:
    return _validators(request.param == "strict")


@pytest.fixture(scope="module")
def real() -> Directory:
    return load(ROOT / "data")


@pytest.fixture(scope="module")
def sample() -> Directory:
    return load(SAMPLE_DATA, today=TODAY)


@pytest.fixture(params=["real", "sample"])
def directory(request: pytest.FixtureRequest, real: Directory, sample: Directory) -> Directory:
    return real if request.param == "real" else sample


def _errors(validator: Any, instance: dict[str, Any]) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(instance)]


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_every_hsds_object_is_valid(
    directory: Directory, validators: dict[str, Any], language: str
) -> None:
    export = hsds(directory, BUILD_DATE, SITE_URL, language)
    problems: list[str] = []
    counts = {"organization": 0, "location": 0, "service": 0}
    for organization in export["organizations"]:
        problems += _errors(validators["organization"], organization)
        counts["organization"] += 1
        for location in organization["locations"]:
            problems += _errors(validators["location"], location)
            counts["location"] += 1
    for service in export["services"]:
        problems += _errors(validators["service"], service)
        counts["service"] += 1
    assert problems == []
    assert counts == {
        "organization": len(directory.organisations),
        "location": sum(len(o.locations) for o in directory.organisations.values()),
        "service": len(directory.services),
    }


def test_the_validators_do_catch_errors(sample: Directory, validators: dict[str, Any]) -> None:
    export = hsds(sample, BUILD_DATE, SITE_URL)
    organization = export["organizations"][0]
    broken = {**organization, "id": "sample-centre", "phones": [{"id": organisation_uuid("x")}]}
    messages = _errors(validators["organization"], broken)
    assert any("uuid" in message for message in messages)
    assert any("'number' is a required property" in message for message in messages)
    service = {**export["services"][0], "status": "open"}
    assert _errors(validators["service"], service)


def test_the_strict_validators_reject_fields_hsds_does_not_define(sample: Directory) -> None:
    strict, official = _validators(strict=True), _validators(strict=False)
    service = {**hsds(sample, BUILD_DATE, SITE_URL)["services"][0], "categories": ["x"]}
    assert not _errors(official["service"], service)
    assert any("categories" in message for message in _errors(strict["service"], service))


def test_wrapper_has_licence_profile_and_date(sample: Directory) -> None:
    export = hsds(sample, BUILD_DATE, SITE_URL)
    assert export["license"] == LICENSE == "CC BY-SA 4.0"
    assert export["profile"] == PROFILE
    assert export["build_date"] == "2026-11-23"


def test_ids_are_stable_across_builds(real: Directory) -> None:
    first = hsds(real, BUILD_DATE, SITE_URL)
    again = hsds(load(ROOT / "data"), date(2027, 1, 1), SITE_URL)
    assert _ids(first) == _ids(again)
    assert first["organizations"] == again["organizations"]
    ids = _ids(first)
    assert len(ids) == len(set(ids)), "an id is used twice"
    organisation = next(iter(real.organisations.values()))
    assert first["organizations"][0]["id"] == organisation_uuid(organisation.id)


def _ids(value: Any) -> list[str]:
    """Every `id` anywhere in the export, in order; taxonomy terms, which many attributes
    share by design, are left out."""
    if isinstance(value, dict):
        own = [value["id"]] if isinstance(value.get("id"), str) else []
        return own + [
            i for key, item in value.items() if key != "taxonomy_term" for i in _ids(item)
        ]
    if isinstance(value, list):
        return [i for item in value for i in _ids(item)]
    return []


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_each_file_holds_its_language_and_marks_machine_translation(
    directory: Directory, language: str
) -> None:
    export = hsds(directory, BUILD_DATE, SITE_URL, language)
    assert export["language"] == language
    services = {s["id"]: s for s in export["services"]}
    for service in directory.services.values():
        exported = services[service_uuid(service.id)]
        assert exported["name"] == pick(service.name, language).text
        marks = {
            a["taxonomy_term"]["code"]: a.get("value")
            for a in exported["attributes"]
            if a["taxonomy_term"]["taxonomy"] == "rozcestnik-translation"
        }
        if language not in service.name:
            assert marks == {"fallback": pick(service.name, language).language}
        elif language in service.machine_translated:
            assert marks == {"machine-translated": language}
        else:
            assert marks == {}
        needs = [
            a["taxonomy_term"]["code"]
            for a in exported["attributes"]
            if a["taxonomy_term"]["taxonomy"] == "rozcestnik-needs"
        ]
        assert needs == service.categories


def test_no_coordinates_without_a_sourced_point(real: Directory) -> None:
    """Only a location's own sourced point is exported, never its place's centre."""
    export = hsds(real, BUILD_DATE, SITE_URL)
    exported = {
        loc["id"]: (loc.get("latitude"), loc.get("longitude"))
        for organization in export["organizations"]
        for loc in organization["locations"]
    }
    for organisation in real.organisations.values():
        for location in organisation.locations:
            point = (location.geo.lat, location.geo.lon) if location.geo else (None, None)
            assert exported[location_uuid(organisation.id, location.id)] == point


def test_sample_record_maps_to_hsds_fields(sample: Directory) -> None:
    export = hsds(sample, BUILD_DATE, SITE_URL)
    (organization,) = export["organizations"]
    assert organization["phones"][0]["number"] == "+420252543846"
    (location,) = organization["locations"]
    assert location["addresses"][0]["address_1"] == "Vzorová 1"
    assert location["addresses"][0]["country"] == "CZ"
    assert [s["byday"] for s in location["schedules"]] == ["MO,TU,WE,TH", "FR"]
    legal = next(s for s in export["services"] if s["id"] == service_uuid("sample-legal-advice"))
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
        for code in SITE_LANGUAGES:
            assert row[f"name_{code}"] == record.name.get(code, "")


def test_csv_cells_never_start_a_formula(sample: Directory) -> None:
    """OWASP's rule on CSV injection: a cell a spreadsheet would run starts with "'"."""
    for attack in ('=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"):
        assert csv_cell(attack) == "'" + attack
    assert csv_cell("+420252543846;+420252543847") == "+420252543846;+420252543847"
    assert csv_cell("Praha 3") == "Praha 3"
    service = next(iter(sample.services.values()))
    hostile = service.model_copy(update={"name": {"cs": "=1+1", "en": "@cmd"}})
    changed = dataclasses.replace(sample, services={service.id: hostile})
    (row,) = _rows(csv_files(changed)["services.csv"])
    assert row["name_cs"] == "'=1+1" and row["name_en"] == "'@cmd"


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


def test_only_sourced_points_are_exact(real: Directory) -> None:
    """A location without sourced coordinates is drawn at its place's centre, marked so."""
    features = geojson(real, "cs")["features"]
    assert features
    exact = {
        f"{o.id}/{loc.id}" for o in real.organisations.values() for loc in o.locations if loc.geo
    }
    for feature in features:
        assert feature["properties"]["approximate"] is (feature["id"] not in exact)


def test_write_open_data(sample: Directory, tmp_path: Path) -> None:
    written = write_open_data(sample, tmp_path, BUILD_DATE, SITE_URL)
    names = sorted(path.relative_to(tmp_path).as_posix() for path in written)
    assert names == [
        *sorted(["data/hsds.json", *(f"data/hsds.{code}.json" for code in SITE_LANGUAGES)]),
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
