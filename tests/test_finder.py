"""The referral finder: its compact data file, its page in every language, and the page driven
in headless Chromium (filters against counts computed here from the records, the URL state,
offline use, "open now" at fixed clocks on both sides of daylight saving, no-JS fallback);
and the coordinators' list of records by age."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
from directory.data import freshness
from directory.data.loading import load
from directory.data.models import DAYS, Service
from directory.render.finder import finder_data
from directory.render.pages import PageWriter
from directory.text.languages import SITE_LANGUAGES

from .conftest import DATA, SAMPLE_DATA, TODAY

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser, Page

PRAGUE = ZoneInfo("Europe/Prague")


def _open_at(service: Service, moment: datetime) -> bool | None:
    """Open at that moment in Prague; None when no opening hours are known."""
    hours = DATA.service_hours(service)
    if not hours:
        return None
    local = moment.astimezone(PRAGUE)
    day, minute = DAYS[local.weekday()], local.hour * 60 + local.minute
    return any(day in h.days and _minute(h.opens) <= minute < _minute(h.closes) for h in hours)


def _minute(time: str) -> int:
    return int(time[:2]) * 60 + int(time[3:])


def _areas(service: Service) -> list[str]:
    """The record format's rule: `areas`, else the places of the service's addresses."""
    return service.areas if service.areas is not None else sorted(DATA.service_places(service))


def _group(service: Service, place: str) -> int | None:
    """Nearest first: 0 when the service is in the place or serves (a part of) it, n when its
    areas cover the n-th place around it (town, region, country), None when neither."""
    if not place:
        return 0
    around = DATA.place_and_ancestors(place)
    places = [*DATA.service_places(service), *_areas(service)]
    if any(place in DATA.place_and_ancestors(p) for p in places):
        return 0
    distances = [around.index(area) for area in _areas(service) if area in around]
    return min(distances) if distances else None


def _groups(
    need: str = "",
    place: str = "",
    language: str = "",
    free: bool = False,
    access: Iterable[str] = (),
    moment: datetime | None = None,
) -> dict[int, set[str]]:
    """The services the finder must show, by group (see `_group`)."""
    groups: dict[int, set[str]] = {}
    for service in DATA.services.values():
        if need and need not in service.categories:
            continue
        if language and language not in DATA.service_languages(service):
            continue
        if free and service.cost != "free":
            continue
        if access and not set(access) & set(service.access):
            continue
        if moment is not None and not _open_at(service, moment):
            continue
        group = _group(service, place)
        if group is not None:
            groups.setdefault(group, set()).add(service.id)
    return groups


def _expected(**filters: Any) -> int:
    return sum(len(ids) for ids in _groups(**filters).values())


def test_finder_data_is_compact_and_points_at_real_records() -> None:
    data = finder_data(DATA, "uk")
    assert data["v"] == 2
    assert len(data["services"]) == len(DATA.services)
    for row in data["services"]:
        service = DATA.services[row[0]]
        organisation = DATA.organisations[service.organisation]
        assert [data["needs"][i] for i in row[3]] == service.categories
        assert {data["places"][i][0] for i in row[4]} == DATA.service_places(service)
        assert [data["places"][i][0] for i in row[5]] == _areas(service)
        assert [data["languages"][i] for i in row[6]] == DATA.service_languages(service)
        assert row[7] == service.cost
        locations = [loc for loc in organisation.locations if loc.id in service.locations]
        assert len(row[10]) == len(locations)
        for index, location in zip(row[10], locations, strict=True):
            assert location.address.city in data["addresses"][index][0]
            assert len(data["addresses"][index][1]) == len(location.hours)
        phones = service.phones + organisation.phones
        if phones:  # the number as the record has it, only spaced for reading
            assert re.sub(r"[^+\d]", "", row[11]) == phones[0].number
        else:
            assert row[11] == ""
        for bits, opens, closes in row[9]:
            assert 0 < bits < 128 and 0 <= opens < closes <= 24 * 60
    praha_3 = next(i for i, p in enumerate(data["places"]) if p[0] == "praha-3")
    assert data["places"][data["places"][praha_3][1]][0] == "praha"
    assert data["places"][praha_3][2] == "town-district"
    # Dense JSON: no spaces after separators, no escaped non-ASCII text.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert len(text.encode()) < 400 * len(DATA.services)


def test_hours_rows_encode_days_as_bits() -> None:
    service = next(s for s in DATA.services.values() if s.hours)
    data = finder_data(DATA, "cs")
    row = next(r for r in data["services"] if r[0] == service.id)
    bits = row[9][0][0]
    assert {DAYS[i] for i in range(7) if bits & (1 << i)} == set(service.hours[0].days)
    assert row[9][0][1] == _minute(service.hours[0].opens)
    located = next(s for s in DATA.services.values() if not s.hours and DATA.service_hours(s))
    row = next(r for r in data["services"] if r[0] == located.id)
    assert row[9] == []  # no hours of its own: each address brings its own
    first = DATA.service_hours(located)[0]
    assert [_minute(first.opens), _minute(first.closes)] in [
        h[1:] for a in row[10] for h in data["addresses"][a][1]
    ]


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_finder_page_and_data_in_every_language(real_site: Path, language: str) -> None:
    page = (real_site / language / "finder/index.html").read_text(encoding="utf-8")
    assert 'data-data="../finder.json"' in page
    assert "<noscript>" in page and 'href="../categories/"' in page
    for category in DATA.categories:
        assert f'<option value="{category}">' in page
    data = json.loads((real_site / language / "finder.json").read_text(encoding="utf-8"))
    assert len(data["services"]) == len(DATA.services)


def test_records_by_age_lists_the_oldest_first(real_site: Path) -> None:
    page = (real_site / "en/freshness/index.html").read_text(encoding="utf-8")
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    links = re.findall(r'<a href="\.\./(services|organisations)/([^/]+)/"', table)
    assert len(links) == len(DATA.services) + len(DATA.organisations)
    records = {**DATA.services, **DATA.organisations}
    dates = [freshness.sort_key(records[record_id]) for _, record_id in links]
    assert dates == sorted(dates)


def test_records_by_age_marks_stale_records() -> None:
    writer = PageWriter(DATA, "en", today=date(2029, 1, 1))
    body = writer.records_by_age().body
    assert body.count('class="freshness--stale"') == len(DATA.services) + len(DATA.organisations)
    today = date(2026, 12, 2)
    stale = [r for r in [*DATA.services.values(), *DATA.organisations.values()]
             if freshness.is_stale(r, today)]  # fmt: skip
    assert stale
    body = PageWriter(DATA, "en", today=today).records_by_age().body
    assert body.count('class="freshness--stale"') == len(stale)
    sample = load(SAMPLE_DATA, today=TODAY)  # verified on 2026-11-01
    assert (
        'class="freshness--stale"'
        not in PageWriter(sample, "en", today=TODAY).records_by_age().body
    )


# --- in the browser -------------------------------------------------------------------------


def _finder(browser: Browser, url: str, moment: datetime | None = None) -> Page:
    page = browser.new_page()
    if moment is not None:
        page.clock.set_fixed_time(moment)
    page.goto(url)
    page.wait_for_function("document.getElementById('finder-count').textContent.match(/\\d/)")
    return page


def _count(page: Page) -> int:
    text = page.locator("#finder-count").text_content() or ""
    match = re.search(r"\d+", text)
    assert match, text
    return int(match.group())


def _wait_for_count(page: Page, count: int) -> None:
    page.wait_for_function(
        "n => (document.getElementById('finder-count').textContent.match(/\\d+/) || [])[0] == n",
        arg=count,
    )


def test_finder_filters_by_need_and_language_and_keeps_them_in_the_url(
    served_site: str, browser: Browser
) -> None:
    page = _finder(browser, f"{served_site}/vi/finder/")
    assert _count(page) == len(DATA.services)
    page.select_option("#finder-need", "legal-counselling")
    page.select_option("#finder-language", "vi")
    expected = _expected(need="legal-counselling", language="vi")
    assert 0 < expected < len(DATA.services)
    _wait_for_count(page, expected)
    names = page.locator("#finder-results .finder__name a")
    links = names.evaluate_all("a => a.map(x => x.pathname)")
    assert len(links) == expected
    assert all(link.startswith("/vi/services/") for link in links)
    assert "need=legal-counselling" in page.url and "lang=vi" in page.url
    again = _finder(browser, page.url)  # the address a clerk sends on
    assert again.locator("#finder-need").input_value() == "legal-counselling"
    assert _count(again) == expected
    page.close()
    again.close()


def test_finder_place_counts_services_serving_it_from_elsewhere(
    served_site: str, browser: Browser
) -> None:
    page = _finder(browser, f"{served_site}/en/finder/?place=praha-3&free=1")
    assert len(_groups(place="praha-3", free=True)) > 1, "national services cover every place"
    assert _count(page) == _expected(place="praha-3", free=True)
    page.check("input[name=access][value=phone]")
    _wait_for_count(page, _expected(place="praha-3", free=True, access=["phone"]))
    assert "access=phone" in page.url
    page.close()


def test_finder_keeps_working_offline_once_loaded(served_site: str, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{served_site}/ar/finder/")
    page.wait_for_function("document.getElementById('finder-count').textContent.match(/\\d/)")
    context.set_offline(True)
    page.select_option("#finder-need", "interpreting")
    _wait_for_count(page, _expected(need="interpreting"))
    context.close()


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 7, 1, 7, 30, tzinfo=UTC),  # Wednesday 09:30 in Prague (summer time)
        datetime(2027, 1, 6, 7, 30, tzinfo=UTC),  # Wednesday 08:30 in Prague (winter time)
        datetime(2026, 10, 25, 9, 0, tzinfo=UTC),  # the Sunday the clocks went back
    ],
)
def test_open_now_at_a_fixed_clock(served_site: str, browser: Browser, moment: datetime) -> None:
    page = _finder(browser, f"{served_site}/cs/finder/?open=now", moment)
    assert _count(page) == _expected(moment=moment)
    page.close()


def test_open_now_follows_daylight_saving() -> None:
    """The two Wednesday clocks above, one hour apart in Prague: some office opens at 09:00."""
    summer = _expected(moment=datetime(2026, 7, 1, 7, 30, tzinfo=UTC))
    winter = _expected(moment=datetime(2027, 1, 6, 7, 30, tzinfo=UTC))
    assert summer > winter


def test_open_on_a_chosen_day_and_time(served_site: str, browser: Browser) -> None:
    page = _finder(browser, f"{served_site}/en/finder/?open=sa-10:00")
    saturday = datetime(2026, 11, 28, 10, 0, tzinfo=PRAGUE)
    assert page.locator("#finder-day").input_value() == "sa"
    assert _count(page) == _expected(moment=saturday)
    page.select_option("#finder-day", "tu")
    _wait_for_count(page, _expected(moment=datetime(2026, 11, 24, 10, 0, tzinfo=PRAGUE)))
    assert "open=tu-10%3A00" in page.url or "open=tu-10:00" in page.url
    page.close()


def test_coverage_cell_opens_the_matching_finder_result(served_site: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(f"{served_site}/en/coverage/")
    page.click('a[href="../finder/?need=legal-counselling&place=brno"]')
    page.wait_for_url("**/finder/?need=legal-counselling&place=brno")
    page.wait_for_function("document.getElementById('finder-count').textContent.match(/\\d/)")
    assert _count(page) == _expected(need="legal-counselling", place="brno")
    page.close()


def test_without_javascript_the_finder_points_to_the_lists(
    served_site: str, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site}/uk/finder/")
    assert page.locator("#finder").is_hidden()
    notice = page.locator("noscript .record-notice")  # the text engine skips <noscript>
    assert notice.is_visible()
    assert "JavaScript" in (notice.text_content() or "")
    assert page.locator('a[href="../places/"]').first.is_visible()
    context.close()
