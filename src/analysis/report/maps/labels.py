"""Label placement: which names a map writes at each width, and where.

A map is drawn at two widths that matter: its design width (a desktop
column, a printed page) and a phone's column. For each, the names are placed
in order of rank (territories, states, water, cities, ...) at the first
candidate spot where the label, with its halo, covers no marker, crosses no
drawn line or boundary, overlaps no name placed before it, stays on its own
ground and inside the map, and off the locator and the printed key; a
label set away from its place has a leader line that crosses no marker and
no other name. Near the place first, then anywhere on the name's own ground;
a name with no such spot is left out at that width. The page shows one set or the other by the map's drawn width
(`width`, the signal _static/vega-fit.js sets), so a phone gets fewer names,
never names on the wrong ground.

Positions are worked out in the map's pixels (Mercator, fitted to its
extent, as Vega draws it) and written back as the centre of the label in
degrees, so the chart needs no per-label offsets.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import altair as alt
import numpy as np
import pandas as pd
import shapely
import shapely.affinity
import shapely.ops
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from analysis.report import theme
from analysis.report.maps.geometry import Extent, MapFrame
from analysis.report.maps.layers import PrintKey, proportional_radius_px

# The widths labels are laid out for: the design width (desktop column, print)
# and the narrowest phone column a map is drawn in; the page switches between
# the two sets at SWITCH_WIDTH.
PHONE_MAP_WIDTH_PX = 330
SWITCH_WIDTH_PX = 480
HALO_PX = 2.0  # the halo's half-width, kept clear like the text itself
CLEARANCE_PX = 1.5  # extra room around every label
LEADER_MAX_PX = 80.0  # no longer: a name farther from its place is left out
# Each row a map draws at one width only says so in words (`shown_at`), which its
# figure's data carries, and the page shows it at that width (`SHOWN_HERE`).
SHOWN_AT = "shown_at"
WIDE = f"maps {SWITCH_WIDTH_PX} px wide or wider (desktop, print)"
NARROW = f"maps narrower than {SWITCH_WIDTH_PX} px (phone)"
EVERY_WIDTH = "every width"
NO_WIDTH = "no width: left unnamed"
SHOWN_HERE = (
    f"datum.{SHOWN_AT} == {json.dumps(EVERY_WIDTH)}"
    f" || datum.{SHOWN_AT} == (width >= {SWITCH_WIDTH_PX} ? {json.dumps(WIDE)} : {json.dumps(NARROW)})"
)


# A line’s room by its letters, in averages: the widest small letters twice, the narrowest half. A style’s average is generous
# for most names, but not for one of a few wide letters ("Amman" is 51 px in a city's type as a phone's map sets
# it, five averages 36).
WIDE_LETTERS, NARROW_LETTERS = "mw", "fijlrtI.,;:'’ ()"


@dataclass(frozen=True)
class NameStyle:
    """How one rank of names is set: the hierarchy of a map's type."""

    size: int
    weight: str | int
    italic: bool
    colour: str
    char_px: float  # a generous average advance per character at this size and weight

    def line_height(self) -> float:
        return self.size * LINE_HEIGHT

    def width_px(self, line: str) -> float:
        """The room `line` takes: the average advance a character, or more where its letters are wide."""
        by_letter = sum(2.0 if letter in WIDE_LETTERS else 0.5 if letter in NARROW_LETTERS else 1.0 for letter in line)
        return max(len(line), by_letter) * self.char_px

    def mark(self) -> dict:
        return {
            "fontSize": self.size,
            "fontWeight": self.weight,
            "fontStyle": "italic" if self.italic else "normal",
            "color": self.colour,
            "stroke": theme.HALO,
            "strokeWidth": 2 * HALO_PX,
            "strokeOpacity": 0.9,
            "strokeJoin": "round",
        }


# The hierarchy, most prominent first.
STYLES = {
    "territory": NameStyle(13, "bold", False, theme.MAP_TEXT, 9.8),
    "state": NameStyle(12, "normal", False, theme.TEXT_MUTED, 8.4),
    "water": NameStyle(12, "normal", True, theme.WATER_TEXT, 6.9),
    "city": NameStyle(12, 600, False, theme.MAP_TEXT, 7.2),
    "region": NameStyle(11, "normal", True, theme.TEXT_MUTED, 6.4),
    "governorate": NameStyle(11, "normal", True, theme.MAP_TEXT, 6.4),
    "marker": NameStyle(11, "bold", False, theme.MAP_TEXT, 7.0),
    "neighbourhood": NameStyle(11, "normal", True, theme.TEXT_MUTED, 6.4),
}
LINE_HEIGHT = 1.2  # times the font size


