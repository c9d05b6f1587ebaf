"""Every period the book uses, from data: the five phases (`phases.csv`) and the
named windows (`periods.csv`), looked up by one name space.

Nothing else in the package or the chapters types a period's dates: ask
`window(name)` (or `phases()` for the whole table).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.data import tables
from analysis.errors import DataError


class Period(NamedTuple):
    """An inclusive date range."""

    name: str
    label: str
    start: pd.Timestamp
    end: pd.Timestamp

    @property
    def bounds(self) -> tuple[str, str]:
        """ISO start and end, as charts and schema rules take them."""
        return f"{self.start:%Y-%m-%d}", f"{self.end:%Y-%m-%d}"


def phases(directory: Path | None = None) -> pd.DataFrame:
    """The five phases, in order: phase, label, band_label, start, end, definition, source_id, start_event, end_event."""
    return tables.load("phases", directory)


def periods(directory: Path | None = None) -> pd.DataFrame:
    """Every named period: the phases first, then the windows of `periods.csv`."""
    phase_rows = phases(directory).rename(columns={"phase": "period"}).assign(kind="phase")
    windows = tables.load("periods", directory)
    # No window takes a phase's name: periods.csv's loader refuses one (schemas, rule on `period`).
    return pd.concat([phase_rows[windows.columns], windows], ignore_index=True)


def window(name: str, directory: Path | None = None) -> Period:
    """The period called `name` (a phase or a window of periods.csv)."""
    table = periods(directory).set_index("period")
    if name not in table.index:
        raise DataError(f"no period named {name!r} in phases.csv or periods.csv; known: {sorted(table.index)}")
    row = table.loc[name]
    return Period(name, str(row["label"]), row["start"], row["end"])


def span(first: str, last: str, directory: Path | None = None) -> Period:
    """From the start of period `first` to the end of period `last`."""
    start, end = window(first, directory), window(last, directory)
    return Period(f"{first}..{last}", f"{start.label} to {end.label}", start.start, end.end)
