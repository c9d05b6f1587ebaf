"""B'Tselem fatality records: strict reading, tidy monthly counts, the records'
known gaps as explicit flags, and comparison with published totals."""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import datasets, tables
from analysis.errors import Problem, ValidationError

DATASET = "btselem_fatalities"
USED_COLUMNS = {
    "date_of_event": None,
    "citizenship": ("Palestinian", "Israeli", "Jordanian", "American"),
    "event_location_region": ("Gaza Strip", "West Bank", "Israel"),
    "killed_by": ("Israeli security forces", "Palestinian civilians", "Israeli civilians"),
}
REGIONS = ("West Bank", "East Jerusalem", "Gaza", "Israel")
WINDOW = ("2013-01-01", "2014-12-31")
UNDERCOUNT_WINDOW = ("2014-07-08", "2014-08-26")


def read_records(path: Path | None = None) -> pd.DataFrame:
    """All records as text, with `line` (the record's first line in the file).
    Refuses unknown values in the columns the book counts, naming line and column.
    The verified dataset is parsed once per process; callers get their own copy."""
    if path is None:
        return _verified_records(datasets.fetch(DATASET)).copy()
    return _parse_records(path)


@lru_cache(maxsize=1)
def _verified_records(path: Path) -> pd.DataFrame:
    return _parse_records(path)


def _parse_records(path: Path) -> pd.DataFrame:
    text = path.read_bytes().decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = next(reader)
    missing = [column for column in USED_COLUMNS if column not in header]
    if missing:
        raise ValidationError(str(path), [Problem(1, column, None, "column is present") for column in missing])
    rows, lines = [], []
    start = reader.line_num + 1
    for record in reader:
        if len(record) != len(header):
            raise ValidationError(str(path), [Problem(start, None, record[:3], f"a row has {len(header)} fields")])
        rows.append(record)
        lines.append(start)
        start = reader.line_num + 1
    frame = pd.DataFrame(rows, columns=header, dtype=str)
    frame["line"] = lines
    problems = []
    dates = pd.to_datetime(frame["date_of_event"], format="%Y-%m-%d", errors="coerce")
    for position in dates.isna().to_numpy().nonzero()[0]:
        problems.append(Problem(lines[position], "date_of_event", frame["date_of_event"].iat[position], "an ISO date YYYY-MM-DD"))
    for column, allowed in USED_COLUMNS.items():
        if allowed is None:
            continue
        for position in (~frame[column].isin(allowed)).to_numpy().nonzero()[0]:
            problems.append(Problem(lines[position], column, frame[column].iat[position], f"one of {list(allowed)}"))
    if problems:
        raise ValidationError(str(path), problems)
    frame["date_of_event"] = dates
    return frame


def region(records: pd.DataFrame) -> pd.Series:
    """Book region: East Jerusalem split out of B'Tselem's West Bank by its district."""
    book_region = records["event_location_region"].map({"Gaza Strip": "Gaza", "West Bank": "West Bank", "Israel": "Israel"})
    return book_region.mask(records["event_location_district"] == "East Jerusalem", "East Jerusalem")


def in_window(records: pd.DataFrame, start: str = WINDOW[0], end: str = WINDOW[1]) -> pd.DataFrame:
    return records[(records["date_of_event"] >= start) & (records["date_of_event"] <= end)]


def monthly(records: pd.DataFrame, start: str = WINDOW[0], end: str = WINDOW[1]) -> pd.DataFrame:
    """Tidy counts by month of event, citizenship, region and killed-by (non-zero cells)."""
    window = in_window(records, start, end)
    tidy = (
        window.assign(month=window["date_of_event"].dt.to_period("M").dt.to_timestamp(), region=region(window))
        .groupby(["month", "citizenship", "region", "killed_by"], as_index=False)
        .size()
        .rename(columns={"size": "killed"})
    )
    return tidy.sort_values(["month", "citizenship", "region", "killed_by"]).reset_index(drop=True)


def quality_flags(records: pd.DataFrame, start: str = WINDOW[0], end: str = WINDOW[1]) -> pd.DataFrame:
    """One row per month in the window: records held, and any known problem."""
    months = pd.period_range(start, end, freq="M").to_timestamp()
    window = in_window(records, start, end)
    held = window["date_of_event"].dt.to_period("M").dt.to_timestamp().value_counts()
    flags = pd.DataFrame({"month": months, "records": [int(held.get(month, 0)) for month in months]})
    undercount_months = pd.period_range(*UNDERCOUNT_WINDOW, freq="M").to_timestamp()
    flags["flag"] = ""
    flags.loc[flags["records"] == 0, "flag"] = "no records at all: the records cannot tell a gap from a month without deaths"
    flags.loc[flags["month"].isin(undercount_months), "flag"] = "Israeli deaths under-counted in the records"
    return flags


def records_value(records: pd.DataFrame, benchmark: pd.Series) -> int:
    """The count the records give under a benchmark's stated filter."""
    period = (records["date_of_event"] >= benchmark["period_start"]) & (records["date_of_event"] <= benchmark["period_end"])
    selected = records[period]
    if benchmark["records_citizenship"] != "any":
        selected = selected[selected["citizenship"] == benchmark["records_citizenship"]]
    regions = {"Gaza Strip or Israel": ("Gaza Strip", "Israel"), "any": None}.get(
        benchmark["records_region"], (benchmark["records_region"],)
    )
    if regions is not None:
        selected = selected[selected["event_location_region"].isin(regions)]
    if benchmark["records_killed_by"] != "any":
        selected = selected[selected["killed_by"] == benchmark["records_killed_by"]]
    if benchmark["records_took_part"] != "any":
        selected = selected[selected["took_part_in_the_hostilities"] == benchmark["records_took_part"]]
    if pd.notna(benchmark["records_max_age"]):
        ages = pd.to_numeric(selected["age"].replace("", None))
        selected = selected[ages <= int(benchmark["records_max_age"])]
    return len(selected)


def benchmarks_with_records(records: pd.DataFrame) -> pd.DataFrame:
    """Published totals beside the records' count under the same definition."""
    benchmarks = tables.load("casualty_benchmarks")
    benchmarks["records"] = [records_value(records, row) for _, row in benchmarks.iterrows()]
    benchmarks["gap"] = benchmarks["value"] - benchmarks["records"]
    return benchmarks


SIDE_ORDER = ("Palestinians killed", "Israelis killed")


def by_side(monthly_counts: pd.DataFrame) -> pd.DataFrame:
    """Monthly counts by side (citizenship) and region, summed over killed-by."""
    sides = monthly_counts.assign(side=monthly_counts["citizenship"].map({"Palestinian": "Palestinians killed", "Israeli": "Israelis killed"}))
    sides["side"] = sides["side"].fillna(monthly_counts["citizenship"] + " citizens killed")
    return sides.groupby(["month", "side", "region"], as_index=False)["killed"].sum()
