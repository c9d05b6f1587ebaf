"""Every data table, layer and figure's data is downloadable from the built book:
tables spreadsheet-safe, layers byte for byte, each figure's files beside it."""

import json
import re
from pathlib import Path
from urllib.parse import unquote

import altair as alt
import pandas as pd
import pytest

from analysis.data.schemas import TABLES
from analysis.pages import downloads
from analysis.paths import REPO_ROOT
from analysis.report import glue
from analysis.tools.publish import numeric_columns, safe_csv
from analysis.tools.spreadsheet import FORMULA_START, spreadsheet_safe

SITE = REPO_ROOT / "_build" / "html"
DOWNLOADS_PAGE = SITE / "chapters" / "downloads.html"
TABLE_FILES = sorted(REPO_ROOT / "data" / table.file for table in TABLES.values())
TABLE_NAMES = {table.file: table.name for table in TABLES.values()}
LAYER_FILES = sorted([*(REPO_ROOT / "geo").glob("*.geojson"), REPO_ROOT / "geo" / "layers.json"])


def links_on(page: Path) -> dict[str, Path]:
    hrefs = re.findall(r'href="(\.\./(?:data|geo|figures)/[^"#]+)"', page.read_text(encoding="utf-8"))
    return {Path(unquote(href)).name: (page.parent / unquote(href)).resolve() for href in hrefs}


@pytest.mark.build
@pytest.mark.parametrize("source", TABLE_FILES, ids=lambda path: path.name)
def test_every_table_is_offered_spreadsheet_safe(source: Path) -> None:
    links = links_on(DOWNLOADS_PAGE)
    assert source.name in links, f"{source.name} has no link on the Downloads page"
    safe = safe_csv(source.read_text(encoding="utf-8"), numeric_columns(TABLE_NAMES[source.name]))
    assert links[source.name].read_text(encoding="utf-8") == safe


@pytest.mark.build
@pytest.mark.parametrize("source", LAYER_FILES, ids=lambda path: path.name)
def test_every_layer_is_offered_byte_for_byte(source: Path) -> None:
    links = links_on(DOWNLOADS_PAGE)
    assert source.name in links, f"{source.name} has no link on the Downloads page"
    assert links[source.name].read_bytes() == source.read_bytes()


@pytest.mark.build
def test_every_figure_offers_its_spec_and_data_beside_it() -> None:
    """Every figure: a chart its specification and the rows it draws (and a map its layers); the countdown, a
    dated list with no specification, the tables it lists from (it had offered nothing)."""
    offered, figures = {}, []
    for page in sorted((SITE / "chapters").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        figures += re.findall(r'<figure[^>]*\bid="(fig-[a-z0-9-]+)"', text)
        for figure_id, block in re.findall(
            r'<figure[^>]*\bid="(fig-[a-z0-9-]+)"(?:(?!<figure).)*?<p class="figure-downloads">(.*?)</p>', text, flags=re.DOTALL
        ):
            hrefs = re.findall(r'href="([^"]+)"', block)
            for href in hrefs:
                assert (page.parent / unquote(href)).resolve().is_file(), f"{page.name}: {href}"
            offered[figure_id] = hrefs
    assert sorted(offered) == sorted(figures), set(figures) - set(offered)
    listed = offered.pop("fig-collapse-countdown")
    assert listed == ["../data/events.csv", "../data/actors.csv"], listed
    for figure_id, hrefs in offered.items():
        kinds = [href.rsplit(".", 2)[-1] if href.endswith(".vl.json") else href.rsplit(".", 1)[-1] for href in hrefs]
        assert kinds in (["json", "csv"], ["json", "csv", "geojson"]), f"{figure_id}: {hrefs}"
    assert len(offered) >= 16


def test_a_figure_offers_every_row_it_draws_in_one_table_and_its_map_layers_in_one_file() -> None:
    labels = pd.DataFrame({"name": ["Jericho"], "lon": [35.44], "lat": [31.86]})
    border = alt.Data(values=json.dumps([{"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.5, 31.9]}}]))
    chart = alt.layer(
        alt.Chart(border).mark_geoshape(),
        alt.layer(alt.Chart().mark_circle(), alt.Chart().mark_text(), data=labels),
        alt.Chart(pd.DataFrame({"name": ["Amman"], "lon": [35.93], "lat": [31.95]})).mark_text(),
    ).encode(longitude="lon:Q", latitude="lat:Q")
    spec = chart.to_dict()
    files = [file for _, file in glue.figure_files("fig_test_map", spec)]
    assert files == ["fig_test_map.vl.json", "fig_test_map.csv", "fig_test_map.geojson"]
    assert glue.drawn_rows(spec) == [
        {"drawn_as": "circle, text", "name": "Jericho", "lon": 35.44, "lat": 31.86},
        {"drawn_as": "text", "name": "Amman", "lon": 35.93, "lat": 31.95},
    ]
    assert glue.map_features(spec)["features"][0]["properties"] == {"layer": 1}


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+SUM(A1:A2)", "'+SUM(A1:A2)"),
        ("@cmd", "'@cmd"),
        ("-A1", "'-A1"),
        ("\tcell", "'\tcell"),
        ("-394", "'-394"),
        ("+972 Magazine", "'+972 Magazine"),
        ("Peace Now", "Peace Now"),
    ],
)
def test_cells_that_would_run_as_formulas_are_neutralised(cell: str, shown: str) -> None:
    assert spreadsheet_safe(cell) == shown


def test_a_table_with_a_formula_is_rewritten_and_one_without_is_not() -> None:
    assert safe_csv('a,b\n1,"=1+2"\n') == "a,b\n1,'=1+2\n"
    clean = 'a,b\n"quoted, as written",2\n'
    assert safe_csv(clean) == clean
    assert "=SUM(".startswith(FORMULA_START)


def test_the_downloads_page_links_every_edition_file_it_lists() -> None:
    listed = downloads.editions().tables[0]
    links = listed._html_frame()["file"]
    assert all(cell.startswith("<a href=") for cell in links), list(links)


def test_a_figure_is_described_in_the_books_typography() -> None:
    """A chart's description (its alternative text, and the PDF's) reads "Kerry’s", as the prose does: written
    straight ("Kerry's", "B'Tselem's", the account's 'nearly twice'), it was the one place the book's marks were not curled."""
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").properties(description="Kerry's 'nearly twice'")
    drawn = glue.Figure("fig_test", chart, pd.DataFrame({"x": [1]}), "A test").drawn
    assert drawn.spec["description"] == "Kerry\u2019s \u2018nearly twice\u2019"


def test_the_data_dictionary_counts_the_columns_it_describes() -> None:
    """Each table's dictionary said "(7 rows)" for the seven columns it describes, beside sources.csv's 315 rows."""
    shown = {table.title.split(":")[0]: table for table in downloads.dictionary().tables}
    html = shown["sources.csv"]._repr_html_()
    columns = len(TABLES["sources"].columns)
    assert f"({columns}&nbsp;columns)</summary>" in html and "rows)</summary>" not in html
