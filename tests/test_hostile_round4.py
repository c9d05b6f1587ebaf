"""Hostile data, round four: what a red team found the loader let through (6 December 2026). A value that
another table or the pages match exactly, a quotation cut mid-word, a correction of nothing, a place off the map,
an impossible date, a placeholder for a missing value, and a changed byte in the account itself: each is now
refused naming its file, line and column (the account by its digest)."""

import csv
import io
import shutil
from pathlib import Path

import pytest

from analysis.data import datasets, edition, seed
from analysis.data.text_rules import OTHER_SPACE_RULE, PLACEHOLDER_RULE
from analysis.errors import ChecksumError, DataError
from analysis.paths import DATA_DIR_ENV, SHARED_DIR_ENV, seed_path
from conftest import appended, edited, line_of, problems_of, refusal, replace_in_line, rule_of


def test_a_changed_byte_in_the_account_is_refused_by_its_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The account had no digest: "newly reelected president's" changed to "newly impeached" passed the check and
    reached the ledger's passages. Its sha256 is now pinned in the manifest, as every dataset's is."""
    shared = tmp_path / "shared"
    shutil.copytree(seed_path().parent, shared / "seed")
    account = shared / "seed" / seed_path().name
    text = account.read_text(encoding="utf-8")
    assert "newly reelected president’s" in text
    account.write_text(text.replace("newly reelected president’s", "newly impeached president’s", 1), encoding="utf-8")
    monkeypatch.setenv(SHARED_DIR_ENV, str(shared))
    seed.seed_text.cache_clear()
    try:
        with pytest.raises(ChecksumError) as refused:
            seed.seed_text()
    finally:
        seed.seed_text.cache_clear()
    assert refused.value.expected == datasets.seed_sha256() and refused.value.path == account
    assert str(account) in str(refused.value)


def test_a_quotation_cut_mid_word_is_refused(data_copy: Path) -> None:
    path = data_copy / "grand_bargain.csv"
    line = line_of(path, "G1")
    replace_in_line(path, line, ",Israel would release the fourth tranche,", ",ael would release the fourth tra,")
    rule = "found verbatim in the seed account"
    assert refusal(data_copy, "grand_bargain", line, "seed_quote", "ael would release the fourth tra", rule) in problems_of(
        "grand_bargain", data_copy
    )


@pytest.mark.parametrize(
    ("subject", "found"),
    [("K999", False), ("E999", False), ("M999", False), ("nowhere.csv", False), ("M077", True), ("meetings.csv", True)],
)
def test_a_correction_of_a_row_or_table_that_does_not_exist_is_refused(data_copy: Path, subject: str, found: bool) -> None:
    path = data_copy / "corrections.csv"
    line = line_of(path, "C007")  # a correction of evidence: one of a verdict must name a claim (round six)
    replace_in_line(path, line, "C007,2026-12-02,K23,", f"C007,2026-12-02,{subject},")
    rule = rule_of("corrections", "subject", "a claim, event or meeting named")
    if found:
        from analysis.data import tables

        assert len(tables.load("corrections", data_copy)) > 0
    else:
        assert refusal(data_copy, "corrections", line, "subject", subject, rule) in problems_of("corrections", data_copy)


def test_swapped_coordinates_are_refused_on_both_columns(data_copy: Path) -> None:
    path = data_copy / "jordan_crossings.csv"
    line = line_of(path, "R1")
    replace_in_line(path, line, ",35.54083,31.87417,", ",31.87417,35.54083,")
    message = problems_of("jordan_crossings", data_copy)
    assert refusal(data_copy, "jordan_crossings", line, "lon", "31.87417", rule_of("jordan_crossings", "lon", "within")) in message
    assert refusal(data_copy, "jordan_crossings", line, "lat", "35.54083", rule_of("jordan_crossings", "lat", "within")) in message


@pytest.mark.parametrize(
    ("date", "rule"),
    [
        ("9999-12-31", None),
        ("1066-10-14", None),
        ("2014-02-31", "a day, month or year the calendar has"),
        ("2014-13", "a day, month or year the calendar has"),
    ],
)
def test_a_source_date_the_calendar_or_the_edition_cannot_have_is_refused(data_copy: Path, date: str, rule: str | None) -> None:
    path = data_copy / "sources.csv"
    line = line_of(path, "tnr2014")
    replace_in_line(path, line, ",2014-07-20,", f",{date},")
    rule = rule or rule_of("sources", "date", "dated no later")
    assert refusal(data_copy, "sources", line, "date", date, rule) in problems_of("sources", data_copy)


def test_a_correction_dated_on_a_day_the_calendar_lacks_is_refused_by_name_not_by_a_traceback(data_copy: Path) -> None:
    path = data_copy / "corrections.csv"
    line = line_of(path, "C001")
    replace_in_line(path, line, "C001,2026-12-02,", "C001,2026-02-30,")
    rule = "a day, month or year the calendar has"
    assert refusal(data_copy, "corrections", line, "date", "2026-02-30", rule) in problems_of("corrections", data_copy)


def test_two_positions_of_one_party_on_one_issue_are_refused(data_copy: Path) -> None:
    path = data_copy / "framework_positions.csv"
    text = path.read_text(encoding="utf-8")
    israel = next(row for row in csv.reader(io.StringIO(text)) if row[:2] == ["borders", "Israel (Netanyahu)"])
    written = io.StringIO()
    csv.writer(written, lineterminator="\n").writerow([*israel[:2], "Rejected the 1967 lines outright", *israel[3:]])
    path.write_text(text + written.getvalue(), encoding="utf-8")
    line = text.count("\n") + 1
    rule = rule_of("framework_positions", "party", "one position per issue and party")
    assert refusal(data_copy, "framework_positions", line, "party", "Israel (Netanyahu)", rule) in problems_of(
        "framework_positions", data_copy
    )


def test_a_side_giving_to_itself_is_refused(data_copy: Path) -> None:
    path = data_copy / "grand_bargain.csv"
    line = line_of(path, "G1")
    replace_in_line(path, line, "G1,Israel,Palestinians,", "G1,Israel,Israel,")
    rule = rule_of("grand_bargain", "receives", "a side gives")
    assert refusal(data_copy, "grand_bargain", line, "receives", "Israel", rule) in problems_of("grand_bargain", data_copy)


@pytest.mark.parametrize("placeholder", ["nan", "NULL", "N/A", "#N/A"])
def test_a_placeholder_for_a_missing_value_is_refused(data_copy: Path, placeholder: str) -> None:
    path = data_copy / "grand_bargain.csv"
    line = line_of(path, "G1")
    replace_in_line(path, line, ",Release the fourth tranche of prisoners,", f",{placeholder},")
    assert refusal(data_copy, "grand_bargain", line, "component", placeholder, PLACEHOLDER_RULE) in problems_of("grand_bargain", data_copy)


@pytest.mark.parametrize(
    ("row_id", "old", "new", "rule"),
    [
        ("M003", "Jordan", "Jordn", None),
        ("M005", "Palestinian Authority", "Palestinian\u00a0Authority", OTHER_SPACE_RULE),
    ],
    ids=["typo", "no-break space"],
)
def test_a_country_spelled_otherwise_than_the_record_is_refused(data_copy: Path, row_id: str, old: str, new: str, rule: str | None) -> None:
    """A typo ("Isreal") or a no-break space in "Palestinian Authority" moved the headline's count of meetings on
    each leader's own ground without a word from the check."""
    path = data_copy / "meetings.csv"
    line = line_of(path, row_id)
    replace_in_line(path, line, f",{old},", f",{new},")
    rule = rule or rule_of("meetings", "country", "a country as the travel record names it")
    assert refusal(data_copy, "meetings", line, "country", new, rule) in problems_of("meetings", data_copy)


