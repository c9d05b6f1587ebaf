"""The checks themselves, against a small synthetic site: each problem the page
tests look for is planted once and must be caught, and a clean page must pass.
This keeps the browser tests honest for things the book has no example of yet
(a broken chart, a blocked CDN, an interactive chart out of keyboard reach)."""

from __future__ import annotations

import shutil
import socket
import struct
import time

import altair as alt
import pandas as pd
import pytest

from analysis.report import theme

from . import _site

VENDORED = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "vega-preloaded.js"]
HEAD = "".join(f'<script src="/_static/{name}"></script>' for name in VENDORED)
TABLE = '<details class="figure-data"><summary>Data behind the figure</summary><table><tr><th>x</th></tr></table></details>'


def _chart_html(chart) -> str:
    theme.use()
    bundle = chart._repr_mimebundle_(None, None)
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    return bundle["text/html"]


def _frame():
    return pd.DataFrame({"x": [1, 2, 3, 4], "y": [3, 1, 2, 5]})


def _page(body: str, head: str = HEAD) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
        f'<link rel="icon" href="data:,">{head}</head><body><main><h1>Test page</h1>{body}</main></body></html>'
    )


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory, site):
    root = tmp_path_factory.mktemp("synthetic-site")
    (root / "_static").mkdir()
    for name in VENDORED:
        shutil.copyfile(site / "_static" / name, root / "_static" / name)
    described = alt.Chart(_frame(), description="Points: four values of y against x.").mark_point().encode(x="x:Q", y="y:Q")
    plain = alt.Chart(_frame()).mark_point().encode(x="x:Q", y="y:Q")
    invalid = alt.Chart(_frame(), description="broken").mark_point().encode(x="x:Q", y="y:Q").to_dict()
    invalid["mark"] = {"type": "no-such-mark"}
    brush = alt.selection_interval(encodings=["x"], name="brush")
    interactive = alt.Chart(_frame(), description="Timeline with a brush.").mark_point().encode(x="x:Q", y="y:Q").add_params(brush)
    bad_chart = _chart_html(described).replace('"mark": {"type": "point"}', '"mark": {"type": "no-such-mark"}', 1)
    assert "no-such-mark" in bad_chart
    pages = {
        "good.html": _page(
            f'<figure id="fig-good">{_chart_html(described)}</figure>{TABLE}'
            '<p><a href="good.html#fig-good">same page</a> <a href="other/deep.html#part">deeper</a> '
            '<a href="https://example.org/cited-source">a cited source, never fetched</a></p>'
        ),
        "other/deep.html": _page('<section id="part"><p><a href="../good.html">back</a></p></section>'),
        "broken.html": _page(
            f'<figure id="fig-bad">{bad_chart}</figure>{TABLE}'
            f'<figure id="fig-undescribed">{_chart_html(plain)}</figure>'
            '<img src="https://cdn.example.invalid/pixel.png">'
            '<link rel="preconnect" href="https://fonts.example.invalid"><link rel="icon" href="https://icons.example.invalid/favicon.ico">'
            "<script>const TWICE = 1;</script><script>const TWICE = 2;</script>"
            '<p><a href="missing.html">gone</a> <a href="good.html#no-such-id">bad anchor</a> '
            '<a href="#also-missing">bad local anchor</a></p>'
        ),
        "clipped.html": _page(
            '<div style="width: 180px; overflow: hidden"><div style="width: 720px">'
            f'<figure id="fig-wide">{_chart_html(described)}</figure></div></div>{TABLE}'
        ),
        "offline.html": _page(f'<figure id="fig-cdn">{_chart_html(described)}</figure>{TABLE}', head=""),
        "interactive.html": _page(f'<p><a href="good.html">before</a></p>{_chart_html(interactive)}{TABLE}'),
        "interactive-focusable.html": _page(
            f'<p><a href="good.html">before</a></p>{_chart_html(interactive)}{TABLE}'.replace(
                '<div id="altair-viz-', '<div tabindex="0" id="altair-viz-', 1
            )
        ),
    }
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    with _site.SiteServer(root) as server:
        yield root, server


@pytest.fixture(scope="module")
def synthetic_visits(synthetic, browser):
    root, server = synthetic
    context = browser.new_context(viewport=_site.VIEWPORT, service_workers="block")
    context.add_init_script(_site.INIT_SCRIPT)
    visits = {}
    try:
        for page in _site.discover_pages(root):
            visits[page] = _site.visit_page(context, server, page, axe=page == "broken.html")
    finally:
        context.close()
    return visits


def test_discovery_finds_every_page(synthetic):
    root, _ = synthetic
    assert _site.discover_pages(root) == sorted(
        ["broken.html", "clipped.html", "good.html", "interactive-focusable.html", "interactive.html", "offline.html", "other/deep.html"]
    )


