from __future__ import annotations

import csv
import functools
import json
import math
import os
import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from xdist.scheduler import LoadScopeScheduling

from analysis.paths import DATA_DIR_ENV, REPO_ROOT

# The package and pandas are imported where a test needs them: under xdist this
# module is loaded by the process that only hands out the tests too, and it
# starts the workers only once it has loaded it.
if TYPE_CHECKING:
    import pandas as pd
    from xdist.remote import Producer
    from xdist.workermanage import WorkerController

# Modules whose tests read pages a worker loads once (tests/browser/conftest.py): the
# tests of one page's visit run on one worker, and so do those of the fitted pages.
PAGE_VISITS = {"tests/browser/test_pages.py", "tests/browser/test_accessibility.py"}
FITTED_PAGES = {"tests/browser/test_figure_layout.py", "tests/browser/test_maps_drawn.py"}
# Modules that share the execution of the chapters one edit leaves stale (`edited_book`).
SHARED_EDIT = {"tests/test_rebuild.py", "tests/test_incremental_build.py"}
# The order the work starts in, longest first, so that no long test starts last on one
# worker while the other waits: notebook executions and builds, nbval's notebooks, the
# fast tier, then the tests that read the built book (in `make test` it is rendered
# meanwhile: by the time they start, it is most often whole).
FIRST_TO_LAST = ("rebuild", "nbval", "fast", "build")
# Set by `make test`, which renders the book while the tests run: the file in which the
# render leaves its exit status when it ends. A test that reads the built book waits for it.
RENDER_STATUS_ENV = "BOOK_RENDER_STATUS"
RENDER_WAIT_S = 900


def scope_of(nodeid: str) -> str:
    """The tests that run together on one worker: a module's (they share its
    module-scoped fixtures and caches), a notebook's cells (they share its kernel),
    those of one page's visit, those of the fitted pages and those of one edited
    benchmark."""
    module = nodeid.split("::", 1)[0]
    if module in PAGE_VISITS and nodeid.endswith("]"):
        return "visit of " + nodeid[nodeid.index("[") + 1 : -1]
    if module in SHARED_EDIT:
        return "one edited benchmark"
    return "fitted pages" if module in FITTED_PAGES else module


class ModuleScheduling(LoadScopeScheduling):
    """pytest-xdist's `--dist loadscope`, by `scope_of`."""

    def _split_scope(self, nodeid: str) -> str:
        return scope_of(nodeid)


@functools.cache
def map_key_names() -> dict[str, tuple[str, ...]]:
    """The names each map's caption needs (tests/test_maps.py; on a 390 px phone,
    tests/browser/test_maps_drawn.py), by the issue's hierarchy (territories, states,
    seas and rivers, cities, governorates), written at every width; and on the East
    Jerusalem map every site with announced units."""
    from analysis.data import tables

    return {
        "1967_lines": (
            "ISRAEL",
            "WEST BANK",
            "GAZA STRIP",
            "JORDAN",
            "Golan Heights",
            "Mediterranean Sea",
            "Dead Sea",
            "Jordan River",
            "Jerusalem",
        ),
        "jordan_valley": (
            "Jericho governorate",
            "Tubas governorate",
            "Dead Sea",
            "Jordan River",
            "WEST BANK",
            "JORDAN",
            *tables.load("jordan_crossings")["name"],
        ),
        "east_jerusalem": ("WEST BANK", "West Jerusalem", "Old City"),
    }


def runs_tests(config: pytest.Config) -> bool:
    """Whether this process runs tests: an xdist worker, or the one process of a run without workers."""
    return hasattr(config, "workerinput") or not config.getoption("numprocesses", default=None)


def use_own_sockets_for_nbval() -> None:
    """nbval's kernels listen on Unix sockets of their own, as the chapters' do
    (`analysis.tools.notebooks.LocalSocketKernelManager`): on TCP ports, a port
    taken by another process between its choice and the kernel's start killed
    the kernel before it replied, and failed the run. Like the chapters', they
    import this tree's package (`analysis.tools.notebooks.ThisTreesPackage`)."""
    from nbval import kernel as nbval_kernel

    from analysis.tools import notebooks

    nbval_kernel.KernelManager = notebooks.LocalSocketKernelManager


