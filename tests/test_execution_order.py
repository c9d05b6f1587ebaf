"""Stale chapters are started longest first, so that the two kernels finish
together: with the collapse chapter (the longest) started last, one core idles
while the other executes it alone. A kernel executes chapters in turn, and a
chapter executed after another is, to the byte, what it is in a kernel of its
own, recorded inputs included. Each kernel is stopped at once when its chapters
are done, and what it read is recorded all the same; after a failure no
kernel starts another notebook. Kernels listen on Unix sockets of their own.
The tests too start longest first, a tier at a time, and those that read the
built book wait until `make test`'s render of it has ended."""

import os
import shutil
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError
from nbval import kernel as nbval_kernel

import conftest
from analysis.tools import notebooks


def test_chapters_start_longest_first_and_those_never_timed_before_them(tmp_path: Path) -> None:
    record = tmp_path / "execution-seconds.json"
    chapters = [Path(f"chapters/{name}.ipynb") for name in ("collapse", "data_methods", "intro", "limitations", "resumption")]
    assert notebooks.longest_first(chapters, record) == chapters, "with nothing timed, the order given"

    notebooks.record_times({"collapse": 4.3, "data_methods": 1.5, "intro": 2.2}, record)
    notebooks.record_times({"limitations": 1.4, "intro": 2.0}, record)
    assert notebooks.recorded_times(record) == {"collapse": 4.3, "data_methods": 1.5, "intro": 2.0, "limitations": 1.4}
    started = [path.stem for path in notebooks.longest_first(chapters, record)]
    assert started == ["resumption", "collapse", "intro", "data_methods", "limitations"]


class CollectedTest(SimpleNamespace):
    """What the ordering reads of a collected test: its id, its file and its markers."""

    def get_closest_marker(self, name: str) -> object:
        return name if name in self.markers else None


def collected(nodeid: str, *markers: str) -> CollectedTest:
    return CollectedTest(nodeid=nodeid, path=Path(nodeid.split("::")[0]), markers=markers)


def test_tests_start_a_tier_at_a_time_each_tiers_longest_scope_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "TEST_TIMES", tmp_path / "test-seconds.json")
    first_run = [("tests/test_a.py::one", 1.0), ("tests/test_a.py::two", 0.5), ("tests/test_b.py::three", 4.0)]
    for took in (first_run, [("tests/test_a.py::one", 1.25)]):
        times = conftest.RecordedTimes()
        for nodeid, seconds in took:
            times.pytest_runtest_logreport(SimpleNamespace(nodeid=nodeid, duration=seconds))
        times.pytest_sessionfinish()
    recorded = conftest.recorded_test_times()
    assert recorded == {"tests/test_a.py::one": 1.25, "tests/test_a.py::two": 0.5, "tests/test_b.py::three": 4.0}, (
        "a test that did not run keeps its time"
    )

    items = [
        collected("tests/test_a.py::one"),
        collected("tests/test_a.py::two"),
        collected("tests/test_b.py::three"),
        collected("tests/test_c.py::never_timed"),
        collected("tests/test_e.py::fast_beside_a_built_one"),
        collected("tests/browser/test_d.py::reads_the_book", "build"),
        collected("tests/browser/test_pages.py::test_x[chapters/intro]", "build"),
        collected("tests/test_e.py::reads_the_pdf", "build"),
    ]
    recorded["tests/browser/test_pages.py::test_x[chapters/intro]"] = 9.0
    recorded["tests/browser/test_d.py::reads_the_book"] = 1.0
    started = [item.nodeid for item in conftest.in_start_order(items, recorded)]
    assert started == [
        "tests/test_c.py::never_timed",
        "tests/test_b.py::three",
        "tests/test_a.py::one",
        "tests/test_a.py::two",
        "tests/test_e.py::fast_beside_a_built_one",
        "tests/test_e.py::reads_the_pdf",
        "tests/browser/test_pages.py::test_x[chapters/intro]",
        "tests/browser/test_d.py::reads_the_book",
    ], "the tests that read the built book start last, while `make test` renders it, with the scopes that hold them"


