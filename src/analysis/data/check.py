"""Validate everything the book reads: `python -m analysis.data check`.

Every table of `data/`, the manifest, the account (the seed), every committed
layer of `geo/` and every external dataset's checksum. One line per input;
each distinct problem is printed once, however many inputs it stops.
"""

from __future__ import annotations

import sys

from analysis.data import datasets, layers, seed, tables
from analysis.errors import DataError


def check() -> bool:
    """Print one line per input, then every distinct problem once; return True when all pass."""
    lines: list[str] = []
    problems: dict[str, int] = {}

    def failed(label: str, error: Exception) -> None:
        message = str(error)
        number = problems.setdefault(message, len(problems) + 1)
        lines.append(f"{label}  FAILED (problem {number})")

    try:
        text = seed.seed_text()
        lines.append(f"{'seed':<8}{'the account':<34} {len(text.split()):>8} words  ok")
    except (DataError, OSError) as error:
        failed(f"{'seed':<8}{'the account':<34}", error)
    for name, table in tables.TABLES.items():
        try:
            frame = tables.load(name)
            lines.append(f"{'table':<8}{table.file:<34} {len(frame):>8} rows  ok")
        except (DataError, OSError) as error:
            failed(f"{'table':<8}{table.file:<34}", error)
    for name in layers.COMMITTED_LAYERS:
        try:
            frame = layers.read_layer(name)
            lines.append(f"{'layer':<8}{name + '.geojson':<34} {len(frame):>8} features  ok")
        except (DataError, OSError) as error:
            failed(f"{'layer':<8}{name + '.geojson':<34}", error)
    try:
        declared = datasets.manifest()
    except DataError as error:
        failed(f"{'dataset':<8}{'manifest.toml':<34}", error)
        declared = {}
    for name in declared:
        try:
            path = datasets.fetch(name, datasets=declared)
            lines.append(f"{'dataset':<8}{name:<34} {path.stat().st_size:>8} bytes  sha256 ok")
        except (DataError, OSError) as error:
            failed(f"{'dataset':<8}{name:<34}", error)
    print("\n".join(lines))
    for message, number in problems.items():
        print(f"\nproblem {number}:\n{message}")
    return not problems


def main(arguments: list[str]) -> int:
    if arguments != ["check"]:
        print("usage: python -m analysis.data check", file=sys.stderr)
        return 2
    return 0 if check() else 1
