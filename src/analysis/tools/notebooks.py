"""Execute chapter notebooks in place so their stored outputs (which the book
renders and nbval checks) match the code and data: one kernel per core, each
executing chapters in turn, made for each what a new kernel is (ChapterKernel).

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
import json
import math
import multiprocessing
import os
import queue
import tempfile
import time
import uuid
from concurrent import futures
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager, KernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from traitlets import default

from analysis.data import fingerprint, reads
from analysis.paths import REPO_ROOT, display_path

CHAPTERS_DIR = REPO_ROOT / "chapters"
SOURCE_DIR = REPO_ROOT / "src"
METADATA_KEY = "kerry_inputs"
# Bumped when what a fingerprint records changes: an older record is stale.
FINGERPRINT_FORMAT = 2
# A kernel is stopped at once when its chapters are done, not asked to shut down:
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


# A kernel imports this tree's package: its `src` first on the kernel's PYTHONPATH,
# whatever else the environment puts there or installed (another checkout's copy in a
# shared `.venv`). Otherwise a chapter executed, or nbval compared, another tree's
# code and data while reporting on this one.
class ThisTreesPackage:
    """Mixed into a kernel manager: its kernel starts with this tree's `src` first on PYTHONPATH."""

    async def _async_pre_start_kernel(self, **kw: object) -> tuple[list[str], dict[str, object]]:
        env = dict(kw.pop("env", None) or os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(SOURCE_DIR), *filter(None, [env.get("PYTHONPATH")])])
        return await super()._async_pre_start_kernel(env=env, **kw)


class LocalSocketKernelManager(ThisTreesPackage, OwnSockets, KernelManager):
    """nbval's kernel manager (see tests/conftest.py)."""


class AsyncLocalSocketKernelManager(ThisTreesPackage, OwnSockets, AsyncKernelManager):
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


def chapter_client(
    notebook: nbformat.NotebookNode, timeout: int, resources: dict[str, object], manager: AsyncKernelManager | None = None
) -> NotebookClient:
    """The client that executes a chapter: in the kernel of `manager`, kept when
    done, or else in one Python kernel of its own on Unix sockets of its own,
    stopped at once when done (KERNEL_SHUTDOWN)."""
    return NotebookClient(
        notebook,
        km=manager,
        timeout=timeout,
        kernel_name="python3",
        resources=resources,
        shutdown_kernel=KERNEL_SHUTDOWN,
        kernel_manager_class=AsyncLocalSocketKernelManager,
    )


# What a kernel runs before each chapter (PACKAGE_AFRESH, then
# AS_IN_A_NEW_KERNEL), to be for the chapter what a new kernel is: the package
# imported afresh (no cache or other state of the chapter before, so every
# input the chapter reads is read, and logged, again), the chapter's own folder
# as the working directory, warnings raised as code runs shown again, inputs
# logged to this chapter's own file, then the namespace and the execution count
# reset. The package is this tree's (ThisTreesPackage). The other modules stay
# imported: starting a kernel and importing pandas, Altair and GeoPandas were
# most of what a chapter with a kernel of its own took.
PACKAGE_AFRESH = """\
import sys
for name in [name for name in sys.modules if name == "analysis" or name.startswith("analysis.")]:
    del sys.modules[name]
"""
AS_IN_A_NEW_KERNEL = """\
import os, sys
for module in list(sys.modules.values()):
    getattr(module, "__dict__", {{}}).get("__warningregistry__", {{}}).clear()
os.chdir({folder!r})
os.environ[{log_env!r}] = {log!r}
get_ipython().reset(new_session=True)
"""


