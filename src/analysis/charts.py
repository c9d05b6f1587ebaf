"""Charts for the chapters. Each takes a tidy table and returns an Altair chart
styled by the book's theme, with a text description for screen readers."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis import theme


def prisoner_tranches(tranches: pd.DataFrame) -> alt.Chart:
    """Prisoners per tranche by date, released or cancelled."""
    data = tranches.assign(date=tranches["date"].dt.strftime("%Y-%m-%d"), tranche=tranches["tranche"].astype(int))
    released = int(tranches.loc[tranches["status"] == "released", "count"].sum())
    return (
        alt.Chart(data, description=f"Bar chart: four tranches of 26 prisoners; three released, {released} in all; the fourth cancelled.")
        .mark_bar(size=28)
        .encode(
            x=alt.X("yearmonthdate(date):T", title="Date due or released", axis=alt.Axis(format="%d %b %Y", labelAngle=0)),
            y=alt.Y("count:Q", title="Prisoners"),
            color=alt.Color(
                "status:N",
                title="Status",
                scale=alt.Scale(domain=["released", "cancelled"], range=[theme.RELEASE, theme.GREY]),
            ),
            tooltip=[
                alt.Tooltip("tranche:O", title="Tranche"),
                alt.Tooltip("date:T", title="Date", format="%d %b %Y"),
                alt.Tooltip("count:Q", title="Prisoners"),
                alt.Tooltip("status:N", title="Status"),
            ],
        )
        .properties(width=theme.WIDTH, height=220)
    )
