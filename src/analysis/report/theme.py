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
#   prisoners, each leader), never shaded into scales of their own;
# - neutrals for parties, settlements and anything else that is not a side:
#   dark and mid greys;
# - the land's own tints for places: pale on maps, deepened in charts to stand
#   on the page (the West Bank a deep brown and East Jerusalem a tan, as the
#   maps' sand and tan; in mid grey, East Jerusalem's bars read as the maps'
#   Israel, which is grey);
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
NETANYAHU = ISRAELI
# A party in a table of positions: the two sides in their hues, the United
# States (the mediator) in the mid neutral, which shows on the light page and the dark.
# One order for every table of positions: the mediator, then the two sides.
PARTY_COLOURS = {"United States": NEUTRAL_MID, "Israel": ISRAELI, "Palestinians": PALESTINIAN}
ABBAS = PALESTINIAN
RELEASE = PALESTINIAN  # Palestinian prisoners freed
# The two regions in the maps' land tints deepened, in the maps' order: East Jerusalem the deeper on the light
# page and the lighter on the dark.
WEST_BANK = "#b8894e"
EAST_JERUSALEM = "#5c4326"
SETTLEMENT = NEUTRAL_DARK
# The parties of a coalition: a lightness ladder, each step distinguishable,
# darkest first on the light page and lightest first on the dark (DARK), none
# of its shades drawn for anything else. A seat count written on each shade
# (PARTY_NUMBERS) reads on it on both pages: white (dark on the dark page) on
# the dark shades, ink on the light ones; DARK_INK stays dark on both pages.
PARTIES = ("#262626", "#4d4d4d", "#737373", "#999999", "#c0c0c0")
DARK_INK = "#141414"
PARTY_NUMBERS = ("white", "white", "white", DARK_INK, BLACK)

# Map colours: land in pale neutral tints (Israel grey, the Palestinian
# territories sand, other states a paler grey), water blue, lines dark. Printed
# in grey, each area of a map's key keeps a lightness of its own (CIELAB L*
# 5 or more apart): Israel's grey and the sea's blue were 3 apart, and the
# other states' near-white 0.6 from the territories' sand.
WATER = "#7d9dc0"
LAND_ISRAEL = "#ababab"
LAND_PALESTINE = "#fde6c2"
LAND_EAST_JERUSALEM = "#dcb98c"
# A neighbourhood where units were announced: 3:1 or more from Israel's grey and East Jerusalem's sand on
# both pages (it was the edges' grey, 1.4:1 from West Jerusalem on the dark page, so Ramot and Gilo read as Israel).
NEIGHBOURHOOD = "#575757"
LAND_OTHER = "#dadad4"  # not white: a legend swatch is drawn in its own colour only, and must show on the page
GREEN_LINE = "#009E73"
# Chosen so every pair in a map legend keeps a CIEDE2000 difference of at
# least 10 under the three common colour-vision deficiencies; where a line runs
# over an area nearer than that (the Jordan Valley's line (a) over band (b) on the
# dark page), the line is cased (maps.layers.line_casing).
# The Golan Heights: a pale tint of its own, not the map's darkest fill. It is in no key (its dotted edge is),
# so it stands nearer Israel's grey and the neighbours' than a key's areas stand to each other.
OCCUPIED_OTHER = "#cac6ba"
RIVER = "#1b4f8a"
# An area drawn to match a claimed figure, opaque over the West Bank: it was #d9c23c at 60%, and its key's swatch, drawn
# whole, matched no colour on the map. That blend (#e7d072) stood 7.7 (CIEDE2000) from the West Bank's sand for a
# reader with tritanopia; this stands 12.6 or more from every area of its map for every reader.
BAND = "#eac06e"
LAND_LINE = "#7a7a7a"  # the thin edge between areas
# A definition's outline (the Jordan Valley's governorates): a hue of its own, apart from the settlements'
# dark circles it runs among (in their grey it read as a string of them), the river's blue and the Green Line
# under the common colour-vision deficiencies (a purple was the river's blue to them).
DEFINITION_LINE = "#993404"
MAP_TEXT = "#1a1a1a"  # names and markers on maps
WATER_TEXT = "#1d5a8a"  # names of seas, lakes and rivers
SHORE = "#4a86bf"  # a sea's or lake's edge, a shade deeper than its water, so the shore holds on the dark page too
HALO = "#ffffff"  # the halo behind every name on a map, and the rim of its markers

