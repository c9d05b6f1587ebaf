"""Hostile data, round ten (7 December 2026), from a red team's trials against the input gate: a source's
address that opens another host under the outlet's name, a second row posing as the account, an address
that is no web address, a table committed as a link to a file elsewhere, and a correction backdated out of
the log's order. Each is refused by `python -m analysis.data check`, naming the file, line and column."""

import csv
import os
from pathlib import Path

import pytest

from analysis.data import datasets, tables
from analysis.errors import DataError
from analysis.paths import REPO_ROOT
from conftest import edited, line_of, problems_of, refusal, replace_in_line, rule_refusal


def a_source_row(directory: Path) -> str:
    """The id of the second row of sources.csv (the first is the account)."""
    return (directory / "sources.csv").read_text(encoding="utf-8").split("\n")[2].split(",")[0]


def test_an_address_with_a_user_before_the_host_is_refused(data_copy: Path) -> None:
    """ "https://outlet.example@elsewhere.example/" opens elsewhere.example: the ledger's link labelled with the
    outlet's name would have taken a reader there."""
    row = a_source_row(data_copy)
    line = line_of(data_copy / "sources.csv", row)
    text = (data_copy / "sources.csv").read_text(encoding="utf-8").split("\n")[line - 1]
    address = next(field for field in text.split(",") if field.startswith("http"))
    hijacked = address.replace("://", "://www.peacenow.org.il@evil.example/", 1)
    edited(data_copy, "sources", row, address, hijacked)
    assert rule_refusal(data_copy, "sources", line, "url", hijacked, "an address names its host alone") in problems_of("sources", data_copy)


def test_a_second_row_posing_as_the_account_is_refused(data_copy: Path) -> None:
    row = a_source_row(data_copy)
    line = line_of(data_copy / "sources.csv", row)
    text = (data_copy / "sources.csv").read_text(encoding="utf-8").split("\n")[line - 1]
    kind = text.rsplit(",", 2)[1]
    edited(data_copy, "sources", row, f",{kind},", ",seed,")
    message = problems_of("sources", data_copy)
    assert rule_refusal(data_copy, "sources", line, "kind", "seed", "one row, and one only, is the account") in message
    assert rule_refusal(data_copy, "sources", 2, "kind", "seed", "one row, and one only, is the account") in message


def test_the_account_made_another_kind_is_refused(data_copy: Path) -> None:
    """With no row of kind seed, the ledger listed the account as evidence for its own claims."""
    edited(data_copy, "sources", "tnr2014", ",seed,", ",news,")
    message = problems_of("sources", data_copy)
    assert rule_refusal(data_copy, "sources", 2, "kind", "news", "one row, and one only, is the account") in message
    assert message.count("is the account") == 1


def test_an_address_no_parser_reads_is_refused_not_a_crash(data_copy: Path) -> None:
    line = edited(data_copy, "sources", "toi_2014_04_01_second_powwow", "https://www.timesofisrael.com/", "https://[x/")
    assert f"sources.csv, line {line}, column 'url'" in problems_of("sources", data_copy)


def test_an_address_that_is_no_web_address_is_refused(data_copy: Path) -> None:
    """The pattern allowed "seed: …" addresses, which no row has and whose rows the ledger left without a link."""
    row = a_source_row(data_copy)
    line = line_of(data_copy / "sources.csv", row)
    text = (data_copy / "sources.csv").read_text(encoding="utf-8").split("\n")[line - 1]
    address = next(field for field in text.split(",") if field.startswith("http"))
    edited(data_copy, "sources", row, address, "seed: elsewhere")
    assert "column 'url': value 'seed: elsewhere' breaks rule" in problems_of("sources", data_copy)


