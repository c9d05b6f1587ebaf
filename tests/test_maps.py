"""The three maps: size budget, alt text, Vega winding, site placement, legends and names."""

from __future__ import annotations

import copy
import itertools
import json
import math
import re
from collections.abc import Callable

import altair as alt
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from analysis.data import tables
from analysis.errors import DataError
from analysis.geography import measures, places, sites
from analysis.geography.ground import ISRAEL_TM, WGS84
from analysis.pages import collapse, common, framework, reset
from analysis.pages.common import ground
from analysis.report import glue, maps, theme, vega
from analysis.report.maps import labels
from browser import _colour
from conftest import map_key_names
from test_figures import contrast

SPEC_BUDGET_BYTES = 300_000
UNITS = pd.DataFrame(
    {
        "site": ["Gilo", "Har Homa", "Har Homa B", "Pisgat Ze'ev", "Ramat Shlomo", "Ramot", "Neve Yaakov"],
        "units": [942, 1500, 400, 600, 1500, 294, 180],
    }
)


class SpecOnce:
    """A map chart whose specification is written once for the module's tests (each gets its own copy):
    written again by each of some twenty tests, it was a tenth of the fast tier's time."""

    def __init__(self, chart: alt.LayerChart) -> None:
        self.chart = chart
        self._spec: dict | None = None

    def to_dict(self) -> dict:
        if self._spec is None:
            self._spec = self.chart.to_dict()
        return copy.deepcopy(self._spec)

    def __getattr__(self, name: str) -> object:
        return getattr(self.chart, name)


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[SpecOnce, pd.DataFrame]]:
    theme.use()
    sections = {"1967_lines": reset.lines_1967(), "jordan_valley": framework.jordan_valley()}
    shown = {name: (SpecOnce(section.figures[0].chart), section.figures[0].table) for name, section in sections.items()}
    placed = sites.units_at_sites(ground(), UNITS)
    return shown | {"east_jerusalem": (SpecOnce(maps.map_east_jerusalem(ground(), placed, neighbourhoods_named())), placed)}


def cities_named() -> pd.DataFrame:
    return places.map_places(ground(), "fig_reset_1967_map")


def neighbourhoods_named() -> pd.DataFrame:
    return places.map_places(ground(), "fig_collapse_east_jerusalem")


def inline_features(spec: dict) -> list[dict]:
    """Every GeoJSON feature carried as an inline data string in a spec."""
    found = []

    def visit(node: object) -> None:
        if isinstance(node, dict):
            values = node.get("values")
            if isinstance(values, str):
                found.extend(json.loads(values))
            for child in node.values():
                visit(child)
        elif isinstance(node, list):
            for child in node:
                visit(child)

    visit(spec)
    return found


@pytest.mark.parametrize("name", ["1967_lines", "jordan_valley", "east_jerusalem"])
def test_map_spec_is_complete_and_small(built, name: str) -> None:
    chart, table = built[name]
    text = chart.to_json()
    assert len(text.encode()) < SPEC_BUDGET_BYTES
    spec = json.loads(text)
    assert len(spec["description"]) > 80
    assert "title" not in spec  # the caption carries the title, the measures and the sources
    assert spec["usermeta"]["fit"] == "aspect"  # _static/vega-fit.js keeps the map's shape as it fills the column
    assert spec["usermeta"]["printKey"]["orient"] in {"top-left", "top-right", "bottom-left", "bottom-right", "bottom"}
    assert any("km" in json.dumps(layer) for layer in spec["layer"])  # the scale bar label
    assert isinstance(table, pd.DataFrame) and len(table) > 0


@pytest.mark.parametrize("name", ["1967_lines", "jordan_valley", "east_jerusalem"])
def test_every_polygon_is_clockwise_for_vega(built, name: str) -> None:
    features = [feature for feature in inline_features(built[name][0].to_dict()) if feature["geometry"]["type"].endswith("Polygon")]
    assert features
    for feature in features:
        geometry = shapely.geometry.shape(feature["geometry"])
        for part in shapely.get_parts(geometry):
            assert vega.is_clockwise(part.exterior.coords), feature.get("name")


def test_east_jerusalem_map_places_every_site(built) -> None:
    _, table = built["east_jerusalem"]
    assert list(table["site"]) == list(UNITS["site"])
    assert table["units"].sum() == UNITS["units"].sum()
    assert table["in_east_jerusalem"].all()  # all these sites lie in East Jerusalem, beyond the 1949 armistice line


def test_the_caption_says_how_many_sites_lie_in_east_jerusalem() -> None:
    """The caption typed "All the neighbourhoods lie beyond the 1967 line": a fact the data holds, in words the
    book's naming rules keep for the framework's formula. A site placed outside East Jerusalem is said to lie
    outside it, not inside the Green Line (a West Bank settlement outside the municipality lies beyond it too)."""
    placed = pd.DataFrame({"in_east_jerusalem": [True, True, True], "site": ["Gilo", "Har Homa", "Har Homa B"], "lon": [1, 2, 3], "lat": 0})
    where = "in East Jerusalem"
    assert collapse.in_east_jerusalem(placed) == f"All 3 sites lie {where}."
    # A reader counted 5 circles under "All 6 sites": the caption names the sites that share one.
    one_place = placed.assign(lon=[1, 2, 2])
    assert collapse.in_east_jerusalem(one_place) == f"All 3 sites lie {where}. Har Homa and Har Homa B share a circle."
    assert collapse.in_east_jerusalem(placed.assign(in_east_jerusalem=[True, False, True])) == f"Of the 3 sites, 2 lie {where}."
    assert collapse.in_east_jerusalem(placed.assign(in_east_jerusalem=[True, False, False])) == f"Of the 3 sites, 1 lies {where}."
    assert collapse.in_east_jerusalem(placed.assign(in_east_jerusalem=False)) == f"None of the 3 sites lies {where}."
    assert collapse.in_east_jerusalem(placed.head(1)) == f"The site lies {where}."