# How long each test took in the runs so far, by its id: only the order in which
# the next run starts the tests, so it is kept with the build, never committed.
TEST_TIMES = REPO_ROOT / "_build" / "test-seconds.json"


def recorded_test_times() -> dict[str, float]:
    """The recorded times (none when there is no record, or a damaged one: they only set the order)."""
    try:
        return json.loads(TEST_TIMES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class RecordedTimes:
    """In the session that starts the run: the recorded times, read once and
    handed to each worker (so every worker orders the tests alike, whatever
    another run writes meanwhile), and each test's time, added up as the reports
    arrive and recorded when the session ends (a test that did not run keeps its time)."""

    def __init__(self) -> None:
        self.recorded = recorded_test_times()
        self.took: defaultdict[str, float] = defaultdict(float)

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: WorkerController) -> None:
        node.workerinput["test_seconds"] = self.recorded

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.took[report.nodeid] += report.duration

    def pytest_sessionfinish(self) -> None:
        if self.took:
            TEST_TIMES.parent.mkdir(parents=True, exist_ok=True)
            recorded = {**recorded_test_times(), **{nodeid: round(seconds, 3) for nodeid, seconds in self.took.items()}}
            with tempfile.NamedTemporaryFile("w", dir=TEST_TIMES.parent, delete=False, encoding="utf-8") as handle:
                json.dump(dict(sorted(recorded.items())), handle, indent=0)
            os.replace(handle.name, TEST_TIMES)


def times_for_this_run(config: pytest.Config) -> dict[str, float]:
    if hasattr(config, "workerinput"):
        return config.workerinput.get("test_seconds", {})
    return config.pluginmanager.get_plugin("recorded-times").recorded


def pytest_configure(config: pytest.Config) -> None:
    if runs_tests(config):
        use_own_sockets_for_nbval()
    if not hasattr(config, "workerinput"):  # a worker's reports reach the session that started it
        config.pluginmanager.register(RecordedTimes(), "recorded-times")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> ModuleScheduling | None:
    return ModuleScheduling(config, log) if config.getvalue("dist") == "loadscope" else None


def tier(item: pytest.Item) -> str:
    if item.get_closest_marker("rebuild"):
        return "rebuild"
    if item.path.suffix == ".ipynb":
        return "nbval"
    return "build" if item.get_closest_marker("build") else "fast"


@functools.cache
def render_deadline(status_file: str) -> float:
    """When a process stops waiting for the render: RENDER_WAIT_S after it first
    waited, so that after a hung render each later test fails at once."""
    return time.monotonic() + RENDER_WAIT_S


def render_failure() -> str | None:
    """When `make test` renders the book beside the tests (RENDER_STATUS_ENV), wait
    until the render has ended, and say why the book is not there if it did not
    build it; otherwise the book is what the last `make book` left."""
    status_file = os.environ.get(RENDER_STATUS_ENV)
    if not status_file:
        return None
    status = Path(status_file)
    deadline = render_deadline(status_file)
    while not status.is_file():
        if time.monotonic() > deadline:
            return f"the book's render left no exit status in {status} within {RENDER_WAIT_S} s"
        time.sleep(0.2)
    code = status.read_text(encoding="utf-8").strip()
    return None if code == "0" else f"the book did not build (exit status {code}): its output is in {status.with_name('render.log')}"


