"""Tooltips on a touch screen: a tap on a chart's mark opens the tooltip a
mouse would, and a tap elsewhere closes it (_static/vega-touch.js). Without
that script a tap shows nothing, which the last test proves."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from . import _site

PHONE = {"width": 390, "height": 844}
TOOLTIP_WAIT_MS = 2_000
MARKS = "g.mark-rect path, g.mark-symbol path, g.mark-shape path"  # bars, points, map shapes
# Figures with a mark a finger can tap (at least 4 px each way).
FIGURES_WITH_MARKS_JS = f"""() => Array.from(document.querySelectorAll('.vega-embed')).map((embed, index) =>
  Array.from(embed.querySelectorAll('{MARKS}')).some(mark => {{
    const box = mark.getBoundingClientRect(); return box.width >= 4 && box.height >= 4; }}) ? index : null
).filter(index => index !== null)"""
# Scroll figure `index`'s first tappable mark with a tooltip (Vega keeps each
# drawn item, with its tooltip, on its element as __data__) to the middle of the screen and
# return a point to tap on it (its centre, or else a quarter of the way in)
# where nothing else covers it. A label near the point may be within a finger's
# reach: Chromium moves a tap onto text near it, as a phone does, unless the
# chart's words let taps through (_static/figures.css).
TAP_POINT_JS = f"""index => {{
  const embed = document.querySelectorAll('.vega-embed')[index];
  for (const mark of embed.querySelectorAll('{MARKS}')) {{
    let box = mark.getBoundingClientRect();
    if (box.width < 4 || box.height < 4 || !(mark.__data__ && mark.__data__.tooltip)) continue;
    mark.scrollIntoView({{block: 'center', inline: 'center'}});
    box = mark.getBoundingClientRect();
    for (const [fx, fy] of [[0.5, 0.5], [0.25, 0.5], [0.75, 0.5], [0.5, 0.25], [0.5, 0.75]]) {{
      const x = box.left + fx * box.width, y = box.top + fy * box.height;
      if (document.elementFromPoint(x, y) === mark) return {{x, y}};
    }}
  }}
  return null;
}}"""
# A point on the page's first paragraph of text, away from any chart.
PARAGRAPH_POINT_JS = """() => { const text = document.querySelector('main p');
  text.scrollIntoView({block: 'center'}); const box = text.getBoundingClientRect();
  return {x: box.left + 10, y: box.top + box.height / 2}; }"""
TOOLTIP_JS = """() => { const tip = document.getElementById('vg-tooltip-element');
  return tip && tip.classList.contains('visible') ? tip.innerText.trim() : ''; }"""


@pytest.fixture(scope="module")
def phone_browser(playwright):
    """The full Chromium (_site.FULL_CHROMIUM): its mouse events after a tap are a phone's."""
    chromium = _site.launch_chromium(playwright, _site.FULL_CHROMIUM)
    try:
        yield chromium
    finally:
        chromium.close()


def tap_first_mark(page, figure: int) -> str:
    """Tap the first uncovered mark of figure `figure`; the tooltip's text after."""
    point = page.evaluate(TAP_POINT_JS, figure)
    assert point, f"figure {figure} has no mark a finger could tap"
    page.touchscreen.tap(point["x"], point["y"])
    try:
        page.wait_for_function(TOOLTIP_JS, timeout=TOOLTIP_WAIT_MS)
    except PlaywrightTimeout:
        return ""
    return page.evaluate(TOOLTIP_JS)


def phone_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, reduced_motion="reduce")
    context.add_init_script(_site.INIT_SCRIPT)
    return context


@pytest.fixture(scope="module")
def phone(phone_browser):
    """A phone's browser context, whose one tab loads each figure page in turn (`_site.reused_tab`)."""
    context = phone_context(phone_browser)
    try:
        yield context
    finally:
        context.close()


