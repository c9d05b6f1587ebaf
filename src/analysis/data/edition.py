"""The book's identity for citations: title and author from `_config.yml`,
version and release date from `CITATION.cff` (a test keeps the two files and
`pyproject.toml` in agreement)."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from analysis.data import reads
from analysis.paths import REPO_ROOT

CONFIG = REPO_ROOT / "_config.yml"
CITATION = REPO_ROOT / "CITATION.cff"


@dataclass(frozen=True)
class Edition:
    title: str
    author: str
    version: str
    released: str


def edition() -> Edition:
    for path in (CONFIG, CITATION):
        reads.record(path)
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    citation = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    return Edition(config["title"], config["author"], str(citation["version"]), str(citation["date-released"]))
