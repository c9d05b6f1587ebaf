"""Charts for the chapters. Each takes a tidy table and returns an Altair chart
styled by the book's theme, with a text description for screen readers."""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

import altair as alt
import pandas as pd

from analysis.errors import DataError
from analysis.evidence.casualties import SIDE_ORDER
from analysis.evidence.meetings import DIMENSIONS
from analysis.report import theme
from analysis.report.glue import (
    SPEC_DATE,
    DatedList,
    Side,
    agreeing,
    counted,
    date_at_precision,
    dates_at_precision,
    in_series,
    in_words,
    of_the_whole,
    spec_date,
)
from analysis.report.glue import months as glue_months

REGION_ORDER = ("Gaza", "West Bank", "East Jerusalem", "Israel")
PANEL_HEIGHT = 150
FEW = 5  # a count axis that peaks at this or less is ticked at each whole number
# A row label's lines fit a 390 px phone's column at 12 px; labels sit above
# their bars, so no axis has to cut them short.
LABEL_CHARS = 44
LINE_HEIGHT = 15
BAR_HEIGHT = 14
ROW_GAP = 10  # px: under a row's bars, before the next row's label
LABEL_GAP = 2  # px: between a row's label and the top of its bars
ROW_TOP = 4  # px: above a row's label, so it keeps clear of the bars above it and of a note at the plot's top
COALITION_BAR_HEIGHT = BAR_HEIGHT + 4  # a coalition's bar carries its parties' seats written on it
COALITION_DIGIT_PX = 7  # a digit's width at the numbers' 11 px
COALITION_RULE_CLEARANCE_PX = 4  # between a number and the majority line, or a bar's end


# A label's halo: painted under its letters (figures.css sets paint-order), it hides a rule or gridline behind them.
LABEL_HALO = {"stroke": theme.HALO, "strokeWidth": 3}


def wrapped(label: str, width: int = LABEL_CHARS) -> str:
    """A label broken into lines of at most `width` characters, never cut; a line break it has is kept."""
    return "\n".join(line for part in label.split("\n") for line in textwrap.wrap(part, width)) or label


def count_ticks(peak: int) -> list[int]:
    """The ticks of a count axis from zero whose last, labelled, is the smallest
    round top at or above `peak`: three to five whole steps of 1, 2, 2.5 or 5
    times a power of ten. Few enough that none is dropped on a phone, so no bar
    ends past the last value a reader can read."""
    magnitude = 10 ** math.floor(math.log10(max(peak, 1) / 5))
    _, steps, step = min(
        (round(base * scale * steps), steps, round(base * scale))
        for scale in (magnitude, 10 * magnitude)
        for base in (1, 2, 2.5, 5)
        for steps in (3, 4, 5)
        if base * scale * steps >= peak and float(base * scale).is_integer()
    )
    return [step * index for index in range(steps + 1)]


SIDE_COLOURS = {"Palestinians killed": theme.PALESTINIAN, "Israelis killed": theme.ISRAELI}


@dataclass(frozen=True)
class RowBars:
    """Where a chart of labelled rows draws each row of field `field`, in order:
    its label's lines from ROW_TOP below the row's top, its bars (`height` px in
    all) LABEL_GAP under the label's last line, then ROW_GAP. Each row is as tall
    as its own label, so every label stands the same distance under the bars
    above it and over its own; `plot_height` is the rows' sum. The positions are
    pixels, computed in the spec (`placed`) so the figure's data keeps no layout."""

    field: str
    rows: tuple[str, ...]
    label_tops: tuple[float, ...]
    bar_tops: tuple[float, ...]
    height: float = BAR_HEIGHT

    @classmethod
    def laid_out(cls, table: pd.DataFrame, field: str, bars_per_row: int = 1, bar_height: float = BAR_HEIGHT) -> RowBars:
        """The rows of `table`'s `field`, each with `bars_per_row` bars `bar_height` px tall."""
        rows = tuple(table[field].drop_duplicates())
        bars_px = bars_per_row * bar_height
        label_tops, bar_tops, row_top = [], [], 0.0
        for row in rows:
            label_tops.append(row_top + ROW_TOP)
            bar_tops.append(row_top + ROW_TOP + (wrapped(row).count("\n") + 1) * LINE_HEIGHT + LABEL_GAP)
            row_top = bar_tops[-1] + bars_px + ROW_GAP
        return cls(field, rows, tuple(label_tops), tuple(bar_tops), bars_px)

    @property
    def plot_height(self) -> int:
        return math.ceil(self.bar_tops[-1] + self.height + ROW_GAP)

    def _at(self, positions: tuple[float, ...], plus: float = 0) -> str:
        """A Vega expression: the px in `positions` (plus `plus`) of the datum's row."""
        pixels, rows = json.dumps([position + plus for position in positions]), json.dumps(list(self.rows))
        return f"{pixels}[indexof({rows}, datum[{json.dumps(self.field)}])]"

    def placed(self, chart: alt.Chart) -> alt.Chart:
        """`chart` with its rows' px computed: `label_top`, `bar_top`, `bar_middle` and `bar_bottom`."""
        return chart.transform_calculate(
            label_top=self._at(self.label_tops),
            bar_top=self._at(self.bar_tops),
            bar_middle=self._at(self.bar_tops, self.height / 2),
            bar_bottom=self._at(self.bar_tops, self.height),
        )


def at_px(column: str) -> alt.Y:
    """A vertical position read as pixels from the plot's top (a row's `RowBars.placed` column)."""
    return alt.Y(f"{column}:Q", scale=None, axis=None, title=None)


def row_labels(data: pd.DataFrame, bars: RowBars) -> alt.Chart:
    """Each row's whole label, wrapped, at the left edge, its lines down from the
    row's `label_top`, with a halo: layered over a reference rule, it hides the
    rule behind its letters."""
    shown = data.drop_duplicates(bars.field).assign(row_label=lambda frame: frame[bars.field].map(wrapped))
    return bars.placed(
        alt.Chart(shown).mark_text(align="left", baseline="top", lineBreak="\n", lineHeight=LINE_HEIGHT, fontSize=12, **LABEL_HALO)
    ).encode(y=at_px("label_top"), x=alt.value(0), text="row_label:N")


RULE_ABOVE = 3  # px: how far a reference line drawn across a row's bars reaches above them, short of the row's label
RULE_HALO_WIDTH = 6  # px: the page's colour under a reference line across bars, a 2 px gap each side of it
# A bar ends at a reference line when it stops short of it by no more than RULE_SHORT_SHARE of the axis's span
# (a few pixels on a phone), or runs past it by no more than RULE_PAST_SHARE (3 px at the widest plot, half the
# halo: its end hidden under the gap). Only there does the line stand on a gap of the page's colour; across a bar
# that runs on past it, the gap cut the bar in two (2,256 read as a bar to 2,000 and a stub, Fig. 2.3).
RULE_SHORT_SHARE = 0.015
RULE_PAST_SHARE = 0.005


def rows_ending_at(table: pd.DataFrame, row: str, end: str, value: float, span: float) -> tuple[str, ...]:
    """The rows (`row`) of `table` with a bar or segment ending (`end`) at `value`: short of it by no more than
    RULE_SHORT_SHARE of the axis's `span`, or past it by no more than RULE_PAST_SHARE."""
    past = table[end] - value
    near = (past >= -RULE_SHORT_SHARE * span) & (past <= RULE_PAST_SHARE * span)
    return tuple(table.loc[near, row].drop_duplicates())


def labelled_rule(
    field: str,
    value: float,
    label: str,
    colour: str,
    tooltip: alt.Tooltip,
    dashed: bool = True,
    across: RowBars | None = None,
    ending_at: tuple[str, ...] = (),
) -> alt.LayerChart:
    """A reference line on a quantitative x axis with its label written beside it,
    at the top of the plot (not only in `tooltip`, which reads `field` or `label`).
    `across` a chart of labelled rows, the line is drawn across each row's bars
    only, so it never runs through a row's label, between its words or letters;
    on the rows whose bars end at it (`ending_at`, see `rows_ending_at`) over a
    halo of the page's colour: there the line stood on the bar's end in a grey
    close to the bar's (Fig. 4.5 in dark mode)."""
    stroke = {"color": colour, "strokeWidth": 2, **({"strokeDash": [4, 3]} if dashed else {})}
    data = pd.DataFrame({field: [value], "label": [label]})
    text = (
        alt.Chart(data)
        .mark_text(align="left", baseline="bottom", dx=4, dy=-2, fontSize=11, color=colour, **LABEL_HALO)
        .encode(x=f"{field}:Q", y=alt.value(0), text="label:N")
    )
    if across is None:
        return alt.layer(alt.Chart(data).mark_rule(**stroke).encode(x=f"{field}:Q", tooltip=[tooltip]), text)
    reach = {"yOffset": -RULE_ABOVE, "y2Offset": ROW_GAP - 1}

    def across_rows(names: tuple[str, ...]) -> alt.Chart:
        return across.placed(alt.Chart(pd.DataFrame({across.field: list(names), field: value, "label": label}))).encode(
            x=f"{field}:Q", y=at_px("bar_top"), y2=alt.Y2("bar_bottom")
        )

    line = across_rows(across.rows).mark_rule(**stroke, **reach).encode(tooltip=[tooltip])
    if not ending_at:
        return alt.layer(line, text)
    return alt.layer(across_rows(ending_at).mark_rule(color=theme.HALO, strokeWidth=RULE_HALO_WIDTH, **reach), line, text)


# A month axis's labels: the month, with the year under the first month and each January.
MONTH_OVER_YEAR = "[timeFormat(datum.value, '%b'), datum.index == 0 || month(datum.value) == 0 ? timeFormat(datum.value, '%Y') : '']"


def date_axis(months: int = 1) -> alt.Axis:
    """A time axis labelled every `months` months with the month, the year under the first and each
    January, as the month axes are (on a phone, "Apr 2013May 2013" ran together)."""
    # `format` is what the axis's description for a screen reader writes its ends in (the labels are `labelExpr`'s).
    return alt.Axis(
        labelExpr=MONTH_OVER_YEAR,
        format="%b %Y",
        labelAngle=0,
        title=None,
        tickCount={"interval": "month", "step": months},
        labelOverlap=True,
    )


DATE_AXIS = date_axis()


