"""Official terms in record texts: which a text names, whether every translation names them
too, and the words search should find a record by (data/glossary.yaml).

A form ("посвідк на прожив") names the term in a text when its words appear one after another,
each the start of a word of the text, so stems find inflected forms ("посвідку на проживання")
but "social" is not found in "psychosocial". Arabic writes the article and particles onto the
word ("والحماية"), so there a form's word may stand anywhere inside a word. Hyphens separate
words ("sociálně-právní poradenství" names "právní poradenství"). Case is ignored.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from directory.data.models import GlossaryTerm, Organisation, Service
from directory.data.texts import localized_fields
from directory.text.languages import SITE_LANGUAGES, SOURCE_LANGUAGES

_WORD = re.compile(r"[\w\u0600-\u06ff'’]+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


@functools.lru_cache(maxsize=8192)
def _normal(text: str) -> str:
    """The text's words, case-folded, one space between them and around them."""
    return " " + " ".join(_WORD.findall(text.casefold())) + " "


@functools.lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern[str] | None:
    """The form as a search over `_normal` text: each word starts a word of the text (Arabic:
    stands anywhere inside one), the words adjacent. One regular expression per form, so
    every page of every language can ask about every term (measured: 40 s of a 60 s build
    went to matching word by word in Python)."""
    parts = _WORD.findall(form.casefold())
    if not parts:
        return None
    words = [
        rf"\S*{re.escape(part)}\S*" if _ARABIC.match(part) else rf"{re.escape(part)}\S*"
        for part in parts
    ]
    return re.compile(" " + " ".join(words) + " ")


def names(text: str, form: str) -> bool:
    """Whether `text` contains the words of `form`, in order and adjacent."""
    return _found(_normal(text), form)


def _found(normal: str, form: str) -> bool:
    """`names` over a text already made `_normal`. A text without the form's first word
    cannot name it: that plain substring test spares most regular-expression searches."""
    pattern = _pattern(form)
    return (
        _first_word(form) in normal and pattern is not None and pattern.search(normal) is not None
    )


@functools.lru_cache(maxsize=4096)
def _first_word(form: str) -> str:
    """What any text naming `form` contains: its first word as `_pattern` wants it, a word's
    start (after a space) except in Arabic."""
    parts: list[str] = _WORD.findall(form.casefold())
    if not parts:
        return ""
    return parts[0] if _ARABIC.match(parts[0]) else " " + parts[0]


def forms(term: GlossaryTerm, language: str) -> list[str]:
    return [term.term[language], *term.also.get(language, [])]


def named_by(term: GlossaryTerm, text: str, language: str) -> bool:
    return any(names(text, form) for form in forms(term, language))


@dataclass(frozen=True)
class Inconsistency:
    """A translation that leaves out a term its source text names."""

    record: str  # "services/oamp-brno-residence-applications"
    field: str  # "description"
    term: str  # the glossary id
    language: str


def inconsistencies(
    kind: str, record: Organisation | Service, glossary: list[GlossaryTerm]
) -> Iterator[Inconsistency]:
    """Terms named by a text's Czech or English but missing from one of its translations."""
    for field, text in localized_fields(record):
        for term in glossary:
            if not any(
                named_by(term, text[code], code) for code in SOURCE_LANGUAGES if code in text
            ):
                continue
            for language in SITE_LANGUAGES:
                if language in text and not named_by(term, text[language], language):
                    yield Inconsistency(f"{kind}/{record.id}", field, term.id, language)


# Per language, each term's id and the forms that name it: ((language, ((id, forms), …)), …).
GlossaryForms = tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]


def glossary_forms(glossary: list[GlossaryTerm]) -> GlossaryForms:
    return tuple(
        (code, tuple((term.id, tuple(forms(term, code))) for term in glossary))
        for code in SITE_LANGUAGES
    )


def terms_named(record: Organisation | Service, glossary: list[GlossaryTerm]) -> list[GlossaryTerm]:
    """The terms any text of the record names, in any language."""
    texts = tuple(
        (code, value) for _, text in localized_fields(record) for code, value in text.items()
    )
    named = _terms_named(texts, glossary_forms(glossary))
    return [term for term in glossary if term.id in named]


@functools.lru_cache(maxsize=16384)
def _terms_named(texts: tuple[tuple[str, str], ...], glossary: GlossaryForms) -> frozenset[str]:
    """The ids of the terms the texts name. Kept by the texts themselves: every language's
    pages ask about every record, and a preview (`mkdocs serve`) asks again after each edit,
    of records that mostly did not change."""
    by_language = dict(glossary)
    normals: dict[str, list[str]] = {}
    for code, value in texts:
        normals.setdefault(code, []).append(_normal(value))
    found: set[str] = set()
    for code, parts in normals.items():
        # One search a form over all of a language's texts: a "|" between them is a word of
        # its own, which no form's words run across.
        joined = "|".join(parts)
        for term_id, term_forms in by_language.get(code, ()):
            if term_id not in found and any(_found(joined, form) for form in term_forms):
                found.add(term_id)
    return frozenset(found)


def search_words(terms: list[GlossaryTerm], language: str) -> list[str]:
    """What a page is found by: each term in every language, and the everyday words of the
    page's language and of Czech. (`also` holds word stems for matching record text, which
    no reader types.)"""
    words: list[str] = []
    for term in terms:
        words += [term.term[code] for code in SITE_LANGUAGES]
        for code in dict.fromkeys((language, "cs")):
            words += term.synonyms.get(code, [])
    return list(dict.fromkeys(words))


# Words a search leaves out of what a reader types. Pagefind matches each word of a query as
# the start of a word and wants every word found, so "k" in "povolení k pobytu" matched
# "Karlínské" and "на" every word from "назад" on. Prepositions, conjunctions and articles
# only; a query of nothing else is searched as typed.
QUERY_STOP_WORDS: dict[str, list[str]] = {
    "cs": ["a", "i", "k", "ke", "o", "s", "se", "u", "v", "ve", "z", "ze", "na", "do", "pro"],
    "en": ["a", "an", "the", "of", "for", "to", "in", "on", "at", "and", "with", "my"],
    "uk": ["в", "у", "з", "із", "зі", "і", "й", "та", "на", "до", "для", "по", "про", "від"],
    "ru": ["в", "во", "с", "со", "и", "к", "ко", "на", "до", "для", "по", "о", "об", "от"],
    "vi": ["và", "của", "cho", "tại", "với"],
    "ar": ["في", "من", "إلى", "على", "عن", "و"],
}
