"""Chapter 4, the collapse: the countdown, the grand bargain, prisoners, East Jerusalem, the aftermath."""

from __future__ import annotations

import pandas as pd

from analysis.data import edition
from analysis.data.schemas import SIDES
from analysis.errors import DataError
from analysis.evidence import casualties, claims, events, prisoners, settlements
from analysis.evidence.windows import days_covered, within
from analysis.geography import measures, places, sites
from analysis.pages import common
from analysis.report import charts, maps, theme
from analysis.report.glue import (
    ComparisonTable,
    DataTable,
    Figure,
    Section,
    counted,
    day,
    days,
    in_series,
    in_words,
    months,
    months_from_to,
    number,
    text,
    typeset,
)

PAGE = "collapse"
GILO_TENDER = "S11"
GILO_CLAIM = "K44"  # the account's count of the homes approved that day
DEADLINE_KINDS = ("deadline",)  # the events the countdown sets apart


def dates() -> Section:
    """The chapter's dates, from the periods: its months (the collapse and its aftermath), the
    Georgetown lunch, the accession letters, the suspension, the deadline and the war."""
    chapter, war, countdown_phase = common.chapter_span(PAGE), common.window("gaza_war"), common.window(PAGE)
    return Section(
        numbers={
            "chapter_months": months(chapter.start, chapter.end),
            "countdown_weeks": in_words(round(days_covered(countdown_phase) / 7)),
            "lunch_date": day(chapter.start),
            "accession_day": day(common.window("leadership_meeting_to_accession").end, year=False),
            "suspension_day": day(common.window("collapse_to_publication").start, year=False),
            "deadline_day": day(common.window("talks").end, year=False),
            "war_days": days(war.start, war.end, year=False),
        }
    )


def events_dated(shown: pd.DataFrame) -> str:
    """How many events, and to what each is dated when not every one is dated to the day."""
    precisions = shown["date_precision"].value_counts()
    if set(precisions.index) <= {"day"}:
        return "no dated event" if shown.empty else counted(len(shown), "dated event", "dated events").text
    (precision, count), *others = precisions.items()
    dated = in_series([f"{count} dated to the {precision}", *(f"{amount} to the {unit}" for unit, amount in others)])
    return f"{len(shown)} events, {dated}"


def countdown() -> Section:
    """The dated events from the Georgetown lunch to the deadline."""
    phase = common.window(PAGE)
    actors = common.table("actors")
    in_phase = within(events.audited(common.table("events")), "date", phase).sort_values(["date", "event_id"])
    shown = events.with_sides(in_phase, actors, SIDES).reset_index(drop=True)
    named = set(shown["actors"].str.split(";").explode())
    others = tuple(actors.loc[(actors["side"] == theme.OTHER_SIDE) & actors["actor"].isin(named), "actor"])
    gilo = common.table("settlement_announcements").set_index("announcement_id").loc[GILO_TENDER]
    gilo_units = int(gilo["units_east_jerusalem"])
    account_units = float(claims.claim(common.ledger(), GILO_CLAIM)["claimed_value"])
    # The line of 1 April takes Gilo and the Israel Land Authority, which the account names neither of, from the
    # reports that also report it: each line credits them beside its source.
    confirming = common.other_reports(shown)
    cited = shown.assign(source=common.cited_with_reports(shown))
    return Section(
        numbers={
            "countdown_days": number(days_covered(phase)),
            "countdown_events_dated": text(events_dated(shown)),
            "gilo_units": number(gilo_units),
            "gilo_against_account": text(
                "the number the account gives" if gilo_units == account_units else f"against the account’s {account_units:,.0f}"
            ),
            "countdown_publishers": text(common.leading_publishers(shown[["source_id"]], confirming.to_frame("source_ids"), shown=3)),
        },
        sources=common.source_ids(shown),
        figures=(
            Figure(
                "fig_collapse_countdown",
                charts.countdown(cited, f"Events from {phase.start:%-d %B} to {phase.end:%-d %B %Y}", DEADLINE_KINDS, others),
                events.reader_table(shown),
                f"Data behind the figure: events, {phase.start:%-d %b}–{phase.end:%-d %b %Y}",
                listed_from=("events", "actors"),
            ),
        ),
    )


