"""Figures as a reader sees them at 1280 px and on a 390 px phone: as wide as
the text column, chart text readable, no label cut short, run into another or
out of its panel, none written on a bar it does not name or through a rule, no bar drawn over
part of another or past the highest label of its axis, no point cut by its
plot's edge, no meeting's point hiding another, stacked panels' titles at one
left edge, no sideways scrolling.
(`make screenshots` keeps a picture of each for a person to look at.)

Every reader reads the same dates. A chart's days and months (its axis labels,
direct labels and what a screen reader says of each mark) are the same in New
York as in UTC: a date handed to Vega as a date alone is read as midnight UTC,
then shown in the reader's own zone, the day and the month before west of
Greenwich (analysis.report.glue.SPEC_DATE). That test is here, beside the
layout tests, to read the pages in UTC they loaded (the tests of a module run
in one process)."""

from __future__ import annotations

import re

import pytest

from . import _site

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
MIN_DESKTOP_SHARE = 0.75  # of the text column, for each figure's drawing (a map's land and sea)
# On a phone chart text keeps its size, so a label that runs past a map's edge
# holds the whole map narrow: the drawing must still take most of the column.
MIN_PHONE_SHARE = 0.85
MIN_PHONE_TEXT_PX = 11.0


@pytest.fixture(scope="module")
def layouts(fitted_pages):
    """Each page's measured layout at both widths."""
    return {
        (figure_page, viewport["width"]): fitted_pages.page(figure_page, viewport).evaluate(_site.FIGURE_LAYOUT_JS)
        for viewport in (DESKTOP, PHONE)
        for figure_page in _site.figure_pages()
    }


@pytest.mark.parametrize("figure_page", _site.figure_pages())
def test_every_figure_is_as_wide_as_the_column_on_a_desktop(layouts, figure_page: str) -> None:
    layout = layouts[(figure_page, DESKTOP["width"])]
    narrow = [
        f"{figure['label']}: drawn {figure['drawn']:.0f} px of a {layout['column']:.0f} px column"
        for figure in layout["figures"]
        if figure["drawn"] < MIN_DESKTOP_SHARE * layout["column"]
    ]
    assert layout["figures"] and not narrow, narrow


@pytest.mark.parametrize("figure_page", _site.figure_pages())
def test_every_figure_takes_most_of_the_column_on_a_phone(layouts, figure_page: str) -> None:
    layout = layouts[(figure_page, PHONE["width"])]
    narrow = [
        f"{figure['label']}: drawn {figure['drawn']:.0f} px of a {layout['column']:.0f} px column"
        for figure in layout["figures"]
        if figure["drawn"] < MIN_PHONE_SHARE * layout["column"]
    ]
    assert layout["figures"] and not narrow, narrow


@pytest.mark.parametrize("figure_page", _site.figure_pages())
def test_chart_text_is_readable_on_a_phone(layouts, figure_page: str) -> None:
    layout = layouts[(figure_page, PHONE["width"])]
    small = [
        f"{figure['label']}: {figure['smallest']:.1f} px ({figure['smallestText']!r})"
        for figure in layout["figures"]
        if figure["smallest"] < MIN_PHONE_TEXT_PX - 0.05
    ]
    assert not small, small


@pytest.mark.parametrize("figure_page", _site.figure_pages())
@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_no_label_is_cut_short_or_overlaps_another(layouts, figure_page: str, width: int) -> None:
    figures = layouts[(figure_page, width)]["figures"]
    problems = [f"{figure['label']}: cut {figure['cut']}" for figure in figures if figure["cut"]]
    problems += [f"{figure['label']}: runs past the edge {figure['clipped']}" for figure in figures if figure["clipped"]]
    problems += [f"{figure['label']}: runs out of its panel {figure['strayed']}" for figure in figures if figure["strayed"]]
    problems += [f"{figure['label']}: overlapping {figure['overlaps']}" for figure in figures if figure["overlaps"]]
    problems += [f"{figure['label']}: axis labels run together {figure['crowded']}" for figure in figures if figure["crowded"]]
    assert not problems, problems


