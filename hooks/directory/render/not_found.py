"""The 404 page's text: one page answers a wrong address in every language."""

from __future__ import annotations

import jinja2

from directory.render.renderer import TEMPLATES
from directory.text.catalogue import catalogue
from directory.text.languages import SITE_LANGUAGES, text_direction


def not_found_block(root: str) -> str:
    """ "Page not found" and a link to the home page, in each site language in its own words;
    `root` is the site's path ("/" or "/project/"): the page is served at any depth, so its
    links start from the root. The language the address names is put first by a script."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    heading = " · ".join(dict.fromkeys(catalogue(code)("not_found_title") for code in ("cs", "en")))
    return env.get_template("not_found.html").render(
        root=root,
        heading=heading,
        catalogues=[(code, catalogue(code)) for code in SITE_LANGUAGES],
        direction=text_direction,
    )