def wait_for_render() -> None:
    """`render_failure`, failing the test that waited when the book is not there."""
    failure = render_failure()
    if failure:
        pytest.fail(failure, pytrace=False)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item) -> None:
    """A test that reads the built book starts once the render has ended: waited
    for here, before its setup, so that the wait is not counted as the test's
    time (in `--durations` and in the times that order the next run)."""
    if tier(item) == "build":
        render_failure()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test that reads the built book fails in its setup when the render did not
    build it; one of the slow tier that builds a book of its own first waits only
    where it reads this one (`wait_for_render`)."""
    if tier(item) == "build":
        wait_for_render()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the browser tests `build` (they load the built book) and start the longest first."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.build)
    items[:] = in_start_order(items, times_for_this_run(config))


def in_start_order(items: list[pytest.Item], times: dict[str, float]) -> list[pytest.Item]:
    """`items` by tier (FIRST_TO_LAST), and within a tier a scope (`scope_of`) at a
    time, those with a test never timed first, then by the time their tests last
    took, longest first: so the workers finish together (with a long scope last,
    one idles while the other runs it). A scope that holds a test reading the
    built book starts with those tests, last: xdist hands a worker a scope whole,
    where its first test stands, and the worker would wait for the render there."""
    reads_the_book = {scope_of(item.nodeid) for item in items if tier(item) == "build"}

    def starts_with(item: pytest.Item) -> str:
        return "build" if scope_of(item.nodeid) in reads_the_book else tier(item)

    seconds: defaultdict[tuple[str, str], float] = defaultdict(float)
    for item in items:
        seconds[starts_with(item), scope_of(item.nodeid)] += times.get(item.nodeid, math.inf)
    return sorted(items, key=lambda item: (FIRST_TO_LAST.index(starts_with(item)), -seconds[starts_with(item), scope_of(item.nodeid)]))


@pytest.fixture(autouse=True)
def fast_tier_executes_no_notebook(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test outside the slow tiers (marked `build` or `rebuild`) that executes a
    notebook in this process fails: the fast tier stays fast."""
    if request.node.get_closest_marker("build") or request.node.get_closest_marker("rebuild"):
        return

    from nbclient import NotebookClient

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{request.node.nodeid} executes a notebook: mark it `rebuild` (the fast tier executes none)")

    monkeypatch.setattr(NotebookClient, "execute", refuse)


@pytest.fixture(scope="session")
def ledger_of_the_data() -> pd.DataFrame:
    """The claims ledger of the repository's data, computed once per test process."""
    from analysis.pages import common

    return common.ledger()


@pytest.fixture
def ledger_table(ledger_of_the_data: pd.DataFrame) -> pd.DataFrame:
    """The claims ledger of the repository's data (`common.ledger()`), a copy of its own for each test."""
    return ledger_of_the_data.copy()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", target)
    return target


@dataclass(frozen=True)
class CheckRun:
    """What `python -m analysis.data check` gave: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def check_in_process(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[[Path], CheckRun]:
    """`python -m analysis.data check` on a data directory, by its entry point
    (`analysis.data.check.main`) in this process, which spares each run the start
    of a Python with the whole package (test_check_command.py runs the command itself)."""

    from analysis.data import check

    def run(data_dir: Path) -> CheckRun:
        monkeypatch.setenv(DATA_DIR_ENV, str(data_dir))
        capsys.readouterr()
        status = check.main(["check"])
        printed = capsys.readouterr()
        return CheckRun(status, printed.out, printed.err)

    return run


# A chart's element id in a stored output (derived from its specification).
CHART_ELEMENT_ID = re.compile(r"altair-viz-[0-9a-f]+")

EDITED_TABLE = "casualty_benchmarks.csv"
EDITED_ROW = "B06"


# What Jupyter Book reads to build the book: its configuration, table of contents, chapters and static files.
BOOK_SOURCES = ("_config.yml", "_toc.yml", "chapters", "_static")


def copy_book_sources(target: Path, source: Path = REPO_ROOT, also: tuple[str, ...] = ()) -> Path:
    """A book's BOOK_SOURCES (and the folders named in `also`) copied from `source` into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in (*BOOK_SOURCES, *also):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, ignore=shutil.ignore_patterns("kernel-*", ".ipynb_checkpoints"))
        else:
            shutil.copyfile(source / name, target / name)
    return target


def update_field(path: Path, key_column: str, key: str, column: str, update: Callable[[str], str]) -> str:
    """Rewrite `column` of the one row of the CSV table `path` whose `key_column` is
    `key` as `update` gives it from its value (written whole, quoted by the csv
    module); the new value."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    matching = [row for row in rows if row[key_column] == key]
    assert len(matching) == 1, f"{path.name}: {len(matching)} rows with {key_column} {key!r}"
    matching[0][column] = update(matching[0][column])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return matching[0][column]


def edit_benchmark(data: Path) -> int:
    """Add one to the Gaza war's published death toll (row EDITED_ROW of EDITED_TABLE) in `data`; the new value."""
    return int(update_field(data / EDITED_TABLE, "benchmark_id", EDITED_ROW, "value", lambda value: str(int(value) + 1)))


