"""Chapter 3, the framework: whom Kerry met, the Jordan Valley, the provisions, the coalition."""

from __future__ import annotations

import pandas as pd

from analysis.data import edition, schemas
from analysis.evidence import claims, coalition, meetings
from analysis.evidence.windows import Span
from analysis.geography import measures
from analysis.pages import common
from analysis.report import charts, maps, theme
from analysis.report.glue import (
    ComparisonTable,
    DataTable,
    Figure,
    Section,
    agreeing,
    counted,
    day,
    in_series,
    in_words,
    months,
    number,
    ordinal,
    text,
)

PAGE = "framework"
ASYMMETRY_CLAIM = "K36"
OTHER_ROUTES_CLAIM = "K107"  # Shas as Netanyahu's "only other numerical route" to a majority without Jewish Home
EREKAT_COUNT = "erekat_count_of_abbas_kerry_meetings_2014_01_04"
ABBAS_WITHDRAWAL_YEARS = "abbas_max_transition_years"  # reference_facts.csv: the transition Abbas would accept
LEAVING, JOINING = "The Jewish Home", "Labor"


def dates() -> Section:
    """The chapter's dates, from the periods: its months, its first month and the talks' deadline."""
    chapter = common.chapter_span(PAGE)
    return Section(
        numbers={
            "chapter_months": months(chapter.start, chapter.end),
            "chapter_start_month": text(f"{chapter.start:%B %Y}"),
            "deadline_day": day(common.window("talks").end, year=False),
        }
    )


def home_and_away(home: pd.Series, everywhere: pd.Series, abbas_abroad: pd.Series) -> str:
    """The sentence on where Kerry met each leader, from two readings' counts (`netanyahu`, `abbas`): on each
    leader's own ground, then wherever they met, with Abbas's meetings off his ground by city."""
    on_ground = f"On each leader's own ground Kerry met Netanyahu {counted(int(home['netanyahu']), 'time', 'times').text}"
    on_ground += f" and Abbas {counted(int(home['abbas']), 'time', 'times').text}"
    netanyahu, abbas = int(everywhere["netanyahu"]), int(everywhere["abbas"])
    if abbas == netanyahu:
        wherever = f"wherever they met, he met each of them {counted(abbas, 'time', 'times').text}"
    else:
        compared = "more often than" if abbas > netanyahu else "less often than"
        wherever = f"wherever they met, he met Abbas {compared} Netanyahu ({abbas} to {netanyahu})"
    return f"{on_ground}; {wherever}. {abbas_away_from_home(abbas_abroad)}"


def abbas_away_from_home(by_city: pd.Series) -> str:
    """Abbas's meetings off his own ground, by city, most first: "Abbas's 8 meetings away from his own ground were
    6 in Amman and 2 in Paris", "Abbas's one meeting away from his own ground was in Amman"."""
    away = int(by_city.sum())
    if away == 0:
        return "Abbas met him nowhere but on his own ground"
    if away == 1:
        return f"Abbas's one meeting away from his own ground was in {by_city[by_city > 0].index[0]}"
    places = in_series([f"{count} in {city}" for city, count in by_city[by_city > 0].items()])
    return f"Abbas's {away} meetings away from his own ground were {places}"


def count_against_record(counted: int, working: int, in_person: int, counter: str) -> str:
    """How `counter`'s count from the time stands against the record's working meetings and all its in-person meetings."""
    if counted == in_person:
        return f"{counter}’s count is the record’s count of in-person meetings"
    if counted == working:
        return f"{counter}’s count is the record’s count of working meetings"
    if working < counted < in_person:
        return f"{counter}’s count lies between the two"
    return f"{counter}’s count is {'below' if counted < working else 'above'} both"


