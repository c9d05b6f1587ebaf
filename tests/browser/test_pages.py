"""Every page of the built book, loaded in headless Chromium from a local server:
it loads, its charts and maps are drawn, its console is clean, it asks nothing of
any other host, its links land, its contents entries run on one line and a wide
window shows one search field. (`make screenshots` keeps a picture of each
for a person to look at.)"""

from __future__ import annotations

import re

from . import _site


def test_site_is_built():
    """Fails (rather than erroring in a fixture, as every other test here then
    does) when `make book` has not been run."""
    assert _site.site_is_built(), _site.NOT_BUILT.format(index=_site.SITE_DIR / "index.html")
    assert _site.discover_pages(), f"no reader-facing pages found in {_site.SITE_DIR}"


def test_the_site_has_the_pages_the_tests_were_collected_from(site):
    """The page tests are collected from the sources (`_site.book_pages`,
    `_site.figure_pages`): the site has those pages, no other, and draws
    charts on those pages alone, so no page goes untested."""
    built = tuple(_site.discover_pages(site))
    assert built == _site.book_pages(), f"built in {site}: {built}; in _toc.yml: {_site.book_pages()}"
    drawn = tuple(page for page in built if "altair-viz-" in (site / page).read_text(encoding="utf-8"))
    assert drawn == _site.figure_pages(), f"pages drawing charts in {site}: {drawn}; by the chapters' outputs: {_site.figure_pages()}"


def test_redirect_pages_land_on_a_built_page(site, server, browser_context):
    """Jupyter Book's root index.html only redirects: it must land on a built page."""
    redirects = [p for p in _site.discover_pages(site, include_redirects=True) if _site.is_redirect(site / p)]
    for page_path in redirects:
        visit = _site.Visit(page=page_path)
        page = _site.open_page(browser_context, server, visit)
        try:
            page.goto(server.url(page_path), wait_until="load")
            start = server.url(page_path)
            page.wait_for_url(lambda url, start=start: url.split("#")[0] != start, timeout=10_000)
            page.wait_for_load_state("load")
            landed = page.url
        finally:
            page.close()
        target = landed.removeprefix(server.origin + "/").split("#")[0]
        assert target != page_path, f"{page_path} did not redirect"
        assert (site / target).is_file(), f"{page_path} redirects to {landed}, which is not in the built site"
        assert not visit.external_requests, f"{page_path} contacted {visit.external_requests}"
        assert not visit.console_errors + visit.failed_responses, f"{page_path}: {visit.console_errors + visit.failed_responses}"


def test_page_loads(visit):
    assert visit.status == 200, f"{visit.page}: HTTP {visit.status} for {visit.url}"
    assert visit.final_url.split("#")[0] == visit.url, f"{visit.page}: ended at {visit.final_url}"


def test_figures_are_drawn(visit):
    broken = []
    for figure in visit.figures:
        if figure["error"]:
            broken.append(f"{figure['label']}: shows an error: {figure['error']!r}")
        elif figure["embedError"]:
            broken.append(f"{figure['label']}: vega-embed failed: {figure['embedError']}")
        elif not figure["drawn"]:
            broken.append(
                f"{figure['label']}: no drawn SVG/canvas of non-zero size "
                f"(graphic={figure['tag']}, {figure['width']}x{figure['height']}, {figure['marks']} marks)"
            )
        elif figure["clipped"]:
            broken.append(f"{figure['label']}: drawn but {figure['clipped']}")
    if not visit.figures_settled and not broken:
        broken.append(f"figures still not drawn after {_site.FIGURE_TIMEOUT_MS} ms")
    assert not broken, f"{visit.page}: " + "; ".join(broken)


