"""The lint `make test` runs first, in the fast tier too: an analyst's new chart passed every fast test and
then failed `make lint` on a line 4 characters too long."""

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.paths import REPO_ROOT

BIN = Path(sys.executable).parent
LINTED = ("src", "tests", "bench", "chapters")  # the Makefile's LINTED


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", *LINTED], ["ruff", "format", "--check", *LINTED], ["lint-imports"]],
    ids=["ruff check", "ruff format", "import tiers"],
)
def test_the_code_passes_the_lint(command: list[str]) -> None:
    ran = subprocess.run([str(BIN / command[0]), *command[1:]], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert ran.returncode == 0, f"`{' '.join(command)}` (what `make lint` runs) failed:\n{ran.stdout[-3000:]}{ran.stderr[-1000:]}"


def test_the_lint_here_covers_what_the_makefile_lints() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    (line,) = [line for line in makefile.splitlines() if line.startswith("LINTED :=")]
    assert tuple(line.split(":=")[1].split()) == LINTED
