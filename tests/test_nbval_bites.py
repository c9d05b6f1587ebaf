"""nbval re-executes the notebooks and compares numbers: a changed data value must fail it."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.paths import DATA_DIR_ENV, REPO_ROOT
from conftest import edit_benchmark

# The cheapest chapter that shows the edited value (the introduction's tiles print B06).
NOTEBOOK = REPO_ROOT / "chapters" / "intro.ipynb"


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
            "-n",
            "0",  # one notebook: no workers of its own
            "--rootdir",
            str(REPO_ROOT),
        ],
        cwd=REPO_ROOT,
        env={**os.environ, DATA_DIR_ENV: str(data_dir)},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.rebuild  # executes a chapter notebook (nbval) twice
def test_nbval_fails_when_one_number_changes_and_only_on_a_mismatch(data_copy: Path) -> None:
    """The chapter still executes without error on the changed copy: nbval fails on
    what it compares, not on a broken kernel. (That it passes on the unchanged
    data is `make test`'s own nbval run, which executes this chapter once.)"""
    edit_benchmark(data_copy)
    changed = run_nbval(data_copy)
    assert changed.returncode != 0
    assert "mismatch" in changed.stdout.lower() or "differs" in changed.stdout.lower(), changed.stdout[-3000:]
    failed = re.search(r"(\d+) failed", changed.stdout)
    assert failed and changed.stdout.count("Cell outputs differ") >= int(failed.group(1)), changed.stdout[-3000:]
