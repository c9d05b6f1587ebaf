"""Hostile data, round six: what a red team found the loader let through (6 December 2026). A rate read from a
reported count (K82's sessions a week) with a count of another day, another unit or a fraction, or over a span with
no event to start it (the ledger divided by zero, or silently changed the verdict); an event known to its month
dated mid-month; a period named after a phase; a meeting or event copied under a new id (counted twice); a stop
the travel record does not hold (refused under the wrong column); a number written as no one writes it ("014.000",
"-0"); and a correction of a verdict naming an event, or dated before the account. Each is now refused naming its
file, line and column."""

from pathlib import Path

import pytest

from analysis.data import schemas, seed, stated_numbers, tables
from analysis.data.tables import NUMBER_RULE
from analysis.errors import DataError, ValidationError
from analysis.evidence import claims
from analysis.pages import common
from conftest import appended, edited, line_of, problems_of, refusal, rule_refusal

RATE_METHOD = "negotiating_sessions_per_week_to_rome_meeting"


@pytest.mark.parametrize(
    ("table", "row", "old", "new", "column", "value", "rule"),
    [
        # The count of another day: the ledger refused with no line, naming neither file nor column.
        (
            "reference_facts",
            "sessions_by_23_oct_2013",
            ",13,2013-10-23,",
            ",13,2013-10-22,",
            "parameter",
            "sessions_by_23_oct_2013",
            "a rate (reported_count_per_week) names a reference fact dated",
        ),
        # A fraction, or a count below zero: accepted, and K82's verdict turned.
        (
            "reference_facts",
            "sessions_by_23_oct_2013",
            ",13,2013-10-23,",
            ",13.7,2013-10-23,",
            "parameter",
            "sessions_by_23_oct_2013",
            "a rate (reported_count_per_week) names a reference fact counting",
        ),
        (
            "reference_facts",
            "sessions_by_23_oct_2013",
            ",13,2013-10-23,",
            ",-13,2013-10-23,",
            "parameter",
            "sessions_by_23_oct_2013",
            "a rate (reported_count_per_week) names a reference fact counting",
        ),
        # Hours read as sessions: 0.25 "sessions a week", accepted.
        (
            "evidence_methods",
            "negotiating_sessions_per_week_to_stormy_session",
            ",sessions_by_5_nov_2013,",
            ",stormy_session_hours,",
            "parameter",
            "stormy_session_hours",
            "a rate (reported_count_per_week) names a reference fact counting",
        ),
        # A span with no event to start it (a ZeroDivisionError blamed on the parameter, or 13 sessions in one week).
        (
            "periods",
            "talks_start_to_rome_meeting",
            ",haaretz_2013_10_23_rome,E023,E038",
            ",haaretz_2013_10_23_rome,,E038",
            "period",
            "talks_start_to_rome_meeting",
            "a rate (reported_count_per_week) is counted over a period",
        ),
    ],
)
def test_a_rate_counts_a_whole_number_of_its_unit_over_a_span_an_event_starts(
    data_copy: Path, table: str, row: str, old: str, new: str, column: str, value: str, rule: str
) -> None:
    edited(data_copy, table, row, old, new)
    line = line_of(data_copy / "evidence_methods.csv", row if table == "evidence_methods" else RATE_METHOD)
    assert rule_refusal(data_copy, "evidence_methods", line, column, value, rule) in problems_of("evidence_methods", data_copy)


@pytest.mark.parametrize(
    ("table", "row", "old", "new", "column", "value", "rule"),
    [
        ("events", "E081", "E081,2014-04-01,month,", "E081,2014-04-17,month,", "date", "2014-04-17", "an event known to its month"),
        ("meetings", "M002", ",3335,", ",99999999,", "hsg_stop_id", "99999999", "names a stop of the official travel record"),
        ("claims", "K81", ",14,", ",014.000,", "claimed_value", "014.000", None),
        ("claims", "K63", ",0,", ",-0,", "claimed_value", "-0", None),
        (
            "corrections",
            "C002",
            ",2026-12-02,K105,verdict,",
            ",2026-12-02,E041,verdict,",
            "subject",
            "E041",
            "a correction of a verdict names the claim",
        ),
        (
            "corrections",
            "C002",
            ",2026-12-02,K105,verdict,",
            ",2013-01-01,K105,verdict,",
            "date",
            "2013-01-01",
            "a correction is dated after the account",
        ),
    ],
)
def test_a_value_the_red_team_slipped_past_is_refused_where_it_stands(
    data_copy: Path, table: str, row: str, old: str, new: str, column: str, value: str, rule: str | None
) -> None:
    line = edited(data_copy, table, row, old, new)
    expected = (
        rule_refusal(data_copy, table, line, column, value, rule) if rule else refusal(data_copy, table, line, column, value, NUMBER_RULE)
    )
    assert expected in problems_of(table, data_copy)


def test_a_period_named_after_a_phase_is_refused(data_copy: Path) -> None:
    """The pages refused `periods.csv reuses phase name(s) ['reset']`, with no line or column; the loader let it by."""
    line = appended(data_copy, "periods", "reset,Shadow reset,2013-04-01,2013-05-31,historical,A period reusing a phase name.,tnr2014,,")
    assert rule_refusal(data_copy, "periods", line, "period", "reset", "not the name of a phase") in problems_of("periods", data_copy)


