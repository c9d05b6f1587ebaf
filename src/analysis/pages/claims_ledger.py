"""The claims ledger: every quantitative claim with its evidence and verdict."""

from __future__ import annotations

from analysis.evidence import claims
from analysis.pages import common
from analysis.report.glue import DataTable, Section, cell_text, number


def ledger() -> Section:
    """Verdict counts, the verdict rules, and every claim with its evidence."""
    table = common.ledger()
    verdicts = table["verdict"].value_counts()
    summary = verdicts.rename_axis("verdict").reset_index(name="claims")
    shown = table.assign(
        claim=table["comparison"] + " " + table["claimed_value"].map(cell_text) + " " + table["unit"],
        figure=table["evidence_figure"].map(lambda href: "see figure" if href else ""),
    )[["claim_id", "seed_quote", "claim", "evidence_value", "verdict", "figure", "evidence_basis", "reason", "evidence_figure"]]
    return Section(
        numbers={
            "claims_total": number(len(table)),
            "consistent": number(int(verdicts.get("consistent", 0))),
            "inconsistent": number(int(verdicts.get("inconsistent", 0))),
            "not_checkable": number(int(verdicts.get("not checkable", 0))),
            "about_tolerance": number(100 * claims.TOLERANCE_ABOUT),
            "nearly_low": number(100 * claims.NEARLY_RANGE[0]),
            "nearly_high": number(100 * claims.NEARLY_RANGE[1]),
        },
        tables=(
            DataTable("Verdicts", summary),
            DataTable("All claims, with evidence and verdict", shown, links={"figure": "evidence_figure"}, expanded=True),
        ),
    )
