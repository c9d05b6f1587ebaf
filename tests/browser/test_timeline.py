"""The introduction's linked timeline: brushing the phase strip, or choosing a
phase from the keyboard, filters every panel below it."""

import statistics

import pandas as pd
import pytest

from . import _site

PAGE = "chapters/intro.html"
FIGURE = "#fig-intro-timeline"
BARS = f"{FIGURE} svg path[aria-roledescription='bar']"
DEATHS = f"{BARS}[aria-label*='killed']"  # the deaths panel's bars, named by their measure
PHASE_RECTS = f"{FIGURE} svg path[aria-roledescription='rect mark']"


@pytest.fixture
def timeline(server, browser_context):
    page = browser_context.new_page()
    page.goto(server.url(PAGE))
    page.wait_for_selector(BARS, timeout=_site.FIGURE_TIMEOUT_MS)
    yield page
    page.close()


@pytest.fixture(params=("UTC", "Asia/Jerusalem"))
def timeline_in_zone(request, server, browser):
    """The timeline read at Greenwich and east of it, where a month's middle reckoned in UTC fell back to its
    first day: the page reads the data's months as local midnight."""
    context = browser.new_context(
        viewport=_site.VIEWPORT, service_workers="block", reduced_motion="reduce", color_scheme="light", timezone_id=request.param
    )
    context.add_init_script(_site.INIT_SCRIPT)
    page = context.new_page()
    page.goto(server.url(PAGE))
    page.wait_for_selector(BARS, timeout=_site.FIGURE_TIMEOUT_MS)
    yield page
    context.close()


def drawn(page) -> tuple[int, int]:
    """The bars drawn in every panel, and in the deaths panel alone (a filter lost there would hide among the others)."""
    return page.locator(BARS).count(), page.locator(DEATHS).count()


def test_brushing_a_phase_filters_every_panel(timeline) -> None:
    bars_before, deaths_before = drawn(timeline)
    assert bars_before > 20 and deaths_before > 20
    phases = timeline.locator(PHASE_RECTS)
    assert phases.count() == 5
    framework = phases.nth(2)
    framework.scroll_into_view_if_needed()
    box = framework.bounding_box()
    middle_y = box["y"] + box["height"] / 2
    timeline.mouse.move(box["x"] + 1, middle_y)
    timeline.mouse.down()
    timeline.mouse.move(box["x"] + box["width"] - 1, middle_y, steps=8)
    timeline.mouse.up()
    timeline.wait_for_function(f'document.querySelectorAll("{BARS}").length < {bars_before}')
    bars_after, deaths_after = drawn(timeline)
    assert 0 < bars_after < bars_before and 0 < deaths_after < deaths_before


DRAGGED_MONTH = "Nov 2013"  # a month with bars in several panels, labelled on the desktop's time axis


def test_dragging_across_a_months_middle_keeps_the_bars_standing_there(timeline) -> None:
    """The bars stand at their month's middle, and a drag across it keeps them: filtered by the month's first
    day, a drag across the middle of November emptied every panel while its bars stood under it."""
    timeline.locator(PHASE_RECTS).first.scroll_into_view_if_needed()
    starts = timeline.evaluate(
        """figure => Object.fromEntries(Array.from(document.querySelectorAll(`${figure} svg g.role-axis-label text`))
          .filter(label => /^[A-Z][a-z]{2} \\d{4}$/.test(label.textContent))
          .map(label => [label.textContent, label.getBoundingClientRect()]).map(([name, box]) => [name, box.left + box.width / 2]))""",
        FIGURE,
    )
    month = pd.Timestamp(DRAGGED_MONTH)
    later = pd.Timestamp(min((name for name in starts if pd.Timestamp(name) > month), key=pd.Timestamp))
    px_per_day = (starts[later.strftime("%b %Y")] - starts[DRAGGED_MONTH]) / (later - month).days
    strip = timeline.locator(PHASE_RECTS).first.bounding_box()
    middle_y = strip["y"] + strip["height"] / 2
    bars_before, _ = drawn(timeline)
    timeline.mouse.move(starts[DRAGGED_MONTH] + 0.3 * month.days_in_month * px_per_day, middle_y)
    timeline.mouse.down()
    timeline.mouse.move(starts[DRAGGED_MONTH] + 0.7 * month.days_in_month * px_per_day, middle_y, steps=8)
    timeline.mouse.up()
    timeline.wait_for_timeout(500)
    months = timeline.evaluate(
        "bars => Array.from(document.querySelectorAll(bars))"
        ".map(bar => (bar.getAttribute('aria-label').match(/Month: (\\w+ \\d+)/) || [])[1])",
        BARS,
    )
    assert 3 <= len(months) < bars_before and set(months) == {DRAGGED_MONTH}, months


