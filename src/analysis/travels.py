"""The Office of the Historian's travel records: one row per stop, strictly read."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pandas as pd

from analysis import datasets
from analysis.errors import Problem, ValidationError

REGION_COUNTRIES = ("israel", "palestinian-authority", "jordan")
REQUIRED_FIELDS = ("id", "start-date", "end-date", "country")


def read_stops(dataset: str, path: Path | None = None) -> pd.DataFrame:
    """Every stop in a travel file. A stop missing a field or with a bad date is
    refused, naming the file, the stop's position and id, and the field."""
    path = path or datasets.fetch(dataset)
    root = ElementTree.parse(path).getroot()
    rows, problems = [], []
    for position, trip in enumerate(root.iter("trip"), start=1):
        values = {field: " ".join((trip.findtext(field) or "").split()) for field in REQUIRED_FIELDS + ("locale", "remarks")}
        country = trip.find("country")
        values["country_id"] = country.get("id", "") if country is not None else ""
        for field in REQUIRED_FIELDS:
            if not values[field]:
                problems.append(Problem(None, field, f"trip #{position} (id {values['id'] or '?'})", "the field is present and non-empty"))
        rows.append(values)
    frame = pd.DataFrame(rows)
    for field in ("start-date", "end-date"):
        parsed = pd.to_datetime(frame[field], format="%Y-%m-%d", errors="coerce")
        for position in parsed.isna().to_numpy().nonzero()[0]:
            if frame[field].iat[position]:
                problems.append(Problem(None, field, f"trip #{position + 1} (id {frame['id'].iat[position]}): {frame[field].iat[position]}", "an ISO date"))
        frame[field] = parsed
    if problems:
        raise ValidationError(str(path), problems)
    frame = frame.rename(columns={"id": "stop_id", "start-date": "start", "end-date": "end"})
    frame["stop_id"] = frame["stop_id"].astype(int)
    frame["mentions_netanyahu"] = frame["remarks"].str.contains("Netanyahu")
    frame["mentions_abbas"] = frame["remarks"].str.contains("Abbas")
    frame["accompanied_president"] = frame["remarks"].str.contains("Accompanied President")
    return frame[["stop_id", "start", "end", "country", "country_id", "locale", "remarks",
                  "mentions_netanyahu", "mentions_abbas", "accompanied_president"]]


def kerry_stops() -> pd.DataFrame:
    return read_stops("hsg_kerry_travels")


def obama_stops() -> pd.DataFrame:
    return read_stops("hsg_obama_travels")


def journeys(stops: pd.DataFrame, max_gap_days: int = 1) -> pd.DataFrame:
    """Group consecutive stops into journeys: a new journey starts when a stop
    begins more than `max_gap_days` after the previous stop ended."""
    ordered = stops.sort_values(["start", "stop_id"]).reset_index(drop=True)
    gap = (ordered["start"] - ordered["end"].shift()).dt.days
    ordered["journey"] = (gap.isna() | (gap > max_gap_days)).cumsum()
    return ordered


def region_journeys(stops: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """One row per journey with at least one stop in Israel, the Palestinian
    Authority or Jordan, starting within [start, end]."""
    grouped = journeys(stops)
    grouped = grouped[(grouped["start"] >= start) & (grouped["start"] <= end)]
    in_region = grouped[grouped["country_id"].isin(REGION_COUNTRIES)]
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
