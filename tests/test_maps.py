"""The three maps: size budget, alt text, credits, Vega winding, site placement."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest
import shapely

from analysis.errors import DataError
from analysis.geography import measures
from analysis.pages.common import ground
from analysis.report import glue, maps, theme, vega

SPEC_BUDGET_BYTES = 300_000
UNITS = pd.DataFrame(
    {
        "site": ["Gilo", "Har Homa", "Har Homa B", "Pisgat Ze'ev", "Ramat Shlomo", "Ramot", "Neve Yaakov"],
        "units": [942, 1500, 400, 600, 1500, 294, 180],
    }
)


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[alt.LayerChart, pd.DataFrame]]:
    theme.use()
    return {
        "1967_lines": maps.map_1967_lines(ground()),
        "jordan_valley": maps.map_jordan_valley(ground(), measures.jordan_valley_band_width_for_area(ground())),
        "east_jerusalem": maps.map_east_jerusalem(ground(), UNITS),
    }


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
    notes = " ".join(spec["title"]["text"])  # the caption carries the title; the map keeps its measures and credits
    assert "Sources:" in notes and "OpenStreetMap contributors" in notes
    assert spec["usermeta"] == {"fit": "aspect"}  # _static/vega-fit.js keeps the map's shape as it fills the column
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
    assert table["beyond_1967_line"].all()  # all these neighbourhoods lie beyond the 1949 line


def test_east_jerusalem_map_refuses_an_unknown_site() -> None:
    units = pd.concat([UNITS, pd.DataFrame({"site": ["Atlantis Heights"], "units": [10]})], ignore_index=True)
    with pytest.raises(DataError, match="Atlantis Heights"):
        maps.map_east_jerusalem(ground(), units)


def test_jordan_valley_table_states_both_definitions(built) -> None:
    _, table = built["jordan_valley"]
    assert table["definition"].str.contains("Jericho and Tubas").any()
    assert table.loc[1, "area_km2"] == pytest.approx(measures.BTSELEM_JORDAN_VALLEY_KM2, abs=5)


def test_crossings_lie_on_the_river_border() -> None:
    river = measures.west_bank_eastern_boundary_metric(ground())
    for crossing in maps.CROSSINGS.itertuples():
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


def test_east_jerusalem_labels_fit_beside_their_markers_on_a_phone(built) -> None:
    spec = built["east_jerusalem"][0].to_dict()
    west, _, east, _ = maps.EAST_JERUSALEM.extent
    for part in glue.spec_parts(spec):
        mark = part.get("mark", {})
        if not (isinstance(mark, dict) and mark.get("type") == "text" and part.get("encoding", {}).get("text", {}).get("field") == "label"):
            continue
        for row in spec["datasets"][part["data"]["name"]]:
            room = (east - row["lon"] if mark.get("align") == "left" else row["lon"] - west) / (east - west) * maps.PHONE_MAP_WIDTH_PX
            assert room >= len(row["label"]) * maps.LABEL_CHAR_PX, row["label"]
