"""What every page loads, each through the data tier: tables, periods, records,
the ground and the claims ledger."""

from __future__ import annotations

import functools
import hashlib
import inspect
from collections.abc import Callable

import pandas as pd

from analysis.data import derived, layers, periods, records, tables
from analysis.evidence import claims, meetings
from analysis.geography import measures
from analysis.geography.ground import Ground

table = tables.load
window = periods.window
phases = periods.phases


@functools.cache
def ground() -> Ground:
    """Every map layer, validated, in one object."""
    return Ground(
        west_bank=layers.load_layer("west_bank"),
        gaza=layers.load_layer("gaza"),
        green_line=layers.load_layer("green_line"),
        israel=layers.load_layer("israel"),
        neighbours=layers.load_layer("neighbours"),
        water=layers.load_layer("water"),
        east_jerusalem=layers.load_layer("east_jerusalem"),
        municipality=layers.load_layer("jerusalem_municipality_2015"),
        neighbourhoods=layers.load_layer("jerusalem_neighborhoods"),
        coto_boundaries=layers.coto_boundaries(),
        coto_settlement_points=layers.load_layer("coto_settlement_points"),
        settlements=layers.judea_samaria_localities(),
        localities=layers.cbs_localities(),
    )


def casualty_records() -> pd.DataFrame:
    """B'Tselem's fatality records, verified and strictly read."""
    return records.read_records()


def kerry_stops() -> pd.DataFrame:
    return records.kerry_stops()


def evidence_base() -> claims.EvidenceBase:
    return claims.EvidenceBase(
        claims=table("claims"),
        methods=table("evidence_methods"),
        periods=periods.periods(),
        releases=table("prisoner_releases"),
        announcements=table("settlement_announcements"),
        knesset=table("knesset_2013"),
        meetings=table("meetings"),
        records=casualty_records(),
        kerry_stops=kerry_stops(),
        obama_stops=records.obama_stops(),
        facts=table("reference_facts"),
        events=table("events"),
    )


def ledger() -> pd.DataFrame:
    """Every claim with its evidence value and verdict."""
    return claims.ledger(evidence_base())


def meeting_definitions() -> tuple[meetings.Definition, ...]:
    """The six meeting definitions, over periods from periods.csv."""
    return meetings.definitions(window("account"), window("talks"))


def band_sensitivity(ground: Ground) -> dict[str, list[float]]:
    return measures.jordan_valley_band_sensitivity(ground).to_dict("list")


def band_width_for_btselem(ground: Ground) -> float:
    return measures.jordan_valley_band_width_for_area(ground)


# The measures slow enough to keep in geo/derived.json (about nine seconds together).
DERIVED: dict[str, Callable[[Ground], object]] = {
    "jordan_valley_band_sensitivity": band_sensitivity,
    "jordan_valley_band_width_for_btselem": band_width_for_btselem,
}


def derived_key(name: str) -> str:
    """Digest of what measure `name` is computed from: every map input and the geography code."""
    code = inspect.getsource(measures) + inspect.getsource(DERIVED[name])
    return hashlib.sha256(f"{name}\0{layers.inputs_digest()}\0{code}".encode()).hexdigest()


def derived_measure(name: str) -> object:
    """Measure `name`: the stored value when its inputs are unchanged, else computed now."""
    value = derived.lookup(name, derived_key(name))
    return DERIVED[name](ground()) if value is None else value
