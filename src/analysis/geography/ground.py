"""The ground the book measures and maps: every validated layer in one object.

The pages tier fills it through `analysis.data.layers`; the geography and
report tiers only read it. Its identity is its hash, so measures can be
cached per loaded ground.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

WGS84 = "EPSG:4326"
ISRAEL_TM = "EPSG:2039"


@dataclass(frozen=True, eq=False)
class Ground:
    """Validated WGS84 layers: the committed `geo/` layers and the external geodata."""

    west_bank: gpd.GeoDataFrame
    gaza: gpd.GeoDataFrame
    green_line: gpd.GeoDataFrame
    israel: gpd.GeoDataFrame
    neighbours: gpd.GeoDataFrame
    water: gpd.GeoDataFrame
    east_jerusalem: gpd.GeoDataFrame
    middle_east: gpd.GeoDataFrame  # Natural Earth 1:110m countries, for locator maps only
    municipality: gpd.GeoDataFrame
    neighbourhoods: gpd.GeoDataFrame
    coto_boundaries: gpd.GeoDataFrame
    coto_settlement_points: gpd.GeoDataFrame
    settlements: gpd.GeoDataFrame
    localities: pd.DataFrame
