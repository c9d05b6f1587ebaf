"""The PDF edition, the data package and the citation: built by `make book`,
checked here with poppler and frictionless."""

import functools
import html
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from analysis.data import edition, layers, tables
from analysis.data.schemas import TABLES
from analysis.pages import claims_ledger
from analysis.paths import REPO_ROOT
from analysis.report.maps import lines_1967
from analysis.tools import pdf, publish

SITE = REPO_ROOT / "_build" / "html"
PACKAGE = REPO_ROOT / "_build" / "extra" / "datapackage.json"


A4_WIDTH_PT, A4_HEIGHT_PT, MARGIN_PT = 596, 842, 57  # print.css: @page size A4, margins 20 mm


@functools.cache  # one printed book per test session: read once, not once per test
def pdf_text() -> str:
    """The PDF's words in reading order, without each page's running head and folio, so a sentence that runs on
    to the next page reads whole ("…of 1 April 2014", not "…of 1 April 44 Nine Months 4. The collapse 2014")."""
    # Only the text block: an A4 page less print.css's 20 mm margins, where the heads and folios are set.
    block = ["-x", "0", "-y", str(MARGIN_PT), "-W", str(A4_WIDTH_PT), "-H", str(A4_HEIGHT_PT - 2 * MARGIN_PT)]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", *block, str(pdf.PDF_PATH), "-"], capture_output=True, text=True, check=True).stdout
    # A line broken at a hyphen reads as the word unbroken; one broken after an en dash ("July–" then "August
    # 2014"), as the range it sets, with no space after the dash.
    return normalise(text.replace("-\n", "").replace("\u2013\n", "\u2013"))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text).replace("\u2019", "'").replace("\u00a0", " ")).strip()


def html_pages() -> list[Path]:
    return sorted((SITE / "chapters").glob("*.html"))


