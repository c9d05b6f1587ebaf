"""The book's three maps, as Altair geoshape charts sharing the theme.

Each function returns (chart, table): the chart carries tooltips, a legend,
a drawn scale bar in km, the source credit in its subtitle and a
`description` (alt text); the table holds the numbers behind the map.

Every map takes the loaded `Ground`. Every polygon goes through
analysis.report.vega.orient_clockwise (Vega's winding),
context layers are clipped to the map's extent, simplified and their
coordinates rounded, so each spec stays well under 300 KB.
"""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.affinity import affine_transform
from shapely.geometry import LineString, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from analysis.errors import DataError
from analysis.geography import measures
from analysis.geography.ground import ISRAEL_TM, WGS84, Ground
from analysis.geography.sites import locate_sites, old_city
from analysis.report import glue, theme
from analysis.report.vega import orient_clockwise, oriented_for_vega

Extent = tuple[float, float, float, float]  # west, south, east, north (degrees)

OSM_CREDIT = "© OpenStreetMap contributors (ODbL)"
NE_CREDIT = "Natural Earth"
CBS_CREDIT = "Israel CBS localities 2021"
COTO_CREDIT = "COTO boundaries (from OSM)"

# Jordan River crossings, from the coordinates of the Wikipedia articles
# "Allenby Bridge" (31°52′27″N 35°32′27″E) and "Damiyah Bridge"
# (32°06′10″N 35°32′07″E); both lie within 30 m of the river border in
# geo/west_bank.geojson (checked in tests/test_maps.py).
CROSSINGS = pd.DataFrame(
    {
        "name": ["Allenby (King Hussein) Bridge", "Damiya (Adam) Bridge"],
        "status": ["open: the West Bank's crossing to Jordan", "closed to traffic since the Second Intifada"],
        "lon": [35.54083, 35.53528],
        "lat": [31.87417, 32.10278],
        "source": ["Wikipedia, Allenby Bridge", "Wikipedia, Damiyah Bridge"],
    }
)

LAND_LINE = "#9a9a9a"
GOLAN_FILL = theme.OCCUPIED_OTHER
JORDAN_VALLEY_A = theme.NEUTRAL_DARK
JORDAN_VALLEY_B = theme.BAND
EAST_JERUSALEM_LINE = "#8a6a3f"
LEGEND_CHARS = 40  # a legend title or label line that fits a 390 px phone
RIVER_BORDER = theme.RIVER
# The house terms (data/house_terms.csv): one name for East Jerusalem and for
# the Green Line on every map, and the annexation's status said beside it.
EAST_JERUSALEM_LEGEND = "East Jerusalem (annexed by Israel, 1967)"
GREEN_LINE_LEGEND = "Green Line (1949 armistice line)"
ANNEXATION_NOTE = "Israel's annexation of East Jerusalem is not internationally recognised."
ANNEXATIONS_NOTE = "Israel's annexations of East Jerusalem and the Golan Heights are not internationally recognised."
# The story is 2013-2014, but the one locality table the book holds is CBS 2021.
POPULATION_YEAR_NOTE = "Settlements are sized by 2021 population: the book holds no 2013 locality table."


@dataclass(frozen=True)
class MapFrame:
    """A map's extent and the drawing settings that follow from it."""

    extent: Extent
    tolerance_m: float  # display simplification of context layers
    decimals: int  # coordinate rounding in the spec
    scale_bar_km: float
    min_hole_km2: float  # smaller holes in polygons are filled for display

    def size(self) -> tuple[int, int]:
        """Design width and height in pixels keeping the Mercator aspect; the page
        scales both to the column's width (see `finish`)."""
        west, south, east, north = self.extent
        mercator_height = math.degrees(
            math.log(math.tan(math.pi / 4 + math.radians(north) / 2)) - math.log(math.tan(math.pi / 4 + math.radians(south) / 2))
        )
        aspect = (east - west) / mercator_height
        return theme.MAP_WIDTH, round(theme.MAP_WIDTH / aspect)


# --- preparing geometry for Vega ---------------------------------------------


def without_small_holes(geometry: BaseGeometry, min_hole_m2: float) -> BaseGeometry:
    """Polygons with interior rings smaller than `min_hole_m2` filled (metric input):
    OSM land polygons have hundreds of pond-sized holes that read as noise on a map."""
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return geometry
    polygons = [
        Polygon(part.exterior, [ring for ring in part.interiors if Polygon(ring).area >= min_hole_m2])
        for part in shapely.get_parts(geometry)
    ]
    return shapely.union_all(polygons) if len(polygons) > 1 else polygons[0]


def without_small_parts(geometry: BaseGeometry, min_part_m2: float) -> BaseGeometry:
    """Polygonal parts smaller than `min_part_m2` dropped (metric input)."""
    parts = [part for part in shapely.get_parts(measures.polygonal_part(geometry)) if part.area >= min_part_m2]
    return shapely.union_all(parts) if parts else Polygon()


def for_display(frame: gpd.GeoDataFrame, map_frame: MapFrame, *, tolerance_m: float | None = None) -> gpd.GeoDataFrame:
    """Clip to the extent, fill small holes, simplify, round and orient for Vega."""
    clipped = measures.clip_to_extent(frame, map_frame.extent)
    tolerance = map_frame.tolerance_m if tolerance_m is None else tolerance_m
    metric = clipped.geometry.to_crs(ISRAEL_TM)
    metric = gpd.GeoSeries([without_small_holes(geometry, map_frame.min_hole_km2 * 1e6) for geometry in metric], crs=ISRAEL_TM)
    simplified = clipped.copy()
    simplified["geometry"] = metric.simplify(tolerance, preserve_topology=True).to_crs(WGS84).values
    simplified["geometry"] = [measures.round_coordinates(geometry, map_frame.decimals) for geometry in simplified.geometry]
    simplified = simplified[~simplified.geometry.is_empty]
    return oriented_for_vega(simplified).reset_index(drop=True)


