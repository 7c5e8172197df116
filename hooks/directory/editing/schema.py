"""JSON Schemas of the record files, so editors (VS Code's YAML extension, GitHub's web
editor with a plug-in) check a record as it is typed. Written to `schemas/` and committed;
a test keeps them equal to the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from directory.data.loading import VOCABULARIES
from directory.data.models import RECORD_KINDS

SCHEMA_FILES: dict[str, Any] = {
    **{kind.name: kind.model for kind in RECORD_KINDS},
    **{kind: list[model] for kind, model in VOCABULARIES.items()},  # type: ignore[valid-type]
}

# The first line of every record file, so editors find the schema.
SCHEMA_COMMENT = "# yaml-language-server: $schema={path}"


def schema_for(shape: Any) -> dict[str, Any]:
    schema = TypeAdapter(shape).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def render(name: str) -> str:
    return json.dumps(schema_for(SCHEMA_FILES[name]), indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write one `<name>.schema.json` per record shape; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_FILES:
        path = out_dir / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written


def schema_line(record_file: Path, data_dir: Path, schemas_dir: Path) -> str:
    """The `# yaml-language-server` line a file at `record_file` should start with."""
    import os

    kind = record_file.parent.name if record_file.parent != data_dir else record_file.stem
    name = {"organisations": "organisation", "services": "service"}.get(kind, kind)
    target = os.path.relpath(schemas_dir / f"{name}.schema.json", record_file.parent)
    return SCHEMA_COMMENT.format(path=target)
