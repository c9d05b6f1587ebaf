"""The introduction's linked timeline: four monthly panels under a phase strip."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.report import theme
from analysis.report.charts import count_written, gap_layers, lower_bounds_sentence
from analysis.report.glue import SPEC_DATE, in_words, spec_date

PANEL_HEIGHT = 110
# A panel's value axis ends on a labelled tick about this many steps up, so the
# tallest bar never looks cut off at an unlabelled top (26 prisoners under a 20).
PANEL_TICKS = 3
PHASE_LABEL_ROWS = 2
# The rows' distance: a row's names clear the other row's, which may stand over the same months on a phone.
PHASE_ROW_PX = 14
# Panel titles start where the plots do, which line up across the panels
# (their axes' labels, "6" or "3,000", are of different widths).
TITLE_FRAME = "group"

MONTH_REACH_PX = 4.5  # a month's bars side by side reach no further either side of its middle


# A panel's key stands under its title, across, where the eye goes before it reads the bars: under the panel it
# was read after them, and taken for the next panel's. Two entries to a row, so that a phone's column holds it.
KEY_UNDER_TITLE = alt.Legend(orient="top", direction="horizontal", columns=2, title=None, symbolType="square", columnPadding=12)


def month_bars_px(series: int) -> tuple[int, int]:
    """The width and step (px) of `series` bars side by side in a month (the leaders' meeting days, the sides'
    deaths): the widest, with a pixel between them where they fit, that reach MONTH_REACH_PX at most."""
    for width, gap in ((4, 1), (3, 1), (3, 0), (2, 1), (2, 0)):
        if (series - 1) / 2 * (width + gap) + width / 2 <= MONTH_REACH_PX:
            return width, width + gap
    raise ValueError(f"{series} series cannot stand side by side within {MONTH_REACH_PX} px either side of their month")


SERIES_COLOURS = {
    "Netanyahu": theme.NETANYAHU,
    "Abbas": theme.ABBAS,
    "West Bank": theme.WEST_BANK,
    "East Jerusalem": theme.EAST_JERUSALEM,
    "Prisoners": theme.RELEASE,
    "Palestinians killed": theme.PALESTINIAN,
    "Israelis killed": theme.ISRAELI,
}


def linked_timeline(
    series: pd.DataFrame,
    phase_table: pd.DataFrame,
    domain: tuple[str, str],
    panels: tuple[str, ...],
    gaps: pd.Series,
    lower_bounds: pd.DataFrame | None = None,
) -> alt.VConcatChart:
    """Four monthly panels under a phase strip. Dragging across the strip (or
    choosing a phase in the menu, from the keyboard) filters every panel. The
    deaths panel (the last) draws each side's deaths as bars, side by side in each month as the
    meeting days are, and the months the records hold nothing for (`gaps`, month starts) as
    labelled gaps, with no bar there, never a bar of zero;
    a month a side's records are known to under-count (`lower_bounds`: `side` and
    `month`, the timeline's months only) reads "at least" its count in the tooltip
    and the description."""
    data = series.assign(month=series["month"].dt.strftime(SPEC_DATE))
    gap_months = pd.to_datetime(pd.Series(gaps)).dt.strftime(SPEC_DATE)
    killed = panels[3]
    data["value"] = data["value"].astype(float).where(~((data["panel"] == killed) & data["month"].isin(gap_months)))
    bounded = pd.DataFrame(columns=["side", "month"]) if lower_bounds is None else lower_bounds
    bounded_months = set(zip(bounded["side"], pd.to_datetime(bounded["month"]).dt.strftime(SPEC_DATE), strict=True))
    data["count"] = [
        "" if pd.isna(value) else count_written(value, (name, month) in bounded_months)
        for name, month, value in zip(data["series"], data["month"], data["value"], strict=True)
    ]
    rank = {name: index for index, name in enumerate(SERIES_COLOURS)}
    # The strip's x field is named `month`, like the panels', so the brush it
    # carries filters the panels by the same field.
    # Each band is named by its phase's short name (the full name is in its
    # tooltip and the menu), in one of two rows in turn, so a short phase's
    # name never runs into its neighbours' on a phone.
    shaded = phase_table.assign(
        month=phase_table["start"].dt.strftime(SPEC_DATE),
        month_end=phase_table["end"].dt.strftime(SPEC_DATE),
        label_row=[index % PHASE_LABEL_ROWS for index in range(len(phase_table))],
    )
    # One time scale for the strip and every panel (shared below), so a month
    # stands at one place down the figure (each panel's own scale, padded for
    # its bars, put its months up to 5 px from the strip's; the one scale keeps
    # that padding, 5 px each end, for all). Its ends are
    # `domainMin` and `domainMax`: an explicit `domain` in
    # several layers of a temporal scale makes Vega-Lite warn of a conflict with
    # itself and union it with an empty data reference (vega/vega-lite#5733).
    first, last = (pd.Timestamp(end) for end in domain)
    time_scale = alt.Scale(
        domainMin=alt.DateTime(year=first.year, month=first.month, date=first.day),
        domainMax=alt.DateTime(year=last.year, month=last.month, date=last.day),
    )
    month_axis = alt.Axis(format="%b %Y", labelAngle=0)
    x = alt.X("month:T", scale=time_scale, axis=month_axis, title=None)
    # A month's bars stand at its middle, inside the month as the phases and the gaps' bands are drawn (on its
    # first day, March's meeting days stood before the reset began); the data keeps the month as its first day,
    # which the page reads as local midnight (SPEC_DATE): its middle is reckoned in local time too (in UTC, a
    # reader east of Greenwich had the month's first day back).
    x_mid = alt.X("month_middle:T", scale=time_scale, axis=month_axis, title=None)
    month_middle = "(toDate(datum.month) + time(datetime(year(toDate(datum.month)), month(toDate(datum.month)) + 1, 1))) / 2"
    # A finger's drag is the page's scroll: started on the strip, the browser took it over after a move or two
    # (pointercancel) and left a brush a few pixels wide, which emptied every panel. A brush is drawn with a
    # mouse or a pen; on a touch screen the phase is chosen from the menu.
    drag = "[pointerdown[event.pointerType !== 'touch'], window:pointerup] > window:pointermove!"
    brush = alt.selection_interval(encodings=["x"], name="period", on=drag, translate=drag)
    phase_pick = alt.param(
        name="phase_pick",
        value="all",
        bind=alt.binding_select(
            options=["all", *phase_table["phase"]], labels=["whole period", *phase_table["label"]], name="Show phase: "
        ),
    )
    phase_colours = alt.Scale(domain=list(theme.PHASE_COLOURS), range=list(theme.PHASE_COLOURS.values()))
    strip_base = alt.Chart(shaded)
    strip = (
        alt.layer(
            strip_base.mark_rect().encode(
                x=x,
                x2="month_end:T",
                color=alt.Color("phase:N", scale=phase_colours, legend=None),
                tooltip=[
                    alt.Tooltip("label:N", title="Phase"),
                    alt.Tooltip("month:T", title="From", format="%-d %b %Y"),
                    alt.Tooltip("month_end:T", title="To", format="%-d %b %Y"),
                ],
            ),
            strip_base.mark_text(fontSize=11)
            .encode(
                x=alt.X("mid:T"),
                y=alt.Y(
                    "label_row:O",
                    axis=None,
                    scale=alt.Scale(type="point", padding=0, range=[10, 10 + PHASE_ROW_PX * (PHASE_LABEL_ROWS - 1)]),
                ),
                text="band_label:N",
            )
            .transform_calculate(mid="(toDate(datum.month) + toDate(datum.month_end)) / 2"),
        )
        .add_params(brush)
        .properties(
            width=theme.WIDTH,
            height=PHASE_ROW_PX * PHASE_LABEL_ROWS + 12,
            title=alt.Title("Drag across the phases or use the menu", fontSize=12, fontWeight="normal", frame=TITLE_FRAME),
        )
    )

    in_phase = (
        "phase_pick == 'all' || "
        "(toDate(datum.month) >= toDate(phase_start[phase_pick]) && toDate(datum.month) <= toDate(phase_end[phase_pick]))"
    )

    def chosen(chart: alt.Chart, drawn_at: str = "month") -> alt.Chart:
        """A panel's marks shown for the phase picked only and, for the period dragged across, those drawn
        (`drawn_at`) inside it: a month's bars by its middle, where they stand."""
        dragged = brush if drawn_at == "month" else f"!period.month || inrange(datum.{drawn_at}, period.month)"
        return chart.transform_filter(dragged).transform_filter(in_phase)

    starts = {row.phase: spec_date(row.start.replace(day=1)) for row in phase_table.itertuples()}
    ends = {row.phase: spec_date(row.end) for row in phase_table.itertuples()}
    phase_start = alt.param(name="phase_start", value=starts)
    phase_end = alt.param(name="phase_end", value=ends)
    charts = []
    for panel in panels:
        is_killed = panel == killed
        names = list(dict.fromkeys(data.loc[data["panel"] == panel, "series"]))
        if is_killed:  # its bars and key in SERIES_COLOURS's order, the sides first
            names.sort(key=lambda name: rank.get(name, len(rank)))
        colours = alt.Scale(domain=names, range=[SERIES_COLOURS.get(name, theme.GREY) for name in names])
        values = data[data["panel"] == panel]
        # The whole period's peak (a month's stack of bars, or its tallest bar side by side) fixes the axis: a
        # period or phase chosen shows its months on the scale of the whole, and a phase with none is drawn empty.
        # The leaders' meeting days and the sides' deaths are compared, so they stand side by side from zero (a
        # line through the deaths' months put the war's first month's on its first day, before the war, climbing to it);
        # the settlement units' regions add up to the month's units, so they stack.
        side_by_side = panel in (panels[0], killed)
        peak = float(values["value"].max() if side_by_side else values.groupby("month")["value"].sum().max())
        panel_data = alt.Chart(data).transform_filter(alt.datum.panel == panel).transform_calculate(month_middle=month_middle)
        tooltip = [
            alt.Tooltip("month:T", title="Month", format="%b %Y"),
            alt.Tooltip("series:N", title="Measure"),
            alt.Tooltip("count:N", title="Count"),
        ]
        encoding = {
            "x": x_mid,
            "y": alt.Y(
                "value:Q",
                title=None,
                stack=None if side_by_side else alt.Undefined,
                scale=alt.Scale(domain=[0, peak], nice=PANEL_TICKS),
                axis=alt.Axis(tickCount=PANEL_TICKS),
            ),
            # A panel of one series is named by its title: a key would only repeat it.
            "color": alt.Color("series:N", title=None, scale=colours, legend=None if len(names) == 1 else KEY_UNDER_TITLE),
        }
        if side_by_side:
            width, step = month_bars_px(len(names))
            bars = [
                chosen(
                    panel_data.transform_filter(alt.datum.series == name)
                    .mark_bar(width=width, xOffset=(index - (len(names) - 1) / 2) * step)
                    .encode(**encoding, tooltip=tooltip),
                    drawn_at="month_middle",
                )
                for index, name in enumerate(names)
            ]
            # The deaths' grey bands are drawn first, under the bars, so their x is the panel's, axis and all: a
            # layer's `axis=None` would hide the time axis of the whole panel.
            gaps_drawn = gap_layers(pd.DataFrame({"month": gap_months}), x, PANEL_HEIGHT, on_time_axis=True) if is_killed else []
            drawn = alt.layer(*[chosen(layer) for layer in gaps_drawn], *bars)
        else:
            drawn = chosen(panel_data.mark_bar().encode(**encoding, tooltip=tooltip), drawn_at="month_middle")
        charts.append(drawn.properties(width=theme.WIDTH, height=PANEL_HEIGHT, title=alt.Title(panel, fontSize=13, frame=TITLE_FRAME)))
    lower_bounds_said = lower_bounds_sentence(bounded, gap_months)
    return (
        alt.vconcat(strip, *charts, spacing=14)
        .add_params(phase_pick, phase_start, phase_end)
        .resolve_scale(color="independent", x="shared")
        .properties(
            description=(
                f"Linked monthly timeline, {first:%B %Y} to {last:%B %Y}: Kerry's meeting days "
                "with each leader, settlement units announced, prisoners released and people killed, under a strip of the "
                f"{in_words(len(phase_table))} phases. Drag across the strip or choose a phase to filter every panel."
                + (f" {lower_bounds_said}" if lower_bounds_said else "")
            )
        )
    )
