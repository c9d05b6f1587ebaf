"""The introduction: the numbers at a glance and the linked timeline."""

from __future__ import annotations

from analysis.evidence import casualties, claims, events, meetings, overview, prisoners, settlements, travels
from analysis.evidence.windows import Span, within
from analysis.pages import common
from analysis.report import timeline
from analysis.report.glue import Figure, Section, number, text

PUBLISHED_PALESTINIANS, PUBLISHED_ISRAELIS = "B06", "B09"


def at_a_glance() -> Section:
    """The headline numbers of the book, each computed by its chapter's method."""
    releases = common.table("prisoner_releases")
    talks = within(common.table("settlement_announcements"), "date", common.window("talks"))
    counts = settlements.promise_against_counts(talks, common.table("peacenow_totals")).set_index("count")["units"]
    asymmetry = meetings.asymmetry(common.table("meetings"), common.kerry_stops(), common.meeting_definitions()).set_index("definition")
    benchmarks = casualties.benchmarks_with_records(common.table("casualty_benchmarks"), common.casualty_records()).set_index(
        "benchmark_id"
    )
    verdicts = common.ledger()["verdict"].value_counts()
    return Section(
        numbers={
            "trips_before_announcement": number(len(travels.region_journeys(common.kerry_stops(), common.window("reset")))),
            "days_netanyahu": number(asymmetry.at[meetings.PRIMARY_DEFINITION, "netanyahu"]),
            "days_abbas": number(asymmetry.at[meetings.PRIMARY_DEFINITION, "abbas"]),
            "prisoners_released": number(prisoners.released_total(releases)),
            "prisoners_agreed": number(prisoners.agreed_total(releases)),
            "wb_tenders": number(counts["wb_tenders_dated"]),
            "units_promoted": number(counts["all_units_peacenow"]),
            "gaza_war_killed": number(int(benchmarks.at[PUBLISHED_PALESTINIANS, "value"])),
            "israelis_killed_war": number(int(benchmarks.at[PUBLISHED_ISRAELIS, "value"])),
            "claims_total": number(int(verdicts.sum())),
            "claims_consistent": number(int(verdicts.get("consistent", 0))),
            "claims_inconsistent": number(int(verdicts.get("inconsistent", 0))),
            "claims_under_a_definition": number(int(verdicts.get(claims.UNDER_A_DEFINITION, 0))),
            "claims_unchecked": number(int(verdicts.get("not checkable", 0))),
            "events_count": number(len(events.audited(common.table("events")))),
        },
    )


def whole_period() -> Section:
    """Meetings, settlement units, prisoners and deaths by month under the phases."""
    period = common.window("timeline")
    series = overview.monthly_series(
        period,
        Span(common.window("account").start, period.end),
        common.table("meetings"),
        common.table("settlement_announcements"),
        common.table("prisoner_releases"),
        common.casualty_records(),
    )
    phases = common.phases()[["phase", "label", "start", "end"]]
    records = common.casualty_records()
    flags = casualties.quality_flags(records, period, common.window("gaza_war"))
    gaps = flags.loc[flags["records"] == 0, "month"]
    chart = timeline.linked_timeline(series, phases, period.bounds, overview.PANELS, gaps)
    named = [f"{month:%B %Y}" for month in gaps]
    return Section(
        numbers={
            "timeline_months_without_records": text(", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else "".join(named))
        },
        figures=(Figure("fig_intro_timeline", chart, series, "Data behind the figure: monthly series"),),
    )
