import shutil
from pathlib import Path

import pytest

from analysis.paths import REPO_ROOT


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
