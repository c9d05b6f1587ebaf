"""Errors that tell a person exactly which input is wrong and how."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class DataError(Exception):
    """Base class for every refusal of bad input."""


class ChecksumError(DataError):
    def __init__(self, dataset: str, path: Path, expected: str, actual: str) -> None:
        super().__init__(f"dataset {dataset!r}: sha256 mismatch for {path}: expected {expected}, got {actual}")
        self.dataset, self.path, self.expected, self.actual = dataset, path, expected, actual


@dataclass(frozen=True)
class Problem:
    """One broken rule at one place in a file. `line` is the 1-based line in the
    file (for a layer, the 0-based feature index: see `place`)."""

    line: int | None
    column: str | None
    value: object
    rule: str

    place = "line"

    def describe(self, file: str) -> str:
        where = f"{file}, {self.place} {self.line}" if self.line is not None else file
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: value {self.value!r} breaks rule: {self.rule}"


class ValidationError(DataError):
    """A table broke one or more rules; every problem is listed, none is dropped."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        lines = [problem.describe(file) for problem in problems]
        super().__init__(f"{len(problems)} problem(s) in {file}:\n  " + "\n  ".join(lines))
