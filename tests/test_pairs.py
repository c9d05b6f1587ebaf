"""Each chapter notebook and its MyST Markdown text (chapters/text/, paired by
jupytext.toml) hold the same cells: a change made to one and not synced to the
other (`make sync`, run by `make book`, `make execute` and `make lab`) fails
here. The sync carries over the file edited since the pair last agreed (at the
last sync, or the last commit), regardless of which is newer, and refuses a
pair both of whose files were edited."""

from __future__ import annotations

import ast
import difflib
import os
import shutil
import subprocess
import time
from pathlib import Path

import jupytext
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager

from analysis.paths import REPO_ROOT
from analysis.tools import pairs

CHAPTERS = REPO_ROOT / "chapters"
TEXT = CHAPTERS / "text"
NOTEBOOKS = sorted(CHAPTERS.glob("*.ipynb"))


def drift(notebook: Path, text: Path) -> list[str]:
    """The cells that differ between a notebook and its text, by position, first ten, each with the lines that
    differ (a one-word edit deep in a long cell shows)."""
    ours, theirs = pairs.read_cells(notebook), pairs.read_cells(text)
    found = []
    for index, (a, b) in enumerate(zip(ours, theirs, strict=False)):
        if a != b:
            changed = [line for line in difflib.ndiff(a[1].splitlines(), b[1].splitlines()) if line[:1] in "-+"]
            found.append(f"cell {index} ({a[0]}, tags {a[2]} and {b[2]}): {changed[:4]}")
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


EDITED_WORD = ("104 prisoners for no-UN", "105 prisoners for no-UN")  # a phrase in the resumption chapter's text


@pytest.fixture
def committed_pair(tmp_path: Path) -> Path:
    """A checkout holding the resumption chapter's pair as committed, with the project's pairing."""
    for path in (REPO_ROOT / "jupytext.toml", CHAPTERS / "resumption.ipynb", TEXT / "resumption.md"):
        target = tmp_path / path.relative_to(REPO_ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
    for command in (["init", "--quiet"], ["add", "."], ["commit", "--quiet", "-m", "pair"]):
        subprocess.run([*git, *command], cwd=tmp_path, check=True)
    return tmp_path


def executed_later(notebook: Path) -> None:
    """The notebook rewritten after the text was edited, as `make book` re-executing a stale chapter does."""
    later = time.time() + 60
    os.utime(notebook, (later, later))


def test_an_edited_text_survives_its_notebook_executed_after_it(committed_pair: Path) -> None:
    """An analyst's edit to the text, then the notebook re-executed (newer): the edit reaches the notebook,
    outputs kept. With the newer file winning, the notebook's old cells overwrote the edit (an analyst's finding)."""
    notebook, text = committed_pair / "chapters" / "resumption.ipynb", committed_pair / "chapters" / "text" / "resumption.md"
    old, new = EDITED_WORD
    text.write_text(text.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    outputs = [cell.get("outputs") for cell in nbformat.read(notebook, as_version=4).cells]
    executed_later(notebook)
    assert pairs.sync(committed_pair) == ["chapters/text/resumption.md -> chapters/resumption.ipynb"]
    assert new in text.read_text(encoding="utf-8")
    synced = nbformat.read(notebook, as_version=4)
    assert any(new in cell.source for cell in synced.cells)
    assert [cell.get("outputs") for cell in synced.cells] == outputs
    assert pairs.sync(committed_pair) == []


def test_a_text_edited_again_after_a_sync_is_carried_over_again(committed_pair: Path) -> None:
    """Edited, synced, edited again before any commit: the pair last agreed at the sync, so only the text was
    edited since (against the last commit both files had changed, and the second edit was refused)."""
    notebook, text = committed_pair / "chapters" / "resumption.ipynb", committed_pair / "chapters" / "text" / "resumption.md"
    old, new = EDITED_WORD
    text.write_text(text.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    pairs.sync(committed_pair)
    again = new.replace("105", "106")
    text.write_text(text.read_text(encoding="utf-8").replace(new, again, 1), encoding="utf-8")
    executed_later(notebook)
    assert pairs.sync(committed_pair) == ["chapters/text/resumption.md -> chapters/resumption.ipynb"]
    assert any(again in cell.source for cell in nbformat.read(notebook, as_version=4).cells)


def test_a_text_edited_after_a_pull_that_moved_both_files_is_carried_over(committed_pair: Path) -> None:
    """Synced (the record holds the pair's cells), then a commit changes both files alike (a pull), then the
    text is edited: the notebook is the commit's, so only the text was edited since the pair last agreed."""
    notebook, text = committed_pair / "chapters" / "resumption.ipynb", committed_pair / "chapters" / "text" / "resumption.md"
    pairs.sync(committed_pair)
    old, new = EDITED_WORD
    text.write_text(text.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    pairs.carry_over(text, notebook, committed_pair)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "commit", "--quiet", "-am", "pulled"], cwd=committed_pair, check=True)
    again = new.replace("105", "106")
    text.write_text(text.read_text(encoding="utf-8").replace(new, again, 1), encoding="utf-8")
    assert pairs.sync(committed_pair) == ["chapters/text/resumption.md -> chapters/resumption.ipynb"]


def test_without_git_nothing_is_committed_and_a_drifted_pair_is_refused(committed_pair: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook, text = committed_pair / "chapters" / "resumption.ipynb", committed_pair / "chapters" / "text" / "resumption.md"

    def no_git(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("git")

    monkeypatch.setattr(pairs.subprocess, "run", no_git)
    assert pairs.committed_cells(notebook, committed_pair) is None
    old, new = EDITED_WORD
    text.write_text(text.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(pairs.PairConflict, match="neither a last sync nor a commit tells which"):
        pairs.sync(committed_pair)


def test_an_edited_notebook_updates_its_text(committed_pair: Path) -> None:
    notebook, text = committed_pair / "chapters" / "resumption.ipynb", committed_pair / "chapters" / "text" / "resumption.md"
    old, new = EDITED_WORD
    edited = nbformat.read(notebook, as_version=4)
    cell = next(cell for cell in edited.cells if old in cell.source)
    cell.source = cell.source.replace(old, new, 1)
    nbformat.write(edited, notebook)
    later = time.time() + 60
    os.utime(text, (later, later))
    assert pairs.sync(committed_pair) == ["chapters/resumption.ipynb -> chapters/text/resumption.md"]
    assert new in text.read_text(encoding="utf-8")


def test_a_pair_edited_on_both_sides_is_refused_naming_both(committed_pair: Path) -> None:
    notebook, text = committed_pair / "chapters" / "resumption.ipynb", committed_pair / "chapters" / "text" / "resumption.md"
    old, new = EDITED_WORD
    text.write_text(text.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    edited = nbformat.read(notebook, as_version=4)
    edited.cells[0].source += "\n\nAnother sentence."
    nbformat.write(edited, notebook)
    before = notebook.read_bytes(), text.read_bytes()
    with pytest.raises(pairs.PairConflict, match=r"chapters/resumption\.ipynb and chapters/text/resumption\.md were both edited"):
        pairs.sync(committed_pair)
    assert (notebook.read_bytes(), text.read_bytes()) == before


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
