"""Reporting a problem without a GitHub account (issue 19, item 7): every record page has a
`mailto:` to the editors naming the record, the page and the language; the about pages show the
editors' address; the contribute page exists in every language."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from directory.render.page import SiteLinks
from directory.text.catalogue import catalogue
from directory.text.languages import SITE_LANGUAGES
from directory.text.localized import pick

from .conftest import DATA, ROOT

EDITORS = "editors@rozcestnik.example.org"  # mkdocs.yml extra.editors_email (a placeholder)
SITE = "https://rozcestnik.example.org"


def _configured_email() -> str:
    found = re.search(r"^  editors_email: (\S+)$", (ROOT / "mkdocs.yml").read_text(), re.M)
    assert found
    return found.group(1)


def _mailto(page: str) -> tuple[str, dict[str, str]]:
    found = re.search(r'<a class="record__report-email" href="(mailto:[^"]+)"', page)
    assert found, "no report-by-e-mail link"
    parts = urlsplit(html.unescape(found.group(1)))
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    return unquote(parts.path), query


def test_the_mailto_encodes_spaces_and_line_breaks_for_mail_programs() -> None:
    links = SiteLinks(site_url=f"{SITE}/", editors_email=EDITORS)
    address = links.report_email("services", "x", "uk", "Помилка в Rozcestník: Х & Y", "Що?")
    assert "+" not in address  # mail programs read "+" as a plus, not a space
    assert "%0A" in address and "%26" in address


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_record_pages_offer_a_report_by_email(real_site: Path, language: str) -> None:
    t = catalogue(language)
    for kind, record in (
        ("services", next(iter(DATA.services.values()))),
        ("organisations", next(iter(DATA.organisations.values()))),
    ):
        page = (real_site / language / kind / record.id / "index.html").read_text(encoding="utf-8")
        address, query = _mailto(page)
        assert address == _configured_email() == EDITORS
        title = pick(record.name, language).text
        assert query["subject"] == t("report_email_subject", record=title)
        body = query["body"]
        assert body.startswith(t("report_email_prompt"))
        assert f"Record: data/{kind}/{record.id}.yaml" in body
        assert f"Language: {language}" in body
        assert f"Page: {SITE}/{language}/{kind}/{record.id}/" in body
        assert f">{html.escape(t('report_by_email'), quote=False)}</a>" in page


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_about_and_contribute_pages_show_the_editors_address(
    real_site: Path, language: str
) -> None:
    t = catalogue(language)
    for path in ("about", "contribute"):
        page = (real_site / language / path / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in page
        contact = re.search(r'<p class="editors-contact">(.*?)</p>', page, re.S)
        assert contact, f"/{language}/{path}/ does not say how to reach the editors"
        assert html.escape(t("editors_contact"), quote=False) in contact.group(1)
        assert f'href="mailto:{EDITORS}"' in contact.group(1)
        assert "directory:editors" not in page  # the marker was replaced
    assert (ROOT / "content" / f"contribute.{language}.md").is_file()
