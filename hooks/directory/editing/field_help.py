"""What each record field means, in plain words: shown in new records, the JSON Schemas' tooltips
and the web editor (CONTRIBUTING.md explains the same fields)."""

from __future__ import annotations

# What each field means, in plain words; "Model.field" first, then the bare field name.
HELP: dict[str, str] = {
    "id": "The record's id: lowercase letters a-z and digits joined by single hyphens, e.g. "
    "legal-advice-brno. The file name must be this id followed by .yaml.",
    "name": "The name people know it by, copied from the source.",
    "Location.name": "A name for this address if there are several, e.g. Main office.",
    "description": "A short plain-text description for readers. A blank line starts a new "
    "paragraph.",
    "needs_verification": "true until a person has confirmed the facts against a current "
    "source (the organisation's page as it reads that day, or a phone call); readers are "
    "warned. Such a record has no last_verified.",
    "machine_translated": "The site languages whose texts in this record are machine "
    "translations no person has reviewed (readers see a notice); remove a language once a "
    "person has checked its texts.",
    "sources": "Where the facts in this record come from: one entry per web page or document "
    "you read.",
    "Source.url": "The full web address of the page or document, starting with https://.",
    "Source.accessed": "The day you read it.",
    "Source.published": 'When the source was published or last updated, if it says: "YYYY", '
    '"YYYY-MM" or "YYYY-MM-DD".',
    "Source.note": "Anything a reviewer should know about the source, e.g. the page of a PDF.",
    "last_verified": "Only with needs_verification false: the day a person confirmed the "
    "facts against a current source — never the day the file was written. Without it, pages "
    "show the date of the newest source.",
    "Organisation.kind": "What kind of organisation this is.",
    "website": "The official website, starting with https:// (or http://).",
    "email": "The public contact e-mail address, as the source gives it.",
    "phones": "Public phone numbers, as the source gives them. Never guess a number.",
    "Phone.number": 'The number in any common Czech form, e.g. "+420 252 543 846" or '
    '"252 543 846".',
    "Phone.label": "What the number is for, e.g. Information line.",
    "Organisation.languages": "The languages clients are served in: two-letter ISO 639-1 "
    "codes, e.g. cs, en, uk.",
    "Organisation.locations": "The addresses clients can come to.",
    "Organisation.interpreter": "Details of an interpreter: only for kind interpreter; delete "
    "them for every other kind.",
    "Interpreter.individual": "true for a person working on their own, false for an agency.",
    "Interpreter.consent_to_publish": "For a person: the day they agreed to be listed. "
    "Required for individuals, whose details are personal data.",
    "Interpreter.language_pairs": "The language pairs interpreted, as ISO 639-1 codes, e.g. "
    "[[cs, uk], [cs, ru]].",
    "Interpreter.court_certified": "true if the source says the interpreter is court-certified "
    "(soudní tlumočník).",
    "Location.id": "A short id for this address, unique inside the organisation, e.g. main; "
    "services name it in their locations.",
    "Location.address": "The postal address, as the source gives it.",
    "Address.street": "Street and house number, e.g. Žitná 51.",
    "Address.postcode": 'The five-digit postcode, e.g. "110 00".',
    "Address.city": "The town, e.g. Praha.",
    "Location.place": "The id of the place (from data/places.yaml) the address is in, e.g. "
    "praha-1: it puts the address on the right lists and map.",
    "Location.geo": "The exact point on the map, only if a source gives it. Without it the map "
    "uses the place's centre and says the position is approximate.",
    "Geo.lat": "Latitude, about 48.5 to 51.1 in Czechia, e.g. 50.0755.",
    "Geo.lon": "Longitude, about 12.0 to 18.9 in Czechia, e.g. 14.4250.",
    "Location.hours": "Opening hours at this address: one entry per group of days with the same "
    "times.",
    "OpeningHours.days": "The days these hours apply to.",
    "OpeningHours.opens": 'Opening time, e.g. "09:00".',
    "OpeningHours.closes": 'Closing time, e.g. "17:00".',
    "Location.wheelchair": "Whether a wheelchair user can get in, as the source says.",
    "Service.organisation": "The id of the organisation that offers the service: its file "
    "name in data/organisations/ without .yaml.",
    "Service.categories": "The needs the service helps with: ids from data/categories.yaml.",
    "Service.languages": "The languages the service is offered in, as ISO 639-1 codes; leave "
    "it out to use the organisation's languages.",
    "Service.cost": "What the service costs the client.",
    "Service.access": "How clients can use the service.",
    "Service.locations": "Ids of the organisation's locations where the service is offered; "
    "an empty list [] means by phone or online only.",
    "Service.areas": "Ids of the places (data/places.yaml) the service serves; leave it out to "
    "use the places of its locations.",
    "Service.what_to_bring": "What clients should bring, e.g. passport, residence card.",
    "Service.hours": "The service's own hours (e.g. of a phone line), one entry per group of "
    "days with the same times.",
}