@dataclass(frozen=True)
class EditedBook:
    """The chapters as committed, then the stale ones re-executed after one benchmark value changed."""

    data: Path  # a copy of data/ with EDITED_ROW's value one higher
    edited_value: int
    committed: dict[str, Path]  # each chapter as committed (a copy)
    stale: dict[str, list[str]]  # the chapters the edit left stale, with why
    executed: dict[str, Path]  # each stale chapter, executed against `data`


@pytest.fixture(scope="session")
def edited_book(tmp_path_factory: pytest.TempPathFactory) -> EditedBook:
    """One execution, shared by the tests of an edit (test_rebuild.py and
    test_incremental_build.py, which run on one worker), of the chapters that
    reading EDITED_TABLE left stale."""
    from analysis.tools import notebooks

    root = tmp_path_factory.mktemp("edited-book")
    data = root / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    edited_value = edit_benchmark(data)
    committed_dir, executed_dir = root / "committed" / "chapters", root / "executed" / "chapters"
    committed_dir.mkdir(parents=True)
    for path in sorted((REPO_ROOT / "chapters").glob("*.ipynb")):
        shutil.copy(path, committed_dir / path.name)
    committed = {path.stem: path for path in sorted(committed_dir.glob("*.ipynb"))}
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv(DATA_DIR_ENV, str(data))
        stale = {name: reasons for name, path in committed.items() if (reasons := notebooks.stale_reasons(path))}
        executed_dir.mkdir(parents=True)
        executed = {name: Path(shutil.copy(committed[name], executed_dir / committed[name].name)) for name in stale}
        notebooks.execute_all(list(executed.values()), announce=False)
    return EditedBook(data, edited_value, committed, stale, executed)


def replace_in_line(path: Path, line: int, old: str, new: str) -> None:
    """Replace `old` by `new` on 1-based `line` of a text file, asserting it is there."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], f"{old!r} not on line {line} of {path}: {lines[line - 1]!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def phase_bounds(phases: Path) -> dict[str, tuple[str, str]]:
    """Each phase's start and end as phases.csv writes them (a test moves a bound by what the file holds now,
    never by a date typed here: a phase boundary an analyst moved broke four tests that did)."""
    with phases.open(encoding="utf-8", newline="") as handle:
        return {row["phase"]: (row["start"], row["end"]) for row in csv.DictReader(handle)}


def shifted(date: str, **offset: int) -> str:
    """An ISO date moved by `offset` (pandas.DateOffset's keywords: `days=10`, `months=-1`)."""
    import pandas as pd

    return (pd.Timestamp(date) + pd.DateOffset(**offset)).strftime("%Y-%m-%d")


def line_of(path: Path, row_id: str) -> int:
    """The 1-based line of the row whose first field is `row_id`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith(row_id + ","):
            return number
    raise AssertionError(f"no row {row_id!r} in {path}")


def refusal(directory: Path, table: str, line: int, column: str | None, value: object, rule: str) -> str:
    """The exact line with which a table's loader refuses one value."""
    where = f"{directory.resolve() / (table + '.csv')}, line {line}" + (f", column {column!r}" if column else "")
    return f"{where}: value {value!r} breaks rule: {rule}"


def edited(directory: Path, table: str, row_id: str, old: str, new: str) -> int:
    """Replace `old` by `new` in the row `row_id` of `table` in the data copy `directory`; the row's line."""
    path = directory / f"{table}.csv"
    line = line_of(path, row_id)
    replace_in_line(path, line, old, new)
    return line


def appended(directory: Path, table: str, row: str) -> int:
    """`row` added at the end of `table` in the data copy `directory`; its line."""
    path = directory / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join([*lines, row]) + "\n", encoding="utf-8")
    return len(lines) + 1


def rule_refusal(directory: Path, table: str, line: int, column: str, value: object, starts: str) -> str:
    """The line with which `table`'s row rule on `column` that starts with `starts` refuses one value."""
    return refusal(directory, table, line, column, value, rule_of(table, column, starts))


def rule_of(table: str, column: str, starts: str) -> str:
    """The wording of `table`'s row rule on `column` that starts with `starts`."""
    from analysis.data import schemas

    return next(rule.rule for rule in schemas.TABLES[table].row_rules if rule.column == column and rule.rule.startswith(starts))


def problems_of(table: str, directory: Path) -> str:
    """The message with which loading `table` from `directory` is refused."""
    from analysis.data import tables
    from analysis.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        tables.load(table, directory)
    return str(caught.value)
