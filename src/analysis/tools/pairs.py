"""Each chapter notebook and its MyST Markdown text (chapters/text/, paired by
jupytext.toml) brought together before a build or an execution: the one of the
pair an analyst edited updates the other (the notebook's outputs kept).

Which one was edited is read against the pair as it last agreed (its cells'
digest, recorded here after every sync in `_build/pairs-synced.json`, and
the pair as last committed: a file matching either was not edited), never
from the files' times: a notebook
that `make book` re-executed is newer than a text edited before it, and "the
newer file wins" put the old text back over the analyst's edit (an analyst's
finding). A pair both of whose files were edited since it last agreed,
differently, is refused, naming both; so is one with nothing to tell which
(no record, no commit). A pair without its text gets one.

    python -m analysis.tools.pairs
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
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
    """The cells of `path` as last committed in `root` (none without git, outside a checkout, or for a file
    never committed)."""
    try:
        shown = subprocess.run(
            ["git", "show", f"HEAD:./{path.relative_to(root).as_posix()}"], cwd=root, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return read_cells(path, shown.stdout) if shown.returncode == 0 else None


def digest(found: Cells | None) -> str | None:
    return None if found is None else hashlib.sha256(json.dumps(found).encode()).hexdigest()


def synced_record(root: Path) -> Path:
    return root / "_build" / "pairs-synced.json"


def last_agreed(notebook: Path, root: Path) -> set[str]:
    """The digests of the pair's cells when it last agreed: as the last sync recorded them and as last
    committed (a pull or a checkout after the last sync brings both files to the commit's cells)."""
    record = synced_record(root)
    recorded = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else {}
    return {found for found in (recorded.get(notebook.stem), digest(committed_cells(notebook, root))) if found}


def edited_file(notebook: Path, text: Path, root: Path = REPO_ROOT) -> Path | None:
    """The file of the pair to carry over to the other: none when they agree, the notebook when the text is
    missing. Raises PairConflict when both were edited since the pair last agreed, or nothing tells which."""
    if not text.is_file():
        return notebook
    ours, theirs = read_cells(notebook), read_cells(text)
    if ours == theirs:
        return None
    agreed = last_agreed(notebook, root)
    notebook_edited, text_edited = digest(ours) not in agreed, digest(theirs) not in agreed
    if notebook_edited and text_edited:
        differing = [index for index, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b][:5]
        since = "since the pair last agreed" if agreed else "and neither a last sync nor a commit tells which"
        raise PairConflict(
            f"{notebook.relative_to(root)} and {text.relative_to(root)} were both edited {since}"
            f" and differ (cells {differing}, {len(ours)} and {len(theirs)} cells): keep the edit in one of them"
            f" (`git checkout` the other, or copy the edit over), then run `make sync`"
        )
    return text if text_edited else notebook


def carry_over(source: Path, other: Path, root: Path = REPO_ROOT) -> None:
    """Update `other` from `source`: a notebook's cells from its text (its outputs and metadata kept), or a
    text written anew from its notebook, by jupytext with the project's pairing."""
    to = ["--to", "ipynb", "--update"] if other.suffix == ".ipynb" else ["--to", TEXT_FORMAT]
    if jupytext_command(["--quiet", *to, "--output", str(other), str(source)]):
        raise RuntimeError(f"jupytext could not carry {source.relative_to(root)} over to {other.relative_to(root)}")


def sync(root: Path = REPO_ROOT) -> list[str]:
    """Bring every chapter's pair in `root` together, recording each pair's cells as they now agree; return what
    was carried over, each as "source -> other"."""
    carried, agreed = [], {}
    for notebook in sorted((root / "chapters").glob("*.ipynb")):
        text = root / "chapters" / "text" / f"{notebook.stem}.md"
        source = edited_file(notebook, text, root)
        if source is not None:
            other = text if source == notebook else notebook
            carry_over(source, other, root)
            carried.append(f"{source.relative_to(root)} -> {other.relative_to(root)}")
        agreed[notebook.stem] = digest(read_cells(notebook))
    record = synced_record(root)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(agreed, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return carried


def main() -> int:
    try:
        carried = sync()
    except (PairConflict, RuntimeError) as refused:
        print(f"pairs: {refused}", file=sys.stderr)
        return 1
    for line in carried:
        print(f"synced {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
