"""How a notebook hands numbers and figures to the book.

Numbers in prose are glued (`{glue:}` in Markdown) from computed values;
figures are glued charts placed by `{glue:figure}` with their caption; the
table behind each figure is shown in the cell output, as HTML for readers
(collapsed, escaped) and as plain text for nbval to compare.

Glue names follow one convention, checked by tests/test_glue_names.py: a
figure is `fig_<page>_<subject>` (its `{glue:figure}` label is the same name
with hyphens); a number or phrase is a snake_case name unique on its page.
Every glued name is used by its page's Markdown.

A page module returns a `Section` per section of its chapter: the numbers,
figures and tables it shows. `Section.publish()` glues them and returns the
tables for the cell to display.
"""

from __future__ import annotations

import functools
import html
import json
import numbers
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
from IPython.display import SVG, display
from myst_nb import glue

from analysis.report import theme, vega
from analysis.report.ledger import Chip, ChipRow

# A link's address: a web address, a page of the book and its anchor, or a file the book publishes
# beside its pages (../data/, ../geo/, ../figures/, ../pdf/); never a javascript: or data: address.
SAFE_ADDRESS = re.compile(
    r"https?://\S+|[\w./-]+\.html(?:#[\w-]+)?|#[\w-]+|\.\./(?:data|geo|figures|pdf)/(?:[\w-][\w.-]*/)*[\w-][\w.-]*|\.\./datapackage\.json"
)


@dataclass(frozen=True)
class FormattedNumber:
    """A number that pastes into prose as `text` (e.g. "2,256")."""

    value: float
    text: str

    def __repr__(self) -> str:
        return self.text


