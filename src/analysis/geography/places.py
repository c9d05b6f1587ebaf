"""The places a map names that none of its layers holds (data/map_places.csv), each placed.

A row is placed by the dataset it names (a CBS locality's coordinates, a COTO
governorate's admin centre, a point inside a Jerusalem neighbourhood's
polygons) or by the coordinates typed in the row, with their source.
`analysis.data.layers.map_places_located` refuses a name its dataset lacks
before any place is placed.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import layers, tables
from analysis.data.schemas import TYPED_COORDINATES
from analysis.errors import DataError
from analysis.geography.ground import Ground

PLACED_COLUMNS = ["name", "lon", "lat", "source", "kind", "source_id"]


def _point_in(ground: Ground, dataset: str, name: str) -> tuple[float, float]:
    if dataset == "cbs_localities_2021":
        row = ground.localities.loc[ground.localities["name_en"] == name].iloc[0]
        return float(row["coordinates_wgs84_longitude"]), float(row["coordinates_wgs84_latitude"])
    if dataset == "coto_boundaries":
        centre = ground.coto_boundaries.loc[ground.coto_boundaries["name"] == name, "admin_centre"].iloc[0]
        longitude, latitude = (float(value) for value in centre["coordinates"])
        return longitude, latitude
    # A neighbourhood's label stands on a point inside its polygons, taken together, as its sites' markers do.
    polygons = ground.neighbourhoods.loc[ground.neighbourhoods["SCHN_NAME"] == name, "geometry"]
    point = polygons.union_all().representative_point()
    return point.x, point.y


def map_places(ground: Ground, figure: str) -> pd.DataFrame:
    """The places `figure` names, in the table's order: name, lon, lat, `source` (where the point comes
    from, as the map's tooltip says it), kind and the source_id of typed coordinates (else empty)."""
    # Refused by file, line and column before any is placed: `make execute` runs no `make check` first.
    layers.map_places_located()
    rows = tables.load("map_places")
    rows = rows[rows["figure"] == figure]
    if rows.empty:
        raise DataError(f"data/map_places.csv names no place for {figure}")
    placed = []
    for row in rows.itertuples():
        if row.located_by == TYPED_COORDINATES:
            point = (float(row.lon), float(row.lat))
        else:
            point = _point_in(ground, row.located_by, row.name_in_dataset)
        placed.append((row.name, *point, row.located_from, row.kind, row.source_id if row.located_by == TYPED_COORDINATES else None))
    return pd.DataFrame(placed, columns=PLACED_COLUMNS)


def sources_cited(places: pd.DataFrame) -> tuple[str, ...]:
    """The sources of the coordinates typed for `places` (`map_places`), each once."""
    return tuple(dict.fromkeys(places["source_id"].dropna()))
