"""The work beside the build (directory.build.sidework, finish, search): bodies made by other
processes from the data alone, search indexes, and no worker outliving a build."""

from __future__ import annotations

import dataclasses
import gc
import importlib.metadata
import json
import multiprocessing
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from directory.build.collector import BUILD_THRESHOLDS
from directory.build.finish import BuildWork, preview_scope
from directory.build.generate import GeneratedPages, generated_pages
from directory.build.search import (
    SearchFailed,
    SearchIndexing,
    index_language,
    pagefind_command,
    pagefind_executable,
)
from directory.build.sidework import DataSource, SideWork
from directory.data.loading import load
from directory.render.page import SiteLinks
from directory.render.renderer import TEMPLATES

HOOKS = Path(__file__).resolve().parent.parent / "hooks"

LANGUAGES = ("cs", "en", "ar")


def _counted_pages(sample_data: Path, links: SiteLinks) -> tuple[GeneratedPages, list[str]]:
    """The build's pages, each noting in `made` when this process renders its body."""
    made: list[str] = []

    def counted(path: str, render: Callable[[], str]) -> Callable[[], str]:
        def body() -> str:
            made.append(path)
            return render()

        return body

    pages = generated_pages(load(sample_data), links, LANGUAGES)
    return {
        path: dataclasses.replace(page, render=counted(path, page.render))
        for path, page in pages.items()
    }, made


def _worker_pid() -> int:
    return os.getpid()


def _templates_compiled() -> int:
    from directory.render.renderer import TEMPLATE_CACHE

    return len(TEMPLATE_CACHE.client._entries)  # type: ignore[attr-defined]


def test_workers_start_with_the_templates_compiled(sample_data: Path) -> None:
    """The forkserver compiles the page templates once; each worker forked from it has them
    before its first job (it compiled them itself before), and the collector set for a build."""
    side = SideWork({}, DataSource.of(sample_data, sample_data.parent), SiteLinks(), (), 1)
    try:
        compiled = side.submit(_templates_compiled).result()
        thresholds = side.submit(gc.get_threshold).result()
    finally:
        side.close()
    assert compiled >= len(list(TEMPLATES.glob("*.html")))
    assert thresholds == BUILD_THRESHOLDS


def test_bodies_come_from_workers_and_are_the_pages_own(sample_data: Path) -> None:
    links = SiteLinks(site_url="https://example.org/")
    pages, made = _counted_pages(sample_data, links)
    expected = {path: page.body for path, page in pages.items()}
    made.clear()
    side = SideWork(pages, DataSource.of(sample_data, sample_data.parent), links, LANGUAGES, 2, 1)
    try:
        for language in LANGUAGES:
            bodies = side.bodies(language)
            assert set(bodies) == {path for path in pages if path.endswith(f".{language}.md")}
            for path, body in bodies.items():
                assert body == expected[path], path
        assert side.submit(_worker_pid).result() != os.getpid()
    finally:
        side.close()
    assert made == []  # none was rendered in this process
    with pytest.raises(RuntimeError, match="over"):
        side.submit(_worker_pid)


def test_workers_are_handed_the_data_the_build_read(sample_data: Path) -> None:
    """The workers render from the build's own reading of the data, handed to them when they
    start, not from reading the files again: a name changed only in the build's copy shows
    in the bodies they make."""
    directory = load(sample_data)
    service = directory.services["sample-legal-advice"]
    renamed = service.model_copy(update={"name": {**service.name, "en": "Handed-over advice"}})
    directory.services["sample-legal-advice"] = renamed
    links = SiteLinks()
    pages = generated_pages(directory, links, ("en",))
    side = SideWork(
        pages, DataSource.of(sample_data, sample_data.parent), links, ("en",), 1, 1, directory
    )
    try:
        bodies = side.bodies("en")
    finally:
        side.close()
    service_page = next(body for path, body in bodies.items() if "sample-legal-advice" in path)
    assert "Handed-over advice" in service_page
    assert bodies == {path: pages[path].body for path in bodies}


def test_data_saved_during_the_build_is_rendered_as_the_build_read_it(sample_data: Path) -> None:
    """`mkdocs serve`: a volunteer saves a file after the build read the data. The workers
    refuse to render the new state; the build renders what it wrote placeholders for."""
    links = SiteLinks()
    pages, made = _counted_pages(sample_data, links)
    expected = {path: page.body for path, page in pages.items()}
    made.clear()
    source = DataSource.of(sample_data, sample_data.parent)
    record = sample_data / "services/sample-legal-advice.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    side = SideWork(pages, source, links, ("en",), workers=1)
    try:
        bodies = side.bodies("en")
    finally:
        side.close()
    assert bodies == {path: expected[path] for path in bodies}
    assert sorted(made) == sorted(bodies)  # all made here


def test_a_failed_finish_leaves_no_work_running(sample_data: Path, tmp_path: Path) -> None:
    """The site folder cannot be written: the error comes out, and the workers beside the
    build stop with it (mkdocs serve would otherwise keep them)."""
    directory = load(sample_data)
    site = tmp_path / "site"
    site.write_text("a file where the site folder goes", encoding="utf-8")
    pages = generated_pages(directory, languages=("en",))
    source = DataSource.of(sample_data, sample_data.parent)
    work = BuildWork(directory, pages, site, SiteLinks(), source, tmp_path / "cache")
    assert work.body("about.en.md") is None  # hand-written: not the generator's
    assert multiprocessing.active_children()  # the workers
    with pytest.raises(NotADirectoryError):
        work.finish()
    assert multiprocessing.active_children() == []


