"""Downloads: every table, layer and figure's data, and the data dictionary."""

from __future__ import annotations

import pandas as pd

from analysis.data import datasets, edition, layers, schemas
from analysis.pages import common
from analysis.report.glue import DataTable, Preformatted, Section, typeset

# Where analysis.tools.publish puts the files, relative to a chapter page.
DATA, GEO = "../data/", "../geo/"


def files() -> Section:
    """The tables (spreadsheet-safe CSV), the manifest and the map layers, each with its link."""
    table_rows = pd.DataFrame(
        [
            {"file": table.file, "rows": len(common.table(name)), "what it holds": typeset(table.description), "address": DATA + table.file}
            for name, table in schemas.TABLES.items()
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
            DataTable(
                f"{table.file}: {table.description}",
                entries.loc[entries["table"] == name, ["column", "description"]],
                rows_are=("column", "columns"),
            )
            for name, table in schemas.TABLES.items()
        )
    )


PDF = "../pdf/nine-months.pdf"
PACKAGE = "../datapackage.json"
LEDGER = "../data/claims_ledger.csv"


def editions() -> Section:
    """The PDF edition, the data package and the computed claims ledger, each with its link."""
    rows = pd.DataFrame(
        [
            {
                "file": "nine-months.pdf",
                "what": "The whole book as one PDF: every chapter, figure and map, and the claims ledger",
                "address": PDF,
            },
            {
                "file": "datapackage.json",
                "what": "Every table and layer as a Frictionless data package, generated from the book’s schemas",
                "address": PACKAGE,
            },
            {
                "file": "claims_ledger.csv",
                "what": "The claims ledger as computed: each claim, its verdict, evidence values and sources (in the data package)",
                "address": LEDGER,
            },
        ]
    )
    return Section(tables=(DataTable("The PDF edition and the data package", rows, links={"file": "address"}, expanded=True),))


def bibtex_entry(kind: str, key: str, fields: dict[str, str]) -> str:
    """One BibTeX entry; braces and backslashes in values are dropped, so a value cannot end its field."""
    body = ",\n".join(f"  {name} = {{{value.replace('{', '').replace('}', '').replace(chr(92), '')}}}" for name, value in fields.items())
    return f"@{kind}{{{key},\n{body}\n}}"


def citations() -> Section:
    """BibTeX for the book and for each external dataset of the manifest."""
    book = edition.edition()
    entries = [
        bibtex_entry(
            "misc",
            "kerry_talks_book",
            {
                "title": book.title,
                "author": book.author,
                "year": book.released[:4],
                "version": book.version,
                "note": "Book and data package",
            },
        )
    ]
    for dataset in datasets.manifest().values():
        entries.append(
            bibtex_entry("misc", dataset.name, {"title": dataset.title, "author": dataset.citation, "howpublished": dataset.url})
        )
    return Section(tables=(Preformatted("BibTeX for the book and each external dataset", "\n\n".join(entries)),))
