"""Dark mode: every chart and map is drawn light-on-dark on the dark page, with no
white slab behind it."""

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
    return { filter: getComputedStyle(svg).filter, opaque };
  });
  return { page, charts, mode: document.documentElement.dataset.theme };
}"""


@pytest.mark.parametrize("chapter", [f"chapters/{name}.html" for name in ("intro", "reset", "resumption", "framework", "collapse")])
def test_every_chart_is_drawn_light_on_dark_in_dark_mode(browser, server, chapter: str) -> None:
    context = browser.new_context(viewport=_site.VIEWPORT, color_scheme="dark")
    context.add_init_script("localStorage.setItem('mode', 'dark')")
    visit = _site.Visit(page=chapter)
    page = _site.open_page(context, server, visit)
    try:
        _site.load(page, server, visit)
        state = page.evaluate(DARK_JS)
    finally:
        context.close()
    assert state["mode"] == "dark" and state["page"] < 0.25, state
    assert state["charts"], chapter
    for chart in state["charts"]:
        assert "invert" in chart["filter"], chart
        assert not chart["opaque"], chart
