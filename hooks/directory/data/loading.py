"""Load a data folder in two phases: read and check every file, then check references.

All problems of all files are collected before anything is returned, so a volunteer sees
everything to fix in one run, and no page is ever built from a data set with a problem.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from directory.data import yamlfile
from directory.data.advice import Advice, advice
from directory.data.crosscheck import cross_check
from directory.data.dataset import Directory
from directory.data.messages import advice_for, misspelt_required
from directory.data.models import (
    RECORD_KINDS,
    Category,
    EmergencyNumber,
    GlossaryTerm,
    Place,
    SearchTerm,
)
from directory.data.problems import InvalidData, Problem, display_path
from directory.data.sourcefile import SourceFile, Vocabulary

RECORD_FOLDERS: dict[str, type[BaseModel]] = {kind.folder: kind.model for kind in RECORD_KINDS}
# Vocabulary files are lists of these.
VOCABULARIES: dict[str, type[BaseModel]] = {
    "categories": Category,
    "places": Place,
    "emergency": EmergencyNumber,
    "search-terms": SearchTerm,
    "glossary": GlossaryTerm,
}


# Names, modification times and sizes of a data folder's files.
Fingerprint = tuple[tuple[str, int, int], ...]

_cache: dict[Path, tuple[Fingerprint, Directory]] = {}


def fingerprint(data_dir: Path) -> Fingerprint:
    """Names, sizes and modification times of every data file: cheap to take, and it
    changes whenever a volunteer saves a file."""
    entries = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def load_cached(data_dir: Path, base: Path | None = None) -> Directory:
    """`load`, done once per process per state of the files. MkDocs with the i18n plugin
    fires every event once per language, and `mkdocs serve` rebuilds after each edit."""
    key = data_dir.resolve()
    state = fingerprint(key)
    cached = _cache.get(key)
    if cached is not None and cached[0] == state:
        return cached[1]
    directory = load(data_dir, base=base)
    _cache[key] = (state, directory)
    return directory


def loaded_state(data_dir: Path) -> Fingerprint | None:
    """The state of the files in which `load_cached` last read `data_dir`, if it did."""
    cached = _cache.get(data_dir.resolve())
    return cached[0] if cached else None


def remember(data_dir: Path, state: Fingerprint, directory: Directory) -> None:
    """Have `load_cached` return `directory` for `data_dir` while its files are in `state`
    (another process's reading, handed over)."""
    _cache[data_dir.resolve()] = (state, directory)


def load(data_dir: Path, today: date | None = None, base: Path | None = None) -> Directory:
    """Every record of `data_dir`, validated; raises InvalidData listing every problem.

    Problems name files relative to `base` (default: the current folder)."""
    context = {"today": today or date.today()}
    problems: list[Problem] = []
    records: dict[str, dict[str, tuple[Any, SourceFile | None]]] = {}
    for folder, model in RECORD_FOLDERS.items():
        records[folder] = {}
        for path in _record_files(data_dir / folder, problems, base):
            # An invalid record stays as None, so references to it are not reported as well.
            source, value = _read(path, problems, base)
            record = _validate(source, value, model, context, problems) if source else None
            records[folder][path.stem] = (record, source)
    vocabularies: dict[str, Vocabulary] = {}
    for kind, model in VOCABULARIES.items():
        vocabularies[kind] = _load_vocabulary(
            data_dir / f"{kind}.yaml", model, context, problems, base
        )
    problems.extend(cross_check(records, vocabularies))
    if problems:
        raise InvalidData(problems)
    return Directory(
        root=data_dir,
        organisations={
            key: record for key, (record, _) in sorted(records["organisations"].items())
        },
        services={key: record for key, (record, _) in sorted(records["services"].items())},
        categories={c.id: c for c in vocabularies["categories"].items.values()},
        places={p.id: p for p in vocabularies["places"].items.values()},
        emergency=list(vocabularies["emergency"].items.values()),
        search_terms=list(vocabularies["search-terms"].items.values()),
        glossary=list(vocabularies["glossary"].items.values()),
    )


def _record_files(folder: Path, problems: list[Problem], base: Path | None) -> list[Path]:
    if folder.is_symlink():
        problems.append(_file_problem(folder, base, advice("folder_link")))
        return []
    if not folder.is_dir():
        problems.append(_file_problem(folder, base, advice("folder_missing")))
        return []
    files = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".yaml":
            files.append(path)
        elif path.suffix == ".yml":
            problems.append(_file_problem(path, base, advice("rename_yml", stem=path.stem)))
        elif not path.name.startswith("."):
            problems.append(_file_problem(path, base, advice("not_a_record_file")))
    return files


def _file_problem(path: Path, base: Path | None, what: Advice) -> Problem:
    """A problem of a whole file or folder, shown at its first line."""
    return Problem(display_path(path, base), 1, 1, "", what)


# A record file is a few kilobytes; the largest vocabulary some tens. Anything far larger is a
# mistake (or an attack) and is refused before it is read into memory.
MAX_FILE_BYTES = 1_000_000


def _refused(path: Path) -> Advice | None:
    """Why a file in data/ is not read at all: a link leads outside data/, a huge file."""
    if path.is_symlink():
        return advice("file_link")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return advice("file_too_big", size=size // 1000, limit=MAX_FILE_BYTES // 1000)
    return None


def _read(path: Path, problems: list[Problem], base: Path | None) -> tuple[SourceFile | None, Any]:
    refused = _refused(path)
    if refused is not None:
        problems.append(_file_problem(path, base, refused))
        return None, None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problems.append(_file_problem(path, base, advice("not_utf8", reason=error.reason)))
        return None, None
    source = SourceFile(path, text, base)
    try:
        value = yamlfile.parse(text)
    except yaml.YAMLError as error:
        found = yamlfile.syntax_problem(error, text)
        problems.append(Problem(source.name, found.line, found.column, "", found.advice))
        return None, None
    return source, value


def _validate(
    source: SourceFile,
    value: Any,
    model: type[BaseModel],
    context: dict[str, Any],
    problems: list[Problem],
    loc: tuple[int | str, ...] = (),
) -> Any:
    """The validated value, or None after adding a problem per error to `problems`."""
    if value is None:
        problems.append(Problem(source.name, 1, 1, "", advice("file_empty")))
        return None
    try:
        return model.model_validate(value, context=context)
    except ValidationError as error:
        details = error.errors(include_url=False)
        explained = misspelt_required(details, model)
        for detail in details:
            if tuple(detail["loc"]) in explained and detail["type"] == "missing":
                continue
            where = (*loc, *detail["loc"])
            problems.append(source.problem(where, advice_for(detail, model)))
        return None


def _load_vocabulary(
    path: Path,
    model: type[BaseModel],
    context: dict[str, Any],
    problems: list[Problem],
    base: Path | None,
) -> Vocabulary:
    if not path.is_file():
        problems.append(_file_problem(path, base, advice("vocabulary_missing")))
        return Vocabulary({}, None, complete=False)
    source, value = _read(path, problems, base)
    if source is None:
        return Vocabulary({}, None, complete=False)
    if not isinstance(value, list):
        problems.append(Problem(source.name, 1, 1, "", advice("vocabulary_not_list")))
        return Vocabulary({}, source, complete=False)
    items = {}
    for index, raw in enumerate(value):
        item = _validate(source, raw, model, context, problems, loc=(index,))
        if item is not None:
            items[index] = item
    return Vocabulary(items, source, complete=len(items) == len(value))
