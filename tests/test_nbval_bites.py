"""nbval re-executes the notebooks and compares numbers: a changed data value must fail it."""

import os
import subprocess
import sys
from pathlib import Path

from analysis.paths import DATA_DIR_ENV, REPO_ROOT
from conftest import replace_in_line

NOTEBOOK = REPO_ROOT / "chapters" / "collapse.ipynb"


def run_nbval(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(NOTEBOOK),
            "--nbval",
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            "--nbval-sanitize-with",
            str(REPO_ROOT / "tests" / "nbval_sanitize.cfg"),
            "-q",
            "--rootdir",
            str(REPO_ROOT),
        ],
        cwd=REPO_ROOT,
        env={**os.environ, DATA_DIR_ENV: str(data_dir)},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_nbval_passes_on_an_unchanged_copy_and_fails_when_one_number_changes(data_copy: Path) -> None:
    unchanged = run_nbval(data_copy)
    assert unchanged.returncode == 0, unchanged.stdout[-3000:]
    replace_in_line(data_copy / "prisoner_releases.csv", 3, ",26,11,,15,", ",26,12,,14,")
    changed = run_nbval(data_copy)
    assert changed.returncode != 0
    assert "mismatch" in changed.stdout.lower() or "differs" in changed.stdout.lower(), changed.stdout[-3000:]
