"""Field types shared by the record models: each checks one kind of value and says, in plain
words, what to write instead. Errors are advice (a key of data/advice/*.yaml and its values,
raised as PydanticCustomError), which the validator words in the volunteer's language
(messages.py).

Every pattern a value must match is defined here once, with the advice given when a value does
not match: the models, the validator's wording, the JSON Schemas and the web editor use these.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, WithJsonSchema

from directory.data.advice import Advice, advice, advice_error
from directory.text.languages import ISO_639_1, SITE_LANGUAGES, SOURCE_LANGUAGES, suggest


class Pattern(str):
    """A regular expression a value must match, with `advice`: the key of what the validator
    says when a value does not match. It is a str, to match and compare with; pydantic, JSON
    Schemas and YAML files get `.regex`, a plain str (YAML's safe writer refuses subclasses)."""

    advice: str

    def __new__(cls, regex: str, advice: str) -> Pattern:
        pattern = super().__new__(cls, regex)
        pattern.advice = advice
        return pattern

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]  # copies keep advice
        return (self.regex, self.advice)

    @property
    def regex(self) -> str:
        return str(self)


# Checked by the field types below, which word their own advice with the value's details.
ID_PATTERN = Pattern(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "id_format")
TIME_PATTERN = Pattern(r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$", "time_format")
# Only in the JSON Schema and the web editor: the validator parses phone numbers and checks
# web addresses itself.
PHONE_PATTERN = Pattern(r"^\+?[0-9 ()/-]{6,20}$", "phone")
URL_PATTERN = Pattern("^https?://", "url_scheme_missing")
# Checked by pydantic (`Field(pattern=...)`); messages.py gives their advice.
POSTCODE_PATTERN = Pattern(r"^\d{3} ?\d{2}$", "postcode_format")
PARTIAL_DATE_PATTERN = Pattern(r"^\d{4}(-\d{2}(-\d{2})?)?$", "partial_date_format")
EMERGENCY_NUMBER_PATTERN = Pattern(r"^[0-9]{3,4}$", "emergency_number_format")

PATTERNS: dict[str, Pattern] = {
    pattern.regex: pattern
    for pattern in (
        ID_PATTERN,
        TIME_PATTERN,
        PHONE_PATTERN,
        URL_PATTERN,
        POSTCODE_PATTERN,
        PARTIAL_DATE_PATTERN,
        EMERGENCY_NUMBER_PATTERN,
    )
}

_ID_RE = re.compile(ID_PATTERN)


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        better = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        raise advice_error(ID_PATTERN.advice, better=better or "legal-counselling")
    return value


Id = Annotated[
    str, AfterValidator(_check_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN.regex})
]


def _check_site_language(value: str) -> str:
    if value not in SITE_LANGUAGES:
        allowed = ", ".join(SITE_LANGUAGES)
        guess = suggest(value, SITE_LANGUAGES)
        if guess:
            raise advice_error("site_language_guess", value=value, allowed=allowed, guess=guess)
        raise advice_error("site_language", value=value, allowed=allowed)
    return value


SiteLanguage = Annotated[
    str,
    AfterValidator(_check_site_language),
    WithJsonSchema({"type": "string", "enum": list(SITE_LANGUAGES)}),
]


def _check_language_code(value: str) -> str:
    if value not in ISO_639_1:
        guess = suggest(value, ISO_639_1)
        if guess:
            raise advice_error("language_code_guess", value=value, guess=guess)
        raise advice_error("language_code", value=value)
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
        raise advice_error("placeholder", placeholder=PLACEHOLDER)
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_no_placeholder)]


def _needs_source_language(text: dict[str, str]) -> dict[str, str]:
    if not any(code in text for code in SOURCE_LANGUAGES):
        raise advice_error("source_language_missing")
    return text


def _needs_every_language(text: dict[str, str]) -> dict[str, str]:
    missing = [code for code in SITE_LANGUAGES if code not in text]
    if missing:
        lines = tuple(advice("quoted_line", line=f"{code}: ...") for code in missing)
        raise advice_error("site_language_missing", missing=lines)
    return text


# Text for readers: a mapping from site language to text, with cs or en always present.
LocalizedText = Annotated[dict[SiteLanguage, Text], AfterValidator(_needs_source_language)]
# Vocabulary names (categories, places, emergency numbers) shown in navigation: every language.
FullyLocalizedText = Annotated[dict[SiteLanguage, Text], AfterValidator(_needs_every_language)]


