"""The project's own data tables: one validating loader for the schemas of `analysis.data.schemas`.

Every table in `data/` is read as text, checked column by column against its
schema, checked against the other tables (every source id exists,
every seed quote is verbatim in the account), and only then converted to
typed columns. A broken rule is an error naming the file, the line in the
file, the column, the value and the rule; nothing is dropped or coerced.

A table that passed is remembered by a record in `_build/validated/`, named by
the digest of everything its validation read and ran: the bytes of its file and
of every table its rules read, the account when a rule quotes it, the data
tier's code, the lock and the Python version. Each chapter kernel, build step
and test then reads a known-good table without re-running the rules; any
other bytes are validated afresh, and only a pass is ever recorded. Within one
process a pass is also kept in memory by the same digest, wherever its files
were read from.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import datetime
import functools
import hashlib
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.data import fingerprint, reads
from analysis.data.schemas import (
    CHAPTERS_DIR,
    FIELD_RULE,
    ISO_DATE,
    MAX_FIELD_CHARACTERS,
    MAX_TABLE_BYTES,
    SOURCE_DATE,
    TABLES,
    Column,
    Table,
    present,
)
from analysis.data.seed import quote_in_seed, seed_text
from analysis.data.text_rules import (
    COMPARED,
    INVISIBLE,
    INVISIBLE_RULE,
    MIXED_SCRIPT_RULE,
    OTHER_SPACE_RULE,
    OTHER_SPACES,
    PLACEHOLDER_RULE,
    PLACEHOLDERS,
    UNSAFE_CHARACTERS,
    comparable,
    has_invisible,
    mixes_scripts,
)
from analysis.errors import DataError, Problem, ValidationError
from analysis.paths import REPO_ROOT, data_dir, display_path, manifest_path

VALIDATED_DIR = REPO_ROOT / "_build" / "validated"


def is_calendar_date(value: str) -> bool:
    """True for "n.d." and for a year, a year and month or a full date (ISO) that the calendar has: not 30 Feb,
    nor month 13; a value of another shape is left to the column's pattern."""
    formats = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
    if value == "n.d." or len(value) not in formats:
        return True
    try:
        datetime.datetime.strptime(value, formats[len(value)])
    except ValueError:
        return False
    return True


def _is_key(name: str, spec: Column) -> bool:
    """Ids and keys: source columns, patterned columns and every `*_id` or `*_ids` column."""
    return spec.kind == "source" or spec.pattern is not None or name.endswith(("_id", "_ids"))


@dataclass(frozen=True)
class ColumnCheck:
    """One rule for every value of a column: `test` gives True for each value that keeps it."""

    test: Callable[[pd.Series], pd.Series]
    error: str


def _present_only(test: Callable[[pd.Series], pd.Series]) -> Callable[[pd.Series], pd.Series]:
    return lambda values: ~present(values) | test(values)


# The checks that read each value alone, the same for every column they apply to: run once over all of a
# table's cells (a pandas call per column and check was most of the validation's time).
TEXT_CHECKS = (
    ColumnCheck(lambda v: ~v.str.contains(UNSAFE_CHARACTERS), error="no control, NUL or bidirectional-override characters"),
    ColumnCheck(lambda v: ~v.map(has_invisible), error=INVISIBLE_RULE),
    ColumnCheck(lambda v: v == v.str.strip(), error="no leading or trailing whitespace"),
    ColumnCheck(lambda v: ~v.map(mixes_scripts), error=MIXED_SCRIPT_RULE),
    ColumnCheck(lambda v: ~v.str.strip().str.casefold().isin(PLACEHOLDERS), error=PLACEHOLDER_RULE),
)
PLAIN_SPACES_ONLY = ColumnCheck(lambda v: ~v.str.contains(OTHER_SPACES), error=OTHER_SPACE_RULE)
ASCII_ONLY = ColumnCheck(lambda v: v.map(str.isascii), error="ASCII only (a key or id)")
REQUIRED = ColumnCheck(present, error="a value is required")
NOT_BLANK = ColumnCheck(_present_only(lambda v: v.str.replace(INVISIBLE, "", regex=True).str.strip() != ""), error="not blank")
CELLWISE = frozenset((*TEXT_CHECKS, PLAIN_SPACES_ONLY, ASCII_ONLY, REQUIRED, NOT_BLANK))


