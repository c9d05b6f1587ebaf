"""The HTML build never serves a stale stylesheet, script or download, and
rewrites only what changed: a download is moved into place only when its bytes
differ, a file Sphinx writes again with the same bytes keeps its modification
time, and a file withdrawn from its source folder leaves the site."""

import importlib
import json
import os
from pathlib import Path

import pytest
import yaml
from myst_nb.sphinx_ import HideCodeCellNode

from analysis.paths import REPO_ROOT
from analysis.tools import accessible_names, site
from analysis.tools.extension_version import code_version


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


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def aged(path: Path, hours: int = 1) -> int:
    """Set `path`'s modification time `hours` back; returns it (ns)."""
    back = path.stat().st_mtime_ns - hours * 3600 * 10**9
    os.utime(path, ns=(back, back))
    return back


def test_only_the_downloads_whose_bytes_differ_are_moved_in_and_the_withdrawn_leave(tmp_path: Path) -> None:
    target, staging = tmp_path / "extra", site.staging_folder(tmp_path / "extra")
    (target / "data").mkdir(parents=True)
    (target / "data" / "same.csv").write_text("a\n1\n")
    (target / "data" / "edited.csv").write_text("a\n1\n")
    (target / "withdrawn" / "old.csv").parent.mkdir()
    (target / "withdrawn" / "old.csv").write_text("a\n")
    kept_time = aged(target / "data" / "same.csv")
    aged(target / "data" / "edited.csv")
    (staging / "data").mkdir(parents=True)
    (staging / "data" / "same.csv").write_text("a\n1\n")
    (staging / "data" / "edited.csv").write_text("a\n2\n")
    (staging / "data" / "new.csv").write_text("b\n")
    expected = files(staging)

    assert site.move_changed(staging, target) == ["data/edited.csv", "data/new.csv"]
    assert files(target) == expected
    assert (target / "data" / "same.csv").stat().st_mtime_ns == kept_time
    assert not staging.exists() and not (target / "withdrawn").exists()


def test_a_file_written_again_with_the_same_bytes_gets_its_time_back_unless_its_page_inputs_are_newer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site, "INSTALLED_STAMP", tmp_path / "installed")
    book = site.Book(tmp_path)
    (book.site / "chapters").mkdir(parents=True)
    (tmp_path / "chapters").mkdir()
    names = ("genindex.html", "chapters/reset.html", "chapters/collapse.html", "chapters/intro.html")
    pages = {name: book.site / name for name in names}
    for page in pages.values():
        page.write_text("<p>page</p>")
    for stem in ("reset", "collapse", "intro"):
        (tmp_path / "chapters" / f"{stem}.ipynb").write_text("{}")
        aged(tmp_path / "chapters" / f"{stem}.ipynb", hours=2)
    before = {name: aged(page) for name, page in pages.items()}
    states = site.file_states(book.site)
    # The build: every page written again, collapse's source re-executed, intro's page changed.
    os.utime(tmp_path / "chapters" / "collapse.ipynb")
    for page in pages.values():
        page.write_text("<p>page</p>")
    pages["chapters/intro.html"].write_text("<p>changed</p>")

    assert site.keep_unchanged_times(book, states) == ["chapters/intro.html"]
    assert pages["genindex.html"].stat().st_mtime_ns == before["genindex.html"]
    assert pages["chapters/reset.html"].stat().st_mtime_ns == before["chapters/reset.html"]
    # Older than its source again, the page would be taken for out of date on every build.
    assert pages["chapters/collapse.html"].stat().st_mtime_ns > before["chapters/collapse.html"]

    # So too after the environment (the theme's templates) is installed anew.
    (tmp_path / "installed").touch()
    pages["chapters/reset.html"].write_text("<p>page</p>")
    assert site.keep_unchanged_times(book, site.file_states(book.site) | {"chapters/reset.html": states["chapters/reset.html"]}) == []
    assert pages["chapters/reset.html"].stat().st_mtime_ns > before["chapters/reset.html"]


def test_a_download_withdrawn_since_the_last_build_leaves_the_site(tmp_path: Path) -> None:
    book = site.Book(tmp_path)
    for folder in (book.extra / "figures", book.static, book.site / "figures", book.site / "_static"):
        folder.mkdir(parents=True)
    for name in ("kept.csv", "withdrawn.csv"):
        (book.extra / "figures" / name).write_text("a\n")
        (book.site / "figures" / name).write_text("a\n")
    (book.site / "figures" / "written-by-sphinx.html").write_text("<p></p>")
    assert site.remove_withdrawn_copies(book) == []
    (book.extra / "figures" / "withdrawn.csv").unlink()
    assert site.remove_withdrawn_copies(book) == ["figures/withdrawn.csv"]
    assert sorted(files(book.site)) == ["figures/kept.csv", "figures/written-by-sphinx.html"]