def test_the_east_jerusalem_section_counts_sites_not_neighbourhoods() -> None:
    """C035: Har Homa B is part of Har Homa's neighbourhood, so the map draws 6 sites as 5 circles; a sentence
    counting "6 neighbourhoods" has a reader count 5 (the Green Line sentence said it again)."""
    said = [value.text for value in collapse.east_jerusalem().numbers.values() if re.search(r"\b\d+ neighbourhoods\b", value.text)]
    assert not said, said


def test_an_unknown_site_is_refused() -> None:
    units = pd.concat([UNITS, pd.DataFrame({"site": ["Atlantis Heights"], "units": [10]})], ignore_index=True)
    with pytest.raises(DataError, match="Atlantis Heights"):
        sites.units_at_sites(ground(), units)


def test_jordan_valley_table_states_both_definitions(built) -> None:
    _, table = built["jordan_valley"]
    assert table["definition"].str.contains("Jericho and Tubas").any()
    assert table.loc[1, "area_km2"] == pytest.approx(common.reference_fact(common.BTSELEM_JORDAN_VALLEY), abs=5)


def test_crossings_lie_on_the_river_border() -> None:
    river = measures.west_bank_eastern_boundary_metric(ground())
    for crossing in common.table("jordan_crossings").itertuples():
        assert river.distance(measures.to_metric(shapely.Point(crossing.lon, crossing.lat))) < 100, crossing.name


@pytest.mark.parametrize(
    ("name", "extent"),
    [("1967_lines", maps.LINES_1967.extent), ("jordan_valley", maps.JORDAN_VALLEY.extent), ("east_jerusalem", maps.EAST_JERUSALEM.extent)],
)
def test_every_map_carries_a_locator_that_outlines_its_frame_and_hides_no_marker(built, name: str, extent) -> None:
    spec = built[name][0].to_dict()
    locator = [part for part in glue.spec_parts(spec) if str(part.get("description", "")).startswith(glue.DRAWING_ONLY)]
    assert len(locator) == 2  # the land and the outlines
    outlines = json.loads(locator[1]["data"]["values"])
    box, frame = (shapely.Polygon(shapely.geometry.shape(feature["geometry"]).coords) for feature in outlines)
    assert shapely.box(*extent).contains(box)  # the inset sits inside the map
    assert box.contains(frame) and frame.area < box.area  # the outlined frame sits inside the inset
    points = [
        shapely.Point(row["lon"], row["lat"])
        for part in glue.spec_parts(spec)
        for row in (spec.get("datasets", {}).get(part.get("data", {}).get("name"), []) or [])
        if "lon" in row
    ]
    assert points and not [point for point in points if box.buffer(0.002).contains(point)]
    published = [part["description"] for part in glue.map_layers(spec) if "description" in part]
    assert not any(text.startswith(glue.DRAWING_ONLY) for text in published)  # moved shapes are not offered as data


def text_layers(spec: dict) -> dict[str, list[dict]]:
    """The rows of every name layer of a map, by the widths it is shown at (`labels.SHOWN_AT`)."""
    return rows_by_width(spec, lambda mark, part: mark.get("type") == "text")


def rows_by_width(spec: dict, drawn_by: Callable[[dict, dict], bool]) -> dict[str, list[dict]]:
    """The rows of the map's layers `drawn_by` selects (from their mark and view), by the widths each is shown
    at (`labels.SHOWN_AT`), of the layers the page shows by width (`labels.SHOWN_HERE`)."""
    found: dict[str, list[dict]] = {}
    for part in glue.spec_parts(spec):
        mark = part.get("mark", {})
        shown_by_width = {"filter": labels.SHOWN_HERE} in part.get("transform", [])
        if isinstance(mark, dict) and shown_by_width and drawn_by(mark, part):
            for row in spec["datasets"][part["data"]["name"]]:
                found.setdefault(row[labels.SHOWN_AT], []).append(row)
    return found


@pytest.mark.parametrize("name", list(map_key_names()))
def test_each_map_names_its_key_places_at_both_widths(built, name: str) -> None:
    spec = built[name][0].to_dict()
    sets = text_layers(spec)
    assert len(sets) == 2, sets.keys()  # one set for the design width, one for a phone
    sites_named = set(built[name][1]["site"]) if name == "east_jerusalem" else set()
    for shown in sets.values():
        written = {row["name"].replace("\n", " ") for row in shown}
        assert set(map_key_names()[name]) <= written, set(map_key_names()[name]) - written
        unnamed = {site for site in sites_named if not any(site in text.split(" / ") for text in written)}
        assert not unnamed, unnamed
    texts = [part["mark"] for part in glue.spec_parts(spec) if isinstance(part.get("mark"), dict) and part["mark"].get("type") == "text"]
    assert all(mark.get("stroke") == theme.HALO for mark in texts)  # every name on the map is set on a halo


def written_points(spec: dict) -> list[tuple[str, shapely.Point]]:
    """Every name a map writes (at either width), with the point its label is centred on."""
    return [(row["name"].replace("\n", " "), shapely.Point(row["lon"], row["lat"])) for text in text_layers(spec).values() for row in text]


