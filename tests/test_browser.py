"""The real site in headless Chromium: the home page in every language, a record page, the
language switcher and the root picker as a visitor uses them, and pages at 200 % zoom.

(Search, maps, the finder, outside requests and axe-core have their own test files.)"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from directory.data.models import Service
from directory.text.languages import SITE_LANGUAGES, text_direction
from directory.text.localized import pick

from .conftest import DATA, ROOT

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser, BrowserContext, Page, Route


def _service() -> Service:
    """A service whose page has a map."""
    return next(s for s in DATA.services.values() if s.locations)


def _local_only(route: Route) -> None:
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


def _context(
    browser: Browser, width: int = 1280, height: int = 800, scale: float = 1
) -> BrowserContext:
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    context.route("**/*", _local_only)
    return context


def _home_heading(language: str) -> tuple[str, str]:
    """The front-matter title and the first heading of content/index.<language>.md."""
    text = (ROOT / "content" / f"index.{language}.md").read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", text, re.M)
    heading = re.search(r"^# (.+)$", text, re.M)
    assert title and heading
    return title.group(1).strip(), heading.group(1).strip()


# The page's language and writing direction.
_LANGUAGE = "[document.documentElement.lang, getComputedStyle(document.body).direction]"


def _h1(page: Page) -> tuple[str, str]:
    """The main heading's text and the language it is marked as (its own or an ancestor's)."""
    found: list[str] = page.eval_on_selector(
        "main h1",
        "h1 => [h1.textContent.trim(), (h1.querySelector('[lang]') || h1).closest('[lang]').lang]",
    )
    return found[0], found[1]


def _same_site_links(page: Page) -> list[dict[str, str]]:
    """Every link on the page to the site itself: its address, path and hreflang."""
    links: list[dict[str, str]] = page.eval_on_selector_all(
        "a[href]",
        """els => els.filter(a => a.origin === location.origin)
            .map(a => ({url: a.href.split('#')[0], path: a.pathname,
                        hreflang: a.hreflang, switcher: a.matches('.md-select__link')}))""",
    )
    return links


def _wait_to_leave(page: Page, url: str) -> None:
    """Waits for the page to load another address than `url` (Material's language menu looks
    the target up in the sitemap first, so the navigation starts a moment after the click)."""
    page.wait_for_url(lambda now: now != url, wait_until="domcontentloaded", timeout=10_000)


def _broken(context: BrowserContext, urls: set[str]) -> list[str]:
    return sorted(url for url in urls if context.request.get(url).status != 200)


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_home_page_in_each_language(served_site: str, browser: Browser, language: str) -> None:
    """Title and heading from that language's page, marked as that language, right to left in
    Arabic; every link to the site resolves and stays in the language unless it says where it
    goes (the language switcher, and a fallback page in another language, carry hreflang)."""
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{served_site}/{language}/")
    title, heading = _home_heading(language)
    assert page.evaluate(_LANGUAGE) == [language, text_direction(language)]
    assert page.title() == f"{title} - Rozcestník"
    assert _h1(page) == (heading, language)
    links = _same_site_links(page)
    assert len(links) > 20
    elsewhere = [
        link
        for link in links
        if not link["path"].startswith(f"/{language}/")
        and link["path"].strip("/").split("/")[0] != link["hreflang"]
        and not (link["switcher"] and link["path"] == "/")  # the root picker, "x-default"
    ]
    assert elsewhere == []
    assert _broken(context, {link["url"] for link in links}) == []
    context.close()


@pytest.mark.parametrize("language", ["cs", "ar"])
def test_service_page_shows_the_record_and_leads_to_its_organisation(
    served_site: str, browser: Browser, language: str
) -> None:
    """The service's name as heading and title, in the page's language or marked as the
    language it falls back to; every link to the site resolves; the provider link opens the
    organisation's page in the same language."""
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{served_site}/{language}/services/{_service().id}/")
    name = pick(_service().name, language)
    assert page.evaluate(_LANGUAGE) == [language, text_direction(language)]
    assert _h1(page) == (name.text, name.language)
    assert page.title() == f"{name.text} - Rozcestník"
    assert _broken(context, {link["url"] for link in _same_site_links(page)}) == []
    page.click(f"main a[href$='organisations/{_service().organisation}/']")
    page.wait_for_url(f"**/{language}/organisations/{_service().organisation}/")
    organisation = pick(DATA.organisations[_service().organisation].name, language)
    assert _h1(page) == (organisation.text, organisation.language)
    context.close()


def test_language_switcher_leads_to_the_same_record(served_site: str, browser: Browser) -> None:
    """From the Ukrainian page of a service, the header's language menu (opened as a mouse user
    does, by pointing at it) leads to the same service in another language, and from there
    on to each other language in turn."""
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{served_site}/uk/services/{_service().id}/", wait_until="domcontentloaded")
    for code in (code for code in SITE_LANGUAGES if code != "uk"):
        here = page.url
        page.hover(".md-header .md-select")
        page.click(f'.md-select__link[hreflang="{code}"]')
        _wait_to_leave(page, here)
        assert urlsplit(page.url).path == f"/{code}/services/{_service().id}/"
        assert page.evaluate("document.documentElement.lang") == code
        assert _h1(page)[0] == pick(_service().name, code).text
    context.close()


