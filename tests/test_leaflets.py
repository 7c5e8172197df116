"""Printable leaflets: the selection rule, every PDF of the real site opened and read (A4, page
count by the rule, phone and emergency numbers as text, the QR code decoded, Arabic in reading
order, tags and fonts), record text that looks like Typst markup printed as text, and the print
style of record pages in headless Chromium."""

from __future__ import annotations

import io
import json
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdfium2
import pytest
import zxingcpp
from directory.data.leaflet_plan import (
    BIG_PLACE,
    ONE_PAGE,
    PER_NEED,
    TWO_PAGES,
    Plan,
    all_plans,
    leaflet_places,
)
from directory.data.loading import load
from directory.data.models import OpeningHours
from directory.print.leaflets import LeafletWriter
from directory.print.pdf import PdfPrinting
from directory.render.formatting import compact_hours
from directory.render.pages import SiteLinks
from directory.text.catalogue import catalogue
from directory.text.languages import SITE_LANGUAGES
from markupsafe import escape
from pypdf import PdfReader

from .conftest import DATA

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser


def _plans() -> list[Plan]:
    return list(all_plans(DATA))


SITE_URL = "https://rozcestnik.example.org/"  # site_url in mkdocs.yml
A4 = (595.28, 841.89)  # points


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_leaflet_for_every_town_and_district_with_services() -> None:
    ids = {place.id for place in leaflet_places(DATA)}
    assert {"bor", "okres-tachov", "brno", "praha", "praha-3"} <= ids
    for place in DATA.places.values():
        has_local = bool(DATA.services_in(place.id)[0])
        wanted = place.kind in ("town", "district", "town-district") and has_local
        assert (place.id in ids) == wanted, place.id


def test_the_rule_decides_pages_and_contents() -> None:
    for leaflet in _plans():
        _check_leaflet(leaflet)


def _check_leaflet(leaflet: Plan) -> None:
    located, serving = DATA.services_in(leaflet.place.id)
    assert leaflet.pages == (2 if len(located) > BIG_PLACE else 1)
    services = leaflet.services
    assert len(services) <= (TWO_PAGES if leaflet.pages == 2 else ONE_PAGE)
    assert len({s.id for s in services}) == len(services)
    assert {s.id for s in services} <= {s.id for s in located + serving}
    order = list(DATA.categories)
    assert [order.index(c.id) for c, _ in leaflet.groups] == sorted(
        order.index(c.id) for c, _ in leaflet.groups
    )
    for category, chosen in leaflet.groups:
        assert 0 < len(chosen) <= PER_NEED[leaflet.pages]
        local = [s for s in chosen if s in located]
        assert chosen[: len(local)] == local, "services with an address there come first"
        assert all(category.id in s.categories for s in chosen)


def test_compact_hours_merges_days_with_the_same_times() -> None:
    hours = [
        OpeningHours(days=["mo", "tu", "we", "th"], opens="09:00", closes="17:00"),
        OpeningHours(days=["fr"], opens="09:00", closes="12:00"),
    ]
    assert compact_hours(hours, catalogue("en")) == "Mon–Thu 09:00–17:00; Fri 09:00–12:00"
    assert compact_hours(hours, catalogue("cs")) == "po–čt 09:00–17:00; pá 09:00–12:00"
    assert compact_hours([], catalogue("cs")) == ""


def test_the_cache_gives_unchanged_leaflets_and_forgets_replaced_ones(
    sample_data: Path, tmp_path: Path
) -> None:
    """A rebuild prints no leaflet whose text is unchanged and writes the same files; a changed
    name reprints the leaflets that list it, and their old PDFs leave the cache, which holds
    one PDF a leaflet."""
    cache, links = tmp_path / "cache", SiteLinks(site_url=SITE_URL)
    first = PdfPrinting(load(sample_data), links, cache)
    leaflets = len(all_plans(load(sample_data))) * len(SITE_LANGUAGES)
    assert first.printed == leaflets
    printed = {path: path.read_bytes() for path in first.write(tmp_path / "first")}
    assert first.prune_cache() == []
    assert len(list(cache.glob("*.pdf"))) == leaflets

    again = PdfPrinting(load(sample_data), links, cache)
    assert again.printed == 0
    copied = again.write(tmp_path / "again")
    assert [path.read_bytes() for path in copied] == list(printed.values())

    service = sample_data / "services" / "sample-czech-course.yaml"
    text = service.read_text(encoding="utf-8")
    service.write_text(text.replace("Kurz češtiny A1", "Kurz češtiny A2"), encoding="utf-8")
    plans = all_plans(load(sample_data))
    listing = sum("sample-czech-course" in {s.id for s in plan.services} for plan in plans)
    changed = PdfPrinting(load(sample_data), links, cache)
    assert changed.printed == listing * len(SITE_LANGUAGES) > 0
    changed.write(tmp_path / "changed")
    assert len(changed.prune_cache()) == changed.printed
    assert len(list(cache.glob("*.pdf"))) == leaflets
    partial = PdfPrinting(load(sample_data), links, cache, languages=("cs",))
    assert partial.prune_cache() == []  # cannot tell the other languages' PDFs


