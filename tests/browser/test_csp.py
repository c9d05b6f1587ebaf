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


def test_a_script_injected_after_the_build_is_blocked_and_every_figure_still_draws(site: Path, browser, tmp_path: Path) -> None:
    copy = tmp_path / "html"
    shutil.copytree(site, copy)
    pages = _site.discover_pages(copy)
    for page in pages:
        path = copy / page
        path.write_text(path.read_text(encoding="utf-8").replace("</body>", f"{INJECTED}</body>", 1), encoding="utf-8")
    context = browser.new_context(viewport=_site.VIEWPORT, service_workers="block")
    context.add_init_script(_site.INIT_SCRIPT)
    context.add_init_script(RECORD_VIOLATIONS)
    problems = []
    figures = 0
    try:
        with _site.SiteServer(copy) as server:
            for page_path in pages:
                visit = _site.Visit(page=page_path)
                page = _site.open_page(context, server, visit)
                try:
                    _site.load(page, server, visit)
                    if page.evaluate("() => window.__injected") is not None:
                        problems.append(f"{page_path}: the injected script ran")
                    violations = page.evaluate("() => window.__violations")
                    if violations != ["script-src-elem inline"]:
                        problems.append(f"{page_path}: violations {violations} (expected only the injected script's)")
                    for figure in visit.figures:
                        figures += 1
                        if figure["error"] or figure["embedError"] or not figure["drawn"]:
                            problems.append(f"{page_path}: {figure['label']} not drawn ({figure['error'] or figure['embedError']})")
                finally:
                    page.close()
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    assert figures == len(figure_specs(chapter_notebooks())), "every chart the chapters glue is drawn"
