"""A problem found in the data, printed the way editors and GitHub read it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix: where (file, 1-based line and column, field path) and what to do."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )

    def github_annotation(self) -> str:
        """A workflow command that GitHub shows on the changed line of a pull request."""
        title = f"{self.field}" if self.field else "invalid record"
        return (
            f"::error file={_property(self.file)},line={self.line},col={self.column},"
            f"title={_property(title)}::{_data(self.message)}"
        )


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def display_path(path: Path, base: Path | None = None) -> str:
    """The file as a volunteer sees it in the repository: relative to `base` (default: the
    current folder) when it lies below it."""
    try:
        relative = os.path.relpath(path, base)
    except ValueError:  # another drive
        return str(path)
    return str(path) if relative.startswith("..") else relative


def field_path(loc: tuple[int | str, ...]) -> str:
    """`locations[0].address` from ('locations', 0, 'address')."""
    text = ""
    for step in loc:
        if isinstance(step, int):
            text += f"[{step}]"
        elif step == "[key]":
            continue
        else:
            text += f".{step}" if text else step
    return text


class InvalidData(Exception):
    """The data set has problems; nothing may be built from it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data")

    def report(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
