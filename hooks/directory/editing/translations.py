"""Translators' round trip through gettext PO files, for people who do not edit YAML.

`export_po` writes one entry per record text: the context names the record and field
("services/oamp-brno-residence-applications:description"), the source is the English text
(the Czech one when exporting English, or when no English exists), the Czech original is a
comment, and texts the record marks as machine translated are fuzzy. Weblate, Poedit and
Lokalize open it. `import_po` writes the texts back into the YAML files, changing only the
values that differ (yamledit.py), and keeps a record's machine-translation mark for a language
only while one of its entries in that language is still fuzzy. Exporting and importing an
unchanged file changes no byte. The PO format is Babel's (`babel.messages.pofile`).
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from directory.data.dataset import Directory
from directory.data.fields import ID_PATTERN
from directory.data.loading import RECORD_FOLDERS
from directory.data.texts import localized_fields, records
from directory.editing import yamledit
from directory.text.languages import SITE_LANGUAGES

_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def field_path(name: str) -> tuple[str | int, ...]:
    """ "locations[0].name" → ("locations", 0, "name")."""
    steps: list[str | int] = []
    for part in name.split("."):
        match = _STEP.fullmatch(part)
        if match is None:
            raise ValueError(f"not a field path: {name!r}")
        steps.append(match.group(1))
        if match.group(2) is not None:
            steps.append(int(match.group(2)))
    return tuple(steps)


def source_language(text: dict[str, str], language: str) -> str:
    """The text translators translate from: English, or Czech for English or when no English
    exists."""
    preferred = ("cs", "en") if language == "en" else ("en", "cs")
    return next(code for code in preferred if code in text)


def export_po(directory: Directory, language: str) -> bytes:
    if language not in SITE_LANGUAGES:
        raise ValueError(f"not a site language: {language!r} (one of {', '.join(SITE_LANGUAGES)})")
    catalog = Catalog(
        locale=language,
        project="Rozcestník records",
        fuzzy=False,
        header_comment="# Record texts of Rozcestník. Import: python -m directory translations"
        " import FILE.po\n# Fuzzy entries are machine translations no person has reviewed.",
    )
    for kind, record in records(directory):
        for name, text in localized_fields(record):
            origin = source_language(text, language)
            translation = text.get(language, "") if origin != language else text[language]
            comments = [
                f"{code}: {text[code]}" for code in ("cs",) if code in text and code != origin
            ]
            catalog.add(
                text[origin],
                translation,
                locations=[(f"data/{kind}/{record.id}.yaml", 0)],
                flags=["fuzzy"] if translation and language in record.machine_translated else [],
                auto_comments=comments,
                context=f"{kind}/{record.id}:{name}",
            )
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False, include_lineno=False)
    return out.getvalue()


@dataclass
class _FileEdits:
    texts: list[tuple[tuple[str | int, ...], str]] = field(default_factory=list)
    fuzzy: bool = False
    translated: bool = False


@dataclass(frozen=True)
class ImportResult:
    language: str
    changed_files: list[Path]
    entries: int


def import_po(data_dir: Path, po_file: Path) -> ImportResult:
    """Write the PO file's texts into the record files of `data_dir`."""
    with po_file.open("rb") as stream:
        catalog = read_po(stream)
    if catalog.locale is None or str(catalog.locale.language) not in SITE_LANGUAGES:
        raise ValueError(f"{po_file}: the header names no site language (Language: vi, …)")
    language = str(catalog.locale.language)
    edits: dict[Path, _FileEdits] = defaultdict(_FileEdits)
    entries = 0
    for message in catalog:
        if not message.id or not message.context:
            continue
        record, _, name = str(message.context).partition(":")
        kind, _, record_id = record.partition("/")
        if kind not in RECORD_FOLDERS or not re.fullmatch(ID_PATTERN, record_id):
            raise ValueError(f"{po_file}: unknown context {message.context!r}")
        entries += 1
        translation = str(message.string or "")
        if not translation.strip():
            continue
        path = data_dir / kind / f"{record_id}.yaml"
        edits[path].texts.append((field_path(name), translation))
        edits[path].translated = True
        edits[path].fuzzy |= message.fuzzy
    # Every file's new text first: an entry that fails leaves every file as it was.
    updated = {path: _updated(path, edit, language) for path, edit in sorted(edits.items())}
    changed = [path for path, text in updated.items() if text is not None]
    for path in changed:
        path.write_text(updated[path] or "", encoding="utf-8")
    return ImportResult(language, changed, entries)


def _updated(path: Path, edit: _FileEdits, language: str) -> str | None:
    """The file's text with the edits, or None when nothing changes."""
    if path.is_symlink() or not path.is_file():
        raise ValueError(f"{path}: no such record file in the data folder")
    before = path.read_text(encoding="utf-8")
    text = before
    for steps, value in edit.texts:
        text = yamledit.set_text(text, steps, language, value)
    if edit.translated:
        marks = _machine_marks(text)  # kept in the file's order: unchanged marks, no new bytes
        wanted = [code for code in marks if code != language]
        if edit.fuzzy:
            wanted = marks if language in marks else [*marks, language]
        text = yamledit.set_top_list(text, "machine_translated", wanted)
    return None if text == before else text


def _machine_marks(text: str) -> list[str]:
    value = yaml.safe_load(text).get("machine_translated") or []
    return [str(code) for code in value]
