"""Search indexing beside the build (directory.build.search): one Pagefind run a language."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest
import yaml
from directory.render.renderer import Renderer
from directory.text.catalogue import catalogue
from directory.text.languages import SITE_LANGUAGES

from .conftest import DATA

if TYPE_CHECKING:  # Playwright only when a browser test runs
    from playwright.sync_api import Browser, Page


def test_a_page_is_found_first_by_its_own_terms_and_then_by_those_it_mentions() -> None:
    """ "ПМЖ" belongs to the residence need: its page and a residence office have it among
    their own terms; an insurer whose text names permanent residence only mentions it, and
    search weighs mentions lower (search.html)."""
    renderer = Renderer(DATA, "ru")
    need = renderer.search_terms(["residence"])
    office = DATA.services["oamp-prague-residence-permits"]
    insurer = DATA.services["vzp-foreigners-public-insurance"]
    office_words = renderer.search_terms(office.categories, office)
    insurer_words = renderer.search_terms(insurer.categories, insurer)
    for own in (need, office_words):
        assert "ПМЖ" in own["terms"].split(" · ")
        assert "povolení k pobytu" in own["terms"].split(" · ")  # Czech, from search-terms.yaml
    assert "ПМЖ" in insurer_words["mentions"].split(" · ")
    assert "ПМЖ" not in insurer_words["terms"].split(" · ")


# What readers type, and the pages that must answer (tests/search-queries.yaml).
QUERIES = Path(__file__).with_name("search-queries.yaml")
PASS_RATE = 0.95


@dataclass(frozen=True)
class Query:
    language: str
    text: str
    expects: frozenset[str]  # "services/<id>": one of them among the first three results


def reader_queries() -> list[Query]:
    """The query set, each query's expectation resolved to page paths."""
    document = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    groups: dict[str, list[str]] = document["groups"]
    return [
        Query(
            language,
            str(entry["query"]),
            frozenset(groups[expects] if isinstance(expects := entry["expects"], str) else expects),
        )
        for language, entries in document["queries"].items()
        for entry in entries
    ]


def first_results(page: Page, address: str) -> list[str]:
    """The addresses the Pagefind UI lists first for a search page address (`…/search/?q=…`),
    once the search is done (its result list is there, maybe empty) and the first three
    results (or all, if fewer) have drawn."""
    page.goto(address)
    page.wait_for_function(
        """() => {
            if (!document.querySelector(".pagefind-ui__results")) return false;  // searching
            const shown = document.querySelectorAll(".pagefind-ui__result").length;
            const drawn = document.querySelectorAll(".pagefind-ui__result-link").length;
            return drawn >= Math.min(3, shown);
        }""",
        timeout=15_000,
    )
    links: list[str] = page.eval_on_selector_all(
        ".pagefind-ui__result-link", "els => els.slice(0, 3).map(e => e.getAttribute('href'))"
    )
    return links


def search_report(browser: Browser, site: Path, address: str) -> tuple[dict[str, float], list[str]]:
    """Each query of the set run on the built `site` served at `address`: the pass rate by
    language, and what each failed query found instead."""
    passed: dict[str, list[bool]] = {}
    failures: list[str] = []
    page = browser.new_page()
    for query in reader_queries():
        missing = [
            p for p in query.expects if not (site / query.language / p / "index.html").is_file()
        ]
        assert not missing, (
            f"{QUERIES.name}: {query.text!r} expects pages that do not exist: {missing}"
        )
        found = first_results(page, f"{address}/{query.language}/search/?q={quote(query.text)}")
        ok = any(link.strip("/").split("/", 1)[-1] in query.expects for link in found)
        passed.setdefault(query.language, []).append(ok)
        if not ok:
            failures.append(f"{query.language} {query.text!r}: {found}")
    page.close()
    return {code: sum(oks) / len(oks) for code, oks in passed.items()}, failures


def test_readers_words_find_their_pages(
    real_site: Path, served_site: str, browser: Browser, capsys: pytest.CaptureFixture[str]
) -> None:
    """Official terms, everyday words and Czech words typed in every language's search find
    the records and needs they name among the first three results."""
    rates, failures = search_report(browser, real_site, served_site)
    with capsys.disabled():
        print(
            "\nsearch pass rate:", ", ".join(f"{code} {rate:.0%}" for code, rate in rates.items())
        )
        print("\n".join(f"  failed: {failure}" for failure in failures))
    total = len(reader_queries())
    assert set(rates) == set(SITE_LANGUAGES)
    assert (total - len(failures)) / total >= PASS_RATE, failures


def _excerpts(page: Page, address: str) -> list[str]:
    """The HTML of the excerpts the Pagefind UI shows, and of any metadata it lists."""
    first_results(page, address)
    excerpts: list[str] = page.eval_on_selector_all(
        ".pagefind-ui__result-excerpt, .pagefind-ui__result-tags",
        "els => els.map(e => e.innerHTML)",
    )
    return excerpts


def test_excerpts_show_the_pages_words_not_its_furniture(
    served_site: str, browser: Browser
) -> None:
    """Result excerpts quote a page's own text: never the map's help, a notice every record
    has, or the list of words the page is found by; a preposition in the query ("k", "на")
    is not highlighted inside other words."""
    page = browser.new_page()
    for language, query in [
        ("uk", "віза"),
        ("ru", "вид на жительство"),
        ("cs", "povolení k pobytu"),
    ]:
        t = catalogue(language)
        excerpts = _excerpts(page, f"{served_site}/{language}/search/?q={quote(query)}")
        assert excerpts, query
        for excerpt in excerpts:
            assert t("map_help")[:25] not in excerpt, (query, excerpt)
            assert t("may_be_outdated")[:25] not in excerpt, (query, excerpt)
            assert t("machine_translated")[:20] not in excerpt, (query, excerpt)
            assert " · " not in excerpt, (query, excerpt)  # the words the page is found by
            marked = [m.casefold() for m in re.findall(r"<mark>([^<]*)</mark>", excerpt)]
            assert not [m for m in marked if len(m.strip(".,;:()")) <= 2], (query, excerpt)
    page.close()


def _fragments(site: Path, language: str) -> list[dict[str, Any]]:
    """The search results' stored pages (Pagefind fragments: gzip, a signature, JSON)."""
    fragments = []
    for path in sorted((site / language / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragments.append(json.loads(data[data.index(b"{") :]))
    return fragments


def test_results_carry_no_pictures(real_site: Path) -> None:
    """A result a phone downloads holds the page's text, not the print-only QR code Pagefind
    would take for the page's picture (results show none): 4-5 KB more a result, and half of
    each index's time went to them."""
    for language in SITE_LANGUAGES:
        fragments = _fragments(real_site, language)
        assert len(fragments) > 200, language
        pictured = [f["url"] for f in fragments if f["meta"].get("image")]
        assert not pictured, (language, pictured[:3])
        record = next(f for f in fragments if f["url"].startswith("/services/"))
        assert len(json.dumps(record)) < 8_000, (language, record["url"])
