"""Build the HTML book: `python -m analysis.tools.site` (run by `make book`).

Sphinx re-reads only the pages whose sources changed and rewrites those (and
the pages whose table of contents holds them); the rest of the site is left
as it is. Three things it would get wrong are done here:

* when no page changed it stops before copying the static files (_static/:
  the book's CSS and scripts) and the extra files (_build/extra: the
  downloads). A changed download is then copied into the site here, alone; a
  changed stylesheet or script rebuilds every page, since each page names it
  with its checksum (`figures.css?v=<checksum>`);
* it never removes a file: a download or static file withdrawn from its source
  folder since the last build is removed from the site here (the files each
  build copied are listed in `_build/site-copies.json`);
* it writes some files again with the same bytes on every build (the root
  page, the indices, `pygments.css`): every file of the site whose bytes did
  not change gets its previous modification time back, so only the files that
  changed are new to a reader's cache or a deployment's sync. A page whose
  source is newer than its previous copy keeps its new time, or Sphinx would
  take it for out of date on every build.

Every page then gets a content security policy, as a `<meta>` element at the
top of its head: scripts only from the site itself and the inline scripts the
build wrote into that page, each allowed by its sha256 (computed here, after
Sphinx wrote the page), never `unsafe-inline`; a script injected into a page
after the build does not run. The theme's two inline event handlers (print,
full screen) are allowed by their hashes too (`unsafe-hashes` admits only the
handlers whose hash is listed).

`python -m analysis.tools.site --with-downloads --with-pdf` (`make book`) builds
and prints the PDF edition (`analysis.tools.pdf`, in a second process, from the
same stored outputs) while it builds the site, then offers the PDF in the site.

`python -m analysis.tools.site --lock COMMAND...` runs COMMAND holding the
checkout's build lock (`make book` runs its steps so): a second build in the
same checkout says it waits, then waits for the first to finish.
"""

from __future__ import annotations

import base64
import fcntl
import filecmp
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html

from analysis.paths import REPO_ROOT

BUILD_LOCK = REPO_ROOT / ".venv" / "book-build.lock"
# What Sphinx reads a page from (`_config.yml` builds notebooks and MyST Markdown).
PAGE_SOURCE_SUFFIXES = (".ipynb", ".md")
# Touched by `make` once the environment (and with it the theme's templates) is installed.
INSTALLED_STAMP = Path(sys.prefix) / ".installed"

# A link to a file whose name holds its sha256, with the checksum query Sphinx may add.
CONTENT_ADDRESSED_QUERY = re.compile(r'(_static/[^"?]+\.[0-9a-f]{64}\.(?:css|js))\?v=[0-9a-f]+')
SEARCH_INDEX = ("Search.setIndex(", ")")
SEARCH_WORDS = ("terms", "titleterms")
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


@dataclass(frozen=True)
class Book:
    """The folders of one book's HTML build, under its source folder `root`."""

    root: Path

    @property
    def site(self) -> Path:
        return self.root / "_build" / "html"

    @property
    def static(self) -> Path:
        return self.root / "_static"

    @property
    def extra(self) -> Path:
        """The downloads (`analysis.tools.publish`), copied to the site's root (`html_extra_path`)."""
        return self.root / "_build" / "extra"

    @property
    def copies_record(self) -> Path:
        """The files the last build copied from `static` and `extra` into the site."""
        return self.root / "_build" / "site-copies.json"

    @property
    def templates(self) -> Path:
        """The book's own versions of the theme's templates (`templates_path` in `_config.yml`)."""
        return self.root / "_templates"

    @property
    def templates_record(self) -> Path:
        """The templates (each with its digest) the site's pages were last written with."""
        return self.root / "_build" / "site-templates.json"

    @property
    def copied(self) -> tuple[tuple[Path, Path], ...]:
        """Each source folder and where the site holds its copy."""
        return ((self.static, self.site / "_static"), (self.extra, self.site))


BOOK = Book(REPO_ROOT)
SITE_DIR = BOOK.site
COPIED = BOOK.copied