@dataclass(frozen=True)
class Name:
    """A name to write: `anchor` is its preferred spot (a point of the place it
    names, or where a cartographer would write it); `marker_px` the radius of
    the marker it labels (0 for an area or a line) at the map's design width,
    whose sides it tries first; a `proportional` marker (a symbol sized by a
    count) is drawn smaller on a narrower map (`proportional_radius_px`).
    `within` is the area the label must stay inside (its own ground), if any;
    `leave_to` a wider ground it is set on, on a leader, when it cannot fit
    within (a governorate too narrow for its name, named from the West Bank
    beside it). A name placed away from its anchor gets a leader line to it
    (`leader_max_px` long at most) when it labels a marker, has no ground of
    its own, or `points` (a small area, such as a walled city, whose name sits
    beside it); a name inside its own ground needs none. A name set beside its
    ground with `beside_over_lines` may cross the drawn lines there (a city's
    name across the Green Line beside its square, the halo breaking the line,
    rather than wholly over the line at the end of a long leader), never a
    marker. A marker's name stands nearer its own marker than any other
    (`Obstacles.markers`): set off towards another, it read as naming it."""

    text: str
    rank: str
    lon: float
    lat: float
    marker_px: float = 0.0
    proportional: bool = False
    within: BaseGeometry | None = None
    leave_to: BaseGeometry | None = None
    points: bool = False
    leader_max_px: float = LEADER_MAX_PX
    beside_over_lines: bool = False

    def variants(self) -> list[tuple[str, ...]]:
        """The label on one line, then (for two words or more) on two."""
        words = self.text.split()
        options = [(self.text,)]
        if len(words) > 1:
            cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
            options.append((" ".join(words[:cut]), " ".join(words[cut:])))
        return options


@dataclass(frozen=True)
class Obstacles:
    """What a label must not touch, in degrees: marker centres with their radii
    in pixels, and drawn lines and boundaries."""

    markers: Sequence[tuple[float, float, float]]  # lon, lat, radius px
    lines: Sequence[BaseGeometry]
    proportional_markers: Sequence[tuple[float, float, float]] = ()  # lon, lat, radius px at the design width
    scale_bar: LineString | None = None  # the scale bar, whose label stands above it
    keep_out: Sequence[Extent] = ()  # boxes no label may enter (the locator, the printed key)
    # Areas filled as the places they are (East Jerusalem's neighbourhoods with units): a leader enters only the one
    # holding its own place; through another's fill it read as pointing at that one.
    named_areas: Sequence[BaseGeometry] = ()


class Projection:
    """Degrees to the map's pixels and back, as Vega draws it at `width_px`."""

    def __init__(self, map_frame: MapFrame, width_px: float) -> None:
        self.west, self.south, self.east, self.north = map_frame.extent
        design_width, design_height = map_frame.size()
        self.width = width_px
        self.height = design_height * width_px / design_width
        self.top, self.bottom = self._mercator(self.north), self._mercator(self.south)

    @staticmethod
    @functools.cache
    def _mercator(lat: float) -> float:
        # Kept per latitude: each map's outlines are projected at every width it is labelled at, and a map
        # asked for some 380,000 latitudes, ten thousand of them different.
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    def to_px(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) / (self.east - self.west) * self.width
        y = (self.top - self._mercator(lat)) / (self.top - self.bottom) * self.height
        return x, y

    def to_degrees(self, x: float, y: float) -> tuple[float, float]:
        lon = self.west + x / self.width * (self.east - self.west)
        mercator = self.top - y / self.height * (self.top - self.bottom)
        return lon, math.degrees(2 * math.atan(math.exp(mercator)) - math.pi / 2)

    def geometry(self, geometry: BaseGeometry) -> BaseGeometry:
        """`geometry` in pixels: `to_px` of each coordinate to the bit, its arithmetic
        done on all of them at once (the logarithm and tangent stay the math
        module's: numpy's vary in the last bit with the processor)."""

        def coordinates_px(coords: np.ndarray) -> np.ndarray:
            mercator = np.fromiter(map(self._mercator, coords[:, 1]), dtype=float, count=len(coords))
            x = (coords[:, 0] - self.west) / (self.east - self.west) * self.width
            y = (self.top - mercator) / (self.top - self.bottom) * self.height
            return np.column_stack([x, y])

        return shapely.transform(geometry, coordinates_px)


