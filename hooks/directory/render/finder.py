"""The referral finder's data: one compact JSON file per language, loaded once by the finder
page and filtered in the browser (so filtering works offline and needs no server).

Rows are arrays, not objects, and every vocabulary (needs, places, languages, organisations,
addresses) is a list the rows point into by index: 5,000 services stay small enough for slow
data. Labels of needs, places and languages are not in the file: the page's own form has them
in the page's language.

Layout (version 2):
    {"v": 2,
     "needs": [category id, ...],
     "places": [[place id, parent index or -1, kind], ...],
     "languages": [code, ...],
     "organisations": [name, ...],
     "addresses": [[address as written on the service page, [hours]], ...],
     "services": [[id, name, organisation index, [need indexes], [place indexes with an
                   address], [area place indexes], [language indexes], cost, [access],
                   [the service's own hours], [address indexes], first phone as shown], ...]}
Hours are [[day bits (Monday = 1), opens minute, closes minute], ...]. A service's own hours
apply at every address it is offered at (as its page shows them); without them each address
has its own. The areas are the record's `areas`, else the places of its addresses (the record
format's default), so the finder can tell a district's services from its town's, region's and
the whole country's.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

from directory.data.dataset import Directory
from directory.data.models import DAYS, Access, Cost, OpeningHours, Service
from directory.render.formatting import address_text, phone_display
from directory.text.catalogue import Catalogue
from directory.text.localized import pick

FINDER_DATA_FILE = "finder.json"
FORMAT_VERSION = 2


def first_phone(directory: Directory, service: Service) -> str:
    """The first number the service page lists (the service's, then its organisation's)."""
    phones = service.phones + directory.organisations[service.organisation].phones
    return phone_display(phones[0].number) if phones else ""


def _minutes(time: str) -> int:
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)


def _hours_row(hours: list[OpeningHours]) -> list[list[int]]:
    return [
        [sum(1 << DAYS.index(day) for day in h.days), _minutes(h.opens), _minutes(h.closes)]
        for h in hours
    ]


class _Addresses:
    """The addresses vocabulary: one entry per organisation location some service uses."""

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []
        self._at: dict[tuple[str, str], int] = {}

    def indexes(self, directory: Directory, service: Service) -> list[int]:
        found = []
        for location in directory.service_locations(service):
            key = (service.organisation, location.id)
            if key not in self._at:
                self._at[key] = len(self.rows)
                self.rows.append([address_text(location), _hours_row(location.hours)])
            found.append(self._at[key])
        return found


def _service_row(
    directory: Directory,
    service: Service,
    name: Callable[[dict[str, str]], str],
    at: dict[str, dict[str, int]],
    addresses: _Addresses,
) -> list[Any]:
    place_at = at["places"]
    return [
        service.id,
        name(service.name),
        at["organisations"][service.organisation],
        [at["needs"][c] for c in service.categories],
        sorted(place_at[p] for p in directory.service_places(service)),
        [place_at[p] for p in directory.service_areas(service)],
        [at["languages"][c] for c in directory.service_languages(service)],
        service.cost,
        list(service.access),
        _hours_row(service.hours),
        addresses.indexes(directory, service),
        first_phone(directory, service),
    ]


def finder_data(directory: Directory, language: str) -> dict[str, Any]:
    needs = list(directory.categories)
    places = list(directory.places)
    languages = directory.spoken_languages()
    organisations = list(directory.organisations)
    at = {
        "needs": {need: index for index, need in enumerate(needs)},
        "places": {place: index for index, place in enumerate(places)},
        "languages": {code: index for index, code in enumerate(languages)},
        "organisations": {org: index for index, org in enumerate(organisations)},
    }

    def name(text: dict[str, str]) -> str:
        return pick(text, language).text

    addresses = _Addresses()
    ordered = sorted(directory.services.values(), key=lambda s: name(s.name).casefold())
    rows = [_service_row(directory, service, name, at, addresses) for service in ordered]
    return {
        "v": FORMAT_VERSION,
        "needs": needs,
        "places": [
            [p, at["places"].get(directory.places[p].parent or "", -1), directory.places[p].kind]
            for p in places
        ],
        "languages": languages,
        "organisations": [name(directory.organisations[o].name) for o in organisations],
        "addresses": addresses.rows,
        "services": rows,
    }


def finder_labels(t: Catalogue) -> dict[str, Any]:
    """The words the finder's script writes into the page, in the page's language."""
    return {
        "count": t("finder_count"),
        "no_hours": t("finder_no_hours"),
        "nothing": t("finder_nothing"),
        "loading": t("finder_loading"),
        "failed": t("finder_failed"),
        "groups": {
            "here": t("finder_group_here"),
            "town": t("finder_group_town"),
            "region": t("finder_group_region"),
            "country": t("finder_group_country"),
        },
        "today": t("finder_today"),
        "closed_today": t("finder_closed_today"),
        "open_now": t("finder_state_open"),
        "closed_now": t("finder_state_closed"),
        "hours_unknown": t("finder_hours_unknown"),
        "phone": t("phone"),
        "serves": t("serves_area") + ":",
        "languages": t("languages_spoken"),
        "cost": {cost: t(f"cost_{cost}") for cost in get_args(Cost)},
        "access": {way: t(f"access_{way}") for way in get_args(Access)},
    }


def finder_file(directory: Directory, language: str) -> str:
    data = finder_data(directory, language)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_finder_data(directory: Directory, site_dir: Path, language: str) -> Path:
    target = site_dir / language / FINDER_DATA_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(finder_file(directory, language), encoding="utf-8")
    return target
