"""Kerry's travel stops grouped into journeys to the region."""

from __future__ import annotations

import pandas as pd

from analysis.evidence.windows import Window, within

REGION_COUNTRIES = ("israel", "palestinian-authority", "jordan")


def journeys(stops: pd.DataFrame, max_gap_days: int = 1) -> pd.DataFrame:
    """Group consecutive stops into journeys: a new journey starts when a stop
    begins more than `max_gap_days` after the previous stop ended."""
    ordered = stops.sort_values(["start", "stop_id"]).reset_index(drop=True)
    gap = (ordered["start"] - ordered["end"].shift()).dt.days
    ordered["journey"] = (gap.isna() | (gap > max_gap_days)).cumsum()
    return ordered


def region_stops(stops: pd.DataFrame, period: Window) -> pd.DataFrame:
    """The stops in Israel, the Palestinian Authority or Jordan starting within
    `period`, each with the journey (`journeys`) it belongs to."""
    grouped = within(journeys(stops), "start", period)
    return grouped[grouped["country_id"].isin(REGION_COUNTRIES)]


def region_visits(stops: pd.DataFrame, period: Window) -> pd.DataFrame:
    """The stops in the region (`region_stops`), each with its `visit`, numbered from 1: a run of a
    journey's stops in the region, so that a journey that leaves the region and comes back (by Addis Ababa, in
    the reset) makes one trip and two visits, the way the press counted Kerry's visits."""
    grouped = within(journeys(stops), "start", period).reset_index(drop=True)
    in_region = grouped["country_id"].isin(REGION_COUNTRIES)
    run = ((in_region != in_region.shift()) | (grouped["journey"] != grouped["journey"].shift())).cumsum()
    visits = grouped.assign(visit=run)[in_region]
    return visits.assign(visit=visits["visit"].rank(method="dense").astype(int))


def days_at_region_stops(stops: pd.DataFrame, period: Window) -> int:
    """The calendar days on which a stop in the region (`region_stops`) fell: a
    journey's days at stops elsewhere between two of them (Addis Ababa, 25 May
    2013) are not counted, the days of arriving and leaving are, up to the
    period's end."""
    in_region = region_stops(stops, period)
    days = {day for stop in in_region.itertuples() for day in pd.date_range(stop.start, min(stop.end, period.end))}
    return len(days)


def region_journeys(stops: pd.DataFrame, period: Window) -> pd.DataFrame:
    """One row per journey with at least one stop in Israel, the Palestinian
    Authority or Jordan, starting within `period`: its first and last days are
    those of its stops there."""
    in_region = region_stops(stops, period)
    return (
        in_region.groupby("journey")
        .agg(
            first_day=("start", "min"),
            last_day=("end", "max"),
            places=("locale", lambda places: ", ".join(dict.fromkeys(places))),
            met_netanyahu=("mentions_netanyahu", "any"),
            met_abbas=("mentions_abbas", "any"),
            with_president=("accompanied_president", "any"),
            stops=("stop_id", "count"),
        )
        .reset_index(drop=True)
        .assign(trip=lambda frame: range(1, len(frame) + 1))
    )


def days_in_country(stops: pd.DataFrame, period: Window, country_id: str) -> int:
    """Days from the first to the last day of the stops in `country_id` starting within `period`."""
    visit = within(stops, "start", period)
    visit = visit[visit["country_id"] == country_id]
    return int((visit["end"].max() - visit["start"].min()).days + 1)
