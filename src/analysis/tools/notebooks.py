"""Execute chapter notebooks in place so their stored outputs (which the book
renders and nbval checks) match the code and data, several at once.

Each executed notebook records its inputs in its metadata (`kerry_inputs`):
the files and external datasets it read (logged by the data tier), the
package's code, the locked environment and its own cells, each with a digest.
A notebook is stale when any digest differs; `--stale` executes just those.

    python -m analysis.tools.notebooks [--stale] [paths]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from analysis.data import datasets, reads
from analysis.paths import REPO_ROOT, display_path

CHAPTERS_DIR = REPO_ROOT / "chapters"
PACKAGE_DIR = REPO_ROOT / "src" / "analysis"
LOCK = REPO_ROOT / "requirements.lock"
METADATA_KEY = "kerry_inputs"
KERNEL_STARTS = 3


def chapter_notebooks() -> list[Path]:
    return sorted(CHAPTERS_DIR.glob("*.ipynb"))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def package_digest() -> str:
    """One digest of every module a notebook can run (names and contents): the
    whole package but its build tools, which no chapter imports."""
    digest = hashlib.sha256()
    for path in sorted(path for path in PACKAGE_DIR.rglob("*.py") if "tools" not in path.relative_to(PACKAGE_DIR).parts):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def source_digest(notebook: nbformat.NotebookNode) -> str:
    """Digest of the notebook's cells as written (types and sources, not outputs)."""
    cells = [[cell.cell_type, cell.source] for cell in notebook.cells]
    return _digest(json.dumps(cells).encode())


def input_key(source: str) -> str:
    """A recorded input as stored: a dataset key, or a path relative to the repository."""
    return source if source.startswith(reads.DATASET_PREFIX) else os.path.relpath(source, REPO_ROOT)


def input_digest(key: str) -> str:
    """The digest of one input now: a file's bytes, or an external dataset's declared sha256."""
    if key.startswith(reads.DATASET_PREFIX):
        declared = datasets.manifest().get(key.removeprefix(reads.DATASET_PREFIX))
        return declared.sha256[:16] if declared else "undeclared"
    path = REPO_ROOT / key
    return _digest(path.read_bytes()) if path.is_file() else "missing"


def fingerprint(notebook: nbformat.NotebookNode, inputs: list[str]) -> dict[str, object]:
    return {
        "package": package_digest(),
        "environment": _digest(LOCK.read_bytes()),
        "cells": source_digest(notebook),
        "reads": {key: input_digest(key) for key in sorted(inputs)},
    }


def stale_reasons(path: Path) -> list[str]:
    """Why a notebook's stored outputs no longer match its inputs (empty when fresh)."""
    notebook = nbformat.read(path, as_version=4)
    stored = notebook.metadata.get(METADATA_KEY)
    if not stored:
        return ["never executed with its inputs recorded"]
    current = fingerprint(notebook, list(stored.get("reads", {})))
    reasons = [name for name in ("package", "environment", "cells") if stored.get(name) != current[name]]
    reasons += [key for key, value in current["reads"].items() if stored["reads"].get(key) != value]
    return reasons


def execute(path: Path, timeout: int = 600, working_directory: Path | None = None) -> Path:
    """Execute one notebook (in `working_directory`, default its own folder),
    store its outputs and its recorded inputs in place."""
    notebook = nbformat.read(path, as_version=4)
    with tempfile.NamedTemporaryFile("r", suffix=".log", encoding="utf-8") as log:
        os.environ[reads.LOG_ENV] = log.name
        try:
            resources = {"metadata": {"path": str(working_directory or path.parent)}}
            for attempt in range(KERNEL_STARTS):
                try:
                    NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources=resources).execute()
                    break
                except RuntimeError as error:
                    # Kernels started side by side can race for a TCP port and die before
                    # they reply; that start is retried, a failing cell never is.
                    if "Kernel died before replying" not in str(error) or attempt == KERNEL_STARTS - 1:
                        raise
        finally:
            del os.environ[reads.LOG_ENV]
        inputs = sorted({input_key(line.strip()) for line in log if line.strip()})
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    notebook.metadata[METADATA_KEY] = fingerprint(notebook, inputs)
    nbformat.write(notebook, path)
    return path


def execute_all(paths: list[Path], workers: int | None = None) -> None:
    """Execute `paths` in parallel, one kernel per core; the first failure is raised."""
    if not paths:
        return
    with ProcessPoolExecutor(max_workers=min(len(paths), workers or os.cpu_count() or 1)) as pool:
        for done in pool.map(execute, paths):
            print(f"executed {display_path(done)}", flush=True)


def main(arguments: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Execute chapter notebooks in place, recording their inputs.")
    parser.add_argument("--stale", action="store_true", help="execute only the notebooks whose inputs changed")
    parser.add_argument("notebooks", nargs="*", type=Path)
    options = parser.parse_args(arguments)
    paths = [path.resolve() for path in options.notebooks] or chapter_notebooks()
    if options.stale:
        selected = []
        for path in paths:
            reasons = stale_reasons(path)
            if reasons:
                shown = ", ".join(reasons[:4]) + (f" and {len(reasons) - 4} more" if len(reasons) > 4 else "")
                print(f"stale: {display_path(path)} ({shown})", flush=True)
                selected.append(path)
        paths = selected
        if not paths:
            print("every chapter notebook is fresh", flush=True)
    execute_all(paths)


if __name__ == "__main__":
    main()
