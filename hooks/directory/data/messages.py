"""Pydantic's errors as advice for volunteers who have never seen Python.

Errors raised by our own field checks (fields.py, models.py) already are advice: their type is
the advice key and their context the values. The built-in error types are turned into advice
here, keyed by their type.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from directory.data.advice import Advice, advice, is_advice_key
from directory.data.fields import PATTERNS
from directory.text.languages import suggest

Loc = tuple[int | str, ...]


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


def _unknown_field(error: ErrorDetails, root: Any) -> Advice:
    name = str(error["loc"][-1])
    allowed = _allowed_fields(root, error["loc"][:-1])
    guess = suggest(name, allowed) if allowed else None
    if guess:
        return advice("unknown_field_guess", guess=guess)
    if allowed:
        return advice("unknown_field_allowed", allowed=", ".join(allowed))
    return advice("unknown_field")


def _not_allowed_value(error: ErrorDetails, root: Any) -> Advice:
    choices = _quoted_choices(str(error.get("ctx", {}).get("expected", "")))
    value = str(error["input"])
    guess = suggest(value, choices)
    if guess:
        return advice("not_allowed_guess", value=value, choices=", ".join(choices), guess=guess)
    return advice("not_allowed", value=value, choices=", ".join(choices))


def _missing(error: ErrorDetails, root: Any) -> Advice:
    return advice("missing_field", field=str(error["loc"][-1]))


def _wrong_text(error: ErrorDetails, root: Any) -> Advice:
    value = error["input"]
    if isinstance(value, bool | int | float):
        return advice("text_not_value", value=repr(value))
    return advice("text_expected")


def _wrong_mapping(error: ErrorDetails, root: Any) -> Advice:
    target = _type_at(root, error["loc"])
    if typing.get_origin(target) is dict:
        return advice("localized_text_expected")
    return advice("mapping_expected")


def _pattern(error: ErrorDetails, root: Any) -> Advice:
    """Advice of the pattern (fields.py) the value does not match; such advice may name the
    value, as `{value}`."""
    regex = str(error.get("ctx", {}).get("pattern", ""))
    pattern = PATTERNS.get(regex)
    if pattern is None:
        return advice("pattern_other", pattern=regex)
    return advice(pattern.advice, value=str(error["input"]))


def _too_short(error: ErrorDetails, root: Any) -> Advice:
    needed = error.get("ctx", {}).get("min_length", 1)
    if isinstance(error["input"], str):
        return advice("empty_text")
    return advice("too_few_entries", count=int(needed))


_REWRITES: dict[str, Callable[[ErrorDetails, Any], Advice]] = {
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
    "list_type": lambda e, r: advice("list_expected"),
    "tuple_type": lambda e, r: advice("pair_expected"),
    "too_long": lambda e, r: advice("too_many_entries"),
    "date_type": lambda e, r: advice("date_unquoted"),
    "date_parsing": lambda e, r: advice("date_expected"),
    "date_from_datetime_parsing": lambda e, r: advice("date_expected"),
    "date_from_datetime_inexact": lambda e, r: advice("date_with_time"),
    "float_type": lambda e, r: advice("number_expected"),
    "float_parsing": lambda e, r: advice("number_expected"),
    "bool_type": lambda e, r: advice("true_or_false"),
    "bool_parsing": lambda e, r: advice("true_or_false"),
    "int_type": lambda e, r: advice("whole_number_expected"),
    "int_parsing": lambda e, r: advice("whole_number_expected"),
}


def advice_for(error: ErrorDetails, root: Any) -> Advice:
    """Advice for one pydantic error; `root` is the type the whole file was validated as."""
    rewrite = _REWRITES.get(error["type"])
    if rewrite is not None:
        return rewrite(error, root)
    if is_advice_key(error["type"]):  # raised by our own checks with advice_error
        return Advice(error["type"], tuple(error.get("ctx", {}).items()))
    return advice("unexpected_value", message=error["msg"])


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