@pytest.mark.parametrize(("table", "row", "copy"), [("meetings", "M002", "M900"), ("events", "E041", "E900")])
def test_a_row_copied_under_a_new_id_is_refused(data_copy: Path, table: str, row: str, copy: str) -> None:
    """M002 copied as M900 was counted twice (K36's evidence moved from 1.00 to 0.96)."""
    path = data_copy / f"{table}.csv"
    line = appended(data_copy, table, copy + path.read_text(encoding="utf-8").split("\n")[line_of(path, row) - 1].removeprefix(row))
    key = next(iter(schemas.TABLES[table].columns))
    assert rule_refusal(data_copy, table, line, key, copy, "no row repeats an earlier one") in problems_of(table, data_copy)


def test_a_day_is_not_read_from_an_event_known_to_its_month() -> None:
    """E081 is dated April 2014, not 1 April: event_day read 1 from it, and a span counted to it would start on the 1st."""
    with pytest.raises(DataError, match="E081: the event is known only to its month"):
        claims.event_day(common.evidence_base(), None, "E081")


@pytest.mark.parametrize(
    ("quote", "stated"),
    [("Netanyahu’s 2,000-plus figure covered only homes", "2,000"), ("adding 2,000-odd units to the more", "2,000")],
)
def test_a_hedge_joined_to_the_end_of_a_number_fixes_its_comparison(data_copy: Path, quote: str, stated: str) -> None:
    """ "2,000-plus" and "2,000-odd" were read as exactly 2,000: each now allows its own comparison, and "=" is refused."""
    allowed = ">" if "-plus" in quote else "about"
    read = stated_numbers.reading(quote, stated, "housing units", *seed.around_quote(quote))
    assert read is not None and allowed in read[1] and "=" not in read[1], read
    line = appended(data_copy, "claims", f'K139,"{quote}","{stated}",2000,=,housing units,Units,resumption,settlements,none,,,A reason.,,')
    assert rule_refusal(data_copy, "claims", line, "stated_as", stated, "the words give the claimed value") in problems_of(
        "claims", data_copy
    )


def test_two_claims_on_the_same_words_of_the_account_are_refused_however_they_quote_it(data_copy: Path) -> None:
    """K16's 13 votes quoted again as "passed 13" was accepted as a second claim: counted twice."""
    line = appended(
        data_copy, "claims", 'K139,passed 13,13,13,=,votes,"Cabinet votes, again",resumption,politics,cabinet_votes_for_release,,,,,'
    )
    assert rule_refusal(data_copy, "claims", line, "stated_as", "13", "no two claims read the same words") in problems_of(
        "claims", data_copy
    )


@pytest.mark.parametrize(
    ("row", "old", "new", "value"),
    [
        # A year named alone is that year: "about" let 1999 stand for 1997 to 2001 (K131 turned consistent).
        ("K131", ",1999,1999,=,year,", ",1999,1999,about,year,", "1999"),
        # A place is exact: "about" the twenty-seventh year turned K41 consistent.
        ("K41", ",twenty-seventh,27,ordinal,", ",twenty-seventh,27,about,", "twenty-seventh"),
        # "the following day" read as a week.
        ("K92", ",the following day,1,=,days,", ",the following day,1,=,weeks,", "the following day"),
        # The hedge cut off the front of the quotation: K09's "More than 20" read as exactly 20 (its verdict turned).
        (
            "K09",
            "K09,More than 20 of the 104 held either Israeli citizenship or residency,20,20,>,",
            "K09,20 of the 104 held either Israeli citizenship or residency,20,20,=,",
            "20",
        ),
        # The unit cut off its end: "his five" of "his five decades" read as five years.
        (
            "K62",
            "K62,Over his five decades in the Palestinian Fatah movement,five decades,50,about,",
            "K62,Over his five,five,5,about,",
            "five",
        ),
        # "two" of "two weeks later" read as two days.
        (
            "K81",
            "K81,The first negotiating session took place two weeks later at a Jerusalem think tank,two weeks later,14,about,",
            "K81,The first negotiating session took place two,two,2,=,",
            "two",
        ),
    ],
)
def test_stated_words_are_read_as_the_account_goes_on_and_as_they_can_mean(
    data_copy: Path, row: str, old: str, new: str, value: str
) -> None:
    line = edited(data_copy, "claims", row, old, new)
    assert rule_refusal(data_copy, "claims", line, "stated_as", value, "the words give the claimed value") in problems_of(
        "claims", data_copy
    )


def test_a_period_bounded_by_an_event_known_only_to_its_month_is_refused_by_the_check(data_copy: Path) -> None:
    """A span counted to or from E081 (April 2014) began or ended on the 1st, a day no report gives."""
    edited(data_copy, "events", "E092", "E092,2014-06-12,day,", "E092,2014-06-01,month,")
    line = edited(data_copy, "periods", "teen_abduction", ",2014-06-12,", ",2014-06-01,")
    with pytest.raises(ValidationError) as refused:
        tables.period_events_agree(data_copy)
    assert refusal(data_copy, "periods", line, "start_event", "E092", tables.PERIOD_DAY_RULE) in str(refused.value)


def test_an_age_is_not_counted_to_an_event_known_only_to_its_month() -> None:
    """Whole years to April 2014 (E081) were counted to the 1st: an age one too low for a birthday later that month."""
    with pytest.raises(DataError, match="E081: the event is known only to its month"):
        claims.whole_years_between(common.evidence_base(), None, "netanyahu_born|E081")
