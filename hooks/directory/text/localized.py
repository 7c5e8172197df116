"""Choosing the text to show from a localized text, honestly: a fallback is marked as one."""

from __future__ import annotations

from dataclasses import dataclass

from directory.text.languages import fallback_chain


@dataclass(frozen=True)
class Shown:
    """A text as shown on a page in `page_language`."""

    text: str
    language: str  # the language the text is really in (for the `lang` attribute)
    page_language: str
    machine: bool  # machine-translated, by the record's own account

    @property
    def is_fallback(self) -> bool:
        return self.language != self.page_language


def pick(text: dict[str, str], page_language: str, machine: list[str] | None = None) -> Shown:
    """The text in the page's language, else along its fallback chain, else any text there is."""
    for code in (*fallback_chain(page_language), *text):
        if code in text:
            return Shown(text[code], code, page_language, code in (machine or []))
    raise ValueError("empty localized text")  # the models never let one through
