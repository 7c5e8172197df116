"""The referral finder's data: one compact JSON file per language, loaded once by the finder
page and filtered in the browser (so filtering works offline and needs no server).

Rows are arrays, not objects, and every vocabulary (needs, places, languages, organisations)
is a list the rows point into by index: 5,000 services stay small enough for slow data.
Labels of needs, places and languages are not in the file: the page's own form has them in
the page's language.

Layout (version 1):
    {"v": 1,
     "needs": [category id, ...],
     "places": [[place id, parent index or -1], ...],
     "languages": [code, ...],
     "organisations": [name, ...],
     "services": [[id, name, organisation index, [need indexes], [place indexes with an
                   address], [area place indexes], [language indexes], cost, [access],
                   [[day bits (Monday = 1), opens minute, closes minute], ...]], ...]}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from directory.data.dataset import Directory
from directory.data.models import DAYS, OpeningHours, Service
from directory.text.localized import pick

FINDER_DATA_FILE = "finder.json"
FORMAT_VERSION = 1


def effective_hours(directory: Directory, service: Service) -> list[OpeningHours]:
    """The service's own hours, else those of the addresses it is offered at (as its page
    shows them); empty when no source gives any."""
    if service.hours:
        return service.hours
    organisation = directory.organisations[service.organisation]
    return [h for loc in organisation.locations if loc.id in service.locations for h in loc.hours]


def _minutes(time: str) -> int:
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)


def _hours_row(hours: list[OpeningHours]) -> list[list[int]]:
    return [
        [sum(1 << DAYS.index(day) for day in h.days), _minutes(h.opens), _minutes(h.closes)]
        for h in hours
    ]


def finder_data(directory: Directory, language: str) -> dict[str, Any]:
    needs = list(directory.categories)
    places = list(directory.places)
    languages = directory.spoken_languages()
    organisations = list(directory.organisations)
    place_at = {place: index for index, place in enumerate(places)}
    need_at = {need: index for index, need in enumerate(needs)}
    language_at = {code: index for index, code in enumerate(languages)}
    organisation_at = {org: index for index, org in enumerate(organisations)}

    def name(text: dict[str, str]) -> str:
        return pick(text, language).text

    rows = [
        [
            service.id,
            name(service.name),
            organisation_at[service.organisation],
            [need_at[c] for c in service.categories],
            sorted(place_at[p] for p in directory.service_places(service)),
            [place_at[p] for p in service.areas or []],
            [language_at[c] for c in directory.service_languages(service)],
            service.cost,
            list(service.access),
            _hours_row(effective_hours(directory, service)),
        ]
        for service in sorted(directory.services.values(), key=lambda s: name(s.name).casefold())
    ]
    return {
        "v": FORMAT_VERSION,
        "needs": needs,
        "places": [[p, place_at.get(directory.places[p].parent or "", -1)] for p in places],
        "languages": languages,
        "organisations": [name(directory.organisations[o].name) for o in organisations],
        "services": rows,
    }


def finder_file(directory: Directory, language: str) -> str:
    data = finder_data(directory, language)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_finder_data(directory: Directory, site_dir: Path, language: str) -> Path:
    target = site_dir / language / FINDER_DATA_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(finder_file(directory, language), encoding="utf-8")
    return target
