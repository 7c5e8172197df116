"""Whole sites built by MkDocs from sample and real data, as `make site` does."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import markdown
import pytest
from directory.build.collector import BUILD_THRESHOLDS
from directory.build.generate import generated_pages, write_pages
from directory.build.placeholder_page import PlaceholderPage
from directory.data.loading import load
from directory.render.pages import PageWriter
from markupsafe import escape
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from .conftest import ROOT, make_site_project, mkdocs_build


def test_a_page_per_service_and_organisation(sample_site: Path) -> None:
    for path in (
        "services/sample-legal-advice/index.html",
        "services/sample-czech-course/index.html",
        "organisations/sample-centre/index.html",
        "services/index.html",
        "organisations/index.html",
    ):
        assert (sample_site / "en" / path).is_file(), path


def test_service_page_shows_what_a_reader_needs(sample_site: Path) -> None:
    page = (sample_site / "en/services/sample-legal-advice/index.html").read_text(encoding="utf-8")
    assert '<a href="tel:+420252543846">+420 252 543 846</a>' in page
    assert '<a href="mailto:info@example.org">' in page
    assert 'href="../../organisations/sample-centre/"' in page
    for text in (
        "Free legal advice",
        "Legal counselling",
        "Vietnamese",
        "Free of charge",
        "Walk in without an appointment",
        "passport, residence card",
        "Vzorová 1, 130 00 Praha",
        "Monday",
        "09:00–17:00",
        "Partly accessible by wheelchair",
        "Last verified",
        "1 November 2026",
        "https://example.org/source",
    ):
        assert text in page, text


def test_text_from_yaml_is_escaped(sample_site: Path) -> None:
    page = (sample_site / "en/organisations/sample-centre/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "Sample Centre &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>Sample Centre &lt;script&gt;" in page
    assert "&lt;i&gt;tag&lt;/i&gt; and {{ 7*7 }}" in page  # neither HTML nor a template
    assert "Vzorové centrum <b>" not in page


def test_generated_bodies_skip_markdown(sample_site: Path) -> None:
    """The docs folder holds only the front matter of a generated page; its body goes into the
    built page whole and once, without Markdown reading it."""
    content = sample_site.parent / "content"
    placeholder = (content / "services/sample-legal-advice.en.md").read_text(encoding="utf-8")
    assert re.fullmatch(r"---\ntitle: .*\n(map: true\n)?---\n", placeholder), placeholder
    page = (sample_site / "en/services/sample-legal-advice/index.html").read_text(encoding="utf-8")
    assert page.count('data-record="services/sample-legal-advice"') == 1
    assert "<p><article" not in page and "&lt;article" not in page


def test_placeholders_are_rewritten_only_when_changed(tmp_path: Path, sample_data: Path) -> None:
    """`mkdocs serve` watches the docs folder: an untouched file must stay untouched."""
    docs = tmp_path / "docs"
    pages = generated_pages(load(sample_data), languages=("en", "cs"))
    first = write_pages(docs, pages)
    assert (first.written, first.unchanged, first.removed) == (len(pages), 0, 0)
    again = write_pages(docs, pages)
    assert (again.written, again.unchanged, again.removed) == (0, len(pages), 0)
    (sample_data / "services/sample-czech-course.yaml").unlink()
    fewer = generated_pages(load(sample_data), languages=("en", "cs"))
    gone = set(pages) - set(fewer)
    assert {"services/sample-czech-course.en.md", "services/sample-czech-course.cs.md"} <= gone
    after = write_pages(docs, fewer)
    assert (after.written, after.unchanged, after.removed) == (0, len(fewer), len(gone))
    assert not any((docs / path).exists() for path in gone)


def test_records_stay_out_of_the_navigation(sample_site: Path) -> None:
    home = (sample_site / "en/index.html").read_text(encoding="utf-8")
    assert "sample-legal-advice" not in home


def test_invalid_data_builds_no_site(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "sample-data", data)
    shutil.copy(ROOT / "data" / "categories.yaml", data / "categories.yaml")
    broken = data / "services" / "sample-legal-advice.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("cost: free", "cost: gratis"))
    (data / "organisations" / "sample-centre.yaml").write_text("id: [\n", encoding="utf-8")
    project = make_site_project(tmp_path, data)
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert not (project / "site").exists()
    assert "data/services/sample-legal-advice.yaml:8:1: cost:" in result.stderr
    assert "data/organisations/sample-centre.yaml:2:1: YAML syntax error" in result.stderr
    assert "2 problem(s) in the data" in result.stderr  # no cascade from the unreadable file
    assert not (project / "content" / "services").exists()  # nothing generated either


def test_real_data_builds_a_page_for_every_record(real_site: Path) -> None:
    directory = load(ROOT / "data")
    site = real_site / "en"
    for service in directory.services.values():
        page = (site / "services" / service.id / "index.html").read_text(encoding="utf-8")
        assert str(escape(service.name.get("en") or service.name["cs"])) in page  # as Jinja escapes
        for phone in service.phones:
            assert f'href="tel:{phone.number}"' in page
    for organisation in directory.organisations.values():
        assert (site / "organisations" / organisation.id / "index.html").is_file()
    assert not re.search(
        r"https?://(fonts\.googleapis|cdn\.|unpkg)", (site / "index.html").read_text()
    )


def test_service_without_address_says_so_honestly(sample_site: Path) -> None:
    page = (sample_site / "en/services/sample-czech-course/index.html").read_text(encoding="utf-8")
    assert "by phone or online only" in page  # its only access is online


def test_every_page_links_to_how_to_help(real_site: Path) -> None:
    for language, target in (("cs", "cs"), ("en", "en"), ("vi", "vi"), ("ar", "ar")):
        page = (real_site / language / "about/index.html").read_text(encoding="utf-8")
        found = re.search(r'md-copyright__highlight">\s*<a href="([^"]+)"', page)
        assert found, language
        url = urljoin(f"http://site/{language}/about/", found.group(1))
        assert urlsplit(url).path == f"/{target}/contribute/"
        assert (real_site / target / "contribute/index.html").is_file()


def test_record_pages_link_to_edit_and_report(real_site: Path) -> None:
    page = (real_site / "uk/services/icp-czech-courses/index.html").read_text(encoding="utf-8")
    edit = "https://github.com/rozcestnik/rozcestnik/edit/main/data/services/icp-czech-courses.yaml"
    assert f'href="{edit}"' in page
    report = re.search(r'href="(https://github.com/rozcestnik/rozcestnik/issues/new\?[^"]+)"', page)
    assert report
    query = parse_qs(urlsplit(html.unescape(report.group(1))).query)
    assert "data/services/icp-czech-courses.yaml" in query["body"][0]
    assert "Language: uk" in query["body"][0]
    assert "https://rozcestnik.example.org/uk/services/icp-czech-courses/" in query["body"][0]


def test_a_record_older_than_a_year_says_it_may_be_out_of_date() -> None:
    directory = load(ROOT / "tests" / "sample-data")
    service = directory.services["sample-legal-advice"]
    notice = "may be out of date"
    fresh = PageWriter(directory, "en", today=date(2027, 10, 1)).service(service).body
    stale = PageWriter(directory, "en", today=date(2027, 11, 2)).service(service).body
    assert notice not in fresh
    assert notice in stale
    assert "record-notice--stale" in stale


def test_every_fragment_link_lands_on_its_target(real_site: Path) -> None:
    """A link to `page/#where` must find `id="where"` there: a reader sent to an address that
    is not on the page lands at its top with no address either."""
    pages = {path: path.read_text(encoding="utf-8") for path in real_site.rglob("*.html")}
    ids = {path: set(re.findall(r'\sid="([^"]+)"', text)) for path, text in pages.items()}
    checked, broken = 0, []
    for path, text in pages.items():
        base = "http://site/" + path.relative_to(real_site).as_posix()
        for href in re.findall(r'href="([^"]*#[^"]+)"', text):
            parts = urlsplit(urljoin(base, href.replace("&amp;", "&")))
            if parts.netloc != "site":
                continue
            target = real_site / parts.path.lstrip("/")
            if parts.path.endswith("/"):
                target /= "index.html"
            checked += 1
            if unquote(parts.fragment) not in ids.get(target, set()):
                broken.append(f"{path.relative_to(real_site)} -> {href}")
    assert checked > 300
    assert broken == []


def test_a_preview_builds_one_language_without_the_slow_parts(tmp_path: Path) -> None:
    """`make serve PREVIEW=uk`: the root picker and Ukrainian only, no PDFs, search indexes or
    open data, and a language menu without the languages not built."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "sample-data", data)
    shutil.copy(ROOT / "data" / "categories.yaml", data / "categories.yaml")
    project = make_site_project(tmp_path, data)
    result = mkdocs_build(project, {"ROZCESTNIK_PREVIEW": "uk"})
    assert result.returncode == 0, result.stderr
    assert "preview of uk" in result.stderr
    site = project / "site"
    assert (site / "uk/services/sample-legal-advice/index.html").is_file()
    assert (site / "index.html").is_file()
    assert not any((site / code).exists() for code in ("cs", "en", "ru", "vi", "ar"))
    assert not list(site.rglob("*.pdf")) and not (site / "uk/pagefind").exists()
    assert not (site / "data").exists()
    page = (site / "uk/services/sample-legal-advice/index.html").read_text(encoding="utf-8")
    menu = re.findall(r'hreflang="([\w-]+)" class="md-select__link"', page)
    assert menu == ["x-default", "uk"]


