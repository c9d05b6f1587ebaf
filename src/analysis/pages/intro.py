"""The introduction: what the book found (its verdicts and headline numbers) and the linked timeline."""

from __future__ import annotations

import pandas as pd

from analysis.data import edition, schemas
from analysis.evidence import casualties, claims, events, meetings, overview, prisoners, settlements, travels
from analysis.evidence.windows import Span, within
from analysis.pages import claims_ledger, common, reset
from analysis.report import timeline
from analysis.report.charts import lower_bounds_sentence
from analysis.report.glue import (
    Figure,
    Section,
    cell_text,
    counted,
    in_series,
    in_words,
    months,
    months_from_to,
    number,
    of_the_whole,
    text,
    typeset,
    unit_agreeing,
)
from analysis.report.ledger import FactBox


def reading_counts() -> pd.Series:
    """Kerry's meetings with each leader (`netanyahu`, `abbas`) under the account's most plausible reading."""
    base = common.evidence_base()
    return base.meeting_curve().set_index("specification").loc[base.meeting_reading().key]


def at_a_glance() -> Section:
    """The headline numbers of the book, each computed by its chapter's method (shown by `what_we_found`)."""
    releases = common.table("prisoner_releases")
    talks = within(common.table("settlement_announcements"), "date", common.window("talks"))
    counts = settlements.promise_against_counts(talks, common.table("peacenow_totals")).set_index("count")["units"]
    reading = reading_counts()
    benchmarks = common.benchmarks_by_role(common.casualty_records())
    recorded = common.table("events")
    audited = events.audited(recorded)
    return Section(
        numbers={
            "trips_before_announcement": number(len(travels.region_journeys(common.kerry_stops(), common.window("reset")))),
            "meetings_netanyahu": number(reading["netanyahu"]),
            "meetings_abbas": number(reading["abbas"]),
            "prisoners_released": number(prisoners.released_total(releases)),
            "prisoners_agreed": number(prisoners.agreed_total(releases)),
            "wb_tenders": number(counts["wb_tenders_dated"]),
            "units_promoted": number(counts["all_units_peacenow"]),
            "gaza_war_killed": number(int(benchmarks.at["war_palestinians_published", "value"])),
            "israelis_killed_war": number(int(benchmarks.at["war_israelis_published", "value"])),
            "events_count": number(len(audited)),
            "events_recorded": number(len(recorded)),
            "events_contradicted": number(len(recorded) - len(audited)),
        },
    )


def events_label(recorded: float, contradicted: float) -> str:
    """What the glance box's count of events counts: events.csv's rows less those the press audit contradicts."""
    if not contradicted:
        return f"dated events in the evidence base: all {recorded:,.0f} recorded, none contradicted by contemporaneous reports"
    return (
        f"dated events in the evidence base: the {recorded:,.0f} recorded, "
        f"less the {contradicted:,.0f} that contemporaneous reports contradict"
    )


def verdict_summary(table: pd.DataFrame) -> str:
    """How many claims hold, hold under one definition, do not, and cannot be checked, in one sentence."""
    verdicts = table["verdict"].value_counts()
    held, under = int(verdicts.get(claims.CONSISTENT, 0)), int(verdicts.get(claims.UNDER_A_DEFINITION, 0))
    failed, unchecked = int(verdicts.get(claims.INCONSISTENT, 0)), int(verdicts.get(claims.NOT_CHECKED, 0))
    return (
        f"The account makes {counted(len(table), 'claim', 'claims').text} of number, date or quantity. "
        f"Public records settle {len(table) - unchecked:,}: {counted(held, 'holds', 'hold').text} as written, "
        f"{under:,} more under some ways of counting but not others, and {counted(failed, 'does not', 'do not').text}; "
        f"no public record settles the other {unchecked:,}."
    )


