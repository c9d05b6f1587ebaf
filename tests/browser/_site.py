"""The built book as a reader's browser gets it: shared by the browser tests and
`bench/run.py`.

Everything here is generic over the book: the page tests are collected from
its sources (`book_pages`: `_toc.yml`; `figure_pages`: the chapters' stored
outputs), which `test_pages.py` checks against the pages of `_build/html`, and
figures are found in the DOM (Altair's `altair-viz-*` outputs and any
`.vega-embed` container), so pages added later are covered without edits.
"""

from __future__ import annotations

import functools
import html.parser
import http.server
import json
import re
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
SITE_DIR = REPO_ROOT / "_build" / "html"
SCREENSHOT_DIR = REPO_ROOT / "_build" / "screenshots"
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The browser tests run in Debian's chromium-headless-shell, the headless build
# of the same Chromium (the one Playwright runs headless by default): the same
# Blink and V8 at about two thirds of the full browser's CPU. The phone's taps
# (test_touch.py) and the pictures for people (bench/) use the full browser: after
# a tap's click the shell sends a mouseout a phone never sends, closing the
# tooltip the tap opened.
CHROMIUM = "/usr/bin/chromium-headless-shell"
FULL_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Zero network: no address but the book's server resolves, whatever asks
    # for it (a page, a favicon, a DNS prefetch); `watch` records who asked.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1280, "height": 900}
# The fitted pages' time zone, whatever the machine's (test_figure_layout.py reads them as UTC's).
READERS_ZONE = "UTC"
FIGURE_TIMEOUT_MS = 15_000
# A chart drawn below this fraction of its own size (the SVG scales to fit its
# column) has 12 px chart text under 9 px: too small to read.
MIN_FIGURE_SCALE = 0.75

NOT_BUILT = "the built book is missing: {index} does not exist. Run `make book` first (it builds the site these browser tests load)."

# Pages Sphinx generates for tooling rather than reading.
GENERATED_PAGES = {"genindex.html", "search.html", "py-modindex.html"}
REDIRECT = re.compile(r"<meta\s+http-equiv=[\"']refresh[\"']", re.IGNORECASE)


# --------------------------------------------------------------------------- site


def site_is_built(site: Path = SITE_DIR) -> bool:
    return (site / "index.html").is_file()


def is_redirect(path: Path) -> bool:
    """Jupyter Book's root index.html is only a meta-refresh to the first page."""
    return bool(REDIRECT.search(path.read_text(encoding="utf-8", errors="replace")[:4000]))


def discover_pages(site: Path = SITE_DIR, include_redirects: bool = False) -> list[str]:
    """Every reader-facing HTML page of the built site, as paths relative to `site`
    (POSIX), sorted. Skips `_static/`, `_sources/`, `_images/`, `_downloads/` and any
    other `_`-prefixed folder, the generated genindex/search pages and, unless
    asked, pure redirect pages."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if any(part.startswith((".", "_")) for part in rel.parts[:-1]):
            continue
        if rel.as_posix() in GENERATED_PAGES:
            continue
        if not include_redirects and is_redirect(path):
            continue
        pages.append(rel.as_posix())
    return pages


@functools.cache  # read once per process, not once per parametrised test
def book_pages(repo: Path = REPO_ROOT) -> tuple[str, ...]:
    """The reader-facing pages the book builds, from its sources (`_toc.yml`), sorted:
    the page-parametrised tests are collected from them, so that they can be
    collected while the book is rendered (test_pages.py checks that the built site
    has these pages and no other)."""
    return tuple(sorted(toc_pages(repo)))


@functools.cache
def figure_pages(repo: Path = REPO_ROOT) -> tuple[str, ...]:
    """The pages of `book_pages` whose chapter's stored outputs draw a chart or map."""
    notebooks = [(page, (repo / page).with_suffix(".ipynb")) for page in book_pages(repo)]
    return tuple(page for page, notebook in notebooks if notebook.is_file() and "altair-viz-" in notebook.read_text(encoding="utf-8"))