def test_no_place_west_of_the_river_is_named_across_it(built) -> None:
    """A governorate of the West Bank, a city west of the Jordan and the West Bank itself are named on their own
    side of the river: on a phone, with no room in it, the West Bank's name was written on Jordan."""
    jordan = shapely.union_all(ground().neighbours.query("iso_a3 == 'JOR'").geometry.values)
    west_bank = shapely.union_all(ground().west_bank.geometry.values).buffer(0.002)
    governorates = [(name, point) for name, point in written_points(built["jordan_valley"][0].to_dict()) if name.endswith("governorate")]
    assert len(governorates) == 4, governorates  # two governorates at each width
    assert all(west_bank.contains(point) for _, point in governorates), governorates
    cities = set(cities_named()["name"]) - {"Amman"} | {"WEST BANK", "GAZA STRIP"}
    across = [name for name, point in written_points(built["1967_lines"][0].to_dict()) if name in cities and jordan.contains(point)]
    assert not across, across


def test_a_city_is_named_beside_its_own_square(built) -> None:
    """A city's name stands beside its own square, nearer it than any other city's, or on a short leader from
    it: on a phone, Jerusalem's name stood in the coastal plain on a leader of 90 px, 22 px from Tel Aviv's square."""
    cities = cities_named().set_index("name")
    squares = {name: (row.lon, row.lat) for name, row in cities.iterrows()}
    widths = {labels.WIDE: FRAME.size()[0], labels.NARROW: labels.PHONE_MAP_WIDTH_PX}
    spec = built["1967_lines"][0].to_dict()
    leaders = leader_layers(spec)
    checked = 0
    for shown_when, rows in text_layers(spec).items():
        projection = labels.Projection(FRAME, widths[shown_when])
        led = {leader["name"]: leader for leader in leaders.get(shown_when, [])}
        for row in rows:
            name = row["name"].replace("\n", " ")
            if name not in squares:
                continue
            checked += 1
            square = projection.to_px(*squares[name])
            if name in led:
                start, end = projection.to_px(led[name]["lon"], led[name]["lat"]), projection.to_px(led[name]["lon2"], led[name]["lat2"])
                assert math.dist(start, square) < 10, (shown_when, name, "its leader starts off its square")
                assert math.dist(start, end) <= maps.lines_1967.CITY_LEADER_PX + 12, (shown_when, name, math.dist(start, end))
            else:
                label = projection.to_px(row["lon"], row["lat"])
                distance = {city: math.dist(label, projection.to_px(*other)) for city, other in squares.items()}
                assert min(distance, key=distance.get) == name, (shown_when, name, distance)
    assert checked >= 10, checked


def test_a_city_is_marked_at_the_widths_its_name_is_written_and_its_data_says_which(built) -> None:
    """Each city's square is drawn at the widths its name is written at, and its row in the figure's data says
    which, in words: the data listed Jericho's square, which no width draws, as drawn."""
    spec = built["1967_lines"][0].to_dict()
    named = {width: {row["name"].replace("\n", " ") for row in rows} for width, rows in text_layers(spec).items()}
    squares = rows_by_width(spec, lambda mark, part: mark.get("shape") == "square")
    cities = {row["name"]: width for width, rows in squares.items() for row in rows}
    assert set(cities) == set(cities_named()["name"])
    for city, width in cities.items():
        at = [shown_at for shown_at, names in named.items() if city in names]
        expected = labels.EVERY_WIDTH if len(at) == len(named) else at[0] if at else labels.NO_WIDTH
        assert width == expected, (city, width, expected)


def test_the_green_line_is_drawn_over_the_settlements_the_caption_says_lie_by_it(built) -> None:
    """The caption's largest settlements lie by the Green Line: drawn under them, Modi'in Illit's circle hid it."""
    parts = built["1967_lines"][0].to_dict()["layer"]
    settlements = [index for index, part in enumerate(parts) if (part.get("mark") or {}).get("type") == "circle"]
    green_line = [
        index
        for index, part in enumerate(parts)
        if (part.get("mark") or {}).get("strokeWidth") == maps.layers.GREEN_LINE.width and (part.get("mark") or {}).get("filled") is False
    ]
    assert len(settlements) == 1 and len(green_line) == 1, (settlements, green_line)
    assert green_line[0] > settlements[0]


def test_a_seam_goes_to_the_land_around_it_not_to_a_lake() -> None:
    """A third of the dry strait between the Dead Sea's basins went to the lake, drawn as water."""
    # Each shape holds the vertices where another's corner meets its edge, as a coverage's shapes do.
    land = shapely.Polygon([(35.0, 31.0), (35.01, 31.0), (35.01, 31.01), (35.01, 31.02), (35.01, 31.03), (35.0, 31.03)])
    lake = shapely.Polygon([(35.014, 31.0), (35.03, 31.0), (35.03, 31.03), (35.014, 31.03), (35.014, 31.02), (35.014, 31.01)])
    gap = shapely.box(35.01, 31.01, 35.014, 31.02)
    rest = shapely.union_all([shapely.box(35.01, 31.0, 35.014, 31.01), shapely.box(35.01, 31.02, 35.014, 31.03)])
    frames = {
        name: gpd.GeoDataFrame({"name": [name]}, geometry=[shape], crs=WGS84)
        for name, shape in (("land", land), ("lake", lake), ("more_land", rest))
    }
    closed = maps.geometry.seams_closed(frames, FRAME, water=("lake",))
    grown = {name: area_m2(closed[name]) - area_m2(frames[name]) for name in frames}
    seam = area_m2(gpd.GeoDataFrame(geometry=[gap], crs=WGS84))
    assert grown["lake"] == pytest.approx(0, abs=0.05 * seam) and grown["land"] + grown["more_land"] == pytest.approx(seam, rel=0.05)