def box_size(name: Name, lines: tuple[str, ...]) -> tuple[float, float]:
    style = STYLES[name.rank]
    width = max(style.width_px(line) for line in lines) + 2 * (HALO_PX + CLEARANCE_PX)
    height = len(lines) * style.size * LINE_HEIGHT + 2 * (HALO_PX + CLEARANCE_PX)
    return width, height


def candidates(name: Name, at: tuple[float, float], size: tuple[float, float]) -> Iterable[tuple[float, float]]:
    """Centres to try, nearest the anchor first: beside a marker (right, left,
    above, below, then the corners), or around an area's preferred spot; then
    farther out on rings, where the label gets a leader line to its place."""
    x, y = at
    width, height = size
    if name.marker_px:
        gap = name.marker_px + 1
        yield x + gap + width / 2, y
        yield x - gap - width / 2, y
        yield x, y - gap - height / 2
        yield x, y + gap + height / 2
        for sx, sy in ((1, -1), (-1, -1), (1, 1), (-1, 1)):
            yield x + sx * (gap + width / 2), y + sy * (gap / 2 + height / 2)
    for radius in (0, 6, 12, 20, 30, 42, 56, 72, 90, 110):
        steps = 1 if radius == 0 else 36
        for step in range(steps):
            angle = 2 * math.pi * step / steps
            yield x + radius * math.cos(angle), y + radius * math.sin(angle)


GROUND_STEP_PX = 5.0  # the spacing of the spots tried across a name's ground when none near its anchor is clear


