"""Page text for records: one Markdown file per service and organisation, plus list pages.

The body is an HTML block that Markdown passes through untouched; Jinja's autoescape makes
every text from YAML inert, and the front-matter title is escaped because Material prints
`page.meta.title` unescaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import phonenumbers
from markupsafe import escape

from .catalogue import Catalogue, catalogue
from .dataset import Directory
from .localized import Shown, pick
from .models import DAYS, OpeningHours, Organisation, Service

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    """A generated page: its path inside the docs folder, plain-text title and HTML body."""

    path: str
    title: str
    body: str

    def markdown(self) -> str:
        title = json.dumps(str(escape(self.title)), ensure_ascii=False)
        return f"---\ntitle: {title}\n---\n\n{self.body}\n"


@dataclass(frozen=True)
class HoursRow:
    days: str
    times: str


class PageWriter:
    """Renders the pages of one language from a validated directory."""

    def __init__(self, directory: Directory, language: str) -> None:
        self.directory = directory
        self.language = language
        self.t: Catalogue = catalogue(language)

    @cached_property
    def _environment(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=False,
        )
        env.globals.update(
            t=self.t,
            format_date=self.t.date,
            language_name=self.t.language_name,
            paragraphs=paragraphs,
            phone_display=phone_display,
            hours_rows=self.hours_rows,
            places=self.directory.places,
        )
        return env

    def _render(self, template: str, base: str, **context: Any) -> str:
        def link(kind: str, record_id: str) -> str:
            return f"{base}{kind}/{record_id}/"

        def localized(text: dict[str, str]) -> Shown:
            return pick(text, self.language, context.get("machine"))

        html = self._environment.get_template(template).render(link=link, pick=localized, **context)
        # No blank lines: Markdown must see the whole body as one raw HTML block.
        return "\n".join(line for line in html.splitlines() if line.strip())

    def title(self, text: dict[str, str]) -> str:
        return pick(text, self.language).text

    def service(self, service: Service) -> Page:
        organisation = self.directory.organisations[service.organisation]
        locations = [loc for loc in organisation.locations if loc.id in service.locations]
        body = self._render(
            "service.html",
            "../../",
            service=service,
            organisation=organisation,
            categories=[self.directory.categories[c] for c in service.categories],
            languages=self.directory.service_languages(service),
            locations=locations,
            areas=[self.directory.places[p] for p in service.areas or []],
            machine=service.machine_translated,
        )
        return Page(f"services/{service.id}.md", self.title(service.name), body)

    def organisation(self, organisation: Organisation) -> Page:
        body = self._render(
            "organisation.html",
            "../../",
            organisation=organisation,
            services=self.directory.services_of(organisation.id),
            machine=organisation.machine_translated,
        )
        return Page(f"organisations/{organisation.id}.md", self.title(organisation.name), body)

    def listing(self, kind: str) -> Page:
        records: list[Service] | list[Organisation] = list(getattr(self.directory, kind).values())
        records.sort(key=lambda record: self.title(record.name).casefold())
        title = self.t("all_services" if kind == "services" else "all_organisations")
        body = self._render(
            "list.html", "../", kind=kind, title=title, records=records, count=len(records)
        )
        return Page(f"{kind}/index.md", title, body)

    def all_pages(self) -> Iterator[Page]:
        for service in self.directory.services.values():
            yield self.service(service)
        for organisation in self.directory.organisations.values():
            yield self.organisation(organisation)
        yield self.listing("services")
        yield self.listing("organisations")

    def hours_rows(self, hours: list[OpeningHours]) -> list[HoursRow]:
        """One row per day in week order, so a reader finds "Tuesday" without decoding ranges."""
        rows = []
        for index, day in enumerate(DAYS):
            times = sorted((h.opens, h.closes) for h in hours if day in h.days)
            if times:
                text = ", ".join(f"{opens}–{closes}" for opens, closes in times)
                rows.append(HoursRow(self.t.day_name(index), text))
        return rows


def paragraphs(text: str) -> list[str]:
    """Plain text split at blank lines (the record format's paragraph rule)."""
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


def phone_display(e164: str) -> str:
    return phonenumbers.format_number(
        phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
