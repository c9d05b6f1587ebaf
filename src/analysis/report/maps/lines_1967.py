"""Map 1: Israel, the West Bank and Gaza on the 1949 armistice (Green) line."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from analysis.geography.ground import Ground
from analysis.report import theme
from analysis.report.glue import in_series
from analysis.report.maps import labels
from analysis.report.maps.geometry import MapFrame, coverage_for_display, for_display, geo_data, jordan_river, seams_closed, single
from analysis.report.maps.labels import Name, Obstacles
from analysis.report.maps.layers import (
    EAST_JERUSALEM_LEGEND,
    GREEN_LINE,
    GREEN_LINE_LEGEND,
    HELD_AREA,
    JORDAN_RIVER_LEGEND,
    RIVER,
    KeyLegend,
    PrintKey,
    area_layer,
    area_legend,
    finish,
    frame_background,
    line_casing,
    line_layer,
    line_legend,
    scale_bar,
    scale_bar_line,
    settlement_key_legend,
    settlement_radius_px,
    settlements_layer,
    square_half_px,
)
from analysis.report.maps.locator import REGIONAL_TOLERANCE_M, held_golan, locator, locator_box, regional_land

# From the Golan's northern tip to the northern Negev: as tall as a printed page
# holds at the text's full width with its caption.
LINES_1967 = MapFrame(extent=(34.15, 31.1, 36.35, 33.35), tolerance_m=150.0, decimals=4, scale_bar_km=50.0, min_hole_km2=5.0)
LOCATOR_CORNER, LOCATOR_SHARE = "top-right", 0.18  # clear of the Golan's eastern edge
KEY_CORNER = "top-left"  # in print, the key sits on the Mediterranean
SETTLEMENT_TOP = 80000  # the size scale's top (population)
SETTLEMENT_LEGEND_VALUES = (1000, 10000, 50000)
SETTLEMENT_LEGEND = "Israeli settlements, population 2021 (CBS; East Jerusalem not included)"
CITY_SIZE = 36  # the city squares' area, px²
SLIVER_DEGREES = 0.0005  # about 50 m: the gaps between layers simplified apart, closed in a label's ground
GOLAN = "Golan Heights (held by Israel since 1967)"
# A city's name stands this close to its square or not at all: a name set farther
# off, across settlements, read as naming another place (Jerusalem's, on a phone, by Tel Aviv's square).
CITY_LEADER_PX = 56.0
WEST_BANK_LEADER_PX = 120.0  # the West Bank's name, set off it on a phone: across Israel to the sea
PALESTINIAN_TERRITORIES = "West Bank and Gaza Strip"

# Where a cartographer would first try to write each name (the placer moves
# it to clear ground): territories, then states, then water.
AREA_NAMES = (
    ("ISRAEL", "territory", 34.85, 31.2, "israel"),
    ("WEST BANK", "territory", 35.4, 31.9, "west_bank"),
    ("GAZA STRIP", "territory", 34.38, 31.45, "gaza"),
    ("LEBANON", "state", 35.5, 33.28, "lebanon"),
    ("SYRIA", "state", 36.15, 33.1, "syria"),
    ("JORDAN", "state", 36.0, 31.35, "jordan"),
    ("EGYPT", "state", 34.25, 31.15, "egypt"),
    ("Golan Heights", "region", 35.78, 32.98, "golan"),
    ("Mediterranean Sea", "water", 34.45, 32.35, "sea"),
    ("Dead Sea", "water", 35.5, 31.5, None),
    ("Sea of Galilee", "water", 35.58, 32.82, None),
    ("Jordan River", "water", 35.68, 32.25, "jordan"),
)


def map_1967_lines(ground: Ground, cities: pd.DataFrame) -> alt.LayerChart:
    """Israel, the West Bank and Gaza on the Green Line, the Jordan River and the
    Dead Sea, the main `cities` (name, lon, lat, source) and Israeli settlements
    sized by their 2021 population. Draws only: the measures are the caption's."""
    m = LINES_1967
    area_fills = {
        "Israel": theme.LAND_ISRAEL,
        PALESTINIAN_TERRITORIES: theme.LAND_PALESTINE,
        EAST_JERUSALEM_LEGEND: theme.LAND_EAST_JERUSALEM,
        "Neighbouring states": theme.LAND_OTHER,
        "Sea and lakes": theme.WATER,
    }
    line_styles = {GREEN_LINE_LEGEND: GREEN_LINE, JORDAN_RIVER_LEGEND: RIVER, GOLAN: HELD_AREA}
    areas, lines = area_legend(area_fills), line_legend(line_styles)
    key = PrintKey(
        KEY_CORNER,
        (
            KeyLegend(list(area_fills)),
            KeyLegend(list(line_styles)),
            settlement_key_legend(SETTLEMENT_LEGEND, SETTLEMENT_LEGEND_VALUES, SETTLEMENT_TOP),
        ),
    )
    golan = single(held_golan(ground, shapely.union_all(ground.israel.geometry.values)), name="Golan Heights", legend=GOLAN)
    raw = {
        "neighbours": ground.neighbours.assign(legend="Neighbouring states"),
        "israel": ground.israel.assign(legend="Israel"),
        "west_bank": ground.west_bank.assign(legend=PALESTINIAN_TERRITORIES),
        "gaza": ground.gaza.assign(legend=PALESTINIAN_TERRITORIES),
    }
    shown = coverage_for_display({name: frame[["name", "legend", "geometry"]] for name, frame in raw.items()}, m)
    shown["golan"] = for_display(golan, m)
    shown["east_jerusalem"] = for_display(ground.east_jerusalem.assign(legend=EAST_JERUSALEM_LEGEND)[["name", "legend", "geometry"]], m)
    shown["water"] = for_display(ground.water.assign(legend="Sea and lakes")[["name", "legend", "geometry"]], m)
    shown |= seams_closed({name: shown[name] for name in ("neighbours", "israel", "west_bank", "gaza", "water")}, m, water=("water",))
    golan_edge = shown["golan"].assign(geometry=shown["golan"].boundary)
    green_line = for_display(ground.green_line.assign(legend=GREEN_LINE_LEGEND)[["name", "legend", "geometry"]], m)
    river = for_display(single(jordan_river(ground), name="Jordan River", legend=JORDAN_RIVER_LEGEND), m, tolerance_m=100.0)

    settlements = pd.DataFrame(
        {
            "name": ground.settlements["name"],
            "population_2021": ground.settlements["population"],
            "lon": ground.settlements.geometry.x.round(5),
            "lat": ground.settlements.geometry.y.round(5),
        }
    )
    box = locator_box(m, regional_land(ground)[1], LOCATOR_CORNER, LOCATOR_SHARE)
    name_marks, written = place_names(shown, cities, settlements, [green_line, river], box, key)

    layers = [
        frame_background(m),
        area_layer(shown["neighbours"], areas),
        area_layer(shown["israel"], areas),
        alt.Chart(geo_data(shown["golan"]))
        .mark_geoshape(fill=theme.OCCUPIED_OTHER, stroke=None, clip=True)
        .encode(tooltip=alt.Tooltip("name:N", title="Area")),
        line_layer(golan_edge, lines, HELD_AREA, tooltip="Area"),
        area_layer(shown["west_bank"], areas),
        area_layer(shown["gaza"], areas),
        area_layer(shown["east_jerusalem"], areas, stroke=theme.LAND_LINE),
        area_layer(shown["water"], areas, stroke=theme.SHORE, stroke_width=0.75),
        line_layer(river, lines, RIVER),
        # The Green Line over the settlements: the caption's largest lie by it, and Modi'in Illit's circle hid it.
        settlements_layer(settlements, SETTLEMENT_TOP, SETTLEMENT_LEGEND_VALUES, SETTLEMENT_LEGEND),
        # Cased: on Israel's grey the green stood 1.5:1, and printed in grey its dashes sank into the fill.
        line_casing(green_line, GREEN_LINE),
        line_layer(green_line, lines, GREEN_LINE),
        alt.Chart(labels.shown_where_named(cities, written))
        .mark_point(shape="square", size=CITY_SIZE, filled=True, color=theme.MAP_TEXT, stroke=theme.HALO, strokeWidth=1, opacity=1)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            tooltip=[alt.Tooltip("name:N", title="City"), alt.Tooltip("source:N", title="Location from")],
        )
        .transform_filter(labels.SHOWN_HERE),
        *name_marks,
        scale_bar(m),
        locator(*regional_land(ground), m, LOCATOR_CORNER, width_share=LOCATOR_SHARE, tolerance_m=REGIONAL_TOLERANCE_M),
    ]
    largest = settlements.nlargest(3, "population_2021")["name"]
    description = (
        "Map of Israel, the West Bank and the Gaza Strip with the 1949 armistice line (the Green Line) drawn as a heavy dashed "
        "green line and the Jordan River as a blue line. East Jerusalem, annexed by Israel in 1967, is shaded a darker sand "
        "inside the West Bank. Dark grey circles are Israeli settlements in the West Bank sized by their 2021 population; "
        f"the largest are {in_series(list(largest))}. {cities_marked(cities, written)} "
        "A locator in the upper right corner outlines the map's frame within the Middle East."
    )
    return finish(layers, m, description, key)