def coverage_for_display(frames: dict[str, gpd.GeoDataFrame], map_frame: MapFrame) -> dict[str, gpd.GeoDataFrame]:
    """Base land layers (which share borders) clipped, holes filled, then
    simplified together as one coverage so no slivers open between them."""
    clipped = {name: measures.clip_to_extent(frame, map_frame.extent) for name, frame in frames.items()}
    metric = [
        without_small_holes(measures.polygonal_part(geometry), map_frame.min_hole_km2 * 1e6)
        for frame in clipped.values()
        for geometry in frame.geometry.to_crs(ISRAEL_TM)
    ]
    simplified = iter(gpd.GeoSeries(shapely.coverage_simplify(metric, map_frame.tolerance_m), crs=ISRAEL_TM).to_crs(WGS84))
    result = {}
    for name, frame in clipped.items():
        shown = frame.copy()
        shown["geometry"] = [measures.round_coordinates(next(simplified), map_frame.decimals) for _ in range(len(frame))]
        result[name] = oriented_for_vega(shown)
    return result


def single(geometry: BaseGeometry, **properties: object) -> gpd.GeoDataFrame:
    """A one-feature WGS84 frame."""
    return gpd.GeoDataFrame([properties], geometry=[geometry], crs=WGS84)


def geo_data(frame: gpd.GeoDataFrame) -> alt.Data:
    """A layer as inline data: its features (properties at top level, as Altair
    flattens them) in one compact JSON string that Vega parses. Coordinates
    then cost what they print, not an indented line each in chart.to_json()."""
    properties = frame.drop(columns=frame.geometry.name)
    features = [
        {"type": "Feature", "geometry": mapping(geometry), **{key: value for key, value in row.items() if pd.notna(value)}}
        for geometry, row in zip(frame.geometry, properties.to_dict("records"), strict=True)
    ]
    return alt.Data(
        values=json.dumps(features, separators=(",", ":"), ensure_ascii=False, default=float), format=alt.DataFormat(type="json")
    )


def extent_feature(extent: Extent) -> dict:
    """The extent as a clockwise GeoJSON feature, for the projection's `fit`."""
    return {"type": "Feature", "properties": {}, "geometry": mapping(orient_clockwise(shapely.box(*extent)))}


# --- layers shared by the maps -----------------------------------------------


def colour_scale(entries: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=list(entries), range=list(entries.values()))


def area_layer(
    frame: gpd.GeoDataFrame,
    scale: alt.Scale,
    *,
    opacity: float = 1.0,
    stroke: str = LAND_LINE,
    stroke_width: float = 0.5,
    stroke_dash: Sequence[float] | None = None,
    tooltip: Sequence[alt.Tooltip] | None = None,
) -> alt.Chart:
    """Polygons filled by their `legend` column on the shared colour scale."""
    mark = alt.Chart(geo_data(frame)).mark_geoshape(
        stroke=stroke,
        strokeWidth=stroke_width,
        strokeJoin="round",
        fillOpacity=opacity,
        clip=True,
        **({"strokeDash": list(stroke_dash)} if stroke_dash else {}),
    )
    return mark.encode(
        color=alt.Color("legend:N", scale=scale, title=None),
        tooltip=list(tooltip) if tooltip else [alt.Tooltip("name:N", title="Area"), alt.Tooltip("area_km2:Q", title="km²", format=",.0f")],
    )


def line_layer(frame: gpd.GeoDataFrame, scale: alt.Scale, *, width: float, tooltip: Sequence[alt.Tooltip]) -> alt.Chart:
    """Lines stroked by their `legend` column on the shared colour scale."""
    return (
        alt.Chart(geo_data(frame))
        .mark_geoshape(filled=False, strokeWidth=width, strokeJoin="round", strokeCap="round", clip=True)
        .encode(color=alt.Color("legend:N", scale=scale, title=None), tooltip=list(tooltip))
    )


def sea_background(map_frame: MapFrame) -> alt.Chart:
    box = single(orient_clockwise(shapely.box(*map_frame.extent)))
    return alt.Chart(geo_data(box)).mark_geoshape(fill=theme.WATER, stroke=None, aria=False)


def scale_bar(map_frame: MapFrame) -> alt.LayerChart:
    """A bar of `scale_bar_km` measured in EPSG:2039 near the lower-left corner, with its label."""
    west, south, east, north = map_frame.extent
    start = measures.to_metric(shapely.Point(west + 0.06 * (east - west), south + 0.045 * (north - south)))
    end = shapely.Point(start.x + map_frame.scale_bar_km * 1e3, start.y)
    bar = measures.from_metric(LineString([start, end]))
    label_at = bar.interpolate(0.5, normalized=True)
    bar_frame = single(measures.round_coordinates(bar, 5), label=f"{map_frame.scale_bar_km:g} km")
    text = pd.DataFrame({"lon": [label_at.x], "lat": [label_at.y], "label": [f"{map_frame.scale_bar_km:g} km"]})
    line = (
        alt.Chart(geo_data(bar_frame))
        .mark_geoshape(filled=False, stroke=theme.BLACK, strokeWidth=3)
        .encode(tooltip=alt.Tooltip("label:N", title="Scale bar"))
    )
    label = alt.Chart(text).mark_text(dy=-9, fontSize=11, color=theme.BLACK).encode(longitude="lon:Q", latitude="lat:Q", text="label:N")
    return alt.layer(line, label)