def number_text(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def number(value: float, decimals: int = 0) -> FormattedNumber:
    """A number for prose, formatted with thousands separators."""
    return FormattedNumber(float(value), number_text(value, decimals))


def text(words: str) -> FormattedNumber:
    """A computed word or phrase for prose (e.g. a verdict, a date), its typewriter
    marks typographic as the page's own prose is set (`typeset`)."""
    return FormattedNumber(float("nan"), typeset(words))


def quotation(words: str) -> FormattedNumber:
    """The account's words for prose, in its own marks: never typeset (it mixes typographic marks with typewriter ones)."""
    return FormattedNumber(float("nan"), words)


def in_series(items: list[str]) -> str:
    """Items as prose lists them: "A", "A and B", "A, B and C"."""
    return " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def agreeing(count: int, singular: str, plural: str) -> FormattedNumber:
    """A count with the verb that agrees with it: "none falls", "1 falls", "15 fall"."""
    return text(f"none {singular}" if count == 0 else f"{count:,} {singular if count == 1 else plural}")


def of_the_whole(count: int, whole: int, noun: str, verbs: tuple[str, str] | None = None) -> FormattedNumber:
    """A count out of a whole, keeping its value: "all 5 months", "none of the 5 months",
    "3 of the 5 months", and of a whole of one "the one month" or "no month"; with
    `verbs` (singular, plural) followed by the verb that agrees: "1 of the 54 specifications reaches"."""
    if whole == 1:
        phrase = f"{'the one' if count else 'no'} {singular(noun)}"
    elif count == whole:
        phrase = f"all {whole:,} {noun}"
    elif count == 0:
        phrase = f"none of the {whole:,} {noun}"
    else:
        phrase = f"{count:,} of the {whole:,} {noun}"
    if verbs:
        phrase += f" {verbs[0] if count == 1 or whole == 1 else verbs[1]}"
    return FormattedNumber(float(count), phrase)


def counted(count: int, one: str, many: str) -> FormattedNumber:
    """A count with the noun (or verb) that agrees with it, keeping its value: "0 Israelis", "1 Israeli", "30 Israelis"."""
    return FormattedNumber(float(count), f"{count:,} {one if count == 1 else many}")


# What ends the head of a noun phrase that names a unit: the words that qualify
# it ("meetings per week", "people killed", "parties besides Labor whose ...").
QUALIFIERS = frozenset({"per", "after", "among", "besides", "of", "as", "whose", "killed", "with"})
IRREGULAR_SINGULARS = {"people": "person"}


def singular(phrase: str) -> str:
    """A plural noun phrase in the singular, for a count of exactly one: its head
    noun (the last word before a qualifier or a parenthesis) made singular, the
    rest as written ("earlier White House visits" -> "earlier White House visit",
    "parties besides Labor" -> "party besides Labor", "people killed" -> "person
    killed"). A phrase whose head is not plural ("percent", "day of month") is
    returned as it is."""
    words = phrase.split(" ")
    head = next((at for at, word in enumerate(words) if word.startswith("(") or word in QUALIFIERS), len(words)) - 1
    if head < 0:
        return phrase
    word = words[head]
    if word in IRREGULAR_SINGULARS:
        one = IRREGULAR_SINGULARS[word]
    elif word.endswith("ies"):
        one = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss"):
        one = word[:-1]
    else:
        one = word
    return " ".join([*words[:head], one, *words[head + 1 :]])


def unit_agreeing(value: float, unit: str) -> str:
    """A unit as it reads after `value`: singular after exactly one ("1 day"), as written otherwise ("0 days", "1.5 days")."""
    return singular(unit) if value == 1 else unit


SMALL_NUMBER_WORDS = ("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def kilometres(distance: float) -> str:
    """A distance for prose, to a tenth of a km ("1.5 km"): the map's caption and the land-swap curve's words
    gave one town as 2 km and 1.54 km."""
    return f"{distance:.1f} km"


def ordinal(whole: int) -> str:
    """1st, 2nd, 3rd, 11th, 29th."""
    return f"{whole}{'th' if 10 <= whole % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(whole % 10, 'th')}"


def in_words(count: int) -> FormattedNumber:
    """A small count spelled out for prose ("six" weeks), a larger one in figures ("13")."""
    return FormattedNumber(float(count), SMALL_NUMBER_WORDS[count] if 0 <= count < len(SMALL_NUMBER_WORDS) else number_text(count))


def day(date: pd.Timestamp, year: bool = True) -> FormattedNumber:
    """A day for prose, from data: day, month and year, or day and month without the year."""
    return text(f"{date:%-d %B %Y}" if year else f"{date:%-d %B}")


def months(start: pd.Timestamp, end: pd.Timestamp) -> FormattedNumber:
    """The months a period spans, for headings and captions: one month alone, the year once when both ends share it, else at each end."""
    if (start.year, start.month) == (end.year, end.month):
        return text(f"{end:%B %Y}")
    return text(f"{start:%B}–{end:%B %Y}" if start.year == end.year else f"{start:%B %Y}–{end:%B %Y}")


def months_from_to(start: pd.Timestamp, end: pd.Timestamp) -> FormattedNumber:
    """A span of months for a sentence: "from" its first month "to" its last, each with its year, or "in" its
    one month (`months` writes a heading's span, with an en dash)."""
    if (start.year, start.month) == (end.year, end.month):
        return text(f"in {start:%B %Y}")
    return text(f"from {start:%B %Y} to {end:%B %Y}")


def days(start: pd.Timestamp, end: pd.Timestamp, month: str = "%B", year: bool = True) -> FormattedNumber:
    """A range of days for prose, day to day, with the month spelled out (or abbreviated with `month="%b"`),
    with or without the years."""
    shown = f"%-d {month}" + (" %Y" if year else "")
    return text(f"{start:{shown}}–{end:{shown}}")


MINUS = "\u2212"  # a negative number's sign as a reader sees it: the hyphen printed as "-1" read as a dash


def cell_text(value: object) -> str:
    """Whole numbers with thousands separators and without a trailing .0; other
    floats to two decimals, each with a true minus sign; dates without a midnight
    time; a truth value as "yes" or "no"."""
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat(sep=" ")
    if isinstance(value, numbers.Integral) and not isinstance(value, bool | np.bool_):
        return f"{value:,}".replace("-", MINUS)
    if isinstance(value, float):
        return (f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}").replace("-", MINUS)
    return str(value)


# A row's opening tag, or a cell's as pandas writes it (a cell's text is escaped, so no tag inside it matches).
ROW_OR_CELL = re.compile(r"<tr\b[^>]*>|<t[hd]>")


# A date as the tables write it, to its day, month or year (a source dated by its month), or a source's "n.d."
# (no date): kept on one line. sources.csv's dates follow the same form (analysis.data.schemas.SOURCE_DATE, which
# this tier does not import).
TABLE_DATE = re.compile(r"[12]\d{3}(?:-\d{2}(?:-\d{2})?)?|n\.d\.")
# A text column with a value this long is set as prose: in a table of five
# columns or more (which scrolls sideways on a phone anyway) it keeps a width to
# read it in a few lines, rather than squeezed a word wide beside identifiers.
PROSE_CHARACTERS = 48
# A web address or a digest: no word to wrap at, so it is broken anywhere, in a column kept wide enough to read it.
ADDRESS = re.compile(r"https?://\S+|[0-9a-f]{32,}")
# An identifier this short (a column's name) is printed on one line, not broken at its underscores.
IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
IDENTIFIER_CHARACTERS = 24


def column_kind(values: pd.Series) -> str:
    """How a column's cells are set, missing values apart: `numeric` (all numbers:
    to the right), `date` (all dates, to the day, month or year: each kept on one line), `prose` (text with a
    value of PROSE_CHARACTERS or more: given a reading width), `address` (web addresses
    or digests, some of them that long: broken anywhere rather than widening the table, in
    a column kept wide enough to read them), `identifier` (short snake-case names, some with an underscore: printed on
    one line) or plain text ("")."""
    present = values.dropna()
    if not len(present):
        return ""
    if all(isinstance(value, numbers.Number) and not isinstance(value, bool | np.bool_) for value in present):
        return "numeric"
    if all(isinstance(value, pd.Timestamp) or (isinstance(value, str) and TABLE_DATE.fullmatch(value)) for value in present):
        return "date"
    if any(isinstance(value, str) and len(value) >= PROSE_CHARACTERS for value in present):
        return "address" if all(isinstance(value, str) and ADDRESS.fullmatch(value) for value in present) else "prose"
    short_names = all(isinstance(value, str) and len(value) <= IDENTIFIER_CHARACTERS and IDENTIFIER.fullmatch(value) for value in present)
    if short_names and any("_" in value for value in present):
        return "identifier"
    return ""


def aligned(table_html: str, kinds: list[str], headings: list[str] | None = None) -> str:
    """A table pandas wrote, its headings set like their columns: each cell and
    heading takes its column's kind as its class (`column_kind`; _static/figures.css
    sets numbers to the right, keeps a date on one line and gives prose a reading
    width), the rest stay to the left, where pandas would set every heading to the right.
    With `headings`, each cell also carries its column's heading (`data-label`), which a
    table set as cards on a phone writes over it."""
    column = 0

    def mark(opening: re.Match[str]) -> str:
        nonlocal column
        tag = opening.group()
        if tag.startswith("<tr"):
            column = 0
            return "<tr>" if tag == '<tr style="text-align: right;">' else tag
        column += 1
        kind = kinds[column - 1]
        label = f' data-label="{html.escape(headings[column - 1])}"' if headings and tag == "<td>" else ""
        kind_class = f' class="{kind}"' if kind else ""
        return f"{tag[:-1]}{label}{kind_class}>"

    return ROW_OR_CELL.sub(mark, table_html)


def column_heading(column: str) -> str:
    """A table column's name as its heading reads: words apart, an area in km² ("land_km2" reads "land km²")."""
    return re.sub(r"\bkm2\b", "km²", column.replace("_", " "))


@dataclass(frozen=True)
class DataTable:
    """The table behind a figure: collapsed HTML for readers, plain text for nbval.

    `links` maps a column to the column holding its target address; those cells
    become links (text and address both escaped). `filters` names columns a
    reader can filter the rows by (a menu each, see _static/table-filter.js).
    """

    title: str
    frame: pd.DataFrame
    links: dict[str, str] = field(default_factory=dict)
    expanded: bool = False
    filters: tuple[str, ...] = ()
    files: tuple[tuple[str, str], ...] = ()  # (label, address) of downloads offered with the table
    decimals: dict[str, int] = field(default_factory=dict)  # columns whose every number is set to so many decimals
    rows_are: tuple[str, str] = ("row", "rows")  # what a row is, one and many, for the count in its summary
    # On a phone each row is a card, each cell under its column's heading: a table of a few rows of long texts,
    # whose last columns scrolled out of sight (the ledger's disagreements, their subject cut mid-word).
    cards: bool = False
    # In print a list of sources is set as a bibliography, a paragraph per row, its cells run on (print.css):
    # as records, a field a line, the 380 sources took 44 pages of the appendix.
    bibliography: bool = False

    def _cell_text(self, column: str) -> Callable[[object], str]:
        """How a cell of `column` reads: `cell_text`, a month by its name and year, or, for a column of `decimals`,
        every number to the same decimals (a ratio of 1 reads "1.00" beside "0.88")."""
        places = self.decimals.get(column)
        if column == "month":
            # A month is written as the prose writes it, its name and year, not as its first day, which reads
            # as a date; the downloads keep the ISO date.
            return lambda value: f"{value:%b %Y}" if isinstance(value, pd.Timestamp) else cell_text(value)
        if places is None:
            return cell_text
        return lambda value: (
            f"{value:,.{places}f}".replace("-", MINUS)
            if isinstance(value, numbers.Real) and not isinstance(value, bool)
            else cell_text(value)
        )

    def _html_frame(self) -> pd.DataFrame:
        shown = self.frame.drop(columns=list(self.links.values())).astype(object).where(self.frame.notna(), "")
        # An identifier (a file's or a source's name) may break after an underscore, so a narrow column wraps it.
        shown = shown.apply(lambda values: values.map(self._cell_text(str(values.name))))
        shown = shown.map(lambda text: html.escape(text).replace("_", "_<wbr>"))
        shown.columns = [column_heading(str(column)) for column in shown.columns]
        for column, target in self.links.items():
            shown[column_heading(column)] = [
                f'<a href="{html.escape(href)}">{text}</a>' if isinstance(href, str) and SAFE_ADDRESS.fullmatch(href) else text
                for text, href in zip(shown[column], self.frame[target], strict=True)
            ]
        return shown

    def _filter_bar(self) -> str:
        menus = []
        for column in self.filters:
            values = sorted({cell_text(value) for value in self.frame[column].dropna()})
            options = "".join(f'<option value="{html.escape(value)}">{html.escape(value)}</option>' for value in values)
            menus.append(
                f'<label>{html.escape(column_heading(column))} <select data-filter-column="{html.escape(column)}">'
                f'<option value="">all</option>{options}</select></label>'
            )
        return f'<div class="table-filters" role="group" aria-label="Filter the rows">{"".join(menus)}<output></output></div>'

    def _column_kinds(self) -> list[str]:
        """Each shown column's kind (`column_kind`)."""
        return [column_kind(self.frame[column]) for column in self.frame.columns if column not in self.links.values()]

    def _repr_html_(self) -> str:
        shown = self._html_frame()
        classes = ["data-table", *(["data-cards"] if self.cards else []), *(["data-bibliography"] if self.bibliography else [])]
        written = shown.to_html(index=False, escape=False, border=0, classes=" ".join(classes))
        headings = list(shown.columns) if self.cards else None
        body = aligned(written.replace("<table ", '<table tabindex="0" ', 1), self._column_kinds(), headings)
        if self.filters:
            rows = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
            tagged = [
                "<tr "
                + " ".join(f'data-{column}="{html.escape(cell_text(value))}"' for column, value in zip(self.filters, values, strict=True))
                + ">"
                + row
                for row, values in zip(rows, self.frame[list(self.filters)].itertuples(index=False), strict=True)
            ]
            head, _, rest = body.partition("<tbody>")
            body = self._filter_bar() + head + "<tbody>" + "".join(tagged) + "</tbody>" + rest.split("</tbody>", 1)[1]
        downloads = ""
        if self.files:
            links = " · ".join(f'<a href="{html.escape(address)}">{html.escape(label)}</a>' for label, address in self.files)
            downloads = f'<p class="figure-downloads">Download: {links}</p>'
        return (
            f'{downloads}<details class="figure-data"{" open" if self.expanded else ""}><summary>{html.escape(typeset(self.title))} '
            f"({len(self.frame)}&nbsp;{self.rows_are[len(self.frame) != 1]})</summary>{body}</details>"
        )

    def __repr__(self) -> str:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            return f"{self.title}\n{self.frame.to_string(index=False)}"


def spec_parts(spec: dict) -> list[dict]:
    """A specification and every view nested in it (layers and concatenations)."""
    found = [spec]
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            found += spec_parts(part)
    return found


# A map layer drawn for orientation only (a locator inset, its shapes moved into
# a corner of the map) starts its description with this, and is not published
# as data.
DRAWING_ONLY = "Locator:"


def map_layers(spec: dict) -> list[dict]:
    """The views of a spec that carry a map layer as inline GeoJSON, in order,
    leaving out drawing-only layers."""
    return [
        part
        for part in spec_parts(spec)
        if isinstance(part.get("data", {}).get("values"), str) and not str(part.get("description", "")).startswith(DRAWING_ONLY)
    ]


def figure_files(name: str, spec: dict) -> list[tuple[str, str]]:
    """(label, file name) of every file published for figure `name` under
    `figures/`: its Vega-Lite specification, every row it draws in one CSV
    (`drawn_rows`) and, for a map, its layers in one GeoJSON (`map_features`);
    see analysis.tools.publish."""
    files = [("chart specification (Vega-Lite)", f"{name}.vl.json")]
    rows = drawn_rows(spec)
    if rows:
        files.append((f"all {len(rows)} rows its layers draw (CSV)", f"{name}.csv"))
    layers = map_layers(spec)
    if layers:
        files.append((f"its {len(layers)} map layers (GeoJSON)", f"{name}.geojson"))
    return files


DRAWN_AS = "drawn_as"
# A date goes into a specification as local midnight (`SPEC_DATE`), never as a
# date alone: browsers read a bare year-month-day as midnight UTC, then Vega
# formats it and groups it into months in the reader's own time zone, which
# west of Greenwich (New York) is the day and the month before. A download
# writes it back as the day it is.
SPEC_DATE = "%Y-%m-%dT00:00:00"
SPEC_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})T00:00:00")