def build_command(book: Book, every_page: bool) -> list[str]:
    """`jupyter-book build`, strict; `every_page` re-reads and rewrites every page."""
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(book.root), "--warningiserror", "--keep-going"]
    return [*command, "--all"] if every_page else command


def source_files(copied: tuple[tuple[Path, Path], ...]) -> dict[str, list[str]]:
    """The files of each source folder, relative to it, keyed by the folder's name relative to its parent."""
    return {
        source.name: sorted(path.relative_to(source).as_posix() for path in source.rglob("*") if path.is_file()) if source.is_dir() else []
        for source, _ in copied
    }


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


def copy_stale_downloads(book: Book) -> list[str]:
    """Copy each download whose site copy is missing or differs (Sphinx copies
    none when no page changed); returns them, relative to the site."""
    copied = []
    for stale in stale_copies(((book.extra, book.site),)):
        relative = Path(stale).relative_to(book.extra.name)
        (book.site / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(book.extra / relative, book.site / relative)
        copied.append(relative.as_posix())
    return copied


def remove_withdrawn_copies(book: Book) -> list[str]:
    """Remove from the site each file the last build copied from a source folder
    that the folder no longer holds; records what the folders hold now.
    Returns the removed files, relative to the site."""
    previous = json.loads(book.copies_record.read_text(encoding="utf-8")) if book.copies_record.is_file() else {}
    current = source_files(book.copied)
    removed = []
    for source, copy in book.copied:
        for relative in sorted(set(previous.get(source.name, [])) - set(current[source.name])):
            target = copy / relative
            if target.is_file():
                target.unlink()
                removed.append(target.relative_to(book.site).as_posix())
    book.copies_record.parent.mkdir(parents=True, exist_ok=True)
    book.copies_record.write_text(json.dumps(current, indent=1) + "\n", encoding="utf-8")
    return removed


def staging_folder(target: Path) -> Path:
    """Where a folder's new contents are written in full before `move_changed` brings it up to date."""
    return target.with_name(target.name + ".new")


def move_changed(staging: Path, target: Path) -> list[str]:
    """Make `target` hold the files of `staging`: a file whose bytes differ (or
    that `target` lacks) is moved in, one `target` holds beyond them is
    removed, and every other is left untouched. `staging` is removed.
    Returns the files moved in, relative to `target`."""
    written = {path.relative_to(staging) for path in staging.rglob("*") if path.is_file()}
    kept = {path.relative_to(target) for path in target.rglob("*") if path.is_file()} if target.is_dir() else set()
    for relative in kept - written:
        (target / relative).unlink()
    moved = []
    for relative in sorted(written):
        destination = target / relative
        if relative in kept and filecmp.cmp(staging / relative, destination, shallow=False):
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / relative, destination)
        moved.append(relative.as_posix())
    for folder in sorted((path for path in target.rglob("*") if path.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    shutil.rmtree(staging)
    return moved


def stage_downloads(book: Book) -> dict[str, int]:
    """Write every download of `book` into its staging folder (`analysis.tools.publish`)."""
    # Imported here, in the process that writes the downloads: the publishing
    # code loads the whole package (pandas, Altair), which the HTML build does not need.
    from analysis.tools import publish

    return publish.write_downloads(staging_folder(book.extra), sorted((book.root / "chapters").glob("*.ipynb")))


def file_states(site: Path) -> dict[str, tuple[str, int]]:
    """Every file of the site: its path relative to the site -> (sha256 of its bytes, modification time in ns)."""
    states = {}
    for path in site.rglob("*") if site.is_dir() else []:
        if path.is_file():
            states[path.relative_to(site).as_posix()] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return states


def page_inputs_time(book: Book, relative: str) -> int:
    """The newest modification time (ns) of what Sphinx compares a page of the
    site with to decide it is out of date: its source (`chapters/reset.html`
    from `chapters/reset.ipynb`) and the theme's templates, installed with the
    environment (`make` touches INSTALLED_STAMP after installing it); 0 for a
    file that is not a page."""
    if not relative.endswith(".html"):
        return 0
    stem = book.root / relative.removesuffix(".html")
    sources = [stem.with_suffix(suffix) for suffix in PAGE_SOURCE_SUFFIXES]
    return max((path.stat().st_mtime_ns for path in [*sources, INSTALLED_STAMP] if path.is_file()), default=0)


def keep_unchanged_times(book: Book, before: dict[str, tuple[str, int]]) -> list[str]:
    """Give each file of the site whose bytes are what they were `before` the
    build its previous modification time, unless that is older than what Sphinx
    compares the page with (`page_inputs_time`: it would take it for out of date
    on every build); returns the files new or changed, relative to the site."""
    changed = []
    for relative, (content, mtime) in file_states(book.site).items():
        if relative not in before or before[relative][0] != content:
            changed.append(relative)
        elif before[relative][1] != mtime and before[relative][1] >= page_inputs_time(book, relative):
            os.utime(book.site / relative, ns=(before[relative][1], before[relative][1]))
    return sorted(changed)


def without_build_history(page_html: str) -> str:
    """The page without the `?v=<checksum>` Sphinx adds to a stylesheet or script
    whose name already holds its sha256 (myst-nb's): Sphinx adds it only when
    the file was in the site before the page was written, so a clean build's
    pages lack it and a later build's have it."""
    return CONTENT_ADDRESSED_QUERY.sub(r"\1", page_html)


def without_empty_search_terms(site: Path) -> bool:
    """Drop from the site's search index the words no page holds any more (an
    incremental build leaves them, each with an empty list of pages, where a
    clean build has none); returns whether the index changed."""
    path = site / "searchindex.js"
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    index = json.loads(text.removeprefix(SEARCH_INDEX[0]).removesuffix(SEARCH_INDEX[1]))
    kept = dict(index)
    for key in set(SEARCH_WORDS) & set(index):
        kept[key] = {word: pages for word, pages in index[key].items() if pages != []}
    if kept == index:
        return False
    # Written as Sphinx writes it (sphinx.search._JavaScriptIndex).
    path.write_text(SEARCH_INDEX[0] + json.dumps(kept, sort_keys=True) + SEARCH_INDEX[1], encoding="utf-8")
    return True


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(page_html: str) -> str:
    """The policy of one page: scripts from the site and the page's own inline
    scripts and event handlers, each by its hash."""
    # huge_tree: past 10 MB of text libxml2 would hand back an empty script, whose hash the browser would refuse.
    page = lxml.html.document_fromstring(page_html, parser=lxml.html.HTMLParser(huge_tree=True))
    scripts = {_sha256(script.text or "") for script in page.iter("script") if "src" not in script.attrib}
    handlers = {_sha256(value) for tag in page.iter(lxml.etree.Element) for name, value in tag.attrib.items() if name.startswith("on")}
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
    the theme's template fragments in `_static/`), without its build history
    (`without_build_history`); returns how many pages."""
    pages = sorted(page for page in site.rglob("*.html") if not page.relative_to(site).parts[0].startswith("_"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        secured = with_policy(without_build_history(text))
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


def listed(paths: list[str], shown: int = 5) -> str:
    """The first `shown` paths, then how many more."""
    return ", ".join(paths[:shown]) + (f" and {len(paths) - shown} more" if len(paths) > shown else "")


def announce_downloads(counts: dict[str, int], moved: list[str]) -> None:
    print(
        f"wrote {counts['tables']} tables, {counts['layers']} layer files and the data of {counts['figures']} figures:"
        f" {len(moved)} file(s) of _build/extra/ new or changed"
    )


def template_digests(book: Book) -> dict[str, str]:
    """Each of the book's templates, relative to their folder, with the sha256 of its bytes."""
    return {name: digest for name, (digest, _) in sorted(file_states(book.templates).items())}


def changed_templates(book: Book) -> list[str]:
    """The templates added, changed or removed since the site's pages were written
    (every template when no record says which): Sphinx writes every page again
    for a template newer than the pages, never for one removed."""
    if not (book.site / "index.html").exists():
        return []
    recorded = json.loads(book.templates_record.read_text(encoding="utf-8")) if book.templates_record.is_file() else {}
    current = template_digests(book)
    return sorted(name for name in recorded.keys() | current.keys() if recorded.get(name) != current.get(name))


def build_pages(book: Book) -> None:
    """Run Sphinx over `book`: the pages whose sources changed, or every page when
    the site's copy of a static file is stale or a template changed."""
    stale_static = [path for path in stale_copies(book.copied[:1]) if (book.site / "index.html").exists()]
    if stale_static:
        print(f"rebuilding every page: they name the site's stale copies of {listed(stale_static)}")
    templates = changed_templates(book)
    if templates:
        print(f"rebuilding every page: the templates {listed(templates)} changed since they were written")
    subprocess.run(build_command(book, every_page=bool(stale_static or templates)), check=True, cwd=book.root)
    book.templates_record.write_text(json.dumps(template_digests(book), indent=1) + "\n", encoding="utf-8")


def build(book: Book = BOOK, with_downloads: bool = False) -> list[str]:
    """Build the HTML site of `book`, rewriting only what changed, and secure
    its pages; returns the files of the site that are new or changed.

    `with_downloads` writes the downloads too (`analysis.tools.publish`), in a
    second process while Sphinx builds the pages, into a staging folder that
    is moved into `_build/extra` once Sphinx is done (Sphinx copies from it).
    A first build, with no downloads yet, writes them before the pages."""
    before = file_states(book.site)
    if not with_downloads:
        build_pages(book)
    elif book.extra.is_dir():
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            staged = pool.submit(stage_downloads, book)
            build_pages(book)
            counts = staged.result()
        announce_downloads(counts, move_changed(staging_folder(book.extra), book.extra))
    else:
        # Sphinx stops on a missing `html_extra_path` folder: the first build writes the downloads first.
        counts = stage_downloads(book)
        announce_downloads(counts, move_changed(staging_folder(book.extra), book.extra))
        build_pages(book)
    copied = copy_stale_downloads(book)
    if copied:
        print(f"copied the changed download(s) {listed(copied)} into the site")
    removed = remove_withdrawn_copies(book)
    if removed:
        print(f"removed from the site {listed(removed)}, withdrawn from their source folder")
    still_stale = stale_copies(book.copied)
    if still_stale:
        raise SystemExit(f"the site still serves stale copies of {listed(still_stale)} after the build")
    without_empty_search_terms(book.site)
    pages = secure_site(book.site)
    changed = keep_unchanged_times(book, before)
    # Flushed: the HTML book is whole from here on, while the PDF may still be printing.
    written = f"{len(changed)} file(s) of the site new or changed: {listed(changed)}"
    print(f"content security policy written into {pages} pages; {written}", flush=True)
    return changed


def build_with_pdf(with_downloads: bool = False) -> list[str]:
    """`build`, while a second process builds and prints the PDF edition; its
    output follows the site's. The PDF is then copied into the site."""
    from analysis.tools import pdf

    command = [sys.executable, "-m", "analysis.tools.pdf", "--not-into-site"]
    printing = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO_ROOT)
    try:
        changed = build(BOOK, with_downloads)
    finally:
        printed, _ = printing.communicate()
        print(printed, end="", flush=True)
    if printing.returncode:
        raise SystemExit(f"the PDF edition was not printed (exit status {printing.returncode}, above)")
    pdf.offer_in_site()
    return changed


USAGE = "usage: python -m analysis.tools.site [--with-downloads] [--with-pdf] | --lock COMMAND..."


def main(arguments: list[str]) -> int:
    if arguments[:1] == ["--lock"]:
        if len(arguments) < 2:
            print(USAGE, file=sys.stderr)
            return 2
        return run_locked(arguments[1:])
    if set(arguments) - {"--with-downloads", "--with-pdf"}:
        print(USAGE, file=sys.stderr)
        return 2
    with_downloads = "--with-downloads" in arguments
    if "--with-pdf" in arguments:
        build_with_pdf(with_downloads=with_downloads)
    else:
        build(with_downloads=with_downloads)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
