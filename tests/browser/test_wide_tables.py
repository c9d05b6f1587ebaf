"""A data table wider than its column scrolls sideways and says so: on a phone the
edge that hides columns fades out, and stops fading once the reader has scrolled
to it; a table that fits its column does not fade (_static/figures.css). On a
desktop every table the page shows open fits its column: none hides its last
columns (a table's sources) off to the side."""

from __future__ import annotations

import pytest

from . import _site

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Pages with open tables of five columns or more, prose among them: the negotiating sessions, the
# ledger's disagreements.
OPEN_TABLE_PAGES = ("chapters/resumption.html", "chapters/claims_ledger.html")
# A column of web addresses or digests (the external datasets, the sources), broken anywhere: at least this
# wide (12rem), so that it is not squeezed to a letter a line (one source's cell ran 3,500 px tall).
ADDRESS_COLUMN_PX = 191
ADDRESS_WIDTHS_JS = """() => Array.from(document.querySelectorAll('table.data-table td.address'))
  .map((cell) => cell.getBoundingClientRect().width)"""
OPEN_TABLES_JS = """() => Array.from(document.querySelectorAll('details.figure-data[open] table.data-table')).map((table) => ({
  summary: table.closest('details').querySelector('summary').innerText,
  columns: table.querySelectorAll('thead th').length,
  width: table.scrollWidth,
  column: table.clientWidth,
}))"""
# Pages whose open tables include both kinds at a phone's width: some wider than
# the column, some that fit.
PAGES = ("chapters/data_methods.html", "chapters/downloads.html")
FADE_PX = 40.0
# Each visible table's overflow and the widths of its two fades, at the start and
# after scrolling to its end (two frames later: the scroll timeline updates on the next).
EDGES_JS = """async () => {
  const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const fades = (table) => ['--hidden-left', '--hidden-right'].map((name) => parseFloat(getComputedStyle(table).getPropertyValue(name)));
  const tables = Array.from(document.querySelectorAll('details.figure-data table')).filter((table) => table.checkVisibility());
  const read = [];
  for (const table of tables) {
    const summary = table.closest('details').querySelector('summary').innerText;
    const wider = table.scrollWidth > table.clientWidth + 1;
    table.scrollLeft = 0; await frames();
    const start = fades(table);
    table.scrollLeft = table.scrollWidth; await frames();
    read.push({summary, wider, start, end: fades(table), mask: getComputedStyle(table).maskImage});
  }
  return read;
}"""


def read_page(browser, server, viewport: dict[str, int], page_path: str, script: str, before: str | None = None) -> object:
    """What `script` returns on `page_path` seen at `viewport` (`before` run first), in a context of its own."""
    context = browser.new_context(viewport=viewport)
    try:
        page = _site.reused_tab(context, server, _site.Visit(page=page_path))
        page.goto(server.url(page_path), wait_until="load")
        if before:
            page.evaluate(before)
        return page.evaluate(script)
    finally:
        context.close()


@pytest.mark.parametrize("table_page", PAGES)
def test_a_table_wider_than_a_phone_fades_only_at_the_edge_that_hides_columns(browser, server, table_page: str) -> None:
    tables = read_page(browser, server, PHONE, table_page, EDGES_JS)
    assert any(table["wider"] for table in tables) and any(not table["wider"] for table in tables), tables
    for table in tables:
        assert table["mask"].startswith("linear-gradient"), table
        if table["wider"]:
            assert table["start"] == [0.0, FADE_PX], f"at its start {table['summary']!r} should fade on the right only: {table}"
            assert table["end"] == [FADE_PX, 0.0], f"scrolled to its end {table['summary']!r} should fade on the left only: {table}"
        else:
            assert table["start"] == table["end"] == [0.0, 0.0], f"{table['summary']!r} fits its column and should not fade: {table}"


@pytest.mark.parametrize("table_page", OPEN_TABLE_PAGES)
def test_every_open_table_fits_a_desktops_column(browser, server, table_page: str) -> None:
    tables = read_page(browser, server, DESKTOP, table_page, OPEN_TABLES_JS)
    assert any(table["columns"] >= 5 for table in tables), tables
    wider = [table for table in tables if table["width"] > table["column"] + 1]
    assert not wider, f"open tables that scroll sideways on a desktop, hiding their last columns: {wider}"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_column_of_addresses_keeps_a_width_to_read(browser, server, viewport: dict[str, int]) -> None:
    every_table_open = "() => document.querySelectorAll('details.figure-data').forEach((details) => { details.open = true; })"
    widths = read_page(browser, server, viewport, "chapters/data_methods.html", ADDRESS_WIDTHS_JS, before=every_table_open)
    assert len(widths) > 300, f"the external datasets' and the sources' addresses: {len(widths)} cells"
    assert min(widths) >= ADDRESS_COLUMN_PX, f"an address column squeezed to {min(widths):.0f} px"