def asymmetry() -> Section:
    """Meetings with each leader under every specification against "nearly twice as often"."""
    rows = common.table("meetings")
    base = common.evidence_base()
    curve, reading = base.meeting_curve(), base.meeting_reading()
    claim = claims.claim(common.ledger(), ASYMMETRY_CLAIM)
    band = claims.claim_band(claim["claimed_value"], claim["comparison"])
    ratios = curve["ratio_netanyahu_to_abbas"]
    reached = ratios.map(lambda ratio: claims.reaches(claim["claimed_value"], claim["comparison"], ratio))
    within_band = ratios.between(*band)
    at_reading = curve.set_index("specification").loc[reading.key]
    reaching_places = curve.loc[reached, "place"].drop_duplicates()
    redated = meetings.redating_effect(rows, reading)
    audit = rows["audit_status"].value_counts()
    erekat_count, erekat_date = int(common.reference_fact(EREKAT_COUNT)), common.reference_fact_date(EREKAT_COUNT)
    options = common.table("meeting_specifications")
    choice_labels = dict(zip(zip(options["dimension"], options["option"], strict=True), options["short_label"], strict=True))
    record_start = common.window("evidence_tables").start
    abbas_by_then = meetings.encounters_until(rows, "Abbas", record_start, erekat_date)
    working_by_then = meetings.encounters_until(rows, "Abbas", record_start, erekat_date, kinds=(meetings.WORKING_MEETING,))
    in_person_by_then = meetings.in_person(rows, Span(record_start, erekat_date))
    abbas_away = meetings.away_from_home(meetings.selected(rows, reading), common.table("meeting_specifications"), "Abbas")
    home_key = "/".join({**reading.options, "place": "home_ground"}[dimension] for dimension in meetings.DIMENSIONS)
    home = curve.set_index("specification").loc[home_key]
    section = Section(
        numbers={
            "specifications": number(len(curve)),
            "specifications_reaching_claim": number(int(reached.sum())),
            "reach_or_reaches": text("reaches" if reached.sum() == 1 else "reach"),
            "specifications_within_band": agreeing(int(within_band.sum()), "falls", "fall"),
            "specifications_beyond_band": agreeing(int((ratios > band[1]).sum()), "goes", "go"),
            "share_reaching_claim": number(100 * reached.mean()),
            "claim_band_low": number(band[0], decimals=2),
            "claim_band_high": number(band[1], decimals=2),
            "ratio_min": number(ratios.min(), decimals=2),
            "ratio_max": number(ratios.max(), decimals=2),
            "reading_description": text(reading.describe()),
            "reading_netanyahu": number(at_reading["netanyahu"]),
            "reading_abbas": number(at_reading["abbas"]),
            "reading_ratio": number(at_reading["ratio_netanyahu_to_abbas"], decimals=2),
            "meetings_home_and_away": text(home_and_away(home, at_reading, abbas_away)),
            "reaching_only_home_ground": text(_how_many_of_them(set(reaching_places) == {"home_ground"}, len(reaching_places))),
            "counts_reaching_claim": text(_counts_reaching(set(reaching_places))),
            "meeting_rows": number(len(rows)),
            "phone_calls_recorded": counted(int((rows["kind"] == "phone call").sum()), "call", "calls"),
            "meeting_audit": text(audit_in_words(audit.to_dict())),
            "official_rows_overturned": number(len(meetings.overturned_stops(rows))),
            "contradicted_elsewhere": text(_contradicted_elsewhere(rows)),
            "netanyahu_days_as_recorded": number(_redated(redated, "days", "Netanyahu", "as recorded")),
            "netanyahu_days_redated": number(_redated(redated, "days", "Netanyahu", "re-dated")),
            "abbas_days_as_recorded": number(_redated(redated, "days", "Abbas", "as recorded")),
            "abbas_days_redated": number(_redated(redated, "days", "Abbas", "re-dated")),
            "erekat_ordinal": text(ordinal(erekat_count)),
            "erekat_date": text(f"{erekat_date:%-d %B %Y}"),
            "record_start": text(f"{common.window('evidence_tables').start:%-d %B %Y}"),
            "abbas_meetings_by_erekat_date": number(abbas_by_then),
            "abbas_working_by_erekat_date": number(working_by_then),
            "erekat_left_out": text(common.left_out_of_working(in_person_by_then[in_person_by_then["counterpart"] == "Abbas"])),
            "erekat_against_record": text(count_against_record(erekat_count, working_by_then, abbas_by_then, "Erekat")),
        },
        sources=common.source_ids(rows[rows["date"] <= common.window("talks").end]),
        figures=(
            Figure(
                "fig_framework_asymmetry",
                charts.specification_curve(curve, band, reading.key, f"“nearly twice”: {band[0]:.2f}–{band[1]:.2f}", choice_labels),
                curve[["rank", "description", "netanyahu", "abbas", "ratio_netanyahu_to_abbas"]].rename(
                    columns={"description": "specification"}
                ),
                "Data behind the figure: every specification in words, its counts and ratio",
                decimals={"ratio_netanyahu_to_abbas": 2},
            ),
        ),
        tables=(
            DataTable("The choices behind the specifications (meeting_specifications.csv)", common.table("meeting_specifications")),
            DataTable(
                "Under the account's reading: each leader's count as the record first dated the meetings and as reports date them",
                redated,
            ),
            DataTable("Rows of the meeting record by kind and audit status", meetings.rows_by_kind(rows)),
            DataTable(
                "Official travel-record rows that contemporaneous reports contradict (out of every count)",
                meetings.overturned_stops(rows).drop(columns="hsg_stop_id"),
            ),
        ),
    )
    return common.discussing(section)


