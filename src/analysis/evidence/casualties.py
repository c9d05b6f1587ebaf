"""B'Tselem fatality records: tidy monthly counts, the records' known gaps as
explicit flags, and comparison with published totals."""

from __future__ import annotations

import pandas as pd

from analysis.errors import DataError
from analysis.evidence.windows import Span, Window, month_start, months, within

REGIONS = ("West Bank", "East Jerusalem", "Gaza", "Israel")


def region(records: pd.DataFrame) -> pd.Series:
    """Book region: East Jerusalem split out of B'Tselem's West Bank by its district."""
    book_region = records["event_location_region"].map({"Gaza Strip": "Gaza", "West Bank": "West Bank", "Israel": "Israel"})
    return book_region.mask(records["event_location_district"] == "East Jerusalem", "East Jerusalem")


def monthly(records: pd.DataFrame, period: Window) -> pd.DataFrame:
    """Tidy counts by month of event, citizenship, region and killed-by (non-zero cells)."""
    window = within(records, "date_of_event", period)
    tidy = (
        window.assign(month=month_start(window["date_of_event"]), region=region(window))
        .groupby(["month", "citizenship", "region", "killed_by"], as_index=False)
        .size()
        .rename(columns={"size": "killed"})
    )
    return tidy.sort_values(["month", "citizenship", "region", "killed_by"]).reset_index(drop=True)


def quality_flags(records: pd.DataFrame, period: Window, under_counted: pd.DataFrame) -> pd.DataFrame:
    """One row per month of `period`: records held, and any known problem
    (`under_counted`: the months a side's records are known to under-count, `lower_bounds`)."""
    held = month_start(within(records, "date_of_event", period)["date_of_event"]).value_counts()
    flags = pd.DataFrame({"month": months(period), "records": [int(held.get(month, 0)) for month in months(period)]})
    flags["flag"] = ""
    flags.loc[flags["records"] == 0, "flag"] = "no records at all: the records cannot tell a gap from a month without deaths"
    # A month without any record is a gap first: that it also under-counts a side adds nothing.
    lower = under_counted.groupby("month")["side"].agg(lambda sides: [side for side in SIDE_ORDER if side in set(sides)])
    held = flags["records"] > 0
    flags.loc[held, "flag"] = flags.loc[held, "month"].map(lower).map(_under_counted_flag)
    return flags


def lower_bound_over(audit: pd.DataFrame, under_counted: pd.DataFrame, side: str, period: Window) -> bool:
    """Whether a count of `side` (a `SIDE_ORDER` name) killed within `period` is a lower bound: a month it
    touches has no records at all, or under-counts that side (`audit`: `quality_flags` over whole months
    that span `period`; a month is a gap when it holds no record in any of its days, not in the period's part).
    A side it does not know, or a month of `period` the audit does not cover, is refused: unchecked, the
    count would read as exact."""
    if side not in SIDE_ORDER:
        raise DataError(f"no side {side!r} to judge a count by; the sides are {list(SIDE_ORDER)}")
    touched = pd.Series(months(period))
    unaudited = touched[~touched.isin(audit["month"])]
    if len(unaudited):
        missing = ", ".join(f"{month:%b %Y}" for month in unaudited)
        raise DataError(f"the records' audit does not cover {missing}: no count over those months is judged")
    flags = audit[audit["month"].isin(touched)]
    gap = bool((flags["records"] == 0).any())
    return gap or bool(((under_counted["side"] == side) & under_counted["month"].isin(touched)).any())


def _under_counted_flag(sides: object) -> str:
    """A month's flag for the sides its records under-count ("lower bound: the records lack some Israeli deaths")."""
    if not isinstance(sides, list) or not sides:
        return ""
    adjectives = {side: citizenship for citizenship, side in SIDE_OF_CITIZENSHIP.items()}
    named = " and ".join(adjectives[side] for side in sides)
    return f"lower bound{'s' if len(sides) > 1 else ''}: the records lack some {named} deaths"


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


