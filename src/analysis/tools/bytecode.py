"""Compile, once, the bytecode of what the book's processes import:
`python -m analysis.tools.bytecode` (run by `make setup` when it installs the
lock, beside `npm ci`).

uv installs the lock without compiling it (compiling all of its 7,600 modules
took 21 CPU-seconds, for thousands no command imports), so the first process
to import a module compiles it and writes its bytecode. On a fresh clone
`make test` starts a dozen processes at once (two pytest workers, nbval's and
the chapters' kernels, the HTML build, the PDF print), and each compiled the
same pandas, Altair, Sphinx and pytest before any had written them: some 12
CPU-seconds of the tests' run on a fresh clone, against 5 for importing them
here once, while `npm ci` leaves a core idle. A module missing here costs
only that: it is compiled by the first process that imports it, as before.
"""

from __future__ import annotations

import importlib
import time

# What each kind of process imports at its start: a chapter's kernel, the HTML
# build and the PDF print, and the test processes.
IMPORTED_AT_START = {
    "a chapter's kernel": [
        "ipykernel.kernelapp",
        "ipykernel.ipkernel",
        "analysis.pages.intro",
        "analysis.pages.reset",
        "analysis.pages.resumption",
        "analysis.pages.framework",
        "analysis.pages.collapse",
        "analysis.pages.claims_ledger",
        "analysis.pages.data_methods",
        "analysis.pages.limitations",
        "analysis.pages.downloads",
    ],
    "the build and the print": [
        "analysis.tools.site",
        "analysis.tools.pdf",
        "analysis.tools.publish",
        "analysis.tools.notebooks",
        "analysis.tools.review",
        "jupyter_book.cli.main",
        "sphinx.application",
        "sphinx.builders.html",
        "sphinx.builders.singlehtml",
        "myst_nb.sphinx_ext",
        "myst_parser.sphinx_ext.main",
        "sphinx_book_theme",
        "pydata_sphinx_theme",
        "sphinx_design",
        "sphinx_external_toc",
        "jupyter_cache",
        "playwright.sync_api",
    ],
    "the tests": [
        "pytest",
        "xdist.plugin",
        "xdist.remote",
        "nbval.plugin",
        "nbclient",
        "bs4",
        "extruct",
        "typeguard",
        "jupytext",
    ],
}


def main() -> None:
    started = time.perf_counter()
    modules = [module for imported in IMPORTED_AT_START.values() for module in imported]
    for module in modules:
        importlib.import_module(module)
    print(f"compiled what {len(modules)} modules import, in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