def test_a_preview_of_one_language_makes_its_bodies_without_workers(
    sample_data: Path, tmp_path: Path
) -> None:
    """`make serve PREVIEW=uk`: no PDFs or search, one language; the bodies are the pages'
    own, made in this process, of that language only, and no worker starts."""
    links = SiteLinks()
    pages, made = _counted_pages(sample_data, links)
    expected = {path: page.body for path, page in pages.items()}
    made.clear()
    scope = preview_scope({"ROZCESTNIK_PREVIEW": "cs"})
    assert scope is not None and not scope.needs_workers
    assert preview_scope({"ROZCESTNIK_PREVIEW": "cs,ar"}).needs_workers  # type: ignore[union-attr]
    source = DataSource.of(sample_data, sample_data.parent)
    work = BuildWork(load(sample_data), pages, tmp_path / "site", links, source, tmp_path, scope)
    assert multiprocessing.active_children() == []
    path = next(path for path in pages if path.endswith(".cs.md"))
    assert work.body(path) == expected[path]
    assert sorted(made) == sorted(p for p in pages if p.endswith(".cs.md"))
    work.finish()
    assert multiprocessing.active_children() == []


def _page(folder: Path, language: str, text: str) -> None:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="{language}"><head><title>{text}</title></head>'
        f"<body><main><h1>{text}</h1><p>{text} and more words</p></main></body></html>",
        encoding="utf-8",
    )


def test_each_language_gets_its_own_search_bundle(tmp_path: Path) -> None:
    _page(tmp_path / "uk" / "services" / "a", "uk", "Юридична допомога")
    _page(tmp_path / "vi" / "services" / "a", "vi", "Tư vấn pháp lý")
    for language in ("uk", "vi"):
        assert index_language(tmp_path, language, niceness=5).startswith("Finished")
        entry = json.loads((tmp_path / language / "pagefind/pagefind-entry.json").read_text())
        assert entry["languages"][language]["page_count"] == 1
    assert not (tmp_path / "pagefind").exists()


def test_a_failed_search_run_stops_the_build_with_pagefinds_words(tmp_path: Path) -> None:
    with pytest.raises(SearchFailed, match=r"Pagefind failed for 'uk':\n(.|\n)*no-site"):
        index_language(tmp_path / "no-site", "uk")


def test_languages_are_indexed_side_by_side_and_a_failure_ends_the_others(
    tmp_path: Path,
) -> None:
    """Each language's run starts when asked and goes on while the build does; the end
    collects them all. A failed run ends the ones still going, and none is left behind."""
    _page(tmp_path / "uk" / "a", "uk", "Юридична допомога")
    _page(tmp_path / "ar" / "a", "ar", "مساعدة قانونية")
    indexing = SearchIndexing(tmp_path)
    indexing.start("uk")
    indexing.start("ar")
    indexing.start("uk")  # asked twice (the i18n plugin's events): indexed once
    assert set(indexing.wait()) == {"uk", "ar"}
    assert (tmp_path / "ar/pagefind/pagefind-entry.json").is_file()
    failing = SearchIndexing(tmp_path)
    failing.start("vi")  # no such folder
    failing.start("uk")
    with pytest.raises(SearchFailed, match="'vi'"):
        failing.wait()
    assert failing.wait() == {}  # nothing kept: the runs are ended and forgotten


def test_a_build_that_stops_ends_its_search_runs(tmp_path: Path) -> None:
    _page(tmp_path / "uk" / "a", "uk", "Юридична допомога")
    indexing = SearchIndexing(tmp_path)
    indexing.start("uk")
    ((run, _),) = indexing._runs.values()
    indexing.cancel()
    assert run.poll() is not None
    assert indexing.wait() == {}


def test_pagefind_runs_at_a_lower_priority_without_preexec_fn(tmp_path: Path) -> None:
    command = pagefind_command(tmp_path, "uk", niceness=10)
    assert command[0].endswith("nice") and command[1:3] == ["-n", "10"]
    assert pagefind_command(tmp_path, "uk")[0] == pagefind_executable()[0]


def test_pagefind_is_run_without_its_python_wrapper(monkeypatch: pytest.MonkeyPatch) -> None:
    """The program itself, the version installed (`python -m pagefind` cost an interpreter a
    language); PAGEFIND_BINARY_PATH still chooses another, as the wrapper lets it."""
    (program,) = pagefind_executable()
    version = subprocess.run([program, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.split() == ["pagefind", importlib.metadata.version("pagefind")]
    pagefind_executable.cache_clear()
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/pagefind")
    try:
        assert pagefind_executable() == ("/opt/pagefind",)
    finally:
        pagefind_executable.cache_clear()


_IMPORT_THE_HOOK = """
import multiprocessing.forkserver as server, sys
import directory.build.forkserver as early
seen = []
start = early.start_early
def watched(environ):
    seen.append("directory.build.finish" in sys.modules)
    return start(environ)
early.start_early = watched
sys.path.insert(0, sys.argv[1])
import records
print(seen, server._forkserver._forkserver_pid is not None)
"""


@pytest.mark.parametrize(
    ("preview", "started"),
    [("", "[False] True"), ("uk", "[False] False")],
    ids=["build", "preview"],
)
def test_the_hook_starts_the_workers_server_before_its_heavy_imports(
    preview: str, started: str
) -> None:
    """MkDocs loading the hook starts the forkserver first thing, so it prepares while MkDocs
    loads the rest; a one-language preview, which needs no workers, starts none."""
    environ = {**os.environ, "ROZCESTNIK_PREVIEW": preview}
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_THE_HOOK, str(HOOKS)],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == started
