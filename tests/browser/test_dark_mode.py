"""Dark mode: every chart and map is drawn light-on-dark on the dark page in
its designed dark colours (no inversion filter), with no white slab behind it,
every bar standing out from the page and every number written on a bar legible
on it."""

import pytest

from . import _site

DARK_JS = r"""() => {
  const luminance = (colour) => {
    const [r, g, b] = (colour.match(/\d+(\.\d+)?/g) || ["255", "255", "255"]).slice(0, 3).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  const page = luminance(getComputedStyle(document.body).backgroundColor);
  const charts = Array.from(document.querySelectorAll(".vega-embed svg.marks")).map((svg) => {
    const fills = Array.from(svg.querySelectorAll(":scope > rect, :scope > g > rect.background, path.background"))
      .map((node) => node.getAttribute("fill") || getComputedStyle(node).fill);
    fills.push(getComputedStyle(svg).backgroundColor, getComputedStyle(svg.parentElement).backgroundColor);
    const opaque = fills.filter((fill) => fill && fill !== "none" && fill !== "transparent" && !fill.startsWith("rgba(0, 0, 0, 0)"));
    const texts = Array.from(svg.querySelectorAll(".role-axis-label text, .role-legend-label text, .mark-text text"));
    const text = texts.length ? luminance(getComputedStyle(texts[0]).fill) : 1;
    const filters = [svg, svg.parentElement, ...svg.querySelectorAll("g")].map((node) => getComputedStyle(node).filter);
    return { filter: filters.filter((f) => f && f !== "none").join(" "), opaque, text };
  });
  return { page, charts, mode: document.documentElement.dataset.theme };
}"""


@pytest.fixture(scope="module")
def in_dark_mode(browser, server):
    """Each chapter loaded once in the book's dark mode: `in_dark_mode(chapter)` is its page."""
    context = browser.new_context(viewport=_site.VIEWPORT, color_scheme="dark")
    context.add_init_script("localStorage.setItem('mode', 'dark')")
    loaded = {}

    def page_of(chapter: str):
        if chapter not in loaded:
            visit = _site.Visit(page=chapter)
            loaded[chapter] = _site.open_page(context, server, visit)
            _site.load(loaded[chapter], server, visit)
        return loaded[chapter]

    try:
        yield page_of
    finally:
        context.close()


@pytest.mark.parametrize("chapter", [f"chapters/{name}.html" for name in ("intro", "reset", "resumption", "framework", "collapse")])
def test_every_chart_is_drawn_light_on_dark_in_dark_mode(in_dark_mode, chapter: str) -> None:
    state = in_dark_mode(chapter).evaluate(DARK_JS)
    assert state["mode"] == "dark" and state["page"] < 0.25, state
    assert state["charts"], chapter
    for chart in state["charts"]:
        assert not chart["filter"], chart  # the dark palette is designed (theme.DARK), never an inverted light drawing
        assert chart["text"] > 0.5, chart  # its text light on the dark page
        assert not chart["opaque"], chart


# WCAG's contrast ratio between two CSS colours, for the in-page checks below.
CONTRAST_JS = r"""
  const relative = (colour) => {
    const channels = (colour.match(/\d+(\.\d+)?/g) || ["0", "0", "0"]).slice(0, 3).map((value) => {
      const c = Number(value) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  };
  const contrast = (a, b) => {
    const [high, low] = [relative(a), relative(b)].sort((x, y) => y - x);
    return (high + 0.05) / (low + 0.05);
  };
"""

# The book's own HTML outputs (comparison tables, source lists): the background
# behind each is the dark page's, its text light, and every party's colour bar
# stands out from the page.
OUTPUTS_JS = (
    r"""() => {
  const luminance = (colour) => {
    const [r, g, b] = (colour.match(/\d+(\.\d+)?/g) || ["0", "0", "0"]).slice(0, 3).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  const behind = (node) => {
    for (let n = node; n; n = n.parentElement) {
      const colour = getComputedStyle(n).backgroundColor;
      if (colour && !colour.startsWith("rgba(0, 0, 0, 0)") && colour !== "transparent") return luminance(colour);
    }
    return 1;
  };
"""
    + CONTRAST_JS
    + r"""
  const page = getComputedStyle(document.body).backgroundColor;
  return Array.from(document.querySelectorAll("div.comparison, ul.source-list")).map((node) => ({
    kind: node.className,
    background: behind(node),
    text: luminance(getComputedStyle(node.querySelector("td, li") || node).color),
    bars: Array.from(node.querySelectorAll("thead th[style]")).map((th) => contrast(getComputedStyle(th).borderTopColor, page)),
  }));
}"""
)
# WCAG 2.1's minimum contrast for graphical objects against their background,
# and for text of the size a chart writes on its bars.
MIN_BAR_CONTRAST = 3.0
MIN_TEXT_CONTRAST = 4.5


