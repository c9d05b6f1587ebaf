"""The maps and casualty charts as drawn in the browser, at 1280 px and on a
390 px phone: no name on a map covers a marker or crosses a line it is not
part of; every marker, on the map and in its key, stays in sight on a phone;
every legend entry can be told from the others by a reader with deuteranopia
or protanopia; and every casualty figure draws the months without records as
labelled gaps."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from analysis.evidence import casualties
from analysis.geography import places
from analysis.pages import collapse, common
from analysis.report import theme
from analysis.report.charts import month_runs
from analysis.report.maps import labels
from analysis.tools import pdf
from conftest import map_key_names

from . import _colour, _site

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
MAPS = {
    "chapters/reset.html": "fig-reset-1967-map",
    "chapters/framework.html": "fig-framework-jordan-valley",
    "chapters/collapse.html": "fig-collapse-east-jerusalem",
}
# The casualty figures, and the period of the records each draws.
CASUALTY_FIGURES = {
    ("chapters/intro.html", "fig-intro-timeline"): "timeline",
    ("chapters/resumption.html", "fig-resumption-casualties"): "resumption_casualties_chart",
    ("chapters/collapse.html", "fig-collapse-casualties"): "collapse_casualties_chart",
}
MIN_DELTA_E = 10.0  # as tests/browser/test_palette.py
DEFICIENCIES = ("deuteranopia", "protanopia")

# For one figure: every name written on the plot (not the legend) with its box,
# and what it overlaps: a marker (symbol) of the plot, or a segment of a drawn
# line or boundary (geoshape edges, rules) that passes through the box.
CLASH_JS = r"""(id) => {
  const figure = document.getElementById(id);
  const svg = figure.querySelector(".vega-embed svg.marks");
  const inPlot = (node) => !node.closest(".role-legend, .role-axis, .role-title");
  const shrink = (r, by) => ({ left: r.left + by, right: r.right - by, top: r.top + by, bottom: r.bottom - by });
  const texts = Array.from(svg.querySelectorAll(".mark-text text")).filter(inPlot)
    .filter((t) => t.textContent.trim()).map((t) => ({ text: t.textContent, box: shrink(t.getBoundingClientRect(), 0.5) }));
  const markers = Array.from(svg.querySelectorAll(".mark-symbol path")).filter(inPlot).map((p) => {
    const r = p.getBoundingClientRect();
    return { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2, r: Math.min(r.width, r.height) / 2 };
  });
  const segments = [];
  const stroked = (node) => {
    const style = getComputedStyle(node);
    return style.stroke !== "none" && parseFloat(style.strokeWidth) > 0 && parseFloat(style.strokeOpacity) > 0;
  };
  for (const path of Array.from(svg.querySelectorAll(".mark-shape path")).filter(inPlot).filter(stroked)) {
    const m = path.getScreenCTM();
    const stroke = getComputedStyle(path).stroke;
    const at = (x, y) => ({ x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f });
    let start = null, last = null;
    for (const [, command, numbers] of (path.getAttribute("d") || "").matchAll(/([MLZ])([^MLZ]*)/gi)) {
      const values = (numbers.match(/-?\d*\.?\d+(e-?\d+)?/gi) || []).map(Number);
      const push = (segment) => { segment.stroke = stroke; segments.push(segment); };
      if (command.toUpperCase() === "Z") { if (last && start) push([last, start]); last = start; continue; }
      for (let i = 0; i + 1 < values.length; i += 2) {
        const point = at(values[i], values[i + 1]);
        if (command.toUpperCase() === "M" && i === 0) start = point; else if (last) push([last, point]);
        last = point;
      }
    }
  }
  for (const line of Array.from(svg.querySelectorAll(".mark-rule line")).filter(inPlot)) {
    const m = line.getScreenCTM();
    const at = (x, y) => ({ x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f });
    const x1 = +line.getAttribute("x1") || 0, y1 = +line.getAttribute("y1") || 0;
    const rule = [at(x1, y1), at(+line.getAttribute("x2") || 0, +line.getAttribute("y2") || 0)];
    rule.leader = true;
    segments.push(rule);
  }
  // A leader runs up to its own name (its end under the name's halo): it crosses none of the name's letters but the edge.
  const near = (p, b) => p.x > b.left - 4 && p.x < b.right + 4 && p.y > b.top - 4 && p.y < b.bottom + 4;
  const own = (s, b) => s.leader && (near(s[0], b) || near(s[1], b));
  // Liang-Barsky: does the segment pass through the box?
  const crosses = ([p, q], b) => {
    let t0 = 0, t1 = 1;
    const dx = q.x - p.x, dy = q.y - p.y;
    for (const [pk, qk] of [[-dx, p.x - b.left], [dx, b.right - p.x], [-dy, p.y - b.top], [dy, b.bottom - p.y]]) {
      if (pk === 0) { if (qk < 0) return false; continue; }
      const t = qk / pk;
      if (pk < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
    return true;
  };
  const covers = (c, b) => {
    const nx = Math.max(b.left, Math.min(c.x, b.right)), ny = Math.max(b.top, Math.min(c.y, b.bottom));
    return (nx - c.x) ** 2 + (ny - c.y) ** 2 < (c.r - 0.5) ** 2;
  };
  return texts.map(({ text, box }) => ({
    text,
    markers: markers.filter((c) => covers(c, box)).length,
    lines: segments.filter((s) => crosses(s, box) && !own(s, box)).length,
    crossed: [...new Set(segments.filter((s) => crosses(s, box) && !own(s, box)).map((s) => s.stroke || "leader"))],
  }));
}"""

# Each legend entry of a figure: its label, and its symbol's fill, stroke,
# dash pattern and shape (the path, scaled out).
LEGEND_JS = r"""(id) => {
  const svg = document.getElementById(id).querySelector(".vega-embed svg.marks");
  return Array.from(svg.querySelectorAll(".role-legend")).map((legend) =>
    Array.from(legend.querySelectorAll(".role-legend-symbol path")).map((symbol, index) => {
      const style = getComputedStyle(symbol);
      const labels = legend.querySelectorAll(".role-legend-label text");
      const box = symbol.getBBox();
      const commands = (symbol.getAttribute("d") || "").replace(/[-\d.e]+/g, "").slice(0, 12);
      return {
        label: labels[index] ? labels[index].textContent : String(index),
        fill: style.fill, stroke: style.stroke, dash: style.strokeDasharray,
        shape: `${Math.round(box.width)}x${Math.round(box.height)}:${commands}`,
      };
    }));
}"""


def _rgb(colour: str) -> str:
    """A computed `rgb(r, g, b)` as #rrggbb (`none` and transparent as empty)."""
    if not colour.startswith("rgb"):
        return ""
    red, green, blue = (int(float(part)) for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def distinguishable(first: dict, second: dict) -> bool:
    """Two legend glyphs can be told apart without hue: by shape, by dash, or by
    a colour difference that survives each simulated deficiency."""
    if first["shape"] != second["shape"] or first["dash"] != second["dash"]:
        return True
    paint = "fill" if _rgb(first["fill"]) and _rgb(second["fill"]) else "stroke"
    one, other = _rgb(first[paint]), _rgb(second[paint])
    if not one or not other:
        return False
    return all(_colour.difference(one, other, deficiency) >= MIN_DELTA_E for deficiency in DEFICIENCIES)


# The Green Line (with its casing, in the halo's colour) and the thin grey edge of every area (the territories
# it bounds among them), as stroked.
BOUNDARY_STROKES = {theme.GREEN_LINE.lower(), theme.HALO.lower(), theme.LAND_LINE.lower()}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("map_page", list(MAPS))
def test_no_name_on_a_map_covers_a_marker_or_crosses_a_line(fitted_pages, map_page: str, viewport: dict) -> None:
    """No name covers a marker; none crosses a line but a city's, set across the Green Line beside its square
    where the settlements leave it no room (its halo breaks the line there): without it, a phone's map named no
    Jerusalem but on a leader from the coastal plain, beside Tel Aviv's square. A city's name may cross the Green
    Line and the thin grey edge every area is drawn with (along the line, but a land border too), never a shore,
    the river or any other line."""
    names = fitted_pages.page(map_page, viewport).evaluate(CLASH_JS, MAPS[map_page])
    assert len(names) >= 5, names  # the map is drawn and names its places
    cities = set(places.map_places(common.ground(), "fig_reset_1967_map")["name"]) if map_page == "chapters/reset.html" else set()
    clashes = [
        name
        for name in names
        if name["markers"]
        or (name["lines"] and not (name["text"] in cities and {_rgb(stroke) for stroke in name["crossed"]} <= BOUNDARY_STROKES))
    ]
    assert not clashes, f"{MAPS[map_page]} at {viewport['width']} px: names over markers or lines: {clashes}"


# For one map: each name written on it whose halo (HALO_PX beyond its letters) reaches past the map's frame.
CUT_AT_THE_FRAME_JS = r"""([id, halo]) => {
  const svg = document.getElementById(id).querySelector(".vega-embed svg.marks");
  const frame = svg.querySelector("g.role-frame.root path.background").getBoundingClientRect();
  return Array.from(svg.querySelectorAll(".mark-text text"))
    .filter((t) => !t.closest(".role-legend, .role-axis, .role-title") && t.textContent.trim())
    .map((t) => [t.textContent, t.getBoundingClientRect()])
    .filter(([, r]) => r.left - halo < frame.left - 0.5 || r.right + halo > frame.right + 0.5
      || r.top - halo < frame.top - 0.5 || r.bottom + halo > frame.bottom + 0.5)
    .map(([text]) => text);
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("map_page", list(MAPS))
def test_no_name_or_its_halo_is_cut_at_the_maps_edge(fitted_pages, map_page: str, viewport: dict) -> None:
    """Every name sits inside the map's frame with its halo: the placer's guess at a
    name's width fell short for wide capitals, and "WEST BANK" ran to the edge on a phone."""
    cut = fitted_pages.page(map_page, viewport).evaluate(CUT_AT_THE_FRAME_JS, [MAPS[map_page], labels.HALO_PX])
    assert not cut, f"{MAPS[map_page]} at {viewport['width']} px: names cut at the map's edge: {cut}"


# For one figure: the width of its smallest marker (a symbol: a settlement, a
# crossing, a site of announced units) on the map and in its key.
SMALLEST_MARKERS_JS = r"""(id) => {
  const svg = document.getElementById(id).querySelector(".vega-embed svg.marks");
  const widths = (nodes) => nodes.map((node) => node.getBoundingClientRect().width);
  const symbols = Array.from(svg.querySelectorAll(".mark-symbol path"));
  const onMap = widths(symbols.filter((path) => !path.closest(".role-legend")));
  const inKey = widths(Array.from(svg.querySelectorAll(".role-legend-symbol path")));
  return { map: onMap.length ? Math.min(...onMap) : null, key: inKey.length ? Math.min(...inKey) : null };
}"""
MIN_MARKER_PX = 2.5  # across, as drawn on the screen: a dot a reader sees on a phone


@pytest.mark.parametrize("map_page", list(MAPS))
def test_every_marker_on_a_map_and_in_its_key_stays_in_sight_on_a_phone(fitted_pages, map_page: str) -> None:
    smallest = fitted_pages.page(map_page, PHONE).evaluate(SMALLEST_MARKERS_JS, MAPS[map_page])
    assert smallest["map"] is not None and smallest["key"] is not None, smallest
    assert min(smallest.values()) >= MIN_MARKER_PX, f"{MAPS[map_page]} at 390 px: smallest marker {smallest} px across"


# Each map's page, and the map it shows (its key places: conftest.map_key_names).
MAP_OF_PAGE = {"chapters/reset.html": "1967_lines", "chapters/framework.html": "jordan_valley", "chapters/collapse.html": "east_jerusalem"}


def announced_sites() -> set[str]:
    """The East Jerusalem map's sites with announced units, as the page publishes them."""
    return set(collapse.east_jerusalem().figures[0].table["site"])


@pytest.mark.parametrize("map_page", list(MAPS))
def test_every_map_names_its_key_places_on_a_phone(fitted_pages, map_page: str) -> None:
    names = fitted_pages.page(map_page, PHONE).evaluate(CLASH_JS, MAPS[map_page])
    # A name set on two lines reads as its lines run together.
    written = {"".join(name["text"].split()) for name in names}
    required = set(map_key_names()[MAP_OF_PAGE[map_page]]) | (announced_sites() if map_page == "chapters/collapse.html" else set())
    missing = sorted(place for place in required if not any("".join(place.split()) in text for text in written))
    assert not missing, f"{MAPS[map_page]} at 390 px does not name {missing}; it names {sorted(written)}"


# For one figure: the names on its plot that a legend's panel covers.
UNDER_THE_KEY_JS = r"""(id) => {
  const svg = document.getElementById(id).querySelector(".vega-embed svg.marks");
  const panels = Array.from(svg.querySelectorAll(".role-legend")).map((legend) => legend.getBoundingClientRect());
  const overlaps = (a, b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
  return {
    panels: panels.length,
    covered: Array.from(svg.querySelectorAll(".mark-text text"))
      .filter((text) => !text.closest(".role-legend") && text.textContent.trim())
      .filter((text) => panels.some((panel) => overlaps(text.getBoundingClientRect(), panel)))
      .map((text) => text.textContent),
  };
}"""


@pytest.fixture(scope="module")
def in_print(browser):
    """A window as wide as the printed column, its pages laid out as analysis.tools.pdf prints them."""
    context = browser.new_context(viewport={"width": pdf.PRINT_WIDTH_PX, "height": 1100}, color_scheme="light", reduced_motion="reduce")
    context.add_init_script(pdf.MAP_PRINT_JS)
    try:
        yield context
    finally:
        context.close()


@pytest.mark.parametrize("map_page", list(MAPS))
def test_no_name_on_a_printed_map_lies_under_its_key(in_print, server, map_page: str) -> None:
    """The map as the printed book lays it out (analysis.tools.pdf's print layout at the
    printed column's width): its key, in a corner of the map or under it, covers no name."""
    visit = _site.Visit(page=map_page)
    page = _site.reused_tab(in_print, server, visit)
    page.emulate_media(media="print")
    _site.load_fitted(page, server, visit)
    found = page.evaluate(UNDER_THE_KEY_JS, MAPS[map_page])
    assert found["panels"] >= 3, found  # the areas, the lines and the sizes
    assert not found["covered"], f"{MAPS[map_page]} in print: names under the key: {found['covered']}"


@pytest.mark.parametrize("map_page", list(MAPS))
def test_every_map_legend_entry_survives_colour_vision_loss(fitted_pages, map_page: str) -> None:
    legends = fitted_pages.page(map_page, DESKTOP).evaluate(LEGEND_JS, MAPS[map_page])
    assert legends
    clashes = [
        f"{first['label']!r} vs {second['label']!r}"
        for entries in legends
        for first, second in itertools.combinations(entries, 2)
        if not distinguishable(first, second)
    ]
    assert not clashes, f"{MAPS[map_page]}: legend entries a reader with deuteranopia or protanopia cannot tell apart: {clashes}"


def test_glyphs_alike_in_shape_and_dash_are_told_apart_by_colour_only_when_it_survives() -> None:
    square = {"shape": "4:MZ", "dash": "none", "stroke": "none"}
    assert not distinguishable({**square, "fill": "rgb(179, 89, 0)"}, {**square, "fill": "rgb(107, 142, 0)"})  # red vs green
    assert distinguishable({**square, "fill": "rgb(179, 89, 0)"}, {**square, "fill": "rgb(0, 114, 178)"})  # orange vs blue
    assert distinguishable({**square, "fill": "rgb(0, 0, 0)"}, {**square, "fill": "rgb(0, 0, 0)", "dash": "9px, 3px"})


GAPS_JS = r"""(id) => Array.from(document.getElementById(id).querySelectorAll(".vega-embed svg.marks .mark-text text"))
  .filter((t) => t.textContent.trim() === "no records").length"""


@pytest.mark.parametrize(("map_page", "figure"), list(CASUALTY_FIGURES))
def test_every_casualty_figure_draws_the_months_without_records_as_labelled_gaps(fitted_pages, map_page: str, figure: str) -> None:
    window = common.window(CASUALTY_FIGURES[(map_page, figure)])
    records = common.casualty_records()
    flags = casualties.quality_flags(records, window, common.under_counted(records))
    months = flags.loc[flags["records"] == 0, "month"]
    if figure == "fig-intro-timeline":  # one deaths panel on a time axis: a label per run of months
        expected, what = len(month_runs(pd.Series(months))), "run(s) of months"
    else:  # a bar per month, one row of panels per side
        expected, what = 2 * len(months), "month(s) in 2 rows"
    labelled = fitted_pages.page(map_page, DESKTOP).evaluate(GAPS_JS, figure)
    assert labelled == expected, f"{figure}: {labelled} 'no records' labels for {expected} {what} without records"


CAPTION_JS = r"""(id) => {
  const caption = document.getElementById(id).querySelector("figcaption .caption-text");
  const title = caption.querySelector("strong");
  return { title: Number(getComputedStyle(title).fontWeight), takeaway: Number(getComputedStyle(caption).fontWeight) };
}"""


def test_a_caption_sets_its_title_bold_and_its_takeaway_at_body_weight(fitted_pages) -> None:
    weights = fitted_pages.page("chapters/reset.html", DESKTOP).evaluate(CAPTION_JS, MAPS["chapters/reset.html"])
    assert weights["title"] >= 700 and weights["takeaway"] == 400, weights


# For one map: each leader line (a thin rule) with the gap from its nearer end to the nearest name's letters.
LEADER_GAPS_JS = r"""(id) => {
  const svg = document.getElementById(id).querySelector(".vega-embed svg.marks");
  const inPlot = (node) => !node.closest(".role-legend, .role-axis, .role-title");
  const texts = Array.from(svg.querySelectorAll(".mark-text text")).filter(inPlot)
    .filter((t) => t.textContent.trim()).map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
  const gap = (p, b) => Math.hypot(Math.max(b.left - p.x, 0, p.x - b.right), Math.max(b.top - p.y, 0, p.y - b.bottom));
  return Array.from(svg.querySelectorAll(".mark-rule line")).filter(inPlot)
    .filter((line) => parseFloat(getComputedStyle(line).strokeWidth) < 1.5)
    .map((line) => {
      const m = line.getScreenCTM();
      const at = (x, y) => ({ x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f });
      const coordinate = (name) => +line.getAttribute(name) || 0;
      const ends = [at(coordinate("x1"), coordinate("y1")), at(coordinate("x2"), coordinate("y2"))];
      const nearest = texts.map((t) => ({ text: t.text, gap: Math.min(...ends.map((end) => gap(end, t.box))) }))
        .reduce((best, t) => (t.gap < best.gap ? t : best), { text: "", gap: Infinity });
      return nearest;
    });
}"""
LEADER_REACH_PX = 3.0  # the letters' box Chromium measures is as tall as the line, so a leader ends this near it


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("map_page", list(MAPS))
def test_every_leader_reaches_its_name(fitted_pages, map_page: str, viewport: dict) -> None:
    """A leader ends at its name's letters: it ended at the room the placer keeps round them (halo and clearance),
    6 to 9 px short, and read as a stub beside the Sea of Galilee and the two governorates."""
    gaps = fitted_pages.page(map_page, viewport).evaluate(LEADER_GAPS_JS, MAPS[map_page])
    short = [gap for gap in gaps if gap["gap"] > LEADER_REACH_PX]
    assert not short, f"{MAPS[map_page]} at {viewport['width']} px: leaders that stop short of their names: {short}"
