"""What the finder shows for a place, in headless Chromium on the real site: what is there, then
what serves its town, region and country, each group headed; cards with addresses, today's
hours, open now and a phone link (left to right on Arabic pages); the filters kept when the
reader changes the language; a page no wider than a phone in every language; record text in
cards shown as text."""

from __future__ import annotations

import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from directory.data.loading import load
from directory.render.finder import finder_file
from directory.render.pages import PageWriter
from directory.text.catalogue import catalogue
from directory.text.languages import SITE_LANGUAGES

from .conftest import DATA, ROOT, TODAY, serve
from .test_finder import _expected, _finder, _groups

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser, Dialog

GROUPS = """() => {
  const groups = [];
  for (const li of document.querySelectorAll("#finder-results > li")) {
    if (li.classList.contains("finder__divider")) groups.push({heading: li.textContent, ids: []});
    else groups[groups.length - 1].ids.push(li.querySelector("a").pathname.split("/")[3]);
  }
  return groups;
}"""


def _heading(language: str, place: str, group: int) -> str:
    """The group's heading as the catalogue words it, for the place `group` steps out."""
    t = catalogue(language)
    around = DATA.places[DATA.place_and_ancestors(place)[group]]
    kind = {"country": "country", "region": "region", "district": "region"}.get(around.kind)
    key = "here" if group == 0 else kind or "town"
    return t(f"finder_group_{key}").replace("{place}", around.name[language])


def test_residence_in_praha_3_shows_the_prague_offices_under_the_town_group(
    served_site: str, browser: Browser
) -> None:
    """The residence offices sit in Praha 6, 9 and 11 and serve all of Prague: a reader in
    Praha 3 finds them under "all of Prague", after what is in Praha 3, before the nationwide."""
    offices = DATA.services["oamp-prague-residence-permits"]
    assert "praha-3" not in DATA.service_places(offices)
    page = _finder(browser, f"{served_site}/uk/finder/?need=residence&place=praha-3")
    drawn = page.evaluate(GROUPS)
    page.close()
    expected = _groups(need="residence", place="praha-3")
    assert sorted(expected) == [0, 1, 2], "in Praha 3, all of Prague, nationwide"
    assert [g["heading"] for g in drawn] == [
        f"{_heading('uk', 'praha-3', group)} ({len(expected[group])})" for group in sorted(expected)
    ]
    assert [set(g["ids"]) for g in drawn] == [expected[group] for group in sorted(expected)]
    assert offices.id in drawn[1]["ids"]
    assert drawn[1]["heading"].startswith("Для всього міста: Прага")


def test_a_card_shows_address_phone_and_todays_hours(served_site: str, browser: Browser) -> None:
    """On an Arabic page at a fixed Wednesday morning: every address of the residence offices,
    each with that day's hours from the record (or "hours not known"), whether it is open, and
    the phone as a tel: link; numbers and addresses read left to right."""
    wednesday = datetime(2026, 7, 1, 7, 30, tzinfo=UTC)  # 09:30 in Prague
    page = _finder(browser, f"{served_site}/ar/finder/?need=residence&place=praha-3", wednesday)
    card = page.locator("#finder-results > li").filter(
        has=page.locator('a[href$="/services/oamp-prague-residence-permits/"]')
    )
    lines = card.locator(".finder__where").all_inner_texts()
    phone = card.locator('a[href^="tel:"]')
    t = catalogue("ar")
    offices = DATA.services["oamp-prague-residence-permits"]
    organisation = DATA.organisations[offices.organisation]
    assert phone.get_attribute("href") == f"tel:{organisation.phones[0].number}"
    assert phone.evaluate("a => getComputedStyle(a).direction") == "ltr"
    address = card.locator(".finder__where span[dir=ltr]").first
    assert address.evaluate("s => getComputedStyle(s).direction") == "ltr"
    first, last = phone.evaluate(_FIRST_AND_LAST_X)  # drawn as written: "+" left of the end
    assert first < last
    page.close()
    locations = [loc for loc in organisation.locations if loc.id in offices.locations]
    assert len(lines) == len(locations) == 3
    for line, location in zip(lines, locations, strict=True):
        assert line.startswith(str(location.address.street))
        today = [f"{h.opens}–{h.closes}" for h in location.hours if "we" in h.days]
        if not location.hours:
            assert line.endswith(t("finder_hours_unknown"))
        else:  # 09:30 falls in every Wednesday range of these offices
            assert t("finder_today").replace("{hours}", ", ".join(today)) in line
            assert line.endswith(t("finder_state_open"))