@pytest.mark.parametrize(
    ("row_id", "site", "old", "new"),
    [("S01", "Har Homa", "69", "6900"), ("S06", "Gilo", "311", "1100")],
    ids=["one region", "beyond its region though within the other total"],
)
def test_a_sites_units_beyond_its_announcement_are_refused(data_copy: Path, row_id: str, site: str, old: str, new: str) -> None:
    """S06 records another total (1,859) for both regions together: it does not let East Jerusalem's sites run past
    the 828 units the announcement gives East Jerusalem."""
    path = data_copy / "settlement_sites.csv"
    line = next(
        number for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1) if text.startswith(f"{row_id},{site},")
    )
    replace_in_line(path, line, f"{row_id},{site},east_jerusalem,{old},", f"{row_id},{site},east_jerusalem,{new},")
    rule = rule_of("settlement_sites", "units", "an announcement's sites")
    assert refusal(data_copy, "settlement_sites", line, "units", new, rule) in problems_of("settlement_sites", data_copy)


@pytest.mark.parametrize(
    ("method", "old", "new"),
    [("killed_qalandiya_26_aug_2013", ",Qalandia,", ",Qalandya,")],
    ids=["a place no record names"],
)
def test_an_evidence_methods_parameter_that_names_nothing_is_refused_by_its_row(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, method: str, old: str, new: str
) -> None:
    """ "Qalandia" mistyped counted 0 killed and turned K19 inconsistent without a word: it names the method, the
    column and the value (a mistyped fact id, which raised a bare KeyError, is refused with the table: test_tables)."""
    from analysis.pages import common

    path = data_copy / "evidence_methods.csv"
    replace_in_line(path, line_of(path, method), old, new)
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    with pytest.raises(DataError) as refused:
        common.ledger()
    assert str(refused.value).startswith(f"evidence_methods.csv, method {method}, column 'parameter': value {new.strip(',')!r}")