@pytest.mark.build
def test_the_pdf_has_every_chapter_and_embeds_its_fonts() -> None:
    info = subprocess.run(["pdfinfo", str(pdf.PDF_PATH)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 30
    fonts = subprocess.run(["pdffonts", str(pdf.PDF_PATH)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    text = pdf_text()
    for chapter in ("The reset", "The resumption of talks", "The framework", "The collapse", "The claims ledger", "Limitations"):
        assert chapter in text


@pytest.mark.build
def test_every_figure_caption_of_the_html_book_is_in_the_pdf() -> None:
    text = pdf_text()
    captions = [
        normalise(re.sub(r"<[^>]+>", "", caption))
        for page in html_pages()
        for caption in re.findall(r'<span class="caption-text"><strong>(.*?)</strong>', page.read_text(encoding="utf-8"))
    ]
    assert len(captions) >= 17
    missing = [caption for caption in captions if caption not in text]
    assert not missing, missing


@pytest.mark.build
def test_no_sentence_runs_into_the_next_where_the_print_dropped_a_hint() -> None:
    """The print drops a caption's interaction hint ("Drag across the phase strip…")
    sentence by sentence; the sentence after it keeps the space before it."""
    run_together = re.findall(r"\w+[a-z]{2}[.!?][A-Z][a-z]+", pdf_text())
    assert not run_together, run_together


@pytest.mark.build
def test_every_number_glued_into_the_prose_is_in_the_pdf() -> None:
    text = pdf_text()
    glued = {
        normalise(value)
        for page in html_pages()
        for value in re.findall(r'<span class="output text_plain">([^<]+)</span>', page.read_text(encoding="utf-8"))
    }
    assert len(glued) > 50
    missing = sorted(value for value in glued if value not in text)
    assert not missing, missing


@pytest.mark.build
def test_every_figure_is_drawn_in_the_pdf_not_an_empty_frame() -> None:
    text = pdf_text()
    specs = publish.figure_specs(sorted((REPO_ROOT / "chapters").glob("*.ipynb")))
    assert len(specs) >= 16  # every figure drawn with Vega (the countdown is a dated list)
    for name, (_, spec) in specs.items():
        labels = [row["label"] for rows in spec.get("datasets", {}).values() for row in rows if isinstance(row.get("label"), str)]
        drawn_words = {normalise(value) for value in [*_titles(spec), *labels] if len(value) > 3}
        assert drawn_words and any(word in text for word in drawn_words), (name, sorted(drawn_words)[:5])


@functools.cache
def pdf_word_boxes() -> str:
    return subprocess.run(["pdftotext", "-bbox", str(pdf.PDF_PATH), "-"], capture_output=True, text=True, check=True).stdout


def word_heights(word: str) -> list[float]:
    """Heights in points of every occurrence of `word` in the PDF (pdftotext's word boxes)."""
    boxes = pdf_word_boxes()
    pattern = rf'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{re.escape(word)}</word>'
    return [float(bottom) - float(top) for top, bottom in re.findall(pattern, boxes)]


MIN_MAP_TEXT_PT = 5.0  # a map's place names printed at a readable size (as thumbnails they were about 1 pt)


@pytest.mark.build
@pytest.mark.parametrize(
    "place",
    [
        lines_1967.AREA_NAMES[0][0],
        tables.load("jordan_crossings")["name"].iloc[0].split()[0],
        tables.load("map_places").query("kind == 'neighbourhood'")["name"].iloc[0].split()[0],
    ],
)
def test_each_map_prints_at_a_readable_size(place: str) -> None:
    heights = word_heights(place)
    assert heights and min(heights) >= MIN_MAP_TEXT_PT, (place, heights)


def _titles(spec: object) -> list[str]:
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("title", "text") and isinstance(value, str):
                found.append(value)
            found += _titles(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _titles(value)
    return found


@pytest.mark.build
def test_the_html_book_links_the_pdf() -> None:
    page = (SITE / "chapters" / "downloads.html").read_text(encoding="utf-8")
    assert 'href="../pdf/nine-months.pdf"' in page
    assert (SITE / "pdf" / "nine-months.pdf").read_bytes() == pdf.PDF_PATH.read_bytes()


@pytest.mark.build
def test_the_data_package_is_valid_and_describes_every_table_and_layer() -> None:
    from frictionless import Package, validate

    report = validate(str(PACKAGE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = Package(str(PACKAGE))
    names = {resource.name for resource in package.resources}
    assert set(TABLES) <= names
    assert len(names - set(TABLES) - {"claims_ledger"}) == len(layers.catalogue())
    ledger = package.get_resource("claims_ledger")
    assert ledger.schema.primary_key == ["claim_id"]
    assert {"claim_id", "verdict", "evidence_value", "sources"} <= set(ledger.schema.field_names)
    claims = package.get_resource("claims").schema
    assert claims.primary_key == ["claim_id"]
    assert {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}} in [
        key.to_dict() if hasattr(key, "to_dict") else key for key in package.get_resource("events").schema.foreign_keys
    ]


def test_the_data_package_is_generated_never_committed() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert not [path for path in tracked if path.endswith("datapackage.json")]


def test_the_citation_agrees_with_the_book_and_the_package() -> None:
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    citation = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    with (REPO_ROOT / "pyproject.toml").open("rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    assert citation["cff-version"] == "1.2.0" and citation["title"] == config["title"]
    assert str(citation["version"]) == version == edition.edition().version


def test_a_chapter_is_numbered_by_its_place_in_the_numbered_parts_of_the_contents() -> None:
    """Table numbers start with it, as Sphinx's figure numbers do; a page of an unnumbered part has none."""
    parts = yaml.safe_load(edition.TOC.read_text(encoding="utf-8"))["parts"]
    numbered = [chapter["file"].removeprefix("chapters/") for part in parts if part.get("numbered") for chapter in part["chapters"]]
    assert [edition.chapter_number(page) for page in numbered] == list(range(1, len(numbered) + 1))
    with pytest.raises(ValueError, match="not a chapter of a numbered part"):
        edition.chapter_number("claims_ledger")


def test_the_ledger_table_says_which_evidence_only_bounds_the_count() -> None:
    """claims_ledger.csv gave K63's 1 and K71's 99 as bare values: a machine reading them took a floor and a ceiling
    for counts. Its evidence_bound column says which."""
    table = claims_ledger.ledger_table().set_index("claim_id")
    assert (table.at["K63", "evidence_bound"], table.at["K71", "evidence_bound"], table.at["K05", "evidence_bound"]) == (
        "at least",
        "at most",
        "",
    )