def test_clean_page_passes_every_check(synthetic, synthetic_visits):
    root, server = synthetic
    good = synthetic_visits["good.html"]
    assert good.error is None and good.status == 200
    assert [f["drawn"] for f in good.figures] == [True]
    figure = good.figures[0]
    assert figure["label"].startswith("fig-good (altair-viz-")
    assert figure["ariaLabel"] == "Points: four values of y against x." and figure["role"] == "graphics-document"
    assert figure["description"] and not figure["interactive"] and good.data_tables == 1
    assert good.console_errors == [] and good.failed_responses == [] and good.external_requests == []
    assert _site.check_links(good, server, root) == []
    assert figure["embedDone"] is not None and figure["embedDone"] > 0


def test_broken_page_is_caught_on_every_count(synthetic, synthetic_visits):
    root, server = synthetic
    broken = synthetic_visits["broken.html"]
    bad, undescribed = broken.figures
    assert bad["error"] and "Javascript Error" in bad["error"] and not bad["drawn"]
    assert undescribed["drawn"] and undescribed["description"] == ""
    assert broken.data_tables == 1 < len(broken.figures)
    assert any("cdn.example.invalid/pixel.png" in r for r in broken.external_requests)
    assert any("fonts.example.invalid" in r for r in broken.external_requests)
    assert any("icons.example.invalid" in r for r in broken.external_requests)
    assert any("TWICE" in e for e in broken.console_errors)
    problems = _site.check_links(broken, server, root)
    assert any("missing.html" in p for p in problems)
    assert any("'no-such-id'" in p for p in problems)
    assert any("'also-missing'" in p for p in problems)
    assert len(problems) == 3
    assert broken.images_without_alt == ["https://cdn.example.invalid/pixel.png"]
    assert "image-alt" in {v["id"] for v in broken.axe if v["impact"] in {"serious", "critical"}}


def test_clipped_figure_is_caught(synthetic_visits):
    clipped = synthetic_visits["clipped.html"].figures[0]
    assert clipped["drawn"] and clipped["clipped"] and "cut off by div" in clipped["clipped"]
    assert synthetic_visits["good.html"].figures[0]["clipped"] is None


def test_blocked_cdn_shows_as_error_loading_script(synthetic_visits):
    offline = synthetic_visits["offline.html"]
    assert any("cdn.jsdelivr.net" in r for r in offline.external_requests)
    assert offline.figures[0]["error"] and "Error loading script" in offline.figures[0]["error"]


def test_keyboard_reach_of_interactive_figures(synthetic_visits):
    unreachable = synthetic_visits["interactive.html"]
    assert [f["interactive"] for f in unreachable.figures] == [True]
    assert [k["reached"] for k in unreachable.keyboard] == [False]
    focusable = synthetic_visits["interactive-focusable.html"]
    assert [k["reached"] for k in focusable.keyboard] == [True]
    assert focusable.console_errors == [] and focusable.external_requests == []


def test_a_reader_leaving_mid_download_is_no_error_of_the_test_server(tmp_path, capsys) -> None:
    """A page closed while a file is on its way to it (the next test moving on) left a
    server traceback in the log, read as a failure by whoever reads the run."""
    (tmp_path / "large.bin").write_bytes(bytes(4_000_000))
    with _site.SiteServer(tmp_path) as server:
        for _ in range(3):
            connection = socket.create_connection((server.host, server.port))
            connection.sendall(b"GET /large.bin HTTP/1.1\r\nHost: book\r\n\r\n")
            connection.recv(100)
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, as a closed tab does
            connection.close()
        time.sleep(0.5)
    assert "Traceback" not in capsys.readouterr().err


def test_a_context_keeps_what_the_server_sent_and_records_a_missing_file_on_every_page(tmp_path, browser, monkeypatch) -> None:
    """The test server lets a context keep what it sent (`_site._QuietHandler`): a
    stylesheet three visits name is fetched once, and a 404 is still reported on
    every page that names the missing file."""
    served: list[str] = []
    serve = _site._QuietHandler.do_GET

    def counted(handler) -> None:
        served.append(handler.path)
        serve(handler)

    monkeypatch.setattr(_site._QuietHandler, "do_GET", counted)
    (tmp_path / "kept.css").write_text("p { color: black; }", encoding="utf-8")
    for name in ("first.html", "second.html"):
        (tmp_path / name).write_text(
            _page('<p>text</p><img src="gone.png" alt="">', head='<link rel="stylesheet" href="kept.css">'), encoding="utf-8"
        )
    context = browser.new_context(viewport=_site.VIEWPORT, service_workers="block")
    try:
        with _site.SiteServer(tmp_path) as server:
            visits = [_site.visit_page(context, server, name, axe=False) for name in ("first.html", "second.html", "first.html")]
    finally:
        context.close()
    assert served.count("/kept.css") == 1, served
    assert [[failure for failure in visit.failed_responses if "gone.png" in failure] for visit in visits] == [
        [f"404 {server.origin}/gone.png"]
    ] * 3