def _how_many_of_them(all_home_ground: bool, places: int) -> str:
    """Of the specifications reaching the claim, how many count only each leader's own ground."""
    if places == 0:
        return "none of them"
    return "every one of them" if all_home_ground else "not all of them"


def _counts_reaching(places: set[str]) -> str:
    """Which places' counts reach the claim, as the figure's caption says it."""
    if not places:
        return "No count reaches the claim"
    if places == {"home_ground"}:
        return "Only counts confined to each leader's own ground reach the claim"
    if "home_ground" not in places:
        return "Only counts of meetings wherever they took place reach the claim"
    return "Counts confined to each leader's own ground and counts of meetings wherever they took place both reach the claim"


def _contradicted_elsewhere(rows: pd.DataFrame) -> str:
    """The contradicted meeting rows that are not the official travel record's, in words: with the
    record's overturned rows, they make up the audit's count of contradicted rows."""
    others = rows[(rows["audit_status"] == "contradicted") & (rows["origin"] != "official travel record")]
    if others.empty:
        return "every contradicted row is the official record's"
    origins = in_series(list(dict.fromkeys(_with_article(origin) for origin in others["origin"])))
    meetings = in_series([f"a meeting with {row.counterpart} in {row.city} on {row.date:%-d %B %Y}" for row in others.itertuples()])
    rows_named = "the remaining contradicted row" if len(others) == 1 else f"the remaining {len(others)} contradicted rows"
    return f"{rows_named}, from {origins}, put {meetings}"


def _with_article(origin: str) -> str:
    """A meeting row's origin as a noun phrase: "a news report", "an official visit record", "the account"."""
    if origin.startswith("the "):
        return origin
    return f"{'an' if origin[0] in 'aeiou' else 'a'} {origin}"


def _redated(table: pd.DataFrame, unit: str, counterpart: str, column: str) -> int:
    return int(table.set_index(["unit", "counterpart"]).at[(unit, counterpart), column])


JV_GOVERNORATE_SHARE = 0.5  # a governorate is part of definition (a) when most of it lies inside


def short_crossing_name(name: str) -> str:
    """A crossing's name as a caption lists it, before its other name in brackets: "Allenby" of "Allenby (King Hussein) Bridge"."""
    return name.split(" (")[0]


def where_they_differ(differ: pd.DataFrame) -> tuple[str, str]:
    """The half (north or south of the shared land's centre, or both evenly) holding most of the land only one
    definition covers, and each definition's land alone in words, the larger first ("(b) alone covers 694 km²,
    636 km² of it south of the shared land’s centre; (a) alone 84 km², all of it north of that centre"); a
    definition with no land of its own lies wholly inside the other."""
    alone = differ[differ["land"] != "shared"].sort_values("area_km2", ascending=False)
    north, south = alone["north_km2"].sum(), alone["south_km2"].sum()
    most_in = "south" if south > north else "north" if north > south else "north and south evenly"
    centre = ("the shared land’s centre", "that centre")
    first, second = (row for _, row in alone.iterrows())

    def lies(row: pd.Series, said: str) -> str:
        north, south = round(row["north_km2"]), round(row["south_km2"])
        if not north and not south:
            return "under a square kilometre"
        if not north or not south:
            return f"all of it {'north' if north else 'south'} of {said}"
        side, amount = ("south", south) if south >= north else ("north", north)
        return f"{amount:,} km² of it {side} of {said}"

    said = f"{first['land']} alone covers {round(first['area_km2']):,} km², {lies(first, centre[0])}"
    if round(second["area_km2"]) == 0:
        return most_in, f"{said}; {second['land']} lies wholly inside {first['land']}"
    return most_in, f"{said}; {second['land']} alone {round(second['area_km2']):,} km², {lies(second, centre[1])}"


