"""How a notebook hands numbers and figures to the book.

Numbers in prose are glued (`{glue:}` in Markdown) from computed values;
figures are glued charts placed by `{glue:figure}` with their caption; the
table behind each figure is shown in the cell output, as HTML for readers
(collapsed, escaped) and as plain text for nbval to compare.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import altair as alt
import pandas as pd
from myst_nb import glue

from analysis import theme


@dataclass(frozen=True)
class FormattedNumber:
    """A number that pastes into prose as `text` (e.g. "2,256")."""

    value: float
    text: str

    def __repr__(self) -> str:
        return self.text


def number_text(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def glue_number(name: str, value: float, decimals: int = 0) -> None:
    """Glue `value` for prose, formatted with thousands separators."""
    glue(name, FormattedNumber(float(value), number_text(value, decimals)), display=False)


def glue_text(name: str, text: str) -> None:
    """Glue a computed word or phrase (e.g. a verdict, a date) for prose."""
    glue(name, FormattedNumber(float("nan"), text), display=False)


def cell_text(value: object) -> str:
    """Whole floats without a trailing .0; other floats to two decimals."""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return str(value)


@dataclass(frozen=True)
class DataTable:
    """The table behind a figure: collapsed HTML for readers, plain text for nbval.

    `links` maps a column to the column holding its target address; those cells
    become links (text and address both escaped).
    """

    title: str
    frame: pd.DataFrame
    links: dict[str, str] = field(default_factory=dict)
    expanded: bool = False

    def _html_frame(self) -> pd.DataFrame:
        shown = self.frame.drop(columns=list(self.links.values())).astype(object).where(self.frame.notna(), "")
        shown = shown.map(lambda value: html.escape(cell_text(value)))
        for column, target in self.links.items():
            shown[column] = [
                f'<a href="{html.escape(str(href))}">{text}</a>' if isinstance(href, str) and href else text
                for text, href in zip(shown[column], self.frame[target])
            ]
        return shown

    def _repr_html_(self) -> str:
        body = self._html_frame().to_html(index=False, escape=False, border=0, classes="data-table").replace("<table ", '<table tabindex="0" ', 1)
        return (
            f'<details class="figure-data"{" open" if self.expanded else ""}><summary>{html.escape(self.title)} '
            f"({len(self.frame)} rows)</summary>{body}</details>"
        )

    def __repr__(self) -> str:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            return f"{self.title}\n{self.frame.to_string(index=False)}"


def figure(name: str, chart: alt.TopLevelMixin, table: pd.DataFrame, title: str) -> DataTable:
    """Glue `chart` as figure `name` and return its table for display in the cell."""
    theme.use()
    glue(name, chart, display=False)
    return DataTable(title, table.reset_index(drop=True))
