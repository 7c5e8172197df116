"""Language codes: the site's languages, ISO 639-1, fallbacks, and suggestions for typos."""

from __future__ import annotations

import difflib

import babel

# The site languages, in the order the language picker shows them. Adding a language is one
# entry here plus its translations.
SITE_LANGUAGES: tuple[str, ...] = ("cs", "en", "uk", "ru", "vi", "ar")

# Where a missing translation is taken from. Never from a neighbouring language a reader may
# not accept (uk never falls back to ru): only English, then Czech.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "cs": ("en",),
    "en": ("cs",),
    **{code: ("en", "cs") for code in SITE_LANGUAGES if code not in ("cs", "en")},
}

# The record's own text must exist in at least one of these (the source languages).
SOURCE_LANGUAGES: tuple[str, ...] = ("cs", "en")

ISO_639_1: frozenset[str] = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
    la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
    oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
    st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
    za zh zu""".split()
)

# Country codes and names people type instead of language codes.
COMMON_MISTAKES: dict[str, str] = {
    "ua": "uk",
    "cz": "cs",
    "vn": "vi",
    "cn": "zh",
    "jp": "ja",
    "kr": "ko",
    "gr": "el",
    "dk": "da",
    "se": "sv",
    "ee": "et",
    "by": "be",
    "rs": "sr",
    "sa": "ar",
    "il": "he",
    "in": "hi",
    "gb": "en",
    "us": "en",
    "eng": "en",
    "ces": "cs",
    "cze": "cs",
    "ukr": "uk",
    "rus": "ru",
    "vie": "vi",
    "ara": "ar",
    "czech": "cs",
    "english": "en",
    "ukrainian": "uk",
    "russian": "ru",
    "vietnamese": "vi",
    "arabic": "ar",
    "cestina": "cs",
    "čeština": "cs",
}


def suggest(value: str, choices: list[str] | tuple[str, ...] | frozenset[str]) -> str | None:
    """The choice a volunteer most likely meant, or None."""
    lowered = value.strip().lower()
    if lowered in choices:
        return lowered
    mistaken = COMMON_MISTAKES.get(lowered)
    if mistaken in choices:
        return mistaken
    close = difflib.get_close_matches(lowered, sorted(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def fallback_chain(language: str) -> tuple[str, ...]:
    """The language itself, then where its missing text comes from."""
    return (language, *FALLBACKS.get(language, ("en", "cs")))


# Not a language: the locale of the root page where visitors pick theirs (the i18n plugin
# builds its default language at the site root; every real language gets its own prefix).
PICKER_LOCALE = "zz"


def native_name(code: str) -> str:
    """The language's name in itself, from CLDR: "Čeština", "Українська", "العربية"."""
    name = str(babel.Locale.parse(code).get_display_name(code))
    return name[:1].upper() + name[1:]


def text_direction(code: str) -> str:
    return str(babel.Locale.parse(code).text_direction)
