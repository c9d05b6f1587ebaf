"""What a change did to the book, in one screen: every glued number, every row
of a table or figure's data and every part of a chart's specification that
differs between two sets of executed notebooks.

    python -m analysis.tools.review                 # execute every chapter afresh, compare with the outputs committed at HEAD
    python -m analysis.tools.review --stale         # the chapters whose fingerprint no longer matches, compared with their stored outputs
    python -m analysis.tools.review --against REV   # compare the stored outputs with those of git revision REV
    python -m analysis.tools.review collapse intro  # only these chapters (names or paths)

A row is named by its id (the columns that tell the rows apart) with each
changed value old and new (`row B2  published: 526 -> 527`); a chart's
specification by the path of what changed (a title, a colour, a domain).
Exits 0 with a summary; with `--strict`, 1 when anything changed (with
`--stale`, when any chapter is stale: what `make test` runs).
"""

from __future__ import annotations

import argparse
import ast
import difflib
import html as html_module
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from analysis.paths import REPO_ROOT, display_path
from analysis.tools.notebooks import CHAPTERS_DIR, chapter_notebooks, described, execute_all, stale_reasons

RECORD = "application/papermill.record/"
SPEC = re.compile(r"\}\)\((\{.*\}), (\{\"renderer\".*?\})\);\s*</script>", re.DOTALL)
ROW_COUNT = re.compile(r" \(\d+\s+(rows?|columns?)\)$")  # "(144&nbsp;rows)", "(7&nbsp;columns)"
ABSENT = "(absent)"
# Detail lines shown per glued value or table before the rest is counted.
DETAILS_SHOWN = 8
KEY_COLUMNS_TRIED = 8


