"""Edit to page, never stale: after one value in a table changes and its
chapters are re-executed, the incremental build (`analysis.tools.site
--with-downloads`, as `make book` runs it) gives the very site a clean build of
the same sources gives, and every file whose bytes did not change keeps its
modification time, but for the page of a re-executed chapter: Sphinx renders
it again from its newer notebook, and would take it for out of date on every
build if it kept the time of its older copy.

It is also the check that the build is reproducible: every file of two builds
made apart (the incremental one, whose untouched pages are its first clean
build, and the clean one) is compared byte for byte, with nothing normalised."""

import shutil
from pathlib import Path

import pytest

from analysis.paths import DATA_DIR_ENV
from analysis.tools import site
from conftest import EDITED_TABLE, EditedBook, copy_book_sources

pytestmark = pytest.mark.rebuild

# The chapter that shows the edited total, and a chapter that reads the table
# without showing the value (the other readers are left as they are: both
# builds render the same notebooks).
SHOWN_IN = "collapse"
READ_NOT_SHOWN_IN = "limitations"


def contents(folder: Path) -> dict[str, str]:
    return {name: content for name, (content, _) in site.file_states(folder).items()}


def test_an_incremental_build_after_a_data_change_is_a_clean_build_and_rewrites_only_what_changed(
    edited_book: EditedBook, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = data_copy
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    incremental = site.Book(copy_book_sources(tmp_path / "incremental"))
    site.build(incremental, with_downloads=True)
    site_before, downloads_before = site.file_states(incremental.site), site.file_states(incremental.extra)

    # The edit, and the two chapters as their re-execution writes them (executed once for this and test_rebuild.py).
    shutil.copyfile(edited_book.data / EDITED_TABLE, data / EDITED_TABLE)
    for name in (SHOWN_IN, READ_NOT_SHOWN_IN):
        shutil.copyfile(edited_book.executed[name], incremental.root / "chapters" / f"{name}.ipynb")
    changed = site.build(incremental, with_downloads=True)

    clean = site.Book(copy_book_sources(tmp_path / "clean", source=incremental.root))
    site.build(clean, with_downloads=True)

    # Byte for byte, every file of the site and every download (no normalisation).
    assert contents(incremental.site) == contents(clean.site)
    assert contents(incremental.extra) == contents(clean.extra)

    # What the edit changed was rewritten; of the rest, only the re-executed chapter's page has a new time.
    assert {f"chapters/{SHOWN_IN}.html", f"data/{EDITED_TABLE}"} <= set(changed)
    assert f"chapters/{READ_NOT_SHOWN_IN}.html" not in changed
    for before, folder, allowed in (
        (site_before, incremental.site, [f"chapters/{READ_NOT_SHOWN_IN}.html"]),
        (downloads_before, incremental.extra, []),
    ):
        after = site.file_states(folder)
        same_bytes_new_time = [
            name for name, (content, mtime) in before.items() if name in after and after[name][0] == content and after[name][1] != mtime
        ]
        assert same_bytes_new_time == allowed, f"written again with the same bytes: {same_bytes_new_time[:5]}"
    untouched = site.file_states(incremental.site)
    assert untouched["chapters/reset.html"] == site_before["chapters/reset.html"]
    assert untouched["data/meetings.csv"] == site_before["data/meetings.csv"]
