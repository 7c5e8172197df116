"""The directory as Open Referral HSDS 3.0 JSON, one file per site language.

`/data/hsds.<language>.json` (and `/data/hsds.json`, the Czech one) is a wrapper
`{"hsds_version", "profile", "license", "license_url", "build_date", "site_url", "language",
"organizations": [...], "services": [...]}`: HSDS organization objects with their locations
(address, accessibility, schedules) and HSDS service objects (phones, contacts, languages, cost
options, schedules, service areas, required documents, service_at_locations). Every object
holds only fields HSDS 3.0 defines, so it validates against the official schemas and against
validators that reject unknown fields (tests/test_opendata.py checks both).

Profile (PROFILE). Texts are in the file's language; a text a record lacks in that language
falls back to English, then Czech, as on the site. What HSDS has no field for is carried as
HSDS `attributes` with a taxonomy term:
- the record's needs: one attribute per category, taxonomy "rozcestnik-needs", the term's
  `code` the category id (`data/categories.yaml`) and its `name` in the file's language;
- honest marks: taxonomy "rozcestnik-translation", code "machine-translated", when the file's
  language text of the record is a machine translation no person has reviewed (`value` is
  the language code); code "fallback" when the record has no text in that language and the
  file shows English or Czech (`value` names the language shown).

Ids are UUIDs: `uuid5(NAMESPACE, "<kind>:<our id>")`, the same in every build and language.
Latitude and longitude are exported only for a location's own sourced point; fee amounts only
for free services (0 CZK). HSDS requires `address_1`, `postal_code` and `state_province`: empty
strings when the record does not give them.
"""

from __future__ import annotations

import functools
import uuid
from datetime import date
from typing import Any

import babel

from directory.data.dataset import Directory
from directory.data.models import Category, Location, OpeningHours, Organisation, Phone, Service
from directory.render.urls import page_address
from directory.text.languages import SITE_LANGUAGES
from directory.text.localized import pick

PROFILE = "https://rozcestnik.example.org/open-data/profile/"
LICENSE = "CC BY-SA 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
HSDS_VERSION = "3.0"
# uuid5(NAMESPACE_URL, PROFILE), written out so that it never changes with the profile URI.
NAMESPACE = uuid.UUID("8a23b5cf-c9c7-560d-90e0-9a2b25a11066")
NEEDS_TAXONOMY = "rozcestnik-needs"
TRANSLATION_TAXONOMY = "rozcestnik-translation"

JsonObject = dict[str, Any]

_COSTS = {
    "free": "Free of charge.",
    "paid": "A fee is charged (the amount is not recorded here).",
    "partly-free": "Partly free of charge: some of it is paid.",
}


