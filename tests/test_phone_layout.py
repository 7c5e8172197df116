"""The site on a 390 px phone in headless Chromium (issue 19, item 6): the coordinator pages and
the finder are no wider than the screen in any language, the language menu's last entry can be
reached, and a wrong address gets a 404 page that leads to every language's home."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from directory.text.catalogue import catalogue
from directory.text.languages import SITE_LANGUAGES, text_direction

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser, BrowserContext, ViewportSize

PHONE: ViewportSize = {"width": 390, "height": 844}
# Coordinator pages (the coverage matrix and records by age) and the finder.
WIDE_PAGES = ("coverage/", "freshness/", "finder/")


def _phone(browser: Browser) -> BrowserContext:
    return browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_no_page_is_wider_than_the_phone(served_site: str, browser: Browser, language: str) -> None:
    context = _phone(browser)
    page = context.new_page()
    for path in WIDE_PAGES:
        page.goto(f"{served_site}/{language}/{path}")
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"/{language}/{path} is {width} px wide"
        # the page opens on its text, not on an empty stretch beside it
        heading = page.eval_on_selector("main h1", "h => h.getBoundingClientRect().toJSON()")
        assert heading["left"] >= 0 and heading["right"] <= PHONE["width"], path
    context.close()


# The open language menu's last entry: inside the screen, inside the menu's visible box, and
# the element a finger lands on at its centre.
_LAST_ENTRY = """() => {
  const links = [...document.querySelectorAll('.md-header .md-select__link')];
  const last = links[links.length - 1], box = last.getBoundingClientRect();
  const list = last.closest('.md-select__inner').getBoundingClientRect();
  const hit = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
  return {lang: last.getAttribute('hreflang'), count: links.length,
          onScreen: box.top >= 0 && box.bottom <= innerHeight
            && box.left >= 0 && box.right <= innerWidth,
          inMenu: box.top >= list.top && box.bottom <= list.bottom + 1,
          hit: !!hit && last.contains(hit)}; }"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_language_menu_reaches_its_last_entry(
    served_site: str, browser: Browser, language: str
) -> None:
    context = _phone(browser)
    page = context.new_page()
    page.goto(f"{served_site}/{language}/")
    page.tap(".md-header .md-select button")
    page.wait_for_timeout(400)  # Material's opening transition
    last = page.evaluate(_LAST_ENTRY)
    assert last["count"] == len(SITE_LANGUAGES) + 1  # the root picker, then every language
    assert last == {**last, "lang": "ar", "onScreen": True, "inMenu": True, "hit": True}, last
    if language != "ar":  # from /ar/ the entry leads to this very page: "hit" above suffices
        # (a tap reloading the same address left Playwright's context.close() waiting forever)
        page.tap(".md-header .md-select__link[hreflang='ar']")
        page.wait_for_url(f"{served_site}/ar/")
    context.close()


def _not_found(real_site: Path) -> str:
    return (real_site / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["uk", "ar", None])
def test_404_leads_to_every_home_in_its_own_language(
    served_site: str, real_site: Path, browser: Browser, language: str | None
) -> None:
    """Served as a host serves it (GitHub Pages: the root 404.html for any missing address).
    Where the address names a language, the page says so in that language first."""
    context = _phone(browser)
    body = _not_found(real_site)
    context.route(
        "**/no-such-page/",
        lambda route: route.fulfill(status=404, body=body, content_type="text/html"),
    )
    page = context.new_page()
    prefix = f"/{language}" if language else ""
    response = page.goto(f"{served_site}{prefix}/no-such-page/")
    assert response is not None and response.status == 404
    links = page.eval_on_selector_all(
        ".not-found__languages a",
        "links => links.map(a => ({href: a.getAttribute('href'), text: a.textContent,"
        " lang: a.closest('[lang]').lang, dir: a.closest('[dir]').dir}))",
    )
    assert sorted(link["lang"] for link in links) == sorted(SITE_LANGUAGES)
    for link in links:
        code = link["lang"]
        assert link == {
            "href": f"/{code}/",
            "text": catalogue(code)("not_found_home"),
            "lang": code,
            "dir": text_direction(code),
        }
        assert context.request.get(f"{served_site}{link['href']}").ok
    heading = page.eval_on_selector("main h1", "h => [h.textContent.trim(), h.lang]")
    if language:
        assert links[0]["lang"] == language
        assert heading == [catalogue(language)("not_found_title"), language]
    else:
        assert links[0]["lang"] == SITE_LANGUAGES[0]
        assert catalogue("en")("not_found_title") in heading[0]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.tap(f".not-found__languages a[href='/{language or 'en'}/']")
    page.wait_for_url(f"{served_site}/{language or 'en'}/")
    assert urlsplit(page.url).path == f"/{language or 'en'}/"
    context.close()