def spec_date(value: str | pd.Timestamp) -> str:
    """A day as a specification holds it (`SPEC_DATE`)."""
    return f"{pd.Timestamp(value):{SPEC_DATE}}"


def as_day(value: object) -> object:
    """A specification's day (`SPEC_DATE`) as the day alone; any other value as it is."""
    match = SPEC_DAY.fullmatch(value) if isinstance(value, str) else None
    return match.group(1) if match else value


def marks_drawing(spec: dict) -> dict[str, list[str]]:
    """Each inline dataset of a specification -> the marks of the views that draw
    it (a view draws the data it names or inherits from its layer or concatenation)."""
    found: dict[str, list[str]] = {}

    def walk(view: dict, inherited: str | None) -> None:
        data = view["data"].get("name") if "data" in view else inherited
        mark = view.get("mark")
        if mark and data:
            kind = mark if isinstance(mark, str) else mark["type"]
            found.setdefault(data, [])
            if kind not in found[data]:
                found[data].append(kind)
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for part in view.get(key, []):
                walk(part, data)

    walk(spec, None)
    return found


def drawn_rows(spec: dict) -> list[dict]:
    """Every row of every inline dataset a figure draws, in one table: first the
    marks that draw it (`drawn_as`: bar, text, rule...), then its values (a day
    as the day alone, `as_day`)."""
    marks = marks_drawing(spec)
    rows = []
    for dataset, values in spec.get("datasets", {}).items():
        for row in values:
            if DRAWN_AS in row:
                raise ValueError(f"a dataset of the figure has a column named {DRAWN_AS!r}, which its download adds")
            rows.append({DRAWN_AS: ", ".join(marks.get(dataset, [])) or "not drawn", **{key: as_day(value) for key, value in row.items()}})
    return rows


