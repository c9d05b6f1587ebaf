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
DATED_PAGES = ("chapters/intro.html", "chapters/reset.html", "chapters/resumption.html", "chapters/collapse.html")
# Each chart's text as drawn: every label it writes and every mark's spoken description.
CHART_TEXT_JS = """() => Array.from(document.querySelectorAll('.vega-embed svg.marks')).map(svg => [
  ...Array.from(svg.querySelectorAll('text')).map(text => text.textContent),
  ...Array.from(svg.querySelectorAll('[aria-label]')).map(el => el.getAttribute('aria-label')),
])"""


def chart_text_in(browser, server, zone: str) -> dict[str, list[list[str]]]:
    context = browser.new_context(viewport=_site.VIEWPORT, timezone_id=zone, reduced_motion="reduce", service_workers="block")
    found = {}
    for page_path in DATED_PAGES:
        visit = _site.Visit(page=page_path)
        page = _site.reused_tab(context, server, visit)
        _site.load(page, server, visit)
        assert visit.figures_settled, f"{page_path}: a chart did not finish drawing in {zone}"
        found[page_path] = page.evaluate(CHART_TEXT_JS)
    context.close()
    return found


def test_a_reader_in_new_york_reads_the_days_and_months_a_reader_in_utc_reads(browser, server) -> None:
    utc, new_york = chart_text_in(browser, server, "UTC"), chart_text_in(browser, server, "America/New_York")
    assert all(utc[page] for page in DATED_PAGES), "a page drew no chart"
    moved = [
        (page, number, "only in UTC:", sorted(set(there) - set(here))[:3], "only in New York:", sorted(set(here) - set(there))[:3])
        for page in DATED_PAGES
        for number, (there, here) in enumerate(zip(utc[page], new_york[page], strict=True))
        if here != there
    ]
    assert not moved, moved