def area_m2(frame: gpd.GeoDataFrame) -> float:
    return float(frame.to_crs(ISRAEL_TM).geometry.area.sum())


def test_a_seam_is_shared_out_to_the_areas_nearest_each_part_of_it() -> None:
    """The whole dry strait between the Dead Sea's basins went to Jordan, whose edge ran along most of it."""
    west, east = shapely.box(0, 0, 1000, 1000), shapely.box(1400, 0, 3000, 1000)
    seam = shapely.box(1000, 0, 1400, 1000)
    to_west, to_east = maps.geometry.nearest_parts(seam, [west, east])
    assert to_west.area == pytest.approx(to_east.area, rel=0.15) and to_west.area + to_east.area == pytest.approx(seam.area)
    assert to_west.centroid.x < 1200 < to_east.centroid.x


def test_a_grid_square_that_only_touches_a_seam_takes_no_part_of_it() -> None:
    """A square meeting the seam at a corner or along an edge leaves a point or a line, which the coverage union
    that joins a seam's squares refuses ("mixed-dimension"); the overlay before it took them."""
    seam = shapely.Polygon([(0, 0), (100, 0), (0, 100)])  # its long side passes through the corner (50, 50) of a square
    below, left = shapely.box(0, -100, 100, 0), shapely.box(-100, 0, 0, 100)
    parts = maps.geometry.nearest_parts(seam, [below, left])
    assert sum(part.area for part in parts) == pytest.approx(seam.area)
    assert all(part.geom_type in ("Polygon", "MultiPolygon") or part.is_empty for part in parts)


LARGEST_SEAM_KM2 = 100.0  # an enclosed gap up to this is a seam; the smallest water drawn (the Sea of Galilee) is 160 km²


SEAM_FRAMES = {
    "1967_lines": maps.lines_1967.LINES_1967,
    "jordan_valley": maps.jordan_valley.JORDAN_VALLEY,
    "east_jerusalem": maps.east_jerusalem.EAST_JERUSALEM,
}


@pytest.mark.parametrize("name", list(SEAM_FRAMES))
def test_the_areas_a_map_fills_leave_no_seam_between_them(built, name: str) -> None:
    """No gap enclosed between a map's filled areas shows the frame's background: the sources do not meet
    exactly, and slivers of sea lay between the West Bank, Israel and Jordan, of Jordan's land inside the
    West Bank by the Dead Sea, and a sea-blue triangle of 0.07 km² in West Jerusalem. A gap counts from one
    pixel square at the map's design width (a tenth of a km² on the 1967 map, a thousandth on Jerusalem's)."""
    west, _, east, _ = gpd.GeoSeries([shapely.box(*SEAM_FRAMES[name].extent)], crs=WGS84).to_crs(ISRAEL_TM).total_bounds
    pixel_m2 = ((east - west) / theme.MAP_WIDTH) ** 2
    spec = built[name][0].to_dict()
    areas = [
        shapely.geometry.shape(feature["geometry"]) for part in spec_parts_filled(spec) for feature in json.loads(part["data"]["values"])
    ]
    union = gpd.GeoSeries([shapely.union_all([area.buffer(0) for area in areas])], crs=WGS84).to_crs(ISRAEL_TM)[0]
    seams = sorted(
        round(shapely.Polygon(ring).area / 1e6, 2)
        for part in shapely.get_parts(union)
        for ring in part.interiors
        if pixel_m2 < shapely.Polygon(ring).area < LARGEST_SEAM_KM2 * 1e6
    )
    assert not seams, seams


def spec_parts_filled(spec: dict) -> list[dict]:
    """The map's layers of filled areas (geoshapes not drawn as lines alone), without the frame's background
    (drawn under them, hidden from screen readers), which fills the whole frame."""
    marks = [(part, part.get("mark") or {}) for part in glue.map_layers(spec)]
    return [part for part, mark in marks if mark.get("type") == "geoshape" and False not in (mark.get("filled"), mark.get("aria"))]


FRAME = maps.LINES_1967


def test_the_placer_keeps_a_label_off_markers_and_lines() -> None:
    west, south, east, north = FRAME.extent
    centre = ((west + east) / 2, (south + north) / 2)
    line = shapely.LineString([(centre[0] + 0.05, south), (centre[0] + 0.05, north)])  # just east of the marker
    marker = labels.Name("Somewhere", "city", *centre, marker_px=4)
    obstacles = labels.Obstacles(markers=[(centre[0] + 0.03, centre[1], 4)], lines=[line])
    placed, _ = labels.place([marker], obstacles, FRAME, labels.PHONE_MAP_WIDTH_PX)
    assert len(placed) == 1
    projection = labels.Projection(FRAME, labels.PHONE_MAP_WIDTH_PX)
    x, _ = projection.to_px(placed.loc[0, "lon"], placed.loc[0, "lat"])
    assert x < projection.to_px(*centre)[0]  # the right side is blocked by the marker and the line: it goes left


