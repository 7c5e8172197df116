"""The web editor's configuration asks for exactly what the models accept.

The expectations come from the models' JSON Schemas, not from the code that generates the
configuration, so a change to a model that the editor does not follow fails here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from directory.data.loading import RECORD_FOLDERS
from directory.editing.decap import PATTERN_ADVICE, decap_config, write_admin
from directory.editing.scaffold import vocabulary_ids
from directory.editing.schema import schema_line
from directory.text.languages import SITE_LANGUAGES
from pydantic import BaseModel

from .conftest import ROOT, SAMPLE_DATA

Field = dict[str, Any]
Schema = dict[str, Any]


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in config["collections"] if c["name"] == name)
    return found


@pytest.mark.parametrize("folder", list(RECORD_FOLDERS))
def test_every_model_field_is_in_the_form_as_the_model_says(folder: str) -> None:
    model: type[BaseModel] = RECORD_FOLDERS[folder]
    schema = model.model_json_schema()
    fields = collection(decap_config("owner/repo"), folder)["fields"]
    check_record(fields, schema, schema.get("$defs", {}), folder, optional=False)


def check_record(
    fields: list[Field], schema: Schema, defs: Schema, where: str, optional: bool
) -> None:
    """Same fields in the same order, each required exactly when the model requires it —
    except inside an optional part (geo, interpreter), where the form cannot require a value
    only when the part is given (decap-cms issue 7748), so it requires none."""
    by_name = {field["name"]: field for field in fields}
    assert list(by_name) == list(schema["properties"]), where
    required = set(schema.get("required", []))
    for name, value in schema["properties"].items():
        field = by_name[name]
        assert field["required"] is (name in required and not optional), f"{where}.{name}"
        assert field["hint"], f"{where}.{name}"
        check_value(field, resolve(value, defs), defs, f"{where}.{name}")


def resolve(schema: Schema, defs: Schema) -> Schema:
    """The schema behind a reference and without the `null` a default of None allows."""
    if "$ref" in schema:
        return resolve(defs[schema["$ref"].rsplit("/", 1)[1]], defs)
    alternatives = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    return resolve(alternatives[0], defs) if alternatives else schema


def check_value(field: Field, schema: Schema, defs: Schema, where: str) -> None:
    if "properties" in schema:
        assert field["widget"] == "object", where
        check_record(field["fields"], schema, defs, where, optional=not field["required"])
    elif "propertyNames" in schema:  # a text per site language
        assert field["widget"] == "object", where
        names = [inner["name"] for inner in field["fields"]]
        assert names == schema["propertyNames"]["enum"] == list(SITE_LANGUAGES), where
        assert not any(inner["required"] for inner in field["fields"]), where
    elif "enum" in schema:
        assert (field["widget"], field["options"]) == ("select", schema["enum"]), where
    elif schema.get("type") == "array":
        check_list(field, schema, defs, where)
    else:
        check_scalar(field, schema, where)


def check_list(field: Field, schema: Schema, defs: Schema, where: str) -> None:
    assert field.get("min", 0) == schema.get("minItems", 0), where
    items = resolve(schema["items"], defs)
    if "properties" in items:
        assert field["widget"] == "list", where
        check_record(field["fields"], items, defs, f"{where}[]", optional=False)
    elif "enum" in items:
        assert (field["widget"], field["multiple"]) == ("select", True), where
        assert field["options"] == items["enum"], where
    elif "prefixItems" in items:  # a pair of language codes
        pair = field["field"]
        assert (pair["widget"], pair["multiple"], pair["min"], pair["max"]) == (
            "select",
            True,
            items["minItems"],
            items["maxItems"],
        ), where
        assert pair["options"] == items["prefixItems"][0]["enum"], where
    else:
        assert field["widget"] == "list", where
        check_scalar(field["field"], items, f"{where}[]")


def check_scalar(field: Field, schema: Schema, where: str) -> None:
    if field["widget"] == "relation":
        assert (field["collection"], field["value_field"]) == ("organisations", "id"), where
    elif schema.get("format") == "date":
        assert (field["widget"], field["date_format"], field["time_format"]) == (
            "datetime",
            "YYYY-MM-DD",
            False,
        ), where
    elif schema["type"] in ("boolean", "number"):
        assert field["widget"] == schema["type"], where
    else:
        assert schema["type"] == "string" and field["widget"] in ("string", "text"), where
        assert field.get("pattern", [None])[0] == schema.get("pattern"), where


def test_every_save_is_a_pull_request_to_one_file_per_record() -> None:
    config = decap_config("volunteers/rozcestnik", branch="main")
    assert config["backend"]["name"] == "github"
    assert config["backend"]["repo"] == "volunteers/rozcestnik"
    assert config["publish_mode"] == "editorial_workflow"
    for folder in RECORD_FOLDERS:
        found = collection(config, folder)
        assert found["folder"] == f"data/{folder}"
        assert (found["format"], found["extension"]) == ("yaml", "yaml")
        assert (found["slug"], found["identifier_field"]) == ("{{fields.id}}", "id")


def test_the_id_field_keeps_the_schema_line_on_top() -> None:
    """Decap writes the `comment` of the first field as the file's first line."""
    for folder in RECORD_FOLDERS:
        fields = collection(decap_config("owner/repo"), folder)["fields"]
        assert fields[0]["name"] == "id"
        record = ROOT / "data" / folder / "any.yaml"
        expected = schema_line(record, ROOT / "data", ROOT / "schemas")
        assert "# " + fields[0]["comment"] == expected