@functools.lru_cache(maxsize=65_536)  # the same ids in each language's file: made once
def stable_id(kind: str, key: str) -> str:
    """The UUID of one exported object, the same in every build."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def organisation_uuid(organisation_id: str) -> str:
    return stable_id("organisation", organisation_id)


def service_uuid(service_id: str) -> str:
    return stable_id("service", service_id)


def location_uuid(organisation_id: str, location_id: str) -> str:
    return stable_id("location", f"{organisation_id}/{location_id}")


def _language_name(code: str) -> str:
    name = babel.Locale.parse("en").languages.get(code)
    return str(name) if name else code


class HsdsExport:
    """The HSDS objects of one language."""

    def __init__(self, directory: Directory, language: str, site_url: str) -> None:
        self.directory = directory
        self.language = language
        self.base = site_url.rstrip("/") + "/"

    def text(self, text: dict[str, str]) -> str:
        return pick(text, self.language).text

    def document(self, build_date: date) -> JsonObject:
        return {
            "hsds_version": HSDS_VERSION,
            "profile": PROFILE,
            "license": LICENSE,
            "license_url": LICENSE_URL,
            "build_date": build_date.isoformat(),
            "site_url": self.base,
            "language": self.language,
            "organizations": [self.organization(o) for o in self.directory.organisations.values()],
            "services": [self.service(s) for s in self.directory.services.values()],
        }

    def organization(self, organisation: Organisation) -> JsonObject:
        org_id = organisation_uuid(organisation.id)
        result: JsonObject = {
            "id": org_id,
            "name": self.text(organisation.name),
            "description": self.text(organisation.description) if organisation.description else "",
        }
        if organisation.email:
            result["email"] = organisation.email
        if organisation.website:
            result["website"] = organisation.website
        result["uri"] = page_address(self.base, self.language, "organisations", organisation.id)
        owner = {"organization_id": org_id}
        result["phones"] = self.phones(
            organisation.phones, f"organisation:{organisation.id}", owner
        )
        result["locations"] = [self.location(organisation, loc) for loc in organisation.locations]
        result["attributes"] = self.translation_attributes(
            organisation, f"organisation:{organisation.id}", org_id, "organization"
        )
        return result

    def location(self, organisation: Organisation, location: Location) -> JsonObject:
        loc_id = location_uuid(organisation.id, location.id)
        key = f"{organisation.id}/{location.id}"
        result: JsonObject = {
            "id": loc_id,
            "location_type": "physical",
            "organization_id": organisation_uuid(organisation.id),
            "name": self.text(location.name or organisation.name),
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
                "state_province": self.region(location.place),
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
        result["schedules"] = schedules(location.hours, f"location:{key}", {"location_id": loc_id})
        return result

    def region(self, place_id: str) -> str:
        """The Czech name of the region (kraj) around the place, when the vocabulary has one."""
        for ancestor in self.directory.place_and_ancestors(place_id):
            place = self.directory.places[ancestor]
            if place.kind == "region":
                return place.name["cs"]
        return ""

    def service(self, service: Service) -> JsonObject:
        organisation = self.directory.organisations[service.organisation]
        svc_id = service_uuid(service.id)
        result: JsonObject = {
            "id": svc_id,
            "organization_id": organisation_uuid(organisation.id),
            "name": self.text(service.name),
            "status": "active",
        }
        if service.description:
            result["description"] = self.text(service.description)
        if service.website:
            result["url"] = service.website
        if service.email:
            result["email"] = service.email
        if service.cost in _COSTS:
            result["fees_description"] = _COSTS[service.cost]
        if service.last_verified is not None:  # HSDS: the day a person assured the data
            result["assured_date"] = service.last_verified.isoformat()
        owner = {"service_id": svc_id}
        result["phones"] = self.phones(service.phones, f"service:{service.id}", owner)
        result["schedules"] = schedules(service.hours, f"service:{service.id}", owner)
        result["service_areas"] = self.service_areas(service)
        result["service_at_locations"] = [
            {
                "id": stable_id("service-at-location", f"{service.id}/{location.id}"),
                "service_id": svc_id,
                "location_id": location_uuid(organisation.id, location.id),
            }
            for location in organisation.locations
            if location.id in service.locations
        ]
        result.update(self.languages_and_costs(service))
        result["contacts"] = self.contacts(organisation, service)
        if service.what_to_bring:
            result["required_documents"] = [
                {
                    "id": stable_id("required-document", service.id),
                    "service_id": svc_id,
                    "document": self.text(service.what_to_bring),
                }
            ]
        result["attributes"] = [
            *(self.need(service, self.directory.categories[c]) for c in service.categories),
            *self.translation_attributes(service, f"service:{service.id}", svc_id, "service"),
        ]
        return result

    def languages_and_costs(self, service: Service) -> JsonObject:
        """The languages a client is served in, and a 0 CZK cost option for free services."""
        svc_id = service_uuid(service.id)
        result: JsonObject = {}
        result["languages"] = [
            {
                "id": stable_id("language", f"{service.id}/{code}"),
                "service_id": svc_id,
                "name": _language_name(code),
                "code": code,
            }
            for code in self.directory.service_languages(service)
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
        return result

    def service_areas(self, service: Service) -> list[JsonObject]:
        return [
            {
                "id": stable_id("service-area", f"{service.id}/{place_id}"),
                "service_id": service_uuid(service.id),
                "name": self.text(self.directory.places[place_id].name),
            }
            for place_id in service.areas or []
        ]

    def need(self, service: Service, category: Category) -> JsonObject:
        """A need (category) as an HSDS attribute with its taxonomy term."""
        return {
            "id": stable_id("attribute", f"service:{service.id}:need:{category.id}"),
            "link_id": service_uuid(service.id),
            "link_type": "need",
            "link_entity": "service",
            "taxonomy_term_id": stable_id("taxonomy-term", f"need:{category.id}"),
            "taxonomy_term": {
                "id": stable_id("taxonomy-term", f"need:{category.id}"),
                "code": category.id,
                "name": self.text(category.name),
                "description": self.text(category.description) if category.description else "",
                "taxonomy": NEEDS_TAXONOMY,
                "language": self.language,
            },
        }

    def translation_attributes(
        self, record: Organisation | Service, key: str, link_id: str, entity: str
    ) -> list[JsonObject]:
        """Whether this language's texts are machine translated, or a fallback."""
        shown = pick(record.name, self.language).language
        if shown != self.language:
            code, value = "fallback", shown
        elif self.language in record.machine_translated:
            code, value = "machine-translated", self.language
        else:
            return []
        term_id = stable_id("taxonomy-term", f"translation:{code}")
        return [
            {
                "id": stable_id("attribute", f"{key}:translation:{self.language}"),
                "link_id": link_id,
                "link_type": "translation",
                "link_entity": entity,
                "taxonomy_term_id": term_id,
                "value": value,
                "taxonomy_term": {
                    "id": term_id,
                    "code": code,
                    "name": code,
                    "description": _TRANSLATION_TERMS[code],
                    "taxonomy": TRANSLATION_TAXONOMY,
                },
            }
        ]

    def contacts(self, organisation: Organisation, service: Service) -> list[JsonObject]:
        """Who to contact about the service: its organisation, by the organisation's own email
        and phones (the service's own ones are on the service)."""
        if not organisation.email and not organisation.phones:
            return []
        contact_id = stable_id("contact", f"service:{service.id}")
        contact: JsonObject = {
            "id": contact_id,
            "service_id": service_uuid(service.id),
            "name": self.text(organisation.name),
        }
        if organisation.email:
            contact["email"] = organisation.email
        contact["phones"] = self.phones(
            organisation.phones, f"contact:service:{service.id}", {"contact_id": contact_id}
        )
        return [contact]

    def phones(self, phones: list[Phone], key: str, owner: dict[str, str]) -> list[JsonObject]:
        result = []
        for index, phone in enumerate(phones):
            item: JsonObject = {"id": stable_id("phone", f"{key}:{index}"), **owner}
            item["number"] = phone.number
            if phone.label:
                item["description"] = self.text(phone.label)
            result.append(item)
        return result


_TRANSLATION_TERMS = {
    "machine-translated": "The texts in this language are a machine translation that no "
    "person has reviewed yet.",
    "fallback": "The record has no text in this language; the value names the language the "
    "texts are shown in.",
}


def schedules(hours: list[OpeningHours], key: str, owner: dict[str, str]) -> list[JsonObject]:
    return [
        {
            "id": stable_id("schedule", f"{key}:{index}"),
            **owner,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ",".join(day.upper() for day in entry.days),
            "opens_at": entry.opens,
            "closes_at": entry.closes,
            "description": f"{','.join(day.capitalize() for day in entry.days)} "
            f"{entry.opens}-{entry.closes}",
        }
        for index, entry in enumerate(hours)
    ]


def hsds(directory: Directory, build_date: date, site_url: str, language: str = "cs") -> JsonObject:
    """The whole directory as HSDS 3.0 in one site language, in a wrapper with licence and
    date."""
    if language not in SITE_LANGUAGES:
        raise ValueError(f"not a site language: {language!r}")
    return HsdsExport(directory, language, site_url).document(build_date)
