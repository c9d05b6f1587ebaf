"""Hostile data, round seven: what a red team found the check let through (6 December 2026). A region's units
left out of a counted announcement (K12 and K55 turned); the tranches no longer making the cabinet's 104; a
coalition without a majority (K32 turned); one site spelled two ways (counted as two); an actor named twice; a
meeting from the travel record moved to the other leader (the headline ratio moved) or given another record
date; an age counted from a fact with no date, a reference value with none, a killed filter naming a column
twice (the second silently replaced the first), or an evidence method or period bound naming an event the audit
contradicted; a derived measure or a committed layer edited by hand; a Peace Now total or a dictionary column
renamed. Each is now refused by `python -m analysis.data check`, naming its file and line and column, or its
file and measure. And two build-time failures name their input: a specification that leaves Abbas no meeting
(a ZeroDivisionError blamed on evidence_methods.csv) and a reference fact a page reads renamed (a bare KeyError)."""

import json
import shutil
from pathlib import Path

import geopandas as gpd
import pytest

from analysis.data import check, derived, layers, tables
from analysis.errors import DataError, ValidationError
from analysis.pages import common, framework
from analysis.paths import DATA_DIR_ENV, GEO_DIR
from conftest import edited, line_of, problems_of, replace_in_line, rule_refusal


@pytest.mark.parametrize(
    ("table", "row", "old", "new", "column", "value", "rule"),
    [
        # 394 West Bank units gone: K12 and K55 turned inconsistent, without a word.
        ("settlement_announcements", "S03", ",1187,394,793,", ",1187,,793,", "units_total", "1187", "a counted announcement's"),
        # 140 prisoners decided, four tranches of 26: the ledger failed at build, blaming claims.csv.
        ("prisoner_releases", "0", ",104,", ",140,", "count", "140", "the cabinet decision's prisoners"),
        # Yesh Atid out of the coalition: 49 seats governing, K32 inconsistent.
        ("knesset_2013", "Yesh Atid", ",19,yes,", ",19,no,", "in_coalition_2013", "no", "the coalition formed"),
        ("events", "E006", ",Kerry;Netanyahu,", ",Kerry;Netanyahu;Kerry,", "actors", "Kerry;Netanyahu;Kerry", "no actor is named twice"),
        # Istanbul's meeting with Abbas given to Netanyahu: the headline ratio moved from 1.00 to 1.08.
        ("meetings", "M007", ",a report of the day,Abbas,Istanbul,", ",a report of the day,Netanyahu,Istanbul,", "counterpart", "Netanyahu",
         "a meeting from the official travel record is with"),
        ("meetings", "M007", "M007,2013-04-21,2013-04-20,", "M007,2013-04-21,2014-12-31,", "record_date", "2014-12-31",
         "a meeting at a travel-record stop has the stop's first day"),
        # A report's meeting at a stop that does not name Abbas (Riyadh, 4 Mar 2013) given the stop's first day.
        ("meetings", "M058", "M058,2013-03-04,2013-03-04,", "M058,2013-03-04,2013-03-03,", "record_date", "2013-03-03",
         "a meeting at a travel-record stop has the stop's first day"),
        # A fact with no date read as a birth: K02 turned inconsistent on a blank evidence value.
        ("reference_facts", "peres_born", "peres_born,,1923-08-02,", "peres_born,1923,,", "parameter", "peres_born|E002",
         "an age or term"),
        ("evidence_methods", "israeli_teens_killed", ",citizenship=Israeli,", ",citizenship=Israeli;citizenship=Palestinian,",
         "parameter", "citizenship=Israeli;citizenship=Palestinian", "a killed filter names each column once"),
        # Ministers' votes read as trips: K07's alternative went from 6 to 13.
        ("evidence_methods", "kerry_trips_reported_by_press", ",kerry_trip_count_reported,trips,", ",cabinet_vote_for,trips,",
         "parameter", "cabinet_vote_for", "a reference value names facts in the method's unit"),
    ],
)  # fmt: skip
def test_a_row_the_other_tables_contradict_is_refused_naming_its_line_and_column(
    data_copy: Path, table: str, row: str, old: str, new: str, column: str, value: str, rule: str
) -> None:
    line = edited(data_copy, table, row, old, new)
    if table == "reference_facts":
        table, line = "evidence_methods", line_of(data_copy / "evidence_methods.csv", "peres_age_at_obama_visit")
    assert rule_refusal(data_copy, table, line, column, value, rule) in problems_of(table, data_copy)


