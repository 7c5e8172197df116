"""Printable leaflets: one per town and district with services (leaflet_plan.py decides what
each holds), in every site language beside Czech (English beside Czech for the Czech one), as
a page of the site and as an A4 PDF made with WeasyPrint after the build."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from copy import copy
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path

from markupsafe import Markup, escape

from directory.data.dataset import Directory
from directory.data.freshness import format_partial_date
from directory.data.leaflet_plan import Plan, all_plans
from directory.data.models import DAYS, OpeningHours, Place, Service
from directory.render.maps import address_text
from directory.render.pages import (
    TEMPLATES,
    Page,
    PageWriter,
    SiteLinks,
    natural_order,
    phone_display,
)
from directory.render.qrcode import qr_img, qr_svg
from directory.text.catalogue import Catalogue, catalogue
from directory.text.languages import SITE_LANGUAGES, text_direction
from directory.text.localized import pick

LEAFLET_CSS = TEMPLATES / "leaflet.css"


def partner_language(language: str) -> str:
    """The language printed beside the reader's: Czech, or English on the Czech leaflet."""
    return "en" if language == "cs" else "cs"


@dataclass(frozen=True)
class Column:
    """One service's texts in one language of the leaflet."""

    language: str
    direction: str
    name: str
    name_language: str  # the name's real language: a record may lack a translation
    facts: str
    hours: str


@dataclass(frozen=True)
class Entry:
    service: Service
    columns: tuple[Column, Column]
    address: str
    phones: list[str]


def compact_hours(hours: list[OpeningHours], t: Catalogue) -> str:
    """Days with the same times merged into ranges, as "Mo-Th 09:00-17:00; Fr 09:00-12:00"
    (with en dashes and the language's day abbreviations)."""
    names = t.abbreviated_day_names()
    ordered = sorted(hours, key=lambda h: h.opens)
    by_day = [
        ", ".join(dict.fromkeys(f"{h.opens}–{h.closes}" for h in ordered if d in h.days))
        for d in DAYS
    ]
    parts = []
    index = 0
    for times, run in groupby(by_day):
        length = len(list(run))
        if times:
            days = names[index] if length == 1 else f"{names[index]}–{names[index + length - 1]}"
            parts.append(f"{days} {times}")
        index += length
    return "; ".join(parts)


class LeafletWriter:
    """Leaflets of one reader language, as site pages and as documents for WeasyPrint."""

    def __init__(
        self,
        directory: Directory,
        language: str,
        links: SiteLinks | None = None,
        today: date | None = None,
    ) -> None:
        self.directory = directory
        self.language = language
        self.partner = partner_language(language)
        self.links = links or SiteLinks()
        self.writer = PageWriter(directory, language, self.links, today)
        self.today = self.writer.today

    def url(self, place: Place) -> str:
        """The leaflet's page online, in full: what its QR code opens."""
        return f"{self.links.site_url.rstrip('/')}/{self.language}/leaflets/{place.id}/"

    def pdf_name(self, place: Place) -> str:
        return f"rozcestnik-{place.id}-{self.language}.pdf"

    def _column(self, service: Service, language: str, hours: list[OpeningHours]) -> Column:
        t = catalogue(language)
        languages = self.directory.service_languages(service)
        facts = f"{t('cost_' + service.cost)} · {t('languages_spoken')}: " + ", ".join(
            t.language_name(code) for code in languages
        )
        name = pick(service.name, language)
        return Column(
            language,
            text_direction(language),
            name.text,
            name.language,
            facts,
            compact_hours(hours, t),  # empty when unknown: the footer says to call first
        )

    def entry(self, service: Service, place: Place) -> Entry:
        """A service as listed for `place`: its addresses there (else its first two) and their
        opening hours, unless the service has its own."""
        organisation = self.directory.organisations[service.organisation]
        locations = [loc for loc in organisation.locations if loc.id in service.locations]
        inside = [
            loc for loc in locations if place.id in self.directory.place_and_ancestors(loc.place)
        ]
        shown = (inside or locations)[:2]
        hours = service.hours or [h for loc in shown for h in loc.hours]
        phones = [phone_display(p.number) for p in service.phones + organisation.phones]
        return Entry(
            service,
            (
                self._column(service, self.language, hours),
                self._column(service, self.partner, hours),
            ),
            "; ".join(address_text(loc) for loc in shown),
            list(dict.fromkeys(phones))[:2],
        )

    def _both(self, text: dict[str, str]) -> tuple[str, str]:
        """A text in the reader's language and in the partner language."""
        return pick(text, self.language).text, pick(text, self.partner).text

    def _context(self, leaflet: Plan) -> dict[str, object]:
        reader, partner = catalogue(self.language), catalogue(self.partner)
        place = leaflet.place
        return {
            "plan": leaflet,
            "reader": reader,
            "partner": partner,
            "reader_language": self.language,
            "partner_language": self.partner,
            "reader_dir": text_direction(self.language),
            "partner_dir": text_direction(self.partner),
            "place_names": self._both(place.name),
            "groups": [
                (
                    self._both(category.name),
                    [self.entry(service, place) for service in services],
                )
                for category, services in leaflet.groups
            ],
            "emergency": [
                (n.number, pick(n.name, self.language).text, pick(n.name, self.partner).text)
                for n in self.directory.emergency
            ],
            "qr": Markup(qr_img(qr_svg(self.url(place)))),
            "url": self.url(place),
            "pdf_name": self.pdf_name(place),
            "built": reader.date(self.today),
            "information": self._information_range(leaflet, reader),
        }

    def _information_range(self, leaflet: Plan, reader: Catalogue) -> str:
        """How old the leaflet's facts are: the oldest and newest information date of its
        services and their organisations (freshness.py), never the printing day."""
        records = [
            record
            for _, services in leaflet.groups
            for service in services
            for record in (service, self.directory.organisations[service.organisation])
        ]
        dated = sorted({r.information_date for r in records if r.information_date})
        if not dated:
            return reader("undated")
        first, last = (format_partial_date(d, reader.locale) for d in (dated[0], dated[-1]))
        return first if first == last else f"{first} – {last}"

    def page(self, leaflet: Plan) -> Page:
        def body() -> str:
            context = self._context(leaflet)
            return self.writer.render("leaflet.html", "../../", print_only=False, **context)

        title = self.writer.t("leaflet_title", place=self.writer.title(leaflet.place.name))
        return Page(f"leaflets/{leaflet.place.id}.md", title, body)

    def sheet(self, leaflet: Plan) -> Sheet:
        """The leaflet as WeasyPrint prints it: no theme, no links."""
        html = self.writer.render("leaflet.html", "", print_only=True, **self._context(leaflet))
        return Sheet(self.language, self.url(leaflet.place), html)

    def index(self, plans: list[Plan]) -> Page:
        def body() -> str:
            return self.writer.render(
                "leaflets.html",
                "../",
                plans=sorted(plans, key=lambda p: natural_order(self.writer.title(p.place.name))),
                pdf_name=self.pdf_name,
            )

        return Page("leaflets/index.md", self.writer.t("nav_leaflets"), body)

    def pages(self, plans: list[Plan]) -> Iterator[Page]:
        for leaflet in plans:
            yield self.page(leaflet)
        yield self.index(plans)


