"""Golden tests: wrong records beside the exact problems the validator must report for them.

Each file in tests/golden/records/<folder>/ is a broken record; `<name>.expected` beside it
lists the lines (file:line:column: field: message) a volunteer must see, and
`<name>.cs.expected` the same lines with the advice in Czech (`validate --lang cs`). All broken
records are validated in one run on top of the valid sample data, which also proves that every
problem of every file is reported at once, in file and line order.
"""

from __future__ import annotations

import shutil
import time
from collections import defaultdict
from pathlib import Path

import pytest
from directory.data.loading import load
from directory.data.problems import InvalidData

from .conftest import SAMPLE_DATA, TODAY

GOLDEN = Path(__file__).parent / "golden"
# The advice languages and the ending of their golden files.
EXPECTED = {"en": ".expected", "cs": ".cs.expected"}


def _problems(data: Path, monkeypatch: pytest.MonkeyPatch, language: str = "en") -> list[str]:
    monkeypatch.chdir(data)  # problems name files as a volunteer sees them, relative
    with pytest.raises(InvalidData) as raised:
        load(Path("."), today=TODAY)
    return [problem.render(language) for problem in raised.value.problems]


def _broken_files() -> list[Path]:
    return sorted(p for p in (GOLDEN / "records").rglob("*") if p.suffix in (".yaml", ".yml"))


@pytest.mark.parametrize("language", list(EXPECTED))
def test_every_broken_record_has_its_expected_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    for broken in _broken_files():
        shutil.copy(broken, data / broken.parent.name / broken.name)
    lines = _problems(data, monkeypatch, language)

    by_file: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        by_file[line.split(":", 1)[0]].append(line)
    for broken in _broken_files():
        name = f"{broken.parent.name}/{broken.name}"
        expected_file = broken.with_suffix(EXPECTED[language])
        expected = expected_file.read_text(encoding="utf-8").splitlines()
        assert expected, f"{expected_file.name} is empty"
        assert by_file.pop(name, []) == expected, name
    assert not by_file, f"problems in files that should be valid: {by_file}"
    assert lines == sorted(lines, key=_order), "problems are sorted by file, line, column"


def _order(line: str) -> tuple[str, int, int]:
    file, row, column, _ = line.split(":", 3)
    return (file, int(row), int(column))


def test_every_expected_file_has_a_broken_record() -> None:
    for expected in (GOLDEN / "records").rglob("*.expected"):
        stem = expected.name.removesuffix(".expected").removesuffix(".cs")
        assert any((expected.parent / f"{stem}{s}").exists() for s in (".yaml", ".yml")), expected


@pytest.mark.parametrize("language", list(EXPECTED))
def test_broken_vocabularies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    for vocabulary in (GOLDEN / "vocabularies").glob("*.yaml"):
        shutil.copy(vocabulary, data / vocabulary.name)
    name = "expected.txt" if language == "en" else f"expected.{language}.txt"
    expected = (GOLDEN / "vocabularies" / name).read_text(encoding="utf-8")
    assert _problems(data, monkeypatch, language) == expected.splitlines()


def test_links_and_huge_files_are_refused_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pull request may hold any file: a link out of data/ is never followed, a huge file
    never read, and the check still lists every problem within seconds."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    secret = tmp_path / "outside.yaml"
    secret.write_text("id: outside\n", encoding="utf-8")
    (data / "organisations" / "link.yaml").symlink_to(secret)
    (data / "services" / "huge.yaml").write_text("a: " + "x" * 2_000_000, encoding="utf-8")
    started = time.perf_counter()
    lines = _problems(data, monkeypatch)
    assert time.perf_counter() - started < 5
    assert lines == [
        "organisations/link.yaml:1:1: this is a link to another file; put the record itself "
        "here (links are not followed)",
        "services/huge.yaml:1:1: the file is 2000 kB; a data file is at most 1000 kB — remove "
        "what does not belong",
    ]