# A finger's swipe that starts on the strip, as the browser reports it: down, two moves, then cancelled when the
# browser takes the gesture over to scroll the page.
SWIPE_JS = """box => {
  const y = box.y + box.height / 2, at = x => ({bubbles: true, cancelable: true, clientX: x, clientY: y,
    pointerId: 7, pointerType: 'touch', isPrimary: true});
  const target = document.elementFromPoint(box.x + 2, y);
  target.dispatchEvent(new PointerEvent('pointerdown', at(box.x + 2)));
  for (const x of [box.x + 6, box.x + 10]) window.dispatchEvent(new PointerEvent('pointermove', at(x)));
  window.dispatchEvent(new PointerEvent('pointercancel', at(box.x + 10)));
}"""


def test_a_finger_swiping_across_the_strip_leaves_every_panel_whole(timeline) -> None:
    """A phone reader's scroll that began on the strip drew a brush a few pixels wide and emptied all four
    panels (a phone reader's finding): a touch never starts a brush; the menu chooses a phase."""
    bars_before, deaths_before = drawn(timeline)
    strip = timeline.locator(PHASE_RECTS).nth(2)
    strip.scroll_into_view_if_needed()
    timeline.evaluate(SWIPE_JS, strip.bounding_box())
    timeline.wait_for_timeout(500)
    assert drawn(timeline) == (bars_before, deaths_before)


def test_choosing_a_phase_from_the_keyboard_filters_every_panel(timeline) -> None:
    bars_before, deaths_before = drawn(timeline)
    menu = timeline.locator(f"{FIGURE} select")
    menu.focus()
    for _ in range(2):
        timeline.keyboard.press("ArrowDown")
    assert menu.input_value() == "resumption"
    timeline.wait_for_function(f'document.querySelectorAll("{BARS}").length < {bars_before}')
    bars_after, deaths_after = drawn(timeline)
    assert 0 < bars_after < bars_before and 0 < deaths_after < deaths_before


