"""Validate every data table and external dataset: `python -m analysis.data check`."""

from __future__ import annotations

import sys

from analysis.data import datasets, tables
from analysis.errors import DataError


def check() -> bool:
    """Print one line per table and dataset; return True when all pass."""
    all_ok = True
    for name, table in tables.TABLES.items():
        try:
            frame = tables.load(name)
            print(f"table   {table.file:<32} {len(frame):>6} rows  ok")
        except (DataError, OSError) as error:
            all_ok = False
            print(f"table   {table.file:<32} {'-':>6}       FAILED\n{error}")
    for name in datasets.manifest():
        try:
            path = datasets.fetch(name)
            print(f"dataset {name:<32} {path.stat().st_size:>9} bytes  sha256 ok")
        except (DataError, OSError) as error:
            all_ok = False
            print(f"dataset {name:<32} FAILED\n{error}")
    return all_ok


def main(arguments: list[str]) -> int:
    if arguments != ["check"]:
        print("usage: python -m analysis.data check", file=sys.stderr)
        return 2
    return 0 if check() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