def _column_checks(name: str, spec: Column, bounds: tuple[str, str] | None) -> list[ColumnCheck]:
    checks: list[ColumnCheck] = list(TEXT_CHECKS)
    if not spec.seed_quote:
        checks.append(PLAIN_SPACES_ONLY)
    if _is_key(name, spec):
        checks.append(ASCII_ONLY)
    if spec.required:
        checks += [REQUIRED, NOT_BLANK]
    if spec.kind == "choice":
        checks.append(ColumnCheck(_present_only(lambda v: v.isin(spec.choices)), error=f"one of {list(spec.choices)}"))
    elif spec.kind == "date":
        checks.append(
            ColumnCheck(
                _present_only(lambda v: v.str.fullmatch(ISO_DATE.pattern) & pd.to_datetime(v, format="%Y-%m-%d", errors="coerce").notna()),
                error="an ISO date YYYY-MM-DD",
            )
        )
        if bounds is not None:
            first, last = bounds
            checks.append(
                ColumnCheck(
                    _present_only(lambda v: (v >= first) & (v <= last)),
                    error=f"within period {spec.period!r} of periods.csv ({first} to {last})",
                )
            )
    elif spec.kind == "count":
        checks.append(
            ColumnCheck(_present_only(lambda v: v.str.fullmatch(r"0|[1-9][0-9]*")), error="a non-negative whole number in ASCII digits")
        )
    elif spec.kind == "number":
        checks.append(
            ColumnCheck(
                _present_only(lambda v: v.str.fullmatch(r"(?!-0$)-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?")),
                error=NUMBER_RULE,
            )
        )
    if spec.kind in ("count", "number"):
        checks.append(ColumnCheck(_present_only(lambda v: v.map(significant_digits) <= FLOAT_DIGITS), error=FLOAT_DIGITS_RULE))
    if spec.maximum is not None:
        checks.append(
            ColumnCheck(
                _present_only(lambda v: pd.to_numeric(v, errors="coerce").fillna(0) <= spec.maximum),
                error=f"at most {spec.maximum:,g} ({spec.why})",
            )
        )
    if spec.pattern is not None:
        checks.append(
            ColumnCheck(
                _present_only(lambda v: v.str.fullmatch(spec.pattern.pattern, flags=re.ASCII)),
                error=f"matches {spec.pattern.pattern} (ASCII digits and letters)",
            )
        )
    if spec.pattern in (ISO_DATE, SOURCE_DATE):
        checks.append(ColumnCheck(_present_only(lambda v: v.map(is_calendar_date)), error="a day, month or year the calendar has"))
    if spec.max_length is not None:
        limit = f"at most {spec.max_length} characters" + (f" ({spec.why})" if spec.why else "")
        checks.append(ColumnCheck(lambda v: v.str.len() <= spec.max_length, error=limit))
    if spec.seed_quote:
        checks.append(ColumnCheck(_present_only(lambda v: v.map(quote_in_seed).astype(bool)), error="found verbatim in the seed account"))
    if spec.unique:  # an optional column's empty cells are not values, so never duplicates
        checks.append(
            ColumnCheck(
                lambda v: ~v.map(comparable).duplicated(keep=False) | v.map(comparable).eq(""),
                error=f"unique within the table (empty cells apart), {COMPARED}",
            )
        )
    return checks