def map_features(spec: dict) -> dict:
    """A map's layers as one GeoJSON FeatureCollection, each feature numbered by
    the layer it belongs to (`properties.layer`, in drawing order)."""
    features = []
    for index, layer in enumerate(map_layers(spec), start=1):
        for feature in json.loads(layer["data"]["values"]):
            features.append({**feature, "properties": {**(feature.get("properties") or {}), "layer": index}})
    return {"type": "FeatureCollection", "features": features}


FIGURE_NAME = re.compile(r"fig_[a-z]+_[a-z0-9_]+")
NUMBER_NAME = re.compile(r"(?!fig_)[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Side:
    """A side a dated list marks its events with: its name, its colour on the
    light page and on the dark (from the theme), whether it is a party (a filled
    dot) or anyone else (a ring, no party's hue), and a note the key adds."""

    name: str
    light: str
    dark: str
    party: bool = True
    note: str = ""

    def chip(self, tag: str = "li") -> str:
        """The side named in words beside its colour: the colour alone never carries it."""
        kind = "side-chip" if self.party else "side-chip side-other"
        return f'<{tag} class="{kind}" style="--side: {self.light}; --side-dark: {self.dark}">{html.escape(self.name)}</{tag}>'


def date_at_precision(date: pd.Timestamp, precision: str, day_format: str = "%-d %b %Y", month_format: str = "%b %Y") -> str:
    """A date as its source gives it: the day, or the month alone for a row whose
    `date_precision` is "month" (dated by the month's first day in the tables)."""
    return f"{date:{month_format if precision == 'month' else day_format}}"


def dates_at_precision(frame: pd.DataFrame) -> list[str]:
    """Each row's `date` as its source gives it (`date_precision`): "5 Nov 2013", or "Nov 2013"."""
    return [date_at_precision(date, precision) for date, precision in zip(frame["date"], frame["date_precision"], strict=True)]


def listed_date(row: tuple, day_format: str, month_format: str) -> str:
    """An event's date as a list shows it: the day when the source gives it, else the month alone."""
    return date_at_precision(row.date, getattr(row, "date_precision", "day"), day_format, month_format)


def machine_date(row: tuple) -> str:
    """An event's date for a `<time>` element: a day, or a month (year and month alone)."""
    return listed_date(row, "%Y-%m-%d", "%Y-%m")


# A dated list's key: an event's sides are those of its actors, and a killing names who was killed (events.csv).
KEY_TITLE = "Who acted, or was killed"
# After an event no contemporaneous report confirms, in a dated list and in the events' tables (common.events_as_read).
UNCONFIRMED = " (unconfirmed)"
UNCONFIRMED_HTML = f' <span class="dated-unconfirmed">{UNCONFIRMED.strip()}</span>'


def _unconfirmed(row: tuple) -> bool:
    return getattr(row, "audit_status", "") == "unconfirmed"


@dataclass(frozen=True)
class DatedList:
    """Dated events set as a list, not drawn as a chart: one line each, its
    date in a column of its own, then what happened, the sides that acted as
    chips in their colours and named in words (a key above the list), and the
    kind of event, who took part and the source under it. Events of a `marked`
    kind (the deadlines that frame a countdown) are set in the highlight
    colour and named as such for screen readers. `events` has columns date,
    summary, kind, actors, source (the source as a reader names it: its
    publisher and date) and, when `sides` is given, sides (the names of its
    `sides` that acted, joined by ";"); with a date_precision column, an event
    dated to its month shows the month alone ("Apr", not "1 Apr")."""

    title: str
    events: pd.DataFrame
    marked: tuple[str, ...] = ()
    sides: tuple[Side, ...] = ()

    def __post_init__(self) -> None:
        if not self.sides:
            return
        known = {side.name for side in self.sides}
        for row in self.events.itertuples():
            unknown = set(str(row.sides).split(";")) - known
            if unknown:
                raise ValueError(
                    f"dated list {self.title!r}: its event of {row.date:%d %b %Y} names {sorted(unknown)}, no side of {sorted(known)}"
                )

    def _sides_of(self, row: tuple) -> list[Side]:
        named = str(row.sides).split(";") if self.sides else []
        return [side for side in self.sides if side.name in named]

    def _key(self) -> str:
        """The sides' colours named in words, above the list."""
        entries = []
        for side in self.sides:
            note = f' <span class="side-note">({html.escape(side.note)})</span>' if side.note else ""
            entries.append(f"<li>{side.chip('span')}{note}</li>")
        return f'<div class="side-key"><p class="side-key-title">{KEY_TITLE}:</p><ul>{"".join(entries)}</ul></div>' if entries else ""

    def _repr_html_(self) -> str:
        items = []
        for row in self.events.itertuples():
            marked = row.kind in self.marked
            who = str(row.actors).replace(";", ", ") if pd.notna(row.actors) else ""
            meta = " · ".join(part for part in (row.kind.replace("_", " "), who, f"source: {row.source}") if part)
            summary = html.escape(typeset(row.summary)) + (UNCONFIRMED_HTML if _unconfirmed(row) else "")
            chips = "".join(side.chip() for side in self._sides_of(row))
            items.append(
                f'<li class="dated{" marked" if marked else ""}">'
                f'<time datetime="{machine_date(row)}">{listed_date(row, "%-d %b", "%b")}</time>'
                f'<div class="dated-what"><p>{f"<strong>{summary}</strong>" if marked else summary}</p>'
                + (f'<ul class="side-chips" aria-label="{KEY_TITLE}">{chips}</ul>' if chips else "")
                + f'<p class="dated-meta">{html.escape(meta)}</p></div></li>'
            )
        return f'{self._key()}<ol class="dated-list" aria-label="{html.escape(self.title)}">{"".join(items)}</ol>'

    def __repr__(self) -> str:
        named = [f"{side.name} ({side.note})" if side.note else side.name for side in self.sides]
        lines = [f"{KEY_TITLE}: {'; '.join(named)}"] if named else []
        for row in self.events.itertuples():
            sides = ", ".join(side.name for side in self._sides_of(row))
            details = "; ".join(part for part in (row.kind, sides, row.source) if part)
            summary = f"{row.summary}{UNCONFIRMED if _unconfirmed(row) else ''}"
            lines.append(f"{'*' if row.kind in self.marked else ' '} {listed_date(row, '%d %b %Y', '   %b %Y')}  {summary} [{details}]")
        return "\n".join(lines)


# Set by `make lab`: every section a chapter publishes also shows its charts (`Section.show_charts`); never
# set by `make execute` or the tests, so the committed outputs hold each chart once, glued.
SHOW_CHARTS_ENV = "KERRY_SHOW_CHARTS"


class DrawnChart:
    """A chart as its page draws it: its Vega-Lite specification, through the
    book's renderer, and in plain text as Altair writes the chart."""

    def __init__(self, spec: dict[str, Any], text: str) -> None:
        self.spec = spec
        self.text = text

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return alt.renderers.get()(self.spec)

    def __repr__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Figure:
    """A chart (or a dated list) glued as figure `name`, with the table it draws. A dated list has no
    specification to publish: it offers the tables of `data/` it lists from (`listed_from`) instead."""

    name: str
    chart: alt.TopLevelMixin | DatedList
    table: pd.DataFrame
    title: str
    decimals: dict[str, int] = field(default_factory=dict)  # as DataTable's, for the table's columns
    listed_from: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.chart, DatedList) != bool(self.listed_from):
            raise ValueError(f"{self.name}: a dated list, and only a dated list, names the tables it lists from (listed_from)")

    @functools.cached_property
    def drawn(self) -> DrawnChart | DatedList:
        """What is glued: a dated list as it is, a chart as its specification in
        the book's theme, written (and validated by Altair) once for the page
        and the figure's downloads alike, each mark described for screen
        readers (`vega.described_for_screen_readers`) and the whole in the
        book's typography (`typeset`: "Kerry’s", not "Kerry's")."""
        if isinstance(self.chart, DatedList):
            return self.chart
        theme.use()
        spec = vega.described_for_screen_readers(self.chart.to_dict(context={"pre_transform": False}))
        if isinstance(spec.get("description"), str):
            spec["description"] = typeset(spec["description"])
        return DrawnChart(spec, repr(self.chart))