def grand_bargain() -> Section:
    """The components of the March 2014 extension deal: who would give what, to whom."""
    components = common.table("grand_bargain")
    cells = pd.DataFrame(
        {
            "row": "for " + components["receives"].map({"Palestinians": "the Palestinians"}).fillna(components["receives"]),
            "column": components["gives"] + " would",
            "text": components["component"],
            "quote": components["seed_quote"],
        }
    )
    return Section(
        sources=common.source_ids(components),
        tables=(
            ComparisonTable(
                f"{edition.chapter_number(PAGE)}.1",
                "The grand bargain of March 2014: what each party would give, and to whom, as the account reports it",
                cells,
                tuple((f"{giver} would", colour) for giver, colour in theme.PARTY_COLOURS.items()),
                "For",
                "Each component is in the book's words; under it, the account's own (grand_bargain.csv).",
            ),
        ),
    )


def prisoners_freed() -> Section:
    """Prisoners freed per tranche and in total."""
    releases = common.table("prisoner_releases")
    tranches = prisoners.tranche_table(releases)
    released, agreed = prisoners.released_total(releases), prisoners.agreed_total(releases)
    cancelled = releases[releases["status"] == "cancelled"]
    section = Section(
        numbers={
            "released": number(released),
            "agreed": number(agreed),
            "released_share": number(100 * released / agreed),
            "cancelled": number(int(cancelled["count"].sum())),
            "cancelled_due_day": day(cancelled["scheduled_date"].max(), year=False),
            "tranches_released": in_words(int((tranches["status"] == "released").sum())),
            "releases_publishers": text(common.publishers(tranches)),
        },
        sources=common.source_ids(tranches),
        figures=(
            Figure(
                "fig_collapse_prisoners",
                charts.prisoner_tranches(tranches, common.window("releases_chart").bounds),
                tranches,
                "Data behind the figure: prisoner tranches",
            ),
        ),
    )
    return common.discussing(section)


def totals_note(announced: int, unequal_rows: pd.DataFrame) -> str:
    """Why the neighbourhoods' units differ from the announcements' totals, or nothing when they agree."""
    if unequal_rows.empty:
        return ""
    named = in_series([f"the {row.stage} of {pd.Timestamp(row.date):%B %Y}" for row in unequal_rows.itertuples()])
    return (
        "Those counts add up the reports' figures for each neighbourhood. The reports' own totals, which the introduction's "
        f"timeline counts, come to {announced:,} units; the two differ because for {named} the figures given for the "
        "neighbourhoods do not add up to the total given."
    )


def reissued_note(counted: pd.DataFrame) -> str:
    """The East Jerusalem units that were tenders re-issued for homes tendered before, by announcement (so many
    of the units announced on a day, or all of them); nothing when there are none. A row whose re-issued units
    outnumber its East Jerusalem units holds some outside it, which the sentence cannot place: refused."""
    again = counted[(counted["units_east_jerusalem"].fillna(0) > 0) & (counted["units_reissued"].fillna(0) > 0)]
    if again.empty:
        return ""
    parts = []
    for row in again.itertuples():
        reissued, announced, day = int(row.units_reissued), int(row.units_east_jerusalem), f"{pd.Timestamp(row.date):%-d %B %Y}"
        if reissued > announced:
            raise DataError(
                f"settlement_announcements.csv, {row.announcement_id}, column units_reissued: {reissued} re-issued units "
                f"against {announced} in East Jerusalem"
            )
        parts.append(f"all {reissued:,} of {day}" if reissued == announced else f"{reissued:,} of the {announced:,} units of {day}")
    return f"These totals include tenders re-issued for homes tendered before, some of them in this period: {in_series(parts)}."


def sharing_a_circle(placed: pd.DataFrame) -> list[list[str]]:
    """The sites that lie at one place, and so share one circle on the map, each group in the table's order."""
    return [group["site"].tolist() for _, group in placed.groupby(["lon", "lat"]) if len(group) > 1]


