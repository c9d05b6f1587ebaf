"""The book never serves a stale PDF: the PDF is printed again unless every
input it is printed from (`analysis.tools.pdf.print_inputs`: each file of the
single-page book's folder, the print stylesheet, the tool's code, the front
matter, the environment, Chromium) is what the last print recorded, and the
PDF itself is the one that print wrote."""

from pathlib import Path

import pytest

from analysis.tools import pdf


@pytest.fixture
def single_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for `_build/singlehtml`: the page, an asset and a download."""
    monkeypatch.setattr(pdf, "chromium_version", lambda: "Chromium 156.0")
    folder = tmp_path / "singlehtml"
    files = {"edition.html": "<p>2,202</p>", "_static/vega-fit.js": "fit();", "data/casualty_benchmarks.csv": "value\n2202\n"}
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def printed(folder: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A PDF as if printed from `folder`, with its record."""
    document, record = tmp_path / "book.pdf", tmp_path / "printed-from.json"
    document.write_bytes(b"%PDF-1.7 printed")
    pdf.record_print(pdf.print_inputs(folder), record, document)
    return document, record


@pytest.mark.parametrize("name", ["edition.html", "_static/vega-fit.js", "data/casualty_benchmarks.csv"])
def test_a_change_to_any_file_of_the_single_page_book_prints_the_pdf_again(single_page: Path, tmp_path: Path, name: str) -> None:
    document, record = printed(single_page, tmp_path)
    assert pdf.changed_inputs(pdf.print_inputs(single_page), record, document) == []
    (single_page / name).write_text((single_page / name).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert pdf.changed_inputs(pdf.print_inputs(single_page), record, document) == [f"singlehtml/{name}"]


def test_a_file_added_to_or_removed_from_the_single_page_book_prints_the_pdf_again(single_page: Path, tmp_path: Path) -> None:
    document, record = printed(single_page, tmp_path)
    (single_page / "_static" / "new.css").write_text("p {}", encoding="utf-8")
    (single_page / "data" / "casualty_benchmarks.csv").unlink()
    assert pdf.changed_inputs(pdf.print_inputs(single_page), record, document) == [
        "singlehtml/_static/new.css",
        "singlehtml/data/casualty_benchmarks.csv",
    ]


def test_the_inputs_read_from_outside_the_single_page_book_are_in_the_record(
    single_page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document, record = printed(single_page, tmp_path)
    print_css = tmp_path / "print.css"
    print_css.write_text("@page { margin: 1cm; }", encoding="utf-8")
    monkeypatch.setattr(pdf, "PRINT_CSS", print_css)
    monkeypatch.setattr(pdf, "chromium_version", lambda: "Chromium 157.0")
    monkeypatch.setattr(pdf, "front_matter", lambda: {"edition": "Edition 0.2.1"})
    # The document's properties name the Chromium that printed it.
    expected = ["chromium", "document properties", "front matter", "print.css"]
    assert pdf.changed_inputs(pdf.print_inputs(single_page), record, document) == expected


def test_a_changed_keyword_prints_the_pdf_again(single_page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The document's properties are printed from: a keyword added to CITATION.cff prints the PDF again."""
    document, record = printed(single_page, tmp_path)
    properties = pdf.document_properties()
    monkeypatch.setattr(pdf, "document_properties", lambda: {**properties, "keywords": [*properties["keywords"], "Oslo Accords"]})
    assert pdf.changed_inputs(pdf.print_inputs(single_page), record, document) == ["document properties"]


def test_a_missing_or_edited_pdf_or_a_missing_record_prints_the_pdf_again(single_page: Path, tmp_path: Path) -> None:
    document, record = printed(single_page, tmp_path)
    inputs = pdf.print_inputs(single_page)
    document.write_bytes(b"%PDF-1.7 edited")
    assert pdf.changed_inputs(inputs, record, document) == ["book.pdf changed since it was printed"]
    document.unlink()
    assert pdf.changed_inputs(inputs, record, document) == ["book.pdf missing"]
    document.write_bytes(b"%PDF-1.7 printed")
    record.unlink()
    assert pdf.changed_inputs(inputs, record, document) == ["no record of what the PDF was printed from"]


def test_the_tool_code_in_the_record_covers_the_package_modules_it_imports() -> None:
    assert {"analysis.tools.pdf", "analysis.data.edition"} <= set(pdf.fingerprint.module_closure([pdf.TOOL_MODULE]))


@pytest.mark.build
def test_the_built_pdf_was_printed_from_the_book_as_it_is_now() -> None:
    assert pdf.PDF_PATH.is_file(), "run `make book` first"
    assert pdf.changed_inputs(pdf.print_inputs()) == [], "the PDF was printed from another book than the one built"
    assert pdf.SITE_COPY.read_bytes() == pdf.PDF_PATH.read_bytes()


def test_a_page_naming_its_stylesheets_without_their_checksums_is_the_same_print(single_page: Path, tmp_path: Path) -> None:
    """A first build of the single page names its stylesheets without their checksums
    (Sphinx writes the page before it copies them), every later build with them: the
    next `make book` must not print again for that alone."""
    page = single_page / "edition.html"
    page.write_text('<link rel="stylesheet" href="_static/print.css"><p>2,202</p>', encoding="utf-8")
    document, record = printed(single_page, tmp_path)
    page.write_text('<link rel="stylesheet" href="_static/print.css?v=720ed60b"><p>2,202</p>', encoding="utf-8")
    assert pdf.changed_inputs(pdf.print_inputs(single_page), record, document) == []
    page.write_text('<link rel="stylesheet" href="_static/print.css?v=720ed60b"><p>2,203</p>', encoding="utf-8")
    assert pdf.changed_inputs(pdf.print_inputs(single_page), record, document) == ["singlehtml/edition.html"]


@pytest.mark.build
def test_the_record_keeps_the_page_of_every_heading_the_contents_list_for_the_next_print() -> None:
    """The next print starts from these pages: when an edit moves no heading, one print is enough."""
    pages = pdf.recorded_layout().pages
    printed = pdf.heading_pages(pdf.PDF_PATH)
    assert len(pages) > 20 and {name: printed[name] for name in pages} == pages


def test_the_record_keeps_the_chapters_set_tighter_after_a_blank_page_and_the_charts_fitted_for_the_next_print(tmp_path: Path) -> None:
    """A chapter set tighter against a runt, opened on the right after a blank page, or a chart drawn smaller to
    stand on the page before, is set so from the first print after an edit: forgotten, every edit printed twice
    more, the runt, the left-hand opener or the page left empty found again."""
    document = tmp_path / "book.pdf"
    document.write_bytes(b"%PDF-1.7")
    record = tmp_path / "printed-from.json"
    layout = pdf.PrintLayout({"limitations": 140}, ("limitations",), ("downloads",), (("fig-collapse-benchmarks", 0.904),))
    pdf.record_print({}, record, document, layout)
    assert pdf.recorded_layout(record) == layout
    assert pdf.recorded_layout(tmp_path / "none.json") is None


def test_a_blank_page_goes_before_each_chapter_that_would_open_on_a_left_hand_page() -> None:
    """Printed without blank pages, chapters a, b, c and d start on pages 6, 8, 9 and 12. A blank page before a
    moves it to 7 and b to 9; c, moved to 10, needs one, and d, moved to 14, too. From a print with blank pages,
    one no longer needed (b, at 10 after a grew by a page) is taken away."""
    printed = {"a": 6, "b": 8, "c": 9, "d": 12}
    chapters = ["a", "b", "c", "d"]
    assert pdf.blanks_needed(printed, chapters, ()) == ("a", "c", "d")
    assert pdf.blanks_needed({"a": 7, "b": 9, "c": 11, "d": 15}, chapters, ("a", "c", "d")) == ("a", "c", "d")
    assert pdf.blanks_needed({"a": 7, "b": 9}, ["a", "b"], ("a",)) == ("a",)
    assert pdf.blanks_needed({"a": 7, "b": 10}, ["a", "b"], ("a",)) == ("a", "b")
    assert pdf.blanks_needed({"a": 7, "b": 10}, ["a", "b"], ("a", "b")) == ("a",)


def test_a_heading_moves_by_the_blank_pages_added_or_taken_away_before_its_chapter() -> None:
    printed = {"a": 5, "a-section": 6, "b": 8, "b-figure": 9, "c": 11}
    moved = pdf.pages_with_blanks(printed, ["a", "b", "c"], ("c",), ("b",))
    assert moved == {"a": 5, "a-section": 6, "b": 9, "b-figure": 10, "c": 11}


def test_a_chapter_before_a_blank_page_ends_on_the_page_before_the_blank(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chapter a runs from page 3 to 5, a blank page 6 before b (7 to 9): a's last page is 5, not the blank
    page, which would read as a runt of no lines."""
    lines = {5: 30, 6: 0, 9: 3}
    monkeypatch.setattr(pdf, "page_count", lambda _: 9)
    monkeypatch.setattr(pdf, "lines_on_page", lambda _, page: lines[page])
    assert pdf.runt_chapters(Path("book.pdf"), {"a": 3, "b": 7}, ["a", "b"], ("b",)) == ["b"]
    assert pdf.runt_chapters(Path("book.pdf"), {"a": 3, "b": 7}, ["a", "b"], ()) == ["a", "b"]


def test_a_chart_is_fitted_to_the_page_before_only_from_a_gap_and_within_its_least_scale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Charts at the top of pages 5 to 8 (page 9's starts lower down), after pages left 200, 150, 60 and 200 mm
    empty: the first is drawn at the scale that stands it on page 4 (its figure 215 mm, its drawing 190 mm, its
    clearance kept); the second would need less than FIT_MIN_SCALE, the third follows no gap, the fourth is
    fitted already, and the fifth starts no page."""
    empty = {4: 200.0, 5: 150.0, 6: 60.0, 7: 200.0, 8: 200.0}
    monkeypatch.setattr(pdf, "empty_below_mm", lambda path, page: empty[page])
    mm = pdf.PX_PER_MM
    top = 297 / 25.4 * 72
    placed = {"a": (5, top), "b": (6, top), "c": (7, top), "d": (8, top), "e": (9, top - 100)}
    heights = {"a": [215 * mm, 190 * mm, 190 * mm], "b": [170 * mm, 140 * mm, 140 * mm], "c": [215 * mm, 190 * mm, 190 * mm]}
    heights |= {"d": [215 * mm, 190 * mm, 190 * mm], "e": [100 * mm, 80 * mm, 80 * mm]}
    scales = pdf.charts_to_fit(Path("book.pdf"), placed, heights, {"d": 0.9})
    assert scales == {"a": round((190 - (215 - (200 - pdf.FIT_CLEARANCE_MM))) / 190, 3)}
    assert pdf.FIT_MIN_SCALE <= scales["a"] < 1
