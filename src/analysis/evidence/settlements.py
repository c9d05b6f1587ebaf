"""Settlement announcements: totals by stage and region, timing against the
prisoner releases, and units by East Jerusalem site."""

from __future__ import annotations

import pandas as pd

from analysis.errors import DataError

TENDER_STAGES = ("tender",)


def new_tender_units(frame: pd.DataFrame, region: str) -> int:
    """Units in new tenders (re-issued tenders excluded, as Peace Now counts them)
    among counted announcements, for region `units_west_bank` or `units_east_jerusalem`."""
    tenders = frame[frame["stage"].isin(TENDER_STAGES) & (frame["counted"] == "yes")]
    reissued = tenders["units_reissued"].fillna(0) if region == "units_east_jerusalem" else 0
    return int((tenders[region].fillna(0) - reissued).sum())


def units_long(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per counted announcement and region with units announced there."""
    counted = frame[frame["counted"] == "yes"]
    long = counted.melt(
        id_vars=["announcement_id", "date", "date_precision", "stage", "source_id"],
        value_vars=["units_west_bank", "units_east_jerusalem"],
        var_name="region",
        value_name="units",
    )
    long["region"] = long["region"].map({"units_west_bank": "West Bank", "units_east_jerusalem": "East Jerusalem"})
    return long[long["units"].fillna(0) > 0].sort_values(["date", "region"]).reset_index(drop=True)


def promise_against_counts(talks: pd.DataFrame, peacenow_totals: pd.DataFrame) -> pd.DataFrame:
    """The units announced during the talks (`talks`: the announcements inside
    the talks' window), counted several ways, each with its source; `count`
    names each row for lookups."""
    totals = peacenow_totals.set_index("metric")["value"]
    west_bank = new_tender_units(talks, "units_west_bank")
    east_jerusalem = new_tender_units(talks, "units_east_jerusalem")
    rows = [
        ("wb_tenders_dated", "New tenders, West Bank (dated announcements in this book)", west_bank, "This book’s dated announcements"),
        ("wb_tenders_peacenow", "New tenders, West Bank (Peace Now’s total)", int(totals["tenders_west_bank"]), "Peace Now"),
        (
            "all_tenders_dated",
            "New tenders, West Bank and East Jerusalem (dated announcements)",
            west_bank + east_jerusalem,
            "This book’s dated announcements",
        ),
        ("all_tenders_peacenow", "New tenders, West Bank and East Jerusalem (Peace Now)", int(totals["tenders_total"]), "Peace Now"),
        (
            "all_units_peacenow",
            "Tenders and plans, West Bank and East Jerusalem (Peace Now)",
            int(totals["units_promoted_total"]),
            "Peace Now",
        ),
    ]
    return pd.DataFrame(rows, columns=["count", "measure", "units", "source"])


def counted_plan_units(talks: pd.DataFrame) -> int:
    """Units in counted plan announcements (both regions) among `talks`."""
    plans = talks[(talks["stage"] == "plan") & (talks["counted"] == "yes")]
    return int(plans[["units_west_bank", "units_east_jerusalem"]].sum().sum())


def days_to_nearest_announcement(release_dates: pd.Series, frame: pd.DataFrame) -> pd.DataFrame:
    """For each release date, the nearest announcement (before or after), the
    signed number of days from the release to it, its units (a split between
    the West Bank and East Jerusalem where the source gives one) and whether
    the book's totals count it (an approval that overlaps later tenders does not)."""
    rows = []
    for tranche, released in release_dates.items():
        offsets = (frame["date"] - released).dt.days
        nearest = offsets.abs().idxmin()
        rows.append(
            {
                "tranche": tranche,
                "released": released,
                "nearest_announcement": frame.at[nearest, "announcement_id"],
                "announced": frame.at[nearest, "date"],
                "days_after_release": int(offsets[nearest]),
                "units_total": frame.at[nearest, "units_total"],
                "units_west_bank": frame.at[nearest, "units_west_bank"],
                "units_east_jerusalem": frame.at[nearest, "units_east_jerusalem"],
                "stage": frame.at[nearest, "stage"],
                "in_totals": frame.at[nearest, "counted"],
            }
        )
    return pd.DataFrame(rows)


def east_jerusalem_units_by_site(site_rows: pd.DataFrame, announcement_rows: pd.DataFrame) -> pd.DataFrame:
    """Units announced per East Jerusalem site across the counted announcements given."""
    counted = announcement_rows.loc[announcement_rows["counted"] == "yes", "announcement_id"]
    selected = site_rows[(site_rows["region"] == "east_jerusalem") & site_rows["announcement_id"].isin(counted)]
    return (
        selected.groupby("site", as_index=False)
        .agg(units=("units", "sum"), announcements=("announcement_id", lambda ids: ", ".join(sorted(set(ids)))))
        .sort_values("units", ascending=False)
        .reset_index(drop=True)
    )


def itemisation_gaps(site_rows: pd.DataFrame, announcement_rows: pd.DataFrame) -> pd.DataFrame:
    """Per announcement, units itemised by site against the announced split."""
    itemised = site_rows.pivot_table(index="announcement_id", columns="region", values="units", aggfunc="sum", fill_value=0)
    merged = announcement_rows.set_index("announcement_id")[["units_west_bank", "units_east_jerusalem"]].join(itemised, how="left")
    return merged.rename(columns={"west_bank": "sites_west_bank", "east_jerusalem": "sites_east_jerusalem"}).reset_index()


def near_releases(
    announcements: pd.DataFrame, release_dates: pd.Series, start: pd.Timestamp, end: pd.Timestamp, reach_days: int
) -> dict[str, int]:
    """How close the counted announcements from `start` to `end` (both included) stand to the prisoner releases
    (`release_dates`): of them, those `reach_days` or fewer from a release, before or after, and their units,
    against the days of the period that lie as near a release; and how many announcements of the period the
    book's totals leave out (`left_out`). A baseline for "cluster": announcements spread evenly would take the
    near days' share of the units. A counted announcement dated to its month alone, a month the period touches,
    has no distance in days to a release and is refused, by id; so is a period with no counted announcement or
    no release to measure from."""
    touching = announcements["date"].between(start.replace(day=1), end)
    undated = announcements.loc[
        touching & (announcements["counted"] == "yes") & (announcements["date_precision"] != "day"), "announcement_id"
    ]
    if len(undated):
        raise DataError(f"settlement_announcements.csv: {list(undated)} not dated to the day; no distance to a release can be counted")
    in_period = announcements[announcements["date"].between(start, end)]
    counted = in_period[in_period["counted"] == "yes"]
    releases = list(pd.to_datetime(pd.Series(release_dates)))
    if counted.empty or not releases:
        raise DataError(
            f"settlement_announcements.csv, prisoner_releases.csv: {len(counted)} counted announcement(s) from {start:%Y-%m-%d} to "
            f"{end:%Y-%m-%d} and {len(releases)} release(s): nothing to measure the one from the other"
        )

    def near(dates: pd.Series) -> pd.Series:
        distances = [min(abs((date - released).days) for released in releases) for date in dates]
        return pd.Series(distances, index=dates.index) <= reach_days

    days = pd.Series(pd.date_range(start, end))
    close = near(counted["date"])
    return {
        "announcements": len(counted),
        "announcements_near": int(close.sum()),
        "left_out": len(in_period) - len(counted),
        "units": int(counted["units_total"].sum()),
        "units_near": int(counted.loc[close, "units_total"].sum()),
        "days": len(days),
        "days_near": int(near(days).sum()),
    }
