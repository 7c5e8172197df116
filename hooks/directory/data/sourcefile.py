"""A data file as read, and a vocabulary's valid entries: what loading hands the cross-checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from directory.data import yamlfile
from directory.data.advice import Advice
from directory.data.problems import Problem, display_path, field_path


@dataclass(frozen=True)
class SourceFile:
    """A file as read: where it is, its text (to locate problems), and its parsed value."""

    path: Path
    text: str
    base: Path | None = None  # file names in problems are relative to this folder

    @property
    def name(self) -> str:
        return display_path(self.path, self.base)

    def problem(self, loc: tuple[int | str, ...], advice: Advice) -> Problem:
        line, column = yamlfile.locate(self.text, loc)
        return Problem(self.name, line, column, field_path(loc), advice)


@dataclass
class Vocabulary:
    """The valid entries of a vocabulary file by position; `complete` when none was invalid
    (only then are references to it checked, so one broken entry does not cascade)."""

    items: dict[int, Any]
    source: SourceFile | None
    complete: bool
