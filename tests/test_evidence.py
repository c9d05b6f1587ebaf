"""Counts the book draws from its evidence, checked against independent facts."""

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis.data import datasets, periods, schemas, tables
from analysis.data import records as record_readers
from analysis.errors import DataError, ValidationError
from analysis.evidence import casualties, claims, coalition, meetings, memo, prisoners, settlements, travels
from analysis.evidence.windows import Span, within
from analysis.pages import common, data_methods, framework, intro, resumption
from analysis.paths import DATA_DIR_ENV


def day(start: str, end: str | None = None) -> Span:
    return Span(pd.Timestamp(start), pd.Timestamp(end or start))


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return record_readers.read_records()


def test_records_match_btselems_published_2013_totals(records: pd.DataFrame) -> None:
    benchmarks = casualties.benchmarks_with_records(tables.load("casualty_benchmarks"), records).set_index("benchmark_id")
    assert benchmarks.at["B01", "records"] == 27 and benchmarks.at["B02", "records"] == 9


def test_known_gaps_become_explicit_flags(records: pd.DataFrame) -> None:
    under_counted = casualties.lower_bounds(casualties.benchmarks_with_records(tables.load("casualty_benchmarks"), records))
    flags = casualties.quality_flags(records, day("2013-01-01", "2014-12-31"), under_counted).set_index("month")
    assert flags.at[pd.Timestamp("2014-04-01"), "records"] == 0
    assert "no records" in flags.at[pd.Timestamp("2014-04-01"), "flag"]
    assert flags.at[pd.Timestamp("2014-07-01"), "flag"] == "lower bound: the records lack some Israeli deaths"
    # OCHA's 2013 count (B05) holds soldiers the records lack: a month of 2013 is a lower bound, not a zero.
    assert flags.at[pd.Timestamp("2013-09-01"), "flag"] == "lower bound: the records lack some Israeli deaths"
    assert "no records" in flags.at[pd.Timestamp("2013-05-01"), "flag"]  # a gap stays a gap in an under-counted year
    assert flags.loc[flags.index.year == 2014, "flag"].eq("").sum() == 9
    assert len(flags) == 24


def test_the_months_a_side_is_under_counted_come_from_the_totals_the_records_lack(records: pd.DataFrame) -> None:
    under_counted = casualties.lower_bounds(casualties.benchmarks_with_records(tables.load("casualty_benchmarks"), records))
    assert set(under_counted["side"]) == {"Israelis killed"}
    by_month = under_counted.set_index("month")
    assert list(by_month.index.strftime("%Y-%m")) == [f"2013-{month:02d}" for month in range(1, 13)] + ["2014-07", "2014-08"]
    assert by_month.loc["2013-09-01", "benchmark_id"] == "B05"
    assert by_month.loc["2014-07-01", "benchmark_id"] == "B09, B11"


def test_a_total_marked_as_lacking_deaths_the_records_hold_is_refused_naming_line_and_column(records: pd.DataFrame) -> None:
    benchmarks = tables.load("casualty_benchmarks")
    benchmarks.loc[benchmarks["benchmark_id"] == "B01", "records_lack_deaths"] = "yes"  # 27 published, 27 in the records
    with pytest.raises(DataError, match=r"casualty_benchmarks\.csv, line 2, column 'records_lack_deaths': B01 .* \(27\) is not above"):
        casualties.lower_bounds(casualties.benchmarks_with_records(benchmarks, records))
    benchmarks = tables.load("casualty_benchmarks")
    benchmarks.loc[benchmarks["benchmark_id"] == "B14", "records_lack_deaths"] = "yes"  # 2,220 of either side, 2,226 recorded
    benchmarks.loc[benchmarks["benchmark_id"] == "B14", "value"] = 2_300
    with pytest.raises(DataError, match=r"line 15, column 'records_lack_deaths': B14 .* counts no one side"):
        casualties.lower_bounds(casualties.benchmarks_with_records(benchmarks, records))


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


def test_days_in_the_region_leave_out_a_journeys_days_at_stops_elsewhere() -> None:
    """The reset counted 22 days on its journeys, from each one's first stop in the region to its last; the
    third journey's were Amman, Jerusalem and Ramallah, then Addis Ababa (24 to 26 May) and Amman again."""
    stops = record_readers.kerry_stops()
    reset = day("2013-03-20", "2013-07-19")
    journeys = travels.region_journeys(stops, reset)
    spans = int(((journeys["last_day"] - journeys["first_day"]).dt.days + 1).sum())
    assert (spans, travels.days_at_region_stops(stops, reset)) == (22, 21)
    may = day("2013-05-20", "2013-05-31")
    assert travels.days_at_region_stops(stops, may) == 5  # 22, 23, 24, 26 and 27 May: not the 25th, in Addis Ababa


