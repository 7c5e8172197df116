"""Open data: the directory as Open Referral HSDS 3.0 JSON, CSV tables and GeoJSON.

Files written into the built site (`write_open_data`):

- `/data/hsds.json` — HSDS 3.0: a wrapper
  `{"license", "build_date", "profile", "site_url", "organizations": [...]}`; each organization
  carries its `locations` (HSDS location objects with address, accessibility and schedule
  objects) and, as in the HSDS API's fully nested organization, its `services` (complete HSDS
  service objects with phones, contacts, languages, cost options, schedules, service areas,
  required documents and service_at_locations pointing at the organization's locations).
- `/data/organisations.csv`, `/data/services.csv`, `/data/locations.csv` — one row per
  record (locations: one per organisation location), Czech and English text columns, phone
  numbers in E.164, lists joined with ";".
- `/data/locations.geojson` — every location as a Point (see `geojson`).
- `/data/index.html` — a plain page listing the files, the licence and the build date.

Ids. HSDS ids are UUIDs. Every id is `uuid5(NAMESPACE, "<kind>:<our id>")` (for example
`"organisation:simi"`, `"location:simi/main"`, `"phone:organisation:simi:0"`), so the same
record gets the same id in every build; nested objects without an id of their own (phones,
schedules) are numbered by their position in the record.

Profile. The export follows the profile
`https://rozcestnik.example.org/open-data/profile/` (PROFILE): HSDS 3.0 plus

- `translations` on any object that has reader texts: `{field: {language: text}}` with every
  text the record gives in a site language (cs, en, uk, ru, vi, ar) — only texts that exist,
  never a fallback. The HSDS field itself holds the Czech text, else the English one.
  `machine_translated` (list of language codes) says which of them the record marks as
  machine translations.
- `categories` on services: the ids of the needs in `data/categories.yaml`.
- `services` on organizations (the nesting the HSDS API uses for a full organization).

These are extra properties on the HSDS objects. The HSDS 3.0 JSON Schemas do not set
`additionalProperties` (they allow extra properties, which is how HSDS profiles extend
objects), so the objects still validate against `organization.json`, `location.json` and
`compiled/service_with_definitions.json`. HSDS `attributes` would need a taxonomy term per
value and `metadata` is an audit log of changes, neither fits a text in six languages.

What is left out, because no source gives it: latitude and longitude (only a location's own
sourced `geo` is exported; no record has one, place centres are never exported as a
location's position in HSDS), fee amounts (a free service gets a cost option of 0 CZK, other
costs only a `fees_description`). HSDS requires `address_1`, `postal_code` and
`state_province` on an address: when the record does not give them they are empty strings;
`state_province` is the Czech name of the region the place lies in, when the places
vocabulary has one.

Licence. The repository states no licence for its data (the code is MIT). The export is
published under CC BY-SA 4.0 (LICENSE), the licence chosen for the export and the one of the
HSDS schemas it follows; no reason against it was found (the records hold facts from public
pages, each with its source). Change LICENSE here if the maintainers decide otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import babel

from .dataset import Directory
from .languages import SITE_LANGUAGES
from .localized import pick
from .maps import address_text
from .models import Location, OpeningHours, Organisation, Phone, Service

PROFILE = "https://rozcestnik.example.org/open-data/profile/"
LICENSE = "CC BY-SA 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
HSDS_VERSION = "3.0"
# uuid5(NAMESPACE_URL, PROFILE), written out so that it never changes with the profile URI.
NAMESPACE = uuid.UUID("8a23b5cf-c9c7-560d-90e0-9a2b25a11066")
DATA_DIR = "data"
CSV_FILES = ("organisations.csv", "services.csv", "locations.csv")

JsonObject = dict[str, Any]

_COSTS = {
    "free": "Free of charge.",
    "paid": "A fee is charged (the amount is not recorded here).",
    "partly-free": "Partly free of charge: some of it is paid.",
}


def stable_id(kind: str, key: str) -> str:
    """The UUID of one exported object, the same in every build."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def organisation_uuid(organisation_id: str) -> str:
    return stable_id("organisation", organisation_id)


