"""Validate everything the book reads: `python -m analysis.data check`.

Every table of `data/` (each validated afresh: the check trusts no recorded
pass), the manifest, the account (the seed), every committed layer of `geo/`
(as its catalogue gives it), the derived measures of `geo/derived.json` (each
value its stored digest's; `make test` computes them afresh), every external
dataset's checksum, and the references the build needs across them (every
figure a claim links to, every period bound an event gives, every East
Jerusalem site the map must place). One line per input; each distinct problem
is printed once, however many inputs it stops. Every input is checked whatever
another's failure: an error no rule foresaw is still reported, naming its
input, never as a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from analysis.data import datasets, derived, layers, schemas, seed, tables
from analysis.errors import DataError

UNFORESEEN = "an error no rule of the check foresaw (report it: the input above is what triggered it)"


def check() -> bool:
    """Print one line per input, then every distinct problem once; return True when all pass."""
    lines: list[str] = []
    problems: dict[str, int] = {}

    def attempt(kind: str, name: str, step: Callable[[], str]) -> None:
        label = f"{kind:<8}{name:<34}"
        try:
            lines.append(f"{label} {step()}  ok")
            return
        except (DataError, OSError) as error:
            message = str(error)
        except Exception as error:  # the check goes on to every other input, whatever broke this one
            message = f"{name}: {type(error).__name__}: {error}: {UNFORESEEN}"
        number = problems.setdefault(message, len(problems) + 1)
        lines.append(f"{label}  FAILED (problem {number})")

    attempt("seed", "the account", lambda: f"{len(seed.seed_text().split()):>8} words")
    with tables.without_records():
        for name, table in schemas.TABLES.items():
            attempt("table", table.file, lambda name=name: f"{len(tables.load(name)):>8} rows")
    for name in layers.COMMITTED_LAYERS:
        attempt("layer", f"{name}.geojson", lambda name=name: f"{len(layers.read_catalogued_layer(name)):>8} features")
    attempt("derived", "geo/derived.json", lambda: f"{derived.verify():>8} measures as stored")
    declared: dict[str, datasets.Dataset] = {}

    def read_manifest() -> str:
        declared.update(datasets.manifest())
        return f"{len(declared):>8} datasets"

    attempt("dataset", "manifest.toml", read_manifest)
    for name in declared:
        attempt("dataset", name, lambda name=name: f"{datasets.fetch(name, datasets=declared).stat().st_size:>8} bytes  sha256")
    attempt("links", "evidence_methods.csv", lambda: f"{tables.figure_links_resolve():>8} figure links resolve")
    attempt("dates", "phases.csv, periods.csv", lambda: f"{tables.period_events_agree():>8} bounds fall on their events")
    attempt("sites", "settlement_announcements.csv", lambda: f"{tables.sites_itemised_agree():>8} announcements itemised in full")
    attempt("release", "prisoner_releases.csv, events.csv", lambda: f"{tables.releases_have_events():>8} tranches freed, each on its event")
    attempt("places", "settlement_sites.csv", lambda: f"{layers.east_jerusalem_sites_placed():>8} East Jerusalem sites placed")
    attempt("places", "map_places.csv", lambda: f"{layers.map_places_located():>8} places the maps name, each placed")
    print("\n".join(lines))
    for message, number in problems.items():
        print(f"\nproblem {number}:\n{message}")
    return not problems


def main(arguments: list[str]) -> int:
    if arguments != ["check"]:
        print("usage: python -m analysis.data check", file=sys.stderr)
        return 2
    return 0 if check() else 1