def test_the_reset_made_five_journeys_and_six_visits_to_the_region_as_the_press_counted() -> None:
    """The May journey left the region for Addis Ababa and came back to Amman: one journey, two visits."""
    stops = record_readers.kerry_stops()
    visits = travels.region_visits(stops, day("2013-03-20", "2013-07-19"))
    assert visits["visit"].nunique() == 6
    assert visits.groupby("journey")["visit"].nunique().tolist() == [1, 1, 2, 1, 1]
    assert visits.loc[visits["visit"] == 4, "locale"].tolist() == ["Amman"]


def test_a_reported_meeting_in_a_travel_record_stop_falls_within_its_days() -> None:
    stops = record_readers.kerry_stops().set_index("stop_id")
    table = tables.load("meetings")
    inside = table[table["hsg_stop_id"].notna() & (table["dated_by"] == "a report of the day")]
    for row in inside.itertuples():
        stop = stops.loc[int(row.hsg_stop_id)]
        assert stop["start"] <= row.date <= stop["end"], row.meeting_id


def test_official_record_rows_in_meetings_match_the_travel_record() -> None:
    stops = record_readers.kerry_stops().set_index("stop_id")
    table = tables.load("meetings")
    official = table[table["origin"] == "official travel record"]
    assert len(official) > 30
    for row in official.itertuples():
        stop = stops.loc[int(row.hsg_stop_id)]
        assert row.record_date == stop["start"], row.meeting_id
        assert stop["start"] <= row.date <= stop["end"], row.meeting_id
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


def test_ledger_covers_every_claim_and_computes_each_checkable_one(ledger_table: pd.DataFrame) -> None:
    ledger = ledger_table
    assert list(ledger["claim_id"]) == list(tables.load("claims")["claim_id"])
    checkable = ledger[ledger["evidence_method"] != "none"]
    assert checkable["evidence_value"].notna().all()
    assert set(ledger["verdict"]) <= set(claims.VERDICTS)
    assert (ledger.loc[ledger["evidence_method"] == "none", "verdict"] == "not checkable").all()


def test_the_coalition_section_names_each_party_that_could_replace_the_jewish_home() -> None:
    """The chapter's summary named Shas, which its body never mentioned: the body names the parties whose
    seats alone made up the shortfall, as many as the ledger's K107 counts."""
    numbers = framework.coalition_arithmetic().numbers
    named = numbers["other_route_parties"].text
    assert named.startswith("Shas (11), United Torah Judaism (7)")
    assert named.count("(") == int(numbers["other_routes"].text.split()[0]) == 3


def test_coalition_arithmetic() -> None:
    knesset = tables.load("knesset_2013")
    assert coalition.seats_short_without(knesset, "The Jewish Home") == 61 - (31 + 19 + 6)
    scenarios = coalition.scenarios(knesset).groupby("scenario")["seats"].sum()
    assert scenarios.to_dict() == {"Coalition formed in 2013": 68, "Without the Jewish Home": 56, "Labor instead of the Jewish Home": 71}
    assert tables.load("knesset_2013")["seats"].sum() == 120


def test_every_evidence_function_is_declared_in_the_schema_and_back() -> None:
    assert set(claims.FUNCTIONS) == set(schemas.EVIDENCE_FUNCTIONS)
    assert set(claims.VERDICTS) == set(schemas.VERDICT_LABELS)


def test_chapter_verdicts_are_the_ledgers(ledger_table: pd.DataFrame) -> None:
    ledger = ledger_table
    assert claims.verdict_of(ledger, "K07") == "consistent under one definition"
    assert claims.verdict_of(ledger, "K36") == claims.UNDER_A_DEFINITION
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


def test_the_dataset_that_disagrees_with_reports_shows_its_gap(ledger_table: pd.DataFrame) -> None:
    claim = claims.claim(ledger_table, "K20")
    assert (claim["evidence_value"], claim["alternative_value"], claim["verdict"]) == (3, 1, "consistent")


def test_at_least_three_quarters_of_claims_carry_a_verdict(ledger_table: pd.DataFrame) -> None:
    ledger = ledger_table
    assert (ledger["verdict"] != "not checkable").mean() >= 0.75
    assert len(ledger) >= 100


def _curve() -> tuple[pd.DataFrame, meetings.Specification]:
    base = common.evidence_base()
    return base.meeting_curve(), base.meeting_reading()


