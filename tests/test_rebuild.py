"""Never stale: after a table is edited, re-executing just the stale chapters
gives exactly the outputs a clean execution of every chapter gives, and only
the chapters that read the table are re-executed. No cache serves a result
computed from other code, other data or edited outputs: a change in the
geography code misses the derived measures, a data root switched by
environment variable and an edited stored output make a chapter stale."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.data import schemas
from analysis.paths import DATA_DIR_ENV, REPO_ROOT, SHARED_DIR_ENV, shared_dir
from analysis.tools import notebooks, review
from conftest import CHART_ELEMENT_ID, EDITED_TABLE, EditedBook, edit_benchmark

pytestmark = pytest.mark.rebuild

READERS = {"collapse", "data_methods", "downloads", "intro", "limitations", "resumption"}  # resumption: OCHA's 2013 West Bank count
# The cheapest chapter that reads EDITED_TABLE and glues numbers.
SMALL_READER = "limitations"


def book_copy(target: Path, names: set[str] | None = None) -> list[Path]:
    """The chapter notebooks (or those named) copied into `target/chapters`."""
    (target / "chapters").mkdir(parents=True)
    for path in notebooks.chapter_notebooks():
        if names is None or path.stem in names:
            shutil.copy(path, target / "chapters" / path.name)
    return sorted((target / "chapters").glob("*.ipynb"))


def outputs_of(paths: list[Path]) -> dict[str, dict]:
    return {path.stem: review.outputs(json.loads(path.read_text(encoding="utf-8"))) for path in paths}


def test_an_edited_table_re_executes_its_readers_and_matches_a_clean_execution(
    edited_book: EditedBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed = edited_book.committed
    assert not any(notebooks.stale_reasons(path) for path in committed.values()), "the committed chapters are stale: run `make execute`"
    assert edited_book.stale == {reader: [f"data:{EDITED_TABLE}"] for reader in READERS}
    executed = edited_book.executed
    assert {name: notebooks.source_digest(notebooks.nbformat.read(path, as_version=4)) for name, path in executed.items()} == {
        name: notebooks.source_digest(notebooks.nbformat.read(committed[name], as_version=4)) for name in executed
    }, "a cache keyed on the cells alone would have served the old outputs"
    monkeypatch.setenv(DATA_DIR_ENV, str(edited_book.data))
    assert not any(notebooks.stale_reasons(path) for path in executed.values())

    # A clean execution of a re-executed chapter is what the incremental run did;
    # the chapters it left alone are executed cleanly to show they would not move,
    # to the byte: executing a chapter again without a content change leaves its
    # notebook as committed, charts' element ids included (derived from the spec).
    clean = book_copy(tmp_path / "clean", set(committed) - set(executed))
    notebooks.execute_all(clean)
    before = outputs_of(list(committed.values()))
    changes = [change for name, outputs in outputs_of(clean).items() for change in review.compare(name, before[name], outputs)]
    assert changes == []
    assert [path.stem for path in clean if path.read_bytes() != committed[path.stem].read_bytes()] == []
    assert any(CHART_ELEMENT_ID.search(path.read_text(encoding="utf-8")) for path in clean), "no chapter executed again draws a chart"
    shown = f"  {edited_book.edited_value:,}  Palestinians killed in the 2014 Gaza war"
    assert shown in outputs_of([executed["intro"]])["intro"]["text: What we found"]


def derived_cache_serves(package_copy: Path) -> bool:
    """Whether the package in `package_copy` (a copy of the repository's src/,
    geo/, data/ and lock) serves every derived measure from geo/derived.json."""
    script = (
        "import analysis\n"
        f"assert analysis.__file__.startswith({str(package_copy)!r}), analysis.__file__\n"
        "from analysis.data import derived\n"
        "from analysis.pages import common\n"
        "print(all(derived.lookup(name, common.derived_key(name)) is not None for name in common.DERIVED))\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(package_copy / "src"), SHARED_DIR_ENV: str(shared_dir().resolve())}
    environment.pop(DATA_DIR_ENV, None)
    result = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, timeout=300, check=True)
    return result.stdout.strip() == "True"


def test_a_change_in_the_geography_code_misses_the_derived_measures(tmp_path: Path) -> None:
    copy = tmp_path / "repository"
    for folder in ("src", "geo", "data"):
        shutil.copytree(REPO_ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy(REPO_ROOT / "requirements.lock", copy)
    for file in {file for table in schemas.TABLES.values() for file in table.repository_files}:  # what the tables' rules read
        shutil.copy(REPO_ROOT / file, copy)
    assert derived_cache_serves(copy), "the committed geo/derived.json does not match its inputs: run `make execute`"

    ground = copy / "src" / "analysis" / "geography" / "ground.py"
    projection = 'ISRAEL_TM = "EPSG:2039"'
    assert projection in ground.read_text(encoding="utf-8")
    ground.write_text(ground.read_text(encoding="utf-8").replace(projection, 'ISRAEL_TM = "EPSG:32636"'), encoding="utf-8")
    assert not derived_cache_serves(copy), "the band width measured in the old projection would be served"


@pytest.fixture(scope="module")
def committed_reader() -> Path:
    """SMALL_READER as committed: executed against the repository's data (`make
    test` checks that every committed chapter is, before it runs this)."""
    chapter = REPO_ROOT / "chapters" / f"{SMALL_READER}.ipynb"
    assert notebooks.stale_reasons(chapter) == [], "the committed chapter is stale: run `make execute`"
    return chapter


def reader_copy(committed_reader: Path, target: Path) -> Path:
    chapter = target / "chapters" / committed_reader.name
    chapter.parent.mkdir(parents=True)
    shutil.copy(committed_reader, chapter)
    return chapter


def test_a_data_root_switched_by_environment_variable_is_a_change_of_what_it_holds(
    committed_reader: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chapter = reader_copy(committed_reader, tmp_path)
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    assert notebooks.stale_reasons(chapter) == []
    keys = list(notebooks.nbformat.read(chapter, as_version=4).metadata[notebooks.METADATA_KEY]["reads"])
    machine_paths = [key for key in keys if str(REPO_ROOT) in key or key.startswith("/") or ".." in key.split("/")]
    assert machine_paths == [], "a recorded input key names a machine's path"

    roots = {name: tmp_path / name for name in ("same", "edited")}
    for root in roots.values():
        shutil.copytree(REPO_ROOT / "data", root)
    edit_benchmark(roots["edited"])
    monkeypatch.setenv(DATA_DIR_ENV, str(roots["same"]))
    assert notebooks.stale_reasons(chapter) == [], "the same bytes under another root are not a change"
    monkeypatch.setenv(DATA_DIR_ENV, str(roots["edited"]))
    assert notebooks.stale_reasons(chapter) == [f"data:{EDITED_TABLE}"], "the chapter would be called fresh against the edited data"


def test_an_edited_stored_output_is_re_executed_and_fails_the_check_naming_the_chapter(
    committed_reader: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = reader_copy(committed_reader, tmp_path)
    text = chapter.read_text(encoding="utf-8")
    stored_number = '"application/papermill.record/text/plain": "3,100"'
    assert stored_number in text
    chapter.write_text(text.replace(stored_number, stored_number.replace("3,100", "3,101")), encoding="utf-8")

    assert notebooks.stale_reasons(chapter) == ["outputs"], "an output edited after execution would be published as it is"
    assert review.main(["--stale", "--strict", str(chapter)]) == 1
    printed = capsys.readouterr().out
    assert f"{SMALL_READER}.ipynb (outputs)" in printed, printed
    assert "dated_plans" in printed and "3,101 -> 3,100" in printed, printed
