"""Chapter 2, the resumption of talks: two deals, prisoners against settlements, the first rounds."""

from __future__ import annotations

import pandas as pd

from analysis.evidence import casualties, claims, events, prisoners, settlements
from analysis.evidence.windows import Window, within
from analysis.geography import measures
from analysis.pages import common
from analysis.report import charts
from analysis.report.glue import (
    DataTable,
    Figure,
    FormattedNumber,
    Section,
    counted,
    day,
    days,
    in_series,
    in_words,
    kilometres,
    months,
    number,
    of_the_whole,
    ordinal,
    text,
)

PAGE = "resumption"
SWAP_BAND_KM = 2.0
PROMISE_CLAIM = "K55"
MOST_OF_A_STEP = 0.9  # the localities named as making a step of the land-swap curve: largest first, to this share of it
SIDE_LETTER_ENTRY = "K76"  # the ledger's entry for the day of Kerry's letter to Abbas (no figure shows it)
RELEASE_STAGES = "prisoner_release_stages"  # reference_facts.csv: the stages of the release the cabinet approved


def dates() -> Section:
    """The chapter's dates, from the periods: its months, the announcement, the talks, the raid and the charts' windows."""
    chapter, talks = common.chapter_span(PAGE), common.window("talks")
    chart_window = common.window("resumption_casualties_chart")
    return Section(
        numbers={
            "chapter_months": months(chapter.start, chapter.end),
            "announcement_date": day(common.window("reset").end),
            "chapter_end_day": day(chapter.end, year=False),
            "talks_days": days(talks.start, talks.end, month="%b"),
            "raid_day": day(common.window("qalandiya_raid").start, year=False),
            "casualties_chart_months": months(chart_window.start, chart_window.end),
        }
    )


def land_swaps() -> Section:
    """Settlers against land for bands beside the Green Line."""
    curve = measures.land_swap_curve(common.ground())
    band = curve.set_index("band_km").loc[SWAP_BAND_KM]
    # The curve's last step into the band: the localities that make most of it, each placed at one point.
    narrower = curve.loc[curve["band_km"] < SWAP_BAND_KM, "band_km"]
    if narrower.empty:
        raise ValueError(f"the land-swap curve has no band narrower than {SWAP_BAND_KM:g} km to step from")
    inner = float(narrower.max())
    ring = measures.settlers_between(common.ground(), inner, SWAP_BAND_KM)
    most = ring[ring["share"].cumsum().shift(fill_value=0) < MOST_OF_A_STEP]
    return Section(
        numbers={
            "side_letter_verdict": text(claims.verdict_of(common.ledger(), SIDE_LETTER_ENTRY)),
            "swap_band_km": number(SWAP_BAND_KM),
            "swap_2km_settlers": number(100 * band["settler_share"]),
            "swap_2km_land": number(100 * band["land_share"], decimals=1),
            "swap_step_from_km": number(inner, decimals=1),
            "swap_step_places": text(step_in_words(most, (inner, SWAP_BAND_KM))),
        },
        figures=(
            Figure("fig_resumption_swaps", charts.land_swap_curve(curve, SWAP_BAND_KM), curve, "Data behind the figure: land-swap curve"),
        ),
    )


def left_out(announcements: pd.DataFrame, drawn: pd.DataFrame) -> str:
    """The caption's sentence on the announcements of the chart's window it does not draw, from the table: each
    one's day and stage, and for one counted but without units by region, that; nothing when every one is
    drawn (`drawn`: the chart's rows, an `announcement_id` each)."""
    dropped = announcements[~announcements["announcement_id"].isin(drawn["announcement_id"])].sort_values("date")
    if dropped.empty:
        return ""
    unsplit = " (counted, but with no units by region)"
    listed = in_series([f"the {row.date:%-d %b %Y} {row.stage}{unsplit if row.counted == 'yes' else ''}" for row in dropped.itertuples()])
    return f" Not drawn (settlement_announcements.csv gives the reason for each not counted): {listed}."


