"""The schemas of the project's own tables: every column's rules and the rules across columns and tables.

`TABLES` names each table of `data/` with its columns (`Column`) and its row
rules (`RowRule`); `analysis.data.tables` reads and validates a file against
them. A rule that reads another table loads it through that validating loader.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.data import seed
from analysis.data.publishers import spelt_otherwise
from analysis.data.stated_numbers import MONTHS, reading, stated_at, stated_in
from analysis.data.text_rules import COMPARED, comparable
from analysis.paths import REPO_ROOT

CHAPTERS_DIR = REPO_ROOT / "chapters"
MAX_TABLE_BYTES = 1_000_000  # every table is offered on the Downloads page; none needs more
KNESSET_SEATS = 120
# Peace Now's totals the book reads by name (its evidence and its limitations page).
PEACENOW_METRICS_READ = ("units_promoted_total", "tenders_total", "tenders_west_bank", "plans_total")
# Peace Now's totals and the parts it gives them: a total is its parts added up.
PEACENOW_PARTS = {
    "units_promoted_total": ("tenders_total", "plans_total"),
    "tenders_total": ("tenders_west_bank", "tenders_east_jerusalem"),
    "plans_total": ("plans_west_bank", "plans_east_jerusalem"),
    "plans_west_bank": ("plans_isolated_settlements", "plans_near_green_line"),
}
# Python's csv default, enforced here whatever another library sets it to.
MAX_FIELD_CHARACTERS = 131_072
FIELD_RULE = f"a field is at most {MAX_FIELD_CHARACTERS:,} characters"
UNITS_BOUND = {"maximum": 50_000, "why": "twice the largest announcement of the period, the withdrawn planning tenders"}
PRISONERS_BOUND = {"maximum": 1_100, "why": "more than any single release on record (the 2011 exchange freed 1,027)"}
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SOURCE_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|n\.d\.")  # n.d.: the page shows no date
PHASES = ("reset", "resumption", "framework", "collapse", "aftermath")
# The periods of periods.csv that bound the dates of the tables that have no
# narrower one: the book's era (the phases, the releases, Peace Now's totals)
# and every date the book cites at all (births, the 1967 war, Pollard's parole).
ERA = "evidence_tables"
HISTORY = "history"
PERIOD_KINDS = ("historical", "book window")
# Who acts in an event: one of the book's parties (the mediator, then the two
# sides, the order of every table of positions) or anyone else (the UN, the EU,
# Egypt, the press, monitors, victims). report.theme.SIDE_COLOURS colours them
# in this order (a test keeps the two equal).
SIDES = ("United States", "Israel", "Palestinians", "other")
AUDIT_STATUSES = ("confirmed", "contradicted", "unconfirmed", "added")  # added: documented by reports, missing before the audit
SOURCE_LIST = re.compile(r"[a-z0-9_]+(;[a-z0-9_]+)*")
CLAIM_TOPICS = ("meetings", "settlements", "prisoners", "casualties", "politics", "people", "diplomacy", "negotiations", "timing")
ALTERNATIVE_KINDS = ("another definition", "weaker evidence")
# How a claim is worded (analysis.evidence.claims.claim_band gives the range each implies).
COMPARISONS = ("=", "rounded", "ordinal", ">", ">=", "<", "about", "nearly")
# The ledger's verdicts (analysis.evidence.claims.VERDICTS: a test keeps the two equal), as a correction gives them.
VERDICT_LABELS = ("consistent", "consistent under one definition", "inconsistent", "not checkable")
# The functions of analysis.evidence.claims (a test keeps the two lists equal).
EVIDENCE_FUNCTIONS = (
    "prisoners_agreed",
    "prisoners_per_tranche",
    "prisoners_released",
    "convicted_of_killing_at_most",
    "tranche_scheduled_day",
    "new_tender_units_west_bank",
    "announcement_units_east_jerusalem",
    "region_journeys",
    "meeting_ratio",
    "party_seats",
    "parties_restoring_majority",
    "seats_short_without",
    "killed_in_gaza_by_israeli_forces",
    "killed_at_place",
    "calendar_years",
    "years",
    "calendar_months",
    "months",
    "obama_days_in_israel",
    "travel_stop_days",
    "reference_value",
    "reference_value_at_least",
    "reported_count_per_week",
    "days_since_anniversary",
    "whole_years_between",
    "year_ordinal_between",
    "event_day",
    "event_month",
    "days_between_events",
    "killed",
)


# The functions that count within an evidence method's period, and those that take its parameter (the others
# ignore it, so a period or a parameter given them would be read by nothing).
COUNTED_WITHIN_A_PERIOD = (
    "calendar_months",
    "calendar_years",
    "killed",
    "killed_at_place",
    "killed_in_gaza_by_israeli_forces",
    "months",
    "new_tender_units_west_bank",
    "obama_days_in_israel",
    "region_journeys",
    "reported_count_per_week",
    "years",
)
TAKING_A_PARAMETER = (
    "announcement_units_east_jerusalem",
    "convicted_of_killing_at_most",
    "days_between_events",
    "event_day",
    "event_month",
    "killed",
    "killed_at_place",
    "meeting_ratio",
    "parties_restoring_majority",
    "party_seats",
    "reference_value",
    "reference_value_at_least",
    "reported_count_per_week",
    "seats_short_without",
    "tranche_scheduled_day",
    "travel_stop_days",
    "days_since_anniversary",
    "whole_years_between",
    "year_ordinal_between",
)


def is_source_column(name: str) -> bool:
    """A column that names rows of sources.csv (`source_id`, `seats_source_id`, `audit_source_ids`...)."""
    return name.endswith(("source_id", "source_ids"))


@dataclass(frozen=True)
class Column:
    """One column's rules. `kind` is text, choice, date, count, number or source.
    A date column with a `period` must fall inside that period of periods.csv; a
    count or number with a `maximum` must not exceed it, and a text with a
    `max_length` must not run longer, each for the stated `why` where one is given."""

    kind: str = "text"
    required: bool = True
    choices: tuple[str, ...] = ()
    unique: bool = False
    pattern: re.Pattern[str] | None = None
    max_length: int | None = None
    period: str | None = None
    seed_quote: bool = False
    maximum: float | None = None
    why: str = ""

    def __post_init__(self) -> None:
        if self.kind == "date" and not self.period:
            raise ValueError("a date column names the period of periods.csv its dates must fall in (Column(period=...))")


@dataclass(frozen=True)
class RowRule:
    """A rule across columns (or tables): `check(frame, directory)` returns True
    for the rows that pass; `directory` holds the file's sibling tables.
    `why(frame, directory)`, where given, says for each row what breaks the
    rule there (the other row it clashes with), and the refusal names it."""

    column: str
    rule: str
    check: Callable[[pd.DataFrame, Path], pd.Series]
    why: Callable[[pd.DataFrame, Path], pd.Series] | None = None


@dataclass(frozen=True)
class Table:
    name: str
    columns: dict[str, Column]
    description: str
    row_rules: tuple[RowRule, ...] = field(default_factory=tuple)
    reads: tuple[str, ...] = ()  # other tables its row rules read
    datasets: tuple[str, ...] = ()  # external datasets (the manifest's) its row rules read
    repository_files: tuple[str, ...] = ()  # files of the repository, outside data/, its row rules read

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


def _by_the_edition(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """Corrections dated on or before the current edition's release (the edition module reads CITATION.cff, hence the late import)."""
    from analysis.data.edition import released

    dated = pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce")  # a date the calendar lacks is the column's problem
    return dated.isna() | (dated <= pd.Timestamp(released()))


EARLIEST_SOURCE_YEAR = 1900  # the oldest source the book cites is a record of 1949; no source predates the century