_BUILD_AND_REPORT_GC = """
import atexit, gc, sys
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0, gc.get_threshold()))
from mkdocs.__main__ import cli
cli(["build", "-q", "-f", sys.argv[1]])
"""


def test_the_build_sets_pythons_garbage_collector_for_itself(tmp_path: Path) -> None:
    """The hook sets the collector's thresholds for a build, and when MkDocs ends it freezes
    what the build made, so Python's collection at exit does not walk it all (0.3 s on the
    real data); the build's output is complete before (`directory.build.collector`)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "sample-data", data)
    shutil.copy(ROOT / "data" / "categories.yaml", data / "categories.yaml")
    project = make_site_project(tmp_path, data)
    result = subprocess.run(
        [sys.executable, "-c", _BUILD_AND_REPORT_GC, str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ROZCESTNIK_PREVIEW": "en"},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"frozen at exit: True {BUILD_THRESHOLDS}" in result.stdout
    assert (project / "site/en/services/sample-legal-advice/index.html").is_file()


def test_a_preview_of_an_unknown_language_says_which_there_are(tmp_path: Path) -> None:
    project = make_site_project(tmp_path, ROOT / "tests" / "sample-data")
    result = mkdocs_build(project, {"ROZCESTNIK_PREVIEW": "uk,de"})
    assert result.returncode != 0
    assert (
        "ROZCESTNIK_PREVIEW=uk,de: no language de; choose from cs, en, uk, ru, vi, ar or all"
        in (result.stderr)
    )


def test_a_placeholder_page_is_rendered_without_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generated page's placeholder has no Markdown: no converter is set up for it (they
    cost 0.4 ms a page), and it comes out as Markdown would make it; text a plugin added is
    still converted."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    file = File("services/x.uk.md", str(tmp_path), str(tmp_path / "site"), True)
    page = PlaceholderPage(None, file, config)
    assert file.page is page
    converters: list[object] = []
    real = markdown.Markdown

    def counted(**options: object) -> object:
        converters.append(options)
        return real(**options)

    monkeypatch.setattr(markdown, "Markdown", counted)
    page.markdown = "\n"
    page.render(config, Files([file]))
    assert (page.content, list(page.toc), page.present_anchor_ids) == ("", [], set())
    assert converters == []
    page.markdown = "## Added\n"
    page.render(config, Files([file]))
    assert page.content is not None and "<h2" in page.content and len(converters) == 1
