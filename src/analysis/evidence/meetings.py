"""Kerry's meetings with Netanyahu and with Abbas, counted under explicit definitions.

The account says Kerry met Netanyahu "nearly twice as often" as Abbas. How
often depends on what counts as a meeting, so every count here names its
definition, and the book shows them side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.evidence.windows import Span, Window, month_start, months, within

COUNTERPARTS = ("Netanyahu", "Abbas")
PRIMARY_DEFINITION = "days_to_deadline"


@dataclass(frozen=True)
class Definition:
    key: str
    label: str
    short_label: str
    basis: str
    period: Window


def definitions(account: Window, talks: Window) -> tuple[Definition, ...]:
    """Six definitions: stops or meeting days, over three periods built from the
    account's span and the talks (periods.csv)."""

    def day(date: pd.Timestamp) -> str:
        return f"{date:%-d %b %Y}"

    to_deadline = Span(account.start, talks.end)
    stops = "Official travel-record stops naming the leader"
    days = "Distinct in-person meeting days, travel record plus news reports and the account"
    return (
        Definition(
            "stops_to_deadline",
            f"{stops}, {day(account.start)} - {day(talks.end)}",
            f"Travel-record stops, to {day(talks.end)}",
            "stops",
            to_deadline,
        ),
        Definition(
            "stops_talks",
            f"{stops}, during the talks ({day(talks.start)} - {day(talks.end)})",
            "Travel-record stops, during the talks",
            "stops",
            talks,
        ),
        Definition(
            "stops_whole",
            f"{stops}, {day(account.start)} - {day(account.end)}",
            f"Travel-record stops, to {day(account.end)}",
            "stops",
            account,
        ),
        Definition(
            "days_to_deadline",
            f"{days}, {day(account.start)} - {day(talks.end)}",
            f"Meeting days (all sources), to {day(talks.end)}",
            "days",
            to_deadline,
        ),
        Definition("days_talks", f"{days}, during the talks", "Meeting days (all sources), during the talks", "days", talks),
        Definition(
            "days_whole",
            f"{days}, {day(account.start)} - {day(account.end)}",
            f"Meeting days (all sources), to {day(account.end)}",
            "days",
            account,
        ),
    )


def stop_counts(stops: pd.DataFrame, period: Window, overturned: pd.DataFrame | None = None) -> dict[str, int]:
    """Travel-record stops whose remarks name each leader, starting within
    `period`, less the stops the audit overturned for that leader."""
    inside = within(stops, "start", period)
    counts = {"Netanyahu": int(inside["mentions_netanyahu"].sum()), "Abbas": int(inside["mentions_abbas"].sum())}
    if overturned is not None:
        for who in COUNTERPARTS:
            stop_ids = set(overturned.loc[overturned["counterpart"] == who, "hsg_stop_id"].dropna().astype(int))
            flag = f"mentions_{who.lower()}"
            counts[who] -= int(inside.loc[inside["stop_id"].isin(stop_ids), flag].sum())
    return counts


def in_person(meetings: pd.DataFrame, period: Window, *, audited: bool = True) -> pd.DataFrame:
    """In-person meetings within `period`: Kerry present, not a call, not a row
    whose place or date conflicts between sources; after the press audit
    (`audited`) without the rows reports contradict, before it without the rows
    the audit added."""
    usable = meetings[
        (meetings["kerry_present"] == "yes") & (meetings["kind"] != "phone or video") & (meetings["certainty"] != "conflicting")
    ]
    excluded = "contradicted" if audited else "added"
    return within(usable[usable["audit_status"] != excluded], "date", period)


def overturned_stops(meetings: pd.DataFrame) -> pd.DataFrame:
    """Official travel-record rows that contemporaneous reports contradict: stop and counterpart."""
    official = meetings[(meetings["basis"] == "official travel record stop") & (meetings["audit_status"] == "contradicted")]
    return official[["meeting_id", "date", "counterpart", "city", "hsg_stop_id", "audit_source_ids", "audit_note"]].reset_index(drop=True)


def meeting_days(meetings: pd.DataFrame, period: Window, *, audited: bool = True) -> dict[str, int]:
    """Distinct dates with an in-person meeting, by counterpart."""
    usable = in_person(meetings, period, audited=audited)
    return {who: int(usable.loc[usable["counterpart"] == who, "date"].nunique()) for who in COUNTERPARTS}


def monthly_days(meetings: pd.DataFrame, period: Window) -> pd.DataFrame:
    """Distinct in-person meeting days per month and counterpart (zero months included)."""
    usable = in_person(meetings, period).drop_duplicates(["counterpart", "date"])
    counts = usable.groupby([month_start(usable["date"]).rename("month"), "counterpart"]).size()
    full = pd.MultiIndex.from_product([months(period), list(COUNTERPARTS)], names=["month", "counterpart"])
    return counts.reindex(full, fill_value=0).rename("meeting_days").reset_index()


def asymmetry(meetings: pd.DataFrame, stops: pd.DataFrame, definitions: tuple[Definition, ...], *, audited: bool = True) -> pd.DataFrame:
    """One row per definition: meetings with each leader and the ratio Netanyahu / Abbas,
    after the press audit (`audited`) or as the official record and reports first gave them."""
    overturned = overturned_stops(meetings) if audited else None
    rows = []
    for definition in definitions:
        if definition.basis == "stops":
            counts = stop_counts(stops, definition.period, overturned)
        else:
            counts = meeting_days(meetings, definition.period, audited=audited)
        rows.append(
            {
                "definition": definition.key,
                "label": definition.label,
                "short_label": definition.short_label,
                "netanyahu": counts["Netanyahu"],
                "abbas": counts["Abbas"],
                "ratio_netanyahu_to_abbas": round(counts["Netanyahu"] / counts["Abbas"], 2),
            }
        )
    return pd.DataFrame(rows)
