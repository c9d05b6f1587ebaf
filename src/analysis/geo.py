"""Geography layer: load and validate map layers, measure them, and the figures built on them.

Layers come from two places, both in WGS84 (EPSG:4326):

* the committed layers in `geo/` (made by `python -m analysis.geo_build` from
  registry packages; see `geo/README.md`), named `west_bank`, `gaza`,
  `green_line`, `israel`, `neighbours`, `water`, `east_jerusalem`;
* the external datasets of `data/manifest.toml`, read through
  `analysis.datasets.fetch` (never copied into the repository).

Every layer is validated when it is loaded: it must have at least one feature,
declare EPSG:4326 (another CRS is refused unless the caller asks for explicit
reprojection) and hold only present, valid geometries. Nothing is repaired
silently: the one repair, `make_valid` on the Oslo Areas B and C of the COTO
boundaries, is a named step in `coto_boundaries()`.

Distances and areas are measured in the Israeli Transverse Mercator grid
(EPSG:2039), whose scale error over Israel and the West Bank is below 0.1 %.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from analysis.datasets import fetch, manifest
from analysis.errors import DataError, Problem, ValidationError
from analysis.paths import GEO_DIR, REPO_ROOT

WGS84 = "EPSG:4326"
ISRAEL_TM = "EPSG:2039"
COORDINATE_DECIMALS = 5
COMMITTED_LAYERS = (
    "west_bank",
    "gaza",
    "green_line",
    "israel",
    "neighbours",
    "water",
    "east_jerusalem",
)
# Rows of the COTO boundaries whose polygons are invalid as published and are
# repaired, explicitly, with shapely.make_valid (see coto_boundaries()).
COTO_ROWS_REPAIRED = ("Area B", "Area C")
JUDEA_AND_SAMARIA_DISTRICT = 7
CBS_YEAR = 2021
BTSELEM_JORDAN_VALLEY_KM2 = 1600.0
# Distance within which two edges of the committed (coverage-simplified) layers
# count as shared. Their shared vertices are identical, so 1 m only absorbs
# the rounding of coordinates to 5 decimals (about 1 m).
SHARED_EDGE_TOLERANCE_M = 2.0


@dataclass(frozen=True)
class FeatureProblem(Problem):
    """A broken rule at one feature of a layer; `line` holds the 0-based feature index."""

    def describe(self, file: str) -> str:
        where = f"{file}, feature {self.line}" if self.line is not None else file
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: value {self.value!r} breaks rule: {self.rule}"


# --- loading and validation -------------------------------------------------


def display_name(path: Path) -> str:
    """The path as a reader would name it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def resolve_layer(source: str | Path) -> Path:
    """Path of a committed layer name, a manifest dataset name, or a file path."""
    if isinstance(source, Path):
        return source
    if source in COMMITTED_LAYERS:
        return GEO_DIR / f"{source}.geojson"
    if source in manifest():
        return fetch(source)
    path = Path(source)
    if path.suffix:
        return path
    raise DataError(
        f"unknown layer {source!r}: not a committed layer {COMMITTED_LAYERS}, "
        "not a dataset of data/manifest.toml, not a file path"
    )


def validate_layer(frame: gpd.GeoDataFrame, file: str, *, reproject: bool = False) -> gpd.GeoDataFrame:
    """Refuse an empty layer, a layer not in EPSG:4326 (unless `reproject`),
    and any missing or invalid geometry, naming the file and feature index."""
    if len(frame) == 0:
        raise ValidationError(file, [FeatureProblem(None, None, 0, "layer has at least one feature")])
    if frame.crs is None:
        raise ValidationError(file, [FeatureProblem(None, "crs", None, "layer declares its CRS (EPSG:4326)")])
    if not frame.crs.equals(WGS84):
        if not reproject:
            raise ValidationError(
                file,
                [
                    FeatureProblem(
                        None,
                        "crs",
                        frame.crs.to_string(),
                        "CRS is EPSG:4326 (WGS84); pass reproject=True to convert explicitly",
                    )
                ],
            )
        frame = frame.to_crs(WGS84)
    problems = []
    for index, geometry in enumerate(frame.geometry):
        if geometry is None or geometry.is_empty:
            problems.append(FeatureProblem(index, "geometry", None, "geometry is present and not empty"))
        elif not geometry.is_valid:
            reason = shapely.is_valid_reason(geometry)
            problems.append(FeatureProblem(index, "geometry", reason, "geometry is valid (OGC simple features)"))
    if problems:
        raise ValidationError(file, problems)
    return frame