def typeset(words: str) -> str:
    """Typewriter marks as typographic ones: apostrophes and single quotes
    curled, double quotes paired, a spaced hyphen as an en dash."""
    words = re.sub(r"'(?=(?:\d\ds?|tis|twas)\b)", "\u2019", words)  # an elision: ’80s, ’67, ’tis
    words = re.sub(r"([\w.,!?…)\]%;:\u201d])'", "\\1\u2019", words)
    words = re.sub(r"'(\w)", "\u2018\\1", words)
    # A double mark opens at the start or after a space, a bracket, a dash or an opening mark, before a word
    # (or a bracket, a mark or an ellipsis); any other closes.
    words = re.sub(r'(^|[\s(\[\u2014\u2013\u2018\u201c])"(?=[\w\u2018(\[\u2026])', "\\1\u201c", words)
    words = re.sub(r'(?<=\u2026)"(?=\w)', "\u201c", words)  # after an ellipsis that opens a cut quotation
    words = words.replace('"', "\u201d")
    return words.replace(" - ", " \u2013 ")


def nested(quote: str) -> str:
    """A quote's own double quotation marks as single ones, for setting it inside double marks."""
    return quote.replace("\u201c", "\u2018").replace("\u201d", "\u2019")


def _side_colours(colour: str) -> str:
    """A party's colour on the light page and its designed counterpart on the dark (theme.DARK), as a dated
    list's chips carry them: the comparison tables kept the light blue on the dark page."""
    return f"--side: {colour}; --side-dark: {theme.DARK.get(colour, colour)}"


