"""The claims ledger: each quantitative claim in the account, the value the
project's data give for it, and a computed verdict.

How each claim is checked lives in data: `claims.csv` names an evidence
method, and `evidence_methods.csv` gives that method's function, period and
parameter. The functions here are named, take the evidence base and return a
number; none holds a date, a window or a claimed value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analysis.errors import DataError
from analysis.evidence import casualties, coalition, meetings, prisoners, settlements, travels
from analysis.evidence.memo import pure
from analysis.evidence.windows import Span, Window, within

TOLERANCE_ABOUT = 0.10
# A calendar year said loosely ("the mid-'70s", about 1975) is off by years, not
# by a tenth of the year's number.
CALENDAR_UNITS = ("year", "decade")
ABOUT_YEARS = 2
NEARLY_RANGE = (0.85, 1.0)
NOT_CHECKABLE = "none"
# The specification curve's reading of a claim: the option of each dimension the account most plausibly meant.
ACCOUNT_READING = "account_reading"


@dataclass(frozen=True)
class EvidenceBase:
    """Every frame the ledger reads, loaded by the pages tier."""

    claims: pd.DataFrame
    methods: pd.DataFrame
    periods: pd.DataFrame
    releases: pd.DataFrame
    announcements: pd.DataFrame
    knesset: pd.DataFrame
    meetings: pd.DataFrame
    records: pd.DataFrame
    kerry_stops: pd.DataFrame
    obama_stops: pd.DataFrame
    facts: pd.DataFrame
    events: pd.DataFrame
    meeting_specifications: pd.DataFrame

    def window(self, name: str) -> Span:
        return self.windows()[name]

    def windows(self) -> dict[str, Span]:
        return {row.period: Span(row.start, row.end) for row in self.periods.itertuples()}

    def meeting_curve(self) -> pd.DataFrame:
        return meetings.specification_curve(self.meetings, meetings.specifications(self.meeting_specifications, self.windows()))

    def meeting_reading(self) -> meetings.Specification:
        return meetings.account_reading(self.meeting_specifications, self.windows())


Evidence = Callable[[EvidenceBase, Window | None, str], float]


def prisoners_agreed(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return prisoners.agreed_total(base.releases)


def prisoners_per_tranche(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return prisoners.tranche_size(base.releases)


def prisoners_released(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return prisoners.released_total(base.releases)


def convicted_of_killing_at_most(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """The most of the prisoners agreed who can have been convicted of a killing: all of them less the prisoners
    a report gives as convicted of other offences (parameter: one fact per tranche whose list was reported with
    every prisoner's offence, `fact|fact`, each its prisoners convicted of a killing); a prisoner of unknown
    offence counts as possibly a killer."""
    facts = base.facts.set_index("fact_id")["value"]
    convicted_otherwise = sum(prisoners.tranche_size(base.releases) - float(facts.at[fact]) for fact in parameter.split("|"))
    return prisoners.agreed_total(base.releases) - convicted_otherwise


def tranche_scheduled_day(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return prisoners.scheduled_day(base.releases, int(parameter))


def new_tender_units_west_bank(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return settlements.new_tender_units(within(base.announcements, "date", period), "units_west_bank")


def announcement_units_east_jerusalem(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return int(base.announcements.set_index("announcement_id").at[parameter, "units_east_jerusalem"])


def region_journeys(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return len(travels.region_journeys(base.kerry_stops, period))


def meeting_ratio(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """Netanyahu / Abbas under one specification of the curve: `account_reading` or a specification key."""
    curve = base.meeting_curve().set_index("specification")
    key = base.meeting_reading().key if parameter == ACCOUNT_READING else parameter
    return float(curve.at[key, "ratio_netanyahu_to_abbas"])


def party_seats(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return coalition.party_seats(base.knesset, parameter)


def parties_restoring_majority(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """Opposition parties whose seats alone would restore the majority: parameter `leaving|besides`."""
    leaving, besides = parameter.split("|")
    return len(coalition.parties_restoring_majority(base.knesset, leaving, besides))


def seats_short_without(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return coalition.seats_short_without(base.knesset, parameter)


def killed_in_gaza_by_israeli_forces(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return casualties.killed(
        base.records, period, citizenship="Palestinian", event_location_region="Gaza Strip", killed_by="Israeli security forces"
    )


def killed_at_place(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return casualties.killed_at_place(base.records, period, parameter)


def calendar_years(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return period.end.year - period.start.year


def years(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """Years from the start to the end of the period (days over 365.25), to two decimals: the time left
    or gone, where `calendar_years` counts the change of year."""
    return round((period.end - period.start).days / 365.25, 2)


def calendar_months(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """Calendar months from the start's month to the end's ("the following month": March to April is 1), where
    `months` counts the days between."""
    return float((period.end.year - period.start.year) * 12 + period.end.month - period.start.month)


def months(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """Months from the start to the end of the period, to one decimal."""
    first, last = period.start, period.end
    return round((last.year - first.year) * 12 + (last.month - first.month) + (last.day - first.day) / 30.4, 1)


def obama_days_in_israel(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return travels.days_in_country(base.obama_stops, period, "israel")


def reference_value(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    return float(base.facts.set_index("fact_id").at[parameter, "value"])


def reference_value_at_least(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """Reference facts that count what their records show and may have missed more (the conferences before
    Baker's, each with its own record: parameter `fact_id|fact_id`), summed: a floor, which the ledger gives
    as "at least"."""
    return sum(reference_value(base, period, fact) for fact in parameter.split("|"))


def reported_count_per_week(base: EvidenceBase, period: Window, parameter: str) -> float:
    """How often the sessions a report counts came, per week, to two decimals: the count (parameter `fact_id`, a
    reference fact dated the period's last day) less one, the gaps between them, over the weeks of the period,
    which starts at the first of them (an event: the rule of evidence_methods.csv). Sixteen sessions from the
    first to the sixteenth are fifteen weeks apart when they are weekly, not sixteen. Refused for a fact of
    another day, which counts another span."""
    fact = base.facts.set_index("fact_id").loc[parameter]
    if fact["date"] != period.end:
        raise DataError(
            f"evidence_methods.csv, parameter {parameter}: the fact is dated {fact['date']:%Y-%m-%d},"
            f" not the period's last day {period.end:%Y-%m-%d}"
        )
    return round((float(fact["value"]) - 1) / ((period.end - period.start).days / 7), 2)


def _event_date(base: EvidenceBase, event_id: str) -> pd.Timestamp:
    return base.events.set_index("event_id").at[event_id, "date"]


def _event_day(base: EvidenceBase, event_id: str) -> pd.Timestamp:
    """An event's date, refused for an event known only to its month, which has no day to count from or to."""
    if base.events.set_index("event_id").at[event_id, "date_precision"] == "month":
        raise DataError(f"evidence_methods.csv, parameter naming {event_id}: the event is known only to its month, not its day")
    return _event_date(base, event_id)


def _fact_to_event(base: EvidenceBase, parameter: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """A dated fact's day and an event's, from a parameter `fact_id|event_id`."""
    fact_id, event_id = parameter.split("|")
    return base.facts.set_index("fact_id").at[fact_id, "date"], _event_day(base, event_id)


def travel_stop_days(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """Days of one stop of Kerry's official travel record, its first and last both counted: parameter its
    `stop_id` (K37's Paris stop of 19-20 Feb 2014 had been typed as a fact of 2 days beside the record)."""
    stop = base.kerry_stops.set_index("stop_id").loc[int(parameter)]
    return float((stop["end"] - stop["start"]).days + 1)


def whole_years_between(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """Whole years from a dated fact to an event (an age, a term): parameter `fact_id|event_id`."""
    start, end = _fact_to_event(base, parameter)
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def days_since_anniversary(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """Days from the last anniversary of a dated fact (a birthday) to an event, the anniversary's day counted as
    none: parameter `fact_id|event_id`."""
    start, end = _fact_to_event(base, parameter)
    anniversary = pd.Timestamp(end.year, start.month, start.day)
    if anniversary > end:
        anniversary = pd.Timestamp(end.year - 1, start.month, start.day)
    return (end - anniversary).days


def year_ordinal_between(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """Which year (first, second, ...) is running at an event, counted from a dated fact: whole years plus one."""
    return whole_years_between(base, period, parameter) + 1


def event_day(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """The day of the month of an event as the press audit dates it: parameter `E0xx`."""
    return float(_event_day(base, parameter).day)


def event_month(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """The month (1 to 12) of an event as the press audit dates it, in the year its claim names (parameter
    `E0xx|year`): refused for an event of another year, whose month the ledger would write in the wrong one."""
    event_id, year = parameter.split("|")
    date = _event_date(base, event_id)
    if date.year != int(year):
        raise DataError(f"evidence_methods.csv, parameter {parameter}: event {event_id} falls in {date.year}, not {year}")
    return float(date.month)


def _record_day(base: EvidenceBase, record_id: str) -> pd.Timestamp:
    """The day of an event (`E…`, known to its day) or of a meeting (`M…`, always dated to its day)."""
    if record_id.startswith("M"):
        return base.meetings.set_index("meeting_id").at[record_id, "date"]
    return _event_day(base, record_id)


def days_between_events(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """Days from one event or meeting to another: parameter `E0xx|E0yy` (an `M0zz` meeting for either), counted
    from the tables, not typed as a fact beside them."""
    first, second = parameter.split("|")
    days = (_record_day(base, second) - _record_day(base, first)).days
    if days < 0:
        raise ValueError(f"{second} comes {-days} day(s) before {first}: the events are named in the wrong order")
    return days


def killed(base: EvidenceBase, period: Window | None, parameter: str) -> float:
    """People killed within the period whose records match `column=value;...`."""
    filters = dict(condition.split("=", 1) for condition in parameter.split(";") if condition)
    return casualties.killed(base.records, period, **filters)


FUNCTIONS: dict[str, Evidence] = {
    function.__name__: function
    for function in (
        prisoners_agreed,
        prisoners_per_tranche,
        prisoners_released,
        convicted_of_killing_at_most,
        tranche_scheduled_day,
        new_tender_units_west_bank,
        announcement_units_east_jerusalem,
        region_journeys,
        meeting_ratio,
        party_seats,
        parties_restoring_majority,
        seats_short_without,
        killed_in_gaza_by_israeli_forces,
        killed_at_place,
        calendar_years,
        years,
        calendar_months,
        months,
        obama_days_in_israel,
        travel_stop_days,
        reference_value,
        reference_value_at_least,
        reported_count_per_week,
        whole_years_between,
        days_since_anniversary,
        year_ordinal_between,
        event_day,
        event_month,
        days_between_events,
        killed,
    )
}

# Functions whose value is the most the evidence allows, not a count: the ledger says "at most";
# and those whose value is the least it shows: "at least".
UPPER_BOUNDS = frozenset({convicted_of_killing_at_most.__name__})
LOWER_BOUNDS = frozenset({reference_value_at_least.__name__})


def rounding_unit(claimed: float) -> float:
    """The unit a round figure is written to: 30 to tens, 2,000 to thousands, 3 to ones."""
    whole = int(claimed)
    if whole != claimed or whole == 0:
        return 1.0
    unit = 1
    while whole % (unit * 10) == 0:
        unit *= 10
    return float(unit)


def claim_band(claimed: float, comparison: str, unit: str = "") -> tuple[float, float]:
    """The values a claim admits, both ends included, from how it is written: "=" and "ordinal" the value
    itself; "rounded" (three hours, thirty years) half its rounding unit either side; "about" within 10%
    (a calendar year, `unit` "year", within ABOUT_YEARS either side); "nearly" 85% to 100% of it; ">",
    ">=" and "<" open on one side."""
    if comparison in ("=", "ordinal"):
        return claimed, claimed
    if comparison == "rounded":
        half = rounding_unit(claimed) / 2
        return claimed - half, claimed + half
    if comparison == "about" and unit in CALENDAR_UNITS:
        return claimed - ABOUT_YEARS, claimed + ABOUT_YEARS
    if comparison == "about":
        return claimed * (1 - TOLERANCE_ABOUT), claimed * (1 + TOLERANCE_ABOUT)
    if comparison == "nearly":
        return NEARLY_RANGE[0] * claimed, NEARLY_RANGE[1] * claimed
    if comparison == ">":
        return math.nextafter(claimed, math.inf), math.inf
    if comparison == ">=":
        return claimed, math.inf
    return -math.inf, math.nextafter(claimed, -math.inf)


def bound_settles(bound: str, value: float, band: tuple[float, float]) -> bool:
    """Whether evidence that is only a bound settles a claim admitting `band`: a ceiling ("at most") below the
    band, or within a band open below ("fewer than"); a floor ("at least") above the band, or within a band open
    above ("more than"). Anywhere else the true value could lie inside the band or beyond it."""
    low, high = band
    if bound == "at most":
        return value < low or (low == -math.inf and value <= high)
    return value > high or (high == math.inf and value >= low)


def verdict(claimed: float, comparison: str, evidence: float, unit: str = "") -> str:
    """consistent / inconsistent: does the evidence fall in the band the claim's wording admits?"""
    low, high = claim_band(claimed, comparison, unit)
    return "consistent" if low <= evidence <= high else "inconsistent"


def reaches(claimed: float, comparison: str, evidence: float) -> bool:
    """Does the evidence bear the claim out at least as far as it goes (inside its band or beyond its top)?"""
    return evidence >= claim_band(claimed, comparison)[0]


def counted_over(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """The days a count is made over, as the book writes a range: "counted on 26 Aug 2013",
    "counted within 1 Sep–31 Oct 2013", "counted within 29 Jul 2013–29 Apr 2014"."""
    if start == end:
        return f"counted on {end:%-d %b %Y}"
    return f"counted within {start:%-d %b}{'' if start.year == end.year else f' {start:%Y}'}–{end:%-d %b %Y}"


def evidence_values(base: EvidenceBase) -> pd.DataFrame:
    """One row per evidence method used by a claim: its value, basis and figure."""
    used = (set(base.claims["evidence_method"]) | set(base.claims["alternative_method"].dropna())) - {NOT_CHECKABLE}
    rows = []
    for method in base.methods[base.methods["method"].isin(used)].itertuples():
        period = base.window(method.period) if pd.notna(method.period) else None
        parameter = "" if pd.isna(method.parameter) else str(method.parameter)
        try:
            value = FUNCTIONS[method.function](base, period, parameter)
        except (KeyError, IndexError, ValueError, TypeError, ZeroDivisionError) as error:
            # A parameter that names nothing (a mistyped place, party or id) is the table's error, named there.
            if not parameter:  # nothing in the table to blame: a fault of the code, raised as it is
                raise
            raise DataError(
                f"evidence_methods.csv, method {method.method}, column 'parameter': value {parameter!r} gives {method.function}"
                f" nothing to count ({type(error).__name__}: {error})"
            ) from None
        # The period is the one the method counts within (a chapter's window, or the interval it measures), named as
        # such: "(period: 20 Mar 2013 – 19 Jul 2013)" after a three-day trip read as the trip's length.
        basis = method.basis if period is None else f"{method.basis} ({counted_over(period.start, period.end)})"
        rows.append((method.method, value, basis, "" if pd.isna(method.figure) else method.figure))
    return pd.DataFrame(rows, columns=["method", "value", "basis", "figure"])


CONSISTENT, INCONSISTENT, UNDER_A_DEFINITION, NOT_CHECKED = (
    "consistent",
    "inconsistent",
    "consistent under one definition",
    "not checkable",
)
VERDICTS = (CONSISTENT, UNDER_A_DEFINITION, INCONSISTENT, NOT_CHECKED)


def logged_verdict(text: str) -> str | None:
    """The verdict a correction's text gives first ("consistent under one definition (0.88 ...)"), the longest
    that it starts with; None if it starts with none."""
    given = [verdict for verdict in VERDICTS if text.casefold().startswith(verdict)]
    return max(given, key=len) if given else None


def verdicts_not_logged(table: pd.DataFrame, corrections: pd.DataFrame) -> list[tuple[str, str, str | None, str]]:
    """The claims whose latest correction of their verdict (corrections.csv, kind `verdict`) gives another verdict
    than the ledger finds: (correction_id, claim_id, the verdict it logged, the verdict found)."""
    verdicts = table.set_index("claim_id")["verdict"]
    latest = corrections[corrections["kind"] == "verdict"].groupby("subject").tail(1)
    return [
        (row.correction_id, row.subject, logged_verdict(row.after), verdicts[row.subject])
        for row in latest.itertuples()
        if row.subject in verdicts.index and logged_verdict(row.after) != verdicts[row.subject]
    ]


def combined_verdict(primary: str, alternative: str | None, kind: str | None) -> str:
    """The claim's verdict: from the better evidence alone when the alternative is
    weaker evidence; when it is another definition, consistent only if both
    definitions agree with the claim, consistent under one definition if one does."""
    if alternative is None or kind == "weaker evidence":
        return primary
    if primary == alternative:
        return primary
    return UNDER_A_DEFINITION


@pure
def ledger(base: EvidenceBase) -> pd.DataFrame:
    """Every claim with its evidence value (and the alternative's), the evidence's basis and the verdict."""
    values = evidence_values(base).set_index("method")
    table = base.claims.copy()
    table["evidence_value"] = table["evidence_method"].map(values["value"])
    table["evidence_basis"] = table["evidence_method"].map(values["basis"]).fillna("")
    table["evidence_figure"] = table["evidence_method"].map(values["figure"]).fillna("")
    table["alternative_value"] = table["alternative_method"].map(values["value"])
    table["alternative_basis"] = table["alternative_method"].map(values["basis"]).fillna("")
    bounded = set(base.methods.loc[base.methods["function"].isin(UPPER_BOUNDS), "method"])
    table["evidence_at_most"] = table["evidence_method"].isin(bounded)
    table["evidence_at_least"] = table["evidence_method"].isin(set(base.methods.loc[base.methods["function"].isin(LOWER_BOUNDS), "method"]))
    curve_claims = set(base.methods.loc[base.methods["function"] == meeting_ratio.__name__, "method"])
    curve = base.meeting_curve() if table["evidence_method"].isin(curve_claims).any() else None
    verdicts, reaching, total = [], [], []
    for row in table.itertuples():
        if row.evidence_method == NOT_CHECKABLE:
            verdicts.append(NOT_CHECKED)
            reaching.append(pd.NA)
            total.append(pd.NA)
            continue
        bound = "at most" if row.evidence_at_most else "at least" if row.evidence_at_least else None
        if bound and not bound_settles(bound, row.evidence_value, claim_band(row.claimed_value, row.comparison, row.unit)):
            raise ValueError(
                f"claims.csv, claim {row.claim_id}, column evidence_method: {row.evidence_method} gives {bound} "
                f"{row.evidence_value:g}, which leaves the claim open either way, so it cannot settle it"
            )
        primary = verdict(row.claimed_value, row.comparison, row.evidence_value, row.unit)
        alternative = (
            verdict(row.claimed_value, row.comparison, row.alternative_value, row.unit) if pd.notna(row.alternative_method) else None
        )
        if row.evidence_method in curve_claims:
            reached = int(curve["ratio_netanyahu_to_abbas"].map(lambda r, c=row: reaches(c.claimed_value, c.comparison, r)).sum())
            reaching.append(reached)
            total.append(len(curve))
            alternative = CONSISTENT if reached else INCONSISTENT
            verdicts.append(combined_verdict(primary, alternative, "another definition"))
            continue
        reaching.append(pd.NA)
        total.append(pd.NA)
        verdicts.append(combined_verdict(primary, alternative, None if pd.isna(row.alternative_kind) else row.alternative_kind))
    table["verdict"] = verdicts
    table["specifications_reaching"] = pd.array(reaching, dtype="Int64")
    table["specifications_total"] = pd.array(total, dtype="Int64")
    table["reason"] = table["not_checkable_reason"].fillna("")
    return table


def verdict_of(ledger: pd.DataFrame, claim_id: str) -> str:
    """The ledger's verdict for one claim."""
    return str(ledger.set_index("claim_id").at[claim_id, "verdict"])


def claim(ledger: pd.DataFrame, claim_id: str) -> pd.Series:
    """One claim's row of the ledger (its quote, claimed value and comparison)."""
    return ledger.set_index("claim_id").loc[claim_id]