def test_the_curve_covers_every_combination_of_the_choices_in_the_table() -> None:
    options = tables.load("meeting_specifications")
    curve, reading = _curve()
    assert len(curve) == options.groupby("dimension").size().prod() == 54
    assert curve["specification"].is_unique
    assert reading.key == "encounters/to_deadline/in_person/everywhere"


def test_the_account_reading_counts_every_in_person_meeting_to_the_deadline() -> None:
    curve, reading = _curve()
    row = curve.set_index("specification").loc[reading.key]
    # Kerry's meeting with Netanyahu and the Oval Office meeting of 3 March 2014 count since C042 (22 before).
    # C057: two meetings on 6 Nov 2013; C071: Abbas's second meeting in Amman, on 17 Jul 2013; C083: the breakfast
    # with Netanyahu of 24 May 2013; C095: their meeting of 4 Jan 2014; C096 and C097: Abbas in Amman on 27 May 2013,
    # Netanyahu at the White House on 30 Sep 2013.
    assert (row["netanyahu"], row["abbas"], round(row["ratio_netanyahu_to_abbas"], 2)) == (28, 27, 1.04)


def test_only_home_ground_specifications_reach_nearly_twice(ledger_table: pd.DataFrame) -> None:
    curve, _ = _curve()
    claim = claims.claim(ledger_table, "K36")
    reached = curve["ratio_netanyahu_to_abbas"].map(lambda ratio: claims.reaches(claim["claimed_value"], claim["comparison"], ratio))
    assert int(reached.sum()) == 21
    assert set(curve.loc[reached, "place"]) == {"home_ground"}
    assert (claim["specifications_reaching"], claim["specifications_total"], claim["verdict"]) == (21, 54, claims.UNDER_A_DEFINITION)


