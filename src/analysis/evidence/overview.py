"""The whole period at once: monthly series for the introduction's linked timeline."""

from __future__ import annotations

import pandas as pd

from analysis.evidence import casualties, meetings, prisoners, settlements
from analysis.evidence.windows import Window, month_start, months, within

PANELS = ("Meeting days with Kerry", "Settlement units announced", "Prisoners released", "People killed")


def monthly_series(
    period: Window,
    meeting_period: Window,
    meeting_rows: pd.DataFrame,
    announcements: pd.DataFrame,
    releases: pd.DataFrame,
    records: pd.DataFrame,
) -> pd.DataFrame:
    """Long table: month, panel, series, value (zero months included for each
    series), over the months of `period`; meetings are counted over `meeting_period`."""
    parts = []
    meeting_days = meetings.monthly_days(meeting_rows, meeting_period)
    parts.append(meeting_days.rename(columns={"counterpart": "series", "meeting_days": "value"}).assign(panel=PANELS[0]))
    units = settlements.units_long(within(announcements, "date", period))
    parts.append(
        units.assign(month=month_start(units["date"]))
        .groupby(["month", "region"], as_index=False)["units"]
        .sum()
        .rename(columns={"region": "series", "units": "value"})
        .assign(panel=PANELS[1])
    )
    tranches = prisoners.tranche_table(releases)
    released = tranches[tranches["status"] == "released"]
    parts.append(
        pd.DataFrame({"month": month_start(released["date"]), "series": "Prisoners", "value": released["count"]}).assign(panel=PANELS[2])
    )
    killed = casualties.by_side(casualties.monthly(records, period))
    parts.append(
        killed.groupby(["month", "side"], as_index=False)["killed"]
        .sum()
        .rename(columns={"side": "series", "killed": "value"})
        .assign(panel=PANELS[3])
    )
    series = pd.concat(parts, ignore_index=True)
    full = []
    for (panel, name), group in series.groupby(["panel", "series"], sort=False):
        filled = group.set_index("month")["value"].reindex(months(period), fill_value=0).rename_axis("month").reset_index()
        full.append(filled.assign(panel=panel, series=name))
    result = pd.concat(full, ignore_index=True)[["month", "panel", "series", "value"]]
    result["value"] = result["value"].astype(int)
    return result
