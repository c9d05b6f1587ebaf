"""A book built from hostile data: script breakouts, comment openers and
spreadsheet formulas in the tables. No dialog opens, every figure still draws,
every page keeps its text, and no downloaded CSV carries a live formula.

Every chapter is executed on the hostile data, in turn in one kernel
(`notebooks.ChapterKernel`), its namespace and execution count reset for
each. Unlike `make execute`'s kernels, which import the package afresh for
each chapter so that each records every input it reads, this one keeps the
package imported, caches and all (`keep_package`): it records nothing, and
the ten chapters take 11.6 to 15.6 s so, against 16.8 to 20.1 s made new for
each. On the committed data the ten outputs came out as a kernel per chapter
writes them, to the byte; what stays between chapters is the package's state
in the process (its caches, and the drawings counted into a chart's element
id when one chart is drawn twice): a difference there would only add a page
to those loaded. The pages whose stored outputs the
execution changed are loaded in the browser (a page whose outputs it left as
committed renders as the built book does, which the other browser tests load) and their
charts and text counted against the same pages of the built book, as written."""

import csv
import json
import os
import re
import subprocess
from pathlib import Path

import bs4
import pytest

from analysis.paths import DATA_DIR_ENV, REPO_ROOT
from analysis.tools import notebooks, publish, spreadsheet
from conftest import copy_book_sources, update_field, wait_for_render

from . import _site

pytestmark = pytest.mark.rebuild

BREAKOUT = "</script><script>alert('breakout')</script>"
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")  # a number column's negative value is no formula
EDITS = [
    # (file, key column, key, column, new value): the value goes in whole, quoted by the csv module
    ("events.csv", "event_id", "E073", "summary", f"Kerry and Abbas meet {BREAKOUT}"),
    ("meetings.csv", "meeting_id", "M004", "city", "Jerusalem<!--<script>"),
    ("phases.csv", "phase", "reset", "label", f"The reset{BREAKOUT}"),
    ("grand_bargain.csv", "component_id", "G1", "component", '=HYPERLINK("http://example.invalid","click")'),
    ("knesset_2013.csv", "party", "Yesh Atid", "leader", "@SUM(1+1)*cmd"),
]


def hostile_book(root: Path) -> Path:
    book = copy_book_sources(root / "book", also=("geo", "data"))
    for file, key_column, key, column, value in EDITS:
        update_field(book / "data" / file, key_column, key, column, lambda _, value=value: value)
    return book


def dialogs_and_figures(browser, site: Path, pages: list[str]) -> dict[str, dict]:
    """Each page as the browser shows it: the dialogs it opened, its figures and how many were drawn."""
    found = {}
    with _site.SiteServer(site) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for page_path in pages:
            visit = _site.Visit(page=page_path)
            page = _site.open_page(context, server, visit)
            dialogs: list[str] = []
            page.on("dialog", lambda dialog, dialogs=dialogs: (dialogs.append(dialog.message), dialog.dismiss()))
            _site.load(page, server, visit)
            drawn = sum(1 for figure in visit.figures if figure.get("drawn"))
            found[page_path] = {"dialogs": dialogs, "figures": len(visit.figures), "drawn": drawn}
            page.close()
        context.close()
    return found


def written_charts_and_text(page: Path) -> tuple[int, int]:
    """A built page as written: its charts (their elements) and the length of its main text."""
    soup = bs4.BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    charts = {element["id"] for element in soup.select('[id^="altair-viz-"]')}
    return len(charts), len(soup.select_one("main, article, body").get_text())


def stored_outputs(notebook: Path) -> list[list[dict]]:
    return [cell.get("outputs", []) for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]]


def changed_pages(chapters: list[Path]) -> list[str]:
    """The pages of the executed `chapters` whose stored outputs differ from the committed ones."""
    return [
        f"chapters/{chapter.stem}.html"
        for chapter in chapters
        if stored_outputs(chapter) != stored_outputs(REPO_ROOT / "chapters" / chapter.name)
    ]


@pytest.mark.build
def test_a_book_built_from_hostile_data_is_inert_and_whole(browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = hostile_book(tmp_path)
    monkeypatch.setenv(DATA_DIR_ENV, str(book / "data"))
    chapters = sorted((book / "chapters").glob("*.ipynb"))
    with notebooks.ChapterKernel(keep_package=True) as kernel:
        for chapter in chapters:
            kernel.execute(chapter)
    publish.publish(book / "_build" / "extra", chapters)
    build = subprocess.run(
        [str(Path(os.sys.executable).parent / "jupyter-book"), "build", str(book), "--warningiserror", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    pages = changed_pages(chapters)
    assert pages, "the hostile data changed no page's outputs: there is nothing to load"
    assert set(pages) <= set(_site.book_pages()), pages
    shown = dialogs_and_figures(browser, book / "_build" / "html", pages)
    wait_for_render()  # the built book, whose pages these are counted against
    for page in pages:
        charts, text = written_charts_and_text(_site.SITE_DIR / page)
        hostile_charts, hostile_text = written_charts_and_text(book / "_build" / "html" / page)
        assert shown[page]["dialogs"] == [], page
        assert shown[page]["figures"] == shown[page]["drawn"] == hostile_charts == charts, (page, shown[page], hostile_charts, charts)
        assert hostile_text >= 0.9 * text, (page, hostile_text, text)
    for path in (book / "_build" / "html" / "data").glob("*.csv"):
        for row in csv.reader(path.read_text(encoding="utf-8").splitlines()):
            live = [cell for cell in row if cell.startswith(spreadsheet.FORMULA_START) and not NUMBER.fullmatch(cell)]
            assert not live, (path.name, live)