@dataclass(frozen=True)
class ComparisonTable:
    """Positions side by side, open on the page: a row per issue, a column per
    party (headed in its colour from the theme), each cell the position in the
    book's words over the account's own, quoted. On a phone each row becomes a
    card (_static/figures.css). `cells` has columns row, column, text and quote;
    several cells with the same row and column are listed in order, and a row
    with nothing from a party shows a dash."""

    number: str  # as figures are numbered: the chapter's, then the table's place in it ("3.1")
    title: str
    cells: pd.DataFrame
    columns: tuple[tuple[str, str], ...]  # (party, colour), in the order shown
    row_heading: str
    note: str = ""

    def __post_init__(self) -> None:
        missing = {"row", "column", "text", "quote"} - set(self.cells.columns)
        if missing:
            raise ValueError(f"comparison table {self.title!r} lacks column(s) {sorted(missing)}")
        known = {party for party, _ in self.columns}
        unknown = self.cells[~self.cells["column"].isin(known)]
        if len(unknown):
            raise ValueError(
                f"comparison table {self.title!r}: row {unknown.index[0]} names party {unknown['column'].iloc[0]!r}, "
                f"not one of its columns {sorted(known)}"
            )

    def _rows(self) -> list[str]:
        return list(dict.fromkeys(self.cells["row"]))

    def _items(self, row: str, party: str) -> pd.DataFrame:
        return self.cells[(self.cells["row"] == row) & (self.cells["column"] == party)]

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col" style="{_side_colours(colour)}">{html.escape(party)}</th>' for party, colour in self.columns)
        body = []
        for row in self._rows():
            cells = []
            for party, colour in self.columns:
                items = self._items(row, party)
                content = (
                    "".join(
                        f'<p class="position">{html.escape(typeset(item.text))}</p><p class="quote">“{html.escape(nested(item.quote))}”</p>'
                        for item in items.itertuples()
                    )
                    or '<p class="position none">—</p>'
                )
                cells.append(f'<td data-label="{html.escape(party)}" style="{_side_colours(colour)}">{content}</td>')
            body.append(f'<tr><th scope="row">{html.escape(row)}</th>{"".join(cells)}</tr>')
        note = f'<p class="comparison-note">{html.escape(typeset(self.note))}</p>' if self.note else ""
        caption = f'<span class="table-number">Table {html.escape(self.number)}</span> {html.escape(typeset(self.title))}'
        return (
            f'<div class="comparison"><table class="comparison-table"><caption>{caption}</caption>'
            f'<thead><tr><th scope="col">{html.escape(self.row_heading)}</th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>{note}</div>"
        )

    def __repr__(self) -> str:
        lines = [f"Table {self.number} {self.title}"]
        for row in self._rows():
            lines.append(f"[{row}]")
            for party, _ in self.columns:
                items = self._items(row, party)
                lines += [f"  {party}: {item.text} | “{nested(item.quote)}”" for item in items.itertuples()] or [f"  {party}: —"]
        return "\n".join(lines + ([self.note] if self.note else []))


