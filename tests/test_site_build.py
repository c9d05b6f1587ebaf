"""The HTML build never serves a stale stylesheet, script or download: a file
whose copy in the site differs from its source makes every page rebuild."""

from pathlib import Path

import pytest

from analysis.tools import site


def test_a_changed_or_missing_copy_is_stale_and_an_equal_one_is_not(tmp_path: Path) -> None:
    source, copy = tmp_path / "_static", tmp_path / "html" / "_static"
    (source / "nested").mkdir(parents=True)
    copy.mkdir(parents=True)
    (source / "figures.css").write_text("a { color: red; }")
    (copy / "figures.css").write_text("a { color: red; }")
    (source / "nested" / "new.js").write_text("1;")
    assert site.stale_copies(((source, copy),)) == ["_static/nested/new.js"]
    (copy / "nested").mkdir()
    (copy / "nested" / "new.js").write_text("1;")
    assert site.stale_copies(((source, copy),)) == []
    (source / "figures.css").write_text("a { color: blue; }")  # same size, new content
    assert site.stale_copies(((source, copy),)) == ["_static/figures.css"]


@pytest.mark.build
def test_the_built_site_holds_the_current_static_files_and_downloads() -> None:
    assert (site.SITE_DIR / "index.html").exists(), "run `make book` first"
    assert site.stale_copies() == []
