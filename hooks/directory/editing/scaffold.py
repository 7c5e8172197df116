"""New record files to fill in (`python -m directory new ...`), and the field list that both
the scaffold and the web editor's configuration (decap.py) are derived from: both follow the
models, so neither drifts from what the validator accepts."""

from __future__ import annotations

import json
import re
import textwrap
import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import yaml
from annotated_types import MinLen
from pydantic import BaseModel, WithJsonSchema
from pydantic.fields import FieldInfo

from directory.data import yamlfile
from directory.data.fields import ID_PATTERN, PLACEHOLDER, TIME_PATTERN
from directory.data.models import RECORD_KINDS
from directory.editing.field_help import HELP
from directory.editing.schema import schema_line
from directory.text.languages import SITE_LANGUAGES, SOURCE_LANGUAGES, suggest

RECORD_MODELS: dict[str, type[BaseModel]] = {kind.name: kind.model for kind in RECORD_KINDS}
# Fields whose values are ids from a vocabulary file ("Model.field" -> data/<vocabulary>.yaml).
VOCABULARY_FIELDS: dict[str, str] = {
    "Service.categories": "categories",
    "Service.areas": "places",
    "Location.place": "places",
}
WIDTH = 96  # comment lines stay readable in GitHub's web editor

Kind = Literal["text", "localized", "bool", "date", "number", "choice", "list", "pair", "model"]


@dataclass(frozen=True)
class Shape:
    """What a field holds, in the terms a form or a YAML file needs."""

    kind: Kind
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    item: Shape | None = None  # for lists and pairs
    model: type[BaseModel] | None = None  # for nested records
    min_items: int = 0


@dataclass(frozen=True)
class Spec:
    """One field of one model."""

    owner: type[BaseModel]
    name: str
    shape: Shape
    required: bool
    default: Any = None

    @property
    def key(self) -> str:
        return f"{self.owner.__name__}.{self.name}"


def fields_of(model: type[BaseModel]) -> list[Spec]:
    return [
        Spec(
            model,
            name,
            shape_of(info.annotation, info.metadata),
            info.is_required(),
            None if info.is_required() else info.get_default(),
        )
        for name, info in model.model_fields.items()
    ]


def all_fields(model: type[BaseModel]) -> Iterator[Spec]:
    """Every field of `model` and of the models nested in it."""
    for spec in fields_of(model):
        yield spec
        inner = spec.shape.item if spec.shape.kind == "list" else spec.shape
        if inner is not None and inner.model is not None:
            yield from all_fields(inner.model)


def shape_of(annotation: Any, metadata: Sequence[Any] = ()) -> Shape:
    meta = _flatten(metadata)
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            meta += _flatten(extra)
        elif origin in (typing.Union, types.UnionType):
            annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
        else:
            return _shape(annotation, meta)