def test_an_areas_leader_ends_no_nearer_a_marker_than_its_clearance() -> None:
    """The Tubas governorate's leader ended a pixel from a settlement's dot, on a phone, and read as naming it: an
    area's leader now ends LEADER_CLEARANCE_PX or more from any marker."""
    projection = labels.Projection(FRAME, labels.PHONE_MAP_WIDTH_PX)
    x, y = projection.width / 2, projection.height / 2
    area = shapely.box(*projection.to_degrees(x - 6, y + 6), *projection.to_degrees(x + 6, y - 6))  # too small for its name
    name = labels.Name("Somewhere", "governorate", *projection.to_degrees(x, y), within=area, leave_to=shapely.box(*FRAME.extent))

    def leader_start(markers: list[tuple[float, float, float]]) -> shapely.Point:
        _, leaders = labels.place([name], labels.Obstacles(markers=markers, lines=[]), FRAME, labels.PHONE_MAP_WIDTH_PX)
        (row,) = leaders.itertuples()
        return shapely.Point(projection.to_px(row.lon, row.lat))

    alone = leader_start([])
    dot = shapely.Point(alone.x + 2.5, alone.y)  # a dot 1 px in radius, its edge 1.5 px from where the leader ended
    moved = leader_start([(*projection.to_degrees(dot.x, dot.y), 1.0)])
    assert moved.distance(dot) >= 1.0 + labels.LEADER_CLEARANCE_PX, (alone, moved)


def test_a_geometry_is_projected_to_the_bit_as_each_of_its_points_is() -> None:
    west, south, east, north = FRAME.extent
    steps = np.linspace(0, 1, 997)
    line = shapely.LineString(np.column_stack([west + steps * (east - west), south + steps**2 * (north - south)]))
    projection = labels.Projection(FRAME, labels.PHONE_MAP_WIDTH_PX)
    assert list(projection.geometry(line).coords) == [projection.to_px(lon, lat) for lon, lat in line.coords]


def test_the_placer_leaves_out_a_name_with_no_room() -> None:
    west, south, east, north = FRAME.extent
    everywhere = shapely.box(west, south, east, north).exterior
    walls = [shapely.LineString([(west + i * 0.01, south), (west + i * 0.01, north)]) for i in range(int((east - west) / 0.01))]
    name = labels.Name("Nowhere", "territory", (west + east) / 2, (south + north) / 2)
    placed, _ = labels.place([name], labels.Obstacles(markers=[], lines=[everywhere, *walls]), FRAME, 640)
    assert placed.empty


@pytest.mark.parametrize("name", list(map_key_names()))
def test_legend_glyphs_take_the_shape_of_their_geometry(built, name: str) -> None:
    spec = built[name][0].to_dict()
    legends = {}
    for part in glue.spec_parts(spec):
        for channel, definition in part.get("encoding", {}).items():
            if isinstance(definition, dict) and definition.get("legend"):
                legends.setdefault(channel, definition["legend"].get("symbolType"))
    assert legends.get("fill") == "square" and legends.get("stroke") == "stroke", legends
    assert legends.get("strokeDash") == "stroke"


def test_the_green_line_is_the_heaviest_and_only_long_dashed_line() -> None:
    from analysis.report.maps import layers

    others = [layers.RIVER, layers.MUNICIPALITY, layers.GOVERNORATES]
    assert all(layers.GREEN_LINE.width > style.width for style in others)
    assert all(tuple(layers.GREEN_LINE.dash) != tuple(style.dash) for style in others)
    assert max(layers.GREEN_LINE.dash) > max(max(style.dash, default=0) for style in others)


def test_the_jordan_valley_map_draws_no_land_as_water(built) -> None:
    """Its frame holds no sea: what its territories leave uncovered (Syria's
    corner, the slivers between borders drawn from different sources) lies
    on the frame's background, which is painted as other land, not water."""
    ground_now = ground()
    jordan = ground_now.neighbours.query("iso_a3 == 'JOR'")
    drawn = shapely.union_all([*ground_now.west_bank.geometry, *ground_now.israel.geometry, *ground_now.water.geometry, *jordan.geometry])
    uncovered = shapely.box(*maps.jordan_valley.JORDAN_VALLEY.extent).difference(drawn)
    assert measures.to_metric(uncovered).area / 1e6 > 1  # km²: the background shows
    chart, _ = built["jordan_valley"]
    background = chart.to_dict()["layer"][0]
    assert background["mark"]["fill"] == theme.LAND_OTHER


def leader_layers(spec: dict) -> dict[str, list[dict]]:
    """The rows of every leader line of a map (from `lon`, `lat` in the place to `lon2`, `lat2` by its name), by the
    widths it is shown at."""
    return rows_by_width(
        spec,
        lambda mark, part: mark.get("type") == "rule" and "longitude2" in part.get("encoding", {}) and mark.get("color") == theme.MAP_TEXT,
    )


def test_every_leader_is_cased_in_the_halos_colour_so_it_reads_over_any_fill(built) -> None:
    """On the dark page Ramat Shlomo's leader, light, ran unseen over its neighbourhood's light grey (a graphics
    editor's finding): each leader is drawn over a wider line of the halo's colour, which stands apart from every
    fill a leader crosses on both pages."""
    for name, (chart, _) in built.items():
        rules = [
            (part.get("mark") or {}, part)
            for part in glue.spec_parts(chart.to_dict())
            if (part.get("mark") or {}).get("type") == "rule" and "longitude2" in part.get("encoding", {})
        ]
        lines = [index for index, (mark, _) in enumerate(rules) if mark.get("color") == theme.MAP_TEXT]
        assert lines, f"{name} draws no leader"
        for index in lines:
            casing = rules[index - 1][0] if index else {}
            assert casing.get("color") == theme.HALO and casing.get("strokeWidth", 0) > rules[index][0]["strokeWidth"], (name, casing)
    fills = (theme.LAND_ISRAEL, theme.LAND_PALESTINE, theme.LAND_EAST_JERUSALEM, theme.NEIGHBOURHOOD, theme.LAND_OTHER)
    fills += (theme.WATER, theme.BAND, theme.OCCUPIED_OTHER)
    for page in (lambda colour: colour, lambda colour: theme.DARK[colour]):
        unseen = [fill for fill in fills if max(contrast(page(theme.MAP_TEXT), page(fill)), contrast(page(theme.HALO), page(fill))) < 3]
        assert not unseen, unseen


