"""The book's charts load Vega from the site itself, at the versions Altair expects."""

import json
import re

import altair as alt
import pytest

from analysis.paths import REPO_ROOT, STATIC_DIR
from analysis.tools import vendor

pytestmark = pytest.mark.build  # needs `make book` (or `make setup` for the vendored assets)


def test_vendored_versions_match_what_altair_expects() -> None:
    versions = vendor.vendored_versions()
    assert versions["vega"].split(".")[0] == alt.VEGA_VERSION.lstrip("v").split(".")[0]
    assert versions["vega-lite"] == alt.VEGALITE_VERSION.lstrip("v")
    assert versions["vega-embed"].split(".")[0] == alt.VEGAEMBED_VERSION.lstrip("v").split(".")[0]


def test_lock_file_pins_the_vendored_versions() -> None:
    lock = json.loads((REPO_ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for library, version in vendor.vendored_versions().items():
        assert lock[f"node_modules/{library}"]["version"] == version


def test_shim_declares_the_versions_altairs_loader_compares() -> None:
    shim = (STATIC_DIR / vendor.SHIM_NAME).read_text(encoding="utf-8")
    declared = json.loads(re.search(r"Object\.assign\(window\.VEGA_DEBUG \|\| \{\}, (\{.*\})\);", shim).group(1))
    with alt.renderers.enable("html"):
        bundle = alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().encode(x="x:Q")._repr_mimebundle_()
    chart_html = (bundle[0] if isinstance(bundle, tuple) else bundle)["text/html"]
    expected = {
        "vega_version": re.search(r'maybeLoadScript\("vega", "([^"]+)"\)', chart_html).group(1),
        "vegalite_version": re.search(r'maybeLoadScript\("vega-lite", "([^"]+)"\)', chart_html).group(1),
        "vegaembed_version": re.search(r'maybeLoadScript\("vega-embed", "([^"]+)"\)', chart_html).group(1),
    }
    assert declared == expected


def test_vendored_builds_are_the_npm_packages_files() -> None:
    for library, build in vendor.LIBRARIES.items():
        packaged = (REPO_ROOT / "node_modules" / library / build).read_bytes()
        assert (STATIC_DIR / build.split("/")[-1]).read_bytes() == packaged
