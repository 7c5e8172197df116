"""A generated page, and the addresses that lead out of the site (edit, report)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from markupsafe import escape

from directory.render.urls import page_address


@dataclass(frozen=True)
class Page:
    """A generated page: its path inside the docs folder, plain-text title, and how to make
    its HTML body.

    The docs folder gets only a placeholder (`markdown()`: the front matter); the build asks
    for the body when it reaches the page and puts it in place of the placeholder's empty
    content. Markdown never parses the body: on 37,500 pages, passing raw HTML through it cost
    more than the theme's whole build (2.4 ms a page against 0.08 ms for an empty one)."""

    path: str
    title: str
    render: Callable[[], str] = field(repr=False, compare=False)
    has_map: bool = False  # the theme loads Leaflet only on pages with a map

    @property
    def body(self) -> str:
        """Made anew on each call: the build keeps no bodies of pages it has written."""
        return self.render()

    def markdown(self) -> str:
        title = json.dumps(str(escape(self.title)), ensure_ascii=False)
        meta = "map: true\n" if self.has_map else ""
        return f"---\ntitle: {title}\n{meta}---\n"


@dataclass(frozen=True)
class _Item:
    id: str
    label: str


@dataclass(frozen=True)
class SiteLinks:
    """Where the site and its data live, for links that leave the page (edit, report)."""

    site_url: str = ""  # e.g. https://rozcestnik.example.org/
    repository: str = ""  # e.g. https://github.com/owner/repo (GitHub)
    branch: str = "main"
    editors_email: str = ""  # mkdocs.yml extra.editors_email: reports without an account

    def page(self, kind: str, record_id: str, language: str) -> str:
        return page_address(self.site_url, language, kind, record_id)

    def edit(self, kind: str, record_id: str) -> str:
        """The record's YAML file in GitHub's web editor."""
        return f"{self.repository}/edit/{self.branch}/data/{kind}/{record_id}.yaml"

    def report(self, kind: str, record_id: str, language: str) -> str:
        """A new-issue form filled with what an editor needs; no server, no tracking."""
        query = urlencode(
            {
                "title": f"Problem in {kind}/{record_id}",
                "body": self._facts(kind, record_id, language),
            }
        )
        return f"{self.repository}/issues/new?{query}"

    def report_email(
        self, kind: str, record_id: str, language: str, subject: str, prompt: str
    ) -> str:
        """A `mailto:` to the editors, for a reader without a GitHub account: the subject
        (in the reader's language) names the record, the body asks what is wrong and ends with
        the facts an editor needs (in English, the editors' working language with Czech)."""
        body = f"{prompt}\n\n\n---\n{self._facts(kind, record_id, language)}"
        query = urlencode({"subject": subject, "body": body}, quote_via=quote)
        return f"mailto:{self.editors_email}?{query}"

    def _facts(self, kind: str, record_id: str, language: str) -> str:
        page = self.page(kind, record_id, language)
        return f"Record: data/{kind}/{record_id}.yaml\nLanguage: {language}\nPage: {page}\n"
