"""Search indexing beside the build (directory.build.search): one Pagefind run a language."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from directory.build.search import SearchIndexing


def _page(folder: Path, language: str, text: str) -> None:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="{language}"><head><title>{text}</title></head>'
        f"<body><main><h1>{text}</h1><p>{text} and more words</p></main></body></html>",
        encoding="utf-8",
    )


def test_each_language_gets_its_own_bundle(tmp_path: Path) -> None:
    _page(tmp_path / "uk" / "services" / "a", "uk", "Юридична допомога")
    _page(tmp_path / "vi" / "services" / "a", "vi", "Tư vấn pháp lý")
    indexing = SearchIndexing(tmp_path, niceness=5)
    indexing.start("uk")
    indexing.start("vi")
    summaries = indexing.finish()
    assert set(summaries) == {"uk", "vi"}
    for language in ("uk", "vi"):
        entry = json.loads((tmp_path / language / "pagefind/pagefind-entry.json").read_text())
        assert entry["languages"][language]["page_count"] == 1
    assert not (tmp_path / "pagefind").exists()


def test_a_failed_run_stops_the_build_with_pagefinds_words(tmp_path: Path) -> None:
    indexing = SearchIndexing(tmp_path / "no-site")
    indexing.start("uk")
    with pytest.raises(RuntimeError, match=r"Pagefind failed for 'uk':\n(.|\n)*no-site"):
        indexing.finish()


def test_a_cancelled_build_leaves_no_indexer_running(tmp_path: Path) -> None:
    for n in range(50):
        _page(tmp_path / "uk" / "services" / str(n), "uk", f"Сторінка {n}")
    indexing = SearchIndexing(tmp_path)
    indexing.start("uk")
    indexing.start("uk")
    indexing.cancel()
    assert set(indexing.finish()) <= {"uk"}  # a run may have ended before the cancel
    assert not any(thread.name == "pagefind" for thread in threading.enumerate())