def test_a_claims_unit_other_than_its_methods_is_refused(data_copy: Path) -> None:
    """K01's unit changed from days to weeks relabelled its evidence too: the ledger printed "3 weeks" against
    "3 weeks", consistent, for a three-day trip."""
    path = data_copy / "claims.csv"
    line = line_of(path, "K01")
    replace_in_line(path, line, ",3,=,days,", ",3,=,weeks,")
    rule = rule_of("claims", "unit", "the unit its evidence methods count in")
    assert refusal(data_copy, "claims", line, "unit", "weeks", rule) in problems_of("claims", data_copy)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("btselem_jordan_valley_area_km2,", "btselem_jordan_valley_area,", "no row with fact_id 'btselem_jordan_valley_area_km2'"),
        (
            "btselem_jordan_valley_area_km2,1600,",
            "btselem_jordan_valley_area_km2,,",
            "fact 'btselem_jordan_valley_area_km2', column 'value': empty",
        ),
    ],
    ids=["renamed", "without a value"],
)
def test_a_fact_a_page_reads_renamed_or_emptied_is_refused_by_name(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, message: str
) -> None:
    """A renamed fact, or one left without its value, raised a bare KeyError or ValueError from the page that reads it."""
    from analysis.pages import common

    path = data_copy / "reference_facts.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    with pytest.raises(DataError, match=message):
        common.reference_fact(common.BTSELEM_JORDAN_VALLEY)


