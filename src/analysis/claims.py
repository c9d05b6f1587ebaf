"""The claims ledger: each quantitative claim in the account, the value the
project's data give for it, and a computed verdict."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis import casualties, coalition, meetings, prisoners, settlements, tables, travels

TOLERANCE_ABOUT = 0.10
NEARLY_RANGE = (0.85, 1.0)


def _seats(party: str) -> int:
    knesset = coalition.knesset()
    return int(knesset.loc[knesset["party"] == party, "seats"].iloc[0])


def _killed_in_gaza_by_israeli_forces(start: str, end: str) -> int:
    records = casualties.in_window(casualties.read_records(), start, end)
    return int(
        (
            (records["citizenship"] == "Palestinian")
            & (records["event_location_region"] == "Gaza Strip")
            & (records["killed_by"] == "Israeli security forces")
        ).sum()
    )


def _qalandiya() -> int:
    records = casualties.in_window(casualties.read_records(), "2013-08-26", "2013-08-26")
    return int(records["event_location"].str.startswith("Qalandia").sum())


def _tranche_count() -> int:
    releases = prisoners.releases()
    counts = releases.loc[releases["tranche"] > 0, "count"].unique()
    if len(counts) != 1:
        raise ValueError(f"tranches differ in size: {sorted(counts)}")
    return int(counts[0])


def _months_between(start: str, end: str) -> float:
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    return (last.year - first.year) * 12 + (last.month - first.month) + (last.day - first.day) / 30.4


EVIDENCE: dict[str, tuple[Callable[[], float], str]] = {
    "prisoners_agreed_total": (lambda: prisoners.agreed_total(prisoners.releases()), "prisoner_releases.csv: tranche 0 (cabinet decision)"),
    "prisoners_per_tranche": (_tranche_count, "prisoner_releases.csv: prisoners in each tranche"),
    "prisoners_released_total": (lambda: prisoners.released_total(prisoners.releases()), "prisoner_releases.csv: released tranches"),
    "tranche_4_scheduled_day": (
        lambda: int(prisoners.releases().set_index("tranche").at[4, "scheduled_date"].day),
        "prisoner_releases.csv: the day of March 2014 the fourth tranche was due",
    ),
    "tenders_units_during_talks": (
        lambda: settlements.new_tender_units(settlements.during_talks(settlements.announcements()), "units_west_bank"),
        "settlement_announcements.csv: new tender units in the West Bank, 29 Jul 2013 - 29 Apr 2014",
    ),
    "gilo_units_1_apr_2014": (
        lambda: int(settlements.announcements().set_index("announcement_id").at["S11", "units_east_jerusalem"]),
        "settlement_announcements.csv: the 1 Apr 2014 Gilo tender (S11)",
    ),
    "kerry_trips_region_before_announcement": (
        lambda: len(travels.region_journeys(travels.kerry_stops(), meetings.FIRST_DAY, "2013-07-19")),
        "Office of the Historian travel record: journeys with a stop in Israel, the PA or Jordan, 20 Mar - 19 Jul 2013",
    ),
    "meeting_ratio_netanyahu_to_abbas": (
        meetings.primary_ratio,
        "meetings.csv: distinct in-person meeting days with each leader, 20 Mar 2013 - 29 Apr 2014 (other definitions in chapter 3)",
    ),
    "knesset_seats_jewish_home": (lambda: _seats("The Jewish Home"), "knesset_2013.csv: seats won in January 2013"),
    "knesset_seats_labor": (lambda: _seats("Labor"), "knesset_2013.csv: seats won in January 2013"),
    "coalition_seats_short_without_jewish_home": (
        lambda: coalition.seats_short_without(coalition.knesset(), "The Jewish Home"),
        "knesset_2013.csv: 61 minus the coalition's seats without Jewish Home",
    ),
    "killed_gaza_8_to_17_jul_2014": (
        lambda: _killed_in_gaza_by_israeli_forces("2014-07-08", "2014-07-17"),
        "B'Tselem records: Palestinians killed by Israeli forces in Gaza, 8-17 Jul 2014 (any means, not only airstrikes)",
    ),
    "killed_qalandiya_26_aug_2013": (_qalandiya, "B'Tselem records: people killed in Qalandiya on 26 Aug 2013"),
    "years_since_june_1967": (lambda: 2014 - 1967, "arithmetic: June 1967 to July 2014"),
    "talks_length_months": (lambda: round(_months_between(*meetings.TALKS)), "arithmetic: 29 Jul 2013 to 29 Apr 2014"),
    "obama_trip_days": (
        lambda: int(
            (lambda trip: (trip["end"].max() - trip["start"].min()).days + 1)(
                travels.obama_stops().query("country_id == 'israel' and start >= '2013-03-01' and start <= '2013-03-31'")
            )
        ),
        "Office of the Historian: Obama's stop in Israel, March 2013",
    ),
}


EVIDENCE_FIGURES = {
    "prisoners_agreed_total": "collapse.html#fig-collapse-prisoners",
    "prisoners_per_tranche": "collapse.html#fig-collapse-prisoners",
    "prisoners_released_total": "collapse.html#fig-collapse-prisoners",
    "tranche_4_scheduled_day": "collapse.html#fig-collapse-prisoners",
    "tenders_units_during_talks": "resumption.html#fig-resumption-promise",
    "gilo_units_1_apr_2014": "collapse.html#fig-collapse-east-jerusalem",
    "kerry_trips_region_before_announcement": "reset.html#fig-reset-shuttle",
    "obama_trip_days": "reset.html#fig-reset-shuttle",
    "meeting_ratio_netanyahu_to_abbas": "framework.html#fig-framework-asymmetry",
    "knesset_seats_jewish_home": "framework.html#fig-framework-coalition",
    "knesset_seats_labor": "framework.html#fig-framework-coalition",
    "coalition_seats_short_without_jewish_home": "framework.html#fig-framework-coalition",
    "killed_gaza_8_to_17_jul_2014": "collapse.html#fig-collapse-casualties",
    "killed_qalandiya_26_aug_2013": "resumption.html#fig-resumption-casualties",
}


def verdict(claimed: float, comparison: str, evidence: float) -> str:
    """consistent / inconsistent: does the evidence satisfy the claim as worded?"""
    tests = {
        "=": lambda: evidence == claimed,
        ">": lambda: evidence > claimed,
        ">=": lambda: evidence >= claimed,
        "<": lambda: evidence < claimed,
        "about": lambda: abs(evidence - claimed) <= TOLERANCE_ABOUT * claimed,
        "nearly": lambda: NEARLY_RANGE[0] * claimed <= evidence <= NEARLY_RANGE[1] * claimed,
    }
    return "consistent" if tests[comparison]() else "inconsistent"


def ledger() -> pd.DataFrame:
    """Every claim with its evidence value, the evidence's basis and the verdict."""
    claims = tables.load("claims")
    unknown = sorted(set(claims["evidence_method"]) - set(EVIDENCE) - {"none"})
    if unknown:
        raise ValueError(f"claims.csv names evidence methods the project does not implement: {unknown}")
    computed = {method: function() for method, (function, _) in EVIDENCE.items() if method in set(claims["evidence_method"])}
    rows = []
    for claim in claims.itertuples():
        if claim.evidence_method == "none":
            rows.append((pd.NA, "", "not checkable", claim.not_checkable_reason))
            continue
        value = computed[claim.evidence_method]
        rows.append((value, EVIDENCE[claim.evidence_method][1], verdict(claim.claimed_value, claim.comparison, value), ""))
    evidence = pd.DataFrame(rows, columns=["evidence_value", "evidence_basis", "verdict", "reason"], index=claims.index)
    ledger = pd.concat([claims, evidence], axis=1)
    ledger["evidence_figure"] = ledger["evidence_method"].map(EVIDENCE_FIGURES).fillna("")
    return ledger
