"""The book's identity for citations: title and author from `_config.yml`,
version and release date from `CITATION.cff` (a test keeps the two files and
`pyproject.toml` in agreement); the account the book checks, from the same
file's references."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from analysis.data import reads
from analysis.paths import REPO_ROOT

CONFIG = REPO_ROOT / "_config.yml"
CITATION = REPO_ROOT / "CITATION.cff"
TOC = REPO_ROOT / "_toc.yml"


@dataclass(frozen=True)
class Edition:
    title: str
    author: str
    version: str
    released: str

    @property
    def label(self) -> str:
        """The edition as the introduction and the PDF's title and copyright pages print it: its version and release date."""
        return f"Edition {self.version}, {date.fromisoformat(self.released):%-d %B %Y}"


def citation() -> dict:
    """CITATION.cff, noted as read."""
    reads.record(CITATION)
    return yaml.safe_load(CITATION.read_text(encoding="utf-8"))


def released() -> date:
    """The current edition's release date (CITATION.cff's date-released), read from that file alone."""
    return date.fromisoformat(str(citation()["date-released"]))


def edition() -> Edition:
    reads.record(CONFIG)
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    cited = citation()
    return Edition(config["title"], config["author"], str(cited["version"]), str(cited["date-released"]))


@dataclass(frozen=True)
class Account:
    """The account the book checks, as CITATION.cff cites it."""

    title: str
    authors: tuple[str, ...]
    journal: str
    published: str
    url: str


def account() -> Account:
    work = next(reference for reference in citation()["references"] if reference["type"] == "magazine-article")
    authors = tuple(f"{author['given-names']} {author['family-names']}" for author in work["authors"])
    return Account(work["title"], authors, work["journal"], str(work["date-published"]), work["url"])


def numbered_chapters() -> list[str]:
    """The pages of `_toc.yml`'s numbered parts in order (noted as read), by their file names: the narrative chapters."""
    reads.record(TOC)
    parts = yaml.safe_load(TOC.read_text(encoding="utf-8"))["parts"]
    return [Path(chapter["file"]).name for part in parts if part.get("numbered") for chapter in part["chapters"]]


def chapter_number(page: str) -> int:
    """A chapter's number as Sphinx numbers it, by its place among the chapters
    of `_toc.yml`'s numbered parts: what its figures' and tables' numbers start
    with ("3" for 3.1)."""
    numbered = numbered_chapters()
    if page not in numbered:
        raise ValueError(f"_toc.yml: chapters/{page} is not a chapter of a numbered part ({', '.join(numbered)})")
    return numbered.index(page) + 1
