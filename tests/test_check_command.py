"""`python -m analysis.data check`: one line per table and dataset, and a failing exit on bad data
(the command itself on the real tables, its entry point in this process on broken copies)."""

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from analysis.data import datasets, layers, schemas
from conftest import CheckRun, replace_in_line


def run_check() -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis.data", "check"], capture_output=True, text=True, timeout=300)


def test_check_passes_on_the_real_tables_with_one_line_each() -> None:
    result = run_check()
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    # the seed, every table, every layer, the derived measures, the manifest, every dataset, the claims' figure links,
    # the periods' event bounds, the announcements itemised in full, the tranches freed on their events, the sites the map
    # places and the places the maps name
    assert len(lines) == 1 + len(schemas.TABLES) + len(layers.COMMITTED_LAYERS) + 1 + 1 + len(datasets.manifest()) + 6
    assert any(line.startswith("derived geo/derived.json") for line in lines)
    assert all(line.endswith("ok") for line in lines)
    assert lines[0].startswith("seed") and sum(line.startswith("layer") for line in lines) == len(layers.COMMITTED_LAYERS)
    assert lines[-5].startswith("dates   phases.csv, periods.csv") and lines[-2].startswith("places  settlement_sites.csv")
    assert lines[-4].startswith("sites   settlement_announcements.csv") and lines[-1].startswith("places  map_places.csv")
    assert lines[-3].startswith("release prisoner_releases.csv, events.csv")


def test_check_fails_loudly_on_a_broken_table(data_copy: Path, check_in_process: Callable[[Path], CheckRun]) -> None:
    replace_in_line(data_copy / "prisoner_releases.csv", 3, ",26,11,,15,", ",-26,11,,15,")
    result = check_in_process(data_copy)
    assert result.returncode == 1
    assert "prisoner_releases.csv" in result.stdout and "FAILED" in result.stdout and "line 3, column 'count'" in result.stdout


def test_a_missing_source_id_is_reported_once_however_many_tables_it_stops(
    data_copy: Path, check_in_process: Callable[[Path], CheckRun]
) -> None:
    sources = data_copy / "sources.csv"
    sources.write_text(sources.read_text(encoding="utf-8").replace("\ntnr2014,", "\ntnr_2014,", 1), encoding="utf-8")
    result = check_in_process(data_copy)
    assert result.returncode == 1
    assert result.stdout.count("FAILED (problem") >= 5
    problem = "value 'tnr2014' breaks rule"
    assert result.stdout.count(problem) == len({line for line in result.stdout.splitlines() if problem in line}) > 5


def test_a_broken_manifest_is_one_clear_problem_naming_the_line(data_copy: Path, check_in_process: Callable[[Path], CheckRun]) -> None:
    manifest = data_copy / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("[datasets.hsg_kerry_travels]", "[datasets.hsg_kerry_travels", 1))
    result = check_in_process(data_copy)
    assert result.returncode == 1
    assert "manifest.toml: not valid TOML" in result.stdout and "line" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