def read_layer(source: str | Path, *, reproject: bool = False) -> gpd.GeoDataFrame:
    """Read and validate a layer (committed name, manifest dataset name or path)."""
    path = resolve_layer(source)
    if not path.is_file():
        raise DataError(f"layer file {display_name(path)} does not exist (run `python -m analysis.geo_build`?)")
    frame = gpd.read_file(path)
    return validate_layer(frame, display_name(path), reproject=reproject)


@functools.cache
def _cached_layer(source: str) -> gpd.GeoDataFrame:
    return read_layer(source)


def load_layer(source: str) -> gpd.GeoDataFrame:
    """A validated committed layer or manifest dataset, read once per session (a copy)."""
    return _cached_layer(source).copy()


def polygonal_part(geometry: BaseGeometry) -> BaseGeometry:
    """The polygons of a geometry, dropping lines and points that make_valid may produce."""
    polygons = [part for part in shapely.get_parts(geometry) if isinstance(part, (Polygon, MultiPolygon))]
    return shapely.union_all(polygons)


@functools.cache
def _coto_boundaries() -> gpd.GeoDataFrame:
    path = fetch("coto_boundaries")
    frame = gpd.read_file(path)
    repaired = frame["name"].isin(COTO_ROWS_REPAIRED)
    frame.loc[repaired, "geometry"] = [polygonal_part(shapely.make_valid(g)) for g in frame.loc[repaired, "geometry"]]
    return validate_layer(frame, display_name(path))


def coto_boundaries() -> gpd.GeoDataFrame:
    """COTO boundaries (governorates, East Jerusalem, Oslo areas...), validated.

    Documented repair: Oslo Areas B and C are invalid as published, so their
    rows (and only those) go through shapely.make_valid, keeping the polygonal
    part. Any other invalid row is refused. The column `type` shadows
    GeoDataFrame.type: read it as frame["type"].
    """
    return _coto_boundaries().copy()


def coto_polygon(name: str) -> BaseGeometry:
    """The geometry of one named COTO boundary row."""
    frame = coto_boundaries()
    rows = frame[frame["name"] == name]
    if len(rows) != 1:
        raise DataError(f"COTO boundaries: expected one row named {name!r}, found {len(rows)}")
    return rows.geometry.iloc[0]


def judea_samaria_localities() -> gpd.GeoDataFrame:
    """CBS 2021 localities of district 7 ("Judea and Samaria Area"): Israeli
    settlements outside East Jerusalem, with their 2021 population."""
    path = fetch("cbs_localities_2021")
    table = pd.read_csv(path, encoding="utf-8-sig")
    table = table[table["district_id"] == JUDEA_AND_SAMARIA_DISTRICT]
    missing = table[table[["coordinates_wgs84_longitude", "coordinates_wgs84_latitude", "population"]].isna().any(axis=1)]
    if len(missing):
        raise ValidationError(
            display_name(path),
            [Problem(None, "coordinates/population", name, "present for every district 7 locality") for name in missing["name_en"]],
        )
    points = gpd.points_from_xy(table["coordinates_wgs84_longitude"], table["coordinates_wgs84_latitude"], crs=WGS84)
    frame = gpd.GeoDataFrame(
        {"name": table["name_en"], "name_he": table["name"], "population": table["population"].astype(int)},
        geometry=points,
    )
    return frame.reset_index(drop=True)


# --- measurement ------------------------------------------------------------

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


def round_coordinates(series: gpd.GeoSeries, decimals: int = COORDINATE_DECIMALS) -> gpd.GeoSeries:
    """Snap WGS84 coordinates to a 10^-decimals degree grid, keeping geometries valid."""
    return series.set_precision(10.0**-decimals)


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


# --- orientation for Vega ---------------------------------------------------


def orient_clockwise(geometry: BaseGeometry) -> BaseGeometry:
    """Exterior rings clockwise, holes anticlockwise: the winding d3-geo (Vega)
    reads as "the inside". With the opposite winding a polygon is taken as
    the whole sphere minus itself and a map fills its frame."""
    if isinstance(geometry, Polygon):
        return orient(geometry, sign=-1.0)
    if isinstance(geometry, MultiPolygon):
        return MultiPolygon([orient(part, sign=-1.0) for part in geometry.geoms])
    if geometry.geom_type == "GeometryCollection":
        return shapely.GeometryCollection([orient_clockwise(part) for part in geometry.geoms])
    return geometry


