"""`python -m directory`: the command line for people who edit data (no site build needed)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

from babel.numbers import format_decimal

from directory.data.advice import ADVICE_LANGUAGES, DEFAULT_LANGUAGE, advice
from directory.data.fields import PLACEHOLDER
from directory.data.loading import load
from directory.data.problems import InvalidData
from directory.editing.scaffold import RECORD_MODELS, ScaffoldError, new_record
from directory.editing.schema import write_schemas
from directory.editing.translations import export_po, import_po
from directory.exports.report import review_report
from directory.text.languages import SITE_LANGUAGES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m directory", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a data folder and list every problem")
    validate.add_argument("data_dir", nargs="?", default="data", type=Path)
    validate.add_argument(
        "--today", type=date.fromisoformat, help="check dates against this day (YYYY-MM-DD)"
    )
    validate.add_argument(
        "--lang",
        choices=ADVICE_LANGUAGES,
        default=DEFAULT_LANGUAGE,
        help=f"the language of the advice: {' or '.join(ADVICE_LANGUAGES)} (default: %(default)s)",
    )
    schema = commands.add_parser("schema", help="write JSON Schemas of the record files")
    schema.add_argument("--out", default="schemas", type=Path)
    new = commands.add_parser("new", help="write a new record file with every field to fill in")
    new.add_argument("kind", choices=list(RECORD_MODELS))
    new.add_argument("--organisation", help="for a service: the id of its organisation")
    new.add_argument("--id", dest="record_id", help="the new record's id (= its file name)")
    new.add_argument("--data", default="data", type=Path, help="the data folder")
    report = commands.add_parser("report", help="what a coordinator should check first")
    report.add_argument("data_dir", nargs="?", default="data", type=Path)
    report.add_argument("--today", type=date.fromisoformat, help="count ages from this day")
    translations = commands.add_parser(
        "translations", help="export record texts to a PO file for translators, or import one"
    )
    actions = translations.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write a PO file of one language's record texts")
    export.add_argument("--language", required=True, choices=SITE_LANGUAGES)
    export.add_argument("--data", default="data", type=Path, help="the data folder")
    export.add_argument("--output", type=Path, help="the PO file (default: records.<language>.po)")
    imported = actions.add_parser("import", help="write a PO file's texts into the records")
    imported.add_argument("po_file", type=Path)
    imported.add_argument("--data", default="data", type=Path, help="the data folder")
    args = parser.parse_args(argv)
    if args.command == "translations":
        return _translations(args)
    if args.command == "report":
        today = args.today or date.today()
        print(review_report(load(args.data_dir, today=today), today), end="")
        return 0
    if args.command == "validate":
        return _validate(args.data_dir, args.today, args.lang)
    if args.command == "new":
        return _new(args.kind, args.data, args.record_id, args.organisation)
    for path in write_schemas(args.out):
        print(f"wrote {path}")
    return 0


def _validate(data_dir: Path, today: date | None, language: str) -> int:
    """Every problem with its advice in `language`, or one line saying all is valid."""
    started = time.perf_counter()
    try:
        directory = load(data_dir, today=today)
    except InvalidData as invalid:
        for problem in invalid.problems:
            print(problem.render(language))
        if os.environ.get("GITHUB_ACTIONS"):
            for problem in invalid.problems:
                print(problem.github_annotation(language))
        files = len({problem.file for problem in invalid.problems})
        summary = advice("summary_invalid", problems=len(invalid.problems), files=files)
        print(summary.render(language))
        return 1
    seconds = format_decimal(time.perf_counter() - started, "0.00", locale=language)
    valid = advice(
        "summary_valid", folder=str(data_dir), counts=directory.counts(), seconds=seconds
    )
    print(valid.render(language))
    return 0


def _translations(args: argparse.Namespace) -> int:
    try:
        directory = load(args.data)
    except InvalidData as invalid:
        print("\n".join(map(str, invalid.problems)), file=sys.stderr)
        print("fix the data first: python -m directory validate", file=sys.stderr)
        return 1
    if args.action == "export":
        output = args.output or Path(f"records.{args.language}.po")
        output.write_bytes(export_po(directory, args.language))
        print(
            f"wrote {output} — open it in Poedit, Lokalize or Weblate; fuzzy = machine translated"
        )
        return 0
    try:
        result = import_po(args.data, args.po_file)
    except (ValueError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in result.changed_files:
        print(f"updated {path}")
    changed = len(result.changed_files)
    print(f"{result.entries} entries in {result.language}; {changed} file(s) changed")
    try:
        load(args.data)
    except InvalidData as invalid:
        print("\n".join(map(str, invalid.problems)), file=sys.stderr)
        return 1
    return 0


def _new(kind: str, data_dir: Path, record_id: str | None, organisation: str | None) -> int:
    try:
        path = new_record(kind, data_dir, record_id, organisation)
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f'wrote {path} — replace every "{PLACEHOLDER}", then run: python -m directory validate')
    return 0
