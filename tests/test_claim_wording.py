"""A claim names the words of its quotation that state its value (claims.csv's `stated_as`): a value typed
wrong (K02's 89 as 98) was refused by nothing, since the quotation and the value were never compared. The
words must give the value as the book reads them (stated_numbers.reading): a number alone, a number by one of
its readings ("two weeks later" as 14 days), or words holding none by the book's reading of them ("dozens" as
at least 24), with a comparison the wording allows; the ledger shows the words before the value read from them."""

from pathlib import Path

import pandas as pd
import pytest

from analysis.data.stated_numbers import holds_a_number, number_stated, reading, stated_in, value_read
from analysis.pages import claims_ledger
from conftest import edited, line_of, problems_of, rule_refusal


def stated_refusal(directory: Path, line: int, value: str, rule_start: str) -> str:
    """How claims.csv's loader refuses one row's stated words by the rule that starts with `rule_start`."""
    return rule_refusal(directory, "claims", line, "stated_as", value, rule_start)


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("89", 89),
        ("1,065", 1065),
        ("seven", 7),
        ("Forty", 40),
        ("sixty-fourth", 64),
        ("twenty-seventh", 27),
        ("seventh", 7),
        ("fifteen", 15),
        ("a thousand", 1000),
        ("two thousand", 2000),
        ("sixty\u2013four", 64),
        ("first thousand", None),
        ("two weeks later", None),
        ("most", None),
        ("the 1990s", None),
        ("sixty-eleven", None),
    ],
)
def test_words_that_are_a_number_alone_are_read_as_that_number(words: str, number: float | None) -> None:
    assert number_stated(words) == number


@pytest.mark.parametrize(
    ("quote", "words", "unit"),
    [
        ("plans for seven hundred homes", "seven", "homes"),  # a multiplier of a larger number
        ("no more than 30 units", "30", "units"),  # at most: a comparison the book has not
    ],
)
def test_words_that_are_part_of_a_larger_number_or_under_a_negated_hedge_give_nothing(quote: str, words: str, unit: str) -> None:
    assert reading(quote, words, unit) is None


def test_a_number_allows_ordinal_only_for_a_rank() -> None:
    assert "ordinal" not in reading("89 people", "89", "people")[1]
    assert "ordinal" in reading("the seventh place", "seventh", "place (ordinal)")[1]


def test_stated_words_must_begin_and_end_on_a_word_edge() -> None:
    assert stated_in("the measure passed 13 to seven", "seven")
    assert stated_in("The three-day trip", "three")
    assert not stated_in("seventeen of them", "seven")
    assert not stated_in("the measure passed 13 to seven", "eight")
    assert not stated_in("more than 100,000 units", "100") and not stated_in("1.5 million", "1")
    assert not stated_in("his sixty-four years", "four") and stated_in("Forty\u2013sixty", "Forty")


@pytest.mark.parametrize(
    ("words", "unit", "value"),
    [
        ("Two weeks later", "days", 14),
        ("five decades", "years", 50),
        ("seven o’clock on the evening of April 1", "hours (24-hour clock)", 19),
        ("from 2006 to 2009", "years (2006 to 2009)", 3),
        ("the 1990s", "decade", 1990),
        ("sixty-fourth birthday", "years", 64),
        ("the mid-’70s", "year", 1975),
        ("first coaxed", "earlier conferences", 0),
        ("wasn’t her first visit", "earlier White House visits", 1),
        ("89-year-old", "years", None),  # a number among words no reading knows
        ("five decades", "days", None),  # a reading that does not give the claim's unit
    ],
)
def test_words_holding_a_number_give_the_value_by_a_reading_or_none(words: str, unit: str, value: float | None) -> None:
    assert holds_a_number(words) and value_read(words, unit) == value


def test_a_claimed_value_its_quotation_does_not_state_is_refused(data_copy: Path) -> None:
    line = edited(data_copy, "claims", "K02", ",89,89,=,years,", ",89,98,=,years,")
    assert stated_refusal(data_copy, line, "89", "the words give the claimed value") in problems_of("claims", data_copy)


def test_a_wrong_value_cannot_hide_behind_more_words(data_copy: Path) -> None:
    """ "89-year-old" is no number alone, but it holds one: read by no reading of the book, it is refused too."""
    line = edited(data_copy, "claims", "K02", ",89,89,=,years,", ",89-year-old,98,=,years,")
    assert stated_refusal(data_copy, line, "89-year-old", "the words give the claimed value") in problems_of("claims", data_copy)


