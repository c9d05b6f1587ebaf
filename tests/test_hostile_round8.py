"""Hostile data, round eight: what a red team found the check let through (6 December 2026). A Peace Now part
that no longer adds up to its total (a glued total moved); a year or day of the month that is not its own
date's (K48, K105 and K119 turned); an event moved off the day its quote names (K91 and K115 turned); a
meeting dated by a report of the day moved a month from its reports, or an announcement dated after the
report that gives it (the plans dated in the book moved from 35% to 31%); a tender marked re-issued that was
not (the headline's 2,256 new West Bank units became 1,862); a meeting copied under a new id with only its
notes reworded (the headline ratio moved); the third tranche freed before the second (the build failed on a
bare ValueError); a site's units typed short in an announcement that itemises every site (the East Jerusalem
map lost 360 units); a dataset's address cut loose from its commit. Each is now refused by
`python -m analysis.data check`, naming its file and line and column, or its file and field."""

from pathlib import Path

import pytest

from analysis.data import datasets, tables
from analysis.errors import DataError, ValidationError
from conftest import appended, edited, line_of, problems_of, rule_refusal


@pytest.mark.parametrize(
    ("table", "row", "old", "new", "column", "value", "rule"),
    [
        ("reference_facts", "abbas_elected_president", "abbas_elected_president,2005,", "abbas_elected_president,2004,",
         "value", "2004", "a fact given as a year"),
        ("reference_facts", "talks_deadline_day_of_month", "talks_deadline_day_of_month,29,", "talks_deadline_day_of_month,30,",
         "value", "30", "a fact given as a year"),
        # A month from its only report (Reuters, 25 Sep 2013).
        ("meetings", "M025", "M025,2013-09-24,", "M025,2013-10-24,", "date", "2013-10-24", "a meeting dated by a report of the day"),
        ("settlement_announcements", "S08", "S08,2014-01-05,", "S08,2014-05-05,", "date", "2014-05-05",
         "an announcement is dated no later than the report"),
        ("settlement_announcements", "S03", "S03,2013-08-11,day,tender,", "S03,2013-08-11,day,re-issued tender,", "stage",
         "re-issued tender", "a re-issued tender is an announcement re-issued whole"),
        # The account says "January 24", its audit note "Friday 24 January": K91 and K115 turned.
        ("events", "E058", "E058,2014-01-24,", "E058,2014-01-25,", "date", "2014-01-25", "an event dated to the day whose quote"),
        ("prisoner_releases", "3", "3,,2013-12-29,2013-12-31,", "3,,2013-12-29,2013-10-29,", "actual_date", "2013-10-29",
         "a tranche is freed after the tranche before it"),
    ],
)  # fmt: skip
def test_a_row_its_own_or_another_tables_facts_contradict_is_refused_naming_its_line_and_column(
    data_copy: Path, table: str, row: str, old: str, new: str, column: str, value: str, rule: str
) -> None:
    line = edited(data_copy, table, row, old, new)
    assert rule_refusal(data_copy, table, line, column, value, rule) in problems_of(table, data_copy)


def test_a_peace_now_part_that_no_longer_adds_up_is_refused_on_its_totals_line_and_its_parts(data_copy: Path) -> None:
    part = edited(data_copy, "peacenow_totals", "tenders_west_bank", "tenders_west_bank,2248,", "tenders_west_bank,2284,")
    total = line_of(data_copy / "peacenow_totals.csv", "tenders_total")
    problems = problems_of("peacenow_totals", data_copy)
    assert rule_refusal(data_copy, "peacenow_totals", total, "value", "4868", "a total is the sum of its parts") in problems
    assert rule_refusal(data_copy, "peacenow_totals", part, "value", "2284", "a total is the sum of its parts") in problems


def test_a_meeting_copied_with_its_notes_reworded_is_refused_as_a_copy(data_copy: Path) -> None:
    path = data_copy / "meetings.csv"
    original = next(line for line in path.read_text(encoding="utf-8").split("\n") if line.startswith("M002,"))
    assert not original.endswith('"'), original  # its notes, the last field, are not quoted: words added at the end are theirs
    line = appended(data_copy, "meetings", "M900," + original.split(",", 1)[1] + " Seen again.")
    assert rule_refusal(data_copy, "meetings", line, "meeting_id", "M900", "no row repeats an earlier one") in problems_of(
        "meetings", data_copy
    )