def test_moving_the_account_reading_in_the_table_moves_the_ledger_and_every_chapter(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_copy / "meeting_specifications.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("place,everywhere,wherever they met,everywhere,,yes,", "place,everywhere,wherever they met,everywhere,,no,")
    text = text.replace("Netanyahu=Israel;Abbas=Palestinian Authority,no,", "Netanyahu=Israel;Abbas=Palestinian Authority,yes,")
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    base = common.evidence_base()
    assert base.meeting_reading().key == "encounters/to_deadline/in_person/home_ground"
    assert claims.meeting_ratio(base, None, claims.ACCOUNT_READING) == 2.0
    assert claims.verdict_of(common.ledger(), "K36") == claims.CONSISTENT
    assert framework.asymmetry().numbers["reading_ratio"].text == "2.00"
    assert "22 meetings with Netanyahu and 11 with Abbas, a ratio of 2.00;" in intro.what_we_found().tables[0].__repr__()
    assert "only on the leader’s own ground" in data_methods.meeting_definition_section().numbers["headline_reading"].text


def test_each_unit_counts_what_it_says() -> None:
    rows = pd.DataFrame(
        {
            "meeting_id": ["M1", "M2", "M3", "M4"],
            "counterpart": ["Netanyahu", "Netanyahu", "Netanyahu", "Abbas"],
            "date": pd.to_datetime(["2013-12-05", "2013-12-05", "2013-12-06", "2013-12-05"]),
            "hsg_stop_id": pd.array([3403, 3403, 3403, pd.NA], dtype="Int64"),
        }
    )
    assert meetings.tally(rows, "encounters") == {"Netanyahu": 3, "Abbas": 1}
    assert meetings.tally(rows, "days") == {"Netanyahu": 2, "Abbas": 1}
    assert meetings.tally(rows, "visits") == {"Netanyahu": 1, "Abbas": 1}


def test_re_dating_meetings_by_their_own_day_adds_days_a_stop_hid() -> None:
    _, reading = _curve()
    moved = meetings.redating_effect(tables.load("meetings"), reading).set_index(["unit", "counterpart"])
    assert moved.at[("days", "Netanyahu"), "as recorded"] == 16
    assert moved.at[("days", "Netanyahu"), "re-dated"] == 24
    assert (moved["re-dated"] >= moved["as recorded"]).all()


def test_erekats_count_of_the_time_lies_between_the_records_working_and_in_person_meetings() -> None:
    facts = tables.load("reference_facts").set_index("fact_id")
    erekat = facts.loc["erekat_count_of_abbas_kerry_meetings_2014_01_04"]
    start = periods.window("evidence_tables").start
    record = tables.load("meetings")
    working = meetings.encounters_until(record, "Abbas", start, erekat["date"], kinds=("working meeting",))
    in_person = meetings.encounters_until(record, "Abbas", start, erekat["date"])
    # C096: the Amman meeting of 27 May 2013.
    assert (working, erekat["value"], in_person) == (20, 21, 23)
    assert framework.count_against_record(21, working, in_person, "Erekat") == "Erekat’s count lies between the two"
    assert framework.count_against_record(23, working, in_person, "Erekat") == "Erekat’s count is the record’s count of in-person meetings"
    assert framework.count_against_record(20, working, in_person, "Erekat") == "Erekat’s count is the record’s count of working meetings"
    assert framework.count_against_record(19, working, in_person, "Erekat") == "Erekat’s count is below both"


def test_contradicted_and_unconfirmed_rows_never_count() -> None:
    table = tables.load("meetings")
    counted = meetings.counted(table)
    assert not counted["audit_status"].isin(["contradicted", "unconfirmed"]).any()
    assert (counted["kerry_present"] == "yes").all()
    assert {"M014", "M026", "M045"} <= set(counted["meeting_id"])
    assert set(meetings.overturned_stops(table)["meeting_id"]) == {"M010", "M013", "M030", "M033", "M048"}


def test_an_events_sides_are_its_actors_sides_once_each_in_the_books_order() -> None:
    from analysis.evidence import events

    actors = pd.DataFrame(
        {
            "actor": ["Kerry", "Indyk", "Abbas", "Livni", "Peace Now"],
            "side": ["United States", "United States", "Palestinians", "Israel", "other"],
        }
    )
    frame = pd.DataFrame({"event_id": ["E1", "E2"], "actors": ["Abbas;Livni;Indyk;Kerry", "Peace Now"]})
    assert list(events.with_sides(frame, actors, schemas.SIDES)["sides"]) == ["United States;Israel;Palestinians", "other"]
    with pytest.raises(ValueError, match=r"event E3: actor\(s\) \['Nobody'\] have no row"):
        events.with_sides(pd.DataFrame({"event_id": ["E3"], "actors": ["Kerry;Nobody"]}), actors, schemas.SIDES)


def test_the_ledger_is_computed_once_per_content_of_its_evidence_and_each_caller_owns_its_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    computed: list[int] = []
    evidence_values = claims.evidence_values
    monkeypatch.setattr(claims, "evidence_values", lambda base: computed.append(1) or evidence_values(base))
    claims.ledger.cache_clear()
    base = common.evidence_base()
    first = claims.ledger(base)
    first.loc[:, "verdict"] = "spoiled by its caller"
    again = claims.ledger(common.evidence_base())
    assert len(computed) == 1
    assert "spoiled by its caller" not in set(again["verdict"])

    edited = base.claims.copy()
    edited.loc[edited.index[0], "claimed_value"] = edited["claimed_value"].iloc[0] + 1000
    claims.ledger(dataclasses.replace(base, claims=edited))
    assert len(computed) == 2, "a changed table was served the ledger of the old one"


def test_the_nearest_announcement_to_a_release_shows_its_units_and_whether_totals_count_it() -> None:
    tranches = prisoners.tranche_table(tables.load("prisoner_releases"))
    released = prisoners.release_marks(tranches).set_index("tranche")["date"]
    nearest = settlements.days_to_nearest_announcement(released, tables.load("settlement_announcements")).set_index("tranche")
    second = nearest.loc[2]
    assert (second["nearest_announcement"], second["days_after_release"], second["in_totals"]) == ("S05", 0, "no")
    assert second["units_total"] == 3500 and pd.isna(second["units_west_bank"])  # no split given, the total still shown
    assert nearest.loc[1, "days_after_release"] == -1  # the Gilo plan, the day before the first prisoners were freed


def test_meetings_away_from_a_leaders_own_ground_are_counted_by_city_from_the_specifications_table() -> None:
    """The sentence on Abbas's meetings abroad typed four cities; the reading's own rows hold seven."""
    rows = pd.DataFrame(
        {
            "counterpart": ["Abbas", "Abbas", "Abbas", "Abbas", "Netanyahu"],
            "country": ["Jordan", "Jordan", "Palestinian Authority", "France", "Italy"],
            "city": ["Amman", "Amman", "Ramallah", "Paris", "Rome"],
        }
    )
    away = meetings.away_from_home(rows, common.table("meeting_specifications"), "Abbas")
    assert away.to_dict() == {"Amman": 2, "Paris": 1}


def test_the_releases_chart_caption_names_each_announcement_it_leaves_out_from_the_table() -> None:
    """The caption typed the days of the announcements the chart leaves out; it now lists the window's rows the
    chart does not draw, whether not counted or counted with no units in either region."""
    rows = pd.DataFrame(
        {
            "announcement_id": ["S07", "S05", "S06", "S09"],
            "date": pd.to_datetime(["2013-11-12", "2013-10-30", "2013-11-03", "2013-12-01"]),
            "stage": ["withdrawn tender", "approval", "tender", "plan"],
            "counted": ["no", "no", "yes", "yes"],
        }
    )
    drawn = pd.DataFrame({"announcement_id": ["S06"]})
    assert resumption.left_out(rows, drawn) == (
        " Not drawn (settlement_announcements.csv gives the reason for each not counted): the 30 Oct 2013 approval, "
        "the 12 Nov 2013 withdrawn tender and the 1 Dec 2013 plan (counted, but with no units by region)."
    )
    assert resumption.left_out(rows, rows) == ""


def test_a_count_over_a_period_is_a_lower_bound_where_a_month_it_touches_has_no_records_or_under_counts_the_side() -> None:
    """The gap rule for glued counts, by whole months: the resumption's count of Palestinians killed read as
    exact with no month checked; checked by the phase's own days, 20 to 31 July (no record) read as a gap in a
    month that holds one."""
    audit = pd.DataFrame({"month": pd.to_datetime(["2013-05-01", "2013-06-01", "2013-07-01", "2013-08-01"]), "records": [0, 3, 1, 6]})
    under = pd.DataFrame({"side": ["Israelis killed"], "month": pd.to_datetime(["2013-08-01"])})
    palestinians, israelis = casualties.SIDE_ORDER
    july_on = Span(pd.Timestamp("2013-07-20"), pd.Timestamp("2013-08-10"))
    assert not casualties.lower_bound_over(audit, under, palestinians, july_on)
    assert casualties.lower_bound_over(audit, under, israelis, july_on)
    assert casualties.lower_bound_over(audit, under, palestinians, Span(pd.Timestamp("2013-05-20"), pd.Timestamp("2013-06-10")))
    # What it cannot judge it refuses: unjudged, a count would read as exact.
    with pytest.raises(DataError, match="Sep 2013"):
        casualties.lower_bound_over(audit, under, palestinians, Span(pd.Timestamp("2013-08-20"), pd.Timestamp("2013-09-10")))
    with pytest.raises(DataError, match="Palestinans killed"):
        casualties.lower_bound_over(audit, under, "Palestinans killed", july_on)


def _small_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "count": [1, 2],
            "date": pd.to_datetime(["2013-07-29", "2013-07-30"]),
            "kind": pd.Categorical(["a", "b"], categories=["a", "b"]),
        }
    )


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda frame: frame.assign(count=frame["count"] + 1), id="an integer"),
        pytest.param(lambda frame: frame.assign(date=frame["date"] + pd.Timedelta(days=1)), id="a date"),
        pytest.param(lambda frame: frame.assign(kind=frame["kind"].cat.set_categories(["a", "b", "c"])), id="a category's categories"),
        pytest.param(lambda frame: frame.assign(kind=frame["kind"].cat.as_ordered()), id="a category's order"),
        pytest.param(lambda frame: frame.rename_axis("row"), id="the index's name"),
    ],
)
def test_a_table_is_keyed_by_its_content_and_all_of_it(change: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    """The memo's key read a number or a date column by its bytes and nothing else: the only test edited a
    float, so a key blind to integers, dates, categories or an index's name would have served a stale result."""
    assert memo.content_key(change(_small_table())) != memo.content_key(_small_table())


def test_an_equal_table_built_apart_has_the_same_key() -> None:
    rebuilt = pd.concat([_small_table().iloc[:1], _small_table().iloc[1:]])
    assert memo.content_key(rebuilt) == memo.content_key(_small_table())


def test_a_reported_count_is_a_rate_over_the_span_it_counts() -> None:
    """K82's "weekly" was checked against 1.06 a week, a rate typed into reference_facts.csv for one window, which
    divided the sessions rather than the gaps between them: the rate is now computed from a report's count and
    the span it counts, as gaps per week (sixteen weekly sessions span fifteen weeks), over two windows (C089)."""
    base = common.evidence_base()
    to_rome, to_stormy = periods.window("talks_start_to_rome_meeting"), periods.window("talks_start_to_stormy_session")
    assert claims.reported_count_per_week(base, to_rome, "sessions_by_23_oct_2013") == 0.98  # 12 gaps in 86 days
    assert claims.reported_count_per_week(base, to_stormy, "sessions_by_5_nov_2013") == 1.06  # 15 gaps in 99 days
    with pytest.raises(DataError, match="sessions_by_5_nov_2013: the fact is dated 2013-11-05, not the period's last day 2013-10-23"):
        claims.reported_count_per_week(base, to_rome, "sessions_by_5_nov_2013")
    assert claims.verdict_of(common.ledger(), "K82") == claims.CONSISTENT
