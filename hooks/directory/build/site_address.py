"""The site's public address, which every QR code, canonical address and sitemap entry uses,
and the editors' e-mail address, where readers report problems.

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
    _refuse_in_deployment(
        environment,
        is_placeholder(address),
        f"the site address is the placeholder {address!r}: every QR code, canonical address "
        "and sitemap entry would point nowhere. Set SITE_URL to the published address "
        "(the deploy workflow takes it from GitHub Pages) or site_url in mkdocs.yml.",
    )
    return address


def _refuse_in_deployment(environment: Mapping[str, str], placeholder: bool, why: str) -> None:
    """A local build goes on with a placeholder; a deployment (`ROZCESTNIK_DEPLOY=1`) stops."""
    if placeholder and environment.get("ROZCESTNIK_DEPLOY") == "1":
        raise ValueError(why)


PLACEHOLDER_EMAIL_DOMAINS = ("example.org", "example.com", "example.net")


def is_placeholder_email(address: str) -> bool:
    domain = address.rpartition("@")[2].lower()
    return (
        not domain
        or domain in PLACEHOLDER_EMAIL_DOMAINS
        or domain.endswith(tuple(f".{placeholder}" for placeholder in PLACEHOLDER_EMAIL_DOMAINS))
    )


def editors_email(configured: str, environment: Mapping[str, str]) -> str:
    """The editors' address (mkdocs.yml `extra.editors_email`), where every record page's
    "report by e-mail" link and the about pages lead. Raises ValueError when a deployment would
    publish a placeholder: readers' reports would go nowhere."""
    address = configured.strip()
    _refuse_in_deployment(
        environment,
        is_placeholder_email(address),
        f"the editors' e-mail address is the placeholder {address!r}: every report sent from "
        "a record page and the contact on the about pages would go nowhere. Set "
        "extra.editors_email in mkdocs.yml to the address the editors read.",
    )
    return address
