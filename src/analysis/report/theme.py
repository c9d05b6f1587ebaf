"""One look for every chart and map: colours, fonts, sizes.

The palette is Okabe and Ito's, chosen to stay distinguishable under the
common colour-vision deficiencies. Fonts are the reader's own system fonts:
the book loads no web fonts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import altair as alt
from altair.utils.display import HTMLRenderer
from altair.vegalite.v6.display import VEGA_VERSION, VEGAEMBED_VERSION, VEGALITE_VERSION

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
WIDTH = 520
HEIGHT = 320
MAP_WIDTH = 420
MAP_HEIGHT = 560

# Okabe-Ito
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#7f7f7f"
LIGHT_GREY = "#e6e6e6"

# The colour grammar: two hues for the two sides, their shades for the places
# where people were killed, neutrals for places and parties, one highlight for
# what the account claims and the events that frame a chart, and a pale grey
# for gaps in the records. Meaning, not just hue, is fixed once here.
HIGHLIGHT = "#b8006b"
GAP = "#d9d9d9"
TEXT_MUTED = "#555555"
SIDE_SHADES = {
    "Palestinians killed": {"Gaza": "#7a3800", "West Bank": "#c8620a", "East Jerusalem": "#e89a52", "Israel": "#f3c89c"},
    "Israelis killed": {"Gaza": "#0b3b6e", "West Bank": "#0072B2", "East Jerusalem": "#5aa3d6", "Israel": "#a9cfee"},
}
# Meaning, not just hue, is fixed once here so every figure agrees.
ISRAELI = BLUE
PALESTINIAN = ORANGE
NETANYAHU = BLUE
ABBAS = ORANGE
WEST_BANK = GREEN
EAST_JERUSALEM = VERMILLION
TENDER = VERMILLION
PLAN = PURPLE
RELEASE = SKY_BLUE
WATER = "#86bde6"
LAND_ISRAEL = "#c8c8c8"
LAND_PALESTINE = "#fde6c2"
LAND_OTHER = "#ffffff"
GREEN_LINE = GREEN
# Map-only colours, chosen so every pair in a map legend keeps a CIEDE2000
# difference of at least 10 under the three common colour-vision deficiencies.
OCCUPIED_OTHER = "#6a6a6a"
RIVER = "#1b4f8a"
BAND = "#e0c000"

PHASE_COLOURS = {
    "reset": "#f0f0f0",
    "resumption": "#e3eef7",
    "framework": "#f7ecdc",
    "collapse": "#f6e0e8",
    "aftermath": "#e6e6e6",
}

CATEGORY_RANGE = [BLUE, ORANGE, GREEN, VERMILLION, SKY_BLUE, PURPLE, YELLOW, BLACK]


def theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            # Transparent, so a chart sits on the page's own background; in dark mode
            # _static/figures.css turns the drawing light-on-dark (see there).
            "background": None,
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "title": {"fontSize": 15, "anchor": "start", "fontWeight": 600, "subtitleFontSize": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": LIGHT_GREY},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "header": {"labelFontSize": 12, "titleFontSize": 12},
            "range": {"category": CATEGORY_RANGE},
            "bar": {"color": BLUE},
            "line": {"color": BLUE, "strokeWidth": 2},
            "point": {"color": BLUE, "filled": True},
        }
    }


@alt.theme.register("kerry_book", enable=False)
def _registered() -> alt.theme.ThemeConfig:
    return theme()


class ScriptSafeEncoder(json.JSONEncoder):
    """JSON that cannot end or open markup inside an inline <script>: `<`, `>`
    and `&` are written as \\u escapes (they only ever occur inside JSON strings,
    so the parsed spec is unchanged). A label such as `</script><script>` or
    `<!--` from a data file stays text in the chart."""

    def iterencode(self, o: object, _one_shot: bool = False) -> Iterator[str]:
        for chunk in super().iterencode(o, _one_shot):
            yield chunk.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# The one place chart specifications are written into HTML: Altair's HTML
# renderer with the script-safe encoder.
alt.renderers.register(
    "kerry_book",
    HTMLRenderer(
        mode="vega-lite",
        template="universal",
        vega_version=VEGA_VERSION,
        vegaembed_version=VEGAEMBED_VERSION,
        vegalite_version=VEGALITE_VERSION,
        json_kwds={"cls": ScriptSafeEncoder},
    ),
)


def use() -> None:
    """Apply the book's theme and render charts as SVG through the script-safe
    renderer, without the export menu (its links point at external sites)."""
    alt.theme.enable("kerry_book")
    alt.renderers.enable("kerry_book", embed_options={"renderer": "svg", "actions": False})
    alt.data_transformers.disable_max_rows()