def test_a_test_that_reads_the_built_book_waits_for_the_render_and_fails_when_it_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    status = tmp_path / "render.status"
    monkeypatch.setenv(conftest.RENDER_STATUS_ENV, str(status))

    def leave_status(code: str) -> None:  # as `make test` does: written whole, then moved into place
        status.with_suffix(".part").write_text(code + "\n", encoding="utf-8")
        os.replace(status.with_suffix(".part"), status)

    writer = threading.Timer(0.5, leave_status, args=("0",))
    started = time.monotonic()
    writer.start()
    conftest.wait_for_render()
    assert time.monotonic() - started >= 0.5, "it went on before the render left its exit status"

    leave_status("2")
    with pytest.raises(pytest.fail.Exception, match=r"exit status 2\).*render\.log"):
        conftest.wait_for_render()

    hung = tmp_path / "hung.status"
    monkeypatch.setenv(conftest.RENDER_STATUS_ENV, str(hung))
    monkeypatch.setattr(conftest, "RENDER_WAIT_S", 0.3)
    for _ in range(2):
        started = time.monotonic()
        with pytest.raises(pytest.fail.Exception, match="left no exit status"):
            conftest.wait_for_render()
    assert time.monotonic() - started < 0.1, "after a hung render each later test waits again"

    monkeypatch.delenv(conftest.RENDER_STATUS_ENV)
    conftest.wait_for_render()  # outside `make test`: the book the last `make book` left


@pytest.mark.rebuild
def test_a_chapters_kernel_is_stopped_at_once_and_what_it_read_last_is_still_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("from analysis.data import reads\nfrom analysis.paths import data_dir"),
        nbformat.v4.new_code_cell("reads.record(data_dir() / 'meetings.csv')\nreads.record(data_dir() / 'phases.csv')"),
    ]
    path = tmp_path / "reads.ipynb"
    nbformat.write(notebook, path)
    stopped = []
    shutdown = notebooks.AsyncLocalSocketKernelManager.shutdown_kernel

    async def recorded_shutdown(manager: notebooks.AsyncLocalSocketKernelManager, now: bool = False, restart: bool = False) -> None:
        stopped.append(now)
        await shutdown(manager, now=now, restart=restart)

    monkeypatch.setattr(notebooks.AsyncLocalSocketKernelManager, "shutdown_kernel", recorded_shutdown)

    notebooks.execute(path)

    assert stopped == [True], "the kernel was asked to shut down, not stopped at once"
    recorded = nbformat.read(path, as_version=4).metadata[notebooks.METADATA_KEY]["reads"]
    assert set(recorded) == {"data:meetings.csv", "data:phases.csv"}


@pytest.mark.rebuild
def test_a_failing_notebook_is_raised_and_no_kernel_starts_another_after_it(tmp_path: Path) -> None:
    paths = []
    # Two kernels: one fails at once, while the other executes a notebook that takes two seconds.
    for name, source in (("failing", "1 / 0"), ("slow", "import time\ntime.sleep(2)"), ("after", "executed = True")):
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell(source)]
        paths.append(tmp_path / f"{name}.ipynb")
        nbformat.write(notebook, paths[-1])

    with pytest.raises(CellExecutionError, match="ZeroDivisionError"):
        notebooks.execute_all(paths, workers=2, announce=False)

    executed = [path.stem for path in paths if notebooks.METADATA_KEY in nbformat.read(path, as_version=4).metadata]
    assert "after" not in executed, "a kernel started a notebook after another failed"


# A chapter, and one executed before it that reads most of what it reads: a
# table cached in the kernel from the chapter before would not be read, nor
# recorded, again.
BEFORE, AFTER = "data_methods", "corrections"


