"""Data and methods: the datasets, the tables, the periods and the sources."""

from __future__ import annotations

import pandas as pd

from analysis.data import datasets, periods, schemas
from analysis.geography import measures
from analysis.pages import common
from analysis.report.glue import DataTable, Section, counted, in_series, in_words, number, text, typeset


def meeting_definition_section() -> Section:
    """How the headline counts meetings: the account's reading, marked in
    meeting_specifications.csv (as the framework chapter and the ledger read it)."""
    return Section(numbers={"headline_reading": text(common.evidence_base().meeting_reading().describe())})


def datasets_section() -> Section:
    """The external datasets, with their addresses and checksums."""
    manifest = pd.DataFrame([vars(entry) for entry in datasets.manifest().values()])
    return Section(
        numbers={
            "btselem_jv": number(common.reference_fact(common.BTSELEM_JORDAN_VALLEY)),
            "jv_definition_governorates": text(f"the {in_series(list(measures.JORDAN_VALLEY_GOVERNORATES))} governorates"),
        },
        tables=(DataTable("External datasets", manifest[["name", "title", "url", "sha256", "licence", "citation"]], expanded=True),),
    )


def tables_section() -> Section:
    """Every table in data/ with its size and purpose, and the sources they cite."""
    overview = pd.DataFrame(
        [
            {"table": table.file, "rows": len(common.table(name)), "what it holds": typeset(table.description)}
            for name, table in schemas.TABLES.items()
        ]
    )
    unsourced = [table.file for table in schemas.TABLES.values() if not any(schemas.is_source_column(name) for name in table.columns)]
    windows = periods.periods()
    own_windows = windows[(windows["kind"] == "book window") & windows["source_id"].isna()]
    return Section(
        numbers={
            "tables_without_sources": text(in_series(unsourced)),
            "own_windows": counted(len(own_windows), "window", "windows"),
        },
        tables=(
            DataTable("Tables in data/", overview, expanded=True),
            # By id, as the tables cite them, so a reader can look one up (the file's order is the order they were added).
            DataTable(
                "Sources cited by the tables", common.table("sources").sort_values("source_id", ignore_index=True), bibliography=True
            ),
        ),
    )


def periods_section() -> Section:
    """Every period the book uses: the phases and the named windows."""
    shown = periods.periods()[["period", "label", "start", "end", "kind", "definition", "source_id"]]
    phase_count = in_words(int((shown["kind"] == "phase").sum()))
    return Section(
        numbers={"phase_count": phase_count},
        tables=(DataTable(f"Periods: the {phase_count} phases and every other window the book counts over", shown, expanded=True),),
    )


def terms_section() -> Section:
    """The house vocabulary (house_terms.csv), each rule with the source it rests on."""
    terms = common.table("house_terms")
    sources = common.table("sources").set_index("source_id")
    shown = terms.assign(
        source=terms["source_id"].map(sources["publisher"] + ", " + sources["title"]),
        source_url=terms["source_id"].map(sources["url"]).where(lambda urls: urls.str.startswith("http"), ""),
    )[["term", "usage", "why", "source", "source_url"]]
    return Section(
        sources=common.source_ids(terms),
        tables=(
            DataTable("House terms: how the book names contested places and events", shown, links={"source": "source_url"}, expanded=True),
        ),
    )