def disagreement(row: pd.Series) -> str:
    """An inconsistent claim in one line: what was claimed, what the evidence shows and how far it is from what the wording admits."""
    low, high = claims.claim_band(row["claimed_value"], row["comparison"], row["unit"])
    above = row["evidence_value"] > high
    gap = row["evidence_value"] - high if above else low - row["evidence_value"]
    # A ceiling below the claim, or a floor above it, is at least so far from it.
    at_least = "at least " if row["evidence_at_most"] or row["evidence_at_least"] else ""
    if claims_ledger.MONTH_OF.fullmatch(row["unit"]):
        distance = f"{at_least}{number(gap).text} {unit_agreeing(gap, 'months')} {'later' if above else 'earlier'} than the wording admits"
    else:
        distance = f"{at_least}{cell_text(float(gap))} {'above' if above else 'below'} what the wording admits"
    shown = claims_ledger.evidence_quantity(row)
    return f"{row['subject']}: claimed {claims_ledger.claimed_words(row)}; the evidence shows {shown}, {distance}."


def headline(row: pd.Series, counts: str) -> str:
    """The claim tested under every specification: its reading's counts (`counts`, in words) and ratio, and how
    many specifications reach it."""
    reaching, total = int(row["specifications_reaching"]), int(row["specifications_total"])
    return (
        f"{row['subject']}: the account says “{row['seed_quote']}”. Under its most plausible reading the evidence shows "
        f"{counts}, a ratio of {number(row['evidence_value'], 2).text}; "
        f"{of_the_whole(reaching, total, 'ways of counting', ('reaches', 'reach'))} the claim ({number(100 * reaching / total).text}%), "
        f"so it is {row['verdict']}."
    )


