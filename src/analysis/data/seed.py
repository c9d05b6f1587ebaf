"""The source account (the seed) and verbatim-quote checks against it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from analysis.data import reads
from analysis.errors import DataError
from analysis.paths import seed_path

PAGE_CHROME_LINES = 5
_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def normalise(text: str) -> str:
    """Fold typographic quotes to ASCII and runs of whitespace to one space."""
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHIC)).strip()


def as_printed(text: str) -> str:
    """Runs of whitespace as one space, the quotes as the text sets them: character for character where
    `normalise(text)` is (its folds are one character for one), so a place found in one is the same in the other."""
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=4)
def seed_text(path: Path | None = None) -> str:
    """The account without its first five lines of web-page chrome."""
    source = path or seed_path()
    reads.record(source)
    if not source.is_file():
        raise DataError(f"the account (the seed) is missing: no file at {source}; the book quotes and checks it")
    lines = source.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[PAGE_CHROME_LINES:])


@lru_cache(maxsize=4)
def _normalised_seed(path: Path | None = None) -> str:
    return normalise(seed_text(path))


def quote_in_seed(quote: str, path: Path | None = None) -> bool:
    return bool(quote.strip()) and normalise(quote) in _normalised_seed(path)
