"""Counts from the prisoner-release table (tranche 0 is the cabinet decision)."""

from __future__ import annotations

import pandas as pd

from analysis.errors import DataError


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
        {
            "date": released["date"].to_numpy(),
            "label": [f"release {int(t)}" for t in released["tranche"]],
            "tranche": released["tranche"].to_numpy(),
        }
    )


def tranche_size(frame: pd.DataFrame) -> int:
    """Prisoners in each tranche; refuses tranches of different sizes, naming them."""
    tranches = frame[frame["tranche"] > 0]
    sizes = tranches["count"].unique()
    if len(sizes) != 1:
        listed = ", ".join(f"tranche {row.tranche}: {row.count}" for row in tranches.itertuples())
        raise DataError(
            f"prisoner_releases.csv, column 'count': the tranches differ in size ({listed}); the account's claim is of equal tranches"
        )
    return int(sizes[0])


def scheduled_day(frame: pd.DataFrame, tranche: int) -> int:
    """Day of the month on which tranche `tranche` was due."""
    return int(frame.set_index("tranche").at[tranche, "scheduled_date"].day)
