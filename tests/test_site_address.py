"""The site's public address: set by the deployment, never a placeholder on a published site
(every QR code on a printed leaflet points to it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from directory.build.site_address import (
    editors_email,
    is_placeholder,
    is_placeholder_email,
    site_address,
)

from .conftest import SAMPLE_DATA, make_site_project, mkdocs_build

PLACEHOLDER = "https://rozcestnik.example.org/"


def test_the_deployment_sets_the_address() -> None:
    environment = {"SITE_URL": "https://rozcestnik.github.io/rozcestnik", "ROZCESTNIK_DEPLOY": "1"}
    assert site_address(PLACEHOLDER, environment) == "https://rozcestnik.github.io/rozcestnik/"
    assert site_address("https://pomoc.example.cz/", {}) == "https://pomoc.example.cz/"


@pytest.mark.parametrize("address", [PLACEHOLDER, "", "http://localhost:8000/"])
def test_a_deployment_refuses_a_placeholder(address: str) -> None:
    assert is_placeholder(address)
    with pytest.raises(ValueError, match="placeholder"):
        site_address(address, {"ROZCESTNIK_DEPLOY": "1"})
    assert site_address(address, {}) == address.rstrip("/") + "/"  # a local build goes on


def test_a_build_for_deployment_stops_on_the_placeholder(tmp_path: Path) -> None:
    project = make_site_project(tmp_path, SAMPLE_DATA)
    result = mkdocs_build(project, {"ROZCESTNIK_DEPLOY": "1", "SITE_URL": ""})
    assert result.returncode != 0
    assert "the site address is the placeholder 'https://rozcestnik.example.org/'" in result.stderr
    assert not (project / "site" / "index.html").exists()


EDITORS_PLACEHOLDER = "editors@rozcestnik.example.org"


def test_the_editors_address_is_real_or_refused_by_a_deployment() -> None:
    assert not is_placeholder_email("redakce@rozcestnik.cz")
    assert editors_email(" redakce@rozcestnik.cz ", {"ROZCESTNIK_DEPLOY": "1"}) == (
        "redakce@rozcestnik.cz"
    )
    for placeholder in (EDITORS_PLACEHOLDER, "", "someone@example.com"):
        assert is_placeholder_email(placeholder)
        assert editors_email(placeholder, {}) == placeholder  # a local build goes on
        with pytest.raises(ValueError, match="editors' e-mail address is the placeholder"):
            editors_email(placeholder, {"ROZCESTNIK_DEPLOY": "1"})


def test_a_build_for_deployment_stops_on_the_placeholder_editors_address(tmp_path: Path) -> None:
    project = make_site_project(tmp_path, SAMPLE_DATA)
    environment = {"ROZCESTNIK_DEPLOY": "1", "SITE_URL": "https://rozcestnik.github.io/rozcestnik"}
    result = mkdocs_build(project, environment)
    assert result.returncode != 0
    assert (
        f"the editors' e-mail address is the placeholder '{EDITORS_PLACEHOLDER}'" in result.stderr
    )
    assert not (project / "site" / "index.html").exists()
