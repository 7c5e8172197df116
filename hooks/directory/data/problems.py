"""A problem found in the data, printed the way editors and GitHub read it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property, total_ordering
from pathlib import Path

from directory.data.advice import DEFAULT_LANGUAGE, Advice, advice


@total_ordering
@dataclass(frozen=True)
class Problem:
    """One thing to fix: where (file, 1-based line and column, field path) and what to do (the
    advice's key and values, worded when the problem is shown, in the language asked for)."""

    file: str
    line: int
    column: int
    field: str
    advice: Advice

    @cached_property
    def message(self) -> str:
        """The advice in English (kept: problems are sorted by it)."""
        return self.advice.render()

    def render(self, language: str = DEFAULT_LANGUAGE) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        message = self.advice.render(language)
        return f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"

    def __str__(self) -> str:
        return self.render()

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._order() < other._order()

    def _order(self) -> tuple[str, int, int, str, str]:
        """By file, line and column, then field and the English wording: the same order in
        every language."""
        return (self.file, self.line, self.column, self.field, self.message)

    def github_annotation(self, language: str = DEFAULT_LANGUAGE) -> str:
        """A workflow command that GitHub shows on the changed line of a pull request."""
        title = self.field or advice("annotation_title").render(language)
        return (
            f"::error file={_property(self.file)},line={self.line},col={self.column},"
            f"title={_property(title)}::{_data(self.advice.render(language))}"
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

    def report(self, language: str = DEFAULT_LANGUAGE) -> str:
        return "\n".join(problem.render(language) for problem in self.problems)
