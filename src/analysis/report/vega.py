"""What the report hands to Vega: polygons wound the way Vega's d3-geo reads
them, and chart elements whose HTML ids are derived from their specification."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from altair.utils.display import HTMLRenderer
from altair.utils.mimebundle import spec_to_mimebundle
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


def element_id(spec: dict, embed_options: dict | None = None, occurrence: int = 1) -> str:
    """The HTML id of a chart's element, derived from its specification and
    embed options (and, for the same chart drawn again in one process, how many
    times it was drawn before): executing a notebook again without a content
    change writes the very same bytes."""
    content = json.dumps([spec, embed_options or {}, occurrence], sort_keys=True, default=str)
    return f"altair-viz-{hashlib.sha256(content.encode()).hexdigest()[:32]}"


class SpecIdRenderer(HTMLRenderer):
    """Altair's HTML renderer with element ids from `element_id` instead of random ones."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._drawn: Counter[str] = Counter()

    def __call__(self, spec: dict[str, Any], **metadata: Any) -> dict[str, str]:
        base = element_id(spec, metadata.get("embed_options"))
        self._drawn[base] += 1
        kwargs = {**self.kwargs, **metadata, "output_div": element_id(spec, metadata.get("embed_options"), self._drawn[base])}
        return spec_to_mimebundle(spec, format="html", **kwargs)
