"""Counts the book draws from its evidence, checked against independent facts."""

from pathlib import Path

import pandas as pd
import pytest

from analysis.data import datasets, periods, tables
from analysis.data import records as record_readers
from analysis.errors import ValidationError
from analysis.evidence import casualties, claims, coalition, meetings, prisoners, settlements, travels
from analysis.evidence.windows import Span, within
from analysis.pages import common


def day(start: str, end: str | None = None) -> Span:
    return Span(pd.Timestamp(start), pd.Timestamp(end or start))


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return record_readers.read_records()


def test_records_match_btselems_published_2013_totals(records: pd.DataFrame) -> None:
    benchmarks = casualties.benchmarks_with_records(tables.load("casualty_benchmarks"), records).set_index("benchmark_id")
    assert benchmarks.at["B01", "records"] == 27 and benchmarks.at["B02", "records"] == 9


def test_known_gaps_become_explicit_flags(records: pd.DataFrame) -> None:
    flags = casualties.quality_flags(records, day("2013-01-01", "2014-12-31"), day("2014-07-08", "2014-08-26")).set_index("month")
    assert flags.at[pd.Timestamp("2014-04-01"), "records"] == 0
    assert "no records" in flags.at[pd.Timestamp("2014-04-01"), "flag"]
    assert "under-counted" in flags.at[pd.Timestamp("2014-07-01"), "flag"]
    assert len(flags) == 24


def test_israeli_undercount_is_visible_against_the_published_figure(records: pd.DataFrame) -> None:
    benchmarks = casualties.benchmarks_with_records(tables.load("casualty_benchmarks"), records).set_index("benchmark_id")
    assert benchmarks.at["B09", "value"] == 72 and benchmarks.at["B09", "records"] == 47


def test_monthly_table_keeps_every_record_in_the_window(records: pd.DataFrame) -> None:
    window = day("2013-01-01", "2014-12-31")
    tidy = casualties.monthly(records, window)
    assert tidy["killed"].sum() == len(within(records, "date_of_event", window))
    assert set(tidy["region"]) <= set(casualties.REGIONS)


def test_qalandiya_raid_victims_are_in_east_jerusalems_governorate_not_its_city(records: pd.DataFrame) -> None:
    raid = within(records, "date_of_event", day("2013-08-26"))
    assert len(raid) == 3 and set(casualties.region(raid)) == {"West Bank"}


def test_a_bad_record_is_refused_naming_line_and_column(tmp_path: Path) -> None:
    source = datasets.fetch(record_readers.BTSELEM_DATASET).read_text(encoding="utf-8").split("\n")
    source[3] = source[3].replace("Palestinian", "Martian", 1)
    hostile = tmp_path / "records.csv"
    hostile.write_text("\n".join(source), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"records\.csv, line 4, column 'citizenship': value 'Martian'"):
        record_readers.read_records(hostile)


def test_travel_stop_without_a_date_is_refused(tmp_path: Path) -> None:
    hostile = tmp_path / "travels.xml"
    hostile.write_text(
        "<trips><trip><id>1</id><start-date>2013-03-20</start-date><end-date></end-date>"
        "<country id='israel'>Israel</country><locale>Jerusalem</locale><remarks/></trip></trips>",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match=r"column 'end-date': value 'trip #1 \(id 1\)'"):
        record_readers.read_stops("hsg_kerry_travels", hostile)


def test_five_journeys_to_the_region_before_the_announcement() -> None:
    trips = travels.region_journeys(record_readers.kerry_stops(), day("2013-03-20", "2013-07-19"))
    assert [day.strftime("%m-%d") for day in trips["first_day"]] == ["03-20", "04-07", "05-22", "06-27", "07-16"]


def test_official_record_rows_in_meetings_match_the_travel_record() -> None:
    stops = record_readers.kerry_stops().set_index("stop_id")
    table = tables.load("meetings")
    official = table[table["basis"] == "official travel record stop"]
    for row in official.itertuples():
        stop = stops.loc[int(row.hsg_stop_id)]
        assert (stop["start"], stop["end"]) == (row.date, row.date_end), row.meeting_id
        assert row.counterpart in stop["remarks"] or stop["accompanied_president"], row.meeting_id


def test_every_travel_record_stop_naming_a_leader_is_in_meetings() -> None:
    stops = record_readers.kerry_stops()
    named = within(stops, "start", day("2013-03-01", "2014-12-31"))
    table = tables.load("meetings")
    for who, flag in (("Netanyahu", "mentions_netanyahu"), ("Abbas", "mentions_abbas")):
        expected = set(named.loc[named[flag], "stop_id"])
        listed = set(table.loc[(table["counterpart"] == who) & table["hsg_stop_id"].notna(), "hsg_stop_id"].astype(int))
        assert expected <= listed, (who, sorted(expected - listed))


def test_stop_counts_reproduce_the_research_notes() -> None:
    stops = record_readers.kerry_stops()
    assert meetings.stop_counts(stops, day("2013-03-20", "2014-04-29")) == {"Netanyahu": 11, "Abbas": 17}
    assert meetings.stop_counts(stops, day("2013-07-29", "2014-04-29")) == {"Netanyahu": 8, "Abbas": 8}


