"""Two clean builds of the same commit give the same pages.

The test builds the book a second time, from scratch (fresh execution cache,
so every notebook runs again), into a temporary directory with
`jupyter-book build --path-output`, and compares every page with `_build/html`
after normalising what legitimately differs between builds (Altair's random
element ids, build dates). It names the page and the first differing line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.tools import site as site_tool

from . import _site

BUILD_TIMEOUT_S = 1800


def jupyter_book() -> str:
    candidate = Path(sys.executable).with_name("jupyter-book")
    return str(candidate) if candidate.exists() else "jupyter-book"


@pytest.mark.rebuild
def test_two_clean_builds_give_the_same_pages(site, tmp_path):
    result = subprocess.run(
        [jupyter_book(), "build", str(_site.REPO_ROOT), "--path-output", str(tmp_path), "--warningiserror", "--keep-going"],
        cwd=_site.REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        env={**os.environ, "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "random")},
    )
    assert result.returncode == 0, f"second build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    second = tmp_path / "_build" / "html"
    assert (second / "index.html").is_file(), f"second build wrote no {second / 'index.html'}"
    site_tool.secure_site(second)  # the content security policy `make book` writes after Sphinx

    first_pages = _site.discover_pages(site, include_redirects=True)
    second_pages = _site.discover_pages(second, include_redirects=True)
    assert first_pages == second_pages, (
        f"the builds have different pages: only in _build/html {sorted(set(first_pages) - set(second_pages))}, "
        f"only in the second build {sorted(set(second_pages) - set(first_pages))}"
    )
    differences = []
    for page in first_pages:
        before = _site.normalise_page((site / page).read_text(encoding="utf-8"))
        after = _site.normalise_page((second / page).read_text(encoding="utf-8"))
        difference = _site.first_difference(before, after)
        if difference:
            differences.append(f"{page}, {difference}")
    assert not differences, (
        f"{len(differences)} page(s) differ between two clean builds (if _build/html is older than the "
        "sources, run `make book` and try again):\n" + "\n".join(differences)
    )
