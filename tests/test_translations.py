"""Record texts in the reader's language: the translators' PO round trip, the glossary,
the honest machine-translation mark, and the coverage of the real data."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from directory.cli import main
from directory.data.dataset import Directory
from directory.data.glossary import inconsistencies, names, terms_named
from directory.data.loading import load
from directory.data.models import Service
from directory.data.texts import localized_fields
from directory.editing.translations import export_po
from directory.text.languages import SITE_LANGUAGES

from .conftest import ROOT, TODAY, search_results

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser

DATA = ROOT / "data"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


@pytest.fixture(scope="module")
def real_directory() -> Directory:
    return load(DATA)


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_export_then_import_of_an_unchanged_file_changes_no_byte(
    tmp_path: Path, language: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = _snapshot(data)
    po = tmp_path / f"records.{language}.po"
    assert main(["translations", "export", "--language", language, "--data", str(data),
                 "--output", str(po)]) == 0  # fmt: skip
    assert main(["translations", "import", str(po), "--data", str(data)]) == 0
    assert _snapshot(data) == before


def test_po_file_names_record_field_source_and_marks_machine_translation_fuzzy(
    real_directory: Directory,
) -> None:
    import io

    catalog = read_po(io.BytesIO(export_po(real_directory, "vi")))
    assert str(catalog.locale) == "vi"
    messages = {m.context: m for m in catalog if m.id}
    texts = sum(1 for kind in ("organisations", "services")
                for r in getattr(real_directory, kind).values()
                for _ in localized_fields(r))  # fmt: skip
    assert len(messages) == texts
    record = next(iter(real_directory.services.values()))
    entry = messages[f"services/{record.id}:name"]
    assert entry.id == record.name.get("en", record.name.get("cs"))
    assert [path for path, _ in entry.locations] == [f"data/services/{record.id}.yaml"]
    marked = [m for m in messages.values() if m.fuzzy]
    assert marked  # the Vietnamese texts are machine translations no person has reviewed
    for message in marked:
        kind, record_id = str(message.context).split(":")[0].split("/")
        assert "vi" in getattr(real_directory, kind)[record_id].machine_translated


def _edit_po(tmp_path: Path, data: Path, language: str, change) -> Path:  # type: ignore[no-untyped-def]
    po = tmp_path / "edit.po"
    assert main(["translations", "export", "--language", language, "--data", str(data),
                 "--output", str(po)]) == 0  # fmt: skip
    with po.open("rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if message.id:
            change(message)
    with po.open("wb") as stream:
        write_po(stream, catalog, width=0)
    return po


def test_import_writes_a_new_translation_keeping_comments_and_order(
    sample_data: Path, tmp_path: Path
) -> None:
    record = sample_data / "services" / "sample-legal-advice.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "categories:", "# a volunteer's comment stays\ncategories:"), encoding="utf-8")  # fmt: skip
    before = record.read_text(encoding="utf-8")

    def translate(message) -> None:  # type: ignore[no-untyped-def]
        if message.context == "services/sample-legal-advice:name":
            message.string = 'Tư vấn pháp lý miễn phí "ngay"'
            message.flags.add("fuzzy")
        if message.context == "services/sample-legal-advice:what_to_bring":
            message.string = "hộ chiếu, thẻ cư trú"

    po = _edit_po(tmp_path, sample_data, "vi", translate)
    assert main(["translations", "import", str(po), "--data", str(sample_data)]) == 0
    after = record.read_text(encoding="utf-8")
    data = yaml.safe_load(after)
    assert data["name"]["vi"] == 'Tư vấn pháp lý miễn phí "ngay"'
    assert data["what_to_bring"]["vi"] == "hộ chiếu, thẻ cư trú"
    assert data["machine_translated"] == ["vi"]  # one entry still fuzzy
    assert after.splitlines()[0] == before.splitlines()[0]  # the schema line
    assert "# a volunteer's comment stays" in after
    keys = [line.split(":")[0] for line in after.splitlines() if line[:1].isalpha()]
    assert keys.index("categories") < keys.index("machine_translated") < keys.index("sources")
    load(sample_data, today=TODAY)

    def review(message) -> None:  # type: ignore[no-untyped-def]
        message.flags.discard("fuzzy")

    po = _edit_po(tmp_path, sample_data, "vi", review)
    assert main(["translations", "import", str(po), "--data", str(sample_data)]) == 0
    assert "machine_translated" not in yaml.safe_load(record.read_text(encoding="utf-8"))


def test_import_refuses_an_unknown_record_and_changes_nothing(
    sample_data: Path, tmp_path: Path
) -> None:
    """One entry naming a record that does not exist stops the import before any file is
    written, including the files of the entries that were fine."""
    before = _snapshot(sample_data)

    def change(message) -> None:  # type: ignore[no-untyped-def]
        message.string = "Переклад"
        if message.context == "services/sample-legal-advice:name":
            message.context = "services/no-such-record:name"

    po = _edit_po(tmp_path, sample_data, "uk", change)
    assert main(["translations", "import", str(po), "--data", str(sample_data)]) == 1
    assert _snapshot(sample_data) == before


def test_glossary_forms_find_inflected_and_prefixed_words() -> None:
    assert names("Допомога з посвідкою на проживання.", "посвідк на прожив")
    assert names("Povolením k pobytu", "povolen k pobyt")
    assert names("وللحصول على الحماية المؤقتة", "حماية مؤقتة")
    assert not names("на проживання посвідка", "посвідк на прожив")  # order counts
    assert not names("residence", "residence permit")


def test_every_glossary_term_has_all_languages_and_valid_categories(
    real_directory: Directory,
) -> None:
    assert len(real_directory.glossary) >= 12
    for term in real_directory.glossary:
        assert set(term.term) == set(SITE_LANGUAGES), term.id
        assert set(term.categories) <= set(real_directory.categories), term.id


def test_records_render_glossary_terms_consistently(
    real_directory: Directory,
) -> None:
    found = [
        f"{i.record} {i.field}: {i.term} missing in {i.language}"
        for kind in ("organisations", "services")
        for record in getattr(real_directory, kind).values()
        for i in inconsistencies(kind, record, real_directory.glossary)
    ]
    assert not found, "\n".join(found)


def test_every_record_text_exists_in_all_six_languages(
    real_directory: Directory,
) -> None:
    missing = [
        f"{kind}/{record.id} {field}: {sorted(set(SITE_LANGUAGES) - set(text))}"
        for kind in ("organisations", "services")
        for record in getattr(real_directory, kind).values()
        for field, text in localized_fields(record)
        if set(text) != set(SITE_LANGUAGES)
    ]
    assert not missing, "\n".join(missing[:40])


# --- search by glossary term, in Chromium -----------------------------------------------------

GLOSSARY_QUERIES = [
    ("uk", "residence-permit"),
    ("ru", "residence-permit"),
    ("vi", "foreign-police"),
    ("ar", "permanent-residence"),
    ("uk", "labour-office"),
    ("en", "health-insurance"),
]


@pytest.mark.parametrize("spelling", ["own", "czech"])
@pytest.mark.parametrize(("language", "term_id"), GLOSSARY_QUERIES)
def test_search_finds_records_by_glossary_term(
    served_site: str,
    browser: Browser,
    real_directory: Directory,
    language: str,
    term_id: str,
    spelling: str,
) -> None:
    """A reader types the official term in their language, or the Czech one from a letter:
    a record naming the term, a service of the term's needs, or a need's page is among the
    first three results."""
    term = next(t for t in real_directory.glossary if t.id == term_id)
    expected = {
        f"/{language}/{kind}/{record.id}/"
        for kind in ("organisations", "services")
        for record in getattr(real_directory, kind).values()
        if term in terms_named(record, real_directory.glossary)
    }
    expected |= {
        f"/{language}/services/{service.id}/"
        for service in real_directory.services.values()
        if set(service.categories) & set(term.categories)
    }
    expected |= {f"/{language}/categories/{category}/" for category in term.categories}
    query = term.term[language] if spelling == "own" else term.term["cs"]
    links = search_results(browser, f"{served_site}/{language}/search/?q={quote(query)}")
    assert set(links[:3]) & expected, (query, links[:5])


class _FallbackText(HTMLParser):
    """Characters of an article's text, and those inside an element marked with another
    language (the site marks every fallback text with its real `lang`)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.stack: list[tuple[str, str]] = []
        self.inside = False
        self.total = 0
        self.foreign = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "meta", "link", "input", "hr", "source", "wbr"):
            return
        lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else self.language)
        self.stack.append((tag, lang))
        if tag == "article":
            self.inside = True

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "article":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if not self.inside or not data.strip():
            return
        size = len(data.strip())
        self.total += size
        if self.stack and self.stack[-1][1] != self.language:
            self.foreign += size


