"""The web editor's `config.yml` at /admin/, generated from the models, so its forms ask for
exactly the fields, choices and required values the validator checks.

The configuration is in Decap CMS's format, which Sveltia CMS, the editor the site serves
(sveltia.py), reads. Every save in the editor opens a pull request (`editorial_workflow`),
which the pull-request check validates like any other change.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from directory.data.fields import ID_PATTERN, TIME_PATTERN
from directory.data.loading import RECORD_FOLDERS
from directory.editing.scaffold import (
    VOCABULARY_FIELDS,
    Shape,
    Spec,
    fields_of,
    help_text,
    vocabulary_ids,
)
from directory.editing.schema import schema_line
from directory.editing.sveltia import EDITOR_FILES, admin_page, serve_editor
from directory.text.languages import SITE_LANGUAGES, native_name

# Fields that name a record of another collection ("Model.field" -> collection).
RELATIONS: dict[str, str] = {"Service.organisation": "organisations"}
# Localized texts long enough for a multi-line box.
LONG_TEXTS = frozenset({"description", "what_to_bring"})
# What the editor says when a value does not match a field's pattern.
PATTERN_ADVICE: dict[str, str] = {
    ID_PATTERN: "lowercase letters a-z and digits joined by single hyphens, e.g. legal-counselling",
    TIME_PATTERN: "a time of day as HH:MM, e.g. 09:00",
    r"^\d{3} ?\d{2}$": "a Czech postcode has five digits, e.g. 110 00",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "YYYY, YYYY-MM or YYYY-MM-DD",
    r"^\+?[0-9 ()/-]{6,20}$": "a phone number as the source gives it, e.g. +420 252 543 846",
    "^https?://": "a full web address starting with https://",
}
# Records have no pictures, but the format requires a media folder.
MEDIA_FOLDER = "content/assets/uploads"
DATE_WIDGET: dict[str, Any] = {
    "widget": "datetime",
    "date_format": "YYYY-MM-DD",  # stored as YYYY-MM-DD, picked with a date picker
    "time_format": False,
    "picker_utc": True,  # the same day for editors in every time zone
    "default": "",  # never today's date unasked: a date says when someone checked a source
}

Vocabularies = Mapping[str, Sequence[str]]


def decap_config(
    repo: str,
    branch: str = "main",
    vocabularies: Vocabularies | None = None,
    data_folder: str = "data",
) -> dict[str, Any]:
    """The editor's `config.yml` as a dict. `repo` is "owner/name" on GitHub; `vocabularies`
    (from scaffold.vocabulary_ids) turn category and place ids into choice lists."""
    return {
        "backend": {
            "name": "github",
            "repo": repo,
            "branch": branch,
            # Signing in with a GitHub token needs no login server beside a static site.
            "auth_methods": ["token"],
            # Volunteers without write access edit a fork; the editor opens the pull request,
            # which a public repository allows with the narrower `public_repo` scope.
            "open_authoring": True,
            "auth_scope": "public_repo",
        },
        "publish_mode": "editorial_workflow",
        "media_folder": MEDIA_FOLDER,
        "collections": [
            _collection(folder, model, data_folder, vocabularies or {})
            for folder, model in RECORD_FOLDERS.items()
        ],
    }


def _collection(
    folder: str, model: type[BaseModel], data_folder: str, vocabularies: Vocabularies
) -> dict[str, Any]:
    noun = model.__name__
    return {
        "name": folder,
        "label": f"{noun}s",
        "label_singular": noun,
        "folder": f"{data_folder}/{folder}",
        "create": True,
        "format": record_format(folder),  # YAML with the schema line on top (sveltia.py)
        "extension": "yaml",
        "identifier_field": "id",
        "slug": "{{fields.id}}",  # the file name is the id
        "fields": _fields(model, vocabularies),
    }


def record_format(folder: str) -> str:
    """The name of the file format the page registers for a collection's records."""
    return f"{folder}-yaml"


def schema_lines(config: Mapping[str, Any]) -> dict[str, str]:
    """Each collection's record format and the first line of its files."""
    lines = {}
    for collection in config["collections"]:
        folder = Path(collection["folder"])
        record = folder / "record.yaml"
        lines[collection["format"]] = schema_line(record, folder.parent, Path("schemas"))
    return lines


def date_fields(config: Mapping[str, Any]) -> set[str]:
    """The names of the fields that hold a date, in any collection; the record format tells
    dates from text by name, so a name is never a date in one place and text in another."""
    widgets: dict[str, set[str]] = {}
    for collection in config["collections"]:
        for field in _all_fields(collection["fields"]):
            widgets.setdefault(field["name"], set()).add(field.get("widget", ""))
    dates = {name for name, kinds in widgets.items() if "datetime" in kinds}
    mixed = sorted(name for name in dates if len(widgets[name]) > 1)
    if mixed:
        raise ValueError(f"fields named {mixed} hold dates in one place and not in another")
    return dates


