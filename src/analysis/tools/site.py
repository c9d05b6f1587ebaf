"""Build the HTML book: `python -m analysis.tools.site` (run by `make book`).

Sphinx rebuilds only the pages whose sources changed, and when none did it
stops before copying the static files (_static/: the book's CSS and scripts)
and the extra files (_build/extra: the downloads) into the site. An edit to a
stylesheet or a script alone would then be served stale, and a page's
`figures.css?v=<checksum>` link would still name the old file. So when any of
those files differs from the copy in the site, every page is rebuilt.
"""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

from analysis.paths import REPO_ROOT, STATIC_DIR
from analysis.tools.publish import EXTRA_DIR

SITE_DIR = REPO_ROOT / "_build" / "html"
# Each source folder and where the site holds its copy.
COPIED = ((STATIC_DIR, SITE_DIR / "_static"), (EXTRA_DIR, SITE_DIR))
BUILD = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(REPO_ROOT), "--warningiserror", "--keep-going"]


def stale_copies(copied: tuple[tuple[Path, Path], ...] = COPIED) -> list[str]:
    """Files whose copy in the site is missing or differs from the source, as paths relative to their source's parent."""
    stale = []
    for source, copy in copied:
        for path in sorted(source.rglob("*")) if source.is_dir() else []:
            if path.is_file():
                target = copy / path.relative_to(source)
                if not target.is_file() or not filecmp.cmp(path, target, shallow=False):
                    stale.append(path.relative_to(source.parent).as_posix())
    return stale


def main() -> None:
    stale = stale_copies()
    if stale and (SITE_DIR / "index.html").exists():
        shown = ", ".join(stale[:5]) + (f" and {len(stale) - 5} more" if len(stale) > 5 else "")
        print(f"rebuilding every page: the site's copies of {shown} are stale")
    subprocess.run([*BUILD, *(["--all"] if stale else [])], check=True, cwd=REPO_ROOT)
    still_stale = stale_copies()
    if still_stale:
        raise SystemExit(f"the site still serves stale copies of {', '.join(still_stale[:5])} after a full build")


if __name__ == "__main__":
    main()
