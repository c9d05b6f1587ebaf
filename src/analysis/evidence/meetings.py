"""Kerry's meetings with Netanyahu and with Abbas, counted under every defensible specification.

The account says Kerry met Netanyahu "nearly twice as often" as Abbas. How
often depends on what counts as a meeting: the unit (meetings, days, visits),
the window, the kinds of meeting and the places. The choices live in
`meeting_specifications.csv`; this module counts under each of them, from the
one day-precise meeting record (`meetings.csv`), whose audit status is the
only thing that decides whether a row counts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pandas as pd

from analysis.errors import DataError
from analysis.evidence.memo import pure
from analysis.evidence.windows import Span, Window, month_start, months, within

COUNTERPARTS = ("Netanyahu", "Abbas")
COUNTED_STATUSES = ("confirmed", "added")
WORKING_MEETING = "working meeting"
IN_PERSON_KINDS = (WORKING_MEETING, "joint with the President", "ceremonial or public event", "multilateral")
DIMENSIONS = ("unit", "window", "kinds", "place")


@dataclass(frozen=True)
class Specification:
    """One combination of choices: its options (one per dimension) and what they mean."""

    options: dict[str, str]
    labels: dict[str, str]
    window: Span
    kinds: tuple[str, ...]
    home_ground: dict[str, str]

    @property
    def key(self) -> str:
        return "/".join(self.options[dimension] for dimension in DIMENSIONS)

    @property
    def unit(self) -> str:
        return self.options["unit"]

    def describe(self) -> str:
        return f"{self.labels['unit']}, {self.labels['kinds']}, {self.labels['place']}, {self.labels['window']}"


def counted(meetings: pd.DataFrame) -> pd.DataFrame:
    """The rows every count reads: those the press audit confirmed or added."""
    return meetings[meetings["audit_status"].isin(COUNTED_STATUSES)].reset_index(drop=True)


def _home_ground(parameter: str | None) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in (parameter or "").split(";") if pair)


def _window(parameter: str, windows: dict[str, Window]) -> Span:
    first, last = parameter.split("|")
    return Span(windows[first].start, windows[last].end)


def specifications(options: pd.DataFrame, windows: dict[str, Window]) -> list[Specification]:
    """Every combination of one option per dimension of `options` (meeting_specifications.csv)."""
    by_dimension = [options[options["dimension"] == dimension].to_dict("records") for dimension in DIMENSIONS]
    result = []
    for combination in itertools.product(*by_dimension):
        chosen = dict(zip(DIMENSIONS, combination, strict=True))
        result.append(
            Specification(
                options={dimension: row["option"] for dimension, row in chosen.items()},
                labels={dimension: row["label"] for dimension, row in chosen.items()},
                window=_window(chosen["window"]["parameter"], windows),
                kinds=tuple(chosen["kinds"]["parameter"].split(";")),
                home_ground=_home_ground(chosen["place"]["parameter"]),
            )
        )
    return result


def account_reading(options: pd.DataFrame, windows: dict[str, Window]) -> Specification:
    """The specification the account most plausibly meant: the option marked in each dimension."""
    marked = options[options["account_reading"] == "yes"].set_index("dimension")["option"].to_dict()
    return next(spec for spec in specifications(options, windows) if spec.options == marked)


def selected(meetings: pd.DataFrame, spec: Specification) -> pd.DataFrame:
    """The counted rows a specification keeps: in its window, of its kinds, in its places."""
    rows = within(counted(meetings), "date", spec.window)
    rows = rows[rows["kind"].isin(spec.kinds)]
    if spec.home_ground:
        rows = rows[rows["country"] == rows["counterpart"].map(spec.home_ground)]
    return rows.reset_index(drop=True)


def _visit(rows: pd.DataFrame) -> pd.Series:
    """A meeting's visit: its travel-record stop, or the meeting itself when it falls in none."""
    return rows["hsg_stop_id"].astype("string").fillna(rows["meeting_id"])


def tally(rows: pd.DataFrame, unit: str, date_column: str = "date") -> dict[str, int]:
    """Meetings, distinct days or distinct visits with each leader."""
    result = {}
    for who in COUNTERPARTS:
        theirs = rows[rows["counterpart"] == who]
        if unit == "encounters":
            result[who] = len(theirs)
        elif unit == "days":
            result[who] = int(theirs[date_column].nunique())
        else:
            result[who] = int(_visit(theirs).nunique())
    return result


def ratio(counts: dict[str, int]) -> float:
    return round(counts["Netanyahu"] / counts["Abbas"], 2)


@pure
def specification_curve(meetings: pd.DataFrame, specs: list[Specification]) -> pd.DataFrame:
    """One row per specification: its choices, the counts with each leader and the ratio, lowest ratio first."""
    rows = []
    for spec in specs:
        counts = tally(selected(meetings, spec), spec.unit)
        if counts["Abbas"] == 0:
            raise DataError(
                f"meeting_specifications.csv: the specification {spec.key} ({spec.describe()}) counts no meeting with Abbas,"
                " so it gives no ratio: one of its options (its window's periods, its kinds) leaves him none"
            )
        rows.append(
            {
                "specification": spec.key,
                **spec.options,
                "description": spec.describe(),
                "netanyahu": counts["Netanyahu"],
                "abbas": counts["Abbas"],
                "ratio_netanyahu_to_abbas": ratio(counts),
            }
        )
    curve = pd.DataFrame(rows).sort_values(["ratio_netanyahu_to_abbas", "specification"], kind="stable").reset_index(drop=True)
    curve.insert(0, "rank", range(1, len(curve) + 1))
    return curve


