"""Hostile data, round five: what a red team found the loader let through (6 December 2026), beside the claims'
stated words (tests/test_claim_wording.py). A number longer than a float holds (a traceback, or a value shown
rounded), re-issued units that outnumber their announcement, a tranche freed before the cabinet decided it, a
period that ends before it starts and a token cut from the middle of a word: each is now refused naming its
file, line and column."""

import re
from pathlib import Path

import pytest

from analysis.data import schemas
from analysis.data.tables import FLOAT_DIGITS_RULE
from conftest import edited, line_of, problems_of, refusal, replace_in_line, rule_of, rule_refusal


@pytest.mark.parametrize(
    ("table", "row", "old", "new", "column"),
    [
        ("claims", "K61", ",dozens,24,", ",dozens," + "9" * 400 + ",", "claimed_value"),  # was an OverflowError's traceback
        ("prisoner_releases", "4", "4,,2014-03-29,", "99999999999999999999,,2014-03-29,", "tranche"),
        ("claims", "K02", ",89,89,", ",89,88.99999999999999999,", "claimed_value"),  # was shown as 89, downloaded as typed
    ],
)
def test_a_number_longer_than_a_float_holds_is_refused(data_copy: Path, table: str, row: str, old: str, new: str, column: str) -> None:
    line = edited(data_copy, table, row, old, new)
    value = new.strip(",").split(",")[-1 if column == "claimed_value" else 0]
    assert refusal(data_copy, table, line, column, value, FLOAT_DIGITS_RULE) in problems_of(table, data_copy)


@pytest.mark.parametrize(
    ("old", "new", "row", "value", "rule"),
    [
        ("1877,801,1076,476,,,partly", "1877,801,1076,1900,,,partly", "S09", "1900", "no more units re-issued"),
        ("708,0,708,708,,,yes", "708,0,708,500,,,yes", "S11", "500", "no more units re-issued"),
        ("1877,801,1076,476,,,partly", "1877,801,1076,1877,,,partly", "S09", "1877", "no more units re-issued"),  # partly is not all
        ("69,0,69,,,,no,yes", "69,0,69,69,,,no,yes", "S01", "69", "re-issued units are given when"),
    ],
)
def test_reissued_units_must_fit_their_announcement(data_copy: Path, old: str, new: str, row: str, value: str, rule: str) -> None:
    line = edited(data_copy, "settlement_announcements", row, old, new)
    message = problems_of("settlement_announcements", data_copy)
    assert (
        refusal(
            data_copy,
            "settlement_announcements",
            line,
            "units_reissued",
            value,
            rule_of("settlement_announcements", "units_reissued", rule),
        )
        in message
    )


def test_a_tranche_freed_before_the_cabinet_decided_it_is_refused(data_copy: Path) -> None:
    line = edited(data_copy, "prisoner_releases", "1", "1,,2013-08-13,2013-08-14,", "1,,2013-07-01,2013-07-01,")
    message = problems_of("prisoner_releases", data_copy)
    for column, starts in (("scheduled_date", "no tranche is due"), ("actual_date", "no tranche is freed")):
        assert refusal(data_copy, "prisoner_releases", line, column, "2013-07-01", rule_of("prisoner_releases", column, starts)) in message


def test_a_period_that_ends_before_it_starts_is_refused(data_copy: Path) -> None:
    line = edited(data_copy, "peacenow_totals", "units_promoted_total", ",2013-07-29,2014-04-29,", ",2013-07-29,2013-07-28,")
    assert rule_refusal(data_copy, "peacenow_totals", line, "period_end", "2013-07-28", "a period ends") in problems_of(
        "peacenow_totals", data_copy
    )


def test_an_exclusions_token_cut_from_inside_words_is_refused(data_copy: Path) -> None:
    """ "ir F" is in "Air Force One", but is no token of it."""
    line = edited(data_copy, "claim_exclusions", "X002", ",noon,clock time", ",ir F,clock time")
    assert rule_refusal(data_copy, "claim_exclusions", line, "token", "ir F", "the token is inside") in problems_of(
        "claim_exclusions", data_copy
    )


@pytest.mark.parametrize(
    ("row", "old", "new", "column", "value", "starts"),
    [
        ("prisoners_agreed_total", "prisoners_agreed,,,", "prisoners_agreed,talks,,", "period", "talks", "given when"),  # read by nothing
        ("years_since_june_1967", "calendar_years,occupation_to_account,,", "calendar_years,,,", "period", "", "given when"),
        ("knesset_seats_labor", "party_seats,,Labor,", "party_seats,,,", "parameter", "", "given when"),  # was an IndexError
    ],
)
def test_an_evidence_method_given_a_period_or_parameter_its_function_does_not_read_or_lacking_one_is_refused(
    data_copy: Path, row: str, old: str, new: str, column: str, value: str, starts: str
) -> None:
    line = edited(data_copy, "evidence_methods", row, old, new)
    assert rule_refusal(data_copy, "evidence_methods", line, column, value, starts) in problems_of("evidence_methods", data_copy)