def point_labels(
    table: pd.DataFrame, *, text: str = "name", dx: int = 6, align: str = "left", font_size: int = 11, weight: str = "normal"
) -> alt.Chart:
    """Labels beside point markers; a line break in a label starts a new line."""
    return (
        alt.Chart(table)
        .mark_text(align=align, dx=dx, dy=-2, fontSize=font_size, fontWeight=weight, color=theme.BLACK, lineBreak="\n")
        .encode(longitude="lon:Q", latitude="lat:Q", text=f"{text}:N")
    )


def with_areas(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Adds area_km2 (EPSG:2039) for tooltips, measured before display simplification."""
    result = frame.copy()
    result["area_km2"] = result.geometry.to_crs(ISRAEL_TM).area.round(-5) / 1e6
    return result


def localities_table(localities: gpd.GeoDataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": localities["name"],
            "population_2021": localities["population"],
            "lon": localities.geometry.x.round(5),
            "lat": localities.geometry.y.round(5),
        }
    )


def settlements_layer(table: pd.DataFrame, size_domain_max: int, legend_values: Sequence[int], legend_title: str) -> alt.Chart:
    return (
        alt.Chart(table)
        .mark_circle(color=theme.SETTLEMENT, opacity=0.8, stroke="white", strokeWidth=0.5)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            size=alt.Size(
                "population_2021:Q",
                title=wrap_lines(legend_title),
                scale=alt.Scale(domain=[0, size_domain_max], range=[4, 320]),
                legend=alt.Legend(values=list(legend_values), format=",d"),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Settlement"),
                alt.Tooltip("population_2021:Q", title="Population 2021 (CBS)", format=",d"),
            ],
        )
    )


def wrap_lines(text: str, width: int = LEGEND_CHARS) -> list[str]:
    """A title or caption line broken into lines a phone's column holds."""
    return textwrap.wrap(text, width=width)


def place_names(table: pd.DataFrame, *, font_size: int = 12, italic: bool = True, align: str = "center") -> alt.Chart:
    """Names of the places around and inside a map (states, seas, neighbourhoods), in muted type."""
    return (
        alt.Chart(table)
        .mark_text(fontSize=font_size, fontStyle="italic" if italic else "normal", color=theme.TEXT_MUTED, aria=False, align=align)
        .encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
    )


# --- locator inset -----------------------------------------------------------

# The region a zoomed map's locator shows: Israel and the Palestinian
# territories north of Beersheba, with their neighbours' edges.
NATIONAL_REGION: Extent = (34.2, 30.9, 35.95, 33.35)
LOCATOR_DESCRIPTION = f"{glue.DRAWING_ONLY} this map's frame, outlined, within the region around it"
NATIONAL_TOLERANCE_M = 1500.0
REGIONAL_TOLERANCE_M = 5000.0
LOCATOR_MIN_KM2 = 5.0


def locator_box(map_frame: MapFrame, region: Extent, corner: str, width_share: float) -> Extent:
    """Where the locator of `region` sits inside the map, in the map's own degrees:
    a box `width_share` of the map's width, in `corner` ("top-left", "bottom-right", ...)."""
    west, south, east, north = map_frame.extent
    region_west, region_south, region_east, region_north = region
    width = width_share * (east - west)
    height = width * (region_north - region_south) / (region_east - region_west)
    margin_x, margin_y = 0.02 * (east - west), 0.02 * (north - south)
    left = west + margin_x if corner.endswith("left") else east - margin_x - width
    bottom = north - margin_y - height if corner.startswith("top") else south + margin_y
    return left, bottom, left + width, bottom + height


def into_box(geometry: BaseGeometry, region: Extent, box: Extent) -> BaseGeometry:
    """A geometry of `region` moved and scaled into `box` (one scale for both
    axes, so shapes keep their proportions)."""
    region_west, region_south, region_east, _ = region
    scale = (box[2] - box[0]) / (region_east - region_west)
    return affine_transform(geometry, [scale, 0, 0, scale, box[0] - region_west * scale, box[1] - region_south * scale])


def national_land(ground: Ground) -> dict[str, BaseGeometry]:
    """The zoomed maps' locator ground by fill: sea, neighbours, Israel, the Palestinian territories."""
    palestine = shapely.union_all([*ground.west_bank.geometry.values, *ground.gaza.geometry.values])
    return {
        theme.WATER: shapely.box(*NATIONAL_REGION),
        theme.LAND_OTHER: shapely.union_all(ground.neighbours.geometry.values),
        theme.LAND_ISRAEL: shapely.union_all(ground.israel.geometry.values).difference(palestine),
        theme.LAND_PALESTINE: palestine,
    }


def regional_land(ground: Ground) -> tuple[dict[str, BaseGeometry], Extent]:
    """The Middle East by fill (Natural Earth 1:110m, where Gaza is too small to
    draw), and the region it covers."""
    countries = ground.middle_east
    west, south, east, north = (float(value) for value in countries.total_bounds)
    region = (west, south, east, north)
    by_code = countries.set_index("adm0_a3").geometry
    return {
        theme.WATER: shapely.box(*region),
        theme.LAND_OTHER: shapely.union_all(by_code.drop(["ISR", "PSX"]).values),
        theme.LAND_ISRAEL: by_code["ISR"],
        theme.LAND_PALESTINE: by_code["PSX"],
    }, region


def locator(
    land: dict[str, BaseGeometry],
    region: Extent,
    map_frame: MapFrame,
    corner: str,
    *,
    width_share: float = 0.2,
    tolerance_m: float = NATIONAL_TOLERANCE_M,
) -> alt.LayerChart:
    """A small map of `region` (its `land` by fill colour) in a corner of
    `map_frame`, with the map's own frame outlined in the highlight colour. Its
    shapes are moved into the corner, so they are drawing, not data: the
    layers say so in their description and are not published as map layers."""
    box = locator_box(map_frame, region, corner, width_share)
    clip = shapely.box(*region)
    metric = gpd.GeoSeries([geometry.intersection(clip) for geometry in land.values()], crs=WGS84).to_crs(ISRAEL_TM)
    # Islets and ponds below a few km² would be specks at this size.
    metric = gpd.GeoSeries(
        [without_small_holes(without_small_parts(geometry, LOCATOR_MIN_KM2 * 1e6), LOCATOR_MIN_KM2 * 1e6) for geometry in metric],
        crs=ISRAEL_TM,
    )
    simplified = metric.simplify(tolerance_m, preserve_topology=True).to_crs(WGS84)
    shapes = oriented_for_vega(
        gpd.GeoDataFrame(
            {"fill": list(land)},
            geometry=[measures.round_coordinates(into_box(geometry, region, box), map_frame.decimals) for geometry in simplified],
            crs=WGS84,
        )
    )
    shown_extent = clip.intersection(shapely.box(*map_frame.extent))
    outlines = gpd.GeoDataFrame(
        {"stroke": [theme.NEUTRAL_DARK, theme.HIGHLIGHT], "width": [1.0, 2.0]},
        geometry=[
            measures.round_coordinates(LineString(outline.exterior.coords), map_frame.decimals)
            for outline in (shapely.box(*box), into_box(shown_extent, region, box))
        ],
        crs=WGS84,
    )
    return alt.layer(
        alt.Chart(geo_data(shapes), description=LOCATOR_DESCRIPTION)
        .mark_geoshape(stroke=LAND_LINE, strokeWidth=0.3, aria=False)
        .encode(fill=alt.Fill("fill:N", scale=None)),
        alt.Chart(geo_data(outlines), description=LOCATOR_DESCRIPTION)
        .mark_geoshape(filled=False, aria=False)
        .encode(stroke=alt.Stroke("stroke:N", scale=None), strokeWidth=alt.StrokeWidth("width:Q", scale=None)),
    )


def finish(layers: list[alt.Chart | alt.LayerChart], map_frame: MapFrame, notes: list[str], description: str) -> alt.LayerChart:
    """The map at its design size, which the page scales to the column keeping
    its shape (`usermeta.fit`, read by _static/vega-fit.js). Its notes (measures
    and credits) are wrapped to a phone's width; the figure's caption carries its title."""
    width, height = map_frame.size()
    wrapped = [piece for line in notes for piece in wrap_lines(line, 48)]
    return (
        alt.layer(*layers)
        .project(type="mercator", fit=extent_feature(map_frame.extent))
        .properties(
            width=width,
            height=height,
            title=alt.Title(wrapped, fontSize=12, fontWeight="normal", color=theme.TEXT_MUTED),
            description=description,
            usermeta={"fit": "aspect"},
        )
        .configure_legend(
            orient="bottom",
            direction="vertical",
            columns=1,
        )
    )


# --- map 1: the 1967 lines -----------------------------------------------------

# Label anchors for the names of states and seas (where the name is written,
# not a measured position).
NAMES_1967 = pd.DataFrame(
    [
        ("Mediterranean Sea", 34.35, 32.55),
        ("EGYPT", 34.05, 31.1),
        ("JORDAN", 36.05, 31.25),
        ("LEBANON", 35.45, 33.27),
        ("SYRIA", 36.2, 33.0),
    ],
    columns=["name", "lon", "lat"],
)
NAMES_JORDAN_VALLEY = pd.DataFrame(
    [("JORDAN", 35.85, 32.3), ("ISRAEL", 35.0, 31.75), ("WEST BANK", 35.2, 31.95), ("Dead Sea", 35.5, 31.47)],
    columns=["name", "lon", "lat"],
)
NAMES_EAST_JERUSALEM = pd.DataFrame([("WEST BANK", 35.265, 31.86), ("WEST JERUSALEM", 35.15, 31.775)], columns=["name", "lon", "lat"])
# Palestinian neighbourhoods of East Jerusalem named on its map, placed on the
# municipality's neighbourhood polygons (analysis.geography.sites).
PALESTINIAN_NEIGHBOURHOODS = ("Sheikh Jarrah", "Silwan", "Beit Hanina", "Jabel Mukaber", "Sur Bahir")

# Cities whose names go left of their marker, clear of their neighbours' names.
LABELLED_LEFT = ("Ramallah", "Gaza City", "Hebron")

LINES_1967 = MapFrame(extent=(33.9, 30.8, 36.4, 33.35), tolerance_m=150.0, decimals=4, scale_bar_km=50.0, min_hole_km2=5.0)


def map_1967_lines(ground: Ground) -> tuple[alt.LayerChart, pd.DataFrame]:
    """Israel, the West Bank and Gaza on the 1949 armistice (Green) line, with
    main cities and Israeli settlements sized by their 2021 population."""
    entries = {
        "Israel": theme.LAND_ISRAEL,
        "Golan Heights (held by Israel since 1967)": GOLAN_FILL,
        "West Bank": theme.LAND_PALESTINE,
        EAST_JERUSALEM_LEGEND: theme.LAND_EAST_JERUSALEM,
        "Gaza Strip": theme.LAND_PALESTINE,
        "Neighbouring states": theme.LAND_OTHER,
        "Lakes and sea": theme.WATER,
        GREEN_LINE_LEGEND: theme.GREEN_LINE,
    }
    scale = colour_scale(entries)
    m = LINES_1967
    israel_raw = ground.israel
    golan = single(
        measures.coto_polygon(ground.coto_boundaries, "Golan Heights").intersection(shapely.union_all(israel_raw.geometry.values))
    )
    layers_raw = {
        "neighbours": ground.neighbours.assign(legend="Neighbouring states"),
        "israel": israel_raw.assign(legend="Israel"),
        "golan": golan.assign(name="Golan Heights", legend="Golan Heights (held by Israel since 1967)"),
        "west_bank": ground.west_bank.assign(legend="West Bank"),
        "east_jerusalem": ground.east_jerusalem.assign(legend=EAST_JERUSALEM_LEGEND),
        "gaza": ground.gaza.assign(legend="Gaza Strip"),
        "water": ground.water.assign(legend="Lakes and sea"),
    }
    base = ("neighbours", "israel", "west_bank", "gaza")
    shown = coverage_for_display({name: with_areas(layers_raw[name][["name", "legend", "geometry"]]) for name in base}, m)
    shown |= {
        name: for_display(with_areas(frame[["name", "legend", "geometry"]]), m) for name, frame in layers_raw.items() if name not in base
    }
    green_line = ground.green_line.assign(legend=GREEN_LINE_LEGEND)
    green_line["length_km"] = green_line.geometry.to_crs(ISRAEL_TM).length.round(-2) / 1e3
    green_line_shown = for_display(green_line[["name", "territory", "legend", "length_km", "geometry"]], m)

    localities = ground.settlements
    settlements = localities_table(localities)
    cities = measures.main_cities(ground)

    layers = [
        sea_background(m),
        area_layer(shown["neighbours"], scale),
        area_layer(shown["israel"], scale),
        area_layer(shown["golan"], scale),
        area_layer(shown["west_bank"], scale),
        area_layer(shown["gaza"], scale),
        area_layer(shown["east_jerusalem"], scale, stroke=EAST_JERUSALEM_LINE),
        area_layer(shown["water"], scale, stroke=theme.WATER),
        line_layer(
            green_line_shown,
            scale,
            width=2,
            tooltip=[
                alt.Tooltip("name:N", title="Line"),
                alt.Tooltip("territory:N", title="Around"),
                alt.Tooltip("length_km:Q", title="Length (km)", format=",.0f"),
            ],
        ),
        settlements_layer(
            settlements, 80000, (1000, 10000, 50000), "Israeli settlements, population 2021 (CBS; East Jerusalem not included)"
        ),
        alt.Chart(cities)
        .mark_point(shape="square", size=30, filled=True, color=theme.BLACK)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            tooltip=[alt.Tooltip("name:N", title="City"), alt.Tooltip("source:N", title="Location from")],
        ),
        point_labels(cities[~cities["name"].isin(LABELLED_LEFT)], weight="bold"),
        point_labels(cities[cities["name"].isin(LABELLED_LEFT)], dx=-6, align="right", weight="bold"),
        place_names(NAMES_1967),
        scale_bar(m),
        locator(*regional_land(ground), m, "top-left", width_share=0.26, tolerance_m=REGIONAL_TOLERANCE_M),
    ]
    table = pd.DataFrame(
        [
            ("West Bank, land area (East Jerusalem included)", measures.west_bank_area_km2(ground), "km²"),
            ("East Jerusalem, area annexed in 1967", measures.east_jerusalem_area_km2(ground), "km²"),
            ("Gaza Strip, land area", measures.gaza_area_km2(ground), "km²"),
            ("Green Line, West Bank", measures.length_km(green_line[green_line["territory"] == "West Bank"]), "km"),
            ("Green Line, Gaza Strip", measures.length_km(green_line[green_line["territory"] == "Gaza Strip"]), "km"),
            ("West Bank-Jordan border (Jordan River)", measures.west_bank_jordan_border_km(ground), "km"),
            ("Israeli settlements in the West Bank (CBS district 7)", float(len(localities)), "localities"),
            ("Settler population 2021 (CBS district 7, East Jerusalem not included)", float(localities["population"].sum()), "people"),
        ],
        columns=["quantity", "value", "unit"],
    )
    description = (
        "Map of Israel, the West Bank and the Gaza Strip with the 1949 armistice line (the Green Line) drawn in green. "
        "East Jerusalem, annexed by Israel in 1967, is shaded a darker sand inside the West Bank. Dark grey circles are Israeli "
        "settlements in the West Bank sized by their 2021 population; the largest are Modi'in Illit, Betar Illit and "
        "Ma'ale Adumim. Black squares mark Jerusalem, Tel Aviv, Ramallah, Nablus, Hebron, Jericho, Gaza City and Amman. "
        "The map is cropped south of 30.8°N. A locator in the upper left corner outlines the map's frame within the Middle East."
    )
    chart = finish(
        layers,
        m,
        [
            f"West Bank {measures.west_bank_area_km2(ground):,.0f} km², Gaza {measures.gaza_area_km2(ground):,.0f} km²; "
            f"{localities['population'].sum():,} settlers in {len(localities)} West Bank localities (2021).",
            ANNEXATIONS_NOTE,
            POPULATION_YEAR_NOTE,
            f"Sources: {OSM_CREDIT}; {NE_CREDIT}; {CBS_CREDIT}; {COTO_CREDIT}; GeoNames (Amman).",
        ],
        description,
    )
    return chart, table


