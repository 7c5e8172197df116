"""Privacy over a whole visit, as a visitor clicks through (tests/test_maps.py checks single
pages): the root picker, a home page, a need, a service, search with a query typed, a result,
and the language switcher. Afterwards:

- no request has left 127.0.0.1 except OpenStreetMap tiles, asked for by pages that show a map,
  and those tiles are not told which page asked (no path in the Referer);
- the browser holds no cookie, nothing in localStorage or sessionStorage, no IndexedDB database,
  no Cache Storage and no service worker;
- nothing was downloaded in vain: no address answered 404, and no sitemap was fetched (Material's
  script fetches one for each alternate declared in a page's head: the whole sitemap and a 404
  for each language, on every page view, on a visitor's mobile data).

The language is chosen by the address (/<language>/…), so it needs no stored key either. What
the theme could store, and why it stores nothing here (Material for MkDocs 9.8.1, bundle and
partials/javascripts; each key is prefixed by the site's scope path, e.g. "/.__palette"):
`__palette` when a palette toggle is clicked (mkdocs.yml has one palette, no toggle), `__tabs`
with the `content.tabs.link` feature, `__consent` with `extra.consent`, `__announce` with
`announce.dismiss`, `__outdated` (sessionStorage) with `extra.version`, `__source`
(sessionStorage) with `repo_url` (this site names its repository in `extra.repository`, which
only the record pages' links use); Material's own search, which would keep its index, is off.
Pagefind's UI 1.5 stores nothing (the index comes by fetch, kept by the HTTP cache only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser, Page, Route


TILES = "tile.openstreetmap.org"

_STORED = """async () => ({
  local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookie: document.cookie,
  databases: (await indexedDB.databases()).map(d => d.name), caches: await caches.keys(),
  workers: (await navigator.serviceWorker.getRegistrations()).length})"""


def _click_through(page: Page, selector: str, path: str, with_map: set[str]) -> None:
    """Clicks, waits for the page at `path` and notes it if it shows a map."""
    page.click(selector)
    page.wait_for_url(f"**{path}", wait_until="load")
    if page.locator(".folium-map").count():
        with_map.add(page.url)


def test_a_visit_sends_nothing_out_but_map_tiles_and_stores_nothing(
    served_site: str, browser: Browser
) -> None:
    context = browser.new_context()
    outside: list[tuple[str, str, str]] = []  # host, the page that asked, its Referer

    def route(route: Route) -> None:
        request = route.request
        if urlsplit(request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            referer = request.all_headers().get("referer", "")
            outside.append((urlsplit(request.url).hostname or "", request.frame.url, referer))
            route.abort()  # no network in tests; what was asked for is what counts

    context.route("**/*", route)
    page = context.new_page()
    wasted: list[str] = []
    page.on(
        "response",
        lambda response: (
            wasted.append(response.url)
            if response.status == 404 or "sitemap" in response.url
            else None
        ),
    )
    maps: set[str] = set()
    page.goto(f"{served_site}/")
    _click_through(page, '.language-picker a[lang="uk"]', "/uk/", maps)
    _click_through(page, ".tiles a >> nth=0", "/uk/categories/*/", maps)
    _click_through(page, "article .service-list a >> nth=0", "/uk/services/*/", maps)
    page.wait_for_timeout(500)  # the map's tiles
    _click_through(page, '.md-nav__link[href$="search/"]', "/uk/search/", maps)
    page.locator(".pagefind-ui__search-input").press_sequentially("OAMP", delay=50)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    _click_through(page, ".pagefind-ui__result-link >> nth=0", "/uk/**", maps)
    record = urlsplit(page.url).path
    page.hover(".md-header .md-select")
    _click_through(page, '.md-select__link[hreflang="vi"]', record.replace("/uk/", "/vi/"), maps)
    page.wait_for_timeout(500)

    stored = page.evaluate(_STORED)
    cookies = context.cookies()
    context.close()
    assert len(maps) >= 2 and outside, "no map asked for tiles: did the maps draw?"
    for host, asked_by, referer in outside:
        assert host == TILES and asked_by in maps, (host, asked_by)
        assert urlsplit(referer).path in ("", "/"), referer
    assert cookies == []
    assert wasted == []
    assert stored == {
        "local": [],
        "session": [],
        "cookie": "",
        "databases": [],
        "caches": [],
        "workers": 0,
    }
