"""The locator inset: a small map of the region around a map, in one of its
corners, with the map's own frame outlined in the highlight colour.

Its shapes are moved into the corner, so they are drawing, not data: the
layers say so in their description (glue.DRAWING_ONLY) and are not published
as map layers.
"""

from __future__ import annotations

import altair as alt
import geopandas as gpd
import shapely
from shapely.affinity import affine_transform
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from analysis.geography import measures
from analysis.geography.ground import ISRAEL_TM, WGS84, Ground
from analysis.report import glue, theme
from analysis.report.maps.geometry import Extent, MapFrame, geo_data, without_small_holes, without_small_parts
from analysis.report.vega import oriented_for_vega

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
    """The zoomed maps' locator ground by fill: sea, neighbours, Israel, the Golan Heights, the Palestinian territories."""
    palestine = shapely.union_all([*ground.west_bank.geometry.values, *ground.gaza.geometry.values])
    israel = shapely.union_all(ground.israel.geometry.values).difference(palestine)
    golan = held_golan(ground, israel)
    return {
        theme.WATER: shapely.box(*NATIONAL_REGION),
        theme.LAND_OTHER: shapely.union_all(ground.neighbours.geometry.values),
        theme.LAND_ISRAEL: israel.difference(golan),
        theme.OCCUPIED_OTHER: golan,
        theme.LAND_PALESTINE: palestine,
    }


def held_golan(ground: Ground, israel: BaseGeometry) -> BaseGeometry:
    """The part of the Golan Heights an Israel shape includes: held since 1967, its annexation not recognised, the
    1967 map draws it apart and the locators fill it so, never in Israel's colour."""
    return measures.coto_polygon(ground.coto_boundaries, "Golan Heights").intersection(israel)


def regional_land(ground: Ground) -> tuple[dict[str, BaseGeometry], Extent]:
    """The Middle East by fill (Natural Earth 1:110m, where Gaza is too small to
    draw), and the region it covers."""
    countries = ground.middle_east
    west, south, east, north = (float(value) for value in countries.total_bounds)
    region = (west, south, east, north)
    by_code = countries.set_index("adm0_a3").geometry
    golan = held_golan(ground, by_code["ISR"])
    return {
        theme.WATER: shapely.box(*region),
        theme.LAND_OTHER: shapely.union_all(by_code.drop(["ISR", "PSX"]).values),
        theme.LAND_ISRAEL: by_code["ISR"].difference(golan),
        theme.OCCUPIED_OTHER: golan,
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
            # Simplified and reprojected, a fill's parts can touch themselves (Israel's beside the Golan at 5 km):
            # buffered by nothing, each is valid again before it is snapped to the grid.
            geometry=[measures.round_coordinates(into_box(geometry, region, box).buffer(0), map_frame.decimals) for geometry in simplified],
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
        .mark_geoshape(stroke=theme.LAND_LINE, strokeWidth=0.3, aria=False)
        .encode(fill=alt.Fill("fill:N", scale=None)),
        alt.Chart(geo_data(outlines), description=LOCATOR_DESCRIPTION)
        .mark_geoshape(filled=False, aria=False)
        .encode(stroke=alt.Stroke("stroke:N", scale=None), strokeWidth=alt.StrokeWidth("width:Q", scale=None)),
    )
