import shutil
from pathlib import Path

import pytest
from nbclient import NotebookClient

from analysis.paths import REPO_ROOT


@pytest.fixture(autouse=True)
def fast_tier_executes_no_notebook(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test outside the slow tiers (marked `build` or `rebuild`) that executes a
    notebook in this process fails: the fast tier stays fast."""
    if request.node.get_closest_marker("build") or request.node.get_closest_marker("rebuild"):
        return

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{request.node.nodeid} executes a notebook: mark it `rebuild` (the fast tier executes none)")

    monkeypatch.setattr(NotebookClient, "execute", refuse)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", target)
    return target


def replace_in_line(path: Path, line: int, old: str, new: str) -> None:
    """Replace `old` by `new` on 1-based `line` of a text file, asserting it is there."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], f"{old!r} not on line {line} of {path}: {lines[line - 1]!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def line_of(path: Path, row_id: str) -> int:
    """The 1-based line of the row whose first field is `row_id`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith(row_id + ","):
            return number
    raise AssertionError(f"no row {row_id!r} in {path}")


def problems_of(table: str, directory: Path) -> str:
    """The message with which loading `table` from `directory` is refused."""
    from analysis.data import tables
    from analysis.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        tables.load(table, directory)
    return str(caught.value)
