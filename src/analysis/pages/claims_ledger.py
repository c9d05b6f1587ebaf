"""The claims ledger: every quantitative statement of the account, with its evidence and verdict."""

from __future__ import annotations

import pandas as pd

from analysis.data.seed import normalise, seed_text
from analysis.evidence import claims, mentions
from analysis.pages import common
from analysis.report.glue import DataTable, Section, cell_text, number, text


def shown(ledger: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The ledger as readers see it: the claim, each value found, the verdict and where to check it."""
    urls = sources.set_index("source_id")["url"]
    publishers = sources.set_index("source_id")["publisher"]
    facts = common.table("reference_facts").set_index("fact_id")["source_id"]
    methods = common.table("evidence_methods").set_index("method")["parameter"]

    def fact_source(method: str) -> str:
        parameter = methods.get(method)
        fact = str(parameter).split("|")[0] if isinstance(parameter, str) else ""
        return facts.get(fact, "")

    source_ids = ledger["evidence_method"].map(fact_source)
    alternative = [
        f"{cell_text(value)} ({kind})" if pd.notna(value) else ""
        for value, kind in zip(ledger["alternative_value"], ledger["alternative_kind"], strict=True)
    ]
    robustness = [
        f"{reaching} of {total} specifications reach the claim" if pd.notna(total) else ""
        for reaching, total in zip(ledger["specifications_reaching"], ledger["specifications_total"], strict=True)
    ]
    return ledger.assign(
        claim=ledger["comparison"] + " " + ledger["claimed_value"].map(cell_text) + " " + ledger["unit"],
        alternative=[" ".join(part for part in pair if part) for pair in zip(alternative, robustness, strict=True)],
        figure=ledger["evidence_figure"].map(lambda href: "see figure" if href else ""),
        source=source_ids.map(publishers).fillna(""),
        source_url=source_ids.map(urls).fillna(""),
    )[
        [
            "claim_id",
            "chapter",
            "topic",
            "seed_quote",
            "claim",
            "evidence_value",
            "alternative",
            "verdict",
            "figure",
            "source",
            "evidence_basis",
            "reason",
            "evidence_figure",
            "source_url",
        ]
    ]


def ledger() -> Section:
    """Verdict counts, the verdict rules, the disagreements between sources, and every claim."""
    table = common.ledger()
    verdicts = table["verdict"].value_counts()
    exclusions = common.table("claim_exclusions")
    account = normalise(seed_text())
    found = mentions.mentions(account)
    disagreements = table[table["alternative_kind"] == "weaker evidence"]
    summary = pd.DataFrame({"verdict": claims.VERDICTS, "claims": [int(verdicts.get(name, 0)) for name in claims.VERDICTS]})
    rounded = table[table["comparison"] == "rounded"].sort_values("claimed_value").iloc[-1]
    rounded_band = claims.claim_band(rounded["claimed_value"], rounded["comparison"])
    curve_claims = table[table["specifications_total"].notna()]
    return Section(
        numbers={
            "claims_total": number(len(table)),
            "consistent": number(int(verdicts.get(claims.CONSISTENT, 0))),
            "under_a_definition": number(int(verdicts.get(claims.UNDER_A_DEFINITION, 0))),
            "inconsistent": number(int(verdicts.get(claims.INCONSISTENT, 0))),
            "not_checkable": number(int(verdicts.get(claims.NOT_CHECKED, 0))),
            "share_with_verdict": number(100 * (1 - verdicts.get(claims.NOT_CHECKED, 0) / len(table))),
            "mentions_total": number(len(found)),
            "exclusions_total": number(len(exclusions)),
            "disagreements": number(len(disagreements)),
            "about_tolerance": number(100 * claims.TOLERANCE_ABOUT),
            "nearly_low": number(100 * claims.NEARLY_RANGE[0]),
            "nearly_high": number(100 * claims.NEARLY_RANGE[1]),
            "rounded_example_claim": text(f"“{rounded['seed_quote']}”"),
            "rounded_example_low": number(rounded_band[0]),
            "rounded_example_high": number(rounded_band[1]),
            "curve_reaching": number(int(curve_claims["specifications_reaching"].iloc[0])),
            "curve_total": number(int(curve_claims["specifications_total"].iloc[0])),
        },
        tables=(
            DataTable("Verdicts", summary, expanded=True),
            DataTable(
                "Where a dataset and reports disagree: the verdict follows the reports",
                disagreements[
                    ["claim_id", "subject", "claimed_value", "evidence_value", "evidence_basis", "alternative_value", "alternative_basis"]
                ].rename(columns={"evidence_value": "better evidence", "alternative_value": "dataset"}),
                expanded=True,
            ),
        ),
    )


def every_claim() -> Section:
    """Every claim with its evidence, verdict and where to check it, filterable."""
    return Section(
        tables=(
            DataTable(
                "All claims, with evidence and verdict",
                shown(common.ledger(), common.table("sources")),
                links={"figure": "evidence_figure", "source": "source_url"},
                expanded=True,
                filters=("verdict", "chapter", "topic"),
            ),
        )
    )


def corrections() -> Section:
    """The corrections log: every change to a published verdict, number or record."""
    return Section(tables=(DataTable("Corrections and changes", common.table("corrections"), expanded=True),))


def not_claims() -> Section:
    """The numbers of the account that are not claims, each with its reason."""
    exclusions = common.table("claim_exclusions")
    return Section(
        tables=(
            DataTable("Numbers in the account that are not claims, and why", exclusions[["exclusion_id", "token", "seed_quote", "reason"]]),
        )
    )
