"""Generated data sets for benchmarks: N services with organisations, built from the sample
data's vocabularies, written as real YAML files (so reading and parsing are measured too)."""

from __future__ import annotations

import shutil
from pathlib import Path

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
languages: [cs, en, uk, vi]
locations:
  - id: main
    address: {{street: Ulice {n}, postcode: "130 00", city: Praha}}
    place: praha-3
    hours:
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
categories: [{category}]
description: {{en: "Generated service {n}."}}
cost: free
access: [walk-in, phone]
locations: [main]
sources:
  - {{url: "https://example.org/source/{n}", accessed: 2026-11-01}}
last_verified: 2026-11-01
"""


def generate(target: Path, services: int) -> Path:
    """Write a data set with `services` services into `target` (replaced if present)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("*.yaml"), dirs_exist_ok=True)
    for name in ("categories.yaml", "places.yaml", "emergency.yaml", "search-terms.yaml"):
        shutil.copy(SAMPLE / name, target / name)
    categories = ["legal-counselling", "czech-courses"]
    organisations = (services + SERVICES_PER_ORGANISATION - 1) // SERVICES_PER_ORGANISATION
    for n in range(organisations):
        (target / "organisations" / f"org-{n}.yaml").write_text(
            ORGANISATION.format(n=n), encoding="utf-8"
        )
    for n in range(services):
        text = SERVICE.format(
            n=n, org=n // SERVICES_PER_ORGANISATION, category=categories[n % len(categories)]
        )
        (target / "services" / f"service-{n}.yaml").write_text(text, encoding="utf-8")
    return target
