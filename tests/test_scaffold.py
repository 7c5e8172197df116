"""`python -m directory new ...`: a record file with every field, explained, to fill in."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from directory.cli import main
from directory.data import yamlfile
from directory.data.fields import PLACEHOLDER
from directory.data.loading import load
from directory.data.models import Organisation, Service
from directory.data.problems import InvalidData
from directory.editing.scaffold import ScaffoldError, all_fields, help_text, new_record
from directory.editing.schema import schema_line
from pydantic import BaseModel

from .conftest import ROOT, TODAY

SCHEMAS = ROOT / "schemas"

# What a volunteer would write instead of each placeholder, by field name (YAML text).
FILLS: dict[str, list[str]] = {
    "name": ['"Testovací text"', '"Test text"'],
    "url": ["https://example.org/test"],
    "accessed": ["2026-11-01"],
    "published": ['"2025-06"'],
    "note": ['"page 2"'],
    "last_verified": ["2026-11-01"],
    "kind": ["interpreter"],
    "website": ["https://example.org/test"],
    "email": ["test@example.org"],
    "number": ['"+420 252 543 846"'],
    "languages": ["cs"],
    "id": ["main"],
    "street": ['"Vzorová 2"'],
    "postcode": ['"130 00"'],
    "city": ["Praha"],
    "place": ["praha-3"],
    "lat": ["50.08"],
    "lon": ["14.45"],
    "days": ["mo"],
    "opens": ['"09:00"'],
    "closes": ['"17:00"'],
    "individual": ["true"],
    "consent_to_publish": ["2026-10-01"],
    "language_pairs": ["cs", "uk"],
    "categories": ["legal-counselling"],
    "areas": ["praha"],
    "cost": ["free"],
}
for localized in ("description", "label", "what_to_bring"):
    FILLS[localized] = FILLS["name"]

_KEY = re.compile(r"^\s*(?:- )?([a-z_]+):")
_BLANK = re.compile(rf'"{PLACEHOLDER}"|{PLACEHOLDER}')


def fill_in(text: str) -> str:
    """The record with every placeholder replaced by the value for its field."""
    lines = []
    for line in text.splitlines():
        match = _KEY.match(line)
        if match and PLACEHOLDER in line and not line.lstrip().startswith("#"):
            line = _fill(line, match.group(1))
        lines.append(line)
    return "\n".join(lines) + "\n"


def _fill(line: str, key: str) -> str:
    values = iter(FILLS[key])  # in order, e.g. both languages of a pair
    return _BLANK.sub(lambda _: next(values), line)


def scaffold(data: Path, kind: str, record_id: str) -> Path:
    organisation = "sample-centre" if kind == "service" else None
    return new_record(kind, data, record_id, organisation, schemas_dir=SCHEMAS)


def test_filled_in_scaffolds_are_valid_records(sample_data: Path) -> None:
    organisation = scaffold(sample_data, "organisation", "test-interpreters")
    service = scaffold(sample_data, "service", "test-interpreting")
    for path in (organisation, service):
        path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
        values = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
        assert not [line for line in values if PLACEHOLDER in line and "#" not in line]
    directory = load(sample_data, today=TODAY)
    record = directory.organisations["test-interpreters"]
    assert record.interpreter is not None and record.interpreter.language_pairs == [("cs", "uk")]
    assert record.locations[0].hours[0].opens == "09:00"
    assert directory.services["test-interpreting"].organisation == "sample-centre"


def test_unfilled_scaffolds_fail_at_each_placeholder(sample_data: Path) -> None:
    paths = [
        scaffold(sample_data, "organisation", "test-organisation"),
        scaffold(sample_data, "service", "test-service"),
    ]
    with pytest.raises(InvalidData) as raised:
        load(sample_data, today=TODAY)
    problems = raised.value.problems
    assert {Path(problem.file).name for problem in problems} == {path.name for path in paths}
    fields = {problem.field for problem in problems}
    assert {"kind", "cost", "last_verified", "sources[0].url", "categories[0]"} <= fields
    for problem in problems:
        path = next(path for path in paths if path.name == Path(problem.file).name)
        line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
        assert PLACEHOLDER in line, problem  # each problem points at a placeholder left
        assert "Input should" not in problem.message  # plain advice, not pydantic's wording


@pytest.mark.parametrize("model", [Organisation, Service], ids=["organisation", "service"])
def test_scaffold_has_every_field_of_the_model_each_explained(
    sample_data: Path, model: type[BaseModel]
) -> None:
    kind = model.__name__.lower()
    path = scaffold(sample_data, kind, "test-record")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == schema_line(path, sample_data, SCHEMAS)
    assert_same_fields(yamlfile.parse("\n".join(lines)), model, kind)
    for number, line in enumerate(lines):
        if _KEY.match(line) and not line.lstrip().startswith("#"):
            assert lines[number - 1].lstrip().startswith("#"), f"no comment above {line!r}"


def assert_same_fields(value: Any, model: type[BaseModel], where: str) -> None:
    assert isinstance(value, dict), where
    assert list(value) == list(model.model_fields), where
    for name, info in model.model_fields.items():
        nested = _nested_model(info.annotation)
        if nested is not None:
            inner = value[name][0] if isinstance(value[name], list) else value[name]
            assert_same_fields(inner, nested, f"{where}.{name}")


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The record model inside `X`, `X | None` or `list[X]`, if any."""
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def test_every_field_has_help_and_contributing_explains_it() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for model in (Organisation, Service):
        for spec in all_fields(model):
            assert help_text(spec)
            assert f"`{spec.name}`" in guide, f"CONTRIBUTING.md does not explain {spec.key}"