def _all_fields(fields: Sequence[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    for field in fields:
        yield field
        yield from _all_fields(field.get("fields", []))
        if "field" in field:
            yield from _all_fields([field["field"]])


def _fields(
    model: type[BaseModel], vocabularies: Vocabularies, optional: bool = False
) -> list[dict[str, Any]]:
    """The form fields of `model`; all optional when the model itself is an optional part
    of the record: Decap demands an optional object's required fields even when the object
    is left empty (decap-cms issue 7748), which would push people to invent coordinates.
    The pull-request check still requires them whenever the object is given."""
    return [_field(spec, vocabularies, optional) for spec in fields_of(model)]


def _field(spec: Spec, vocabularies: Vocabularies, optional: bool = False) -> dict[str, Any]:
    required = spec.required and not optional
    field: dict[str, Any] = {
        "name": spec.name,
        "label": _label(spec.name),
        "required": required,
        "hint": help_text(spec),
    }
    field.update(_widget(spec, vocabularies, required))
    if not spec.required and spec.default not in (None, []):
        field["default"] = spec.default
    return field


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _widget(spec: Spec, vocabularies: Vocabularies, required: bool) -> dict[str, Any]:
    if spec.key in RELATIONS:
        return _relation(RELATIONS[spec.key])
    options = list(vocabularies.get(VOCABULARY_FIELDS.get(spec.key, ""), []))
    if spec.shape.kind == "list":
        return _list(spec.shape, spec.name, options, vocabularies)
    if options:
        return {"widget": "select", "options": options}
    if spec.shape.model is not None:
        fields = _fields(spec.shape.model, vocabularies, optional=not required)
        return {"widget": "object", "fields": fields}
    return _single(spec.shape, spec.name)


def _relation(collection: str) -> dict[str, Any]:
    return {
        "widget": "relation",
        "collection": collection,
        "value_field": "id",
        "search_fields": ["id", "name.cs", "name.en"],
        "display_fields": ["id"],
    }


def _list(
    shape: Shape, name: str, options: list[str], vocabularies: Vocabularies
) -> dict[str, Any]:
    item = shape.item
    assert item is not None  # a list always has an item shape
    bounds = {"min": shape.min_items} if shape.min_items else {}
    if options or item.kind == "choice":
        choices = options or list(item.choices)
        return {"widget": "select", "multiple": True, "options": choices, **bounds}
    if item.model is not None:
        return {"widget": "list", "fields": _fields(item.model, vocabularies), **bounds}
    single = {"name": "item", "label": _label(name), **_single(item, name)}
    return {"widget": "list", "field": single, **bounds}


def _single(shape: Shape, name: str) -> dict[str, Any]:
    if shape.kind == "text":
        return {"widget": "text" if name in LONG_TEXTS else "string", **_pattern(shape)}
    if shape.kind == "localized":
        return {"widget": "object", "fields": [_language(code, name) for code in SITE_LANGUAGES]}
    if shape.kind == "choice":
        return {"widget": "select", "options": list(shape.choices)}
    if shape.kind == "pair" and shape.item is not None:
        options = list(shape.item.choices)
        return {"widget": "select", "multiple": True, "min": 2, "max": 2, "options": options}
    return dict(_SCALAR_WIDGETS[shape.kind])


_SCALAR_WIDGETS: dict[str, dict[str, Any]] = {
    "bool": {"widget": "boolean"},
    "date": DATE_WIDGET,
    "number": {"widget": "number", "value_type": "float"},
}


def _language(code: str, name: str) -> dict[str, Any]:
    """One box per site language; which ones are needed (cs or en) the validator checks."""
    return {
        "name": code,
        "label": f"{native_name(code)} ({code})",
        "widget": "text" if name in LONG_TEXTS else "string",
        "required": False,
    }


def _pattern(shape: Shape) -> dict[str, Any]:
    if shape.pattern is None:
        return {}
    advice = PATTERN_ADVICE.get(shape.pattern, "check the form: see the hint")
    return {"pattern": [shape.pattern, advice]}


def github_repo(url: str) -> str:
    """ "owner/name" from https://github.com/owner/name."""
    return "/".join(url.rstrip("/").split("/")[-2:])


def build_admin(site_dir: Path, repository_url: str, branch: str, data_dir: Path) -> list[Path]:
    """The editor at /admin/: generated config, page, and the files saved at set-up."""
    config = decap_config(github_repo(repository_url), branch, vocabulary_ids(data_dir))
    written = write_admin(site_dir, config)
    if EDITOR_FILES.is_dir():
        written += serve_editor(EDITOR_FILES, site_dir / "admin")
    return written


def write_admin(folder: Path, config: dict[str, Any]) -> list[Path]:
    """Write `<folder>/admin/config.yml` and `index.html`; returns the files written."""
    admin = folder / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    config_file = admin / "config.yml"
    header = "# Generated from the record models by directory.editing.decap: do not edit by hand.\n"
    body = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)
    config_file.write_text(header + body, encoding="utf-8")
    index = admin / "index.html"
    index.write_text(admin_page(schema_lines(config), date_fields(config)), encoding="utf-8")
    return [config_file, index]
