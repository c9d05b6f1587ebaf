"""Map layers, read and validated: the committed layers in `geo/` and the
geographic datasets of `data/manifest.toml`, all in WGS84 (EPSG:4326).

Every layer must have at least one feature, declare EPSG:4326 (another CRS is
refused unless the caller asks for explicit reprojection) and hold only
present, valid geometries. Nothing is repaired silently: the one repair,
`make_valid` on the Oslo Areas B and C of the COTO boundaries, is a named step
in `coto_boundaries()`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from analysis.data import reads, schemas, tables
from analysis.data.datasets import fetch, manifest, sha256_of
from analysis.errors import DataError, Problem, ValidationError
from analysis.paths import GEO_DIR, data_dir, display_path

WGS84 = "EPSG:4326"
COMMITTED_LAYERS = ("west_bank", "gaza", "green_line", "israel", "neighbours", "water", "east_jerusalem", "middle_east")
# The region every layer must fall inside, as every place of a table must (schemas.MAPPED_REGION).
REGION = schemas.MAPPED_REGION
# The wider region of the one layer drawn only as a locator (the Middle East
# around Israel and the Palestinian territories).
MIDDLE_EAST = (26.0, 22.0, 48.0, 40.0)
LAYER_REGIONS = {"middle_east": MIDDLE_EAST}
GEO_DATASETS = (
    "coto_boundaries",
    "coto_settlement_points",
    "cbs_localities_2021",
    "jerusalem_municipality_2015",
    "jerusalem_neighborhoods",
)
# Rows of the COTO boundaries whose polygons are invalid as published and are
# repaired, explicitly, with shapely.make_valid (see coto_boundaries()).
COTO_ROWS_REPAIRED = ("Area B", "Area C")
JUDEA_AND_SAMARIA_DISTRICT = 7


# English site names -> Hebrew SCHN_NAME of the municipality's neighbourhood
# polygons. Keys are normalised (see normalise_site_name); analysis.geography.sites places them. Sub-projects built
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


@dataclass(frozen=True)
class FeatureProblem(Problem):
    """A broken rule at one feature of a layer; `line` holds the 0-based feature index."""

    place = "feature"


def inputs_digest() -> str:
    """One digest of every input of the measures: the committed layers' bytes (not
    the locator-only layer, which is never measured) and the declared sha256 of
    each geographic dataset."""
    digest = hashlib.sha256()
    for name in (name for name in COMMITTED_LAYERS if name not in LAYER_REGIONS):
        digest.update(name.encode() + b"\0" + (GEO_DIR / f"{name}.geojson").read_bytes())
    for name in GEO_DATASETS:
        digest.update(name.encode() + b"\0" + manifest()[name].sha256.encode())
    return digest.hexdigest()


def resolve_layer(source: str | Path) -> Path:
    """Path of a committed layer name, a manifest dataset name, or a file path."""
    if isinstance(source, Path):
        return source
    if source in COMMITTED_LAYERS:
        path = GEO_DIR / f"{source}.geojson"
        reads.record(path)
        return path
    if source in manifest():
        return fetch(source)
    path = Path(source)
    if path.suffix:
        return path
    raise DataError(
        f"unknown layer {source!r}: not a committed layer {COMMITTED_LAYERS}, not a dataset of data/manifest.toml, not a file path"
    )


def validate_layer(
    frame: gpd.GeoDataFrame, file: str, *, reproject: bool = False, region: tuple[float, float, float, float] = REGION
) -> gpd.GeoDataFrame:
    """Refuse an empty layer, a layer not in EPSG:4326 (unless `reproject`), a
    layer outside `region`, and any missing or invalid geometry, naming the
    file and feature index."""
    if len(frame) == 0:
        raise ValidationError(file, [FeatureProblem(None, None, 0, "layer has at least one feature")])
    if frame.crs is None:
        raise ValidationError(file, [FeatureProblem(None, "crs", None, "layer declares its CRS (EPSG:4326)")])
    if not frame.crs.equals(WGS84):
        if not reproject:
            rule = "CRS is EPSG:4326 (WGS84); pass reproject=True to convert explicitly"
            raise ValidationError(file, [FeatureProblem(None, "crs", frame.crs.to_string(), rule)])
        frame = frame.to_crs(WGS84)
    west, south, east, north = (round(value, 3) for value in frame.total_bounds)
    if west < region[0] or south < region[1] or east > region[2] or north > region[3]:
        rule = f"inside the region lon {region[0]}..{region[2]}, lat {region[1]}..{region[3]} (are longitude and latitude swapped?)"
        raise ValidationError(file, [FeatureProblem(None, "geometry", (west, south, east, north), rule)])
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
        raise DataError(f"layer file {display_path(path)} does not exist (run `make geo`?)")
    try:
        frame = gpd.read_file(path)
    except Exception as error:  # pyogrio raises its own classes for truncated or malformed files
        raise DataError(f"{display_path(path)}: cannot be read as a layer: {error}") from None
    region = LAYER_REGIONS.get(source, REGION) if isinstance(source, str) else REGION
    return validate_layer(frame, display_path(path), reproject=reproject, region=region)


@functools.cache
def _cached_layer(source: str) -> gpd.GeoDataFrame:
    return read_catalogued_layer(source) if source in COMMITTED_LAYERS else read_layer(source)


def load_layer(source: str) -> gpd.GeoDataFrame:
    """A validated committed layer or manifest dataset, read once per process (a copy)."""
    if source in COMMITTED_LAYERS:
        reads.record(GEO_DIR / f"{source}.geojson")
    elif source in manifest():
        reads.record(f"{reads.DATASET_PREFIX}{source}")
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
    return validate_layer(frame, display_path(path))


def coto_boundaries() -> gpd.GeoDataFrame:
    """COTO boundaries (governorates, East Jerusalem, Oslo areas...), validated.

    Documented repair: Oslo Areas B and C are invalid as published, so their
    rows (and only those) go through shapely.make_valid, keeping the polygonal
    part. Any other invalid row is refused. The column `type` shadows
    GeoDataFrame.type: read it as frame["type"].
    """
    return _coto_boundaries().copy()


@functools.cache
def _cbs_localities() -> pd.DataFrame:
    return pd.read_csv(fetch("cbs_localities_2021"), encoding="utf-8-sig")


def cbs_localities() -> pd.DataFrame:
    """Israel Central Bureau of Statistics localities, 2021 (the whole file)."""
    return _cbs_localities().copy()


def judea_samaria_localities() -> gpd.GeoDataFrame:
    """CBS 2021 localities of district 7 ("Judea and Samaria Area"): Israeli
    settlements outside East Jerusalem, with their 2021 population."""
    table = cbs_localities()
    table = table[table["district_id"] == JUDEA_AND_SAMARIA_DISTRICT]
    needed = ["coordinates_wgs84_longitude", "coordinates_wgs84_latitude", "population"]
    missing = table[table[needed].isna().any(axis=1)]
    if len(missing):
        raise ValidationError(
            display_path(fetch("cbs_localities_2021")),
            [Problem(None, "coordinates/population", name, "present for every district 7 locality") for name in missing["name_en"]],
        )
    points = gpd.points_from_xy(table["coordinates_wgs84_longitude"], table["coordinates_wgs84_latitude"], crs=WGS84)
    frame = gpd.GeoDataFrame(
        {"name": table["name_en"], "name_he": table["name"], "population": table["population"].astype(int)},
        geometry=points,
    )
    return frame.reset_index(drop=True)


def catalogue() -> list[dict]:
    """The committed layers' provenance (geo/layers.json): file, source, licence, features."""
    path = GEO_DIR / "layers.json"
    reads.record(path)
    return json.loads(path.read_text(encoding="utf-8"))["layers"]