def _dated_before_the_edition(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A source's date (a year, a month or a day) no later than the current edition's release and no earlier than
    EARLIEST_SOURCE_YEAR: "9999-12-31" is a typing slip, not a source."""
    from analysis.data.edition import released

    release = released()
    limit = {4: f"{release:%Y}", 7: f"{release:%Y-%m}", 10: f"{release:%Y-%m-%d}"}

    def plausible(value: str) -> bool:
        if value == "n.d." or len(value) not in limit:
            return True
        return str(EARLIEST_SOURCE_YEAR) <= value[:4] and value <= limit[len(value)]

    return frame["date"].map(plausible)


def _subject_exists(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A correction's claim, event or meeting names a row of its table, and a table one of data/'s."""
    keys = {
        "K": set(_load("claims", directory)["claim_id"]),
        "E": set(_load("events", directory)["event_id"]),
        "M": set(_load("meetings", directory)["meeting_id"]),
    }

    def exists(subject: str) -> bool:
        if subject.endswith(".csv"):
            return subject.removesuffix(".csv") in TABLES
        if RECORD_SUBJECT.fullmatch(subject):
            return subject in keys[subject[0]]
        return True  # a chapter: _chapter_in_book's rule

    return frame["subject"].map(exists)


# Campaign and click identifiers: utm_…, and those Facebook, Google, Microsoft, Mailchimp and Instagram append.
TRACKING_PARAMETER = re.compile(r"[?&](?:utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid)=")


def _untracked(frame: pd.DataFrame, directory: Path) -> pd.Series:
    return ~frame["url"].str.contains(TRACKING_PARAMETER)


def _dated_in_turn(frame: pd.DataFrame, directory: Path) -> pd.Series:
    dates = pd.to_datetime(frame["date"], errors="coerce")
    return ~(dates < dates.shift(1))


def _host_alone(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """An address whose part before the path names a host and nothing else: "https://outlet.com@elsewhere.example/"
    opens elsewhere.example under a label that reads as the outlet."""

    def plain(url: str) -> bool:
        try:
            parts = urllib.parse.urlsplit(url)
            return bool(parts.hostname) and "@" not in parts.netloc
        except ValueError:  # "https://[x/": no host an address can name
            return False

    return frame["url"].map(plain)


def _one_account(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """One row, and one only, is the account (kind seed): with none the ledger listed the account as evidence for
    its own claims, and a second row of that kind lost its link. With none, said once, on the first row."""
    accounts = frame["kind"] == "seed"
    if not accounts.any():
        return pd.Series(frame.index != frame.index[0], index=frame.index)
    return ~accounts | (accounts.sum() == 1)


def _one_spelling_per_outlet(frame: pd.DataFrame, directory: Path) -> pd.Series:
    return _outlet_spelt_otherwise(frame, directory).isna()


def _outlet_spelt_otherwise(frame: pd.DataFrame, directory: Path) -> pd.Series:
    return pd.Series(
        [None if other is None else f"another row spells it {other!r}" for other in spelt_otherwise(frame["publisher"].tolist())],
        index=frame.index,
        dtype=object,
    )


# A correction's subject: a claim, event or meeting id, a table, or a chapter's page (a number of its own).
CLAIM_ID = re.compile(r"K\d{2}|K[1-9]\d{2}")  # K01 to K999, never zero-padded (K001 would be K01 again)
RECORD_SUBJECT = re.compile(rf"{CLAIM_ID.pattern}|E\d{{3}}|M\d{{3}}|[a-z_]+\.csv")
CHAPTER_SUBJECT = re.compile(r"[a-z_]+")


def _chapter_in_book(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A correction to a chapter names one of the book's numbered chapters by its page (`_toc.yml`, read by the
    edition module): by page, not number, so that reordering the chapters cannot move it to another."""
    from analysis.data.edition import numbered_chapters

    chapters = set(numbered_chapters())
    return frame["subject"].map(lambda subject: bool(RECORD_SUBJECT.fullmatch(subject)) or subject in chapters)


# The region every map layer and every place of a table must fall inside (west, south, east, north, degrees,
# WGS84): one outside it, for example with longitude and latitude swapped, is refused.
MAPPED_REGION = (33.8, 29.0, 36.9, 33.6)
COORDINATE_RANGES = {"lon": MAPPED_REGION[0::2], "lat": MAPPED_REGION[1::2]}
# The maps that name places of map_places.csv, the kind of place each names, and what places it: a dataset of
# the manifest (by the name it gives the place) or coordinates typed in the table with their source.
KIND_NAMED_BY_MAP = {"fig_reset_1967_map": "city", "fig_collapse_east_jerusalem": "neighbourhood"}
MAPS_NAMING_PLACES = tuple(KIND_NAMED_BY_MAP)
PLACE_KINDS = tuple(dict.fromkeys(KIND_NAMED_BY_MAP.values()))
# A typed point's source states the point in its title ("31.95522 N 35.94503 E"), so the gate can hold the two equal.
STATED_POINT = re.compile(r"(\d+(?:\.\d+)?) N (\d+(?:\.\d+)?) E")
PLACE_DATASETS = ("cbs_localities_2021", "coto_boundaries", "jerusalem_neighborhoods")
TYPED_COORDINATES = "coordinates"


def _typed_point_as_its_source_states(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """Typed coordinates are those their source's title states (STATED_POINT): a source that states none, or
    another point, is refused; a row placed by a dataset passes."""
    titles = _load("sources", directory).set_index("source_id")["title"]
    stated = frame["source_id"].map(titles).fillna("").str.extract(STATED_POINT).apply(pd.to_numeric)
    agrees = (stated[0] == pd.to_numeric(frame["lat"], errors="coerce")) & (stated[1] == pd.to_numeric(frame["lon"], errors="coerce"))
    return ~present(frame["source_id"]) | agrees.fillna(False).astype(bool)


def _in_mapped_region(column: str) -> Callable[[pd.DataFrame, Path], pd.Series]:
    low, high = COORDINATE_RANGES[column]

    def check(frame: pd.DataFrame, directory: Path) -> pd.Series:
        values = pd.to_numeric(frame[column], errors="coerce")
        return values.isna() | values.between(low, high)  # a value that is no number is the column's problem

    return check


def _coordinates_in_mapped_region() -> tuple[RowRule, ...]:
    """A table's `lon` and `lat` each within the region the book's maps draw."""
    return tuple(
        RowRule(
            column,
            f"within the region the book's maps draw ({low:g} to {high:g} degrees {'east' if column == 'lon' else 'north'}):"
            " not swapped with the other coordinate, not mistyped",
            _in_mapped_region(column),
        )
        for column, (low, high) in COORDINATE_RANGES.items()
    )


def _beside_its_announcement(frame: pd.DataFrame, directory: Path) -> pd.DataFrame:
    """For each site row, its announcement's figures for the row's region: the sites' units there added up
    (`summed`), the units the announcement gives the region (`given`) and the other (`elsewhere`), its other
    total (`alternative`) and how far it itemises its sites; all empty for an announcement the table lacks
    (another rule's problem)."""
    rows = _load("settlement_announcements", directory).set_index("announcement_id").reindex(frame["announcement_id"])
    rows.index = frame.index

    def numbers(values: pd.Series) -> pd.Series:
        return pd.to_numeric(values, errors="coerce").astype(float)

    west, east = numbers(rows["units_west_bank"]), numbers(rows["units_east_jerusalem"])
    in_west = frame["region"] == "west_bank"
    return pd.DataFrame(
        {
            "summed": numbers(frame["units"]).groupby([frame["announcement_id"], frame["region"]]).transform("sum"),
            "given": west.where(in_west, east),
            "elsewhere": east.where(in_west, west),
            "alternative": numbers(rows["units_total_alternative"]),
            "itemised": rows["sites_itemised"].astype(object).fillna(""),
        }
    )


def _sites_within_announcement(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """An announcement's sites in a region hold no more units than it gives that region. Where the sources
    disagree the announcement records their other total (S10: AFP's itemised 186 against 184); it bounds one
    region's sites only when the announcement gives the other region none."""
    beside = _beside_its_announcement(frame, directory)
    by_the_other_total = beside["alternative"].notna() & (beside["elsewhere"] == 0)
    ceiling = beside["given"].where(~by_the_other_total, np.fmax(beside["given"], beside["alternative"]))
    # An unknown announcement or a unit count that is no number is another rule's problem.
    return beside["summed"].isna() | beside["given"].isna() | (beside["summed"] <= ceiling)


def _sites_as_itemised(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """An announcement with every site itemised has sites that, region by region, make the units it gives that
    region; one with none itemised has no site rows."""
    beside = _beside_its_announcement(frame, directory)
    adds_up = beside["given"].isna() | beside["summed"].isna() | (beside["summed"] == beside["given"])
    return (beside["itemised"] != "none") & ((beside["itemised"] != "all") | adds_up)


def _unit_of_its_methods(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A checked claim's unit is that of its evidence method and of its alternative method (a method no row names is
    the references' problem)."""
    units = dict(zip(*(_load("evidence_methods", directory)[column] for column in ("method", "unit")), strict=True))

    def agrees(row: pd.Series) -> bool:
        methods = [row["evidence_method"], row["alternative_method"]]
        return all(units.get(method, row["unit"]) == row["unit"] for method in methods if method and method != "none")

    return frame.apply(agrees, axis=1)


def _load(name: str, directory: Path) -> pd.DataFrame:
    """Another table, through the validating loader (which reads these schemas, hence the late import)."""
    from analysis.data.tables import load

    return load(name, directory)


def present(values: pd.Series) -> pd.Series:
    return values != ""


def _not_after(earlier: str, later: str) -> Callable[[pd.DataFrame, Path], pd.Series]:
    def check(frame: pd.DataFrame, directory: Path) -> pd.Series:
        both = present(frame[earlier]) & present(frame[later])
        return ~both | (frame[earlier] <= frame[later])

    return check


def _required_when(column: str, condition: Callable[[pd.DataFrame], pd.Series]) -> Callable[[pd.DataFrame, Path], pd.Series]:
    return lambda frame, directory: ~condition(frame) | present(frame[column])


def _empty_when(column: str, condition: Callable[[pd.DataFrame], pd.Series]) -> Callable[[pd.DataFrame, Path], pd.Series]:
    return lambda frame, directory: ~condition(frame) | ~present(frame[column])


def _references(column: str, table: str, key: str, *, also: tuple[str, ...] = ()) -> Callable[[pd.DataFrame, Path], pd.Series]:
    """Rows whose `column` is empty, one of `also`, or a `key` of `table` beside this file."""

    def check(frame: pd.DataFrame, directory: Path) -> pd.Series:
        keys = set(_load(table, directory)[key]) | set(also)
        return ~present(frame[column]) | frame[column].isin(keys)

    return check


def _period_names(directory: Path) -> set[str]:
    return set(_load("phases", directory)["phase"]) | set(_load("periods", directory)["period"])


def _names_a_period(column: str) -> Callable[[pd.DataFrame, Path], pd.Series]:
    return lambda frame, directory: ~present(frame[column]) | frame[column].isin(_period_names(directory))


RATE_FUNCTION = "reported_count_per_week"


def _rate_rule(fits: Callable[[pd.Series, pd.Series, pd.Series], bool]) -> Callable[[pd.DataFrame, Path], pd.Series]:
    """Rows of a rate (RATE_FUNCTION) whose reference fact (parameter) and period of periods.csv `fits` accepts; a
    fact or period no table holds is the other rules' and the ledger's to name."""

    def check(frame: pd.DataFrame, directory: Path) -> pd.Series:
        rates = frame["function"] == RATE_FUNCTION
        if not rates.any():
            return pd.Series(True, index=frame.index)
        facts = _load("reference_facts", directory).set_index("fact_id")
        spans = _load("periods", directory).set_index("period")

        def row_fits(row: pd.Series) -> bool:
            if row["function"] != RATE_FUNCTION:
                return True
            if row["parameter"] not in facts.index or row["period"] not in spans.index:
                return True
            return fits(row, facts.loc[row["parameter"]], spans.loc[row["period"]])

        return frame.apply(row_fits, axis=1)

    return check


def _counts_in_the_rates_unit(row: pd.Series, fact: pd.Series, span: pd.Series) -> bool:
    value = fact["value"]
    return pd.notna(value) and value >= 2 and float(value).is_integer() and f"{fact['unit']} per week" == row["unit"]


def _dated_the_periods_last_day(row: pd.Series, fact: pd.Series, span: pd.Series) -> bool:
    return pd.notna(fact["date"]) and fact["date"] == span["end"]


def _starts_at_an_event_and_lasts(row: pd.Series, fact: pd.Series, span: pd.Series) -> bool:
    return pd.notna(span["start_event"]) and span["start_event"] != "" and (span["end"] - span["start"]).days >= 1


# The functions whose parameter names reference facts (`fact_id|...`) by the part of each fact they read.
READING_A_FACTS_VALUE = ("reference_value", "reference_value_at_least")
READING_A_FACTS_DATE = ("whole_years_between", "year_ordinal_between", "days_since_anniversary")


def _facts_give(part: str, functions: tuple[str, ...]) -> Callable[[pd.DataFrame, Path], pd.Series]:
    """Every reference fact a method of `functions` names has its `part` (value or date); a fact that no row holds
    is left to the rule that names it."""

    def check(frame: pd.DataFrame, directory: Path) -> pd.Series:
        given = _load("reference_facts", directory).set_index("fact_id")[part].notna()

        def gives(row: pd.Series) -> bool:
            return row["function"] not in functions or all(given.get(name, True) for name in row["parameter"].split("|"))

        return frame.apply(gives, axis=1)

    return check


def _unit_words(unit: str) -> str:
    """A unit as its words compare: parentheses, a leading "earlier" and plural endings aside ("earlier White
    House visits" is "white house visit")."""
    words = re.sub(r"^earlier ", "", re.sub(r"\([^)]*\)", "", unit.casefold()).strip()).split()
    return " ".join(word[:-1] if word.endswith("s") and not word.endswith("ss") else word for word in words)


def _facts_in_its_unit(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A reference value reads facts counting what the method counts: the fact's unit is the method's, or the
    method's unit begins or ends with it ("place by votes" a place, "earlier White House visits" visits)."""
    units = _load("reference_facts", directory).set_index("fact_id")["unit"]

    def fits(row: pd.Series) -> bool:
        if row["function"] not in READING_A_FACTS_VALUE:
            return True
        counted = _unit_words(row["unit"])
        for fact in (name for name in row["parameter"].split("|") if name in units.index):
            unit = _unit_words(units[fact])
            if not (counted == unit or counted.startswith(unit + " ") or counted.endswith(" " + unit)):
                return False
        return True

    return frame.apply(fits, axis=1)


def _names_no_contradicted_event(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """No event a parameter names is one the audit contradicted, which no count reads."""
    status = _load("events", directory).set_index("event_id")["audit_status"]
    return frame["parameter"].map(lambda parameter: all(status.get(event) != "contradicted" for event in EVENT_ID.findall(parameter)))


# What each part (`|`-separated) of a function's parameter names: a row of a table by its key, or a year.
PARAMETER_NAMES = {
    "announcement_units_east_jerusalem": ("announcement",),
    "convicted_of_killing_at_most": ("fact", "fact"),
    "days_between_events": ("dated", "dated"),
    "days_since_anniversary": ("fact", "event"),
    "event_day": ("event",),
    "event_month": ("event", "year"),
    "parties_restoring_majority": ("party", "party"),
    "party_seats": ("party",),
    "reference_value": ("fact",),
    "reference_value_at_least": ("fact", "fact"),
    "reported_count_per_week": ("fact",),
    "seats_short_without": ("party",),
    "tranche_scheduled_day": ("tranche",),
    "travel_stop_days": ("stop",),
    "whole_years_between": ("fact", "event"),
    "year_ordinal_between": ("fact", "event"),
}
# The parameters PARAMETER_NAMES leaves out, and who reads them: a killed filter's columns and a place's records
# when the ledger counts them (a name no record has is refused there, by method and column), a meeting ratio's
# specification when the curve is read.
PARAMETERS_READ_BY_THE_LEDGER = ("killed", "killed_at_place", "meeting_ratio")
NAMED_ROWS = {
    "announcement": ("settlement_announcements", "announcement_id"),
    "event": ("events", "event_id"),
    "fact": ("reference_facts", "fact_id"),
    "party": ("knesset_2013", "party"),
    "tranche": ("prisoner_releases", "tranche"),
}


def _names_rows_that_exist_each_once(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """Each part of a parameter names a row of the table its function reads (PARAMETER_NAMES), as many parts as the
    function reads, no row twice: "Jewish Home" for "The Jewish Home" counted no seats (a shortfall of −7), and
    "E085|E085" zero days, both silently."""
    from analysis.data import records

    keys = {kind: set(_load(table, directory)[column].astype(str)) for kind, (table, column) in NAMED_ROWS.items()}
    keys["dated"] = keys["event"] | set(_load("meetings", directory)["meeting_id"])
    keys["stop"] = set(records.kerry_stops()["stop_id"].astype(str))

    def exists(function: str, parameter: str) -> bool:
        kinds = PARAMETER_NAMES.get(function)
        if kinds is None:
            return True
        parts = parameter.split("|")
        if len(parts) != len(kinds) or len(set(parts)) != len(parts):
            return False
        return all(re.fullmatch(r"\d{4}", part) if kind == "year" else part in keys[kind] for part, kind in zip(parts, kinds, strict=True))

    return pd.Series(
        [exists(function, parameter) for function, parameter in zip(frame["function"], frame["parameter"], strict=True)], index=frame.index
    )


def _each_filter_once(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A `killed` parameter (`column=value;...`) names each column once: a second would replace the first unseen."""

    def once(parameter: str) -> bool:
        columns = [condition.split("=", 1)[0] for condition in parameter.split(";") if condition]
        return len(set(columns)) == len(columns)

    return (frame["function"] != "killed") | frame["parameter"].map(once)


def _in_its_quote(column: str) -> Callable[[pd.DataFrame, Path], pd.Series]:
    """`column`'s words stand in the row's seed_quote on a word's edge ("ir F" is in "their Fatah", but is no token
    of it), and not inside a longer number (stated_numbers.stated_in)."""
    return lambda frame, directory: pd.Series(
        [stated_in(quote, words) for quote, words in zip(frame["seed_quote"], frame[column], strict=True)], index=frame.index
    )


def _speaker_when_spoken(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A claim names its speaker exactly when its quote stands inside quotation marks in the account."""
    spoken = frame["seed_quote"].map(seed.spoken_in_the_account)
    return present(frame["speaker"]) == spoken


def _stated_reading_is_the_claim(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """The stated words give the claimed value, read as stated_numbers.reading reads them, with a comparison their
    wording allows."""
    claimed = pd.to_numeric(frame["claimed_value"], errors="coerce")
    rows = zip(frame["seed_quote"], frame["stated_as"], frame["unit"], claimed, frame["comparison"], strict=True)
    agree = []
    for quote, words, unit, value, comparison in rows:
        read = reading(quote, words, unit, *seed.around_quote(quote))
        agree.append(read is not None and read[0] == value and comparison in read[1])
    return pd.Series(agree, index=frame.index)


def _stated_once(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """No two claims read the same words at the same place of the account, however much of it each quotes ("passed
    13" beside "13 to seven": one claim counted twice)."""

    def place(quote: str, words: str) -> tuple[object, str]:
        at, within = seed.quote_at(quote), stated_at(quote, words)
        return (at + within, words) if at >= 0 and within >= 0 else (quote, words)

    places = [place(quote, words) for quote, words in zip(frame["seed_quote"], frame["stated_as"], strict=True)]
    return ~pd.Series(places, index=frame.index).duplicated(keep=False)


def _actors_listed(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """Every name of an event's ;-separated `actors` has its row in actors.csv beside this file."""
    known = set(_load("actors", directory)["actor"])
    return frame["actors"].map(lambda names: all(name in known for name in names.split(";")))


def _sources_listed(column: str) -> Callable[[pd.DataFrame, Path], pd.Series]:
    """Every id of a ;-separated list in `column` names a source of sources.csv beside this file, once."""

    def check(frame: pd.DataFrame, directory: Path) -> pd.Series:
        known = set(_load("sources", directory)["source_id"])

        def listed(ids: str) -> bool:
            named = [source for source in ids.split(";") if source]
            return all(source in known for source in named) and len(set(named)) == len(named)

        return frame[column].map(listed)

    return check


EVENT_ID = re.compile(r"E\d{3}")
MEETING_KINDS = ("working meeting", "joint with the President", "ceremonial or public event", "multilateral", "phone call")
# How far settlement_sites.csv itemises an announcement: every site, some of them (the list read is incomplete), or none.
SITES_ITEMISED = ("all", "some", "none")
BY_A_REPORT = "a report of the day"
REDATING = "a report of the day, re-dating the stop"
AS_RECORDED = "as the record gives it"
MEETING_DATINGS = (BY_A_REPORT, REDATING, "the stop's first day (no report of the day)", "the account", AS_RECORDED)
# A report of a meeting's day: filed from the day before (a morning meeting announced
# the night before, in another time zone) to two days after it.
REPORT_BEFORE, REPORT_AFTER = pd.Timedelta(days=1), pd.Timedelta(days=2)
COUNTED_STATUSES = ("confirmed", "added")


def _kerry_presence_agrees_with_status(frame: pd.DataFrame, directory: Path) -> pd.Series:
    counted = frame["audit_status"].isin(COUNTED_STATUSES)
    unconfirmed = frame["audit_status"] == "unconfirmed"
    return (~counted | (frame["kerry_present"] == "yes")) & (~unconfirmed | (frame["kerry_present"] == "not established"))


HOME_COUNTRY = "United States"
LEADERS = ("Netanyahu", "Abbas")  # the two counterparts whose meetings the specification curve counts


def _record_countries() -> set[str]:
    """The countries as Kerry's travel record spells them, and his own (the record, of foreign travel, has none)."""
    from analysis.data import records

    return set(records.kerry_stops()["country"]) | {HOME_COUNTRY}


def _country_of_the_record(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A meeting's country is spelled as Kerry's travel record spells it (a count by place matches it exactly)."""
    return frame["country"].isin(_record_countries())


# The leader Kerry meets where he accompanied the President on a stop that names no one.
LEADER_OF_COUNTRY = {"Israel": "Netanyahu", "Palestinian Authority": "Abbas"}


def _at_a_records_stop(
    check: Callable[[pd.DataFrame, pd.DataFrame], pd.Series], *, official_only: bool
) -> Callable[[pd.DataFrame, Path], pd.Series]:
    """Rows at a stop of the travel record (`official_only`: rows that came from it) that `check` accepts, given
    the stop's row beside each meeting; other rows, and a stop the record lacks (the stop rules' problem), pass."""

    def rule(frame: pd.DataFrame, directory: Path) -> pd.Series:
        from analysis.data import records

        stops = records.kerry_stops().set_index("stop_id")
        stop = pd.to_numeric(frame["hsg_stop_id"].where(frame["hsg_stop_id"].str.fullmatch(r"[0-9]{1,9}"), ""), errors="coerce")
        ours = stop.isin(stops.index) & ((frame["origin"] == "official travel record") | (not official_only))
        passed = pd.Series(True, index=frame.index)
        if ours.any():
            beside = stops.loc[stop[ours].astype(int)].set_index(frame.index[ours])
            passed[ours] = check(frame[ours], beside)
        return passed

    return rule


def _in_its_stops_country(meetings: pd.DataFrame, stops: pd.DataFrame) -> pd.Series:
    """A meeting at a stop is in that stop's country (Jerusalem's meeting cannot be moved to the Palestinian
    Authority, and Netanyahu's own-ground count with it)."""
    return meetings["country"] == stops["country"]


def _counterpart_its_stop_names(meetings: pd.DataFrame, stops: pd.DataFrame) -> pd.Series:
    named = meetings["counterpart"].map({"Netanyahu": "mentions_netanyahu", "Abbas": "mentions_abbas"})
    mentioned = pd.Series(
        [bool(stops.at[index, column]) if isinstance(column, str) else False for index, column in named.items()], index=meetings.index
    )
    hosting = stops["accompanied_president"] & (stops["country"].map(LEADER_OF_COUNTRY) == meetings["counterpart"])
    return mentioned | hosting


def _recorded_as_its_stop_gives_it(meetings: pd.DataFrame, stops: pd.DataFrame) -> pd.Series:
    """The record's date of a meeting at a stop: the stop's first day where the stop names the leader (the record
    gave the meeting), else the meeting's own day (a report gave it)."""
    first_day = stops["start"].dt.strftime("%Y-%m-%d")
    return meetings["record_date"] == first_day.where(_counterpart_its_stop_names(meetings, stops), meetings["date"])


def _after_the_account(frame: pd.DataFrame, directory: Path) -> pd.Series:
    listed = _load("sources", directory).set_index("source_id")
    if "tnr2014" not in listed.index:
        return pd.Series(True, index=frame.index)  # the account's own row missing: sources.csv's rules refuse that
    return frame["date"] > str(listed.at["tnr2014", "date"])


def _names_a_stop(frame: pd.DataFrame, directory: Path) -> pd.Series:
    from analysis.data import records

    stops = set(records.kerry_stops()["stop_id"])
    return frame["hsg_stop_id"].map(lambda stop: not stop or (stop.isdigit() and int(stop) in stops))


def _month_on_its_first_day(frame: pd.DataFrame, directory: Path) -> pd.Series:
    return (frame["date_precision"] != "month") | frame["date"].str.endswith("-01")


# Notes about a row, not what it records: a copy that rewords them is still a copy.
FREE_TEXT_COLUMNS = ("notes", "audit_note")
# What makes an announcement the same one, however its other columns are worded (the body's name is free text):
# its day, stage and units, a region's empty cell read as none.
ANNOUNCEMENT_IDENTITY = ("date", "stage", "units_total", "units_west_bank", "units_east_jerusalem")
ANNOUNCEMENT_OCCASION = ("date", "body", "source_id")


def _sittings_in_turn(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """The counted meetings of a day with one leader are its sittings 1, 2, … each once."""
    counted = frame["audit_status"].isin(COUNTED_STATUSES)
    sittings = pd.to_numeric(frame["sitting"], errors="coerce")
    days = frame.loc[counted].groupby(["date", "counterpart"])["sitting"]
    in_turn = days.transform(lambda day: sorted(pd.to_numeric(day, errors="coerce")) == list(range(1, len(day) + 1)))
    return (~counted | in_turn.reindex(frame.index, fill_value=True).astype(bool)) & (sittings >= 1)


def _numbered_in_turn(key: str) -> Callable[[pd.DataFrame, Path], pd.Series]:
    """Rows whose id's number follows the row before's (the first's is 1): the first row after one deleted breaks it."""

    def follows(frame: pd.DataFrame, directory: Path) -> pd.Series:
        numbers = pd.to_numeric(frame[key].str[1:], errors="coerce")  # an id of another form is its column's problem
        previous = numbers.shift(1, fill_value=0)
        return numbers.isna() | previous.isna() | (numbers == previous + 1)

    return follows


NEVER_DELETED = (
    "ids number the rows in turn from 1, none missing: a row is never deleted (a claim's verdict, an event on the "
    "timeline, would leave the book without a trace); correct it, and log the correction in corrections.csv"
)


def _not_a_copy(key: str) -> Callable[[pd.DataFrame, Path], pd.Series]:
    """Rows that repeat no earlier row in every column but `key` and the notes about it (FREE_TEXT_COLUMNS):
    a row copied under a new id, however reworded, is counted twice."""
    return lambda frame, directory: (
        ~frame.drop(columns=[key, *(column for column in FREE_TEXT_COLUMNS if column in frame)]).duplicated(keep="first")
    )


def _first_of_its_kind(columns: tuple[str, ...]) -> Callable[[pd.DataFrame, Path], pd.Series]:
    """Rows that repeat no earlier row in `columns`, what makes a row the same record whatever else it says; an
    empty count is none ("" and "0" are one value)."""
    return lambda frame, directory: ~frame[list(columns)].replace("", "0").duplicated(keep="first")


def _in_its_citys_country(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A city lies in the country most of its rows give (the first given, in a tie): "Ramallah, Israel" among
    eleven "Ramallah, Palestinian Authority" moved a meeting onto the other leader's ground."""
    usual = frame.groupby("city")["country"].agg(lambda countries: countries.value_counts(sort=True).index[0])
    return frame["country"] == frame["city"].map(usual)


def _tranches_freed_by_day(directory: Path) -> pd.DataFrame:
    """The released tranches of prisoner_releases.csv, indexed by the day each was freed (ISO)."""
    tranches = _load("prisoner_releases", directory)
    released = tranches[tranches["status"] == "released"]
    return released.set_index(released["actual_date"].dt.strftime("%Y-%m-%d"))


def _on_a_tranches_release_day(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A release the audit did not contradict is dated the day prisoner_releases.csv gives a tranche's release, and no
    two are dated one day: the timeline and the tranches chart draw the same releases."""
    freed = set(_tranches_freed_by_day(directory).index)
    releases = (frame["kind"] == "release") & (frame["audit_status"] != "contradicted")
    twice = frame["date"].where(releases).duplicated(keep=False) & releases
    return ~releases | (frame["date"].isin(freed) & ~twice)


# The numbers a release's summary gives ("26 prisoners", "15 to Gaza"), each with the tranche's column it states;
# a number of prisoners after the first is another's ("26 prisoners freed, of the 104 prisoners agreed").
RELEASE_NUMBERS = re.compile(r"(?<![\d,])(\d[\d,]*) (?:Palestinian )?(prisoners|to Gaza|to the West Bank|to East Jerusalem)\b")
RELEASE_COLUMNS = {"prisoners": "count", "to Gaza": "to_gaza", "to the West Bank": "to_west_bank", "to East Jerusalem": "to_east_jerusalem"}


def _states_its_tranches_numbers(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A release the audit did not contradict gives its tranche's numbers (prisoner_releases.csv, the tranche freed
    that day): the first tranche's 11 and 15 swapped in the table left the timeline's "15 to Gaza" standing."""
    freed = _tranches_freed_by_day(directory)

    def agrees(row: pd.Series) -> bool:
        if row["kind"] != "release" or row["audit_status"] == "contradicted" or row["date"] not in freed.index:
            return True
        tranche = freed.loc[row["date"]]
        given = RELEASE_NUMBERS.findall(row["summary"])
        counts = [index for index, (_, what) in enumerate(given) if what == "prisoners"]
        stated = [(number, what) for index, (number, what) in enumerate(given) if what != "prisoners" or index == counts[0]]
        return all(
            pd.notna(tranche[RELEASE_COLUMNS[what]]) and int(number.replace(",", "")) == int(tranche[RELEASE_COLUMNS[what]])
            for number, what in stated
        )

    return frame.apply(agrees, axis=1).astype(bool)


def _published(directory: Path) -> dict[str, pd.Period]:
    """Each dated source's publication as a period of the precision its date has (a day, a month or a year);
    an undated source (n.d.) has none."""
    dates = _load("sources", directory).set_index("source_id")["date"]
    return {source: pd.Period(date, freq={4: "Y", 7: "M"}.get(len(date), "D")) for source, date in dates.items() if date != "n.d."}


def _dated_by_a_report_of_its_day(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A meeting dated by a report of the day has a source, listed or auditing, of its day (REPORT_BEFORE,
    REPORT_AFTER) or known only to its month; a row whose sources are known only to their year, or undated, is
    refused: a report of no known day dates nothing (a red team moved a meeting by a month, its source made n.d.)."""
    published = _published(directory)

    def reported(row: pd.Series) -> bool:
        if row["dated_by"] not in (BY_A_REPORT, REDATING):
            return True
        named = [source for column in ("source_ids", "audit_source_ids") for source in row[column].split(";") if source]
        periods = [published[source] for source in named if source in published]
        day = pd.Timestamp(row["date"])
        days = [period.start_time for period in periods if period.freqstr == "D"]
        of_its_month = any(period.freqstr == "M" and period.start_time <= day <= period.end_time for period in periods)
        return of_its_month or any(day - REPORT_BEFORE <= published_on <= day + REPORT_AFTER for published_on in days)

    return frame.apply(reported, axis=1).astype(bool)


# A day the account names in words: "January 24" or "24 January".
MONTH_NAME = "|".join(MONTHS)
QUOTED_DAY_REACH = pd.Timedelta(days=7)
NAMED_DAY = re.compile(rf"\b(?:(?P<month>{MONTH_NAME}) (?P<day>\d{{1,2}})|(?P<day_first>\d{{1,2}}) (?P<month_after>{MONTH_NAME}))\b")


def _on_the_day_its_quote_names(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """An event dated to the day whose quote names one day within QUOTED_DAY_REACH of it, and that the audit did not
    contradict, is dated that day (a day further off is another: "with April 29 approaching")."""

    def on_it(row: pd.Series) -> bool:
        named = {
            (MONTHS.index(found["month"] or found["month_after"]) + 1, int(found["day"] or found["day_first"]))
            for found in NAMED_DAY.finditer(row["seed_quote"])
        }
        if row["date_precision"] != "day" or row["audit_status"] == "contradicted" or len(named) != 1:
            return True
        dated = pd.Timestamp(row["date"])
        ((month, day),) = named
        quoted = pd.Timestamp(year=dated.year, month=month, day=1) + pd.Timedelta(days=day - 1)
        return abs(quoted - dated) > QUOTED_DAY_REACH or quoted == dated

    return frame.apply(on_it, axis=1).astype(bool)


AUDITED_DAY_RULE = (
    "a row dated to the day whose audit note names a day by its weekday is dated a day the note names (unless the audit contradicted it)"
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A month as notes write it, whole or cut short ("26 January", "26 Jan", "9 Sept"), never the start of another word.
MONTH_WORD = "|".join([MONTH_NAME, "Sept", *(name[:3] for name in MONTHS)])
# A day an audit note names with its weekday ("Sunday 26 Jan 2014"), and any day it names, with its year where given.
WEEKDAY_AND_DAY = re.compile(rf"\b(?P<weekday>{'|'.join(WEEKDAYS)}),? (?P<day>\d{{1,2}}) (?P<month>{MONTH_WORD})\b")
DAY_AND_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<month>{MONTH_WORD})\b(?: (?P<year>\d{{4}})\b)?")


def _month_number(word: str) -> int:
    return [name[:3] for name in MONTHS].index(word[:3]) + 1


def _on_a_day_its_audit_note_names(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A row dated to the day whose audit note names a day by its weekday (the note dates the row, or its
    neighbours: the weekday fixes the year, within one of the row's) is dated a day the note names: E104 moved from
    Sunday 26 Jan to the 27th passed, its note still dating it the 26th, and turned two date claims round."""

    def names_a_weekday(note: str, dated: pd.Timestamp) -> bool:
        for found in WEEKDAY_AND_DAY.finditer(note):
            for year in (dated.year - 1, dated.year, dated.year + 1):
                try:
                    day = pd.Timestamp(year=year, month=_month_number(found["month"]), day=int(found["day"]))
                except ValueError:
                    continue
                if WEEKDAYS[day.weekday()] == found["weekday"]:
                    return True
        return False

    def on_one(row: pd.Series) -> bool:
        if row.get("date_precision", "day") != "day" or row["audit_status"] == "contradicted":
            return True
        dated = pd.Timestamp(row["date"])
        named = [
            (int(found["day"]), _month_number(found["month"]), int(found["year"]) if found["year"] else None)
            for found in DAY_AND_MONTH.finditer(row["audit_note"])
        ]
        on_a_named_day = any((day, month) == (dated.day, dated.month) and year in (None, dated.year) for day, month, year in named)
        return not names_a_weekday(row["audit_note"], dated) or on_a_named_day

    return frame.apply(on_one, axis=1).astype(bool)


def _source_of_a_known_month(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A row's source is dated to its day or its month."""
    published = _published(directory)
    return frame["source_id"].map(lambda source: source in published and published[source].freqstr in ("D", "M")).astype(bool)


def _not_after_its_report(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """An announcement is dated no later than the report that gives it (a source known to its month, by the
    month's last day; to its year, by the year's; an undated one is not compared). A report known only to its
    year, or undated, is refused by a rule of its own (`_source_of_a_known_month`)."""
    published = _published(directory)
    reported = frame["source_id"].map(lambda source: published[source].end_time.normalize() if source in published else None)
    return reported.isna() | (pd.to_datetime(frame["date"]) <= reported)


def _within_stop(frame: pd.DataFrame, directory: Path) -> pd.Series:
    from analysis.data import records

    stops = records.kerry_stops().set_index("stop_id")
    one_day = pd.Timedelta(days=1)

    def inside(row: pd.Series) -> bool:
        if not row["hsg_stop_id"].isdigit() or int(row["hsg_stop_id"]) not in stops.index:
            return True  # no stop to fall within: _names_a_stop refuses a stop the record does not hold
        stop = stops.loc[int(row["hsg_stop_id"])]
        slack = one_day if row["dated_by"] == REDATING else pd.Timedelta(0)
        return bool(stop["start"] - slack <= pd.Timestamp(row["date"]) <= stop["end"] + slack)

    return frame.apply(inside, axis=1)


SPECIFICATION_DIMENSIONS = ("unit", "window", "kinds", "place")
SPECIFICATION_UNITS = ("encounters", "days", "visits")


def _unique_within(group: str, column: str) -> Callable[[pd.DataFrame, Path], pd.Series]:
    return lambda frame, directory: ~frame.duplicated([group, column], keep=False)


def _one_reading_per_dimension(frame: pd.DataFrame, directory: Path) -> pd.Series:
    readings = frame[frame["account_reading"] == "yes"].groupby("dimension").size()
    return frame["dimension"].map(lambda dimension: readings.get(dimension, 0) == 1)


def _specification_parameter_fits(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A unit the tally knows; a window from a period's start to a later one's end; kinds of meetings.csv's kinds;
    and a place that names each leader once, with a country as the travel record spells it (one left out, or a
    country misspelled, counted no meeting for that leader, and the ratio divided by nothing)."""
    bounds = (
        pd.concat(
            [_load(name, directory).rename(columns={"phase": "period"})[["period", "start", "end"]] for name in ("phases", "periods")]
        )
        .drop_duplicates("period")
        .set_index("period")
    )
    countries = _record_countries()

    def fits(row: pd.Series) -> bool:
        parameter = row["parameter"]
        if row["dimension"] == "unit":
            return parameter in SPECIFICATION_UNITS
        if row["dimension"] == "window":
            ends = parameter.split("|")
            return len(ends) == 2 and all(end in bounds.index for end in ends) and bounds.at[ends[0], "start"] <= bounds.at[ends[1], "end"]
        if row["dimension"] == "kinds":
            return bool(parameter) and all(kind in MEETING_KINDS for kind in parameter.split(";"))
        pairs = [pair.split("=", 1) for pair in parameter.split(";") if pair]
        named = [pair[0] for pair in pairs if len(pair) == 2]
        return all(len(pair) == 2 and pair[1] in countries for pair in pairs) and (not pairs or sorted(named) == sorted(LEADERS))

    return frame.apply(fits, axis=1)


# About as long as a phase's band is wide on a phone (some 60 px at 390 px, at
# the strip's 11 px type; the collapse's band is narrower still): longer names
# run into those set on the same row of the strip.
BAND_LABEL_CHARACTERS = 10


def _phases_in_order(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """Row i names the i-th phase of PHASES; with fewer rows, the last carries the problem."""
    expected = pd.Series(list(PHASES[: len(frame)]) + [""] * max(len(frame) - len(PHASES), 0), index=frame.index)
    passed = frame["phase"] == expected
    if len(frame) < len(PHASES):
        passed.iloc[-1] = False
    return passed


def _phases_contiguous(frame: pd.DataFrame, directory: Path) -> pd.Series:
    starts = pd.to_datetime(frame["start"], format="%Y-%m-%d")
    day_after_previous_end = pd.to_datetime(frame["end"], format="%Y-%m-%d").shift() + pd.Timedelta(days=1)
    return day_after_previous_end.isna() | (starts == day_after_previous_end)


def _one_row_per(*columns: str) -> Callable[[pd.DataFrame, Path], pd.Series]:
    """No two rows share the values of `columns`, compared as `comparable` text."""
    return lambda frame, directory: ~frame[list(columns)].map(comparable).duplicated(keep="first")


AUDIT_COLUMNS = {
    "audit_status": Column("choice", choices=AUDIT_STATUSES),
    "audit_source_ids": Column(required=False, pattern=SOURCE_LIST),
    "audit_note": Column(max_length=600),
}
AUDIT_RULES = (
    RowRule("audit_source_ids", "every audit source is listed in sources.csv, and named once", _sources_listed("audit_source_ids")),
    RowRule(
        "audit_source_ids",
        "a confirmed, contradicted or added row names the reports that confirm, contradict or document it",
        _required_when("audit_source_ids", lambda f: f["audit_status"] != "unconfirmed"),
    ),
)


DESTINATIONS = ("to_west_bank", "to_east_jerusalem", "to_gaza")


def _destinations_make_the_count(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """Where a tranche's destinations are given, they are all its prisoners': 14 to Gaza and 11 to the West Bank
    left one of 26 freed nowhere."""
    given = (frame[list(DESTINATIONS)] != "").any(axis=1)
    parts = sum(pd.to_numeric(frame[column].replace("", "0")) for column in DESTINATIONS)
    return ~given | (parts == pd.to_numeric(frame["count"]))


def _freed_no_earlier_than_due(frame: pd.DataFrame, directory: Path) -> pd.Series:
    both = (frame["scheduled_date"] != "") & (frame["actual_date"] != "")
    return ~both | (frame["actual_date"] >= frame["scheduled_date"])


def _the_last_row_carries(holds: bool, frame: pd.DataFrame) -> pd.Series:
    """A rule of the whole table: all rows pass when it `holds`; otherwise the last row carries the problem."""
    passed = pd.Series(True, index=frame.index)
    if not holds:
        passed.iloc[-1] = False
    return passed


def _seats_fill_the_knesset(frame: pd.DataFrame, directory: Path) -> pd.Series:
    return _the_last_row_carries(pd.to_numeric(frame["seats"]).sum() == KNESSET_SEATS, frame)


# The kinds of people a benchmark's population counts apart, in figures ("66 soldiers; 1 security coordinator; 4 Israeli civilians").
COUNTED_KINDS = re.compile(r"\b(\d{1,3}(?:,\d{3})*|\d+) (?:[A-Za-z]+ )?(?:soldiers?|civilians?|security coordinators?)\b", re.IGNORECASE)


def _kinds_make_the_value(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """The kinds of people a population counts apart add up to its value: two kinds or more are read as the
    whole of it (a part within a kind is written in words, "incl. one Thai national"); a kind named alone is a
    part of it."""

    def holds(population: str, value: str) -> bool:
        kinds = [int(count.replace(",", "")) for count in COUNTED_KINDS.findall(population)]
        if len(kinds) > 1:
            return sum(kinds) == int(value)
        return all(kind <= int(value) for kind in kinds)

    return pd.Series(
        [holds(population, value) for population, value in zip(frame["population"], frame["value"], strict=True)], index=frame.index
    )


def _parts_not_above_total(frame: pd.DataFrame, directory: Path) -> pd.Series:
    def as_int(column: str) -> pd.Series:
        return pd.to_numeric(frame[column].replace("", "0"))

    total = pd.to_numeric(frame["units_total"])
    return as_int("units_west_bank") + as_int("units_east_jerusalem") <= total


def _regions_make_the_total(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A counted announcement's West Bank and East Jerusalem units add up to its total: an empty region is none, so
    a region's units left out would silently leave every count that reads it."""
    regions = sum(pd.to_numeric(frame[column].replace("", "0")) for column in ("units_west_bank", "units_east_jerusalem"))
    return (frame["counted"] != "yes") | (regions == pd.to_numeric(frame["units_total"]))


def _tranches_make_the_decision(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """The cabinet decision's prisoners (tranche 0) are those of its tranches together; the decision's row carries
    the problem."""
    counts = pd.to_numeric(frame["count"])
    decision = frame["tranche"].astype(str) == "0"
    return ~decision | (counts[decision].sum() == counts[~decision].sum())


def _coalition_holds_a_majority(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """All rows pass when the coalition's seats are a majority of the Knesset; otherwise every party outside it
    carries the problem, since one of them was left out of it."""
    inside = frame["in_coalition_2013"] == "yes"
    return pd.Series(pd.to_numeric(frame.loc[inside, "seats"]).sum() > KNESSET_SEATS // 2, index=frame.index) | inside


def _spelled_as_elsewhere(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A site is written as its first row writes it: "Pisgat Ze'ev" beside "Pisgat Zeev" would count as two sites.
    Names are compared by their letters and digits, in any script, case aside ("Har Homa B" stays apart)."""
    first = frame.groupby(frame["site"].map(lambda site: re.sub(r"[\W_]", "", comparable(site))))["site"].transform("first")
    return frame["site"] == first


def _no_name_twice(column: str) -> Callable[[pd.DataFrame, Path], pd.Series]:
    """No name of the ;-separated list in `column` comes twice."""
    return lambda frame, directory: frame[column].map(lambda names: len(set(names.split(";"))) == len(names.split(";")))


def _a_column_of_its_table(frame: pd.DataFrame, directory: Path) -> pd.Series:
    return pd.Series(
        [table in TABLES and column in TABLES[table].columns for table, column in zip(frame["table"], frame["column"], strict=True)],
        index=frame.index,
    )


def _every_column_described(frame: pd.DataFrame, directory: Path) -> pd.Series:
    described = set(zip(frame["table"], frame["column"], strict=True))
    return _the_last_row_carries(all((name, column) in described for name, table in TABLES.items() for column in table.columns), frame)


def _every_metric_read(frame: pd.DataFrame, directory: Path) -> pd.Series:
    return _the_last_row_carries(set(PEACENOW_METRICS_READ) <= set(frame["metric"]), frame)


def _a_year_or_day_of_its_date(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A fact given as a year or a day of the month, with its date, is that date's year or day."""
    dated = present(frame["date"]) & present(frame["value"])
    days = pd.to_datetime(frame["date"].where(dated), errors="coerce")
    values = pd.to_numeric(frame["value"].where(dated), errors="coerce")
    of_year = (frame["unit"] != "year") | (values == days.dt.year)
    of_month = (frame["unit"] != "day of month") | (values == days.dt.day)
    return ~dated | (of_year & of_month)


def _freed_in_turn(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """Each freed tranche after the one before it: both tranches of a pair out of turn are named."""
    freed = frame[present(frame["actual_date"])].assign(number=lambda f: pd.to_numeric(f["tranche"])).sort_values("number")
    out_of_turn = freed["actual_date"] <= freed["actual_date"].shift(fill_value="")
    named = out_of_turn | out_of_turn.shift(-1, fill_value=False)
    return (~named).reindex(frame.index, fill_value=True).astype(bool)


def _totals_of_their_parts(frame: pd.DataFrame, directory: Path) -> pd.Series:
    """A total (PEACENOW_PARTS) whose parts all have rows is their sum: a total that is not names its own line
    and its parts' (which of them is wrong, only the source can say)."""
    values = dict(zip(frame["metric"], pd.to_numeric(frame["value"], errors="coerce"), strict=True))
    unequal = [
        [total, *parts]
        for total, parts in PEACENOW_PARTS.items()
        if all(metric in values for metric in (total, *parts)) and values[total] != sum(values[part] for part in parts)
    ]
    named = {metric for metrics in unequal for metric in metrics}
    return ~frame["metric"].isin(named)


def _after_the_decision(column: str) -> Callable[[pd.DataFrame, Path], pd.Series]:
    """`column`'s date is no earlier than the cabinet decision's (tranche 0's decision_date), when both are given."""

    def check(frame: pd.DataFrame, directory: Path) -> pd.Series:
        decided = frame.loc[frame["tranche"].astype(str) == "0", "decision_date"]
        decision = decided.iloc[0] if len(decided) and present(decided).iloc[0] else None
        return ~present(frame[column]) | (decision is None) | (frame[column].astype(str) >= str(decision))

    return check


def _reissued_within_total(frame: pd.DataFrame, directory: Path) -> pd.Series:
    reissued, total = pd.to_numeric(frame["units_reissued"].replace("", "0")), pd.to_numeric(frame["units_total"])
    whole, part = frame["reissued"] == "yes", frame["reissued"] == "partly"
    return (reissued <= total) & (~whole | (reissued == total)) & (~part | ((reissued > 0) & (reissued < total)))


TABLES: dict[str, Table] = {
    table.name: table
    for table in [
        Table(
            "sources",
            {
                "source_id": Column(unique=True, pattern=re.compile(r"[a-z0-9_]+")),
                "title": Column(max_length=300, why="the bibliography prints it whole"),
                "publisher": Column(max_length=120, why="a caption lists publishers"),
                "date": Column(pattern=SOURCE_DATE),
                "url": Column(unique=True, pattern=re.compile(r"https?://\S+")),
                "kind": Column("choice", choices=("seed", "official record", "NGO", "news", "dataset", "reference")),
                "licence": Column(required=False),
            },
            "One row per source: every table of facts names one of these on every row.",
            (
                RowRule(
                    "url",
                    "an address carries no tracking parameters (utm_…, fbclid, gclid…): the printed book gives it whole",
                    _untracked,
                ),
                RowRule(
                    "url", "an address names its host alone, no user or password before an “@” (the link would open that host)", _host_alone
                ),
                RowRule("kind", "one row, and one only, is the account (kind seed)", _one_account),
                RowRule(
                    "publisher",
                    "one outlet is named one way: no other row spells this row's outlet otherwise (case, spaces, "
                    "“The”, “English”, or its initials; what a parenthesis adds is not the outlet's name), "
                    "or a caption's count of publishers counts it twice",
                    _one_spelling_per_outlet,
                    why=_outlet_spelt_otherwise,
                ),
                RowRule(
                    "date",
                    f"dated no later than the edition's release (CITATION.cff) and no earlier than {EARLIEST_SOURCE_YEAR}",
                    _dated_before_the_edition,
                ),
            ),
            repository_files=("CITATION.cff",),
        ),
        Table(
            "phases",
            {
                "phase": Column("choice", choices=PHASES, unique=True),
                "label": Column(),
                "band_label": Column(max_length=BAND_LABEL_CHARACTERS, why="it names the phase's band on a phone"),
                "start": Column("date", period=ERA),
                "end": Column("date", period=ERA),
                "definition": Column(),
                "source_id": Column("source"),
                "start_event": Column(required=False, pattern=EVENT_ID),
                "end_event": Column(required=False, pattern=EVENT_ID),
            },
            "The book's five phases as inclusive date ranges; a phase that starts or ends on an event of events.csv names it, "
            "and falls on its date (the check).",
            (
                RowRule("end", "end is not before start", _not_after("start", "end")),
                RowRule("phase", f"the five phases are listed once each, in the book's order {list(PHASES)}", _phases_in_order),
                RowRule(
                    "start",
                    "a phase starts the day after the previous one ends (phases neither overlap nor leave a gap)",
                    _phases_contiguous,
                ),
            ),
        ),
        Table(
            "periods",
            {
                "period": Column(unique=True, pattern=re.compile(r"[a-z0-9_]+")),
                "label": Column(),
                "start": Column("date", period=HISTORY),
                "end": Column("date", period=HISTORY),
                "kind": Column("choice", choices=PERIOD_KINDS),
                "definition": Column(),
                "source_id": Column("source", required=False),
                "start_event": Column(required=False, pattern=EVENT_ID),
                "end_event": Column(required=False, pattern=EVENT_ID),
            },
            "Every other period the book uses: historical periods with their source, and the windows its charts show;"
            " a period that starts or ends on an event of events.csv names it, and falls on its date (the check).",
            (
                RowRule("end", "end is not before start", _not_after("start", "end")),
                RowRule(
                    "period", f"not the name of a phase {list(PHASES)}, which phases.csv dates", lambda f, d: ~f["period"].isin(PHASES)
                ),
                RowRule(
                    "source_id",
                    "a historical period names its source",
                    _required_when("source_id", lambda f: f["kind"] == "historical"),
                ),
            ),
        ),
        Table(
            "events",
            {
                "event_id": Column(unique=True, pattern=EVENT_ID),
                "date": Column("date", period="account"),
                "date_precision": Column("choice", choices=("day", "month")),
                "kind": Column(
                    "choice",
                    choices=(
                        "meeting",
                        "negotiation_session",
                        "vote",
                        "release",
                        "announcement",
                        "incident",
                        "statement",
                        "deadline",
                        "visit",
                        "agreement",
                        "letter",
                        "resignation",
                        "coalition",
                        "conflict",
                    ),
                ),
                "actors": Column(pattern=re.compile(r"[^;\s][^;]*(;[^;\s][^;]*)*")),
                "place": Column(required=False),
                "summary": Column(max_length=160),
                "source_id": Column("source"),
                "seed_quote": Column(required=False, seed_quote=True, max_length=300),
                **AUDIT_COLUMNS,
            },
            "Every dated event of the account and its aftermath, within the account's span (periods.csv), with its press audit.",
            (
                *AUDIT_RULES,
                RowRule(
                    "seed_quote",
                    "rows sourced to the account (tnr2014) carry a verbatim quote",
                    _required_when("seed_quote", lambda f: f["source_id"] == "tnr2014"),
                ),
                RowRule("actors", "every actor named has its row in actors.csv (its side and role)", _actors_listed),
                RowRule("actors", "no actor is named twice", _no_name_twice("actors")),
                RowRule("date", "an event known to its month is dated its first day", _month_on_its_first_day),
                RowRule("date", AUDITED_DAY_RULE, _on_a_day_its_audit_note_names),
                RowRule(
                    "date",
                    "an event dated to the day whose quote names one day within a week of it, and that the audit did not contradict,"
                    " is dated that day",
                    _on_the_day_its_quote_names,
                ),
                RowRule(
                    "event_id",
                    "no row repeats an earlier one in every column but its id and the notes about it",
                    _not_a_copy("event_id"),
                ),
                RowRule("event_id", NEVER_DELETED, _numbered_in_turn("event_id")),
                RowRule(
                    "date",
                    "a release (unless the audit contradicted it) is dated the day prisoner_releases.csv frees a tranche, "
                    "one release a day",
                    _on_a_tranches_release_day,
                ),
                RowRule(
                    "summary",
                    "a release (unless the audit contradicted it) gives the numbers of the tranche freed that day "
                    "(prisoner_releases.csv): its first count of prisoners, and those to Gaza, the West Bank and East Jerusalem",
                    _states_its_tranches_numbers,
                ),
            ),
            reads=("actors", "prisoner_releases"),
        ),
        Table(
            "actors",
            {
                "actor": Column(unique=True),
                "side": Column("choice", choices=SIDES),
                "role": Column(max_length=160),
                "source_id": Column("source"),
                "seed_quote": Column(required=False, seed_quote=True, max_length=300),
            },
            "Every person or body named in events.csv's actors or as a claim's speaker, with the side they acted for and their role"
            " at the time.",
            (
                RowRule(
                    "seed_quote",
                    "rows sourced to the account (tnr2014) carry a verbatim quote",
                    _required_when("seed_quote", lambda f: f["source_id"] == "tnr2014"),
                ),
            ),
        ),
        Table(
            "meetings",
            {
                "meeting_id": Column(unique=True, pattern=re.compile(r"M\d{3}")),
                "date": Column("date", period="evidence_tables"),
                "record_date": Column("date", period="evidence_tables"),
                "dated_by": Column("choice", choices=MEETING_DATINGS),
                "counterpart": Column("choice", choices=("Netanyahu", "Abbas")),
                "city": Column(),
                "country": Column(),
                "kind": Column("choice", choices=MEETING_KINDS),
                "sitting": Column("count", maximum=5, why="more meetings with one leader in a day than any report gives"),
                "kerry_present": Column("choice", choices=("yes", "not established")),
                "hsg_stop_id": Column("count", required=False),
                "origin": Column("choice", choices=("official travel record", "official visit record", "news report", "the account")),
                "source_ids": Column(pattern=SOURCE_LIST),
                **AUDIT_COLUMNS,
                "notes": Column(required=False),
            },
            "Kerry's encounters with Netanyahu and with Abbas, one a row, each on the day the best evidence gives "
            "(dates within periods.csv's evidence_tables), with their press audit.",
            (
                *AUDIT_RULES,
                RowRule("source_ids", "every source is listed in sources.csv, and named once", _sources_listed("source_ids")),
                RowRule(
                    "country",
                    "a country as the travel record names it, or the United States (where the record, of foreign travel, has none)",
                    _country_of_the_record,
                ),
                RowRule(
                    "kerry_present",
                    "a counted row (confirmed or added) has Kerry present; an unconfirmed one has his presence not established",
                    _kerry_presence_agrees_with_status,
                ),
                # A red team demoted a reported meeting, its report still listed and its note still telling it, and the
                # headline ratio moved with no word from the gate: unconfirmed is for a record's or the account's row
                # that no report confirms.
                RowRule(
                    "audit_status",
                    "a meeting from a news report is never unconfirmed: its own report confirms it",
                    lambda frame, directory: ~((frame["origin"] == "news report") & (frame["audit_status"] == "unconfirmed")),
                ),
                RowRule(
                    "hsg_stop_id",
                    "rows from the official travel record, and rows that re-date a stop, name their stop",
                    _required_when("hsg_stop_id", lambda f: (f["origin"] == "official travel record") | (f["dated_by"] == REDATING)),
                ),
                RowRule("hsg_stop_id", "names a stop of the official travel record (hsg_kerry_travels)", _names_a_stop),
                RowRule("date", "a meeting falls on a day of its travel-record stop (a re-dating row within a day of it)", _within_stop),
                RowRule("date", AUDITED_DAY_RULE, _on_a_day_its_audit_note_names),
                RowRule(
                    "date",
                    "a meeting dated by a report of the day has a source, listed or auditing, published from the day before"
                    " it to two days after",
                    _dated_by_a_report_of_its_day,
                ),
                RowRule(
                    "meeting_id",
                    "no row repeats an earlier one in every column but its id and the notes about it (a second meeting"
                    " that day has its own sitting)",
                    _not_a_copy("meeting_id"),
                ),
                RowRule("country", "a city is in one country: the one its other rows give", _in_its_citys_country),
                RowRule(
                    "sitting",
                    "the counted meetings (confirmed or added) of a day with one leader are its sittings 1, 2, … each once",
                    _sittings_in_turn,
                ),
                RowRule(
                    "country",
                    "a meeting at a travel-record stop is in the stop’s country",
                    _at_a_records_stop(_in_its_stops_country, official_only=False),
                ),
                RowRule(
                    "counterpart",
                    "a meeting from the official travel record is with a leader its stop names, or, where Kerry accompanied the"
                    " President, with the leader of the stop's country",
                    _at_a_records_stop(_counterpart_its_stop_names, official_only=True),
                ),
                RowRule(
                    "record_date",
                    "a meeting at a travel-record stop has the stop's first day as the record's date where the stop names"
                    " its leader, else its own date (a report gave it)",
                    _at_a_records_stop(_recorded_as_its_stop_gives_it, official_only=False),
                ),
                RowRule(
                    "record_date",
                    "a row dated as its record gives it has the record's date",
                    lambda f, directory: (f["dated_by"] != AS_RECORDED) | (f["record_date"] == f["date"]),
                ),
            ),
            datasets=("hsg_kerry_travels",),
        ),
        Table(
            "meeting_specifications",
            {
                "dimension": Column("choice", choices=SPECIFICATION_DIMENSIONS),
                "option": Column(pattern=re.compile(r"[a-z_]+")),
                "label": Column(max_length=160),
                "short_label": Column(max_length=18),
                "parameter": Column(required=False),
                "account_reading": Column("choice", choices=("yes", "no")),
                "why": Column(max_length=400),
            },
            "The choices behind counting Kerry's meetings with each leader: every combination of one option per "
            "dimension is a specification of the book's specification curve.",
            (
                RowRule("option", "options are unique within their dimension", _unique_within("dimension", "option")),
                RowRule("account_reading", "each dimension marks exactly one option as the account's reading", _one_reading_per_dimension),
                RowRule("parameter", "the parameter fits its dimension", _specification_parameter_fits),
            ),
            reads=("phases", "periods"),
            datasets=("hsg_kerry_travels",),
        ),
        Table(
            "corrections",
            {
                "correction_id": Column(unique=True, pattern=re.compile(r"C\d{3}")),
                "date": Column(pattern=ISO_DATE),
                "subject": Column(pattern=re.compile(rf"{RECORD_SUBJECT.pattern}|{CHAPTER_SUBJECT.pattern}")),
                "kind": Column("choice", choices=("verdict", "evidence", "event", "record", "number")),
                "before": Column(max_length=300),
                "after": Column(max_length=300),
                "reason": Column(max_length=600),
                "source_ids": Column(pattern=SOURCE_LIST),
            },
            "Every change to a published number, verdict or record, with its date and reason: the book's corrections log.",
            (
                RowRule("source_ids", "every source is listed in sources.csv, and named once", _sources_listed("source_ids")),
                RowRule("subject", "a chapter named is one of the book's numbered chapters, by its page", _chapter_in_book),
                RowRule("subject", "a claim, event or meeting named is a row of its table; a table named is one of data/", _subject_exists),
                RowRule(
                    "date",
                    "a correction is dated no later than the edition that carries it (CITATION.cff's date-released): "
                    "a later one needs a new edition",
                    _by_the_edition,
                ),
                RowRule(
                    "date",
                    "a correction is dated after the account it checks was published (sources.csv, tnr2014)",
                    _after_the_account,
                ),
                RowRule(
                    "subject",
                    "a correction of a verdict names the claim (K…) whose verdict changed",
                    lambda f, directory: (f["kind"] != "verdict") | f["subject"].str.fullmatch(CLAIM_ID.pattern),
                ),
                RowRule(
                    "after",
                    f"a correction of a verdict gives the verdict it now is first ({', '.join(VERDICT_LABELS)}): the "
                    "ledger is held to the latest",
                    lambda f, directory: (
                        (f["kind"] != "verdict") | f["after"].str.casefold().map(lambda text: text.startswith(VERDICT_LABELS))
                    ),
                ),
                RowRule(
                    "date",
                    "a correction is dated no earlier than the one before it: the log is kept in the order it was written",
                    _dated_in_turn,
                ),
                RowRule(
                    "correction_id",
                    "ids number the corrections in turn from 1, none missing: a published correction is never deleted; "
                    "one withdrawn is corrected by a later one that says so (as C109 withdraws C088)",
                    _numbered_in_turn("correction_id"),
                ),
            ),
            reads=("claims", "events", "meetings", "sources"),
            repository_files=("CITATION.cff", "_toc.yml"),
        ),
        Table(
            "settlement_announcements",
            {
                "announcement_id": Column(unique=True, pattern=re.compile(r"S\d{2}")),
                "date": Column("date", period="evidence_tables"),
                "date_precision": Column("choice", choices=("day", "month")),
                "stage": Column(
                    "choice",
                    choices=("plan", "tender", "re-issued tender", "permit", "approval", "planning tender later withdrawn"),
                ),
                "body": Column(),
                "units_total": Column("count", **UNITS_BOUND),
                "units_west_bank": Column("count", required=False, **UNITS_BOUND),
                "units_east_jerusalem": Column("count", required=False, **UNITS_BOUND),
                "units_reissued": Column("count", required=False, **UNITS_BOUND),
                "units_total_alternative": Column("count", required=False, **UNITS_BOUND),
                "alternative_note": Column(required=False),
                "reissued": Column("choice", choices=("yes", "no", "partly")),
                "counted": Column("choice", choices=("yes", "no")),
                "not_counted_reason": Column(required=False),
                "sites_itemised": Column("choice", choices=SITES_ITEMISED),
                "source_id": Column("source"),
                "certainty": Column("choice", choices=("reported", "uncertain", "withdrawn")),
                "notes": Column(required=False),
            },
            "Dated settlement plans, tenders and permits announced around the talks.",
            (
                RowRule("date", "an announcement known to its month is dated its first day", _month_on_its_first_day),
                RowRule("date", "an announcement is dated no later than the report that gives it", _not_after_its_report),
                RowRule(
                    "source_id",
                    "an announcement's report is dated to its day or month: an undated one, or one known to its year, bounds"
                    " no announcement's date",
                    _source_of_a_known_month,
                ),
                RowRule("units_total", "West Bank plus East Jerusalem units do not exceed the total", _parts_not_above_total),
                RowRule(
                    "units_total",
                    "a counted announcement announces at least one unit",
                    lambda f, directory: (f["counted"] != "yes") | (pd.to_numeric(f["units_total"], errors="coerce") != 0),
                ),
                RowRule(
                    "date_precision",
                    "a counted announcement is dated to its day: the book counts the days from it to a prisoner release",
                    lambda f, directory: (f["counted"] != "yes") | (f["date_precision"] == "day"),
                ),
                RowRule(
                    "announcement_id",
                    "no row repeats an earlier announcement's day, stage and units: a copy under a new id, however "
                    "its other columns differ, is counted twice",
                    _first_of_its_kind(ANNOUNCEMENT_IDENTITY),
                ),
                RowRule(
                    "announcement_id",
                    "no row repeats an earlier announcement's day, body and report: one body's announcements of one day in one"
                    " report are one row, its regions and stages in its columns and notes (a copy with a unit more, or another"
                    " stage, was counted twice)",
                    _first_of_its_kind(ANNOUNCEMENT_OCCASION),
                ),
                RowRule(
                    "units_total",
                    "a counted announcement's West Bank and East Jerusalem units add up to its total",
                    _regions_make_the_total,
                ),
                RowRule(
                    "units_reissued",
                    "no more units re-issued than announced: all of them when the whole announcement was, some when part of it was",
                    _reissued_within_total,
                ),
                RowRule(
                    "stage",
                    "a re-issued tender is an announcement re-issued whole, and a tender re-issued whole is a re-issued tender",
                    lambda f, directory: (
                        ~(
                            ((f["stage"] == "re-issued tender") & (f["reissued"] != "yes"))
                            | ((f["stage"] == "tender") & (f["reissued"] == "yes"))
                        )
                    ),
                ),
                RowRule(
                    "units_reissued",
                    "re-issued units are given when, and only when, the announcement was re-issued in part or whole",
                    lambda f, directory: present(f["units_reissued"]) == (f["reissued"] != "no"),
                ),
                RowRule(
                    "not_counted_reason",
                    "a row left out of totals says why",
                    _required_when("not_counted_reason", lambda f: f["counted"] == "no"),
                ),
                RowRule(
                    "alternative_note",
                    "an alternative count says which source gives it",
                    _required_when("alternative_note", lambda f: present(f["units_total_alternative"])),
                ),
            ),
        ),
        Table(
            "settlement_sites",
            {
                "announcement_id": Column(pattern=re.compile(r"S\d{2}")),
                "site": Column(),
                "region": Column("choice", choices=("west_bank", "east_jerusalem")),
                "units": Column("count", **UNITS_BOUND),
                "reissued": Column("choice", choices=("yes", "no")),
                "source_id": Column("source"),
                "notes": Column(required=False),
            },
            "Sites and unit counts itemised in each announcement.",
            (
                RowRule(
                    "announcement_id",
                    "names an announcement of settlement_announcements.csv",
                    _references("announcement_id", "settlement_announcements", "announcement_id"),
                ),
                RowRule("site", f"one row per site of an announcement ({COMPARED})", _one_row_per("announcement_id", "site")),
                RowRule("site", "a site is spelled as its first row spells it (letters compared, case aside)", _spelled_as_elsewhere),
                RowRule(
                    "units",
                    "an announcement's sites in a region hold no more units than it gives that region"
                    " (or its other total, where it records one)",
                    _sites_within_announcement,
                ),
                RowRule(
                    "units",
                    "an announcement with every site itemised (sites_itemised all) has sites that, region by region, add up"
                    " to the units it gives that region; one with none itemised has no site rows",
                    _sites_as_itemised,
                ),
            ),
            reads=("settlement_announcements",),
        ),
        Table(
            "prisoner_releases",
            {
                "tranche": Column("count", unique=True, maximum=4, why="the cabinet decision (0) and the four tranches it set"),
                "decision_date": Column("date", required=False, period=ERA),
                "scheduled_date": Column("date", required=False, period=ERA),
                "actual_date": Column("date", required=False, period=ERA),
                "count": Column("count", **PRISONERS_BOUND),
                "to_west_bank": Column("count", required=False, **PRISONERS_BOUND),
                "to_east_jerusalem": Column("count", required=False, **PRISONERS_BOUND),
                "to_gaza": Column("count", required=False, **PRISONERS_BOUND),
                "status": Column("choice", choices=("approved", "released", "cancelled")),
                "source_id": Column("source"),
                "notes": Column(required=False),
            },
            "The cabinet decision (tranche 0) and the four tranches of pre-Oslo prisoners.",
            (
                RowRule(
                    "count",
                    "where destinations are given, the prisoners sent to each add up to the tranche's count",
                    _destinations_make_the_count,
                ),
                RowRule(
                    "count", "the cabinet decision's prisoners (tranche 0) are its four tranches' together", _tranches_make_the_decision
                ),
                RowRule("scheduled_date", "no tranche is due before the cabinet decided them", _after_the_decision("scheduled_date")),
                RowRule("actual_date", "no tranche is freed before the cabinet decided them", _after_the_decision("actual_date")),
                RowRule("actual_date", "a tranche is freed after the tranche before it", _freed_in_turn),
                RowRule(
                    "actual_date",
                    "a tranche is freed no earlier than the day it was due (each was late or on time): an earlier "
                    "release date is the two dates swapped",
                    _freed_no_earlier_than_due,
                ),
                RowRule(
                    "actual_date",
                    "released tranches have a release date",
                    _required_when("actual_date", lambda f: f["status"] == "released"),
                ),
                RowRule(
                    "actual_date",
                    "cancelled tranches have no release date",
                    _empty_when("actual_date", lambda f: f["status"] == "cancelled"),
                ),
            ),
        ),
        Table(
            "claims",
            {
                "claim_id": Column(unique=True, pattern=CLAIM_ID),
                "seed_quote": Column(seed_quote=True, max_length=300),
                "stated_as": Column(max_length=60),
                "claimed_value": Column("number"),
                "comparison": Column("choice", choices=COMPARISONS),
                "unit": Column(),
                "subject": Column(max_length=160),
                "chapter": Column("choice", choices=PHASES),
                "topic": Column("choice", choices=CLAIM_TOPICS),
                "evidence_method": Column(),
                "alternative_method": Column(required=False),
                "alternative_kind": Column("choice", required=False, choices=ALTERNATIVE_KINDS),
                "not_checkable_reason": Column(required=False),
                "reason_source_ids": Column(required=False, pattern=SOURCE_LIST),
                "speaker": Column(required=False),
            },
            "Every quantitative claim in the account, with how the book checks it.",
            (
                RowRule("claim_id", NEVER_DELETED, _numbered_in_turn("claim_id")),
                RowRule("stated_as", "the words are in the claim’s quotation, on a word’s edge", _in_its_quote("stated_as")),
                RowRule(
                    "stated_as",
                    "the words give the claimed value and allow its comparison, as the book reads them (stated_numbers.reading)",
                    _stated_reading_is_the_claim,
                ),
                RowRule("stated_as", "no two claims read the same words at the same place of the account", _stated_once),
                RowRule(
                    "evidence_method",
                    "names a method of evidence_methods.csv, or none",
                    _references("evidence_method", "evidence_methods", "method", also=("none",)),
                ),
                RowRule(
                    "alternative_method",
                    "names a method of evidence_methods.csv",
                    _references("alternative_method", "evidence_methods", "method"),
                ),
                RowRule("speaker", "names an actor of actors.csv", _references("speaker", "actors", "actor")),
                RowRule(
                    "speaker",
                    "a claim whose quote stands inside quotation marks in the account names whose words they are, and only such a claim",
                    _speaker_when_spoken,
                ),
                RowRule(
                    "unit",
                    "the unit its evidence methods count in (evidence_methods.csv's unit): the claim and its evidence are read in one",
                    _unit_of_its_methods,
                ),
                RowRule(
                    "alternative_kind",
                    "an alternative method says what kind it is, and only then",
                    lambda f, directory: present(f["alternative_method"]) == present(f["alternative_kind"]),
                ),
                RowRule(
                    "alternative_method",
                    "only a checked claim has an alternative method",
                    _empty_when("alternative_method", lambda f: f["evidence_method"] == "none"),
                ),
                RowRule(
                    "not_checkable_reason",
                    "claims with no evidence method say why they cannot be checked",
                    _required_when("not_checkable_reason", lambda f: f["evidence_method"] == "none"),
                ),
                RowRule(
                    "not_checkable_reason",
                    "a checked claim has no not-checkable reason",
                    _empty_when("not_checkable_reason", lambda f: f["evidence_method"] != "none"),
                ),
                RowRule(
                    "reason_source_ids",
                    "every source the reason cites is listed in sources.csv, and named once",
                    _sources_listed("reason_source_ids"),
                ),
                RowRule(
                    "reason_source_ids",
                    "sources are given only for a not-checkable reason, which cites them",
                    _empty_when("reason_source_ids", lambda f: ~present(f["not_checkable_reason"])),
                ),
            ),
            reads=("actors", "evidence_methods", "sources"),
        ),
        Table(
            "claim_exclusions",
            {
                "exclusion_id": Column(unique=True, pattern=re.compile(r"X\d{3}")),
                "seed_quote": Column(seed_quote=True, max_length=300),
                "token": Column(max_length=40),
                "reason": Column(max_length=200),
            },
            "The account's passages set aside, each with the number or quantity word it holds and why that is not a claim"
            " (a date that only places an event, a name, a heading).",
            (RowRule("token", "the token is inside its quote, on a word’s edge", _in_its_quote("token")),),
        ),
        Table(
            "reference_facts",
            {
                "fact_id": Column(unique=True, pattern=re.compile(r"[a-z0-9_]+")),
                "value": Column("number", required=False),
                "date": Column("date", required=False, period=HISTORY),
                "unit": Column(),
                "description": Column(max_length=300),
                "source_id": Column("source"),
            },
            "Public-record facts that settle claims the project's tables cannot (ages, votes, counts in reports), with their sources.",
            (
                RowRule(
                    "value",
                    "a fact has a value or a date",
                    lambda f, directory: present(f["value"]) | present(f["date"]),
                ),
                RowRule(
                    "value",
                    "a fact given as a year or a day of the month, with its date, is that date's year or day",
                    _a_year_or_day_of_its_date,
                ),
            ),
        ),
        Table(
            "evidence_methods",
            {
                "method": Column(unique=True, pattern=re.compile(r"[a-z0-9_]+")),
                "function": Column("choice", choices=EVIDENCE_FUNCTIONS),
                "period": Column(required=False),
                "parameter": Column(required=False),
                "unit": Column(max_length=80),
                "basis": Column(max_length=200),
                "figure": Column(required=False, pattern=re.compile(r"[a-z_]+\.html#fig-[a-z0-9-]+")),
            },
            "How each checkable claim is checked: the function, the period it counts over and its one parameter.",
            (
                RowRule("period", "names a period of phases.csv or periods.csv", _names_a_period("period")),
                RowRule(
                    "period",
                    "given when, and only when, the function counts within a period (COUNTED_WITHIN_A_PERIOD)",
                    lambda f, directory: present(f["period"]) == f["function"].isin(COUNTED_WITHIN_A_PERIOD),
                ),
                RowRule(
                    "parameter",
                    "given when, and only when, the function takes one (TAKING_A_PARAMETER)",
                    lambda f, directory: present(f["parameter"]) == f["function"].isin(TAKING_A_PARAMETER),
                ),
                RowRule(
                    "parameter",
                    f"a reference value ({', '.join(READING_A_FACTS_VALUE)}) names facts that have a value",
                    _facts_give("value", READING_A_FACTS_VALUE),
                ),
                RowRule(
                    "parameter",
                    f"an age or term ({', '.join(READING_A_FACTS_DATE)}) counts from a fact that has a date",
                    _facts_give("date", READING_A_FACTS_DATE),
                ),
                RowRule("parameter", "names no event the audit contradicted (events.csv's audit_status)", _names_no_contradicted_event),
                RowRule(
                    "parameter",
                    "a reference value names facts in the method's unit (its words, parentheses and plurals aside)",
                    _facts_in_its_unit,
                ),
                RowRule("parameter", "a killed filter names each column once", _each_filter_once),
                RowRule(
                    "parameter",
                    "names rows that exist, in the tables its function reads (a party of knesset_2013.csv, an event or "
                    "meeting, a reference fact, an announcement, a tranche, a stop of the travel record), as many as it "
                    "reads, none twice",
                    _names_rows_that_exist_each_once,
                ),
                RowRule(
                    "parameter",
                    f"a rate ({RATE_FUNCTION}) names a reference fact counting a whole number, at least 2 (a gap between"
                    " them), of what the rate counts per week (a fact in sessions for sessions per week)",
                    _rate_rule(_counts_in_the_rates_unit),
                ),
                RowRule(
                    "parameter",
                    f"a rate ({RATE_FUNCTION}) names a reference fact dated its period’s last day, the day the count was given",
                    _rate_rule(_dated_the_periods_last_day),
                ),
                RowRule(
                    "period",
                    f"a rate ({RATE_FUNCTION}) is counted over a period of periods.csv that starts at an event and lasts a day or more",
                    _rate_rule(_starts_at_an_event_and_lasts),
                ),
            ),
            reads=(
                "phases",
                "periods",
                "reference_facts",
                "events",
                "knesset_2013",
                "settlement_announcements",
                "prisoner_releases",
                "meetings",
            ),
            datasets=("hsg_kerry_travels",),
        ),
        Table(
            "knesset_2013",
            {
                "party": Column(unique=True),
                "leader": Column(),
                "seats": Column("count", maximum=KNESSET_SEATS, why="the Knesset has 120 seats"),
                "in_coalition_2013": Column("choice", choices=("yes", "no")),
                "seats_source_id": Column("source"),
                "coalition_source_id": Column("source"),
            },
            "Seats won in the 22 Jan 2013 Knesset election and the coalition formed after it.",
            (
                RowRule("seats", "the parties' seats add up to the Knesset's 120", _seats_fill_the_knesset),
                RowRule(
                    "in_coalition_2013",
                    "the coalition formed after the election holds a majority of the Knesset's 120 seats",
                    _coalition_holds_a_majority,
                ),
            ),
        ),
        Table(
            "casualty_benchmarks",
            {
                "benchmark_id": Column(unique=True, pattern=re.compile(r"B\d{2}")),
                "period_start": Column("date", period="records_audit"),
                "period_end": Column("date", period="records_audit"),
                "population": Column(),
                "value": Column("count", maximum=5_000, why="more than twice the deadliest period in the book, the 2014 Gaza war"),
                "source_id": Column("source"),
                "records_citizenship": Column("choice", choices=("Palestinian", "Israeli", "any")),
                "records_region": Column("choice", choices=("West Bank", "Gaza Strip", "Israel", "Gaza Strip or Israel", "any")),
                "records_killed_by": Column(
                    "choice", choices=("Israeli security forces", "Palestinian civilians", "Israeli civilians", "any")
                ),
                "records_took_part": Column("choice", choices=("No", "any")),
                "records_max_age": Column("count", required=False, maximum=120, why="a human age"),
                "notes": Column(required=False),
                # What the book asks a benchmark for, by name (pages never type a benchmark id).
                "role": Column(
                    "choice",
                    required=False,
                    unique=True,
                    choices=("war_palestinians_published", "war_israelis_published", "war_israelis_ocha", "israelis_2013"),
                ),
                # The records lack deaths this total counts: the side's counts in its window are lower bounds.
                "records_lack_deaths": Column("choice", choices=("yes", "no")),
            },
            "Published casualty totals, with the filter that gives the comparable count from the records.",
            (
                RowRule("period_end", "period_end is not before period_start", _not_after("period_start", "period_end")),
                RowRule(
                    "value",
                    "the kinds of people the population counts apart (soldiers, civilians, security coordinators) add up to the value,"
                    " or, one kind named alone, do not exceed it: two kinds or more in the population are read as the whole",
                    _kinds_make_the_value,
                ),
            ),
        ),
        Table(
            "framework_positions",
            {
                "issue": Column("choice", choices=("borders", "refugees", "Jerusalem", "recognition", "security")),
                "party": Column("choice", choices=("US framework", "Israel (Netanyahu)", "Palestinians (Abbas)")),
                "position": Column(max_length=120),
                "seed_quote": Column(seed_quote=True, max_length=300),
                "source_id": Column("source"),
            },
            "The framework's core issues and each side's position as the account reports it.",
            (RowRule("party", f"one position per issue and party ({COMPARED})", _one_row_per("issue", "party")),),
        ),
        Table(
            "grand_bargain",
            {
                "component_id": Column(unique=True, pattern=re.compile(r"G\d")),
                "gives": Column("choice", choices=("Israel", "Palestinians", "United States")),
                "receives": Column("choice", choices=("Israel", "Palestinians", "United States")),
                "component": Column(max_length=120),
                "seed_quote": Column(seed_quote=True, max_length=300),
                "source_id": Column("source"),
            },
            "The components of Kerry's March 2014 extension deal, as the account reports them.",
            (
                RowRule(
                    "receives", "a side gives to another side, not to itself", lambda frame, directory: frame["gives"] != frame["receives"]
                ),
            ),
        ),
        Table(
            "jordan_crossings",
            {
                "crossing_id": Column(unique=True, pattern=re.compile(r"R\d")),
                "name": Column(unique=True, max_length=40, why="it is written beside its diamond on the map"),
                "status": Column(max_length=80),
                "lon": Column("number"),
                "lat": Column("number"),
                "source_id": Column("source"),
            },
            "The Jordan River crossings the Jordan Valley map marks, where each lies (WGS84) and whether it is open.",
            _coordinates_in_mapped_region(),
        ),
        Table(
            "map_places",
            {
                "place_id": Column(unique=True, pattern=re.compile(r"P\d\d")),
                "name": Column(max_length=40, why="it is written beside its place on the map"),
                "figure": Column("choice", choices=MAPS_NAMING_PLACES),
                "kind": Column("choice", choices=PLACE_KINDS),
                "located_by": Column("choice", choices=(*PLACE_DATASETS, TYPED_COORDINATES)),
                "name_in_dataset": Column(required=False),
                "lon": Column("number", required=False),
                "lat": Column("number", required=False),
                "source_id": Column("source", required=False),
                "located_from": Column(max_length=40, why="the map's tooltip says it"),
            },
            "The places the maps name that no layer of theirs holds: a city or a neighbourhood, the dataset that places it"
            " (by the name it gives the place there) or the coordinates typed here with their source.",
            (
                RowRule(
                    "name",
                    "named once on its map",
                    lambda f, directory: ~f.duplicated(subset=["figure", "name"], keep=False),
                ),
                RowRule(
                    "kind",
                    "the kind of place its map names: " + "; ".join(f"{kind}, on {figure}" for figure, kind in KIND_NAMED_BY_MAP.items()),
                    lambda f, directory: f["kind"] == f["figure"].map(KIND_NAMED_BY_MAP),
                ),
                RowRule(
                    "name_in_dataset",
                    "no two places of one map stand on one dataset's same place",
                    lambda f, directory: (
                        ~present(f["name_in_dataset"]) | ~f.duplicated(subset=["figure", "located_by", "name_in_dataset"], keep=False)
                    ),
                ),
                RowRule(
                    "located_from",
                    "one wording for each way of locating, and another for each other way (the tooltip says where the point comes from)",
                    lambda f, directory: (
                        (f.groupby("located_by")["located_from"].transform("nunique") == 1)
                        & (f.groupby("located_from")["located_by"].transform("nunique") == 1)
                    ),
                ),
                RowRule(
                    "source_id",
                    'the source of typed coordinates states them in its title, as "31.95522 N 35.94503 E", and they are the row\'s',
                    _typed_point_as_its_source_states,
                ),
                RowRule(
                    "name_in_dataset",
                    "given when, and only when, a dataset places the place",
                    lambda f, directory: present(f["name_in_dataset"]) == (f["located_by"] != TYPED_COORDINATES),
                ),
                *(
                    RowRule(
                        column,
                        f"given when, and only when, the row types its coordinates (located_by {TYPED_COORDINATES})",
                        lambda f, directory, column=column: present(f[column]) == (f["located_by"] == TYPED_COORDINATES),
                    )
                    for column in ("lon", "lat", "source_id")
                ),
                *_coordinates_in_mapped_region(),
            ),
            reads=("sources",),
        ),
        Table(
            "house_terms",
            {
                "term": Column(unique=True),
                "usage": Column(max_length=400),
                "avoid": Column(required=False),
                "why": Column(max_length=300),
                "source_id": Column("source"),
            },
            "The house vocabulary: one name for each contested place and event, as the book uses it in text, captions and labels.",
        ),
        Table(
            "dictionary",
            {"table": Column(), "column": Column(), "description": Column()},
            "What every column of every table means.",
            (
                RowRule(
                    "column",
                    "one description per column of a table (the downloads kept the last of two)",
                    lambda f, directory: ~f.duplicated(["table", "column"], keep=False),
                ),
                RowRule("column", "names a column of its table (the table's schema)", _a_column_of_its_table),
                RowRule(
                    "column",
                    "every column of every table has its row (the last row carries a missing one)",
                    _every_column_described,
                ),
            ),
        ),
        Table(
            "peacenow_totals",
            {
                "metric": Column(unique=True, pattern=re.compile(r"[a-z0-9_]+")),
                "value": Column("count", maximum=100_000, why="more units than exist in all the settlements"),
                "scope": Column("choice", choices=("West Bank", "East Jerusalem", "West Bank and East Jerusalem")),
                "period_start": Column("date", period=ERA),
                "period_end": Column("date", period=ERA),
                "source_id": Column("source"),
                "notes": Column(required=False),
            },
            "Peace Now's published totals of settlement units promoted during the talks.",
            (
                RowRule("period_end", "a period ends no earlier than it starts", _not_after("period_start", "period_end")),
                RowRule(
                    "metric",
                    f"the metrics the book reads by name ({', '.join(PEACENOW_METRICS_READ)}) each have a row (the last row"
                    " carries a missing one)",
                    _every_metric_read,
                ),
                RowRule(
                    "value",
                    "a total is the sum of its parts ("
                    + "; ".join(f"{total} = {' + '.join(parts)}" for total, parts in PEACENOW_PARTS.items())
                    + ")",
                    _totals_of_their_parts,
                ),
            ),
        ),
    ]
}
