"""The places the maps name come from data/map_places.csv, each placed by a dataset or by coordinates with their
source: the 1967 map's cities and the Jerusalem map's Palestinian neighbourhoods had been lists in the code, and
Amman's point a literal whose GeoNames source only a test tied to a module."""

from pathlib import Path

import pytest

from analysis.data import layers, tables
from analysis.errors import ValidationError
from analysis.geography import places
from analysis.pages import collapse
from analysis.pages.common import ground
from conftest import appended, edited, problems_of, refusal, rule_of

MAPS = ("fig_reset_1967_map", "fig_collapse_east_jerusalem")


@pytest.mark.parametrize(
    ("row_id", "dataset", "old", "new"),
    [
        ("P02", "cbs_localities_2021", "Tel Aviv - Yafo", "Tel Aviv"),  # CBS names it "Tel Aviv - Yafo"
        ("P04", "coto_boundaries", "Gaza", "Gaza City"),  # COTO's governorate is "Gaza"
        ("P05", "coto_boundaries", "Hebron", "Area A"),  # a COTO row with no admin centre
        ("P09", "jerusalem_neighborhoods", "שייח ג'ראח", "שיח גראח"),  # the municipality's spelling, not another
    ],
)
def test_a_place_its_dataset_does_not_name_is_refused_by_the_check(data_copy: Path, row_id: str, dataset: str, old: str, new: str) -> None:
    line = edited(data_copy, "map_places", row_id, f",{dataset},{old},", f",{dataset},{new},")
    with pytest.raises(ValidationError) as refused:
        layers.map_places_located(data_copy)
    assert refusal(data_copy, "map_places", line, "name_in_dataset", new, layers.PLACE_NAMED_RULE) in str(refused.value)


def test_typed_coordinates_without_their_source_are_refused(data_copy: Path) -> None:
    line = edited(data_copy, "map_places", "P08", ",geonames_250441,", ",,")
    rule = rule_of("map_places", "source_id", "given when, and only when")
    assert refusal(data_copy, "map_places", line, "source_id", "", rule) in problems_of("map_places", data_copy)


def test_coordinates_typed_for_a_place_a_dataset_places_are_refused(data_copy: Path) -> None:
    """Two points for one place: the typed one would never be drawn, and nothing would say so."""
    line = edited(data_copy, "map_places", "P01", ",Jerusalem,,,,", ",Jerusalem,35.2,31.8,,")
    message = problems_of("map_places", data_copy)
    for column, value in (("lon", "35.2"), ("lat", "31.8")):
        assert refusal(data_copy, "map_places", line, column, value, rule_of("map_places", column, "given when, and only when")) in message


def test_a_place_named_twice_on_one_map_is_refused(data_copy: Path) -> None:
    line = appended(data_copy, "map_places", "P14,Hebron,fig_reset_1967_map,city,coto_boundaries,Hebron,,,,COTO governorate admin centre")
    message = problems_of("map_places", data_copy)
    assert refusal(data_copy, "map_places", line, "name", "Hebron", rule_of("map_places", "name", "named once")) in message


def test_each_map_names_the_tables_places_and_cites_the_typed_coordinates_source() -> None:
    """The chapter's list of sources is read from its stored outputs by test_figures (GeoNames, for Amman)."""
    table = tables.load("map_places")
    for figure in MAPS:
        placed = places.map_places(ground(), figure)
        assert list(placed["name"]) == list(table.loc[table["figure"] == figure, "name"])
        assert places.sources_cited(placed) == tuple(table.loc[table["figure"] == figure, "source_id"].dropna())


def test_the_jerusalem_maps_description_names_the_neighbourhoods_of_the_table() -> None:
    section = collapse.east_jerusalem()
    [figure] = section.figures
    description = figure.chart.to_dict()["description"]
    named = tables.load("map_places").query("figure == 'fig_collapse_east_jerusalem'")["name"]
    assert all(name in description for name in named), description