@pytest.mark.parametrize("figure_page", _site.figure_pages())
def test_a_tap_opens_each_figures_tooltip_and_a_tap_elsewhere_closes_it(phone, server, figure_page: str) -> None:
    visit = _site.Visit(page=figure_page)
    page = _site.reused_tab(phone, server, visit)
    page.mouse.move(0, 0)  # off every chart: where the last page's tap left the pointer may be on a mark of this one
    _site.load_fitted(page, server, visit)
    assert not page.evaluate(TOOLTIP_JS), "a tooltip is open before any tap"
    figures = page.evaluate(FIGURES_WITH_MARKS_JS)
    assert figures
    silent = [figure for figure in figures if not tap_first_mark(page, figure)]
    assert not silent, f"a tap on figure(s) {silent} opened no tooltip"
    point = page.evaluate(PARAGRAPH_POINT_JS)
    page.touchscreen.tap(point["x"], point["y"])
    page.wait_for_function(f"() => !({TOOLTIP_JS})()", timeout=TOOLTIP_WAIT_MS)


TOOLTIP_BOX_JS = """() => { const box = document.getElementById('vg-tooltip-element').getBoundingClientRect();
  return {left: box.left, right: box.right, top: box.top, bottom: box.bottom, width: window.innerWidth, height: window.innerHeight}; }"""


@pytest.mark.parametrize("figure_page", ["chapters/reset.html", "chapters/framework.html"])
def test_a_tapped_tooltip_stands_wholly_on_a_phones_screen(phone, server, figure_page: str) -> None:
    """Tooltips opened beside the finger and, on a 390 px screen, mostly past its left edge (from -25 to -289 px:
    a phone reader's finding): each figure's tooltip is kept inside the screen."""
    visit = _site.Visit(page=figure_page)
    page = _site.reused_tab(phone, server, visit)
    page.mouse.move(0, 0)
    _site.load_fitted(page, server, visit)
    outside, opened = [], 0
    for figure in page.evaluate(FIGURES_WITH_MARKS_JS):
        if tap_first_mark(page, figure):
            opened += 1
            box = page.evaluate(TOOLTIP_BOX_JS)
            if box["left"] < 0 or box["right"] > box["width"] or box["top"] < 0 or box["bottom"] > box["height"]:
                outside.append((figure, round(box["left"]), round(box["right"]), round(box["top"]), round(box["bottom"])))
    assert opened, "no tap opened a tooltip"
    assert not outside, f"tooltips past the screen's edges (figure, left, right, top, bottom): {outside}"


def test_without_the_touch_script_a_tap_shows_nothing(phone_browser, server) -> None:
    figure_page = _site.figure_pages()[0]
    context = phone_context(phone_browser)
    try:
        visit = _site.Visit(page=figure_page)
        page = _site.open_page(context, server, visit)
        page.route("**/vega-touch.js*", lambda route: route.fulfill(status=200, content_type="text/javascript", body=""))
        _site.load_fitted(page, server, visit)
        assert tap_first_mark(page, page.evaluate(FIGURES_WITH_MARKS_JS)[0]) == ""
    finally:
        context.close()


# A finger's width (WCAG 2.5.5), in CSS px.
FINGER_PX = 44
# Each visible control of a page a finger taps, with its size: the filters' and a chart's menus and fields, a claim's
# permalink, and the toggles of a table's data and of an evidence cell's code and output.
CONTROLS = (
    ".ledger-filters select, .ledger-filters input, .table-filters select, .vega-bindings select, .vega-bindings input,"
    " .ledger-verdict .permalink, details.figure-data > summary, details.hide > summary"
)
CONTROLS_JS = f"""() => Array.from(document.querySelectorAll('{CONTROLS}'))
  .map(control => [control, control.getBoundingClientRect()])
  .filter(([, box]) => box.width > 0 && box.height > 0)
  .map(([control, box]) => ({{
    control: control.tagName.toLowerCase() + (control.name ? '[' + control.name + ']' : ''),
    width: box.width, height: box.height, square: control.classList.contains('permalink') }}))"""


@pytest.mark.parametrize("controls_page", ["chapters/claims_ledger.html", "chapters/intro.html"])
def test_every_control_on_a_phone_is_a_fingers_width(phone, server, controls_page: str) -> None:
    """The ledger's filters and permalinks, the timeline's menu and the toggles of tables and evidence cells are at
    least 44 px tall (a permalink 44 px wide too) on a phone: before, the menus were 20 to 23 px tall, a permalink
    11 by 16 px and a toggle 26 px."""
    visit = _site.Visit(page=controls_page)
    page = _site.reused_tab(phone, server, visit)
    _site.load_fitted(page, server, visit)
    controls = page.evaluate(CONTROLS_JS)
    assert controls, f"{controls_page} shows no control to tap"
    assert any(control["control"] == "summary" for control in controls), f"{controls_page}: no toggle was measured"
    small = [
        control for control in controls if control["height"] < FINGER_PX - 0.5 or (control["square"] and control["width"] < FINGER_PX - 0.5)
    ]
    assert not small, f"{len(small)} control(s) smaller than a finger on {controls_page}: {small[:3]}"


