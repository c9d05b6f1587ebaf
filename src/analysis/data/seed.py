"""The source account (the seed) and verbatim-quote checks against it."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from analysis.data import datasets, reads
from analysis.data.text_rules import first_on_word_edges
from analysis.errors import ChecksumError, DataError
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
    content = source.read_bytes()
    actual, expected = hashlib.sha256(content).hexdigest(), datasets.seed_sha256()
    if actual != expected:
        raise ChecksumError("the account (the seed)", source, expected, actual)
    lines = content.decode("utf-8").splitlines()
    return "\n".join(lines[PAGE_CHROME_LINES:])


@lru_cache(maxsize=4)
def _normalised_seed(path: Path | None = None) -> str:
    return normalise(seed_text(path))


def quote_in_seed(quote: str, path: Path | None = None) -> bool:
    """True when `quote` is in the account verbatim (its quotation marks and spaces folded), beginning and
    ending on a word's edge: "ael would release the fourth tra" is in it, but is no quotation of it."""
    return quote_at(quote, path) >= 0


AROUND_CHARACTERS = 60  # of the account on each side of a quotation: a hedge before it, a unit after it


def quote_at(quote: str, path: Path | None = None) -> int:
    """Where `quote` starts in the account (its marks and spaces folded, as `as_printed` keeps its places); -1 if nowhere."""
    return first_on_word_edges(_normalised_seed(path), normalise(quote))


def spoken_in_the_account(quote: str, path: Path | None = None) -> bool:
    """True when `quote` stands inside quotation marks in its paragraph of the account: words the account
    quotes someone as saying or writing, not the authors' own."""
    wanted = normalise(quote)
    for folded, printed in _paragraphs(path):
        at = first_on_word_edges(folded, wanted)
        if at >= 0:
            before = printed[:at]
            return before.rfind("\u201c") > before.rfind("\u201d")
    return False


@lru_cache(maxsize=4)
def _paragraphs(path: Path | None = None) -> tuple[tuple[str, str], ...]:
    """Each paragraph of the account, folded (`normalise`) and as printed (`as_printed`), at the same places."""
    return tuple((normalise(paragraph), as_printed(paragraph)) for paragraph in seed_text(path).split("\n"))


def around_quote(quote: str, path: Path | None = None) -> tuple[str, str]:
    """The account's words just before and just after `quote` (as the account prints them), each up to
    AROUND_CHARACTERS; empty where the quotation is not in the account (the verbatim rule's to refuse)."""
    folded, at = normalise(quote), quote_at(quote, path)
    if at < 0:
        return "", ""
    printed = _printed_seed(path)
    return printed[max(0, at - AROUND_CHARACTERS) : at], printed[at + len(folded) : at + len(folded) + AROUND_CHARACTERS]


@lru_cache(maxsize=4)
def _printed_seed(path: Path | None = None) -> str:
    return as_printed(seed_text(path))


_MARKS = "\u2018\u2019\u201c\u201d'\""
# Windows round a quotation mark, in characters before and after it, tried in turn: one of at least
# _QUOTED_RUN characters found in the account (its marks folded) shows the mark is in a quotation of it.
_WINDOWS = ((20, 20), (0, 25), (25, 0), (5, 20), (20, 5), (10, 15), (15, 10))
_QUOTED_RUN = 16


@lru_cache(maxsize=4)
def _printed_and_folded(account: str) -> tuple[str, str]:
    printed = as_printed(account)
    return printed, printed.translate(_TYPOGRAPHIC)


def quoted_spans(value: str) -> list[tuple[int, int]]:
    """Where `value` quotes: each “…” span (to its closing mark, or the end), and the whole of a value that
    opens with an ellipsis (a cut quotation of the account, as the corrections give one)."""
    if value.startswith("\u2026"):
        return [(0, len(value))]
    spans, start = [], value.find("\u201c")
    while start >= 0:
        end = value.find("\u201d", start + 1)
        end = len(value) if end < 0 else end + 1
        spans.append((start, end))
        start = value.find("\u201c", end)
    return spans


def with_account_marks(value: str, account: str | None = None) -> str:
    """`value` with each quotation mark inside a quotation (`quoted_spans`) of the account (a run of at
    least _QUOTED_RUN characters round it found in the account, marks folded) set as the account sets it:
    the account mixes typographic marks with typewriter ones ("Fatah's"), and a quotation keeps them. The
    book's own words outside quotation marks keep the book's marks, whatever the account says alike."""
    printed, folded = _printed_and_folded(account if account is not None else seed_text())
    chars = list(value)
    for first, last in quoted_spans(value):
        for at in range(first, last):
            if value[at] not in _MARKS:
                continue
            for before, after in _WINDOWS:
                left, right = max(first, at - before), min(last, at + after + 1)
                found = folded.find(value[left:right].translate(_TYPOGRAPHIC)) if right - left >= _QUOTED_RUN else -1
                if found >= 0:
                    chars[at] = printed[found + at - left]
                    break
    return "".join(chars)
