"""The sitemap as an index of one sitemap per language.

MkDocs (with the i18n plugin) writes one `sitemap.xml` of every page of every language, each
with its alternates: 1.9 MB for the real data, and past the sitemap protocol's limits (50,000
addresses, 50 MB a file) a little above 5,000 services. Here it becomes `sitemap.xml`, an index
of `sitemaps/<language>.xml` (`-2`, `-3`… when a language outgrows a file), each page listed
once with the alternates MkDocs declared, the root picker as "x-default"."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from directory.text.languages import PICKER_LOCALE, SITE_LANGUAGES

MAX_ADDRESSES = 50_000  # the sitemap protocol's limits for one file
MAX_BYTES = 50 * 1024 * 1024

_URL = re.compile(r"<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>([^<]*)</loc>")
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
_TAIL = "</urlset>\n"


def x_default(html: str) -> str:
    """The root picker is the "x-default" alternate of every page (in pages and sitemaps),
    not a language."""
    return html.replace(f'hreflang="{PICKER_LOCALE}"', 'hreflang="x-default"')


def _language(entry: str, site_url: str) -> str:
    """The language folder of an entry's address; "root" for the picker's pages."""
    loc = _LOC.search(entry)
    path = loc.group(1).removeprefix(site_url) if loc else ""
    first = path.strip("/").split("/", 1)[0]
    return first if first in SITE_LANGUAGES else "root"


def _parts(entries: list[str], max_addresses: int, max_bytes: int) -> Iterator[list[str]]:
    """The entries in runs that each fit one file."""
    part: list[str] = []
    size = len(_HEAD) + len(_TAIL)
    for entry in entries:
        length = len(entry.encode()) + 5  # four spaces and a newline
        if part and (len(part) == max_addresses or size + length > max_bytes):
            yield part
            part, size = [], len(_HEAD) + len(_TAIL)
        part.append(entry)
        size += length
    if part:
        yield part


def split_sitemap(
    sitemap: str,
    site_url: str,
    max_addresses: int = MAX_ADDRESSES,
    max_bytes: int = MAX_BYTES,
) -> dict[str, str]:
    """MkDocs' sitemap → the text of each language's file by its name (`uk.xml`, `uk-2.xml`)."""
    by_language: dict[str, list[str]] = {}
    for entry in _URL.findall(sitemap):
        by_language.setdefault(_language(entry, site_url), []).append(entry)
    files = {}
    for language, entries in by_language.items():
        for number, part in enumerate(_parts(entries, max_addresses, max_bytes), start=1):
            name = f"{language}.xml" if number == 1 else f"{language}-{number}.xml"
            files[name] = _HEAD + "".join(f"    {entry}\n" for entry in part) + _TAIL
    return files


def sitemap_index(site_url: str, names: Iterable[str]) -> str:
    entries = "".join(
        f"    <sitemap><loc>{site_url}sitemaps/{name}</loc></sitemap>\n" for name in names
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</sitemapindex>\n"
    )


def publish_sitemaps(site_dir: Path, site_url: str) -> list[str]:
    """Replace MkDocs' sitemap with the index and the language files (the root picker as
    "x-default" in them), and write robots.txt naming the index. Returns the files' names."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return []
    site_url = site_url.rstrip("/") + "/"
    text = x_default(sitemap.read_text(encoding="utf-8"))
    files = split_sitemap(text, site_url)
    folder = site_dir / "sitemaps"
    folder.mkdir(exist_ok=True)
    for name, part in files.items():
        (folder / name).write_text(part, encoding="utf-8")
    index = sitemap_index(site_url, files)
    sitemap.write_text(index, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(index.encode(), mtime=0))
    robots = "User-agent: *\nAllow: /\n"
    if site_url != "/":  # the Sitemap line takes a full address
        robots += f"Sitemap: {site_url}sitemap.xml\n"
    (site_dir / "robots.txt").write_text(robots, encoding="utf-8")
    return list(files)
