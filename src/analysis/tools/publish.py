"""Write the files the built book offers for download, before Jupyter Book runs:
`python -m analysis.tools.publish` (part of `make book`).

Into `_build/extra/` (Sphinx copies it to the site's root, see `_config.yml`):

* `data/`: every table of `data/` and `manifest.toml`, spreadsheet-safe by
  OWASP's rule for CSV injection: every text cell that begins with `=`, `+`,
  `-`, `@`, a tab or a carriage return, whatever follows, is written with a
  leading apostrophe, so a spreadsheet shows it as text; the columns the schema
  types as counts, numbers or dates stay as written (a negative number stays a
  number); a file with no such cell is copied byte for byte;
* `geo/`: every committed layer and its provenance, `layers.json`;
* `datapackage.json`: the tables and layers as a Frictionless data package,
  generated from the schemas (analysis.tools.datapackage), with the claims
  ledger as computed (`data/claims_ledger.csv`: each claim, its verdict,
  evidence values and sources);
* `figures/`: for every figure of the book, its Vega-Lite specification, the
  exact rows it drew (`<figure>.csv`, every inline dataset in one table, each row
  with the marks that draw it) and a map's layers (`<figure>.geojson`, each
  feature numbered by its layer), taken from the executed notebooks' stored
  outputs, which are what the pages render.

Everything is written afresh into a folder beside the target, then only the
files whose bytes differ are moved into `_build/extra/` (a file no longer
written is removed): an unchanged download keeps its bytes and its
modification time, so the HTML build copies into the site only what changed.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Collection
from pathlib import Path

from analysis.data import tables
from analysis.data.schemas import TABLES
from analysis.evidence import claims
from analysis.pages import claims_ledger
from analysis.paths import GEO_DIR, data_dir
from analysis.report import glue
from analysis.tools import datapackage
from analysis.tools.notebooks import chapter_notebooks
from analysis.tools.review import RECORD, SPEC
from analysis.tools.site import BOOK, move_changed, staging_folder
from analysis.tools.spreadsheet import NUMERIC_KINDS, spreadsheet_safe

EXTRA_DIR = BOOK.extra


def numeric_columns(table_name: str) -> set[str]:
    """The columns of a table its schema types as counts, numbers or dates."""
    return {name for name, spec in TABLES[table_name].columns.items() if spec.kind in NUMERIC_KINDS}


def safe_csv(text: str, numeric: Collection[str] = ()) -> str:
    """A CSV with every text cell spreadsheet-safe (the header's `numeric`
    columns kept as written); the same text when no cell needed it."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    kept = {position for position, name in enumerate(rows[0] if rows else []) if name in numeric}
    safe = [rows[0]] + [[cell if position in kept else spreadsheet_safe(cell) for position, cell in enumerate(row)] for row in rows[1:]]
    if safe == rows:
        return text
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(safe)
    return out.getvalue()


