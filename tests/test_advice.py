"""The validator's wording: every key the code names is in every advice catalogue, with the
values the code gives it, and English output keeps the words of the tools it quotes."""

from __future__ import annotations

import ast
import re
import typing
from pathlib import Path

import pytest
from directory.data import fields
from directory.data.advice import (
    ADVICE_LANGUAGES,
    Advice,
    MissingAdvice,
    advice,
    catalogue,
    placeholders,
    plural_category,
)
from directory.data.problems import Problem
from directory.data.yamlfile import _PARSER_WORDS
from pydantic_core.core_schema import ErrorType

from .conftest import ROOT

CORE = ROOT / "hooks" / "directory"
# The code that words problems: the validator (data/) and the command line.
SOURCES = [*sorted((CORE / "data").rglob("*.py")), CORE / "cli.py"]
ADVICE_CALLS = {"advice", "advice_error"}


def _called(node: ast.Call) -> str | None:
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return name if name in ADVICE_CALLS else None


def _checked_patterns() -> set[str]:
    """Advice keys of the patterns pydantic checks (`Field(pattern=NAME)`): messages.py words
    their mismatches, giving the value."""
    keys = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Field":
                for keyword in node.keywords:
                    value = keyword.value
                    if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
                        value = value.value  # NAME.regex
                    if keyword.arg == "pattern" and isinstance(value, ast.Name):
                        keys.add(getattr(fields, value.id).advice)
    return keys


def _uses() -> list[tuple[str, set[str], bool, str]]:
    """Every advice the code names: (key, names of the values given, whether the values must be
    exactly the template's, where)."""
    uses = []
    for path in SOURCES:
        if path.parent.name == "advice":  # the functions themselves
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or _called(node) is None:
                continue
            where = f"{path.relative_to(CORE)}:{node.lineno}"
            assert all(k.arg for k in node.keywords), f"{where}: name every value (no **)"
            names = {str(k.arg) for k in node.keywords}
            key = node.args[0] if node.args else None
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                uses.append((key.value, names, True, where))
            elif isinstance(key, ast.Attribute) and key.attr == "advice":
                if isinstance(key.value, ast.Name) and hasattr(fields, key.value.id):
                    uses.append((getattr(fields, key.value.id).advice, names, True, where))
                else:  # a pattern's advice chosen by the pattern a value does not match
                    uses.extend((k, names, False, where) for k in _checked_patterns())
            else:
                pytest.fail(f"{where}: write the advice key out (or a fields.py pattern's)")
    return uses


def test_english_and_czech_have_the_same_keys_and_placeholders() -> None:
    english, czech = catalogue("en"), catalogue("cs")
    assert list(english) == list(czech), "same keys, in the same order"
    for key, template in english.items():
        assert placeholders(czech[key]) == placeholders(template), key
        if isinstance(template, dict):  # plural forms: each names the same values
            assert "other" in template and "other" in czech[key], key


def test_every_key_the_code_uses_is_in_every_catalogue_with_its_values() -> None:
    uses = _uses()
    assert len(uses) > 100
    for language in ADVICE_LANGUAGES:
        entries = catalogue(language)
        for key, names, exact, where in uses:
            assert key in entries, f"{where}: no {key!r} in {language}.yaml"
            needed = placeholders(entries[key])
            if exact:
                assert needed == names, f"{where}: {key!r} in {language}.yaml needs {needed}"
            else:
                assert needed <= names, f"{where}: {key!r} in {language}.yaml needs {needed}"


def test_every_catalogue_entry_is_used() -> None:
    used = {key for key, *_ in _uses()}
    assert set(catalogue("en")) - used == set()


def test_no_advice_is_named_like_an_error_of_pydantic() -> None:
    """Our checks' errors are recognised by their type, the advice key (messages.py)."""
    assert set(typing.get_args(ErrorType)) & set(catalogue("en")) == set()


