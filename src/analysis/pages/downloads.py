"""Downloads: every table, layer and figure's data, and the data dictionary."""

from __future__ import annotations

import pandas as pd

from analysis.data import layers, tables
from analysis.pages import common
from analysis.report.glue import DataTable, Section

# Where analysis.tools.publish puts the files, relative to a chapter page.
DATA, GEO = "../data/", "../geo/"


def files() -> Section:
    """The tables (spreadsheet-safe CSV), the manifest and the map layers, each with its link."""
    table_rows = pd.DataFrame(
        [
            {"file": table.file, "rows": len(common.table(name)), "what it holds": table.description, "address": DATA + table.file}
            for name, table in tables.TABLES.items()
        ]
        + [
            {
                "file": "manifest.toml",
                "rows": None,
                "what it holds": "External datasets: original addresses, sha256 checksums, licences",
                "address": DATA + "manifest.toml",
            }
        ]
    )
    layer_rows = pd.DataFrame(
        [
            {
                "file": entry["file"].split("/")[-1],
                "features": entry["features"],
                "source": entry["source"],
                "licence": entry["licence"],
                "address": GEO + entry["file"].split("/")[-1],
            }
            for entry in layers.catalogue()
        ]
        + [
            {
                "file": "layers.json",
                "features": None,
                "source": "provenance, simplification and checks per layer",
                "licence": "",
                "address": GEO + "layers.json",
            }
        ]
    )
    return Section(
        tables=(
            DataTable("Data tables", table_rows, links={"file": "address"}, expanded=True),
            DataTable("Map layers", layer_rows, links={"file": "address"}, expanded=True),
        )
    )


def dictionary() -> Section:
    """What every column of every table means, one table per file."""
    entries = common.table("dictionary")
    return Section(
        tables=tuple(
            DataTable(f"{table.file}: {table.description}", entries.loc[entries["table"] == name, ["column", "description"]])
            for name, table in tables.TABLES.items()
        )
    )