def sites_named(placed: pd.DataFrame) -> str:
    """How many East Jerusalem sites the announcements name and, where some lie
    at one place (one circle on the map), how many places the map draws and which share one."""
    shared = sharing_a_circle(placed)
    sites = counted(len(placed), "East Jerusalem site", "East Jerusalem sites").text
    if not shared:
        return sites
    places = placed[["lon", "lat"]].drop_duplicates()
    sharing = "; ".join(f"{in_series(names)} share one" for names in shared)
    return f"{sites} at {len(places)} places on the map ({sharing})"


def in_east_jerusalem(sites_placed: pd.DataFrame) -> str:
    """Whether the sites placed on the map lie in East Jerusalem, the area annexed beyond the Green Line
    (`in_east_jerusalem`), as a sentence: sites, not neighbourhoods, as C035 has it (Har Homa B is part of
    Har Homa's neighbourhood: 6 sites, 5 circles)."""
    inside, total = int(sites_placed["in_east_jerusalem"].sum()), len(sites_placed)
    where = "in East Jerusalem"  # the caption's title has just named it, the area annexed in 1967
    # A reader counting the circles finds fewer than the sites: the caption says which share one.
    circles = "".join(f" {in_series(names)} share a circle." for names in sharing_a_circle(sites_placed))
    if total == 1:
        return (f"The site lies {where}." if inside else f"The site does not lie {where}.") + circles
    if inside == total:
        return f"All {total} sites lie {where}.{circles}"
    if inside == 0:
        return f"None of the {total} sites lies {where}.{circles}"
    return f"Of the {total} sites, {inside} {'lies' if inside == 1 else 'lie'} {where}.{circles}"


def east_jerusalem() -> Section:
    """The annexed area and the neighbourhoods named in settlement announcements."""
    ground = common.ground()
    site_rows, announcements = common.table("settlement_sites"), common.table("settlement_announcements")
    by_site = settlements.east_jerusalem_units_by_site(site_rows, announcements)
    counted = announcements[announcements["counted"] == "yes"]
    gaps = settlements.itemisation_gaps(site_rows, counted)
    unequal = gaps[gaps["sites_east_jerusalem"].notna() & (gaps["sites_east_jerusalem"] != gaps["units_east_jerusalem"])]
    unequal_rows = counted[counted["announcement_id"].isin(unequal["announcement_id"])]
    jerusalem_table = sites.units_at_sites(ground, by_site)
    sited = set(by_site["announcements"].str.split(", ").explode())
    sited_rows = counted[counted["announcement_id"].isin(sited)]
    jerusalem_dates = sited_rows["date"]
    neighbourhoods = places.map_places(ground, "fig_collapse_east_jerusalem")
    jerusalem_map = maps.map_east_jerusalem(ground, jerusalem_table, neighbourhoods[["name", "lon", "lat"]])
    largest = by_site.iloc[0]
    section = Section(
        numbers={
            "ej_sites_named": text(sites_named(jerusalem_table)),
            "ej_announcement_publishers": text(common.leading_publishers(sited_rows, shown=1)),
            "announcements_span": months_from_to(jerusalem_dates.min(), jerusalem_dates.max()),
            "ej_beyond_line": text(in_east_jerusalem(jerusalem_table)),
            "ej_units": number(int(by_site["units"].sum())),
            "ej_top_site": text(largest["site"]),
            "ej_top_units": number(int(largest["units"])),
            "ej_totals_note": text(typeset(totals_note(int(counted["units_east_jerusalem"].fillna(0).sum()), unequal_rows))),
            "ej_reissued_note": text(reissued_note(counted)),
            "ej_area_km2": number(measures.east_jerusalem_area_km2(ground)),
            "municipality_km2": number(measures.jerusalem_municipality_area_km2(ground)),
            "ej_share_of_municipality": number(100 * measures.east_jerusalem_share_of_municipality(ground)),
        },
        sources=common.source_ids(common.table("settlement_sites")),
        figures=(Figure("fig_collapse_east_jerusalem", jerusalem_map, jerusalem_table, "Data behind the map: units by neighbourhood"),),
    )
    return common.discussing(section)