def test_each_territory_is_named_inside_it_or_on_a_leader_into_it(built) -> None:
    """A reader finds which land a territory's name belongs to: the name lies in it,
    or a leader runs from the name into it. The Gaza Strip, too narrow for its
    name, had it written on the sea some 20 km north of it with no leader."""
    spec = built["1967_lines"][0].to_dict()
    territories = {"WEST BANK": ground().west_bank, "GAZA STRIP": ground().gaza}
    leaders = leader_layers(spec)
    for width, names in text_layers(spec).items():
        assert set(territories) <= {row["name"].replace("\n", " ") for row in names}, f"a territory unnamed at {width}"
        for row in names:
            name = row["name"].replace("\n", " ")
            if name not in territories:
                continue
            land = shapely.union_all(territories[name].geometry.values)
            into = [leader for leader in leaders.get(width, []) if leader["name"].replace("\n", " ") == name]
            assert land.contains(shapely.Point(row["lon"], row["lat"])) or any(
                land.buffer(0.005).contains(shapely.Point(leader["lon"], leader["lat"])) for leader in into
            ), f"{name} at {width}: written at {row['lon']}, {row['lat']}, outside it with no leader into it"


@pytest.mark.parametrize("name", ["1967_lines", "jordan_valley"])
def test_every_sea_and_lake_on_a_map_is_edged_with_its_shore(built, name: str) -> None:
    """Water is outlined in the shore's colour, which dark mode draws apart from the dark land: without it, the
    Dead Sea's eastern shore faded into Jordan."""
    water_names = {"Sea and lakes", "Dead Sea"}
    spec = built[name][0].to_dict()
    edged = [
        part["mark"]
        for part in glue.spec_parts(spec)
        if isinstance(part.get("mark"), dict)
        and part["mark"].get("type") == "geoshape"
        and any(row.get("legend") in water_names for row in inline_features_of(part))
    ]
    assert edged and all(mark.get("stroke") == theme.SHORE for mark in edged), edged


def inline_features_of(part: dict) -> list[dict]:
    """The GeoJSON features one layer draws (its inline data string), their properties at their top level."""
    values = part.get("data", {}).get("values")
    return json.loads(values) if isinstance(values, str) else []


@pytest.mark.parametrize("name", ["1967_lines", "jordan_valley", "east_jerusalem"])
def test_no_hole_in_a_maps_areas_shows_the_ground_under_them(built, name: str) -> None:
    """A hole OSM cuts out of the land (inland water) shows what the map paints under its areas: water, where the
    frame is painted as the sea; on a frame painted as other land (the Jordan Valley's), a hole is filled for
    display or covered by another area. A 3.75 km² hole in Israel at that map's edge showed as a pale diamond."""
    geoshapes = [
        part
        for part in glue.spec_parts(built[name][0].to_dict())
        if isinstance(part.get("mark"), dict) and part["mark"].get("type") == "geoshape"
    ]
    # The frame's own background has no legend: it is the ground a hole shows.
    ground = next(part["mark"].get("fill") for part in geoshapes if not any(feature.get("legend") for feature in inline_features_of(part)))
    if ground == theme.WATER:
        return
    features = [
        (feature["legend"], shapely.geometry.shape(feature["geometry"]))
        for part in geoshapes
        for feature in inline_features_of(part)
        if feature.get("geometry", {}).get("type") in ("Polygon", "MultiPolygon") and feature.get("legend")
    ]
    bare = []
    for index, (legend, geometry) in enumerate(features):
        others = shapely.union_all([other for at, (_, other) in enumerate(features) if at != index])
        for polygon in getattr(geometry, "geoms", [geometry]):
            for ring in polygon.interiors:
                hole = shapely.Polygon(ring)
                if hole.difference(others).area > 0.1 * hole.area:
                    bare.append((legend, round(hole.area * 1e4, 3), hole.representative_point().coords[0]))
    assert not bare, bare


@pytest.mark.parametrize("name", ["1967_lines", "jordan_valley", "east_jerusalem"])
def test_every_area_in_a_maps_key_is_drawn_in_its_swatchs_colour(built, name: str) -> None:
    """The key draws each area's square opaque in its colour: the Jordan Valley's band (b), drawn at 60% over the
    West Bank, showed a paler yellow on the map than in the key (and a darker one on the dark page)."""
    spec = built[name][0].to_dict()
    filled = [
        part["mark"] for part in glue.spec_parts(spec) if isinstance(part.get("mark"), dict) and part["mark"].get("type") == "geoshape"
    ]
    translucent = [mark for mark in filled if mark.get("fillOpacity", 1) != 1 or mark.get("opacity", 1) != 1]
    assert filled and not translucent, translucent


@pytest.mark.parametrize("name", ["1967_lines", "jordan_valley", "east_jerusalem"])
def test_every_area_in_a_maps_key_keeps_its_own_grey_in_print(built, name: str) -> None:
    """Printed in grey, the 1967 map's Israel and its sea were one grey (CIELAB L* 77 and 74), and the
    neighbouring states' near-white the territories' sand (93 and 92): their keys' squares could not be told
    apart. Every two areas of a key now stand 5 or more apart in lightness."""
    spec = built[name][0].to_dict()
    (fills,) = {
        tuple(zip(definition["scale"]["domain"], definition["scale"]["range"], strict=True))
        for part in glue.spec_parts(spec)
        if isinstance(definition := part.get("encoding", {}).get("fill"), dict) and definition.get("legend") and "scale" in definition
    }
    close = [
        (first, second, round(abs(_colour.to_lab(a)[0] - _colour.to_lab(b)[0]), 1))
        for (first, a), (second, b) in itertools.combinations(fills, 2)
        if abs(_colour.to_lab(a)[0] - _colour.to_lab(b)[0]) < 5
    ]
    assert len(fills) >= 3 and not close, close


