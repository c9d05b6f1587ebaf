"""Each chapter notebook and its MyST Markdown text (chapters/text/, paired by
jupytext.toml) brought together before a build or an execution: the one of the
pair an analyst edited updates the other (the notebook's outputs kept).

Which one was edited is read from the committed pair, never from the files'
times: a notebook that `make book` re-executed is newer than a text edited
before it, and "the newer file wins" put the old text back over the analyst's
edit (an analyst's finding). A pair both of whose files were edited since the
last commit, differently, is refused, naming both; so is a pair of which
neither file is committed and both differ. A pair without its text gets one.

    python -m analysis.tools.pairs
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from jupytext.cli import jupytext as jupytext_command

from analysis.paths import REPO_ROOT

TEXT_FORMAT = "md:myst"

Cells = list[tuple[str, str, tuple[str, ...]]]


class PairConflict(RuntimeError):
    """Both files of a pair were edited, differently."""


def cells(notebook: nbformat.NotebookNode) -> Cells:
    """What a pair must agree on: each cell's type, source and tags (never outputs or ids)."""
    return [(cell.cell_type, cell.source.strip(), tuple(cell.metadata.get("tags", ()))) for cell in notebook.cells]


def read_cells(path: Path, content: str | None = None) -> Cells:
    """The cells of a chapter's notebook or text, from `content` (a committed version) or the file."""
    text = path.read_text(encoding="utf-8") if content is None else content
    return cells(nbformat.reads(text, as_version=4) if path.suffix == ".ipynb" else jupytext.reads(text, fmt=TEXT_FORMAT))


def committed_cells(path: Path, root: Path = REPO_ROOT) -> Cells | None:
    """The cells of `path` as last committed in `root` (none outside a git checkout, or for a file never committed)."""
    shown = subprocess.run(
        ["git", "show", f"HEAD:{path.relative_to(root).as_posix()}"], cwd=root, capture_output=True, text=True, check=False
    )
    return read_cells(path, shown.stdout) if shown.returncode == 0 else None


def edited_file(notebook: Path, text: Path, root: Path = REPO_ROOT) -> Path | None:
    """The file of the pair to carry over to the other: none when they agree, the notebook when the text is
    missing. Raises PairConflict when both were edited since the last commit, or neither was committed."""
    if not text.is_file():
        return notebook
    ours, theirs = read_cells(notebook), read_cells(text)
    if ours == theirs:
        return None
    notebook_edited = ours != committed_cells(notebook, root)
    text_edited = theirs != committed_cells(text, root)
    if notebook_edited and text_edited:
        differing = [index for index, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b][:5]
        raise PairConflict(
            f"{notebook.relative_to(root)} and {text.relative_to(root)} were both edited since the last commit"
            f" and differ (cells {differing}, {len(ours)} and {len(theirs)} cells): keep the edit in one of them"
            f" (`git checkout` the other, or copy the edit over), then run `make sync`"
        )
    return text if text_edited else notebook


def carry_over(source: Path, other: Path, root: Path = REPO_ROOT) -> None:
    """Update `other` from `source` with jupytext's pairing (which reads the inputs from the newer file)."""
    now = time.time()
    if other.is_file():
        os.utime(other, (now - 2, now - 2))
    os.utime(source, (now, now))
    if jupytext_command(["--sync", "--quiet", str(source)]):
        raise RuntimeError(f"jupytext could not sync {source.relative_to(root)}")


def sync(root: Path = REPO_ROOT) -> list[str]:
    """Bring every chapter's pair in `root` together; return what was carried over, each as "source -> other"."""
    carried = []
    for notebook in sorted((root / "chapters").glob("*.ipynb")):
        text = root / "chapters" / "text" / f"{notebook.stem}.md"
        source = edited_file(notebook, text, root)
        if source is None:
            continue
        other = text if source == notebook else notebook
        carry_over(source, other, root)
        carried.append(f"{source.relative_to(root)} -> {other.relative_to(root)}")
    return carried


def main() -> int:
    try:
        carried = sync()
    except PairConflict as conflict:
        print(f"pairs: {conflict}", file=sys.stderr)
        return 1
    for line in carried:
        print(f"synced {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