def benchmarks_with_records(benchmarks: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """Published totals beside the records' count under the same definition."""
    benchmarks = benchmarks.copy()
    benchmarks["records"] = [records_value(records, row) for _, row in benchmarks.iterrows()]
    benchmarks["gap"] = benchmarks["value"] - benchmarks["records"]
    return benchmarks


SIDE_ORDER = ("Palestinians killed", "Israelis killed")
SIDE_OF_CITIZENSHIP = {"Palestinian": SIDE_ORDER[0], "Israeli": SIDE_ORDER[1], "any": "People killed, either side"}
BENCHMARKS_FILE = "casualty_benchmarks.csv"


def lower_bounds(comparison: pd.DataFrame) -> pd.DataFrame:
    """The months a side's records are known to under-count: every month of the
    window of a published total the records lack deaths of (`records_lack_deaths`),
    one row per side and month, with the totals that say so (`comparison`:
    `benchmarks_with_records`, rows in file order). A total so marked that is not
    above the records' count, or that counts neither side alone, is refused."""
    marked = comparison[comparison["records_lack_deaths"] == "yes"]
    not_above = marked[marked["value"] <= marked["records"]]
    if len(not_above):
        first = not_above.iloc[0]
        raise DataError(
            f"{BENCHMARKS_FILE}, line {int(not_above.index[0]) + 2}, column 'records_lack_deaths': {first['benchmark_id']} is marked"
            f" 'yes' but its total ({first['value']:,}) is not above the records' count under its filter ({first['records']:,})"
        )
    no_side = marked[~marked["records_citizenship"].isin(["Palestinian", "Israeli"])]
    if len(no_side):
        benchmark = no_side.iloc[0]["benchmark_id"]
        raise DataError(
            f"{BENCHMARKS_FILE}, line {int(no_side.index[0]) + 2}, column 'records_lack_deaths': {benchmark} is marked"
            " 'yes' but counts no one side (records_citizenship 'any'): the charts draw a lower bound on a side's months"
        )
    rows = [
        {"side": SIDE_OF_CITIZENSHIP[total["records_citizenship"]], "month": month, "benchmark_id": total["benchmark_id"]}
        for _, total in marked.iterrows()
        for month in months(Span(total["period_start"], total["period_end"]))
    ]
    months_of = pd.DataFrame(rows, columns=["side", "month", "benchmark_id"])
    return months_of.groupby(["side", "month"], as_index=False)["benchmark_id"].agg(", ".join)


def by_side(monthly_counts: pd.DataFrame) -> pd.DataFrame:
    """Monthly counts by side (citizenship) and region, summed over killed-by."""
    sides = monthly_counts.assign(
        side=monthly_counts["citizenship"].map({key: SIDE_OF_CITIZENSHIP[key] for key in ("Palestinian", "Israeli")})
    )
    sides["side"] = sides["side"].fillna(monthly_counts["citizenship"] + " citizens killed")
    return sides.groupby(["month", "side", "region"], as_index=False)["killed"].sum()


def killed(records: pd.DataFrame, period: Window, **equal: str) -> int:
    """People killed within `period` whose record columns equal the given values; a value no record holds (a
    mistyped or miscased one, "israeli", which would count 0) is an error."""
    selected = within(records, "date_of_event", period)
    for column, value in equal.items():
        if not (records[column] == value).any():
            raise ValueError(f"no record has {column} {value!r}")
        selected = selected[selected[column] == value]
    return len(selected)


def killed_at_place(records: pd.DataFrame, period: Window, place_prefix: str) -> int:
    """People killed within `period` at an event location starting with `place_prefix`; a prefix no location of
    the records starts with (a mistyped place, which would count 0) is an error."""
    if not place_prefix or not records["event_location"].str.startswith(place_prefix).any():
        raise ValueError(f"no event location of the records starts with {place_prefix!r}")
    selected = within(records, "date_of_event", period)
    return int(selected["event_location"].str.startswith(place_prefix).sum())
