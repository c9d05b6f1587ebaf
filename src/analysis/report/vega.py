"""What the report hands to Vega: polygons wound the way Vega's d3-geo reads
them, chart elements whose HTML ids are derived from their specification, and
marks described to screen readers in words."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
import vl_convert
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


def _datum_field(definition: dict[str, Any]) -> str:
    """The name Vega-Lite gives a field in the data it draws: `sum_killed` for an
    aggregate, `yearmonth_month` for a time unit."""
    name = definition["field"]
    time_unit = definition.get("timeUnit")
    if time_unit:
        name = f"{time_unit['unit'] if isinstance(time_unit, dict) else time_unit}_{name}"
    if definition.get("aggregate"):
        name = f"{definition['aggregate']}_{name}"
    return name


def _spoken(definition: dict[str, Any]) -> str:
    """A Vega expression for one tooltip entry as a reader hears it: its title, then its value formatted as shown."""
    value = f"datum[{json.dumps(_datum_field(definition))}]"
    kind = definition.get("type")
    if kind == "temporal":
        shown = f"timeFormat({value}, {json.dumps(definition.get('format', '%-d %B %Y'))})"
    elif kind == "quantitative":
        shown = f"format({value}, {json.dumps(definition.get('format', ','))})"
    else:
        shown = f"'' + {value}"
    return f"{json.dumps(str(definition['title']) + ': ')} + (isValid({value}) ? {shown} : 'none')"


def described_for_screen_readers(spec: dict[str, Any]) -> dict[str, Any]:
    """The specification with each mark's ARIA description set to what a
    sighted reader sees of it: a text mark's words, another mark's tooltip
    (titles and values as the tooltip shows them); a mark with neither (a
    reference line, a ring round a marked point, a map's ground) is drawing,
    said by the label beside it, and hidden from screen readers. Left alone,
    Vega-Lite describes a mark by every field it encodes, under the data's
    column names (`seat_to`, `region_order`), stacking offsets and helper
    columns included. A tooltip entry without a title is refused, naming its
    field: Vega would show the reader the column's name ("source_ids")."""

    def describe(view: dict[str, Any], inherited: dict[str, Any]) -> None:
        encoding = {**inherited, **view.get("encoding", {})}
        tooltip = encoding.get("tooltip")
        entries = [tooltip] if isinstance(tooltip, dict) else tooltip or []
        untitled = [entry["field"] for entry in entries if isinstance(entry, dict) and "field" in entry and not entry.get("title")]
        if untitled:
            raise ValueError(f"tooltip entries without a title (a reader would see the column's name): {untitled}")
        mark = view.get("mark")
        if mark and "description" not in encoding:
            kind = mark if isinstance(mark, str) else mark["type"]
            described: dict[str, Any] | None = None
            if kind == "text" and "text" in encoding:
                described = {key: value for key, value in encoding["text"].items() if key in ("field", "type", "format", "value")}
            elif entries and all(isinstance(entry, dict) and "field" in entry and "bin" not in entry for entry in entries):
                described = {"value": {"expr": " + '; ' + ".join(_spoken(entry) for entry in entries)}}
            if described:
                view["encoding"] = {**view.get("encoding", {}), "description": described}
            elif not entries and kind != "text":
                view["mark"] = {**(mark if isinstance(mark, dict) else {"type": mark}), "aria": False}
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for part in view.get(key, []):
                describe(part, encoding if key == "layer" else {})

    copy = json.loads(json.dumps(spec))
    describe(copy, {})
    return copy


SCHEMA_VERSION = re.compile(r"/vega-lite/v(\d+\.\d+)")
HALOED_TEXT = re.compile(r"<text(?=[^>]*\bstroke=)")


def static_svg(spec: dict[str, Any]) -> str:
    """A specification drawn as a static SVG, as Vega draws it, by vl-convert (at its Vega-Lite version, read
    from its `$schema`), each haloed text painted stroke first as the page's stylesheet paints it: without it,
    the halo covered the letters."""
    version = SCHEMA_VERSION.search(spec["$schema"])
    if version is None:
        raise ValueError(f"no Vega-Lite version in the specification's $schema: {spec['$schema']!r}")
    return HALOED_TEXT.sub('<text paint-order="stroke"', vl_convert.vegalite_to_svg(spec, vl_version=version.group(1)))
