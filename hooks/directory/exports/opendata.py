"""Open data: the directory as Open Referral HSDS 3.0 JSON, CSV tables and GeoJSON.

Files written into the built site (`write_open_data`):

- `/data/hsds.<language>.json` for each site language, and `/data/hsds.json` (Czech) —
  Open Referral HSDS 3.0, texts in that language (hsds.py describes the profile).
- `/data/organisations.csv`, `/data/services.csv`, `/data/locations.csv` — one row per
  record (locations: one per organisation location), a text column per site language, phone
  numbers in E.164, lists joined with ";". A cell a spreadsheet would read as a formula is
  written with a leading apostrophe (the OWASP rule on CSV injection).
- `/data/locations.geojson` — every location as a Point (see `geojson`).
- `/data/index.html` — a plain page listing the files, the licence and the build date.

Licence. The repository states no licence for its data (the code is MIT). The export is
published under CC BY-SA 4.0 (LICENSE), the licence chosen for the export and the one of the
HSDS schemas it follows; no reason against it was found (the records hold facts from public
pages, each with its source). Change LICENSE in hsds.py if the maintainers decide otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from directory.data.dataset import Directory
from directory.data.models import Location, Organisation, Service
from directory.exports.hsds import (
    LICENSE,
    LICENSE_URL,
    PROFILE,
    hsds,
    location_uuid,
    organisation_uuid,
    service_uuid,
)
from directory.render.formatting import address_text, hours_list
from directory.text.languages import SITE_LANGUAGES
from directory.text.localized import pick

DATA_DIR = "data"
CSV_FILES = ("organisations.csv", "services.csv", "locations.csv")

JsonObject = dict[str, Any]


# --- CSV -----------------------------------------------------------------------------------

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google
# Sheets; a clerk opening the file must never run one (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Columns = list[tuple[str, str]]  # (column, value) pairs: one table row


# Phone numbers as the models store them (E.164, ";"-joined): digits only, no formula to fear,
# and a program reading the file needs them unchanged.
_PHONES = re.compile(r"^\+[0-9]+(;\+[0-9]+)*$")


def csv_cell(value: str) -> str:
    """The value as a spreadsheet shows it, never as a formula: a leading apostrophe."""
    if value.startswith(_FORMULA_START) and not _PHONES.match(value):
        return "'" + value
    return value


def _csv(rows: list[Columns]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if rows:
        writer.writerow([column for column, _ in rows[0]])
    writer.writerows([csv_cell(value) for _, value in row] for row in rows)
    return buffer.getvalue()


def _join(values: Iterable[str]) -> str:
    return ";".join(values)


def _texts(name: str, text: dict[str, str] | None) -> Columns:
    """A column per site language: the record's own text there, never a fallback."""
    return [(f"{name}_{code}", (text or {}).get(code, "")) for code in SITE_LANGUAGES]


def _review(record: Organisation | Service) -> Columns:
    """Where a record comes from and how fresh it is."""
    return [
        ("sources", _join(source.url for source in record.sources)),
        ("last_verified", record.last_verified.isoformat() if record.last_verified else ""),
        ("information_date", record.information_date or ""),
        ("needs_verification", "yes" if record.needs_verification else "no"),
        ("machine_translated", _join(record.machine_translated)),
    ]


def _organisation_row(directory: Directory, org: Organisation) -> Columns:
    return [
        ("id", org.id),
        ("uuid", organisation_uuid(org.id)),
        ("kind", org.kind),
        *_texts("name", org.name),
        *_texts("description", org.description),
        ("website", org.website or ""),
        ("email", org.email or ""),
        ("phones", _join(phone.number for phone in org.phones)),
        ("languages", _join(org.languages)),
        ("locations", _join(location.id for location in org.locations)),
        ("services", _join(service.id for service in directory.services_of(org.id))),
        *_review(org),
    ]


def _service_row(directory: Directory, svc: Service) -> Columns:
    return [
        ("id", svc.id),
        ("uuid", service_uuid(svc.id)),
        ("organisation", svc.organisation),
        *_texts("name", svc.name),
        *_texts("description", svc.description),
        ("categories", _join(svc.categories)),
        ("languages", _join(directory.service_languages(svc))),
        ("cost", svc.cost),
        ("access", _join(svc.access)),
        ("locations", _join(svc.locations)),
        ("areas", _join(svc.areas or [])),
        *_texts("what_to_bring", svc.what_to_bring),
        ("website", svc.website or ""),
        ("email", svc.email or ""),
        ("phones", _join(phone.number for phone in svc.phones)),
        ("hours", hours_list(svc.hours)),
        *_review(svc),
    ]


