"""Downloads: the data dictionary beside the files."""

from __future__ import annotations

from analysis.data import tables
from analysis.pages import common
from analysis.report.glue import DataTable, Section


def dictionary() -> Section:
    """What every column of every table means, one table per file."""
    entries = common.table("dictionary")
    return Section(
        tables=tuple(
            DataTable(f"{table.file}: {table.description}", entries.loc[entries["table"] == name, ["column", "description"]])
            for name, table in tables.TABLES.items()
        )
    )
