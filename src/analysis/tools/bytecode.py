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
here once. Two processes compile side by side, each its half (they share few
modules). A module missing here costs only that: it is compiled by the first
process that imports it, as before.
"""

from __future__ import annotations

import importlib
import multiprocessing
import time

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
        "playwright.sync_api",
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


def import_all(modules: list[str]) -> int:
    for module in modules:
        importlib.import_module(module)
    return len(modules)


def main() -> None:
    started = time.perf_counter()
    # Forked from this process, which has imported nothing of them.
    with multiprocessing.get_context("fork").Pool(len(IMPORTED_AT_START)) as pool:
        imported = sum(pool.map(import_all, IMPORTED_AT_START.values()))
    print(f"compiled what {imported} modules import, in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