def test_a_reference_value_is_read_from_a_fact_that_has_one(data_copy: Path) -> None:
    """A fact giving only a date, read as a value, gave the ledger NaN."""
    line = edited(data_copy, "evidence_methods", "kerry_trips_reported_by_press", ",kerry_trip_count_reported,", ",peres_born,")
    rule = "a reference value"
    assert rule_refusal(data_copy, "evidence_methods", line, "parameter", "peres_born", rule) in problems_of("evidence_methods", data_copy)


def test_one_site_spelled_two_ways_is_refused_where_it_differs(data_copy: Path) -> None:
    """ "Pisgat Ze'ev" beside "Pisgat Zeev": the East Jerusalem map counted 7 sites, two of them one place."""
    path = data_copy / "settlement_sites.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("S09,Pisgat Zeev,"))
    replace_in_line(path, line, "S09,Pisgat Zeev,", "S09,Pisgat Ze'ev,")
    expected = rule_refusal(data_copy, "settlement_sites", line, "site", "Pisgat Ze'ev", "a site is spelled as its first row")
    assert expected in problems_of("settlement_sites", data_copy)


def test_an_evidence_method_or_period_naming_a_contradicted_event_is_refused(data_copy: Path) -> None:
    """K66 went on counting days to E016 after the audit contradicted it; a period could start on it."""
    edited(data_copy, "events", "E016", ",confirmed,", ",contradicted,")
    methods = data_copy / "evidence_methods.csv"
    method = next(text.split(",")[0] for text in methods.read_text(encoding="utf-8").split("\n") if "E016" in text)
    line = line_of(methods, method)
    parameter = methods.read_text(encoding="utf-8").split("\n")[line - 1].split(",")[3]
    expected = rule_refusal(data_copy, "evidence_methods", line, "parameter", parameter, "names no event the audit contradicted")
    assert expected in problems_of("evidence_methods", data_copy)

    edited(data_copy, "events", "E092", ",confirmed,", ",contradicted,")
    with pytest.raises(ValidationError) as refused:
        tables.period_events_agree(data_copy)
    line = line_of(data_copy / "periods.csv", "teen_abduction")
    assert f"periods.csv, line {line}, column 'start_event': value 'E092' breaks rule: {tables.PERIOD_STANDING_RULE}" in str(refused.value)


def test_a_derived_measure_edited_by_hand_is_refused_not_served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The band's width for B'Tselem's area typed as 9.5 (13.82 computed) was served: the map said 1,104 km²
    under a definition giving 1,600."""
    copy = tmp_path / "derived.json"
    entries = json.loads(derived.DERIVED_FILE.read_text(encoding="utf-8"))
    monkeypatch.setattr(derived, "DERIVED_FILE", copy)
    copy.write_text(json.dumps(entries), encoding="utf-8")
    assert derived.verify() == len(entries)
    name = next(iter(entries))
    entries[name]["value"]["area_km2"][0] += 1
    copy.write_text(json.dumps(entries), encoding="utf-8")
    with pytest.raises(DataError, match=f"derived.json, measure {name}: its value is not the one computed"):
        derived.lookup(name, entries[name]["key"])


@pytest.mark.parametrize("scaled", [True, False])
def test_a_committed_layer_changed_after_make_geo_is_refused_by_the_check_and_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scaled: bool
) -> None:
    """East Jerusalem's polygon scaled by 1.3 passed the check: 121 km² where the municipality's is 72. A digit
    changed in one coordinate keeps the file's size, so the digest, not the size, is compared."""
    geo = tmp_path / "geo"
    shutil.copytree(GEO_DIR, geo)
    monkeypatch.setattr(layers, "GEO_DIR", geo)
    assert len(layers.read_catalogued_layer("east_jerusalem")) == 1
    path = geo / "east_jerusalem.geojson"
    if scaled:
        frame = gpd.read_file(path)
        frame["geometry"] = frame.geometry.scale(1.3, 1.3, origin="centroid")
        frame.to_file(path, driver="GeoJSON")
    else:
        text = path.read_text(encoding="utf-8")
        at = text.index("35.2") + 6
        path.write_text(text[:at] + str((int(text[at]) + 1) % 10) + text[at + 1 :], encoding="utf-8")
    refused = r"east_jerusalem\.geojson: its bytes are not those geo/layers\.json catalogues"
    with pytest.raises(DataError, match=refused):
        layers.read_catalogued_layer("east_jerusalem")
    layers._cached_layer.cache_clear()
    with pytest.raises(DataError, match=refused):
        layers.load_layer("east_jerusalem")
    layers._cached_layer.cache_clear()
    assert check.check() is False