@pytest.mark.parametrize("language", ["uk", "ru", "vi", "ar"])
def test_service_pages_read_in_the_page_language(real_site: Path, language: str) -> None:
    """At least 95 % of service pages show under 5 % of their text in English or Czech."""
    pages = sorted((real_site / language / "services").glob("*/index.html"))
    assert pages
    mostly_fallback = []
    for page in pages:
        parser = _FallbackText(language)
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.total, page
        if parser.foreign / parser.total >= 0.05:
            mostly_fallback.append(f"{page.parent.name}: {parser.foreign / parser.total:.0%}")
    assert len(mostly_fallback) <= 0.05 * len(pages), mostly_fallback


def test_a_term_is_named_within_one_text_never_across_two(real_directory: Directory) -> None:
    """A record's texts are searched together, but the end of one and the start of the next
    do not make a term: "... residence" + "permit ..." names no "residence permit"."""
    term = next(t for t in real_directory.glossary if len(t.term["en"].split()) >= 2)
    first, rest = term.term["en"].split(" ", 1)
    service = next(
        s
        for s in real_directory.services.values()
        if term not in terms_named(s, real_directory.glossary)
    )

    def with_english(name: str, description: str) -> Service:
        return service.model_copy(
            update={
                "name": {**service.name, "en": name},
                "description": {**(service.description or {}), "en": description},
            }
        )

    across = with_english(f"Help with {first}", f"{rest} and more")
    assert term not in terms_named(across, real_directory.glossary)
    within = with_english("Help", f"Help with the {term.term['en']} and more")
    assert term in terms_named(within, real_directory.glossary)