def test_the_functions_said_to_read_a_period_or_a_parameter_are_evidence_functions() -> None:
    assert set(schemas.COUNTED_WITHIN_A_PERIOD) | set(schemas.TAKING_A_PARAMETER) <= set(schemas.EVIDENCE_FUNCTIONS)


@pytest.mark.parametrize(
    ("row", "old", "new", "said"),
    [
        ("israeli_teens_killed", ",citizenship=Israeli,", ",citizenship=israeli,", "no record has citizenship 'israeli'"),  # counted 0
        ("days_cabinet_vote_to_oval_office", ",E021|E025,", ",E025|E021,", "E021 comes 2 day(s) before E025"),  # gave -2 days
    ],
)
def test_an_evidence_parameter_that_would_count_nothing_or_backwards_is_refused_by_name(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, row: str, old: str, new: str, said: str
) -> None:
    from analysis.errors import DataError
    from analysis.pages import common
    from analysis.paths import DATA_DIR_ENV

    path = data_copy / "evidence_methods.csv"
    replace_in_line(path, line_of(path, row), old, new)
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    with pytest.raises(DataError, match=rf"evidence_methods\.csv, method {row}, column 'parameter': .*{re.escape(said)}"):
        common.ledger()


def test_a_meeting_moved_out_of_its_stops_country_is_refused(data_copy: Path) -> None:
    """M001 in Jerusalem, at a stop the record places in Israel, passed as held in the Palestinian Authority: a country
    the record does spell, so Netanyahu's away-from-home list gained "Jerusalem: 1"."""
    line = edited(data_copy, "meetings", "M001", ",Netanyahu,Jerusalem,Israel,", ",Netanyahu,Jerusalem,Palestinian Authority,")
    assert rule_refusal(
        data_copy, "meetings", line, "country", "Palestinian Authority", "a meeting at a travel-record stop"
    ) in problems_of("meetings", data_copy)


@pytest.mark.parametrize(
    ("row", "old", "new"),
    [
        ("place,home_ground", ",Netanyahu=Israel;Abbas=Palestinian Authority,", ",Netanyahu=Israel;Abbas=Palestine,"),  # no such country
        ("place,home_ground", ",Netanyahu=Israel;Abbas=Palestinian Authority,", ",Netanyahu=Israel,"),  # Abbas counted nowhere
        ("window,talks", ",talks|talks,", ",talks|reset,"),  # a window that ends before it starts
    ],
)
def test_a_specification_naming_a_leader_nowhere_or_a_window_backwards_is_refused(data_copy: Path, row: str, old: str, new: str) -> None:
    """Each passed the loader and stopped the build with a ZeroDivisionError in the ratio."""
    line = edited(data_copy, "meeting_specifications", row, old, new)
    rule = rule_of("meeting_specifications", "parameter", "the parameter fits")
    assert refusal(data_copy, "meeting_specifications", line, "parameter", new.strip(","), rule) in problems_of(
        "meeting_specifications", data_copy
    )


def test_the_leaders_a_place_names_are_the_leaders_the_curve_counts() -> None:
    from analysis.evidence import meetings

    assert schemas.LEADERS == meetings.COUNTERPARTS


def test_a_correction_of_a_zero_padded_claim_id_is_refused(data_copy: Path) -> None:
    line = edited(data_copy, "corrections", "C001", "C001,2026-12-02,K36,", "C001,2026-12-02,K036,")
    assert f"line {line}, column 'subject': value 'K036' breaks rule: matches" in problems_of("corrections", data_copy)


def test_a_source_named_twice_in_one_list_is_refused(data_copy: Path) -> None:
    """E032's reports listed Reuters twice passed, and the events tables credited it twice."""
    path = data_copy / "events.csv"
    line = line_of(path, "E032")
    replace_in_line(
        path, line, "confirmed,reuters_2013_08_26_qalandiya;", "confirmed,reuters_2013_08_26_qalandiya;reuters_2013_08_26_qalandiya;"
    )
    assert f"line {line}, column 'audit_source_ids'" in problems_of("events", data_copy)
    assert "every audit source is listed in sources.csv, and named once" in problems_of("events", data_copy)


def test_a_column_described_twice_in_the_dictionary_is_refused(data_copy: Path) -> None:
    """A second description of claims.stated_as passed, and the downloads kept the last one."""
    path = data_copy / "dictionary.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "claims,stated_as,Something else entirely\n", encoding="utf-8")
    line = text.count("\n") + 1
    assert f"line {line}, column 'column': value 'stated_as' breaks rule: one description per column" in problems_of(
        "dictionary", data_copy
    )
