"""Accessibility of every built page: axe-core finds nothing, of any impact,
every chart and map has a text alternative and its data table, each of their
marks is read out in words, and interactive charts can be reached from the keyboard."""

from __future__ import annotations

import re

COLUMN_NAME = re.compile(r"(?:^|; )([a-z0-9]+_[a-z0-9_]+): ")


def test_axe_finds_no_violation_of_any_impact(visit):
    """Moderate and minor findings too: the last one, the book's title outside
    any landmark (region), is fixed, and a new one should not go unseen."""
    lines = []
    for violation in visit.axe:
        targets = [node["target"] for node in violation["nodes"]]
        shown = ", ".join(targets[:8]) + (f", ... ({len(targets)} in all)" if len(targets) > 8 else "")
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} -> {shown}")
    assert not visit.axe, f"{visit.page}: axe-core found {len(visit.axe)} rule(s) broken:\n" + "\n".join(lines)


def test_figures_have_text_alternatives(visit):
    """Vega renders a chart's `description` as the SVG's aria-label (role
    graphics-document); each figure needs that label, and the spec needs an
    authored description rather than none."""
    missing = []
    for figure in visit.figures:
        label = figure["ariaLabel"] or figure["described"]
        if not label:
            missing.append(f"{figure['label']}: rendered {figure['tag'] or 'nothing'} has no aria-label/aria-describedby")
        elif figure["role"] not in ("graphics-document", "img", "figure", "document"):
            missing.append(f"{figure['label']}: role is {figure['role']!r}, not graphics-document/img")
        if figure["description"] is not None and not figure["description"]:
            missing.append(f"{figure['label']}: its spec has no `description` (set one on the Altair chart)")
    missing += [f"image {src!r} has no alt text" for src in visit.images_without_alt]
    assert not missing, f"{visit.page}: " + "; ".join(missing)


def test_every_figure_has_its_data_table(visit):
    """Each figure is followed by a `<details class="figure-data">` table."""
    figures = len(visit.figures)
    assert visit.data_tables >= figures, (
        f"{visit.page}: {figures} figure(s) but only {visit.data_tables} `details.figure-data` table(s); "
        "figures: " + ", ".join(f["label"] for f in visit.figures)
    )


def test_interactive_figures_reachable_by_keyboard(visit):
    """Tab from the element before an interactive chart (selection or bound
    input) must move focus into the chart. Pages with no interactive chart have
    nothing to reach and pass."""
    interactive = [f["label"] for f in visit.figures if f["interactive"]]
    checked = {entry["label"]: entry["reached"] for entry in visit.keyboard}
    assert sorted(checked) == sorted(interactive), f"{visit.page}: keyboard check did not cover {interactive}"
    unreachable = [
        f"{entry['label']} (Tab from {entry['from'] or 'page start'} went to {entry['landed']})"
        for entry in visit.keyboard
        if not entry["reached"]
    ]
    assert not unreachable, (
        f"{visit.page}: Tab never focuses interactive figure(s): " + "; ".join(unreachable) + ". "
        "Bind the selection to an input (e.g. a select) inside the chart, or make the "
        "chart focusable (tabindex=0) with keyboard handling."
    )


def test_a_chart_mark_is_described_in_words_not_by_column_names(visit):
    """Left to Vega-Lite, a mark is read out by every field it encodes under the
    data's column names ("seat_to: 31; number_colour: white");
    analysis.report.vega.described_for_screen_readers reads out what the
    tooltip shows instead."""
    named = sorted({match for label in visit.mark_labels if label for match in COLUMN_NAME.findall(label)})
    assert not named, f"{visit.page}: marks read out by column name: {named}"