def _iso(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Dates as strings at local midnight (`SPEC_DATE`), so every reader's browser
    reads the same day and month, and the specs (and nbval's comparison) are stable."""
    return frame.assign(**{column: frame[column].dt.strftime(SPEC_DATE) for column in columns})


def tooltip_points(line: alt.Chart, tooltip: list[alt.Tooltip], **mark: object) -> alt.Chart:
    """A point on each row of `line`, carrying the line's tooltip: Vega gives a
    line mark's tooltip its first row's values wherever the line is pointed at."""
    return line.mark_point(filled=True, opacity=1, **mark).encode(tooltip=tooltip)


def _leader_scale() -> alt.Scale:
    return alt.Scale(domain=["Netanyahu", "Abbas"], range=[theme.NETANYAHU, theme.ABBAS])


def _region_scale() -> alt.Scale:
    return alt.Scale(domain=["West Bank", "East Jerusalem"], range=[theme.WEST_BANK, theme.EAST_JERUSALEM])


STATUS_LINE_PX = 13  # a status label's line, its 11 px type and a little lead
TRANCHE_BAR_PX = 22


def prisoner_tranches(tranches: pd.DataFrame, domain: tuple[str, str]) -> alt.LayerChart:
    """Prisoners per tranche by date (on a time axis spanning `domain`), with the running total freed."""
    data = _iso(tranches, "date").assign(tranche=tranches["tranche"].astype(int))
    released = int(tranches.loc[tranches["status"] == "released", "count"].sum())
    base = alt.Chart(data)
    encoding = {
        # Every other month labelled: a label a month, set whole, crowds a phone's column and the printed page.
        "x": alt.X("date:T", axis=date_axis(months=2), scale=alt.Scale(domain=[spec_date(end) for end in domain])),
        "y": alt.Y("count:Q", title="Prisoners"),
        "tooltip": [
            alt.Tooltip("tranche:O", title="Tranche"),
            alt.Tooltip("date:T", title="Date", format="%-d %b %Y"),
            alt.Tooltip("count:Q", title="Prisoners"),
            alt.Tooltip("status:N", title="Status"),
        ],
    }
    # A tranche freed is a bar in the released prisoners' colour; one cancelled only its dashed outline, the
    # prisoners who were due: a solid grey bar of 26 read as 26 of something that happened.
    released_bars = (
        base.transform_filter("datum.status == 'released'").mark_bar(size=TRANCHE_BAR_PX, color=theme.RELEASE).encode(**encoding)
    )
    cancelled_bars = (
        base.transform_filter("datum.status == 'cancelled'")
        .mark_bar(size=TRANCHE_BAR_PX, filled=False, color=theme.NEUTRAL_DARK, strokeDash=[4, 3], strokeWidth=1.5)
        .encode(**encoding)
    )
    # Each status named over its first bar (with a halo, so no gridline runs through
    # it), set from the bar's own edge inward: a label over the first or the last bar stays inside the plot. The
    # cancelled tranche's takes two lines: on one, at a phone's width, it ran back over the last bar released.
    first_of_each = (
        data.sort_values("date")
        .drop_duplicates("status")
        .assign(
            label=lambda frame: [
                f"Due {pd.Timestamp(date):%-d %b},\nnot released" if status == "cancelled" else status.capitalize()
                for status, date in zip(frame["status"], frame["date"], strict=True)
            ],
            at_end=lambda frame: frame["date"] == data["date"].max(),
        )
    )
    half_bar = TRANCHE_BAR_PX / 2
    status_labels = (
        alt.Chart(first_of_each)
        .mark_text(
            align=alt.ExprRef("datum.at_end ? 'right' : 'left'"),
            dx=alt.ExprRef(f"datum.at_end ? {half_bar} : {-half_bar}"),
            baseline="bottom",
            lineBreak="\n",
            lineHeight=STATUS_LINE_PX,
            # Vega sets a label's first line on the baseline, the rest under it: a label of two lines is raised by one.
            dy=alt.ExprRef(f"-6 - {STATUS_LINE_PX} * (length(split(datum.label, '\\n')) - 1)"),
            fontSize=11,
            color=theme.BLACK,
            **LABEL_HALO,
        )
        .encode(x="date:T", y="count:Q", text="label:N")
    )
    total = base.mark_line(color=theme.BLACK, interpolate="step-after").encode(
        x="date:T", y=alt.Y("cumulative_released:Q", title="Prisoners")
    )
    total_points = tooltip_points(
        total,
        [alt.Tooltip("date:T", title="Date", format="%-d %b %Y"), alt.Tooltip("cumulative_released:Q", title="Freed so far")],
        color=theme.BLACK,
    )
    last = data.sort_values("date").tail(1).assign(label=f"{released} freed in all")
    total_label = (
        alt.Chart(last)
        .mark_text(align="right", baseline="bottom", dy=-8, fontSize=11, color=theme.BLACK, **LABEL_HALO)
        .encode(x="date:T", y="cumulative_released:Q", text="label:N")
    )
    return alt.layer(
        released_bars,
        cancelled_bars,
        status_labels,
        total,
        total_points,
        total_label,
        description=tranches_description(tranches),
    ).properties(width="container", height=240)


def tranches_description(tranches: pd.DataFrame) -> str:
    """The prisoners chart in words, from its rows: the tranches freed and the total, and each one never released."""
    freed = tranches[tranches["status"] == "released"]
    never = [
        f"tranche {int(row['tranche'])} ({int(row['count'])} prisoners, due on {pd.Timestamp(row['date']):%-d %B %Y}) is drawn as a"
        " dashed outline: never released"
        for _, row in tranches[tranches["status"] != "released"].iterrows()
    ]
    total = int(freed["count"].sum())
    said = f"Bars of prisoners per tranche by date and a step line of the total freed: {total} in {in_words(len(freed))} tranches"
    return f"{said}; {'; '.join(never)}." if never else f"{said}."


EDGE_PX = 10  # room beyond a plot's first and last values: half a marker and a little more, so one there is drawn whole


SHUTTLE_DOT_SIZE = 110  # a dot's area in px²
SHUTTLE_DOT_PX = math.ceil(2 * math.sqrt(SHUTTLE_DOT_SIZE / math.pi))  # its width, the round one's (12 px)
# A leader's meetings on days so close that their dots would overlap at the
# width drawn stack in a run: the first on the row's line, then one above,
# one below, two above... (`level` counts from 1 in the run).
STACKED_OFFSET = f"(datum.level % 2 == 0 ? -1 : 1) * floor(datum.level / 2) * {SHUTTLE_DOT_PX}"


MIDDAY_MS = 12 * 60 * 60 * 1000


def _day_after(days: pd.Series) -> pd.Series:
    """Where each day ends on a time scale: the next day's midnight (a band to a day's midnight leaves that day out)."""
    return days + pd.Timedelta(days=1)


def _span_ms(journeys: pd.DataFrame, meetings: pd.DataFrame) -> float:
    """The milliseconds the shuttle timeline's time scale spans: its first trip or meeting to the end of its last."""
    first = min(journeys["first_day"].min(), meetings["date"].min())
    last = max(_day_after(journeys["last_day"]).max(), meetings["date"].max())
    return (last - first).total_seconds() * 1000


def _days_apart_px(earlier: str, later: str, span_ms: float) -> str:
    """A Vega expression: how many pixels apart two dates are drawn across the
    view's width, less the room its time scale keeps at each end (EDGE_PX)."""
    return f"(toDate({later}) - toDate({earlier})) / {span_ms} * (width - {2 * EDGE_PX})"


TRIP_BAR_PX = 6  # a trip's bar along the top of the shuttle timeline
TRIP_IN_FULL_PX = 480  # the plot's width from which a trip is named "Trip 3", not "3": on a phone the first two ran together
TRIP_LABEL = f"(width < {TRIP_IN_FULL_PX} ? '' : 'Trip ') + datum.trip"
SHUTTLE_HEIGHT_PX = 176  # room over Netanyahu's stacked dots for the trips' names


def shuttle_timeline(journeys: pd.DataFrame, meetings: pd.DataFrame) -> alt.LayerChart:
    """Kerry's journeys to the region (a bar each along the top, in the United
    States' grey, named "Trip 1"... under it, the number alone on a phone: a
    grey band the chart's height is a gap in data elsewhere) and each in-person
    meeting with a leader (dots; meetings too close to tell apart at the width
    drawn stacked)."""
    trips = alt.Chart(_iso(journeys.assign(band_end=_day_after(journeys["last_day"])), "first_day", "last_day", "band_end"))
    x = alt.X("first_day:T", axis=DATE_AXIS, scale=alt.Scale(padding=EDGE_PX))
    bars = trips.mark_rect(color=theme.PARTY_COLOURS["United States"]).encode(
        x=x,
        x2="band_end:T",
        y=alt.value(0),
        y2=alt.value(TRIP_BAR_PX),
        tooltip=[
            alt.Tooltip("trip:O", title="Trip"),
            alt.Tooltip("first_day:T", title="From", format="%-d %b"),
            alt.Tooltip("last_day:T", title="To", format="%-d %b"),
            alt.Tooltip("places:N", title="Stops"),
        ],
    )
    names = (
        trips.transform_calculate(middle="(toDate(datum.first_day) + toDate(datum.band_end)) / 2", named=TRIP_LABEL)
        .mark_text(baseline="top", dy=TRIP_BAR_PX + 2, fontSize=11, color=theme.TEXT_MUTED, aria=False, **LABEL_HALO)
        .encode(x="middle:T", y=alt.value(0), text="named:N")
    )
    dots = (
        alt.Chart(_iso(meetings, "date"))
        .mark_point(filled=True, size=SHUTTLE_DOT_SIZE, opacity=1, yOffset=alt.ExprRef(STACKED_OFFSET))
        .transform_window(previous="lag(date)", groupby=["counterpart"], sort=[alt.SortField("date")])
        .transform_calculate(
            starts_run=f"isValid(datum.previous) && {_days_apart_px('datum.previous', 'datum.date', _span_ms(journeys, meetings))}"
            f" < {SHUTTLE_DOT_PX} ? 0 : 1"
        )
        .transform_window(run="sum(starts_run)", groupby=["counterpart"], sort=[alt.SortField("date")])
        .transform_window(level="row_number()", groupby=["counterpart", "run"], sort=[alt.SortField("date")])
        # A meeting stands at the middle of its day, inside the band of a trip it ends or starts.
        .transform_calculate(midday=f"toDate(datum.date) + {MIDDAY_MS}")
        .encode(
            x="midday:T",
            y=alt.Y("counterpart:N", title=None, sort=["Netanyahu", "Abbas"]),
            # The axis names each row, so the colour needs no key.
            color=alt.Color("counterpart:N", scale=_leader_scale(), legend=None),
            shape=alt.Shape("origin:N", title="First recorded by"),
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%-d %b %Y"),
                alt.Tooltip("counterpart:N", title="Met"),
                alt.Tooltip("city:N", title="City"),
                alt.Tooltip("kind:N", title="Kind"),
                alt.Tooltip("origin:N", title="First recorded by"),
                alt.Tooltip("reported_by:N", title="Reported by"),
            ],
        )
    )
    return alt.layer(
        bars,
        names,
        dots,
        description=shuttle_description(journeys, meetings),
    ).properties(width="container", height=SHUTTLE_HEIGHT_PX)


def shuttle_description(journeys: pd.DataFrame, meetings: pd.DataFrame) -> str:
    """The shuttle timeline in words: its trips, its span and the meetings with each leader it dots."""
    per_leader = meetings["counterpart"].value_counts()
    span = f", {glue_months(journeys['first_day'].min(), journeys['last_day'].max())}" if len(journeys) else ""
    return (
        f"Timeline of Kerry's {counted(len(journeys), 'trip', 'trips')} to the region{span}, "
        "with a dot for each documented meeting with Netanyahu or Abbas: "
        f"{per_leader.get('Netanyahu', 0)} with Netanyahu and {per_leader.get('Abbas', 0)} with Abbas."
    )


def count_axis(peak: int) -> alt.Axis:
    """An axis of whole counts. Vega spaces ticks by the chart's height, so
    under a peak of a few it would tick halves (shown as 0, 1, 1, 2, 2)."""
    return alt.Axis(tickMinStep=1, format=",d", **({"values": list(range(peak + 1))} if peak <= FEW else {}))


MONTHLY_PANEL_WIDTH = 560  # each leader's panel as designed; _static/vega-fit.js scales both to the column
MONTHLY_PANEL_HEIGHT = 100


def meetings_by_month(counts: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> alt.VConcatChart:
    """Distinct meeting days per month with each leader: a panel per leader, its
    title naming whom the bars in that leader's colour count (no key to look up),
    both on one count scale from zero and one row of months. A month with no
    meeting day has its 0 written (a blank slot read as a month missing), and a
    month the `window` cuts (the phase's first and last) is labelled with its
    days ("20–31 Mar"): drawn as wide as the others, it holds fewer days."""
    data = _iso(counts, "month")
    peak = int(data["meeting_days"].max())
    months = sorted(data["month"].unique())
    leaders = _leader_scale()
    cut: dict[str, str] = {}
    if window is not None:
        first, last = window
        if first.day > 1:
            cut[f"{first:%Y-%m}"] = f"{first.day}–{first.days_in_month} {first:%b}"
        if last.day < last.days_in_month:
            cut[f"{last:%Y-%m}"] = f"{first.day if first.to_period('M') == last.to_period('M') else 1}–{last.day} {last:%b}"
    # MONTH_OVER_YEAR, its month's name given the days where the window cuts the month.
    month_name = "timeFormat(datum.value, '%b')"
    labels = MONTH_OVER_YEAR.replace(
        month_name, f"({json.dumps(cut, ensure_ascii=False)})[timeFormat(datum.value, '%Y-%m')] || {month_name}", 1
    )
    x = alt.X("yearmonth(month):O", axis=alt.Axis(labelExpr=labels, labelAngle=0), title=None, scale=alt.Scale(domain=months))
    y = alt.Y("meeting_days:Q", title="Days", scale=alt.Scale(domain=[0, max(peak, 1)]), axis=count_axis(peak))
    panels = [
        alt.layer(
            alt.Chart(data[data["counterpart"] == leader])
            .mark_bar(color=colour)
            .encode(
                x=x,
                y=y,
                tooltip=[
                    alt.Tooltip("yearmonth(month):T", title="Month", format="%b %Y"),
                    alt.Tooltip("counterpart:N", title="Met"),
                    alt.Tooltip("meeting_days:Q", title="Days with a meeting"),
                ],
            ),
            alt.Chart(data[(data["counterpart"] == leader) & (data["meeting_days"] == 0)])
            .mark_text(baseline="bottom", dy=-2, fontSize=11, color=theme.BLACK, **LABEL_HALO)
            .encode(x=x, y=y, text="meeting_days:Q"),
        ).properties(
            width=MONTHLY_PANEL_WIDTH,
            height=MONTHLY_PANEL_HEIGHT,
            title=alt.Title(f"Met {leader}", fontSize=13, fontWeight="normal"),
        )
        for leader, colour in zip(leaders.domain, leaders.range, strict=True)
    ]
    return alt.vconcat(
        *panels,
        spacing=16,
        description=monthly_description(counts),
    )


def monthly_description(counts: pd.DataFrame) -> str:
    """The monthly meeting days in words: each leader's days in all, and in how many
    of the months shown Abbas had at least Netanyahu's (the rule of the page's prose)."""
    by_month = counts.pivot_table(index="month", columns="counterpart", values="meeting_days", aggfunc="sum")
    by_month = by_month.reindex(columns=["Netanyahu", "Abbas"], fill_value=0).fillna(0)
    said = "Bar charts, one per leader on one scale, of distinct meeting days per month with Netanyahu and with Abbas"
    if by_month.empty:
        return f"{said}: no month shown."
    totals = by_month.sum().astype(int)
    abbas_at_least = of_the_whole(int((by_month["Abbas"] >= by_month["Netanyahu"]).sum()), len(by_month), "months")
    return (
        f"{said}: {counted(totals['Netanyahu'], 'day', 'days')} with Netanyahu and {counted(totals['Abbas'], 'day', 'days')} "
        f"with Abbas in all; Abbas had at least as many as Netanyahu in {abbas_at_least}."
    )


# Announcements closer than this are set side by side about their mean day, so
# no bar hides part of another at any width.
ANNOUNCEMENTS_APART_DAYS = 7
# A run of announcements this close to a release's line stands wholly on its own side of it: a bar
# is about four days wide on a phone. Only so close: a run set against a line a week away was drawn
# a week from its days (a tender ten days after the third release was drawn four days after it).
LINE_REACH_DAYS = 4
ANNOUNCEMENT_BAR_MAX_PX = 9
ANNOUNCEMENT_BAR_PX = f"clamp(width / 60, 5, {ANNOUNCEMENT_BAR_MAX_PX})"  # a bar's width: 9 px on a desktop, 5 px on a phone
NAME_LINE_GAP_PX = 6  # from a release's line to a region's name set from it
EDGE_MARGIN_PX = 3  # beyond the outermost bar's edge, at each end of a time axis


def side_by_side(
    units: pd.DataFrame, apart_days: int = ANNOUNCEMENTS_APART_DAYS, rules: pd.Series | None = None, reach_days: int = LINE_REACH_DAYS
) -> pd.DataFrame:
    """Each announcement's units (a row per region) placed for drawing: `drawn_at`,
    the mean day of its run of announcements fewer than `apart_days` apart;
    `slot`, its place in that run in bar widths from the middle; and its regions
    stacked in the scale's order from the foot (`units_from`, `units_to`). A run that ends fewer
    than `reach_days` before the day of one of the `rules` (a release) stands
    wholly before that line, its last bar's edge on it; one that starts as soon
    after a line, wholly after it: a bar a few days wide on a phone would
    otherwise straddle the line and hide which came first."""
    # A bar per announcement: two announced on one day (the tenders and the plans of 3 Nov 2013) stand side by side.
    bars = units[["date", "announcement_id"]].drop_duplicates().sort_values(["date", "announcement_id"]).reset_index(drop=True)
    days = bars["date"]
    run = (days.diff() >= pd.Timedelta(days=apart_days)).cumsum()
    runs = days.groupby(run)
    size, index = runs.transform("size"), runs.cumcount()
    placed = bars.assign(drawn_at=runs.transform(lambda run_days: run_days.mean().normalize()), slot=index - (size - 1) / 2)
    lines = pd.to_datetime(pd.Series([] if rules is None else list(rules), dtype="object"))
    reach = pd.Timedelta(days=reach_days)
    first, last = runs.transform("min"), runs.transform("max")
    for row in placed.index:
        after = lines[(lines > last[row]) & (lines - last[row] < reach)]
        before = lines[(lines < first[row]) & (first[row] - lines < reach)]
        if not after.empty:
            placed.loc[row, ["drawn_at", "slot"]] = after.min(), index[row] - size[row] + 0.5
        elif not before.empty:
            placed.loc[row, ["drawn_at", "slot"]] = before.max(), index[row] + 0.5
    # The West Bank at the foot of each bar, as the introduction's timeline stacks it: here it stood on top.
    order = {region: position for position, region in enumerate(_region_scale().domain)}
    stacked = units.assign(order=units["region"].map(order)).sort_values(["date", "announcement_id", "order"])
    stacked["units_to"] = stacked.groupby(["date", "announcement_id"])["units"].cumsum()
    stacked["units_from"] = stacked["units_to"] - stacked["units"]
    return stacked.drop(columns="order").merge(placed, on=["date", "announcement_id"])


def region_labels(placed: pd.DataFrame, rules: pd.Series | None = None) -> pd.DataFrame:
    """Where each region is named on the chart: beside the middle of its part of
    the one bar whose smaller part is the tallest (so both names have room), on
    its outer side when it stands beside others, else on the side with more days
    before the next bar or the plot's edge (`side`: `left` or `right`). A row per
    region, with the bar's `drawn_at` and `slot`, and where its name is set
    from (`at`, `at_slot`, `from_line`): the bar, or the line of a release (`rules`, its days)
    less than ANNOUNCEMENTS_APART_DAYS from the bar's day on that side, so the name
    does not run through that line (a halo hides a line behind a name's letters,
    not between them). A line farther off may still cross a long name on a narrow
    screen: the browser's layout test checks the drawn chart at 1280 and 390 px."""
    both = placed.groupby("announcement_id").filter(lambda bar: bar["region"].nunique() == len(_region_scale().domain))
    chosen = both.groupby("announcement_id")["units"].min().idxmax()
    bar = both[both["announcement_id"] == chosen]
    at, slot = bar["drawn_at"].iloc[0], bar["slot"].iloc[0]
    slots = placed.loc[placed["drawn_at"] == at, "slot"].unique()
    others = placed.loc[placed["drawn_at"] != at, "drawn_at"]
    before = (at - others[others < at].max()) if (others < at).any() else pd.Timedelta(0)
    after = (others[others > at].min() - at) if (others > at).any() else pd.Timedelta(0)
    if len(slots) > 1 and slot in (slots.min(), slots.max()):
        side = "right" if slot == slots.max() else "left"
    else:
        side = "right" if after > before else "left"
    lines = pd.to_datetime(pd.Series([] if rules is None else list(rules), dtype="object"))
    reach = pd.Timedelta(days=ANNOUNCEMENTS_APART_DAYS)
    near = lines[(lines < at) & (lines > at - reach)] if side == "left" else lines[(lines > at) & (lines < at + reach)]
    # A bar standing wholly after a line (or before it) has that line at its edge: between it and a name on that side.
    if near.empty and (slot > 0 if side == "left" else slot < 0):
        near = lines[lines == at]
    named_at, named_slot = (at, slot) if near.empty else ((near.min() if side == "left" else near.max()), 0)
    middle = (bar["units_from"] + bar["units_to"]) / 2
    return bar.assign(middle=middle, side=side, at=named_at, at_slot=named_slot, from_line=not near.empty)[
        ["region", "drawn_at", "slot", "middle", "side", "at", "at_slot", "from_line"]
    ]


def bars_beside_their_day_px(placed: pd.DataFrame) -> int:
    """How far, at most, a bar set beside its day (`side_by_side`'s slots) reaches past it, at a desktop's bar
    width, and a margin: the room a time axis leaves at each end."""
    return math.ceil((placed["slot"].abs().max() + 0.5) * ANNOUNCEMENT_BAR_MAX_PX) + EDGE_MARGIN_PX


def announcements_and_releases(units: pd.DataFrame, releases: pd.DataFrame) -> alt.LayerChart:
    """Units announced per announcement (by region), announcements close in time
    side by side (`side_by_side`), with the release dates as rules; the regions
    are named beside one bar (`region_labels`), not in a key."""
    placed = side_by_side(units, rules=releases["date"]).assign(date_shown=dates_at_precision)
    bars = (
        alt.Chart(_iso(placed, "date", "drawn_at"))
        # Each bar edged in the page's colour: bars side by side (three in one summer month) read as one block.
        .mark_bar(
            size=alt.ExprRef(ANNOUNCEMENT_BAR_PX),
            xOffset=alt.ExprRef(f"datum.slot * {ANNOUNCEMENT_BAR_PX}"),
            stroke=theme.HALO,
            strokeWidth=1,
        )
        .encode(
            # Room at each end for a run's bars set beside its day: the last ran past the axis's end.
            x=alt.X("drawn_at:T", axis=DATE_AXIS, scale=alt.Scale(padding=bars_beside_their_day_px(placed))),
            y=alt.Y("units_to:Q", title="Housing units announced"),
            y2="units_from:Q",
            color=alt.Color("region:N", scale=_region_scale(), legend=None),
            tooltip=[
                alt.Tooltip("date_shown:N", title="Date"),
                alt.Tooltip("stage:N", title="Stage"),
                alt.Tooltip("region:N", title="Region"),
                alt.Tooltip("units:Q", title="Units", format=","),
                alt.Tooltip("source:N", title="Source"),
            ],
        )
    )
    names = (
        alt.Chart(_iso(region_labels(placed, releases["date"]), "drawn_at", "at"))
        .mark_text(
            align=alt.ExprRef("datum.side == 'right' ? 'left' : 'right'"),  # set from the bar (or the release's line) outward
            baseline="middle",
            xOffset=alt.ExprRef(f"datum.at_slot * {ANNOUNCEMENT_BAR_PX}"),
            dx=alt.ExprRef(f"(datum.side == 'right' ? 1 : -1) * (datum.from_line ? {NAME_LINE_GAP_PX} : {ANNOUNCEMENT_BAR_PX} / 2 + 4)"),
            fontSize=11,
            color=theme.BLACK,
            lineBreak=" ",  # a word a line: on a phone one line ran from one release's rule to the next
            **LABEL_HALO,
        )
        .encode(x="at:T", y="middle:Q", text="region:N")
    )
    # The releases are the events the chart is read against: in the highlight, as every chart's events are
    # (the casualty charts' raid and deadline); they were the page's black, the one chart that drew them so.
    rules = (
        alt.Chart(_iso(releases, "date"))
        .mark_rule(color=theme.HIGHLIGHT, strokeDash=[3, 2])
        .encode(x="date:T", tooltip=[alt.Tooltip("label:N", title="Release"), alt.Tooltip("date:T", title="Date", format="%-d %b %Y")])
    )
    labels = (
        alt.Chart(_iso(releases, "date"))
        # Clear of its own line by more than the 3 px a label keeps from any rule, whatever the scale's sub-pixel.
        .mark_text(align="left", dx=5, dy=-4, fontSize=11, baseline="top", color=theme.HIGHLIGHT, **LABEL_HALO)
        .encode(x="date:T", y=alt.value(0), text="label:N")
    )
    # The rules over the bars: on a phone a release's day and the next announcement's bar share a pixel column.
    return alt.layer(
        bars,
        rules,
        names,
        labels,
        description=announcements_description(units, releases),
    ).properties(width="container", height=280)


def announcements_description(units: pd.DataFrame, releases: pd.DataFrame) -> str:
    """The announcements chart in words: how many announcements, when (at the
    precision their sources give), their units by region, and the releases marked."""
    marked = f"the {counted(len(releases), 'prisoner release is', 'prisoner releases are')} marked by date"
    if units.empty:
        return f"Settlement units announced, by date and region: none in the window; {marked}."
    by_region = units.groupby("region")["units"].sum()
    order = [region for region in _region_scale().domain if region in by_region.index]
    order += [region for region in by_region.index if region not in order]
    dated = units.sort_values("date")
    first, last = (date_at_precision(row["date"], row["date_precision"], "%-d %B %Y", "%B %Y") for _, row in dated.iloc[[0, -1]].iterrows())
    return (
        f"Settlement units announced, by date and region: {counted(units['announcement_id'].nunique(), 'announcement', 'announcements')}, "
        f"{first if first == last else f'{first} to {last}'}, of {units['units'].sum():,} units "
        f"({'; '.join(f'{region} {by_region[region]:,}' for region in order)}); {marked}."
    )


def promise_description(table: pd.DataFrame, promised: float) -> str:
    """The promise chart in words: the counts' range against the promised figure, and how many exceed it."""
    low, high = table["units"].min(), table["units"].max()
    shown = f"{low:,.0f}" if low == high else f"from {low:,.0f} to {high:,.0f}"
    above = of_the_whole(int((table["units"] > promised).sum()), len(table), "counts", ("is above it", "are above it"))
    return (
        f"Bar chart comparing {counted(len(table), 'count', 'counts')} of settlement units announced during the talks, "
        f"{shown} units, with the promised figure of more than {promised:,.0f}: {above}."
    )


def promise_against_counts(table: pd.DataFrame, promised: float) -> alt.LayerChart:
    """Horizontal bars for each count of units, each labelled above, against the promised figure as a rule."""
    rows = RowBars.laid_out(table, "measure")
    ticks = count_ticks(int(max(table["units"].max(), promised)))
    x = alt.X(
        "units:Q",
        title="Housing units",
        scale=alt.Scale(domain=[0, ticks[-1]], nice=False),
        axis=alt.Axis(format=",d", values=ticks, labelFlush=False),
    )
    counts = rows.placed(alt.Chart(table)).encode(
        x=x,
        tooltip=[
            alt.Tooltip("measure:N", title="Measure"),
            alt.Tooltip("units:Q", title="Units", format=","),
            alt.Tooltip("source:N", title="Source"),
        ],
    )
    bars = counts.mark_bar(color=theme.SETTLEMENT).encode(x2=alt.datum(0), y=at_px("bar_top"), y2=alt.Y2("bar_bottom"))
    rule = labelled_rule(
        "units",
        promised,
        f"“more than {promised:,.0f}”",
        theme.HIGHLIGHT,
        alt.Tooltip("label:N", title="Promised"),
        across=rows,
        ending_at=rows_ending_at(table, "measure", "units", promised, span=ticks[-1]),
    )
    values = counts.mark_text(align="left", dx=4, fontSize=12, **LABEL_HALO).encode(
        y=at_px("bar_middle"), text=alt.Text("units:Q", format=",")
    )
    return alt.layer(
        bars,
        rule,
        values,
        row_labels(table, rows),
        description=promise_description(table, promised),
    ).properties(width="container", height=rows.plot_height)


# Between a marked event's rule and its label: before the rule the label's last glyph reaches further right than its
# box's advance suggests, and a label nearer than 3 px reads as touching the rule.
MARK_LABEL_AFTER_PX = 3
MARK_LABEL_BEFORE_PX = 5
MONTH_LABEL_GAP_PX = 5  # the least gap between two months' labels on a casualty chart's axis
MARK_LABEL_CHARS = 14  # a marked event's label, in lines that fit beside its rule in a panel a phone narrows
MARK_LABEL_LINE = 13  # px: a marked event's label is 11 px type on lines this far apart
MARK_LABEL_TOP = 2  # px: from the top of the plot to the first line of a marked event's label
MARK_LABEL_CLEARANCE = 4  # px: between a marked event's label and the tallest bar below it
# A month's bar lower than this (px) cannot be read off the axis (one death is under a pixel on a
# scale that holds the Gaza war): its count is written on top of it, a zero too.
SHORT_BAR_PX = 6
GAP_LABEL = "no records"  # a month the records hold no row for: drawn as a labelled band, never as zero
MONTH_PX = 46  # a month's band in the casualty charts, as designed (vega-fit.js scales every panel alike)
WAR_MONTH_PX = 72
LOWER_BOUND_SIGN = "≥\u2009"  # a written count the records are known to fall short of: at least this many


def count_written(count: float, lower_bound: bool, on_the_chart: bool = False) -> str:
    """A count as a chart gives it: "9", or, where the records are known to fall short, "at least 9" (a
    tooltip, a description) or "≥ 9" (written on the chart, `on_the_chart`)."""
    if not lower_bound:
        return f"{count:,.0f}"
    return f"{LOWER_BOUND_SIGN if on_the_chart else 'at least '}{count:,.0f}"


GAP_LABEL_HALF_PX = 7  # half the upright label's line, across the band
GAP_LABEL_RULE_CLEARANCE_PX = 4  # between it and a marked event's rule in its month


def month_runs(months: pd.Series) -> pd.DataFrame:
    """Months (month starts: a gap's, or a side's under-counted ones) as runs of consecutive
    months: each run's first month (`month`) and the day after its last (`month_end`), ISO dates."""
    starts = pd.to_datetime(pd.Series(months)).sort_values().reset_index(drop=True)
    run = (starts != starts.shift() + pd.offsets.MonthBegin(1)).cumsum()
    runs = starts.groupby(run).agg(["min", "max"])
    return pd.DataFrame(
        {"month": runs["min"].dt.strftime(SPEC_DATE), "month_end": (runs["max"] + pd.offsets.MonthBegin(1)).dt.strftime(SPEC_DATE)}
    ).reset_index(drop=True)


def gap_layers(
    gaps: pd.DataFrame, x: alt.X, height: float, *, on_time_axis: bool = False, marked_days: dict[str, float] | None = None
) -> list[alt.Chart]:
    """The book's one way to draw a gap in the records: a pale band over the
    month's whole height, labelled upright "no records". `gaps` has a `month`
    column (ISO dates); on a time axis consecutive months are one band
    (`month_runs`), to the end of the last, under one label at its middle. A gap
    month with a marked event's rule (`marked_days`: where in the month its
    day falls, 0 to 1, by month) has its label beside that rule, clear of it, on
    the side with more room: at a month's middle on a phone it touched the rule (one
    marked day a month: the casualty chart marks one event a month)."""
    if not len(gaps):
        return []
    marked_days = {month: day for month, day in (marked_days or {}).items() if month in set(gaps["month"])}
    if on_time_axis and marked_days:
        raise ValueError("a marked day beside a gap's label is placed on a month axis, not a time axis (its runs of months)")
    if on_time_axis:
        gaps = month_runs(gaps["month"])
    base = alt.Chart(gaps.assign(label=GAP_LABEL, **({"gap_month": gaps["month"]} if marked_days else {})))
    if on_time_axis:
        band = base.mark_rect(color=theme.GAP, opacity=0.6, aria=False).encode(x=x, x2="month_end:T", y=alt.value(0), y2=alt.value(height))
        base = base.transform_calculate(month="(toDate(datum.month) + toDate(datum.month_end)) / 2")
    else:
        band = base.mark_bar(color=theme.GAP, opacity=0.6, aria=False).encode(x=x, y=alt.value(0), y2=alt.value(height))
    # Upright from the panel's foot, clear of the event labels along its top.
    upright = {"angle": 270, "fontSize": 11, "color": theme.TEXT_MUTED, "align": "left", "baseline": "middle"}
    # A marked month's label is filtered by the month as written (Vega-Lite reads `month` as a date).
    unmarked = base.transform_filter(f"indexof({list(marked_days)}, datum.gap_month) < 0") if marked_days else base
    layers = [band, unmarked.mark_text(**upright).encode(x=x, y=alt.value(height - 4), text="label:N")]
    for month, day in marked_days.items():
        beside = x.copy()
        beside.bandPosition = day
        away = GAP_LABEL_RULE_CLEARANCE_PX + GAP_LABEL_HALF_PX
        layers.append(
            base.transform_filter(f"datum.gap_month == '{month}'")
            # Turned upright, the text's dy moves it across the page.
            .mark_text(**upright, dy=-away if day >= 0.5 else away)
            .encode(x=beside, y=alt.value(height - 4), text="label:N")
        )
    return layers


def _day_in_month(date: str) -> float:
    """Where in its month an ISO date falls, from 0 (the month's start) to 1 (its end), at the middle of its day."""
    day = pd.Timestamp(date)
    return (day.day - 0.5) / day.days_in_month


def _top_under_labels(peak: int, labels: pd.Series) -> float:
    """The top of a count scale whose tallest bar, `peak`, stops short of the
    marked events' labels (`labels`, wrapped) along the top of a plot
    PANEL_HEIGHT high; `peak` itself when nothing is marked."""
    lines = int(labels.str.count("\n").max()) + 1 if len(labels) else 0
    if not lines:
        return peak
    headroom = MARK_LABEL_TOP + lines * MARK_LABEL_LINE + MARK_LABEL_CLEARANCE
    return peak * PANEL_HEIGHT / (PANEL_HEIGHT - headroom)


def killed_where(side_data: pd.DataFrame) -> pd.DataFrame:
    """A side's deaths per month (`side`, `month`, `killed`) with where they were killed
    in words (`where`: "West Bank 5, East Jerusalem 1"), places in REGION_ORDER; the
    side stays named, as the figure's data is read without the chart."""
    by_place = side_data.pivot_table(index=["side", "month"], columns="region", values="killed", aggfunc="sum", fill_value=0)
    places = [place for place in REGION_ORDER if place in by_place.columns]
    places += [place for place in by_place.columns if place not in places]
    where = by_place[places].apply(lambda row: ", ".join(f"{place} {int(row[place]):,}" for place in places if row[place]), axis=1)
    return by_place.sum(axis=1).astype(int).rename("killed").to_frame().assign(where=where).reset_index()


def casualties_by_month(
    monthly: pd.DataFrame,
    marks: pd.DataFrame,
    gaps: pd.DataFrame,
    war: tuple[str, str] | None = None,
    lower_bounds: pd.DataFrame | None = None,
) -> alt.VConcatChart:
    """People killed per month, one row per side, each side's bars in its colour
    (where they were killed is in each bar's tooltip and the figure's data: four
    shades of a side's hue read as a ranked scale, and the palest did not show
    on the page) on one linear scale from zero shared by both sides (and, when `war`
    is given, by the war's own panel), so one death is drawn the same height
    everywhere. Months in which the records hold no row at all (`gaps`: a
    `month` column) are drawn as labelled gaps, never as zero; each marked
    event (`marks`: date and label) is a rule at its day within its month's
    bar, its label written beside it above the tallest bar. A month with records
    whose bar is too short to read (SHORT_BAR_PX) has its count written on top,
    and so has every month the side's records are known to under-count
    (`lower_bounds`: `side` and `month`), however tall its bar, as "≥ N": a
    month of missing deaths never reads as a measured count."""
    data = _iso(monthly, "month")
    data = data[data["side"].isin(SIDE_ORDER)]
    gap_months = _iso(gaps, "month")[["month"]]
    bounded = _iso(lower_bounds, "month") if lower_bounds is not None else pd.DataFrame(columns=["side", "month"])
    months = sorted(set(data["month"]) | set(gap_months["month"]))
    in_war = (lambda month: war[0][:7] <= month[:7] <= war[1][:7]) if war else (lambda month: False)
    spans = [("Before the war" if war else None, [m for m in months if not in_war(m)])]
    if war:
        spans.append(("The Gaza war", [m for m in months if in_war(m)]))
    peak = int(data.groupby(["side", "month"])["killed"].sum().max()) if len(data) else 0
    all_marks = _iso(marks, "date").assign(
        month=lambda frame: frame["date"].map(lambda date: spec_date(pd.Timestamp(date).replace(day=1))),
        wrapped=lambda frame: frame["label"].map(lambda label: wrapped(label, MARK_LABEL_CHARS)),
    )
    top = _top_under_labels(max(peak, 1), all_marks["wrapped"])
    y_scale = alt.Scale(domain=[0, top])
    rows = []
    recorded_months = [month for month in months if month not in set(gap_months["month"])]
    for side in SIDE_ORDER:
        panels = []
        # A side every recorded month of which is a lower bound says so by its name: without it, its months
        # drawn at zero beside the other side's bars were read as months without deaths.
        all_bounded = bool(recorded_months) and set(recorded_months) <= set(bounded.loc[bounded["side"] == side, "month"])
        side_title = [side, "(at least)"] if all_bounded else side
        for title, span in spans:
            # Month over year, level; the war's narrow panel, in the year the panel before it ends in, has room for the months only.
            before = spans[0][1]
            later = war and title == spans[-1][0] and bool(before) and pd.Timestamp(span[0]).year == pd.Timestamp(before[-1]).year
            # Months whose labels would stand closer than MONTH_LABEL_GAP_PX drop every other one ("Jan 2014Feb").
            axis = alt.Axis(
                labelExpr="timeFormat(datum.value, '%b')" if later else MONTH_OVER_YEAR,
                labelAngle=0,
                labelOverlap=True,
                labelSeparation=MONTH_LABEL_GAP_PX,
            )
            x = alt.X("yearmonth(month):O", axis=axis, title=None, scale=alt.Scale(domain=span))
            side_data = data[(data["side"] == side) & data["month"].isin(span)]
            first = title == spans[0][0]
            side_bounded = set(bounded.loc[bounded["side"] == side, "month"])
            # The bar's tooltip says "at least" where its label does: hovering a "≥ 9" bar showed a bare 9.
            drawn = killed_where(side_data)
            drawn = drawn.assign(
                count=[count_written(killed, month in side_bounded) for month, killed in zip(drawn["month"], drawn["killed"], strict=True)]
            )
            bars = (
                alt.Chart(drawn)
                .mark_bar(color=SIDE_COLOURS[side])
                .encode(
                    x=x,
                    y=alt.Y(
                        "killed:Q",
                        title=side_title if first else None,
                        scale=y_scale,
                        axis=count_axis(peak) if first else alt.Axis(labels=False, ticks=False, title=None, domain=False),
                    ),
                    tooltip=[
                        alt.Tooltip("yearmonth(month):T", title="Month", format="%b %Y"),
                        alt.Tooltip("count:N", title=side),
                        alt.Tooltip("where:N", title="Where killed"),
                    ],
                )
            )
            recorded = [month for month in span if month not in set(gap_months["month"])]
            totals = drawn.set_index("month")["killed"].reindex(recorded, fill_value=0).rename_axis("month").reset_index()
            # A month too short to read has its count written; so has every month of a side whose records under-count
            # it, as "≥ N": with only the empty months so marked, a bar of 1 beside them read as a measured count.
            short = totals[(totals["killed"] < SHORT_BAR_PX / PANEL_HEIGHT * top) | totals["month"].isin(side_bounded)]
            short = short.assign(
                written=[
                    count_written(killed, month in side_bounded, on_the_chart=True)
                    for month, killed in zip(short["month"], short["killed"], strict=True)
                ]
            )
            marked_months = set(all_marks["month"])

            def counts(rows: pd.DataFrame, at: alt.X, **placed: object) -> alt.Chart:
                return (
                    alt.Chart(rows)
                    .mark_text(baseline="bottom", dy=-2, fontSize=11, color=theme.BLACK, **placed, **LABEL_HALO)
                    .encode(x=at, y=alt.Y("killed:Q", scale=y_scale), text="written:N")
                )

            layers = [
                *gap_layers(
                    gap_months[gap_months["month"].isin(span)],
                    x,
                    PANEL_HEIGHT,
                    marked_days=dict(all_marks.loc[all_marks["month"].isin(span)].set_index("month")["date"].map(_day_in_month)),
                ),
                bars,
                counts(short[~short["month"].isin(marked_months)], x),
            ]
            for _, mark in all_marks[all_marks["month"].isin(span)].iterrows():
                marked = alt.Chart(pd.DataFrame([mark]))
                # At its day within its month's bar, so that no rule runs through the middle of a month's label.
                on_its_day = x.copy()
                on_its_day.bandPosition = _day_in_month(mark["date"])
                # The label on the side of the rule with more of its panel, at any width the panel is drawn: after the
                # talks' deadline, late in the panel's fourth month of six, it ran past the panel's edge on a phone.
                along_panel = (span.index(mark["month"]) + _day_in_month(mark["date"])) / len(span)
                label_side = (
                    {"align": "right", "dx": -MARK_LABEL_BEFORE_PX} if along_panel >= 0.5 else {"align": "left", "dx": MARK_LABEL_AFTER_PX}
                )
                # The month's count, if written, stands beside its first rule, as the event's label does.
                if mark["month"] in marked_months:
                    # On the side of the rule with more of the month: after a late rule it ran into the next month's count.
                    late = _day_in_month(mark["date"]) >= 0.5
                    beside_rule = {"align": "right", "dx": -3} if late else {"align": "left", "dx": 3}
                    layers.append(counts(short[short["month"] == mark["month"]], on_its_day, **beside_rule))
                    marked_months.discard(mark["month"])
                layers += [
                    marked.mark_rule(color=theme.HIGHLIGHT, strokeDash=[3, 2]).encode(
                        x=on_its_day,
                        tooltip=[alt.Tooltip("label:N", title="Event"), alt.Tooltip("date:T", title="Date", format="%-d %b %Y")],
                    ),
                    marked.mark_text(
                        **label_side,
                        baseline="top",
                        fontSize=11,
                        lineHeight=MARK_LABEL_LINE,
                        color=theme.HIGHLIGHT,
                        lineBreak="\n",
                        **LABEL_HALO,
                    ).encode(x=on_its_day, y=alt.value(MARK_LABEL_TOP), text="wrapped:N"),
                ]
            # The war's two months drawn wider: on a phone, at the width of the others, their written counts ran together.
            width = max(60, (WAR_MONTH_PX if war and title == spans[-1][0] else MONTH_PX) * len(span))
            panels.append(
                alt.layer(*layers).properties(
                    width=width, height=PANEL_HEIGHT, title=alt.Title(title or "", fontSize=12, fontWeight="normal")
                )
            )
        rows.append(alt.hconcat(*panels, spacing=18) if len(panels) > 1 else panels[0])
    return alt.vconcat(
        *rows,
        spacing=24,
        description=casualties_description(
            data,
            gap_months["month"],
            all_marks.loc[all_marks["month"].isin(months), "label"],
            months,
            bounded[bounded["month"].isin(months)],
        ),
    ).resolve_scale(color="independent")


def month_name(month: str) -> str:
    """A month of a specification's data in words ("July 2014")."""
    return f"{pd.Timestamp(month):%B %Y}"


def lower_bounds_in_words(bounded: pd.DataFrame, gap_months: pd.Series) -> str:
    """Which sides' counts are lower bounds in which months (`bounded`: `side` and `month`), as a clause
    ("the counts of Israelis killed in" a run of months "are lower bounds: …"), leaving out the months
    with no records at all, which are gaps, not counts; nothing when no month is left."""
    gaps = set(pd.to_datetime(pd.Series(gap_months, dtype="object")))
    counted = bounded[~pd.to_datetime(bounded["month"]).isin(gaps)]
    if counted.empty:
        return ""
    by_side = dict(tuple(counted.groupby("side")["month"]))
    runs = [
        f"{side} in {in_series([month_run(run.month, run.month_end) for run in month_runs(by_side[side]).itertuples()])}"
        for side in sides_in_order(by_side)
    ]
    return f"the counts of {in_series(runs)} are lower bounds: the records lack deaths that published totals count"


def lower_bounds_sentence(bounded: pd.DataFrame, gap_months: pd.Series) -> str:
    """`lower_bounds_in_words` as a sentence of its own, capitalised and stopped (nothing when no month is left)."""
    clause = lower_bounds_in_words(bounded, gap_months)
    return f"{clause[0].upper()}{clause[1:]}." if clause else ""


def sides_in_order(sides: Iterable[str]) -> list[str]:
    """Sides as the book orders them (SIDE_ORDER), any other after them in the order given."""
    given = list(dict.fromkeys(sides))
    return [side for side in SIDE_ORDER if side in given] + [side for side in given if side not in SIDE_ORDER]


def month_run(first: str, day_after: str) -> str:
    """A run of months (`month_runs`: its first month and the day after its last) in words, as `glue.months` writes a span."""
    return glue_months(pd.Timestamp(first), pd.Timestamp(day_after) - pd.offsets.MonthBegin(1)).text


def casualties_description(
    data: pd.DataFrame, gap_months: pd.Series, marks: pd.Series, months: list[str], bounded: pd.DataFrame | None = None
) -> str:
    """The monthly casualty chart in words, from what it draws: its months, its
    tallest month, its gaps (or that it has none), the months a side's counts
    are lower bounds (`bounded`: `side` and `month`) and its marked events."""
    totals = data.groupby(["side", "month"])["killed"].sum()
    span = glue_months(pd.Timestamp(months[0]), pd.Timestamp(months[-1])).text if months else "no months"
    if totals.empty:
        most = "The records hold no deaths in these months"
    else:
        peaks = [f"{side} in {month_name(month)}" for (side, month), killed in totals.items() if killed == totals.max()]
        most = f"The most in one month: {int(totals.max()):,} ({in_series(peaks)})"
    gap_names = [month_name(gap) for gap in sorted(gap_months)]
    if len(gap_names) == 1:
        gaps = f"the month with no records at all ({gap_names[0]}) is drawn as a gap"
    elif gap_names:
        gaps = f"the months with no records at all ({in_series(gap_names)}) are drawn as gaps"
    else:
        gaps = "the records hold rows for every month shown"
    lower_bounds = lower_bounds_in_words(bounded, gap_months) if bounded is not None else ""
    lower = f"; {lower_bounds}" if lower_bounds else ""
    labels = list(marks)
    one = len(labels) == 1
    labelled = f"; the marked {'event' if one else 'events'} ({in_series(labels)}) {'is' if one else 'are'} labelled"
    return (
        f"Monthly counts of people killed from the B'Tselem records, {span}, one row per side on one shared scale, "
        f"each side's bars in its colour. {most}; {gaps}{lower}{labelled if labels else ''}."
    )


MAX_SHARE_DECIMALS = 9  # a count one short of a total of a thousand million still reads short of 100%


def share_in_words(records: int, published: int) -> str:
    """The records' count against a published total, "47 in the records of 72: 65%", a share that rounds
    to 100% without being it written with the decimals that keep it off 100 ("99.95%"), so a small gap
    is never shown as none."""
    share = 100 * records / published
    decimals = 0
    while records != published and f"{share:.{decimals}f}" == f"{100:.{decimals}f}" and decimals < MAX_SHARE_DECIMALS:
        decimals += 1
    return f"{records:,} in the records of {published:,}: {share:.{decimals}f}%"


def benchmarks_against_records(table: pd.DataFrame) -> alt.LayerChart:
    """The records' count under each published total's definition as a share
    of that total: one bar per total, in its side's hue (`side`), the sides'
    rows in turn, all on one scale against a line at 100% (the published
    total), so a side's under-count reads the same length everywhere. Each row
    is labelled with the total's population and, under it, the two counts."""
    sides = sides_in_order(table["side"])
    shown = (
        table[(table["published"] > 0) & table["records"].notna()]
        .assign(
            share=lambda frame: frame["records"] / frame["published"],
            row=lambda frame: [
                f"{wrapped(label)}\n{share_in_words(int(records), int(published))}"
                for label, records, published in zip(frame["label"], frame["records"], frame["published"], strict=True)
            ],
            side_order=lambda frame: frame["side"].map(sides.index),
        )
        .sort_values("side_order", kind="stable")
    )
    ticks = [quarter / 4 for quarter in range(math.ceil(max(1.0, float(shown["share"].max())) * 4) + 1)]
    x = alt.X(
        "share:Q",
        title="Share of the published total",
        scale=alt.Scale(domain=[0, ticks[-1]], nice=False),
        axis=alt.Axis(format=".0%", values=ticks, labelFlush=False),
    )
    bars = RowBars.laid_out(shown, "row")
    drawn = (
        bars.placed(alt.Chart(shown))
        .mark_bar()
        .encode(
            y=at_px("bar_top"),
            y2=alt.Y2("bar_bottom"),
            x=x,
            x2=alt.datum(0),
            color=alt.Color(
                "side:N",
                scale=alt.Scale(domain=sides, range=[SIDE_COLOURS.get(side, theme.NEUTRAL_DARK) for side in sides]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Published total"),
                alt.Tooltip("published:Q", title="Published", format=",d"),
                alt.Tooltip("records:Q", title="In the records", format=",d"),
                alt.Tooltip("share:Q", title="Share", format=".1%"),
            ],
        )
    )
    published = labelled_rule(
        "share",
        1.0,
        "published total",
        theme.TEXT_MUTED,
        alt.Tooltip("label:N", title="Line"),
        across=bars,
        ending_at=rows_ending_at(shown, "row", "share", 1.0, span=ticks[-1]),
    )
    return alt.layer(drawn, published, row_labels(shown, bars)).properties(
        width=theme.WIDTH - 120, height=bars.plot_height, description=benchmarks_description(table, sides)
    )


def benchmarks_description(table: pd.DataFrame, sides: list[str]) -> str:
    """The benchmarks chart in words: for each side, the records' counts as a share
    of the published totals (a pair without a published total above zero has no share)."""
    comparable = table[(table["published"] > 0) & table["records"].notna()]
    shares = (comparable["records"] / comparable["published"]).groupby(comparable["side"])
    lowest, highest = shares.min(), shares.max()
    compared = [
        f"{side}: {lowest[side]:.0%}" + (f" to {highest[side]:.0%}" if f"{lowest[side]:.0%}" != f"{highest[side]:.0%}" else "")
        for side in sides
        if side in lowest.index
    ]
    said = (
        "Bars: the count in the B'Tselem records under each published casualty total's definition, as a share of that total,"
        " every side's rows on one scale against a line at 100% (the published total)."
    )
    return f"{said} The records' counts as a share of the published totals: {'; '.join(compared)}." if compared else said


# The heading over each block of the specification curve's grid: what the specifications choose.
CHOICE_HEADINGS = {"unit": "What counts as one", "window": "Over which period", "kinds": "Which meetings", "place": "Where"}


CHOICE_ROW_PX = 14  # a choice's row in the grid
CHOICE_TICK_PX = 8  # a specification's tick in it; the account's reading spans the row
CHOICE_TICK_OPACITY = 0.55  # the other specifications' ticks, paler than the reading's
SPECIFICATION_DOT_OPACITY = 0.7  # a point's own default in Vega-Lite, kept for the other specifications' dots
CHOICE_LABEL_GUTTER_PX = 6  # between a choice's name and the specification curve's first tick


SPECIFICATION_DOT_SIZE = 12  # px², a specification's dot on the curve
# The ratio's axis is logarithmic, so a ratio and its inverse (0.5 and 2) stand as far from equal, each side of it:
# on a linear axis 0.75 read as nearer parity than 1.33 (a graphics editor's finding). Its ticks, as a reader says them.
RATIO_TICKS = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0)
RATIO_MARGIN = 1.15  # the axis runs this factor past the lowest and the highest ratio or band edge


def specification_curve(
    curve: pd.DataFrame, band: tuple[float, float], reading: str, claim_label: str, choice_labels: dict[tuple[str, str], str]
) -> alt.VConcatChart:
    """The ratio Netanyahu / Abbas under every specification, lowest first, against the claim's band, with
    the choices behind each specification beneath it (one row per option, a mark where it is chosen)."""
    x = alt.X("rank:O", title=None, axis=None)
    curve = curve.assign(account_reading=curve["specification"] == reading)
    ratios = curve["ratio_netanyahu_to_abbas"]
    placeable = (ratios > 0) & ratios.map(math.isfinite)
    if not placeable.all():
        unplaced = list(curve.loc[~placeable, "specification"])
        raise DataError(
            f"meeting_specifications.csv: specifications {unplaced} give no finite ratio above zero (a leader with no meeting):"
            " a logarithmic axis cannot place them, and none is left out"
        )
    domain = [round(min(float(ratios.min()), band[0]) / RATIO_MARGIN, 3), round(max(float(ratios.max()), band[1]) * RATIO_MARGIN, 3)]
    ticks = [tick for tick in RATIO_TICKS if domain[0] <= tick <= domain[1]]
    tooltip = [
        alt.Tooltip("description:N", title="Specification"),
        alt.Tooltip("netanyahu:Q", title="Netanyahu"),
        alt.Tooltip("abbas:Q", title="Abbas"),
        alt.Tooltip("ratio_netanyahu_to_abbas:Q", title="Ratio", format=".2f"),
    ]
    shade = (
        alt.Chart(pd.DataFrame({"low": [band[0]], "high": [band[1]], "label": [claim_label]}))
        .mark_rect(color=theme.HIGHLIGHT, opacity=0.15)
        .encode(y=alt.Y("low:Q"), y2="high:Q", tooltip=[alt.Tooltip("label:N", title="The claim's band")])
    )
    band_label = (
        alt.Chart(pd.DataFrame({"y": [band[1]], "label": [claim_label]}))
        .mark_text(align="left", baseline="bottom", dx=4, dy=-3, fontSize=11, color=theme.HIGHLIGHT, **LABEL_HALO)
        .encode(y="y:Q", x=alt.value(0), text="label:N")
    )
    parity = alt.Chart(pd.DataFrame({"ratio": [1.0]})).mark_rule(color=theme.GREY, strokeDash=[2, 2]).encode(y="ratio:Q")
    # Named at the curve's high end, where every dot stands well above it.
    parity_label = (
        alt.Chart(pd.DataFrame({"rank": [int(curve["rank"].max())], "ratio": [1.0], "label": ["equal (1.0)"]}))
        .mark_text(align="right", baseline="bottom", dy=-3, fontSize=11, color=theme.TEXT_MUTED, **LABEL_HALO)
        .encode(x=x, y="ratio:Q", text="label:N")
    )
    # A dot 3.9 px across: 54 of them stand 4.4 px apart on a phone's column (6.7 px dots ran together there).
    dots = (
        alt.Chart(curve)
        .mark_point(filled=True, size=SPECIFICATION_DOT_SIZE)
        .encode(
            x=x,
            y=alt.Y(
                "ratio_netanyahu_to_abbas:Q",
                title=["Meetings with Netanyahu", "per meeting with Abbas", "(log scale)"],
                scale=alt.Scale(type="log", domain=domain, nice=False),
                axis=alt.Axis(values=ticks, format=".2~f"),
            ),
            color=alt.condition("datum.account_reading", alt.value(theme.HIGHLIGHT), alt.value(theme.NEUTRAL_DARK)),
            size=alt.condition("datum.account_reading", alt.value(120), alt.value(SPECIFICATION_DOT_SIZE)),
            # Solid and ringed, as its ticks below are solid: at a point's default 70% the magenta printed in grey
            # as the grey dots' own lightness (L* 50 and 50).
            opacity=alt.condition("datum.account_reading", alt.value(1.0), alt.value(SPECIFICATION_DOT_OPACITY)),
            stroke=alt.condition("datum.account_reading", alt.value(theme.HALO), alt.value(None)),
            strokeWidth=alt.condition("datum.account_reading", alt.value(1.0), alt.value(0.0)),
            tooltip=tooltip,
        )
    )
    reading_label = (
        alt.Chart(curve[curve["account_reading"]])
        .mark_text(align="left", baseline="top", dx=-6, dy=22, fontSize=11, color=theme.HIGHLIGHT, **LABEL_HALO)
        .encode(x=x, y="ratio_netanyahu_to_abbas:Q", text=alt.value("↑ the account’s reading"))
    )
    choices = curve.melt(
        id_vars=["rank", "description", "account_reading"], value_vars=list(DIMENSIONS), var_name="dimension", value_name="option"
    )
    choices["choice"] = [
        choice_labels[(dimension, option)] for dimension, option in zip(choices["dimension"], choices["option"], strict=True)
    ]
    # One block of rows per choice the specifications make, headed by it, the account's reading marked in every row.
    grids = [
        alt.Chart(
            choices[choices["dimension"] == dimension],
            title=alt.Title(CHOICE_HEADINGS[dimension], fontSize=11, fontWeight="normal", anchor="start", frame="group"),
        )
        .mark_tick(thickness=2)
        .encode(
            x=x,
            y=alt.Y(
                "choice:N",
                sort=[choice_labels[(dimension, option)] for option in curve[dimension].drop_duplicates()],
                title=None,
                axis=alt.Axis(labelLimit=0, domain=False, ticks=False, labelPadding=CHOICE_LABEL_GUTTER_PX),
            ),
            color=alt.condition("datum.account_reading", alt.value(theme.HIGHLIGHT), alt.value(theme.NEUTRAL_DARK)),
            # Longer and solid as well as coloured: printed in grey, the reading's ticks looked like every other.
            size=alt.condition("datum.account_reading", alt.value(CHOICE_ROW_PX - 1), alt.value(CHOICE_TICK_PX)),
            opacity=alt.condition("datum.account_reading", alt.value(1.0), alt.value(CHOICE_TICK_OPACITY)),
            tooltip=[alt.Tooltip("description:N", title="Specification")],
        )
        .properties(width=theme.WIDTH - 120, height=alt.Step(CHOICE_ROW_PX))
        for dimension in DIMENSIONS
    ]
    return alt.vconcat(
        alt.layer(shade, parity, parity_label, dots, reading_label, band_label).properties(
            width=theme.WIDTH - 120, height=theme.HEIGHT - 60
        ),
        *grids,
        spacing=6,
        description=specification_curve_description(curve, band),
    )


def specification_curve_description(curve: pd.DataFrame, band: tuple[float, float]) -> str:
    """The specification curve in words: its range, how many ratios fall in the claim's
    band and above it, and where the account's reading lies."""
    ratios = curve["ratio_netanyahu_to_abbas"]
    finite = ratios[ratios.map(math.isfinite)]
    reading = curve.loc[curve["account_reading"], "ratio_netanyahu_to_abbas"]
    said = (
        f"The ratio of Kerry's meetings with Netanyahu to his meetings with Abbas under each of {len(curve)} specifications, "
        f"lowest first, on a logarithmic scale (a ratio and its inverse as far from equal), against the band the account's "
        f"'nearly twice' admits ({band[0]:.2f} to {band[1]:.2f}); beneath, the choices behind each specification."
    )
    if finite.empty:
        return said
    inside = of_the_whole(int(ratios.between(*band).sum()), len(curve), "specifications", ("falls", "fall"))
    said += (
        f" The ratio runs from {finite.min():.2f} to {finite.max():.2f}: {inside} inside the band and "
        f"{agreeing(int((ratios > band[1]).sum()), 'lies', 'lie')} above it"
    )
    if len(reading):
        value = reading.iloc[0]
        where = "inside" if band[0] <= value <= band[1] else ("below" if value < band[0] else "above")
        said += f"; the account's reading gives {value:.2f}, {where} the band"
    return said + "."


def band_sensitivity(table: pd.DataFrame, target_km2: float, width_at_target: float, other_km2: float, other_label: str) -> alt.LayerChart:
    """Jordan Valley area by band width, with B'Tselem's area marked and the width that reaches it written
    beside its point, and the other definition's area (`other_km2`, named `other_label`: the Jericho and Tubas
    governorates) as a neutral line: the caption compares the three."""
    line = (
        alt.Chart(table)
        .mark_line(color=theme.NEUTRAL_DARK)
        .encode(
            x=alt.X(
                "width_km:Q",
                title=["Band width (km) from the Jordan River", "and the Dead Sea shore"],
                scale=alt.Scale(padding=EDGE_PX, nice=False),
            ),
            y=alt.Y("area_km2:Q", title="Area (km²)"),
        )
    )
    points = tooltip_points(
        line,
        [
            alt.Tooltip("width_km:Q", title="Width (km)"),
            alt.Tooltip("area_km2:Q", format=",.0f", title="Area (km²)"),
            alt.Tooltip("share:Q", format=".0%", title="Share of West Bank"),
        ],
        color=theme.NEUTRAL_DARK,
    )
    target = pd.DataFrame({"area_km2": [target_km2], "width_km": [width_at_target], "label": [f"B’Tselem: about {target_km2:,.0f} km²"]})
    rule = (
        alt.Chart(target)
        .mark_rule(color=theme.HIGHLIGHT, strokeDash=[4, 3])
        .encode(y="area_km2:Q", tooltip=[alt.Tooltip("label:N", title="Reference")])
    )
    point = (
        alt.Chart(target)
        .mark_point(shape="diamond", size=150, filled=True, color=theme.HIGHLIGHT)
        .encode(
            x="width_km:Q",
            y="area_km2:Q",
            tooltip=[alt.Tooltip("label:N", title="Reference"), alt.Tooltip("width_km:Q", title="Reached at (km)")],
        )
    )
    # At the right end, just above the line, where the curve has long passed it; on two lines to fit a phone.
    text = (
        alt.Chart(target.assign(label=target["label"].str.replace(": ", ":\n"), width_km=table["width_km"].max()))
        .mark_text(align="right", baseline="top", dy=-34, lineHeight=14, fontSize=11, color=theme.HIGHLIGHT, lineBreak="\n", **LABEL_HALO)
        .encode(x="width_km:Q", y="area_km2:Q", text="label:N")
    )
    width_label = (
        alt.Chart(target.assign(written=f"{width_at_target:.1f} km"))
        .mark_text(align="left", baseline="top", dx=8, dy=6, fontSize=11, color=theme.HIGHLIGHT, **LABEL_HALO)
        .encode(x="width_km:Q", y="area_km2:Q", text="written:N")
    )
    governorates = pd.DataFrame(
        {"area_km2": [other_km2], "width_km": [table["width_km"].max()], "label": [f"{other_label}: {other_km2:,.0f} km²"]}
    )
    other_definition = alt.layer(
        alt.Chart(governorates)
        .mark_rule(color=theme.NEUTRAL_MID, strokeDash=[2, 2])
        .encode(y="area_km2:Q", tooltip=[alt.Tooltip("label:N", title="Definition (a)")]),
        # Both lines under the rule (Vega sets a bottom baseline on the first line, and the rule ran between the two);
        # above it, on a phone, they met the width written under B'Tselem's diamond.
        alt.Chart(governorates.assign(label=governorates["label"].str.replace(": ", ":\n")))
        .mark_text(align="right", baseline="top", dy=4, lineHeight=14, fontSize=11, color=theme.TEXT_MUTED, lineBreak="\n", **LABEL_HALO)
        .encode(x="width_km:Q", y="area_km2:Q", text="label:N"),
    )
    return alt.layer(
        line,
        points,
        other_definition,
        rule,
        point,
        width_label,
        text,
        description=(
            f"Line chart: area of a Jordan Valley band grows with its width; B'Tselem's {target_km2:,.0f} km² is reached "
            f"at about {width_at_target:.1f} km; the other definition, {other_label} ({other_km2:,.0f} km²), is a dotted line."
        ),
    ).properties(width="container", height=260)


LAND_SWAP_POINT_SIZE = 50  # px², a band's point: the points stand alone, unjoined


def land_swap_curve(curve: pd.DataFrame, marked_km: float) -> alt.LayerChart:
    """Share of settlers against share of West Bank land, for bands beside the
    Green Line: a point per band, labelled with its width in km, the diagonal
    where settlers and land would be in equal shares, and the band the text
    cites (`marked_km`) marked and labelled. The points are not joined: settlers
    are counted by their towns' points, so the share jumps where a band's edge
    passes a town (Modi'in Illit's and Betar Illit's between 1.5 and 2 km), and
    a line between two bands drew shares no band has."""
    x = alt.X(
        "land_share:Q",
        title="Share of West Bank land in the band",
        axis=alt.Axis(format="%", values=[step / 10 for step in range(0, 11, 1)], labelOverlap="greedy"),
        scale=alt.Scale(domain=[0, max(0.5, float(curve["land_share"].max()))], nice=False),
    )
    y = alt.Y("settler_share:Q", title="Share of settlers living in the band", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]))
    bands = alt.Chart(curve).mark_point().encode(x=x, y=y)
    points = tooltip_points(
        bands,
        [
            alt.Tooltip("band_km:Q", title="Band (km)"),
            alt.Tooltip("land_share:Q", format=".1%", title="Share of land"),
            alt.Tooltip("settler_share:Q", format=".1%", title="Share of settlers"),
        ],
        color=theme.NEUTRAL_DARK,
        size=LAND_SWAP_POINT_SIZE,
    )
    top = max(0.5, float(curve["land_share"].max()))
    equal = pd.DataFrame({"land_share": [0.0, top], "settler_share": [0.0, top], "label": ["", "equal shares"]})
    diagonal = (
        alt.Chart(equal).mark_line(color=theme.NEUTRAL_MID, strokeDash=[4, 3], strokeWidth=1).encode(x="land_share:Q", y="settler_share:Q")
    )
    diagonal_label = (
        alt.Chart(equal.tail(1))
        .mark_text(align="right", baseline="bottom", dx=-4, dy=-4, fontSize=11, color=theme.TEXT_MUTED, **LABEL_HALO)
        .encode(x="land_share:Q", y="settler_share:Q", text="label:N")
    )
    # Whole kilometres only (the half-kilometre labels crowd each other on a
    # phone), the marked band's in its own label. Each label stands straight
    # above its point, on a halo: beside a point (between 1 and 1.5 km, or on
    # a phone, where the points close up) a label stood nearer the next point
    # than its own.
    # Past 5 km only the even widths: the points crowd together there on a phone.
    labelled = f"datum.band_km % 1 == 0 && (datum.band_km <= 5 || datum.band_km % 2 == 0) && datum.band_km != {marked_km}"
    widths = (
        bands.mark_text(align="center", baseline="bottom", dy=-6, fontSize=11, color=theme.TEXT_MUTED, **LABEL_HALO)
        .encode(text="km_label:N")
        .transform_filter(labelled)
        .transform_calculate(km_label="format(datum.band_km, 'd') + ' km'")
    )
    marked = curve[curve["band_km"] == marked_km].assign(
        label=lambda frame: [
            f"{marked_km:g} km: {settlers:.0%} of settlers on {land:.1%} of the land"
            for settlers, land in zip(frame["settler_share"], frame["land_share"], strict=True)
        ]
    )
    mark = (
        alt.Chart(marked)
        .mark_point(shape="circle", size=160, filled=False, strokeWidth=2, color=theme.HIGHLIGHT)
        .encode(x="land_share:Q", y="settler_share:Q")
    )
    mark_label = (
        alt.Chart(marked.assign(label=marked["label"].map(lambda label: wrapped(label, 24))))
        .mark_text(align="left", baseline="top", dx=10, dy=8, fontSize=11, color=theme.HIGHLIGHT, lineBreak="\n", **LABEL_HALO)
        .encode(x="land_share:Q", y="settler_share:Q", text="label:N")
    )
    return alt.layer(
        diagonal,
        diagonal_label,
        points,
        widths,
        mark,
        mark_label,
        description=(
            "Points: for bands of growing width beside the Green Line (most labelled with their width in km), the share of "
            f"settlers living inside against the share of West Bank land the band takes, above the diagonal of equal shares; "
            f"the {marked_km:g} km band is circled, holding {marked['settler_share'].iloc[0]:.0%} of settlers on "
            f"{marked['land_share'].iloc[0]:.1%} of the land."
        ),
    ).properties(width="container", height=300)


