"""Draft rows of `data/corrections.csv` from what `make review` reports:

    make review | .venv/bin/python -m analysis.tools.correction
    .venv/bin/python -m analysis.tools.correction review.txt

Each change `review` prints (under `intro: 1 change(s)`, the output `gaza_war_killed`
and its line `2,202 -> 2,203`; in a table, `row B06  published: 2202 -> 2203`) becomes a
CSV row (but a change of markup alone, or an addition) with the next free correction id, today's date, kind `number`, what it
was and what it is now. The subject (the claim, event, meeting or table that
changed, or the chapter's page for a number of its own), the reason and the sources are left as `TODO` for a person to write:
`python -m analysis.data check` refuses the row until they are.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from datetime import date
from pathlib import Path

from analysis.data import schemas, tables
from analysis.report.glue import MINUS  # a table's minus sign: "-80" and "−80" are one number
from analysis.tools.review import ABSENT

PAGE = re.compile(r"^(?P<page>[a-z_]+): \d+ change\(s\)$")
OUTPUT = re.compile(r"^  (?P<name>\S.*)$")
CHANGE = re.compile(r"^    (?:(?P<where>.+?): )?(?P<old>.*?) -> (?P<new>.*)$")
TODO = "TODO"
MARKUP = " markup"  # the field `review` names a change of an output's markup alone by


def changes(review_output: str) -> list[dict[str, str]]:
    """Each change of `analysis.tools.review`'s report as page, name (the output and, in a table, the row
    and column), old and new."""
    found, page, name = [], "", ""
    for line in review_output.splitlines():
        if match := PAGE.match(line):
            page = match["page"]
        elif match := OUTPUT.match(line):
            name = match["name"]
        elif (match := CHANGE.match(line)) and page and name:
            if (match["where"] or "").endswith(MARKUP) or match["old"].replace("-", MINUS) == match["new"].replace("-", MINUS):
                continue  # how a text is set (a date newly marked, a hyphen now a minus sign), never what it says
            if match["old"] == ABSENT:
                continue  # a number or a figure the book did not have before is an addition, not a correction
            where = f" {match['where']}" if match["where"] else ""
            found.append({"page": page, "name": f"{name}{where}", "old": match["old"], "new": match["new"]})
    return found


def drafts(review_output: str, existing: list[str], today: date) -> list[dict[str, str]]:
    """A draft correction row per change, numbered after the `existing` correction ids."""
    last = max((int(ident[1:]) for ident in existing), default=0)
    return [
        {
            "correction_id": f"C{last + offset:03d}",
            "date": today.isoformat(),
            "subject": TODO,
            "kind": "number",
            "before": f"{change['page']}: {change['name']} {change['old']}",
            "after": f"{change['page']}: {change['name']} {change['new']}",
            "reason": TODO,
            "source_ids": TODO,
        }
        for offset, change in enumerate(changes(review_output), start=1)
    ]


def as_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(schemas.TABLES["corrections"].columns), lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("review", nargs="?", type=Path, help="a saved `make review` report (default: standard input)")
    options = parser.parse_args(arguments)
    text = options.review.read_text(encoding="utf-8") if options.review else sys.stdin.read()
    rows = drafts(text, list(tables.load("corrections")["correction_id"]), date.today())
    sys.stdout.write(as_csv(rows))
    print(f"{len(rows)} draft correction(s): write each one's subject, reason and sources before adding it", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