def toc_pages(repo: Path = REPO_ROOT) -> list[str]:
    """The HTML page each `_toc.yml` entry (root, file, glob-free) should build to."""
    import yaml

    toc = yaml.safe_load((repo / "_toc.yml").read_text(encoding="utf-8"))
    files: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    files.append(node[key])
            for value in node.values():
                if isinstance(value, (list, dict)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return [re.sub(r"\.(md|ipynb|rst)$", "", f) + ".html" for f in files]


def page_stem(page: str) -> str:
    return page[: -len(".html")] if page.endswith(".html") else page


class _IdCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


@functools.cache
def static_ids(path: Path) -> frozenset[str]:
    """Every id (and `<a name>`) in a built HTML file, as a link's #fragment would find it."""
    collector = _IdCollector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return frozenset(collector.ids)


def altair_specs(page_html: str) -> list[dict]:
    """The Vega-Lite specs Altair inlined in a page (`})(SPEC, OPTIONS);`)."""
    decoder = json.JSONDecoder()
    specs = []
    for match in re.finditer(r"\}\)\(\s*(?=\{)", page_html):
        try:
            spec, _ = decoder.raw_decode(page_html, match.end())
        except json.JSONDecodeError:
            continue
        if isinstance(spec, dict) and ("$schema" in spec or "mark" in spec or "layer" in spec):
            specs.append(spec)
    return specs


# -------------------------------------------------------------------- HTTP server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def end_headers(self):
        # A reader going from page to page keeps what the book sent: in one browser
        # context each script and stylesheet is fetched and compiled once, which
        # halves the CPU of a page load after the first. The site does not change
        # while a test session reads it (the tests wait for `make test`'s render,
        # tests/conftest.py), and a response the context kept is still reported to
        # `watch`, a missing file's 404 included (test_harness.py).
        self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()


class _SiteHTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        # A page closed while a file was still on its way to it (a test moving on) is no fault of the site.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


# How often the server looks for its shutdown (at the standard half second, each stop waited out the poll).
SERVER_POLL_S = 0.02


class SiteServer:
    """The built site on 127.0.0.1 at a random free port, in a daemon thread."""

    def __init__(self, root: Path = SITE_DIR) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = _SiteHTTPServer(("127.0.0.1", 0), handler)
        self.host, self.port = self.httpd.server_address[:2]
        self.origin = f"http://{self.host}:{self.port}"
        self.netloc = f"{self.host}:{self.port}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": SERVER_POLL_S}, name="book-http", daemon=True
        )

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, page: str) -> str:
        return f"{self.origin}/{page}"


def launch_chromium(playwright, executable: str = CHROMIUM):
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


# ------------------------------------------------------------------ in-page code

# Installed before any page script: wraps `window.vegaEmbed` when vega-embed defines
# it, to learn each embed's spec (is it interactive? has it a description?) and
# when its view finished rendering. Rendering itself is checked from the DOM.
INIT_SCRIPT = r"""
(() => {
  window.__bookEmbeds = [];
  let wrapped;
  const wrap = (embed) => {
    if (typeof embed !== "function" || embed.__bookWrapped) return embed;
    const inner = function (el, spec, opts) {
      const target = typeof el === "string" ? document.querySelector(el) : el;
      const record = { id: target && target.id, spec: spec, start: performance.now(), done: null, error: null };
      window.__bookEmbeds.push(record);
      const result = embed.apply(this, arguments);
      Promise.resolve(result).then(
        () => { record.done = performance.now(); },
        (err) => { record.error = String(err && err.message || err); }
      );
      return result;
    };
    Object.assign(inner, embed);
    inner.__bookWrapped = true;
    return inner;
  };
  Object.defineProperty(window, "vegaEmbed", {
    configurable: true,
    enumerable: true,
    get() { return wrapped; },
    set(value) { wrapped = wrap(value); },
  });
})();
"""

# The figure containers on a page: Altair outputs and other vega-embed targets.
FIGURES_JS = r"""
() => {
  const seen = new Set();
  const out = [];
  for (const el of document.querySelectorAll('[id^="altair-viz-"], .vega-embed')) {
    if (el.closest('[id^="altair-viz-"]') !== el && el.closest('[id^="altair-viz-"]')) continue;
    if (seen.has(el)) continue;
    seen.add(el);
    out.push(el);
  }
  return out;
}
"""

