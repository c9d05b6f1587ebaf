"""Coalition arithmetic from the January 2013 Knesset election."""

from __future__ import annotations

import pandas as pd

from analysis import tables

SEATS = 120
MAJORITY = SEATS // 2 + 1


def knesset() -> pd.DataFrame:
    return tables.load("knesset_2013")


def coalition(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["in_coalition_2013"] == "yes"]


def seats_short_without(frame: pd.DataFrame, party: str) -> int:
    """Seats the 2013 coalition would lack for a majority without `party`."""
    remaining = coalition(frame)
    return MAJORITY - int(remaining.loc[remaining["party"] != party, "seats"].sum())


def scenarios(frame: pd.DataFrame, leaving: str = "The Jewish Home", joining: str = "Labor") -> pd.DataFrame:
    """Seats by party for the 2013 coalition, without `leaving`, and with `joining` instead."""
    base = coalition(frame)[["party", "seats"]]
    without = base[base["party"] != leaving]
    swapped = pd.concat([without, frame.loc[frame["party"] == joining, ["party", "seats"]]])
    parts = []
    for label, members in (
        ("Coalition formed in 2013", base),
        (f"Without {leaving}", without),
        (f"{joining} instead of {leaving}", swapped),
    ):
        parts.append(members.assign(scenario=label, order=range(len(members))))
    return pd.concat(parts, ignore_index=True)[["scenario", "party", "seats", "order"]]
