"""The primary navigation, drawn once per language and folder for the pages outside it.

Material draws the whole navigation into every page: 16 entries through its `nav-item`
macro, 40 % of the theme's time per page. For a page that is not in the navigation (records,
places, categories: nearly all pages) nothing in it is marked as current, and its links are
relative to the page, so every such page in the same folder (`uk/services/`) gets the same
text. The
theme's own partial is drawn the first time and the text kept (`overrides/partials/nav.html`
calls `SharedNav` in a `{% call %}` block; Material's partial is reached as
`theme/partials/nav.html` through `theme_loader`)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, PrefixLoader
from markupsafe import Markup

THEME_PREFIX = "theme"


def theme_loader(loader: BaseLoader, theme_dirs: Sequence[str]) -> BaseLoader:
    """`loader`, and the theme's own templates (without our overrides) under `theme/`."""
    return ChoiceLoader([loader, PrefixLoader({THEME_PREFIX: FileSystemLoader(list(theme_dirs))})])


class SharedNav:
    """The navigation's text by the folder of the page's address, for one language's
    navigation."""

    def __init__(self) -> None:
        self._nav: object = None  # kept, so a later build's navigation is never taken for it
        self._drawn: dict[str, Markup] = {}

    def __call__(self, nav: object, page_url: str, caller: Callable[[], str]) -> Markup:
        if nav is not self._nav:
            self._nav, self._drawn = nav, {}
        folder = posixpath.dirname(page_url.rstrip("/"))
        if folder not in self._drawn:
            self._drawn[folder] = Markup(caller())
        return self._drawn[folder]
