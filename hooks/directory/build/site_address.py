"""The site's public address, which every QR code, canonical address and sitemap entry uses.

A deployment sets it from where the site is hosted (`SITE_URL`, e.g. from GitHub Pages'
`configure-pages` step); `mkdocs.yml` keeps only a placeholder for local builds. A build for
deployment (`ROZCESTNIK_DEPLOY=1`) refuses the placeholder: printed leaflets would carry QR
codes that point nowhere."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

PLACEHOLDER_HOSTS = ("rozcestnik.example.org", "example.org", "example.com", "localhost")


def is_placeholder(site_url: str) -> bool:
    host = urlsplit(site_url).hostname or ""
    return not host or host in PLACEHOLDER_HOSTS or host.endswith((".example.org", ".example.com"))


def site_address(configured: str, environment: Mapping[str, str]) -> str:
    """The address to build with: `SITE_URL` when set, else the configured one; always ending
    in "/". Raises ValueError when a deployment would publish a placeholder."""
    address = environment.get("SITE_URL", "").strip() or configured
    address = address.rstrip("/") + "/"
    if environment.get("ROZCESTNIK_DEPLOY") == "1" and is_placeholder(address):
        raise ValueError(
            f"the site address is the placeholder {address!r}: every QR code, canonical address "
            "and sitemap entry would point nowhere. Set SITE_URL to the published address "
            "(the deploy workflow takes it from GitHub Pages) or site_url in mkdocs.yml."
        )
    return address
