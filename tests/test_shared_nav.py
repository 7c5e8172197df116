"""The primary navigation drawn once per language and folder for pages outside it
(directory.build.shared_nav, overrides/partials/nav.html), and still Material's own text."""

from __future__ import annotations

import re
from pathlib import Path

from directory.build.shared_nav import SharedNav
from jinja2 import DictLoader, Environment
from markupsafe import Markup

NAV = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>', re.S)


def test_the_text_is_kept_by_folder_and_drawn_again_for_another_navigation() -> None:
    drawn: list[str] = []

    def caller(text: str):  # type: ignore[no-untyped-def]
        def draw() -> str:
            drawn.append(text)
            return text

        return draw

    shared, nav = SharedNav(), object()
    assert shared(nav, "uk/services/a/", caller("<b>1</b>")) == Markup("<b>1</b>")
    assert shared(nav, "uk/services/b/", caller("<b>2</b>")) == Markup("<b>1</b>")
    assert shared(nav, "uk/places/a/", caller("<b>3</b>")) == Markup("<b>3</b>")
    assert shared(object(), "uk/services/a/", caller("<b>4</b>")) == Markup("<b>4</b>")
    assert drawn == ["<b>1</b>", "<b>3</b>", "<b>4</b>"]


def test_a_jinja_call_block_reaches_it_with_the_blocks_text() -> None:
    templates = {"page.html": "{% call shared(nav, url) %}<i>{{ url }}</i>{% endcall %}"}
    env = Environment(loader=DictLoader(templates), autoescape=True)
    env.globals["shared"] = SharedNav()
    page = env.get_template("page.html")
    assert page.render(nav=1, url="cs/services/a/") == "<i>cs/services/a/</i>"
    assert page.render(nav=1, url="cs/services/b/") == "<i>cs/services/a/</i>"


def _nav(site: Path, page: str) -> str:
    match = NAV.search((site / page / "index.html").read_text(encoding="utf-8"))
    assert match, page
    return match.group(0)


def test_pages_in_the_navigation_mark_themselves_and_the_others_share_one_text(
    real_site: Path,
) -> None:
    """The sections' own pages (in the navigation) are drawn each with its entry marked as
    current; record pages of one folder carry the same navigation, with links that hold
    from their folder."""
    services = _nav(real_site, "uk/services")
    assert "md-nav__link--active" in services
    assert 'href="./"' in services  # its own entry
    records = sorted((real_site / "uk/services").iterdir())[:5]
    texts = {_nav(real_site, f"uk/services/{record.name}") for record in records if record.is_dir()}
    assert len(texts) == 1
    (record_nav,) = texts
    assert "md-nav__link--active" not in record_nav
    assert 'href="../../places/"' in record_nav
    assert 'href="../../places/"' not in _nav(real_site, "uk/places/bor")  # its own folder
    assert 'href="../"' in _nav(real_site, "uk/places/bor")