FIGURE_STATUS_JS = (
    r"""
() => {
  const containers = ("""
    + FIGURES_JS
    + r""")();
  const embeds = window.__bookEmbeds || [];
  const describe = (el, index) => {
    const fig = el.closest("figure[id]") || el.closest("[id^='fig-']");
    const section = el.closest("section[id]");
    const label = (fig && fig.id) ? `${fig.id} (${el.id || "figure " + (index + 1)})` : (el.id || `figure ${index + 1}`);
    const text = (el.textContent || "").trim();
    const error = /Error loading script|Javascript Error/i.test(text) || el.querySelector(".error")
      ? text.slice(0, 300) : null;
    const graphic = el.querySelector("svg.marks, canvas.marks") || el.querySelector("svg, canvas");
    let width = 0, height = 0, marks = 0, tag = null, label_ = "", role = "", described = "", scale = null;
    if (graphic) {
      tag = graphic.tagName.toLowerCase();
      if (tag === "canvas") {
        width = graphic.width; height = graphic.height; marks = width * height > 0 ? 1 : 0;
      } else {
        const box = graphic.getBoundingClientRect();
        const intrinsic = parseFloat(graphic.getAttribute("width")) || 0;
        if (box.width > 0 && intrinsic > 0) scale = box.width / intrinsic;
        width = Math.max(box.width, intrinsic);
        height = Math.max(box.height, parseFloat(graphic.getAttribute("height")) || 0);
        marks = graphic.querySelectorAll("path, rect, line, circle, text, image, polygon, polyline, ellipse").length;
      }
    }
    // Vega puts role="graphics-document" and the description's aria-label on the
    // svg (Vega 5) or on the embed container around it (Vega 6).
    for (const node of [graphic, el]) {
      if (!node) continue;
      label_ = label_ || (node.getAttribute("aria-label") || "").trim();
      role = role || node.getAttribute("role") || "";
      const describedBy = node.getAttribute("aria-describedby");
      if (describedBy && !described) {
        described = describedBy.split(/\s+/).map(id => (document.getElementById(id) || {}).textContent || "").join(" ").trim();
      }
    }
    const embed = embeds.find(e => e.id && e.id === el.id);
    // Cut off: the drawn graphic reaches past an ancestor that clips it (overflow
    // hidden/clip), or past the left edge of one that scrolls (never reachable).
    let clipped = null;
    if (graphic && tag === "svg") {
      const box = graphic.getBoundingClientRect();
      for (let a = graphic.parentElement; a && box.width > 0 && a !== document.documentElement; a = a.parentElement) {
        const overflow = getComputedStyle(a).overflowX;
        if (overflow === "visible") continue;
        const edge = a.getBoundingClientRect();
        const left = box.left < edge.left - 1, right = box.right > edge.right + 1;
        if (left || (right && (overflow === "hidden" || overflow === "clip"))) {
          const name = a.tagName.toLowerCase() + (a.id ? "#" + a.id : "")
            + (a.classList.length ? "." + Array.from(a.classList).join(".") : "");
          const cut = Math.round(Math.max(edge.left - box.left, 0) + Math.max(box.right - edge.right, 0));
          clipped = `${cut}px cut off by ${name} (overflow-x: ${overflow})`;
          break;
        }
      }
    }
    let interactive = false, description = null;
    if (embed && embed.spec && typeof embed.spec === "object") {
      description = typeof embed.spec.description === "string" ? embed.spec.description.trim() : "";
      const walk = (node) => {
        if (!node || typeof node !== "object") return false;
        if (Array.isArray(node)) return node.some(walk);
        if (Array.isArray(node.params) && node.params.some(p => p && (p.select || p.bind))) return true;
        if (node.selection && typeof node.selection === "object") return true;  // Vega-Lite 4 syntax
        return Object.values(node).some(v => v && typeof v === "object" && walk(v));
      };
      interactive = walk(embed.spec);
    }
    return {
      index, id: el.id || null, label, section: section ? section.id : null,
      tag, width, height, marks, drawn: !!graphic && width > 0 && height > 0 && marks > 0,
      error, clipped, scale, ariaLabel: label_, role, described,
      description, interactive,
      embedStart: embed ? embed.start : null, embedDone: embed ? embed.done : null,
      embedError: embed ? embed.error : null,
    };
  };
  return containers.map(describe);
}
"""
)

FIGURES_SETTLED_JS = (
    r"""
() => {
  const containers = ("""
    + FIGURES_JS
    + r""")();
  return containers.every(el => {
    const text = el.textContent || "";
    if (/Error loading script|Javascript Error/i.test(text) || el.querySelector(".error")) return true;
    const g = el.querySelector("svg.marks, canvas.marks") || el.querySelector("svg, canvas");
    if (!g) return false;
    if (g.tagName.toLowerCase() === "canvas") return g.width > 0 && g.height > 0;
    const w = parseFloat(g.getAttribute("width")) || g.getBoundingClientRect().width;
    const h = parseFloat(g.getAttribute("height")) || g.getBoundingClientRect().height;
    return w > 0 && h > 0 && g.querySelector("path, rect, line, circle, text, image, polygon") !== null;
  });
}
"""
)

LINKS_JS = r"""
() => Array.from(document.querySelectorAll("a[href], area[href]")).map(a => ({
  href: a.getAttribute("href"), url: a.href, text: (a.textContent || a.getAttribute("aria-label") || "").trim().slice(0, 60),
}))
"""

IDS_JS = r"""() => Array.from(document.querySelectorAll("[id], a[name]")).map(e => e.id || e.getAttribute("name"))"""

# Links the browser follows without a request event `watch` hears: resource
# hints (a connection or DNS look-up) and icons (fetched by the browser itself).
PRECONNECT_JS = r"""
() => Array.from(document.querySelectorAll("link[href]"))
  .filter(l => /(^|\s)(preconnect|dns-prefetch|prefetch|preload|prerender|modulepreload|icon|apple-touch-icon|manifest)(\s|$)/i.test(l.rel))
  .map(l => l.href)
"""

AXE_RUN_JS = r"""
async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({
      target: n.target.map(t => Array.isArray(t) ? t.join(" ") : t).join(" >> "),
      impact: n.impact,
      summary: (n.failureSummary || "").slice(0, 300),
    })),
  }));
}
"""

# Focuses the last element before figure `index` that takes focus, so that a
# real Tab press from there shows whether keyboard focus reaches the figure.
FOCUS_BEFORE_FIGURE_JS = (
    r"""
(index) => {
  const containers = ("""
    + FIGURES_JS
    + r""")();
  const target = containers[index];
  const preceding = Array.from(document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"]'
  )).filter(el => el.tabIndex >= 0 && !el.disabled && !target.contains(el)
    && (target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING));
  for (const el of preceding.reverse()) {
    el.focus({ preventScroll: true });
    if (document.activeElement === el) return el.outerHTML.slice(0, 120);
  }
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  return null;
}
"""
)

FOCUS_INSIDE_FIGURE_JS = (
    r"""
(index) => {
  const target = ("""
    + FIGURES_JS
    + r""")()[index];
  const active = document.activeElement;
  return !!(active && target && (target === active || target.contains(active)));
}
"""
)


