"""What the book's own Sphinx extensions share."""

from __future__ import annotations

import hashlib
from pathlib import Path


def code_version(module_file: str) -> int:
    """An extension's `env_version`, from the bytes of its module: Sphinx starts a
    fresh environment, reading and writing every page again, when it changes, so
    an edited extension never leaves pages it wrote before the edit."""
    return int(hashlib.sha256(Path(module_file).read_bytes()).hexdigest()[:8], 16)
