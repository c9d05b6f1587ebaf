"""Build the HTML book: `python -m analysis.tools.site` (run by `make book`).

Sphinx rebuilds only the pages whose sources changed, and when none did it
stops before copying the static files (_static/: the book's CSS and scripts)
and the extra files (_build/extra: the downloads) into the site. An edit to a
stylesheet or a script alone would then be served stale, and a page's
`figures.css?v=<checksum>` link would still name the old file. So when any of
those files differs from the copy in the site, every page is rebuilt.

Every page then gets a content security policy, as a `<meta>` element at the
top of its head: scripts only from the site itself and the inline scripts the
build wrote into that page, each allowed by its sha256 (computed here, after
Sphinx wrote the page), never `unsafe-inline`; a script injected into a page
after the build does not run. The theme's two inline event handlers (print,
full screen) are allowed by their hashes too (`unsafe-hashes` admits only the
handlers whose hash is listed).

`python -m analysis.tools.site --lock COMMAND...` runs COMMAND holding the
checkout's build lock (`make book` runs its steps so): a second build in the
same checkout says it waits, then waits for the first to finish.
"""

from __future__ import annotations

import base64
import fcntl
import filecmp
import hashlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import bs4

from analysis.paths import REPO_ROOT, STATIC_DIR
from analysis.tools.publish import EXTRA_DIR

SITE_DIR = REPO_ROOT / "_build" / "html"
# Each source folder and where the site holds its copy.
COPIED = ((STATIC_DIR, SITE_DIR / "_static"), (EXTRA_DIR, SITE_DIR))
BUILD = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(REPO_ROOT), "--warningiserror", "--keep-going"]
BUILD_LOCK = REPO_ROOT / ".venv" / "book-build.lock"

POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*/?>\n?')
CHARSET_META = re.compile(r"<meta charset=[^>]*>\n?", re.IGNORECASE)
# Everything but scripts: the site itself (styles also inline: Vega and the theme set them).
OTHER_SOURCES = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


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


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(page_html: str) -> str:
    """The policy of one page: scripts from the site and the page's own inline
    scripts and event handlers, each by its hash."""
    soup = bs4.BeautifulSoup(page_html, "html.parser")
    scripts = {_sha256(script.string or "") for script in soup.find_all("script") if not script.has_attr("src")}
    handlers = {_sha256(value) for tag in soup.find_all(True) for name, value in tag.attrs.items() if name.startswith("on")}
    script_src = ["'self'", *sorted(scripts), *(["'unsafe-hashes'", *sorted(handlers)] if handlers else [])]
    return "; ".join([f"script-src {' '.join(script_src)}", *OTHER_SOURCES])


def with_policy(page_html: str) -> str:
    """The page with its content security policy as the first element of its
    head after the charset (any earlier policy replaced)."""
    page_html = POLICY_META.sub("", page_html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(page_html)}" />\n'
    # A page without a head (the root redirect) gets the policy first: the parser opens the head for it.
    opening = CHARSET_META.search(page_html) or re.search(r"<head[^>]*>\n?", page_html, re.IGNORECASE)
    position = opening.end() if opening is not None else 0
    return page_html[:position] + meta + page_html[position:]


def secure_site(site: Path = SITE_DIR) -> int:
    """Give every HTML page of the built `site` its content security policy (not
    the theme's template fragments in `_static/`); returns how many pages."""
    pages = sorted(page for page in site.rglob("*.html") if not page.relative_to(site).parts[0].startswith("_"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        secured = with_policy(text)
        if secured != text:
            page.write_text(secured, encoding="utf-8")
    return len(pages)


def run_locked(command: list[str], lock: Path = BUILD_LOCK) -> int:
    """Run `command` holding the build lock of this checkout; a second caller
    says whose build it waits for, then waits. Returns the command's exit code."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            print(f"==> another `make book` is building this checkout ({holder}): waiting for it to finish", flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {time.strftime('%H:%M:%S')}")
        handle.flush()
        return subprocess.run(command, check=False).returncode


def main(arguments: list[str]) -> int:
    if arguments[:1] == ["--lock"]:
        if len(arguments) < 2:
            print("usage: python -m analysis.tools.site [--lock COMMAND...]", file=sys.stderr)
            return 2
        return run_locked(arguments[1:])
    stale = stale_copies()
    if stale and (SITE_DIR / "index.html").exists():
        shown = ", ".join(stale[:5]) + (f" and {len(stale) - 5} more" if len(stale) > 5 else "")
        print(f"rebuilding every page: the site's copies of {shown} are stale")
    subprocess.run([*BUILD, *(["--all"] if stale else [])], check=True, cwd=REPO_ROOT)
    still_stale = stale_copies()
    if still_stale:
        raise SystemExit(f"the site still serves stale copies of {', '.join(still_stale[:5])} after a full build")
    print(f"content security policy written into {secure_site()} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