def coalition_description(table: pd.DataFrame, majority: int) -> str:
    """The coalition chart in words: each scenario's seats, and which fall short of the majority."""
    totals = table.groupby("scenario", sort=False)["seats"].sum()
    scenarios = [
        f"{scenario}: {total} seats" + (", short of the majority" if total < majority else "") for scenario, total in totals.items()
    ]
    return (
        f"Stacked bars: Netanyahu's coalition seats, party by party, under {counted(len(totals), 'scenario', 'scenarios')} "
        f"against the {majority}-seat majority. {'; '.join(scenarios)}."
    )


COALITION_KEY_ROW_PX = 480  # the plot's width below which the parties' key is set in two columns, not one row
COALITION_KEY_OFFSET_PX = 20  # the key stands clear over the majority line's label, which the line carries above the plot


def coalition_scenarios(table: pd.DataFrame, majority: int, seats: int) -> alt.LayerChart:
    """Seats of each coalition scenario (labelled above its bar), stacked by party
    in neutral shades with each segment's seats written on it, against the majority
    line: in a segment the line crosses, in its larger part; after the bar when the
    last segment's larger part is too narrow, at the width drawn, to keep them apart."""
    rows = RowBars.laid_out(table, "scenario", bar_height=COALITION_BAR_HEIGHT)
    # The key lists the parties as the bars stack them (`order`, analysis.evidence.coalition.scenarios).
    parties = list(dict.fromkeys(table.sort_values("order", kind="stable")["party"]))
    shades = [theme.PARTIES[index % len(theme.PARTIES)] for index in range(len(parties))]
    number_colours = {party: theme.PARTY_NUMBERS[index % len(theme.PARTIES)] for index, party in enumerate(parties)}
    data = table.assign(number_colour=table["party"].map(number_colours))
    base = rows.placed(
        alt.Chart(data).transform_stack(stack="seats", groupby=["scenario"], sort=[alt.SortField("order")], as_=["seat_from", "seat_to"])
    )
    # On the bar and on the number written over it.
    tooltip = [alt.Tooltip("scenario:N", title="Coalition"), alt.Tooltip("party:N", title="Party"), alt.Tooltip("seats:Q", title="Seats")]
    bars = base.mark_bar(stroke="white").encode(
        y=at_px("bar_top"),
        y2=alt.Y2("bar_bottom"),
        x=alt.X("seat_from:Q", title="Knesset seats", scale=alt.Scale(domain=[0, seats])),
        x2="seat_to:Q",
        # The key stands over the bars, its parties in the order the bars stack them, left to right (a row on
        # a desktop, two columns on a phone): under the chart, a reader looked down and back to match five greys.
        color=alt.Color(
            "party:N",
            title=None,
            scale=alt.Scale(domain=parties, range=shades),
            legend=alt.Legend(
                symbolType="square",
                orient="top",
                direction="horizontal",
                columns=alt.ExprRef(f"width < {COALITION_KEY_ROW_PX} ? 2 : {len(parties)}"),
                columnPadding=14,
                offset=COALITION_KEY_OFFSET_PX,
            ),
        ),
        tooltip=tooltip,
    )
    crossed = f"datum.seat_from < {majority} && datum.seat_to > {majority}"
    right_larger = f"datum.seat_to - {majority} >= {majority} - datum.seat_from"
    # A number's room, in px, in the larger part of a segment the majority line crosses.
    room = f"(({right_larger}) ? datum.seat_to - {majority} : {majority} - datum.seat_from) * width / {seats}"
    needed = f"length(toString(datum.seats)) * {COALITION_DIGIT_PX} + 2 * {COALITION_RULE_CLEARANCE_PX}"
    # The last party's number, when that part has no room for it clear of the line, is written after the bar.
    after_bar = f"datum.order == datum.last_order && {crossed} && {room} < {needed}"
    last_in_stack = base.transform_window(last_order="max(order)", groupby=["scenario"], frame=[None, None])
    on_bars = last_in_stack.transform_calculate(after_bar=after_bar)
    numbers = (
        on_bars.mark_text(fontSize=11)
        .encode(
            y=at_px("bar_middle"),
            x=alt.X("seat_middle:Q"),
            text="seats:Q",
            color=alt.Color("number_colour:N", scale=None),
            tooltip=tooltip,
        )
        # A segment the majority line crosses has its seats written in its larger part, clear of the line.
        .transform_filter("!datum.after_bar")
        .transform_calculate(
            seat_middle=(
                f"{crossed} ? ({right_larger} ? ({majority} + datum.seat_to) / 2 : (datum.seat_from + {majority}) / 2)"
                " : (datum.seat_from + datum.seat_to) / 2"
            )
        )
    )
    numbers_after = (
        on_bars.mark_text(fontSize=11, align="left", dx=COALITION_RULE_CLEARANCE_PX, color=theme.BLACK, **LABEL_HALO)
        .encode(y=at_px("bar_middle"), x=alt.X("seat_to:Q"), text="seats:Q", tooltip=tooltip)
        .transform_filter("datum.after_bar")
    )
    rule = labelled_rule(
        "seats",
        majority,
        f"majority: {majority} of {seats}",
        theme.HIGHLIGHT,
        alt.Tooltip("seats:Q", title="Seats for a majority"),
        dashed=False,
        across=rows,
        ending_at=rows_ending_at(
            table.sort_values("order", kind="stable").assign(seat_to=lambda frame: frame.groupby("scenario")["seats"].cumsum()),
            "scenario",
            "seat_to",
            majority,
            span=seats,
        ),
    )
    return alt.layer(
        bars,
        numbers,
        numbers_after,
        rule,
        row_labels(table, rows),
        description=coalition_description(table, majority),
    ).properties(width="container", height=rows.plot_height)


def countdown(events: pd.DataFrame, title: str, marked_kinds: tuple[str, ...], others: tuple[str, ...]) -> DatedList:
    """Dated events as a typeset list in date order, the events of `marked_kinds`
    (the deadlines) set in the highlight colour, each marked with the sides that
    acted (its `sides` column) in the sides' colours of the theme; the key names
    the United States as the mediator and `others`, the actors of the list who
    acted for no party."""
    notes = {"United States": "the mediator", theme.OTHER_SIDE: ", ".join(others)}
    sides = tuple(
        Side(name, light, dark, party=name != theme.OTHER_SIDE, note=notes.get(name, ""))
        for name, (light, dark) in theme.SIDE_COLOURS.items()
    )
    return DatedList(title, events.sort_values(["date", "event_id"]).reset_index(drop=True), marked_kinds, sides)