def _location_row(directory: Directory, org: Organisation, location: Location) -> Columns:
    return [
        ("organisation", org.id),
        ("location", location.id),
        ("uuid", location_uuid(org.id, location.id)),
        *_texts("name", location.name),
        ("street", location.address.street or ""),
        ("postcode", location.address.postcode or ""),
        ("city", location.address.city),
        ("place", location.place),
        ("latitude", str(location.geo.lat) if location.geo else ""),
        ("longitude", str(location.geo.lon) if location.geo else ""),
        ("hours", hours_list(location.hours)),
        ("wheelchair", location.wheelchair),
        ("services", _join(_services_at(directory, org, location))),
    ]


def csv_files(directory: Directory) -> dict[str, str]:
    """One CSV table per record type, by file name: organisations, services, locations."""
    organisations = directory.organisations.values()
    return {
        "organisations.csv": _csv([_organisation_row(directory, org) for org in organisations]),
        "services.csv": _csv([_service_row(directory, s) for s in directory.services.values()]),
        "locations.csv": _csv(
            [_location_row(directory, org, loc) for org in organisations for loc in org.locations]
        ),
    }


def _services_at(directory: Directory, organisation: Organisation, location: Location) -> list[str]:
    return [
        service.id
        for service in directory.services_of(organisation.id)
        if location.id in service.locations
    ]


# --- GeoJSON -------------------------------------------------------------------------------


def geojson(directory: Directory, language: str) -> JsonObject:
    """Every organisation location as a GeoJSON Point: the location's own sourced point, or
    its place's centre with `"approximate": true`. Names in `language` (with fallbacks)."""
    features = []
    for organisation in directory.organisations.values():
        for location in organisation.locations:
            geo = location.geo or directory.places[location.place].centre
            place = directory.places[location.place]
            features.append(
                {
                    "type": "Feature",
                    "id": f"{organisation.id}/{location.id}",
                    "geometry": {"type": "Point", "coordinates": [geo.lon, geo.lat]},
                    "properties": {
                        "organisation": organisation.id,
                        "organisation_uuid": organisation_uuid(organisation.id),
                        "location": location.id,
                        "location_uuid": location_uuid(organisation.id, location.id),
                        "name": pick(organisation.name, language).text,
                        "location_name": pick(location.name, language).text
                        if location.name
                        else "",
                        "address": address_text(location),
                        "place": location.place,
                        "place_name": pick(place.name, language).text,
                        "services": _services_at(directory, organisation, location),
                        "approximate": location.geo is None,
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


# --- files ---------------------------------------------------------------------------------


def write_open_data(
    directory: Directory, site_dir: Path, build_date: date, site_url: str
) -> list[Path]:
    """Every open-data file into `site_dir`/data/; returns the paths written."""
    target = site_dir / DATA_DIR
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(name: str, text: str) -> None:
        path = target / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)

    for language in SITE_LANGUAGES:
        text = json.dumps(hsds(directory, build_date, site_url, language), ensure_ascii=False)
        write(f"hsds.{language}.json", text + "\n")
        if language == "cs":  # the address earlier builds published
            write("hsds.json", text + "\n")
    for name, text in csv_files(directory).items():
        write(name, text)
    features = geojson(directory, "en")
    write("locations.geojson", json.dumps(features, ensure_ascii=False) + "\n")
    write("index.html", index_page(build_date, [path.name for path in written]))
    return written


_DESCRIPTIONS = {
    "hsds.json": "Open Referral HSDS 3.0 (JSON), texts in Czech",
    **{
        f"hsds.{code}.json": f"Open Referral HSDS 3.0 (JSON), texts in {code} (English or Czech "
        "where a record has no text in it; marked)"
        for code in SITE_LANGUAGES
    },
    "organisations.csv": "Organisations (CSV, UTF-8)",
    "services.csv": "Services (CSV, UTF-8)",
    "locations.csv": "Locations (CSV, UTF-8)",
    "locations.geojson": "Locations (GeoJSON; approximate points at the place's centre)",
}


def index_page(build_date: date, names: list[str]) -> str:
    """A plain page listing the open-data files, their licence and the build date."""
    items = "\n".join(
        f'<li><a href="{escape(name)}">{escape(name)}</a> — {escape(_DESCRIPTIONS.get(name, ""))}'
        "</li>"
        for name in names
    )
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Rozcestník — open data</title>\n</head>\n<body>\n"
        "<h1>Rozcestník — open data</h1>\n"
        f"<p>Built on {escape(build_date.isoformat())}. Licence: "
        f'<a href="{escape(LICENSE_URL)}">{escape(LICENSE)}</a>. '
        f'HSDS profile: <a href="{escape(PROFILE)}">{escape(PROFILE)}</a>.</p>\n'
        f"<ul>\n{items}\n</ul>\n"
        "<p>A location without sourced coordinates is placed at the centre of its place and "
        "marked approximate.</p>\n"
        "</body>\n</html>\n"
    )