def across_ground(ground: BaseGeometry, at: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Every spot of a grid over `ground` (in pixels), nearest `at` first, and
    its distance from `at`: where a name is tried when its ground is crowded
    around its preferred spot (one on a leader only as far as its leader reaches)."""
    west, south, east, north = ground.bounds
    columns = np.arange(int((east - west) / GROUND_STEP_PX) + 1)
    rows = np.arange(int((north - south) / GROUND_STEP_PX) + 1)
    x = west + np.repeat(columns, len(rows)) * GROUND_STEP_PX
    y = south + np.tile(rows, len(columns)) * GROUND_STEP_PX
    distance = np.hypot(x - at[0], y - at[1])
    nearest_first = np.argsort(distance, kind="stable")
    return np.column_stack([x, y])[nearest_first], distance[nearest_first]


SCALE_BAR_LABEL_PX = 20.0  # the scale bar's label and its halo stand this high above it
LEADER_AFTER_PX = 4.0  # a label farther than this from its marker or place gets a leader line
LEADER_GAP_PX = 2.0  # between a leader's end and its label's room, or its letters
LEADER_PX = 1.2  # a leader's line
LEADER_CASING_PX = 2.2  # its casing, in the halo's colour: a thin edge either side, thinner than the line (wider, it read as two lines)
# The share of a name's estimated width (`NameStyle.char_px`) a leader aims for:
# the italic names' letters take 0.83 to 0.86 of it in DejaVu Sans, less in
# Arial or Helvetica; the bolder names run wider than their estimate, and their
# halo hides a leader's end.
LETTERS_WIDTH_SHARE = 0.8
LEADER_INSET_PX = 8.0  # how far into its ground the leader of an area's name set beside it reaches
CALLOUT_GAP_PX = 14.0  # an area's name set beside it stands this far off, so its leader shows it names the area, not the ground under it
# An area's leader ends no nearer a marker: ending a pixel from a settlement's dot, the Tubas governorate's leader
# read as naming the settlement (a phone reader's finding).
LEADER_CLEARANCE_PX = 3.0


def segments(line: BaseGeometry) -> list[BaseGeometry]:
    """A drawn line as its segments, so that a label's box is tested against the
    few near it rather than against every vertex of the line (it touches the
    line exactly when it touches one of them)."""
    pieces: list[BaseGeometry] = []
    for part in shapely.get_parts(line):
        coordinates = shapely.get_coordinates(part)
        pieces.extend(shapely.linestrings(np.stack([coordinates[:-1], coordinates[1:]], axis=1)))
    return pieces


def leader(anchor: tuple[float, float], box: BaseGeometry, name: Name) -> LineString | None:
    """The leader from a marker's edge (or an area's spot) to just short of its
    label's room (`box`: the letters at a generous width, halo and clearance),
    if the label sits away from it: the line tested against all else drawn."""
    point = shapely.Point(anchor)
    if box.distance(point) <= name.marker_px + LEADER_AFTER_PX or (not name.marker_px and box.contains(point)):
        return None
    near = shapely.ops.nearest_points(box, point)[0]
    line = LineString([point, near])
    start = name.marker_px + 1
    end = line.length - LEADER_GAP_PX
    return shapely.ops.substring(line, start, end) if end > start else None


def into_letters(line: LineString, box: BaseGeometry) -> LineString:
    """The leader to draw: `line` carried on into its label's own room (`box`,
    clear of all else) to just short of the nearest point of the letters most
    fonts set; the caller keeps it if it crosses no marker or other name. A
    name's halo, drawn over the leader, hides its end where a font sets the
    name wider. Stopping at the room's edge, a leader ended 6 to 15 px short of
    its name and read as a stub."""
    kept = box.buffer(-(HALO_PX + CLEARANCE_PX), join_style="mitre")
    letters = shapely.affinity.scale(kept, xfact=LETTERS_WIDTH_SHARE, origin="center")
    target = shapely.ops.nearest_points(letters, shapely.Point(line.coords[-1]))[0]
    drawn = LineString([line.coords[0], target])
    return shapely.ops.substring(drawn, 0, drawn.length - LEADER_GAP_PX)


@dataclass(frozen=True)
class Options:
    """Each way to set a name, nearest its anchor first: the variant of its lines
    (`Name.variants`) and the centre of its box, with the lines and box size of
    each variant."""

    variant: np.ndarray  # per option: an index into `lines` and `sizes`
    centres: np.ndarray  # per option: x, y in pixels
    lines: list[tuple[str, ...]]
    sizes: np.ndarray  # per variant: width, height in pixels

    def boxes(self, chosen: np.ndarray) -> np.ndarray:
        """The boxes of the `chosen` options."""
        (width, height), (cx, cy) = self.sizes[self.variant[chosen]].T, self.centres[chosen].T
        return shapely.box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def options(name: Name, anchor: tuple[float, float], within: BaseGeometry | None, pointed: bool) -> Options:
    """Each way to set `name`, nearest its anchor first, a name on one line before
    the same name on two at the same distance: a name set on two lines beside its
    place reads better than on one at the end of a long leader."""
    variants = name.variants()
    sizes = np.array([box_size(name, lines) for lines in variants])
    ground = across_ground(within, anchor) if within is not None else None
    centres, buckets, variant_of, order = [], [], [], []
    for variant, (width, height) in enumerate(sizes):
        spots = np.array(list(candidates(name, anchor, (width, height))))
        if ground is not None:
            reach_px = name.leader_max_px + math.hypot(width, height) / 2 + name.marker_px if pointed else math.inf
            ground_spots, distance = ground
            spots = np.vstack([spots, ground_spots[distance <= reach_px]])
        gap = np.maximum(np.maximum(np.abs(spots[:, 0] - anchor[0]) - width / 2, np.abs(spots[:, 1] - anchor[1]) - height / 2), 0.0)
        centres.append(spots)
        buckets.append(np.round(gap / OPTION_STEP_PX))
        variant_of.append(np.full(len(spots), variant))
        order.append(np.arange(len(spots)))
    variant_of_all = np.concatenate(variant_of)
    ranked = np.lexsort((np.concatenate(order), variant_of_all, np.concatenate(buckets)))
    return Options(variant_of_all[ranked], np.concatenate(centres)[ranked], variants, sizes)


OPTION_STEP_PX = 6.0  # spots whose distances from the anchor differ by less are tried one line first


def option_batches(count: int) -> Iterable[np.ndarray]:
    """The indices 0 to `count`, in batches that grow: most names fit at one of the
    first spots tried, a crowded one is tried across its ground."""
    start, size = 0, 64
    while start < count:
        yield np.arange(start, min(start + size, count))
        start, size = start + size, size * 4


def place(names: Sequence[Name], obstacles: Obstacles, map_frame: MapFrame, width_px: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The names that fit at `width_px`, each at its centre in degrees, in rank
    order, and the leader lines of those placed away from their place."""
    projection = Projection(map_frame, width_px)
    design_width, _ = map_frame.size()
    frame = shapely.box(0, 0, projection.width, projection.height)
    shapely.prepare(frame)
    drawn = [
        *obstacles.markers,
        *((lon, lat, proportional_radius_px(radius, width_px, design_width)) for lon, lat, radius in obstacles.proportional_markers),
    ]
    markers = [shapely.Point(projection.to_px(lon, lat)).buffer(radius) for lon, lat, radius in drawn]
    marker_tree = shapely.STRtree(markers)
    blocked = list(markers)
    blocked += [projection.geometry(shapely.box(*box)) for box in obstacles.keep_out]
    if obstacles.scale_bar is not None:
        left, top, right, bottom = projection.geometry(obstacles.scale_bar).bounds
        blocked.append(shapely.box(left - 2, top - SCALE_BAR_LABEL_PX, right + 2, bottom + 4))
    tree = shapely.STRtree(blocked)
    line_tree = shapely.STRtree([segment for line in obstacles.lines for segment in segments(projection.geometry(line))])
    named_markers = [shapely.Point(projection.to_px(lon, lat)) for lon, lat, _ in obstacles.markers]
    named_areas = [projection.geometry(area) for area in obstacles.named_areas]
    area_tree = shapely.STRtree(named_areas)
    placed: list[BaseGeometry] = []
    leaders: list[BaseGeometry] = []
    rows, leader_rows = [], []

    def crosses_a_marker(line: LineString, own_marker: tuple[float, float] | None) -> bool:
        """Whether a leader passes over a marker other than its own (the one at `own_marker`, for a marker's
        name; an area's name has none, though its leader starts on a dot)."""
        own = shapely.Point(own_marker) if own_marker is not None else None
        return any(own is None or not markers[index].contains(own) for index in marker_tree.query(line, predicate="intersects"))

    def points_by_a_marker(end: tuple[float, float]) -> bool:
        """Whether the leader of a name that labels no marker ends, at `end` (in its place), within
        LEADER_CLEARANCE_PX of a marker."""
        return bool(marker_tree.query(shapely.Point(end).buffer(LEADER_CLEARANCE_PX), predicate="intersects").size)

    def enters_another_area(line: LineString, anchor: tuple[float, float]) -> bool:
        """Whether a leader passes through a named area other than the one its place (at `anchor`) lies in."""
        own = shapely.Point(anchor)
        return any(not named_areas[index].covers(own) for index in area_tree.query(line, predicate="intersects"))

    def nearer_another_marker(box: BaseGeometry, anchor: tuple[float, float]) -> bool:
        """Whether a label's box stands nearer another marker than its own (at `anchor`)."""
        own = box.distance(shapely.Point(anchor))
        return any(box.distance(marker) < own for marker in named_markers if marker.distance(shapely.Point(anchor)) > 1)

    def spot_for(name: Name, own_ground: BaseGeometry | None = None, over_lines: bool = False) -> tuple | None:
        """The first clear spot for `name`; `own_ground` (pixels) is the ground of
        an area whose name is set beside it, which its leader points into; a name
        `over_lines` may cross the drawn lines."""
        anchor = projection.to_px(name.lon, name.lat)
        within = projection.geometry(name.within) if name.within is not None else None
        if within is not None:
            shapely.prepare(within)  # each of its many spots asks whether the ground contains it
        pointed = name.marker_px or name.points or name.within is None
        own_marker = anchor if name.marker_px else None
        reach = None
        if own_ground is not None:
            inset = own_ground.buffer(-LEADER_INSET_PX)
            reach = inset if not inset.is_empty else own_ground
        ways = options(name, anchor, within, pointed)
        taken = shapely.STRtree([*placed, *leaders])
        for chosen in option_batches(len(ways.centres)):
            boxes = ways.boxes(chosen)
            clear = shapely.contains(frame, boxes)
            if within is not None:
                clear &= shapely.contains(within, boxes)
            # Only the spots still clear are tested against what is drawn and placed:
            # most of a batch lies off its ground, and the test is the costly part.
            for index_tree in (tree, taken) if over_lines else (tree, line_tree, taken):
                still_clear = np.flatnonzero(clear)
                clear[still_clear[index_tree.query(boxes[still_clear], predicate="intersects")[0]]] = False
            for option, box in zip(chosen[clear], boxes[clear], strict=True):
                points_from = anchor
                if name.marker_px and nearer_another_marker(box, anchor):
                    continue
                if reach is not None:
                    if box.distance(own_ground) < CALLOUT_GAP_PX:
                        continue
                    inside = shapely.ops.nearest_points(reach, box)[0]
                    points_from = (inside.x, inside.y)
                line = leader(points_from, box, name) if pointed else None
                if line is not None and (
                    line.length > name.leader_max_px
                    or (own_marker is None and points_by_a_marker(line.coords[0]))
                    or len(taken.query(line, predicate="intersects"))
                    or crosses_a_marker(line, own_marker)
                    or enters_another_area(line, anchor)
                ):
                    continue
                cx, cy = ways.centres[option]
                drawn = into_letters(line, box) if line is not None else None
                if (
                    drawn is not None
                    and drawn.length > line.length
                    and not (
                        taken.query(drawn, predicate="intersects").size
                        or crosses_a_marker(drawn, own_marker)
                        or enters_another_area(drawn, anchor)
                    )
                ):
                    line = drawn
                return float(cx), float(cy), ways.lines[ways.variant[option]], box, line
        return None

    for name in names:
        if name.proportional:
            name = replace(name, marker_px=proportional_radius_px(name.marker_px, width_px, design_width))
        spot = spot_for(name)
        if spot is None and name.leave_to is not None:
            own_ground = projection.geometry(name.within) if name.within is not None and not name.marker_px else None
            spot = spot_for(replace(name, within=name.leave_to, points=True), own_ground, over_lines=name.beside_over_lines)
        if spot is None:
            continue
        cx, cy, lines, box, line = spot
        placed.append(box)
        align, x = aligned_to_its_marker(name, projection.to_px(name.lon, name.lat), (cx, cy), box, line)
        # Vega sets a label's first line at its point and the others below it.
        lon, lat = projection.to_degrees(x, cy - (len(lines) - 1) * STYLES[name.rank].line_height() / 2)
        rows.append({"name": "\n".join(lines), "rank": name.rank, "align": align, "lon": round(lon, 5), "lat": round(lat, 5)})
        if line is not None:
            leaders.append(line)
            (x1, y1), (x2, y2) = line.coords[0], line.coords[-1]
            (lon1, lat1), (lon2, lat2) = projection.to_degrees(x1, y1), projection.to_degrees(x2, y2)
            leader_rows.append(
                {"name": name.text, "lon": round(lon1, 5), "lat": round(lat1, 5), "lon2": round(lon2, 5), "lat2": round(lat2, 5)}
            )
    return (
        pd.DataFrame(rows, columns=["name", "rank", "align", "lon", "lat"]),
        pd.DataFrame(leader_rows, columns=["name", "lon", "lat", "lon2", "lat2"]),
    )