def releases_and_announcements() -> Section:
    """The prisoner releases beside the settlement announcements nearest them."""
    releases = common.table("prisoner_releases")
    tranches = prisoners.tranche_table(releases)
    marks = prisoners.release_marks(tranches)
    announced = common.table("settlement_announcements")
    nearest = settlements.days_to_nearest_announcement(marks.set_index("tranche")["date"], announced)
    in_chart = within(announced, "date", common.window("announcements_chart"))
    units = settlements.units_long(in_chart)
    units = units.assign(source=common.citations(units["source_id"]))
    return Section(
        numbers={
            "prisoners_agreed": number(prisoners.agreed_total(releases)),
            "release_stages": in_words(int(common.reference_fact(RELEASE_STAGES))),
            "tranche_size": number(prisoners.tranche_size(releases)),
            "tranches_released": in_words(int((tranches["status"] == "released").sum())),
            "releases_in_phase": in_words(len(within(marks, "date", common.window(PAGE)))),
            "max_days_to_announcement": number(int(nearest["days_after_release"].abs().max())),
            "releases_cluster": text(
                common.releases_cluster_sentence(common.announcements_near_releases(), common.period_in_prose("talks"))
            ),
            "announcement_publishers": text(common.publishers(units)),
            "announcements_left_out": text(left_out(in_chart, units)),
            "release_publishers": text(common.publishers(tranches[tranches["status"] == "released"])),
        },
        sources=common.source_ids(tranches, units, common.reference_facts(RELEASE_STAGES)),
        figures=(
            Figure(
                "fig_resumption_releases_announcements",
                charts.announcements_and_releases(units, marks),
                units,
                "Data behind the figure: units per announcement and region",
            ),
        ),
        tables=(DataTable("Days from each release to the nearest announcement", nearest),),
    )


def promise() -> Section:
    """ "More than 2,000": the promise against five counts of units."""
    announcements = common.table("settlement_announcements")
    talks = within(announcements, "date", common.window("talks"))
    counts = settlements.promise_against_counts(talks, common.table("peacenow_totals"))
    units = counts.set_index("count")["units"]
    ledger = common.ledger()
    promised = float(claims.claim(ledger, PROMISE_CLAIM)["claimed_value"])
    shown = counts.drop(columns="count")
    section = Section(
        numbers={
            "wb_tenders_dated": number(units["wb_tenders_dated"]),
            # Of the talks' tenders, those in this phase (its window starts before the talks do).
            "wb_tenders_phase": number(settlements.new_tender_units(within(talks, "date", common.window(PAGE)), "units_west_bank")),
            "wb_tenders_peacenow": number(units["wb_tenders_peacenow"]),
            "all_units_peacenow": number(units["all_units_peacenow"]),
            "promised_units": number(promised),
            "footnote_verdict": text(claims.verdict_of(ledger, PROMISE_CLAIM)),
            "promise_multiple": number(units["all_units_peacenow"] / promised, decimals=1),
            "promise_publishers": text(common.publishers(talks)),
        },
        sources=common.source_ids(talks, common.table("peacenow_totals")),
        figures=(
            Figure(
                "fig_resumption_promise",
                charts.promise_against_counts(shown, promised),
                shown,
                "Data behind the figure: units counted five ways",
            ),
        ),
    )
    return common.discussing(section)


ISRAELIS_KILLED_REPORTED = "israelis_killed_sep_oct_2013_reported"  # the claims ledger's K20, named in reports


