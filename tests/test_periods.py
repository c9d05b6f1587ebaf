"""Every period comes from data: no date typed in the package or the chapters'
code, and moving a boundary in a copy of the data moves every chapter's counts."""

import importlib
import inspect
import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from analysis.data import periods
from analysis.evidence import claims
from analysis.evidence.windows import Span, days_covered
from analysis.pages import common, intro
from analysis.paths import DATA_DIR_ENV, REPO_ROOT
from analysis.report import maps
from analysis.report.glue import Section, Tables
from analysis.tools import review
from conftest import line_of, phase_bounds, replace_in_line, shifted

# A date written as a string: "2013-07-20", "2013-7", "2013/07/20", "2013-07-20T00:00", "20130720".
DATE_LITERAL = re.compile(r"""["'](19|20)\d\d(?:[-/]\d{1,2}(?:[-/]\d{1,2})?(?:T[\d:]*)?|[01]\d[0-3]\d)["']""")
# A date built by a constructor rather than written as a string: pd.Timestamp(2013, 7, 20), date(2014, 4, 29),
# pd.Timestamp(month=7, day=20, year=2013).
DATE_CONSTRUCTOR = re.compile(r"\b(?:Timestamp|datetime|date|Period)\((?:\s*(?:19|20)\d\d\s*,|[^)]*\byear\s*=\s*(?:19|20)\d\d)")
MONTH_YEAR = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December) (19|20)\d\d\b")
# A day written month first, as a parser reads it: "Jul 20 2013", "July 20, 2013" (the book's own "20 Jul 2013"
# is how docstrings show what a function writes).
MONTH_DAY_YEAR = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? (?:19|20)\d\d\b")
TYPED_DATE_RULES = (DATE_LITERAL, DATE_CONSTRUCTOR, MONTH_YEAR, MONTH_DAY_YEAR)


