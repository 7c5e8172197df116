"""Leaflets typeset as PDFs by Typst: one compiler a process (its fonts loaded once), one
leaflet's JSON in, one tagged A4 PDF out.

`typeset` is what runs in a worker process: a module-level function of plain data (JSON
strings, font folders), so any executor can run it, spawn or forkserver included; and this
module imports nothing heavy, so a spawned worker is ready in a fraction of a second."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the extension (40-70 ms to load) only where leaflets are typeset
    import typst

# Beside leaflet.html (render.pages.TEMPLATES, not imported: it would load Jinja, Babel and the
# data models into every worker).
TEMPLATE = Path(__file__).resolve().parent.parent / "render" / "templates" / "leaflet.typ"
# PDF/UA-1: a tagged PDF (headings, paragraphs, table headers, the reading order, the
# document's language) that Typst checks for what the standard asks (a title, alt texts).
PDF_STANDARD: Literal["ua-1"] = "ua-1"


class TypesettingError(RuntimeError):
    """Typst refused the template or the data: its diagnostic, with the leaflet's address."""


@functools.cache
def engine_version() -> str:
    """Typst's version and the template's text: what a leaflet's PDF depends on besides its
    data (and the fonts, which the build's machine keeps). Read without importing Typst."""
    template = hashlib.sha256(TEMPLATE.read_bytes()).hexdigest()
    return f"typst {importlib.metadata.version('typst')}; leaflet.typ {template}"


def typeset(leaflets: list[str], fonts: tuple[str, ...]) -> list[bytes]:
    """The PDF of each leaflet (a Leaflet as JSON, print/leaflets.py), with only the fonts in
    the folders `fonts` to draw with: the system's others are neither scanned nor used."""
    compiler = _compiler(fonts)
    return [_one(compiler, leaflet) for leaflet in leaflets]


@functools.cache  # a worker process keeps its compiler, and Typst its fonts, between batches
def _compiler(fonts: tuple[str, ...]) -> typst.Compiler:
    import typst

    folders: list[str] = list(fonts)
    return typst.Compiler(
        str(TEMPLATE), root=str(TEMPLATE.parent), font_paths=folders, ignore_system_fonts=True
    )


def _one(compiler: typst.Compiler, leaflet: str) -> bytes:
    import typst

    try:
        pdf, found = compiler.compile_with_warnings(
            sys_inputs={"leaflet": leaflet}, format="pdf", pdf_standards=PDF_STANDARD
        )
    except typst.TypstError as error:
        raise TypesettingError(f"{_address(leaflet)}: {error.diagnostic}") from None
    if found:  # e.g. a font missing, or a letter no font has: it would print as a box
        raise TypesettingError(f"{_address(leaflet)}: {found[0].diagnostic}")
    assert isinstance(pdf, bytes)
    return pdf


def _address(leaflet: str) -> str:
    return str(json.loads(leaflet).get("url", "a leaflet"))
