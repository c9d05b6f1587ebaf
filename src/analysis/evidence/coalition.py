"""Coalition arithmetic from the January 2013 Knesset election."""

from __future__ import annotations

import re

import pandas as pd


def seats(frame: pd.DataFrame) -> int:
    """Seats in the Knesset: every party's seats from the election table."""
    return int(frame["seats"].sum())


def majority(frame: pd.DataFrame) -> int:
    """Seats needed for a majority of the Knesset."""
    return seats(frame) // 2 + 1


def party_seats(frame: pd.DataFrame, party: str) -> int:
    """Seats won by `party`."""
    return int(frame.loc[frame["party"] == party, "seats"].iloc[0])


def coalition(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["in_coalition_2013"] == "yes"]


def seats_short_without(frame: pd.DataFrame, party: str) -> int:
    """Seats the 2013 coalition would lack for a majority without `party`."""
    remaining = coalition(frame)
    return majority(frame) - int(remaining.loc[remaining["party"] != party, "seats"].sum())


def scenarios(frame: pd.DataFrame, leaving: str = "The Jewish Home", joining: str = "Labor") -> pd.DataFrame:
    """Seats by party for the 2013 coalition, without `leaving`, and with `joining` instead; `order` puts the
    parties the scenarios share first, in one order, and `leaving` or `joining` last, so each differs at its end."""
    members = coalition(frame)[["party", "seats"]]
    without = members[members["party"] != leaving]
    base = pd.concat([without, members[members["party"] == leaving]])
    swapped = pd.concat([without, frame.loc[frame["party"] == joining, ["party", "seats"]]])
    # Inside a phrase a party's article is lower case, as in prose: "Without the Jewish Home".
    named = re.sub(r"^The ", "the ", leaving)
    parts = []
    for label, members in (
        ("Coalition formed in 2013", base),
        (f"Without {named}", without),
        (f"{joining} instead of {named}", swapped),
    ):
        parts.append(members.assign(scenario=label, order=range(len(members))))
    return pd.concat(parts, ignore_index=True)[["scenario", "party", "seats", "order"]]


def parties_restoring_majority(frame: pd.DataFrame, leaving: str, besides: str) -> list[str]:
    """Opposition parties other than `besides` whose seats alone would make up the coalition's shortfall without `leaving`."""
    shortfall = seats_short_without(frame, leaving)
    opposition = frame[(frame["in_coalition_2013"] == "no") & (frame["party"] != besides)]
    return opposition.loc[opposition["seats"] >= shortfall, "party"].tolist()
