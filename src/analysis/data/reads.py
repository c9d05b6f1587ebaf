"""Which inputs a process reads, so a notebook is re-executed exactly when one of them changes.

Every reader of the data tier calls `record` with the file it opens (or the
external dataset it resolves). When `$KERRY_READS_LOG` names a file, each
input is appended to it once per process; `analysis.tools.notebooks` sets it
while a notebook executes and stores the result in the notebook's metadata.
"""

from __future__ import annotations

import os
from pathlib import Path

LOG_ENV = "KERRY_READS_LOG"
DATASET_PREFIX = "dataset:"
_recorded: set[tuple[str, str]] = set()


def record(source: Path | str) -> None:
    """Note one input: a file path, or `dataset:<name>` for an external dataset."""
    log = os.environ.get(LOG_ENV)
    key = str(source) if isinstance(source, str) else str(source.resolve())
    if not log or (log, key) in _recorded:
        return
    _recorded.add((log, key))
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(key + "\n")
