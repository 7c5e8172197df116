"""The web editor at /admin/: its configuration asks for exactly what the models accept, is
valid for Sveltia CMS, and the page offers a token sign-in with nothing fetched from elsewhere.

The expectations come from the models' JSON Schemas, not from the code that generates the
configuration, so a change to a model that the editor does not follow fails here."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import pytest
import yaml
from directory.data import yamlfile
from directory.data.loading import RECORD_FOLDERS
from directory.editing.decap import (
    PATTERN_ADVICE,
    decap_config,
    record_format,
    schema_lines,
    write_admin,
)
from directory.editing.scaffold import vocabulary_ids
from directory.editing.schema import schema_line
from directory.editing.sveltia import EDITOR_FILES, FONT_COPIES
from directory.text.languages import SITE_LANGUAGES
from pydantic import BaseModel

from .conftest import ROOT, SAMPLE_DATA, keep_local

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser

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
    # signing in needs no server: a GitHub token; people without write access use a fork
    assert config["backend"]["auth_methods"] == ["token"]
    assert config["backend"]["open_authoring"] is True
    for folder in RECORD_FOLDERS:
        found = collection(config, folder)
        assert found["folder"] == f"data/{folder}"
        assert found["extension"] == "yaml"
        assert (found["slug"], found["identifier_field"]) == ("{{fields.id}}", "id")


def test_each_collection_saves_with_its_schema_line_on_top() -> None:
    """The page registers one format per collection (tested in the browser below), which
    writes the file's `# yaml-language-server` line first."""
    config = decap_config("owner/repo")
    lines = schema_lines(config)
    for folder in RECORD_FOLDERS:
        found = collection(config, folder)
        assert (found["format"], found["extension"]) == (record_format(folder), "yaml")
        record = ROOT / "data" / folder / "any.yaml"
        assert lines[found["format"]] == schema_line(record, ROOT / "data", ROOT / "schemas")


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


SCHEMA = Path(sys.prefix) / "share" / "npm" / "sveltia-cms.schema.json"


@pytest.mark.parametrize("data", [SAMPLE_DATA, ROOT / "data"], ids=["sample", "real"])
def test_the_config_is_valid_for_sveltia(data: Path) -> None:
    """Against the JSON Schema in the @sveltia/cms package (fields allow no unknown keys)."""
    assert SCHEMA.is_file(), "Sveltia's schema is missing: run make (tools/fetch_npm.py)"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    config = decap_config("owner/repo", vocabularies=vocabulary_ids(data))
    errors = [error.message for error in jsonschema.Draft7Validator(schema).iter_errors(config)]
    assert errors == []


def test_admin_folder_has_the_config_and_a_page_without_a_cdn(tmp_path: Path) -> None:
    config = decap_config("owner/repo")
    written = write_admin(tmp_path, config)
    assert written == [tmp_path / "admin" / "config.yml", tmp_path / "admin" / "index.html"]
    assert yaml.safe_load(written[0].read_text(encoding="utf-8")) == config
    page = written[1].read_text(encoding="utf-8")
    assert '<script src="sveltia-cms.js"></script>' in page
    assert re.findall(r'(?:src|href)="[^"]*"', page) == ['src="sveltia-cms.js"']
    assert 'import("./yaml/index.js")' in page  # the record formats' YAML library, served here


def test_the_built_site_has_the_editor_at_admin(real_site: Path) -> None:
    admin = real_site / "admin"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["repo"] == "rozcestnik/rozcestnik"
    bundle = (admin / "sveltia-cms.js").read_text(encoding="utf-8")
    assert len(bundle) > 1_000_000  # the npm bundle, served here
    assert "cdn.jsdelivr.net" not in bundle  # its fonts are ours
    for copy in FONT_COPIES.values():
        assert (admin / copy).stat().st_size > 10_000, copy
    for language in ("cs", "uk", "ru", "vi", "ar"):  # the interface in the site's languages
        assert (admin / "locales" / f"{language}.json").is_file(), language
    assert (admin / "yaml" / "index.js").is_file()


def _open_admin(browser: Browser, address: str, locale: str) -> tuple[str, list[str], list[str]]:
    """The admin page's sign-in buttons, its console errors and warnings, and every
    request that left 127.0.0.1 (aborted: no network in tests)."""
    context = browser.new_context(locale=locale)
    outside = keep_local(context)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{address}/admin/")
    page.get_by_role("button").last.wait_for()
    page.wait_for_load_state("networkidle")
    buttons = " | ".join(page.get_by_role("button").all_inner_texts())
    context.close()
    return buttons, problems, outside


@pytest.mark.parametrize("locale", ["en-US", "cs", "uk", "ar"])
def test_admin_offers_a_token_sign_in_with_no_errors_and_nothing_fetched_from_elsewhere(
    served_site: str, browser: Browser, locale: str
) -> None:
    """A volunteer's browser in English, Czech, Ukrainian or Arabic: the sign-in screen in
    that language (its translation served from /admin/locales/), a token sign-in and no
    GitHub OAuth button (there is no login server), no console errors or warnings, and not
    one request to a CDN or any other site."""
    buttons, problems, outside = _open_admin(browser, served_site, locale)
    strings = json.loads((EDITOR_FILES / "locales" / f"{locale}.json").read_text("utf-8"))
    assert strings["sign_in_using_access_token"] in buttons
    assert "GitHub" not in buttons  # "Sign In with GitHub" would need an OAuth service
    assert problems == []
    assert outside == []


def test_a_record_saved_unchanged_keeps_its_data_and_its_schema_line(
    served_site: str, browser: Browser
) -> None:
    """Every real record through the page's record format, as the editor reads and writes
    it: the same data for the site's YAML reader, and the schema line still on top."""
    records = {
        folder: [
            path.read_text(encoding="utf-8")
            for path in sorted((ROOT / "data" / folder).glob("*.yaml"))
        ]
        for folder in RECORD_FOLDERS
    }
    page = browser.new_page()
    page.goto(f"{served_site}/admin/")
    page.wait_for_function("window.recordFormats !== undefined")
    saved = page.evaluate(
        """async (records) => Object.fromEntries(await Promise.all(
             Object.entries(records).map(async ([folder, texts]) => {
               const format = window.recordFormats[`${folder}-yaml`];
               const again = texts.map(async (text) => format.toFile(await format.fromFile(text)));
               return [folder, await Promise.all(again)];
             })))""",
        records,
    )
    page.close()
    for folder, texts in records.items():
        assert len(saved[folder]) == len(texts) > 0
        for text, again in zip(texts, saved[folder], strict=True):
            assert again.splitlines()[0] == text.splitlines()[0]
            assert yamlfile.parse(again) == yamlfile.parse(text)