def redating_effect(meetings: pd.DataFrame, spec: Specification) -> pd.DataFrame:
    """Each leader's count under `spec` as the record first dated the meetings (a travel-record stop as
    one meeting on its first day) and as the audit re-dated them (each meeting on its own day)."""
    rows = selected(meetings, spec)
    as_recorded = within(counted(meetings), "record_date", spec.window)
    as_recorded = as_recorded[as_recorded["kind"].isin(spec.kinds)]
    if spec.home_ground:
        as_recorded = as_recorded[as_recorded["country"] == as_recorded["counterpart"].map(spec.home_ground)]
    one_per_stop = as_recorded.assign(visit=_visit(as_recorded)).drop_duplicates(["counterpart", "visit", "record_date"])
    table = []
    for unit in ("encounters", "days", "visits"):
        before = tally(one_per_stop, unit, "record_date")
        after = tally(rows, unit)
        table += [{"unit": unit, "counterpart": who, "as recorded": before[who], "re-dated": after[who]} for who in COUNTERPARTS]
    return pd.DataFrame(table)


def rows_by_kind(meetings: pd.DataFrame) -> pd.DataFrame:
    """Rows of the meeting record by kind and audit status."""
    return meetings.groupby(["kind", "audit_status"]).size().unstack(fill_value=0).reset_index().rename_axis(columns=None)


def in_person(meetings: pd.DataFrame, period: Window) -> pd.DataFrame:
    """Counted in-person meetings within `period`."""
    rows = within(counted(meetings), "date", period)
    return rows[rows["kind"].isin(IN_PERSON_KINDS)].reset_index(drop=True)


def meeting_days(meetings: pd.DataFrame, period: Window) -> dict[str, int]:
    """Distinct days with a counted in-person meeting, by counterpart."""
    return tally(in_person(meetings, period), "days")


def stop_counts(stops: pd.DataFrame, period: Window) -> dict[str, int]:
    """Travel-record stops whose remarks name each leader, starting within `period`: the official record as published."""
    inside = within(stops, "start", period)
    return {"Netanyahu": int(inside["mentions_netanyahu"].sum()), "Abbas": int(inside["mentions_abbas"].sum())}


def overturned_stops(meetings: pd.DataFrame) -> pd.DataFrame:
    """Official travel-record rows that contemporaneous reports contradict: stop and counterpart."""
    official = meetings[(meetings["origin"] == "official travel record") & (meetings["audit_status"] == "contradicted")]
    return official[["meeting_id", "date", "counterpart", "city", "hsg_stop_id", "audit_source_ids", "audit_note"]].reset_index(drop=True)


def monthly_days(meetings: pd.DataFrame, period: Window) -> pd.DataFrame:
    """Distinct in-person meeting days per month and counterpart (zero months included)."""
    usable = in_person(meetings, period).drop_duplicates(["counterpart", "date"])
    counts = usable.groupby([month_start(usable["date"]).rename("month"), "counterpart"]).size()
    full = pd.MultiIndex.from_product([months(period), list(COUNTERPARTS)], names=["month", "counterpart"])
    return counts.reindex(full, fill_value=0).rename("meeting_days").reset_index()


def away_from_home(rows: pd.DataFrame, options: pd.DataFrame, counterpart: str) -> pd.Series:
    """Meetings with `counterpart` among `rows` held off the leader's own ground (as the `place` option
    `home_ground` of the specifications defines it), counted by city, most first, then by name."""
    home = _home_ground(options.set_index(["dimension", "option"]).at[("place", "home_ground"), "parameter"])[counterpart]
    away = rows[(rows["counterpart"] == counterpart) & (rows["country"] != home)]
    return away.groupby("city").size().sort_index().sort_values(ascending=False, kind="stable")


def leaders_met_by_journey(in_person_meetings: pd.DataFrame, journeys: pd.DataFrame) -> pd.DataFrame:
    """Each journey (`trip`, `first_day`, `last_day`) with, for each of the `COUNTERPARTS`, whether the
    meeting record (`in_person` rows of meetings.csv) holds a meeting with him between its first and last day
    (`met_in_record_<leader>`; the journeys' own `met_` flags are the travel record's remarks, which name fewer)."""
    met = {
        f"met_in_record_{leader.lower()}": [
            bool(((in_person_meetings["counterpart"] == leader) & in_person_meetings["date"].between(first, last)).any())
            for first, last in zip(journeys["first_day"], journeys["last_day"], strict=True)
        ]
        for leader in COUNTERPARTS
    }
    return journeys[["trip", "first_day", "last_day"]].assign(**met)


def encounters_until(
    meetings: pd.DataFrame, counterpart: str, start: pd.Timestamp, end: pd.Timestamp, kinds: tuple[str, ...] = IN_PERSON_KINDS
) -> int:
    """Counted in-person meetings of `kinds` with one leader from `start` to `end` (both included)."""
    rows = in_person(meetings, Span(start, end))
    return int(((rows["counterpart"] == counterpart) & rows["kind"].isin(kinds)).sum())
