"""Loading: cached per state of the files (for `mkdocs serve`), references between vocabularies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from directory.data.loading import load, load_cached
from directory.data.problems import InvalidData

from .conftest import TODAY


def test_cache_keeps_the_data_until_a_file_changes(sample_data: Path) -> None:
    first = load_cached(sample_data)
    assert load_cached(sample_data) is first
    record = sample_data / "services" / "sample-czech-course.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("Kurz češtiny A1", "Kurz češtiny A2"),
        encoding="utf-8",
    )
    stat = record.stat()
    os.utime(record, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = load_cached(sample_data)
    assert second is not first
    assert second.services["sample-czech-course"].name["cs"] == "Kurz češtiny A2"


def test_unknown_place_parent_is_reported(sample_data: Path) -> None:
    places = sample_data / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8").replace("parent: praha", "parent: prag"))
    with pytest.raises(InvalidData) as raised:
        load(sample_data, today=TODAY)
    [problem] = raised.value.problems
    assert problem.field == "[1].parent"
    assert problem.message == 'there is no place "prag" — did you mean "praha"?'


def test_unknown_search_term_category_is_reported(sample_data: Path) -> None:
    terms = sample_data / "search-terms.yaml"
    terms.write_text(terms.read_text(encoding="utf-8").replace("[legal-counselling]", "[legal]"))
    with pytest.raises(InvalidData) as raised:
        load(sample_data, today=TODAY)
    assert [p.field for p in raised.value.problems] == ["[0].categories[0]"]
