"""Map 2: the Jordan Valley under two stated definitions."""

from __future__ import annotations

import altair as alt
import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from analysis.geography.ground import Ground
from analysis.report import theme
from analysis.report.maps import labels
from analysis.report.maps.geometry import MapFrame, coverage_for_display, for_display, jordan_river, seams_closed, single
from analysis.report.maps.labels import Name, Obstacles
from analysis.report.maps.layers import (
    GOVERNORATES,
    GREEN_LINE,
    GREEN_LINE_LEGEND,
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
    marker_radius_px,
    scale_bar,
    scale_bar_line,
    settlement_key_legend,
    settlement_radius_px,
    settlements_layer,
)
from analysis.report.maps.locator import NATIONAL_REGION, locator, locator_box, national_land

JORDAN_VALLEY = MapFrame(extent=(34.95, 31.35, 36.15, 32.58), tolerance_m=50.0, decimals=4, scale_bar_km=10.0, min_hole_km2=5.0)
LOCATOR_CORNER = "bottom-right"
KEY_CORNER = "top-right"  # in print, the key sits on Jordan, north of the crossings
SETTLEMENT_TOP = 8000
SETTLEMENT_LEGEND_VALUES = (100, 1000, 5000)
SETTLEMENT_LEGEND = "Israeli settlements inside (a) or (b), population 2021 (CBS)"
CROSSING_SIZE = 120  # the crossing diamonds' area, px²

AREA_NAMES = (
    ("JORDAN", "state", 35.85, 32.3, "jordan"),
    ("ISRAEL", "territory", 35.02, 31.75, "israel"),
    ("WEST BANK", "territory", 35.2, 31.95, "west_bank"),
    ("Dead Sea", "water", 35.5, 31.5, "dead_sea"),
    ("Jordan River", "water", 35.62, 32.35, "jordan"),
)


