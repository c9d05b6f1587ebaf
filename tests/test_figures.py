"""What every figure's specification promises, read from the executed notebooks:
bars on linear scales from zero, and gaps in the records drawn as gaps."""

from pathlib import Path

import pytest

from analysis.pages import collapse
from analysis.paths import REPO_ROOT
from analysis.report import theme
from analysis.report.glue import DatedList, spec_parts, typeset
from analysis.tools.publish import figure_specs

SPECS = figure_specs(sorted((REPO_ROOT / "chapters").glob("*.ipynb")))


def mark_type(part: dict) -> str:
    mark = part.get("mark")
    return mark.get("type", "") if isinstance(mark, dict) else (mark or "")


@pytest.mark.parametrize("name", sorted(SPECS))
def test_no_bar_area_or_rect_mark_sits_on_a_log_scale(name: str) -> None:
    for part in spec_parts(SPECS[name][1]):
        if mark_type(part) not in ("bar", "area", "rect"):
            continue
        for channel in ("x", "y"):
            scale = part.get("encoding", {}).get(channel, {}).get("scale", {})
            assert scale.get("type") not in ("log", "symlog"), (name, channel, scale)
            assert scale.get("zero", True) is not False, (name, channel, scale)


def test_every_figure_spec_is_found() -> None:
    assert len(SPECS) >= 16  # every figure but the countdown, a dated list since issue 25
    assert all(Path(REPO_ROOT / "chapters" / f"{page}.ipynb").is_file() for page, _ in SPECS.values())


@pytest.mark.parametrize("name", ["fig_collapse_casualties"])
def test_months_without_records_are_drawn_as_labelled_gaps(name: str) -> None:
    spec = SPECS[name][1]
    labels = [row.get("label") for rows in spec.get("datasets", {}).values() for row in rows]
    assert "no records" in labels


@pytest.mark.parametrize("name", sorted(SPECS))
def test_no_label_is_cut_short(name: str) -> None:
    spec = SPECS[name][1]
    for rows in spec.get("datasets", {}).values():
        for row in rows:
            cut = [value for value in row.values() if isinstance(value, str) and value.rstrip().endswith("…")]
            assert not cut, (name, cut)
    for part in spec_parts(spec):
        mark = part.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            assert "limit" not in mark, (name, mark)


@pytest.mark.parametrize("name", ["fig_framework_asymmetry", "fig_resumption_promise", "fig_framework_coalition"])
def test_reference_lines_carry_their_label_on_the_chart(name: str) -> None:
    spec = SPECS[name][1]
    texts = [part for part in spec_parts(spec) if isinstance(part.get("mark"), dict) and part["mark"].get("type") == "text"]
    labels = [row.get("label") for rows in spec.get("datasets", {}).values() for row in rows if "label" in row]
    assert texts and labels


def test_the_stylesheet_carries_the_themes_dark_palette() -> None:
    """Dark mode redraws figures in theme.DARK's colours through _static/figures.css,
    never by inverting them: the stylesheet holds exactly dark_mode_css()."""
    stylesheet = (REPO_ROOT / "_static" / "figures.css").read_text(encoding="utf-8")
    assert theme.dark_mode_css() in stylesheet
    assert "invert(" not in stylesheet


def test_typeset_curls_quotes_and_sets_en_dashes() -> None:
    assert typeset("Kerry's \"framework\" - the 'deal'") == "Kerry\u2019s \u201cframework\u201d \u2013 the \u2018deal\u2019"


def test_the_countdown_is_a_dated_list_with_its_deadlines_set_apart() -> None:
    figure = collapse.countdown().figures[0]
    assert isinstance(figure.chart, DatedList)
    page = figure.chart._repr_html_()
    assert page.count("<li ") == len(figure.table)
    assert page.count('class="dated marked"') == int(figure.table["kind"].isin(figure.chart.marked).sum()) > 0
    first = figure.table.sort_values("date")["date"].iloc[0]
    assert f'<time datetime="{first:%Y-%m-%d}">{first:%-d %b}</time>' in page  # each date in its own element, set short
