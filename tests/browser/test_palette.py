"""The book's colours stay apart for readers with colour-vision deficiencies.

Each colour pair a chart can put side by side is simulated for protanopia,
deuteranopia and tritanopia (Machado et al. 2009, full severity) and for typical
vision, and must stay at least MIN_DELTA_E apart in CIEDE2000.

Threshold: CIEDE2000 >= 10. One unit is about a just-noticeable difference for
large, adjacent patches (2.3 in CIE76 terms); chart marks are small, thin and
usually not adjacent, and Szafir (2018, "Modelling colour difference for
visualization design", IEEE TVCG 24(1)) finds such marks need several times the
patch threshold to be told apart reliably. Ten units is "clearly different at a
glance" rather than "different on close inspection", and the Okabe-Ito palette
the book uses clears it for every pair under every simulation (its closest pair,
orange vs reddish purple under tritanopia, is about 10.9).

Pairs checked: every pair in `theme.CATEGORY_RANGE` (a chart with n categories
shows the first n together in one legend), the semantic pairs the chapters
contrast, and every pair in any explicit colour range of a nominal colour scale
that has a legend in the built book's charts (a legend asks the reader to match
swatches to marks by colour alone; a scale with `legend=None` is left out).
"""

from __future__ import annotations

import itertools
import re

import pytest

from analysis.report import theme

from . import _colour, _site

MIN_DELTA_E = 10.0
CONDITIONS = [None, "protanopia", "deuteranopia", "tritanopia"]
SEMANTIC_PAIRS = [
    ("ISRAELI", "PALESTINIAN"),
    ("NETANYAHU", "ABBAS"),
    ("WEST_BANK", "EAST_JERUSALEM"),
    # A place in a chart is never drawn as the maps draw Israel: East Jerusalem's bars were a mid grey 6 from it.
    ("EAST_JERUSALEM", "LAND_ISRAEL"),
    ("WEST_BANK", "LAND_ISRAEL"),
    ("HIGHLIGHT", "ISRAELI"),
    ("HIGHLIGHT", "PALESTINIAN"),
    ("HIGHLIGHT", "NEUTRAL_DARK"),
    ("LAND_ISRAEL", "LAND_PALESTINE"),
    ("LAND_PALESTINE", "LAND_EAST_JERUSALEM"),
    ("SETTLEMENT", "WATER"),
]


def _too_close(pairs: list[tuple[str, str, str]]) -> list[str]:
    """`pairs` are (label, colour, colour); one line per pair that is too close
    under any condition, naming each such condition and its distance."""
    failures = []
    for label, first, second in pairs:
        close = []
        for condition in CONDITIONS:
            distance = _colour.difference(first, second, condition)
            if distance < MIN_DELTA_E:
                close.append(f"{condition or 'typical vision'} {distance:.1f}")
        if close:
            failures.append(f"{label}: {first} vs {second}: CIEDE2000 < {MIN_DELTA_E:g} under " + ", ".join(close))
    return failures


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [  # Sharma, Wu and Dalal (2005), Table 1, pairs 1, 7, 17, 18, 25
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((50.0, 2.5, 0.0), (61.0, -5.0, 29.0), 22.8977),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_ciede2000_matches_published_test_data(lab1, lab2, expected):
    assert _colour.delta_e_2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_simulation_keeps_greys_and_white():
    """Machado matrices preserve the achromatic axis: white stays white, a grey stays that grey."""
    for condition in CONDITIONS[1:]:
        assert _colour.difference("#ffffff", "#ffffff", condition) == pytest.approx(0, abs=1e-3)
        assert _colour.to_lab("#7f7f7f", condition)[0] == pytest.approx(_colour.to_lab("#7f7f7f")[0], abs=0.05)
    # and it does collapse red/green for a deuteranope, as it should
    assert _colour.difference("#ff0000", "#00a000") > 40
    assert _colour.difference("#b35900", "#6b8e00", "deuteranopia") < MIN_DELTA_E


def test_category_range_is_distinguishable():
    names = {value.lower(): name for name, value in vars(theme).items() if name.isupper() and isinstance(value, str)}
    pairs = [
        (f"CATEGORY_RANGE {names.get(a.lower(), a)}/{names.get(b.lower(), b)}", a, b)
        for a, b in itertools.combinations(theme.CATEGORY_RANGE, 2)
    ]
    failures = _too_close(pairs)
    assert not failures, "\n".join(failures)


def test_semantic_pairs_are_distinguishable():
    pairs = [(f"{a} vs {b}", getattr(theme, a), getattr(theme, b)) for a, b in SEMANTIC_PAIRS]
    failures = _too_close(pairs)
    assert not failures, "\n".join(failures)


def _nominal_ranges(node, found):
    """Every explicit colour range of a nominal colour/fill/stroke scale with a
    legend in a spec: the legend asks readers to match swatches to marks."""
    if isinstance(node, dict):
        encoding = node.get("encoding")
        if isinstance(encoding, dict):
            for channel in ("color", "fill", "stroke"):
                definition = encoding.get(channel)
                if not isinstance(definition, dict) or definition.get("type") != "nominal":
                    continue
                if "legend" in definition and definition["legend"] is None:
                    continue  # no legend: colour is not how readers tell these apart (direct labels are)
                scale = definition.get("scale") or {}
                colours = scale.get("range") if isinstance(scale, dict) else None
                if isinstance(colours, list) and all(isinstance(c, str) for c in colours):
                    found.append((f"{channel} of {definition.get('field', '?')}", colours))
        for value in node.values():
            _nominal_ranges(value, found)
    elif isinstance(node, list):
        for value in node:
            _nominal_ranges(value, found)
    return found


def test_chart_colour_scales_are_distinguishable(site):
    """Colours that one nominal scale in a built chart shows together."""
    scales: dict[tuple[str, ...], list[str]] = {}
    for page in _site.discover_pages(site):
        text = (site / page).read_text(encoding="utf-8")
        specs = _site.altair_specs(text)
        outputs = len(set(re.findall(r'<div id="(altair-viz-[0-9a-f]+)"', text)))
        assert len(specs) >= outputs, f"{page}: read {len(specs)} chart spec(s) but the page has {outputs} Altair output(s)"
        for number, spec in enumerate(specs, start=1):
            for where, colours in _nominal_ranges(spec, []):
                label = f"{page} chart {number} ({spec.get('description', '')[:40]!r}) {where}"
                if label not in scales.setdefault(tuple(colours), []):
                    scales[tuple(colours)].append(label)
    failures = []
    for colours, places in scales.items():
        shown = places[0] + (f" (and {len(places) - 1} more)" if len(places) > 1 else "")
        try:
            failures += _too_close([(shown, a, b) for a, b in itertools.combinations(dict.fromkeys(colours), 2)])
        except ValueError as exc:
            failures.append(f"{shown}: {exc} (use the hex colours in analysis.report.theme)")
    assert not failures, f"{len(failures)} colour pair(s) too close:\n" + "\n".join(failures)
