"""Chapter 1, the reset: Kerry's shuttle and the Green Line."""

from __future__ import annotations

import pandas as pd

from analysis.evidence import claims, meetings, travels
from analysis.evidence.windows import Span, Window, days_covered, within
from analysis.geography import measures, places
from analysis.pages import common
from analysis.report import charts, maps
from analysis.report.glue import Figure, Section, day, in_series, in_words, kilometres, months, number, of_the_whole, text

PAGE = "reset"
TRIPS_CLAIM = "K07"
LARGEST_SETTLEMENTS = 3  # named in the map's takeaway, with how far they lie from the Green Line
AVERAGE_MONTH_DAYS = 365.25 / 12


def dates() -> Section:
    """The chapter's dates, from its phase: its months, Obama's landing and the announcement."""
    chapter = common.chapter_span(PAGE)
    return Section(
        numbers={
            "chapter_months": months(chapter.start, chapter.end),
            "landing_date": day(chapter.start),
            "announcement_day": day(chapter.end, year=False),
        }
    )


def meetings_elsewhere(away: pd.DataFrame) -> str:
    """The caption's word on the meetings drawn outside every journey to the region, or nothing when there are none."""
    if away.empty:
        return ""
    held = in_series([f"with {row.counterpart} in {row.city} on {row.date:%-d %B}" for row in away.sort_values("date").itertuples()])
    if len(away) == 1:
        return f" The meeting under no trip's bar, {held}, was not on a journey to the region."
    return f" The meetings under no trip's bar, {held}, were not on journeys to the region."


def visits_in_words(stops: pd.DataFrame, period: Window) -> str:
    """The sentence that counts the record's visits to the region (`travels.region_visits`), naming each
    journey that made more than one and the stops elsewhere between its visits (the year too, when `period`
    spans two), or nothing when none did."""
    visits = travels.region_visits(stops, period)
    journeys = within(travels.journeys(stops), "start", period)
    dated = "%B" if period.start.year == period.end.year else "%B %Y"
    split = []
    for journey, rows in visits.groupby("journey"):
        made = int(rows["visit"].nunique())
        if made < 2:
            continue
        away = journeys[
            (journeys["journey"] == journey)
            & ~journeys["country_id"].isin(travels.REGION_COUNTRIES)
            & journeys["start"].between(rows["start"].min(), rows["start"].max())
        ]
        stops_away = f"{'a stop' if len(away) == 1 else 'stops'} in {in_series(list(dict.fromkeys(away['locale'])))}"
        around = "either side of" if made == 2 else "between"
        split.append(f"the {rows['start'].min():{dated}} journey makes {in_words(made).text}, {around} {stops_away}")
    if not split:
        return ""
    return f" Counted as visits to the region, the record gives {visits['visit'].nunique()}: {'; '.join(split)}."