def test_a_table_committed_as_a_link_is_refused_without_reading_what_it_points_to(data_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("a line that is not the project's\n", encoding="utf-8")
    table = data_copy / "knesset_2013.csv"
    table.unlink()
    os.symlink(outside, table)
    message = problems_of("knesset_2013", data_copy)
    assert f"value 'a link to {outside}' breaks rule: a table is a file of its own, not a symbolic link" in message
    assert "not the project's" not in message


@pytest.mark.parametrize("date", ["2014-08-01", "2026-12-01"])
def test_a_correction_dated_before_the_one_above_it_is_refused(data_copy: Path, date: str) -> None:
    path = data_copy / "corrections.csv"
    last = path.read_text(encoding="utf-8").rstrip("\n").split("\n")[-1]
    row, dated = last.split(",")[:2]
    line = edited(data_copy, "corrections", row, f"{row},{dated},", f"{row},{date},")
    assert rule_refusal(data_copy, "corrections", line, "date", date, "a correction is dated no earlier") in problems_of(
        "corrections", data_copy
    )


@pytest.mark.parametrize("tracker", ["fbclid=IwAR0x", "gclid=Cj0KCQ", "mc_cid=5f1a"])
def test_an_address_with_a_click_identifier_is_refused(data_copy: Path, tracker: str) -> None:
    line = edited(data_copy, "sources", "toi_2014_04_01_second_powwow", "second-time/,", f"second-time/?{tracker},")
    message = problems_of("sources", data_copy)
    assert f"sources.csv, line {line}, column 'url'" in message and "breaks rule: an address carries no tracking parameters" in message


def test_a_title_too_long_to_print_is_refused(data_copy: Path) -> None:
    line = edited(data_copy, "sources", "toi_2014_04_01_second_powwow", ',"No word', f',"{"A title " * 40}No word')
    assert f"sources.csv, line {line}, column 'title'" in problems_of("sources", data_copy)


def test_two_sources_at_one_address_are_refused(data_copy: Path) -> None:
    """Two rows for one page: the bibliography listed it twice, under two titles."""
    path = data_copy / "sources.csv"
    rows = path.read_text(encoding="utf-8").split("\n")
    first, second = rows[2], rows[3]
    address = next(field for field in first.split(",") if field.startswith("http"))
    other = next(field for field in second.split(",") if field.startswith("http"))
    line = edited(data_copy, "sources", second.split(",")[0], other, address)
    message = problems_of("sources", data_copy)
    assert f"sources.csv, line {line}, column 'url'" in message and address in message


def test_a_table_saved_with_windows_line_ends_is_refused_at_its_first(data_copy: Path) -> None:
    """A whole file in CRLF, or one row (an editor's paste): every value the same, every line's bytes not, so
    the chapters reading it went stale with no word of why (a red team's finding)."""
    path = data_copy / "house_terms.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert refusal(data_copy, "house_terms", 1, None, "\\r", tables.CARRIAGE_RETURN_RULE) in problems_of("house_terms", data_copy)
    events = data_copy / "events.csv"
    lines = events.read_bytes().split(b"\n")
    lines[50] += b"\r"
    events.write_bytes(b"\n".join(lines))
    assert refusal(data_copy, "events", 51, None, "\\r", tables.CARRIAGE_RETURN_RULE) in problems_of("events", data_copy)


def test_the_repository_checks_its_tables_out_with_line_feeds_on_every_system() -> None:
    attributes = (REPO_ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert {"*.csv text eol=lf", "*.geojson text eol=lf", "*.ipynb text eol=lf", "*.md text eol=lf"} <= set(attributes)


def undated(directory: Path, source: str) -> None:
    """`source`'s date in sources.csv made n.d. (undated)."""
    path = directory / "sources.csv"
    line = line_of(path, source)
    fields = next(csv.reader([path.read_text(encoding="utf-8").split("\n")[line - 1]]))
    replace_in_line(path, line, f",{fields[3]},", ",n.d.,")


def test_an_announcement_whose_report_is_made_undated_is_refused(data_copy: Path) -> None:
    """Moved after its report and its report made n.d., S01 passed every rule: an undated report was not compared
    (a red team's finding). An announcement's report is dated to its day or month."""
    path = data_copy / "settlement_announcements.csv"
    row = next(csv.DictReader(path.open(encoding="utf-8")))
    undated(data_copy, row["source_id"])
    rule = "an announcement's report is dated to its day or month"
    expected = rule_refusal(data_copy, "settlement_announcements", 2, "source_id", row["source_id"], rule)
    assert expected in problems_of("settlement_announcements", data_copy)


def test_a_meeting_dated_by_a_report_whose_reports_are_all_undated_is_refused(data_copy: Path) -> None:
    """A meeting dated by a report of its day whose every source is undated was not compared, and could be moved
    by a month (a red team's finding)."""
    path = data_copy / "meetings.csv"
    meeting = next(
        row
        for row in csv.DictReader(path.open(encoding="utf-8"))
        if row["dated_by"] == "a report of the day"
        and {row["source_ids"]} >= set(filter(None, row["audit_source_ids"].split(";")))
        and ";" not in row["source_ids"]
    )
    undated(data_copy, meeting["source_ids"])
    rule = "a meeting dated by a report of the day has a source"
    expected = rule_refusal(data_copy, "meetings", line_of(path, meeting["meeting_id"]), "date", meeting["date"], rule)
    assert expected in problems_of("meetings", data_copy)


def test_a_dataset_address_re_pointed_to_another_repository_is_refused(data_copy: Path) -> None:
    """The sha256 keeps a dataset's bytes, not its citation: re-pointed to another owner's copy, the Office of
    the Historian's record was cited as theirs in four chapters (a red team's finding). The address is the one
    the mirror's README gives the file."""
    manifest = data_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    original = datasets.manifest(manifest)["hsg_kerry_travels"].url
    re_pointed = original.replace("/HistoryAtState/", "/attacker/")
    manifest.write_text(text.replace(original, re_pointed), encoding="utf-8")
    with pytest.raises(DataError) as refused:
        datasets.manifest(manifest)
    assert f"[datasets.hsg_kerry_travels] url {re_pointed!r} {datasets.MIRRORED_ADDRESS_RULE}" in str(refused.value)


def test_the_mirrors_addresses_are_read_row_by_row_with_same_repo_and_commit_carried_down(tmp_path: Path) -> None:
    commit = "3170c773f22c99dadc8ec93da070f8ff6259d6d8"
    readme = tmp_path / "README.md"
    readme.write_text(
        "| file here | sha256 | bytes | source | licence | what |\n|---|---|---|---|---|---|\n"
        f"| hsg/a.xml | {'a' * 64} | 10 | HistoryAtState/travels @ {commit}, `secretary-travels/a.xml` | CC0 | a |\n"
        f"| geo/b c.csv | {'b' * 64} | 20 | same repo @ same commit, `Occupation Crimes (8).csv` | - | b |\n",
        encoding="utf-8",
    )
    assert datasets.mirrored_addresses(readme) == {
        "hsg/a.xml": f"https://raw.githubusercontent.com/HistoryAtState/travels/{commit}/secretary-travels/a.xml",
        "geo/b c.csv": f"https://raw.githubusercontent.com/HistoryAtState/travels/{commit}/Occupation%20Crimes%20(8).csv",
    }
    assert datasets.mirrored_addresses(tmp_path / "none.md") == {}


def test_a_reported_meeting_demoted_to_unconfirmed_is_refused(data_copy: Path) -> None:
    """M061 (Davos) demoted to unconfirmed, its report still listed and its note still telling the meeting:
    the headline ratio moved from 1.04 to 1.00 and the gate said nothing (a red team's finding)."""
    path = data_copy / "meetings.csv"
    rows = csv.DictReader(path.open(encoding="utf-8"))
    meeting = next(row for row in rows if row["origin"] == "news report" and row["audit_status"] == "added")
    line = line_of(path, meeting["meeting_id"])
    replace_in_line(path, line, ",yes,", ",not established,")
    replace_in_line(path, line, ",added,", ",unconfirmed,")
    rule = "a meeting from a news report is never unconfirmed"
    assert rule_refusal(data_copy, "meetings", line, "audit_status", "unconfirmed", rule) in problems_of("meetings", data_copy)