def jordan_valley() -> Section:
    """The Jordan Valley under two definitions, and the band's sensitivity to its width."""
    ground = common.ground()
    width = float(common.derived_measure("jordan_valley_band_width_for_btselem"))
    sensitivity = pd.DataFrame(common.derived_measure("jordan_valley_band_sensitivity"))
    area_a, area_b = measures.jordan_valley_governorates_metric(ground), measures.jordan_valley_band_metric(ground, width)
    # The governorates definition (a) is made of, named in its legend and on the map.
    districts = ground.coto_boundaries[ground.coto_boundaries["type"] == "district"]
    governorates = districts[
        [
            measures.to_metric(shape).intersection(area_a).area > JV_GOVERNORATE_SHARE * measures.to_metric(shape).area
            for shape in districts.geometry
        ]
    ]
    governorates_named = f"{in_series(list(governorates['name']))} governorates"
    label_a = f"(a) {governorates_named}"
    label_b = f"(b) within {width:.1f} km of the river and Dead Sea"
    valley_table = measures.jordan_valley_definitions(ground, width, (label_a, label_b))
    differ = measures.where_definitions_differ(area_a, area_b, ("(a)", "(b)"))
    most_in, differences = where_they_differ(differ)
    in_a, in_b = measures.settlements_in(ground, area_a), measures.settlements_in(ground, area_b)
    inside = ground.settlements[in_a | in_b]
    valley_settlements = pd.DataFrame(
        {
            "name": inside["name"],
            "population_2021": inside["population"],
            "lon": inside.geometry.x.round(5),
            "lat": inside.geometry.y.round(5),
            "in_definition_a": in_a[in_a | in_b].values,
            "in_definition_b": in_b[in_a | in_b].values,
        }
    )
    definitions = {label_a: measures.from_metric(area_a), label_b: measures.from_metric(area_b)}
    crossings = common.table("jordan_crossings")
    # Where each bridge's point comes from, as its tooltip says it: the article, not the wiki's undated name alone.
    named = common.table("sources").set_index("source_id").loc[crossings["source_id"]]
    cited = crossings.assign(source=[f"{row.publisher}, {row.title}" for row in named.itertuples()])
    valley_map = maps.map_jordan_valley(ground, definitions, governorates[["name", "geometry"]], valley_settlements, cited)
    return Section(
        sources=common.source_ids(common.reference_facts(common.BTSELEM_JORDAN_VALLEY, ABBAS_WITHDRAWAL_YEARS), crossings),
        numbers={
            "abbas_withdrawal_years": in_words(int(common.reference_fact(ABBAS_WITHDRAWAL_YEARS))),
            "jv_shared_km2": number(float(differ.set_index("land").at["shared", "area_km2"])),
            "jv_settlement_scale_times": in_words(maps.settlement_scale_against_1967_map()),
            "jv_differ_most_in": text(most_in),
            "jv_differences": text(differences),
            "jv_governorates_named": text(f"the {governorates_named}"),
            "jv_crossings_named": text(f"the {in_series([short_crossing_name(name) for name in crossings['name']])} crossings"),
            "jv_governorates_km2": number(measures.jordan_valley_governorates_area_km2(ground)),
            "jv_governorates_share": number(100 * measures.jordan_valley_governorates_share(ground)),
            "btselem_jv_km2": number(common.reference_fact(common.BTSELEM_JORDAN_VALLEY)),
            "band_width_for_btselem": number(width, decimals=1),
            "band_share_at_target": number(100 * measures.jordan_valley_band_share(ground, width)),
            "wb_jordan_border_km": number(measures.west_bank_jordan_border_km(ground)),
        },
        figures=(
            Figure("fig_framework_jordan_valley", valley_map, valley_table, "Data behind the map: Jordan Valley definitions"),
            Figure(
                "fig_framework_band_sensitivity",
                charts.band_sensitivity(
                    sensitivity,
                    common.reference_fact(common.BTSELEM_JORDAN_VALLEY),
                    width,
                    measures.jordan_valley_governorates_area_km2(ground),
                    " and ".join(governorates["name"]),
                ),
                sensitivity,
                "Data behind the figure: band width, area and share",
            ),
        ),
    )


