"""Measures on the ground: areas, lengths, bands and the figures built on them.

Distances and areas are measured in the Israeli Transverse Mercator grid
(EPSG:2039), whose scale error over Israel and the West Bank is below 0.1 %.
Every function takes the loaded `Ground` (or geometries) and reads no file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from analysis.data.layers import polygonal_part as polygonal_part  # re-exported for the maps
from analysis.errors import DataError
from analysis.geography.ground import ISRAEL_TM, WGS84, Ground

# Distance within which two edges of the committed (coverage-simplified) layers
# count as shared. Their shared vertices are identical, so 1 m only absorbs
# the rounding of coordinates to 5 decimals (about 1 m).
SHARED_EDGE_TOLERANCE_M = 2.0
COORDINATE_DECIMALS = 5


Geometries = BaseGeometry | gpd.GeoSeries | gpd.GeoDataFrame


def to_metric(geometry: Geometries) -> BaseGeometry:
    """One geometry in EPSG:2039 (a frame or series is unioned first)."""
    if isinstance(geometry, BaseGeometry):
        series = gpd.GeoSeries([geometry], crs=WGS84)
    else:
        series = geometry.geometry if isinstance(geometry, gpd.GeoDataFrame) else geometry
    return shapely.union_all(series.to_crs(ISRAEL_TM).values)


def from_metric(geometry: BaseGeometry) -> BaseGeometry:
    """One EPSG:2039 geometry back in WGS84."""
    return gpd.GeoSeries([geometry], crs=ISRAEL_TM).to_crs(WGS84).iloc[0]


def area_km2(geometry: Geometries) -> float:
    """Area in km2, measured in EPSG:2039 (overlaps between features counted once)."""
    return float(to_metric(geometry).area / 1e6)


def length_km(geometry: Geometries) -> float:
    """Length of lines (or perimeter of polygons) in km, measured in EPSG:2039."""
    return float(to_metric(geometry).length / 1e3)


def hausdorff_m(original: gpd.GeoSeries, simplified: gpd.GeoSeries) -> float:
    """Largest Hausdorff distance in metres (EPSG:2039) between matching features."""
    before = original.to_crs(ISRAEL_TM).values
    after = simplified.to_crs(ISRAEL_TM).values
    return float(np.max(shapely.hausdorff_distance(before, after)))


def round_coordinates(geometries: gpd.GeoSeries | BaseGeometry, decimals: int = COORDINATE_DECIMALS) -> gpd.GeoSeries | BaseGeometry:
    """Snap WGS84 coordinates (of one geometry or a series) to a 10^-decimals
    degree grid, so JSON prints them short, keeping geometries valid."""
    grid = 10.0**-decimals
    return geometries.set_precision(grid) if isinstance(geometries, gpd.GeoSeries) else shapely.set_precision(geometries, grid)


def simplify_for_display(frame: gpd.GeoDataFrame, tolerance_m: float) -> tuple[gpd.GeoDataFrame, float]:
    """Douglas-Peucker simplification (topology preserved) in EPSG:2039 at
    `tolerance_m`, coordinates rounded to 5 decimals; returns the frame and
    the Hausdorff distance in metres that it cost."""
    metric = frame.geometry.to_crs(ISRAEL_TM)
    simplified = metric.simplify(tolerance_m, preserve_topology=True).to_crs(WGS84)
    result = frame.copy()
    result["geometry"] = round_coordinates(simplified)
    return result, hausdorff_m(frame.geometry, result.geometry)


def clip_to_extent(frame: gpd.GeoDataFrame, extent: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    """Features cut to a lon/lat box (west, south, east, north); empty ones dropped."""
    clipped = frame.clip(shapely.box(*extent))
    return clipped[~clipped.geometry.is_empty].reset_index(drop=True)


# --- derived geometries -----------------------------------------------------


@functools.cache
def west_bank_metric(ground: Ground) -> BaseGeometry:
    return to_metric(ground.west_bank)


@functools.cache
def east_jerusalem_metric(ground: Ground) -> BaseGeometry:
    return to_metric(ground.east_jerusalem)


@functools.cache
def west_bank_green_line_metric(ground: Ground) -> BaseGeometry:
    """The West Bank stretch of the 1949 armistice line (through Jerusalem included)."""
    lines = ground.green_line
    return to_metric(lines[lines["territory"] == "West Bank"])


@functools.cache
def west_bank_eastern_boundary_metric(ground: Ground) -> BaseGeometry:
    """The West Bank's eastern edge: its outer boundary other than the Green
    Line, i.e. the Jordan River border and the Dead Sea shore."""
    exteriors = shapely.union_all([part.exterior for part in shapely.get_parts(west_bank_metric(ground))])
    return exteriors.difference(west_bank_green_line_metric(ground).buffer(SHARED_EDGE_TOLERANCE_M))


# --- computed figures -------------------------------------------------------


def west_bank_area_km2(ground: Ground) -> float:
    """Land area of the West Bank, East Jerusalem included, Dead Sea water
    excluded (OSM land polygon, as simplified in geo/west_bank.geojson)."""
    return area_km2(ground.west_bank)


def gaza_area_km2(ground: Ground) -> float:
    """Land area of the Gaza Strip (geo/gaza.geojson)."""
    return area_km2(ground.gaza)


def green_line_length_km(ground: Ground) -> float:
    """Length (km) of the 1949 armistice lines: the West Bank's and Gaza's
    boundary with Israel, as derived in geo/green_line.geojson."""
    return length_km(ground.green_line)


def east_jerusalem_area_km2(ground: Ground) -> float:
    """Area annexed to Jerusalem in 1967: the overlap of OSM's Palestine and
    Israel land polygons (geo/east_jerusalem.geojson)."""
    return area_km2(ground.east_jerusalem)


def jerusalem_municipality_area_km2(ground: Ground) -> float:
    """Area of today's Jerusalem municipality (Ministry of Interior boundary, 2015)."""
    return area_km2(ground.municipality)