@pytest.mark.parametrize("figure_page", _site.figure_pages())
@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_no_label_lies_on_a_bar_it_does_not_name_or_under_a_rule(layouts, figure_page: str, width: int) -> None:
    figures = layouts[(figure_page, width)]["figures"]
    problems = [f"{figure['label']}: {', '.join(figure['covered'])}" for figure in figures if figure["covered"]]
    assert not problems, problems


@pytest.mark.parametrize("figure_page", _site.figure_pages())
@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_no_bar_is_drawn_over_part_of_another(layouts, figure_page: str, width: int) -> None:
    hidden = {figure["label"]: figure["hidden"] for figure in layouts[(figure_page, width)]["figures"] if figure["hidden"]}
    assert not hidden, hidden


@pytest.mark.parametrize("figure_page", _site.figure_pages())
@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_no_axis_repeats_a_tick_label(layouts, figure_page: str, width: int) -> None:
    repeated = {figure["label"]: figure["repeated"] for figure in layouts[(figure_page, width)]["figures"] if figure["repeated"]}
    assert not repeated, repeated


@pytest.mark.parametrize("figure_page", _site.figure_pages())
@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_no_bar_rises_past_the_highest_label_of_its_axis(layouts, figure_page: str, width: int) -> None:
    unlabelled = {figure["label"]: figure["unlabelled"] for figure in layouts[(figure_page, width)]["figures"] if figure["unlabelled"]}
    assert not unlabelled, unlabelled


@pytest.mark.parametrize("figure_page", _site.figure_pages())
@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_the_titles_of_stacked_panels_start_at_one_left_edge(layouts, figure_page: str, width: int) -> None:
    staggered = {figure["label"]: figure["staggered"] for figure in layouts[(figure_page, width)]["figures"] if figure["staggered"]}
    assert not staggered, staggered


@pytest.mark.parametrize("figure_page", _site.figure_pages())
@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_no_point_is_cut_by_the_edge_of_its_plot(layouts, figure_page: str, width: int) -> None:
    edged = {figure["label"]: figure["edged"] for figure in layouts[(figure_page, width)]["figures"] if figure["edged"]}
    assert not edged, edged


# Charts with a point a reader counts: a dated event, or one of the specification curve's 54 readings
# (its dots, 6.7 px across, ran together 4.4 px apart on a phone; a map's settlements may touch).
EVENT_DOTTED = {"chapters/reset.html": "fig-reset-shuttle", "chapters/framework.html": "fig-framework-asymmetry"}


@pytest.mark.parametrize(("figure_page", "figure"), EVENT_DOTTED.items())
@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_no_event_point_hides_another_of_its_colour(layouts, figure_page: str, figure: str, width: int) -> None:
    """Meetings with one leader a day or two apart were drawn as one blob (Fig. 1.1 at both widths), and Fig. 3.1's
    specifications on a phone."""
    measured = {each["label"]: each for each in layouts[(figure_page, width)]["figures"]}
    assert measured[figure]["drawn"], figure
    assert not measured[figure]["merged"], measured[figure]["merged"]


@pytest.mark.parametrize("figure_page", _site.figure_pages())
def test_a_phone_never_scrolls_sideways(layouts, figure_page: str) -> None:
    layout = layouts[(figure_page, PHONE["width"])]
    assert layout["scrollWidth"] <= layout["viewport"], layout["scrollWidth"]
    assert not [figure["label"] for figure in layout["figures"] if figure["overflow"]]


