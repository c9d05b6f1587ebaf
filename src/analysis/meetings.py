"""Kerry's meetings with Netanyahu and with Abbas, counted under explicit definitions.

The account says Kerry met Netanyahu "nearly twice as often" as Abbas. How
often depends on what counts as a meeting, so every count here names its
definition, and the book shows them side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import tables, travels

COUNTERPARTS = ("Netanyahu", "Abbas")
FIRST_DAY = "2013-03-20"
TALKS = ("2013-07-29", "2014-04-29")
WHOLE_PERIOD = (FIRST_DAY, "2014-07-27")
UP_TO_DEADLINE = (FIRST_DAY, TALKS[1])


@dataclass(frozen=True)
class Definition:
    key: str
    label: str
    basis: str
    period: tuple[str, str]


SHORT_LABELS = {
    "stops_to_deadline": "Travel-record stops, to 29 Apr 2014",
    "stops_talks": "Travel-record stops, during the talks",
    "stops_whole": "Travel-record stops, to 27 Jul 2014",
    "days_to_deadline": "Meeting days (all sources), to 29 Apr 2014",
    "days_talks": "Meeting days (all sources), during the talks",
    "days_whole": "Meeting days (all sources), to 27 Jul 2014",
}

DEFINITIONS = (
    Definition("stops_to_deadline", "Official travel-record stops naming the leader, 20 Mar 2013 - 29 Apr 2014", "stops", UP_TO_DEADLINE),
    Definition("stops_talks", "Official travel-record stops naming the leader, during the talks (29 Jul 2013 - 29 Apr 2014)", "stops", TALKS),
    Definition("stops_whole", "Official travel-record stops naming the leader, 20 Mar 2013 - 27 Jul 2014", "stops", WHOLE_PERIOD),
    Definition("days_to_deadline", "Distinct in-person meeting days, travel record plus news reports and the account, 20 Mar 2013 - 29 Apr 2014", "days", UP_TO_DEADLINE),
    Definition("days_talks", "Distinct in-person meeting days, travel record plus news reports and the account, during the talks", "days", TALKS),
    Definition("days_whole", "Distinct in-person meeting days, travel record plus news reports and the account, 20 Mar 2013 - 27 Jul 2014", "days", WHOLE_PERIOD),
)
PRIMARY_DEFINITION = "days_to_deadline"


def documented() -> pd.DataFrame:
    return tables.load("meetings")


def stop_counts(stops: pd.DataFrame, period: tuple[str, str]) -> dict[str, int]:
    """Travel-record stops whose remarks name each leader, starting within `period`."""
    within = stops[(stops["start"] >= period[0]) & (stops["start"] <= period[1])]
    return {"Netanyahu": int(within["mentions_netanyahu"].sum()), "Abbas": int(within["mentions_abbas"].sum())}


def in_person(meetings: pd.DataFrame, period: tuple[str, str]) -> pd.DataFrame:
    """In-person meetings within `period`: Kerry present, not a call, and not a
    row whose place or date conflicts between sources."""
    return meetings[
        (meetings["kerry_present"] == "yes")
        & (meetings["kind"] != "phone or video")
        & (meetings["certainty"] != "conflicting")
        & (meetings["date"] >= period[0])
        & (meetings["date"] <= period[1])
    ]


def meeting_days(meetings: pd.DataFrame, period: tuple[str, str]) -> dict[str, int]:
    """Distinct dates with an in-person meeting, by counterpart."""
    usable = in_person(meetings, period)
    return {who: int(usable.loc[usable["counterpart"] == who, "date"].nunique()) for who in COUNTERPARTS}


def monthly_days(meetings: pd.DataFrame, period: tuple[str, str]) -> pd.DataFrame:
    """Distinct in-person meeting days per month and counterpart (zero months included)."""
    usable = in_person(meetings, period).drop_duplicates(["counterpart", "date"])
    months = pd.period_range(period[0], period[1], freq="M").to_timestamp()
    counts = usable.groupby([usable["date"].dt.to_period("M").dt.to_timestamp().rename("month"), "counterpart"]).size()
    full = pd.MultiIndex.from_product([months, list(COUNTERPARTS)], names=["month", "counterpart"])
    return counts.reindex(full, fill_value=0).rename("meeting_days").reset_index()


def asymmetry(meetings: pd.DataFrame, stops: pd.DataFrame) -> pd.DataFrame:
    """One row per definition: meetings with each leader and the ratio Netanyahu / Abbas."""
    rows = []
    for definition in DEFINITIONS:
        counts = stop_counts(stops, definition.period) if definition.basis == "stops" else meeting_days(meetings, definition.period)
        rows.append(
            {
                "definition": definition.key,
                "label": definition.label,
                "short_label": SHORT_LABELS[definition.key],
                "netanyahu": counts["Netanyahu"],
                "abbas": counts["Abbas"],
                "ratio_netanyahu_to_abbas": round(counts["Netanyahu"] / counts["Abbas"], 2),
            }
        )
    return pd.DataFrame(rows)


def primary_ratio() -> float:
    table = asymmetry(documented(), travels.kerry_stops())
    return float(table.loc[table["definition"] == PRIMARY_DEFINITION, "ratio_netanyahu_to_abbas"].iloc[0])
