"""The record format (DESIGN.md section 3) as pydantic models: one model per YAML shape.

Each model checks what it can see inside one file; references between files (a service's
organisation, categories, places) are checked in crosscheck.py once everything is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from directory.data.advice import advice_error
from directory.data.fields import (
    EMERGENCY_NUMBER_PATTERN,
    PARTIAL_DATE_PATTERN,
    POSTCODE_PATTERN,
    Email,
    FullyLocalizedText,
    Id,
    LanguageCode,
    LocalizedText,
    PastDate,
    PhoneNumber,
    SiteLanguage,
    Text,
    Time,
    Url,
)

Day = Literal["mo", "tu", "we", "th", "fr", "sa", "su"]
DAYS: tuple[Day, ...] = ("mo", "tu", "we", "th", "fr", "sa", "su")
OrganisationKind = Literal[
    "ngo",
    "public-authority",
    "healthcare",
    "police",
    "interpreter",
    "education",
    "international",
    "community",
]
Cost = Literal["free", "paid", "partly-free", "unknown"]
Access = Literal["walk-in", "appointment", "phone", "online"]
Wheelchair = Literal["yes", "limited", "no", "unknown"]
PlaceKind = Literal["country", "region", "district", "town", "town-district"]

# Bounding box of the Czech Republic, with a little margin.
CZ_LAT = (48.5, 51.1)
CZ_LON = (12.0, 18.9)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Source(Strict):
    url: Url
    accessed: PastDate
    published: Annotated[str | None, Field(pattern=PARTIAL_DATE_PATTERN.regex)] = None
    note: str | None = None


Sources = Annotated[list[Source], Field(min_length=1)]


class Geo(Strict):
    lat: float
    lon: float

    @model_validator(mode="after")
    def inside_czechia(self) -> Geo:
        inside = CZ_LAT[0] <= self.lat <= CZ_LAT[1] and CZ_LON[0] <= self.lon <= CZ_LON[1]
        if inside:
            return self
        swapped = CZ_LAT[0] <= self.lon <= CZ_LAT[1] and CZ_LON[0] <= self.lat <= CZ_LON[1]
        if swapped:
            raise advice_error("geo_outside_swapped", lat=self.lat, lon=self.lon)
        raise advice_error("geo_outside", lat=self.lat, lon=self.lon)


class OpeningHours(Strict):
    days: Annotated[list[Day], Field(min_length=1)]
    opens: Time
    closes: Time

    @model_validator(mode="after")
    def opens_before_closes(self) -> OpeningHours:
        if self.opens >= self.closes:
            raise advice_error("hours_order", opens=self.opens, closes=self.closes)
        if len(set(self.days)) != len(self.days):
            raise advice_error("days_repeated")
        return self


def _no_overlaps(hours: list[OpeningHours]) -> list[OpeningHours]:
    for i, first in enumerate(hours):
        for second in hours[i + 1 :]:
            shared = [day for day in first.days if day in second.days]
            if shared and first.opens < second.closes and second.opens < first.closes:
                raise advice_error(
                    "hours_overlap",
                    day=shared[0],
                    a=f"{first.opens}-{first.closes}",
                    b=f"{second.opens}-{second.closes}",
                )
    return hours


Hours = Annotated[list[OpeningHours], AfterValidator(_no_overlaps)]


class Phone(Strict):
    number: PhoneNumber
    label: LocalizedText | None = None


class Address(Strict):
    street: Text | None = None
    postcode: Annotated[str | None, Field(pattern=POSTCODE_PATTERN.regex)] = None
    city: Text


class Location(Strict):
    id: Id
    name: LocalizedText | None = None
    address: Address
    place: Id
    geo: Geo | None = None
    hours: Hours = []
    wheelchair: Wheelchair = "unknown"


class Interpreter(Strict):
    individual: bool
    consent_to_publish: PastDate | None = None
    language_pairs: list[tuple[LanguageCode, LanguageCode]] = []
    court_certified: bool = False

    @model_validator(mode="after")
    def consent_for_individuals(self) -> Interpreter:
        if self.individual and self.consent_to_publish is None:
            raise advice_error("consent_missing")
        return self


class Record(Strict):
    """What organisations and services share.

    Dates are honest (CONTRIBUTING, "Dates"): `last_verified` is the day a person confirmed the
    facts against a current source (the organisation's page as it read that day, a phone call),
    never the day the file was written. A record that still needs that check
    (`needs_verification: true`) has no `last_verified`; its facts are as old as its sources,
    and pages say "information from" the newest source's publication date.
    """

    id: Id
    name: LocalizedText
    description: LocalizedText | None = None
    needs_verification: bool = False
    machine_translated: list[SiteLanguage] = []
    sources: Sources
    last_verified: PastDate | None = None

    @field_validator("last_verified")
    @classmethod
    def not_claimed_while_unverified(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is not None and info.data.get("needs_verification"):
            raise advice_error("verified_unverified", day=value.isoformat())
        return value

    @model_validator(mode="after")
    def verification_stated(self) -> Record:
        if not self.needs_verification and self.last_verified is None:
            raise advice_error("verification_missing")
        return self

    @property
    def information_date(self) -> str | None:
        """How old the facts are: the verification day, else the newest source's own date
        ("2012", "2024-02", "2024-02-05"), else None (undated sources only)."""
        if self.last_verified is not None:
            return self.last_verified.isoformat()
        published = [source.published for source in self.sources if source.published]
        return max(published) if published else None


class Organisation(Record):
    kind: OrganisationKind
    website: Url | None = None
    email: Email | None = None
    phones: list[Phone] = []
    languages: Annotated[list[LanguageCode], Field(min_length=1)]
    locations: list[Location] = []
    interpreter: Interpreter | None = None

    @model_validator(mode="after")
    def interpreter_details(self) -> Organisation:
        if self.kind == "interpreter" and self.interpreter is None:
            raise advice_error("interpreter_missing")
        if self.kind != "interpreter" and self.interpreter is not None:
            raise advice_error("interpreter_unexpected")
        return self


class Service(Record):
    organisation: Id
    categories: Annotated[list[Id], Field(min_length=1)]
    languages: Annotated[list[LanguageCode], Field(min_length=1)] | None = None
    cost: Cost
    access: list[Access] = []
    locations: list[Id] = []
    areas: list[Id] | None = None
    what_to_bring: LocalizedText | None = None
    phones: list[Phone] = []
    email: Email | None = None
    website: Url | None = None
    hours: Hours = []


class Category(Strict):
    id: Id
    name: FullyLocalizedText
    description: FullyLocalizedText | None = None


class Place(Strict):
    id: Id
    kind: PlaceKind
    name: FullyLocalizedText
    parent: Id | None = None
    centre: Geo
    sources: Sources


class EmergencyNumber(Strict):
    number: Annotated[str, Field(pattern=EMERGENCY_NUMBER_PATTERN.regex)]
    name: FullyLocalizedText
    description: FullyLocalizedText
    sources: Sources


class GlossaryTerm(Strict):
    """An official term (data/glossary.yaml): one rendering per site language, used the same way
    in every record, and found by search in every language. `also` lists other forms that count
    as the term in a record's text (word stems of inflected forms, abbreviations); `synonyms`
    the everyday words readers type into search."""

    id: Id
    categories: Annotated[list[Id], Field(min_length=1)]
    term: FullyLocalizedText
    also: dict[SiteLanguage, list[Text]] = {}
    synonyms: dict[SiteLanguage, list[Text]] = {}


@dataclass(frozen=True)
class RecordKind:
    """A kind of record: its name (`directory new service`), its folder in data/, its model."""

    name: str
    folder: str
    model: type[BaseModel]


class SearchTerm(Strict):
    """Official Czech words people search for in any language, e.g. "povolení k pobytu"."""

    terms: Annotated[list[Text], Field(min_length=1)]
    categories: Annotated[list[Id], Field(min_length=1)]


# Every kind of record, in one place: loading, the JSON Schemas, the scaffold, the web editor
# and the translation files all take their list from here.
RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind("organisation", "organisations", Organisation),
    RecordKind("service", "services", Service),
)
