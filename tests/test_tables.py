"""The data layer refuses bad input loudly, naming file, line, column, value and rule."""

import csv
import re
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

from analysis.data import datasets, edition, schemas, seed, tables, text_rules
from analysis.paths import REPO_ROOT
from analysis.report import glue
from analysis.report.glue import DataTable, typeset
from conftest import appended, edited, line_of, problems_of, replace_in_line


@pytest.mark.parametrize("name", sorted(schemas.TABLES))
def test_every_real_table_passes_and_rows_in_equal_rows_out(name: str) -> None:
    path = REPO_ROOT / "data" / schemas.TABLES[name].file
    with path.open(encoding="utf-8", newline="") as handle:
        raw_rows = list(csv.DictReader(handle))
    frame = tables.load(name)
    assert len(frame) == len(raw_rows) > 0
    assert list(frame.columns) == list(raw_rows[0])


def test_malformed_date_is_refused_with_line_column_value_and_rule(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    line = line_of(path, "E010")
    date = path.read_text(encoding="utf-8").split("\n")[line - 1].split(",")[1]
    replace_in_line(path, line, f",{date},", ",2013-02-30,")
    message = problems_of("events", data_copy)
    assert f"events.csv, line {line}, column 'date': value '2013-02-30' breaks rule: an ISO date YYYY-MM-DD" in message


def test_an_event_outside_the_accounts_span_is_refused_naming_the_period(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    line = line_of(path, "E020")
    date = path.read_text(encoding="utf-8").split("\n")[line - 1].split(",")[1]
    replace_in_line(path, line, f",{date},", ",2015-01-01,")
    message = problems_of("events", data_copy)
    assert f"line {line}, column 'date': value '2015-01-01' breaks rule: within period 'account' of periods.csv" in message


def test_period_bounds_follow_periods_csv_beside_the_table(data_copy: Path) -> None:
    replace_in_line(data_copy / "periods.csv", 2, ",2014-07-27,", ",2014-07-26,")
    assert "value '2014-07-27' breaks rule: within period 'account' of periods.csv (2013-03-20 to 2014-07-26)" in problems_of(
        "events", data_copy
    )


def test_a_claim_naming_an_unknown_evidence_method_is_refused(data_copy: Path) -> None:
    path = data_copy / "claims.csv"
    line = line_of(path, "K07")
    replace_in_line(path, line, ",kerry_trips_region_before_announcement,", ",kerry_trips_guessed,")
    message = problems_of("claims", data_copy)
    assert (
        f"line {line}, column 'evidence_method': value 'kerry_trips_guessed' breaks rule: names a method of evidence_methods.csv" in message
    )


def test_an_evidence_method_naming_an_unknown_period_is_refused(data_copy: Path) -> None:
    path = data_copy / "evidence_methods.csv"
    line = line_of(path, "tenders_units_during_talks")
    replace_in_line(path, line, ",talks,", ",the_talks,")
    message = problems_of("evidence_methods", data_copy)
    assert f"line {line}, column 'period': value 'the_talks' breaks rule: names a period of phases.csv or periods.csv" in message


def test_a_source_address_with_tracking_parameters_is_refused(data_copy: Path) -> None:
    """Two addresses carried utm_ parameters (a feed's campaign name), which the printed ledger spelled out whole."""
    path = data_copy / "sources.csv"
    line = line_of(path, "toi_2014_04_01_second_powwow")
    replace_in_line(path, line, "second-time/,", "second-time/?utm_source=dlvr.it&utm_medium=twitter,")
    message = problems_of("sources", data_copy)
    assert f"sources.csv, line {line}, column 'url'" in message and "breaks rule: an address carries no tracking parameters" in message


def test_a_source_spelling_an_outlet_another_row_names_otherwise_is_refused(data_copy: Path) -> None:
    line = edited(data_copy, "sources", "ynet_2013_07_18_plo_leaders", ",Ynetnews,", ",Ynet News,")
    message = problems_of("sources", data_copy)
    assert f"sources.csv, line {line}, column 'publisher': value 'Ynet News' breaks rule: one outlet is named one way" in message
    assert "(another row spells it 'Ynetnews')" in message


@pytest.mark.parametrize(
    ("method", "before", "after"),
    [
        ("coalition_seats_short_without_jewish_home", ",The Jewish Home,", ",Jewish Home,"),
        ("days_unity_deal_to_suspension", ",E084|E085,", ",E085|E085,"),
        ("days_unity_deal_to_suspension", ",E084|E085,", ",E084|E999,"),
        ("days_unity_deal_to_suspension", ",E084|E085,", ",E084,"),
        ("peres_age_at_obama_visit", ",peres_born|E002,", ",peres_bron|E002,"),
        ("month_of_e100", ",E100|2013,", ",E100|13,"),
    ],
)
def test_an_evidence_parameter_naming_a_row_that_does_not_exist_or_one_twice_is_refused(
    data_copy: Path, method: str, before: str, after: str
) -> None:
    """Red team: "Jewish Home" for "The Jewish Home" counted no seats, so the coalition fell short by −7 (K32
    inconsistent); "E085|E085" counted zero days (K103 inconsistent). Both passed the check."""
    line = edited(data_copy, "evidence_methods", method, before, after)
    message = problems_of("evidence_methods", data_copy)
    assert f"line {line}, column 'parameter': value '{after.strip(',')}' breaks rule: names rows that exist" in message


def test_a_tranche_whose_destinations_leave_a_prisoner_out_is_refused(data_copy: Path) -> None:
    """Red team: 14 to Gaza and 11 to the West Bank (of 26) passed, the rule reading "no more than"."""
    edited(data_copy, "prisoner_releases", "1", ",11,,15,released,", ",11,,14,released,")
    message = problems_of("prisoner_releases", data_copy)
    assert "line 3, column 'count': value '26' breaks rule: where destinations are given" in message


def test_a_tranche_freed_before_it_was_due_is_refused_as_two_dates_swapped(data_copy: Path) -> None:
    edited(data_copy, "prisoner_releases", "3", ",2013-12-29,2013-12-31,", ",2013-12-31,2013-12-29,")
    message = problems_of("prisoner_releases", data_copy)
    assert "line 5, column 'actual_date': value '2013-12-29' breaks rule: a tranche is freed no earlier than the day it was due" in message


def test_an_announcement_copied_under_a_new_id_is_refused_whatever_its_other_columns_say(data_copy: Path) -> None:
    """Red team: S06 copied as S16 with its sites marked "none" passed, and K55's tender units went from 2,256
    to 3,317."""
    path = data_copy / "settlement_announcements.csv"
    original = path.read_text(encoding="utf-8").split("\n")[line_of(path, "S06") - 1]
    copy = "S16" + original.removeprefix("S06").replace(",all,", ",none,", 1).replace(",Housing Ministry", ",The Housing Ministry", 1)
    line = appended(data_copy, "settlement_announcements", copy)
    message = problems_of("settlement_announcements", data_copy)
    assert (
        f"line {line}, column 'announcement_id': value 'S16' breaks rule: no row repeats an earlier announcement's day, stage and units"
        in message
    )


def test_a_meeting_in_a_city_placed_in_another_country_than_its_other_rows_give_is_refused(data_copy: Path) -> None:
    """Red team: M037 in "Ramallah, Israel" passed, and every home-ground specification moved (2.60 → 3.25)."""
    line = edited(data_copy, "meetings", "M037", ",Ramallah,Palestinian Authority,", ",Ramallah,Israel,")
    message = problems_of("meetings", data_copy)
    assert f"line {line}, column 'country': value 'Israel' breaks rule: a city is in one country" in message


def test_a_release_dated_off_its_tranches_release_day_is_refused(data_copy: Path) -> None:
    """Red team: E039 moved to 3 Nov passed, the timeline then contradicting tranche 2's release on 30 Oct."""
    line = edited(data_copy, "events", "E039", "E039,2013-10-30,", "E039,2013-11-03,")
    message = problems_of("events", data_copy)
    assert f"line {line}, column 'date': value '2013-11-03' breaks rule: a release (unless the audit contradicted it)" in message


@pytest.mark.parametrize(("table", "deleted", "following"), [("claims", "K92", "K93"), ("events", "E050", "E051")])
def test_a_claim_or_event_deleted_without_a_trace_is_refused_at_the_row_after_it(
    data_copy: Path, table: str, deleted: str, following: str
) -> None:
    """Red team: K92 deleted (and its words excluded) passed, and the ledger's inconsistent verdicts went 6 → 5."""
    path = data_copy / f"{table}.csv"
    path.write_text(
        "\n".join(line for line in path.read_text(encoding="utf-8").split("\n") if not line.startswith(f"{deleted},")), encoding="utf-8"
    )
    line = line_of(path, following)
    message = problems_of(table, data_copy)
    assert f"line {line}, column '{table[:-1]}_id': value '{following}' breaks rule: ids number the rows in turn from 1" in message


def test_a_correction_deleted_from_the_log_is_refused_at_the_row_after_it(data_copy: Path) -> None:
    """Red team: C013, the published change of K71's verdict, deleted passed, and the log lost it without a trace
    (as C088 and C094 had been, withdrawn by deletion; C109 and C110 now withdraw them)."""
    path = data_copy / "corrections.csv"
    kept = [line for line in path.read_text(encoding="utf-8").split("\n") if not line.startswith("C013,")]
    path.write_text("\n".join(kept), encoding="utf-8")
    line = line_of(path, "C014")
    message = problems_of("corrections", data_copy)
    assert f"line {line}, column 'correction_id': value 'C014' breaks rule: ids number the corrections in turn from 1" in message


def test_a_tranches_numbers_moved_away_from_its_release_event_are_refused(data_copy: Path) -> None:
    """Red team: the first tranche's 11 to the West Bank and 15 to Gaza swapped in prisoner_releases.csv passed,
    and the chapters' split contradicted the timeline's "15 to Gaza and 11 to the West Bank"."""
    edited(data_copy, "prisoner_releases", "1", ",26,11,,15,released,", ",26,15,,11,released,")
    line = line_of(data_copy / "events.csv", "E101")
    message = problems_of("events", data_copy)
    assert f"line {line}, column 'summary'" in message
    assert "breaks rule: a release (unless the audit contradicted it) gives the numbers of the tranche freed that day" in message


@pytest.mark.parametrize("moved_to", ["2014-01-27", "2014-02-03"])
def test_an_event_moved_off_the_day_its_audit_note_names_by_weekday_is_refused(data_copy: Path, moved_to: str) -> None:
    """Red team: E104 (Bennett's statement, "the night of Sunday 26 Jan 2014" in its audit note) moved to the 27th
    passed, and K92 and K93, dates counted from it, turned round; a move of more than a week passed the first rule."""
    line = edited(data_copy, "events", "E104", "E104,2014-01-26,", f"E104,{moved_to},")
    message = problems_of("events", data_copy)
    assert f"line {line}, column 'date': value '{moved_to}' breaks rule: a row dated to the day whose audit note names a day" in message


def test_a_verdict_correction_that_gives_no_verdict_first_is_refused(data_copy: Path) -> None:
    """A verdict correction's 'now' reading "Still not checkable" named no verdict, so the ledger could not be held
    to it: it gives the verdict first."""
    line = edited(data_copy, "corrections", "C005", ",not checkable,", ",still not checkable,")
    message = problems_of("corrections", data_copy)
    assert f"line {line}, column 'after': value 'still not checkable' breaks rule: a correction of a verdict gives the verdict" in message


def test_every_function_taking_a_parameter_has_it_checked_with_its_table_or_by_the_ledger() -> None:
    """A function added to TAKING_A_PARAMETER and to neither list would have its parameter pass unread."""
    from analysis.data import schemas

    assert set(schemas.TAKING_A_PARAMETER) == set(schemas.PARAMETER_NAMES) | set(schemas.PARAMETERS_READ_BY_THE_LEDGER)
    assert not set(schemas.PARAMETER_NAMES) & set(schemas.PARAMETERS_READ_BY_THE_LEDGER)


def test_a_correction_to_a_chapter_the_book_does_not_have_is_refused(data_copy: Path) -> None:
    path = data_copy / "corrections.csv"
    line = line_of(path, "C056")
    replace_in_line(path, line, ",reset,", ",epilogue,")
    message = problems_of("corrections", data_copy)
    assert f"line {line}, column 'subject': value 'epilogue' breaks rule: a chapter named is one of the book's numbered chapters" in message


def test_a_correction_to_a_chapter_names_it_by_number_and_links_to_its_page() -> None:
    from analysis.pages import claims_ledger

    (item,) = [item for item in claims_ledger.corrections().items if item.correction_id == "C056"]
    assert (item.subject, item.subject_href) == ("chapter 1", "reset.html")


def test_negative_units_are_refused(data_copy: Path) -> None:
    path = data_copy / "settlement_announcements.csv"
    line = line_of(path, "S03")
    replace_in_line(path, line, ",1187,394,793,", ",1187,-394,793,")
    message = problems_of("settlement_announcements", data_copy)
    assert f"line {line}, column 'units_west_bank': value '-394' breaks rule: a non-negative whole number" in message


def test_a_phase_name_too_long_for_its_band_is_refused(data_copy: Path) -> None:
    path = data_copy / "phases.csv"
    line = line_of(path, "resumption")
    replace_in_line(path, line, ",Resumption,", ",Talks resume,")
    message = problems_of("phases", data_copy)
    refused = "breaks rule: at most 10 characters (it names the phase's band on a phone)"
    assert f"line {line}, column 'band_label': value 'Talks resume' {refused}" in message


def test_duplicate_id_is_refused_on_both_lines(data_copy: Path) -> None:
    path = data_copy / "meetings.csv"
    first, second = line_of(path, "M003"), line_of(path, "M004")
    replace_in_line(path, second, "M004,", "M003,")
    message = problems_of("meetings", data_copy)
    for line in (first, second):
        assert f"line {line}, column 'meeting_id': value 'M003' breaks rule: unique within the table" in message


def test_dangling_source_id_is_refused(data_copy: Path) -> None:
    path = data_copy / "prisoner_releases.csv"
    replace_in_line(path, 3, "afp_2013_08_14_release", "afp_nowhere")
    assert "line 3, column 'source_id': value 'afp_nowhere' breaks rule: names a source_id listed in sources.csv" in problems_of(
        "prisoner_releases", data_copy
    )


def test_a_correction_dated_after_the_editions_release_is_refused(data_copy: Path) -> None:
    path = data_copy / "corrections.csv"
    line = line_of(path, "C015")
    later = (edition.released() + timedelta(days=1)).isoformat()
    replace_in_line(path, line, "C015,2026-12-03,", f"C015,{later},")
    assert f"line {line}, column 'date': value '{later}' breaks rule: a correction is dated no later than the edition" in problems_of(
        "corrections", data_copy
    )


def test_quote_not_in_the_seed_is_refused(data_copy: Path) -> None:
    path = data_copy / "claims.csv"
    line = line_of(path, "K05")
    replace_in_line(path, line, "He requested the release of 104", "He requested the release of 105")
    message = problems_of("claims", data_copy)
    assert f"line {line}, column 'seed_quote'" in message and "found verbatim in the seed account" in message


def test_quote_check_tolerates_only_whitespace_and_typographic_quotes() -> None:
    from analysis.data.seed import quote_in_seed

    assert quote_in_seed("Kerry had met with Netanyahu nearly  twice as often")
    assert quote_in_seed("Netanyahu's 2,000-plus figure covered only homes")
    assert not quote_in_seed("Kerry had met with Netanyahu twice as often")


def test_truncated_file_is_refused(data_copy: Path) -> None:
    path = data_copy / "meetings.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    message = problems_of("meetings", data_copy)
    assert re.search(r"meetings\.csv, line \d+: .*breaks rule: (a row has 14 fields|the file ends with a newline)", message)


def test_non_utf8_bytes_are_refused_naming_the_line(data_copy: Path) -> None:
    path = data_copy / "sources.csv"
    raw = path.read_bytes().split(b"\n")
    assert b"Travels" in raw[2]
    raw[2] = raw[2].replace(b"Travels", b"Trav\xe9ls", 1)
    path.write_bytes(b"\n".join(raw))
    assert "sources.csv, line 3: value b'\\xe9' breaks rule: text is UTF-8" in problems_of("sources", data_copy)


def test_missing_column_is_refused(data_copy: Path) -> None:
    path = data_copy / "knesset_2013.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row[:-1] for row in csv.reader(handle)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    assert "knesset_2013.csv, line 1, column 'coalition_source_id': value None breaks rule: column is present" in problems_of(
        "knesset_2013", data_copy
    )


def test_extra_column_is_refused(data_copy: Path) -> None:
    path = data_copy / "knesset_2013.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row + (["surplus"] if number == 0 else ["x"]) for number, row in enumerate(csv.reader(handle))]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    assert "line 1, column 'surplus': value None breaks rule: column is expected by the schema" in problems_of("knesset_2013", data_copy)


def test_row_with_a_missing_field_is_refused_not_padded(data_copy: Path) -> None:
    path = data_copy / "phases.csv"
    replace_in_line(path, 3, ",tnr2014", "")
    assert "phases.csv, line 3: " in problems_of("phases", data_copy)


def test_every_problem_is_reported_not_just_the_first(data_copy: Path) -> None:
    path = data_copy / "settlement_sites.csv"
    replace_in_line(path, 2, ",69,", ",-1,")
    replace_in_line(path, 3, ",west_bank,", ",gaza,")
    message = problems_of("settlement_sites", data_copy)
    assert "2 problem(s)" in message and "line 2, column 'units'" in message and "line 3, column 'region'" in message


def test_script_text_is_escaped_wherever_a_table_is_shown() -> None:
    hostile = pd.DataFrame({"summary": ["<script>alert(1)</script>"], "units": [1]})
    rendered = DataTable("Data <b>behind</b>", hostile)._repr_html_()
    assert "<script>" not in rendered and "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "<b>" not in rendered


def test_a_column_of_short_names_is_set_as_identifiers_printed_whole() -> None:
    """The data dictionary's column names broke at their underscores in print ("kerry_ / present") beside a
    description column with room to spare."""
    frame = pd.DataFrame({"column": ["kerry_present", "city"], "description": ["yes, or not established", "Where they met"]})
    assert glue.column_kind(frame["column"]) == "identifier"
    assert glue.column_kind(pd.Series(["afp_2014_01_04_saudi_visit_to_riyadh"])) == ""  # a long source id may still break
    assert glue.column_kind(pd.Series(["city", "country"])) == ""
    assert '<td class="identifier">kerry_<wbr>present</td>' in DataTable("Columns", frame)._repr_html_()
    print_css = (REPO_ROOT / "_static" / "print.css").read_text(encoding="utf-8")
    assert "table.data-table td.identifier { white-space: nowrap; }" in print_css
    assert "table.data-table td.identifier wbr { display: none; }" in print_css


def test_a_column_of_dates_to_the_day_month_or_year_keeps_each_on_one_line() -> None:
    """The printed sources broke "2014-02- / 20" at its hyphen: a column of dates some of which name only their
    month was set as plain text."""
    assert glue.column_kind(pd.Series(["2014-02-20", "2013-11", "2014", "n.d.", None])) == "date"
    assert glue.column_kind(pd.Series(["2014-02-20", "early 2014"])) == ""
    assert glue.column_kind(pd.Series(["0478", "0497"])) == ""  # numbers written with four digits are no years
    html_table = DataTable("Sources", pd.DataFrame({"date": ["2014-02-20", "2013-11"]}))._repr_html_()
    assert '<td class="date">2013-11</td>' in html_table


def test_a_column_of_addresses_or_digests_breaks_anywhere_and_prose_keeps_its_words() -> None:
    """A column of addresses was set as prose, given a reading width it could not wrap in: the external datasets'
    table ran 1,600 px wide in a 690 px column."""
    addresses = pd.Series(["https://raw.githubusercontent.com/HistoryAtState/travels/3170c773f22c99dadc8ec93da070f8/x.xml"])
    assert glue.column_kind(addresses) == "address"
    assert glue.column_kind(pd.Series(["229f25c03396e171e62ec1303d2ec6084bf15751fc9f46842d17756fa197580a", None])) == "address"
    assert glue.column_kind(pd.Series(["After a heated debate the cabinet approves the phased release of 104 prisoners"])) == "prose"
    # A list of source ids has no space either, but breaks at its underscores: it is no address.
    assert glue.column_kind(pd.Series(["toi_ap_2013_11_06_stormy;zeenews_2013_11_06_stormy;reuters_2013_11_06"])) == "prose"
    figures_css = (REPO_ROOT / "_static" / "figures.css").read_text(encoding="utf-8")
    assert "table.data-table :is(th.address, td.address) { overflow-wrap: anywhere; min-width: 12rem; }" in figures_css


def test_a_tables_numbers_are_set_right_its_days_on_one_line_its_prose_wide_its_text_left_each_heading_like_its_column() -> None:
    frame = pd.DataFrame(
        {
            "measure": ["<td>tenders</td>", "new_plans"],
            "summary": ["Tenders for 1,076 housing units in East Jerusalem and the blocs", "plans"],
            "units": [2256, 13851],
            "share": [0.5, None],
            "nearest": pd.array([272, None], dtype="Int64").astype(object),  # numbers and a gap, as a merge leaves them
            "counted": [True, False],
            "announced": [pd.Timestamp(2013, 8, 13), None],
            "released": ["2013-08-13", "2013-10-30"],
            "source": ["a", "b"],
            "address": ["x.csv", "y.csv"],
        }
    )
    rendered = DataTable("Units", frame, links={"source": "address"}, filters=("measure",))._repr_html_()
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", rendered, re.DOTALL)
    cells = [re.findall(r"<t[hd](?: class=\"(\w+)\")?>", row) for row in rows]
    assert cells == [["", "prose", "numeric", "numeric", "numeric", "", "date", "date", ""]] * 3, cells
    assert "text-align: right" not in rendered and 'data-measure="new_plans"' in rendered
    assert "<td>new_<wbr>plans</td>" in rendered  # an identifier may break after its underscores
    assert '<td class="numeric">13,851</td>' in rendered and '<td class="numeric">272</td>' in rendered
    assert "&lt;td&gt;tenders&lt;/td&gt;" in rendered


def test_a_column_given_decimals_sets_every_number_to_them() -> None:
    frame = pd.DataFrame({"ratio": [1.0, 0.88, None], "days": [2.0, 3.0, None]})
    rendered = DataTable("Ratios", frame, decimals={"ratio": 2})._repr_html_()
    assert '<td class="numeric">1.00</td>' in rendered and '<td class="numeric">0.88</td>' in rendered
    assert '<td class="numeric">2</td>' in rendered  # the other columns as cell_text sets them


def test_typed_columns_are_converted_only_after_validation() -> None:
    releases = tables.load("prisoner_releases")
    assert str(releases["count"].dtype) == "Int64"
    assert str(releases["actual_date"].dtype).startswith("datetime64")
    with (REPO_ROOT / "data" / "prisoner_releases.csv").open(encoding="utf-8", newline="") as handle:
        empty = sum(1 for row in csv.DictReader(handle) if row["to_east_jerusalem"] == "")
    assert releases["to_east_jerusalem"].isna().sum() == empty == 3  # left empty, not read as 0 (tranche 2's 0 is written)


def test_dictionary_describes_every_column_of_every_table_and_nothing_else() -> None:
    dictionary = tables.load("dictionary")
    described = set(zip(dictionary["table"], dictionary["column"], strict=True))
    expected = {(name, column) for name, table in schemas.TABLES.items() for column in table.columns}
    assert described == expected


def test_data_readme_documents_every_column_as_the_dictionary_says() -> None:
    from analysis.data import dictionary

    readme = dictionary.README.read_text(encoding="utf-8")
    assert dictionary.readme_with_dictionary(readme) == readme, "run: python -m analysis.data.dictionary"


# --- actors.csv: who acted for which side ----------------------------------------


def test_every_actor_of_the_events_and_every_speaker_of_a_claim_has_one_row_and_every_row_one_of_them() -> None:
    named = set(tables.load("events")["actors"].str.split(";").explode()) | set(tables.load("claims")["speaker"].dropna())
    assert set(tables.load("actors")["actor"]) == named


def test_an_event_naming_an_actor_without_a_row_is_refused_naming_line_and_column(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    line = line_of(path, "E002")
    replace_in_line(path, line, ",Obama;Peres;Kerry;Donilon,", ",Obama;Peres;Kerry;Donillon,")
    message = problems_of("events", data_copy)
    assert (
        f"events.csv, line {line}, column 'actors': value 'Obama;Peres;Kerry;Donillon' breaks rule: "
        "every actor named has its row in actors.csv" in message
    )


def test_an_actor_whose_row_is_removed_refuses_the_events_that_name_them(data_copy: Path) -> None:
    path = data_copy / "actors.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("Donilon,")))
    message = problems_of("events", data_copy)
    assert f"line {line_of(data_copy / 'events.csv', 'E002')}, column 'actors'" in message and "1 problem(s)" in message


def test_an_actor_on_a_side_that_is_not_the_books_is_refused(data_copy: Path) -> None:
    path = data_copy / "actors.csv"
    line = line_of(path, "Kerry")
    replace_in_line(path, line, "Kerry,United States,", "Kerry,Americans,")
    message = problems_of("actors", data_copy)
    assert f"actors.csv, line {line}, column 'side': value 'Americans' breaks rule: one of {list(schemas.SIDES)}" in message


def test_an_actor_sourced_to_the_account_needs_its_words_verbatim(data_copy: Path) -> None:
    path = data_copy / "actors.csv"
    line = line_of(path, "Donilon")
    replace_in_line(path, line, ",National Security Advisor Tom Donilon", ",National Security Adviser Tom Donilon")
    message = problems_of("actors", data_copy)
    assert f"actors.csv, line {line}, column 'seed_quote'" in message and "found verbatim in the seed account" in message
    replace_in_line(path, line, ",National Security Adviser Tom Donilon", ",")
    message = problems_of("actors", data_copy)
    assert (
        f"line {line}, column 'seed_quote': value '' breaks rule: rows sourced to the account (tnr2014) carry a verbatim quote" in message
    )


def test_the_sides_the_schema_allows_are_those_the_theme_colours() -> None:
    from analysis.report import theme

    assert tuple(theme.SIDE_COLOURS) == schemas.SIDES
    assert set(theme.PARTY_COLOURS) < set(schemas.SIDES) and theme.OTHER_SIDE in schemas.SIDES


def test_the_planes_scanned_for_invisible_characters_hold_every_one_of_them() -> None:
    """The invisible-character rule scans three planes of Unicode, not all seventeen:
    this Python's database has no invisible format character outside them."""
    everywhere = text_rules.invisible_in(range(0x110000))
    assert everywhere == "".join(text_rules.invisible_in(plane) for plane in text_rules.INVISIBLE_PLANES)
    assert "\u200b" in everywhere and "\U000e0001" in everywhere


@pytest.mark.parametrize("value", ["Yair\u200bLapid", "Yair\u2028Lapid", "Yair\u3164Lapid", "\ufeffLapid"])
def test_an_invisible_character_is_found_however_ascii_the_rest_of_the_value(value: str) -> None:
    assert text_rules.has_invisible(value)
    assert text_rules.comparable(value) == text_rules.comparable(value.translate(dict.fromkeys(map(ord, "\u200b\u2028\u3164\ufeff"))))


def test_every_source_listed_is_cited_by_a_table_row() -> None:
    """sources.csv is the list of sources the tables cite (the appendix's "Sources
    cited by the tables"): a source no row names is cited by nothing. Amman's GeoNames
    point had been cited by a module alone; its row of map_places.csv cites it now."""
    cited: set[str] = set()
    for path in sorted((REPO_ROOT / "data").glob("*.csv")):
        if path.stem != "sources":
            table = tables.load(path.stem)
            for column in (name for name in table.columns if "source" in name):
                cited |= {part for value in table[column].dropna() for part in str(value).split(";")}
    uncited = sorted(source for source in tables.load("sources")["source_id"] if source not in cited)
    assert not uncited, uncited


# A range of days, months, years or numbers in the book's own words ("5-8 Nov",
# "Sep-Oct 2013", "2009-10", "85-100%"), as opposed to an ISO date, an id, an
# address or a quotation.
MONTH_NAME = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
HYPHENATED_RANGE = re.compile(
    "|".join(
        (
            rf"\b{MONTH_NAME}-{MONTH_NAME}\b",
            rf"\b\d{{1,2}}-\d{{1,2}} {MONTH_NAME}\b",
            rf"\b{MONTH_NAME} \d{{1,2}}-\d{{1,2}}\b",
            r"\b(?:19|20)\d\d-(?:\d\d|\d{4})\b(?![-/])",
            r"(?<![\w./:-])\d{1,3}(?:,\d{3})*-\d{1,3}(?:,\d{3})*%?(?![\w/-])",  # "20,000-24,000", "85-100%", a vote's "13-7"
        )
    )
)
ISO_DATE_OR_MONTH = re.compile(r"\d{4}-\d{2}(-\d{2})?")
# Others' words (a source's own title), addresses, and keys (an actor's name, which the events name in ASCII).
# Words as their publishers write them: a source's title and address, the account's tokens, an actor's name, a
# place's name in the dataset that places it ("Tel Aviv - Yafo", "שייח ג'ראח").
NOT_THE_BOOKS_WORDS = {
    ("sources", "title"),
    ("sources", "url"),
    ("claim_exclusions", "token"),
    ("actors", "actor"),
    ("map_places", "name_in_dataset"),
}


def own_words(name: str, frame: pd.DataFrame) -> list[str]:
    """The columns of a table that hold the book's own words: text that is not a quotation from the account,
    a coded value (a pattern or a list of choices) or NOT_THE_BOOKS_WORDS."""
    return [
        column
        for column, rule in schemas.TABLES[name].columns.items()
        if rule.kind == "text"
        and not rule.seed_quote
        and rule.pattern is None
        and not rule.choices
        and (name, column) not in NOT_THE_BOOKS_WORDS
        and column in frame
    ]


def hyphenated_ranges(name: str, frame: pd.DataFrame) -> list[str]:
    """Where a table's own words (`own_words`) set a range with a hyphen."""
    return [
        f"{name}.csv line {index + 2}, column '{column}': {found.group()}"
        for column in own_words(name, frame)
        for index, value in frame[column].items()
        if not ISO_DATE_OR_MONTH.fullmatch(value)
        for found in HYPHENATED_RANGE.finditer(value)
    ]


def account_sets_it_straight(value: str, at: int) -> bool:
    """Whether the typewriter mark at `at` is the account's own, in a quotation of it (`seed.with_account_marks`
    gives it back when it is curled)."""
    curled = value[:at] + ("\u2019" if value[at] == "'" else "\u201d") + value[at + 1 :]
    return seed.with_account_marks(curled)[at] == value[at]


def typewriter_quotes(name: str, frame: pd.DataFrame) -> list[str]:
    """Where a table's own words (`own_words`) are not set as the book sets its prose (`typeset`), keep a
    typewriter mark that is not the account's own, or, quoting the account, do not keep its marks."""
    return [
        f"{name}.csv line {index + 2}, column '{column}': {value[:60]}"
        for column in own_words(name, frame)
        for index, value in frame[column].items()
        if value != seed.with_account_marks(typeset(value))
        or any(mark in "'\"" and not account_sets_it_straight(value, at) for at, mark in enumerate(value))
    ]


def own_tables() -> dict[str, pd.DataFrame]:
    return {
        name: pd.read_csv(REPO_ROOT / "data" / table.file, dtype=str, keep_default_na=False)
        for name, table in schemas.TABLES.items()
        if (REPO_ROOT / "data" / table.file).is_file()
    }


def test_the_books_own_words_curl_their_quotes_and_apostrophes() -> None:
    """As its prose does (“ ” ’): the tables' "B'Tselem's" printed beside the chapters' "B’Tselem’s" on one page,
    and a correction quoted "a policy of “not" with one mark of each kind; 512 fields of 20 tables kept them
    straight. Where they quote the account they keep its marks: the curling made its "Fatah's" "Fatah’s"."""
    found = [problem for name, frame in own_tables().items() for problem in typewriter_quotes(name, frame)]
    assert not found, found[:10]
    frame = pd.DataFrame(
        {
            "claim_id": ["K98", "K99", "K100", "K101"],
            "seed_quote": ["Kerry's", "x", "y", "z"],
            "subject": [
                "Obama's trip",
                "…ending Fatah’s six-year-old rift with Hamas",
                "the ‘50%' share",
                "…ending Fatah's six-year-old rift with Hamas",
            ],
        }
    )
    assert typewriter_quotes("claims", frame) == [
        "claims.csv line 2, column 'subject': Obama's trip",
        "claims.csv line 3, column 'subject': …ending Fatah’s six-year-old rift with Hamas",
        "claims.csv line 4, column 'subject': the ‘50%' share",
    ]


def test_the_books_own_words_set_a_range_with_an_en_dash() -> None:
    """As the title does ("2013–2014"): the tables wrote "5-8 Nov", "Sep-Oct 2013"
    and "2009-10" in 39 places of eight tables, printed in lists, notes and the
    ledger, "20,000-24,000" and "85-100%" in six more, and the manifest titled
    B'Tselem's records "2000-2023"."""
    found = [problem for name, frame in own_tables().items() for problem in hyphenated_ranges(name, frame)]
    found += [
        f"manifest.toml [{name}] title: {dataset.title}"
        for name, dataset in datasets.manifest().items()
        if HYPHENATED_RANGE.search(dataset.title)
    ]
    assert not found, found
    frame = pd.DataFrame({"claim_id": ["K99"], "seed_quote": ["in 2009-10"], "subject": ["the 5-8 Nov visit"]})
    assert hyphenated_ranges("claims", frame) == ["claims.csv line 2, column 'subject': 5-8 Nov"]


def test_the_sources_are_listed_by_the_id_the_tables_cite_them_by() -> None:
    """The list of sources ran 36 printed pages in the order rows were added (tnr2014, hsg_kerry_travels, ...,
    unsc_478_1980, afp_2014_01_04_saudi_visit): a reader holding an id from a table could not find it."""
    from analysis.pages import data_methods

    (_, sources) = data_methods.tables_section().tables
    listed = sources.frame["source_id"].tolist()
    assert len(listed) >= 300 and listed == sorted(listed)


def test_a_publisher_is_counted_as_its_outlet_without_the_agency_it_carried_or_the_site_it_was_read_through() -> None:
    from analysis.data.publishers import outlet

    assert outlet("B’Tselem (via rssing mirror)") == "B’Tselem"
    assert outlet("UN OCHA via ReliefWeb") == "UN OCHA"
    assert outlet("UN OCHA, via ReliefWeb") == "UN OCHA"
    assert outlet("Reuters (Ma’an, via Gaza Solidarity)") == "Reuters"
    assert outlet("Ahram Online (AFP)") == outlet("Ahram Online (AP)") == "Ahram Online"
    assert outlet("Ynetnews / AFP") == "Ynetnews"
    assert outlet("Tel Aviv University") == "Tel Aviv University"
    assert outlet("X (Via Y)") == "X"


def test_one_outlet_spelt_two_ways_is_refused_naming_each_row() -> None:
    """Sources named "Ynet News", "Ynetnews" and "Ynet (AFP)", or "JTA" and "Jewish Telegraphic Agency (archive)":
    a caption's "Haaretz and 30 other publishers" counted one outlet's spellings as publishers."""
    from analysis.data.publishers import spelt_otherwise

    listed = ["Ynet News", "Ynetnews (AFP)", "JTA", "Jewish Telegraphic Agency (archive)", "Al Arabiya English", "Al Arabiya"]
    assert spelt_otherwise(listed) == ["Ynetnews", "Ynet News", "Jewish Telegraphic Agency", "JTA", "Al Arabiya", "Al Arabiya English"]
    assert spelt_otherwise(["Ynetnews", "Ynet (AFP)", "Arutz Sheva", "Israel National News"]) == [
        "Ynet",
        "Ynetnews",
        "Israel National News",
        "Arutz Sheva",
    ]
    unrelated = ["The Independent", "Times of India (wire)", "ABC News", "Arab News", "Ahram Online (AFP)", "Ahram Online (AP)"]
    assert spelt_otherwise(unrelated) == [None] * len(unrelated)


def test_a_caption_names_the_two_leading_publishers_and_counts_the_others_unless_only_one_is_left() -> None:
    """Counted from the rows' sources: the meetings name too many publishers for a caption."""
    from analysis.data.publishers import outlet
    from analysis.pages.common import leading_publishers, ranked_publishers, table
    from analysis.report.glue import in_series

    meetings = table("meetings")
    ranked = ranked_publishers(meetings)
    assert len(ranked) > 10
    assert leading_publishers(meetings) == f"{ranked[0]}, {ranked[1]} and {len(ranked) - 2} other publishers"
    sources = table("sources")
    sources = sources[~sources["publisher"].map(outlet).duplicated()]
    three = sources.head(3)[["source_id"]]
    assert leading_publishers(three) == in_series(ranked_publishers(three)) and len(ranked_publishers(three)) == 3
    assert leading_publishers(sources.head(4)[["source_id"]]).endswith(" and 2 other publishers")


def test_a_datasets_name_keeps_an_acronym_in_capitals() -> None:
    from analysis.pages.common import dataset_name

    assert dataset_name("B’Tselem", "Fatalities database (records as republished)") == "B’Tselem’s fatalities database"
    assert dataset_name("UN", "OCHA casualties") == "UN’s OCHA casualties"


def test_a_dataset_is_cited_by_its_name_not_the_date_of_its_copy() -> None:
    """The countdown cited a raid of 22 Mar 2014 to "B’Tselem, 24 Sep 2023", the date of the records' copy."""
    from analysis.pages import common

    cited = common.citations(pd.Series(["btselem_fatalities", "tnr2014;btselem_fatalities"]))
    assert cited.tolist() == ["B’Tselem’s fatalities database", "The New Republic, 20 Jul 2014; B’Tselem’s fatalities database"]


def test_the_audits_in_words_leave_out_an_empty_kind_and_agree_in_number() -> None:
    """Limitations printed "1 meetings"; with no unconfirmed meeting it would have printed "0 meetings"."""
    from analysis.pages.framework import audit_in_words
    from analysis.pages.limitations import unconfirmed_in_words

    assert unconfirmed_in_words(1, 0) == "1 meeting found no report either way and is marked unconfirmed"
    assert unconfirmed_in_words(0, 8) == "8 events found no report either way and are marked unconfirmed"
    assert unconfirmed_in_words(1, 1) == "1 meeting and 1 event found no report either way and are marked unconfirmed"
    assert unconfirmed_in_words(0, 0) == "every meeting and event found a report"
    counts = {"confirmed": 49, "contradicted": 6, "unconfirmed": 0, "added": 1}
    assert audit_in_words(counts) == "49 are confirmed and 6 contradicted, and 1 meeting known from reports was added"


def test_the_introduction_keys_every_kind_of_id_a_reader_meets() -> None:
    """Readers met K36, E041, S11 and B06 in the text and tables with no key to them: the introduction gives one,
    from each table's lowest id, and every table whose rows carry a lettered id is in it."""
    import re as regex

    from analysis.data import schemas
    from analysis.pages import intro

    lettered = {
        (name, column)
        for name, table in schemas.TABLES.items()
        for column, spec in table.columns.items()
        if spec.unique and spec.pattern is not None and regex.fullmatch(r"[A-Z]\\d.*", spec.pattern.pattern)
    }
    assert lettered == set(intro.ID_NOUNS), lettered ^ set(intro.ID_NOUNS)
    key = intro.id_key()
    assert key.startswith("K01 is a claim in the ledger, E001 a dated event") and "B01 a published casualty total" in key


def test_a_dictionary_entry_that_lists_a_columns_values_lists_exactly_its_choices() -> None:
    """B05's role was renamed in the schema (west_bank_israelis_2013 to israelis_2013) and the dictionary, the
    data README and the Downloads page went on naming the old value."""
    dictionary = tables.load("dictionary")
    stale = []
    for row in dictionary.itertuples():
        column = schemas.TABLES[row.table].columns.get(row.column) if row.table in schemas.TABLES else None
        if column is None or column.kind != "choice":
            continue
        for listed in re.findall(r"\(([^()]*,[^()]*)\)", row.description):
            named = {item.strip() for item in listed.split(",")}
            if named & set(column.choices) and named != set(column.choices):
                stale.append((row.table, row.column, sorted(named ^ set(column.choices))))
    assert not stale, stale
