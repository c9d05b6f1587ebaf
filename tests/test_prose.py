"""Chapter prose: quotes from the account are verbatim, numbers come from glue,
and the book's own words (prose and figure labels) keep the house terms."""

import json
import re
from pathlib import Path

import nbformat
import pytest

from analysis.data import tables
from analysis.data.seed import normalise, quote_in_seed
from analysis.paths import REPO_ROOT
from analysis.tools.publish import figure_specs

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


# --- house terms (data/house_terms.csv) -----------------------------------------

NOT_OWN_WORDS = [TYPOGRAPHIC_QUOTE, re.compile(r"`[^`]*`"), re.compile(r"\]\([^)]*\)")]  # quotes, code and file names, link targets
FIGURE_SPECS = figure_specs(CHAPTERS)
QUOTED_FIELDS = re.compile(r"quote|url|source")  # a figure's data fields holding other people's words or addresses


def avoided_phrases() -> list[tuple[str, str]]:
    """(phrase, term) for every phrase a rule of house_terms.csv avoids."""
    terms = tables.load("house_terms").dropna(subset=["avoid"])
    return [(phrase.strip(), row.term) for row in terms.itertuples() for phrase in row.avoid.split(";") if phrase.strip()]


def own_words(markdown: str) -> str:
    for pattern in NOT_OWN_WORDS:
        markdown = pattern.sub(" ", markdown)
    return markdown


def spec_strings(node: object, key: str = "") -> list[str]:
    """Every string a figure's specification shows (titles, labels, data), but
    not fields that quote a source or give its address."""
    if QUOTED_FIELDS.search(key):
        return []
    if isinstance(node, dict):
        return [text for child_key, child in node.items() for text in spec_strings(child, child_key)]
    if isinstance(node, list):
        return [text for child in node for text in spec_strings(child, key)]
    if isinstance(node, str):
        if key == "values" and node.startswith("["):
            return spec_strings(json.loads(node))
        return [node]
    return []


def figure_texts(path: Path) -> list[str]:
    return [text for page, spec in FIGURE_SPECS.values() if page == path.stem for text in spec_strings(spec)]


def house_term_breaches(texts: list[str]) -> list[str]:
    found = []
    for phrase, term in avoided_phrases():
        pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)
        found += [f"{phrase!r} (house term: {term}) in {text[:80]!r}" for text in texts if pattern.search(text)]
    return found


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_prose_and_figures_keep_the_house_terms(path: Path) -> None:
    texts = [own_words(source) for source in markdown_cells(path)] + figure_texts(path)
    assert not house_term_breaches(texts), f"{path.name}: {house_term_breaches(texts)}"


def test_the_house_terms_check_catches_a_breach_but_not_a_quote() -> None:
    assert avoided_phrases(), "house_terms.csv avoids no phrase: the check would pass on anything"
    breaches = house_term_breaches([own_words("Deaths in the 2014 war rose; Gilo is a disputed neighbourhood.")])
    assert len(breaches) == 2
    assert not house_term_breaches([own_words("The account calls it “a disputed neighborhood in East Jerusalem”.")])
    assert house_term_breaches(spec_strings({"datasets": {"d": [{"label": "Israelis killed in Operation Protective Edge"}]}}))
    assert not house_term_breaches(spec_strings({"datasets": {"d": [{"seed_quote": "the 2014 war"}]}}))
