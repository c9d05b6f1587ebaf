"""Compile, once after an install, the bytecode of what the book and its tests
import: every module of this package and the tools that run it.

Every later process reads the `.pyc` files. Without this, the first processes
of a run each compiled the same modules at the same moment: the checks side by
side, then two test workers, the build and the first kernels. In a fresh clone
that cost the first test session 8 s of its wall time.

Run by `make setup` after the lock is installed, beside `npm ci`.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import analysis

# The entry points of the tools a run imports: the tests and their plugins, the
# build, the kernels, the browser driver, the notebook pairs, the data package.
TOOLS = (
    "pytest",
    "xdist",
    "nbval.plugin",
    "jupyter_book.sphinx",
    "myst_nb",
    "sphinx_book_theme",
    "ipykernel.kernelapp",
    "nbclient",
    "playwright.sync_api",
    "jupytext",
    "bs4",
    "frictionless",
)
IMPORT_EACH = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)"


def package_modules() -> list[str]:
    """Every module of the `analysis` package but its command lines (`__main__`), which run when imported."""
    modules = pkgutil.walk_packages(analysis.__path__, f"{analysis.__name__}.")
    return [module.name for module in modules if not module.name.endswith(".__main__")]


def main() -> int:
    """Import the package's modules and the tools in two processes side by side; 1 if either failed."""
    groups = [package_modules(), list(TOOLS)]
    running = [subprocess.Popen([sys.executable, "-c", IMPORT_EACH, *group]) for group in groups]
    codes = [process.wait() for process in running]
    return 1 if any(codes) else 0


if __name__ == "__main__":
    sys.exit(main())
