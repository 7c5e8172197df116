"""Interface strings per site language (one YAML catalogue each), dates and names from CLDR."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import babel
import babel.dates
import yaml

CATALOGUES = Path(__file__).parent / "catalogues"
_CLDR_LOCALES = {"en": "en_GB"}


class MissingTranslation(KeyError):
    """An interface string has no text in a language's catalogue."""


class Catalogue:
    """The interface strings of one language; a missing key is an error, never a silent gap."""

    def __init__(self, language: str, strings: dict[str, str]) -> None:
        self.language = language
        self.strings = strings
        # English dates as in Europe ("1 November 2026"), not the US order.
        self.locale = babel.Locale.parse(_CLDR_LOCALES.get(language, language))

    def __call__(self, key: str, **values: object) -> str:
        try:
            text = self.strings[key]
        except KeyError:
            raise MissingTranslation(f"{self.language}: no text for {key!r}") from None
        return text.format(**values) if values else text

    def date(self, value: date) -> str:
        return babel.dates.format_date(value, format="long", locale=self.locale)

    def day_name(self, index: int) -> str:
        """Monday is 0, as in Python and in the record format's day list."""
        return str(babel.dates.get_day_names("wide", locale=self.locale)[index])

    def abbreviated_day_names(self) -> list[str]:
        """Monday first: "Mon".."Sun", "po".."ne"."""
        names = babel.dates.get_day_names("abbreviated", locale=self.locale)
        return [str(names[index]) for index in range(7)]

    def language_name(self, code: str) -> str:
        name = self.locale.languages.get(code, code)
        return str(name)


@cache
def catalogue(language: str) -> Catalogue:
    with (CATALOGUES / f"{language}.yaml").open(encoding="utf-8") as stream:
        strings = yaml.load(stream, Loader=yaml.CSafeLoader)  # libyaml, 6 times as fast
    return Catalogue(language, {str(k): str(v) for k, v in strings.items()})
