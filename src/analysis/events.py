"""The dated events of the account and its aftermath."""

from __future__ import annotations

import textwrap

import pandas as pd

from analysis import tables


def load() -> pd.DataFrame:
    return tables.load("events")


def in_phase(frame: pd.DataFrame, *phases: str) -> pd.DataFrame:
    return frame[frame["phase"].isin(phases)].reset_index(drop=True)


def between(frame: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    return frame[(frame["date"] >= start) & (frame["date"] <= end)].reset_index(drop=True)


def labelled(frame: pd.DataFrame, label_width: int = 70) -> pd.DataFrame:
    """Events in date order with a short label (date and summary cut at a word boundary)."""
    laid_out = frame.sort_values(["date", "event_id"]).reset_index(drop=True)
    laid_out["label"] = [
        f"{date:%-d %b}: {textwrap.shorten(summary, width=label_width, placeholder='…')}"
        for date, summary in zip(laid_out["date"], laid_out["summary"])
    ]
    return laid_out


def reader_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns a reader needs to follow a list of events."""
    return frame[["event_id", "date", "date_precision", "kind", "actors", "place", "summary", "source_id"]]
