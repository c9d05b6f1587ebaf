"""The dated events of the account and its aftermath."""

from __future__ import annotations

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


def with_sides(events: pd.DataFrame, actors: pd.DataFrame, order: tuple[str, ...]) -> pd.DataFrame:
    """Events with `sides`: the distinct sides their actors acted for (the `side`
    of each name of `actors` in the actors table), in `order`, joined by ";".
    An actor the table lacks, or a side outside `order`, is an error naming the event."""
    side_of = dict(zip(actors["actor"], actors["side"], strict=True))

    def sides(event_id: str, names: str) -> str:
        missing = [name for name in names.split(";") if name not in side_of]
        if missing:
            raise ValueError(f"event {event_id}: actor(s) {missing} have no row in the actors table")
        found = {side_of[name] for name in names.split(";")}
        if not found <= set(order):
            raise ValueError(f"event {event_id}: side(s) {sorted(found - set(order))} not among {list(order)}")
        return ";".join(side for side in order if side in found)

    return events.assign(sides=[sides(event_id, names) for event_id, names in zip(events["event_id"], events["actors"], strict=True)])


def reader_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns a reader needs to follow a list of events (with the sides that acted, where `with_sides` gave them),
    and whether contemporaneous reports confirm each (the list marks one none confirms)."""
    columns = ["event_id", "date", "date_precision", "kind", "actors", "sides", "place", "summary", "source_id", "audit_status"]
    return frame[[column for column in columns if column in frame]]
