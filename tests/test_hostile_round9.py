"""Hostile data, round nine (6 December 2026): a benchmark's value moved away from the people its population
counts by kind. B09's 72 Israelis killed in the 2014 Gaza war are "6 civilians …; 66 soldiers": typed as 73,
the war's Israeli toll on the page moved while the row still said 6 and 66. Now refused by
`python -m analysis.data check`, naming the file, line and column."""

from pathlib import Path

import pytest

from conftest import edited, problems_of, rule_refusal

KINDS_RULE = "the kinds of people the population counts apart"


@pytest.mark.parametrize(
    ("row", "old", "new", "value"),
    [
        # 6 civilians and 66 soldiers are 72, not 73 (nor 71).
        ("B09", "66 soldiers),72,", "66 soldiers),73,", "73"),
        ("B09", "66 soldiers),72,", "66 soldiers),71,", "71"),
        # 66 soldiers, 1 security coordinator and 4 civilians are 71.
        ("B11", "4 civilians),71,", "4 civilians),70,", "70"),
        # One kind named alone is a part of the value: 2,486 civilians cannot be among 2,189 killed.
        ("B10", "1,486 civilians)", "2,486 civilians)", "2189"),
        # A kind with a word before it, and capitalised, is still read.
        ("B11", "66 soldiers;", "67 Israeli Soldiers;", "71"),
    ],
)
def test_a_benchmark_whose_value_is_not_the_people_it_counts_by_kind_is_refused(
    data_copy: Path, row: str, old: str, new: str, value: str
) -> None:
    line = edited(data_copy, "casualty_benchmarks", row, old, new)
    assert rule_refusal(data_copy, "casualty_benchmarks", line, "value", value, KINDS_RULE) in problems_of("casualty_benchmarks", data_copy)
