"""Hostile and absurd inputs: each is refused naming file, line, column, value
and rule, or rendered inert. One fixture per case of the hostile-data issue."""

import json
import subprocess
from pathlib import Path

import altair as alt
import geopandas as gpd
import pandas as pd
import pytest
import shapely

from analysis.data import datasets, layers, schemas, seed, tables
from analysis.errors import DataError, ValidationError
from analysis.evidence import prisoners
from analysis.paths import REPO_ROOT
from analysis.report import theme
from analysis.report.glue import ComparisonTable, DataTable, DatedList, DrawnChart, Preformatted, Side, SourceList, Tables
from conftest import line_of, problems_of, replace_in_line

BREAKOUT = "</script><script>alert(1)</script>"


def test_a_script_breakout_in_chart_data_stays_text_in_the_page() -> None:
    theme.use()
    chart = alt.Chart(pd.DataFrame({"label": [BREAKOUT, "<!--<script>", "a & b"]})).mark_text().encode(text="label")
    bundle = chart._repr_mimebundle_()
    html = (bundle[0] if isinstance(bundle, tuple) else bundle)["text/html"]
    assert html.count("</script>") == 1 and "<!--" not in html and "<script>alert" not in html
    spec = json.loads(html.split("})(", 1)[1].rsplit(", {", 1)[0])
    assert [row["label"] for row in next(iter(spec["datasets"].values()))] == [BREAKOUT, "<!--<script>", "a & b"]


def test_markup_in_a_table_cell_is_escaped() -> None:
    shown = DataTable("t", pd.DataFrame({"notes": [BREAKOUT, "<!--<script>"]}))._repr_html_()
    assert "<script>" not in shown and "<!--" not in shown


HOSTILE_STRINGS = (BREAKOUT, "<!--<script>", '" onmouseover="alert(1)', "<img src=x onerror=alert(1)>", "{glue:}`x`")


def _inert(shown: str) -> bool:
    return "<script" not in shown and "<!--" not in shown and "<img" not in shown and '" onmouseover=' not in shown


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
def test_every_renderer_keeps_a_hostile_string_inert(hostile: str) -> None:
    sources = pd.DataFrame({"publisher": [hostile], "title": [hostile], "date": [hostile], "url": [f"https://example.org/{hostile}"]})
    table = pd.DataFrame({"notes": [hostile], "source": [hostile], "source_url": [f"https://example.org/{hostile}"], "kind": [hostile]})
    shown = {
        "source list": SourceList(sources)._repr_html_(),
        "preformatted": Preformatted(hostile, hostile)._repr_html_(),
        "table": DataTable(hostile, table, links={"source": "source_url"}, filters=("kind",))._repr_html_(),
        "comparison": comparison("Israel", hostile)._repr_html_(),
        "dated list": DatedList(
            hostile,
            pd.DataFrame(
                {
                    "date": [pd.Timestamp("2014-03-29")],
                    "summary": [hostile],
                    "kind": [hostile],
                    "actors": [hostile],
                    "source": [hostile],
                    "sides": ["Israel"],
                }
            ),
            marked=(hostile,),
            sides=(Side("Israel", theme.ISRAELI, theme.ISRAELI, note=hostile),),
        )._repr_html_(),
        "several tables": Tables((Preformatted(hostile, hostile), DataTable(hostile, table)))._repr_html_(),
    }
    assert all(_inert(html) for html in shown.values()), [name for name, html in shown.items() if not _inert(html)]
    # A chart's page carries its specification, description and title among them, inside its one script.
    theme.use()
    chart = DrawnChart(alt.Chart(table, description=hostile, title=hostile).mark_text().encode(text="notes:N").to_dict(), hostile)
    embedded = chart._repr_mimebundle_()["text/html"]
    assert embedded.count("</script>") == 1 and ("<" not in hostile or hostile not in embedded)


NOT_LINKS = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "../data/../../etc/passwd"]


@pytest.mark.parametrize("address", NOT_LINKS)
def test_an_address_that_is_not_a_web_address_or_a_page_is_not_a_link(address: str) -> None:
    entries = pd.DataFrame({"publisher": ["p"], "title": ["t"], "date": ["2014"], "url": [address]})
    assert "href" not in SourceList(entries)._repr_html_()
    linked = DataTable("t", pd.DataFrame({"figure": ["see figure"], "target": [address]}), links={"figure": "target"})._repr_html_()
    assert "href" not in linked


