"""Re-execute chapter notebooks in place so their stored outputs (which nbval
checks) match the code and data, several at once across the machine's cores.
Run: `python -m analysis.tools.notebooks [paths]`."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from analysis.paths import REPO_ROOT

CHAPTERS_DIR = REPO_ROOT / "chapters"


def chapter_notebooks() -> list[Path]:
    return sorted(CHAPTERS_DIR.glob("*.ipynb"))


def execute(path: Path, timeout: int = 600, working_directory: Path | None = None) -> Path:
    """Execute one notebook (with `working_directory`, default its own folder) and store its outputs in place."""
    notebook = nbformat.read(path, as_version=4)
    resources = {"metadata": {"path": str(working_directory or path.parent)}}
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources=resources).execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    return path


def execute_all(paths: list[Path], workers: int | None = None) -> None:
    """Execute `paths` in parallel, one kernel per core; the first failure is raised."""
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        for done in pool.map(execute, paths):
            print(f"executed {done.relative_to(REPO_ROOT)}", flush=True)


def main(arguments: list[str]) -> None:
    execute_all([Path(argument).resolve() for argument in arguments] or chapter_notebooks())


if __name__ == "__main__":
    main(sys.argv[1:])
