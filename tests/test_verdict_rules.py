"""Verdict rules that read numbers as people write them, and a meeting record that refuses rows whose
columns disagree."""

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from analysis.evidence import claims
from analysis.pages import common
from conftest import line_of, problems_of, replace_in_line


@pytest.mark.parametrize(
    ("claimed", "comparison", "band"),
    [
        (3, "rounded", (2.5, 3.5)),
        (30, "rounded", (25, 35)),
        (2000, "rounded", (1500, 2500)),
        (2, "nearly", (1.7, 2.0)),
        (27, "ordinal", (27, 27)),
        (14, "about", (12.6, 15.4)),
    ],
)
def test_a_figure_admits_the_range_its_wording_implies(claimed: float, comparison: str, band: tuple[float, float]) -> None:
    assert claims.claim_band(claimed, comparison) == pytest.approx(band)


def test_a_year_said_about_admits_years_either_side_not_a_tenth_of_its_number() -> None:
    assert claims.claim_band(1975, "about", "year") == (1973, 1977)
    assert claims.verdict(1975, "about", 1976, "year") == claims.CONSISTENT
    assert claims.verdict(1975, "about", 1990, "year") == claims.INCONSISTENT


def with_claimed(claim_id: str, value: float) -> claims.EvidenceBase:
    """The evidence base with one claim's value changed in memory: the loader refuses a value its quotation does
    not state (tests/test_claim_wording.py), so a bound's own check is reached this way."""
    base = common.evidence_base()
    changed = base.claims.copy()
    changed.loc[changed["claim_id"] == claim_id, "claimed_value"] = value
    return dataclasses.replace(base, claims=changed)


def test_a_bound_that_does_not_fall_below_the_claim_cannot_settle_it() -> None:
    # "at most 99 convicted murderers" against a claim of 90: the bound says nothing either way.
    with pytest.raises(ValueError, match=r"claims.csv, claim K71, column evidence_method: .*at most 99"):
        claims.ledger(with_claimed("K71", 90))


def test_a_floor_that_does_not_rise_above_the_claim_cannot_settle_it() -> None:
    # "at least 2 earlier conferences" against a claim of 2: the floor says nothing either way.
    with pytest.raises(ValueError, match=r"claims.csv, claim K63, column evidence_method: .*at least 2"):
        claims.ledger(with_claimed("K63", 2))


def test_more_than_excludes_the_figure_itself() -> None:
    assert claims.verdict(2000, ">", 2000) == claims.INCONSISTENT
    assert claims.verdict(2000, ">", 2001) == claims.CONSISTENT


def test_three_hours_against_three_and_a_half_is_consistent_but_four_and_a_half_is_not() -> None:
    assert claims.verdict(3, "rounded", 3.5) == claims.CONSISTENT
    assert claims.verdict(3, "rounded", 4.5) == claims.INCONSISTENT
    assert claims.verdict(3, "=", 3.5) == claims.INCONSISTENT


def test_beyond_the_band_reaches_the_claim_without_matching_it() -> None:
    assert claims.reaches(2, "nearly", 2.67)
    assert claims.verdict(2, "nearly", 2.67) == claims.INCONSISTENT
    assert not claims.reaches(2, "nearly", 1.64)


def test_an_ordinal_year_is_whole_years_plus_one(ledger_table: pd.DataFrame) -> None:
    # Sentenced on 4 March 1987: 26 whole years by Channel 10's report of Kerry's offer (27 December 2013), so
    # its 27th year, as the account's flashback says; 27 whole years by the Riyadh session of 28 March 2014, its 28th.
    pollard = claims.claim(ledger_table, "K41")
    assert (pollard["comparison"], pollard["evidence_value"], pollard["alternative_value"]) == ("ordinal", 27, 28)
    assert pollard["verdict"] == claims.UNDER_A_DEFINITION


def test_a_claim_about_what_was_scheduled_is_judged_against_the_schedule(ledger_table: pd.DataFrame) -> None:
    peres = claims.claim(ledger_table, "K105")
    assert (peres["evidence_value"], peres["verdict"]) == (27, claims.CONSISTENT)