def test_a_site_built_in_steps_reads_as_one_built_at_once(tmp_path: Path) -> None:
    stylesheet = "_static/mystnb." + "a" * 64 + ".css"
    assert site.without_build_history(f'<link href="../{stylesheet}?v=8cd3d715" /><link href="_static/figures.css?v=1f2e3d4c" />') == (
        f'<link href="../{stylesheet}" /><link href="_static/figures.css?v=1f2e3d4c" />'
    )
    index = tmp_path / "searchindex.js"
    index.write_text('Search.setIndex({"docnames": ["a", "b"], "terms": {"2202": [], "2203": 1, "war": [0, 1]}, "titleterms": {"x": []}})')
    assert site.without_empty_search_terms(tmp_path)
    assert index.read_text() == 'Search.setIndex({"docnames": ["a", "b"], "terms": {"2203": 1, "war": [0, 1]}, "titleterms": {}})'
    assert not site.without_empty_search_terms(tmp_path)


@pytest.mark.build
def test_a_template_added_changed_or_removed_has_every_page_written_again(tmp_path: Path) -> None:
    book = site.Book(tmp_path)
    book.templates.mkdir()
    (book.templates / "navbar-logo.html").write_text("<nav>{{ logo }}</nav>")
    assert site.changed_templates(book) == [], "no site yet: the first build writes every page"
    book.site.mkdir(parents=True)
    (book.site / "index.html").write_text("<html></html>")
    assert site.changed_templates(book) == ["navbar-logo.html"], "a site with no record of its templates"
    book.templates_record.write_text(json.dumps(site.template_digests(book)))
    assert site.changed_templates(book) == []
    (book.templates / "search-button-field.html").write_text("<button>Search</button>")
    assert site.changed_templates(book) == ["search-button-field.html"]
    book.templates_record.write_text(json.dumps(site.template_digests(book)))
    (book.templates / "navbar-logo.html").unlink()
    assert site.changed_templates(book) == ["navbar-logo.html"], "a removed template leaves pages written with it"


@pytest.mark.build
def test_the_built_site_holds_the_current_static_files_and_downloads() -> None:
    assert (site.SITE_DIR / "index.html").exists(), "run `make book` first"
    assert site.stale_copies() == []


@pytest.mark.build
def test_a_chapters_folded_evidence_cell_says_what_it_folds() -> None:
    """Its toggles read "Show code cell source" and "Show code cell output": a reader could not tell what they held."""
    page = (site.SITE_DIR / "chapters" / "framework.html").read_text(encoding="utf-8")
    assert "Show the evidence step’s source" in page and "Show the evidence step’s output" in page
    assert "Show code cell" not in page


class SphinxStandIn:
    """Takes whatever an extension's `setup` registers."""

    def __getattr__(self, name: str) -> object:
        return lambda *args, **kwargs: None


def test_each_of_the_books_own_extensions_takes_its_env_version_from_its_code() -> None:
    """Sphinx keeps the pages an extension wrote unless the extension's `env_version`
    changes: each of the book's own extensions takes it from its code, so an edit
    to one has every page read and written again."""
    listed = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]["extensions"]
    own = [name for name in listed if name.startswith("analysis.")]
    assert own == ["analysis.tools.verbatim_glue", "analysis.tools.accessible_names"]
    for name in own:
        module = importlib.import_module(name)
        assert module.setup(SphinxStandIn())["env_version"] == code_version(module.__file__), name


class HTMLStandIn:
    """What a node's HTML visitor writes into."""

    def __init__(self) -> None:
        self.body: list[str] = []


def folded_cell() -> HideCodeCellNode:
    return HideCodeCellNode(classes=["above-input"], prompt_show="Show code cell source", prompt_hide="Hide code cell source")


def test_a_folded_cells_toggle_is_named_by_the_words_it_shows() -> None:
    written = HTMLStandIn()
    accessible_names.visit_folded_cell(written, folded_cell())
    html = "".join(written.body)
    assert "<summary>\n" in html and "aria-label" not in html
    assert '<p class="collapsed admonition-title">Show code cell source</p>' in html


def test_a_myst_nb_that_writes_the_summary_otherwise_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accessible_names, "LABELLED_SUMMARY", '<summary aria-label="Show or hide">\n')
    with pytest.raises(RuntimeError, match="no longer writes a folded cell's summary"):
        accessible_names.visit_folded_cell(HTMLStandIn(), folded_cell())
