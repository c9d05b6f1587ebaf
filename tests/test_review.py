"""`make review` says what changed in words a reviewer can act on: a row by its
id with its old and new values, a glued value, a chart's title or colour by its
path; at terminal width; exit 0 with a summary unless asked to fail. (That
executing a notebook again without a content change writes the very same bytes
is test_rebuild.py's, on the chapters an edited table leaves alone.)"""

import json
from datetime import date
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from analysis.report import theme, vega
from analysis.report.glue import DataTable
from analysis.tools import correction, notebooks, review
from conftest import CHART_ELEMENT_ID


def notebook_with(table: DataTable, glued: dict[str, str]) -> dict:
    """A notebook whose outputs are `glued` numbers and `table` as a chapter displays it."""
    outputs = [
        {"output_type": "display_data", "metadata": {"scrapbook": {"name": name}}, "data": {f"{review.RECORD}text/plain": value}}
        for name, value in glued.items()
    ]
    outputs.append({"output_type": "execute_result", "metadata": {}, "data": {"text/plain": repr(table), "text/html": table._repr_html_()}})
    return {"cells": [{"cell_type": "code", "source": "", "outputs": outputs}]}


def benchmarks(published: int) -> DataTable:
    frame = pd.DataFrame(
        {"benchmark_id": ["B05", "B06"], "population": ["Israelis killed", "Palestinians killed"], "published": [72, published]}
    )
    return DataTable("Data behind the figure: published totals", frame)


def test_a_changed_row_is_named_by_its_id_with_its_old_and_new_value() -> None:
    old = review.outputs(notebook_with(benchmarks(2202), {"gaza_war_killed": "2,202"}))
    new = review.outputs(notebook_with(benchmarks(2203), {"gaza_war_killed": "2,203"}))
    changes = review.compare("collapse", old, new)
    assert [(change.name, change.row, change.field, change.old, change.new) for change in changes] == [
        ("gaza_war_killed", "", "", "2,202", "2,203"),
        ("table: Data behind the figure: published totals", "row B06", "published", "2,202", "2,203"),
    ]


def test_rows_without_an_id_column_are_named_by_the_labels_that_tell_them_apart() -> None:
    def rows(killed: int) -> list[dict[str, object]]:
        return [
            {"month": "2014-07-01", "side": "Palestinians killed", "region": "Gaza", "killed": killed},
            {"month": "2014-07-01", "side": "Palestinians killed", "region": "West Bank", "killed": 15},
            {"month": "2014-07-01", "side": "Israelis killed", "region": "Gaza", "killed": 38},
            {"month": "2014-06-01", "side": "Palestinians killed", "region": "Gaza", "killed": 5},
        ]

    assert list(review.row_changes(rows(1601), rows(1602))) == [("row 2014-07-01 / Palestinians killed / Gaza", "killed", "1601", "1602")]


def test_a_label_that_spells_out_the_changed_value_does_not_name_the_row() -> None:
    def rows(killed: int) -> list[dict[str, object]]:
        return [
            {"side": "Palestinians killed", "killed": killed, "value_label": f"{killed:,} published"},
            {"side": "Israelis killed", "killed": 72, "value_label": "72 published"},
        ]

    assert list(review.row_changes(rows(2202), rows(2203))) == [
        ("row Palestinians killed", "killed", "2202", "2203"),
        ("row Palestinians killed", "value_label", "2,202 published", "2,203 published"),
    ]


def test_a_row_whose_only_name_spells_out_the_changed_value_is_reported_as_changed_not_removed_and_added() -> None:
    """The benchmarks chart's reference lines name each row only by its label, "2,200 in the records of 2,202":
    after a one-value edit each was reported removed and another added, with every field of both."""

    def rows(published: int, other: str = "Israelis killed: 67 in the records of 72") -> list[dict[str, object]]:
        return [{"row": f"Palestinians killed: 2,200 in the records of {published:,}", "share": 1.0}, {"row": other, "share": 1.0}]

    assert list(review.row_changes(rows(2202), rows(2203))) == [
        (
            "row Palestinians killed: 2,200 in the records of 2,202",
            "row",
            *(f"Palestinians killed: 2,200 in the records of {n:,}" for n in (2202, 2203)),
        )
    ]
    # A row that reads otherwise but for its numbers is another row: removed and added, as before.
    changes = list(review.row_changes(rows(2202), rows(2202, other="Jordanians killed: 1 in the records of 1")))
    assert [change[3] for change in changes] == ["(removed)", "share=1.0"] and changes[1][2] == review.ABSENT