def test_a_tooltip_on_the_dark_page_is_dark(phone, server) -> None:
    """vega-tooltip's box stayed white, 95% opaque, on the dark page (a phone reader's finding)."""
    visit = _site.Visit(page="chapters/reset.html")
    page = _site.reused_tab(phone, server, visit)
    page.mouse.move(0, 0)
    _site.load_fitted(page, server, visit)
    page.emulate_media(color_scheme="dark")
    try:
        page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
        assert any(tap_first_mark(page, figure) for figure in page.evaluate(FIGURES_WITH_MARKS_JS))
        background = page.evaluate("() => getComputedStyle(document.getElementById('vg-tooltip-element')).backgroundColor")
        red, green, blue = (int(part) for part in background[background.index("(") + 1 :].split(",")[:3])
        assert max(red, green, blue) < 80, background
    finally:
        page.emulate_media(color_scheme="light")


# vega-tooltip's last resort sets the box above the pointer; near the screen's top that is off it.
PUSHED_OFF_JS = """async () => { const tip = document.getElementById('vg-tooltip-element');
  tip.style.top = '-50px'; tip.style.left = '-60px';
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const box = tip.getBoundingClientRect(); return {left: box.left, top: box.top}; }"""


def test_a_tooltip_set_past_the_screens_top_or_left_is_brought_back(phone, server) -> None:
    """The kept-on-screen tooltip was tested where a tapped mark stands, mid-screen: a tooltip placed above a mark
    near the top of the screen, or left of one at its edge, is brought back inside it."""
    visit = _site.Visit(page="chapters/reset.html")
    page = _site.reused_tab(phone, server, visit)
    page.mouse.move(0, 0)
    _site.load_fitted(page, server, visit)
    assert any(tap_first_mark(page, figure) for figure in page.evaluate(FIGURES_WITH_MARKS_JS))
    box = page.evaluate(PUSHED_OFF_JS)
    assert box["left"] >= 0 and box["top"] >= 0, box


CHART_WORDS_JS = """() => Array.from(document.querySelectorAll('.vega-embed svg .mark-text text'))
  .map(text => getComputedStyle(text).pointerEvents)"""


def test_a_charts_words_let_a_tap_through_to_the_mark_under_them(phone, server) -> None:
    """The rule that lets a tap through a chart's words (_static/figures.css) was lost when a regenerated block
    cut the comment before it: the stray text left made its selector invalid, and the browser dropped it.
    The tap test aims each tap where only the mark is, so it could not notice."""
    visit = _site.Visit(page="chapters/framework.html")
    page = _site.reused_tab(phone, server, visit)
    _site.load_fitted(page, server, visit)
    events = page.evaluate(CHART_WORDS_JS)
    assert events and set(events) == {"none"}, sorted(set(events))


BACK_TO_TOP_JS = """() => { const button = document.getElementById('pst-back-to-top'); if (!button) return null;
  button.style.display = 'inline-flex'; const box = button.getBoundingClientRect();
  return {left: box.left, right: box.right, bottom: box.bottom, width: innerWidth, height: innerHeight}; }"""


def test_the_back_to_top_button_keeps_to_a_phones_corner(phone, server) -> None:
    """The theme's "Back to top" pill sat centred at 90% of a phone's height, over the ledger's filters as they
    scrolled past it: on a phone it is drawn in the bottom right corner."""
    visit = _site.Visit(page="chapters/claims_ledger.html")
    page = _site.reused_tab(phone, server, visit)
    _site.load_fitted(page, server, visit)
    box = page.evaluate(BACK_TO_TOP_JS)
    assert box, "the theme's button is not on the page"
    assert box["left"] > box["width"] / 2 and box["width"] - box["right"] < 24 and box["height"] - box["bottom"] < 24, box