def test_a_reading_that_gives_another_value_is_refused(data_copy: Path) -> None:
    line = edited(data_copy, "claims", "K81", ",two weeks later,14,", ",two weeks later,12,")
    assert stated_refusal(data_copy, line, "two weeks later", "the words give the claimed value") in problems_of("claims", data_copy)


def test_stated_words_missing_from_the_quotation_are_refused(data_copy: Path) -> None:
    line = edited(data_copy, "claims", "K17", ",seven,7,", ",eight,7,")
    assert stated_refusal(data_copy, line, "eight", "the words are in") in problems_of("claims", data_copy)


# A red team's edits (round five), each refused: the line of the row, the old and new text on it, the stated words.
RED_TEAM_EDITS = [
    ("K37", ",three,3,=,", ",parley,2,=,", "parley"),  # words holding no number the book has no reading of
    ("K92", ",the following day,1,=,", ",the following day,0,=,", "the following day"),  # a reading given another value
    ("K62", ",five decades,50,about,", ",five,5,about,", "five"),  # words that stop short of "five decades"
    ("K99", ",seven o’clock on the evening of April 1,19,", ",seven o’clock,7,", "seven o’clock"),  # short of "evening"
    ("K81", ",two weeks later,14,about,", ",first,1,about,", "first"),  # an ordinal read as a count of days
    ("K63", ",first coaxed,0,=,", ",first,1,=,", "first"),
    ("K37", ",three,3,=,", ",three,3,<,", "three"),  # a comparison no hedge in the quotation allows
    ("K98", ",Almost two weeks later,14,nearly,", ",Almost two weeks later,14,=,", "Almost two weeks later"),
    ("K16", ",13,13,=,", ",seven,7,=,", "seven"),  # K17's words: two claims reading the same words
]


@pytest.mark.parametrize(("claim", "old", "new", "words"), RED_TEAM_EDITS)
def test_a_red_team_edit_of_a_claims_words_value_or_comparison_is_refused(
    data_copy: Path, claim: str, old: str, new: str, words: str
) -> None:
    line = edited(data_copy, "claims", claim, old, new)
    rule = "no two claims read" if claim == "K16" else "the words give the claimed value"
    assert stated_refusal(data_copy, line, words, rule) in problems_of("claims", data_copy)


def test_a_claim_id_padded_with_a_zero_is_refused(data_copy: Path) -> None:
    """K001 beside K01 passed as another claim, and the ledger counted the claim twice."""
    path = data_copy / "claims.csv"
    text = path.read_text(encoding="utf-8")
    k01 = text.splitlines()[line_of(path, "K01") - 1]
    path.write_text(text + k01.replace("K01,", "K001,", 1) + "\n", encoding="utf-8")
    assert "column 'claim_id': value 'K001'" in problems_of("claims", data_copy)


def test_every_claim_states_its_value_and_most_state_it_as_a_number() -> None:
    from analysis.data import tables

    claimed = tables.load("claims")
    alone = claimed["stated_as"].map(number_stated)
    holding = claimed["stated_as"].map(holds_a_number)
    assert (alone.dropna() == pd.to_numeric(claimed.loc[alone.notna(), "claimed_value"])).all()
    assert (alone.notna().sum(), (alone.isna() & holding).sum(), (~holding).sum()) == (96, 11, 26)


def test_the_ledger_quotes_the_words_it_reads_a_value_from(ledger_table: pd.DataFrame) -> None:
    entries = {entry.claim_id: entry.claimed for entry in claims_ledger.entries(ledger_table)}
    assert entries["K81"].startswith("“two weeks later”, read as about 14 days")
    assert entries["K61"] == "“dozens”, read as at least 24 officials"
    assert entries["K02"] == "89 years"  # a number alone needs no reading
    assert entries["K124"] == "the 1990s"  # nor words that name the value as the ledger writes it


def test_the_ledger_marks_the_words_that_state_the_value_and_no_other_quantity(ledger_table: pd.DataFrame) -> None:
    """K81's passage marked "first" beside "two weeks later", and K17's "13" beside "seven": a reader could not tell
    which number was the claim."""
    passages = {entry.claim_id: entry.passage for entry in claims_ledger.entries(ledger_table)}

    def marked(claim_id: str) -> list[str]:
        return [passages[claim_id].text[start:end] for start, end in passages[claim_id].marks]

    assert marked("K81") == ["two weeks later"] and marked("K17") == ["seven"]
    assert marked("K43") == ["March 29"] and marked("K36") == ["twice"]  # a date with its month; a mark inside the words
    assert marked("K61") == ["dozens"]  # words no quantity mark falls on are marked themselves
