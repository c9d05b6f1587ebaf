"""Where the book stands against its speed and size budgets: one table.

Run from the repository root with the project's environment:

    .venv/bin/python bench/run.py               # everything
    .venv/bin/python bench/run.py --skip-setup  # without the fresh venv + npm ci

It measures, in this order:

* setup: a fresh venv in a temporary directory installed from requirements.lock
  with uv (plus the project itself, as the Makefile does: pip bootstraps the
  uv the lock pins) and `npm ci` of the locked JavaScript packages into another
  temporary directory; uv's and npm's own download caches are used as they are
  on this machine;
* empty kernels: one empty kernel started per chapter notebook, in turn (the
  floor any execution pays);
* notebooks alone: every notebook in the table of contents executed with
  nbclient in its own folder, one after another, outputs discarded;
* framework chapter: that notebook alone, executed the same way;
* clean build: after removing `_build/`, every chapter executed
  (`analysis.tools.notebooks`, in parallel across the cores), then the
  downloads written, the pages built and the PDF printed side by side
  (`analysis.tools.site --with-downloads --with-pdf`, as `make book` runs them);
* no-change rebuild: the same steps as `make book` again (nothing is stale, so
  nothing is executed);
* edit to page: `make book` after one value of a table changed (the Gaza war's
  published death toll, row B06 of `data/casualty_benchmarks.csv`, plus one),
  then again after it is changed back (another one-value change): the chapters
  that read the table re-executed, the changed downloads and pages rewritten,
  the PDF printed again; the table's bytes are restored in any case; also timed
  until the HTML book is up to date (the PDF is printed beside it);
* print floor (with --print-floor, alone): the same edit, then, one after
  another, the inputs checked, the stale chapters executed, the single page
  built and one tagged print of that page cut to the documents the edit changed
  (from Chromium's launch): the least an edit to page that printed only the
  changed chapters could take, before splicing their pages into the last PDF;
* make test on a fresh clone (with --fresh-clone): `git clone` of HEAD into a
  temporary folder with `../shared` beside it, then `make test` there, setup
  included;
* nbval: `pytest chapters --nbval ...` as `make test` runs it;
* site bytes: every file under `_build/html`;
* per page, in headless Chromium from a local server, median of --runs loads
  with a cold cache: bytes the page itself brings (its HTML with the inline
  figure data, plus any other non-`_static/` file it loads, e.g. images; the
  shared vendored scripts and theme assets are not counted) and the time from
  navigation start until the last figure on the page is drawn.

Budgets: clean build <= 2 x the empty kernels; edit to page <= 2 x the empty
kernels; framework chapter <= 2 s of
execution beyond one empty kernel; no-change rebuild <= 10% of the clean build;
make test on a fresh clone <= 150 s; every page <= 1 MB (10^6 bytes); every page's figures drawn within
1.5 s. Exit status is 0 unless a step failed (or, with --strict, a budget is
over).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser import _site  # noqa: E402  (shared with the browser tests)

NBVAL_COMMAND = [
    sys.executable,
    "-m",
    "pytest",
    "chapters",
    "--nbval",
    "--nbval-sanitize-with",
    "tests/nbval_sanitize.cfg",
    "--nbval-current-env",
    "-p",
    "no:cacheprovider",
    "-q",
]
PAGE_BYTES_BUDGET = 1_000_000
DRAW_BUDGET_MS = 1500.0
BUILD_OVER_EMPTY_KERNELS = 2.0
REBUILD_OVER_BUILD = 0.10
FRAMEWORK_BUDGET_S = 2.0
FRESH_TEST_BUDGET_S = 150.0
EDIT_OVER_EMPTY_KERNELS = 2.0
EDITED_TABLE = REPO / "data" / "casualty_benchmarks.csv"
EDITED_CELL = (",2202,", ",2203,")  # row B06's value, the Gaza war's published death toll
MAKE_BOOK_COMMAND = ["make", "--no-print-directory", "book"]
EXECUTE_COMMAND = [sys.executable, "-m", "analysis.tools.notebooks"]
STALE_COMMAND = [*EXECUTE_COMMAND, "--stale"]
RENDER_COMMAND = [sys.executable, "-m", "analysis.tools.site", "--with-downloads", "--with-pdf"]

# Records, from navigation start, when each figure is first drawn and when all are.
DRAW_TIMER_SCRIPT = (
    r"""