class ChapterKernel:
    """One Python kernel, on Unix sockets of its own, that executes chapters in
    turn, each as a new kernel would (PACKAGE_AFRESH, AS_IN_A_NEW_KERNEL);
    stopped at once when closed (KERNEL_SHUTDOWN).

    `keep_package` keeps the package imported between chapters, caches and all,
    for a run that only needs the outputs: a chapter then does not read again
    what the chapter before read, so no fingerprint is stored."""

    def __init__(self, timeout: int = 600, keep_package: bool = False) -> None:
        self.timeout = timeout
        self.keep_package = keep_package
        self.manager = AsyncLocalSocketKernelManager(kernel_name="python3")
        self.client = None

    def __enter__(self) -> ChapterKernel:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def execute(self, path: Path, working_directory: Path | None = None) -> Path:
        """Execute one notebook (in `working_directory`, default its own folder),
        store its outputs and, unless the package is kept, its recorded inputs
        in place (the file is left untouched when they are what it holds)."""
        notebook = nbformat.read(path, as_version=4)
        folder = str(working_directory or path.parent)
        resources = {"metadata": {"path": folder}}
        runner = chapter_client(notebook, self.timeout, resources, manager=self.manager)
        with tempfile.NamedTemporaryFile("r", suffix=".log", encoding="utf-8") as log:
            runner.kc = self.client  # none before the first chapter: its setup starts the kernel and a client
            with runner.setup_kernel():
                self.client = runner.kc
                fresh = ("" if self.keep_package else PACKAGE_AFRESH) + AS_IN_A_NEW_KERNEL.format(
                    folder=folder, log_env=reads.LOG_ENV, log=log.name
                )
                reply = run_sync(self.client.execute_interactive)(fresh, silent=True, store_history=False, timeout=60)
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"the kernel could not be made new for {display_path(path)}: {reply['content']}")
            runner.execute()
            inputs = None if self.keep_package else reads.read_log(Path(log.name))
        store(notebook, path, inputs)
        return path

    def close(self) -> None:
        if self.client is not None:
            self.client.stop_channels()
            self.client = None
        if self.manager.has_kernel:
            run_sync(self.manager.shutdown_kernel)(now=KERNEL_SHUTDOWN == "immediate")


def store(notebook: nbformat.NotebookNode, path: Path, inputs: dict[str, str] | None) -> None:
    """Write an executed notebook with its fingerprint (none without `inputs`),
    unless its file already holds those very bytes."""
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    if inputs is None:
        notebook.metadata.pop(METADATA_KEY, None)
    else:
        notebook.metadata[METADATA_KEY] = fingerprint_of(notebook, inputs)
    text = nbformat.writes(notebook)
    text += "" if text.endswith("\n") else "\n"
    # The same bytes are not written again: the notebook keeps its modification
    # time, so the HTML build does not take its page for changed.
    if path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def execute(path: Path, timeout: int = 600, working_directory: Path | None = None) -> Path:
    """Execute one notebook in a kernel of its own (see ChapterKernel.execute)."""
    with ChapterKernel(timeout) as kernel:
        return kernel.execute(path, working_directory)


def execute_all(paths: list[Path], workers: int | None = None, working_directory: Path | None = None, announce: bool = True) -> None:
    """Execute `paths` in one kernel per core (at most one per notebook), each
    kernel taking the next notebook, longest first (by the times recorded in
    EXECUTION_TIMES), when done with its last, and naming each when done
    (unless not to `announce`). A failure is raised as soon as the kernel it
    struck stops; the others finish the notebook they are executing and start
    no other."""
    if not paths:
        return
    lanes = min(len(paths), workers or os.cpu_count() or 1)
    took: dict[str, float] = {}
    with multiprocessing.Manager() as manager, ProcessPoolExecutor(max_workers=lanes) as pool:
        queued = manager.Queue()
        for path in longest_first(paths):
            queued.put(path)
        running = [pool.submit(execute_queued, queued, working_directory, announce) for _ in range(lanes)]
        done, _ = futures.wait(running, return_when=futures.FIRST_EXCEPTION)
        failed = [lane for lane in done if lane.exception() is not None]
        if failed:
            raise failed[0].exception()
        for lane in running:
            took.update(lane.result())
    record_times(took)


def execute_queued(queued: queue.Queue, working_directory: Path | None, announce: bool) -> dict[str, float]:
    """One kernel executing the notebooks of `queued` until none is left; how long each took.
    A failure empties the queue, so that the other kernels start no further notebook."""
    took: dict[str, float] = {}
    with ChapterKernel() as kernel:
        while True:
            try:
                path = queued.get_nowait()
            except queue.Empty:
                return took
            started = time.perf_counter()
            try:
                kernel.execute(path, working_directory)
            except BaseException:
                empty(queued)
                raise
            took[path.stem] = round(time.perf_counter() - started, 2)
            if announce:
                print(f"executed {display_path(path)}", flush=True)


def empty(queued: queue.Queue) -> None:
    """Take every item left in `queued` (another kernel may take the last one meanwhile)."""
    try:
        while True:
            queued.get_nowait()
    except queue.Empty:
        pass


# How long each chapter took to execute, by name: only the order in which the
# next run starts them, so it is kept with the build, never committed.
EXECUTION_TIMES = REPO_ROOT / "_build" / "execution-seconds.json"


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
