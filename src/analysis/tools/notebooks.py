"""Execute chapter notebooks in place so their stored outputs (which the book
renders and nbval checks) match the code and data, several at once.

Each executed notebook records its fingerprint in its metadata
(`kerry_inputs`, see `analysis.data.fingerprint`): the package's code, the
locked environment, its own cells, every input it read (under a key relative
to its root, with the digest of its bytes when read) and a digest of the
outputs stored. A notebook is stale when any of them differs now, including
when its stored outputs were edited after it ran; `--stale` executes just
those.

    python -m analysis.tools.notebooks [--stale] [paths]
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager, KernelManager
from nbclient import NotebookClient
from traitlets import default

from analysis.data import fingerprint, reads
from analysis.paths import REPO_ROOT, display_path

CHAPTERS_DIR = REPO_ROOT / "chapters"
METADATA_KEY = "kerry_inputs"
# Bumped when what a fingerprint records changes: an older record is stale.
FINGERPRINT_FORMAT = 2
# A kernel is stopped at once when its notebook is done, not asked to shut down:
# with ipykernel 7.4 one graceful shutdown in four or five waits 2.6 to 3.6 s on
# the kernel's control thread. Nothing is lost: every output has arrived when the
# last cell is done, and every input read is in the reads log (written as read).
KERNEL_SHUTDOWN = "immediate"


# A kernel talks to its client over Unix sockets of its own, not TCP ports.
# jupyter_client picks a free port, releases it and hands it to the kernel; in
# that gap any other process (a kernel started beside it, Chromium's connections
# to the book's local servers) can take it, and the kernel dies before it
# replies (jupyter/jupyter_client#487). A socket path of its own cannot be taken.
class OwnSockets:
    """Mixed into a kernel manager: its kernel listens on Unix sockets under a path of its own."""

    @default("transport")
    def _transport_default(self) -> str:
        return "ipc"

    @default("ip")
    def _ip_default(self) -> str:
        return os.path.join(tempfile.gettempdir(), f"kernel-{uuid.uuid4().hex}-ipc")


class LocalSocketKernelManager(OwnSockets, KernelManager):
    """nbval's kernel manager (see tests/conftest.py)."""


class AsyncLocalSocketKernelManager(OwnSockets, AsyncKernelManager):
    """A chapter's kernel manager (nbclient's is asynchronous)."""


def chapter_notebooks() -> list[Path]:
    return sorted(CHAPTERS_DIR.glob("*.ipynb"))


def package_digest() -> str:
    """One digest of every module a notebook can run (names and contents): the
    whole package but its build tools, which no chapter imports."""
    return fingerprint.code_digest(fingerprint.package_modules(leaving_out=("tools",)))


def source_digest(notebook: nbformat.NotebookNode) -> str:
    """Digest of the notebook's cells as written (types and sources, not outputs)."""
    cells = [[cell.cell_type, cell.source] for cell in notebook.cells]
    return fingerprint.digest(json.dumps(cells).encode())


def outputs_digest(notebook: nbformat.NotebookNode) -> str:
    """Digest of the outputs stored in the notebook's code cells, as read back from disk."""
    stored = nbformat.reads(nbformat.writes(notebook), as_version=4)
    outputs = [cell.get("outputs", []) for cell in stored.cells if cell.cell_type == "code"]
    return fingerprint.digest(json.dumps(outputs, sort_keys=True).encode())


def fingerprint_of(notebook: nbformat.NotebookNode, reads_digests: dict[str, str]) -> dict[str, object]:
    """What a notebook's stored outputs were computed from, and their own digest."""
    return {
        "format": FINGERPRINT_FORMAT,
        "package": package_digest(),
        "environment": fingerprint.environment_digest(),
        "cells": source_digest(notebook),
        "reads": dict(sorted(reads_digests.items())),
        "outputs": outputs_digest(notebook),
    }


def stale_reasons(path: Path) -> list[str]:
    """Why a notebook's stored outputs no longer match their fingerprint (empty when fresh):
    `package`, `environment`, `cells`, `outputs` (edited since the notebook ran) or the
    key of each input whose digest differs now (`data:meetings.csv`)."""
    notebook = nbformat.read(path, as_version=4)
    stored = notebook.metadata.get(METADATA_KEY)
    if not stored:
        return ["never executed with its fingerprint recorded"]
    if stored.get("format") != FINGERPRINT_FORMAT:
        return [f"fingerprint recorded in an older format ({stored.get('format', 1)}, now {FINGERPRINT_FORMAT})"]
    recorded_reads = stored.get("reads", {})
    current = fingerprint_of(notebook, {key: fingerprint.input_digest(key) for key in recorded_reads})
    reasons = [name for name in ("package", "environment", "cells", "outputs") if stored.get(name) != current[name]]
    reasons += [key for key, value in current["reads"].items() if recorded_reads.get(key) != value]
    return reasons


