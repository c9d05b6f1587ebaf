"""The book's three maps, as Altair geoshape charts sharing the theme.

Where things are:

- `geometry`: layers prepared for Vega (clipped, simplified, rounded, wound
  for d3-geo) and the map frames; the Jordan River's border course.
- `layers`: what the maps share (areas, lines and their legends, settlements,
  the scale bar, the finished map).
- `labels`: which names each map writes at each width, and where.
- `locator`: the inset of the region around a map.
- `lines_1967`, `jordan_valley`, `east_jerusalem`: one module per map.

Map functions draw what the page gives them; the measures (areas, lengths,
settlements inside a definition) come from analysis.geography and go into the
figure's caption and table.
"""

from analysis.report.maps import jordan_valley, lines_1967
from analysis.report.maps.east_jerusalem import EAST_JERUSALEM, map_east_jerusalem
from analysis.report.maps.jordan_valley import JORDAN_VALLEY, map_jordan_valley
from analysis.report.maps.lines_1967 import LINES_1967, map_1967_lines


def settlement_scale_against_1967_map() -> int:
    """How many times fewer people a settlement's dot stands for on the Jordan Valley's map than the same dot on the
    1967 lines' map: the ratio of their size scales' tops, the two scales sharing their range of areas
    (layers.SETTLEMENT_SIZES). A caption says it in words, so it is a whole number above one."""
    ratio = lines_1967.SETTLEMENT_TOP / jordan_valley.SETTLEMENT_TOP
    if not ratio.is_integer() or ratio <= 1:
        raise ValueError(f"the maps' settlement scales stand {ratio:g} times apart: a caption says a whole number above one")
    return int(ratio)


__all__ = [
    "EAST_JERUSALEM",
    "JORDAN_VALLEY",
    "LINES_1967",
    "map_1967_lines",
    "map_east_jerusalem",
    "map_jordan_valley",
    "settlement_scale_against_1967_map",
]