def read_catalogued_layer(name: str) -> gpd.GeoDataFrame:
    """A committed layer, read and validated, refused when its file is not the one `geo/layers.json` catalogues
    (its bytes' digest): a layer edited by hand would change every measure read from it."""
    path = GEO_DIR / f"{name}.geojson"
    entry = next((entry for entry in catalogue() if entry["name"] == name), None)
    if entry is None:
        raise DataError(f"{display_path(path)}: geo/layers.json has no entry for the layer (run `make geo`)")
    if path.is_file() and sha256_of(path) != entry.get("sha256"):
        raise DataError(
            f"{display_path(path)}: its bytes are not those geo/layers.json catalogues (sha256): the file was changed after"
            " `make geo` wrote it (run `make geo`, or restore it)"
        )
    return read_layer(name)


SITE_PLACED_RULE = (
    "an East Jerusalem site is one the map can place: a neighbourhood of "
    "analysis.data.layers.SITE_NEIGHBOURHOODS or a COTO settlement point of that name"
)


def east_jerusalem_sites_placed(directory: Path | None = None) -> int:
    """Check that the map can place every East Jerusalem site of settlement_sites.csv
    (in `directory`, default the data dir); returns how many distinct sites it places."""
    table = schemas.TABLES["settlement_sites"]
    path = (directory or data_dir()) / table.file
    tables.load(table.name, directory)
    rows, lines = tables.read_rows(path, list(table.columns))
    east = rows["region"] == "east_jerusalem"
    unplaceable = set(unplaceable_sites(sorted(set(rows.loc[east, "site"]))))
    problems = [
        Problem(line, "site", site, SITE_PLACED_RULE)
        for site, line, in_east in zip(rows["site"], lines, east, strict=True)
        if in_east and site in unplaceable
    ]
    if problems:
        raise ValidationError(display_path(path), problems)
    return rows.loc[east, "site"].nunique()


