"""Re-execute chapter notebooks in place so their stored outputs (which nbval
checks) match the code and data. Run: `python -m analysis.tools.notebooks [paths]`."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from analysis.paths import REPO_ROOT

CHAPTERS_DIR = REPO_ROOT / "chapters"


def chapter_notebooks() -> list[Path]:
    return sorted(CHAPTERS_DIR.glob("*.ipynb"))


def execute(path: Path, timeout: int = 600) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


def main(arguments: list[str]) -> None:
    paths = [Path(argument).resolve() for argument in arguments] or chapter_notebooks()
    for path in paths:
        print(f"executing {path.relative_to(REPO_ROOT)}", flush=True)
        execute(path)


if __name__ == "__main__":
    main(sys.argv[1:])