def map_jordan_valley(
    ground: Ground,
    definitions: dict[str, BaseGeometry],
    governorates: gpd.GeoDataFrame,
    settlements: pd.DataFrame,
    crossings: pd.DataFrame,
) -> alt.LayerChart:
    """The Jordan Valley under its two `definitions` (legend label to WGS84
    area: (a) the `governorates`, named on the map, and (b) the band
    matched to B'Tselem's figure), with the river, the river's `crossings`
    (name, status, lon, lat, source: as a reader names it) and the
    `settlements` inside either (name, population_2021, lon, lat).
    Draws only: the measures are the caption's."""
    m = JORDAN_VALLEY
    (label_a, area_a), (label_b, area_b) = definitions.items()
    area_fills = {
        "West Bank": theme.LAND_PALESTINE,
        label_b: theme.BAND,
        "Israel": theme.LAND_ISRAEL,
        # Syria's corner, north of the Yarmouk, is drawn in this fill too: the key names the fill as the 1967 map's does.
        "Neighbouring states": theme.LAND_OTHER,
        "Dead Sea": theme.WATER,
    }
    line_styles = {GREEN_LINE_LEGEND: GREEN_LINE, JORDAN_RIVER_LEGEND: RIVER, label_a: GOVERNORATES}
    areas, lines = area_legend(area_fills), line_legend(line_styles)
    key = PrintKey(
        KEY_CORNER,
        (
            KeyLegend(list(area_fills)),
            KeyLegend(list(line_styles)),
            settlement_key_legend(SETTLEMENT_LEGEND, SETTLEMENT_LEGEND_VALUES, SETTLEMENT_TOP),
        ),
    )
    raw = {
        "jordan": ground.neighbours.query("iso_a3 == 'JOR'").assign(legend="Neighbouring states"),
        "israel": ground.israel.assign(legend="Israel"),
        "west_bank": ground.west_bank.assign(legend="West Bank"),
    }
    shown = coverage_for_display({name: frame[["name", "legend", "geometry"]] for name, frame in raw.items()}, m)
    dead_sea = ground.water[ground.water["name"].str.startswith("Dead Sea")].assign(legend="Dead Sea")
    shown["dead_sea"] = for_display(dead_sea[["name", "legend", "geometry"]], m)
    shown = seams_closed(shown, m, water=("dead_sea",))
    band = for_display(single(area_b, name=label_b, legend=label_b), m)
    # Each governorate's own edge, so the line between Tubas and Jericho shows where one name ends and the other begins.
    edges = shapely.union_all([geometry.intersection(area_a).boundary for geometry in governorates.geometry])
    outline = for_display(single(edges, name=label_a, legend=label_a), m)
    river = for_display(single(jordan_river(ground), name="Jordan River", legend=JORDAN_RIVER_LEGEND), m, tolerance_m=40.0)
    green_line = for_display(
        ground.green_line.query("territory == 'West Bank'").assign(legend=GREEN_LINE_LEGEND)[["name", "legend", "geometry"]], m
    )
    crossing_half = marker_radius_px(CROSSING_SIZE) * 1.3 + 1

    box = locator_box(m, NATIONAL_REGION, LOCATOR_CORNER, 0.2)
    within = {name: shapely.union_all(frame.geometry.values) for name, frame in shown.items()}
    # The definition's governorates first, each at the middle of its part of the valley; one too narrow
    # for its name is named from the West Bank beside it, never from across the river. Then the
    # crossings, the territories and the water.
    names = []
    for row in governorates.itertuples():
        inside = row.geometry.intersection(area_a)
        middle = inside.centroid if inside.contains(inside.centroid) else inside.representative_point()
        names.append(Name(f"{row.name} governorate", "governorate", middle.x, middle.y, within=inside, leave_to=within["west_bank"]))
    names += [Name(row.name, "marker", row.lon, row.lat, marker_px=crossing_half) for row in crossings.itertuples()]
    names += [Name(text, rank, lon, lat, within=within[key]) for text, rank, lon, lat, key in AREA_NAMES]
    obstacles = Obstacles(
        markers=[(row.lon, row.lat, crossing_half) for row in crossings.itertuples()],
        proportional_markers=[
            (row.lon, row.lat, settlement_radius_px(row.population_2021, SETTLEMENT_TOP)) for row in settlements.itertuples()
        ],
        lines=[
            *(geometry.boundary for frame in (*shown.values(), band) for geometry in frame.geometry),
            *(geometry for frame in (outline, river, green_line) for geometry in frame.geometry),
        ],
        scale_bar=scale_bar_line(m),
        keep_out=[box],
    )

    name_marks, _ = labels.name_layers(names, obstacles, m, key)
    layers = [
        frame_background(m, fill=theme.LAND_OTHER),  # no sea in this frame: Syria's corner and the borders' slivers are land
        area_layer(shown["jordan"], areas),
        area_layer(shown["israel"], areas),
        area_layer(shown["west_bank"], areas),
        area_layer(band, areas, stroke=theme.BAND, stroke_width=0.5, tooltip="Definition"),
        area_layer(shown["dead_sea"], areas, stroke=theme.SHORE, stroke_width=0.75),
        line_casing(outline, GOVERNORATES),
        line_layer(outline, lines, GOVERNORATES, tooltip="Definition"),
        line_layer(river, lines, RIVER),
        line_casing(green_line, GREEN_LINE),
        line_layer(green_line, lines, GREEN_LINE),
        settlements_layer(settlements, SETTLEMENT_TOP, SETTLEMENT_LEGEND_VALUES, SETTLEMENT_LEGEND),
        alt.Chart(crossings)
        .mark_point(shape="diamond", size=CROSSING_SIZE, filled=True, color=theme.MAP_TEXT, stroke=theme.HALO, strokeWidth=1, opacity=1)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            tooltip=[
                alt.Tooltip("name:N", title="Crossing"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("source:N", title="Location from"),
            ],
        ),
        *name_marks,
        scale_bar(m),
        locator(national_land(ground), NATIONAL_REGION, m, LOCATOR_CORNER),
    ]
    outlined = label_a[4:]
    description = (
        f"Map of the eastern West Bank. {outlined[:1].upper()}{outlined[1:]} (definition a) are outlined with a rust-red "
        "dash-dot line, each governorate apart, and "
        f"named; the ochre band is definition (b), {label_b[4:]}. The Jordan River border with Jordan is a solid "
        "blue line, the Green Line a heavy dashed green line. Dark diamonds mark the "
        f"{' and '.join(crossings['name'])}; dark grey circles are Israeli settlements inside either definition, sized by 2021 "
        "population. A locator in the lower right corner outlines the map's frame within Israel and the Palestinian territories."
    )
    return finish(layers, m, description, key)