def spec(title: str, colour: str, killed: int) -> dict:
    chart = alt.Chart(pd.DataFrame({"side": ["Palestinians", "Israelis"], "killed": [killed, 3]}), title=title)
    return chart.mark_bar().encode(x="killed:Q", y="side:N", color=alt.value(colour)).to_dict()


def test_a_changed_chart_is_described_by_what_changed_not_by_its_renamed_dataset() -> None:
    changes = list(review.spec_changes(spec("Deaths", "#E69F00", 2202), spec("People killed", "#D55E00", 2203)))
    assert ("row Palestinians", "killed", "2202", "2203") in changes
    assert ("", "title title", "Deaths", "People killed") in changes
    assert ("", "colour encoding.color.value", "#E69F00", "#D55E00") in changes
    assert len(changes) == 3, changes


def test_a_views_name_renamed_with_its_data_is_no_change() -> None:
    """A view named from a digest of its spec (`view_<digest>_0`) is renamed when a row changes: the review
    reports the row, not the name and each reference to it."""

    def named(killed: int, view: str) -> dict:
        drawn = spec("Deaths", "#E69F00", killed)
        drawn["name"] = view
        drawn["params"] = [{"name": "pick", "select": "point", "views": [view]}]
        return drawn

    changes = list(review.spec_changes(named(2202, "view_1e33d134ba967655_0"), named(2203, "view_93c16470df7c3745_0")))
    assert changes == [("row Palestinians", "killed", "2202", "2203")], changes


def test_a_scales_range_is_described_by_its_channel() -> None:
    def sized(areas: list[float], colours: list[str]) -> dict:
        chart = alt.Chart(pd.DataFrame({"place": ["a", "b"], "people": [100, 5000]})).mark_circle()
        return chart.encode(
            size=alt.Size("people:Q", scale=alt.Scale(range=areas)), color=alt.Color("place:N", scale=alt.Scale(range=colours))
        ).to_dict()

    changes = list(review.spec_changes(sized([4, 320], ["#111111", "#222222"]), sized([9, 320], ["#111111", "#333333"])))
    assert ("", "size encoding.size.scale.range[0]", "4", "9") in changes
    assert ("", "colour encoding.color.scale.range[1]", "#222222", "#333333") in changes
    assert len(changes) == 2, changes


def test_the_report_fits_the_terminal_and_the_review_exits_0_unless_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stored = tmp_path / "collapse.ipynb"
    long_label = "Palestinians killed by Israeli forces in the 2014 Gaza war (Gaza, and Gazans killed in Israel) " * 3
    stored.write_text(json.dumps(notebook_with(benchmarks(2202), {"gaza_war_killed": "2,202", "pe_label": "x"})), encoding="utf-8")
    executed = notebook_with(benchmarks(2203), {"gaza_war_killed": "2,203", "pe_label": long_label})
    monkeypatch.setattr(review, "fresh", lambda paths, scratch: dict.fromkeys(paths, executed))
    monkeypatch.setenv("COLUMNS", "80")

    assert review.main([str(stored)]) == 0
    printed = capsys.readouterr().out
    assert max(len(line) for line in printed.splitlines()) <= 80, printed
    assert "row B06  published: 2,202 -> 2,203" in printed
    assert "Reviewed 1 of 1 chapter(s): 3 change(s) in 1 (collapse)." in printed
    assert review.main(["--strict", str(stored)]) == 1


def test_a_chart_element_id_is_derived_from_its_specification() -> None:
    assert vega.element_id({"title": "Deaths"}) == vega.element_id({"title": "Deaths"})
    assert vega.element_id({"title": "Deaths"}) != vega.element_id({"title": "People killed"})
    assert CHART_ELEMENT_ID.fullmatch(vega.element_id({"title": "Deaths"}))


