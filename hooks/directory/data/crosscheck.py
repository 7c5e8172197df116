"""Checks that need more than one file: ids against file names, references, uniqueness."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from directory.data.advice import Advice, advice
from directory.data.models import Organisation, Service
from directory.data.problems import Problem
from directory.data.sourcefile import SourceFile, Vocabulary
from directory.text.languages import suggest

Records = dict[str, dict[str, tuple[Any, SourceFile | None]]]
Vocabularies = dict[str, Vocabulary]


def cross_check(records: Records, vocabularies: Vocabularies) -> list[Problem]:
    problems: list[Problem] = []
    for folder in records.values():
        problems.extend(_ids_match_file_names(folder))
    problems.extend(_vocabulary_ids_unique(vocabularies))
    categories = _ids(vocabularies["categories"])
    places = _ids(vocabularies["places"])
    problems.extend(_place_parents(vocabularies, places))
    for kind in ("search-terms", "glossary"):
        problems.extend(_vocabulary_categories(vocabularies, kind, categories))
    organisations = records["organisations"]
    for record, source in organisations.values():
        if isinstance(record, Organisation) and source is not None:
            problems.extend(_organisation_references(record, source, places))
    for record, source in records["services"].values():
        if isinstance(record, Service) and source is not None:
            problems.extend(_service_references(record, source, organisations, categories, places))
    return problems


def _ids(vocabulary: Vocabulary) -> set[str] | None:
    """The ids of a vocabulary, or None when part of it is invalid (references unchecked)."""
    return {item.id for item in vocabulary.items.values()} if vocabulary.complete else None


_UNIQUE_KEYS = {"categories": "id", "places": "id", "emergency": "number"}


def _unknown(kind: str, value: str, known: Iterable[str]) -> Advice:
    guess = suggest(value, sorted(known))
    if kind == "places":
        if guess:
            return advice("unknown_place_guess", value=value, guess=guess)
        return advice("unknown_place", value=value)
    if kind == "categories":
        if guess:
            return advice("unknown_category_guess", value=value, guess=guess)
        return advice("unknown_category", value=value)
    if guess:
        return advice("unknown_organisation_guess", value=value, guess=guess)
    return advice("unknown_organisation", value=value)


def _ids_match_file_names(folder: dict[str, tuple[Any, SourceFile | None]]) -> Iterable[Problem]:
    for stem, (record, source) in folder.items():
        if record is not None and source is not None and record.id != stem:
            yield source.problem(("id",), advice("id_not_file_name", id=record.id, stem=stem))


def _vocabulary_ids_unique(vocabularies: Vocabularies) -> Iterable[Problem]:
    for kind, vocabulary in vocabularies.items():
        source = vocabulary.source
        if source is None:
            continue
        key = _UNIQUE_KEYS.get(kind)
        if key is None:
            continue
        seen: set[str] = set()
        for index, item in vocabulary.items.items():
            value = getattr(item, key)
            if value in seen:
                yield source.problem((index, key), advice("listed_twice", value=value))
            seen.add(value)


def _place_parents(vocabularies: Vocabularies, places: set[str] | None) -> Iterable[Problem]:
    source = vocabularies["places"].source
    if source is None or places is None:
        return
    for index, place in vocabularies["places"].items.items():
        if place.parent is not None and (place.parent not in places or place.parent == place.id):
            yield source.problem((index, "parent"), _unknown("places", place.parent, places))


def _organisation_references(
    record: Organisation, source: SourceFile, places: set[str] | None
) -> Iterable[Problem]:
    seen: set[str] = set()
    for index, location in enumerate(record.locations):
        if location.id in seen:
            yield source.problem(
                ("locations", index, "id"), advice("location_used_twice", id=location.id)
            )
        seen.add(location.id)
        if places is not None and location.place not in places:
            yield source.problem(
                ("locations", index, "place"), _unknown("places", location.place, places)
            )


def _service_references(
    service: Service,
    source: SourceFile,
    organisations: dict[str, tuple[Any, SourceFile | None]],
    categories: set[str] | None,
    places: set[str] | None,
) -> Iterable[Problem]:
    if service.organisation not in organisations:
        yield source.problem(
            ("organisation",), _unknown("organisations", service.organisation, organisations)
        )
    else:
        owner = organisations[service.organisation][0]
        if isinstance(owner, Organisation):
            location_ids = [location.id for location in owner.locations]
            for index, location_id in enumerate(service.locations):
                if location_id in location_ids:
                    continue
                if location_ids:
                    found = advice(
                        "location_not_of_organisation",
                        organisation=owner.id,
                        location=location_id,
                        locations=", ".join(location_ids),
                    )
                else:
                    found = advice(
                        "location_not_of_organisation_none",
                        organisation=owner.id,
                        location=location_id,
                    )
                yield source.problem(("locations", index), found)
    if categories is not None:
        for index, category in enumerate(service.categories):
            if category not in categories:
                yield source.problem(
                    ("categories", index), _unknown("categories", category, categories)
                )
    if places is not None:
        for index, area in enumerate(service.areas or []):
            if area not in places:
                yield source.problem(("areas", index), _unknown("places", area, places))


def _vocabulary_categories(
    vocabularies: Vocabularies, kind: str, categories: set[str] | None
) -> Iterable[Problem]:
    """Search terms and glossary entries name categories that exist."""
    vocabulary = vocabularies[kind]
    if vocabulary.source is None or categories is None:
        return
    for index, entry in vocabulary.items.items():
        for position, category in enumerate(entry.categories):
            if category not in categories:
                yield vocabulary.source.problem(
                    (index, "categories", position), _unknown("categories", category, categories)
                )
