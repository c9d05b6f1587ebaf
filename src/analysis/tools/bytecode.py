"""Compile, once, the bytecode of what the book's processes import:
`python -m analysis.tools.bytecode` (run by `make test` once after each install
of the lock, beside the lint and the checks).

uv installs the lock without compiling it (compiling all of its 7,600 modules
took 21 CPU-seconds, for thousands no command imports), so the first process
to import a module compiles it and writes its bytecode. On a fresh clone
`make test` starts a dozen processes at once (two pytest workers, nbval's and
the chapters' kernels, the HTML build, the PDF print), and each compiled the
same pandas, Altair, Sphinx and pytest before any had written them: some 12
CPU-seconds of the tests' run on a fresh clone, against 5 for importing them
here once. What both halves below import is compiled first, then the two
halves side by side. A module missing here costs only that: it is compiled by
the first process that imports it, as before. A module named here that no
longer imports stops `make test`, naming it: the list is out of date.
"""

from __future__ import annotations

import importlib
import multiprocessing
import time

# What both halves import (none of it starts a thread, so the halves are forked after it).
SHARED = ["playwright.sync_api", "nbclient", "nbformat", "jupyter_client"]
# What the processes `make test` starts import at their start, in two halves:
# a chapter's kernel and the book's tools (the data tier); Sphinx, the browser
# and the test processes.
IMPORTED_AT_START = {
    "a chapter's kernel and the book's tools": [
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
        "analysis.tools.site",
        "analysis.tools.pdf",
        "analysis.tools.publish",
        "analysis.tools.notebooks",
        "analysis.tools.review",
    ],
    "Sphinx, the browser and the tests": [
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
        "pytest",
        "xdist.plugin",
        "xdist.remote",
        "nbval.plugin",
        "bs4",
        "extruct",
        "jupytext",
    ],
}


def import_all(modules: list[str]) -> list[str]:
    """Import `modules`; return each that no longer imports, with its error. (Returned, not raised: a worker of
    the pool that exits leaves the pool waiting for it for ever.)"""
    missing = []
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as error:
            missing.append(f"{module} ({error})")
    return missing


def main() -> None:
    started = time.perf_counter()
    missing = import_all(SHARED)
    with multiprocessing.get_context("fork").Pool(len(IMPORTED_AT_START)) as pool:
        missing += [module for half in pool.map(import_all, IMPORTED_AT_START.values()) for module in half]
    if missing:
        raise SystemExit(f"analysis.tools.bytecode: {'; '.join(missing)} no longer import: update IMPORTED_AT_START")
    imported = len(SHARED) + sum(map(len, IMPORTED_AT_START.values()))
    print(f"compiled what {imported} modules import, in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