def described(reasons: list[str], shown: int = 4) -> str:
    """Stale reasons in a few words: the first `shown`, then how many more."""
    return ", ".join(reasons[:shown]) + (f" and {len(reasons) - shown} more" if len(reasons) > shown else "")


def chapter_client(notebook: nbformat.NotebookNode, timeout: int, resources: dict[str, object]) -> NotebookClient:
    """The client that executes a chapter: one Python kernel on Unix sockets of its
    own, stopped at once when done (KERNEL_SHUTDOWN)."""
    return NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources=resources,
        shutdown_kernel=KERNEL_SHUTDOWN,
        kernel_manager_class=AsyncLocalSocketKernelManager,
    )


def execute(path: Path, timeout: int = 600, working_directory: Path | None = None) -> Path:
    """Execute one notebook (in `working_directory`, default its own folder),
    store its outputs and its recorded inputs in place (the file is left
    untouched when they are what it holds)."""
    notebook = nbformat.read(path, as_version=4)
    with tempfile.NamedTemporaryFile("r", suffix=".log", encoding="utf-8") as log:
        os.environ[reads.LOG_ENV] = log.name
        try:
            resources = {"metadata": {"path": str(working_directory or path.parent)}}
            chapter_client(notebook, timeout, resources).execute()
        finally:
            del os.environ[reads.LOG_ENV]
        inputs = reads.read_log(Path(log.name))
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    notebook.metadata[METADATA_KEY] = fingerprint_of(notebook, inputs)
    text = nbformat.writes(notebook)
    text += "" if text.endswith("\n") else "\n"
    # The same bytes are not written again: the notebook keeps its modification
    # time, so the HTML build does not take its page for changed.
    if path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def execute_all(paths: list[Path], workers: int | None = None, working_directory: Path | None = None, announce: bool = True) -> None:
    """Execute `paths` in parallel, one kernel per core, longest first (by the
    times recorded in EXECUTION_TIMES) so that the kernels finish together,
    naming each when done (unless not to `announce`); the first failure is raised."""
    if not paths:
        return
    run = functools.partial(timed_execute, working_directory=working_directory)
    took: dict[str, float] = {}
    with ProcessPoolExecutor(max_workers=min(len(paths), workers or os.cpu_count() or 1)) as pool:
        for done, seconds in pool.map(run, longest_first(paths)):
            took[done.stem] = seconds
            if announce:
                print(f"executed {display_path(done)}", flush=True)
    record_times(took)


# How long each chapter took to execute, by name: only the order in which the
# next run starts them, so it is kept with the build, never committed.
EXECUTION_TIMES = REPO_ROOT / "_build" / "execution-seconds.json"


def timed_execute(path: Path, working_directory: Path | None = None) -> tuple[Path, float]:
    started = time.perf_counter()
    return execute(path, working_directory=working_directory), round(time.perf_counter() - started, 2)


def recorded_times(record: Path = EXECUTION_TIMES) -> dict[str, float]:
    return json.loads(record.read_text(encoding="utf-8")) if record.is_file() else {}


def longest_first(paths: list[Path], record: Path = EXECUTION_TIMES) -> list[Path]:
    """`paths`, those never timed first, then by the time they last took, longest first."""
    times = recorded_times(record)
    return sorted(paths, key=lambda path: -times.get(path.stem, math.inf))


def record_times(took: dict[str, float], record: Path = EXECUTION_TIMES) -> None:
    record.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=record.parent, delete=False, encoding="utf-8") as handle:
        json.dump(dict(sorted({**recorded_times(record), **took}.items())), handle, indent=1)
    os.replace(handle.name, record)


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
                print(f"stale: {display_path(path)} ({described(reasons)})", flush=True)
                selected.append(path)
        paths = selected
        if not paths:
            print("every chapter notebook is fresh", flush=True)
    execute_all(paths)


if __name__ == "__main__":
    main()