def aftermath() -> Section:
    """Deaths in 2014 against published totals, with the records' gaps."""
    records = common.casualty_records()
    war = common.window("gaza_war")
    comparison = casualties.benchmarks_with_records(common.table("casualty_benchmarks"), records)
    benchmarks = common.benchmarks_by_role(records)
    audit = common.window("records_audit")
    under_counted = casualties.lower_bounds(comparison)
    flags = casualties.quality_flags(records, audit, under_counted)
    empty_months = flags.loc[flags["records"] == 0, "month"]
    chart_window = common.window("collapse_casualties_chart")
    monthly = casualties.by_side(casualties.monthly(records, chart_window))
    gaps = within(flags, "month", chart_window).query("records == 0")
    talks = common.window("talks")
    marks = pd.DataFrame({"date": [talks.end, war.start], "label": ["deadline of the talks", "Gaza war begins"]})
    shown = (
        comparison[comparison["period_start"] >= chart_window.start]
        .assign(
            label=lambda frame: frame["population"],
            side=lambda frame: frame["records_citizenship"].map(casualties.SIDE_OF_CITIZENSHIP),
        )
        .rename(columns={"value": "published"})
    )
    section = Section(
        numbers={
            "pe_published": number(int(benchmarks.at["war_palestinians_published", "value"])),
            "pe_records": number(int(benchmarks.at["war_palestinians_published", "records"])),
            "israelis_published": number(int(benchmarks.at["war_israelis_published", "value"])),
            "israelis_records": number(int(benchmarks.at["war_israelis_published", "records"])),
            "ocha_israelis": number(int(benchmarks.at["war_israelis_ocha", "value"])),
            "other_nationalities_killed": text(_other_nationalities(monthly)),
            "israelis_records_share": number(
                100 * benchmarks.at["war_israelis_published", "records"] / benchmarks.at["war_israelis_published", "value"]
            ),
            "months_without_records": number(len(empty_months)),
            "casualty_chart_months": months(chart_window.start, chart_window.end),
            "casualties_war_peak": text(common.war_against_months_before(records, "collapse_casualties_chart")),
            "casualties_lower_bounds": text(
                charts.lower_bounds_sentence(
                    under_counted[under_counted["month"].between(chart_window.start, chart_window.end)], gaps["month"]
                )
            ),
            "months_without_records_list": text(in_series([f"{month:%B %Y}" for month in empty_months])),
            "benchmark_publishers": text(common.publishers(shown[["source_id"]])),
        },
        sources=common.source_ids(comparison),
        figures=(
            Figure(
                "fig_collapse_casualties",
                charts.casualties_by_month(monthly, marks, gaps, war=war.bounds, lower_bounds=under_counted),
                monthly,
                "Data behind the figure: people killed by month, side and region",
            ),
            Figure(
                "fig_collapse_benchmarks",
                charts.benchmarks_against_records(shown),
                shown[["benchmark_id", "population", "published", "records", "gap", "source_id"]].assign(
                    records_percent_of_published=lambda frame: (100 * frame["records"] / frame["published"]).round(1)
                ),
                "Data behind the figure: published totals and records",
            ),
        ),
        tables=(DataTable(f"Data quality: records held per month, {audit.start:%Y}–{audit.end:%Y}, with known problems", flags),),
    )
    return common.discussing(section)


def _other_nationalities(monthly: pd.DataFrame) -> str:
    """Where the deaths the casualty chart leaves out, of neither side, are, in a clause
    ("one Jordanian citizen’s death, of neither side, is in the data behind the figure")."""
    others = monthly[~monthly["side"].isin(casualties.SIDE_ORDER)]
    if others.empty:
        return "the records hold no death of another nationality in these months"
    killed = int(others["killed"].sum())
    nationalities = in_series(sorted(others["side"].str.removesuffix(" citizens killed").unique()))
    deaths = (
        f"one {nationalities} citizen’s death, of neither side, is"
        if killed == 1
        else f"the {killed:,} deaths of {nationalities} citizens, of neither side, are"
    )
    return f"{deaths} in the data behind the figure"


DATASETS = ("btselem_fatalities", "jerusalem_municipality_2015", "jerusalem_neighborhoods", "coto_settlement_points")


def sources(*sections: Section) -> Section:
    """The chapter's sources, generated from sources.csv, the manifest and the map layers."""
    return common.sources(*sections, datasets=DATASETS, maps=True)