def test_a_dataset_address_on_a_branch_not_a_commit_is_refused(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.toml"
    pinned = datasets.manifest_path().read_text(encoding="utf-8")
    commit = "212a2dd29cc6d5f32f3913267cbe198c65a754d4"
    assert commit in pinned
    manifest.write_text(pinned.replace(commit, "main"), encoding="utf-8")
    with pytest.raises(DataError, match=r"manifest\.toml: \[datasets\.btselem_fatalities\] url .*/main/.* names no commit"):
        datasets.manifest(manifest)


def test_a_site_of_an_announcement_itemised_in_full_that_no_longer_adds_up_is_refused(data_copy: Path) -> None:
    """Gilo's 400 of S03 typed as 40: the East Jerusalem map lost 360 units; S03 itemises every site."""
    line = edited(data_copy, "settlement_sites", "S03,Gilo", "S03,Gilo,east_jerusalem,400,", "S03,Gilo,east_jerusalem,40,")
    assert rule_refusal(data_copy, "settlement_sites", line, "units", "40", "an announcement with every site itemised") in problems_of(
        "settlement_sites", data_copy
    )


def test_a_site_of_an_announcement_that_itemises_none_is_refused(data_copy: Path) -> None:
    line = appended(data_copy, "settlement_sites", "S05,Ramat Shlomo,east_jerusalem,1500,no,israelhayom_2013_10_30,")
    assert rule_refusal(data_copy, "settlement_sites", line, "units", "1500", "an announcement with every site itemised") in problems_of(
        "settlement_sites", data_copy
    )


def test_the_same_days_meetings_with_one_leader_are_numbered_in_turn_and_a_second_sitting_is_no_copy(data_copy: Path) -> None:
    """Two meetings of one day, one report ("twice"), differ in no column but their notes: their sittings tell
    them apart, so a copy with reworded notes is refused and a second sitting is not."""
    line = edited(data_copy, "meetings", "M069", ",working meeting,2,", ",working meeting,1,")
    assert rule_refusal(data_copy, "meetings", line, "sitting", "1", "the counted meetings") in problems_of("meetings", data_copy)
    edited(data_copy, "meetings", "M069", ",working meeting,1,", ",working meeting,2,")
    original = next(line for line in (data_copy / "meetings.csv").read_text(encoding="utf-8").split("\n") if line.startswith("M002,"))
    appended(
        data_copy,
        "meetings",
        "M900," + original.split(",", 1)[1].replace(",joint with the President,1,", ",joint with the President,2,") + " Again.",
    )
    assert len(tables.load("meetings", data_copy)) == len(tables.load("meetings")) + 1


def test_an_announcement_itemised_in_full_whose_site_rows_are_gone_is_refused_by_the_check(data_copy: Path) -> None:
    """S01's one site row (69 units in Har Homa) deleted: no site row was left to refuse, and the map lost the units."""
    sites = data_copy / "settlement_sites.csv"
    sites.write_text(
        "\n".join(line for line in sites.read_text(encoding="utf-8").split("\n") if not line.startswith("S01,")), encoding="utf-8"
    )
    line = line_of(data_copy / "settlement_announcements.csv", "S01")
    with pytest.raises(ValidationError, match=rf"line {line}, column 'sites_itemised': value 'all' breaks rule: .* none in east_jerusalem"):
        tables.sites_itemised_agree(data_copy)
    assert tables.sites_itemised_agree() == 11


def test_a_day_the_quote_names_weeks_away_is_another_days_and_not_the_events(data_copy: Path) -> None:
    """E081's quote names the deadline ("with April 29 approaching"), not the day of the meetings."""
    edited(data_copy, "events", "E081", "E081,2014-04-01,month,", "E081,2014-04-02,day,")
    assert len(tables.load("events", data_copy)) == len(tables.load("events"))


@pytest.mark.parametrize(
    ("url", "pinned"),
    [
        ("https://raw.githubusercontent.com/o/r/212a2dd29cc6d5f32f3913267cbe198c65a754d4/data.csv", True),
        ("https://raw.githubusercontent.com/o/r/main/data.csv", False),
        ("https://github.com/o/r/raw/main/data.csv", False),
        ("https://github.com/o/r/blob/212a2dd29cc6d5f32f3913267cbe198c65a754d4/data.csv", True),
        ("https://media.githubusercontent.com/media/o/r/main/data.csv", False),
        ("https://www.btselem.org/statistics", True),
    ],
)
def test_an_address_on_github_is_pinned_only_by_a_commit(url: str, pinned: bool) -> None:
    assert datasets.is_pinned_address(url) is pinned