def test_a_page_anchor_a_web_address_and_a_published_file_stay_links() -> None:
    targets = ["framework.html#fig-framework-asymmetry", "https://example.org/x", "../data/meetings.csv", "../pdf/nine-months.pdf"]
    frame = pd.DataFrame({"figure": list("abcd"), "target": targets})
    linked = DataTable("t", frame, links={"figure": "target"})._repr_html_()
    assert all(f'href="{target}"' in linked for target in targets)


def comparison(party: str, position: str) -> ComparisonTable:
    cells = pd.DataFrame({"row": ["Borders"], "column": [party], "text": [position], "quote": ["<!--"]})
    columns = (("Israel", theme.PARTY_COLOURS["Israel"]), ("Palestinians", theme.PARTY_COLOURS["Palestinians"]))
    return ComparisonTable("1.1", "t", cells, columns, "Issue")


def test_a_comparison_table_escapes_markup_and_heads_each_party_in_its_side_colour() -> None:
    shown = comparison("Israel", BREAKOUT)._repr_html_()
    assert "<script>" not in shown and "<!--" not in shown
    israel = f"--side: {theme.ISRAELI}; --side-dark: {theme.DARK[theme.ISRAELI]}"
    assert f'<th scope="col" style="{israel}">Israel</th>' in shown
    palestinians = f"--side: {theme.PALESTINIAN}; --side-dark: {theme.DARK.get(theme.PALESTINIAN, theme.PALESTINIAN)}"
    assert f'<td data-label="Palestinians" style="{palestinians}"><p class="position none">—</p></td>' in shown


def test_a_comparison_table_refuses_a_party_it_has_no_column_for() -> None:
    with pytest.raises(ValueError, match="row 0 names party 'Hamas', not one of its columns"):
        comparison("Hamas", "a position")


def test_a_party_with_500_seats_is_refused(data_copy: Path) -> None:
    path = data_copy / "knesset_2013.csv"
    line = line_of(path, "Yesh Atid")
    replace_in_line(path, line, ",19,", ",500,")
    assert f"line {line}, column 'seats': value '500' breaks rule: at most 120 (the Knesset has 120 seats)" in problems_of(
        "knesset_2013", data_copy
    )


def test_parties_whose_seats_do_not_fill_the_knesset_are_refused(data_copy: Path) -> None:
    path = data_copy / "knesset_2013.csv"
    replace_in_line(path, line_of(path, "Yesh Atid"), ",19,", ",29,")
    assert "breaks rule: the parties' seats add up to the Knesset's 120" in problems_of("knesset_2013", data_copy)


def test_a_tranche_sending_more_prisoners_than_it_holds_is_refused(data_copy: Path) -> None:
    path = data_copy / "prisoner_releases.csv"
    replace_in_line(path, 3, ",26,11,,15,", ",26,11,,9999,")
    assert "line 3, column 'to_gaza': value '9999' breaks rule: at most 1,100" in problems_of("prisoner_releases", data_copy)
    replace_in_line(path, 3, ",26,11,,9999,", ",26,11,,30,")
    message = problems_of("prisoner_releases", data_copy)
    assert "line 3, column 'count': value '26' breaks rule: where destinations are given, the prisoners sent to each add up" in message


def test_a_site_of_an_announcement_that_does_not_exist_is_refused(data_copy: Path) -> None:
    path = data_copy / "settlement_sites.csv"
    replace_in_line(path, 2, "S01,", "S99,")
    message = problems_of("settlement_sites", data_copy)
    assert "line 2, column 'announcement_id': value 'S99' breaks rule: names an announcement of settlement_announcements.csv" in message


@pytest.mark.parametrize("blank", ["   ", "\u200b", "\u00a0\u200d"])
def test_a_blank_looking_required_value_is_refused(data_copy: Path, blank: str) -> None:
    path = data_copy / "knesset_2013.csv"
    line = line_of(path, "Yesh Atid")
    replace_in_line(path, line, "Yair Lapid", blank)
    assert f"line {line}, column 'leader'" in problems_of("knesset_2013", data_copy)
    assert "breaks rule: not blank" in problems_of("knesset_2013", data_copy)


