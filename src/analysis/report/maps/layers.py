"""The layers the maps share: land and water filled by a legend of squares,
lines stroked by a legend of their own dash and weight, settlements, markers,
the scale bar, and the finished, fitted map.

Legend glyphs take the shape of what they stand for: a square for an area,
a stroke with its dash for a line, a circle for a settlement, a square or a
diamond for a city or a crossing.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import LineString

from analysis.geography import measures
from analysis.report import theme
from analysis.report.maps.geometry import MapFrame, extent_feature, geo_data, single
from analysis.report.vega import orient_clockwise

LEGEND_CHARS = 30  # a legend title or label line: the key fits a corner of a printed map, and a 390 px phone
LEGEND_FONT_PX = 11  # the legends' type (8.25 pt in print)
# A legend label longer than LEGEND_CHARS set on two lines, broken at its last space within them.
LABEL_WRAP_EXPR = (
    f"length(datum.label) <= {LEGEND_CHARS} ? datum.label : "
    f"[substring(datum.label, 0, lastindexof(substring(datum.label, 0, {LEGEND_CHARS + 1}), ' ')), "
    f"substring(datum.label, lastindexof(substring(datum.label, 0, {LEGEND_CHARS + 1}), ' ') + 1)]"
)
# The house terms (data/house_terms.csv): one name for East Jerusalem and for
# the Green Line on every map.
EAST_JERUSALEM_LEGEND = "East Jerusalem (annexed by Israel, 1967)"
GREEN_LINE_LEGEND = "Green Line (1949 armistice line)"
JORDAN_RIVER_LEGEND = "Jordan River (border with Jordan)"


@dataclass(frozen=True)
class LineStyle:
    """A line's look: colour, weight and dash. The Green Line is the heaviest
    and the only long-dashed line, so it survives the loss of its hue."""

    colour: str
    width: float
    dash: tuple[float, ...] = ()


GREEN_LINE = LineStyle(theme.GREEN_LINE, 3.5, (9, 3))
RIVER = LineStyle(theme.RIVER, 2.0)
MUNICIPALITY = LineStyle(theme.NEUTRAL_DARK, 1.5, (2, 2))
GOVERNORATES = LineStyle(theme.DEFINITION_LINE, 2.0, (4, 2, 1, 2))
# An area held but not recognised as annexed: its own pale tint, and an edge
# of short dashes that names it in the legend (a grey alone would not tell it
# from Israel or the neighbours for every reader).
HELD_AREA = LineStyle(theme.NEUTRAL_DARK, 1.2, (2, 2))
SOLID = [1, 0]  # Vega draws an empty dash array as solid, but a legend needs a value per entry


def wrap_lines(text: str, width: int = LEGEND_CHARS) -> list[str]:
    """A title or label broken into lines a phone's column holds."""
    return textwrap.wrap(text, width=width)


def area_legend(entries: dict[str, str]) -> tuple[alt.Scale, alt.Legend]:
    """The fills of a map's areas and a legend of squares for them."""
    return (
        alt.Scale(domain=list(entries), range=list(entries.values())),
        alt.Legend(
            title=None,
            symbolType="square",
            symbolSize=180,
            symbolStrokeColor=theme.LAND_LINE,
            symbolStrokeWidth=0.5,
            labelExpr=LABEL_WRAP_EXPR,
        ),
    )


def area_layer(
    frame: gpd.GeoDataFrame,
    legend: tuple[alt.Scale, alt.Legend],
    *,
    stroke: str = theme.LAND_LINE,
    stroke_width: float = 0.5,
    tooltip: str = "Area",
) -> alt.Chart:
    """Polygons filled by their `legend` column on the map's area scale."""
    scale, shown = legend
    return (
        alt.Chart(geo_data(frame))
        .mark_geoshape(stroke=stroke, strokeWidth=stroke_width, strokeJoin="round", clip=True)
        .encode(fill=alt.Fill("legend:N", scale=scale, legend=shown), tooltip=[alt.Tooltip("name:N", title=tooltip)])
    )


def line_legend(entries: dict[str, LineStyle]) -> dict[str, alt.Scale]:
    """The colours and dashes of a map's lines, one legend of strokes for both."""
    return {
        "colour": alt.Scale(domain=list(entries), range=[style.colour for style in entries.values()]),
        "dash": alt.Scale(domain=list(entries), range=[list(style.dash) or SOLID for style in entries.values()]),
    }


LINE_LEGEND = alt.Legend(title=None, symbolType="stroke", symbolStrokeWidth=3, symbolSize=400, labelExpr=LABEL_WRAP_EXPR)


def line_layer(frame: gpd.GeoDataFrame, scales: dict[str, alt.Scale], style: LineStyle, *, tooltip: str = "Line") -> alt.Chart:
    """Lines stroked in their style, in the legend of strokes by their `legend` column."""
    return (
        alt.Chart(geo_data(frame))
        .mark_geoshape(filled=False, strokeWidth=style.width, strokeJoin="round", strokeCap="butt", clip=True)
        .encode(
            stroke=alt.Stroke("legend:N", scale=scales["colour"], legend=LINE_LEGEND),
            strokeDash=alt.StrokeDash("legend:N", scale=scales["dash"], legend=LINE_LEGEND),
            tooltip=[alt.Tooltip("name:N", title=tooltip)],
        )
    )


