"""Each chapter notebook and its MyST Markdown text (chapters/text/, paired by
jupytext.toml) hold the same cells: a change made to one and not synced to the
other (`make sync`, run by `make execute` and `make lab`) fails here."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager

from analysis.paths import REPO_ROOT

CHAPTERS = REPO_ROOT / "chapters"
TEXT = CHAPTERS / "text"
NOTEBOOKS = sorted(CHAPTERS.glob("*.ipynb"))


def cells(notebook: nbformat.NotebookNode) -> list[tuple[str, str, tuple[str, ...]]]:
    """What a pair must agree on: each cell's type, source and tags (never outputs or ids)."""
    return [(cell.cell_type, cell.source.strip(), tuple(cell.metadata.get("tags", ()))) for cell in notebook.cells]


def drift(notebook: Path, text: Path) -> list[str]:
    """The cells that differ between a notebook and its text, by position, first ten."""
    ours, theirs = cells(nbformat.read(notebook, as_version=4)), cells(jupytext.read(text))
    found = [f"cell {index}: {a!r:.100} != {b!r:.100}" for index, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b]
    if len(ours) != len(theirs):
        found.append(f"{len(ours)} cells in the notebook, {len(theirs)} in the text")
    return found[:10]


def test_every_notebook_has_its_text_and_every_text_its_notebook() -> None:
    assert NOTEBOOKS
    assert {path.stem for path in TEXT.glob("*.md")} == {path.stem for path in NOTEBOOKS}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_and_text_hold_the_same_cells(notebook: Path) -> None:
    text = TEXT / f"{notebook.stem}.md"
    assert not drift(notebook, text), f"{notebook.name} and text/{text.name} drifted (run `make sync`): {drift(notebook, text)}"


def test_the_pair_check_catches_a_one_number_change(tmp_path: Path) -> None:
    notebook = CHAPTERS / "resumption.ipynb"
    text = tmp_path / "resumption.md"
    original = (TEXT / "resumption.md").read_text(encoding="utf-8")
    edited = original.replace("104 prisoners for no-UN", "105 prisoners for no-UN", 1)
    assert edited != original
    text.write_text(edited, encoding="utf-8")
    assert drift(notebook, text) and not drift(notebook, TEXT / "resumption.md")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_each_notebook_names_its_kernel_as_jupyter_does_so_opening_it_changes_nothing(notebook: Path) -> None:
    """JupyterLab writes the kernel's display name into a notebook it opens: a
    name other than the installed kernel's marks the chapter edited, and saving
    it commits a change no one made."""
    installed = KernelSpecManager().get_kernel_spec("python3").display_name
    assert nbformat.read(notebook, as_version=4).metadata.kernelspec.display_name == installed