def violence() -> Section:
    """People killed around the first rounds, and the Qalandiya raid."""
    records = common.casualty_records()
    raid = common.window("qalandiya_raid")
    phase = common.window(PAGE)
    chart_window = common.window("resumption_casualties_chart")
    monthly = casualties.by_side(casualties.monthly(records, chart_window))
    under_counted = common.under_counted(records)
    flags = casualties.quality_flags(records, chart_window, under_counted)
    audit = casualties.quality_flags(records, common.window("records_audit"), under_counted)

    def killed_in(span: Window, citizenship: str, one: str, many: str) -> FormattedNumber:
        """The dead of one side within `span`, "at least" where a month of it has no records or under-counts the side."""
        count = counted(int((within(records, "date_of_event", span)["citizenship"] == citizenship).sum()), one, many)
        bounded = casualties.lower_bound_over(audit, under_counted, casualties.SIDE_OF_CITIZENSHIP[citizenship], span)
        return text(f"at least {count.text}") if bounded else count

    per_month = monthly.groupby("month")["killed"].sum()
    gaps = int((flags["records"] == 0).sum())
    months_with_deaths = of_the_whole(len(per_month), len(flags), "months").text
    deaths_in_months = (
        f"{killed_in(chart_window, 'Palestinian', 'Palestinian', 'Palestinians').text} and "
        f"{killed_in(chart_window, 'Israeli', 'Israeli', 'Israelis').text} were killed in these months by the records, "
        f"with deaths in {months_with_deaths}"
        + (f" ({in_words(gaps).text} with no records at all)" if gaps else "")
        + f"; at most {int(per_month.max()):,} in one month ({per_month.idxmax():%B %Y})"
    )

    marks = within(common.table("events"), "date", raid).assign(label=raid.label)[["date", "label"]].head(1)
    israelis_2013 = common.benchmarks_by_role(records).loc[["israelis_2013"]]
    reported_israelis = common.reference_facts(ISRAELIS_KILLED_REPORTED)
    reported_months = common.window("israeli_deaths_autumn_2013")
    section = Section(
        numbers={
            "ocha_israelis_2013": number(int(israelis_2013["value"].iloc[0])),
            "israelis_killed_reported": counted(int(reported_israelis["value"].iloc[0]), "Israeli", "Israelis"),
            "israelis_killed_reported_months": months(reported_months.start, reported_months.end),
            "qalandiya_killed": counted(len(within(records, "date_of_event", raid)), "person", "people"),
            "palestinians_killed_phase": killed_in(phase, "Palestinian", "Palestinian", "Palestinians"),
            "israelis_killed_phase": killed_in(phase, "Israeli", "Israeli", "Israelis"),
            "casualties_in_months": text(deaths_in_months[0].upper() + deaths_in_months[1:] + "."),
            "casualties_lower_bounds": text(
                charts.lower_bounds_sentence(within(under_counted, "month", chart_window), flags.loc[flags["records"] == 0, "month"])
            ),
        },
        sources=common.source_ids(israelis_2013, reported_israelis),
        figures=(
            Figure(
                "fig_resumption_casualties",
                charts.casualties_by_month(monthly, marks, flags[flags["records"] == 0], lower_bounds=under_counted),
                monthly,
                "Data behind the figure: people killed by month, side and region",
            ),
        ),
    )
    return common.discussing(section)


SESSIONS_REPORTED = "sessions_by_5_nov_2013"  # Haaretz: the stormy session of 5 Nov 2013 was the sixteenth
SESSIONS_REPORTED_OTHERWISE = "sessions_by_5_nov_2013_ynet"  # Ynet: the seventeenth


def sessions() -> Section:
    """The dated negotiating sessions, votes and letters of the phase."""
    dated = events.with_phase(events.audited(common.table("events")), common.phases())
    shown = dated[(dated["phase"] == PAGE) & dated["kind"].isin(["negotiation_session", "vote", "letter"])]
    window = common.window(PAGE)
    title = f"Negotiating sessions, votes and letters, {months(window.start, window.end).text}"
    reported = common.reference_facts(SESSIONS_REPORTED)
    reported_otherwise = common.reference_facts(SESSIONS_REPORTED_OTHERWISE)
    return Section(
        numbers={
            "sessions_dated": number(int((shown["kind"] == "negotiation_session").sum())),
            "sessions_reported_ordinal": text(ordinal(int(reported["value"].iloc[0]))),
            "sessions_reported_otherwise": text(ordinal(int(reported_otherwise["value"].iloc[0]))),
        },
        tables=(DataTable(title, common.events_as_read(shown), expanded=True),),
        sources=common.source_ids(shown, reported, reported_otherwise),
    )


DATASETS = ("btselem_fatalities", "cbs_localities_2021")


def sources(*sections: Section) -> Section:
    """The chapter's sources, generated from sources.csv, the manifest and the map layers."""
    return common.sources(*sections, datasets=DATASETS, maps=True)


def step_in_words(most: pd.DataFrame, edges: tuple[float, float]) -> str:
    """The localities that make most of a step of the land-swap curve (`measures.settlers_between`'s rows),
    each with its distance from the line to a tenth of a km, as the map's caption gives it, and their share of
    it: "almost all Modi’in Illit (just over 1.5 km from the line) and Betar Illit (1.9 km), 99% of the settlers it
    adds", "all" when they make the whole of it. A distance that rounds onto one of the step's `edges` says on
    which side of it the town lies."""

    def distance(km: float) -> str:
        on_edge = [edge for edge in edges if round(km, 1) == edge]
        if not on_edge:
            return kilometres(km)
        if km == on_edge[0]:
            return f"at {kilometres(km)}"
        return f"just {'over' if km > on_edge[0] else 'under'} {kilometres(on_edge[0])}"

    places = [
        f"{row.name} ({distance(row.distance_km)}{'' if at else ' from the line'})" for at, row in enumerate(most.itertuples(index=False))
    ]
    share = 100 * most["share"].sum()
    return f"{'all' if round(share) == 100 else 'almost all'} {in_series(places)}, {share:.0f}% of the settlers it adds"