def test_the_neighbourhoods_with_announced_units_are_drawn_as_their_key_shows_them(built) -> None:
    """Opaque, as the key's square is, and edged 3:1 or more from the city's tints on both pages: drawn at 60%
    over them with no edge, they stood 1.2:1 from East Jerusalem's sand and merged into West Jerusalem's grey."""
    spec = built["east_jerusalem"][0].to_dict()
    marks = [
        part["mark"]
        for part in glue.spec_parts(spec)
        if isinstance(part.get("mark"), dict)
        and any(row.get("legend") == maps.east_jerusalem.NEIGHBOURHOOD_LEGEND for row in inline_features_of(part))
    ]
    assert len(marks) == 1, marks
    assert marks[0].get("fillOpacity", 1) == 1, marks[0]
    edge = marks[0]["stroke"]
    assert marks[0]["strokeWidth"] > 0
    for land in (theme.LAND_EAST_JERUSALEM, theme.LAND_ISRAEL, theme.LAND_PALESTINE):
        assert contrast(edge, land) >= 3, (edge, land)
        assert contrast(theme.DARK.get(edge, edge), theme.DARK[land]) >= 3, (edge, land)


def test_the_units_announced_are_light_circles_edged_dark_and_so_is_their_key() -> None:
    """The circles of housing units were dark grey on the neighbourhoods' grey (1.5:1): they are the page's
    colour edged in the map's ink, drawn as an unfilled point given a fill, whose key Vega-Lite draws with
    its edge (a filled circle's key has none, so its white key vanished on the white page)."""
    from analysis.pages import collapse
    from analysis.report import theme

    (figure,) = [figure for figure in collapse.east_jerusalem().figures if figure.name == "fig_collapse_east_jerusalem"]
    layers = [layer for layer in figure.chart.to_dict()["layer"] if "size" in layer.get("encoding", {})]
    assert len(layers) == 1, layers
    mark = layers[0]["mark"]
    assert (mark["type"], mark["filled"], mark["fill"], mark["color"]) == ("point", False, theme.HALO, theme.MAP_TEXT)


def test_the_east_jerusalem_map_fills_no_neighbourhood_west_of_the_line(built) -> None:
    """The municipality's Ramot and Gilo run over the Green Line; filled whole, Ramot's fill stood some 0.5 km into
    West Jerusalem under a caption that puts every site east of the line."""
    east_jerusalem = shapely.union_all(ground().east_jerusalem.geometry.values).buffer(0.0005)
    filled = [
        feature
        for feature in inline_features(built["east_jerusalem"][0].to_dict())
        if feature.get("legend") == maps.east_jerusalem.NEIGHBOURHOOD_LEGEND
    ]
    assert len(filled) >= 5, filled
    outside = [feature["name"] for feature in filled if not east_jerusalem.contains(shapely.geometry.shape(feature["geometry"]))]
    assert not outside, outside


def test_the_jordan_valley_definition_is_outlined_apart_from_the_settlements_and_each_governorate_shows(built) -> None:
    """Definition (a) was a dash-dot line in the settlements' own dark grey, its dots read as more of them, and the
    edge between Tubas and Jericho was not drawn."""
    line = maps.layers.GOVERNORATES.colour
    for other in (theme.SETTLEMENT, theme.RIVER, theme.GREEN_LINE):
        assert min(_colour.difference(line, other, deficiency) for deficiency in (None, "protanopia", "deuteranopia")) >= 10, other
    spec = built["jordan_valley"][0].to_dict()
    outline = next(
        feature
        for feature in inline_features(spec)
        if feature.get("legend", "").startswith("(a)") and feature["geometry"]["type"] in ("LineString", "MultiLineString")
    )
    drawn = shapely.geometry.shape(outline["geometry"])
    area_a = measures.from_metric(measures.jordan_valley_governorates_metric(ground()))
    assert area_a.buffer(0.003).contains(drawn)  # definition (a) itself, not the governorates' whole shapes (21 km² of Dead Sea)
    tubas, jericho = (measures.coto_polygon(ground().coto_boundaries, name).intersection(area_a) for name in ("Tubas", "Jericho"))
    shared = tubas.buffer(0.0005).intersection(jericho.buffer(0.0005))
    assert drawn.intersection(shared).length > 0.02  # the edge between the two governorates is drawn (some 13 km)


def test_the_jordan_valley_definition_line_is_cased_over_the_band(built) -> None:
    """On the dark page line (a)'s salmon stood 7.6 (CIEDE2000, protanopia) from band (b)'s olive it runs over:
    a reader with protanopia lost its dashes inside the band. A solid halo-coloured casing, wider, runs under it."""
    line, band = theme.DARK.get(theme.DEFINITION_LINE, theme.DEFINITION_LINE), theme.DARK[theme.BAND]
    assert min(_colour.difference(line, band, deficiency) for deficiency in (None, "protanopia", "deuteranopia")) < 10
    layers = built["jordan_valley"][0].to_dict()["layer"]
    outline = next(
        index
        for index, layer in enumerate(layers)
        if any(str(row.get("legend", "")).startswith("(a)") for row in inline_features_of(layer))
        and layer["mark"].get("filled") is False
        and "stroke" in layer.get("encoding", {})
    )
    casing = layers[outline - 1]["mark"]
    assert casing["stroke"] == theme.HALO and casing["strokeWidth"] > maps.layers.GOVERNORATES.width, casing
    assert inline_features_of(layers[outline - 1]) == inline_features_of(layers[outline])


