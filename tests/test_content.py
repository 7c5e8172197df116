"""The directory's content: first-step guides, interpreters, emergency and police contacts."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from directory.text.languages import SITE_LANGUAGES

from .conftest import DATA

GUIDES = (
    "index",
    "residence",
    "temporary-protection",
    "health",
    "school",
    "czech-courses",
    "for-clerks",
)


def _content(page: str) -> str:
    """The page's article, without the theme's navigation."""
    return page.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_every_guide_exists_and_its_category_links_resolve(real_site: Path, language: str) -> None:
    for guide in GUIDES:
        path = f"{language}/guides/" + ("" if guide == "index" else f"{guide}/")
        page = (real_site / path / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in page
        content = _content(page)
        links = re.findall(r'href="([^"]+)"', content)
        if guide == "index":
            assert sum(1 for link in links if not link.startswith("http")) >= 5
            continue
        categories = [link for link in links if "categories/" in link]
        assert categories, f"{path} links to no category"
        for link in categories:
            target = urlsplit(urljoin(f"http://site/{path}", link)).path
            assert target.startswith(f"/{language}/categories/"), (path, link)
            assert (real_site / target.lstrip("/") / "index.html").is_file(), (path, link)
        assert any(link.startswith("https://") for link in links), f"{path} cites no source"


def test_enough_services_and_every_organisation_kind() -> None:
    assert len(DATA.services) >= 60
    kinds = {organisation.kind for organisation in DATA.organisations.values()}
    assert {"ngo", "public-authority", "healthcare", "police", "education"} <= kinds


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_interpreters_page_groups_services_by_language(real_site: Path, language: str) -> None:
    page = _content((real_site / language / "interpreters/index.html").read_text(encoding="utf-8"))
    wanted = {"interpreting", "intercultural-work"}
    services = [s for s in DATA.services.values() if wanted & set(s.categories)]
    assert services
    for service in services:
        assert f'href="../services/{service.id}/"' in page
    spoken = {code for s in services for code in DATA.service_languages(s)}
    for code in spoken:
        assert f'<h2 id="{code}">' in page
    # Court interpreters by language: the Ministry of Justice's public list.
    assert 'href="https://tlumocnici.justice.cz/kdo-je-tlumocnik/jak-vybrat-tlumocnika/"' in page


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_emergency_page_lists_numbers_and_police_contacts(real_site: Path, language: str) -> None:
    page = _content((real_site / language / "emergency/index.html").read_text(encoding="utf-8"))
    for number in ("112", "150", "155", "156", "158"):
        assert f'href="tel:{number}"' in page
    police = [o for o in DATA.organisations.values() if o.kind == "police"]
    assert police
    for organisation in police:
        assert f'href="../organisations/{organisation.id}/"' in page
        for phone in organisation.phones:
            assert f'href="tel:{phone.number}"' in page
    assert "<!-- directory:" not in page


def test_coverage_counts_services_and_marks_gaps(real_site: Path) -> None:
    located, _ = DATA.services_in("brno")
    legal_in_brno = sum(1 for s in located if "legal-counselling" in s.categories)
    assert legal_in_brno > 0
    for language in SITE_LANGUAGES:
        page = _content((real_site / language / "coverage/index.html").read_text(encoding="utf-8"))
        finder = "../finder/?need=legal-counselling&amp;place=brno"
        assert f'<a href="{finder}">{legal_in_brno}</a>' in page
        assert re.search(r'<td class="coverage-gap">.*?<small>\+\d+</small>', page)
        assert 'class="coverage-gap"' in page  # Bor has no legal counselling, for one
        for link in set(re.findall(r'href="(\.\./(?:finder|categories)/[^"#?]*)', page)):
            target = urlsplit(urljoin(f"http://site/{language}/coverage/", link)).path
            assert (real_site / target.lstrip("/") / "index.html").is_file(), link


def test_every_page_title_names_the_site_once(real_site: Path) -> None:
    """A browser tab, a bookmark and a search result name the page and the site ("Domů -
    Rozcestník"), or the site alone on the root picker and the "not found" page (one for all
    languages): never the name twice ("O Rozcestníku" is the name declined), never nothing."""
    titles = {
        page: re.search(r"<title>([^<]*)</title>", page.read_text(encoding="utf-8"))
        for page in real_site.rglob("*.html")
        if "admin" not in page.parts
    }
    assert len(titles) > 500
    for page, title in titles.items():
        assert title is not None, page
        if page in (real_site / "index.html", real_site / "404.html"):
            assert title.group(1) == "Rozcestník", page
            continue
        assert len(re.findall(r"Rozcestník\b", title.group(1))) == 1, (page, title.group(1))
        assert re.sub(r"Rozcestník\b|[-—\s]", "", title.group(1)), page