def line_casing(frame: gpd.GeoDataFrame, style: LineStyle, *, extra_px: float = 2.0) -> alt.Chart:
    """A solid stroke in the halo's colour under a line of `style`, `extra_px` wider, so its dashes stand apart from
    a fill of a near colour (the Jordan Valley's line (a) over band (b): 7.6 CIEDE2000 apart on the dark page for a
    reader with protanopia)."""
    return alt.Chart(geo_data(frame)).mark_geoshape(
        filled=False, stroke=theme.HALO, strokeWidth=style.width + extra_px, strokeJoin="round", strokeCap="round", clip=True, aria=False
    )


def frame_background(map_frame: MapFrame, fill: str = theme.WATER) -> alt.Chart:
    """The frame painted under the land: the sea, where the land layers leave the
    coast open; a frame with no sea in it is painted as other land (`fill`
    `theme.LAND_OTHER`), so a sliver the layers' borders leave between them, or
    a country the map does not name, is never drawn as water."""
    box = single(orient_clockwise(shapely.box(*map_frame.extent)))
    return alt.Chart(geo_data(box)).mark_geoshape(fill=fill, stroke=None, aria=False)


def scale_bar_line(map_frame: MapFrame) -> LineString:
    """The scale bar: `scale_bar_km` measured in EPSG:2039 near the lower-left corner."""
    west, south, east, north = map_frame.extent
    across, up = map_frame.scale_bar_at
    start = measures.to_metric(shapely.Point(west + across * (east - west), south + up * (north - south)))
    end = shapely.Point(start.x + map_frame.scale_bar_km * 1e3, start.y)
    return measures.from_metric(LineString([start, end]))


def scale_bar(map_frame: MapFrame) -> alt.LayerChart:
    """The scale bar with its label above it."""
    bar = scale_bar_line(map_frame)
    label_at = bar.interpolate(0.5, normalized=True)
    text = f"{map_frame.scale_bar_km:g} km"
    line = (
        alt.Chart(geo_data(single(measures.round_coordinates(bar, 5), label=text)))
        .mark_geoshape(filled=False, stroke=theme.MAP_TEXT, strokeWidth=3)
        .encode(tooltip=alt.Tooltip("label:N", title="Scale bar"))
    )
    label = (
        alt.Chart(pd.DataFrame({"lon": [label_at.x], "lat": [label_at.y], "label": [text]}))
        .mark_text(dy=-10, fontSize=11, color=theme.MAP_TEXT, stroke=theme.HALO, strokeWidth=4, strokeOpacity=0.9)
        .encode(longitude="lon:Q", latitude="lat:Q", text="label:N")
    )
    return alt.layer(line, label)


# The smallest a proportional symbol is drawn at any width (px², a 1.7 px radius):
# scaled down with a phone's map, a settlement of a hundred people would be a
# dot under a pixel across, in the key as on the map.
SYMBOL_FLOOR = 9.0
SYMBOL_RIM_PX = 0.5  # the halo stroked round a symbol, outside its area
SETTLEMENT_SIZES = (SYMBOL_FLOOR, 320)  # symbol areas (px²) at the design width from no one to the scale's top


def marker_radius_px(area_px2: float) -> float:
    """A Vega symbol's radius from its area (its `size`)."""
    return math.sqrt(area_px2 / math.pi)


def square_half_px(area_px2: float) -> float:
    """Half the side of a square symbol of area `area_px2`: its corners reach sqrt(2) times this."""
    return math.sqrt(area_px2) / 2 * math.sqrt(2)


def proportional_area(area_px2: float) -> dict[str, str]:
    """A proportional symbol's area at the design width as a Vega expression of
    the map's drawn width: symbols sized by a count are drawn to the map's
    scale, their radius in proportion to its width (never past their design
    size), so a phone's map is not crowded with circles twice as large against
    the land; never under SYMBOL_FLOOR, so the smallest stays in sight."""
    return {"expr": f"max({SYMBOL_FLOOR:g}, {area_px2:g} * pow(min(width, {theme.MAP_WIDTH}) / {theme.MAP_WIDTH}, 2))"}


def proportional_radius_px(radius_px: float, width_px: float, design_width_px: float) -> float:
    """A proportional symbol's radius, rim included, on a map drawn `width_px`
    wide (in proportion to the width, never under SYMBOL_FLOOR's)."""
    return max(radius_px * min(1.0, width_px / design_width_px), marker_radius_px(SYMBOL_FLOOR) + SYMBOL_RIM_PX)