def test_a_given_executor_prints_the_leaflets_and_stays_open(
    sample_data: Path, tmp_path: Path
) -> None:
    """The build may hand over an executor of its own, of spawned processes: the work reaches
    it as plain data (nothing to pickle but strings), and it is still the build's afterwards."""
    directory = load(sample_data)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as executor:
        printing = PdfPrinting(
            directory, SiteLinks(site_url=SITE_URL), languages=("cs", "ar"), executor=executor
        )
        pdfs = printing.write(tmp_path / "site")
        assert executor.submit(len, "open").result() == 4
    assert printing.printed == len(pdfs) == 2 * len(all_plans(directory)) > 0
    for pdf in pdfs:
        assert len(PdfReader(pdf).pages) >= 1


def _pdf(site: Path, language: str, leaflet: Plan) -> Path:
    name = LeafletWriter(DATA, language).pdf_name(leaflet.place)
    return site / language / "leaflets" / leaflet.place.id / name


def _qr(pdf: Path | bytes) -> list[str]:
    """Every QR code on every page, as zxing-cpp reads it from the page drawn by PDFium: two
    libraries that share no code with segno, which made the code, or Typst, which placed it."""
    document = pypdfium2.PdfDocument(pdf)
    images = [document[index].render(scale=2).to_pil() for index in range(len(document))]
    return [code.text for image in images for code in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_every_leaflet_pdf(real_site: Path, language: str) -> None:
    writer = LeafletWriter(DATA, language, SiteLinks(site_url=SITE_URL))
    for leaflet in _plans():
        pdf = _pdf(real_site, language, leaflet)
        reader = PdfReader(pdf)
        where = f"{pdf.name}"
        assert len(reader.pages) == leaflet.pages, where  # the rule's pages, no more
        assert reader.metadata is not None and reader.metadata.title == writer.url(leaflet.place)
        for page in reader.pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert size == pytest.approx(A4, abs=0.5), where
        text = _squeeze("".join(page.extract_text() for page in reader.pages))
        for service in leaflet.services:
            for phone in writer.entry(service, leaflet.place).phones:
                assert _squeeze(phone) in text, (where, service.id, phone)
        for number in DATA.emergency:
            assert number.number in text, (where, number.number)
        assert _qr(pdf) == [writer.url(leaflet.place)], where


def test_leaflet_pdfs_are_tagged_with_their_language_and_embed_their_fonts(
    real_site: Path,
) -> None:
    """Typst writes PDF/UA-1: a structure tree (headings, paragraphs, table headers) in
    reading order, the document's language, and every font embedded as a subset."""
    for language in SITE_LANGUAGES:
        leaflet = next(p for p in _plans() if p.place.id == "bor")
        reader = PdfReader(_pdf(real_site, language, leaflet))
        catalog: Any = reader.trailer["/Root"]
        assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"], language
        assert catalog["/Lang"] == language
        tags = _structure_tags(catalog["/StructTreeRoot"])
        assert {"/H1", "/H2", "/Table", "/TH", "/TD"} <= tags, (language, tags)
        for font in _fonts(_pdf(real_site, language, leaflet)):
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]  # embedded
            assert re.fullmatch(r"/[A-Z]{6}\+.+", str(font["/BaseFont"])), font  # a subset


def _structure_tags(node: Any) -> set[str]:
    node = node.get_object()
    if isinstance(node, list):
        return {tag for child in node for tag in _structure_tags(child)}
    if not hasattr(node, "get") or "/K" not in node:
        return set()
    own = {str(node["/S"])} if "/S" in node else set()
    return own | _structure_tags(node["/K"])


def test_arabic_runs_right_to_left_beside_czech(real_site: Path) -> None:
    """The Arabic title comes out of the page in reading order (PDFium orders a line by where
    its letters stand), not reversed; the lam-alef ligature keeps its two letters in the text
    layer (WeasyPrint's PDFs lost them); Czech reads as it should beside it."""
    leaflet = next(p for p in _plans() if p.place.id == "bor")
    pdf = _pdf(real_site, "ar", leaflet)
    text = pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_bounded()
    place = DATA.places["bor"].name
    title = catalogue("ar")("leaflet_title", place=place["ar"])
    czech = catalogue("cs")("leaflet_title", place=place["cs"])
    assert title in text.splitlines() and title[::-1] not in text
    latin = PdfReader(pdf).pages[0].extract_text()
    assert czech in latin
    assert leaflet.groups[0][0].name["cs"] in latin
    mapped = {text for font in _fonts(pdf) for text in _to_unicode(font)}
    assert "لا" in mapped  # the ligature's glyph copies as lam and alef
    fonts = {str(font["/BaseFont"]) for font in _fonts(pdf)}
    assert any("NotoSansArabic" in f for f in fonts), fonts


def _to_unicode(font: Any) -> list[str]:
    """What each glyph of a font copies as, from its ToUnicode map (the text layer)."""
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    pairs = re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", data)
    return [bytes.fromhex(text).decode("utf-16-be") for _, text in pairs]


