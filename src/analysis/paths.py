"""Where the project's files are, resolved from the installed (editable) package."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
GEO_DIR = REPO_ROOT / "geo"
STATIC_DIR = REPO_ROOT / "_static"

DATA_DIR_ENV = "KERRY_DATA_DIR"
SHARED_DIR_ENV = "KERRY_SHARED_DIR"
CACHE_DIR_ENV = "KERRY_CACHE_DIR"


def data_dir() -> Path:
    """The project's tables: `$KERRY_DATA_DIR` (used by tests on altered copies), else `data/`."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else REPO_ROOT / "data"


def manifest_path() -> Path:
    return data_dir() / "manifest.toml"


def shared_dir() -> Path:
    """The read-only shared folder: `$KERRY_SHARED_DIR`, else `../shared` beside the checkout."""
    override = os.environ.get(SHARED_DIR_ENV)
    return Path(override) if override else REPO_ROOT.parent / "shared"


def seed_path() -> Path:
    return shared_dir() / "seed" / "000_a39402299d683560.txt"


def cache_dir() -> Path:
    """Where datasets downloaded from their original address are kept."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kerry-talks-book"


def display_path(path: Path) -> str:
    """A path as a reader would name it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)
