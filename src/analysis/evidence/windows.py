"""The small helpers every count uses: a date window, the days it covers and month flooring."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pandas as pd


class Window(Protocol):
    """Anything with an inclusive `start` and `end` (a Period from analysis.data.periods)."""

    @property
    def start(self) -> pd.Timestamp: ...

    @property
    def end(self) -> pd.Timestamp: ...


@dataclass(frozen=True)
class Span:
    """A window built from the ends of others (for example the account's start to the talks' end)."""

    start: pd.Timestamp
    end: pd.Timestamp


def within(frame: pd.DataFrame, column: str, window: Window) -> pd.DataFrame:
    """Rows whose `column` date falls inside `window` (both ends included), index reset."""
    dates = frame[column]
    return frame[(dates >= window.start) & (dates <= window.end)].reset_index(drop=True)


def days_covered(window: Window) -> int:
    """The days a window covers, both ends included (16 March to 29 April is 45 days)."""
    return (window.end - window.start).days + 1


def month_start(dates: pd.Series) -> pd.Series:
    """Each date floored to the first day of its month."""
    return dates.dt.to_period("M").dt.to_timestamp()


def months(window: Window) -> pd.DatetimeIndex:
    """The first day of every month the window touches."""
    return pd.period_range(window.start, window.end, freq="M").to_timestamp()
