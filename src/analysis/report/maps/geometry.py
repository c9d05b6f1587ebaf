"""Geometry prepared for Vega: a map's frame, its layers clipped, filled,
simplified, rounded and wound the way d3-geo reads them, as inline data.

Nothing here measures: areas and lengths are the geography tier's
(analysis.geography.measures); this only makes shapes light enough to draw.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

import altair as alt
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon, mapping
from shapely.geometry.base import BaseGeometry

from analysis.geography import measures
from analysis.geography.ground import ISRAEL_TM, WGS84, Ground
from analysis.report import theme
from analysis.report.vega import orient_clockwise, oriented_for_vega

Extent = tuple[float, float, float, float]  # west, south, east, north (degrees)


@dataclass(frozen=True)
class MapFrame:
    """A map's extent and the drawing settings that follow from it."""

    extent: Extent
    tolerance_m: float  # display simplification of context layers
    decimals: int  # coordinate rounding in the spec
    scale_bar_km: float
    min_hole_km2: float  # smaller holes in polygons are filled for display
    scale_bar_at: tuple[float, float] = (0.06, 0.045)  # its start, as shares of the map's width and height from the lower left

    def size(self) -> tuple[int, int]:
        """Design width and height in pixels keeping the Mercator aspect; the page
        scales both to the column's width (_static/vega-fit.js)."""
        west, south, east, north = self.extent
        mercator_height = math.degrees(
            math.log(math.tan(math.pi / 4 + math.radians(north) / 2)) - math.log(math.tan(math.pi / 4 + math.radians(south) / 2))
        )
        aspect = (east - west) / mercator_height
        return theme.MAP_WIDTH, round(theme.MAP_WIDTH / aspect)


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
    simplified = as_drawn(clipped, metric.simplify(tolerance, preserve_topology=True), map_frame)
    return simplified[~simplified.geometry.is_empty].reset_index(drop=True)


def as_drawn(frame: gpd.GeoDataFrame, metric: Iterable[BaseGeometry], map_frame: MapFrame) -> gpd.GeoDataFrame:
    """`frame` with its shapes replaced by `metric` (one per row, Israeli grid), back in WGS84, rounded to the
    map's decimals and wound for Vega."""
    shown = frame.copy()
    drawn = gpd.GeoSeries(list(metric), crs=ISRAEL_TM).to_crs(WGS84)
    shown["geometry"] = [measures.round_coordinates(geometry, map_frame.decimals) for geometry in drawn]
    return oriented_for_vega(shown)


def coverage_for_display(frames: dict[str, gpd.GeoDataFrame], map_frame: MapFrame) -> dict[str, gpd.GeoDataFrame]:
    """Base land layers (which share borders) clipped, holes filled, then
    simplified together as one coverage so no slivers open between them."""
    clipped = {name: measures.clip_to_extent(frame, map_frame.extent) for name, frame in frames.items()}
    metric = [
        without_small_holes(measures.polygonal_part(geometry), map_frame.min_hole_km2 * 1e6)
        for frame in clipped.values()
        for geometry in frame.geometry.to_crs(ISRAEL_TM)
    ]
    simplified = iter(shapely.coverage_simplify(metric, map_frame.tolerance_m))
    return {name: as_drawn(frame, [next(simplified) for _ in range(len(frame))], map_frame) for name, frame in clipped.items()}


# The seams the sources leave between areas (OSM's borders, Natural Earth's water) are at most 17 km² (the
# dry strait between the Dead Sea's basins); the smallest water a map draws, the Sea of Galilee, is 160 km².
SEAM_MAX_KM2 = 20.0
SHARED_EDGE_M = 1.0  # how near an area runs to a seam to border it
SEAM_CELL_M = 50.0  # a seam is shared out in squares this wide: under a pixel at every map's scale


