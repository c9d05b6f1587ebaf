"""The PDF edition: `python -m analysis.tools.pdf` (run by `make pdf`).

Route: Jupyter Book's `singlehtml` builder renders the whole book, from the same
stored notebook outputs as the HTML edition, into one page; headless Chromium
(Debian's, driven by Playwright) waits for every chart and map to draw, then
prints it with a title page, a table of contents, page numbers and a PDF
outline. The charts are SVG, so they print as vector graphics; Chromium embeds
the fonts; internal links stay clickable. Nothing is fetched from outside.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from analysis.data import edition
from analysis.paths import REPO_ROOT

SINGLE_HTML = REPO_ROOT / "_build" / "singlehtml"
PDF_NAME = "nine-months.pdf"
PDF_PATH = REPO_ROOT / "_build" / "pdf" / PDF_NAME
# The HTML book offers the edition from here (a link on the Downloads page).
SITE_COPY = REPO_ROOT / "_build" / "html" / "pdf" / PDF_NAME
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DRAWN_JS = """() => Array.from(document.querySelectorAll('.vega-embed'))
  .every(el => el.querySelector('svg.marks, canvas.marks') || el.querySelector('.error'))"""
PAGE_MARGINS_MM = {"top": 18, "bottom": 20, "left": 16, "right": 16}
# The page is laid out as wide as the printed column (A4 less the side
# margins, in CSS pixels), so the charts _static/vega-fit.js fits to the column
# on screen are the size they print at.
PRINT_WIDTH_PX = round((210 - PAGE_MARGINS_MM["left"] - PAGE_MARGINS_MM["right"]) / 25.4 * 96)
# Every figure fitted to the width its column has now (vega-fit.js records the
# width it fitted to; a change of layout starts a new fit, which takes a few draws).
FITTED_JS = """() => Array.from(document.querySelectorAll('.vega-embed')).every(el => {
  const fitted = el.getAttribute('data-fitted');
  if (fitted === 'container') return true;
  const parent = el.parentElement, style = getComputedStyle(parent);
  const column = parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return fitted !== null && Math.abs(Number(fitted) - column) <= 1;
})"""
PRINT_CSS = (
    "@page {{ size: A4; margin: {top}mm {right}mm {bottom}mm {left}mm; }}".format(**PAGE_MARGINS_MM)
    + """
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-article, .header-article,
.prev-next-area, .bd-header-article, .headerbtn, .search-button, .theme-switch-button, #pst-back-to-top,
.toggle-secondary-sidebar, .table-filters, .figure-downloads, .skip-link, .headerlink, .onlyprint { display: none !important; }
.bd-page-width, .bd-container, .bd-container__inner, .bd-main, .bd-content, .bd-article-container, .bd-article {
  max-width: none !important; width: auto !important; min-width: 0 !important; flex: 1 1 0% !important;
  margin: 0 !important; padding: 0 !important; }
body { font-size: 10.5pt; }
h1 { break-before: page; }
figure, .vega-embed { break-inside: avoid; }
.vega-embed svg.marks { max-height: 200mm; width: auto !important; }
details.figure-data:not([open]) { display: none; }
table { width: 100% !important; max-width: 100% !important; table-layout: fixed; overflow-wrap: anywhere; }
details.figure-data table { display: table !important; font-size: 7pt; }
details.figure-data td, details.figure-data th { padding: 2px 3px !important; }
tr { break-inside: avoid; }
.edition-title { break-after: page; text-align: center; padding-top: 35vh; }
.edition-title h1 { break-before: avoid; font-size: 26pt; }
.edition-contents { break-after: page; }
.edition-contents li { margin: 0.3em 0; }
"""
)
FRONT_MATTER_JS = """([title, author, release]) => {
  const main = document.querySelector('main') || document.body;
  const headings = Array.from(main.querySelectorAll('h1')).filter(h => h.closest('section'));
  const contents = headings.map(h => {
    const id = h.closest('section').id;
    const text = h.textContent.replace('#', '').trim();
    return `<li><a href="#${id}">${text}</a></li>`;
  }).join('');
  const front = document.createElement('div');
  front.innerHTML = `<section class="edition-title"><h1>${title}</h1><p>${author}</p>`
    + `<p>PDF edition</p><p class="edition-release">${release}</p></section>`
    + `<section class="edition-contents"><h2>Contents</h2><ol>${contents}</ol></section>`;
  main.prepend(front);
  document.querySelectorAll('details.figure-data[open]').forEach(d => d.setAttribute('open', ''));
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build_single_html() -> Path:
    """The whole book as one page. Jupyter Book writes it as chapters/intro.html
    with addresses relative to the build's root, so it is served from there."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    subprocess.run([str(jupyter_book), "build", str(REPO_ROOT), "--builder", "singlehtml", "--keep-going"], check=True)
    edition = SINGLE_HTML / "edition.html"
    shutil.copyfile(SINGLE_HTML / "chapters" / "intro.html", edition)
    return edition


def print_pdf(index: Path = SINGLE_HTML / "edition.html", target: Path = PDF_PATH) -> Path:
    book = edition.edition()
    handler = functools.partial(_Quiet, directory=str(SINGLE_HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": PRINT_WIDTH_PX, "height": 1160}, color_scheme="light")
            page.route("**/*", lambda route, request: route.continue_() if "127.0.0.1" in request.url else route.abort())
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{index.relative_to(SINGLE_HTML).as_posix()}", wait_until="load")
            page.wait_for_function(DRAWN_JS, timeout=60_000)
            failed = page.locator(".vega-embed .error").count()
            if failed:
                raise RuntimeError(f"{failed} figure(s) failed to draw in the single-page book; no PDF written")
            page.add_style_tag(content=PRINT_CSS)
            page.evaluate(FRONT_MATTER_JS, [book.title, book.author, book.label])
            page.emulate_media(media="print")
            page.wait_for_function(FITTED_JS, timeout=60_000, polling="raf")
            page.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                outline=True,
                tagged=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template='<div style="font-size:8pt;width:100%;text-align:center;"><span class="pageNumber"></span></div>',
                margin={side: f"{size}mm" for side, size in PAGE_MARGINS_MM.items()},
            )
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return target


def inputs() -> list[Path]:
    """What the PDF is made from: the stored notebooks, the book's configuration and its static files."""
    return [
        *sorted((REPO_ROOT / "chapters").glob("*.ipynb")),
        REPO_ROOT / "_config.yml",
        REPO_ROOT / "_toc.yml",
        *sorted(path for path in (REPO_ROOT / "_static").iterdir() if path.is_file()),
        Path(__file__),
    ]


def up_to_date() -> bool:
    """True when the PDF and its copy in the HTML book are newer than everything they are made from."""
    if not (PDF_PATH.is_file() and SITE_COPY.is_file()):
        return False
    built = min(PDF_PATH.stat().st_mtime, SITE_COPY.stat().st_mtime)
    return all(path.stat().st_mtime < built for path in inputs())


def main() -> None:
    if up_to_date():
        print(f"{PDF_PATH.relative_to(REPO_ROOT)} is up to date")
        return
    path = print_pdf(build_single_html())
    SITE_COPY.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, SITE_COPY)
    print(f"wrote {path.relative_to(REPO_ROOT)} ({path.stat().st_size:,} bytes) and its copy in the HTML book")


if __name__ == "__main__":
    main()
