"""Every reader reads the same dates. A chart's days and months (its axis labels,
direct labels and what a screen reader says of each mark) are the same in New
York as in UTC: a date handed to Vega as a date alone is read as midnight UTC,
then shown in the reader's own zone, the day and the month before west of
Greenwich (analysis.report.glue.SPEC_DATE)."""

from __future__ import annotations

import pytest

from . import _site

pytestmark = pytest.mark.build

# The pages whose charts have a time axis or dated marks.
NEW_YORK = "America/New_York"
DATED_PAGES = ("chapters/intro.html", "chapters/reset.html", "chapters/resumption.html", "chapters/collapse.html")
# Each chart's text as drawn: every label it writes and every mark's spoken description.
CHART_TEXT_JS = """() => Array.from(document.querySelectorAll('.vega-embed svg.marks')).map(svg => [
  ...Array.from(svg.querySelectorAll('text')).map(text => text.textContent),
  ...Array.from(svg.querySelectorAll('[aria-label]')).map(el => el.getAttribute('aria-label')),
])"""


def chart_text_in_new_york(browser, server) -> dict[str, list[list[str]]]:
    context = browser.new_context(
        viewport=_site.VIEWPORT, timezone_id=NEW_YORK, color_scheme="light", reduced_motion="reduce", service_workers="block"
    )
    context.add_init_script(_site.INIT_SCRIPT)
    found = {}
    for page_path in DATED_PAGES:
        visit = _site.Visit(page=page_path)
        page = _site.reused_tab(context, server, visit)
        _site.load_fitted(page, server, visit)
        assert visit.figures_settled, f"{page_path}: a chart did not finish drawing in {NEW_YORK}"
        found[page_path] = page.evaluate(CHART_TEXT_JS)
    context.close()
    return found


def test_a_reader_in_new_york_reads_the_days_and_months_a_reader_in_utc_reads(browser, server, fitted_pages) -> None:
    # The pages in UTC are the fitted pages the layout tests measure (read, when they ran first in this process, not loaded again).
    utc = {page: fitted_pages.page(page, _site.VIEWPORT).evaluate(CHART_TEXT_JS) for page in DATED_PAGES}
    new_york = chart_text_in_new_york(browser, server)
    assert all(utc[page] for page in DATED_PAGES), "a page drew no chart"
    moved = [
        (page, number, "only in UTC:", sorted(set(there) - set(here))[:3], "only in New York:", sorted(set(here) - set(there))[:3])
        for page in DATED_PAGES
        for number, (there, here) in enumerate(zip(utc[page], new_york[page], strict=True))
        if here != there
    ]
    assert not moved, moved
