"""Six languages: every page in every language, honest fallbacks, switcher, hreflang, search."""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, get_args
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from directory.data.models import Access, Cost, OrganisationKind, Wheelchair
from directory.render.lists import _LIST_TITLES
from directory.text.catalogue import CATALOGUES, catalogue
from directory.text.languages import PICKER_LOCALE, SITE_LANGUAGES, native_name, text_direction

from .conftest import DATA, ROOT, search_results

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser

TEMPLATES = ROOT / "hooks" / "directory" / "render" / "templates"


def test_mkdocs_languages_are_the_site_languages() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    locales = [language["locale"] for language in i18n["languages"]]
    assert locales == [PICKER_LOCALE, *SITE_LANGUAGES]
    for language in i18n["languages"][1:]:
        assert language["name"] == native_name(language["locale"])
    # The root picker's entry in the language menu: letters every font has, no emoji or symbol
    # (a phone without the glyph showed an empty box as the menu's first entry).
    picker = i18n["languages"][0]["name"]
    assert picker and all(unicodedata.category(c)[0] in "LPZ" for c in picker), picker


def test_native_names_are_in_their_own_script() -> None:
    assert [native_name(code) for code in SITE_LANGUAGES] == [
        "Čeština",
        "English",
        "Українська",
        "Русский",
        "Tiếng Việt",
        "العربية",
    ]


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_catalogue_is_complete(language: str) -> None:
    english = yaml.safe_load((CATALOGUES / "en.yaml").read_text(encoding="utf-8"))
    strings = catalogue(language).strings
    assert set(strings) == set(english), "keys must equal en.yaml's"
    for key, text in strings.items():
        assert text.strip(), f"{language}: {key} is empty"
        placeholders = set(re.findall(r"{(\w+)}", text))
        assert placeholders == set(re.findall(r"{(\w+)}", english[key])), key
        if language != "en" and len(english[key]) > 12:
            assert text != english[key], f"{language}: {key} is still in English"


def test_every_key_the_pages_use_exists_in_the_catalogue() -> None:
    english = set(yaml.safe_load((CATALOGUES / "en.yaml").read_text(encoding="utf-8")))
    sources = [*TEMPLATES.glob("*.html"), *(ROOT / "hooks" / "directory").rglob("*.py")]
    assert len(sources) > 30, "the templates and the core's modules are where they were"
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    used = set(re.findall(r"""\bt\(\s*"([a-z_-]+)"\s*[,)]""", text))
    used |= set(_LIST_TITLES.values())
    for prefix, choices in {
        "cost_": get_args(Cost),
        "access_": get_args(Access),
        "wheelchair_": get_args(Wheelchair),
        "kind_": get_args(OrganisationKind),
    }.items():
        used |= {prefix + choice for choice in choices}
    assert len(used) > 40
    assert used <= english, used - english