def settlements_layer(table: pd.DataFrame, size_domain_max: int, legend_values: Sequence[int], legend_title: str) -> alt.Chart:
    """Israeli settlements as circles sized by 2021 population (`population_2021`)."""
    return (
        alt.Chart(table)
        .mark_circle(color=theme.SETTLEMENT, opacity=0.85, stroke=theme.HALO, strokeWidth=0.5)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            size=alt.Size(
                "population_2021:Q",
                title=wrap_lines(legend_title),
                scale=alt.Scale(domain=[0, size_domain_max], range=[proportional_area(area) for area in SETTLEMENT_SIZES]),
                legend=alt.Legend(values=list(legend_values), format=",d", symbolType="circle"),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Settlement"),
                alt.Tooltip("population_2021:Q", title="Population 2021 (CBS)", format=",d"),
            ],
        )
    )


def settlement_radius_px(population: float, size_domain_max: int) -> float:
    """A settlement circle's radius in pixels (the size scale is linear in area)."""
    low, high = SETTLEMENT_SIZES
    area = low + (high - low) * min(population, size_domain_max) / size_domain_max
    return marker_radius_px(area) + SYMBOL_RIM_PX


# The printed key: a map prints as wide as the text (analysis.tools.pdf), and a
# page cannot also hold its legends stacked below it. Each map names where its
# key goes in print: inside the map, in a corner the names of its design width
# keep clear of, or under it in two columns. Its size is estimated from its
# entries, generously, with these measures of Vega's legends at LEGEND_FONT_PX.
KEY_LINE_PX = 15.0  # a line of the key's type, with the rows' padding (a little over Vega's)
KEY_CHAR_PX = 6.4  # a generous average advance of the key's type (bold titles included)
KEY_SYMBOL_PX = 28.0  # a row's symbol and the gap before its label
KEY_PADDING_PX = 6.0  # around each legend, inside its panel
KEY_GAP_PX = 4.0  # between the panels of a key
KEY_MARGIN_PX = 8.0  # between the key and the map's edges


@dataclass(frozen=True)
class KeyLegend:
    """One legend of a key: its title, its labels and its largest symbol's height."""

    labels: Sequence[str]
    title: str = ""
    symbol_px: float = 0.0

    def size_px(self) -> tuple[float, float]:
        title = wrap_lines(self.title) if self.title else []
        label_lines = [wrap_lines(label) for label in self.labels]
        widest = max(
            [len(line) * KEY_CHAR_PX for line in title]
            + [KEY_SYMBOL_PX + len(line) * KEY_CHAR_PX for lines in label_lines for line in lines]
        )
        rows = sum(max(len(lines) * KEY_LINE_PX, self.symbol_px + 2) for lines in label_lines)
        return widest + 2 * KEY_PADDING_PX, len(title) * KEY_LINE_PX + rows + 2 * KEY_PADDING_PX


@dataclass(frozen=True)
class PrintKey:
    """Where a map's legends print: `corner` ("top-left", "bottom-right", ...)
    inside the map, or "bottom", under it in two columns."""

    corner: str
    legends: Sequence[KeyLegend] = ()

    def inside(self) -> bool:
        return self.corner != "bottom"

    def usermeta(self) -> dict:
        """What analysis.tools.pdf reads to set the key in print."""
        return {"orient": self.corner, "margin": KEY_MARGIN_PX, "gap": KEY_GAP_PX, "padding": KEY_PADDING_PX}

    def box_px(self, map_frame: MapFrame) -> tuple[float, float, float, float]:
        """The key's box at the map's design width: left, top, right, bottom in pixels."""
        sizes = [legend.size_px() for legend in self.legends]
        width = max(size[0] for size in sizes)
        height = sum(size[1] for size in sizes) + KEY_GAP_PX * (len(sizes) - 1)
        map_width, map_height = map_frame.size()
        left = KEY_MARGIN_PX if self.corner.endswith("left") else map_width - KEY_MARGIN_PX - width
        top = KEY_MARGIN_PX if self.corner.startswith("top") else map_height - KEY_MARGIN_PX - height
        return left, top, left + width, top + height


def settlement_key_legend(title: str, populations: Sequence[int], size_domain_max: int) -> KeyLegend:
    """The printed key's legend of settlement circles: one row per population in
    `populations`, each as tall as the largest circle."""
    return KeyLegend([f"{population:,}" for population in populations], title, 2 * settlement_radius_px(max(populations), size_domain_max))


def finish(layers: list[alt.Chart | alt.LayerChart], map_frame: MapFrame, description: str, key: PrintKey) -> alt.LayerChart:
    """The map at its design size, which the page scales to the column keeping
    its shape (`usermeta.fit`, read by _static/vega-fit.js), with where its key
    prints (`usermeta.printKey`, read by analysis.tools.pdf). Its title, measures
    and sources are the figure's caption."""
    width, height = map_frame.size()
    return (
        alt.layer(*layers)
        .project(type="mercator", fit=extent_feature(map_frame.extent))
        .properties(width=width, height=height, description=description, usermeta={"fit": "aspect", "printKey": key.usermeta()})
        .configure_legend(orient="bottom", direction="vertical", columns=1, labelFontSize=LEGEND_FONT_PX, titleFontSize=LEGEND_FONT_PX)
    )
