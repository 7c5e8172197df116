"""Keyboard only: pressing Tab reaches every control a mouse user can use, and each stop shows
where the focus is.

A control "a mouse user can use" is, when the page has loaded in a 1280 x 800 window
(Material's desktop layout, navigation in a sidebar, nothing focused yet):

- an `a[href]`, `button`, `input`, `select`, `textarea` or `summary` (whatever its
  `tabindex`), any other element with a `tabindex` of 0 or more, or a `label[for]` shown with a
  pointer cursor (Material's menu and section toggles are labels of hidden checkboxes: the
  label is the control);
- that is rendered and visible: `checkVisibility` with opacity and visibility (so not
  `display: none`, `visibility: hidden`, `opacity: 0` on it or an ancestor, not in a closed
  `details` or under `hidden`), with a box of non-zero size;
- that is not `:disabled`, not inside `[inert]`, and takes the pointer (`pointer-events` is not
  `none`);
- and, besides, every entry of the header's language menu, which a mouse user opens by pointing
  at it.

Tab is pressed as many times as the page has focusable elements (visible or not) plus a few, so
the focus goes round the whole page. Every element the focus lands on must then be visible (as
above) and show a focus indicator: an outline (style not `none`, width above 0, not
transparent), or a box shadow other than the one it has unfocused. Transitions are switched
off, so what is measured is what the reader sees once a fade has ended.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from .conftest import DATA

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser, Route

MAP_SERVICE = "ar/services/{service with a map}/"  # chosen from the data when the test runs
PAGES = ["en/", MAP_SERVICE, "uk/places/praha/", "cs/search/"]


def _address(path: str) -> str:
    if path != MAP_SERVICE:
        return path
    return f"ar/services/{next(s.id for s in DATA.services.values() if s.locations)}/"


# Records the controls wanted and watches every focus; returns how many Tab presses go round.
_WATCH = """() => {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after'
    + ' { transition: none !important; animation: none !important; }';
  document.head.append(style);
  document.activeElement.blur();
  const visible = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && [...el.getClientRects()].some(r => r.width > 0 && r.height > 0);
  const usable = el => visible(el) && !el.matches(':disabled') && !el.closest('[inert]')
    && getComputedStyle(el).pointerEvents !== 'none';
  const native = 'a[href], button, input, select, textarea, summary';
  const controls = [...document.querySelectorAll(native + ', [tabindex]')];
  const toggles = [...document.querySelectorAll('label[for]')]
    .filter(label => getComputedStyle(label).cursor === 'pointer');
  const wanted = [...controls.filter(el => el.matches(native) || el.tabIndex >= 0), ...toggles]
    .filter(usable);
  wanted.push(...document.querySelectorAll('.md-header .md-select__link'));
  const shadows = new Map(
    [...controls, ...toggles].map(el => [el, getComputedStyle(el).boxShadow]));
  const describe = el => el.outerHTML.slice(0, 140);
  const reached = new Set(), problems = new Set();
  document.addEventListener('focusin', ({target: el}) => {
    const css = getComputedStyle(el);
    const outline = css.outlineStyle !== 'none' && parseFloat(css.outlineWidth) > 0
      && css.outlineColor !== 'rgba(0, 0, 0, 0)';
    reached.add(el);
    if (!visible(el)) problems.add('focused but not visible: ' + describe(el));
    if (!outline && css.boxShadow === (shadows.get(el) ?? 'none'))
      problems.add('no focus indicator: ' + describe(el));
  });
  window.__keyboard = () => ({problems: [...problems],
                              missed: wanted.filter(el => !reached.has(el)).map(describe)});
  return [...document.querySelectorAll('*')].filter(el => el.tabIndex >= 0).length + 5;
}"""


def _local_only(route: Route) -> None:
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


@pytest.mark.parametrize("path", PAGES)
def test_tab_reaches_every_control_and_shows_the_focus(
    served_site: str, browser: Browser, path: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.route("**/*", _local_only)
    page.goto(f"{served_site}/{_address(path)}", wait_until="networkidle")  # map markers too
    presses: int = page.evaluate(_WATCH)
    for _ in range(presses):
        page.keyboard.press("Tab")
    found = page.evaluate("window.__keyboard()")
    page.close()
    assert found == {"problems": [], "missed": []}