def service_uuid(service_id: str) -> str:
    return stable_id("service", service_id)


def location_uuid(organisation_id: str, location_id: str) -> str:
    return stable_id("location", f"{organisation_id}/{location_id}")


# --- texts ---------------------------------------------------------------------------------


def main_text(text: dict[str, str]) -> str:
    """The text in Czech, else English (a record always has one of them)."""
    return pick(text, "cs").text


def _translations(
    fields: dict[str, dict[str, str] | None], machine: list[str] | None = None
) -> JsonObject:
    """The profile's `translations` (and `machine_translated`) properties, or nothing."""
    found = {
        name: {code: text[code] for code in SITE_LANGUAGES if code in text}
        for name, text in fields.items()
        if text
    }
    if not found:
        return {}
    extension: JsonObject = {"translations": found}
    if machine:
        extension["machine_translated"] = list(machine)
    return extension


def _language_name(code: str) -> str:
    name = babel.Locale.parse("en").languages.get(code)
    return str(name) if name else code


# --- HSDS ----------------------------------------------------------------------------------


def hsds(directory: Directory, build_date: date, site_url: str) -> JsonObject:
    """The whole directory as HSDS 3.0 organizations, in a wrapper with licence and date."""
    base = site_url.rstrip("/") + "/"
    return {
        "hsds_version": HSDS_VERSION,
        "profile": PROFILE,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "build_date": build_date.isoformat(),
        "site_url": base,
        "organizations": [
            hsds_organization(directory, organisation, base)
            for organisation in directory.organisations.values()
        ],
    }


def hsds_organization(directory: Directory, organisation: Organisation, base: str) -> JsonObject:
    org_id = organisation_uuid(organisation.id)
    result: JsonObject = {
        "id": org_id,
        "name": main_text(organisation.name),
        "description": main_text(organisation.description) if organisation.description else "",
    }
    english = organisation.name.get("en")
    if english and english != result["name"]:
        result["alternate_name"] = english
    if organisation.email:
        result["email"] = organisation.email
    if organisation.website:
        result["website"] = organisation.website
    result["uri"] = f"{base}cs/organisations/{organisation.id}/"
    result["phones"] = _phones(
        organisation.phones, f"organisation:{organisation.id}", {"organization_id": org_id}
    )
    result["locations"] = [
        hsds_location(directory, organisation, location) for location in organisation.locations
    ]
    result["services"] = [
        hsds_service(directory, service) for service in directory.services_of(organisation.id)
    ]
    result.update(
        _translations(
            {"name": organisation.name, "description": organisation.description},
            organisation.machine_translated,
        )
    )
    return result


def hsds_location(
    directory: Directory, organisation: Organisation, location: Location
) -> JsonObject:
    loc_id = location_uuid(organisation.id, location.id)
    key = f"{organisation.id}/{location.id}"
    result: JsonObject = {
        "id": loc_id,
        "location_type": "physical",
        "organization_id": organisation_uuid(organisation.id),
        "name": main_text(location.name or organisation.name),
    }
    if location.geo is not None:  # only a sourced point, never the place's centre
        result["latitude"] = location.geo.lat
        result["longitude"] = location.geo.lon
    result["addresses"] = [
        {
            "id": stable_id("address", key),
            "location_id": loc_id,
            "address_1": location.address.street or "",
            "city": location.address.city,
            "state_province": _region(directory, location.place),
            "postal_code": location.address.postcode or "",
            "country": "CZ",
            "address_type": "physical",
        }
    ]
    if location.wheelchair != "unknown":
        result["accessibility"] = [
            {
                "id": stable_id("accessibility", key),
                "location_id": loc_id,
                "description": f"Wheelchair access: {location.wheelchair}",
            }
        ]
    result["schedules"] = _schedules(location.hours, f"location:{key}", {"location_id": loc_id})
    result.update(_translations({"name": location.name}, organisation.machine_translated))
    return result


def _region(directory: Directory, place_id: str) -> str:
    """The Czech name of the region (kraj) around the place, when the vocabulary has one."""
    for ancestor in directory.place_and_ancestors(place_id):
        place = directory.places[ancestor]
        if place.kind == "region":
            return place.name["cs"]
    return ""


