"""Counts from the prisoner-release table."""

from __future__ import annotations

import pandas as pd

from analysis import tables


def releases() -> pd.DataFrame:
    return tables.load("prisoner_releases")


def agreed_total(frame: pd.DataFrame) -> int:
    """Prisoners the cabinet agreed to free (tranche 0 is the decision)."""
    return int(frame.loc[frame["tranche"] == 0, "count"].sum())


def released_total(frame: pd.DataFrame) -> int:
    return int(frame.loc[frame["status"] == "released", "count"].sum())


def tranche_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per tranche: the date it was due or freed, the count and status."""
    tranches = frame[frame["tranche"] > 0].copy()
    tranches["date"] = tranches["actual_date"].fillna(tranches["scheduled_date"])
    tranches["cumulative_released"] = tranches["count"].where(tranches["status"] == "released", 0).cumsum()
    return tranches[
        ["tranche", "date", "status", "count", "to_west_bank", "to_east_jerusalem", "to_gaza", "cumulative_released", "source_id"]
    ].reset_index(drop=True)


def release_marks(tranches: pd.DataFrame) -> pd.DataFrame:
    """Dates of the released tranches, labelled for charts."""
    released = tranches[tranches["status"] == "released"]
    return pd.DataFrame(
        {"date": released["date"].to_numpy(), "label": [f"release {int(t)}" for t in released["tranche"]], "tranche": released["tranche"].to_numpy()}
    )