@dataclass(frozen=True)
class SourceList:
    """A chapter's sources, generated from sources.csv and the manifest: one entry
    each (publisher, title, date, link), escaped, in a list."""

    entries: pd.DataFrame  # columns: publisher, title, date, url

    def _repr_html_(self) -> str:
        items = []
        for row in self.entries.itertuples():
            link = f' <a href="{html.escape(row.url)}">{html.escape(_shown_address(row.url))}</a>' if row.url.startswith("http") else ""
            # A date never breaks across lines ("(22" / "Mar 2013)" on a phone).
            date = html.escape(row.date).replace(" ", "&nbsp;")
            items.append(f"<li>{html.escape(row.publisher)}, <em>{html.escape(row.title)}</em> ({date}).{link}</li>")
        return f'<ul class="source-list">{"".join(items)}</ul>'

    def __repr__(self) -> str:
        return "\n".join(f"- {row.publisher}, {row.title} ({row.date}). {row.url}" for row in self.entries.itertuples())


@dataclass(frozen=True)
class Preformatted:
    """Text shown as written (for example BibTeX), escaped, under a title."""

    title: str
    text: str

    def _repr_html_(self) -> str:
        return f'<p class="preformatted-title">{html.escape(self.title)}</p><pre class="preformatted">{html.escape(self.text)}</pre>'

    def __repr__(self) -> str:
        return f"{self.title}\n{self.text}"