# ----------------------------------------------------------------------- visits


@dataclass(repr=False)
class Visit:
    """What one page load showed: every test asserts on one part of it."""

    page: str
    url: str = ""
    status: int | None = None
    final_url: str = ""
    load_ms: float = 0.0
    figures_settled: bool = True
    figures: list[dict] = field(default_factory=list)
    data_tables: int = 0
    console_errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    dom_ids: set[str] = field(default_factory=set)
    keyboard: list[dict] = field(default_factory=list)
    axe: list[dict] = field(default_factory=list)
    images_without_alt: list[str] = field(default_factory=list)
    contents_broken: list[str] = field(default_factory=list)
    search_fields: int = 0
    mark_labels: list[str] = field(default_factory=list)
    error: str | None = None
    # Console errors and failed responses count while the page is the reader's;
    # once the test injects axe-core they stop counting (axe's own CSSOM preload
    # re-fetches `@import`ed sheets relative to the document and 404s).
    reader_phase: bool = True

    def __repr__(self) -> str:  # keeps pytest's failure reports short
        return f"Visit({self.page!r}, status={self.status}, figures={len(self.figures)})"


def is_local(url: str, server: SiteServer) -> bool:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme in ("data", "blob", "about", "javascript"):
        return True
    return parsed.netloc == server.netloc


def watch(page: Page, server: SiteServer, current: Callable[[], Visit]) -> None:
    """Record on the visit `current()` names every request of `page` to another
    address than the book's server (the browser resolves no other host:
    CHROMIUM_ARGS), and the page's console errors and failed responses. The
    requests are listened to, not routed: a route holds each request until
    Python lets it go, some 0.1 CPU-seconds a page load."""

    def on_request(request):
        if not is_local(request.url, server):
            current().external_requests.append(f"{request.method} {request.url} ({request.resource_type})")

    page.on("request", on_request)
    page.on("websocket", lambda ws: current().external_requests.append(f"WebSocket {ws.url}"))

    def on_console(message):
        visit = current()
        if message.type == "error" and visit.reader_phase:
            where = message.location.get("url") if message.location else ""
            visit.console_errors.append(f"console.error: {message.text}" + (f" [{where}]" if where else ""))

    page.on("console", on_console)

    def on_page_error(exc):
        visit = current()
        if visit.reader_phase:
            visit.console_errors.append(f"uncaught exception: {exc}")

    page.on("pageerror", on_page_error)

    def on_response(response):
        if response.status >= 400 and current().reader_phase:
            current().failed_responses.append(f"{response.status} {response.url}")

    page.on("response", on_response)

    def on_request_failed(request):
        if current().reader_phase and is_local(request.url, server):
            current().failed_responses.append(f"failed {request.url}: {request.failure}")

    page.on("requestfailed", on_request_failed)


def open_page(context: BrowserContext, server: SiteServer, visit: Visit) -> Page:
    """A new page, watched for `visit` (`watch`): for a test that keeps it open or changes it for good."""
    page = context.new_page()
    watch(page, server, lambda: visit)
    return page


@dataclass
class _Tab:
    page: Page
    server: SiteServer
    visit: Visit


# Each browser context's reused tab (`reused_tab`), dropped when the context closes.
_TABS: dict[BrowserContext, _Tab] = {}
# A new tab starts with no sessionStorage (the theme keeps the sidebar's scroll
# there as a page is left); the reused tab starts each page so.
FRESH_SESSION_JS = "try { sessionStorage.clear(); } catch (error) {}"


def reused_tab(context: BrowserContext, server: SiteServer, visit: Visit) -> Page:
    """The context's one reused tab, blank and watched for `visit` from now on:
    for a visit that loads a page, reads it and leaves it. A page loaded in a
    tab that has shown the book before takes about a fifth less CPU than in a
    new tab (its renderer is kept), and the browser tests load some sixty
    pages. Each page starts as in a new tab: its own scripts, focus and scroll,
    no sessionStorage, and nothing the page before sends as it is left (the tab
    is blanked first). What a test sets on the tab itself stays for the next:
    a test that adds a route or a script to the page, or keeps it open, takes a
    new one (`open_page`); one that emulates print media does so in a context
    of its own."""
    tab = _TABS.get(context)
    if tab is None or tab.page.is_closed():
        page = context.new_page()
        page.add_init_script(FRESH_SESSION_JS)
        if context not in _TABS:
            context.on("close", lambda _: _TABS.pop(context, None))
        tab = _TABS[context] = _Tab(page, server, visit)
        watch(page, server, lambda: tab.visit)
    if tab.server is not server:
        raise ValueError(f"a context's reused tab serves one site: {tab.server.origin}, not {server.origin}")
    tab.visit = Visit(page="about:blank", reader_phase=False)
    tab.page.goto("about:blank")
    tab.visit = visit
    return tab.page