# Dark mode: every colour a chart or map draws with, as it is drawn on the dark
# page. No filter turns the light drawing over: each colour has a counterpart
# designed for the dark ground (land dark and sea darker, text and lines light,
# the sides' hues kept), applied by _static/figures.css (dark_mode_css).
DARK = {
    BLACK: "#ececec",
    MAP_TEXT: "#ececec",
    "#000": "#ececec",
    "black": "#ececec",
    HALO: "#14181e",
    "white": "#14181e",
    TEXT_MUTED: "#b0b0b0",
    "#888": "#8a8a8a",
    "#ddd": "#3a3f46",
    LIGHT_GREY: "#2c3036",
    GAP: "#3a3f46",
    NEUTRAL_DARK: "#d2d2d2",
    NEUTRAL_LIGHT: "#6b7078",
    # The mediator's grey, and East Jerusalem's part of a stacked bar beside the West Bank's (NEUTRAL_DARK's
    # #d2d2d2 here): 3.4:1 from the page and 3.5:1 from that part. It had its dark colour only while the areas'
    # edge shared its grey.
    NEUTRAL_MID: "#666d77",
    # The regions' parts of a stacked bar, the ladder turned round: the West Bank's 4.1:1 from the page and East
    # Jerusalem's 12:1, 2.96:1 apart.
    WEST_BANK: "#9c7040",
    EAST_JERUSALEM: "#e8d2aa",
    LAND_LINE: "#5f6670",
    DEFINITION_LINE: "#e8865a",
    WATER: "#1d3a55",
    WATER_TEXT: "#8cc4f0",
    SHORE: "#4a82b5",  # the Dead Sea against Jordan: their fills are 1.2:1 apart on the dark page, the shore 3.4:1 from Jordan
    LAND_ISRAEL: "#4b5058",
    LAND_PALESTINE: "#6e5a38",
    LAND_EAST_JERUSALEM: "#9a7444",
    NEIGHBOURHOOD: "#a6abb2",
    LAND_OTHER: "#2a2e34",
    OCCUPIED_OTHER: "#3a3e45",
    GREEN_LINE: "#2fd39c",
    RIVER: "#6fb3f2",
    BAND: "#9a8632",  # #b8a42e at 60% over the dark West Bank, as it was drawn: 1.8:1 against it
    ISRAELI: "#3f9fe0",
    HIGHLIGHT: "#ff5cae",
    # the coalition's parties, the ladder turned round, in even steps of lightness (L* 96 to 42, none under 3:1
    # on the dark page): at #e0e0e0, #c2c2c2 and #a6a6a6 its first three steps read as one grey
    PARTIES[0]: "#f2f2f2",
    PARTIES[1]: "#cdcdcd",
    PARTIES[2]: "#a9a9a9",
    PARTIES[3]: "#868686",
    PARTIES[4]: "#646464",
    # the phases of the timeline's strip
    "#f0f0f0": "#2a2e34",
    "#e3eef7": "#1e3246",
    "#f7ecdc": "#3e3322",
    "#f6e0e8": "#3e2531",
}

# The sides an event's actors acted for (analysis.data.schemas.SIDES, in its
# order; a test keeps the two equal), each as (light page, dark page): the
# parties in their hues (the mediator's mid grey, as DARK draws it on the dark
# page, where charts draw it too), anyone else in the muted text colour,
# drawn as a ring so that it reads as no party's.
OTHER_SIDE = "other"
SIDE_COLOURS = {
    "United States": (NEUTRAL_MID, DARK[NEUTRAL_MID]),
    "Israel": (ISRAELI, DARK[ISRAELI]),
    "Palestinians": (PALESTINIAN, PALESTINIAN),
    OTHER_SIDE: (TEXT_MUTED, DARK[TEXT_MUTED]),
}

PHASE_COLOURS = {
    "reset": "#f0f0f0",
    "resumption": "#e3eef7",
    "framework": "#f7ecdc",
    "collapse": "#f6e0e8",
    "aftermath": "#e6e6e6",
}

CATEGORY_RANGE = [NEUTRAL_DARK, NEUTRAL_MID, HIGHLIGHT, BLUE, ORANGE]


def dark_mode_css() -> str:
    """The CSS that redraws every chart and map in its dark colours (DARK): SVG
    fills and strokes set as attributes give way to a style rule."""
    rules = []
    for light, dark in DARK.items():
        for paint in ("fill", "stroke"):
            rules.append(f'html[data-theme="dark"] .vega-embed svg [{paint}="{light}" i] {{ {paint}: {dark}; }}')
    return "\n".join(rules) + "\n"


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