def test_west_bank_tenders_during_talks_are_the_sum_of_the_three_tender_rounds() -> None:
    talks = within(tables.load("settlement_announcements"), "date", periods.window("talks"))
    assert settlements.new_tender_units(talks, "units_west_bank") == 394 + 1061 + 801


def test_itemised_sites_never_exceed_the_announced_split() -> None:
    gaps = settlements.itemisation_gaps(tables.load("settlement_sites"), tables.load("settlement_announcements")).dropna()
    allowance = {"S10": 2}
    for row in gaps.itertuples():
        assert row.sites_west_bank <= row.units_west_bank, row.announcement_id
        assert row.sites_east_jerusalem <= row.units_east_jerusalem + allowance.get(row.announcement_id, 0), row.announcement_id


def test_prisoner_counts() -> None:
    releases = tables.load("prisoner_releases")
    assert prisoners.agreed_total(releases) == 104
    assert prisoners.released_total(releases) == 3 * 26
    tranches = prisoners.tranche_table(releases)
    assert list(tranches["cumulative_released"]) == [26, 52, 78, 78]


@pytest.mark.parametrize(
    ("claimed", "comparison", "evidence", "expected"),
    [
        (2000, ">", 2256, "consistent"),
        (2000, ">", 1999, "inconsistent"),
        (2, "nearly", 1.9, "consistent"),
        (2, "nearly", 0.81, "inconsistent"),
        (2, "nearly", 2.1, "inconsistent"),
        (80, "about", 86, "consistent"),
        (80, "about", 90, "inconsistent"),
        (104, "=", 104, "consistent"),
    ],
)
def test_verdict_rules(claimed: float, comparison: str, evidence: float, expected: str) -> None:
    assert claims.verdict(claimed, comparison, evidence) == expected


def test_ledger_covers_every_claim_and_computes_each_checkable_one() -> None:
    ledger = common.ledger()
    assert list(ledger["claim_id"]) == list(tables.load("claims")["claim_id"])
    checkable = ledger[ledger["evidence_method"] != "none"]
    assert checkable["evidence_value"].notna().all()
    assert set(ledger["verdict"]) <= set(claims.VERDICTS)
    assert (ledger.loc[ledger["evidence_method"] == "none", "verdict"] == "not checkable").all()


def test_coalition_arithmetic() -> None:
    knesset = tables.load("knesset_2013")
    assert coalition.seats_short_without(knesset, "The Jewish Home") == 61 - (31 + 19 + 6)
    scenarios = coalition.scenarios(knesset).groupby("scenario")["seats"].sum()
    assert scenarios.to_dict() == {"Coalition formed in 2013": 68, "Without The Jewish Home": 56, "Labor instead of The Jewish Home": 71}
    assert tables.load("knesset_2013")["seats"].sum() == 120


def test_every_evidence_function_is_declared_in_the_schema_and_back() -> None:
    assert set(claims.FUNCTIONS) == set(tables.EVIDENCE_FUNCTIONS)


def test_chapter_verdicts_are_the_ledgers() -> None:
    ledger = common.ledger()
    assert claims.verdict_of(ledger, "K07") == "consistent under one definition"
    assert claims.verdict_of(ledger, "K36") == "inconsistent"
    assert claims.verdict_of(ledger, "K55") == "consistent"


@pytest.mark.parametrize(
    ("primary", "alternative", "kind", "expected"),
    [
        ("consistent", None, None, "consistent"),
        ("consistent", "inconsistent", "another definition", "consistent under one definition"),
        ("inconsistent", "consistent", "another definition", "consistent under one definition"),
        ("inconsistent", "inconsistent", "another definition", "inconsistent"),
        ("consistent", "inconsistent", "weaker evidence", "consistent"),
    ],
)
def test_verdicts_with_a_second_definition_or_weaker_evidence(primary, alternative, kind, expected) -> None:
    assert claims.combined_verdict(primary, alternative, kind) == expected


def test_the_dataset_that_disagrees_with_reports_shows_its_gap() -> None:
    claim = claims.claim(common.ledger(), "K20")
    assert (claim["evidence_value"], claim["alternative_value"], claim["verdict"]) == (3, 1, "consistent")


def test_at_least_three_quarters_of_claims_carry_a_verdict() -> None:
    ledger = common.ledger()
    assert (ledger["verdict"] != "not checkable").mean() >= 0.75
    assert len(ledger) >= 100


def test_the_audit_moves_the_asymmetry_ratio_the_way_the_rows_say() -> None:
    meetings_table, stops, definitions = tables.load("meetings"), record_readers.kerry_stops(), common.meeting_definitions()
    before = meetings.asymmetry(meetings_table, stops, definitions, audited=False).set_index("definition")
    after = meetings.asymmetry(meetings_table, stops, definitions).set_index("definition")
    overturned = meetings.overturned_stops(meetings_table)
    assert set(overturned["meeting_id"]) >= {"M010", "M013", "M048"}
    abbas_stops_overturned = int((overturned["counterpart"] == "Abbas").sum())
    assert before.at["stops_to_deadline", "abbas"] - after.at["stops_to_deadline", "abbas"] == abbas_stops_overturned