def cities_marked(cities: pd.DataFrame, written: dict[str, set[str]]) -> str:
    """The cities the map marks and names, in words: those of the design width (a
    desktop, print), and those of a phone's narrower map where they differ."""
    design, phone = ([name for name in cities["name"] if name in names] for names in written.values())
    said = f"Dark squares mark {in_series(design)}"
    return f"{said}; on a phone's narrower map, {in_series(phone)}." if phone != design else f"{said}."


def city_grounds(
    grounds: dict[str, BaseGeometry], shown: dict[str, gpd.GeoDataFrame]
) -> Callable[[float, float], tuple[BaseGeometry, BaseGeometry | None]]:
    """Where a city's name may stand, by the city's point: first on the territory its
    square is in (or, for a city on the coast, on the sea off it), so that a West
    Bank city is named on the West Bank and an Israeli one on Israel; then, for a
    city west of the river where settlements or the line leave no room (Ramallah,
    or Jerusalem on a phone), beside it anywhere west of the river, across the
    Green Line if need be, on a short leader. The grounds are made once, for every city."""
    east_jerusalem = shapely.union_all(shown["east_jerusalem"].geometry.values)
    west_bank = shapely.union_all([grounds["west_bank"], east_jerusalem]).buffer(SLIVER_DEGREES)
    territories = {
        "west_bank": west_bank,
        "israel": shapely.union_all([grounds["israel"], grounds["sea"]]).buffer(SLIVER_DEGREES),
        "gaza": shapely.union_all([grounds["gaza"], grounds["sea"]]).buffer(SLIVER_DEGREES),
        **{state: grounds[state] for state in ("jordan", "lebanon", "syria", "egypt")},
    }
    land = {"west_bank": west_bank, "israel": grounds["israel"], "gaza": grounds["gaza"]}
    west_of_the_river = shapely.union_all([*land.values(), grounds["sea"]]).buffer(SLIVER_DEGREES)

    def for_city(lon: float, lat: float) -> tuple[BaseGeometry, BaseGeometry | None]:
        point = shapely.Point(lon, lat)
        own = min(territories, key=lambda name: land.get(name, territories[name]).distance(point))
        return territories[own], west_of_the_river if own in land else None

    return for_city