@pytest.mark.parametrize("character", ["\x00", "\u202e", "\u2066", "\x07"])
def test_control_nul_and_bidi_override_characters_are_refused(data_copy: Path, character: str) -> None:
    path = data_copy / "knesset_2013.csv"
    line = line_of(path, "Yesh Atid")
    replace_in_line(path, line, "Yair Lapid", f"Yair{character}Lapid")
    message = problems_of("knesset_2013", data_copy)
    assert f"line {line}, column 'leader'" in message and "no control, NUL or bidirectional-override characters" in message


def test_a_table_over_the_size_limit_is_refused(data_copy: Path) -> None:
    path = data_copy / "grand_bargain.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("x" * (schemas.MAX_TABLE_BYTES + 1))
    message = problems_of("grand_bargain", data_copy)
    assert "grand_bargain.csv" in message and "breaks rule: a table is at most 1,000,000 bytes" in message


def test_a_field_over_the_csv_limit_is_called_that(data_copy: Path) -> None:
    path = data_copy / "grand_bargain.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1] + '"' + "y" * 140_000 + '"'
    path.write_text("\n".join(lines), encoding="utf-8")
    assert "breaks rule: a field is at most 131,072 characters" in problems_of("grand_bargain", data_copy)


def test_tranches_of_different_sizes_are_refused_naming_the_file_and_column() -> None:
    releases = tables.load("prisoner_releases")
    releases.loc[releases["tranche"] == 2, "count"] = 27
    with pytest.raises(DataError, match=r"prisoner_releases\.csv, column 'count': the tranches differ in size \(.*tranche 2: 27"):
        prisoners.tranche_size(releases)


def test_a_broken_manifest_names_the_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "manifest.toml"
    broken.write_text('[datasets.demo]\ntitle = "x\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"manifest\.toml: not valid TOML: .*line 2"):
        datasets.manifest(broken)


def test_a_manifest_entry_without_a_checksum_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "manifest.toml"
    broken.write_text('[datasets.demo]\ntitle = "x"\nmirror_path = "a"\nurl = "u"\nlicence = "l"\ncitation = "c"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"\[datasets\.demo\] lacks sha256"):
        datasets.manifest(broken)


def test_a_missing_seed_is_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="the account \\(the seed\\) is missing: no file at"):
        seed.seed_text(tmp_path / "absent.txt")


def test_a_truncated_geojson_names_its_file(tmp_path: Path) -> None:
    truncated = tmp_path / "west_bank.geojson"
    truncated.write_text((REPO_ROOT / "geo" / "west_bank.geojson").read_text(encoding="utf-8")[:5000], encoding="utf-8")
    with pytest.raises(DataError, match=r"west_bank\.geojson: cannot be read as a layer"):
        layers.read_layer(truncated)


def test_a_layer_with_longitude_and_latitude_swapped_is_refused(tmp_path: Path) -> None:
    frame = layers.read_layer("gaza")
    swapped = frame.set_geometry(frame.geometry.map(lambda geometry: shapely.transform(geometry, lambda xy: xy[:, ::-1])))
    path = tmp_path / "gaza_swapped.geojson"
    gpd.GeoDataFrame(swapped, crs=layers.WGS84).to_file(path, driver="GeoJSON")
    with pytest.raises(ValidationError, match="are longitude and latitude swapped"):
        layers.read_layer(path)


def test_a_venv_made_by_another_python_is_rebuilt(tmp_path: Path) -> None:
    fake = tmp_path / ".venv" / "bin"
    fake.mkdir(parents=True)
    (fake / "python").write_text("#!/bin/sh\necho False\n", encoding="utf-8")
    (fake / "python").chmod(0o755)
    (tmp_path / "Makefile").write_text((REPO_ROOT / "Makefile").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(["make", "-n", "clean"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "is not a Python 3.11 environment: removing it to rebuild it" in result.stdout + result.stderr
    assert not (tmp_path / ".venv").exists()
