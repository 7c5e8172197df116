"""Honest dates: a record's age is the day a person confirmed it, else its newest source's own
date; pages, the records-by-age page (filterable by place) and leaflets say so."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import babel
from directory.data import freshness
from directory.data.loading import load
from directory.data.models import Service
from directory.text.catalogue import catalogue

from .conftest import ROOT, SAMPLE_DATA, TODAY

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser


def _service(**fields: object) -> Service:
    base: dict[str, object] = {
        "id": "x",
        "organisation": "o",
        "name": {"en": "X"},
        "categories": ["legal-counselling"],
        "cost": "free",
        "sources": [{"url": "https://example.org/a", "accessed": "2026-11-01"}],
    }
    return Service.model_validate({**base, **fields}, context={"today": TODAY})


def test_information_date_is_the_verification_else_the_newest_source() -> None:
    verified = _service(last_verified="2026-11-01")
    assert verified.information_date == "2026-11-01"
    sources = [
        {"url": "https://example.org/a", "accessed": "2026-11-01", "published": "2012"},
        {"url": "https://example.org/b", "accessed": "2026-11-01", "published": "2019-05"},
    ]
    old = _service(needs_verification=True, sources=sources)
    assert old.information_date == "2019-05"
    assert freshness.age_days(old, TODAY) == (TODAY - date(2019, 5, 31)).days
    assert freshness.is_stale(old, TODAY)
    undated = _service(needs_verification=True)
    assert undated.information_date is None
    assert freshness.age_days(undated, TODAY) is None and freshness.is_stale(undated, TODAY)
    assert not freshness.is_stale(verified, TODAY)


def test_partial_dates_are_written_as_the_reader_reads_them() -> None:
    czech = babel.Locale.parse("cs")
    assert freshness.format_partial_date("2012", czech) == "2012"
    assert freshness.format_partial_date("2024-02", babel.Locale.parse("en")) == "February 2024"
    assert "2024" in freshness.format_partial_date("2024-02-05", czech)


def test_no_real_record_claims_a_verification_its_sources_cannot_back() -> None:
    """Every record still needing a check has no verification date; a record whose sources are
    all older than a year claims no recent verification."""
    directory = load(ROOT / "data")
    records = [*directory.services.values(), *directory.organisations.values()]
    for record in records:
        if record.needs_verification:
            assert record.last_verified is None, record.id
        if record.last_verified is not None:
            newest = max(source.accessed for source in record.sources)
            assert newest >= record.last_verified, record.id


def test_record_page_shows_where_its_date_comes_from(real_site: Path) -> None:
    directory = load(ROOT / "data")
    service = next(
        s for s in directory.services.values() if s.information_date and not s.last_verified
    )
    page = (real_site / "en" / "services" / service.id / "index.html").read_text("utf-8")
    date_text = freshness.format_partial_date(
        service.information_date or "", catalogue("en").locale
    )
    assert catalogue("en")("information_from", date=date_text) in page
    assert catalogue("en")("last_verified") + ":" not in page


def test_leaflets_date_their_information_not_their_printing(real_site: Path) -> None:
    page = (real_site / "en" / "leaflets" / "brno" / "index.html").read_text("utf-8")
    footer = page.split('class="leaflet__footer">', 1)[1].split("</p>", 1)[0]
    assert "Information from: " in footer
    assert "Data as of" not in footer


def test_sample_records_are_verified_and_fresh() -> None:
    sample = load(SAMPLE_DATA, today=TODAY)
    assert all(not freshness.is_stale(s, TODAY) for s in sample.services.values())


def test_records_by_age_filter_by_place(served_site: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(f"{served_site}/en/freshness/")
    rows = page.locator(".directory-page--freshness tbody tr")
    total = rows.count()
    page.select_option("#freshness-town", "bor")
    shown = page.locator(".directory-page--freshness tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    places = shown.evaluate_all("rows => rows.map(r => r.dataset.places.split(' '))")
    assert all("bor" in entry for entry in places)
    assert page.url.endswith("?town=bor")
    page.reload()  # the choice is kept in the address
    assert page.locator("#freshness-town").input_value() == "bor"
    assert page.locator(".directory-page--freshness tbody tr:not([hidden])").count() == len(places)
    page.close()