def east_jerusalem_share_of_municipality(ground: Ground) -> float:
    """Share (0-1) of today's municipal area (2015 boundary) that lies in East
    Jerusalem: area(East Jerusalem ∩ municipality) / area(municipality)."""
    municipality = to_metric(ground.municipality)
    return float(municipality.intersection(east_jerusalem_metric(ground)).area / municipality.area)


def area_c_share_of_west_bank(ground: Ground) -> float:
    """Share (0-1) of the West Bank's land in Oslo Area C:
    area(COTO Area C ∩ West Bank) / area(West Bank, East Jerusalem included).
    Area C is repaired with make_valid (documented in coto_boundaries())."""
    west_bank = west_bank_metric(ground)
    area_c = to_metric(coto_polygon(ground.coto_boundaries, "Area C"))
    return float(area_c.intersection(west_bank).area / west_bank.area)


def west_bank_jordan_border_km(ground: Ground) -> float:
    """Length of the West Bank's land boundary shared with Jordan (the Jordan
    River stretch; the Dead Sea stretch is water and not counted)."""
    jordan = to_metric(ground.neighbours.query("iso_a3 == 'JOR'"))
    boundary = west_bank_metric(ground).boundary
    return float(boundary.intersection(jordan.buffer(SHARED_EDGE_TOLERANCE_M)).length / 1e3)


# Definition (a) of the Jordan Valley: the governorates (COTO) it is made of.
JORDAN_VALLEY_GOVERNORATES = ("Jericho", "Tubas")


@functools.cache
def jordan_valley_governorates_metric(ground: Ground) -> BaseGeometry:
    """Definition (a): the JORDAN_VALLEY_GOVERNORATES (COTO), within the West Bank."""
    governorates = shapely.union_all([to_metric(coto_polygon(ground.coto_boundaries, name)) for name in JORDAN_VALLEY_GOVERNORATES])
    return governorates.intersection(west_bank_metric(ground))


def jordan_valley_governorates_area_km2(ground: Ground) -> float:
    """Definition (a): land area of the JORDAN_VALLEY_GOVERNORATES, km2."""
    return float(jordan_valley_governorates_metric(ground).area / 1e6)


def jordan_valley_governorates_share(ground: Ground) -> float:
    """Definition (a): Jericho and Tubas governorates as a share (0-1) of the West Bank."""
    return float(jordan_valley_governorates_metric(ground).area / west_bank_metric(ground).area)