def code_cells() -> dict[str, str]:
    cells = {}
    for path in sorted((REPO_ROOT / "chapters").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        code = [cell["source"] for cell in notebook["cells"] if cell["cell_type"] == "code"]
        cells[path.name] = "\n".join("".join(source) for source in code)
    return cells


def test_no_period_date_in_chapter_code() -> None:
    for name, code in code_cells().items():
        assert not any(rule.search(code) for rule in TYPED_DATE_RULES), name


def test_at_most_five_date_literals_in_the_package() -> None:
    found = [
        f"{path.relative_to(REPO_ROOT)}:{number}"
        for path in (REPO_ROOT / "src").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if any(rule.search(line) for rule in TYPED_DATE_RULES)
    ]
    assert len(found) <= 5, found


@pytest.mark.parametrize(
    ("line", "typed"),
    [
        ("start = pd.Timestamp(2013, 7, 20)", True),
        ("end = datetime(year=2014, month=4, day=29)", True),
        ("when = date(2014, 4, 29)", True),
        ('day = "2013-07-20"', True),
        ("start = pd.Timestamp(month=7, day=20, year=2013)", True),
        ('day = "2013/07/20"', True),
        ('day = "2013-7-20"', True),
        ("day = '2013-07-20T00:00'", True),
        ('day = pd.Timestamp("Jul 20 2013")', True),
        ('day = "July 20, 2013"', True),
        ('day = pd.to_datetime("20130720")', True),
        ("month = 'July 2013'", True),
        ('format = "%Y-%m-%dT00:00:00"', False),
        ("years = range(2013, 2015)", False),
        ("start = periods.window('reset').start", False),
        ("pd.Timestamp(row['date'])", False),
    ],
)
def test_the_literal_rules_catch_typed_dates_in_every_form(line: str, typed: bool) -> None:
    assert any(rule.search(line) for rule in TYPED_DATE_RULES) is typed


def test_every_window_is_a_named_period_of_the_data() -> None:
    table = periods.periods()
    assert table["period"].is_unique
    assert {"reset", "resumption", "framework", "collapse", "aftermath", "talks", "account", "gaza_war"} <= set(table["period"])


PHASES_MOVED = ("reset", "resumption", "framework", "collapse")


@pytest.fixture
def phases_moved_a_month(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ in which each boundary between two phases of the talks is a month earlier, so that each
    phase's months, as the headings write them, and the events within it change."""
    phases = data_copy / "phases.csv"
    bounds = phase_bounds(phases)
    # Each later phase starts a month earlier and the one before it ends the day before (a month's end moved
    # a month back, 30 and 31 March both to 28 February, had two phases overlap).
    starts = {phase: shifted(bounds[phase][0], months=-1) for phase in PHASES_MOVED[1:]}
    ends = {before: shifted(starts[after], days=-1) for before, after in itertools.pairwise(PHASES_MOVED)}
    for phase in PHASES_MOVED:
        start, end = bounds[phase]
        line = line_of(phases, phase)
        replace_in_line(phases, line, f",{start},{end},", f",{starts.get(phase, start)},{ends.get(phase, end)},")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    return data_copy


def counts() -> dict[str, object]:
    """What the section test below cannot compare with a chapter's outputs: the fact box's trips (its tiles are
    not glued) and the ledger's evidence for the account's trips."""
    return {
        "intro trips": intro.at_a_glance().numbers["trips_before_announcement"].value,
        "ledger K07 evidence": claims.claim(common.ledger(), "K07")["evidence_value"],
    }


def test_moving_a_phase_boundary_moves_the_fact_box_and_the_ledger(phases_moved_a_month: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    moved = counts()
    monkeypatch.delenv(DATA_DIR_ENV)
    before = counts()
    changed = {name for name in before if before[name] != moved[name]}
    assert changed == set(before), {name: (before[name], moved[name]) for name in before}


PHASED_PAGES = ("intro", "reset", "resumption", "framework", "collapse")


def page_sections(page: str) -> dict[str, Callable[[], Section]]:
    """The sections a chapter's page module builds: its public functions that take nothing and return a `Section`."""
    module = importlib.import_module(f"analysis.pages.{page}")
    return {
        name: function
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
        and not name.startswith("_")
        and inspect.signature(function).return_annotation in ("Section", Section)
        and all(parameter.default is not parameter.empty for parameter in inspect.signature(function).parameters.values())
    }


def test_every_section_that_reads_a_moved_phase_moves_a_glued_number(phases_moved_a_month: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every section of every chapter that asks for a phase the data moves glues at least one number that moves
    with it, read against the chapter's committed outputs: the test sampled six numbers of four sections, so a
    section that typed what it asked the phases for would have passed."""
    moved = {"reset", "resumption", "framework", "collapse"}  # the phases whose bounds `phases_moved_a_month` moves
    asked: set[str] = set()
    window = periods.window

    def asking(name: str, directory: Path | None = None) -> periods.Period:
        asked.add(name)
        return window(name, directory)

    monkeypatch.setattr(periods, "window", asking)
    monkeypatch.setattr(common, "window", asking)
    # The maps draw the ground, which no phase moves (their data tables, the pages', are still compared): drawn
    # in full they took most of the test's time.
    for drawn in ("map_1967_lines", "map_jordan_valley", "map_east_jerusalem"):
        monkeypatch.setattr(maps, drawn, lambda *_, **__: alt.Chart(pd.DataFrame({"x": [0]})).mark_point())
    checked, unmoved, nothing_to_compare = [], [], set()
    for page in PHASED_PAGES:
        committed = review.outputs(review.stored(REPO_ROOT / "chapters" / f"{page}.ipynb"))
        for name, build in page_sections(page).items():
            asked.clear()
            section = build()
            if not asked & moved:
                continue
            glued = {number: value.text for number, value in section.numbers.items() if number in committed}
            tables = tables_shown(section)
            if not glued and not tables:
                nothing_to_compare.add(f"{page}.{name}")
                continue
            checked.append(f"{page}.{name}")
            # A table whose title moves (its months are in it) is not among the committed outputs: it moved.
            shown = {**glued, **tables}
            if all(output in committed and committed[output] == value for output, value in shown.items()):
                unmoved.append(f"{page}.{name}")
    assert len(checked) >= 10, checked
    assert not unmoved, unmoved
    assert nothing_to_compare == set(SHOWN_THROUGH_ANOTHER), nothing_to_compare


# Sections that ask for a phase but glue no number and display nothing: each is displayed by another.
SHOWN_THROUGH_ANOTHER = {"intro.at_a_glance": "the fact box's tiles: test_moving_a_phase_boundary_moves_the_fact_box_and_the_ledger"}


def tables_shown(section: Section) -> dict[str, object]:
    """What a section displays besides its glued numbers (its figures' tables, and its own tables and texts as
    `publish` returns them), as `review.outputs` names them."""
    displayed = [section.data(figure.name) for figure in section.figures] + ([Tables(section.tables)] if section.tables else [])
    outputs = [{"data": {"text/html": item._repr_html_(), "text/plain": repr(item)}} for item in displayed]
    return review.outputs({"cells": [{"outputs": outputs}]})


def test_a_window_covers_its_days_both_ends_included() -> None:
    """As the phases are read (both ends included): 16 March to 29 April is 45 days, one day is one."""
    assert days_covered(Span(pd.Timestamp("2014-03-16"), pd.Timestamp("2014-04-29"))) == 45
    assert days_covered(Span(pd.Timestamp("2013-08-26"), pd.Timestamp("2013-08-26"))) == 1