def _check_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https"):
        if not parts.scheme or "." in parts.scheme:
            raise advice_error(URL_PATTERN.advice, value=value.strip())
        raise advice_error("url_scheme_not_web", scheme=parts.scheme)
    if "." not in (parts.hostname or ""):
        raise advice_error("url_host", value=value)
    return value.strip()


Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": URL_PATTERN.regex}),
]


def _check_email(value: str) -> str:
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise advice_error("email", value=value, reason=_email_reason(str(error))) from None


# The e-mail checker's reasons (email-validator's words, which the English advice keeps), as
# advice, so that they can be given in other languages too.
_EMAIL_REASONS: tuple[tuple[str, Callable[[re.Match[str]], Advice]], ...] = (
    (r"An email address must have an @-sign\.", lambda m: advice("email_no_at_sign")),
    (
        r"There must be something before the @-sign\.",
        lambda m: advice("email_nothing_before_at_sign"),
    ),
    (r"An email address cannot have two periods in a row\.", lambda m: advice("email_two_periods")),
    (
        r"The part after the @-sign is not valid\. It should have a period\.",
        lambda m: advice("email_no_period_after_at_sign"),
    ),
    (
        r"The part after the @-sign is not valid\. It is not within a valid top-level domain\.",
        lambda m: advice("email_no_top_level_domain"),
    ),
    (
        r"The part after the @-sign is a special-use or reserved name that cannot be used with "
        r"email\.",
        lambda m: advice("email_reserved_domain"),
    ),
    (
        r"The part after the @-sign contains invalid characters: (.+)\.",
        lambda m: advice("email_bad_characters_after_at_sign", characters=m[1]),
    ),
    (
        r"The email address contains invalid characters before the @-sign: (.+)\.",
        lambda m: advice("email_bad_characters_before_at_sign", characters=m[1]),
    ),
    (
        r"The email address contains an invalid character\.",
        lambda m: advice("email_bad_character"),
    ),
    (
        r"An email address cannot start with a period\.",
        lambda m: advice("email_starts_with_period"),
    ),
    (
        r"An email address cannot have a period immediately before the @-sign\.",
        lambda m: advice("email_period_before_at_sign"),
    ),
    (
        r"An email address cannot have a period immediately after the @-sign\.",
        lambda m: advice("email_period_after_at_sign"),
    ),
    (
        r"An email address cannot have a hyphen immediately after the @-sign\.",
        lambda m: advice("email_hyphen_after_at_sign"),
    ),
    (r"An email address cannot end with a period\.", lambda m: advice("email_ends_with_period")),
    (r"An email address cannot end with a hyphen\.", lambda m: advice("email_ends_with_hyphen")),
    (
        r"An email address cannot have a period and a hyphen next to each other\.",
        lambda m: advice("email_period_and_hyphen"),
    ),
    (
        r"A display name and angle brackets around the email address are not permitted here\.",
        lambda m: advice("email_display_name"),
    ),
    (
        r"Quoting the part before the @-sign is not allowed here\.",
        lambda m: advice("email_quoted_local_part"),
    ),
    (
        r"A bracketed IP address after the @-sign is not allowed here\.",
        lambda m: advice("email_ip_address"),
    ),
    (
        r"There can't be anything after the email address\.",
        lambda m: advice("email_text_after_address"),
    ),
)


def _email_reason(reason: str) -> Advice | str:
    """The checker's reason as advice; one it has no words for stays as the checker gives it."""
    for regex, words in _EMAIL_REASONS:
        match = re.fullmatch(regex, reason)
        if match:
            return words(match)
    return reason


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
        raise advice_error(PHONE_PATTERN.advice, value=value)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


PhoneNumber = Annotated[
    str,
    BeforeValidator(_phone_to_e164),
    WithJsonSchema({"type": "string", "pattern": PHONE_PATTERN.regex}),
]


def _today(info: ValidationInfo) -> date:
    context = info.context or {}
    today = context.get("today")
    return today if isinstance(today, date) else date.today()


def _not_in_future(value: date, info: ValidationInfo) -> date:
    if value > _today(info):
        raise advice_error("date_in_future", value=value.isoformat())
    return value


PastDate = Annotated[date, AfterValidator(_not_in_future)]

_TIME_RE = re.compile(TIME_PATTERN)


def _check_time(value: Any) -> Any:
    if isinstance(value, str) and _TIME_RE.match(value):
        return value
    raise advice_error(TIME_PATTERN.advice, value=str(value))


Time = Annotated[
    str,
    BeforeValidator(_check_time),
    WithJsonSchema({"type": "string", "pattern": TIME_PATTERN.regex}),
]