@pytest.mark.rebuild
def test_a_chapter_executed_after_another_in_one_kernel_is_what_it_is_in_a_kernel_of_its_own(tmp_path: Path) -> None:
    own, shared = tmp_path / "own", tmp_path / "shared"
    for folder, names in ((own, [AFTER]), (shared, [BEFORE, AFTER])):
        folder.mkdir()
        for name in names:
            shutil.copy(notebooks.CHAPTERS_DIR / f"{name}.ipynb", folder)
    before_reads = nbformat.read(shared / f"{BEFORE}.ipynb", as_version=4).metadata[notebooks.METADATA_KEY]["reads"]
    after_reads = nbformat.read(own / f"{AFTER}.ipynb", as_version=4).metadata[notebooks.METADATA_KEY]["reads"]
    assert len(set(after_reads) & set(before_reads)) >= 5, "the chapter before reads too little of what the chapter reads to show a cache"

    notebooks.execute(own / f"{AFTER}.ipynb", working_directory=notebooks.CHAPTERS_DIR)
    with notebooks.ChapterKernel() as kernel:
        for name in (BEFORE, AFTER):
            kernel.execute(shared / f"{name}.ipynb", working_directory=notebooks.CHAPTERS_DIR)

    alone, after_another = (nbformat.read(folder / f"{AFTER}.ipynb", as_version=4) for folder in (own, shared))
    assert after_another.metadata[notebooks.METADATA_KEY] == alone.metadata[notebooks.METADATA_KEY]
    assert (shared / f"{AFTER}.ipynb").read_bytes() == (own / f"{AFTER}.ipynb").read_bytes()


@pytest.mark.rebuild
def test_a_chapter_kernel_imports_this_trees_package_whatever_the_environment_installed(tmp_path: Path, monkeypatch) -> None:
    """A red team ran `review` in a clone with PYTHONPATH=src and the first tree's
    environment: the kernels, in the chapters' folder, imported that tree's package,
    executed its data and reported that nothing had changed."""
    elsewhere = tmp_path / "elsewhere" / "analysis"
    elsewhere.mkdir(parents=True)
    (elsewhere / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(elsewhere.parent))
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import analysis\nprint(analysis.__file__)")])
    path = tmp_path / "which.ipynb"
    nbformat.write(notebook, path)
    with notebooks.ChapterKernel(keep_package=True) as kernel:
        kernel.execute(path)
    printed = nbformat.read(path, as_version=4).cells[0].outputs[0]["text"].strip()
    assert Path(printed).parent == notebooks.REPO_ROOT / "src" / "analysis", printed


@pytest.mark.rebuild
def test_a_kernel_nbval_starts_imports_this_trees_package_before_any_other_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another copy of `analysis` first on the environment's path (another checkout's, or a stale one) is not
    the one nbval's kernel imports: the committed outputs are compared with this tree's code."""
    decoy = tmp_path / "elsewhere" / "analysis"
    decoy.mkdir(parents=True)
    (decoy / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(decoy.parent))
    manager, client = nbval_kernel.start_new_kernel(kernel_name=nbval_kernel.CURRENT_ENV_KERNEL_NAME, cwd=str(tmp_path))
    printed: list[str] = []
    try:
        client.execute_interactive(
            "import analysis; print(analysis.__file__)",
            timeout=60,
            output_hook=lambda message: printed.append(message["content"].get("text", "")),
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    imported = Path("".join(printed).strip())
    assert imported == notebooks.REPO_ROOT / "src" / "analysis" / "__init__.py", imported


def test_kernels_listen_on_unix_sockets_of_their_own_never_a_tcp_port() -> None:
    """The chapters' kernels and nbval's: a TCP port another process takes between
    its choice and the kernel's start kills the kernel before it replies."""
    client = notebooks.chapter_client(nbformat.v4.new_notebook(), timeout=10, resources={})
    managers = [client.kernel_manager_class(kernel_name="python3"), nbval_kernel.KernelManager(kernel_name="python3")]
    assert [manager.transport for manager in managers] == ["ipc", "ipc"]
    assert all(os.path.isabs(manager.ip) for manager in managers)
    assert managers[0].ip != managers[1].ip