@dataclass(frozen=True)
class Change:
    """One difference: on `page`, output `name` (a glue name or a table's title),
    in `row` (a row named by its id; empty outside rows), at `field` (a column,
    a line, the path of a part of a chart's specification; empty for the value
    as a whole), from `old` to `new`."""

    page: str
    name: str
    row: str
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Table:
    """A table as shown: its column headings and its rows of cell text."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def records(self) -> list[dict[str, object]]:
        return [dict(zip(self.columns, row, strict=False)) for row in self.rows]


class _TableParser(HTMLParser):
    """The data tables in an output's HTML (`<table class="... data-table">`),
    each titled by the `<summary>` before it, and any table pandas displays (an
    evidence cell's intermediate table, `<table class="dataframe">`), titled
    `untitled` until a summary titles it."""

    def __init__(self, untitled: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.shown: list[tuple[str, Table]] = []  # each table by its title, in order (a title may repeat)
        self._summary: list[str] | None = None
        self._title = untitled
        self._columns: list[str] | None = None
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_head = False
        self._head_rows: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "summary":
            self._summary = []
        elif tag == "table" and {"data-table", "dataframe"} & set((dict(attrs).get("class") or "").split()):
            self._columns, self._rows = [], []
        elif self._columns is not None:
            if tag == "thead":
                self._in_head, self._head_rows = True, []
            elif tag == "tr" and self._in_head:
                self._head_rows.append([])
            elif tag == "tr" and not self._in_head:
                self._rows.append([])
            elif tag in ("th", "td"):
                if self._in_head and not self._head_rows:
                    self._head_rows.append([])
                self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "summary" and self._summary is not None:
            self._title = ROW_COUNT.sub("", "".join(self._summary).strip())
            self._summary = None
        elif self._columns is None:
            return
        elif tag == "thead":
            # pandas heads a pivot with two rows, the columns' labels over the index's name: each column is
            # named by the last row that names it.
            width = max((len(row) for row in self._head_rows), default=0)
            self._columns = [next((row[i] for row in reversed(self._head_rows) if i < len(row) and row[i]), "") for i in range(width)]
            self._in_head = False
        elif tag in ("th", "td") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            (self._head_rows[-1] if self._in_head else self._rows[-1]).append(text)
            self._cell = None
        elif tag == "table":
            self.shown.append((self._title, Table(tuple(self._columns), tuple(tuple(row) for row in self._rows))))
            self._columns = None

    def handle_data(self, data: str) -> None:
        if self._summary is not None:
            self._summary.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


@dataclass(frozen=True)
class Markup:
    """A displayed output's HTML, whose blocks (a ledger entry, a paragraph) may
    change where its text does not: a date newly marked in a ledger passage."""

    html: str


def outputs(notebook: dict) -> dict[str, object]:
    """Glued values by name (text for numbers, parsed spec for figures), the
    data tables a notebook displays (`table: <title>`, a `Table`; a table pandas
    displays is titled by the expression that shows it, `table: flags`), any other
    text it displays (`text: <title>`; a text of entries, its first line an
    entry's heading such as the ledger's or the corrections', `text: entries`,
    then `text: entries 2`... in the order shown) and the HTML of every output
    that is not a glued value (`html: cell <n>`, a `Markup`)."""
    found: dict[str, object] = {}
    titled: Counter[str] = Counter()
    for index, cell in enumerate(notebook["cells"]):
        source = _text(cell.get("source", "")).strip()
        last_line = source.splitlines()[-1] if source else f"cell {index}"
        shown = [output for output in cell.get("outputs", []) if not output.get("metadata", {}).get("scrapbook")]
        displayed = [output for output in shown if output.get("output_type") in ("display_data", "execute_result")]
        expressions = shown_expressions(source)
        # Each table a cell shows is titled by the expression that shows it (display(x), then the last line).
        titles = (
            {id(output): title for output, title in zip(displayed, expressions, strict=False)} if len(expressions) == len(displayed) else {}
        )
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                html = _text(data.get(RECORD + "text/html", ""))
                match = SPEC.search(html)
                found[name] = json.loads(match.group(1)) if match else _text(data.get(RECORD + "text/plain", ""))
                continue
            shown_as = titles.get(id(output), last_line)
            parser = _TableParser(untitled=shown_as)
            html = _text(data.get("text/html", ""))
            parser.feed(html)
            for title, table in parser.shown:
                # A title shown again (two tables under one summary, two cells showing one expression) is
                # numbered, not written over the first.
                titled[title] += 1
                found[f"table: {title}" if titled[title] == 1 else f"table: {title} ({titled[title]})"] = table
            tables_shown = {title for title, _ in parser.shown}
            if html:
                # A cell's second output with HTML is its own, not written over the first.
                markup = f"html: cell {index}"
                found[markup if markup not in found else f"{markup} output {shown.index(output) + 1}"] = Markup(html)
            if "text/plain" in data and shown_as not in tables_shown:
                for block in _text(data["text/plain"]).split("\n\n"):
                    title, _, body = block.partition("\n")
                    if ENTRY_HEADING.match(title):
                        # A text of entries (the ledger's, the corrections') is named as such, its first entry kept
                        # in it: named by that entry, a change to K44 was listed under "text: K01 ...".
                        earlier = len([name for name in found if name.startswith("text: entries")])
                        title, body = f"entries {earlier + 1}" if earlier else "entries", block
                    if title not in tables_shown:
                        found[f"text: {title}"] = body
    return found


def shown_expressions(source: str) -> list[str]:
    """What a cell shows, in order: the argument of each display(...) it calls, then its last expression
    (none where the source is not plain Python)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []

    def displayed(node: ast.stmt) -> ast.expr | None:
        call = node.value if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) else None
        return call.args[0] if call is not None and getattr(call.func, "id", "") == "display" and call.args else None

    shown = [" ".join((ast.get_source_segment(source, argument) or "").split()) for node in tree.body if (argument := displayed(node))]
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr) and displayed(last) is None:
        shown.append(" ".join((ast.get_source_segment(source, last.value) or "").split()))
    return shown


# --- rows ---------------------------------------------------------------------


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and re.fullmatch(r"-?[\d,]*\.?\d+%?", value.strip()) is not None