def test_a_benchmark_role_the_book_asks_for_removed_is_refused_by_name(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A role taken off its benchmark raised a bare KeyError from the page that reads it."""
    from analysis.pages import common

    path = data_copy / "casualty_benchmarks.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",israelis_2013,", ",,", 1), encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    with pytest.raises(DataError, match=r"casualty_benchmarks.csv, column 'role': no row has 'israelis_2013'"):
        common.benchmarks_by_role(common.casualty_records())


def test_the_days_from_the_stormy_session_to_kerrys_meetings_are_counted_from_the_tables(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """K89's 3 days (and 1 under another definition) were reference facts typed beside events.csv and meetings.csv:
    a fact of 5 passed the check and turned K89 inconsistent. They are counted from E041 and M066 (M032)."""
    from analysis.pages import common

    ledger = common.ledger().set_index("claim_id")
    assert (ledger.at["K89", "evidence_value"], ledger.at["K89", "alternative_value"]) == (3, 1)
    line = edited(data_copy, "events", "E041", "E041,2013-11-05,", "E041,2013-11-04,")
    replace_in_line(data_copy / "events.csv", line, "on Tuesday 5 Nov 2013", "on Monday 4 Nov 2013")  # its note moves with it
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    moved = common.ledger().set_index("claim_id")
    assert (moved.at["K89", "evidence_value"], moved.at["K89", "alternative_value"]) == (4, 2)


def test_the_days_from_netanyahus_birthday_to_the_rome_meeting_are_counted_from_his_birth_date(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """K84's two days were a reference fact typed beside Netanyahu's date of birth and E038: counted, they move
    with either."""
    from analysis.pages import common

    assert common.ledger().set_index("claim_id").at["K84", "evidence_value"] == 2
    edited(data_copy, "reference_facts", "netanyahu_born", ",1949-10-21,", ",1949-10-24,")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    assert common.ledger().set_index("claim_id").at["K84", "evidence_value"] == 364


def test_the_days_from_the_qalandiya_raid_to_the_session_are_counted_from_the_two_events(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """K83's same day (0) was a reference fact typed beside E032 (the raid) and E113 (the session)."""
    from analysis.pages import common

    assert common.ledger().set_index("claim_id").at["K83", "evidence_value"] == 0
    edited(data_copy, "events", "E113", "E113,2013-08-26,", "E113,2013-08-27,")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    assert common.ledger().set_index("claim_id").at["K83", "evidence_value"] == 1


def test_the_days_of_kerrys_paris_stop_are_counted_from_the_travel_record(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Red team: K37's two days in Paris were a reference fact typed beside the travel record; set to 3, the
    account's error turned consistent. They are the days of stop 3459 (19-20 Feb 2014), and a stop the record
    does not hold is refused."""
    from analysis.pages import claims_ledger, common

    assert common.ledger().set_index("claim_id").at["K37", "evidence_value"] == 2
    k37 = next(entry for entry in claims_ledger.entries(common.ledger()) if entry.claim_id == "K37")
    assert any("Travels of the Secretary" in title for title, _ in k37.sources)
    line = edited(data_copy, "evidence_methods", "kerry_paris_days", ",travel_stop_days,,3459,", ",travel_stop_days,,99999,")
    message = problems_of("evidence_methods", data_copy)
    assert f"line {line}, column 'parameter': value '99999' breaks rule: names rows that exist" in message


def test_every_corrected_verdict_is_the_one_its_latest_correction_logs() -> None:
    """The book's ledger against its corrections log: a verdict that moved is logged before it is published."""
    from analysis.pages import common

    moved = common.verdicts_moved_from_their_log()
    assert not moved, moved


def test_a_verdict_moved_from_the_one_its_latest_correction_logs_is_refused(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Red team: the account's reading of K36 moved from meetings everywhere to meetings on the leader's own
    ground (meeting_specifications.csv) turned the book's central claim from "consistent under one definition"
    to "consistent", and nothing in the corrections log said so. Its latest verdict correction, C001, is the record;
    a new one logging the move settles it."""
    from analysis.pages import common

    edited(data_copy, "meeting_specifications", "place,everywhere", ",everywhere,,yes,", ",everywhere,,no,")
    edited(data_copy, "meeting_specifications", "place,home_ground", ",no,", ",yes,")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    line = line_of(data_copy / "corrections.csv", "C001")
    (moved,) = common.verdicts_moved_from_their_log()
    assert f"corrections.csv, line {line} (C001), column 'after': logs K36 as 'consistent under one definition', the ledger" in moved
    assert "finds 'consistent'" in moved
    logged = f"{edition.released()},K36,verdict,consistent under one definition,consistent (2.00),The reading moved.,tnr2014"
    next_id = len((data_copy / "corrections.csv").read_text(encoding="utf-8").strip().splitlines())  # the header's line is one
    appended(data_copy, "corrections", f"C{next_id:03d},{logged}")
    assert common.verdicts_moved_from_their_log() == []
