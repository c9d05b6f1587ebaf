"""Which inputs a process reads, so a notebook is re-executed exactly when one of them changes.

Every reader of the data tier calls `record` with the file it opens (or the
external dataset it resolves). When `$KERRY_READS_LOG` names a file, each
input is appended to it once per process, as its fingerprint key and the
digest of its bytes at the time it is read (see `analysis.data.fingerprint`);
`analysis.tools.notebooks` sets it while a notebook executes and stores the
result in the notebook's metadata.
"""

from __future__ import annotations

import os
from pathlib import Path

from analysis.data import fingerprint

LOG_ENV = "KERRY_READS_LOG"
DATASET_PREFIX = fingerprint.DATASET_PREFIX
_recorded: set[tuple[str, str]] = set()


def record(source: Path | str) -> None:
    """Note one input: a file path, or `dataset:<name>` for an external dataset."""
    log = os.environ.get(LOG_ENV)
    if not log:
        return
    key = fingerprint.input_key(source)
    if (log, key) in _recorded:
        return
    _recorded.add((log, key))
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"{key}\t{fingerprint.input_digest(key)}\n")


def read_log(log: Path) -> dict[str, str]:
    """The inputs a log holds: key -> digest when read."""
    entries = (line.partition("\t") for line in log.read_text(encoding="utf-8").splitlines() if line.strip())
    return {key: value for key, _, value in sorted(entries)}