def shuttle() -> Section:
    """Trips to the region and meetings with each leader during the reset."""
    reset = common.window(PAGE)
    ledger = common.ledger()
    stops = common.kerry_stops()
    documented = common.table("meetings")
    journeys = travels.region_journeys(stops, reset)
    reset_meetings = meetings.in_person(documented, reset)
    reset_meetings = reset_meetings.assign(reported_by=common.citations(reset_meetings["source_ids"]))
    days = meetings.meeting_days(documented, reset)
    working_days = meetings.tally(reset_meetings[reset_meetings["kind"] == meetings.WORKING_MEETING], "days")
    stop_counts = meetings.stop_counts(stops, reset)
    first_trip, last_trip = journeys["first_day"].min(), journeys["last_day"].max()
    monthly_long = meetings.monthly_days(documented, reset)
    monthly = monthly_long.pivot(index="month", columns="counterpart", values="meeting_days")
    from_reports = reset_meetings[(reset_meetings["origin"] == "news report") & (reset_meetings["kind"] == meetings.WORKING_MEETING)]
    reported = from_reports.sort_values(["date", "meeting_id"]).iloc[0]
    met_on_trips = meetings.leaders_met_by_journey(reset_meetings, journeys).filter(like="met_in_record_")
    on_a_journey = reset_meetings["date"].map(lambda day: bool(((journeys["first_day"] <= day) & (day <= journeys["last_day"])).any()))
    more_often = "he met each of them on as many days"
    if days["Abbas"] != days["Netanyahu"]:
        more_often = f"he met {'Abbas' if days['Abbas'] > days['Netanyahu'] else 'Netanyahu'} on more days"
    section = Section(
        numbers={
            "trips": number(len(journeys)),
            "reset_months": in_words(round((reset.end - reset.start).days / AVERAGE_MONTH_DAYS)),
            "reported_meeting": text(f"the meeting with {reported['counterpart']} in {reported['city']} on {reported['date']:%-d %B}"),
            "trip_span_days": number(days_covered(Span(first_trip, last_trip))),
            "first_trip": text(f"{first_trip:%-d %B}"),
            "last_trip": text(f"{last_trip:%-d %B %Y}"),
            "days_in_region": number(travels.days_at_region_stops(stops, reset)),
            "days_netanyahu": number(days["Netanyahu"]),
            "days_abbas": number(days["Abbas"]),
            "stops_netanyahu": number(stop_counts["Netanyahu"]),
            "stops_abbas": number(stop_counts["Abbas"]),
            "five_trips_verdict": text(claims.verdict_of(ledger, TRIPS_CLAIM)),
            "trips_reported": number(claims.claim(ledger, TRIPS_CLAIM)["alternative_value"]),
            "visits_counted": text(visits_in_words(stops, reset)),
            "working_days_abbas": number(working_days["Abbas"]),
            "working_days_netanyahu": number(working_days["Netanyahu"]),
            "left_out_of_working": text(common.left_out_of_working(reset_meetings)),
            "reset_meeting_publishers": text(common.leading_publishers(reset_meetings)),
            "months_abbas_at_least": of_the_whole(int((monthly["Abbas"] >= monthly["Netanyahu"]).sum()), len(monthly), "months"),
            "reset_more_often": text(more_often),
            "meetings_elsewhere": text(meetings_elsewhere(reset_meetings[~on_a_journey])),
            "trips_meeting_both": of_the_whole(int(met_on_trips.all(axis="columns").sum()), len(met_on_trips), "trips"),
        },
        sources=common.source_ids(reset_meetings),
        figures=(
            Figure(
                "fig_reset_shuttle",
                charts.shuttle_timeline(journeys, reset_meetings),
                reset_meetings[["date", "counterpart", "city", "kind", "origin", "reported_by"]],
                f"Data behind the figure: meetings, {reset.start:%-d %b}–{reset.end:%-d %b %Y}",
            ),
            Figure(
                "fig_reset_monthly",
                charts.meetings_by_month(monthly_long, (reset.start, reset.end)),
                monthly_long,
                "Data behind the figure: meeting days by month",
            ),
        ),
    )
    return common.discussing(section)


def lines_1967() -> Section:
    """The map of the Green Line, the measures of the ground and where the largest settlements lie."""
    ground = common.ground()
    settlements = ground.settlements
    largest = settlements.nlargest(LARGEST_SETTLEMENTS, "population")
    largest_km = pd.Series(measures.settlement_distances_km(ground), index=settlements.index)[largest.index]
    named = [f"{name} ({kilometres(km)} from the line)" for name, km in zip(largest["name"], largest_km, strict=True)]
    green_line = ground.green_line
    cities = places.map_places(ground, "fig_reset_1967_map")
    table = pd.DataFrame(
        [
            ("West Bank, land area (East Jerusalem included)", measures.west_bank_area_km2(ground), "km²"),
            ("East Jerusalem, area annexed in 1967", measures.east_jerusalem_area_km2(ground), "km²"),
            ("Gaza Strip, land area", measures.gaza_area_km2(ground), "km²"),
            ("Green Line, West Bank", measures.length_km(green_line[green_line["territory"] == "West Bank"]), "km"),
            ("Green Line, Gaza Strip", measures.length_km(green_line[green_line["territory"] == "Gaza Strip"]), "km"),
            ("West Bank-Jordan border (Jordan River)", measures.west_bank_jordan_border_km(ground), "km"),
            ("Israeli settlements in the West Bank (CBS district 7)", float(len(settlements)), "localities"),
            ("Settler population 2021 (CBS district 7, East Jerusalem not included)", float(settlements["population"].sum()), "people"),
        ],
        columns=["quantity", "value", "unit"],
    )
    return Section(
        numbers={
            "west_bank_km2": number(measures.west_bank_area_km2(ground)),
            "gaza_km2": number(measures.gaza_area_km2(ground)),
            "green_line_km": number(measures.green_line_length_km(ground)),
            "area_c_share": number(100 * measures.area_c_share_of_west_bank(ground)),
            "settlers_2021": number(int(settlements["population"].sum())),
            "settlement_localities": number(len(settlements)),
            "largest_settlements": text(f"the {in_words(LARGEST_SETTLEMENTS)} largest circles, {in_series(named)}"),
        },
        sources=places.sources_cited(cities),
        figures=(
            Figure(
                "fig_reset_1967_map",
                maps.map_1967_lines(ground, cities[["name", "lon", "lat", "source"]]),
                table,
                "Data behind the map: layers and localities",
            ),
        ),
    )


DATASETS = ("hsg_kerry_travels", "hsg_obama_travels", "cbs_localities_2021", "coto_boundaries")


def sources(*sections: Section) -> Section:
    """The chapter's sources, generated from sources.csv, the manifest and the map layers."""
    return common.sources(*sections, datasets=DATASETS, maps=True)