def aligned_to_its_marker(
    name: Name, anchor: tuple[float, float], centre: tuple[float, float], box: BaseGeometry, line: BaseGeometry | None
) -> tuple[str, float]:
    """How a label is aligned, and the x it is set at: a marker's name set right or left of it, with no leader,
    starts at its room's edge by the marker and runs away from it, so a name wider than the average advance
    allows ("Amman", its two m's) runs on away from its marker, not over it; any other is centred."""
    (x, y), (cx, cy) = anchor, centre
    if not name.marker_px or line is not None or abs(cy - y) > 0.5:
        return "center", cx
    left, _, right, _ = box.bounds
    inset = HALO_PX + CLEARANCE_PX
    return ("left", left + inset) if cx > x else ("right", right - inset)


def place_drawn(names: Sequence[Name], obstacles: Obstacles, map_frame: MapFrame, width_px: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`place`, for a map that draws a marker only where its name is written (`shown_where_named`): placed
    again without the markers of the names left out, each pass from all the markers, until the names
    written no longer change (Jericho's square, undrawn, still kept others' names off it)."""
    placed, leaders = place(names, obstacles, map_frame, width_px)
    for _ in range(MAX_PLACINGS - 1):
        written = {text.replace("\n", " ") for text in placed["name"]}
        undrawn = {(name.lon, name.lat) for name in names if name.marker_px and not name.proportional and name.text not in written}
        again = replace(obstacles, markers=[marker for marker in obstacles.markers if (marker[0], marker[1]) not in undrawn])
        placed_again, leaders_again = place(names, again, map_frame, width_px)
        if set(placed_again["name"]) == set(placed["name"]):
            return placed_again, leaders_again
        placed, leaders = placed_again, leaders_again
    return placed, leaders


MAX_PLACINGS = 3  # a name placed once its neighbours' undrawn markers are gone may leave out another


def key_extent(key: PrintKey, map_frame: MapFrame) -> Extent:
    """The box a key printed inside the map covers, in degrees (as drawn at the design width)."""
    left, top, right, bottom = key.box_px(map_frame)
    projection = Projection(map_frame, map_frame.size()[0])
    west, south = projection.to_degrees(left, bottom)
    east, north = projection.to_degrees(right, top)
    return west, south, east, north


def name_layers(
    names: Sequence[Name], obstacles: Obstacles, map_frame: MapFrame, key: PrintKey, markers_where_named: bool = False
) -> tuple[list[alt.Chart], dict[str, set[str]]]:
    """The map's names as text layers with halos, and their leader lines: the
    design-width set shown when the map is drawn SWITCH_WIDTH_PX wide or more
    (on a desktop and in print, where it keeps clear of a key set inside the
    map), the phone set below, each row saying which (`SHOWN_AT`); and the
    names each set writes, by those words (for `shown_where_named`). A map
    that draws a marker only where its name is written (`markers_where_named`)
    has its names placed clear of the drawn markers only (`place_drawn`)."""
    design_width, _ = map_frame.size()
    design = replace(obstacles, keep_out=[*obstacles.keep_out, key_extent(key, map_frame)]) if key.inside() else obstacles
    placing = place_drawn if markers_where_named else place
    sets = {
        WIDE: placing(names, design, map_frame, design_width),
        NARROW: placing(names, obstacles, map_frame, PHONE_MAP_WIDTH_PX),
    }
    layers = []
    for shown_at, (table, leaders) in sets.items():
        if len(leaders):
            # Each leader cased in the halo's colour, so that it reads over any fill: on the dark page Ramat Shlomo's
            # light leader ran unseen over its neighbourhood's light grey.
            lines = (
                alt.Chart(leaders.assign(**{SHOWN_AT: shown_at}))
                .encode(longitude="lon:Q", latitude="lat:Q", longitude2="lon2:Q", latitude2="lat2:Q")
                .transform_filter(SHOWN_HERE)
            )
            layers += [
                lines.mark_rule(color=theme.HALO, strokeWidth=LEADER_CASING_PX, aria=False),
                lines.mark_rule(color=theme.MAP_TEXT, strokeWidth=LEADER_PX, aria=False),
            ]
        for (rank, align), rows in table.groupby(["rank", "align"], sort=False):
            layers.append(
                alt.Chart(rows.drop(columns=["rank", "align"]).assign(**{SHOWN_AT: shown_at}))
                .mark_text(
                    aria=False,
                    align=align,
                    baseline="middle",
                    lineBreak="\n",
                    lineHeight=STYLES[rank].line_height(),
                    **STYLES[rank].mark(),
                )
                .encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
                .transform_filter(SHOWN_HERE)
            )
    written = {shown_at: {text.replace("\n", " ") for text in table["name"]} for shown_at, (table, _) in sets.items()}
    return layers, written


def shown_where_named(places: pd.DataFrame, written: dict[str, set[str]]) -> pd.DataFrame:
    """`places` (a `name` each) with the widths each is marked at (`SHOWN_AT`),
    those its name is written at: a map marks no place it leaves unnamed, and
    its figure's data says which it left unnamed."""

    def shown_at(name: str) -> str:
        widths = [width for width, names in written.items() if name in names]
        return EVERY_WIDTH if len(widths) == len(written) else widths[0] if widths else NO_WIDTH

    return places.assign(**{SHOWN_AT: [shown_at(name) for name in places["name"]]})
