"""Every number in the account is accounted for, and the audit's rules refuse
rows that would make the ledger or the meeting record untrustworthy."""

import json
import re
from pathlib import Path

import pandas as pd

from analysis.data import tables
from analysis.data.seed import normalise, seed_text
from analysis.evidence import mentions
from analysis.paths import REPO_ROOT
from analysis.tools import review
from conftest import line_of, problems_of, replace_in_line


def quotes() -> list[str]:
    return [normalise(quote) for name in ("claims", "claim_exclusions") for quote in tables.load(name)["seed_quote"]]


def test_every_number_in_the_account_is_a_claim_or_an_exclusion() -> None:
    text = normalise(seed_text())
    found = mentions.mentions(text)
    assert len(found) > 300
    missing = mentions.uncovered(text, quotes())
    assert not missing, [text[max(0, m.start - 40) : m.end + 20] for m in missing[:10]]


def test_the_scan_finds_words_multiples_and_durations() -> None:
    tokens = [
        m.token for m in mentions.mentions("He met twice, a dozen times in two weeks; two weeks later, the next day, at 6:30 and in 1967.")
    ]
    assert tokens == ["twice", "dozen", "two", "two weeks later", "the next day", "6:30", "1967"]


def test_the_scan_finds_quantities_written_without_a_number() -> None:
    tokens = [m.token for m in mentions.mentions("Most of them never met; it was the highest price, more than he paid, the majority said.")]
    assert tokens == ["Most", "never", "highest", "more than", "majority"]


def test_a_bound_reads_as_one_quantity_as_more_than_does() -> None:
    """K10's passage marked "least" and "ten" and left "at" out: the ledger highlighted half of "at least ten"."""
    tokens = [m.token for m in mentions.mentions("That issue aside, at least ten were deemed, at most five; the least of it.")]
    assert tokens == ["at least", "ten", "at most", "five", "least"]


def test_no_exclusion_sets_aside_a_date_the_audited_events_can_check() -> None:
    exclusions = tables.load("claim_exclusions")
    placing = exclusions[exclusions["reason"].str.startswith("date used only to place an event")]
    citing_events = placing[placing["reason"].str.contains(r"\bE\d{3}\b")]
    assert citing_events.empty, citing_events["exclusion_id"].tolist()


def test_an_exclusion_said_to_be_in_a_quotation_is_in_one_and_one_said_to_be_narration_is_not() -> None:
    """X031's "zero chance" and X033's "one critical flaw" were set aside as hyperbole "in a quotation":
    both are the authors' own narration. Whether a word is quoted is read from the account's paragraph:
    more opening marks than closing ones before it."""
    account = seed_text()
    misread = []
    for row in tables.load("claim_exclusions").itertuples():
        said_quoted, said_narrated = "in a quotation" in row.reason, "in the authors’ narration" in row.reason
        if not (said_quoted or said_narrated):
            continue
        at = account.find(row.seed_quote)
        token = re.search(rf"(?<![A-Za-z]){re.escape(row.token)}(?![A-Za-z])", row.seed_quote, flags=re.IGNORECASE)
        assert at >= 0 and token, row.exclusion_id
        before = account[account.rfind("\n", 0, at) + 1 : at + token.start()]
        quoted = before.count("\u201c") > before.count("\u201d")
        if quoted != said_quoted:
            misread.append((row.exclusion_id, row.token, "quoted" if quoted else "narration"))
    assert not misread, misread


def test_a_quote_that_covers_no_number_leaves_the_number_uncovered() -> None:
    text = "They met nine times. Nothing else happened."
    assert [m.token for m in mentions.uncovered(text, ["Nothing else happened."])] == ["nine"]


def test_a_claim_without_a_quote_is_refused(data_copy: Path) -> None:
    path = data_copy / "claims.csv"
    line = line_of(path, "K05")
    replace_in_line(path, line, "He requested the release of 104 Palestinians imprisoned before the 1993 Oslo Accords", "")
    assert f"claims.csv, line {line}, column 'seed_quote': value '' breaks rule: a value is required" in problems_of("claims", data_copy)


def test_a_verdict_without_evidence_is_refused(data_copy: Path) -> None:
    path = data_copy / "claims.csv"
    line = line_of(path, "K05")
    replace_in_line(path, line, ",prisoners_agreed_total,", ",none,")
    message = problems_of("claims", data_copy)
    assert f"line {line}, column 'not_checkable_reason': value '' breaks rule: claims with no evidence method say why" in message


def test_a_contradicted_meeting_must_name_the_report_that_contradicts_it(data_copy: Path) -> None:
    path = data_copy / "meetings.csv"
    line = line_of(path, "M048")
    text = path.read_text(encoding="utf-8").split("\n")[line - 1]
    sources = text.split(",contradicted,")[1].split(",")[0]
    replace_in_line(path, line, f",contradicted,{sources},", ",contradicted,,")
    assert (
        f"meetings.csv, line {line}, column 'audit_source_ids': value '' breaks rule: a confirmed, contradicted or added row"
        in problems_of("meetings", data_copy)
    )


def test_an_audit_source_that_does_not_exist_is_refused(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    line = line_of(path, "E030")
    text = path.read_text(encoding="utf-8").split("\n")[line - 1]
    sources = text.split(",contradicted,")[1].split(",")[0]
    replace_in_line(path, line, f",contradicted,{sources},", ",contradicted,rumour_mill_2013,")
    message = problems_of("events", data_copy)
    assert (
        f"events.csv, line {line}, column 'audit_source_ids': value 'rumour_mill_2013' breaks rule: every audit source is listed" in message
    )


def test_every_contradicted_row_names_a_source_that_resolves() -> None:
    known = set(tables.load("sources")["source_id"])
    for name in ("meetings", "events"):
        table = tables.load(name)
        contradicted = table[table["audit_status"] == "contradicted"]
        assert len(contradicted) > 0
        for ids in contradicted["audit_source_ids"]:
            assert ids and set(ids.split(";")) <= known


def test_the_verdict_counts_in_the_introduction_are_the_ledgers(ledger_table: pd.DataFrame) -> None:
    shown = review.outputs(json.loads((REPO_ROOT / "chapters" / "intro.ipynb").read_text(encoding="utf-8")))["text: What we found"]
    verdicts = ledger_table["verdict"].value_counts()
    summary = shown.splitlines()[0]
    settled = verdicts.sum() - verdicts["not checkable"]
    assert summary.startswith(
        f"The account makes {verdicts.sum():,} claims of number, date or quantity. Public records settle {settled:,}: "
    )
    assert f": {verdicts['consistent']:,} hold as written, {verdicts['consistent under one definition']:,} more under some" in summary
    assert f"and {verdicts['inconsistent']:,} do not; no public record settles the other {verdicts['not checkable']:,}." in summary


def test_a_footnote_marker_against_a_number_is_read_apart_from_it() -> None:
    """The account's "more than 2,000.2 Kerry" is the number 2,000 and footnote 2, not 2,000.2; a decimal in a sentence stays whole."""
    text = "It would be more than 2,000.2 Kerry considered it. Better than you.”1 Both agreed on 1.5 million."
    assert [m.token for m in mentions.mentions(text)] == ["more than", "2,000", "2", "1", "1.5", "million"]
    assert [m.token for m in mentions.footnote_markers(text)] == ["2", "1"]