def _flatten(metadata: Sequence[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in metadata:
        flat.extend(item.metadata if isinstance(item, FieldInfo) else [item])
    return flat


def _shape(annotation: Any, meta: list[Any]) -> Shape:
    origin, args = get_origin(annotation), get_args(annotation)
    minimum = max((m.min_length for m in meta if isinstance(m, MinLen)), default=0)
    if origin is Literal:
        return Shape("choice", choices=tuple(str(arg) for arg in args))
    if origin is dict:  # every mapping in the records is a text per language
        return Shape("localized")
    if origin is list:
        return Shape("list", item=shape_of(args[0]), min_items=minimum)
    if origin is tuple:
        return Shape("pair", item=shape_of(args[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("model", model=annotation)
    if annotation is bool:
        return Shape("bool")
    if annotation is date:
        return Shape("date")
    if annotation in (int, float):
        return Shape("number")
    if annotation is str:
        return _string(meta)
    raise TypeError(f"no form for the type {annotation!r}: teach scaffold.shape_of about it")


def _string(meta: list[Any]) -> Shape:
    schema: dict[str, Any] = {}
    for item in meta:
        if isinstance(item, WithJsonSchema) and item.json_schema:
            schema.update(item.json_schema)
    if "enum" in schema:
        return Shape("choice", choices=tuple(schema["enum"]))
    patterns = [getattr(m, "pattern", None) for m in meta]
    pattern = schema.get("pattern") or next((p for p in patterns if isinstance(p, str)), None)
    return Shape("text", pattern=pattern)


def help_text(spec: Spec) -> str:
    text = HELP.get(spec.key) or HELP.get(spec.name)
    if text is None:
        raise KeyError(f"no help text for {spec.key}: add one to HELP in scaffold.py")
    return text


class ScaffoldError(Exception):
    """A record file cannot be written; the message says what to do instead."""


def new_record(
    kind: str,
    data_dir: Path,
    record_id: str | None = None,
    organisation: str | None = None,
    schemas_dir: Path = Path("schemas"),
) -> Path:
    """Write `<data_dir>/<kind>s/<id>.yaml` with every field to fill in; returns its path."""
    if kind not in RECORD_MODELS:
        raise ScaffoldError(f'"{kind}" is not a kind of record: use {" or ".join(RECORD_MODELS)}')
    folder = data_dir / f"{kind}s"
    if not folder.is_dir():
        raise ScaffoldError(f"{folder} is not a folder — give the data folder with --data")
    values = {"id": _checked_id(record_id or f"new-{kind}")}
    if kind == "service":
        values["organisation"] = _known_organisation(data_dir, organisation)
    elif organisation is not None:
        raise ScaffoldError("--organisation is only for services")
    path = folder / f"{values['id']}.yaml"
    known = _known_ids(data_dir, values.get("organisation"))
    text = render(RECORD_MODELS[kind], schema_line(path, data_dir, schemas_dir), values, known)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} exists already — edit it, or choose another --id") from None
    return path


def _checked_id(value: str) -> str:
    if not re.match(ID_PATTERN, value):
        better = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "legal-advice-brno"
        raise ScaffoldError(
            f'"{value}" is not a valid id — use lowercase letters a-z and digits joined by '
            f'single hyphens, e.g. "{better}"'
        )
    return value


def _known_organisation(data_dir: Path, organisation: str | None) -> str:
    if organisation is None:
        raise ScaffoldError("a service belongs to an organisation: give --organisation ID")
    ids = sorted(path.stem for path in (data_dir / "organisations").glob("*.yaml"))
    if organisation not in ids:
        guess = suggest(organisation, ids)
        hint = f' — did you mean "{guess}"?' if guess else " — see data/organisations/ for the ids"
        raise ScaffoldError(f'there is no organisation "{organisation}"{hint}')
    return organisation


def _known_ids(data_dir: Path, organisation: str | None) -> dict[str, list[str]]:
    """Ids a field may name, by "Model.field", to list beside it."""
    vocabularies = vocabulary_ids(data_dir)
    known = {key: vocabularies[name] for key, name in VOCABULARY_FIELDS.items()}
    if organisation is not None:
        record = _read(data_dir / "organisations" / f"{organisation}.yaml")
        locations = record.get("locations") if isinstance(record, dict) else None
        known["Service.locations"] = _ids(locations)
    return known


def vocabulary_ids(data_dir: Path) -> dict[str, list[str]]:
    """The ids in each vocabulary file, as far as they can be read (broken files give none)."""
    names = set(VOCABULARY_FIELDS.values())
    return {name: _ids(_read(data_dir / f"{name}.yaml")) for name in sorted(names)}


def _read(path: Path) -> Any:
    try:
        return yamlfile.parse(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return None


def _ids(entries: Any) -> list[str]:
    if not isinstance(entries, list):
        return []
    return [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]


def render(
    model: type[BaseModel], first_line: str, values: dict[str, str], known: dict[str, list[str]]
) -> str:
    """The text of a new record: `values` fill top-level fields, the rest get placeholders."""
    noun = model.__name__.lower()
    lines = [first_line, *_header(noun), ""]
    for spec in fields_of(model):
        lines += _field(spec, 0, known, values.get(spec.name))
    return "\n".join(lines) + "\n"


def _header(noun: str) -> list[str]:
    text = (
        f'A new {noun} record. Replace every "{PLACEHOLDER}" with what a source says, and '
        "delete the optional fields that no source gives: never guess. List every source you "
        'used under "sources". CONTRIBUTING.md explains each field. Then check the file with:'
    )
    return [f"# {line}" for line in textwrap.wrap(text, WIDTH, break_on_hyphens=False)] + [
        "#   .venv/bin/python -m directory validate"
    ]


def _field(spec: Spec, indent: int, known: dict[str, list[str]], value: str | None) -> list[str]:
    pad = " " * indent
    comment = textwrap.wrap(_comment(spec, known), WIDTH - indent, break_on_hyphens=False)
    lines = [f"{pad}# {line}" for line in comment]
    if value is not None:
        return [*lines, f"{pad}{spec.name}: {value}"]  # an id, checked: plain YAML
    block = _block(spec, indent, known)
    if block:
        return [*lines, f"{pad}{spec.name}:", *block]
    return [*lines, f"{pad}{spec.name}: {_inline(spec)}"]


def _block(spec: Spec, indent: int, known: dict[str, list[str]]) -> list[str]:
    """The nested lines of a record or a list of records; none for other fields."""
    shape = spec.shape
    if shape.model is not None:
        return _model_lines(shape.model, indent + 2, known)
    if shape.item is not None and shape.item.model is not None and not _uses_default(spec):
        return _list_item(shape.item.model, indent + 2, known)
    return []


def _model_lines(model: type[BaseModel], indent: int, known: dict[str, list[str]]) -> list[str]:
    return [line for spec in fields_of(model) for line in _field(spec, indent, known, None)]


def _list_item(model: type[BaseModel], indent: int, known: dict[str, list[str]]) -> list[str]:
    """One example entry of a list of records: its first field after "- "."""
    lines = _model_lines(model, indent + 2, known)
    first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
    dash = " " * indent + "- " + lines[first].lstrip()
    return [*(line[2:] for line in lines[:first]), dash, *lines[first + 1 :]]


def _uses_default(spec: Spec) -> bool:
    """Whether the scaffold writes the model's default instead of a placeholder: yes for
    settings such as `wheelchair: unknown`, no for lists of records, which get an example."""
    if spec.required or spec.default is None:
        return False
    item = spec.shape.item
    return not (spec.default == [] and item is not None and item.kind in ("model", "pair"))


def _inline(spec: Spec) -> str:
    return _yaml(spec.default) if _uses_default(spec) else _placeholder(spec.shape)


def _placeholder(shape: Shape) -> str:
    if shape.kind in ("date", "number", "bool"):
        return PLACEHOLDER  # no quotes: the value is written without them
    blank = json.dumps(PLACEHOLDER)
    if shape.kind == "localized":
        return "{" + ", ".join(f"{code}: {blank}" for code in SOURCE_LANGUAGES) + "}"
    if shape.kind == "pair":
        return f"[{blank}, {blank}]"
    if shape.kind == "list" and shape.item is not None:
        return f"[{_placeholder(shape.item)}]"
    return blank


# Words some YAML readers take for true, false or nothing.
_KEYWORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


def _yaml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(item) for item in value) + "]"
    if isinstance(value, str) and re.fullmatch(ID_PATTERN, value) and value not in _KEYWORDS:
        return value  # a word such as "unknown" reads the same in YAML without quotes
    return json.dumps(value, ensure_ascii=False)


def _comment(spec: Spec, known: dict[str, list[str]]) -> str:
    ids = known.get(spec.key)
    parts = [
        help_text(spec),
        _format_hint(spec.shape),
        f"Ids in the data now: {', '.join(ids)}." if ids else "",
        _requirement(spec),
    ]
    return " ".join(part for part in parts if part)


def _format_hint(shape: Shape) -> str:
    """How to write the value in YAML (the web editor's form needs no such hint)."""
    if shape.kind == "localized":
        others = ", ".join(code for code in SITE_LANGUAGES if code not in SOURCE_LANGUAGES)
        return f"Per language: cs (Czech) or en (English) at least; {others} if you have them."
    if shape.kind == "date":
        return "Write the date as YYYY-MM-DD without quotes, e.g. 2026-11-20."
    if shape.kind == "text" and shape.pattern == TIME_PATTERN:
        return 'Write "HH:MM" in quotes.'
    choices = shape.choices or (shape.item.choices if shape.item else ())
    if 0 < len(choices) <= 12:  # a long list (language codes) is named by the help text
        return f"{'One' if shape.kind == 'choice' else 'Any'} of: {', '.join(choices)}."
    return ""


def _requirement(spec: Spec) -> str:
    if spec.required:
        return "Required."
    if _uses_default(spec):
        return f"Optional; if left out: {_yaml(spec.default)}."
    return "Optional: delete it if no source gives it."
