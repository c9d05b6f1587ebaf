"""Never stale: after a table is edited, re-executing just the stale chapters
gives exactly the outputs a clean execution of every chapter gives, and only
the chapters that read the table are re-executed."""

import json
import shutil
from pathlib import Path

import pytest

from analysis.paths import DATA_DIR_ENV, REPO_ROOT
from analysis.tools import notebooks, review

pytestmark = pytest.mark.rebuild

EDITED_TABLE = "casualty_benchmarks.csv"
READERS = {"collapse", "data_methods", "downloads", "intro", "limitations"}


def book_copy(target: Path) -> list[Path]:
    shutil.copytree(REPO_ROOT / "chapters", target / "chapters", ignore=shutil.ignore_patterns("kernel-*", ".ipynb_checkpoints"))
    return sorted((target / "chapters").glob("*.ipynb"))


def outputs_of(paths: list[Path]) -> dict[str, dict]:
    return {path.stem: review.outputs(json.loads(path.read_text(encoding="utf-8"))) for path in paths}


def test_an_edited_table_re_executes_its_readers_and_matches_a_clean_execution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    incremental = book_copy(tmp_path / "incremental")
    notebooks.execute_all(incremental)
    assert not any(notebooks.stale_reasons(path) for path in incremental)

    published = data / EDITED_TABLE
    published.write_text(published.read_text(encoding="utf-8").replace(",2202,", ",2203,", 1), encoding="utf-8")
    stale = {path.stem for path in incremental if notebooks.stale_reasons(path)}
    assert stale == READERS
    cells_only = {path.stem: notebooks.source_digest(notebooks.nbformat.read(path, as_version=4)) for path in incremental}
    notebooks.execute_all([path for path in incremental if path.stem in stale])
    assert cells_only == {path.stem: notebooks.source_digest(notebooks.nbformat.read(path, as_version=4)) for path in incremental}, (
        "a cache keyed on the cells alone would have served the old outputs"
    )

    clean = book_copy(tmp_path / "clean")
    notebooks.execute_all(clean)
    changes = [
        change for name, outputs in outputs_of(incremental).items() for change in review.compare(name, outputs, outputs_of(clean)[name])
    ]
    assert changes == []
    assert "  2,203  Palestinians killed in the 2014 Gaza war" in outputs_of(incremental)["intro"]["table: What we found"]