def test_the_same_chart_drawn_twice_gets_two_elements() -> None:
    theme.use()
    chart = alt.Chart(pd.DataFrame({"killed": [1]}), title="drawn twice").mark_bar().encode(x="killed:Q")
    first, second = (CHART_ELEMENT_ID.findall(chart._repr_mimebundle_()["text/html"])[0] for _ in range(2))
    assert first != second, "two charts with one element id: the second would draw into the first"


def test_no_two_charts_in_the_book_share_an_element_id() -> None:
    """The PDF edition renders every chapter in one page, so ids must be unique across the book."""
    seen: dict[str, str] = {}
    for path in notebooks.chapter_notebooks():
        for element in set(CHART_ELEMENT_ID.findall(path.read_text(encoding="utf-8"))):
            assert element not in seen, f"{element} is drawn by both {seen[element]} and {path.stem}"
            seen[element] = path.stem


def test_a_long_changed_line_is_shown_from_a_little_before_its_first_difference() -> None:
    start = "K41 [inconsistent] Year of Pollard's life sentence in 2014: the evidence shows "
    old, new = start + "the 29th year of the sentence", start + "the 28th year of the sentence"
    was, now = review._from_the_difference(old, new, 40)
    assert "29th" in was and "28th" in now and was.startswith("…") and len(was) <= 40
    assert review._from_the_difference("2,202", "2,203", 40) == ("2,202", "2,203")


def test_a_changed_line_of_a_displayed_text_is_named_by_its_entry() -> None:
    """The ledger displays one text of many entries: a changed line is named by its entry's heading, not the text's first."""
    entries = ["K01 [consistent] reset / diplomacy: Length of Obama's trip", "  evidence: 3 days"]
    entries += ["K89 [consistent] resumption / timing: Interval", "  evidence: 3 days", "  method: From reference_facts.csv"]
    old = {"text: K00 title": "\n".join(entries)}
    new = {"text: K00 title": "\n".join([*entries[:-1], "  method: From reference_facts.csv: the 8 Nov meeting"])}
    (change,) = review.compare("claims_ledger", old, new)
    assert change.row == "K89 [consistent] resumption / timing: Interval" and change.field == "line 5"
    assert "K89 [consistent]" in review.report([change], 100)
    (row,) = review.compare("collapse", {"text: a table": "B05  72\nB06  2202"}, {"text: a table": "B05  72\nB06  2203"})
    assert row.row == "" and row.field == "line 2"  # a printout of rows has no entries to name


def test_a_text_of_entries_is_named_as_such_not_by_its_first_entry() -> None:
    """`make review` listed a change to K44 under "text: K01 ... Obama's March 2013 trip": the ledger's text
    was named by its first line, the first entry's heading."""
    entries = "\n".join(["K01 [consistent] reset / diplomacy: Length of Obama's trip", "  evidence: 3 days"])
    entries += "\n" + "\n".join(["K44 [consistent] collapse: Gilo", "  evidence: 708"])
    notebook = {"cells": [{"outputs": [{"output_type": "stream", "data": {"text/plain": entries}}]}]}
    assert list(review.outputs(notebook)) == ["text: entries"]
    moved = {"cells": [{"outputs": [{"output_type": "stream", "data": {"text/plain": entries.replace("708", "709")}}]}]}
    (change,) = review.compare("claims_ledger", review.outputs(notebook), review.outputs(moved))
    assert change.name == "text: entries" and change.row.startswith("K44") and change.field == "line 4"


def test_a_table_pandas_displays_is_compared_row_by_row_under_the_line_that_shows_it() -> None:
    """An evidence cell's intermediate table was compared as its printout, named by its header line, and a
    changed flag read "text: month records flag / (absent) -> 0 2013-03-01 2 lower bound: t…"."""

    def shown(flag: str) -> dict:
        frame = pd.DataFrame({"month": ["2013-05", "2013-06"], "flag": ["", flag]})
        data = {"text/plain": repr(frame), "text/html": frame.to_html(classes="dataframe")}
        return {"cells": [{"source": "flags = quality(records)\nflags", "outputs": [{"data": data}]}]}

    old, new = review.outputs(shown("no records")), review.outputs(shown("no records at all"))
    assert "table: flags" in new and not any(name.startswith("text: ") for name in new)
    changes = [change for change in review.compare("intro", old, new) if change.name == "table: flags"]
    assert [(change.row, change.field, change.old, change.new) for change in changes] == [
        ("row 2013-06", "flag", "no records", "no records at all")
    ]