def typeset_labels(*tiles: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """The glance box's tiles, each label in the book's own words set as its prose is (`typeset`)."""
    return tuple((value, typeset(label)) for value, label in tiles)


def what_we_found() -> Section:
    """The fact box at the top of the book: the verdicts in sentences, every inconsistent claim in one line, the
    headline claim with its robustness, the headline numbers and the edition."""
    table = common.ledger()
    glance = at_a_glance().numbers
    numbers = {name: value.text for name, value in glance.items()}
    failed = table[table["verdict"] == claims.INCONSISTENT]
    with_netanyahu = counted(int(glance["meetings_netanyahu"].value), "meeting", "meetings").text
    curve = table[table["specifications_total"].notna()].iloc[0]
    # The trips' count holds under one definition: the press counted the trips its own way.
    trips = table.set_index("claim_id").loc[reset.TRIPS_CLAIM]
    press_trips = number(trips["alternative_value"]).text
    book = edition.edition()
    box = FactBox(
        summary=verdict_summary(table),
        inconsistent=tuple((row["claim_id"], row["verdict"], disagreement(row)) for _, row in failed.iterrows()),
        headline=(
            curve["claim_id"],
            curve["verdict"],
            headline(curve, f"{with_netanyahu} with Netanyahu and {numbers['meetings_abbas']} with Abbas"),
        ),
        tiles=typeset_labels(
            (
                numbers["trips_before_announcement"],
                "trips by Kerry to the region before the talks resumed (the official travel record's stops, grouped into "
                f"journeys; the press counted {press_trips} its own way)",
            ),
            (
                f"{numbers['meetings_netanyahu']} / {numbers['meetings_abbas']}",
                "Kerry's meetings with Netanyahu / Abbas under the account's reading (chapter 3 shows every other reading)",
            ),
            (f"{numbers['prisoners_released']} of {numbers['prisoners_agreed']}", "agreed pre-Oslo prisoners freed"),
            (numbers["wb_tenders"], "new West Bank settlement units tendered during the talks (dated announcements)"),
            (
                numbers["units_promoted"],
                "settlement units promoted during the talks, by Peace Now's count of tenders and plans (“at least”)",
            ),
            (numbers["gaza_war_killed"], "Palestinians killed in the 2014 Gaza war (B’Tselem)"),
            (numbers["israelis_killed_war"], "killed on the Israeli side in the 2014 Gaza war (B’Tselem)"),
            (numbers["events_count"], events_label(glance["events_recorded"].value, glance["events_contradicted"].value)),
        ),
        edition=book.label,
    )
    return Section(tables=(box,))


# What a row of each table with ids is, for the key to the ids a reader meets ("K36", "E041", "B06").
ID_NOUNS = {
    ("claims", "claim_id"): "a claim in the ledger",
    ("events", "event_id"): "a dated event",
    ("meetings", "meeting_id"): "a meeting",
    ("settlement_announcements", "announcement_id"): "a settlement announcement",
    ("casualty_benchmarks", "benchmark_id"): "a published casualty total",
    ("grand_bargain", "component_id"): "a term of the grand bargain",
    ("corrections", "correction_id"): "a correction",
    ("claim_exclusions", "exclusion_id"): "a number of the account set aside",
    ("jordan_crossings", "crossing_id"): "a Jordan River crossing",
    ("map_places", "place_id"): "a place a map names",
}


def id_key() -> str:
    """The ids of the book's tables in words, from each table's lowest id: "K01 is a claim in the ledger,
    E001 a dated event, ..." (its letter fixed by the table's id pattern)."""
    named = []
    for (table, column), noun in ID_NOUNS.items():
        pattern = schemas.TABLES[table].columns[column].pattern
        example = min(str(value) for value in common.table(table)[column] if pattern.fullmatch(str(value)))
        named.append(f"{example} {noun}" if named else f"{example} is {noun}")
    return in_series(named)


def chapter_months() -> Section:
    """The months each chapter covers, from its phases, the months of Kerry's effort (the first phase's first
    day to the collapse's last, the talks' deadline), and the key to the tables' ids."""
    spans = {chapter: common.chapter_span(chapter) for chapter in common.CHAPTER_PHASES}
    numbers = {f"{chapter}_months": months(span.start, span.end) for chapter, span in spans.items()}
    effort = months_from_to(common.window("reset").start, common.window("collapse").end)
    return Section(numbers={**numbers, "kerry_effort_span": effort, "id_key": text(id_key())})


def whole_period() -> Section:
    """Meetings, settlement units, prisoners and deaths by month under the phases."""
    period = common.window("timeline")
    account_start = common.window("account").start
    meetings_from = max(period.start, account_start)
    series = overview.monthly_series(
        period,
        Span(meetings_from, period.end),
        common.table("meetings"),
        common.table("settlement_announcements"),
        common.table("prisoner_releases"),
        common.casualty_records(),
    )
    phases = common.phases()[["phase", "label", "band_label", "start", "end"]]
    records = common.casualty_records()
    under_counted = within(common.under_counted(records), "month", period)
    flags = casualties.quality_flags(records, period, under_counted)
    gaps = flags.loc[flags["records"] == 0, "month"]
    chart = timeline.linked_timeline(series, phases, period.bounds, overview.PANELS, gaps, lower_bounds=under_counted)
    named = [f"{month:%B %Y}" for month in gaps]
    released = prisoners.tranche_table(common.table("prisoner_releases")).query("status == 'released'")
    return Section(
        numbers={
            "timeline_months": months(period.start, period.end),
            "timeline_meeting_publishers": text(
                common.leading_publishers(meetings.in_person(common.table("meetings"), Span(meetings_from, period.end)), shown=1)
            ),
            "timeline_announcement_publishers": text(
                common.leading_publishers(settlements.units_long(within(common.table("settlement_announcements"), "date", period)), shown=1)
            ),
            "timeline_release_publishers": text(common.leading_publishers(within(released, "date", period), shown=1)),
            "timeline_records_source": text(common.dataset_source(common.CASUALTY_RECORDS_SOURCE)),
            "timeline_meetings_from": text(
                f"{meetings_from:%-d %B %Y}" + (", where the account begins" if meetings_from == account_start else "")
            ),
            "phase_count": in_words(len(phases)),
            "timeline_months_without_records": text(in_series(named)),
            "timeline_lower_bounds": text(lower_bounds_sentence(under_counted, gaps)),
            "timeline_war_peak": text(common.war_against_months_before(records, "timeline")),
            "timeline_releases_cluster": text(
                common.releases_cluster_sentence(common.announcements_near_releases(), common.period_in_prose("talks"), every_reach=False)
            ),
        },
        figures=(Figure("fig_intro_timeline", chart, series, "Data behind the figure: monthly series"),),
    )
