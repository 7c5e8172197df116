"""Pydantic's errors rewritten as plain advice for volunteers who have never seen Python.

Errors raised by our own field checks (PydanticCustomError) are already worded for people and
pass through unchanged; the built-in error types are rewritten here, keyed by their type.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from directory.text.languages import suggest

Loc = tuple[int | str, ...]

_PATTERN_ADVICE = {
    r"^\d{3} ?\d{2}$": 'a Czech postcode has five digits, e.g. "110 00" (in quotes)',
    r"^\d{4}(-\d{2}(-\d{2})?)?$": 'write the date as "YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes',
    r"^[0-9]{3,4}$": 'an emergency number is three or four digits in quotes, e.g. "112"',
}


def _type_at(root: Any, loc: Loc) -> Any:
    """The Python type that describes the value at `loc` inside a `root` value."""
    current = root
    for step in loc:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        if isinstance(step, int) and origin in (list, tuple):
            args = typing.get_args(current)
            current = args[min(step, len(args) - 1)] if origin is tuple else args[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(step))
            if field is None:
                return None
            current = field.annotation
        elif origin is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _allowed_fields(root: Any, loc: Loc) -> list[str]:
    model = _type_at(root, loc)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _quoted_choices(expected: str) -> list[str]:
    return re.findall(r"'([^']*)'", expected)


def _unknown_field(error: ErrorDetails, root: Any) -> str:
    name = str(error["loc"][-1])
    allowed = _allowed_fields(root, error["loc"][:-1])
    guess = suggest(name, allowed) if allowed else None
    if guess:
        return f'unknown field — did you mean "{guess}"?'
    listing = f" (allowed here: {', '.join(allowed)})" if allowed else ""
    return f"unknown field — remove it or check its spelling{listing}"


def _not_allowed_value(error: ErrorDetails, root: Any) -> str:
    choices = _quoted_choices(str(error.get("ctx", {}).get("expected", "")))
    value = str(error["input"])
    guess = suggest(value, choices)
    hint = f' — did you mean "{guess}"?' if guess else ""
    return f'"{value}" is not allowed here; use one of: {", ".join(choices)}{hint}'


def _missing(error: ErrorDetails, root: Any) -> str:
    return f'required field is missing — add "{error["loc"][-1]}:"'


def _wrong_text(error: ErrorDetails, root: Any) -> str:
    value = error["input"]
    if isinstance(value, bool | int | float):
        return f"expected text but YAML read {value!r} — put the value in quotes"
    return "expected a piece of text"


def _wrong_mapping(error: ErrorDetails, root: Any) -> str:
    target = _type_at(root, error["loc"])
    if typing.get_origin(target) is dict:
        return 'expected a text per language, e.g. {cs: "Text česky", en: "Text in English"}'
    return 'expected a group of "field: value" lines here'


def _pattern(error: ErrorDetails, root: Any) -> str:
    pattern = str(error.get("ctx", {}).get("pattern", ""))
    return _PATTERN_ADVICE.get(pattern, f"does not have the expected form ({pattern})")


def _too_short(error: ErrorDetails, root: Any) -> str:
    needed = error.get("ctx", {}).get("min_length", 1)
    if isinstance(error["input"], str):
        return "must not be empty"
    return f"needs at least {needed} entr{'y' if needed == 1 else 'ies'}"


_REWRITES: dict[str, Callable[[ErrorDetails, Any], str]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_field,
    "literal_error": _not_allowed_value,
    "string_type": _wrong_text,
    "dict_type": _wrong_mapping,
    "model_type": _wrong_mapping,
    "model_attributes_type": _wrong_mapping,
    "string_pattern_mismatch": _pattern,
    "too_short": _too_short,
    "string_too_short": _too_short,
    "list_type": lambda e, r: 'expected a list, e.g. [cs, en] or lines starting with "- "',
    "tuple_type": lambda e, r: "expected a pair in brackets, e.g. [cs, uk]",
    "too_long": lambda e, r: "has too many entries (a language pair has exactly two)",
    "date_type": lambda e, r: "not a date — write it as YYYY-MM-DD without quotes, e.g. 2026-11-20",
    "date_parsing": lambda e, r: "not a date — write it as YYYY-MM-DD, e.g. 2026-11-20",
    "date_from_datetime_parsing": lambda e, r: (
        "not a date — write it as YYYY-MM-DD, e.g. 2026-11-20"
    ),
    "date_from_datetime_inexact": lambda e, r: "give only the day, YYYY-MM-DD, without a time",
    "float_type": lambda e, r: "expected a number, e.g. 50.0755",
    "float_parsing": lambda e, r: "expected a number, e.g. 50.0755",
    "bool_type": lambda e, r: "expected true or false",
    "bool_parsing": lambda e, r: "expected true or false",
    "int_type": lambda e, r: "expected a whole number",
    "int_parsing": lambda e, r: "expected a whole number",
}


def plain_message(error: ErrorDetails, root: Any) -> str:
    """Advice for one pydantic error; `root` is the type the whole file was validated as."""
    rewrite = _REWRITES.get(error["type"])
    return rewrite(error, root) if rewrite else error["msg"]


def misspelt_required(errors: list[ErrorDetails], root: Any) -> set[Loc]:
    """Locations of "missing" errors explained by a misspelt key beside them (`adress:` for
    `address:`): one problem ("did you mean") is clearer than two."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    explained: set[Loc] = set()
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        parent = tuple(error["loc"][:-1])
        guess = suggest(str(error["loc"][-1]), _allowed_fields(root, parent))
        if guess and (*parent, guess) in missing:
            explained.add((*parent, guess))
    return explained