def test_a_month_stands_at_one_place_in_every_panel(timeline_in_zone) -> None:
    """The strip and the panels share one time scale: a month's bars in the bar
    panels (the leaders' pair and the sides' deaths side by side, each group centred
    together) are centred at one x in every panel, within a pixel (the bar panels'
    own scale, padded for their bars, had put them up to 5 px from the others),
    and that x is the month's middle on the time axes' scale, the strip's too:
    inside the month, as the phases and the gaps' bands are drawn (on the month's
    first day, March 2013's meeting days stood before the reset began), in any reader's time zone."""
    bars, labels = timeline_in_zone.evaluate(
        """([marks, figure]) => {
          const bars = {};
          const labels = {};
          // A month's marks in one panel, together: the centre of all of them.
          const inPanel = {};
          for (const el of document.querySelectorAll(marks)) {
            const month = ((el.getAttribute('aria-label') || '').match(/Month: ([A-Z][a-z]{2} \\d{4})/) || [])[1];
            if (!month) continue;
            const panel = el.closest('g.role-scope') || el.ownerSVGElement;
            const key = month + '|' + Array.from(panel.parentNode.children).indexOf(panel);
            const box = el.getBoundingClientRect();
            const found = inPanel[key] || (inPanel[key] = { month, left: box.left, right: box.right });
            found.left = Math.min(found.left, box.left);
            found.right = Math.max(found.right, box.right);
          }
          for (const { month, left, right } of Object.values(inPanel)) (bars[month] = bars[month] || []).push((left + right) / 2);
          for (const label of document.querySelectorAll(`${figure} svg g.role-axis-label text`)) {
            // A label Vega flushes to the axis's end is aligned there, not centred on its tick.
            const centred = (label.getAttribute('text-anchor') || 'middle') === 'middle';
            if (centred && /^[A-Z][a-z]{2} \\d{4}$/.test(label.textContent)) {
              const box = label.getBoundingClientRect();
              (labels[label.textContent] = labels[label.textContent] || []).push(box.left + box.width / 2);
            }
          }
          return [bars, labels];
        }""",
        [BARS, FIGURE],
    )
    assert len(bars) > 12 and len(labels) > 6
    apart = {month: round(max(xs) - min(xs), 1) for month, xs in bars.items() if max(xs) - min(xs) > 1}
    assert not apart, f"a month's bars drawn at different places down the figure (px apart): {apart}"
    labels_apart = {month: round(max(xs) - min(xs), 1) for month, xs in labels.items() if max(xs) - min(xs) > 1}
    assert not labels_apart, f"a month's label at different places on the time axes (px apart): {labels_apart}"
    starts = {pd.Timestamp(month): statistics.mean(xs) for month, xs in labels.items()}
    (first, first_x), (last, last_x) = min(starts.items()), max(starts.items())
    px_per_day = (last_x - first_x) / (last - first).days
    off_middle = {}
    for month, xs in bars.items():
        start = pd.Timestamp(month)
        middle = first_x + ((start - first).days + start.days_in_month / 2) * px_per_day
        if abs(statistics.mean(xs) - middle) > 1:
            off_middle[month] = round(statistics.mean(xs) - middle, 1)
    assert not off_middle, f"a month's bars off its middle on the time axes (px): {off_middle}"


def test_every_panel_has_its_own_time_axis(timeline) -> None:
    """Each panel, the deaths panel under its grey bands included, is read against a time axis of its own
    (a band layer with no axis had hidden the deaths panel's), as is the phase strip."""
    panels, axes = timeline.evaluate(
        """(figure) => {
          const svg = document.querySelector(`${figure} svg`);
          const titles = Array.from(svg.querySelectorAll('g.role-title text')).map(t => t.textContent);
          const axes = Array.from(svg.querySelectorAll('g.role-axis[aria-label^="X-axis"]'))
            .filter(axis => axis.querySelectorAll('g.role-axis-label text').length > 0);
          return [titles.length, axes.length];
        }""",
        FIGURE,
    )
    assert panels == 5 and axes == panels


Y_AXES_JS = f"""() => Array.from(document.querySelectorAll("{FIGURE} svg g[aria-label^='Y-axis']"))
  .map(axis => axis.getAttribute('aria-label'))"""


def test_a_phase_chosen_keeps_every_panels_scale(timeline) -> None:
    """Choosing a phase filters the panels but keeps each one's scale, that of the
    whole period: before, the collapse shrank the prisoners' axis to a lone 0 and
    every other panel's scale changed with the months shown."""
    whole = timeline.evaluate(Y_AXES_JS)
    assert len(whole) == 4, whole
    bars_before, _ = drawn(timeline)
    timeline.locator(f"{FIGURE} select").select_option("collapse")
    timeline.wait_for_function(f'document.querySelectorAll("{BARS}").length < {bars_before}')
    assert timeline.evaluate(Y_AXES_JS) == whole


# The phase strip's names (the texts of its bands' short names), each with its top edge.
PHASE_NAME_TOPS_JS = """figure => {
  const strip = document.querySelector(`${figure} svg g.mark-rect`).closest('g.mark-group');
  return Array.from(strip.querySelectorAll('g.mark-text.role-mark text'))
    .map(text => [text.textContent.trim(), Math.round(text.getBoundingClientRect().top)]);
}"""


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["1280", "390"])
def test_the_phase_names_stand_on_two_rows_at_most(fitted_pages, viewport: dict[str, int]) -> None:
    """A name per phase, at no more than two heights (they stood at three), clear of each other (test_figure_layout)."""
    names = fitted_pages.page(PAGE, viewport).evaluate(PHASE_NAME_TOPS_JS, FIGURE)
    assert len(names) >= 4, names
    assert len({top for _, top in names}) <= 2, names