def place_names(
    shown: dict[str, gpd.GeoDataFrame],
    cities: pd.DataFrame,
    settlements: pd.DataFrame,
    line_layers: list[gpd.GeoDataFrame],
    locator_extent: tuple[float, float, float, float],
    key: PrintKey,
) -> tuple[list[alt.Chart], dict[str, set[str]]]:
    """The map's names in rank order (and the names written at each width), placed clear of markers and lines, each on
    its own ground: a territory's or a state's name inside it, a city's on its
    own side of the Jordan (on land or on the sea off it); the Golan's, the
    Gaza Strip's and the West Bank's, where each is too narrow or crowded for
    it, beside it (on Syria; on the sea or Israel, never across the river), on
    a leader."""
    m = LINES_1967
    frame = shapely.box(*m.extent)
    grounds = {
        "israel": shapely.union_all(shown["israel"].geometry.values).difference(shapely.union_all(shown["golan"].geometry.values)),
        "west_bank": shapely.union_all(shown["west_bank"].geometry.values),
        "golan": shapely.union_all(shown["golan"].geometry.values),
        "gaza": shapely.union_all(shown["gaza"].geometry.values),
        "sea": frame.difference(shapely.union_all([*(geometry for frame_ in shown.values() for geometry in frame_.geometry)])),
    }
    neighbours = shown["neighbours"].set_index("name").geometry
    grounds |= {name.lower(): neighbours[name] for name in ("Jordan", "Lebanon", "Syria", "Egypt")}
    city_half = square_half_px(CITY_SIZE) + 1
    ground_of = city_grounds(grounds, shown)
    city_names = []
    for row in cities.itertuples():
        within, leave_to = ground_of(row.lon, row.lat)
        city_names.append(
            Name(
                row.name,
                "city",
                row.lon,
                row.lat,
                marker_px=city_half,
                within=within,
                leave_to=leave_to,
                leader_max_px=CITY_LEADER_PX,
                beside_over_lines=True,
            )
        )
    # Where a ground too crowded or narrow for its name has it set beside it, on a leader: the West Bank's
    # never across the river, where on a map of borders it would name Jordanian land, but on the
    # Mediterranean off Israel if it must (on a phone), its leader long enough to cross Israel.
    beside = {
        "west_bank": shapely.union_all([grounds["israel"], grounds["sea"]]),
        "golan": shapely.union_all([grounds["golan"], grounds["syria"]]),
        "gaza": shapely.union_all([grounds["sea"], grounds["israel"]]),
    }
    area_names = [
        Name(
            text,
            rank,
            lon,
            lat,
            within=grounds[within] if within else None,
            leave_to=beside.get(within),
            leader_max_px=WEST_BANK_LEADER_PX if within == "west_bank" else labels.LEADER_MAX_PX,
        )
        for text, rank, lon, lat, within in AREA_NAMES
    ]
    # The territories first, then the cities, the Golan, the water the caption names, and the states around.
    by_rank = {rank: [name for name in area_names if name.rank == rank] for rank in ("territory", "region", "water", "state")}
    names = [*by_rank["territory"], *city_names, *by_rank["region"], *by_rank["water"], *by_rank["state"]]
    boundaries = [geometry.boundary for frame_ in shown.values() for geometry in frame_.geometry]
    obstacles = Obstacles(
        markers=[(row.lon, row.lat, city_half) for row in cities.itertuples()],
        proportional_markers=[
            (row.lon, row.lat, settlement_radius_px(row.population_2021, SETTLEMENT_TOP)) for row in settlements.itertuples()
        ],
        lines=[*boundaries, *(geometry for layer in line_layers for geometry in layer.geometry)],
        scale_bar=scale_bar_line(m),
        keep_out=[locator_extent],
    )
    return labels.name_layers(names, obstacles, m, key, markers_where_named=True)