# Each row label of a chart of labelled rows (text set at the plot's left edge, above its bars), with the
# gap down to the nearest bar under it and up to the nearest bar over it.
ROW_LABEL_GAPS_JS = """figure => {
  const svg = document.querySelector(`#${figure} svg.marks`);
  const bars = Array.from(svg.querySelectorAll("path[aria-roledescription='bar']")).map(bar => bar.getBoundingClientRect());
  const left = Math.min(...bars.map(box => box.left));
  return Array.from(svg.querySelectorAll('text'))
    .filter(text => !text.closest('.role-axis, .role-legend, .role-title'))
    .map(text => [text.textContent, text.getBoundingClientRect()])
    .filter(([, box]) => Math.abs(box.left - left) < 3)
    .map(([label, box]) => ({
      label,
      below: Math.min(...bars.filter(bar => bar.top >= box.bottom - 1).map(bar => bar.top - box.bottom)),
      above: Math.min(...bars.filter(bar => bar.bottom <= box.top + 1).map(bar => box.top - bar.bottom)),
    }));
}"""
ROW_LABELLED = {
    "chapters/resumption.html": "fig-resumption-promise",
    "chapters/collapse.html": "fig-collapse-benchmarks",
    "chapters/framework.html": "fig-framework-coalition",
}


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
@pytest.mark.parametrize(("figure_page", "figure"), ROW_LABELLED.items())
def test_each_row_label_sits_on_its_own_bars(fitted_pages, figure_page: str, figure: str, width: int) -> None:
    """A row's label is closer to its own bars, just under it, than to the row's
    before: a label shorter than the longest one stood at the top of its row, nearer
    the bars above it (the benchmarks chart, in print and on a phone). And every
    label stands as far under the bars above it as the others: rows of one height
    left a short label's row a gap over it a line taller than a long label's."""
    viewport = DESKTOP if width == DESKTOP["width"] else PHONE
    gaps = fitted_pages.page(figure_page, viewport).evaluate(ROW_LABEL_GAPS_JS, figure)
    assert len(gaps) >= 3, gaps
    astray = [gap for gap in gaps if not gap["below"] < 8 or gap["below"] > gap["above"]]
    assert not astray, astray
    under_bars = [round(gap["above"], 1) for gap in gaps if gap["above"] != float("inf")]
    assert max(under_bars) - min(under_bars) <= 1.5, under_bars


BROKEN_FIGURE = """
<article class="bd-article" style="width: 600px; padding: 0">
  <div class="vega-embed" id="altair-viz-broken" data-fitted="1">
    <svg class="marks" width="200" height="100" viewBox="0 0 200 100">
      <g class="mark-shape role-mark"><path d="M0,0L100,0L100,50Z"></path></g>
      <text x="10" y="20" font-size="8">Jerusalem munici…</text>
      <text x="14" y="22" font-size="12">Old City</text>
      <text x="150" y="60" font-size="12">Band width from the Jordan River</text>
      <g class="mark-group role-axis"><g class="mark-text role-axis-label">
        <text x="0" y="90" font-size="12">0</text><text x="0" y="70" font-size="12">1</text><text x="0" y="50" font-size="12">1</text>
      </g></g>
      <g class="mark-group role-title"><g class="mark-text role-title-text"><text x="60" y="10" font-size="8">Panel one</text></g></g>
      <g class="mark-group role-title"><g class="mark-text role-title-text"><text x="66" y="40" font-size="8">Panel two</text></g></g>
      <g class="mark-group role-scope"><g>
        <path class="background" d="M110,50h40v50h-40Z"></path>
        <g class="mark-text role-mark"><text x="135" y="80" font-size="8">talks end</text></g>
        <g class="mark-group role-axis" aria-label="Y-axis for a linear scale with values from 0 to 26">
          <g class="mark-text role-axis-label">
            <text x="100" y="95" font-size="12">0</text><text x="100" y="70" font-size="12">20</text>
          </g>
        </g>
        <g class="mark-rect role-mark"><path aria-roledescription="bar" aria-label="Prisoners: 26" d="M118,55h10v45h-10Z"></path></g>
        <g class="mark-group role-axis" aria-label="X-axis for a time scale">
          <g class="mark-rule role-axis-domain"><line x1="110" y1="98" x2="190" y2="98"></line></g>
        </g>
        <g class="mark-symbol role-mark"><path aria-roledescription="point" aria-label="date: 20 Mar 2013" d="M105,90h10v6h-10Z"></path></g>
      </g></g>
    </svg>
  </div>
</article>
"""