def test_root_picker_leads_to_each_language(served_site: str, browser: Browser) -> None:
    """The root page is in no single language ("mul"); each of its links opens that language's
    home page, marked as that language, right to left in Arabic."""
    context = _context(browser)
    page = context.new_page()
    for code in SITE_LANGUAGES:
        page.goto(f"{served_site}/", wait_until="domcontentloaded")
        assert page.evaluate(_LANGUAGE) == ["mul", "ltr"]
        page.click(f'.language-picker a[lang="{code}"]')
        _wait_to_leave(page, f"{served_site}/")
        assert urlsplit(page.url).path == f"/{code}/"
        assert page.evaluate(_LANGUAGE) == [code, text_direction(code)]
    context.close()


MAP_SERVICE = "services/{a service with a map}/"  # chosen from the data when the test runs
ZOOMED = [
    f"{language}/{path}" for language in ("en", "ar") for path in ("", MAP_SERVICE, "places/praha/")
]
MENU = ".md-header label[for='__drawer']"  # Material's menu button below its drawer breakpoint

# Transitions off, so a state is measured as it ends, not halfway through a slide.
_NO_TRANSITIONS = """addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after'
    + ' { transition: none !important; animation: none !important; }';
  document.head.append(style);
});"""

# Visible (opacity and visibility too), of non-zero size and within the viewport's width; in
# view: within its height too (to a pixel: a focused element is scrolled to fractional places).
_ACROSS = """el => { const r = el.getBoundingClientRect();
  return el.checkVisibility({visibilityProperty: true, opacityProperty: true}) && r.width > 0
    && r.left > -1 && r.right < innerWidth + 1; }"""
_IN_VIEW = f"""el => ({_ACROSS})(el) && el.getBoundingClientRect().top > -1
  && el.getBoundingClientRect().bottom < innerHeight + 1"""

# The drawer's list scrolls: all its links are across the viewport, some in view.
_LAYOUT = f"""() => {{
  const links = [...document.querySelectorAll('.md-sidebar--primary .md-nav__list a[href]')];
  return {{scroll: document.documentElement.scrollWidth, width: innerWidth,
           heading: ({_IN_VIEW})(document.querySelector('main h1')),
           nav: links.length > 0 && links.every({_ACROSS}) && links.some({_IN_VIEW})}}; }}"""

_FOCUS = f"""selector => {{ const el = document.activeElement;
  return {{nav: !!el.closest('.md-sidebar--primary'), target: el.matches(selector),
           inView: ({_IN_VIEW})(el), html: el.outerHTML.slice(0, 100)}}; }}"""


def _tab_to(page: Page, selector: str, limit: int = 40) -> list[dict[str, Any]]:
    """Presses Tab until an element matching `selector` has focus: the state of every stop."""
    stops: list[dict[str, Any]] = []
    while not (stops and stops[-1]["target"]):
        assert len(stops) < limit, f"Tab did not reach {selector}: {stops}"
        page.keyboard.press("Tab")
        stops.append(page.evaluate(_FOCUS, selector))
    return stops


def _zoomed(browser: Browser, url: str) -> tuple[BrowserContext, Page]:
    """A 1280 x 800 window at 200 % zoom: a 640 x 400 CSS-pixel viewport at device scale 2."""
    context = _context(browser, 640, 400, scale=2)
    context.add_init_script(_NO_TRANSITIONS)
    page = context.new_page()
    page.goto(url)
    return context, page


@pytest.mark.parametrize("path", ZOOMED)
def test_pages_work_at_200_percent_zoom(served_site: str, browser: Browser, path: str) -> None:
    """Nothing scrolls sideways and the heading is in view; Tab from the top reaches the first
    link of the text with every stop on the way in view (none in the closed navigation drawer
    off the screen); a click on the menu button opens the drawer."""
    path = path.replace(MAP_SERVICE, f"services/{_service().id}/")
    context, page = _zoomed(browser, f"{served_site}/{path}")
    layout = page.evaluate(_LAYOUT)
    assert layout["scroll"] <= layout["width"] == 640
    assert layout["heading"] and not layout["nav"]
    stops = _tab_to(page, "article a[href]")
    assert all(stop["inView"] for stop in stops), stops
    page.click(MENU)
    assert page.evaluate(_LAYOUT)["nav"]
    context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_keyboard_opens_the_navigation_at_200_percent_zoom(
    served_site: str, browser: Browser, language: str
) -> None:
    """Tab reaches the menu button, Enter opens the navigation drawer with focus on its first
    link, every further stop in the drawer is in view, Escape closes it with focus back on the
    button. (The drawer is the same on every page: the home page stands for them.)"""
    context, page = _zoomed(browser, f"{served_site}/{language}/")
    assert all(stop["inView"] for stop in _tab_to(page, MENU))
    page.keyboard.press("Enter")
    assert page.evaluate(_LAYOUT)["nav"]
    stops = [page.evaluate(_FOCUS, MENU)]
    while stops[-1]["nav"]:
        assert len(stops) < 40, "Tab never left the navigation"
        page.keyboard.press("Tab")
        stops.append(page.evaluate(_FOCUS, MENU))
    assert len(stops) > 10 and all(stop["inView"] for stop in stops[:-1]), stops
    page.keyboard.press("Escape")
    assert not page.evaluate(_LAYOUT)["nav"]
    assert page.evaluate(_FOCUS, MENU)["target"]
    context.close()