def test_a_peace_now_total_the_book_reads_renamed_is_refused(data_copy: Path) -> None:
    """'plans_total' renamed 'plans_all' passed the check; the limitations page then failed with a bare KeyError."""
    edited(data_copy, "peacenow_totals", "plans_total", "plans_total,", "plans_all,")
    path = data_copy / "peacenow_totals.csv"
    last = len(path.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    value = path.read_text(encoding="utf-8").rstrip("\n").split("\n")[-1].split(",")[0]
    expected = rule_refusal(data_copy, "peacenow_totals", last, "metric", value, "the metrics the book reads by name")
    assert expected in problems_of("peacenow_totals", data_copy)


def test_a_specification_leaving_abbas_no_meeting_is_refused_naming_its_table(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The talks' window moved to the teens' abduction: a ZeroDivisionError blamed on evidence_methods.csv."""
    replace_in_line(data_copy / "meeting_specifications.csv", 6, ",talks|talks,", ",teen_abduction|teen_abduction,")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    with pytest.raises(DataError, match=r"meeting_specifications\.csv: the specification \S+/talks/\S+ .* counts no meeting with Abbas"):
        common.evidence_base().meeting_curve()


def test_a_fact_a_page_reads_renamed_is_an_error_naming_the_fact(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Erekat's count renamed: the framework chapter failed with a bare KeyError."""
    edited(data_copy, "reference_facts", framework.EREKAT_COUNT, framework.EREKAT_COUNT, "erekat_count")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    with pytest.raises(DataError, match=f"reference_facts.csv has no row with fact_id '{framework.EREKAT_COUNT}'"):
        framework.asymmetry()


def test_a_dictionary_row_naming_no_column_is_refused(data_copy: Path) -> None:
    """'claimed_valeu' passed: the data package described a column that does not exist and left claimed_value blank."""
    path = data_copy / "dictionary.csv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("claims,claimed_value,"))
    replace_in_line(path, line, "claims,claimed_value,", "claims,claimed_valeu,")
    problems = problems_of("dictionary", data_copy)
    assert rule_refusal(data_copy, "dictionary", line, "column", "claimed_valeu", "names a column of its table") in problems
    last = lines[-1].split(",")[1]
    assert rule_refusal(data_copy, "dictionary", len(lines), "column", last, "every column of every table has its row") in problems


@pytest.mark.parametrize(("old", "new", "column"), [(",21,2014-01-04,", ",,2014-01-04,", "value"), (",21,2014-01-04,", ",21,,", "date")])
def test_a_fact_a_page_reads_without_its_value_or_date_is_an_error_naming_the_column(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, column: str
) -> None:
    """Erekat's count emptied: the framework chapter failed with a bare TypeError (or, its date emptied, in strftime)."""
    edited(data_copy, "reference_facts", framework.EREKAT_COUNT, old, new)
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    with pytest.raises(DataError, match=f"reference_facts.csv, fact '{framework.EREKAT_COUNT}', column '{column}': empty"):
        framework.asymmetry()