def seams_closed(frames: dict[str, gpd.GeoDataFrame], map_frame: MapFrame, water: tuple[str, ...] = ()) -> dict[str, gpd.GeoDataFrame]:
    """Area layers as drawn (WGS84), each gap they enclose between them (a hole of their union smaller than
    SEAM_MAX_KM2) shared out among the land around it (the layers not named in `water`; water only where no
    land borders the gap), each part to the area nearest it: the sources do not meet exactly, and the frame's
    background showed through as slivers of sea or of a neighbour's land."""
    metric = {name: list(frame.geometry.to_crs(ISRAEL_TM)) for name, frame in frames.items()}
    union = shapely.union_all([geometry for geometries in metric.values() for geometry in geometries])
    seams = [Polygon(ring) for part in shapely.get_parts(union) for ring in part.interiors if Polygon(ring).area < SEAM_MAX_KM2 * 1e6]
    # The seams are holes of one union, apart from each other: each is shared out against the areas as they came,
    # and every area takes its parts in one union at the end (a union of a country's shape per seam took seconds).
    taken: dict[tuple[str, int], list[BaseGeometry]] = {}
    for seam in seams:
        around = seam.buffer(SHARED_EDGE_M)
        bordering = [(name, index) for name, shapes in metric.items() for index, shape in enumerate(shapes) if shape.intersects(around)]
        # A dry strait between a lake's basins is land: a lake takes a gap only when no land borders it.
        bordering = [(name, index) for name, index in bordering if name not in water] or bordering
        nearby = [metric[name][index].intersection(seam.buffer(seam_reach(seam))) for name, index in bordering]
        for (name, index), part in zip(bordering, nearest_parts(seam, nearby), strict=True):
            if not part.is_empty:
                taken.setdefault((name, index), []).append(part.buffer(SHARED_EDGE_M))
    for (name, index), parts in taken.items():
        metric[name][index] = shapely.union_all([metric[name][index], *parts])
    return {name: as_drawn(frame, metric[name], map_frame) for name, frame in frames.items()}


def seam_reach(seam: Polygon) -> float:
    """How far from a seam the areas that may claim its parts are looked for: its bounding box's diagonal."""
    west, south, east, north = seam.bounds
    return math.hypot(east - west, north - south)


def nearest_parts(seam: Polygon, areas: list[BaseGeometry]) -> list[BaseGeometry]:
    """The seam cut into SEAM_CELL_M squares, each given to the nearest of `areas` (metric): one part per area
    (empty for an area nearest to none)."""
    west, south, east, north = seam.bounds
    x, y = (grid.ravel() for grid in np.meshgrid(np.arange(west, east, SEAM_CELL_M), np.arange(south, north, SEAM_CELL_M)))
    cells = shapely.box(x, y, x + SEAM_CELL_M, y + SEAM_CELL_M)
    pieces = shapely.intersection(cells[shapely.intersects(cells, seam)], seam)
    # A square that only touches the seam leaves a line or a point, of no area, which a coverage union refuses.
    pieces = pieces[shapely.area(pieces) > 0]
    centres = shapely.point_on_surface(pieces)
    distances = np.array([shapely.distance(centres, area) if not area.is_empty else np.full(len(pieces), np.inf) for area in areas])
    owner = distances.argmin(axis=0)
    # The pieces are a grid's squares cut by one seam: they meet edge to edge and never overlap, so a coverage
    # union joins them, several times quicker than an overlay.
    return [shapely.coverage_union_all(pieces[owner == index]) for index in range(len(areas))]


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


# The Jordan River where it is a border: the edge Israel and the West Bank
# share with Jordan between the Yarmouk's mouth and the Dead Sea. North of the
# Yarmouk the shared edge follows the Yarmouk east, and the river runs inside
# Israel to the Sea of Galilee; south of the Dead Sea the border is the Arava's.
JORDAN_RIVER_BORDER: Extent = (35.45, 31.75, 35.62, 32.66)


def jordan_river(ground: Ground) -> BaseGeometry:
    """The Jordan River's border course as a line (WGS84), from the layers'
    shared edges: Israel's and the West Bank's boundary with Jordan."""
    jordan = shapely.union_all(ground.neighbours.query("iso_a3 == 'JOR'").geometry.values)
    west = shapely.union_all([*ground.israel.geometry.values, *ground.west_bank.geometry.values])
    shared = west.boundary.intersection(jordan.buffer(0.0005))
    return shapely.line_merge(shapely.intersection(shared, shapely.box(*JORDAN_RIVER_BORDER)))
