"""What a change did to the book, in one screen: every glued number and every
figure's data that differs between two sets of executed notebooks.

    python -m analysis.tools.review            # execute against the current tree, compare with the stored outputs
    python -m analysis.tools.review --against REV   # compare the stored outputs with those of git revision REV

Exits 1 when anything changed, 0 when nothing did.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from analysis.paths import REPO_ROOT
from analysis.tools.notebooks import chapter_notebooks, execute

RECORD = "application/papermill.record/"
SPEC = re.compile(r"\}\)\((\{.*\}), (\{\"renderer\".*?\})\);\s*</script>", re.DOTALL)


@dataclass(frozen=True)
class Change:
    page: str
    name: str
    old: str
    new: str


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _rows(spec: dict) -> dict[str, list[str]]:
    """Each inline dataset of a chart spec as a list of canonical row strings."""
    return {name: [json.dumps(row, sort_keys=True) for row in rows] for name, rows in spec.get("datasets", {}).items()}


def outputs(notebook: dict) -> dict[str, object]:
    """Glued values by name (text for numbers, parsed spec for figures) and the
    tables the notebook displays, keyed by their title line."""
    found: dict[str, object] = {}
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                html = _text(data.get(RECORD + "text/html", ""))
                match = SPEC.search(html)
                found[name] = json.loads(match.group(1)) if match else _text(data.get(RECORD + "text/plain", ""))
            elif "text/plain" in data:
                for table in _text(data["text/plain"]).split("\n\n"):
                    title, _, body = table.partition("\n")
                    found[f"table: {title}"] = body
    return found


def compare(page: str, old: dict[str, object], new: dict[str, object]) -> list[Change]:
    changes = []
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if isinstance(before, dict) and isinstance(after, dict):
            rows_before, rows_after = _rows(before), _rows(after)
            flat_before = [row for rows in rows_before.values() for row in rows]
            flat_after = [row for rows in rows_after.values() for row in rows]
            added = len(set(flat_after) - set(flat_before))
            removed = len(set(flat_before) - set(flat_after))
            if added or removed:
                changes.append(Change(page, name, f"{len(flat_before)} data rows", f"{len(flat_after)} data rows (+{added} -{removed})"))
            else:
                changes.append(Change(page, name, "chart", "same data, chart specification changed"))
        elif isinstance(before, str) and isinstance(after, str) and name.startswith("table: "):
            lines_before, lines_after = before.splitlines()[1:], after.splitlines()[1:]
            added = len(set(lines_after) - set(lines_before))
            removed = len(set(lines_before) - set(lines_after))
            changes.append(Change(page, name, f"{len(lines_before)} rows", f"{len(lines_after)} rows (+{added} -{removed} changed)"))
        else:
            changes.append(Change(page, name, _short(before), _short(after)))
    return changes


def _short(value: object) -> str:
    if value is None:
        return "(absent)"
    if isinstance(value, dict):
        return "chart"
    return str(value) if len(str(value)) <= 60 else str(value)[:57] + "..."


def stored(path: Path, revision: str | None = None) -> dict:
    if revision is None:
        return json.loads(path.read_text(encoding="utf-8"))
    relative = path.relative_to(REPO_ROOT).as_posix()
    shown = subprocess.run(["git", "show", f"{revision}:{relative}"], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    return json.loads(shown.stdout) if shown.returncode == 0 else {"cells": []}


def fresh(path: Path, scratch: Path) -> dict:
    """The notebook executed against the current tree, written to `scratch` (the stored one is untouched)."""
    copy = scratch / path.name
    copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    execute(copy, working_directory=path.parent)
    return json.loads(copy.read_text(encoding="utf-8"))


def report(changes: list[Change]) -> str:
    if not changes:
        return "No glued value, figure or table changed."
    width = max(len(f"{change.page}: {change.name}") for change in changes)
    lines = [f"{len(changes)} change(s):"]
    lines += [f"  {f'{change.page}: {change.name}':<{width}}  {change.old} -> {change.new}" for change in changes]
    return "\n".join(lines)


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="compare the stored outputs with those of git revision REV")
    parser.add_argument("notebooks", nargs="*", type=Path)
    options = parser.parse_args(arguments)
    paths = [path.resolve() for path in options.notebooks] or chapter_notebooks()
    changes: list[Change] = []
    with tempfile.TemporaryDirectory() as scratch:
        for path in paths:
            if options.against:
                old, new = outputs(stored(path, options.against)), outputs(stored(path))
            else:
                old, new = outputs(stored(path)), outputs(fresh(path, Path(scratch)))
            changes += compare(path.stem, old, new)
    print(report(changes))
    return 1 if changes else 0


if __name__ == "__main__":
    sys.exit(main())
