"""Glue names follow the book's convention, and every glued name is used by its page."""

import json
import re
from pathlib import Path

import pytest

from analysis.paths import REPO_ROOT
from analysis.report.glue import FIGURE_NAME, NUMBER_NAME

CHAPTERS = sorted((REPO_ROOT / "chapters").glob("*.ipynb"))
REFERENCE = re.compile(r"\{glue:?[a-z]*\}`([^`]+)`|```\{glue:figure\}\s+(\S+)")


def glued(notebook: dict) -> set[str]:
    """Names glued by the notebook's stored outputs (myst-nb records each in its metadata)."""
    return {
        output["metadata"]["scrapbook"]["name"]
        for cell in notebook["cells"]
        for output in cell.get("outputs", [])
        if "scrapbook" in output.get("metadata", {})
    }


def referenced(notebook: dict) -> set[str]:
    markdown = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    return {(inline or figure).split("::")[-1] for inline, figure in REFERENCE.findall(markdown)}


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_every_glued_name_is_used_by_its_page_and_every_reference_is_glued(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    unused, unglued = glued(notebook) - referenced(notebook), referenced(notebook) - glued(notebook)
    assert not unused, f"{path.name} glues names its prose never uses: {sorted(unused)}"
    assert not unglued, (
        f"{path.name}'s prose uses names no stored output glues: {sorted(unglued)} (a new name is glued once "
        "the page function returns it and the chapter is executed again: `make execute`)"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_glue_names_follow_the_convention(path: Path) -> None:
    for name in glued(json.loads(path.read_text(encoding="utf-8"))):
        assert FIGURE_NAME.fullmatch(name) or NUMBER_NAME.fullmatch(name), name
        if name.startswith("fig_"):
            assert name.startswith(f"fig_{path.stem.split('_')[0]}_"), name
