"""The package's tiers: imports only run downwards, checked by import-linter."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.paths import REPO_ROOT

LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"]


def lint(source_root: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(source_root), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [*LINT, "--config", str(REPO_ROOT / "pyproject.toml"), "--no-cache"],
        cwd=source_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO_ROOT / "src" / "analysis", tmp_path / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_the_tiers_import_only_downwards(source_copy: Path) -> None:
    result = lint(source_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_report_import_in_the_evidence_tier_breaks_the_contract(source_copy: Path) -> None:
    module = source_copy / "analysis" / "evidence" / "prisoners.py"
    module.write_text(module.read_text(encoding="utf-8") + "\nfrom analysis.report import charts  # noqa: E402\n", encoding="utf-8")
    result = lint(source_copy)
    assert result.returncode != 0
    assert "Tiers import only downwards BROKEN" in result.stdout
    assert "analysis.evidence.prisoners -> analysis.report.charts" in result.stdout


def test_a_file_read_in_the_report_tier_breaks_the_contract(source_copy: Path) -> None:
    module = source_copy / "analysis" / "report" / "charts.py"
    module.write_text(module.read_text(encoding="utf-8") + "\nfrom analysis.data import tables  # noqa: E402\n", encoding="utf-8")
    result = lint(source_copy)
    assert "The report layer never reads files (no data-tier imports) BROKEN" in result.stdout


def test_every_tier_says_what_it_is_for() -> None:
    for tier in ("data", "evidence", "geography", "report", "pages", "tools"):
        docstring = (REPO_ROOT / "src" / "analysis" / tier / "__init__.py").read_text(encoding="utf-8").strip()
        assert docstring.startswith('"""') and len(docstring.splitlines()) == 1, tier


def test_a_module_the_bytecode_step_names_that_no_longer_imports_stops_it_naming_the_module() -> None:
    """typeguard, named for the tests' half, went with pandera: the pool's worker exited, and `make test` waited
    for it for ever instead of stopping with the module's name."""
    script = (
        "from analysis.tools import bytecode\n"
        "bytecode.SHARED = []\n"
        "bytecode.IMPORTED_AT_START = {'one half': ['json'], 'the other': ['a_module_no_lock_holds']}\n"
        "bytecode.main()\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=REPO_ROOT)
    assert ran.returncode != 0
    assert "a_module_no_lock_holds (No module named 'a_module_no_lock_holds') no longer import" in ran.stderr
