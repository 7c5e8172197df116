"""The coordinator's review list: oldest first, gaps named, sources listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from directory.cli import main

from .conftest import TODAY


def test_report_lists_age_gaps_and_sources(
    sample_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = sample_data / "services" / "sample-czech-course.yaml"
    old.write_text(
        old.read_text(encoding="utf-8").replace(
            "last_verified: 2026-11-01", "last_verified: 2025-01-10"
        )
    )
    assert main(["report", str(sample_data), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    section = out.split("## Records by age of their information (oldest first)\n")[1]
    ages = section.split("\n\n")[0].splitlines()
    assert ages[0].startswith("2025-01-10  verified    682 days")
    assert ages[0].endswith("services/sample-czech-course  [OLDER THAN A YEAR]")
    assert len(ages) == 3
    coordinates = out.split("without sourced coordinates")[1].split("\n\n")[0]
    assert "organisations/sample-centre  location main (praha-3)" in coordinates
    phones = out.split("## Records without any phone number\n")[1].split("\n\n")[0]
    assert phones == "(none)"
    assert "    https://example.org/source  (read 2026-11-01, published 2024-02)" in out


def test_report_gives_completeness_figures_and_gaps(
    sample_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(sample_data), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    figures = out.split("## Completeness\n")[1].split("\n\n")[0]
    assert "services with a phone (own or organisation's)     2 of 2    100.0 %" in figures
    assert "services whose cost is known                      2 of 2    100.0 %" in figures
    assert "services that say how to get help (access)        2 of 2    100.0 %" in figures
    assert "locations with sourced coordinates                0 of 1      0.0 %" in figures
    gaps = out.split("## Facts no source has given yet (gaps for volunteers)\n")[1]
    assert gaps.split("\n\n")[0] == "(none)"
    translations = out.split("## Translations of record texts, per language\n")[1]
    assert translations.splitlines()[0].split() == [
        "language", "texts", "translated", "reviewed", "machine", "missing"
    ]  # fmt: skip
