"""The places the maps name come from data/map_places.csv, each placed by a dataset or by coordinates with their
source: the 1967 map's cities and the Jerusalem map's Palestinian neighbourhoods had been lists in the code, and
Amman's point a literal whose GeoNames source only a test tied to a module."""

from pathlib import Path

import pytest

from analysis.data import layers, tables
from analysis.errors import ValidationError
from analysis.geography import places, sites
from analysis.pages.common import ground
from analysis.paths import DATA_DIR_ENV
from conftest import appended, edited, problems_of, refusal, rule_refusal

MAPS = ("fig_reset_1967_map", "fig_collapse_east_jerusalem")


# Each row with a name its dataset does not give: all four are refused by one check, each at its own line.
MISNAMED = (
    ("P02", "cbs_localities_2021", "Tel Aviv - Yafo", "Tel Aviv"),  # CBS names it "Tel Aviv - Yafo"
    ("P04", "coto_boundaries", "Gaza", "Gaza City"),  # COTO's governorate is "Gaza"
    ("P05", "coto_boundaries", "Hebron", "Area A"),  # a COTO row with no admin centre
    ("P09", "jerusalem_neighborhoods", "שייח ג'ראח", "שיח גראח"),  # the municipality's spelling, not another
)


def test_a_place_its_dataset_does_not_name_is_refused_by_the_check(data_copy: Path) -> None:
    lines = {
        new: edited(data_copy, "map_places", row_id, f",{dataset},{old},", f",{dataset},{new},") for row_id, dataset, old, new in MISNAMED
    }
    with pytest.raises(ValidationError) as refused:
        layers.map_places_located(data_copy)
    for new, line in lines.items():
        assert refusal(data_copy, "map_places", line, "name_in_dataset", new, layers.PLACE_NAMED_RULE) in str(refused.value)


def test_typed_coordinates_without_their_source_are_refused(data_copy: Path) -> None:
    line = edited(data_copy, "map_places", "P08", ",geonames_250441,", ",,")
    assert rule_refusal(data_copy, "map_places", line, "source_id", "", "given when, and only when") in problems_of("map_places", data_copy)


def test_coordinates_typed_for_a_place_a_dataset_places_are_refused(data_copy: Path) -> None:
    """Two points for one place: the typed one would never be drawn, and nothing would say so."""
    line = edited(data_copy, "map_places", "P01", ",Jerusalem,,,,", ",Jerusalem,35.2,31.8,,")
    message = problems_of("map_places", data_copy)
    for column, value in (("lon", "35.2"), ("lat", "31.8")):
        assert rule_refusal(data_copy, "map_places", line, column, value, "given when, and only when") in message


def test_a_place_named_twice_on_one_map_is_refused(data_copy: Path) -> None:
    line = appended(data_copy, "map_places", "P14,Hebron,fig_reset_1967_map,city,coto_boundaries,Hebron,,,,COTO governorate admin centre")
    message = problems_of("map_places", data_copy)
    assert rule_refusal(data_copy, "map_places", line, "name", "Hebron", "named once") in message


def test_each_map_names_the_tables_places_and_cites_the_typed_coordinates_source() -> None:
    """The chapter's list of sources is read from its stored outputs by test_figures (GeoNames, for Amman)."""
    table = tables.load("map_places")
    for figure in MAPS:
        placed = places.map_places(ground(), figure)
        assert list(placed["name"]) == list(table.loc[table["figure"] == figure, "name"])
        assert places.sources_cited(placed) == tuple(table.loc[table["figure"] == figure, "source_id"].dropna())


def test_each_place_stands_where_its_dataset_puts_it() -> None:
    """The move from code to the table changed no point: a city on its CBS locality or COTO admin centre, a
    neighbourhood where the sites' markers stand (analysis.geography.sites), Amman on its typed coordinates."""
    cities = places.map_places(ground(), "fig_reset_1967_map").set_index("name")
    localities = ground().localities.set_index("name_en")
    assert tuple(cities.loc["Tel Aviv", ["lon", "lat"]]) == tuple(
        localities.loc["Tel Aviv - Yafo", ["coordinates_wgs84_longitude", "coordinates_wgs84_latitude"]]
    )
    gaza = ground().coto_boundaries.set_index("name").at["Gaza", "admin_centre"]["coordinates"]
    assert tuple(cities.loc["Gaza City", ["lon", "lat"]]) == tuple(float(value) for value in gaza)
    assert tuple(cities.loc["Amman", ["lon", "lat"]]) == (35.94503, 31.95522)
    neighbourhoods = places.map_places(ground(), "fig_collapse_east_jerusalem")
    located = sites.locate_sites(ground(), list(neighbourhoods["name"]))
    assert list(neighbourhoods["lon"]) == list(located.geometry.x) and list(neighbourhoods["lat"]) == list(located.geometry.y)