def _period_bounds(table: Table, directory: Path, frame: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """ISO bounds of each period a date column of `table` must fall in, read
    from periods.csv beside the table (for periods.csv itself, from its own
    rows, still as text: `frame`)."""
    names = {spec.period for spec in table.columns.values() if spec.period}
    if not names:
        return {}
    if table.name == "periods":
        windows = frame.drop_duplicates("period").set_index("period")
    else:
        windows = load("periods", directory).set_index("period")
    unknown = sorted(names - set(windows.index))
    if unknown:
        raise DataError(f"{table.file}: its schema names period(s) {unknown} that periods.csv lacks")
    return {name: (str(windows.at[name, "start"])[:10], str(windows.at[name, "end"])[:10]) for name in names}


CARRIAGE_RETURN_RULE = "lines end with a line feed alone (LF), not a carriage return (CRLF)"


def read_rows(path: Path, expected_columns: list[str]) -> tuple[pd.DataFrame, list[int]]:
    """Read a CSV strictly as text. Returns the frame and the file line of each row."""
    label = display_path(path)
    if path.is_symlink():
        # Named by where it points, its contents never printed: a link to a file outside the repository printed its first line.
        linked = f"a link to {os.readlink(path)}"
        raise ValidationError(label, [Problem(None, None, linked, "a table is a file of its own, not a symbolic link")])
    if not path.is_file():
        raise ValidationError(label, [Problem(None, None, str(path), "the table file exists")])
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        raise ValidationError(label, [Problem(None, None, f"{size:,} bytes", f"a table is at most {MAX_TABLE_BYTES:,} bytes")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValidationError(label, [Problem(line, None, raw[error.start : error.end], "text is UTF-8")]) from None
    if text.startswith("\ufeff"):
        raise ValidationError(label, [Problem(1, None, "\\ufeff", "no byte-order mark")])
    if "\r" in text:
        # An editor that saved the table with Windows line ends changed every line's bytes and no value:
        # refused here by name, not left to the notebooks' fingerprints to report as stale chapters.
        line = text[: text.index("\r")].count("\n") + 1
        raise ValidationError(label, [Problem(line, None, "\\r", CARRIAGE_RETURN_RULE)])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError(label, [Problem(1, None, "", "a header row is present")]) from None
    problems = [Problem(1, name, None, "column is present") for name in expected_columns if name not in header]
    problems += [Problem(1, name, None, "column is expected by the schema") for name in header if name not in expected_columns]
    if not problems and header != expected_columns:
        problems.append(Problem(1, None, header, f"columns in the order {expected_columns}"))
    if problems:
        raise ValidationError(label, problems)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    try:
        for record in reader:
            if len(record) != len(header):
                problems.append(Problem(start, None, record, f"a row has {len(header)} fields (found {len(record)})"))
            elif any(len(value) > MAX_FIELD_CHARACTERS for value in record):
                longest = max(len(value) for value in record)
                problems.append(Problem(start, None, f"{longest:,} characters", FIELD_RULE))
            elif any("\n" in value or "\r" in value for value in record):
                problems.append(Problem(start, None, record, "fields hold no line breaks"))
            else:
                rows.append(record)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        rule = FIELD_RULE if "field larger than field limit" in str(error) else "well-formed CSV quoting"
        problems.append(Problem(start, None, str(error), rule))
    if not text.endswith("\n"):
        problems.append(
            Problem(text.count("\n") + 1, None, text.splitlines()[-1][-40:], "the file ends with a newline (else it may be truncated)")
        )
    if problems:
        raise ValidationError(label, problems)
    if not rows:
        raise ValidationError(label, [Problem(2, None, "", "at least one data row")])
    return pd.DataFrame(rows, columns=header, dtype=str), lines


def _schema_problems(frame: pd.DataFrame, table: Table, lines: list[int], directory: Path) -> list[Problem]:
    """Every value that breaks a rule of its column, column by column and rule by rule. The checks are run
    directly, not through a validation library: pandera took twice as long over them, and `read_rows` already
    holds the columns to the schema's names and order."""
    bounds = _period_bounds(table, directory, frame)
    cells = pd.Series(frame.to_numpy().ravel(), dtype=object)
    kept_by_cell: dict[ColumnCheck, np.ndarray] = {}
    problems = []
    for index, (name, spec) in enumerate(table.columns.items()):
        values = frame[name]
        for check in _column_checks(name, spec, bounds.get(spec.period or "")):
            if check in CELLWISE:
                if check not in kept_by_cell:
                    kept_by_cell[check] = np.asarray(check.test(cells), dtype=bool).reshape(frame.shape)
                kept = kept_by_cell[check][:, index]
            else:
                kept = np.asarray(check.test(values), dtype=bool)
            for position in np.flatnonzero(~kept):
                problems.append(Problem(lines[position], name, values.iat[position], check.error))
    return problems


def _reference_problems(frame: pd.DataFrame, table: Table, lines: list[int], source_ids: set[str]) -> list[Problem]:
    problems = []
    for name, spec in table.columns.items():
        if spec.kind != "source":
            continue
        for position, value in enumerate(frame[name]):
            if (value or spec.required) and value not in source_ids:
                problems.append(Problem(lines[position], name, value, "names a source_id listed in sources.csv"))
    return problems


def _row_rule_problems(frame: pd.DataFrame, table: Table, lines: list[int], directory: Path) -> list[Problem]:
    problems = []
    for rule in table.row_rules:
        failed = (~rule.check(frame, directory).to_numpy()).nonzero()[0]
        why = rule.why(frame, directory).to_numpy() if rule.why and len(failed) else None
        for position in failed:
            said = rule.rule if why is None else f"{rule.rule} ({why[position]})"
            problems.append(Problem(lines[position], rule.column, frame.iloc[position][rule.column], said))
    return problems


FLOAT_DIGITS = 15
FLOAT_DIGITS_RULE = f"at most {FLOAT_DIGITS} significant digits (what a float holds exactly: more would be shown rounded)"


NUMBER_RULE = "a number in ASCII digits, written as it reads (no leading zeros, no zeros ending its decimals, no -0)"


def significant_digits(text: str) -> int:
    """The digits of a number's text from its first non-zero one ("0.050" has 2; "1,065" is not a number here)."""
    return len(text.lstrip("-").replace(".", "").lstrip("0"))


def _typed(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    typed = frame.copy()
    for name, spec in table.columns.items():
        values = frame[name].replace("", pd.NA)
        if spec.kind == "date":
            typed[name] = pd.to_datetime(values, format="%Y-%m-%d")
        elif spec.kind == "count":
            typed[name] = pd.to_numeric(values).astype("Int64")
        elif spec.kind == "number":
            typed[name] = pd.to_numeric(values).astype("Float64")
        else:
            typed[name] = values.astype("string")
    return typed


FIGURE_LINK_RULE = "names a figure of its page: a `:name:` label in chapters/<page>"


def _validated_rows(name: str, directory: Path | None) -> tuple[Path, pd.DataFrame, list[int]]:
    """Table `name` (in `directory`, default the data dir) validated, then its file, rows as text and their
    lines: for a check across tables that must name the line it refuses."""
    path = (directory or data_dir()) / TABLES[name].file
    load(name, directory)
    rows, lines = read_rows(path, list(TABLES[name].columns))
    return path, rows, lines


def figure_links_resolve(directory: Path | None = None) -> int:
    """Check that every figure link of evidence_methods.csv (in `directory`,
    default the data dir), `page.html#anchor`, names a figure its chapter
    labels (`:name: anchor` in chapters/page.ipynb or .md): the claims ledger
    links there. Run by the check, not at each load, since the chapters are
    rewritten while notebooks execute. Returns how many links it checked."""
    path, rows, lines = _validated_rows("evidence_methods", directory)
    chapters: dict[str, str] = {}

    def labelled(link: str) -> bool:
        page, _, anchor = link.partition(".html#")
        if page not in chapters:
            found = [chapter for chapter in (CHAPTERS_DIR / f"{page}.ipynb", CHAPTERS_DIR / f"{page}.md") if chapter.is_file()]
            chapters[page] = found[0].read_text(encoding="utf-8") if found else ""
        return re.search(rf":name: {re.escape(anchor)}\b", chapters[page]) is not None

    links = [(link, line) for link, line in zip(rows["figure"], lines, strict=True) if link]
    problems = [Problem(line, "figure", link, FIGURE_LINK_RULE) for link, line in links if not labelled(link)]
    if problems:
        raise ValidationError(display_path(path), problems)
    return len(links)


PERIOD_EVENT_RULE = "falls on the date of the event named beside it (start_event, end_event), as events.csv gives it"


PERIOD_DAY_RULE = "names an event known to its day: one known only to its month has no day to start or end on"
PERIOD_STANDING_RULE = "names an event the audit did not contradict (events.csv's audit_status)"


def period_events_agree(directory: Path | None = None) -> int:
    """Check that every phase (phases.csv) and period (periods.csv, in `directory`,
    default the data dir) that names the event it starts or ends on falls on that
    event's date in events.csv, so that re-dating an event moves no period
    silently. Run by the check (events.csv is validated against periods.csv, so
    neither table can read it while it loads). Returns how many bounds it checked."""
    events = load("events", directory).set_index("event_id")
    dates, known_to_the_month = events["date"].dt.strftime("%Y-%m-%d"), events["date_precision"] == "month"
    contradicted = events["audit_status"] == "contradicted"
    refused: dict[str, list[Problem]] = {}
    checked = 0
    for name in ("phases", "periods"):
        path, rows, lines = _validated_rows(name, directory)
        problems = []
        for position, row in rows.iterrows():
            for bound in ("start", "end"):
                event = row[f"{bound}_event"]
                if not event:
                    continue
                checked += 1
                if event not in dates.index:
                    problems.append(Problem(lines[position], f"{bound}_event", event, "names an event of events.csv"))
                elif known_to_the_month[event]:
                    problems.append(Problem(lines[position], f"{bound}_event", event, PERIOD_DAY_RULE))
                elif contradicted[event]:
                    problems.append(Problem(lines[position], f"{bound}_event", event, PERIOD_STANDING_RULE))
                elif dates[event] != row[bound]:
                    problems.append(Problem(lines[position], bound, row[bound], f"{PERIOD_EVENT_RULE}: {event} is dated {dates[event]}"))
        if problems:
            refused[display_path(path)] = problems
    refusals = [ValidationError(file, problems) for file, problems in refused.items()]
    if len(refusals) == 1:
        raise refusals[0]
    if refusals:
        raise DataError("\n".join(str(refusal) for refusal in refusals))
    return checked


RELEASE_EVENT_RULE = "a released tranche has a release event in events.csv, not contradicted by the audit, on its actual_date"


def releases_have_events(directory: Path | None = None) -> int:
    """Check that every tranche prisoner_releases.csv (in `directory`, default the data dir) marks released has its
    release in events.csv on its actual_date, the converse of events.csv's own rule: a cancelled tranche marked
    released and dated passed, and the book counted 104 prisoners freed. Run by the check (events.csv is validated
    against prisoner_releases.csv, so neither can read the other while it loads). Returns the released tranches."""
    path, rows, lines = _validated_rows("prisoner_releases", directory)
    # events.csv read as it stands, not through its validation: a tranche redated off its event is refused at the
    # event's line by events.csv's own rule, and here at the tranche's, so that neither is mended to match the other.
    events, _ = read_rows((directory or data_dir()) / TABLES["events"].file, list(TABLES["events"].columns))
    days = set(events.loc[(events["kind"] == "release") & (events["audit_status"] != "contradicted"), "date"])
    problems = [
        Problem(line, "status", status, f"{RELEASE_EVENT_RULE} ({day or 'none given'})")
        for line, status, day in zip(lines, rows["status"], rows["actual_date"], strict=True)
        if status == "released" and day not in days
    ]
    if problems:
        raise ValidationError(display_path(path), problems)
    return int((rows["status"] == "released").sum())


SITES_LISTED_RULE = "an announcement with every site itemised has site rows (settlement_sites.csv) in each region it gives units"


def sites_itemised_agree(directory: Path | None = None) -> int:
    """Check that every announcement marked as itemising all its sites (settlement_announcements.csv's
    sites_itemised) has site rows in each region it gives units: a deleted site row is otherwise lost from the
    maps without a word. Run by the check (settlement_sites.csv reads settlement_announcements.csv while it
    loads, so the announcements cannot read the sites). Returns how many announcements it checked."""
    sites = load("settlement_sites", directory)
    listed = set(zip(sites["announcement_id"], sites["region"], strict=True))
    path, rows, lines = _validated_rows("settlement_announcements", directory)
    problems, checked = [], 0
    for position, row in rows[rows["sites_itemised"] == "all"].iterrows():
        checked += 1
        unlisted = [
            region
            for region in ("west_bank", "east_jerusalem")
            if row[f"units_{region}"] not in ("", "0") and (row["announcement_id"], region) not in listed
        ]
        if unlisted:
            problems.append(
                Problem(lines[position], "sites_itemised", row["sites_itemised"], f"{SITES_LISTED_RULE}: none in {', '.join(unlisted)}")
            )
    if problems:
        raise ValidationError(display_path(path), problems)
    return checked


def _repeated_row_problems(frame: pd.DataFrame, lines: list[int]) -> list[Problem]:
    """Every row that repeats an earlier one, as a reader would tell them apart."""
    first_line: dict[tuple[str, ...], int] = {}
    problems = []
    for position, row in enumerate(frame.map(comparable).itertuples(index=False, name=None)):
        if row in first_line:
            shown = ",".join(frame.iloc[position])
            problems.append(
                Problem(lines[position], None, shown[:80], f"a row repeats no other ({COMPARED}): it repeats line {first_line[row]}")
            )
        else:
            first_line[row] = lines[position]
    return problems


def validate_file(path: Path, table: Table, source_ids: set[str] | None) -> pd.DataFrame:
    """Validate one file against `table`'s rules and return it typed.

    `source_ids` is the set source columns must refer to (None for sources.csv itself).
    """
    frame, lines = read_rows(path, list(table.columns))
    if any(spec.seed_quote for spec in table.columns.values()):
        seed_text()  # a missing account is one clear error, not a failed check per quote
    problems = _schema_problems(frame, table, lines, path.parent) + _repeated_row_problems(frame, lines)
    if source_ids is not None:
        problems += _reference_problems(frame, table, lines, source_ids)
    if not problems:
        problems += _row_rule_problems(frame, table, lines, path.parent)
    if problems:
        raise ValidationError(display_path(path), sorted(problems, key=lambda p: (p.line or 0, p.column or "")))
    return _typed(frame, table)


def load(name: str, directory: Path | None = None) -> pd.DataFrame:
    """Load and validate table `name` from `directory` (default: the data dir),
    checking its source ids against sources.csv in the same directory.

    A table is validated once per content of its files: the result is kept
    while the table, sources.csv and periods.csv keep the same bytes, and the
    caller gets its own copy."""
    if name not in TABLES:
        raise DataError(f"unknown table {name!r}; known: {sorted(TABLES)}")
    directory = (directory or data_dir()).resolve()
    return _validated(name, directory, _file_versions(directory, name)).copy()


def _validated_with(name: str) -> list[str]:
    """Table `name` and every table its validation loads (periods, when a column is
    bounded by a period, and the tables its rules read, and theirs)."""
    table = TABLES[name]
    names = [name]
    if name != "periods" and any(spec.period for spec in table.columns.values()):
        names += _validated_with("periods")
    for other in table.reads:
        names += _validated_with(other)
    return list(dict.fromkeys(names))


def _inputs(name: str) -> list[str]:
    """The files validating table `name` reads: those of the tables it is validated
    with (`_validated_with`) and sources.csv, which every source id is checked against."""
    return list(dict.fromkeys([*(TABLES[table].file for table in _validated_with(name)), TABLES["sources"].file]))


def _rules_run_with(name: str) -> list[str]:
    """The tables whose rules validating `name` runs: those it is validated with and sources.csv, which every
    source id is checked against (through its own validating load)."""
    return list(dict.fromkeys([*_validated_with(name), "sources"]))


def _datasets_read(name: str) -> list[str]:
    """The external datasets the rules of `name`, and of the tables it is validated with, read."""
    return sorted({dataset for table in _rules_run_with(name) for dataset in TABLES[table].datasets})


def _quotes_the_account(name: str) -> bool:
    """True when a rule run validating `name` checks a quotation against the account (and so its pinned digest)."""
    return any(spec.seed_quote for table in _rules_run_with(name) for spec in TABLES[table].columns.values())


def _file_versions(directory: Path, name: str) -> tuple[tuple[str, str], ...]:
    versions = []
    for file in _inputs(name):
        path = directory / file
        if path.is_file():
            reads.record(path)
            versions.append((file, hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()))
    return tuple(versions)


@functools.cache
def _validator_digest() -> str:
    """The data tier's code (what `tables` imports), the lock and the Python version the rules run on."""
    code = fingerprint.code_digest(fingerprint.module_closure(["analysis.data.tables"]))
    return f"{code}-{fingerprint.environment_digest()}-{sys.version_info[:3]}"


def _repository_files_read(name: str) -> list[Path]:
    """The repository's files (outside data/) the rules of `name`, and of the tables it is validated with, read."""
    return [REPO_ROOT / file for file in sorted({file for table in _rules_run_with(name) for file in TABLES[table].repository_files})]


def _validation_record(name: str, versions: tuple[tuple[str, str], ...]) -> Path:
    """Where a pass of table `name` is recorded: named by its tables' `versions`, the
    account when a rule quotes it, the external datasets and repository files its
    rules read and the validator."""
    account = hashlib.blake2b(seed_text().encode("utf-8"), digest_size=16).hexdigest() if _quotes_the_account(name) else ""
    declared = [(dataset, fingerprint.declared_sha256(dataset)) for dataset in _datasets_read(name)]
    files = [(path.name, hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()) for path in _repository_files_read(name)]
    key = json.dumps([name, versions, account, declared, files, _validator_digest()])
    return VALIDATED_DIR / f"{name}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}"


def _record_inputs_of_rules(name: str) -> None:
    """Note the external datasets and repository files the rules of `name` (and of
    the tables they load) read, as running the rules would."""
    datasets = _datasets_read(name)
    if datasets or _quotes_the_account(name):  # the account's digest is pinned in the manifest too
        reads.record(manifest_path())
    for dataset in datasets:
        reads.record(f"{reads.DATASET_PREFIX}{dataset}")
    for path in _repository_files_read(name):
        reads.record(path)


# Whether a pass recorded on disk by an earlier process is trusted. Its name is a digest anyone can compute, so the
# gate (`analysis.data check`) trusts none: it runs every rule (`without_records`), and a record forged beside a
# broken table cannot pass it; the processes after it read the records the gate itself wrote.
_records_trusted = True


@contextlib.contextmanager
def without_records() -> Iterator[None]:
    """Within, every table is validated afresh, whatever passes earlier processes recorded (and recorded again)."""
    global _records_trusted
    trusted, _records_trusted = _records_trusted, False
    try:
        yield
    finally:
        _records_trusted = trusted


def _record_pass(record: Path) -> None:
    record.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=record.parent, delete=False, encoding="utf-8") as handle:
        handle.write("passed\n")
    os.replace(handle.name, record)


PASSED_KEPT = 128
_passed: collections.OrderedDict[str, pd.DataFrame] = collections.OrderedDict()


def passed_in_this_process(record: Path, typed: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """The table that passed in this process under validation record `record` (the digest of everything its
    validation read and ran, wherever its files were read from: a scratch copy of data/ with one table changed
    reads every other table as it passed in data/); given `typed`, keep it as that pass. Emptied as the
    package's other caches are (`cache_clear`)."""
    if typed is None:
        return _passed.get(record.name)
    _passed[record.name] = typed
    if len(_passed) > PASSED_KEPT:
        _passed.popitem(last=False)
    return typed


passed_in_this_process.cache_clear = _passed.clear  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=64)
def _validated(name: str, directory: Path, versions: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    table = TABLES[name]
    record = _validation_record(name, versions)
    known = passed_in_this_process(record)
    if known is not None:
        _record_inputs_of_rules(name)
        return known
    path = directory / table.file
    if _records_trusted and record.is_file():
        _record_inputs_of_rules(name)
        frame, _ = read_rows(path, list(table.columns))
        typed = _typed(frame, table)
    else:
        source_ids = None if name == "sources" else set(load("sources", directory)["source_id"])
        typed = validate_file(path, table, source_ids)
        _record_pass(record)
    return passed_in_this_process(record, typed)
