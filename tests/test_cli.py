"""The command line a volunteer runs: `python -m directory validate` and `schema`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from directory.cli import main
from directory.editing.schema import SCHEMA_FILES, render

from .conftest import ROOT, TODAY


def test_valid_data_prints_one_summary_line(
    sample_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(sample_data), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert "valid — 1 organisations, 2 services" in out[0]


def test_invalid_data_exits_1_with_every_problem_and_github_annotations(
    sample_data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    record = sample_data / "services" / "sample-legal-advice.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("cost: free", "cost: gratis").replace("walk-in", "walkin"))
    monkeypatch.chdir(sample_data.parent)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["validate", "data", "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("data/services/sample-legal-advice.yaml:8:1: cost: ")
    assert out[1].startswith("data/services/sample-legal-advice.yaml:9:10: access[0]: ")
    annotation = out[2]
    assert annotation.startswith(
        "::error file=data/services/sample-legal-advice.yaml,line=8,col=1,title=cost::"
    )
    assert out[-1] == "2 problem(s) in 1 file(s); fix them and run this again."


def test_github_annotations_only_on_github(
    sample_data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (sample_data / "emergency.yaml").write_text("- number: 1\n", encoding="utf-8")
    assert main(["validate", str(sample_data)]) == 1
    assert "::error" not in capsys.readouterr().out


def test_schema_command_writes_the_committed_schemas(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    for name in SCHEMA_FILES:
        written = (tmp_path / f"{name}.schema.json").read_text(encoding="utf-8")
        committed = ROOT / "schemas" / f"{name}.schema.json"
        assert written == committed.read_text(encoding="utf-8"), (
            f"{committed} is out of date: run `make schema`"
        )
        assert json.loads(written)["$schema"].startswith("https://json-schema.org/")


def test_schema_knows_the_record_fields() -> None:
    service = json.loads(render("service"))
    assert {"organisation", "categories", "cost", "sources"} <= set(service["required"])
    assert service["additionalProperties"] is False
    assert service["properties"]["cost"]["enum"] == ["free", "paid", "partly-free", "unknown"]


def test_validate_defaults_to_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "tests" / "sample-data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("data: valid")


def test_validate_in_czech(
    sample_data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--lang cs`: every problem, the GitHub annotations and the summary with Czech advice;
    files, positions, field names and values stay as they are."""
    record = sample_data / "services" / "sample-legal-advice.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("cost: free", "cost: gratis").replace("walk-in", "walkin"))
    (sample_data / "services" / "notes.yml").write_text("id: notes\n", encoding="utf-8")
    monkeypatch.chdir(sample_data.parent)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["validate", "data", "--today", TODAY.isoformat(), "--lang", "cs"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "data/services/notes.yml:1:1: Přejmenujte soubor na „notes.yaml“",
        "data/services/sample-legal-advice.yaml:8:1: cost: Hodnota „gratis“ tu není dovolena; "
        "použijte jednu z těchto: free, paid, partly-free, unknown",
        "data/services/sample-legal-advice.yaml:9:10: access[0]: Hodnota „walkin“ tu není "
        "dovolena; použijte jednu z těchto: walk-in, appointment, phone, online — měli jste na "
        "mysli „walk-in“?",
        "::error file=data/services/notes.yml,line=1,col=1,title=Neplatný záznam::Přejmenujte "
        "soubor na „notes.yaml“",
        "::error file=data/services/sample-legal-advice.yaml,line=8,col=1,title=cost::Hodnota "
        "„gratis“ tu není dovolena; použijte jednu z těchto: free, paid, partly-free, unknown",
        "::error file=data/services/sample-legal-advice.yaml,line=9,col=10,title=access[0]::"
        "Hodnota „walkin“ tu není dovolena; použijte jednu z těchto: walk-in, appointment, "
        "phone, online — měli jste na mysli „walk-in“?",
        "Počet problémů: 3 (počet souborů: 2). Opravte je a spusťte kontrolu znovu.",
    ]
    # English stays the default.
    assert main(["validate", "data", "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == 'data/services/notes.yml:1:1: rename the file to "notes.yaml"'
    assert out[-1] == "3 problem(s) in 2 file(s); fix them and run this again."


def test_valid_data_in_czech(sample_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(sample_data), "--today", TODAY.isoformat(), "--lang", "cs"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert re.fullmatch(
        r".*data: vše v pořádku — organizace: 1, služby: 2, kategorie: 2, místa: 2, "
        r"čísla tísňového volání: 1 \(\d+,\d\d s\)",
        line,
    ), line


def test_validate_refuses_other_languages(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["validate", "--lang", "de"])
    assert raised.value.code == 2
    error = capsys.readouterr().err
    assert "argument --lang: invalid choice: 'de'" in error
    assert re.search(r"choose from '?en'?, '?cs'?", error), error