# The x of a link's first and last character as drawn.
_FIRST_AND_LAST_X = """a => {
  const text = a.firstChild, x = i => { const r = document.createRange(); r.setStart(text, i);
    r.setEnd(text, i + 1); return r.getBoundingClientRect().left; };
  return [x(0), x(text.textContent.length - 1)];
}"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_finder_with_cards_has_no_serious_accessibility_violation(
    served_site: str, browser: Browser, language: str
) -> None:
    axe = Path(sys.prefix) / "share" / "npm" / "axe.min.js"
    page = _finder(browser, f"{served_site}/{language}/finder/?need=residence&place=praha-3")
    page.add_script_tag(content=axe.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)"""
    )
    page.close()
    assert violations == []


def test_open_now_cards_say_open_now(served_site: str, browser: Browser) -> None:
    moment = datetime(2026, 7, 1, 7, 30, tzinfo=UTC)
    page = _finder(browser, f"{served_site}/en/finder/?open=now", moment)
    cards = page.locator("#finder-results > li")
    assert cards.count() == min(_expected(moment=moment), 100)
    for index in range(cards.count()):
        assert "Open now" in (cards.nth(index).text_content() or "")
    page.close()


def test_changing_the_language_keeps_the_filters(served_site: str, browser: Browser) -> None:
    page = _finder(browser, f"{served_site}/uk/finder/")
    page.select_option("#finder-need", "residence")
    page.select_option("#finder-place", "praha-3")
    page.check("input[name=open][value=now]")
    page.hover(".md-header__option .md-select")  # Material opens its language menu on hover
    page.click('a.md-select__link[hreflang="vi"]')
    page.wait_for_url("**/vi/finder/?**")
    page.wait_for_function("document.getElementById('finder-count').textContent.match(/\\d/)")
    assert page.locator("#finder-need").input_value() == "residence"
    assert page.locator("#finder-place").input_value() == "praha-3"
    assert page.locator("input[name=open][value=now]").is_checked()
    page.go_back()  # the finder's own state, unchanged, in the first language
    page.wait_for_url("**/uk/finder/?**")
    page.close()


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_the_finder_fits_a_phone_screen(served_site: str, browser: Browser, language: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{served_site}/{language}/finder/?need=residence&place=praha-3")
    page.wait_for_selector("#finder-results .finder__where")
    width = page.evaluate("document.documentElement.scrollWidth")
    # Cards use the whole column in both directions (no list indent left over on one side).
    column, card = page.evaluate(
        """() => [document.getElementById("finder-count"),
                  document.querySelector("#finder-results > li:not(.finder__divider)")]
                 .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })"""
    )
    page.close()
    assert width <= 390
    assert card == pytest.approx(column, abs=1)


def test_hostile_text_in_a_card_stays_text(tmp_path: Path, browser: Browser) -> None:
    """The finder builds its cards from JSON: record text is set as text, never parsed."""
    hostile = load(ROOT / "tests" / "hostile-data", today=TODAY)
    page_file = tmp_path / "en" / "finder" / "index.html"
    page_file.parent.mkdir(parents=True)
    body = PageWriter(hostile, "en").finder().body
    page_file.write_text(f"<!doctype html><html><body>{body}</body></html>", "utf-8")
    (tmp_path / "en" / "finder.json").write_text(finder_file(hostile, "en"), "utf-8")
    (tmp_path / "assets").mkdir()
    for script in ("directory-bidi.js", "directory-finder.js"):  # as finder.html loads them
        shutil.copy(ROOT / "content" / "assets" / script, tmp_path / "assets")
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    with serve(tmp_path) as address:
        page = browser.new_page()
        page.on("dialog", on_dialog)
        page.goto(f"{address}/en/finder/?place=praha-3")
        page.wait_for_selector("#finder-results .finder__where")
        text = page.inner_text("#finder-results")
        images = page.locator("#finder-results img").count()
        page.close()
    assert dialogs == [] and images == 0
    assert "<img src=x onerror=alert('img')>" in text
    assert "<script>alert('name')</script>" in text


def test_latin_names_in_arabic_cards_keep_their_punctuation(
    served_site: str, browser: Browser
) -> None:
    """An organisation's Arabic name with its Czech name in brackets: the Czech run is one
    left-to-right isolate (brackets and "o.p.s." in place), as on the record pages."""
    page = _finder(browser, f"{served_site}/ar/finder/?place=praha")
    runs = page.eval_on_selector_all(
        ".finder__org bdi, .finder__name bdi", "els => els.map(e => e.dir + ':' + e.textContent)"
    )
    organisations = page.eval_on_selector_all(".finder__org", "els => els.map(e => e.textContent)")
    page.close()
    assert "ltr:Integrační centrum Praha, o.p.s." in runs
    name = DATA.organisations["integration-centre-prague"].name["ar"]
    assert name in organisations  # the text itself unchanged