def test_a_plan_is_not_evidence_of_the_outcome(ledger_table: pd.DataFrame) -> None:
    ledger = ledger_table.set_index("claim_id")
    assert ledger.at["K24", "verdict"] == claims.NOT_CHECKED
    assert "a plan is not evidence" in ledger.at["K24", "reason"]
    assert ledger.at["K23", "evidence_method"] == "rome_meeting_hours_reported"


def test_every_correction_of_a_verdict_states_the_verdict_the_ledger_now_gives(ledger_table: pd.DataFrame) -> None:
    ledger = ledger_table.set_index("claim_id")
    corrections = common.table("corrections")
    verdicts = corrections[corrections["kind"] == "verdict"]
    assert len(verdicts) >= 5
    names = sorted(set(ledger["verdict"]), key=len, reverse=True)
    for row in verdicts.itertuples():
        # The longest verdict the text starts with: "consistent under one definition (" is not "consistent".
        stated = next((name for name in names if row.after.startswith(name)), None)
        assert stated == ledger.at[row.subject, "verdict"], (row.correction_id, stated)


COUNTED_WITHOUT_KERRY = "a counted row (confirmed or added) has Kerry present"
OUTSIDE_ITS_STOP = "a meeting falls on a day of its travel-record stop"


@pytest.mark.parametrize(
    ("meeting", "old", "new", "column", "rule"),
    [
        (
            "M026",
            ",working meeting,2,yes,",
            ",working meeting,2,not established,",
            "kerry_present",
            "a counted row (confirmed or added) has Kerry present",
        ),
        ("M026", ",working meeting,2,yes,", ",tea party,2,yes,", "kind", "one of ["),
        (
            "M021",
            "M021,2013-07-16,2013-07-16,",
            "M021,2013-07-25,2013-07-16,",
            "date",
            "a meeting falls on a day of its travel-record stop",
        ),
        ("M056", ",tnr2014,confirmed,", ",tnr2014,unconfirmed,", "kerry_present", "an unconfirmed one"),
        ("M014", ',"a report of the day, re-dating the stop",', ",a report of the day,", "date", OUTSIDE_ITS_STOP),
    ],
)
def test_a_meeting_row_whose_columns_disagree_is_refused(data_copy: Path, meeting: str, old: str, new: str, column: str, rule: str) -> None:
    path = data_copy / "meetings.csv"
    line = line_of(path, meeting)
    replace_in_line(path, line, old, new)
    message = problems_of("meetings", data_copy)
    assert f"meetings.csv, line {line}, column '{column}'" in message
    assert rule in message


def test_a_second_account_reading_in_one_dimension_is_refused(data_copy: Path) -> None:
    path = data_copy / "meeting_specifications.csv"
    line = line_of(path, "unit,days")
    replace_in_line(path, line, ",days,no,", ",days,yes,")
    assert "each dimension marks exactly one option as the account's reading" in problems_of("meeting_specifications", data_copy)


@pytest.mark.parametrize(
    ("bound", "value", "claimed", "comparison", "settles"),
    [
        ("at least", 24, 20, ">", True),  # "at least 24" settles "more than 20"
        ("at least", 1, 0, "=", True),  # above an exact claim: inconsistent, settled
        ("at least", 1, 1, "=", False),  # could be 1 or more
        ("at least", 2, 3, "<", False),  # could be 2 or 5
        ("at most", 2, 3, "<", True),  # "at most 2" settles "fewer than 3"
        ("at most", 99, 100, ">=", True),  # below the band: settled
        ("at most", 99, 90, ">", False),  # could be 95 or 80
    ],
)
def test_a_bound_settles_a_claim_only_where_every_value_it_allows_gives_one_verdict(
    bound: str, value: float, claimed: float, comparison: str, settles: bool
) -> None:
    assert claims.bound_settles(bound, value, claims.claim_band(claimed, comparison)) is settles
