"""East Jerusalem sites: English names of settlement announcements placed on
the municipality's neighbourhood polygons, and the Old City."""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from analysis.data.layers import SITE_NEIGHBOURHOODS, normalise_site_name
from analysis.errors import DataError
from analysis.geography.ground import WGS84, Ground


def old_city(ground: Ground) -> BaseGeometry:
    """The Old City: union of the four quarters' neighbourhood polygons."""
    quarters = ("הרובע הארמני", "הרובע היהודי", "הרובע המוסלמי", "הרובע הנוצרי")
    frame = ground.neighbourhoods
    found = frame[frame["SCHN_NAME"].isin(quarters)]
    if len(found) != len(quarters):
        raise DataError(f"jerusalem_neighborhoods: expected the four Old City quarters, found {sorted(found['SCHN_NAME'])}")
    return shapely.union_all(found.geometry.values)


def locate_sites(ground: Ground, sites: Iterable[str]) -> gpd.GeoDataFrame:
    """One point per site name: the representative point of its neighbourhood
    polygon (via SITE_NEIGHBOURHOODS), else the COTO settlement point of the
    same name. A name that cannot be placed raises DataError, listing them all."""
    neighbourhoods = ground.neighbourhoods.dissolve(by="SCHN_NAME")
    coto_points = ground.coto_settlement_points
    coto_by_key = {normalise_site_name(name): geometry for name, geometry in zip(coto_points["name"], coto_points.geometry, strict=True)}
    rows, unknown = [], []
    for site in sites:
        key = normalise_site_name(site)
        hebrew = SITE_NEIGHBOURHOODS.get(key)
        if hebrew is not None and hebrew in neighbourhoods.index:
            rows.append(
                {
                    "site": site,
                    "neighbourhood": hebrew,
                    "located_by": "neighbourhood polygon",
                    "geometry": neighbourhoods.loc[hebrew, "geometry"].representative_point(),
                }
            )
        elif key in coto_by_key:
            rows.append({"site": site, "neighbourhood": None, "located_by": "COTO settlement point", "geometry": coto_by_key[key]})
        else:
            unknown.append(site)
    if unknown:
        raise DataError(
            f"cannot place site(s) {unknown}: not in the English->Hebrew neighbourhood mapping "
            f"(analysis.data.layers.SITE_NEIGHBOURHOODS) nor among the COTO settlement points; "
            f"known names: {sorted(SITE_NEIGHBOURHOODS)}"
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)


def units_at_sites(ground: Ground, units_by_site: pd.DataFrame) -> pd.DataFrame:
    """Housing units by site, each site placed (`locate_sites`) and marked as
    in East Jerusalem (the area annexed beyond the Green Line) or not. `units_by_site` has columns `site` (English
    name, e.g. "Gilo", "Har Homa B") and `units` (int). A site that cannot be
    placed raises DataError; none is dropped."""
    missing_columns = {"site", "units"} - set(units_by_site.columns)
    if missing_columns:
        raise DataError(f"units_by_site lacks column(s) {sorted(missing_columns)}; expected 'site' and 'units'")
    located = locate_sites(ground, units_by_site["site"])
    east_jerusalem = shapely.union_all(ground.east_jerusalem.geometry.values)
    return pd.DataFrame(
        {
            "site": units_by_site["site"].values,
            "units": units_by_site["units"].astype(int).values,
            "neighbourhood_in_hebrew": located["neighbourhood"].values,
            "located_by": located["located_by"].values,
            "in_east_jerusalem": [bool(east_jerusalem.contains(point)) for point in located.geometry],
            "lon": located.geometry.x.round(5).values,
            "lat": located.geometry.y.round(5).values,
        }
    )
