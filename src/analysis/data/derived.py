"""Derived measures that are slow to compute, kept in `geo/derived.json` keyed
by a digest of everything they are computed from.

A value is served only when its stored key equals the key of the current
inputs (`key`: the package modules its computation imports, its recipe, the
locked environment and its data); otherwise the caller computes it afresh.
`python -m analysis.tools.derived` (run by `make geo` and `make execute`)
rewrites the file; a test fails when the committed file no longer matches its
inputs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from analysis.data import fingerprint, reads
from analysis.paths import GEO_DIR

DERIVED_FILE = GEO_DIR / "derived.json"


def key(name: str, modules: Iterable[str], recipe: str, inputs: str) -> str:
    """The key of measure `name`: a digest of the package modules `modules`
    import (all of them, followed through the package), the `recipe` that
    computes it from them (its source), the locked environment and `inputs`,
    a digest of the data it reads."""
    code = fingerprint.code_digest(fingerprint.module_closure(modules))
    parts = (name, code, recipe, fingerprint.environment_digest(), inputs)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def stored() -> dict[str, dict]:
    """Every stored entry: name -> {"key": ..., "value": ...}."""
    if not DERIVED_FILE.is_file():
        return {}
    reads.record(DERIVED_FILE)
    return json.loads(DERIVED_FILE.read_text(encoding="utf-8"))


def lookup(name: str, key: str) -> object | None:
    """The stored value of `name` when it was computed from inputs with digest `key`, else None."""
    entry = stored().get(name)
    return entry["value"] if entry and entry.get("key") == key else None


def write(entries: dict[str, dict]) -> None:
    DERIVED_FILE.write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")