def load(page, server: SiteServer, visit: Visit, timeout_ms: int = FIGURE_TIMEOUT_MS) -> None:
    """Navigate, then wait until every figure is drawn (or shows an error)."""
    visit.url = server.url(visit.page)
    start = time.perf_counter()
    response = page.goto(visit.url, wait_until="load", timeout=30_000)
    visit.status = response.status if response else None
    visit.final_url = page.url
    try:
        page.wait_for_function(FIGURES_SETTLED_JS, timeout=timeout_ms, polling="raf")
    except Exception:
        visit.figures_settled = False
    visit.load_ms = (time.perf_counter() - start) * 1000
    visit.figures = page.evaluate(FIGURE_STATUS_JS)


def load_fitted(page: Page, server: SiteServer, visit: Visit) -> None:
    """`load`, then wait until every chart is as wide as its column (`FIGURES_FITTED_JS`)."""
    load(page, server, visit)
    page.wait_for_function(FIGURES_FITTED_JS, timeout=FIGURE_TIMEOUT_MS, polling="raf")


# Entries of the page's contents and of the book's navigation whose link holds a
# block (a number glued into a heading, which myst-nb writes as one), by their text.
CONTENTS_BROKEN_JS = """() => [...document.querySelectorAll('nav.page-toc a, nav.bd-docs-nav a')]
  .filter(link => [...link.querySelectorAll('*')].some(inner => !['inline', 'none'].includes(getComputedStyle(inner).display)))
  .map(link => link.textContent.replace(/\\s+/g, ' ').trim())"""
# The search fields a reader sees.
SEARCH_FIELDS_JS = """() => [...document.querySelectorAll('.search-button-field')]
  .map(field => field.getBoundingClientRect()).filter(box => box.width > 0 && box.height > 0).length"""
# What a screen reader says of each mark of a chart or map (axes and legends apart).
MARK_LABELS_JS = """() => Array.from(document.querySelectorAll('.vega-embed svg.marks [aria-label]'))
  .filter(el => !el.closest('.role-axis, .role-legend'))
  .map(el => el.getAttribute('aria-label'))"""


def visit_page(context, server: SiteServer, page_path: str, *, axe: bool = True) -> Visit:
    """Load one page and gather everything the tests check."""
    visit = Visit(page=page_path)
    page = reused_tab(context, server, visit)
    try:
        load(page, server, visit)
        visit.data_tables = page.locator("details.figure-data").count()
        visit.links = page.evaluate(LINKS_JS)
        visit.dom_ids = set(page.evaluate(IDS_JS))
        for href in page.evaluate(PRECONNECT_JS):
            if not is_local(href, server):
                visit.external_requests.append(f"<link> hint to {href}")
        visit.contents_broken = page.evaluate(CONTENTS_BROKEN_JS)
        visit.search_fields = page.evaluate(SEARCH_FIELDS_JS)
        visit.mark_labels = page.evaluate(MARK_LABELS_JS)
        visit.images_without_alt = page.evaluate(
            "() => Array.from(document.querySelectorAll('article img, main img'))"
            ".filter(i => !i.hasAttribute('alt') && !i.getAttribute('aria-label') && i.getAttribute('role') !== 'presentation')"
            ".map(i => i.getAttribute('src'))"
        )
        for figure in visit.figures:
            if not figure["interactive"]:
                continue
            start = page.evaluate(FOCUS_BEFORE_FIGURE_JS, figure["index"])
            reached = False
            for _ in range(3):  # the container, its svg, or a control just inside it
                page.keyboard.press("Tab")
                if page.evaluate(FOCUS_INSIDE_FIGURE_JS, figure["index"]):
                    reached = True
                    break
            landed = page.evaluate("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 100) : null")
            visit.keyboard.append({"label": figure["label"], "reached": reached, "from": start, "landed": landed})
        if axe:
            visit.reader_phase = False
            # Evaluated, not added as a <script>: the page's content security policy blocks inline scripts it did not ship with.
            page.evaluate(AXE_JS.read_text(encoding="utf-8"))
            visit.axe = page.evaluate(AXE_RUN_JS)
    except Exception as exc:
        visit.error = f"{type(exc).__name__}: {exc}"
        page.close()  # a page that crashed or hung is not reused: the next visit takes a new tab
    return visit


# ------------------------------------------------------------ link resolution


def check_links(visit: Visit, server: SiteServer, site: Path = SITE_DIR) -> list[str]:
    """Problems with the page's internal links: a missing target file, or a
    #fragment that is no id on the target page."""
    problems = []
    page_url = server.url(visit.page)
    for link in visit.links:
        url = link["url"]
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or parsed.netloc != server.netloc:
            continue  # mailto:, javascript:, and links out to cited sources (never requested)
        path = urllib.parse.unquote(parsed.path).lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        target = site / path
        where = f"href={link['href']!r} ({link['text'] or 'no text'})"
        if not target.is_file():
            problems.append(f"{where}: no file {path} in the built site")
            continue
        fragment = urllib.parse.unquote(parsed.fragment)
        if not fragment:
            continue
        same_page = urllib.parse.urlsplit(page_url).path == parsed.path
        ids = visit.dom_ids if same_page else set()
        if target.suffix == ".html" and fragment not in ids and fragment not in static_ids(target):
            problems.append(f"{where}: no id {fragment!r} on {path}")
    return problems