def leaflet_pages(directory: Directory, language: str, links: SiteLinks) -> Iterator[Page]:
    yield from LeafletWriter(directory, language, links).pages(all_plans(directory))


class MissingFonts(RuntimeError):
    """The fonts the leaflets need are not installed: PDFs would print boxes for letters."""


# Families the leaflet style asks for, and a language each must cover (fontconfig's view).
FONTS = {"Noto Sans": "vi", "Noto Sans Arabic": "ar"}


def check_fonts() -> None:
    for family, language in FONTS.items():
        listed = subprocess.run(
            ["fc-list", f":lang={language}", "family"], capture_output=True, text=True, check=False
        ).stdout
        if family not in {name.strip() for line in listed.splitlines() for name in line.split(",")}:
            raise MissingFonts(
                f'the font "{family}" ({language}) is missing, so leaflets cannot be printed; '
                "install it with `make` (it installs fonts-noto-core) or "
                "`sudo apt-get install fonts-noto-core`"
            )


@dataclass(frozen=True)
class Sheet:
    """One leaflet's printed HTML (its body) in one language."""

    language: str
    url: str  # the leaflet's page online, the PDF's title
    html: str


@functools.cache  # read for every leaflet's cache key
def _leaflet_css() -> str:
    return LEAFLET_CSS.read_text(encoding="utf-8")


def document(sheets: list[Sheet]) -> str:
    """One HTML document of leaflets in one language, each from a new page, with their print
    style: WeasyPrint sets up fonts and styles once for all of them (a third of its time)."""
    language = sheets[0].language
    css = _leaflet_css()
    bodies = "".join(
        f'<div class="leaflet-sheet" id="sheet-{n}">{sheet.html}</div>'
        for n, sheet in enumerate(sheets)
    )
    return (
        f'<!doctype html><html lang="{language}" dir="{text_direction(language)}">'
        f'<head><meta charset="utf-8"><title>{escape(sheets[0].url)}</title>'
        f"<style>{css}</style></head><body>{bodies}</body></html>"
    )


