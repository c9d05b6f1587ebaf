"""Each chapter notebook and its MyST Markdown text (chapters/text/, paired by
jupytext.toml) hold the same cells: a change made to one and not synced to the
other (`make sync`, run by `make execute` and `make lab`) fails here."""

from __future__ import annotations

import ast
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
    """The text is written here from the notebook, so an analyst's own unsynced edit (which the drift test
    above reports) does not fail this check of the checker."""
    notebook = CHAPTERS / "resumption.ipynb"
    paired, edited = tmp_path / "paired.md", tmp_path / "edited.md"
    original = jupytext.writes(nbformat.read(notebook, as_version=4), fmt="md:myst")
    changed = original.replace("104 prisoners for no-UN", "105 prisoners for no-UN", 1)
    assert changed != original
    paired.write_text(original, encoding="utf-8")
    edited.write_text(changed, encoding="utf-8")
    assert drift(notebook, edited) and not drift(notebook, paired)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_each_notebook_names_its_kernel_as_jupyter_does_so_opening_it_changes_nothing(notebook: Path) -> None:
    """JupyterLab writes the kernel's display name into a notebook it opens: a
    name other than the installed kernel's marks the chapter edited, and saving
    it commits a change no one made."""
    installed = KernelSpecManager().get_kernel_spec("python3").display_name
    assert nbformat.read(notebook, as_version=4).metadata.kernelspec.display_name == installed


EVIDENCE_TAGS = ("hide-input", "hide-output")
EVIDENCE_LINES = 12  # "about ten lines at most": a step read at a glance, not a module
STORY_PAGES = ("reset", "resumption", "framework", "collapse")


def code_cells(notebook: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Each code cell's source and tags."""
    found = nbformat.read(notebook, as_version=4).cells
    return [(cell.source, tuple(cell.metadata.get("tags", ()))) for cell in found if cell.cell_type == "code"]


def bound_names(source: str, imports: bool = True) -> set[str]:
    """The names a cell's code binds: assigned, defined and (with `imports`) imported."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif imports and isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_an_evidence_cell_is_short_and_rebinds_no_name_the_chapters_own_cells_bind(notebook: Path) -> None:
    """An evidence cell (folded, `EVIDENCE_TAGS`) runs in the chapter's kernel beside its own cells: one that
    assigned `journeys` over a name a later cell used broke the chapter's execution. It is also short."""
    cells = code_cells(notebook)
    evidence = [source for source, tags in cells if set(EVIDENCE_TAGS) <= set(tags)]
    own = set().union(*(bound_names(source) for source, tags in cells if not set(EVIDENCE_TAGS) <= set(tags)))
    for source in evidence:
        assert len(source.strip().splitlines()) <= EVIDENCE_LINES, source
        assert not bound_names(source, imports=False) & own, (bound_names(source, imports=False) & own, source[:200])


@pytest.mark.parametrize("notebook", [CHAPTERS / f"{page}.ipynb" for page in STORY_PAGES], ids=lambda path: path.stem)
def test_each_section_with_a_figure_shows_its_evidence_step(notebook: Path) -> None:
    """Each section (`## `) of a chapter that places a figure has an evidence cell: the countdown to the
    deadline and the ground of the Green Line had none."""
    sections: dict[str, set[str]] = {}
    current = None
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    current = line
                    sections[current] = set()
            if current and "{glue:figure}" in cell.source:
                sections[current].add("figure")
        elif current and set(EVIDENCE_TAGS) <= set(cell.metadata.get("tags", ())):
            sections[current].add("evidence")
    missing = [heading for heading, has in sections.items() if "figure" in has and "evidence" not in has]
    assert len(sections) >= 3 and not missing, missing


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_an_evidence_cell_shows_its_table_whole(notebook: Path) -> None:
    """pandas cut every text of an evidence cell's table at 50 characters ("no records at all: the records
    cannot tell a g..."): the intermediate table an analyst opens the cell for hid its flags and notes."""
    cut = [
        index
        for index, cell in enumerate(nbformat.read(notebook, as_version=4).cells)
        if set(EVIDENCE_TAGS) <= set(cell.metadata.get("tags", ()))
        for output in cell.get("outputs", [])
        if "...</td>" in output.get("data", {}).get("text/html", "")
    ]
    assert not cut, f"cells {cut} of {notebook.name} show a cut text"


def test_pandas_shows_whole_texts_only_in_a_kernel() -> None:
    """The page tier sets pandas to show whole texts for the evidence cells, in a kernel only: set at import in
    every process, it changed how the build's tools and the tests print tables."""
    import pandas as pd

    import analysis.pages.common  # noqa: F401  (what an evidence cell imports)

    assert pd.get_option("display.max_colwidth") == 50
