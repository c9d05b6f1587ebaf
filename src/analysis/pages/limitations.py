"""Limitations: what the data cannot show, with the numbers that say how much."""

from __future__ import annotations

from analysis.evidence import casualties, settlements
from analysis.evidence.windows import within
from analysis.pages import common
from analysis.report.glue import Section, counted, in_series, number, text


def limits() -> Section:
    """Plans under-captured, casualty records' gaps and under-counts."""
    records = common.casualty_records()
    benchmarks = common.benchmarks_by_role(records)
    flags = casualties.quality_flags(records, common.window("records_audit"), common.under_counted(records))
    talks = within(common.table("settlement_announcements"), "date", common.window("talks"))
    dated_plans = settlements.counted_plan_units(talks)
    peacenow_plans = int(common.table("peacenow_totals").set_index("metric").at["plans_total", "value"])
    return Section(
        numbers={
            "dated_plans": number(dated_plans),
            "peacenow_plans": number(peacenow_plans),
            "plans_share": number(100 * dated_plans / peacenow_plans),
            "israelis_records": number(int(benchmarks.at["war_israelis_published", "records"])),
            "israelis_published": number(int(benchmarks.at["war_israelis_published", "value"])),
            "israelis_2013_ocha": number(int(benchmarks.at["israelis_2013", "value"])),
            "israelis_2013_records": number(int(benchmarks.at["israelis_2013", "records"])),
            "unconfirmed_records": text(
                unconfirmed_in_words(
                    int((common.table("meetings")["audit_status"] == "unconfirmed").sum()),
                    int((common.table("events")["audit_status"] == "unconfirmed").sum()),
                )
            ),
            "undated_sources": number(int((common.table("sources")["date"] == "n.d.").sum())),
            "empty_months": text(in_series([f"{month:%B %Y}" for month in flags.loc[flags["records"] == 0, "month"]])),
        },
    )


def unconfirmed_in_words(meetings: int, events: int) -> str:
    """The rows the press audit could neither confirm nor contradict, the verb agreeing ("1 event found no report
    either way and is marked unconfirmed"); a kind with none is left out ("1 meetings" was printed for one)."""
    found = [
        counted(count, one, many).text for count, one, many in ((meetings, "meeting", "meetings"), (events, "event", "events")) if count
    ]
    if not found:
        return "every meeting and event found a report"
    one = meetings + events == 1
    return f"{in_series(found)} found no report either way and {'is' if one else 'are'} marked unconfirmed"