def test_refuses_to_overwrite_a_record(sample_data: Path) -> None:
    existing = sample_data / "services" / "sample-legal-advice.yaml"
    before = existing.read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError, match="exists already"):
        scaffold(sample_data, "service", "sample-legal-advice")
    assert existing.read_text(encoding="utf-8") == before
    scaffold(sample_data, "organisation", "test-organisation")
    with pytest.raises(ScaffoldError, match="exists already"):
        scaffold(sample_data, "organisation", "test-organisation")


def test_refuses_an_invalid_id(sample_data: Path) -> None:
    with pytest.raises(ScaffoldError, match=re.escape('e.g. "legal-advice-brno"')):
        scaffold(sample_data, "organisation", "Legal Advice Brno")


def test_cli_refuses_an_unknown_organisation_with_a_suggestion(
    sample_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["new", "service", "--organisation", "sample-center", "--data", str(sample_data)]
    assert main(argv) == 1
    assert 'there is no organisation "sample-center" — did you mean "sample-centre"?' in (
        capsys.readouterr().err
    )
    assert main(["new", "service", "--data", str(sample_data)]) == 1
    assert "--organisation" in capsys.readouterr().err
    assert sorted(path.name for path in (sample_data / "services").iterdir()) == [
        "sample-czech-course.yaml",
        "sample-legal-advice.yaml",
    ]


def test_cli_writes_a_record_beside_the_others(
    sample_data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(sample_data.parent)
    argv = ["new", "service", "--organisation", "sample-centre", "--id", "test-service"]
    assert main([*argv, "--data", "data"]) == 0
    path = Path("data/services/test-service.yaml")
    assert f"wrote {path}" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    assert "\nid: test-service\n" in text
    assert "\norganisation: sample-centre\n" in text
    assert "Ids in the data now: main." in text  # the organisation's locations


def test_contributing_examples_are_valid_records() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = re.findall(r"```yaml\n(.*?)```", guide, re.DOTALL)
    models: tuple[type[Organisation | Service], ...] = (Organisation, Service)
    assert len(examples) == len(models)
    for example, model in zip(examples, models, strict=True):
        record = model.model_validate(yamlfile.parse(example), context={"today": TODAY})
        path = ROOT / "data" / f"{model.__name__.lower()}s" / f"{record.id}.yaml"
        assert example.splitlines()[0] == schema_line(path, ROOT / "data", SCHEMAS)
