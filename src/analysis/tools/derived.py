"""Recompute the slow derived measures and store them, keyed by their inputs, in
`geo/derived.json`: `python -m analysis.tools.derived`."""

from __future__ import annotations

from analysis.data import derived
from analysis.pages import common


def main() -> None:
    ground = common.ground()
    entries = {name: {"key": common.derived_key(name), "value": compute(ground)} for name, compute in common.DERIVED.items()}
    derived.write(entries)
    print(f"wrote {len(entries)} derived measures to {derived.DERIVED_FILE.name}")


if __name__ == "__main__":
    main()