def test_a_change_of_markup_alone_is_reported_by_its_entry_and_a_change_of_words_once() -> None:
    """The ledger newly marked K133's "June": its text (what `make review` compared) was the same, so the
    review printed nothing for a change every reader sees. A change of words is the text's to report."""

    def ledger(passage: str, verdict: str = "inconsistent") -> dict:
        rows = f'<tr id="K01"><td>Two days</td></tr><tr id="K133"><td>{passage}</td><td>{verdict}</td></tr>'
        data = {"text/plain": f"K133 [{verdict}]", "text/html": f"<table>{rows}</table>"}
        return {"cells": [{"source": "ledger", "outputs": [{"data": data}]}]}

    old = review.outputs(ledger("first raised in June"))
    (change,) = review.compare("claims_ledger", old, review.outputs(ledger("first raised in <mark>June</mark>")))
    assert (change.name, change.row, change.field) == ("html: cell 0", "K133", "markup") and "<mark>June</mark>" in change.new
    worded = review.compare("claims_ledger", old, review.outputs(ledger("first raised in June", "consistent")))
    assert worded and not [change for change in worded if change.name.startswith("html: ")]


def test_after_make_book_the_review_still_tells_what_the_change_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An analyst changed S04's units, ran `make book` (which re-executed and stored the chapters) and then
    `make review`: compared with the stored outputs, now the fresh ones, it printed "no glued value, table or
    figure changed". It compares with what is committed at HEAD."""
    import subprocess

    chapter = tmp_path / "collapse.ipynb"
    chapter.write_text(json.dumps(notebook_with(benchmarks(2202), {"gaza_war_killed": "2,202"})), encoding="utf-8")
    for command in (["init", "-q"], ["add", "collapse.ipynb"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "c"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True)
    executed = notebook_with(benchmarks(2203), {"gaza_war_killed": "2,203"})
    chapter.write_text(json.dumps(executed), encoding="utf-8")  # what `make book` stores
    monkeypatch.setattr(review, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(review, "fresh", lambda paths, scratch: dict.fromkeys(paths, executed))

    assert review.main([str(chapter)]) == 0
    printed = capsys.readouterr().out
    assert "Compared with the outputs committed at HEAD." in printed
    assert "gaza_war_killed" in printed and "Reviewed 1 of 1 chapter(s): 2 change(s) in 1 (collapse)." in printed


def test_a_mark_beside_punctuation_is_a_change_of_markup_on_one_line() -> None:
    """With each tag read as a space, "in <mark>June</mark>, he" had other words than "in June, he": the
    change was neither markup nor text, and nothing was reported. A markup change over several lines of a
    table's HTML printed over several lines and drafted a bogus correction from its first."""
    old = '<table><tr id="K133"><td>in June, he\n said</td></tr></table>'
    new = '<table><tr id="K133"><td>in <mark>June</mark>, he\n said</td></tr></table>'
    (change,) = review.markup_changes(old, new)
    assert change[:2] == ("K133", "markup") and "\n" not in change[2] + change[3]


def test_two_cells_showing_tables_by_the_same_line_are_both_compared() -> None:
    """Three chapters show two evidence tables by the same last line: the second was written over the first, so
    a change in the first was never reported. A pivot's two header rows are one row of column names."""

    def cells(first: int) -> dict:
        frames = [pd.DataFrame({"month": ["2013-05"], "count": [value]}) for value in (first, 7)]
        outputs = [[{"data": {"text/plain": repr(frame), "text/html": frame.to_html()}}] for frame in frames]
        return {"cells": [{"source": "table.pivot()", "outputs": output} for output in outputs]}

    changes = review.compare("reset", review.outputs(cells(1)), review.outputs(cells(2)))
    assert [(change.name, change.field, change.old, change.new) for change in changes] == [("table: table.pivot()", "count", "1", "2")]
    pivot = pd.DataFrame({"month": ["2013-05"], "counterpart": ["Abbas"], "days": [3]}).pivot(
        index="month", columns="counterpart", values="days"
    )
    parser = review._TableParser(untitled="pivot")
    parser.feed(pivot.to_html())
    assert dict(parser.shown)["pivot"].columns == ("month", "Abbas")


def test_a_hyphen_become_a_minus_sign_drafts_no_correction() -> None:
    report = review.report([review.Change("collapse", "table: totals", "row B12", "gap", "-80", "\u221280")], 120)
    assert correction.drafts(report, ["C001"], date(2026, 12, 6)) == []


def test_an_addition_drafts_no_correction() -> None:
    """A new glued number, or a new figure, is content the book did not have: the drafter had drafted a
    correction for each, among three real ones (an analyst's finding)."""
    added = review.Change("resumption", "israelis_killed_reported_months", "", "", review.ABSENT, "September–October 2013")
    changed = review.Change("intro", "gaza_war_killed", "", "", "2,202", "2,203")
    drafted = correction.drafts(review.report([added, changed], 120), ["C001"], date(2026, 12, 7))
    assert [row["before"] for row in drafted] == ["intro: gaza_war_killed 2,202"], drafted


def test_each_table_a_cell_shows_is_titled_by_the_expression_that_shows_it() -> None:
    """The collapse chapter's first evidence cell displays the phase's events, then shows the Gilo tender: both
    were titled by the cell's last line, so a changed event was listed under the Gilo tender's line."""
    events, tender = pd.DataFrame({"event_id": ["E082"], "summary": ["handed to the UN"]}), pd.DataFrame({"units": [708]})
    outputs = [
        {"output_type": "display_data", "data": {"text/plain": repr(events), "text/html": events.to_html()}},
        {"output_type": "execute_result", "data": {"text/plain": repr(tender), "text/html": tender.to_html()}},
    ]
    cell = {"source": 'display(phase_events[["event_id", "summary"]])\ntender = load()\ntender', "outputs": outputs}
    found = review.outputs({"cells": [cell]})
    assert {'table: phase_events[["event_id", "summary"]]', "table: tender"} <= set(found)
    assert {"html: cell 0", "html: cell 0 output 2"} <= set(found)


def test_a_change_of_spacing_between_words_is_no_change_of_markup() -> None:
    """With all spacing taken out, "24 votes" and "2 4votes" read as one text, and the change was reported as
    markup, which the correction drafter leaves out."""
    assert not list(review.markup_changes('<p id="K1">24 votes</p>', '<p id="K1">2 4votes</p>'))
    assert list(review.markup_changes('<p id="K1">in June, he</p>', '<p id="K1">in <mark>June</mark>, he</p>'))


def test_a_title_is_numbered_only_when_the_same_title_was_shown_before() -> None:
    """A table shown by "flags" after one shown by "flags (by month)" was named "flags (2)"."""

    def cell(line: str) -> dict:
        frame = pd.DataFrame({"month": ["2013-05"], "flag": ["none"]})
        return {"source": line, "outputs": [{"output_type": "execute_result", "data": {"text/html": frame.to_html()}}]}

    found = review.outputs({"cells": [cell("flags (by month)"), cell("flags"), cell("flags")]})
    assert {"table: flags (by month)", "table: flags", "table: flags (2)"} <= set(found)


def test_a_title_the_parser_numbered_is_not_written_over() -> None:
    """One output showing two tables titled X ("X", "X (2)"), then a cell showing X: the second table was lost."""
    frame = pd.DataFrame({"a": [1]})
    two = f"<details><summary>X</summary>{frame.to_html(classes='data-table')}</details>" * 2
    cells = [
        {"source": "", "outputs": [{"output_type": "display_data", "data": {"text/html": two}}]},
        {"source": "", "outputs": [{"output_type": "display_data", "data": {"text/html": two.split("</details>")[0] + "</details>"}}]},
    ]
    tables = [name for name in review.outputs({"cells": cells}) if name.startswith("table: ")]
    assert sorted(tables) == ["table: X", "table: X (2)", "table: X (3)"]