def print_sheets(sheets: list[Sheet]) -> list[bytes]:
    """A PDF of each sheet (of one language): rendered as one document, split at the page on
    which each sheet starts."""
    from weasyprint import HTML  # loading WeasyPrint costs a second: only where PDFs are made

    printed = HTML(string=document(sheets)).render()
    starts: dict[str, int] = {}  # a sheet's anchor → its first page (a split box has it on each)
    for index, page in enumerate(printed.pages):
        for anchor in page.anchors:
            if anchor.startswith("sheet-"):
                starts.setdefault(anchor, index)
    if len(starts) != len(sheets):
        raise RuntimeError(f"{len(sheets)} leaflets came out as {len(starts)} on paper")
    pdfs = []
    first = [starts[f"sheet-{n}"] for n in range(len(sheets))]
    for sheet, start, end in zip(sheets, first, [*first[1:], len(printed.pages)], strict=True):
        part = printed.copy(printed.pages[start:end])
        part.metadata = copy(printed.metadata)
        part.metadata.title = sheet.url
        pdfs.append(bytes(part.write_pdf()))
    return pdfs


class PdfPrinting:
    """Every leaflet as an A4 PDF, made beside the site's build: leaflets need the data only,
    so WeasyPrint works from the start of the build on cores MkDocs leaves free, a language at
    a time. A leaflet whose HTML is unchanged since an earlier build comes from `cache_dir`
    (mkdocs serve rebuilds often)."""

    def __init__(
        self,
        directory: Directory,
        links: SiteLinks,
        cache_dir: Path | None = None,
        languages: tuple[str, ...] = SITE_LANGUAGES,
        workers: int = 1,
        niceness: int = 0,
    ) -> None:
        check_fonts()
        self._every_language = set(languages) >= set(SITE_LANGUAGES)
        plans = all_plans(directory)
        self._sheets: dict[Path, Sheet] = {}  # the PDF's path inside the site → its leaflet
        for language in languages:
            leaflets = LeafletWriter(directory, language, links)
            for leaflet in plans:
                folder = Path(language, "leaflets", leaflet.place.id)
                self._sheets[folder / leaflets.pdf_name(leaflet.place)] = leaflets.sheet(leaflet)
        self._cached = {path: _cache_file(cache_dir, s) for path, s in self._sheets.items()}
        missing = [path for path, hit in self._cached.items() if hit is None or not hit.is_file()]
        self._pool: ProcessPoolExecutor | None = None
        self._made: dict[Path, tuple[Future[list[bytes]], int]] = {}  # → language's run, index
        if not missing:
            return
        self._pool = ProcessPoolExecutor(workers, initializer=os.nice, initargs=(niceness,))
        for _, paths in groupby(missing, key=lambda path: self._sheets[path].language):
            batch = list(paths)
            run = self._pool.submit(print_sheets, [self._sheets[path] for path in batch])
            self._made.update({path: (run, index) for index, path in enumerate(batch)})

    @property
    def printed(self) -> int:
        """How many PDFs this build prints; the others come from the cache."""
        return len(self._made)

    def write(self, site_dir: Path) -> list[Path]:
        """Wait for the PDFs and put them into the built site (and new ones into the cache)."""
        written = []
        for path, cache in self._cached.items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if path in self._made:
                run, index = self._made[path]
                pdf = run.result()[index]
                target.write_bytes(pdf)
                if cache is not None:
                    cache.parent.mkdir(parents=True, exist_ok=True)
                    cache.write_bytes(pdf)
            else:
                assert cache is not None
                shutil.copyfile(cache, target)
            written.append(target)
        self.cancel()
        return written

    def prune_cache(self) -> list[Path]:
        """Remove the cached PDFs that no leaflet of this build is: a leaflet whose text changed
        leaves its old PDF behind, and the cache (a deploy's too) would only grow. A printing
        of some languages only keeps the cache whole: it cannot tell the others' PDFs."""
        used = {path for path in self._cached.values() if path is not None}
        if not used or not self._every_language:
            return []
        stale = [path for path in next(iter(used)).parent.glob("*.pdf") if path not in used]
        for path in stale:
            path.unlink()
        return stale

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def write_pdfs(
    directory: Directory,
    site_dir: Path,
    links: SiteLinks,
    cache_dir: Path | None = None,
    languages: tuple[str, ...] = SITE_LANGUAGES,
) -> list[Path]:
    """Every leaflet's PDF beside its page (site/<language>/leaflets/<place>/), on every core."""
    printing = PdfPrinting(directory, links, cache_dir, languages, os.cpu_count() or 1)
    return printing.write(site_dir)


@functools.cache
def _weasyprint_version() -> str:
    """Read from the package's metadata: importing WeasyPrint takes the build's process 0.6-1 s,
    and only the PDF workers need it."""
    return importlib.metadata.version("weasyprint")


def _cache_file(cache_dir: Path | None, sheet: Sheet) -> Path | None:
    if cache_dir is None:
        return None
    text = f"{_weasyprint_version()}\n{document([sheet])}"
    key = hashlib.sha256(text.encode()).hexdigest()
    return cache_dir / f"{key}.pdf"
