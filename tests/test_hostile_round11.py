"""Hostile data, round eleven: what a red team found the gate let through (7 December 2026, late morning), each
now refused naming its file, line and column. A cancelled tranche marked released and dated had the book count 104
prisoners freed; a counted announcement of no units, or one dated to its month alone, moved the sentence on the
announcements around the releases (or stopped the pages with no line to look at)."""

from pathlib import Path

import pytest

from analysis.data import tables
from analysis.errors import DataError, ValidationError
from conftest import appended, edited, line_of, problems_of, refusal, replace_in_line, rule_refusal


def test_a_tranche_marked_released_without_its_release_event_is_refused_by_the_check(data_copy: Path) -> None:
    path = data_copy / "prisoner_releases.csv"
    line = line_of(path, "4")
    replace_in_line(path, line, "4,,2014-03-29,,26,", "4,,2014-03-29,2014-03-29,26,")
    replace_in_line(path, line, ",cancelled,", ",released,")
    with pytest.raises(ValidationError) as refused:
        tables.releases_have_events(data_copy)
    rule = f"{tables.RELEASE_EVENT_RULE} (2014-03-29)"
    assert refusal(data_copy, "prisoner_releases", line, "status", "released", rule) in str(refused.value)
    assert tables.releases_have_events() == 3  # the real tables: three tranches freed, each on its event


def test_a_counted_announcement_of_no_units_is_refused(data_copy: Path) -> None:
    line = edited(data_copy, "settlement_announcements", "S15", ",832,832,0,", ",0,0,0,")
    assert rule_refusal(
        data_copy, "settlement_announcements", line, "units_total", "0", "a counted announcement announces at least one unit"
    ) in problems_of("settlement_announcements", data_copy)


def test_a_counted_announcement_dated_to_its_month_alone_is_refused_at_the_gate(data_copy: Path) -> None:
    line = edited(data_copy, "settlement_announcements", "S06", ",2013-11-03,day,", ",2013-11-01,month,")
    assert rule_refusal(
        data_copy, "settlement_announcements", line, "date_precision", "month", "a counted announcement is dated to its day"
    ) in problems_of("settlement_announcements", data_copy)


@pytest.mark.parametrize(("old", "new"), [(",1889,", ",1890,"), (",tender,", ",plan,")], ids=["a unit more", "another stage"])
def test_a_near_copy_of_an_announcement_is_refused(data_copy: Path, old: str, new: str) -> None:
    """S06 copied as S16 with a unit more, or as a plan, passed the identity rule and was counted twice."""
    path = data_copy / "settlement_announcements.csv"
    copied = path.read_text(encoding="utf-8").split("\n")[line_of(path, "S06") - 1].replace("S06,", "S16,", 1).replace(old, new, 1)
    line = appended(data_copy, "settlement_announcements", copied)
    assert rule_refusal(
        data_copy,
        "settlement_announcements",
        line,
        "announcement_id",
        "S16",
        "no row repeats an earlier announcement's day, body and report",
    ) in problems_of("settlement_announcements", data_copy)


def test_a_tranche_redated_off_its_event_is_refused_at_its_own_line_too(data_copy: Path) -> None:
    """Moving tranche 1's day was refused only at events.csv's line: "mending" the event to match would have made the
    wrong day consistent. The tranche's own line is named now."""
    path = data_copy / "prisoner_releases.csv"
    line = line_of(path, "1")
    replace_in_line(path, line, ",2013-08-13,2013-08-14,", ",2013-08-13,2013-08-15,")
    with pytest.raises((ValidationError, DataError)) as refused:
        tables.releases_have_events(data_copy)
    assert refusal(data_copy, "prisoner_releases", line, "status", "released", f"{tables.RELEASE_EVENT_RULE} (2013-08-15)") in str(
        refused.value
    )
