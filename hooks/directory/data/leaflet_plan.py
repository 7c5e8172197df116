"""What goes on a printable leaflet is chosen by a rule, the same for every language (so a
clerk's Czech copy and the client's copy list the same services):
  * places: towns, districts and town districts with at least one service that has an
    address there;
  * needs in the order of the needs vocabulary (data/categories.yaml lists the most asked
    for first), at most PER_NEED services each: those with an address in the place first, by
    Czech name, then those serving it from elsewhere, the nearest area first;
  * a place with more than BIG_PLACE local services is big: its leaflet has two pages and
    holds up to TWO_PAGES services; every other leaflet has one page and holds ONE_PAGE.
"""

from __future__ import annotations

from dataclasses import dataclass

from directory.data.dataset import Directory
from directory.data.models import Category, Place, Service
from directory.text.localized import pick

LEAFLET_PLACE_KINDS = ("town", "district", "town-district")
BIG_PLACE = 8  # more local services than this: two pages
ONE_PAGE = 8
TWO_PAGES = 18
PER_NEED = {1: 2, 2: 3}  # services per need, by number of pages


@dataclass(frozen=True)
class Plan:
    """What one place's leaflet holds, in every language."""

    place: Place
    pages: int
    groups: list[tuple[Category, list[Service]]]

    @property
    def services(self) -> list[Service]:
        return [service for _, services in self.groups for service in services]


def leaflet_places(directory: Directory) -> list[Place]:
    return [
        place
        for place in directory.places.values()
        if place.kind in LEAFLET_PLACE_KINDS and directory.services_in(place.id)[0]
    ]


def plan(directory: Directory, place: Place) -> Plan:
    located, serving = directory.services_in(place.id)
    pages = 2 if len(located) > BIG_PLACE else 1
    capacity, per_need = (TWO_PAGES if pages == 2 else ONE_PAGE), PER_NEED[pages]
    around = directory.place_and_ancestors(place.id)

    def nearness(service: Service) -> int:
        return min(around.index(p) for p in directory.service_areas(service) if p in around)

    local = sorted(located, key=lambda s: _czech(s.name))
    distant = sorted(serving, key=lambda s: (nearness(s), _czech(s.name)))
    shown: set[str] = set()
    groups = []
    for category in directory.categories.values():
        room = min(per_need, capacity - len(shown))
        chosen = [
            s for s in [*local, *distant] if category.id in s.categories and s.id not in shown
        ][:room]
        if chosen:
            groups.append((category, chosen))
            shown.update(s.id for s in chosen)
    return Plan(place, pages, groups)


def _czech(text: dict[str, str]) -> str:
    return pick(text, "cs").text.casefold()


def all_plans(directory: Directory) -> list[Plan]:
    return [plan(directory, place) for place in leaflet_places(directory)]