def _shown_address(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0]


@dataclass(frozen=True)
class Section:
    """What one section of a chapter shows: numbers for its prose, figures, tables,
    the ids of the sources (sources.csv) of the rows it draws on, and the claims
    of the ledger it discusses (each shown as a verdict chip by `chips`)."""

    numbers: dict[str, FormattedNumber] = field(default_factory=dict)
    figures: tuple[Figure, ...] = ()
    tables: tuple[DataTable | ComparisonTable | SourceList | Preformatted, ...] = ()
    sources: tuple[str, ...] = ()
    claims: tuple[Chip, ...] = ()

    def publish(self) -> Tables | None:
        """Glue every number and figure; return the section's own tables for display
        (a figure's table is shown beside it by `data`)."""
        theme.use()
        for name, value in self.numbers.items():
            if not NUMBER_NAME.fullmatch(name):
                raise ValueError(f"glue name {name!r} is not a snake_case number name")
            glue(name, value, display=False)
        for figure in self.figures:
            if not FIGURE_NAME.fullmatch(figure.name):
                raise ValueError(f"figure name {figure.name!r} does not follow fig_<page>_<subject>")
            glue(figure.name, figure.drawn, display=False)
        if os.environ.get(SHOW_CHARTS_ENV):
            self.show_charts()
        return Tables(self.tables) if self.tables else None

    def show_charts(self) -> None:
        """Show each of the section's figures below the cell (a chart as a static SVG, `vega.static_svg`; a
        dated list as its table): JupyterLab draws no glued output, so an analyst saw the numbers' tables but
        not the charts made from them, and its own Vega renderer crashed the page on the book's specifications."""
        for figure in self.figures:
            drawn = figure.drawn
            display(SVG(vega.static_svg(drawn.spec)) if isinstance(drawn, DrawnChart) else drawn)

    def data(self, name: str) -> DataTable:
        """The table behind figure `name`, for display under the figure."""
        for figure in self.figures:
            if figure.name == name:
                drawn = figure.drawn
                if isinstance(drawn, DrawnChart):
                    files = tuple((label, f"../figures/{file}") for label, file in figure_files(name, drawn.spec))
                else:
                    files = tuple((f"{table}.csv (a table it lists from)", f"../data/{table}.csv") for table in figure.listed_from)
                return DataTable(figure.title, figure.table.reset_index(drop=True), files=files, decimals=figure.decimals)
        raise KeyError(f"no figure {name!r} in this section; it has {[figure.name for figure in self.figures]}")

    def chips(self) -> ChipRow:
        """The verdict chips of the claims this section discusses, each linked to its ledger entry."""
        if not self.claims:
            raise ValueError("this section discusses no claim of the ledger")
        return ChipRow(self.claims)


@dataclass(frozen=True)
class Tables:
    """Several tables shown in one cell output, in order."""

    items: tuple[DataTable | ComparisonTable | SourceList | Preformatted, ...]

    def _repr_html_(self) -> str:
        return "".join(table._repr_html_() for table in self.items)

    def __repr__(self) -> str:
        return "\n\n".join(repr(table) for table in self.items)
