"""The book's data as a Frictionless data package, generated from the schemas in
`analysis.data.tables` (never edited by hand): `analysis.tools.publish` writes
`datapackage.json` beside the published tables (`_build/extra/`).

Each table becomes a resource with its fields' types and constraints (required,
enum, unique, pattern, maximum length and value, as the spreadsheet-safe
download holds them: analysis.tools.spreadsheet), its primary key (the unique
id column) and foreign keys (every source column to sources.csv, and the
references its rules check); each committed layer becomes a GeoJSON resource
with its source and licence from `geo/layers.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.data import edition, layers
from analysis.data.schemas import TABLES, Column, Table
from analysis.tools.spreadsheet import spreadsheet_safe

TYPES = {"text": "string", "choice": "string", "source": "string", "date": "date", "count": "integer", "number": "number"}
# Foreign keys the row rules check, beyond source columns: (table, column) -> (table, column).
# claims.evidence_method is left out: its "none" (not checkable) is no method.
REFERENCES = {
    ("claims", "alternative_method"): ("evidence_methods", "method"),
    ("settlement_sites", "announcement_id"): ("settlement_announcements", "announcement_id"),
}
DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 (the project's own tables; each row names its source)",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def field(name: str, spec: Column) -> dict:
    described = {"name": name, "type": TYPES[spec.kind]}
    constraints: dict[str, object] = {}
    if spec.required:
        constraints["required"] = True
    if spec.choices:
        constraints["enum"] = [spreadsheet_safe(choice) for choice in spec.choices]  # as published
    if spec.unique:
        constraints["unique"] = True
    if spec.pattern is not None and spec.kind in ("text", "source"):
        constraints["pattern"] = spec.pattern.pattern
    if spec.max_length is not None:
        constraints["maxLength"] = spec.max_length + 1  # a neutralised cell gains its apostrophe
    if spec.kind == "count":
        constraints["minimum"] = 0
    if spec.maximum is not None:
        constraints["maximum"] = spec.maximum
    if constraints:
        described["constraints"] = constraints
    return described


def resource(name: str, table: Table, descriptions: dict[tuple[str, str], str]) -> dict:
    fields = [field(column, spec) | {"description": descriptions.get((name, column), "")} for column, spec in table.columns.items()]
    keys = [column for column, spec in table.columns.items() if spec.unique and spec.required]
    foreign = [
        {"fields": column, "reference": {"resource": "sources", "fields": "source_id"}}
        for column, spec in table.columns.items()
        if spec.kind == "source"
    ]
    foreign += [
        {"fields": column, "reference": {"resource": target, "fields": key}}
        for (source, column), (target, key) in REFERENCES.items()
        if source == name
    ]
    schema: dict[str, object] = {"fields": fields, "missingValues": [""]}
    if keys:
        schema["primaryKey"] = keys[0]
    if foreign:
        schema["foreignKeys"] = foreign
    return {
        "name": name,
        "path": f"data/{table.file}",
        "title": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
        "licenses": [DATA_LICENCE],
    }


def layer_resource(entry: dict) -> dict:
    file = entry["file"].split("/")[-1]
    return {
        "name": file.removesuffix(".geojson").replace("_", "-"),
        "path": f"geo/{file}",
        "format": "geojson",
        "mediatype": "application/geo+json",
        "title": f"{file}: {entry['source']}",
        "sources": [{"title": entry["source"]}],
        "licenses": [{"name": entry["licence"].replace(" ", "-"), "title": f"{entry['licence']} ({entry['attribution']})"}],
    }


def package(descriptions: dict[tuple[str, str], str]) -> dict:
    book = edition.edition()
    return {
        "name": "kerry-talks-2013-2014",
        "title": f"{book.title} (data)",
        "version": book.version,
        "description": "The sourced tables and map layers behind the book: meetings, events, settlement announcements, "
        "prisoner releases, casualty benchmarks, the claims ledger and its evidence, periods and sources.",
        "licenses": [DATA_LICENCE],
        "resources": [resource(name, table, descriptions) for name, table in TABLES.items()]
        + [layer_resource(entry) for entry in layers.catalogue()],
    }


def write(target: Path, descriptions: dict[tuple[str, str], str]) -> Path:
    path = target / "datapackage.json"
    path.write_text(json.dumps(package(descriptions), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