def _cell(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def key_columns(old: list[dict[str, object]], new: list[dict[str, object]]) -> tuple[str, ...]:
    """The fewest columns (up to three) whose values tell every row apart in both
    versions, preferring those that name the most rows in both (a label that
    spells out a changed value does not), then an id column, then the shortest
    labels to read; numbers only when no labels do. Empty when none do."""
    rows = old + new
    columns = [column for column in dict.fromkeys(key for row in rows for key in row) if all(column in row for row in rows)]

    def kind(column: str) -> int:
        if column == "id" or column.endswith(("_id", " id")):
            return 0
        return 2 if all(_is_number(row[column]) for row in rows) else 1

    def tells_apart(combination: tuple[str, ...]) -> bool:
        return all(len({tuple(_cell(row[c]) for c in combination) for row in side}) == len(side) for side in (old, new))

    def shown_length(combination: tuple[str, ...]) -> float:
        return sum(len(_cell(row[c])) for row in rows for c in combination) / max(len(rows), 1)

    def matched(combination: tuple[str, ...]) -> int:
        """How many rows keep their name from one version to the other."""
        names = [{tuple(_cell(row[c]) for c in combination) for row in side} for side in (old, new)]
        return len(names[0] & names[1])

    ranked = sorted(columns, key=kind)
    labels = [column for column in ranked if kind(column) < 2][:KEY_COLUMNS_TRIED]
    for candidates in (labels, ranked[:KEY_COLUMNS_TRIED]):
        for size in (1, 2, 3):
            found = [combination for combination in itertools.combinations(candidates, size) if tells_apart(combination)]
            if found:
                return min(found, key=lambda combination: (-matched(combination), sum(map(kind, combination)), shown_length(combination)))
    return ()


def _compact(row: dict[str, object]) -> str:
    return ", ".join(f"{column}={_cell(value)}" for column, value in row.items())


def row_changes(old: list[dict[str, object]], new: list[dict[str, object]]) -> Iterator[tuple[str, str, str, str]]:
    """(row, column, old, new) for each changed value of a row named by its id, each row
    removed and each added; rows are told apart by `key_columns`, or compared
    as wholes when no columns do."""
    key = key_columns(old, new)
    if not key:
        before, after = [_compact(row) for row in old], [_compact(row) for row in new]
        yield from (("row", "", row, "(removed)") for row in before if row not in after)
        yield from (("row", "", ABSENT, row) for row in after if row not in before)
        return

    def named(row: dict[str, object]) -> str:
        return "row " + " / ".join(_cell(row[column]) for column in key)

    old_by_id, new_by_id = {named(row): row for row in old}, {named(row): row for row in new}
    renamed = renamed_rows([name for name in old_by_id if name not in new_by_id], [name for name in new_by_id if name not in old_by_id])
    for name, row in old_by_id.items():
        if name not in new_by_id and name not in renamed:
            yield name, "", _compact({c: v for c, v in row.items() if c not in key}), "(removed)"
            continue
        other = new_by_id[renamed.get(name, name)]
        for column in dict.fromkeys([*row, *other]):
            if row.get(column) != other.get(column):
                yield name, column, _cell(row.get(column, ABSENT)), _cell(other.get(column, ABSENT))
    for name, row in new_by_id.items():
        if name not in old_by_id and name not in renamed.values():
            yield name, "", ABSENT, _compact({c: v for c, v in row.items() if c not in key})


SPELT_NUMBER = re.compile(r"\d[\d,.]*%?")


def renamed_rows(gone: list[str], came: list[str]) -> dict[str, str]:
    """The rows whose only name spells out a number that changed ("…2,200 in the records of 2,202: 99.9%"), each
    gone name paired with the one come that reads the same but for its numbers, where exactly one does: after a
    one-value edit, such a row had been reported as removed and another as added, with every field of each."""

    def shape(name: str) -> str:
        return SPELT_NUMBER.sub("#", name)

    came_by_shape: dict[str, list[str]] = {}
    for name in came:
        came_by_shape.setdefault(shape(name), []).append(name)
    gone_shapes = [shape(name) for name in gone]
    return {
        name: came_by_shape[shaped][0]
        for name, shaped in zip(gone, gone_shapes, strict=True)
        if len(came_by_shape.get(shaped, [])) == 1 and gone_shapes.count(shaped) == 1
    }


# --- chart specifications -----------------------------------------------------


# A view's name as the book's charts are named (`view_<digest>_<n>`, from the spec it is part of): a changed
# row renamed it, and every reference to it, after a data-only change (an analyst's finding).
VIEW_NAME = re.compile(r'"view_[0-9a-f]+_\d+"')


def _datasets_renamed(spec: dict) -> tuple[dict, list[list[dict]]]:
    """A spec with its inline datasets taken out and each reference to one
    renamed by position (`dataset 1`): Altair names them by a hash of their
    rows, so a changed row would otherwise rename them everywhere; so are its
    views' names (`view 1`), by their first appearance."""
    datasets = spec.get("datasets", {})
    text = json.dumps({key: value for key, value in spec.items() if key != "datasets"})
    for index, name in enumerate(datasets, start=1):
        text = text.replace(json.dumps(name), json.dumps(f"dataset {index}"))
    for index, name in enumerate(dict.fromkeys(VIEW_NAME.findall(text)), start=1):
        text = text.replace(name, json.dumps(f"view {index}"))
    return json.loads(text), list(datasets.values())


def _spec_paths(old: object, new: object, path: str = "") -> Iterator[tuple[str, object, object]]:
    """(path, old, new) of every part of two specifications that differs: dicts key
    by key, lists item by item (a list of plain values as a whole when it grew or shrank)."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            yield from _spec_paths(old.get(key, ABSENT), new.get(key, ABSENT), f"{path}.{key}" if path else key)
    elif isinstance(old, list) and isinstance(new, list) and (len(old) == len(new) or not all(map(_is_plain, old + new))):
        for index in range(max(len(old), len(new))):
            was = old[index] if index < len(old) else ABSENT
            now = new[index] if index < len(new) else ABSENT
            yield from _spec_paths(was, now, f"{path}[{index}]")
    elif old != new:
        yield path, old, new


def _is_plain(value: object) -> bool:
    return not isinstance(value, dict | list)


def _what(path: str, old: object, new: object) -> str:
    """What a changed part of a chart is, in a word, from its path and values."""
    words = set(re.findall(r"[a-zA-Z]+", path))
    colour = re.compile(r"#[0-9a-fA-F]{3,8}|rgba?\(")
    if words & {"title", "subtitle"}:
        return "title"
    if words & {"domain", "domainMin", "domainMax"}:
        return "domain"
    # A scale's range is a colour only on a colour channel (`encoding.color.scale.range`), which names itself.
    if any(isinstance(value, str) and colour.match(value) for value in (old, new)) or words & {"color", "fill", "stroke"}:
        return "colour"
    if words & {"text", "label", "labelExpr", "description"}:
        return "label"
    if words & {"width", "height", "size", "fontSize", "strokeWidth"}:
        return "size"
    return "spec"


def spec_changes(old: dict, new: dict) -> Iterator[tuple[str, str, str, str]]:
    """(row, field, old, new) for each changed row of a chart's inline data and each changed part of its specification."""
    old_spec, old_data = _datasets_renamed(old)
    new_spec, new_data = _datasets_renamed(new)
    for index in range(max(len(old_data), len(new_data))):
        before = old_data[index] if index < len(old_data) else []
        after = new_data[index] if index < len(new_data) else []
        label = f"data {index + 1} " if max(len(old_data), len(new_data)) > 1 else ""
        yield from ((f"{label}{row}", column, was, now) for row, column, was, now in row_changes(before, after))
    for path, was, now in _spec_paths(old_spec, new_spec):
        yield "", f"{_what(path, was, now)} {path}", _cell(was), _cell(now)


# --- comparing ----------------------------------------------------------------


# An entry's heading in a displayed text: a ledger entry's ("K89 [consistent] ...") or a correction's ("C031 2026-12-04 ...").
ENTRY_HEADING = re.compile(r"[A-Z]\d{2,3} ")


def _entry_of(lines: list[str], index: int) -> str:
    """The entry a line of a displayed text belongs to: the nearest entry heading
    before it; nothing for a heading itself (a row of a table's printout is one,
    "B06  2203", and shows itself) or for a text of no entries."""
    if ENTRY_HEADING.match(lines[index]):
        return ""
    for line in reversed(lines[:index]):
        if ENTRY_HEADING.match(line):
            return line.strip()
    return ""


def _line_changes(old: str, new: str) -> Iterator[tuple[str, str, str, str]]:
    """(entry, line, old, new) for each changed line of a displayed text, each named by the entry it is in."""
    before, after = old.splitlines(), new.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for offset in range(max(i2 - i1, j2 - j1)):
            was = before[i1 + offset] if i1 + offset < i2 else ABSENT
            now = after[j1 + offset] if j1 + offset < j2 else ABSENT
            entry = _entry_of(after, j1 + offset) if j1 + offset < j2 else _entry_of(before, i1 + offset)
            yield entry, f"line {(i1 if i1 + offset < i2 else j1) + offset + 1}", was.strip(), now.strip()


# Where an output's HTML is cut into blocks to compare: after each row, item, paragraph or division.
BLOCK_END = re.compile(r"(?<=</tr>)|(?<=</li>)|(?<=</p>)|(?<=</div>)")
TAG = re.compile(r"<[^>]*>")
INLINE_TAG = re.compile(r"</?(?:mark|a|span|em|strong|b|i|sup|sub|wbr|abbr|code|time|small)\b[^>]*>", re.IGNORECASE)
BLOCK_ID = re.compile(r'\bid="([^"]+)"')


def _words(block: str) -> str:
    """A block's words as a reader reads them: a tag inside a line of text (a mark, a link, a span) taken out
    with nothing in its place, "in <mark>June</mark>, he" read as "in June, he"; any other tag (a cell's, an
    item's) as a space between words; spacing as one space."""
    return " ".join(html_module.unescape(TAG.sub(" ", INLINE_TAG.sub("", block))).split())


def _one_line(markup: str) -> str:
    return " ".join(markup.split())


def markup_changes(old: str, new: str) -> Iterator[tuple[str, str, str, str]]:
    """(block, "markup", old, new) for each block of an output's HTML whose markup changed and
    whose words did not (a changed word is the text's to report), named by its id (a ledger entry's
    `K133`) or the last id before it."""
    before, after = BLOCK_END.split(old), BLOCK_END.split(new)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag != "replace" or i2 - i1 != j2 - j1:
            continue
        for was, now, at in zip(before[i1:i2], after[j1:j2], range(j1, j2), strict=True):
            if was != now and _words(was) == _words(now):
                named = [found for block in after[: at + 1] for found in BLOCK_ID.findall(block)]
                yield (named[-1] if named else f"block {at + 1}"), "markup", _one_line(was), _one_line(now)


def compare(page: str, old: dict[str, object], new: dict[str, object]) -> list[Change]:
    """Every difference between two chapters' outputs (see `outputs`)."""
    changes = []
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if isinstance(before, Markup) and isinstance(after, Markup):
            found = markup_changes(before.html, after.html)
        elif isinstance(before, Markup) or isinstance(after, Markup):
            continue  # an output shown or no longer shown: its text and tables say so
        elif isinstance(before, dict) and isinstance(after, dict):
            found = spec_changes(before, after)
        elif isinstance(before, Table) and isinstance(after, Table):
            found = row_changes(before.records(), after.records())
        elif isinstance(before, str) and isinstance(after, str) and name.startswith("text: "):
            found = _line_changes(before, after)
        else:
            found = iter([("", "", _summary(before), _summary(after))])
        changes += [Change(page, name, *change) for change in found]
    return changes


def _summary(value: object) -> str:
    if value is None:
        return ABSENT
    if isinstance(value, dict):
        return "a chart"
    if isinstance(value, Table):
        return f"a table of {len(value.rows)} rows"
    return str(value)


def _fitted(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _from_the_difference(old: str, new: str, width: int) -> tuple[str, str]:
    """`old` and `new` each fitted to `width`; when they share a start too long
    to show both the start and what changed, both begin a little before their
    first difference ("…the 28th year"), so the line shows what changed."""
    shared = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    lead = width // 3
    if (len(old) <= width and len(new) <= width) or shared <= lead:
        return _fitted(old, width), _fitted(new, width)
    start = shared - lead
    return _fitted("…" + old[start:], width), _fitted("…" + new[start:], width)


def report(changes: list[Change], width: int) -> str:
    """The changes by chapter and output, one line each, at most `width` characters."""
    lines = []
    for page, on_page in itertools.groupby(changes, key=lambda change: change.page):
        on_page = list(on_page)
        lines.append(f"{page}: {len(on_page)} change(s)")
        for name, of_output in itertools.groupby(on_page, key=lambda change: change.name):
            of_output = list(of_output)
            lines.append(_fitted(f"  {name}", width))
            for change in of_output[:DETAILS_SHOWN]:
                row = f"{_fitted(change.row, width * 2 // 5)}  " if change.row else ""
                where = f"{row}{change.field}: " if change.field else row
                room = max(width - len(where) - 8, 24) // 2
                was, now = _from_the_difference(change.old, change.new, room)
                lines.append(_fitted(f"    {where}{was} -> {now}", width))
            if len(of_output) > DETAILS_SHOWN:
                lines.append(f"    … and {len(of_output) - DETAILS_SHOWN} more")
    return "\n".join(lines)


def summary(changes: list[Change], reviewed: int, chapters: int) -> str:
    """One line: how many chapters were compared and where anything changed."""
    compared = f"Reviewed {reviewed} of {chapters} chapter(s)"
    if not changes:
        return f"{compared}: no glued value, table or figure changed."
    pages = list(dict.fromkeys(change.page for change in changes))
    return f"{compared}: {len(changes)} change(s) in {len(pages)} ({', '.join(pages)})."


# --- reading and executing ----------------------------------------------------


def stored(path: Path, revision: str | None = None) -> dict:
    if revision is None:
        return json.loads(path.read_text(encoding="utf-8"))
    relative = path.relative_to(REPO_ROOT).as_posix()
    shown = subprocess.run(["git", "show", f"{revision}:{relative}"], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    return json.loads(shown.stdout) if shown.returncode == 0 else {"cells": []}


def committed(path: Path) -> dict | None:
    """A notebook's outputs as committed at HEAD; None where git has no such file (a chapter not yet
    committed, a notebook outside the repository, a checkout without git)."""
    if not path.resolve().is_relative_to(REPO_ROOT.resolve()):
        return None
    relative = path.resolve().relative_to(REPO_ROOT.resolve()).as_posix()
    try:
        # "./" reads the path from REPO_ROOT, wherever the repository's top is.
        shown = subprocess.run(["git", "show", f"HEAD:./{relative}"], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    except FileNotFoundError:  # no git on this machine
        return None
    return json.loads(shown.stdout) if shown.returncode == 0 else None


def fresh(paths: list[Path], scratch: Path) -> dict[Path, dict]:
    """Each notebook executed against the current tree, in parallel, as a copy in
    `scratch` run from the notebook's own folder (the stored ones are untouched)."""
    copies = {}
    for path in paths:
        copy = scratch / path.parent.name / path.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        copies[path] = copy
    print(f"executing {len(paths)} chapter(s) against the current tree: {', '.join(path.stem for path in paths)}", flush=True)
    for folder, group in itertools.groupby(sorted(paths), key=lambda path: path.parent):
        execute_all([copies[path] for path in group], working_directory=folder, announce=False)
    return {path: json.loads(copy.read_text(encoding="utf-8")) for path, copy in copies.items()}


def _notebook(argument: Path) -> Path:
    """A notebook named by its path, or a chapter by its name (`collapse`)."""
    chapter = CHAPTERS_DIR / f"{argument}.ipynb"
    return chapter if not argument.suffix and chapter.is_file() else argument.resolve()


def terminal_width() -> int:
    return min(max(shutil.get_terminal_size((100, 24)).columns, 60), 160)


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="compare the stored outputs with those of git revision REV")
    parser.add_argument("--stale", action="store_true", help="review only the chapters whose fingerprint no longer matches")
    parser.add_argument("--strict", action="store_true", help="exit 1 when anything changed (with --stale, when any chapter is stale)")
    parser.add_argument("notebooks", nargs="*", type=Path)
    options = parser.parse_args(arguments)
    paths = [_notebook(argument) for argument in options.notebooks] or chapter_notebooks()
    chapters = len(paths)
    if options.stale:
        reasons = {path: stale_reasons(path) for path in paths}
        paths = [path for path in paths if reasons[path]]
        for path in paths:
            print(f"stale: {display_path(path)} ({described(reasons[path])})", flush=True)
    changes: list[Change] = []
    if options.against:
        for path in paths:
            changes += compare(path.stem, outputs(stored(path, options.against)), outputs(stored(path)))
    elif paths:
        with tempfile.TemporaryDirectory() as scratch:
            executed = fresh(paths, Path(scratch))
        # What a change did is told against what was committed: after `make book` or `make execute` the stored
        # outputs are the fresh ones already, and compared with them the review said that nothing had changed.
        # A stale chapter is told against its stored outputs: what re-executing it would write.
        uncommitted = []
        for path in paths:
            before = stored(path) if options.stale else committed(path)
            if before is None:
                uncommitted.append(path.stem)
                before = stored(path)
            changes += compare(path.stem, outputs(before), outputs(executed[path]))
        if not options.stale:
            against = "the outputs committed at HEAD" + (f", or where none are, as stored: {', '.join(uncommitted)}" if uncommitted else "")
            print(_fitted(f"Compared with {against}.", terminal_width()))
    if options.stale and not paths:
        print(f"Every chapter's stored outputs match their fingerprint ({chapters} chapter(s)).")
        return 0
    if changes:
        print(report(changes, terminal_width()))
    print(summary(changes, len(paths), chapters))
    if options.stale:
        print(
            f"{len(paths)} chapter(s) would re-execute: {', '.join(path.stem for path in paths)}. Their stored outputs are stale: "
            "refresh them with `make execute` (or `make book`) and commit them."
        )
        return 1 if options.strict else 0
    return 1 if options.strict and changes else 0


if __name__ == "__main__":
    sys.exit(main())