def hsds_service(directory: Directory, service: Service) -> JsonObject:
    organisation = directory.organisations[service.organisation]
    svc_id = service_uuid(service.id)
    owner = {"service_id": svc_id}
    result: JsonObject = {
        "id": svc_id,
        "organization_id": organisation_uuid(organisation.id),
        "name": main_text(service.name),
        "status": "active",
    }
    if service.description:
        result["description"] = main_text(service.description)
    if service.website:
        result["url"] = service.website
    if service.email:
        result["email"] = service.email
    if service.cost in _COSTS:
        result["fees_description"] = _COSTS[service.cost]
    result["assured_date"] = service.last_verified.isoformat()
    result["phones"] = _phones(service.phones, f"service:{service.id}", owner)
    result["schedules"] = _schedules(service.hours, f"service:{service.id}", owner)
    result["service_areas"] = [
        {
            "id": stable_id("service-area", f"{service.id}/{place_id}"),
            "service_id": svc_id,
            "name": directory.places[place_id].name["cs"],
        }
        for place_id in service.areas or []
    ]
    result["service_at_locations"] = [
        {
            "id": stable_id("service-at-location", f"{service.id}/{location.id}"),
            "service_id": svc_id,
            "location_id": location_uuid(organisation.id, location.id),
        }
        for location in organisation.locations
        if location.id in service.locations
    ]
    result["languages"] = [
        {
            "id": stable_id("language", f"{service.id}/{code}"),
            "service_id": svc_id,
            "name": _language_name(code),
            "code": code,
        }
        for code in directory.service_languages(service)
    ]
    if service.cost == "free":
        result["cost_options"] = [
            {
                "id": stable_id("cost-option", service.id),
                "service_id": svc_id,
                "option": "Free of charge",
                "amount": 0,
                "currency": "CZK",
            }
        ]
    result["contacts"] = _contacts(organisation, service)
    if service.what_to_bring:
        result["required_documents"] = [
            {
                "id": stable_id("required-document", service.id),
                "service_id": svc_id,
                "document": main_text(service.what_to_bring),
                **_translations({"document": service.what_to_bring}, service.machine_translated),
            }
        ]
    result["categories"] = list(service.categories)
    result.update(
        _translations(
            {"name": service.name, "description": service.description},
            service.machine_translated,
        )
    )
    return result


def _contacts(organisation: Organisation, service: Service) -> list[JsonObject]:
    """Who to contact about the service: its organisation, by the organisation's own email
    and phones (the service's own ones are on the service)."""
    if not organisation.email and not organisation.phones:
        return []
    contact_id = stable_id("contact", f"service:{service.id}")
    contact: JsonObject = {
        "id": contact_id,
        "service_id": service_uuid(service.id),
        "name": main_text(organisation.name),
    }
    if organisation.email:
        contact["email"] = organisation.email
    contact["phones"] = _phones(
        organisation.phones, f"contact:service:{service.id}", {"contact_id": contact_id}
    )
    return [contact]


def _phones(phones: list[Phone], key: str, owner: dict[str, str]) -> list[JsonObject]:
    result = []
    for index, phone in enumerate(phones):
        item: JsonObject = {"id": stable_id("phone", f"{key}:{index}"), **owner}
        item["number"] = phone.number
        if phone.label:
            item["description"] = main_text(phone.label)
            item.update(_translations({"description": phone.label}))
        result.append(item)
    return result


def _schedules(hours: list[OpeningHours], key: str, owner: dict[str, str]) -> list[JsonObject]:
    return [
        {
            "id": stable_id("schedule", f"{key}:{index}"),
            **owner,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ",".join(day.upper() for day in entry.days),
            "opens_at": entry.opens,
            "closes_at": entry.closes,
            "description": _hours_text(entry),
        }
        for index, entry in enumerate(hours)
    ]


def _hours_text(entry: OpeningHours) -> str:
    days = ",".join(day.capitalize() for day in entry.days)
    return f"{days} {entry.opens}-{entry.closes}"