def oriented_for_vega(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of a layer with every polygon oriented for Vega (orient_clockwise)."""
    result = frame.copy()
    result["geometry"] = [orient_clockwise(geometry) for geometry in frame.geometry]
    return result


def is_clockwise(ring: Sequence[Sequence[float]]) -> bool:
    """True when a closed ring of (x, y) runs clockwise (negative shoelace area)."""
    xs, ys = np.asarray(ring, dtype=float).T
    return bool(np.sum(xs[:-1] * ys[1:] - xs[1:] * ys[:-1]) < 0)


# --- derived geometries -----------------------------------------------------


@functools.cache
def west_bank_metric() -> BaseGeometry:
    return to_metric(load_layer("west_bank"))


@functools.cache
def east_jerusalem_metric() -> BaseGeometry:
    return to_metric(load_layer("east_jerusalem"))


@functools.cache
def west_bank_green_line_metric() -> BaseGeometry:
    """The West Bank stretch of the 1949 armistice line (through Jerusalem included)."""
    lines = load_layer("green_line")
    return to_metric(lines[lines["territory"] == "West Bank"])


@functools.cache
def west_bank_eastern_boundary_metric() -> BaseGeometry:
    """The West Bank's eastern edge: its outer boundary other than the Green
    Line, i.e. the Jordan River border and the Dead Sea shore."""
    exteriors = shapely.union_all([part.exterior for part in shapely.get_parts(west_bank_metric())])
    return exteriors.difference(west_bank_green_line_metric().buffer(SHARED_EDGE_TOLERANCE_M))


# --- computed figures -------------------------------------------------------


def west_bank_area_km2() -> float:
    """Land area of the West Bank, East Jerusalem included, Dead Sea water
    excluded (OSM land polygon, as simplified in geo/west_bank.geojson)."""
    return area_km2(load_layer("west_bank"))


def gaza_area_km2() -> float:
    """Land area of the Gaza Strip (geo/gaza.geojson)."""
    return area_km2(load_layer("gaza"))


def green_line_length_km() -> float:
    """Length (km) of the 1949 armistice lines: the West Bank's and Gaza's
    boundary with Israel, as derived in geo/green_line.geojson."""
    return length_km(load_layer("green_line"))


def east_jerusalem_area_km2() -> float:
    """Area annexed to Jerusalem in 1967: the overlap of OSM's Palestine and
    Israel land polygons (geo/east_jerusalem.geojson)."""
    return area_km2(load_layer("east_jerusalem"))


def jerusalem_municipality_area_km2() -> float:
    """Area of today's Jerusalem municipality (Ministry of Interior boundary, 2015)."""
    return area_km2(load_layer("jerusalem_municipality_2015"))


def east_jerusalem_share_of_municipality() -> float:
    """Share (0-1) of today's municipal area (2015 boundary) that lies in East
    Jerusalem: area(East Jerusalem ∩ municipality) / area(municipality)."""
    municipality = to_metric(load_layer("jerusalem_municipality_2015"))
    return float(municipality.intersection(east_jerusalem_metric()).area / municipality.area)


def area_c_share_of_west_bank() -> float:
    """Share (0-1) of the West Bank's land in Oslo Area C:
    area(COTO Area C ∩ West Bank) / area(West Bank, East Jerusalem included).
    Area C is repaired with make_valid (documented in coto_boundaries())."""
    west_bank = west_bank_metric()
    area_c = to_metric(coto_polygon("Area C"))
    return float(area_c.intersection(west_bank).area / west_bank.area)


def west_bank_jordan_border_km() -> float:
    """Length of the West Bank's land boundary shared with Jordan (the Jordan
    River stretch; the Dead Sea stretch is water and not counted)."""
    jordan = to_metric(load_layer("neighbours").query("iso_a3 == 'JOR'"))
    boundary = west_bank_metric().boundary
    return float(boundary.intersection(jordan.buffer(SHARED_EDGE_TOLERANCE_M)).length / 1e3)


@functools.cache
def jordan_valley_governorates_metric() -> BaseGeometry:
    """Definition (a): Jericho and Tubas governorates (COTO), within the West Bank."""
    governorates = shapely.union_all([to_metric(coto_polygon(name)) for name in ("Jericho", "Tubas")])
    return governorates.intersection(west_bank_metric())


def jordan_valley_governorates_area_km2() -> float:
    """Definition (a): land area of the Jericho and Tubas governorates, km2."""
    return float(jordan_valley_governorates_metric().area / 1e6)


def jordan_valley_governorates_share() -> float:
    """Definition (a): Jericho and Tubas governorates as a share (0-1) of the West Bank."""
    return float(jordan_valley_governorates_metric().area / west_bank_metric().area)


@functools.cache
def jordan_valley_band_metric(width_km: float) -> BaseGeometry:
    """Definition (b): the West Bank within `width_km` of its eastern edge
    (Jordan River and Dead Sea shore), measured inward."""
    return west_bank_metric().intersection(west_bank_eastern_boundary_metric().buffer(width_km * 1e3))


def jordan_valley_band_area_km2(width_km: float) -> float:
    """Definition (b): area (km2) of the band of `width_km` from the eastern edge."""
    return float(jordan_valley_band_metric(width_km).area / 1e6)


def jordan_valley_band_share(width_km: float) -> float:
    """Definition (b): the band of `width_km` as a share (0-1) of the West Bank."""
    return float(jordan_valley_band_metric(width_km).area / west_bank_metric().area)


def jordan_valley_band_sensitivity(widths_km: Iterable[float] = range(1, 31)) -> pd.DataFrame:
    """Area (km2) and West Bank share (0-1) of the eastern band for each width."""
    west_bank_km2 = west_bank_area_km2()
    rows = []
    for width in widths_km:
        band_km2 = jordan_valley_band_area_km2(float(width))
        rows.append({"width_km": float(width), "area_km2": band_km2, "share": band_km2 / west_bank_km2})
    return pd.DataFrame(rows)


def jordan_valley_band_width_for_area(target_km2: float = BTSELEM_JORDAN_VALLEY_KM2, precision_km2: float = 2.0) -> float:
    """Band width (km, 2 decimals) at which definition (b) reaches `target_km2`
    (default B'Tselem's ~1,600 km2): a definition matched to a figure, not a
    measurement. Area grows monotonically and almost linearly with width: a
    proportional first guess, then a bracketing secant search (Illinois variant)."""
    reference_km = 10.0
    guess = reference_km * target_km2 / jordan_valley_band_area_km2(reference_km)
    low, high = guess * 0.95, guess * 1.05
    miss_low = jordan_valley_band_area_km2(round(low, 4)) - target_km2
    miss_high = jordan_valley_band_area_km2(round(high, 4)) - target_km2
    for _ in range(60):
        if miss_low <= 0 <= miss_high:
            break
        if miss_low > 0:
            low = low * 0.8
            miss_low = jordan_valley_band_area_km2(round(low, 4)) - target_km2
        else:
            high = high * 1.25
            miss_high = jordan_valley_band_area_km2(round(high, 4)) - target_km2
    else:
        raise DataError(f"no eastern band reaches {target_km2} km2")
    for _ in range(40):
        width = round(high - miss_high * (high - low) / (miss_high - miss_low), 4)
        miss = jordan_valley_band_area_km2(width) - target_km2
        if abs(miss) <= precision_km2:
            return round(width, 2)
        if miss < 0:
            low, miss_low = width, miss
            miss_high /= 2
        else:
            high, miss_high = width, miss
            miss_low /= 2
    raise DataError(f"band width search for {target_km2} km2 did not converge")


def land_swap_curve(band_widths_km: Iterable[float] = (0.5, 1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10)) -> pd.DataFrame:
    """For bands of N km beside the Green Line inside the West Bank (East
    Jerusalem excluded), the share of settlers living in the band against the
    share of land it takes.

    Settlers: CBS 2021 population of district 7 ("Judea and Samaria") localities,
    placed at the CBS coordinates; a locality is in the band when its point is
    within N km of the West Bank's Green Line. Land: area of the band over the
    area of the West Bank without East Jerusalem.
    """
    west_bank = west_bank_metric().difference(east_jerusalem_metric())
    green_line = west_bank_green_line_metric()
    localities = judea_samaria_localities()
    points = localities.geometry.to_crs(ISRAEL_TM).values
    distance_km = shapely.distance(points, green_line) / 1e3
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


# --- East Jerusalem sites ---------------------------------------------------

# English site names -> Hebrew SCHN_NAME of the municipality's neighbourhood
# polygons. Keys are normalised (see normalise_site_name). Sub-projects built
# inside a neighbourhood polygon map to that polygon, each noted.
SITE_NEIGHBOURHOODS = {
    "gilo": "גילה",
    "harhoma": "חומת שמואל - הר חומה",
    "harhomab": "חומת שמואל - הר חומה",  # Har Homa B/C: extensions inside the same polygon
    "harhomac": "חומת שמואל - הר חומה",
    "pisgatzeev": "פסגת זאב",
    "ramatshlomo": "רמת שלמה",
    "ramot": "רמות",
    "ramotalon": "רמות",
    "neveyaakov": "נוה יעקב",
    "easttalpiot": "תלפיות מזרח",
    "talpiotmizrah": "תלפיות מזרח",
    "armonhanatziv": "תלפיות מזרח",
    "frenchhill": "הגבעה הצרפתית–גבעת שפירא",
    "givathamatos": "גבעת המטוס",
    "ramateshkol": "רמת אשכול",
    "maalotdafna": "מעלות דפנה",
    "atarot": "אזור תעשיה עטרות",
    "beitsafafa": "בית צפפא,שרפת",
    "sheikhjarrah": "שייח ג'ראח",
    "silwan": "סילואן",
    "cityofdavid": "עיר דוד",
    "jabelmukaber": "ג'בל מוקאבר",
    "nofzion": "ג'בל מוקאבר",  # Nof Zion is built inside Jabel Mukaber
    "rasalamud": "ראס אל עמוד",
    "maalehazeitim": "ראס אל עמוד",  # Ma'ale HaZeitim is built inside Ras al-Amud
    "beithanina": "בית חנינא",
    "shuafat": "שועפאט",
    "jewishquarter": "הרובע היהודי",
    "mountscopus": "הר הצופים",
    "isawiya": "עיסאוויה",
    "surbahir": "צור באהר",
    "umtuba": "אום טובא",
}


def normalise_site_name(name: str) -> str:
    """Lower case, letters only: "Pisgat Ze'ev" and "Pisgat Zeev" agree."""
    return re.sub(r"[^a-z]", "", name.lower())


def jerusalem_neighbourhoods() -> gpd.GeoDataFrame:
    """The municipality's neighbourhood polygons (Hebrew names in SCHN_NAME)."""
    return load_layer("jerusalem_neighborhoods")


def old_city() -> BaseGeometry:
    """The Old City: union of the four quarters' neighbourhood polygons."""
    quarters = ("הרובע הארמני", "הרובע היהודי", "הרובע המוסלמי", "הרובע הנוצרי")
    frame = jerusalem_neighbourhoods()
    found = frame[frame["SCHN_NAME"].isin(quarters)]
    if len(found) != len(quarters):
        raise DataError(f"jerusalem_neighborhoods: expected the four Old City quarters, found {sorted(found['SCHN_NAME'])}")
    return shapely.union_all(found.geometry.values)


def locate_sites(sites: Iterable[str]) -> gpd.GeoDataFrame:
    """One point per site name: the representative point of its neighbourhood
    polygon (via SITE_NEIGHBOURHOODS), else the COTO settlement point of the
    same name. A name that cannot be placed raises DataError, listing them all."""
    neighbourhoods = jerusalem_neighbourhoods().dissolve(by="SCHN_NAME")
    coto_points = load_layer("coto_settlement_points")
    coto_by_key = {normalise_site_name(name): geometry for name, geometry in zip(coto_points["name"], coto_points.geometry)}
    rows, unknown = [], []
    for site in sites:
        key = normalise_site_name(site)
        hebrew = SITE_NEIGHBOURHOODS.get(key)
        if hebrew is not None and hebrew in neighbourhoods.index:
            rows.append({"site": site, "neighbourhood": hebrew, "located_by": "neighbourhood polygon",
                         "geometry": neighbourhoods.loc[hebrew, "geometry"].representative_point()})
        elif key in coto_by_key:
            rows.append({"site": site, "neighbourhood": None, "located_by": "COTO settlement point",
                         "geometry": coto_by_key[key]})
        else:
            unknown.append(site)
    if unknown:
        raise DataError(
            f"cannot place site(s) {unknown}: not in the English->Hebrew neighbourhood mapping "
            f"(analysis.geo.SITE_NEIGHBOURHOODS) nor among the COTO settlement points; "
            f"known names: {sorted(SITE_NEIGHBOURHOODS)}"
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)
