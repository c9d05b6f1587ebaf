"""External records, strictly read: B'Tselem's fatality records and the Office
of the Historian's travel records. A bad value is refused, naming file, line
(or stop) and column; nothing is dropped or coerced."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ElementTree
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.data import datasets
from analysis.errors import Problem, ValidationError

BTSELEM_DATASET = "btselem_fatalities"
USED_COLUMNS = {
    "date_of_event": None,
    "citizenship": ("Palestinian", "Israeli", "Jordanian", "American"),
    "event_location_region": ("Gaza Strip", "West Bank", "Israel"),
    "killed_by": ("Israeli security forces", "Palestinian civilians", "Israeli civilians"),
}
REQUIRED_TRAVEL_FIELDS = ("id", "start-date", "end-date", "country")


def read_records(path: Path | None = None) -> pd.DataFrame:
    """All records as text, with `line` (the record's first line in the file).
    Refuses unknown values in the columns the book counts, naming line and column.
    The verified dataset is parsed once per process; callers get their own copy."""
    if path is None:
        return _verified_records(datasets.fetch(BTSELEM_DATASET)).copy()
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


def read_stops(dataset: str, path: Path | None = None) -> pd.DataFrame:
    """Every stop in a travel file. A stop missing a field or with a bad date is
    refused, naming the file, the stop's position and id, and the field."""
    path = path or datasets.fetch(dataset)
    root = ElementTree.parse(path).getroot()
    rows, problems = [], []
    for position, trip in enumerate(root.iter("trip"), start=1):
        values = {field: " ".join((trip.findtext(field) or "").split()) for field in (*REQUIRED_TRAVEL_FIELDS, "locale", "remarks")}
        country = trip.find("country")
        values["country_id"] = country.get("id", "") if country is not None else ""
        for field in REQUIRED_TRAVEL_FIELDS:
            if not values[field]:
                problems.append(Problem(None, field, f"trip #{position} (id {values['id'] or '?'})", "the field is present and non-empty"))
        rows.append(values)
    frame = pd.DataFrame(rows)
    for field in ("start-date", "end-date"):
        parsed = pd.to_datetime(frame[field], format="%Y-%m-%d", errors="coerce")
        for position in parsed.isna().to_numpy().nonzero()[0]:
            if frame[field].iat[position]:
                problems.append(
                    Problem(
                        None, field, f"trip #{position + 1} (id {frame['id'].iat[position]}): {frame[field].iat[position]}", "an ISO date"
                    )
                )
        frame[field] = parsed
    if problems:
        raise ValidationError(str(path), problems)
    frame = frame.rename(columns={"id": "stop_id", "start-date": "start", "end-date": "end"})
    frame["stop_id"] = frame["stop_id"].astype(int)
    frame["mentions_netanyahu"] = frame["remarks"].str.contains("Netanyahu")
    frame["mentions_abbas"] = frame["remarks"].str.contains("Abbas")
    frame["accompanied_president"] = frame["remarks"].str.contains("Accompanied President")
    return frame[
        [
            "stop_id",
            "start",
            "end",
            "country",
            "country_id",
            "locale",
            "remarks",
            "mentions_netanyahu",
            "mentions_abbas",
            "accompanied_president",
        ]
    ]


@lru_cache(maxsize=2)
def _verified_stops(dataset: str) -> pd.DataFrame:
    return read_stops(dataset)


def kerry_stops() -> pd.DataFrame:
    """The Secretary's stops (verified dataset, parsed once per process; a copy)."""
    return _verified_stops("hsg_kerry_travels").copy()


def obama_stops() -> pd.DataFrame:
    """The President's stops (verified dataset, parsed once per process; a copy)."""
    return _verified_stops("hsg_obama_travels").copy()