def _page(site: Path, language: str, path: str) -> str:
    return (site / language / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_a_page_per_record_and_vocabulary_in_every_language(real_site: Path, language: str) -> None:
    expected = [
        *(f"services/{i}" for i in DATA.services),
        *(f"organisations/{i}" for i in DATA.organisations),
        *(f"categories/{i}" for i in DATA.categories),
        *(f"places/{i}" for i in DATA.places),
        *(f"languages/{code}" for code in DATA.spoken_languages()),
        "services",
        "organisations",
        "categories",
        "places",
        "languages",
        "search",
        "emergency",
        "about",
        "",
    ]
    for path in expected:
        page = _page(real_site, language, path)
        assert f'<html lang="{language}"' in page, path
        assert f'<body dir="{text_direction(language)}"' in page, path


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.head_alternates: list[str] = []
        self.switcher: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "alternate":
            self.head_alternates.append(str(found.get("href")))
        if tag == "a" and "md-select__link" in (found.get("class") or ""):
            self.switcher.append(str(found["href"]))


def _resolves(site: Path, page_url: str, href: str) -> bool:
    target = urlsplit(urljoin(page_url, href)).path.lstrip("/")
    return (site / target / "index.html").is_file() or (site / target).is_file()


_SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _sitemap_alternates(site: Path) -> dict[str, dict[str, str]]:
    """Each page's address in the sitemaps → its alternates by hreflang."""
    return {
        str(url.findtext("s:loc", namespaces=_SITEMAP)): {
            str(link.get("hreflang")): str(link.get("href"))
            for link in url.findall("x:link", _SITEMAP)
        }
        for part in sorted((site / "sitemaps").glob("*.xml"))
        for url in ElementTree.parse(part).getroot().findall("s:url", _SITEMAP)
    }


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_switcher_and_hreflang_lead_to_the_same_page(real_site: Path, language: str) -> None:
    """The language menu links the same page in every language; the sitemap declares those
    alternates for search engines. The head declares none: Material's script would download a
    sitemap for each of them on every page view."""
    alternates = _sitemap_alternates(real_site)
    service = next(iter(DATA.services))
    for path in (f"services/{service}", "categories/residence", "places/brno", "about"):
        links = _Links()
        links.feed(_page(real_site, language, path))
        assert links.head_alternates == [], path
        url = f"https://rozcestnik.example.org/{language}/{path}/"
        assert set(alternates[url]) - {"x-default"} == set(SITE_LANGUAGES), path
        for code in SITE_LANGUAGES:
            target = alternates[url][code]
            assert urlsplit(target).path == f"/{code}/{path}/", (path, code)
            assert _resolves(real_site, url, target)
        assert len(links.switcher) == len(SITE_LANGUAGES) + 1
        assert all(_resolves(real_site, url, href) for href in links.switcher)


def test_sitemap_index_lists_a_sitemap_per_language(real_site: Path) -> None:
    index = ElementTree.parse(real_site / "sitemap.xml").getroot()
    listed = [str(loc.text) for loc in index.findall("s:sitemap/s:loc", _SITEMAP)]
    site = "https://rozcestnik.example.org/"
    assert sorted(listed) == sorted(
        f"{site}sitemaps/{code}.xml" for code in [*SITE_LANGUAGES, "root"]
    )
    robots = (real_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {site}sitemap.xml\n" in robots
    for code in SITE_LANGUAGES:
        sitemap = (real_site / "sitemaps" / f"{code}.xml").read_text(encoding="utf-8")
        assert f"<loc>{site}{code}/about/</loc>" in sitemap
        assert f'hreflang="{code}" href="{site}{code}/about/"' in sitemap
        assert 'hreflang="zz"' not in sitemap
        assert sitemap.count("<loc>") == sitemap.count(f"<loc>{site}{code}/")


def test_root_lets_a_visitor_pick_a_language(real_site: Path) -> None:
    root = (real_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="mul"' in root
    for code in SITE_LANGUAGES:
        assert f'<a href="{code}/" lang="{code}" hreflang="{code}"' in root
        assert native_name(code) in root


# Every real record is translated; the sample data keeps a record in English and Czech only.
FALLBACK_SERVICE = "sample-legal-advice"


def test_fallback_text_carries_its_own_language(sample_site: Path) -> None:
    page = _page(sample_site, "uk", f"services/{FALLBACK_SERVICE}")
    assert re.search(r'<h1><span lang="en">[^<]+</span></h1>', page)
    assert 'class="record__text" lang="en"' in page
    assert catalogue("uk")("not_translated", language=catalogue("uk").language_name("en")) in page


def test_a_ukrainian_page_shows_no_english_interface_text(sample_site: Path) -> None:
    page = _page(sample_site, "uk", f"services/{FALLBACK_SERVICE}")
    # Drop record texts shown in another language (they carry their own lang attribute).
    interface = re.sub(r'<([a-z0-9]+)[^>]* lang="(?!uk)[a-z]+"[^>]*>.*?</\1>', "", page, flags=re.S)
    english = catalogue("en").strings
    ukrainian = catalogue("uk").strings
    for key, text in english.items():
        if text != ukrainian[key] and "{" not in text and len(text) > 3:
            assert text not in interface, key
    for chrome in ("Skip to content", "Back to top", "Select language"):
        assert chrome not in interface


@pytest.mark.parametrize("term", ["OAMP", "cizinecká policie"])
def test_search_finds_czech_official_terms_from_a_vietnamese_page(
    served_site: str, browser: Browser, term: str
) -> None:
    page = browser.new_page()
    page.goto(f"{served_site}/vi/search/?q={term}")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    links = page.eval_on_selector_all(
        ".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))"
    )
    assert links
    assert all(urlsplit(link).path.startswith("/vi/") for link in links), links
    page.close()


def test_each_language_has_its_own_search_index(real_site: Path) -> None:
    """A visitor downloads the index of the language they read, none at the site's root."""
    assert not (real_site / "pagefind").exists()
    for language in SITE_LANGUAGES:
        entry = json.loads((real_site / language / "pagefind/pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [language]
        assert entry["languages"][language]["page_count"] > len(DATA.services)


def test_search_leads_to_the_record_not_the_lists_repeating_it(
    served_site: str, browser: Browser
) -> None:
    """Need, place and language pages list services by name; they are not results for it."""
    links = search_results(browser, f"{served_site}/en/search/?q=Volunteers with an Accent")
    assert links[0] == "/en/services/amiga-volunteers-with-an-accent/"
    lists = ("/categories/", "/places/", "/languages/", "/interpreters/", "/freshness/")
    assert not [link for link in links if any(part in link for part in lists)], links


def test_machine_translation_is_marked(real_site: Path) -> None:
    service = next(s for s in DATA.services.values() if "uk" in s.machine_translated)
    assert service.description is not None and "uk" in service.description
    ukrainian = _page(real_site, "uk", f"services/{service.id}")
    assert catalogue("uk")("machine_translated") in ukrainian
    czech = _page(real_site, "cs", f"services/{service.id}")
    assert catalogue("cs")("machine_translated") not in czech