# --- map 2: the Jordan Valley ----------------------------------------------------

JORDAN_VALLEY = MapFrame(extent=(34.95, 31.35, 36.15, 32.58), tolerance_m=50.0, decimals=4, scale_bar_km=10.0, min_hole_km2=3.0)


def map_jordan_valley(ground: Ground, width_km: float) -> tuple[alt.LayerChart, pd.DataFrame]:
    """The Jordan Valley under two stated definitions: (a) the Jericho and
    Tubas governorates; (b) the band of `width_km` from the river and Dead Sea
    shore, the width at which its area reaches B'Tselem's ~1,600 km2. With the river border, the Allenby and
    Damiya crossings, and the settlements inside either definition."""
    label_a = "(a) Jericho and Tubas governorates"
    label_b = f"(b) within {width_km:.1f} km of the river and Dead Sea"
    entries = {
        "West Bank": theme.LAND_PALESTINE,
        "Israel": theme.LAND_ISRAEL,
        "Jordan": theme.LAND_OTHER,
        label_b: JORDAN_VALLEY_B,
        label_a: JORDAN_VALLEY_A,
        "Dead Sea": theme.WATER,
        "West Bank-Jordan border (Jordan River)": RIVER_BORDER,
        GREEN_LINE_LEGEND: theme.GREEN_LINE,
    }
    scale = colour_scale(entries)
    m = JORDAN_VALLEY
    definition_a = measures.from_metric(measures.jordan_valley_governorates_metric(ground))
    definition_b = measures.from_metric(measures.jordan_valley_band_metric(ground, width_km))
    river = measures.from_metric(measures.west_bank_eastern_boundary_metric(ground)).intersection(
        shapely.union_all(ground.neighbours.query("iso_a3 == 'JOR'").geometry.values).buffer(0.0005)
    )
    frames = {
        "jordan": ground.neighbours.query("iso_a3 == 'JOR'").assign(legend="Jordan"),
        "israel": ground.israel.assign(legend="Israel"),
        "west_bank": ground.west_bank.assign(legend="West Bank"),
        "definition_b": single(definition_b, name=label_b, legend=label_b),
        "definition_a": single(definition_a, name=label_a, legend=label_a),
        "water": ground.water.assign(legend="Dead Sea"),
    }
    base = ("jordan", "israel", "west_bank")
    shown = coverage_for_display({name: with_areas(frames[name][["name", "legend", "geometry"]]) for name in base}, m)
    shown |= {name: for_display(with_areas(frame[["name", "legend", "geometry"]]), m) for name, frame in frames.items() if name not in base}
    shown["water"] = shown["water"][shown["water"]["name"].str.startswith("Dead Sea")]
    river_shown = for_display(
        single(
            river,
            name="West Bank-Jordan border (Jordan River)",
            legend="West Bank-Jordan border (Jordan River)",
            length_km=round(measures.west_bank_jordan_border_km(ground), 1),
        ),
        m,
        tolerance_m=40.0,
    )
    green_line = ground.green_line.query("territory == 'West Bank'").assign(legend=GREEN_LINE_LEGEND)
    green_line_shown = for_display(green_line[["name", "legend", "geometry"]], m)

    table = measures.jordan_valley_definitions(ground, width_km, (label_a, label_b))
    in_a = measures.settlements_in(ground, measures.jordan_valley_governorates_metric(ground))
    in_b = measures.settlements_in(ground, measures.jordan_valley_band_metric(ground, width_km))
    valley = localities_table(ground.settlements[in_a | in_b])
    valley["in_definition_a"] = in_a[in_a | in_b].values
    valley["in_definition_b"] = in_b[in_a | in_b].values

    crossings = CROSSINGS.assign(label=CROSSINGS["name"].map(lambda name: "\n".join(wrap_lines(name, 22))))
    layers = [
        sea_background(m),
        area_layer(shown["jordan"], scale),
        area_layer(shown["israel"], scale),
        area_layer(shown["west_bank"], scale),
        area_layer(shown["definition_b"], scale, opacity=0.55, stroke=theme.BLACK, stroke_width=0.6),
        area_layer(shown["definition_a"], scale, opacity=0.0, stroke=JORDAN_VALLEY_A, stroke_width=2.5, stroke_dash=(6, 3)),
        area_layer(shown["water"], scale, stroke=theme.WATER),
        line_layer(
            river_shown, scale, width=3, tooltip=[alt.Tooltip("name:N", title="Line"), alt.Tooltip("length_km:Q", title="Length (km)")]
        ),
        line_layer(green_line_shown, scale, width=2, tooltip=[alt.Tooltip("name:N", title="Line")]),
        settlements_layer(valley, 8000, (100, 1000, 5000), "Israeli settlements inside (a) or (b), population 2021 (CBS)"),
        alt.Chart(crossings)
        .mark_point(shape="diamond", size=140, filled=True, color=theme.BLACK, stroke="white", strokeWidth=1)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            tooltip=[
                alt.Tooltip("name:N", title="Crossing"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("source:N", title="Location from"),
            ],
        ),
        point_labels(crossings, text="label", dx=9, weight="bold"),
        place_names(NAMES_JORDAN_VALLEY),
        scale_bar(m),
        locator(national_land(ground), NATIONAL_REGION, m, "bottom-right"),
    ]
    description = (
        "Map of the eastern West Bank. The Jericho and Tubas governorates (definition a) are outlined with a dark dashed line; "
        f"the yellow band covers the West Bank within {width_km:.1f} km of the Jordan River and the Dead Sea shore, the width at which "
        "the band's area reaches B'Tselem's 1,600 km² (definition b). The river border with Jordan is drawn in dark blue, the Green "
        "Line in green. Black diamonds mark the Allenby and Damiya (Adam) bridges; dark grey circles are Israeli settlements inside "
        "either definition, sized by 2021 population. A locator in the lower right corner outlines the map's frame within "
        "Israel and the Palestinian territories."
    )
    chart = finish(
        layers,
        m,
        [
            f"(a) {table.loc[0, 'area_km2']:,.0f} km², {table.loc[0, 'share_of_west_bank']:.0%} of the West Bank; "
            f"(b) {table.loc[1, 'area_km2']:,.0f} km², {table.loc[1, 'share_of_west_bank']:.0%}. "
            "(b) is a definition matched to a figure, not a survey.",
            POPULATION_YEAR_NOTE,
            f"Sources: {OSM_CREDIT}; {NE_CREDIT}; {COTO_CREDIT}; {CBS_CREDIT}; crossings: Wikipedia.",
        ],
        description,
    )
    return chart, table


