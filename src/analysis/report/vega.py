"""Polygons wound the way Vega's d3-geo reads them, for the report's maps."""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient


def orient_clockwise(geometry: BaseGeometry) -> BaseGeometry:
    """Exterior rings clockwise, holes anticlockwise: the winding d3-geo (Vega)
    reads as "the inside". With the opposite winding a polygon is taken as
    the whole sphere minus itself and a map fills its frame."""
    if isinstance(geometry, Polygon):
        return orient(geometry, sign=-1.0)
    if isinstance(geometry, MultiPolygon):
        return MultiPolygon([orient(part, sign=-1.0) for part in geometry.geoms])
    if geometry.geom_type == "GeometryCollection":
        return shapely.GeometryCollection([orient_clockwise(part) for part in geometry.geoms])
    return geometry


def oriented_for_vega(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of a layer with every polygon oriented for Vega (orient_clockwise)."""
    result = frame.copy()
    result["geometry"] = [orient_clockwise(geometry) for geometry in frame.geometry]
    return result


def is_clockwise(ring: Sequence[Sequence[float]]) -> bool:
    """True when a closed ring of (x, y) runs clockwise (negative shoelace area)."""
    xs, ys = np.asarray(ring, dtype=float).T
    return bool(np.sum(xs[:-1] * ys[1:] - xs[1:] * ys[:-1]) < 0)
