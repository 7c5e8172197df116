"""Golden tests: wrong records beside the exact problems the validator must report for them.

Each file in tests/golden/records/<folder>/ is a broken record; `<name>.expected` beside it
lists the lines (file:line:column: field: message) a volunteer must see. All broken records
are validated in one run on top of the valid sample data, which also proves that every
problem of every file is reported at once, in file and line order.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from directory.loading import load
from directory.problems import InvalidData

from .conftest import SAMPLE_DATA, TODAY

GOLDEN = Path(__file__).parent / "golden"


def _problems(data: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(data)  # problems name files as a volunteer sees them, relative
    with pytest.raises(InvalidData) as raised:
        load(Path("."), today=TODAY)
    return [str(problem) for problem in raised.value.problems]


def _broken_files() -> list[Path]:
    return sorted(p for p in (GOLDEN / "records").rglob("*") if p.suffix in (".yaml", ".yml"))


def test_every_broken_record_has_its_expected_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    for broken in _broken_files():
        shutil.copy(broken, data / broken.parent.name / broken.name)
    lines = _problems(data, monkeypatch)

    by_file: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        by_file[line.split(":", 1)[0]].append(line)
    for broken in _broken_files():
        name = f"{broken.parent.name}/{broken.name}"
        expected = broken.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
        assert expected, f"{name}.expected is empty"
        assert by_file.pop(name, []) == expected, name
    assert not by_file, f"problems in files that should be valid: {by_file}"
    assert lines == sorted(lines, key=_order), "problems are sorted by file, line, column"


def _order(line: str) -> tuple[str, int, int]:
    file, row, column, _ = line.split(":", 3)
    return (file, int(row), int(column))


def test_every_expected_file_has_a_broken_record() -> None:
    for expected in (GOLDEN / "records").rglob("*.expected"):
        assert any(expected.with_suffix(s).exists() for s in (".yaml", ".yml")), expected


def test_broken_vocabularies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    for vocabulary in (GOLDEN / "vocabularies").glob("*.yaml"):
        shutil.copy(vocabulary, data / vocabulary.name)
    expected = (GOLDEN / "vocabularies" / "expected.txt").read_text(encoding="utf-8")
    assert _problems(data, monkeypatch) == expected.splitlines()
