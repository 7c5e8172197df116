"""The sitemap index (directory.build.sitemaps): one sitemap per language, each within the
protocol's limits, every page of MkDocs' sitemap kept with its alternates."""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.etree import ElementTree

from directory.build.sitemaps import publish_sitemaps, split_sitemap
from directory.text.languages import PICKER_LOCALE, SITE_LANGUAGES

SITE = "https://example.org/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _entry(path: str) -> str:
    links = "".join(
        f'<xhtml:link rel="alternate" hreflang="{code}" href="{SITE}{code}/{path}"/>'
        for code in SITE_LANGUAGES
    )
    return f"<url><loc>{SITE}{path}</loc><lastmod>2026-12-02</lastmod>{links}</url>"


def _mkdocs_sitemap(paths: list[str]) -> str:
    entries = "\n".join(f"    {_entry(path)}" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        'sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        f"{entries}\n</urlset>\n"
    )


def _locs(xml: str) -> list[str]:
    root = ElementTree.fromstring(xml)
    return [str(url.findtext("s:loc", namespaces=NS)) for url in root.findall("s:url", NS)]


def test_each_language_gets_a_file_and_no_page_is_lost() -> None:
    paths = ["", "uk/", "uk/about/", "ar/services/a/", "cs/", "vi/map/"]
    files = split_sitemap(_mkdocs_sitemap(paths), SITE)
    assert set(files) == {"root.xml", "uk.xml", "ar.xml", "cs.xml", "vi.xml"}
    assert _locs(files["uk.xml"]) == [f"{SITE}uk/", f"{SITE}uk/about/"]
    assert sorted(loc for text in files.values() for loc in _locs(text)) == sorted(
        SITE + path for path in paths
    )
    alternates = ElementTree.fromstring(files["ar.xml"]).findall("s:url/x:link", NS)
    assert len(alternates) == len(SITE_LANGUAGES)


def test_a_language_past_the_limits_is_split() -> None:
    paths = [f"uk/services/{n}/" for n in range(25)]
    by_count = split_sitemap(_mkdocs_sitemap(paths), SITE, max_addresses=10)
    assert list(by_count) == ["uk.xml", "uk-2.xml", "uk-3.xml"]
    assert [len(_locs(text)) for text in by_count.values()] == [10, 10, 5]
    limit = 4000
    by_size = split_sitemap(_mkdocs_sitemap(paths), SITE, max_bytes=limit)
    assert len(by_size) > 1
    assert all(len(text.encode()) <= limit for text in by_size.values())
    assert sum(len(_locs(text)) for text in by_size.values()) == len(paths)


def test_published_index_names_every_file(tmp_path: Path) -> None:
    sitemap = _mkdocs_sitemap(["", "uk/", "en/"]).replace(
        'hreflang="cs"', f'hreflang="{PICKER_LOCALE}"'
    )
    (tmp_path / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    names = publish_sitemaps(tmp_path, SITE)
    index = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    listed = [loc.text for loc in ElementTree.fromstring(index).findall("s:sitemap/s:loc", NS)]
    assert listed == [f"{SITE}sitemaps/{name}" for name in names]
    assert all((tmp_path / "sitemaps" / name).is_file() for name in names)
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode() == index
    assert "Sitemap: https://example.org/sitemap.xml\n" in (tmp_path / "robots.txt").read_text()
    uk = (tmp_path / "sitemaps/uk.xml").read_text(encoding="utf-8")
    assert 'hreflang="x-default"' in uk and f'hreflang="{PICKER_LOCALE}"' not in uk
