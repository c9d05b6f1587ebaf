"""Derived measures that are slow to compute, kept in `geo/derived.json` keyed
by a digest of everything they are computed from.

A value is served only when its stored key equals the key of the current
inputs (`key`: the package modules its computation imports, its recipe, the
locked environment and its data); otherwise the caller computes it afresh.
Each value is stored with its own digest, so a value edited by hand after it
was computed is refused (by the check and by every read), never served; the
digest is no seal (anyone can recompute it), so `make test` computes every
stored value afresh and compares (tests/test_geo.py).
`python -m analysis.tools.derived` (run by `make geo` and `make execute`)
rewrites the file; a test fails when the committed file no longer matches its
inputs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from analysis.data import fingerprint, reads
from analysis.errors import DataError
from analysis.paths import GEO_DIR, display_path

DERIVED_FILE = GEO_DIR / "derived.json"


def key(name: str, modules: Iterable[str], recipe: str, inputs: str) -> str:
    """The key of measure `name`: a digest of the package modules `modules`
    import (all of them, followed through the package), the `recipe` that
    computes it from them (its source), the locked environment and `inputs`,
    a digest of the data it reads."""
    code = fingerprint.code_digest(fingerprint.module_closure(modules))
    parts = (name, code, recipe, fingerprint.environment_digest(), inputs)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def value_digest(value: object) -> str:
    """The digest of a value as the file stores it (read back from JSON, its keys sorted)."""
    return hashlib.sha256(json.dumps(json.loads(json.dumps(value)), sort_keys=True).encode()).hexdigest()


def stored() -> dict[str, dict]:
    """Every stored entry: name -> {"key": ..., "value": ...}."""
    if not DERIVED_FILE.is_file():
        return {}
    reads.record(DERIVED_FILE)
    entries = json.loads(DERIVED_FILE.read_text(encoding="utf-8"))
    for name, entry in entries.items():
        if "value_sha256" not in entry:
            raise DataError(f"{display_path(DERIVED_FILE)}, measure {name}: no value_sha256: run `python -m analysis.tools.derived`")
        if value_digest(entry.get("value")) != entry["value_sha256"]:
            raise DataError(
                f"{display_path(DERIVED_FILE)}, measure {name}: its value is not the one computed (it was edited after"
                " it was computed): run `python -m analysis.tools.derived`"
            )
    return entries


def verify() -> int:
    """Check that every stored value is the one computed; return how many there are."""
    return len(stored())


def lookup(name: str, key: str) -> object | None:
    """The stored value of `name` when it was computed from inputs with digest `key`, else None."""
    entry = stored().get(name)
    return entry["value"] if entry and entry.get("key") == key else None


def write(entries: dict[str, dict]) -> None:
    """Store each measure's key and value with the value's digest."""
    signed = {name: {**entry, "value_sha256": value_digest(entry["value"])} for name, entry in entries.items()}
    DERIVED_FILE.write_text(json.dumps(signed, indent=1) + "\n", encoding="utf-8")