def _fonts(pdf: Path) -> list[Any]:
    resources: Any = PdfReader(pdf).pages[0]["/Resources"]
    fonts = resources.get_object()["/Font"].get_object()
    return [fonts[name].get_object() for name in fonts]


HOSTILE_NAME = '#emph[x] $y^2$ *b* _i_ ] [ \\ <label> @ref // c /* d */ = h `r` ~ #eval("1+1")'


def test_record_text_prints_as_itself_never_as_typst_markup(
    sample_data: Path, tmp_path: Path
) -> None:
    """A name full of Typst's markup and code (`#`, `$`, `*`, `]`, `\\`, `<`, `@`, `//`)
    reaches the PDF as the same characters: the leaflet is data that Typst only shows."""
    service = sample_data / "services" / "sample-czech-course.yaml"
    text = service.read_text(encoding="utf-8")
    service.write_text(text.replace("Kurz češtiny A1", json.dumps(HOSTILE_NAME)), encoding="utf-8")
    directory = load(sample_data)
    assert directory.services["sample-czech-course"].name["cs"] == HOSTILE_NAME
    printing = PdfPrinting(directory, SiteLinks(site_url=SITE_URL), languages=("cs",))
    pdfs = printing.write(tmp_path / "site")
    listing = [
        p for p in all_plans(directory) if "sample-czech-course" in {s.id for s in p.services}
    ]
    assert listing
    for plan in listing:
        pdf = next(pdf for pdf in pdfs if pdf.parent.name == plan.place.id)
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert _squeeze(HOSTILE_NAME) in _squeeze(text), pdf.name
        assert _qr(pdf) == [
            LeafletWriter(directory, "cs", SiteLinks(site_url=SITE_URL)).url(plan.place)
        ]


def test_the_page_and_the_pdf_say_what_the_leaflet_content_says(real_site: Path) -> None:
    """One content model: the leaflet page of the site and the PDF both show each service's
    name, contact line and the footer of the same `Leaflet`."""
    writer = LeafletWriter(DATA, "vi", SiteLinks(site_url=SITE_URL))
    plan = next(p for p in _plans() if p.place.id == "praha-3")
    leaflet = writer.leaflet(plan)
    page = (real_site / "vi/leaflets/praha-3/index.html").read_text(encoding="utf-8")
    printed = _squeeze(
        "".join(p.extract_text() for p in PdfReader(_pdf(real_site, "vi", plan)).pages)
    )
    entries = [entry for need in leaflet.needs for entry in need.entries]
    assert len(entries) == len(plan.services)
    for entry in entries:
        for column in entry.columns:
            assert str(escape(column.name)) in page
            assert _squeeze(column.name) in printed
        for phone in entry.phones:
            assert phone in page and _squeeze(phone) in printed
    assert str(escape(leaflet.footer)) in page and _squeeze(leaflet.footer) in printed


@pytest.mark.parametrize("language", ["vi", "uk"])
def test_vietnamese_and_cyrillic_letters_survive(real_site: Path, language: str) -> None:
    leaflet = next(p for p in _plans() if p.place.id == "praha-3")
    text = PdfReader(_pdf(real_site, language, leaflet)).pages[0].extract_text()
    title = catalogue(language)("leaflet_title", place=DATA.places["praha-3"].name[language])
    assert title in text


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_leaflet_pages_link_their_pdf(real_site: Path, language: str) -> None:
    index = (real_site / language / "leaflets/index.html").read_text(encoding="utf-8")
    for leaflet in _plans():
        folder = real_site / language / "leaflets" / leaflet.place.id
        page = (folder / "index.html").read_text(encoding="utf-8")
        name = _pdf(real_site, language, leaflet).name
        assert f'href="{name}"' in page
        assert 'class="qr-code" src="data:image/svg+xml;base64,' in page
        assert f'href="../leaflets/{leaflet.place.id}/{name}"' in index


def test_printing_a_service_page_leaves_out_the_navigation(
    served_site: str, browser: Browser
) -> None:
    page = browser.new_page()
    page.goto(f"{served_site}/uk/services/icp-czech-courses/")
    assert page.locator(".md-header").is_visible()
    assert page.locator(".print-qr").is_hidden()
    heading = page.locator("article h1").first.inner_text()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".record__actions"):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator(".print-qr").is_visible()
    link = page.locator('.record__contact a[href^="http"]').first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after  # the address is printed beside the link
    printed = page.pdf(format="A4")
    page.close()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(printed)).pages)
    assert catalogue("uk")("nav_coverage") not in text  # a navigation entry
    assert heading.split()[0] in text  # the service's name, in Ukrainian
    image = pypdfium2.PdfDocument(printed)
    codes = [
        code.text
        for index in range(len(image))
        for code in zxingcpp.read_barcodes(image[index].render(scale=2).to_pil())
    ]
    assert codes == [f"{SITE_URL}uk/services/icp-czech-courses/"]