# ------------------------------------------------------------- figure layout

# How each figure sits in the text column as a reader sees it: its drawn width
# (for a map, the land and sea it draws, not its legend) beside the column's,
# the smallest chart text as rendered (font size times the SVG's on-screen
# scale), labels cut short with "…", visible labels that overlap, labels the
# chart writes (text marks) on a bar they do not name, under one of its
# rules or touching one, and whether the page scrolls sideways.
FIGURE_LAYOUT_JS = (
    r"""
() => {
  // A label nearer a rule than this, beside it, reads as touching it (its box holds the glyphs' side bearings too).
  const RULE_CLEARANCE_PX = 3;
  const AXIS_LABEL_GAP_PX = 4;
  const article = document.querySelector("article.bd-article") || document.querySelector("main") || document.body;
  const style = getComputedStyle(article);
  const column = article.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const visible = (node, svg) => {
    for (let n = node; n && n !== svg.parentElement; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === "none" || s.visibility === "hidden" || parseFloat(s.opacity) === 0) return false;
      if (n.getAttribute && (n.getAttribute("opacity") === "0" || n.getAttribute("fill-opacity") === "0")) return false;
    }
    return true;
  };
  const union = (boxes) => boxes.length ? {
    left: Math.min(...boxes.map(b => b.left)), right: Math.max(...boxes.map(b => b.right)),
  } : null;
  const containers = ("""
    + FIGURES_JS
    + r""")();
  const figures = containers.map((el, index) => {
    const fig = el.closest("figure[id]") || el.closest("[id^='fig-']");
    const label = fig && fig.id ? fig.id : (el.id || `figure ${index + 1}`);
    const svg = el.querySelector("svg.marks");
    if (!svg) return { index, label, drawn: null };
    const frame = svg.getBoundingClientRect();
    const shapes = Array.from(svg.querySelectorAll("g.mark-shape path"))
      .map(p => p.getBoundingClientRect()).filter(b => b.width > 0)
      .map(b => ({ left: Math.max(b.left, frame.left), right: Math.min(b.right, frame.right) }));
    const land = union(shapes);
    const drawn = land ? land.right - land.left : frame.width;
    const texts = Array.from(svg.querySelectorAll("text")).filter(t => (t.textContent || "").trim() && visible(t, svg));
    let smallest = null, smallestText = "";
    const boxes = [];
    for (const t of texts) {
      const ctm = t.getScreenCTM();
      const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (smallest === null || size < smallest) { smallest = size; smallestText = t.textContent.trim().slice(0, 40); }
      const b = t.getBoundingClientRect();
      if (b.width > 0 && b.height > 0) boxes.push({ text: t.textContent.trim().slice(0, 40), b });
    }
    const cut = texts.map(t => t.textContent.trim()).filter(s => /(…|\.\.\.)$/.test(s));
    // Text that runs past the drawing's edge is cut off by it, with no ellipsis to say so.
    const clipped = boxes.filter(({ b }) => b.left < frame.left - 1 || b.right > frame.right + 1).map(({ text }) => text);
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].b, b = boxes[j].b;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        // Glyph boxes carry ascent and descent padding: only a real collision
        // (more than a quarter of the smaller label's height) counts.
        if (x > 2 && y > 0.25 * Math.min(a.height, b.height)) overlaps.push(`${boxes[i].text} × ${boxes[j].text}`);
      }
    }
    // An axis's labels on one line that nearly touch read as one ("Apr 2013May 2013", 2 px apart on a phone).
    const crowded = Array.from(svg.querySelectorAll("g.role-axis")).flatMap(axis => {
      const labels = Array.from(axis.querySelectorAll("g.role-axis-label text"))
        .filter(t => t.textContent.trim() && getComputedStyle(t).opacity !== "0" && t.getAttribute("opacity") !== "0")
        .map(t => ({ text: t.textContent.trim(), b: t.getBoundingClientRect() }))
        .filter(({ b }) => b.width > 0);
      const found = [];
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const [a, b] = [labels[i].b, labels[j].b];
          const sameLine = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5 * Math.min(a.height, b.height);
          const gap = Math.max(a.left, b.left) - Math.min(a.right, b.right);
          if (sameLine && gap >= -2 && gap < AXIS_LABEL_GAP_PX) found.push(`${labels[i].text} | ${labels[j].text} (${gap.toFixed(1)} px)`);
        }
      }
      return found;
    });
    // A label the chart writes on its plot (a text mark, not an axis, legend or
    // title) may lie on bars when it names one of them (a bar's value, a phase's
    // name: wholly inside that bar, or centred on it); any other label keeps
    // clear of every bar and of every rule: a halo hides a rule behind a label's
    // letters, not between them or its words. The bands behind the data (a gap in the
    // records) are hidden from assistive technology (aria-hidden), as they are
    // not data: labels may sit on them.
    const written = Array.from(svg.querySelectorAll("g.mark-text text"))
      .filter(t => (t.textContent || "").trim() && visible(t, svg))
      .map(t => ({ t, text: t.textContent.trim().slice(0, 40), b: t.getBoundingClientRect() }))
      .filter(({ b }) => b.width > 0 && b.height > 0);
    const shown = (selector) => Array.from(svg.querySelectorAll(selector))
      .filter(el => !el.closest('[aria-hidden="true"]') && visible(el, svg))
      .map(el => ({ el, r: el.getBoundingClientRect() }));
    const bars = shown("g.mark-rect path").filter(({ r }) => r.width > 0 && r.height > 0);
    const rules = shown("g.mark-rule line");
    const covered = [];
    for (const { t, text, b } of written) {
      const top = b.top + 0.25 * b.height, bottom = b.bottom - 0.25 * b.height;  // glyph boxes carry ascent and descent padding
      const rows = (r) => Math.min(r.bottom, bottom) - Math.max(r.top, top);
      const on = ({ r }) => Math.min(r.right, b.right) - Math.max(r.left, b.left) > 2 && rows(r) > 0;
      const names = ({ r }) => on({ r }) && (
        (b.left >= r.left - 1 && b.right <= r.right + 1 && top >= r.top - 1 && bottom <= r.bottom + 1)
        || Math.abs((b.left + b.right) / 2 - (r.left + r.right) / 2) <= 2);
      if (bars.some(on) && !bars.some(names)) covered.push(`${text} on a bar it does not name`);
      const through = ({ r }) => r.left > b.left + 2 && r.right < b.right - 2 && rows(r) > 0;
      const grazing = ({ r }) => !through({ r }) && rows(r) > 0
        && r.right > b.left - RULE_CLEARANCE_PX && r.left < b.right + RULE_CLEARANCE_PX;
      if (rules.some(through)) covered.push(`${text} crossed by a rule`);
      else if (rules.some(grazing)) covered.push(`${text} within ${RULE_CLEARANCE_PX} px of a rule`);
    }
    // A label written in a panel of a concatenated chart stays within its panel's plot: past its edge
    // it runs into the gutter or the next panel (Fig. 4.4's "deadline of the talks" on a phone).
    const strayed = Array.from(svg.querySelectorAll("g.mark-text.role-mark text"))
      .filter(t => (t.textContent || "").trim() && visible(t, svg))
      .flatMap(t => {
        const scope = t.closest("g.role-scope");
        const plot = scope && scope.querySelector(":scope > g > path.background");
        if (!plot) return [];
        const r = plot.getBoundingClientRect(), b = t.getBoundingClientRect();
        const past = Math.max(r.left - b.left, b.right - r.right);
        return b.width > 0 && past > 1 ? [`${t.textContent.trim().slice(0, 40)} (${past.toFixed(0)} px past its panel)`] : [];
      });
    // A bar drawn over part of another of its mark hides that one's value;
    // stacked bars and bars side by side only share an edge.
    const hidden = [];
    const marks = Array.from(new Set(bars.map(({ el }) => el.parentElement)));
    for (const mark of marks) {
      const own = bars.filter(({ el }) => el.parentElement === mark).map(({ el, r }) => ({ r, name: el.getAttribute("aria-label") || "" }));
      for (let i = 0; i < own.length; i++) {
        for (let j = i + 1; j < own.length; j++) {
          const a = own[i].r, b = own[j].r;
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (x > 1 && y > 1) hidden.push(`${own[i].name.slice(0, 60)} × ${own[j].name.slice(0, 60)}`);
        }
      }
    }
    // A mark's view: its cell of a concatenated chart, or the chart's frame.
    const viewOf = (node) => node.closest("g.role-scope") || node.closest("g.role-frame");
    // A bar is read against its value axis: none rises past the axis's highest
    // labelled value, where a reader would have to guess what it reaches (26
    // prisoners drawn up to an unlabelled top above the tick for 20). The axis
    // is the linear one of the bar's own view (Vega names an axis by its
    // orientation and scale in its aria-label).
    const unlabelled = [];
    for (const { el, r } of bars.filter(({ el }) => el.getAttribute("aria-roledescription") === "bar")) {
      const view = viewOf(el);
      if (!view) continue;
      for (const axis of view.querySelectorAll("g.role-axis")) {
        const name = axis.getAttribute("aria-label") || "";
        if (viewOf(axis) !== view || !/linear scale/.test(name)) continue;
        const labels = Array.from(axis.querySelectorAll("g.role-axis-label text"))
          .filter(t => (t.textContent || "").trim() && visible(t, svg)).map(t => t.getBoundingClientRect());
        if (!labels.length) continue;
        const vertical = name.startsWith("Y-axis");
        const past = vertical
          ? r.top < Math.min(...labels.map(b => (b.top + b.bottom) / 2)) - 1
          : r.right > Math.max(...labels.map(b => (b.left + b.right) / 2)) + 1;
        if (past) unlabelled.push(`${(el.getAttribute("aria-label") || "a bar").slice(0, 60)} past the last label of ${name.slice(0, 80)}`);
      }
    }
    // A point, or a bar on a time axis, is drawn whole inside its plot, not cut by the edge where its axis starts
    // or ends (Fig. 2.2's last bar ran 3 px past the axis's end, its first under the y axis).
    const edged = [];
    for (const point of svg.querySelectorAll('path[aria-roledescription="point"], path[aria-roledescription="bar"]')) {
      const view = viewOf(point);
      const axis = view && Array.from(view.querySelectorAll("g.role-axis"))
        .find(a => viewOf(a) === view && (a.getAttribute("aria-label") || "").startsWith("X-axis"));
      const domain = axis && axis.querySelector("g.role-axis-domain line, g.role-axis-domain path");
      if (!domain || !visible(point, svg)) continue;
      const line = domain.getBoundingClientRect(), r = point.getBoundingClientRect();
      if (r.width > 0 && (r.left < line.left - 0.5 || r.right > line.right + 0.5)) {
        edged.push((point.getAttribute("aria-label") || "a point").slice(0, 60));
      }
    }
    // No point of a mark covers much of another in its colour (two meetings a
    // day apart drawn as one blob): each point a reader counts is seen. A
    // quarter of the smaller point's box is allowed (a line's dots touching).
    const POINT_COVER_SHARE = 0.25;
    const named = point => (point.p.getAttribute("aria-label") || "a point").slice(0, 50);
    const merged = [];
    for (const mark of svg.querySelectorAll("g.mark-symbol")) {
      const points = Array.from(mark.querySelectorAll(':scope > path')).filter(p => visible(p, svg))
        .map(p => ({ p, b: p.getBoundingClientRect(), fill: p.getAttribute("fill") }));
      for (let i = 0; i < points.length; i++) {
        for (let j = i + 1; j < points.length; j++) {
          const a = points[i], b = points[j];
          if (a.fill !== b.fill || !a.b.width || !b.b.width) continue;
          const across = Math.min(a.b.right, b.b.right) - Math.max(a.b.left, b.b.left);
          const down = Math.min(a.b.bottom, b.b.bottom) - Math.max(a.b.top, b.b.top);
          const smaller = Math.min(a.b.width * a.b.height, b.b.width * b.b.height);
          if (across > 0 && down > 0 && across * down > POINT_COVER_SHARE * smaller) {
            merged.push(`${named(a)} × ${named(b)}`);
          }
        }
      }
    }
    // Panels stacked one above another start their titles where their plots start, at one left edge.
    const titles = Array.from(svg.querySelectorAll("g.role-title text"))
      .filter(t => (t.textContent || "").trim() && visible(t, svg))
      .map(t => ({ text: t.textContent.trim().slice(0, 40), b: t.getBoundingClientRect() }));
    const staggered = [];
    for (let i = 0; i < titles.length; i++) {
      for (let j = i + 1; j < titles.length; j++) {
        const a = titles[i].b, b = titles[j].b;
        const stacked = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0 && Math.abs(a.top - b.top) > 1;
        if (stacked && Math.abs(a.left - b.left) > 1.5) staggered.push(`${titles[i].text} × ${titles[j].text}`);
      }
    }
    // An axis that repeats a tick label (halves formatted as whole numbers).
    const repeated = Array.from(svg.querySelectorAll("g.role-axis")).map(axis =>
      Array.from(axis.querySelectorAll("g.role-axis-label text")).map(t => t.textContent.trim()).filter(Boolean)
    ).flatMap(labels => labels.filter((text, i) => labels.indexOf(text) !== i));
    return {
      index, label, column, frame: frame.width, drawn, map: !!land,
      smallest, smallestText, cut, clipped, overlaps, crowded, covered, strayed, hidden, repeated, unlabelled, staggered, edged, merged,
      overflow: frame.right > document.documentElement.clientWidth + 1 || frame.left < -1,
    };
  });
  return {
    column, viewport: document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth, figures,
  };
}
"""
)