@functools.cache
def jordan_valley_band_metric(ground: Ground, width_km: float) -> BaseGeometry:
    """Definition (b): the West Bank within `width_km` of its eastern edge
    (Jordan River and Dead Sea shore), measured inward."""
    return west_bank_metric(ground).intersection(west_bank_eastern_boundary_metric(ground).buffer(width_km * 1e3))


def jordan_valley_band_area_km2(ground: Ground, width_km: float) -> float:
    """Definition (b): area (km2) of the band of `width_km` from the eastern edge."""
    return float(jordan_valley_band_metric(ground, width_km).area / 1e6)


def jordan_valley_band_share(ground: Ground, width_km: float) -> float:
    """Definition (b): the band of `width_km` as a share (0-1) of the West Bank."""
    return float(jordan_valley_band_metric(ground, width_km).area / west_bank_metric(ground).area)


def jordan_valley_band_sensitivity(ground: Ground, widths_km: Iterable[float] = range(1, 31)) -> pd.DataFrame:
    """Area (km2) and West Bank share (0-1) of the eastern band for each width."""
    west_bank_km2 = west_bank_area_km2(ground)
    rows = []
    for width in widths_km:
        band_km2 = jordan_valley_band_area_km2(ground, float(width))
        rows.append({"width_km": float(width), "area_km2": band_km2, "share": band_km2 / west_bank_km2})
    return pd.DataFrame(rows)


def jordan_valley_band_width_for_area(ground: Ground, target_km2: float, precision_km2: float = 2.0) -> float:
    """Band width (km, 2 decimals) at which definition (b) reaches `target_km2`
    (the book's target is B'Tselem's area, a reference fact): a definition
    matched to a figure, not a measurement. Area grows monotonically and almost linearly with width: a
    proportional first guess, then a bracketing secant search (Illinois variant)."""
    reference_km = 10.0
    guess = reference_km * target_km2 / jordan_valley_band_area_km2(ground, reference_km)
    low, high = guess * 0.95, guess * 1.05
    miss_low = jordan_valley_band_area_km2(ground, round(low, 4)) - target_km2
    miss_high = jordan_valley_band_area_km2(ground, round(high, 4)) - target_km2
    for _ in range(60):
        if miss_low <= 0 <= miss_high:
            break
        if miss_low > 0:
            low = low * 0.8
            miss_low = jordan_valley_band_area_km2(ground, round(low, 4)) - target_km2
        else:
            high = high * 1.25
            miss_high = jordan_valley_band_area_km2(ground, round(high, 4)) - target_km2
    else:
        raise DataError(f"no eastern band reaches {target_km2} km2")
    for _ in range(40):
        width = round(high - miss_high * (high - low) / (miss_high - miss_low), 4)
        miss = jordan_valley_band_area_km2(ground, width) - target_km2
        if abs(miss) <= precision_km2:
            return round(width, 2)
        if miss < 0:
            low, miss_low = width, miss
            miss_high /= 2
        else:
            high, miss_high = width, miss
            miss_low /= 2
    raise DataError(f"band width search for {target_km2} km2 did not converge")


def settlement_distances_km(ground: Ground) -> np.ndarray:
    """Each settlement locality's distance from the West Bank's Green Line in km (its CBS point)."""
    return shapely.distance(ground.settlements.geometry.to_crs(ISRAEL_TM).values, west_bank_green_line_metric(ground)) / 1e3


def settlers_between(ground: Ground, inner_km: float, outer_km: float) -> pd.DataFrame:
    """The localities whose points lie more than `inner_km` and at most `outer_km` from
    the West Bank's Green Line (as `land_swap_curve` places them), largest first, with
    each one's distance (`distance_km`) and share of the settlers in that ring (`share`).
    A ring with no settler in it is refused: it has no shares to give."""
    localities = ground.settlements
    distance_km = settlement_distances_km(ground)
    inside = (distance_km > inner_km) & (distance_km <= outer_km)
    ring = localities.loc[inside, ["name", "population"]].assign(distance_km=distance_km[inside])
    if ring["population"].sum() <= 0:
        raise DataError(f"no settler lives more than {inner_km:g} and at most {outer_km:g} km from the Green Line")
    ring = ring.sort_values("population", ascending=False, ignore_index=True)
    return ring.assign(share=ring["population"] / ring["population"].sum())


