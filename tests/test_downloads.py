"""Every data table and derived layer is downloadable from the built book, byte for byte."""

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from analysis.paths import REPO_ROOT

BUILT_PAGE = REPO_ROOT / "_build" / "html" / "chapters" / "downloads.html"
OFFERED = sorted(
    [
        *(REPO_ROOT / "data").glob("*.csv"),
        REPO_ROOT / "data" / "manifest.toml",
        *(REPO_ROOT / "geo").glob("*.geojson"),
        REPO_ROOT / "geo" / "layers.json",
    ]
)

pytestmark = pytest.mark.build  # needs `make book` (or `make setup` for the vendored assets)


@pytest.fixture(scope="module")
def links() -> dict[str, Path]:
    assert BUILT_PAGE.is_file(), "the book is not built: run `make book` first"
    hrefs = re.findall(r'href="(\.\./_downloads/[^"]+)"', BUILT_PAGE.read_text(encoding="utf-8"))
    return {Path(unquote(href)).name: (BUILT_PAGE.parent / unquote(href)).resolve() for href in hrefs}


@pytest.mark.parametrize("source", OFFERED, ids=lambda path: path.name)
def test_file_is_offered_and_the_link_returns_it(source: Path, links: dict[str, Path]) -> None:
    assert source.name in links, f"{source.name} has no download link on the Downloads page"
    assert links[source.name].read_bytes() == source.read_bytes()