(() => {
  window.__bookDrawn = {};
  window.__bookAllDrawn = null;
  const containers = """
    + _site.FIGURES_JS
    + r""";
  const drawn = (el) => {
    const g = el.querySelector("svg.marks, canvas.marks") || el.querySelector("svg, canvas");
    if (!g) return false;
    if (g.tagName.toLowerCase() === "canvas") return g.width > 0 && g.height > 0;
    return (parseFloat(g.getAttribute("width")) || 0) > 0 && g.querySelector("path, rect, line, circle, text") !== null;
  };
  const tick = () => {
    const list = document.body ? containers() : [];
    list.forEach((el, i) => {
      const key = el.id || String(i);
      if (!(key in window.__bookDrawn) && drawn(el)) window.__bookDrawn[key] = performance.now();
    });
    if (document.readyState === "complete" && list.every((el, i) => (el.id || String(i)) in window.__bookDrawn)) {
      window.__bookAllDrawn = list.length ? Math.max(...Object.values(window.__bookDrawn)) : 0;
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""
)

PAGE_BYTES_JS = r"""
() => {
  const own = (url) => {
    const path = new URL(url).pathname;
    return !path.includes("/_static/") && !path.endsWith("/searchindex.js");
  };
  const nav = performance.getEntriesByType("navigation")[0];
  let bytes = nav ? nav.decodedBodySize : 0;
  for (const entry of performance.getEntriesByType("resource")) {
    if (own(entry.name)) bytes += entry.decodedBodySize;
  }
  return bytes;
}
"""


FAILED: list[str] = []


def timed(command: list[str], cwd: Path = REPO, label: str = "", must_pass: bool = True) -> float:
    """Wall time of `command`. A failure stops the bench when `must_pass`, else it
    is noted (a strict build that fails on a warning still takes its time)."""
    return timed_to_line(command, None, cwd, label, must_pass)[0]


def timed_to_line(
    command: list[str], line_start: str | None, cwd: Path = REPO, label: str = "", must_pass: bool = True
) -> tuple[float, float | None]:
    """Wall time of `command`, and until it printed a line starting with `line_start` (None when it printed none)."""
    print(f"bench: {label or ' '.join(command)}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    printed: list[str] = []
    line_at = None
    with subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as process:
        assert process.stdout is not None
        for line in process.stdout:
            printed.append(line)
            if line_at is None and line_start is not None and line.startswith(line_start):
                line_at = time.perf_counter() - start
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        sys.stderr.write("".join(printed)[-5000:])
        message = f"`{' '.join(command)}` failed (exit {process.returncode})"
        if must_pass:
            raise SystemExit(f"bench: {message}")
        print(f"bench: {message}; timing kept, marked FAILED", file=sys.stderr, flush=True)
        FAILED.append(label)
    return elapsed, line_at


def note(label: str) -> str:
    return " FAILED, see stderr" if label in FAILED else ""


def measure_setup() -> tuple[float, str]:
    python = shutil.which("python3.11") or sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-setup-") as tmp:
        tmp_path = Path(tmp)
        venv = tmp_path / "venv"
        pin = next(line for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines() if line.startswith("uv=="))
        uv = [str(venv / "bin" / "uv"), "pip", "install", "--python", str(venv / "bin" / "python")]
        start = time.perf_counter()
        timed([python, "-m", "venv", str(venv)], label="setup: fresh venv")
        bootstrap = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", pin]
        timed(bootstrap, label=f"setup: pip install {pin}")
        timed([*uv, "-r", str(REPO / "requirements.lock")], label="setup: uv pip install -r requirements.lock")
        timed([*uv, "--no-deps", "-e", str(REPO)], label="setup: uv pip install -e . (no deps)")
        python_s = time.perf_counter() - start
        npm_dir = tmp_path / "npm"
        npm_dir.mkdir()
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(REPO / name, npm_dir / name)
        npm_s = timed(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=npm_dir, label="setup: npm ci")
    return python_s + npm_s, f"venv+uv {python_s:.0f} s, npm ci {npm_s:.0f} s"


def toc_notebooks() -> list[Path]:
    from myst_nb.core.read import is_myst_markdown_notebook

    notebooks = []
    for page in _site.toc_pages(REPO):
        stem = REPO / _site.page_stem(page)
        for suffix in (".ipynb", ".md"):
            source = stem.with_suffix(suffix)
            if not source.is_file():
                continue
            if suffix == ".ipynb" or is_myst_markdown_notebook(source.read_text(encoding="utf-8")):
                notebooks.append(source)
            break
    return notebooks


def measure_notebooks(notebooks: list[Path], *, empty: bool = False) -> float:
    """Seconds to execute `notebooks` one after another (or, `empty`, to start and
    run one empty kernel per notebook), outputs discarded."""
    import nbformat

    from analysis.tools.notebooks import chapter_client

    start = time.perf_counter()
    for source in notebooks:
        notebook = nbformat.v4.new_notebook() if empty else nbformat.read(source, as_version=4)
        if empty:
            notebook.cells.append(nbformat.v4.new_code_cell("pass"))
        chapter_client(notebook, 600, {"metadata": {"path": str(source.parent)}}).execute()
    return time.perf_counter() - start


# The line analysis.tools.site prints when the HTML book is whole (its pages and
# downloads written); the PDF, printed beside it, may still be printing.
HTML_BOOK_DONE = "content security policy written into"


@contextlib.contextmanager
def edited_table() -> Iterator[None]:
    """EDITED_TABLE with its one value EDITED_CELL changed, its bytes restored whatever happens."""
    original = EDITED_TABLE.read_bytes()
    old, new = EDITED_CELL
    if original.decode("utf-8").count(old) != 1:
        raise SystemExit(f"bench: {EDITED_TABLE.name} no longer holds {old!r} once: update EDITED_CELL")
    try:
        EDITED_TABLE.write_bytes(original.decode("utf-8").replace(old, new).encode("utf-8"))
        yield
    finally:
        EDITED_TABLE.write_bytes(original)


def measure_edit_to_page() -> tuple[tuple[float, float], tuple[float | None, float | None]]:
    """Seconds of `make book` after one value of a table changed, and after it
    is changed back, and of each until the HTML book was up to date."""
    with edited_table():
        edited = timed_to_line(MAKE_BOOK_COMMAND, HTML_BOOK_DONE, label="edit to page: make book after one value changed")
    reverted = timed_to_line(MAKE_BOOK_COMMAND, HTML_BOOK_DONE, label="edit to page: make book after it is changed back")
    return (edited[0], reverted[0]), (edited[1], reverted[1])


def format_seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


def measure_fresh_clone_test() -> float:
    """`make test` in a fresh clone of HEAD with ../shared beside it, setup included."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "shared").symlink_to(REPO.parent / "shared")
        subprocess.run(["git", "clone", "--quiet", str(REPO), str(root / "main")], check=True)
        return timed(["make", "test"], cwd=root / "main", label="make test (fresh clone)", must_pass=False)


def measure_pages(runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    pages = _site.discover_pages()
    results = []
    with _site.SiteServer() as server, sync_playwright() as playwright:
        browser = _site.launch_chromium(playwright, _site.FULL_CHROMIUM)
        try:
            for page_path in pages:
                draws, sizes, figures = [], [], 0
                for _ in range(runs):
                    context = browser.new_context(viewport=_site.VIEWPORT, service_workers="block")
                    context.add_init_script(DRAW_TIMER_SCRIPT)
                    page = context.new_page()
                    page.goto(server.url(page_path), wait_until="load")
                    try:
                        page.wait_for_function("() => window.__bookAllDrawn !== null", timeout=_site.FIGURE_TIMEOUT_MS)
                        draws.append(page.evaluate("() => window.__bookAllDrawn"))
                    except Exception:
                        draws.append(float("inf"))
                    figures = page.evaluate(f"() => ({_site.FIGURES_JS})().length")
                    sizes.append(page.evaluate(PAGE_BYTES_JS))
                    context.close()
                results.append(
                    {
                        "page": page_path,
                        "figures": figures,
                        "draw_ms": statistics.median(draws),
                        "bytes": int(statistics.median(sizes)),
                    }
                )
        finally:
            browser.close()
    return results


def site_bytes(root: Path) -> int:
    return sum(path.stat().st_size for path in root.rglob("*") if path.is_file())


def status(ok: bool) -> str:
    return "PASS" if ok else "OVER"


def edit_to_page_only(strict: bool) -> int:
    """The edit-to-page budget alone: one empty kernel per chapter in turn, before and after the two edits."""
    notebooks = toc_notebooks()
    timed(MAKE_BOOK_COMMAND, label="make book (nothing should be stale)")
    empty_before = measure_notebooks(notebooks, empty=True)
    (edited_s, reverted_s), (edited_html, reverted_html) = measure_edit_to_page()
    empty_after = measure_notebooks(notebooks, empty=True)
    empty_s, edit_s = statistics.mean([empty_before, empty_after]), statistics.mean([edited_s, reverted_s])
    when = f"{datetime.datetime.now():%Y-%m-%d %H:%M}"
    print(f"Edit to page {when}, {platform.node()} ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
    print(f"one empty kernel per chapter, in turn ({len(notebooks)}): {empty_before:.1f} s before, {empty_after:.1f} s after")
    print(f"make book after one value changed: {edited_s:.1f} s; after it is changed back: {reverted_s:.1f} s")
    html = "" if edited_html is None or reverted_html is None else f" ({statistics.mean([edited_html, reverted_html]) / empty_s:.2f} x)"
    html_at = f"{format_seconds(edited_html)}; {format_seconds(reverted_html)}{html}"
    print(f"the HTML book up to date (the PDF printed beside it) after: {html_at}")
    print(f"edit to page / empty kernels: {edit_s / empty_s:.2f} (budget {EDIT_OVER_EMPTY_KERNELS:g})")
    return 1 if strict and edit_s > EDIT_OVER_EMPTY_KERNELS * empty_s else 0


def document_sections(page: Path) -> dict[str, str]:
    """The sha256 of each document's part of the single-page book `page`: the
    root page's (all that precedes the first document marker) and each marked by
    Sphinx's span#document-<path>."""
    import hashlib
    import re

    text = page.read_text(encoding="utf-8")
    parts = re.split(r'(<span id="document-[^"]+"></span>)', text)
    sections = {"the root page": hashlib.sha256(parts[0].encode()).hexdigest()}
    for marker, body in zip(parts[1::2], parts[2::2], strict=True):
        sections[marker.split('"')[1].removeprefix("document-")] = hashlib.sha256(body.encode()).hexdigest()
    return sections


def cut_single_page(page: Path, keep: set[str], target: Path) -> None:
    """Write to `target` the single-page book `page` with only the root page and
    the documents in `keep`; links to the documents left out print as their text."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    left_out = set()
    for marker in soup.select('span[id^="document-"]'):
        document = marker["id"].removeprefix("document-")
        if document in keep:
            continue
        left_out.add(document.split("/")[-1])
        section = marker.find_next_sibling()
        if section is not None and section.name == "section":
            section.decompose()
        marker.decompose()
    for link in soup.select("a[href]"):
        href = link["href"]
        name = href.removeprefix("#document-").split("/")[-1] if href.startswith("#document-") else href.split("#")[0].split("/")[-1]
        if name.removesuffix(".html") in left_out:
            link.unwrap()
    target.write_text(str(soup), encoding="utf-8")


def print_floor_only() -> int:
    """The floor of an edit to page that prints only the chapters the edit
    changed: the inputs checked, the stale chapters executed, the single page
    built, and one tagged print of that page cut to the root page and the
    changed documents (from Chromium's launch), one after another, against one
    empty kernel per chapter in turn. It leaves out what such a print would add:
    splicing the pages, page numbers, links, outline and tagged structure into
    the last PDF, and the HTML book built beside it. The cut page prints by the
    book's own rules, so the changed documents must hold a map (the print
    refuses one whose halos are drawn another way); the B06 edit changes chapter 4 and the introduction."""
    import pikepdf

    from analysis.tools import pdf

    notebooks = toc_notebooks()
    timed(MAKE_BOOK_COMMAND, label="make book (nothing should be stale)")
    single_page = pdf.SINGLE_HTML / "edition.html"
    before = document_sections(single_page)
    empty_before = measure_notebooks(notebooks, empty=True)
    cut = pdf.SINGLE_HTML / "changed-chapters.html"
    try:
        with edited_table():
            check_s = timed([sys.executable, "-m", "analysis.data", "check"], label="check the inputs")
            execute_s = timed(STALE_COMMAND, label="execute the stale chapters")
            single_s = timed([sys.executable, "-c", "from analysis.tools import pdf; pdf.build_single_html()"], label="the single page")
            changed = sorted(name for name, digest in document_sections(single_page).items() if before.get(name) != digest)
            cut_single_page(single_page, set(changed), cut)
            with tempfile.TemporaryDirectory() as scratch:
                printed = Path(scratch) / "changed-chapters.pdf"
                layout = pdf.print_pdf(cut, target=printed)
                started = time.perf_counter()
                pdf.print_pdf(cut, target=printed, expected=layout)
                print_s = time.perf_counter() - started
                with pikepdf.open(printed) as document:
                    printed_pages = len(document.pages)
    finally:
        cut.unlink(missing_ok=True)
    timed(MAKE_BOOK_COMMAND, label="make book (the table restored)")
    empty_after = measure_notebooks(notebooks, empty=True)
    empty_s = statistics.mean([empty_before, empty_after])
    floor_s = check_s + execute_s + single_s + print_s
    print(f"Print floor {datetime.datetime.now():%Y-%m-%d %H:%M}, {platform.node()} (load average {os.getloadavg()[0]:.1f})")
    print(f"one empty kernel per chapter, in turn ({len(notebooks)}): {empty_before:.1f} s before, {empty_after:.1f} s after")
    print(f"documents the edit changed in the single page: {', '.join(changed)}")
    print(
        f"inputs checked {check_s:.1f} s; stale chapters executed {execute_s:.1f} s; single page {single_s:.1f} s;"
        f" their tagged print ({printed_pages} pages, from Chromium's launch) {print_s:.1f} s"
    )
    print(f"floor / empty kernels: {floor_s:.1f} s / {empty_s:.1f} s = {floor_s / empty_s:.2f} (budget {EDIT_OVER_EMPTY_KERNELS:g})")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-setup", action="store_true", help="skip the fresh venv install and npm ci (slow)")
    parser.add_argument("--runs", type=int, default=3, help="page loads per page for the browser timings (median)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any budget is over")
    parser.add_argument("--fresh-clone", action="store_true", help="also time `make test` on a fresh clone (minutes)")
    parser.add_argument("--edit-to-page", action="store_true", help="only the empty kernels and the edit to page, after a `make book`")
    parser.add_argument("--print-floor", action="store_true", help="only the floor of an edit to page printing the changed chapters alone")
    args = parser.parse_args()
    os.chdir(REPO)
    if args.edit_to_page:
        return edit_to_page_only(args.strict)
    if args.print_floor:
        return print_floor_only()

    rows: list[tuple[str, str, str, str]] = []
    if args.skip_setup:
        rows.append(("setup (fresh venv + npm ci)", "skipped (--skip-setup)", "-", "-"))
    else:
        setup_s, detail = measure_setup()
        rows.append(("setup (fresh venv + npm ci)", f"{setup_s:.1f} s ({detail})", "-", "info"))

    notebooks = toc_notebooks()
    count = len(notebooks)
    print(f"bench: {count} empty kernels, then {count} notebooks, one after another", file=sys.stderr, flush=True)
    empty_s = measure_notebooks(notebooks, empty=True)
    notebooks_s = measure_notebooks(notebooks)
    framework_s = measure_notebooks([REPO / "chapters" / "framework.ipynb"])
    kernel_s = empty_s / count
    shutil.rmtree(REPO / "_build", ignore_errors=True)
    clean_s = sum(timed(command, label="clean build", must_pass=False) for command in (EXECUTE_COMMAND, RENDER_COMMAND))
    rebuild_s = sum(timed(command, label="no-change rebuild", must_pass=False) for command in (STALE_COMMAND, RENDER_COMMAND))
    (edited_s, reverted_s), (edited_html, reverted_html) = measure_edit_to_page()
    edit_s = statistics.mean([edited_s, reverted_s])
    nbval_s = timed(NBVAL_COMMAND, label="nbval", must_pass=False)
    fresh_s = measure_fresh_clone_test() if args.fresh_clone else None
    if not _site.site_is_built():
        raise SystemExit("bench: the build wrote no _build/html/index.html")
    total_bytes = site_bytes(_site.SITE_DIR)
    print(f"bench: loading each page {args.runs} time(s) in headless Chromium", file=sys.stderr, flush=True)
    pages = measure_pages(args.runs)

    rows += [
        (f"one empty kernel per notebook, in turn ({count})", f"{empty_s:.1f} s", "-", "info"),
        (f"execute all notebooks, in turn ({count})", f"{notebooks_s:.1f} s ({notebooks_s / empty_s:.2f} x empty kernels)", "-", "info"),
        (
            "framework chapter, beyond one empty kernel",
            f"{framework_s - kernel_s:.1f} s ({framework_s:.1f} s with its kernel)",
            f"<= {FRAMEWORK_BUDGET_S:g} s",
            status(framework_s - kernel_s <= FRAMEWORK_BUDGET_S),
        ),
        (
            "clean build (parallel execution, downloads, HTML, PDF)" + note("clean build"),
            f"{clean_s:.1f} s ({clean_s / empty_s:.2f} x empty kernels)",
            f"<= {BUILD_OVER_EMPTY_KERNELS:g} x empty kernels = {BUILD_OVER_EMPTY_KERNELS * empty_s:.1f} s",
            status(clean_s <= BUILD_OVER_EMPTY_KERNELS * empty_s),
        ),
        (
            "no-change rebuild" + note("no-change rebuild"),
            f"{rebuild_s:.1f} s ({rebuild_s / clean_s:.0%} of clean)",
            f"<= {REBUILD_OVER_BUILD:.0%} of clean = {REBUILD_OVER_BUILD * clean_s:.1f} s",
            status(rebuild_s <= REBUILD_OVER_BUILD * clean_s),
        ),
        (
            "edit to page: make book after one value changed, mean of the edit and its revert",
            f"{edit_s:.1f} s ({edited_s:.1f} s, {reverted_s:.1f} s; {edit_s / empty_s:.2f} x empty kernels;"
            f" the HTML book up to date at {format_seconds(edited_html)}, {format_seconds(reverted_html)})",
            f"<= {EDIT_OVER_EMPTY_KERNELS:g} x empty kernels = {EDIT_OVER_EMPTY_KERNELS * empty_s:.1f} s",
            status(edit_s <= EDIT_OVER_EMPTY_KERNELS * empty_s),
        ),
        ("nbval (pytest chapters --nbval)" + note("nbval"), f"{nbval_s:.1f} s", "-", "info"),
        (
            "make test on a fresh clone, setup included" + note("make test (fresh clone)"),
            "skipped (no --fresh-clone)" if fresh_s is None else f"{fresh_s:.1f} s",
            f"<= {FRESH_TEST_BUDGET_S:g} s",
            "-" if fresh_s is None else status(fresh_s <= FRESH_TEST_BUDGET_S),
        ),
        ("total site bytes (_build/html)", f"{total_bytes:,} B", "-", "info"),
    ]
    for page in pages:
        rows.append(
            (f"bytes: {page['page']}", f"{page['bytes']:,} B", f"<= {PAGE_BYTES_BUDGET:,} B", status(page["bytes"] <= PAGE_BYTES_BUDGET))
        )
    for page in pages:
        if page["figures"] == 0:
            drawn = "no figures"
        elif page["draw_ms"] == float("inf"):
            drawn = f"not all drawn in {_site.FIGURE_TIMEOUT_MS / 1000:g} s"
        else:
            drawn = f"{page['draw_ms']:.0f} ms"
        rows.append(
            (
                f"last figure drawn: {page['page']} ({page['figures']} fig.)",
                drawn,
                f"<= {DRAW_BUDGET_MS:.0f} ms",
                status(page["draw_ms"] <= DRAW_BUDGET_MS),
            )
        )

    header = ("measure", "value", "budget", "status")
    widths = [max(len(str(row[i])) for row in [*rows, header]) for i in range(4)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    print(
        f"Benchmark {datetime.datetime.now():%Y-%m-%d %H:%M}, {platform.node()} "
        f"({os.cpu_count()} cores, Python {platform.python_version()}), {args.runs} browser run(s) per page"
    )
    print(line(header))
    print("| " + " | ".join("-" * w for w in widths) + " |")
    for row in rows:
        print(line(row))
    over = [row[0] for row in rows if row[3] == "OVER"]
    return 1 if (args.strict and (over or FAILED)) else 0


if __name__ == "__main__":
    sys.exit(main())