def test_fields_patterns_each_have_advice() -> None:
    assert set(fields.PATTERNS) >= {
        fields.ID_PATTERN,
        fields.TIME_PATTERN,
        fields.POSTCODE_PATTERN,
        fields.PARTIAL_DATE_PATTERN,
        fields.EMERGENCY_NUMBER_PATTERN,
    }
    for regex, pattern in fields.PATTERNS.items():
        re.compile(regex)
        for language in ADVICE_LANGUAGES:
            assert pattern.advice in catalogue(language), regex
    # What pydantic checks is worded from the value alone.
    assert _checked_patterns() == {
        "postcode_format",
        "partial_date_format",
        "emergency_number_format",
    }


def test_czech_is_translated() -> None:
    english, czech = catalogue("en"), catalogue("cs")
    same = [key for key in english if english[key] == czech[key]]
    assert same == []
    for key, template in czech.items():
        for form in template.values() if isinstance(template, dict) else [template]:
            assert '"{' not in form, f"{key}: a value is quoted „{{name}}“ in Czech"
            assert not form.endswith((" ", ".")) or key == "summary_invalid", key


@pytest.mark.parametrize("language", ADVICE_LANGUAGES)
def test_plural_forms_cover_every_count(language: str) -> None:
    for key, template in catalogue(language).items():
        if isinstance(template, dict):
            needed = {plural_category(language, count) for count in range(200)}
            assert needed <= set(template), f"{language}: {key} needs the forms {needed}"
    assert advice("too_few_entries", count=1).render("en") == "needs at least 1 entry"
    assert advice("too_few_entries", count=3).render("en") == "needs at least 3 entries"
    assert advice("too_few_entries", count=1).render("cs") == "Musí obsahovat aspoň jednu položku"
    assert advice("too_few_entries", count=3).render("cs") == "Musí obsahovat aspoň 3 položky"
    assert advice("too_few_entries", count=5).render("cs") == "Musí obsahovat aspoň 5 položek"


def test_english_keeps_the_words_of_the_yaml_parser_and_the_email_checker() -> None:
    for text, words in _PARSER_WORDS.items():
        assert words.render("en") == text
        assert words.render("cs") != text
    for regex, reason in fields._EMAIL_REASONS:
        example = regex.replace("\\.", ".").replace("(.+)", "'@'")
        match = re.fullmatch(regex, example)
        assert match is not None, regex
        assert reason(match).render("en") == example
    assert fields._email_reason("Something new.") == "Something new."  # shown as it is


def test_values_are_shown_in_the_language_of_the_advice() -> None:
    lines = tuple(advice("quoted_line", line=f"{code}: ...") for code in ("uk", "ar"))
    missing = advice("site_language_missing", missing=lines)
    assert missing.render("en") == 'needs a name in every site language — add "uk: ...", "ar: ..."'
    assert (
        missing.render("cs")
        == "Název musí být ve všech jazycích webu — doplňte „uk: ...“, „ar: ...“"
    )
    # Braces that are no placeholder are text.
    assert "{cs: " in advice("localized_text_expected").render("cs")


def test_a_missing_key_or_value_is_an_error() -> None:
    with pytest.raises(MissingAdvice):
        advice("no_such_advice").render()
    with pytest.raises(MissingAdvice):
        advice("missing_field").render("cs")
    with pytest.raises(MissingAdvice):
        catalogue("de")


def test_problems_render_in_a_language_and_sort_the_same_in_every_one() -> None:
    late = Problem("a.yaml", 3, 1, "cost", advice("not_allowed", value="x", choices="free"))
    early = Problem("a.yaml", 2, 1, "", advice("file_empty"))
    assert sorted([late, early]) == [early, late]
    assert str(late) == 'a.yaml:3:1: cost: "x" is not allowed here; use one of: free'
    assert (
        late.render("cs")
        == "a.yaml:3:1: cost: Hodnota „x“ tu není dovolena; použijte jednu z těchto: free"
    )
    assert late.message == '"x" is not allowed here; use one of: free'
    assert early.github_annotation("cs").endswith("title=Neplatný záznam::Soubor je prázdný")
    assert isinstance(late.advice, Advice) and late.advice.key == "not_allowed"


def test_the_catalogues_are_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/advice/*.yaml"' in pyproject
    for language in ADVICE_LANGUAGES:
        assert (CORE / "data" / "advice" / f"{language}.yaml").is_file()
        assert Path(CORE / "data" / "advice" / f"{language}.yaml").read_text(encoding="utf-8")