def land_swap_curve(ground: Ground, band_widths_km: Iterable[float] = (0.5, 1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10)) -> pd.DataFrame:
    """For bands of N km beside the Green Line inside the West Bank (East
    Jerusalem excluded), the share of settlers living in the band against the
    share of land it takes.

    Settlers: CBS 2021 population of district 7 ("Judea and Samaria") localities,
    placed at the CBS coordinates; a locality is in the band when its point is
    within N km of the West Bank's Green Line. Land: area of the band over the
    area of the West Bank without East Jerusalem.
    """
    west_bank = west_bank_metric(ground).difference(east_jerusalem_metric(ground))
    green_line = west_bank_green_line_metric(ground)
    localities = ground.settlements
    distance_km = settlement_distances_km(ground)
    total_population = int(localities["population"].sum())
    rows = []
    for width in band_widths_km:
        band = west_bank.intersection(green_line.buffer(float(width) * 1e3))
        inside = distance_km <= float(width)
        settlers = int(localities.loc[inside, "population"].sum())
        rows.append(
            {
                "band_km": float(width),
                "land_km2": band.area / 1e6,
                "land_share": band.area / west_bank.area,
                "settlers_2021": settlers,
                "settler_share": settlers / total_population,
                "localities": int(inside.sum()),
            }
        )
    return pd.DataFrame(rows)


def coto_polygon(boundaries: gpd.GeoDataFrame, name: str) -> BaseGeometry:
    """The geometry of one named row of the COTO boundaries."""
    rows = boundaries[boundaries["name"] == name]
    if len(rows) != 1:
        raise DataError(f"COTO boundaries: expected one row named {name!r}, found {len(rows)}")
    return rows.geometry.iloc[0]


def settlements_in(ground: Ground, area_metric: BaseGeometry) -> pd.Series:
    """True for each West Bank settlement (CBS district 7) inside an EPSG:2039 area."""
    return pd.Series(ground.settlements.geometry.to_crs(ISRAEL_TM).within(area_metric).to_numpy(), index=ground.settlements.index)


def jordan_valley_definitions(ground: Ground, width_km: float, labels: tuple[str, str]) -> pd.DataFrame:
    """The two stated definitions of the Jordan Valley, (a) the Jericho and Tubas
    governorates and (b) the eastern band of `width_km`: area, West Bank share,
    and the settlements and 2021 settlers inside each."""
    west_bank_km2 = west_bank_area_km2(ground)
    rows = []
    for label, area in zip(labels, (jordan_valley_governorates_metric(ground), jordan_valley_band_metric(ground, width_km)), strict=True):
        inside = settlements_in(ground, area)
        rows.append(
            {
                "definition": label,
                "area_km2": area.area / 1e6,
                "share_of_west_bank": area.area / 1e6 / west_bank_km2,
                "settlements": int(inside.sum()),
                "settlers_2021": int(ground.settlements.loc[inside, "population"].sum()),
            }
        )
    return pd.DataFrame(rows)


def where_definitions_differ(area_a: BaseGeometry, area_b: BaseGeometry, labels: tuple[str, str]) -> pd.DataFrame:
    """The land two definitions (EPSG:2039) share, and the land each covers alone, each in km² north and south
    of the shared land's centre: where the definitions differ, as a caption says it."""
    shared = area_a.intersection(area_b)
    if shared.is_empty:
        raise DataError(f"the definitions {labels[0]} and {labels[1]} share no land: no centre to say where they differ from")
    middle = shared.centroid.y
    rows = []
    for label, part in (("shared", shared), (labels[0], area_a.difference(area_b)), (labels[1], area_b.difference(area_a))):
        west, _, east, top = part.bounds if not part.is_empty else (0.0, 0.0, 0.0, 0.0)
        north = part.intersection(shapely.box(west, middle, east, max(top, middle))).area / 1e6
        rows.append({"land": label, "area_km2": part.area / 1e6, "north_km2": north, "south_km2": part.area / 1e6 - north})
    return pd.DataFrame(rows)