def figure_cell(value: object) -> str:
    """A figure's value as a CSV cell: numbers as numbers, text spreadsheet-safe."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return spreadsheet_safe(str(value))


def _write_rows(path: Path, rows: list[dict]) -> None:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([figure_cell(row.get(column)) for column in columns])
    path.write_text(out.getvalue(), encoding="utf-8")


def figure_specs(notebooks: list[Path]) -> dict[str, tuple[str, dict]]:
    """Every glued figure of the executed `notebooks`: name -> (page, Vega-Lite spec)."""
    found = {}
    for path in notebooks:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                name = output.get("metadata", {}).get("scrapbook", {}).get("name", "")
                html = output.get("data", {}).get(RECORD + "text/html", "")
                match = SPEC.search("".join(html) if isinstance(html, list) else html)
                if name.startswith("fig_") and match:
                    found[name] = (path.stem, json.loads(match.group(1)))
    return found


def write_figure(name: str, spec: dict, target: Path) -> None:
    """The specification and data files of one figure, named by analysis.report.glue.figure_files."""
    for _, file in glue.figure_files(name, spec):
        if file.endswith(".vl.json"):
            (target / file).write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        elif file.endswith(".csv"):
            _write_rows(target / file, glue.drawn_rows(spec))
        else:
            (target / file).write_text(json.dumps(glue.map_features(spec), ensure_ascii=False) + "\n", encoding="utf-8")


LEDGER_FILE = "claims_ledger.csv"
LEDGER_TYPES = {
    "claimed_value": "number",
    "evidence_value": "number",
    "specifications_reaching": "integer",
    "specifications_total": "integer",
}
LEDGER_DESCRIPTIONS = {
    "speaker": "whose words the quote is, when the account quotes someone (actors.csv), else empty: the account's authors'",
    "evidence_bound": "'at most' when evidence_value is a ceiling on the count, 'at least' when it is a floor, else empty",
    "claimed": "what the account claims, in words with its unit",
    "evidence": "what the evidence shows, in words with its unit",
    "method": "how the claim was checked, in one sentence",
    "sources": "addresses of the evidence's public sources and of the book's tables it counts from, separated by '; '",
    "permalink": "the claim's entry in the claims ledger, relative to the site's root",
}


def write_ledger(target: Path) -> Path:
    """The claims ledger as computed, spreadsheet-safe, added to `datapackage.json` as a resource."""
    table = claims_ledger.ledger_table()
    path = target / "data" / LEDGER_FILE
    path.write_text(safe_csv(table.to_csv(index=False, lineterminator="\n")), encoding="utf-8")
    fields = []
    for column in table.columns:
        field: dict[str, object] = {"name": column, "type": LEDGER_TYPES.get(column, "string")}
        if column in LEDGER_DESCRIPTIONS:
            field["description"] = LEDGER_DESCRIPTIONS[column]
        if column == "verdict":
            field["constraints"] = {"required": True, "enum": list(claims.VERDICTS)}
        if column == "claim_id":
            field["constraints"] = {"required": True, "unique": True}
        fields.append(field)
    package_path = target / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    package["resources"].append(
        {
            "name": "claims_ledger",
            "path": f"data/{LEDGER_FILE}",
            "title": "The claims ledger as computed: each claim, its verdict, evidence values and sources",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": fields,
                "missingValues": [""],
                "primaryKey": "claim_id",
                "foreignKeys": [{"fields": "claim_id", "reference": {"resource": "claims", "fields": "claim_id"}}],
            },
            "licenses": [datapackage.DATA_LICENCE],
        }
    )
    package_path.write_text(json.dumps(package, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def publish(target: Path = EXTRA_DIR, notebooks: list[Path] | None = None) -> dict[str, int]:
    """Bring `target` to hold every download and nothing else, the figures'
    from `notebooks` (default: the chapters), rewriting only the files whose
    bytes change; returns counts by kind and how many files were `rewritten`."""
    staging = staging_folder(target)
    counts = write_downloads(staging, notebooks)
    counts["rewritten"] = len(move_changed(staging, target))
    return counts


def write_downloads(target: Path, notebooks: list[Path] | None = None) -> dict[str, int]:
    """Write every download into `target` (emptied first), the figures' from
    `notebooks` (default: the chapters); returns counts by kind."""
    shutil.rmtree(target, ignore_errors=True)
    data, geo, figures = target / "data", target / "geo", target / "figures"
    for folder in (data, geo, figures):
        folder.mkdir(parents=True)
    for table in TABLES.values():
        source = data_dir() / table.file
        (data / table.file).write_text(safe_csv(source.read_text(encoding="utf-8"), numeric_columns(table.name)), encoding="utf-8")
    shutil.copyfile(data_dir() / "manifest.toml", data / "manifest.toml")
    for layer in [*GEO_DIR.glob("*.geojson"), GEO_DIR / "layers.json"]:
        shutil.copyfile(layer, geo / layer.name)
    dictionary = tables.load("dictionary")
    descriptions = {(row.table, row.column): row.description for row in dictionary.itertuples()}
    datapackage.write(target, descriptions)
    write_ledger(target)
    figure_count = 0
    for name, (_, spec) in sorted(figure_specs(notebooks or chapter_notebooks()).items()):
        write_figure(name, spec, figures)
        figure_count += 1
    return {"tables": len(TABLES) + 1, "layers": len(list(geo.iterdir())), "figures": figure_count}


def main() -> None:
    counts = publish()
    print(
        f"wrote {counts['tables']} tables, {counts['layers']} layer files and the data of {counts['figures']} figures:"
        f" {counts['rewritten']} file(s) of _build/extra/ new or changed"
    )


if __name__ == "__main__":
    main()
