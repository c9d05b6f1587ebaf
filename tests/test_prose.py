"""Chapter prose: quotes from the account are verbatim, and numbers come from glue."""

import re
from pathlib import Path

import nbformat
import pytest

from analysis.data.seed import normalise, quote_in_seed
from analysis.paths import REPO_ROOT

CHAPTERS = sorted((REPO_ROOT / "chapters").glob("*.ipynb"))
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
TYPOGRAPHIC_QUOTE = re.compile(r"“([^”]+)”")
ALLOWED_NUMBERS = [
    re.compile(r"\{glue:[a-z]*\}`[^`]+`"),  # computed values
    re.compile(r"`[^`]*`"),  # code and file names
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(rf"\b\d{{1,2}}(-\d{{1,2}})? ({MONTHS})\b"),  # day-month dates
    re.compile(rf"\b({MONTHS}) \d{{1,2}}\b"),
    re.compile(r"\b(19|20)\d{2}\b"),  # years
    re.compile(r"^\s*\d+\. ", re.MULTILINE),  # numbered lists
    re.compile(r"\bsha256|\bUTF-8|\bWGS84|\bEPSG:\d+|\+972|\bPython 3\.11"),  # names that contain digits
]


def markdown_cells(path: Path) -> list[str]:
    return [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"]


def quotes(path: Path) -> list[str]:
    return [quote for source in markdown_cells(path) for quote in TYPOGRAPHIC_QUOTE.findall(source)]


def test_chapters_exist() -> None:
    assert {path.stem for path in CHAPTERS} >= {"intro", "reset", "resumption", "framework", "collapse", "claims_ledger"}


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_quotes_from_the_account_are_verbatim_and_short(path: Path) -> None:
    for quote in quotes(path):
        if quote.startswith("{glue"):
            continue
        assert quote_in_seed(quote), f"{path.name}: not verbatim in the seed: {quote!r}"
        assert len(normalise(quote).split()) <= 40, f"{path.name}: quote longer than 40 words: {quote[:60]!r}"


def test_the_quote_check_catches_an_altered_quote() -> None:
    assert not quote_in_seed("Kerry had met with Netanyahu nearly three times as often")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_numbers_in_prose_are_glued_dates_or_quoted(path: Path) -> None:
    offenders = []
    for source in markdown_cells(path):
        text = TYPOGRAPHIC_QUOTE.sub("", source)
        for pattern in ALLOWED_NUMBERS:
            text = pattern.sub("", text)
        offenders += re.findall(r"[^\s]*\d[^\s]*", text)
    assert not offenders, f"{path.name}: numbers typed into prose instead of glued: {offenders}"