def test_the_old_city_stands_apart_from_the_neighbourhoods_on_both_pages() -> None:
    """The Old City's dark grey stood 13.9 (CIEDE2000) from the neighbourhoods' fill on the light page and 10.8 on
    the dark, and a reader took it for one of them."""
    spec = built_east_jerusalem_spec()
    legend = next(
        part["encoding"]["fill"]["scale"]
        for part in glue.spec_parts(spec)
        if "fill" in part.get("encoding", {}) and "Old City" in part["encoding"]["fill"].get("scale", {}).get("domain", [])
    )
    colours = dict(zip(legend["domain"], legend["range"], strict=True))
    old_city, neighbourhood = colours["Old City"], colours[maps.east_jerusalem.NEIGHBOURHOOD_LEGEND]
    for light, dark in ((old_city, neighbourhood), (theme.DARK.get(old_city, old_city), theme.DARK.get(neighbourhood, neighbourhood))):
        assert min(_colour.difference(light, dark, deficiency) for deficiency in (None, "protanopia", "deuteranopia")) >= 15


def test_the_jerusalem_maps_description_names_the_neighbourhoods_of_the_table(built) -> None:
    """The neighbourhoods named in italics come from data/map_places.csv, and the map's alt text says which."""
    description = built["east_jerusalem"][0].to_dict()["description"]
    named = tables.load("map_places").query("figure == 'fig_collapse_east_jerusalem'")["name"]
    assert len(named) >= 5 and all(name in description for name in named), description


def built_east_jerusalem_spec() -> dict:
    theme.use()
    return maps.map_east_jerusalem(ground(), sites.units_at_sites(ground(), UNITS), neighbourhoods_named()).to_dict()


def test_a_leader_on_the_east_jerusalem_map_enters_no_neighbourhood_but_its_own(built) -> None:
    """A leader runs from its site to its name through no other neighbourhood drawn with units: on a phone,
    Pisgat Ze'ev's leader cut through Neve Yaakov's fill and read as pointing at it."""
    spec = built["east_jerusalem"][0].to_dict()
    areas = [
        shapely.geometry.shape(feature["geometry"])
        for feature in inline_features(spec)
        if feature.get("legend") == maps.east_jerusalem.NEIGHBOURHOOD_LEGEND
    ]
    assert len(areas) >= 5, len(areas)
    leaders = leader_layers(spec)
    assert set(leaders) >= {labels.WIDE, labels.NARROW}, set(leaders)
    for width, rows in leaders.items():
        for row in rows:
            line = shapely.LineString([(row["lon"], row["lat"]), (row["lon2"], row["lat2"])])
            site = shapely.Point(row["lon"], row["lat"])
            entered = [area.bounds for area in areas if area.intersects(line) and area.distance(site) > 1e-4]
            assert not entered, (width, row["name"], entered)


def test_every_site_on_the_east_jerusalem_map_lies_in_a_neighbourhood_drawn_with_units(built) -> None:
    """The leader rule lets a leader into the one named area holding its site: a site outside every drawn area
    would lose every leader that crosses its own neighbourhood's edge."""
    spec, placed = built["east_jerusalem"][0].to_dict(), built["east_jerusalem"][1]
    areas = [
        shapely.geometry.shape(feature["geometry"])
        for feature in inline_features(spec)
        if feature.get("legend") == maps.east_jerusalem.NEIGHBOURHOOD_LEGEND
    ]
    outside = [row.site for row in placed.itertuples() if not any(area.covers(shapely.Point(row.lon, row.lat)) for area in areas)]
    assert not outside, outside


def test_a_map_sizing_settlements_on_another_scale_than_the_1967_maps_says_so_in_its_caption() -> None:
    """Fig. 3.2's dot for 5,000 settlers was Fig. 1.3's for 50,000, in consecutive chapters, unsaid."""
    from analysis.paths import REPO_ROOT
    from analysis.report import maps

    caption = next(
        block
        for block in (REPO_ROOT / "chapters" / "text" / "framework.md").read_text(encoding="utf-8").split("```")
        if "name: fig-framework-jordan-valley" in block
    )
    from analysis.report.maps import jordan_valley, lines_1967
    from analysis.report.maps.layers import settlement_radius_px

    times = maps.settlement_scale_against_1967_map()
    assert times > 1
    assert settlement_radius_px(5000, jordan_valley.SETTLEMENT_TOP) == pytest.approx(
        settlement_radius_px(5000 * times, lines_1967.SETTLEMENT_TOP)
    )
    assert "{glue:}`jv_settlement_scale_times` times that of {numref}`fig-reset-1967-map`" in caption


@pytest.mark.parametrize("fills", ["national", "regional"])
def test_no_locator_fills_the_golan_heights_in_israels_colour(fills: str) -> None:
    """The Jordan Valley and East Jerusalem maps' locators drew the Golan Heights in Israel's grey, which the
    1967 map, whose caption says its annexation is not recognised, gives a fill of its own."""
    from analysis.report.maps import locator

    land = locator.national_land(ground()) if fills == "national" else locator.regional_land(ground())[0]
    golan = measures.coto_polygon(ground().coto_boundaries, "Golan Heights")
    assert land[theme.LAND_ISRAEL].intersection(golan).area < 1e-9
    assert land[theme.OCCUPIED_OTHER].area > 0.5 * golan.area