def test_a_tooltip_that_names_another_dataset_is_refused(data_copy: Path) -> None:
    line = edited(data_copy, "map_places", "P03", ",COTO governorate admin centre", ",CBS localities 2021")
    assert rule_refusal(data_copy, "map_places", line, "located_from", "CBS localities 2021", "one wording for each way") in problems_of(
        "map_places", data_copy
    )


def test_a_misnamed_place_is_refused_by_file_line_and_column_even_without_the_check(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make execute` runs no `make check`: an IndexError had named no file, line or column."""
    line = edited(data_copy, "map_places", "P02", ",Tel Aviv - Yafo,", ",Tel Aviv Yafo,")
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    with pytest.raises(ValidationError) as refused:
        places.map_places(ground(), "fig_reset_1967_map")
    assert refusal(data_copy, "map_places", line, "name_in_dataset", "Tel Aviv Yafo", layers.PLACE_NAMED_RULE) in str(refused.value)


def test_a_neighbourhood_placed_on_another_polygon_than_the_sites_of_its_name_is_refused(data_copy: Path) -> None:
    """Silwan's polygon is named twice, for the map's label (map_places.csv) and for the sites the announcements
    name (SITE_NEIGHBOURHOODS): Ras al-Amud's, a real polygon, passed the dataset's check but parted the two."""
    line = edited(data_copy, "map_places", "P10", ",סילואן,", ",ראס אל עמוד,")
    with pytest.raises(ValidationError) as refused:
        layers.map_places_located(data_copy)
    assert refusal(data_copy, "map_places", line, "name_in_dataset", "ראס אל עמוד", layers.SAME_POLYGON_RULE) in str(refused.value)


@pytest.mark.parametrize(
    ("old", "new", "value"),
    [
        (",35.94503,31.95522,", ",35.24503,31.95522,", "geonames_250441"),  # Amman moved into the West Bank, by Ramallah
        (",geonames_250441,", ",ap_2013_06_26_har_homa,", "ap_2013_06_26_har_homa"),  # an unrelated article as its source
    ],
    ids=["moved", "another source"],
)
def test_typed_coordinates_other_than_their_source_states_are_refused(data_copy: Path, old: str, new: str, value: str) -> None:
    """A red team moved Amman anywhere inside the mapped region, or cited a Har Homa article for it: both passed."""
    line = edited(data_copy, "map_places", "P08", old, new)
    assert rule_refusal(data_copy, "map_places", line, "source_id", value, "the source of typed coordinates states them") in problems_of(
        "map_places", data_copy
    )


def test_two_cities_on_one_dataset_point_are_refused(data_copy: Path) -> None:
    """Ramallah set on Hebron's admin centre passed: two labels on one point."""
    line = edited(data_copy, "map_places", "P03", ",coto_boundaries,Ramallah,", ",coto_boundaries,Hebron,")
    assert rule_refusal(data_copy, "map_places", line, "name_in_dataset", "Hebron", "no two places of one map") in problems_of(
        "map_places", data_copy
    )


def test_a_place_moved_to_the_other_map_is_refused(data_copy: Path) -> None:
    """Amman on the Jerusalem map passed, 70 km outside its frame, and the 1967 chapter stopped citing GeoNames."""
    line = edited(data_copy, "map_places", "P08", ",fig_reset_1967_map,", ",fig_collapse_east_jerusalem,")
    assert rule_refusal(data_copy, "map_places", line, "kind", "city", "the kind of place its map names") in problems_of(
        "map_places", data_copy
    )


def test_a_typed_points_tooltip_in_another_ways_words_is_refused(data_copy: Path) -> None:
    line = edited(data_copy, "map_places", "P08", ",GeoNames 250441", ",CBS localities 2021")
    assert rule_refusal(data_copy, "map_places", line, "located_from", "CBS localities 2021", "one wording for each way") in problems_of(
        "map_places", data_copy
    )
