"""The dated events of the account and its aftermath."""

from __future__ import annotations

import textwrap

import pandas as pd


def with_phase(events: pd.DataFrame, phases: pd.DataFrame) -> pd.DataFrame:
    """Events with the `phase` their date falls in (from the phases table), so a
    phase boundary lives in one place. An event outside every phase gets none."""
    phase = pd.Series(pd.NA, index=events.index, dtype="string")
    for row in phases.itertuples():
        phase = phase.mask((events["date"] >= row.start) & (events["date"] <= row.end), row.phase)
    return events.assign(phase=phase)


def audited(events: pd.DataFrame) -> pd.DataFrame:
    """Events without the rows contemporaneous reports contradict (their corrections are rows of their own)."""
    return events[events["audit_status"] != "contradicted"].reset_index(drop=True)


def labelled(frame: pd.DataFrame, line_width: int = 36) -> pd.DataFrame:
    """Events in date order with a label: the date and the whole summary, wrapped
    into lines of at most `line_width` characters (joined by newlines), never cut."""
    laid_out = frame.sort_values(["date", "event_id"]).reset_index(drop=True)
    laid_out["label"] = [
        "\n".join(textwrap.wrap(f"{date:%-d %b}: {summary}", width=line_width))
        for date, summary in zip(laid_out["date"], laid_out["summary"], strict=True)
    ]
    return laid_out


def reader_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns a reader needs to follow a list of events."""
    return frame[["event_id", "date", "date_precision", "kind", "actors", "place", "summary", "source_id"]]
