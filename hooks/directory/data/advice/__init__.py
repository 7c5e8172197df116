"""The validator's wording, one catalogue per language (`en.yaml`, `cs.yaml` beside this file).

Code never words advice itself: it names a key and gives the values (`advice("missing_field",
field="cost")`), and a catalogue turns them into a sentence in the language asked for. A
template marks a value with `{name}`; any other braces are plain text, so YAML examples such as
`{cs: "Text česky"}` need no escaping. A template that depends on a number is a mapping from
CLDR plural categories ("one", "few", "other") to templates, chosen by the value `count`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Union

import babel
import yaml
from pydantic_core import PydanticCustomError

CATALOGUES = Path(__file__).parent
# English first: the default, and what the site build prints.
ADVICE_LANGUAGES: tuple[str, ...] = ("en", "cs")
DEFAULT_LANGUAGE = "en"

SLOT = re.compile(r"\{([a-z_][a-z0-9_]*)\}")

Template = str | dict[str, str]
# A value is shown as it is (names, numbers and text from the record), or, when it is advice
# itself, in the same language; a tuple is a list shown with commas.
Value = Union[str, int, float, "Advice", tuple["Value", ...]]


class MissingAdvice(KeyError):
    """A key, or a value its template needs, is missing: a mistake in the code or catalogue."""


@dataclass(frozen=True)
class Advice:
    """What to tell a volunteer, kept as a catalogue key and its values until it is shown."""

    key: str
    values: tuple[tuple[str, Value], ...] = ()

    def render(self, language: str = DEFAULT_LANGUAGE) -> str:
        values = dict(self.values)
        template = _choose(catalogue(language), self.key, values, language)

        def fill(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in values:
                raise MissingAdvice(f"{language}: {self.key!r} needs the value {name!r}")
            return _show(values[name], language)

        return SLOT.sub(fill, template)

    def __str__(self) -> str:
        return self.render()


def advice(key: str, /, **values: Value) -> Advice:
    """The one way code names advice (tests check every key it names against the catalogues)."""
    return Advice(key, tuple(values.items()))


def advice_error(key: str, /, **values: Value) -> PydanticCustomError:
    """A field check's error: its type is the advice key and its context the values, so the
    validator can word it in any language (messages.py); its message is the English."""
    return PydanticCustomError(key, advice(key, **values).render(), dict(values))


def is_advice_key(key: str) -> bool:
    return key in catalogue(DEFAULT_LANGUAGE)


def placeholders(template: Template) -> set[str]:
    """The value names a template uses (every plural form together)."""
    forms = template.values() if isinstance(template, dict) else [template]
    return {name for form in forms for name in SLOT.findall(form)}


@cache
def catalogue(language: str) -> Mapping[str, Template]:
    if language not in ADVICE_LANGUAGES:
        raise MissingAdvice(f"no advice catalogue for {language!r}")
    with (CATALOGUES / f"{language}.yaml").open(encoding="utf-8") as stream:
        entries = yaml.load(stream, Loader=yaml.CSafeLoader)  # libyaml, as the data files
    return {
        str(key): {str(k): str(v) for k, v in value.items()}
        if isinstance(value, dict)
        else str(value)
        for key, value in entries.items()
    }


def plural_category(language: str, count: int) -> str:
    """CLDR's plural category of `count` in `language`: "one", "few", "other" …"""
    return str(babel.Locale.parse(language).plural_form(count))


def _choose(
    entries: Mapping[str, Template], key: str, values: dict[str, Value], language: str
) -> str:
    try:
        template = entries[key]
    except KeyError:
        raise MissingAdvice(f"{language}: no advice {key!r}") from None
    if isinstance(template, str):
        return template
    count = values.get("count")
    if not isinstance(count, int):
        raise MissingAdvice(f"{language}: {key!r} needs a whole number as its value 'count'")
    form = plural_category(language, count)
    return template.get(form, template["other"])


def _show(value: Value, language: str) -> str:
    if isinstance(value, Advice):
        return value.render(language)
    if isinstance(value, tuple):
        return ", ".join(_show(item, language) for item in value)
    return str(value)
