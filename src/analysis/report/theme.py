"""One look for every chart and map: colours, fonts, sizes.

The palette is Okabe and Ito's, chosen to stay distinguishable under the
common colour-vision deficiencies. Fonts are the reader's own system fonts:
the book loads no web fonts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import altair as alt
from altair.vegalite.v6.display import VEGA_VERSION, VEGAEMBED_VERSION, VEGALITE_VERSION

from analysis.report.vega import SpecIdRenderer

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# Design sizes: _static/vega-fit.js scales every chart and map to its column's
# width on the page; these set the proportions it keeps.
WIDTH = 520
HEIGHT = 320
MAP_WIDTH = 640

# Okabe-Ito
BLACK = "#000000"
ORANGE = "#E69F00"
BLUE = "#0072B2"
GREY = "#7f7f7f"
LIGHT_GREY = "#e6e6e6"

# The colour grammar, the one place colours get their meaning:
# - two hues for the two sides, Israeli and Palestinian (people killed,
#   prisoners, each leader), with shades of them for the places where people
#   were killed;
# - neutrals for places, parties, settlements and anything else that is not a
#   side: dark and mid greys in charts, pale land tints on maps;
# - one highlight for what the account claims and the reference lines and
#   events that frame a chart;
# - a pale grey for gaps in the records.
ISRAELI = BLUE
PALESTINIAN = ORANGE
HIGHLIGHT = "#b8006b"
GAP = "#d9d9d9"
TEXT_MUTED = "#555555"
NEUTRAL_DARK = "#3d3d3d"
NEUTRAL_MID = "#9a9a9a"
NEUTRAL_LIGHT = "#c9c9c9"
SIDE_SHADES = {
    "Palestinians killed": {"Gaza": "#7a3800", "West Bank": "#c8620a", "East Jerusalem": "#e89a52", "Israel": "#f3c89c"},
    "Israelis killed": {"Gaza": "#0b3b6e", "West Bank": "#0072B2", "East Jerusalem": "#5aa3d6", "Israel": "#a9cfee"},
}
NETANYAHU = ISRAELI
# A party in a table of positions: the two sides in their hues, the United
# States (the mediator) in the mid neutral, which shows on the light page and the dark.
PARTY_COLOURS = {"Israel": ISRAELI, "Palestinians": PALESTINIAN, "United States": NEUTRAL_MID}
ABBAS = PALESTINIAN
RELEASE = PALESTINIAN  # Palestinian prisoners freed
WEST_BANK = NEUTRAL_DARK
EAST_JERUSALEM = NEUTRAL_MID
SETTLEMENT = NEUTRAL_DARK
PARTIES = ("#262626", "#4d4d4d", "#737373", "#999999", "#bfbfbf", "#e6e6e6")  # a lightness ladder, each step distinguishable

# Map colours: land in pale neutral tints (Israel grey, the Palestinian
# territories sand, other states near-white), water blue, lines dark.
WATER = "#86bde6"
LAND_ISRAEL = "#bfbfbf"
LAND_PALESTINE = "#fde6c2"
LAND_EAST_JERUSALEM = "#dcb98c"
LAND_OTHER = "#ebebe6"  # not white: a legend swatch is drawn in its own colour only, and must show on the page
GREEN_LINE = "#009E73"
# Chosen so every pair in a map legend keeps a CIEDE2000 difference of at
# least 10 under the three common colour-vision deficiencies.
OCCUPIED_OTHER = "#6a6a6a"
RIVER = "#1b4f8a"
BAND = "#e0c000"  # an area drawn to match a claimed figure

PHASE_COLOURS = {
    "reset": "#f0f0f0",
    "resumption": "#e3eef7",
    "framework": "#f7ecdc",
    "collapse": "#f6e0e8",
    "aftermath": "#e6e6e6",
}

CATEGORY_RANGE = [NEUTRAL_DARK, NEUTRAL_MID, HIGHLIGHT, BLUE, ORANGE]


def theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            # Transparent, so a chart sits on the page's own background; in dark mode
            # _static/figures.css turns the drawing light-on-dark (see there).
            "background": None,
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "title": {"fontSize": 15, "anchor": "start", "fontWeight": 600, "subtitleFontSize": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": LIGHT_GREY, "labelLimit": 0},
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "orient": "bottom",
                "direction": "vertical",
                "labelLimit": 0,
                "titleLimit": 0,
            },
            "header": {"labelFontSize": 12, "titleFontSize": 12},
            "range": {"category": CATEGORY_RANGE},
            "bar": {"color": NEUTRAL_DARK},
            "line": {"color": NEUTRAL_DARK, "strokeWidth": 2},
            "point": {"color": NEUTRAL_DARK, "filled": True},
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
# renderer with the script-safe encoder and element ids derived from the spec.
alt.renderers.register(
    "kerry_book",
    SpecIdRenderer(
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
