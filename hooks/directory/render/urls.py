"""Page addresses: the one place they are made. Every generated page lives at
`<language>/<section>/<id>/` (`services/x/`, `places/brno/`, `leaflets/bor/`); links between
pages of a language are relative to that language's root, addresses that leave the site (QR
codes, open data, reports) start at the site's address."""

from __future__ import annotations


def page_path(section: str, page_id: str) -> str:
    """A page's address relative to its language's root: `services/x/`."""
    return f"{section}/{page_id}/"


def placeholder(section: str, page_id: str) -> str:
    """The page's placeholder in the docs folder, before the language suffix: `services/x.md`
    (MkDocs with directory URLs serves it at `page_path`)."""
    return f"{section}/{page_id}.md"


def full_address(site_url: str, language: str, path: str = "") -> str:
    """An address that works outside the site: `https://…/uk/services/x/`."""
    return f"{site_url.rstrip('/')}/{language}/{path}"


def page_address(site_url: str, language: str, section: str, page_id: str) -> str:
    return full_address(site_url, language, page_path(section, page_id))
