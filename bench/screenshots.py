"""Screenshots of the built book for a person to look at (`make screenshots`).

Every page whole, and every figure on its own, at a desktop's 1280 px and a
phone's 390 px, in the light and the dark colour scheme, as headless Chromium
draws them from a local server once each figure is drawn and fitted to its
column. Written under `_build/screenshots/` (pages as `<page>-<width>-<scheme>.png`,
figures under `figures/` as `<page>-<figure>-<width>-<scheme>.png`); the tests
measure the same pages but keep no picture of them.

    .venv/bin/python bench/screenshots.py [--pages chapters/reset.html ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser import _site  # noqa: E402  (shared with the browser tests)

WIDTHS = {1280: 900, 390: 844}
SCHEMES = ("light", "dark")
# A figure taller than the window is captured in pieces under the page's sticky
# header: for the pictures the header scrolls away with the page, and the skip
# link (shown while it has focus) is hidden.
UNSTICK_HEADER = ".bd-header, .bd-header-article { position: static !important; } .skip-link { display: none !important; }"


def shoot(pages: list[str], target: Path = _site.SCREENSHOT_DIR) -> list[Path]:
    """Write every screenshot of `pages`; return the files written."""
    written: list[Path] = []
    (target / "figures").mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright, _site.SiteServer() as server:
        browser = _site.launch_chromium(playwright, _site.FULL_CHROMIUM)
        for (width, height), scheme in ((size, scheme) for size in WIDTHS.items() for scheme in SCHEMES):
            context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, reduced_motion="reduce")
            context.add_init_script(_site.INIT_SCRIPT)
            for page_path in pages:
                visit = _site.Visit(page=page_path)
                page = _site.open_page(context, server, visit)
                _site.load_fitted(page, server, visit)
                stem = _site.page_stem(page_path).replace("/", "-")
                # The figures first: a whole page's picture stretches the window to the page's height, and the
                # charts fitting themselves to it again were caught half drawn (Fig. 1.1 shorter in the dark).
                for figure in visit.figures:
                    name = figure["label"].split(" ")[0]  # the figure's id (`fig-reset-1967-map`), else its element's
                    shot = target / "figures" / f"{stem}-{name}-{width}-{scheme}.png"
                    page.locator(".vega-embed").nth(figure["index"]).screenshot(path=str(shot), style=UNSTICK_HEADER)
                    written.append(shot)
                whole = target / f"{stem}-{width}-{scheme}.png"
                page.screenshot(path=str(whole), full_page=True, style=UNSTICK_HEADER)
                written.append(whole)
                page.close()
            context.close()
        browser.close()
    return written


def main(arguments: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Screenshots of the built book, for a person to look at.")
    parser.add_argument("--pages", nargs="*", help="pages of the built site (default: every page)")
    options = parser.parse_args(arguments)
    if not _site.site_is_built():
        raise SystemExit(_site.NOT_BUILT.format(index=_site.SITE_DIR / "index.html"))
    written = shoot(options.pages or _site.discover_pages())
    print(f"wrote {len(written)} screenshots under {_site.SCREENSHOT_DIR.relative_to(REPO)}/")


if __name__ == "__main__":
    main()