# The parties of framework_positions.csv, in the order shown, and the side
# whose colour heads each column.
PROVISION_PARTIES = {"US framework": "United States", "Israel (Netanyahu)": "Israel", "Palestinians (Abbas)": "Palestinians"}


def provisions() -> Section:
    """The framework's provisions and each side's position, issue by issue."""
    positions = common.table("framework_positions")
    cells = pd.DataFrame(
        {
            "row": positions["issue"].str[0].str.upper() + positions["issue"].str[1:],
            "column": positions["party"],
            "text": positions["position"],
            "quote": positions["seed_quote"],
        }
    )
    return Section(
        sources=common.source_ids(positions),
        tables=(
            ComparisonTable(
                f"{edition.chapter_number(PAGE)}.1",
                "The framework's provisions and each side's position, as the account reports them",
                cells,
                tuple((party, theme.PARTY_COLOURS[side]) for party, side in PROVISION_PARTIES.items()),
                "Issue",
                "Each position is in the book's words; under it, the account's own (framework_positions.csv).",
            ),
        ),
    )


def coalition_arithmetic() -> Section:
    """Netanyahu's coalition with and without Jewish Home, and with Labor instead."""
    knesset = common.table("knesset_2013")
    scenarios = coalition.scenarios(knesset, LEAVING, JOINING)
    totals = scenarios.groupby("scenario", sort=False)["seats"].sum()
    section = Section(
        numbers={
            "coalition_seats": number(totals.iloc[0]),
            "without_jh_seats": number(totals.iloc[1]),
            "with_labor_seats": number(totals.iloc[2]),
            "majority": number(coalition.majority(knesset)),
            "knesset_seats": number(coalition.seats(knesset)),
            "short_without_jh": number(coalition.seats_short_without(knesset, LEAVING)),
            "jh_seats": number(coalition.party_seats(knesset, LEAVING)),
            "labor_seats": number(coalition.party_seats(knesset, JOINING)),
            "seats_publishers": text(common.publishers(knesset[["seats_source_id"]])),
            "coalition_publishers": text(common.publishers(knesset[["coalition_source_id"]])),
            "other_routes": counted(
                int(claims.claim(common.ledger(), OTHER_ROUTES_CLAIM)["evidence_value"]), "opposition party", "opposition parties"
            ),
            "other_route_parties": text(
                in_series(
                    [
                        f"{party} ({number(coalition.party_seats(knesset, party)).text})"
                        for party in coalition.parties_restoring_majority(knesset, LEAVING, JOINING)
                    ]
                )
            ),
        },
        sources=common.source_ids(knesset),
        figures=(
            Figure(
                "fig_framework_coalition",
                charts.coalition_scenarios(scenarios, coalition.majority(knesset), coalition.seats(knesset)),
                scenarios.drop(columns="order"),
                "Data behind the figure: seats by scenario and party",
            ),
        ),
    )
    return common.discussing(section)


DATASETS = ("hsg_kerry_travels", "coto_boundaries", "cbs_localities_2021")


def sources(*sections: Section) -> Section:
    """The chapter's sources, generated from sources.csv, the manifest and the map layers."""
    return common.sources(*sections, datasets=DATASETS, maps=True)


def audit_in_words(counts: dict[str, int]) -> str:
    """The meeting record's audit in words, a status with no row left out and every count agreeing with
    its noun: "49 are confirmed and 6 contradicted, and 11 meetings known from reports were added"."""
    checked = [(counts[status], status) for status in schemas.AUDIT_STATUSES if status != "added" and counts.get(status)]
    parts = []
    if checked:
        (first, status), rest = checked[0], checked[1:]
        parts.append(in_series([f"{first:,} {'is' if first == 1 else 'are'} {status}", *(f"{n:,} {other}" for n, other in rest)]))
    added = counts.get("added", 0)
    if added:
        parts.append(f"{counted(added, 'meeting', 'meetings').text} known from reports {'was' if added == 1 else 'were'} added")
    return ", and ".join(parts)