# _static/vega-fit.js marks each chart once it is as wide as its column.
FIGURES_FITTED_JS = r"""() => Array.from(document.querySelectorAll(".vega-embed")).every(el => el.hasAttribute("data-fitted"))"""


def reader_context(browser: Browser, viewport: dict[str, int], timezone_id: str = READERS_ZONE) -> BrowserContext:
    """A light window of `viewport` in `timezone_id`, motion reduced, as the fitted pages are read."""
    context = browser.new_context(
        viewport=viewport, timezone_id=timezone_id, color_scheme="light", reduced_motion="reduce", service_workers="block"
    )
    context.add_init_script(INIT_SCRIPT)
    return context


class FittedPages:
    """Pages as a reader in UTC in a light window of a given size sees them, each loaded once
    and kept open, its figures drawn and as wide as their column (`_static/vega-fit.js`):
    for tests that only measure or read them."""

    def __init__(self, browser: Browser, server: SiteServer) -> None:
        self.browser, self.server = browser, server
        self.contexts: dict[tuple[int, int], BrowserContext] = {}
        self.pages: dict[tuple[str, int, int], Page] = {}

    def page(self, page_path: str, viewport: dict[str, int]) -> Page:
        size = (viewport["width"], viewport["height"])
        if (page_path, *size) not in self.pages:
            if size not in self.contexts:
                self.contexts[size] = reader_context(self.browser, viewport)
            visit = Visit(page=page_path)
            page = open_page(self.contexts[size], self.server, visit)
            load_fitted(page, self.server, visit)
            self.pages[(page_path, *size)] = page
        return self.pages[(page_path, *size)]

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()
