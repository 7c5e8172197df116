"""Field types shared by the record models: each checks one kind of value and says, in plain
words, what to write instead. Errors are PydanticCustomError so their wording reaches the
volunteer unchanged (see messages.py)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from directory.text.languages import ISO_639_1, SITE_LANGUAGES, SOURCE_LANGUAGES, suggest

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        better = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        raise PydanticCustomError(
            "id_format",
            "not a valid id — use lowercase letters a-z and digits joined by single hyphens, "
            'e.g. "{better}"',
            {"better": better or "legal-counselling"},
        )
    return value


Id = Annotated[
    str, AfterValidator(_check_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})
]


def _did_you_mean(value: str, choices: Any) -> str:
    guess = suggest(value, choices)
    return f' — did you mean "{guess}"?' if guess else ""


def _check_site_language(value: str) -> str:
    if value not in SITE_LANGUAGES:
        raise PydanticCustomError(
            "site_language",
            '"{value}" is not a site language ({allowed}){hint}',
            {
                "value": value,
                "allowed": ", ".join(SITE_LANGUAGES),
                "hint": _did_you_mean(value, SITE_LANGUAGES),
            },
        )
    return value


SiteLanguage = Annotated[
    str,
    AfterValidator(_check_site_language),
    WithJsonSchema({"type": "string", "enum": list(SITE_LANGUAGES)}),
]


def _check_language_code(value: str) -> str:
    if value not in ISO_639_1:
        raise PydanticCustomError(
            "language_code",
            '"{value}" is not a two-letter ISO 639-1 language code{hint}',
            {"value": value, "hint": _did_you_mean(value, ISO_639_1)},
        )
    return value


LanguageCode = Annotated[
    str,
    AfterValidator(_check_language_code),
    WithJsonSchema({"type": "string", "enum": sorted(ISO_639_1)}),
]

# What `python -m directory new` writes where a volunteer must put a sourced value.
PLACEHOLDER = "FILL IN"


def _no_placeholder(value: str) -> str:
    if PLACEHOLDER in value:
        raise PydanticCustomError(
            "placeholder",
            f'still says "{PLACEHOLDER}" — replace it with what the source says, '
            "or remove the field if no source gives it",
        )
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_no_placeholder)]


def _needs_source_language(text: dict[str, str]) -> dict[str, str]:
    if not any(code in text for code in SOURCE_LANGUAGES):
        raise PydanticCustomError(
            "source_language_missing",
            "needs the text in Czech or English at least — add a line "
            '"cs: ..." or "en: ..."; other languages fall back to these',
        )
    return text


def _needs_every_language(text: dict[str, str]) -> dict[str, str]:
    missing = [code for code in SITE_LANGUAGES if code not in text]
    if missing:
        raise PydanticCustomError(
            "site_language_missing",
            "needs a name in every site language — add {missing}",
            {"missing": ", ".join(f'"{code}: ..."' for code in missing)},
        )
    return text


# Text for readers: a mapping from site language to text, with cs or en always present.
LocalizedText = Annotated[dict[SiteLanguage, Text], AfterValidator(_needs_source_language)]
# Vocabulary names (categories, places, emergency numbers) shown in navigation: every language.
FullyLocalizedText = Annotated[dict[SiteLanguage, Text], AfterValidator(_needs_every_language)]


def _check_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https"):
        if not parts.scheme or "." in parts.scheme:
            raise PydanticCustomError(
                "url_scheme_missing",
                'not a full web address — start it with "https://", e.g. "https://{value}"',
                {"value": value.strip()},
            )
        raise PydanticCustomError(
            "url_scheme",
            'only web addresses starting with "https://" or "http://" are allowed, not "{scheme}:"',
            {"scheme": parts.scheme},
        )
    if "." not in (parts.hostname or ""):
        raise PydanticCustomError(
            "url_host", 'not a web address with a domain name — check "{value}"', {"value": value}
        )
    return value.strip()


Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]


def _check_email(value: str) -> str:
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise PydanticCustomError(
            "email",
            'not a valid e-mail address ("{value}"): {reason}',
            {"value": value, "reason": str(error)},
        ) from None


Email = Annotated[
    str, AfterValidator(_check_email), WithJsonSchema({"type": "string", "format": "email"})
]


def _phone_to_e164(value: Any) -> Any:
    if isinstance(value, int):  # an unquoted number in YAML
        value = str(value)
    if not isinstance(value, str):
        return value
    try:
        parsed = phonenumbers.parse(value, "CZ")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise PydanticCustomError(
            "phone",
            'not a valid phone number ("{value}") — write it as on the source, '
            'e.g. "+420 252 543 846" or "252 543 846"',
            {"value": value},
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


PhoneNumber = Annotated[
    str,
    BeforeValidator(_phone_to_e164),
    WithJsonSchema({"type": "string", "pattern": r"^\+?[0-9 ()/-]{6,20}$"}),
]


def _today(info: ValidationInfo) -> date:
    context = info.context or {}
    today = context.get("today")
    return today if isinstance(today, date) else date.today()


def _not_in_future(value: date, info: ValidationInfo) -> date:
    if value > _today(info):
        raise PydanticCustomError(
            "date_in_future",
            "the date {value} is in the future — use the day it actually happened (YYYY-MM-DD)",
            {"value": value.isoformat()},
        )
    return value


PastDate = Annotated[date, AfterValidator(_not_in_future)]

TIME_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"
_TIME_RE = re.compile(TIME_PATTERN)


def _check_time(value: Any) -> Any:
    if isinstance(value, str) and _TIME_RE.match(value):
        return value
    raise PydanticCustomError(
        "time_format",
        'not a time of day ("{value}") — write it as "HH:MM" in quotes, e.g. "09:00" or "17:30"',
        {"value": value},
    )


Time = Annotated[
    str, BeforeValidator(_check_time), WithJsonSchema({"type": "string", "pattern": TIME_PATTERN})
]
