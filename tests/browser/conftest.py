"""Fixtures for the browser tests: the built site on a local HTTP server, one
headless Chromium for the session, and one cached visit per page.

Every test here is marked `build` (tests/conftest.py: they load the built book).
The page-parametrised tests are collected from the book's sources
(`_site.book_pages`), so they can be collected while `make test` renders the
book. When the site is not built they still run and fail telling the reader to
run `make book`: nothing here is ever skipped.
"""

from __future__ import annotations

import pytest

from . import _site


def pytest_generate_tests(metafunc):
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", _site.book_pages(), ids=lambda p: _site.page_stem(p))


def require_site() -> None:
    if not _site.site_is_built():
        pytest.fail(_site.NOT_BUILT.format(index=_site.SITE_DIR / "index.html"), pytrace=False)


@pytest.fixture(scope="session")
def site():
    require_site()
    return _site.SITE_DIR


@pytest.fixture(scope="session")
def server(site):
    with _site.SiteServer(site) as running:
        yield running


@pytest.fixture(scope="session")
def playwright():
    """Playwright, once per process: a second one cannot start while it runs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = _site.launch_chromium(playwright)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    context = browser.new_context(viewport=_site.VIEWPORT, service_workers="block", reduced_motion="reduce", color_scheme="light")
    context.add_init_script(_site.INIT_SCRIPT)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def fitted_pages(browser, server):
    """Each page loaded once per window size for the session, its figures drawn and fitted."""
    pages = _site.FittedPages(browser, server)
    try:
        yield pages
    finally:
        pages.close()


@pytest.fixture(scope="session")
def _visits():
    return {}


@pytest.fixture
def visit(page_path, server, browser_context, _visits) -> _site.Visit:
    """The page loaded once for the whole session (each test asserts on one part)."""
    require_site()
    if page_path not in _visits:
        _visits[page_path] = _site.visit_page(browser_context, server, page_path)
    result = _visits[page_path]
    if result.error:
        pytest.fail(f"{page_path}: the browser could not finish checking the page: {result.error}", pytrace=False)
    return result