def test_service_organisation_is_picked_from_the_organisations() -> None:
    fields = collection(decap_config("owner/repo"), "services")["fields"]
    organisation = next(field for field in fields if field["name"] == "organisation")
    assert organisation["widget"] == "relation"
    assert organisation["collection"] == "organisations"
    assert "id" in organisation["search_fields"]


def test_categories_and_places_are_picked_from_the_vocabularies() -> None:
    config = decap_config("owner/repo", vocabularies=vocabulary_ids(SAMPLE_DATA))
    services = {f["name"]: f for f in collection(config, "services")["fields"]}
    categories = services["categories"]
    assert (categories["widget"], categories["multiple"], categories["min"]) == ("select", True, 1)
    assert categories["options"] == ["legal-counselling", "czech-courses"]
    assert services["areas"]["options"] == ["praha", "praha-3"]
    organisations = {f["name"]: f for f in collection(config, "organisations")["fields"]}
    location = {f["name"]: f for f in organisations["locations"]["fields"]}
    assert (location["place"]["widget"], location["place"]["options"]) == (
        "select",
        ["praha", "praha-3"],
    )


def all_fields(fields: list[Field]) -> Iterator[Field]:
    for field in fields:
        yield field
        yield from all_fields(field.get("fields", []))
        if "field" in field:
            yield from all_fields([field["field"]])


def test_every_pattern_comes_with_plain_advice() -> None:
    for folder in RECORD_FOLDERS:
        for field in all_fields(collection(decap_config("owner/repo"), folder)["fields"]):
            if "pattern" in field:
                regex, advice = field["pattern"]
                assert PATTERN_ADVICE[regex] == advice, field["name"]


def test_admin_folder_has_the_config_and_a_page_without_a_cdn(tmp_path: Path) -> None:
    config = decap_config("owner/repo")
    written = write_admin(tmp_path, config)
    assert written == [tmp_path / "admin" / "config.yml", tmp_path / "admin" / "index.html"]
    assert yaml.safe_load(written[0].read_text(encoding="utf-8")) == config
    page = written[1].read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in page
    assert "://" not in page  # nothing loaded from another site


def test_the_built_site_has_the_editor_at_admin(real_site: Path) -> None:
    admin = real_site / "admin"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["repo"] == "rozcestnik/rozcestnik"
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000  # the npm bundle, served here
    index = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in index
    assert "https://" not in index.split("<body", 1)[1].split("-->", 1)[-1]
