"""Generated data sets for benchmarks: N services with organisations, built from the sample
data's vocabularies, written as real YAML files (so reading and parsing are measured too).

Given another data folder's vocabularies (the real `data/`), the records spread over its needs,
towns and districts and over several spoken languages, so need and place pages are realistic.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "sample-data"
SERVICES_PER_ORGANISATION = 4

ORGANISATION = """\
# yaml-language-server: $schema=../../../schemas/organisation.schema.json
id: org-{n}
kind: ngo
name: {{cs: Organizace {n}, en: Organisation {n}}}
description: {{en: "Generated organisation number {n} for benchmarks."}}
website: https://example.org/org-{n}
email: org-{n}@example.org
phones:
  - number: "+420 252 543 846"
languages: [{languages}]
locations:
  - id: main
    address: {{street: Ulice {n}, postcode: "130 00", city: {city}}}
    place: {place}
{geo}    hours:
      - {{days: [mo, tu, we, th], opens: "09:00", closes: "17:00"}}
      - {{days: [fr], opens: "09:00", closes: "12:00"}}
sources:
  - {{url: "https://example.org/source/{n}", accessed: 2026-11-01}}
last_verified: 2026-11-01
"""

SERVICE = """\
# yaml-language-server: $schema=../../../schemas/service.schema.json
id: service-{n}
organisation: org-{org}
name: {{en: Service {n}, cs: Služba {n}}}
categories: [{categories}]
description: {{en: "Generated service {n}."}}
cost: free
access: [walk-in, phone]
locations: [main]
sources:
  - {{url: "https://example.org/source/{n}", accessed: 2026-11-01}}
last_verified: 2026-11-01
"""


VOCABULARIES = (
    "categories.yaml",
    "places.yaml",
    "emergency.yaml",
    "search-terms.yaml",
    "glossary.yaml",
)
# Spoken languages of generated organisations, taken in turn.
LANGUAGE_SETS = ("cs, en", "cs, en, uk, ru", "cs, vi", "cs, en, ar", "cs, en, uk, vi", "uk, ru")
TOWN_KINDS = ("town", "town-district")


@dataclass(frozen=True)
class Spread:
    """What the generated records are spread over."""

    categories: list[str]
    places: list[dict[str, Any]]  # towns and districts: id, name, centre


SAMPLE_SPREAD = Spread(
    ["legal-counselling", "czech-courses"],
    [{"id": "praha-3", "name": {"cs": "Praha"}, "centre": None}],
)


def generate(target: Path, services: int, vocabulary: Path | None = None) -> Path:
    """Write a data set with `services` services into `target` (replaced if present).

    Without `vocabulary` every record uses the sample data's two needs and Praha 3; with a data
    folder, its vocabularies are copied and the records spread over its needs and places."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("*.yaml"), dirs_exist_ok=True)
    source = vocabulary or SAMPLE
    for name in VOCABULARIES:
        shutil.copy(source / name, target / name)
    spread = SAMPLE_SPREAD if vocabulary is None else read_spread(vocabulary)
    organisations = (services + SERVICES_PER_ORGANISATION - 1) // SERVICES_PER_ORGANISATION
    for n in range(organisations):
        text = organisation_text(n, spread, varied=vocabulary is not None)
        (target / "organisations" / f"org-{n}.yaml").write_text(text, encoding="utf-8")
    for n in range(services):
        text = SERVICE.format(
            n=n,
            org=n // SERVICES_PER_ORGANISATION,
            categories=service_categories(n, spread.categories, varied=vocabulary is not None),
        )
        (target / "services" / f"service-{n}.yaml").write_text(text, encoding="utf-8")
    return target


def read_spread(data: Path) -> Spread:
    categories = yaml.safe_load((data / "categories.yaml").read_text(encoding="utf-8"))
    places = yaml.safe_load((data / "places.yaml").read_text(encoding="utf-8"))
    return Spread(
        [category["id"] for category in categories],
        [place for place in places if place["kind"] in TOWN_KINDS],
    )


def organisation_text(n: int, spread: Spread, varied: bool) -> str:
    place = spread.places[n % len(spread.places)]
    centre = place["centre"]
    geo = ""
    if varied and centre is not None and n % 2 == 0:  # half the locations have coordinates
        lat, lon = centre["lat"] + (n % 7) * 0.001, centre["lon"] + (n % 11) * 0.001
        geo = f"    geo: {{lat: {lat:.4f}, lon: {lon:.4f}}}\n"
    return ORGANISATION.format(
        n=n,
        languages=LANGUAGE_SETS[n % len(LANGUAGE_SETS)] if varied else "cs, en, uk, vi",
        city=place["name"]["cs"],
        place=place["id"],
        geo=geo,
    )


def service_categories(n: int, categories: list[str], varied: bool) -> str:
    first = categories[n % len(categories)]
    second = categories[(n * 7 + 3) % len(categories)]
    if varied and n % 3 == 0 and second != first:  # every third service meets two needs
        return f"{first}, {second}"
    return first