PLACE_NAMED_RULE = (
    "names the place as its dataset does, once: a locality (name_en) of cbs_localities_2021 with coordinates, "
    "a governorate (name) of coto_boundaries with an admin centre, or a neighbourhood (SCHN_NAME) of jerusalem_neighborhoods"
)


SAME_POLYGON_RULE = "the polygon analysis.data.layers.SITE_NEIGHBOURHOODS places a settlement site of the same name on"


def names_placing(dataset: str) -> set[str]:
    """The names by which `dataset` (one of schemas.PLACE_DATASETS) places a place: each held once, with a point
    (a locality's coordinates, a governorate's admin centre) or a polygon (a neighbourhood's parts, taken together)."""
    if dataset == "cbs_localities_2021":
        frame = cbs_localities()
        frame = frame[frame[["coordinates_wgs84_longitude", "coordinates_wgs84_latitude"]].notna().all(axis=1)]
        names = frame["name_en"]
    elif dataset == "coto_boundaries":
        # The features' properties alone: reading and repairing the shapes took a third of `make check`'s second.
        features = json.loads(fetch("coto_boundaries").read_text(encoding="utf-8"))["features"]
        names = pd.Series([feature["properties"].get("name") for feature in features if feature["properties"].get("admin_centre")])
    else:
        return set(load_layer(dataset)["SCHN_NAME"])
    counts = names.value_counts()
    return set(counts[counts == 1].index)


def map_places_located(directory: Path | None = None) -> int:
    """Check that every place of map_places.csv (in `directory`, default the data dir) that a dataset places is
    named as that dataset names it (PLACE_NAMED_RULE); returns how many places the maps name."""
    table = schemas.TABLES["map_places"]
    path = (directory or data_dir()) / table.file
    tables.load(table.name, directory)
    rows, lines = tables.read_rows(path, list(table.columns))
    named = {dataset: names_placing(dataset) for dataset in schemas.PLACE_DATASETS}
    problems = [
        Problem(line, "name_in_dataset", name, PLACE_NAMED_RULE)
        for name, dataset, line in zip(rows["name_in_dataset"], rows["located_by"], lines, strict=True)
        if dataset in named and name not in named[dataset]
    ]
    # A neighbourhood the settlement sites name too is placed on their polygon: the two lists may not drift apart.
    problems += [
        Problem(line, "name_in_dataset", polygon, SAME_POLYGON_RULE)
        for place, polygon, dataset, line in zip(rows["name"], rows["name_in_dataset"], rows["located_by"], lines, strict=True)
        if dataset == "jerusalem_neighborhoods" and SITE_NEIGHBOURHOODS.get(normalise_site_name(place), polygon) != polygon
    ]
    if problems:
        raise ValidationError(display_path(path), problems)
    return len(rows)


def unplaceable_sites(sites: list[str]) -> list[str]:
    """The site names the East Jerusalem map cannot place: neither a neighbourhood
    of SITE_NEIGHBOURHOODS present in the municipality's polygons nor a COTO
    settlement point (the rule analysis.geography.sites.locate_sites follows)."""
    polygons = set(load_layer("jerusalem_neighborhoods")["SCHN_NAME"])
    points = {normalise_site_name(name) for name in load_layer("coto_settlement_points")["name"]}
    return [
        site
        for site in sites
        if SITE_NEIGHBOURHOODS.get(normalise_site_name(site)) not in polygons and normalise_site_name(site) not in points
    ]
