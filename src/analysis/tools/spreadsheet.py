"""Spreadsheet safety by OWASP's rule for CSV injection: what the downloads
(`analysis.tools.publish`) write and their description
(`analysis.tools.datapackage`) says they hold."""

from __future__ import annotations

# The characters a spreadsheet may read as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Column kinds a table's schema validates as numbers or ISO dates: never text, never neutralised.
NUMERIC_KINDS = ("count", "number", "date")


def spreadsheet_safe(value: str) -> str:
    """The text cell as a spreadsheet shows it and never runs: one that begins
    with a formula start, whatever follows, gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_START) else value