def test_the_measurements_catch_a_small_cut_crowded_narrow_figure_with_a_stray_label_and_a_bar_past_its_axis(browser) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.set_content(BROKEN_FIGURE)
        figure = page.evaluate(_site.FIGURE_LAYOUT_JS)["figures"][0]
    finally:
        context.close()
    assert figure["smallest"] == pytest.approx(8.0)
    assert figure["cut"] == ["Jerusalem munici…"]
    assert figure["overlaps"] == ["Jerusalem munici… × Old City"]
    assert figure["repeated"] == ["1"]
    assert figure["clipped"] == ["Band width from the Jordan River"]
    assert len(figure["strayed"]) == 1 and re.fullmatch(r"talks end \(\d+ px past its panel\)", figure["strayed"][0])
    assert figure["staggered"] == ["Panel one × Panel two"]
    assert figure["edged"] == ["date: 20 Mar 2013"]
    assert figure["unlabelled"] == ["Prisoners: 26 past the last label of Y-axis for a linear scale with values from 0 to 26"]
    assert figure["drawn"] == pytest.approx(100, abs=1) and figure["drawn"] < MIN_DESKTOP_SHARE * 600


# A reader west of Greenwich, and the pages whose charts have a time axis or dated marks.
NEW_YORK = "America/New_York"
DATED_PAGES = ("chapters/intro.html", "chapters/reset.html", "chapters/resumption.html", "chapters/collapse.html")
# Each chart's text as drawn: every label it writes and every mark's spoken description.
CHART_TEXT_JS = """() => Array.from(document.querySelectorAll('.vega-embed svg.marks')).map(svg => [
  ...Array.from(svg.querySelectorAll('text')).map(text => text.textContent),
  ...Array.from(svg.querySelectorAll('[aria-label]')).map(el => el.getAttribute('aria-label')),
])"""


def chart_text_in_new_york(browser, server) -> dict[str, list[list[str]]]:
    context = _site.reader_context(browser, _site.VIEWPORT, timezone_id=NEW_YORK)
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
    # In UTC, the pages the layout tests above measured (`fitted_pages`, in UTC whatever the machine's zone).
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


# Each "N km" label of the land-swap curve with the point nearest its middle, read from the point's description.
KM_LABEL_POINTS_JS = """figure => {
  const svg = document.querySelector(`#${figure} svg.marks`);
  const centre = box => [(box.left + box.right) / 2, (box.top + box.bottom) / 2];
  const points = Array.from(svg.querySelectorAll("path[aria-roledescription='point']"))
    .filter(point => /Band \\(km\\)/.test(point.getAttribute('aria-label') || ''))
    .map(point => [point.getAttribute('aria-label'), centre(point.getBoundingClientRect())]);
  return Array.from(svg.querySelectorAll('text'))
    .filter(text => /^\\d+ km$/.test(text.textContent.trim()))
    .map(text => {
      const [x, y] = centre(text.getBoundingClientRect());
      const nearest = points.reduce((best, [label, [px, py]]) => {
        const distance = Math.hypot(px - x, py - y);
        return distance < best[1] ? [label, distance] : best;
      }, ['', Infinity]);
      return { label: text.textContent.trim(), nearest: nearest[0] };
    });
}"""


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_each_band_label_is_nearest_its_own_point(fitted_pages, width: int) -> None:
    """A band's width is read off the point it is written nearest: "1 km" sat
    under the level run to the 1.5 km point, nearer that point than its own."""
    viewport = DESKTOP if width == DESKTOP["width"] else PHONE
    labels = fitted_pages.page("chapters/resumption.html", viewport).evaluate(KM_LABEL_POINTS_JS, "fig-resumption-swaps")
    assert len(labels) >= 5, labels
    astray = [each for each in labels if f"Band (km): {each['label'].removesuffix(' km')};" not in each["nearest"] + ";"]
    assert not astray, astray