def palestinian_neighbourhoods(ground: Ground) -> pd.DataFrame:
    """The Palestinian neighbourhoods named on the East Jerusalem map, at points
    inside their municipal neighbourhood polygons."""
    located = locate_sites(ground, PALESTINIAN_NEIGHBOURHOODS)
    return pd.DataFrame(
        {"name": located["site"].values, "lon": located.geometry.x.round(5).values, "lat": located.geometry.y.round(5).values}
    )


def old_city_name(ground: Ground) -> pd.DataFrame:
    """Where "Old City" is written: just east of its walls, off the dark patch."""
    walls = old_city(ground)
    return pd.DataFrame({"name": ["Old City"], "lon": [round(walls.bounds[2] + 0.001, 5)], "lat": [round(walls.centroid.y, 5)]})


# A map is drawn no narrower than a 390 px phone's text column; a marker's
# label must fit beside it there, at its rendered size.
PHONE_MAP_WIDTH_PX = 342
LABEL_CHAR_PX = 7.0  # bold 11 px system type, a generous average per character


def labels_on_the_left(markers: pd.DataFrame, map_frame: MapFrame, *, east_deg: float = 0.035, north_deg: float = 0.008) -> pd.Series:
    """True for a marker whose label goes on its left: another marker sits just
    east of it (within the given degrees), or its label would run past the
    map's eastern edge on a phone."""
    lon, lat = markers["lon"].to_numpy(), markers["lat"].to_numpy()
    east = (lon[None, :] - lon[:, None] > 0) & (lon[None, :] - lon[:, None] < east_deg)
    level = np.abs(lat[None, :] - lat[:, None]) < north_deg
    west_edge, _, east_edge, _ = map_frame.extent
    room_px = (east_edge - markers["lon"]) / (east_edge - west_edge) * PHONE_MAP_WIDTH_PX
    needed_px = markers["label"].str.len() * LABEL_CHAR_PX + 10
    return pd.Series((east & level).any(axis=1), index=markers.index) | (room_px < needed_px)