@pytest.mark.parametrize("chapter", ["chapters/framework.html", "chapters/collapse.html"])
def test_the_books_tables_sit_on_the_dark_page_in_dark_mode(in_dark_mode, chapter: str) -> None:
    outputs = in_dark_mode(chapter).evaluate(OUTPUTS_JS)
    assert any(output["kind"] == "comparison" for output in outputs), outputs
    for output in outputs:
        assert output["background"] < 0.25 and output["text"] > 0.5, output
        assert all(bar >= MIN_BAR_CONTRAST for bar in output["bars"]), output


# Each chart's bars against the dark page (a bar drawn as its outline alone, such as a
# tranche that was due and never released, by its outline), and each number written on
# a bar against that bar (the colours as dark mode draws them).
BARS_JS = (
    r"""([minBar, minText]) => {
"""
    + CONTRAST_JS
    + r"""
  const page = getComputedStyle(document.body).backgroundColor;
  const faint = [], illegible = [];
  document.querySelectorAll(".vega-embed svg.marks").forEach((svg, index) => {
    const bars = Array.from(svg.querySelectorAll('path[aria-roledescription="bar"]'))
      .map((bar) => {
        const style = getComputedStyle(bar);
        const outline = style.fill === "none" || /^rgba\(.*,\s*0\)$/.test(style.fill);
        return { bar, fill: outline ? page : style.fill, drawn: outline ? style.stroke : style.fill, box: bar.getBoundingClientRect() };
      })
      .filter(({ box }) => box.width > 0 && box.height > 0);
    for (const { bar, drawn } of bars) {
      const name = (bar.getAttribute("aria-label") || "").slice(0, 50);
      if (contrast(drawn, page) < minBar) faint.push(`figure ${index + 1}: ${name} (${drawn})`);
    }
    for (const text of svg.querySelectorAll("g.mark-text text")) {
      const box = text.getBoundingClientRect();
      const x = (box.left + box.right) / 2, y = (box.top + box.bottom) / 2;
      const under = bars.find(({ box: b }) => x > b.left && x < b.right && y > b.top && y < b.bottom);
      if (under && contrast(getComputedStyle(text).fill, under.fill) < minText) {
        illegible.push(`figure ${index + 1}: "${text.textContent.trim()}" (${getComputedStyle(text).fill} on ${under.fill})`);
      }
    }
  });
  return { faint, illegible };
}"""
)


@pytest.mark.parametrize("chapter", [f"chapters/{name}.html" for name in ("intro", "reset", "resumption", "framework", "collapse")])
def test_every_bar_stands_out_from_the_dark_page_and_its_number_from_the_bar(in_dark_mode, chapter: str) -> None:
    found = in_dark_mode(chapter).evaluate(BARS_JS, [MIN_BAR_CONTRAST, MIN_TEXT_CONTRAST])
    assert not found["faint"], found["faint"]
    assert not found["illegible"], found["illegible"]


SYSTEM_MODE_JS = r"""() => ({ mode: document.documentElement.dataset.theme, stored: localStorage.getItem("mode") })"""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_book_follows_the_readers_system_setting(browser, server, scheme: str) -> None:
    """With no choice stored, the page takes the system's colour scheme (the theme's `auto` mode)."""
    context = browser.new_context(viewport=_site.VIEWPORT, color_scheme=scheme)
    visit = _site.Visit(page="chapters/reset.html")
    page = _site.open_page(context, server, visit)
    try:
        _site.load(page, server, visit)
        state = page.evaluate(SYSTEM_MODE_JS)
    finally:
        context.close()
    assert state["mode"] == scheme, state
