"""The content security policy every page carries (analysis.tools.site), in the
built site and in Chromium: scripts only from the site and the hashes of the
page's own inline scripts, so a script injected into a page after the build is
blocked, and every figure still draws under it (Vega on its interpreter)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from analysis.tools import site as site_tool
from analysis.tools.notebooks import chapter_notebooks
from analysis.tools.publish import figure_specs

from . import _site

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)" />')
INJECTED = '<script>window.__injected = "ran";</script>'
INJECTED_INTO = "chapters/intro.html"
# Installed before any page script: every violation the browser reports.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def test_every_page_carries_one_policy_first_in_its_head_matching_its_own_scripts(site: Path) -> None:
    for page in _site.discover_pages(site, include_redirects=True):
        text = (site / page).read_text(encoding="utf-8")
        policies = POLICY.findall(text)
        assert len(policies) == 1, f"{page}: {len(policies)} content security policies"
        assert site_tool.with_policy(text) == text, f"{page}: its policy does not list exactly its own inline scripts"
        script_src = next(directive for directive in policies[0].split("; ") if directive.startswith("script-src "))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, f"{page}: {script_src}"
        assert "default-src 'self'" in policies[0].split("; "), page
        assert text.find("<script") == -1 or POLICY.search(text).start() < text.find("<script"), f"{page}: a script comes before the policy"


def test_a_script_injected_after_the_build_is_blocked_and_the_pages_figures_still_draw(site: Path, browser, tmp_path: Path) -> None:
    """On one page with a chart (every page's own visit, tests/browser/test_pages.py,
    draws its figures under its policy and fails on the console error a blocked
    script of the page's own would log)."""
    copy = tmp_path / "html"
    shutil.copytree(site, copy)
    path = copy / INJECTED_INTO
    path.write_text(path.read_text(encoding="utf-8").replace("</body>", f"{INJECTED}</body>", 1), encoding="utf-8")
    context = browser.new_context(viewport=_site.VIEWPORT, service_workers="block")
    context.add_init_script(_site.INIT_SCRIPT)
    context.add_init_script(RECORD_VIOLATIONS)
    try:
        with _site.SiteServer(copy) as server:
            visit = _site.Visit(page=INJECTED_INTO)
            page = _site.open_page(context, server, visit)
            _site.load(page, server, visit)
            assert page.evaluate("() => window.__injected") is None, "the injected script ran"
            assert page.evaluate("() => window.__violations") == ["script-src-elem inline"], "expected only the injected script's violation"
            assert visit.figures and all(figure["drawn"] and not figure["embedError"] for figure in visit.figures), visit.figures
    finally:
        context.close()


def test_every_chart_the_chapters_glue_is_on_a_page(site: Path) -> None:
    """With every page's figures drawn (test_pages.py), every chart is drawn under the policy."""
    inlined = sum(len(_site.altair_specs((site / page).read_text(encoding="utf-8"))) for page in _site.discover_pages(site))
    assert inlined == len(figure_specs(chapter_notebooks()))