# The shuttle timeline's points, each with its horizontal distance to the nearest edge of a trip's band.
EDGE_DISTANCES_JS = """figure => {
  const svg = document.querySelector(`#${figure} svg.marks`);
  const bands = Array.from(svg.querySelectorAll("path[aria-roledescription='rect mark']")).map(band => band.getBoundingClientRect());
  if (!bands.length) return [];
  return Array.from(svg.querySelectorAll("path[aria-roledescription='point']")).map(point => {
    const box = point.getBoundingClientRect();
    const x = (box.left + box.right) / 2;
    return [point.getAttribute('aria-label'), Math.min(...bands.flatMap(band => [Math.abs(x - band.left), Math.abs(x - band.right)]))];
  });
}"""


def test_a_meeting_on_a_trips_first_or_last_day_stands_inside_its_band(fitted_pages) -> None:
    """A day is drawn from its midnight to the next, a meeting at its middle: the bands ended at the midnight
    starting a trip's last day and meetings stood on the bands' edges, half outside (Fig. 1.1, 30 June)."""
    distances = fitted_pages.page("chapters/reset.html", DESKTOP).evaluate(EDGE_DISTANCES_JS, "fig-reset-shuttle")
    assert len(distances) >= 10, distances
    on_an_edge = [label for label, distance in distances if distance < 1.5]
    assert not on_an_edge, on_an_edge


# Each release's line (the chart's own rules, not an axis's grid lines) that passes through an announcement's bar.
RELEASES_THROUGH_BARS_JS = """figure => {
  const svg = document.querySelector(`#${figure} svg.marks`);
  const bars = Array.from(svg.querySelectorAll("g.mark-rect path"))
    .map(bar => [bar.getAttribute('aria-label'), bar.getBoundingClientRect()]);
  const rules = Array.from(svg.querySelectorAll("g.mark-rule line")).filter(rule => !rule.closest('.role-axis'))
    .map(rule => [rule.getAttribute('aria-label'), rule.getBoundingClientRect()]);
  return {bars: bars.length, rules: rules.length, through: rules.flatMap(([rule, line]) => bars
    .filter(([, bar]) => line.left > bar.left + 1 && line.left < bar.right - 1 && line.top < bar.bottom && line.bottom > bar.top)
    .map(([bar]) => `${rule} through ${bar}`))};
}"""


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_no_release_line_runs_through_an_announcements_bar(fitted_pages, width: int) -> None:
    """Whether units were announced before or after a release is the chart's point: on a
    phone, where a bar is four days wide, the line of the first release ran through the
    bar of the announcement made the day before it (Fig. 2.2, 13 August 2013)."""
    viewport = DESKTOP if width == DESKTOP["width"] else PHONE
    page = fitted_pages.page("chapters/resumption.html", viewport)
    drawn = page.evaluate(RELEASES_THROUGH_BARS_JS, "fig-resumption-releases-announcements")
    assert drawn["bars"] >= 8 and drawn["rules"] >= 3, drawn
    assert not drawn["through"], drawn["through"]


# The tranches chart's status labels, each with the bars whose columns its text spans.
STATUS_LABEL_BARS_JS = """figure => {
  const svg = document.querySelector(`#${figure} svg.marks`);
  const bars = Array.from(svg.querySelectorAll("g.mark-rect path"))
    .map(bar => [bar.getAttribute('aria-label') || '', bar.getBoundingClientRect()]);
  return Array.from(svg.querySelectorAll("g.mark-text text"))
    .filter(text => /released/i.test(text.textContent))
    .map(text => {
      const box = text.getBoundingClientRect();
      return [text.textContent, bars.filter(([, bar]) => bar.right > box.left + 1 && bar.left < box.right - 1).map(([label]) => label)];
    });
}"""


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
def test_a_tranches_status_is_written_over_its_own_bar_alone(fitted_pages, width: int) -> None:
    """On a phone "Due 29 Mar, not released", set back from the cancelled tranche's outline, ran over the
    January tranche's bar, which was released: a reader paired the words with the wrong bar."""
    viewport = DESKTOP if width == DESKTOP["width"] else PHONE
    labels = fitted_pages.page("chapters/collapse.html", viewport).evaluate(STATUS_LABEL_BARS_JS, "fig-collapse-prisoners")
    assert len(labels) == 2, labels
    assert [len(spanned) for _, spanned in labels] == [1, 1], labels