# --- map 3: East Jerusalem -------------------------------------------------------

EAST_JERUSALEM = MapFrame(extent=(35.08, 31.695, 35.29, 31.89), tolerance_m=10.0, decimals=5, scale_bar_km=2.0, min_hole_km2=0.05)


def map_east_jerusalem(ground: Ground, units_by_site: pd.DataFrame) -> tuple[alt.LayerChart, pd.DataFrame]:
    """Today's municipality, the 1967 line, the annexed area, the Old City and
    the named neighbourhoods sized by housing units announced.

    `units_by_site` has columns `site` (English name, e.g. "Gilo", "Har Homa B")
    and `units` (int). Every site is placed (analysis.geography.sites.locate_sites) or a
    DataError names the ones that cannot be; none is dropped."""
    missing_columns = {"site", "units"} - set(units_by_site.columns)
    if missing_columns:
        raise DataError(f"units_by_site lacks column(s) {sorted(missing_columns)}; expected 'site' and 'units'")
    located = locate_sites(ground, units_by_site["site"])
    east_jerusalem = shapely.union_all(ground.east_jerusalem.geometry.values)
    sites = pd.DataFrame(
        {
            "site": units_by_site["site"].values,
            "units": units_by_site["units"].astype(int).values,
            "neighbourhood_he": located["neighbourhood"].values,
            "located_by": located["located_by"].values,
            "beyond_1967_line": [bool(east_jerusalem.contains(point)) for point in located.geometry],
            "lon": located.geometry.x.round(5).values,
            "lat": located.geometry.y.round(5).values,
        }
    )
    markers = (
        sites.groupby(["lon", "lat"], as_index=False)
        .agg(units=("units", "sum"), label=("site", " / ".join), beyond_1967_line=("beyond_1967_line", "first"))
        .assign(side=lambda frame: np.where(frame["beyond_1967_line"], "beyond the 1967 line", "inside the 1967 line"))
    )
    markers["label_left"] = labels_on_the_left(markers, EAST_JERUSALEM)
    largest = int(markers["units"].max())
    size_legend_values = [value for value in (100, 500, 1000, 2000, 5000) if value <= largest] or [largest]

    entries = {
        "West Jerusalem and Israel": theme.LAND_ISRAEL,
        "West Bank": theme.LAND_PALESTINE,
        EAST_JERUSALEM_LEGEND: theme.LAND_EAST_JERUSALEM,
        "Old City": theme.BLACK,
        "Neighbourhood with announced units": theme.NEUTRAL_MID,
        "Jerusalem municipality (2015)": theme.NEUTRAL_DARK,
        GREEN_LINE_LEGEND: theme.GREEN_LINE,
    }
    scale = colour_scale(entries)
    m = EAST_JERUSALEM
    municipality = ground.municipality
    municipality_outline = single(
        shapely.union_all(municipality.geometry.values).boundary,
        name="Jerusalem municipality (2015)",
        legend="Jerusalem municipality (2015)",
    )
    neighbourhoods = ground.neighbourhoods.dissolve(by="SCHN_NAME").reset_index()
    named = neighbourhoods[neighbourhoods["SCHN_NAME"].isin(set(sites["neighbourhood_he"].dropna()))]
    english_by_hebrew = sites.dropna(subset=["neighbourhood_he"]).groupby("neighbourhood_he")["site"].agg(" / ".join)
    named = named.assign(
        name=named["SCHN_NAME"].map(english_by_hebrew) + " (" + named["SCHN_NAME"] + ")", legend="Neighbourhood with announced units"
    )
    frames = {
        "israel": ground.israel.assign(legend="West Jerusalem and Israel"),
        "west_bank": ground.west_bank.assign(legend="West Bank"),
        "east_jerusalem": ground.east_jerusalem.assign(legend=EAST_JERUSALEM_LEGEND),
        "named": named[["name", "legend", "geometry"]],
        "old_city": single(old_city(ground), name="Old City", legend="Old City"),
    }
    base = ("israel", "west_bank")
    shown = coverage_for_display({name: with_areas(frames[name][["name", "legend", "geometry"]]) for name in base}, m)
    shown |= {name: for_display(with_areas(frame[["name", "legend", "geometry"]]), m) for name, frame in frames.items() if name not in base}
    green_line = ground.green_line.query("territory == 'West Bank'").assign(legend=GREEN_LINE_LEGEND)
    lines = {
        "municipality": for_display(municipality_outline, m),
        "green_line": for_display(green_line[["name", "legend", "geometry"]], m),
    }
    layers = [
        sea_background(m),  # under the land: the one hole OSM leaves in it here (water west of the city) is not blank
        area_layer(shown["israel"], scale),
        area_layer(shown["west_bank"], scale),
        area_layer(shown["east_jerusalem"], scale, stroke=EAST_JERUSALEM_LINE, stroke_width=1),
        area_layer(shown["named"], scale, opacity=0.35, stroke=theme.NEUTRAL_DARK, stroke_width=1),
        area_layer(shown["old_city"], scale, opacity=0.7, stroke=theme.BLACK),
        line_layer(lines["municipality"], scale, width=1.5, tooltip=[alt.Tooltip("name:N", title="Boundary")]),
        line_layer(lines["green_line"], scale, width=2.5, tooltip=[alt.Tooltip("name:N", title="Line")]),
        alt.Chart(markers)
        .mark_circle(color=theme.SETTLEMENT, opacity=0.75, stroke="white", strokeWidth=1)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            size=alt.Size(
                "units:Q",
                title="Housing units announced",
                scale=alt.Scale(range=[30, 900], zero=True),
                legend=alt.Legend(format=",d", values=size_legend_values),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Site"),
                alt.Tooltip("units:Q", title="Units announced", format=",d"),
                alt.Tooltip("side:N", title="Location"),
            ],
        ),
        point_labels(markers[~markers["label_left"]], text="label", dx=10, weight="bold"),
        point_labels(markers[markers["label_left"]], text="label", dx=-10, align="right", weight="bold"),
        place_names(NAMES_EAST_JERUSALEM),
        place_names(palestinian_neighbourhoods(ground), font_size=11),
        place_names(old_city_name(ground), font_size=11, align="left"),
        scale_bar(m),
        locator(national_land(ground), NATIONAL_REGION, m, "top-left"),
    ]
    description = (
        "Map of Jerusalem. Today's municipal boundary is drawn in dark grey, the 1949 armistice line in green, and the area "
        "annexed in 1967 (East Jerusalem) is shaded a darker sand; the Old City is the small dark patch on the line. The "
        f"Palestinian neighbourhoods ({', '.join(PALESTINIAN_NEIGHBOURHOODS)}) are named in italics. "
        "A locator in the upper left corner outlines the map's frame within Israel and the Palestinian territories. Dark grey "
        "circles, sized by the number of housing units announced, mark the named neighbourhoods: "
        + ", ".join(f"{row.site} ({row.units:,})" for row in sites.itertuples())
        + "."
    )
    chart = finish(
        layers,
        m,
        [
            f"East Jerusalem {measures.east_jerusalem_area_km2(ground):,.0f} km², "
            f"{measures.east_jerusalem_share_of_municipality(ground):.0%} of today's municipality "
            f"({measures.jerusalem_municipality_area_km2(ground):,.0f} km²). {ANNEXATION_NOTE}",
            f"Sources: {OSM_CREDIT}; Israel Ministry of Interior (municipal boundary 2015); Jerusalem municipality neighbourhoods; COTO.",
        ],
        description,
    )
    return chart, sites
