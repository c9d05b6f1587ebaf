"""`python -m analysis.data check`: one line per table and dataset, and a failing exit on bad data."""

import os
import subprocess
import sys
from pathlib import Path

from analysis.data import datasets, tables
from analysis.paths import DATA_DIR_ENV
from conftest import replace_in_line


def run_check(data_dir: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({DATA_DIR_ENV: str(data_dir)} if data_dir else {})}
    return subprocess.run([sys.executable, "-m", "analysis.data", "check"], env=env, capture_output=True, text=True, timeout=300)


def test_check_passes_on_the_real_tables_with_one_line_each() -> None:
    result = run_check()
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == len(tables.TABLES) + len(datasets.manifest())
    assert all(line.endswith("ok") for line in lines)


def test_check_fails_loudly_on_a_broken_table(data_copy: Path) -> None:
    replace_in_line(data_copy / "prisoner_releases.csv", 3, ",26,11,,15,", ",-26,11,,15,")
    result = run_check(data_copy)
    assert result.returncode == 1
    assert "prisoner_releases.csv" in result.stdout and "FAILED" in result.stdout and "line 3, column 'count'" in result.stdout