# --- CSV -----------------------------------------------------------------------------------


def _join(values: Iterable[str]) -> str:
    return ";".join(values)


def _text(text: dict[str, str] | None, code: str) -> str:
    return (text or {}).get(code, "")


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _hours_list(hours: list[OpeningHours]) -> str:
    return _join(f"{','.join(e.days)} {e.opens}-{e.closes}" for e in hours)


def _cs_en(text: dict[str, str] | None) -> list[str]:
    """The Czech and the English column of a localized text."""
    return [_text(text, "cs"), _text(text, "en")]


def _review(record: Organisation | Service) -> list[str]:
    """The columns that say where a record comes from and how fresh it is."""
    return [
        _join(source.url for source in record.sources),
        record.last_verified.isoformat(),
        "yes" if record.needs_verification else "no",
    ]


def csv_files(directory: Directory) -> dict[str, str]:
    """One CSV table per record type, by file name: organisations, services, locations."""
    organisations = [
        [
            org.id,
            organisation_uuid(org.id),
            org.kind,
            *_cs_en(org.name),
            *_cs_en(org.description),
            org.website or "",
            org.email or "",
            _join(phone.number for phone in org.phones),
            _join(org.languages),
            _join(location.id for location in org.locations),
            _join(service.id for service in directory.services_of(org.id)),
            *_review(org),
        ]
        for org in directory.organisations.values()
    ]
    services = [
        [
            svc.id,
            service_uuid(svc.id),
            svc.organisation,
            *_cs_en(svc.name),
            *_cs_en(svc.description),
            _join(svc.categories),
            _join(directory.service_languages(svc)),
            svc.cost,
            _join(svc.access),
            _join(svc.locations),
            _join(svc.areas or []),
            *_cs_en(svc.what_to_bring),
            svc.website or "",
            svc.email or "",
            _join(phone.number for phone in svc.phones),
            _hours_list(svc.hours),
            *_review(svc),
        ]
        for svc in directory.services.values()
    ]
    locations = [
        [
            org.id,
            location.id,
            location_uuid(org.id, location.id),
            *_cs_en(location.name),
            location.address.street or "",
            location.address.postcode or "",
            location.address.city,
            location.place,
            str(location.geo.lat) if location.geo else "",
            str(location.geo.lon) if location.geo else "",
            _hours_list(location.hours),
            location.wheelchair,
            _join(_services_at(directory, org, location)),
        ]
        for org in directory.organisations.values()
        for location in org.locations
    ]
    return {
        "organisations.csv": _csv(
            [
                "id",
                "uuid",
                "kind",
                "name_cs",
                "name_en",
                "description_cs",
                "description_en",
                "website",
                "email",
                "phones",
                "languages",
                "locations",
                "services",
                "sources",
                "last_verified",
                "needs_verification",
            ],
            organisations,
        ),
        "services.csv": _csv(
            [
                "id",
                "uuid",
                "organisation",
                "name_cs",
                "name_en",
                "description_cs",
                "description_en",
                "categories",
                "languages",
                "cost",
                "access",
                "locations",
                "areas",
                "what_to_bring_cs",
                "what_to_bring_en",
                "website",
                "email",
                "phones",
                "hours",
                "sources",
                "last_verified",
                "needs_verification",
            ],
            services,
        ),
        "locations.csv": _csv(
            [
                "organisation",
                "location",
                "uuid",
                "name_cs",
                "name_en",
                "street",
                "postcode",
                "city",
                "place",
                "latitude",
                "longitude",
                "hours",
                "wheelchair",
                "services",
            ],
            locations,
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

    data = hsds(directory, build_date, site_url)
    write("hsds.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    for name, text in csv_files(directory).items():
        write(name, text)
    features = geojson(directory, "en")
    write("locations.geojson", json.dumps(features, ensure_ascii=False) + "\n")
    write("index.html", index_page(build_date, [path.name for path in written]))
    return written


_DESCRIPTIONS = {
    "hsds.json": "Open Referral HSDS 3.0 (JSON), with every translation",
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