def test_figures_are_drawn_at_readable_size(visit):
    """At a 1280 px wide window no chart may be squeezed below MIN_FIGURE_SCALE of
    its designed width (e.g. by widgets beside it in the same flex row)."""
    shrunk = [
        f"{figure['label']}: drawn at {figure['scale']:.0%} of its {figure['width']:.0f} px width"
        for figure in visit.figures
        if figure["scale"] is not None and figure["scale"] < _site.MIN_FIGURE_SCALE
    ]
    assert not shrunk, (
        f"{visit.page} at {_site.VIEWPORT['width']} px: chart text would be under {12 * _site.MIN_FIGURE_SCALE:g} px: " + "; ".join(shrunk)
    )


def test_no_console_errors(visit):
    errors = visit.console_errors + [f"HTTP {failure}" for failure in visit.failed_responses]
    assert not errors, f"{visit.page} logged {len(errors)} error(s):\n" + "\n".join(errors)


def test_no_requests_beyond_the_local_server(visit):
    assert not visit.external_requests, (
        f"{visit.page} asked for {len(visit.external_requests)} address(es) other than the local server "
        "(the book must work offline):\n" + "\n".join(visit.external_requests)
    )


def test_internal_links_and_anchors_resolve(visit, server, site):
    problems = _site.check_links(visit, server, site)
    assert not problems, f"{visit.page}: {len(problems)} broken internal link(s):\n" + "\n".join(problems)


def test_every_contents_entry_runs_on_as_one_line_of_text(visit):
    """A number glued into a heading is written as a block by myst-nb: in the
    page's contents it would break the entry into a line per number."""
    assert not visit.contents_broken, f"{visit.page}: contents entries broken by a block inside their link: {visit.contents_broken}"


def test_a_wide_window_shows_one_search_field(visit):
    """pydata-sphinx-theme's own header would add a second search field above
    sphinx-book-theme's sidebar on a wide window (`navbar_persistent` in _config.yml)."""
    assert visit.search_fields == 1, f"{visit.page}: {visit.search_fields} search fields at {_site.VIEWPORT['width']} px"


def test_each_table_is_numbered_in_its_chapter_as_its_figures_are() -> None:
    """A comparison table's number is its chapter's and its place there, as a
    figure's is (Table 3.1 beside Fig. 3.2): the page's own counter numbered
    both chapters' tables "Table 1", on their pages and in the printed book."""
    counted = 0
    for page in sorted((_site.SITE_DIR / "chapters").glob("*.html")):
        source = page.read_text(encoding="utf-8")
        tables = re.findall(r'<span class="table-number">Table (\d+)\.(\d+)</span>', source)
        figures = set(re.findall(r'<span class="caption-number">Fig\. (\d+)\.\d+ </span>', source))
        assert all(figures == {chapter} for chapter, _ in tables), (page.name, tables, figures)
        assert [int(place) for _, place in tables] == list(range(1, len(tables) + 1)), (page.name, tables)
        counted += len(tables)
    assert counted >= 2


# The lines the sidebar's book title is set on, by the vertical place of each character's box.
TITLE_LINES_JS = """() => {
  const title = document.querySelector('.logo__title');
  const text = title.firstChild;
  const lines = new Map();
  for (let index = 0; index < text.length; index++) {
    const range = document.createRange();
    range.setStart(text, index);
    range.setEnd(text, index + 1);
    const box = range.getBoundingClientRect();
    if (box.width === 0) continue;
    const top = Math.round(box.top);
    lines.set(top, (lines.get(top) || '') + text.data[index]);
  }
  return Array.from(lines.values()).map(line => line.trim());
}"""


def test_the_sidebars_book_title_keeps_its_years_on_one_line(browser, server) -> None:
    """The title's years are joined by an en dash, where a line may break: the
    sidebar set "2014" alone on the title's last line."""
    context = browser.new_context(viewport=_site.VIEWPORT)
    try:
        page = _site.open_page(context, server, _site.Visit(page="chapters/intro.html"))
        page.goto(server.url("chapters/intro.html"), wait_until="load")
        lines = page.evaluate(TITLE_LINES_JS)
    finally:
        context.close()
    assert len(lines) >= 2, lines
    years = [line for line in lines if "2014" in line]
    assert years and "2013" in years[0], lines
