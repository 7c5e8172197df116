"""Latin script inside right-to-left text: names, addresses, numbers, e-mail and web addresses
are isolated left to right on Arabic pages, so "724 003 333" does not read "333 003 724" and
"In IUSTITIA, o.p.s." keeps its dots where they belong (issue 19, item 1)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import pytest
from directory.render.formatting import (
    bidi_text,
    isolate_bracketed_latin,
    isolate_latin,
    isolate_latin_marks,
)
from directory.text.localized import pick

from .conftest import DATA

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser, Page


@pytest.mark.parametrize(
    ("text", "html"),
    [
        # an abbreviation's dot stays with it; the brackets belong to the Arabic sentence
        (
            "مركز الاندماج (Integrační centrum Praha, o.p.s.)",
            'مركز الاندماج (<bdi dir="ltr">Integrační centrum Praha, o.p.s.</bdi>)',
        ),
        # a number of three groups is one run; the sentence's full stop stays outside
        ("إلى الرقم 724 003 333. مجانية", 'إلى الرقم <bdi dir="ltr">724 003 333</bdi>. مجانية'),
        ("في Havlíčkovo nám. 700/9.", 'في <bdi dir="ltr">Havlíčkovo nám. 700/9</bdi>.'),
        ("(رقم 435/2004 Sb.): يحق", '(رقم <bdi dir="ltr">435/2004 Sb.</bdi>): يحق'),
        ("+420 974 801 801", '<bdi dir="ltr">+420 974 801 801</bdi>'),
        ("عبر podatelna@praha3.cz", 'عبر <bdi dir="ltr">podatelna@praha3.cz</bdi>'),
        ("Polní 3 (Brno)، برنو", '<bdi dir="ltr">Polní 3 (Brno)</bdi>، برنو'),
        # everything is escaped, inside runs and out
        (
            "<b>x</b> & ب",
            '&lt;<bdi dir="ltr">b</bdi>&gt;<bdi dir="ltr">x</bdi>'
            '&lt;/<bdi dir="ltr">b</bdi>&gt; &amp; ب',
        ),
    ],
)
def test_latin_runs_are_isolated_and_text_escaped(text: str, html: str) -> None:
    assert str(isolate_latin(text)) == html


def test_left_to_right_pages_only_escape() -> None:
    assert str(bidi_text("ltr")("In IUSTITIA, <o.p.s.>")) == "In IUSTITIA, &lt;o.p.s.&gt;"
    assert bidi_text("rtl") is isolate_latin


# The left edge and line of each character of `needle` where it is drawn, in the first text
# node under `selector` that holds it.
_CHARACTERS = """([selector, needle]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    return [...needle].map((_, k) => {
      const range = document.createRange();
      range.setStart(node, at + k); range.setEnd(node, at + k + 1);
      const box = range.getBoundingClientRect();
      const isolated = !!node.parentElement.closest('bdi[dir="ltr"]');
      return {left: box.left, top: Math.round(box.top), isolated};
    });
  }
  return null; }"""


def _drawn(page: Page, selector: str, needle: str) -> list[dict[str, Any]]:
    characters: list[dict[str, Any]] | None = page.evaluate(_CHARACTERS, [selector, needle])
    assert characters, f"{needle!r} not under {selector}"
    return [c for c, char in zip(characters, needle, strict=True) if not char.isspace()]


def _reads_left_to_right(characters: list[dict[str, Any]]) -> bool:
    """Each character right of the one before it on its line; a run that wraps goes on on the
    line below (spaces are left out: one at a line break is drawn nowhere in particular)."""
    return all(
        (a["top"] == b["top"] and a["left"] < b["left"]) or a["top"] < b["top"]
        for a, b in itertools.pairwise(characters)
    )


def test_czech_name_and_number_read_left_to_right_on_arabic_pages(
    served_site: str, browser: Browser
) -> None:
    """A real record's Arabic name with its Czech name in brackets, and the SMS number inside
    an Arabic sentence on the emergency numbers: drawn left to right inside the sentence, the
    sentence itself right to left. The same text without isolation is drawn scrambled (the
    measure can fail)."""
    organisation = DATA.organisations["integration-centre-prague"]
    name = pick(organisation.name, "ar").text
    assert "(Integrační centrum Praha, o.p.s.)" in name
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    page.goto(f"{served_site}/ar/organisations/{organisation.id}/")
    czech = _drawn(page, "article h1", "Integrační centrum Praha, o.p.s.")
    assert all(c["isolated"] for c in czech) and _reads_left_to_right(czech)
    arabic = _drawn(page, "article h1", "مركز")
    same_line = [c["left"] for c in czech if c["top"] == arabic[0]["top"]]
    assert same_line and min(c["left"] for c in arabic) > max(same_line)  # the sentence: RTL

    page.goto(f"{served_site}/ar/")
    number = _drawn(page, ".emergency-numbers", "724 003 333")
    assert all(c["isolated"] for c in number) and _reads_left_to_right(number)
    # The measure tells scrambled text apart: the same sentence, not isolated.
    page.evaluate(
        """text => { const p = document.createElement('p'); p.id = 'raw'; p.dir = 'rtl';
        p.textContent = text; document.querySelector('article').append(p); }""",
        "إرسال رسالة نصية إلى الرقم 724 003 333. المكالمة مجانية.",
    )
    assert not _reads_left_to_right(_drawn(page, "#raw", "724 003 333"))
    page.close()


def test_bracketed_czech_in_hand_written_arabic_is_isolated() -> None:
    text = "مكاتب وزارة الداخلية (Ministerstvo vnitra, OAMP)، انظر [الرابط](https://x.cz/a(b))"
    assert isolate_bracketed_latin(text) == (
        'مكاتب وزارة الداخلية (<bdi dir="ltr">Ministerstvo vnitra, OAMP</bdi>)، انظر '
        "[الرابط](https://x.cz/a(b))"
    )
    assert (
        isolate_bracketed_latin("(<https://x.cz>) (3) (`code`)") == "(<https://x.cz>) (3) (`code`)"
    )


def test_czech_office_names_in_hand_written_arabic_read_left_to_right(
    served_site: str, browser: Browser
) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    page.goto(f"{served_site}/ar/emergency/")
    name = _drawn(page, "article", "Ministerstvo vnitra, OAMP")
    page.close()
    assert all(c["isolated"] for c in name) and _reads_left_to_right(name)


SAMPLES = [
    "مركز الاندماج في براغ (Integrační centrum Praha, o.p.s.)",
    "أرسل رسالة إلى 724 003 333. المكالمة مجانية.",
    "العنوان: Havlíčkovo nám. 700/9, 130 00 Praha 3",
    "قانون (Sb.) ثم Polní 3 (Brno) وهنا",
    "Praha",
]


def test_the_browser_isolates_latin_runs_as_the_pages_do(
    served_site: str, browser: Browser
) -> None:
    """Finder cards and map popups are built in the browser (assets/directory-bidi.js): the
    same runs as `isolate_latin` writes into the pages, on an Arabic page."""
    page = browser.new_page()
    page.goto(f"{served_site}/ar/finder/")
    drawn = page.evaluate(
        """samples => samples.map(s =>
            window.RozcestnikBidi.isolated(document.createElement('p'), s).innerHTML)""",
        SAMPLES,
    )
    page.goto(f"{served_site}/en/finder/")
    left_to_right = page.evaluate(
        "s => window.RozcestnikBidi.isolated(document.createElement('p'), s).innerHTML",
        SAMPLES[0],
    )
    page.close()
    assert drawn == [str(isolate_latin(sample)) for sample in SAMPLES]
    assert left_to_right == SAMPLES[0]  # a left-to-right page: plain text


def test_leaflet_text_isolates_the_same_runs_with_unicode_marks() -> None:
    """Leaflets (their page and their PDF) are not HTML: LRI/PDI marks stand for <bdi>."""
    for sample in SAMPLES:
        marked = isolate_latin_marks(sample)
        as_html = marked.replace("\u2066", '<bdi dir="ltr">').replace("\u2069", "</bdi>")
        assert as_html == str(isolate_latin(sample)), sample
    assert (
        isolate_latin_marks("الاثنين–الخميس 09:00–17:00")
        == "الاثنين–الخميس \u206609:00–17:00\u2069"
    )
