"""The claims ledger as readers and fact-check tools use it: verdict chips in
words and icons, hostile text kept inert, ClaimReview records read back by a
JSON-LD extractor and validated, links from each chapter to the ledger and
back, and correction rows drafted from `make review`."""

from __future__ import annotations

import copy
import csv
import io
import re
import subprocess
from datetime import date
from pathlib import Path

import extruct
import pandas as pd
import pytest

from analysis.data import periods, seed, tables
from analysis.evidence import claims, mentions
from analysis.evidence.windows import Span
from analysis.pages import claims_ledger, common, resumption
from analysis.paths import REPO_ROOT
from analysis.report import glue, ledger
from analysis.report.glue import Section
from analysis.tools import correction, review
from conftest import edited, problems_of, rule_refusal

SITE = REPO_ROOT / "_build" / "html" / "chapters"
BREAKOUT = "</script><script>alert(1)</script>"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CHIP = re.compile(r'<a class="claim-chip verdict-[a-z]+" id="claim-(K\d+)" href="([^"]+)">')
CHAPTERS = ("reset", "resumption", "framework", "collapse")


def claim_review_problems(record: dict) -> list[str]:
    """What keeps a record from being a ClaimReview a fact-check tool can read: each required field and its type."""
    problems = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    need(record.get("@type") == "ClaimReview", "@type is not ClaimReview")
    need(isinstance(record.get("@id"), str) and re.fullmatch(r"claims_ledger\.html#K\d+", record.get("@id", "")) is not None, "@id")
    need(isinstance(record.get("claimReviewed"), str) and bool(record.get("claimReviewed")), "claimReviewed")
    need(isinstance(record.get("datePublished"), str) and ISO_DATE.fullmatch(record.get("datePublished", "")) is not None, "datePublished")
    author = record.get("author")
    need(isinstance(author, dict) and bool(author.get("name")), "author")
    item = record.get("itemReviewed")
    if not isinstance(item, dict):
        problems.append("itemReviewed missing")
    else:
        need(item.get("@type") == "Claim", "itemReviewed is not a Claim")
        people = item.get("author")
        persons = isinstance(people, list) and all(p.get("@type") == "Person" and p.get("name") for p in people)
        need(persons and bool(people), "claim authors")
        quoted = persons and any(person.get("jobTitle") for person in people)  # a speaker's words, dated by no record here
        need(quoted or ISO_DATE.fullmatch(str(item.get("datePublished", ""))) is not None, "claim datePublished")
        need(str(item.get("appearance", {}).get("url", "")).startswith("https://"), "claim appearance url")
    rating = record.get("reviewRating")
    if not isinstance(rating, dict):
        problems.append("reviewRating missing")
    else:
        need(rating.get("@type") == "Rating", "reviewRating is not a Rating")
        need(rating.get("alternateName") in claims.VERDICTS, "reviewRating alternateName is not a verdict")
        worst, best, value = rating.get("worstRating"), rating.get("bestRating"), rating.get("ratingValue")
        if rating.get("alternateName") == claims.NOT_CHECKED:
            need(worst is None and best is None and value is None, "a scale or a value for a claim off the scale")
        else:
            need(isinstance(worst, int) and isinstance(best, int) and worst < best, "rating scale")
            need(isinstance(value, int) and isinstance(worst, int) and isinstance(best, int) and worst <= value <= best, "ratingValue")
        need(".." not in str(rating.get("ratingExplanation", "")), "a doubled full stop in ratingExplanation")
    citations = record.get("citation")
    need(isinstance(citations, list) and all(isinstance(c, dict) and c.get("url") for c in citations), "citation")
    return problems


def extracted(page: str) -> list[dict]:
    records = extruct.extract(page, syntaxes=["json-ld"], uniform=True)["json-ld"]
    return [record for record in records if record.get("@type") == "ClaimReview"]


def hostile_entry(verdict: str = claims.INCONSISTENT) -> ledger.Entry:
    said = f"{BREAKOUT} said "
    passage = ledger.Passage(f"{said}{BREAKOUT} & {BREAKOUT}", (len(said), len(said) + len(BREAKOUT)), ((len(said), len(said) + 9),))
    return ledger.Entry(
        claim_id="K01",
        verdict=verdict,
        chapter=BREAKOUT,
        topic='"><img src=x onerror=alert(1)>',
        subject=BREAKOUT,
        passage=passage,
        claimed=BREAKOUT,
        evidence="<!--",
        method=BREAKOUT,
        sources=((BREAKOUT, 'javascript:alert(1)"'),),
        discussed=(("the passage", 'reset.html#claim-K01"><script>'),),
    )


@pytest.fixture(scope="module")
def every_claim() -> ledger.Ledger:
    return claims_ledger.every_claim()


@pytest.mark.parametrize("verdict", claims.VERDICTS)
def test_a_chip_says_its_verdict_in_words_with_an_icon_not_colour_alone(verdict: str) -> None:
    shown = ledger.chip_html("K36", verdict, "claims_ledger.html#K36")
    assert f'<span class="chip-word">{verdict}</span>' in shown
    assert '<svg class="chip-icon"' in shown and 'aria-hidden="true"' in shown
    assert len({ledger.VERDICT_LOOK[name] for name in claims.VERDICTS}) == len(claims.VERDICTS)


def test_hostile_text_stays_inert_in_the_ledger_its_json_ld_and_the_fact_box() -> None:
    entry = hostile_entry()
    account = ledger.Work(BREAKOUT, (BREAKOUT,), BREAKOUT, "2014-07-20", "https://example.org/")
    review_ = ledger.claim_review(entry, BREAKOUT, account, account, "claims_ledger.html#K01")
    shown = ledger.Ledger((entry,), (review_,))._repr_html_()
    assert shown.count("<script") == 1 and shown.count("</script>") == 1, "only the JSON-LD element is a script"
    assert "<!--" not in shown and "<img" not in shown and 'href="javascript:alert(1)"' not in shown
    assert extracted(shown)[0]["claimReviewed"] == BREAKOUT
    box = ledger.FactBox(
        BREAKOUT, (("K01", claims.INCONSISTENT, BREAKOUT),), ("K02", claims.CONSISTENT, BREAKOUT), ((BREAKOUT, "<!--"),), BREAKOUT
    )
    corrections = ledger.Corrections((ledger.Correction("C001", "2026-12-02", BREAKOUT, "", "number", BREAKOUT, "<!--", BREAKOUT, ()),))
    chips = ledger.ChipRow((ledger.Chip("K01", claims.CONSISTENT, BREAKOUT),))
    for markup in (box._repr_html_(), corrections._repr_html_(), chips._repr_html_()):
        assert "<script" not in markup and "<!--" not in markup


def test_a_correction_is_dated_for_readers_and_for_machines() -> None:
    """The log printed "2026-12-04" beside an edition "released 4 December 2026"."""
    shown = ledger.Corrections((ledger.Correction("C001", "2026-12-04", "x", "", "number", "a", "b", "c", ()),))._repr_html_()
    assert '<time datetime="2026-12-04">4 Dec 2026</time>' in shown


def test_every_claim_has_a_ledger_entry_with_its_permalink_and_a_valid_claim_review(
    every_claim: ledger.Ledger, ledger_table: pd.DataFrame
) -> None:
    table = ledger_table
    shown = every_claim._repr_html_()
    assert [entry.claim_id for entry in every_claim.entries] == list(table["claim_id"])
    for claim_id in table["claim_id"]:
        assert f'<tr id="{claim_id}" class="ledger-entry"' in shown
    records = extracted(shown)
    assert len(records) == len(table)
    assert {record["@id"] for record in records} == {f"claims_ledger.html#{claim_id}" for claim_id in table["claim_id"]}
    assert {record["@id"]: record["reviewRating"]["alternateName"] for record in records} == {
        f"claims_ledger.html#{row.claim_id}": row.verdict for row in table.itertuples()
    }
    assert [problem for record in records for problem in claim_review_problems(record)] == []


@pytest.mark.parametrize("missing", ["reviewRating", "itemReviewed"])
def test_the_claim_review_check_fails_on_a_record_missing_a_required_field(every_claim: ledger.Ledger, missing: str) -> None:
    record = copy.deepcopy(every_claim.reviews[0])
    assert claim_review_problems(record) == []
    del record[missing]
    assert f"{missing} missing" in claim_review_problems(extracted(ledger.json_ld((record,)))[0])


def test_the_headline_entry_says_claimed_evidence_and_specifications_in_words(
    every_claim: ledger.Ledger, ledger_table: pd.DataFrame
) -> None:
    row = claims.claim(ledger_table, "K36")
    entry = next(entry for entry in every_claim.entries if entry.claim_id == "K36")
    assert entry.claimed.startswith(f"“{row['stated_as']}”, read as nearly {row['claimed_value']:.0f} {row['unit']}")
    assert entry.evidence.startswith(f"a ratio of {row['evidence_value']:.2f} ({row['unit']})")
    assert f"{row['specifications_reaching']:.0f} of the {row['specifications_total']:.0f} specifications reach the claim" in entry.evidence
    start, end = entry.passage.quote
    assert entry.passage.text[start:end] == row["seed_quote"]
    assert [entry.passage.text[first:last] for first, last in entry.passage.marks] == ["twice"]


def test_a_claim_a_chapter_names_is_shown_by_a_figure_of_that_chapter(ledger_table: pd.DataFrame) -> None:
    """A chapter's claim constants (framework.ASYMMETRY_CLAIM, ...) name claims whose evidence figure is on that
    chapter, so `common.discussing` gives the section showing it the claim's chip."""
    table = ledger_table.set_index("claim_id")
    named = {
        (page, match)
        for page in CHAPTERS
        for match in re.findall(r'^[A-Z_]+_CLAIM = "(K\d+)"', (REPO_ROOT / "src" / "analysis" / "pages" / f"{page}.py").read_text(), re.M)
    }
    assert len(named) >= 3
    for page, claim_id in named:
        assert table.at[claim_id, "evidence_figure"].startswith(f"{page}.html#fig-{page}-"), (page, claim_id)


def test_a_section_discusses_the_claims_its_figures_show(ledger_table: pd.DataFrame) -> None:
    table = ledger_table
    figure = common.figure_anchor("fig_framework_coalition")
    section = common.discussing(Section(figures=(_FakeFigure("fig_framework_coalition"),)))  # type: ignore[arg-type]
    assert [chip.claim_id for chip in section.claims] == list(table.loc[table["evidence_figure"] == figure, "claim_id"])
    assert len(section.claims) >= 2
    row = section.chips()._repr_html_()
    for chip in section.claims:
        assert f'id="claim-{chip.claim_id}" href="claims_ledger.html#{chip.claim_id}"' in row
    with pytest.raises(ValueError, match="discusses no claim"):
        Section().chips()


class _FakeFigure:
    def __init__(self, name: str) -> None:
        self.name = name


def test_review_output_becomes_draft_correction_rows() -> None:
    report = review.report(
        [
            review.Change("intro", "gaza_war_killed", "", "", "2,202", "2,203"),
            review.Change("collapse", "table: published totals", "row B06", "published", "2202", "2203"),
            # A date newly marked in a ledger passage changes how the text is set, not what it says.
            review.Change("claims_ledger", "html: cell 5", "K133", "markup", "in June", "in <mark>June</mark>"),
        ],
        120,
    )
    rows = correction.drafts(report, ["C001", "C013"], date(2026, 12, 3))
    assert [row["correction_id"] for row in rows] == ["C014", "C015"]
    assert rows[0]["before"] == "intro: gaza_war_killed 2,202" and rows[0]["after"] == "intro: gaza_war_killed 2,203"
    assert rows[1]["before"] == "collapse: table: published totals row B06  published 2202"
    assert rows[0]["date"] == "2026-12-03" and rows[0]["reason"] == correction.TODO
    header = (REPO_ROOT / "data" / "corrections.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    parsed = next(csv.reader(io.StringIO(correction.as_csv(rows))))
    assert len(parsed) == len(header) and parsed[header.index("before")] == rows[0]["before"]


def ids(page: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', page))


def built(name: str) -> str:
    path = SITE / name
    assert path.is_file(), f"{path} is missing: run `make book`"
    return path.read_text(encoding="utf-8")


@pytest.mark.build
def test_the_built_ledger_page_carries_a_valid_claim_review_per_claim(ledger_table: pd.DataFrame) -> None:
    page = built("claims_ledger.html")
    records = extracted(page)
    table = ledger_table
    assert len(records) == len(table)
    assert [problem for record in records for problem in claim_review_problems(record)] == []
    anchors = ids(page)
    assert {record["@id"].split("#")[1] for record in records} <= anchors


@pytest.mark.build
def test_every_claim_a_chapter_discusses_links_to_the_ledger_and_the_ledger_links_back(ledger_table: pd.DataFrame) -> None:
    table = ledger_table
    ledger_page = built("claims_ledger.html")
    ledger_ids = ids(ledger_page)
    discussed = table[table["evidence_figure"] != ""]
    assert len(discussed) >= 10
    for row in discussed.itertuples():
        page, anchor = row.evidence_figure.split("#")
        text = built(page)
        chips = dict(CHIP.findall(text))
        assert chips.get(row.claim_id) == f"claims_ledger.html#{row.claim_id}", f"{page} discusses {row.claim_id} without a chip"
        assert anchor in ids(text), f"{page} has no anchor {anchor}"
    chapter_links = 0
    for page in CHAPTERS:
        for claim_id, href in CHIP.findall(built(f"{page}.html")):
            target, _, anchor = href.partition("#")
            assert target == "claims_ledger.html" and anchor == claim_id and anchor in ledger_ids, (page, href)
            chapter_links += 1
    assert chapter_links == len(discussed)
    for block in re.findall(r'<p class="ledger-discussed">(.*?)</p>', ledger_page):
        for href in re.findall(r'href="([^"]+)"', block):
            target, _, anchor = href.partition("#")
            assert anchor in ids(built(target)), f"the ledger links to {href}, which does not exist"


@pytest.mark.build
def test_the_introduction_opens_with_what_we_found_and_the_edition(ledger_table: pd.DataFrame) -> None:
    from analysis.data import edition

    page = built("intro.html")
    box = page[page.index('<section class="fact-box"') :]
    assert box.index("What we found") < 200
    failed = ledger_table
    for claim_id in failed.loc[failed["verdict"] == claims.INCONSISTENT, "claim_id"]:
        assert f'href="claims_ledger.html#{claim_id}"' in box
    assert edition.edition().label in box
    assert Path(SITE / "corrections.html").is_file()


@pytest.mark.build
def test_the_pdf_title_page_carries_the_edition() -> None:
    from analysis.data import edition
    from analysis.tools import pdf

    first_page = subprocess.run(["pdftotext", "-l", "1", str(pdf.PDF_PATH), "-"], capture_output=True, text=True, check=True).stdout
    assert edition.edition().label in " ".join(first_page.split())


def test_an_evidence_basis_names_its_window_as_the_one_it_counts_within(ledger_table: pd.DataFrame) -> None:
    """K01 is the length of a three-day trip, counted within the reset: "(period: 20 Mar 2013 – 19 Jul 2013)" read as its length."""
    basis = claims.claim(ledger_table, "K01")["evidence_basis"]
    reset = periods.window("reset")
    assert basis.endswith(f"(counted within {reset.start:%-d %b}–{reset.end:%-d %b %Y})"), basis


def test_a_count_is_dated_as_the_book_writes_a_range() -> None:
    """The ledger wrote "counted within 26 Aug 2013 – 26 Aug 2013" for one day, and spaced its dashes."""
    day = pd.Timestamp("2013-08-26")
    assert claims.counted_over(day, day) == "counted on 26 Aug 2013"
    assert claims.counted_over(pd.Timestamp("2013-09-01"), pd.Timestamp("2013-10-31")) == "counted within 1 Sep–31 Oct 2013"
    assert claims.counted_over(pd.Timestamp("2013-07-29"), pd.Timestamp("2014-04-29")) == "counted within 29 Jul 2013–29 Apr 2014"


def test_the_specifications_reaching_a_claim_agree_with_their_verb(ledger_table: pd.DataFrame) -> None:
    row = claims.claim(ledger_table, "K36").copy()
    for reaching, said in ((1, "1 of the 54 specifications reaches the claim"), (0, "none of the 54 specifications reach the claim")):
        row["specifications_reaching"], row["specifications_total"] = reaching, 54
        assert said in claims_ledger.evidence_words(row)


@pytest.mark.parametrize(
    ("account", "quote", "sentence"),
    [
        (
            "Talks stalled. Abbas would resume the U.N. bid in a ceremony. Then silence.",
            "would resume",
            "Abbas would resume the U.N. bid in a ceremony.",
        ),
        ("He was the first since John F. Kennedy to try. It failed.", "first since", "He was the first since John F. Kennedy to try."),
        ("“Mr. President, no.” He left.", "no", "“Mr. President, no.”"),
        ("The deal was dead. V. By late January, talks resumed.", "By late", "By late January, talks resumed."),
    ],
)
def test_a_claims_sentence_runs_past_an_initial_or_an_abbreviation(account: str, quote: str, sentence: str) -> None:
    found = claims_ledger.passage(account, quote, claims_ledger.sentence_starts(account), [])
    assert found.text == sentence


def test_every_ledger_passage_is_a_whole_sentence_of_the_account(ledger_table: pd.DataFrame) -> None:
    """No passage stops at an abbreviation's stop ("…resuming the U.N.") or starts after one."""
    cut = [
        f"{entry.claim_id}: …{entry.passage.text[-40:]}"
        for entry in claims_ledger.entries(ledger_table)
        if re.search(r"\b[A-Z]\.[”’\")]*$", entry.passage.text) or re.match(r"[a-z]", entry.passage.text)
    ]
    assert not cut


def test_a_ledger_passage_prints_the_accounts_own_quotation_marks(ledger_table: pd.DataFrame) -> None:
    """The passages were cut from the account with its quotes folded to ASCII for matching: K11 printed
    "the talks' nine-month timeline" where the account, and the chapters quoting it, set "talks’"."""
    k11 = next(entry for entry in claims_ledger.entries(ledger_table) if entry.claim_id == "K11")
    assert "talks’ nine-month timeline" in k11.passage.text
    assert k11.passage.text in seed.as_printed(seed.seed_text())


def test_time_left_is_counted_in_years_gone_by_not_a_change_of_calendar_year(ledger_table: pd.DataFrame) -> None:
    """K42, "fewer than three years away from his parole": from 28 March 2014 to 21 November 2015 is 1.65 years, not 1."""
    period = Span(pd.Timestamp("2014-03-28"), pd.Timestamp("2015-11-21"))
    assert claims.years(None, period, "") == 1.65 and claims.calendar_years(None, period, "") == 1
    k42 = ledger_table.set_index("claim_id").loc["K42"]
    # Read at Kerry's first reported offer (27 Dec 2013, as K41's year is), and at the Riyadh session.
    assert (k42["evidence_value"], k42["alternative_value"], k42["verdict"]) == (1.9, 1.65, "consistent")


def test_a_footnote_marker_is_raised_not_marked_and_ends_its_sentence() -> None:
    account = "When Kerry asked how many, Netanyahu indicated that it would be more than 2,000.2 Kerry considered this."
    found = claims_ledger.passage(account, "more than 2,000", claims_ledger.sentence_starts(account), mentions.mentions(account))
    assert found.text.endswith("more than 2,000.2")  # the sentence ends with its footnote, before "Kerry considered"
    shown = found.html()
    assert "<mark>2,000</mark>" in shown and shown.endswith("</span>.<sup>2</sup>") and "2,000.2</mark>" not in shown


def test_a_dated_claim_marks_its_date_not_only_its_other_quantities(ledger_table: pd.DataFrame) -> None:
    """K133 claims a month: its passage marked "first" and left "June", the claimed value, unmarked; a day of a
    month is marked with its month, once ("March 29", not "March" beside "29")."""
    entries = {entry.claim_id: entry.passage.html() for entry in claims_ledger.entries(ledger_table)}
    assert "<mark>June</mark>" in entries["K133"]
    assert "<mark>March 29</mark>" in entries["K43"] and "<mark>29</mark>" not in entries["K43"]
    assert "<mark>August 26</mark>" not in entries["K19"]  # a count of the killed: its date is not what it claims


def test_a_claim_counted_from_events_names_the_reports_that_date_them(ledger_table: pd.DataFrame) -> None:
    """K41's evidence is the year of Pollard's sentence at Channel 10's report of Kerry's offer (event E109): its
    sources named the sentencing report and events.csv, not the reports that date the offer."""
    entry = next(entry for entry in claims_ledger.entries(ledger_table) if entry.claim_id == "K41")
    addresses = [address for _, address in entry.sources]
    assert "https://www.haaretz.com/israel-news/1.565880" in addresses and any("jpost.com" in address for address in addresses)
    assert "../data/events.csv" in addresses


def test_the_conferences_before_bakers_are_counted_from_rhodes_with_the_state_departments_record(
    ledger_table: pd.DataFrame,
) -> None:
    """K63's floor was counted "from the first, Geneva in 1973": the armistice talks at Rhodes had seated
    Israeli and Egyptian delegations together in January 1949, as the State Department's record of them says."""
    entry = next(entry for entry in claims_ledger.entries(ledger_table) if entry.claim_id == "K63")
    addresses = [address for _, address in entry.sources]
    assert "https://history.state.gov/historicaldocuments/frus1949v06/d390" in addresses
    assert any("jta.org" in address and "geneva" in address for address in addresses)  # the floor's second conference
    assert "Rhodes" in entry.method and "Geneva in 1973" not in entry.method


def test_a_claim_bounded_by_several_reported_facts_names_each_report(ledger_table: pd.DataFrame) -> None:
    """K71's bound reads one fact per tranche reported by offence: joined with ";", no fact was looked up and its
    entry named only the two tables, none of the reports."""
    entry = next(entry for entry in claims_ledger.entries(ledger_table) if entry.claim_id == "K71")
    addresses = [address for _, address in entry.sources]
    assert "http://al-magor.com/en/?p=3046" in addresses and any("straitstimes.com" in address for address in addresses)


def test_a_claim_counted_within_a_period_names_what_dates_it(ledger_table: pd.DataFrame) -> None:
    """K42 is counted within a period from Kerry's reported offer (E109, its start_event) to Pollard's parole date
    (the period's source): its entry named no source at all, though the period's length is its evidence. K12, a
    count within the talks, names the table it counts from, not the reports that date the talks' ends."""
    entries = {entry.claim_id: [address for _, address in entry.sources] for entry in claims_ledger.entries(ledger_table)}
    assert "https://www.jta.org/2015/07/25/united-states/auto-draft-126" in entries["K42"]
    assert "https://www.haaretz.com/israel-news/1.565880" in entries["K42"]
    assert entries["K12"] == ["../data/settlement_announcements.csv"]  # counted within the talks, not from their ends
    assert not any("newrepublic.com" in address for entry in entries.values() for address in entry)  # the claims' own source


def test_a_claim_counted_from_a_pinned_dataset_names_it() -> None:
    """K01's three days are counted from the Office of the Historian's record of Obama's travels, within the reset
    phase: its entry named no source at all."""
    entries = {entry.claim_id: [address for _, address in entry.sources] for entry in claims_ledger.entries(common.ledger())}
    assert any("HistoryAtState/travels" in address for address in entries["K01"])
    assert not any("upi.com" in address for address in entries["K01"])  # the reset's end (Kerry in Amman) is no evidence of Obama's days
    assert any("Analise-Guerra" in address for address in entries["K19"])  # B'Tselem's records, behind every count of the killed


def test_an_events_table_marks_a_date_no_report_confirms() -> None:
    """The resumption's table of sessions gave the account's 29 July for Kerry's letter as a fact, beside a chapter
    that says no report dates it (E022, unconfirmed)."""
    shown = resumption.sessions().tables[0].frame.set_index("event")
    events = common.table("events").set_index("event_id")
    for event, shown_date in shown["date"].items():
        assert shown_date.endswith(" (unconfirmed)") == (events.at[event, "audit_status"] == "unconfirmed"), (event, shown_date)
    assert shown.at["E022", "date"] == "29 Jul 2013 (unconfirmed)"


def test_every_checked_claim_names_a_public_source_or_a_table() -> None:
    """K01 (the trip's three days) and K53 (years since June 1967) named nothing their evidence came from."""
    entries = claims_ledger.entries(common.ledger())
    checked = set(common.ledger().query("verdict != 'not checkable'")["claim_id"])
    assert [entry.claim_id for entry in entries if entry.claim_id in checked and not entry.sources] == []


def test_the_ledger_filters_claims_by_the_phase_they_belong_to_not_a_chapter(every_claim: ledger.Ledger) -> None:
    """The menu was labelled "chapter" and offered "aftermath", which no chapter is, while K05 (the reset's prisoners)
    is discussed in the collapse chapter's figure: what it filters by is the phase of the talks."""
    html = every_claim._repr_html_()
    menu = re.search(r'<label>(\w+) <select data-ledger-filter="chapter">(.*?)</select>', html)
    assert menu and menu.group(1) == "phase"
    assert 'value="aftermath"' in menu.group(2)


def test_where_sources_disagree_the_values_come_before_the_long_texts() -> None:
    """On a phone only the claim's id and subject showed; its three values were behind a sideways scroll."""
    shown = claims_ledger.ledger().tables[1].frame
    assert list(shown.columns[:4]) == ["claim_id", "claimed", "better evidence", "dataset"]


def test_a_claim_no_record_settles_links_the_reports_its_reason_cites(ledger_table: pd.DataFrame) -> None:
    """K76's reason cited Arab News, Haaretz and Algemeiner and K88's Arutz Sheva, but their entries linked nothing
    (a copy editor's finding): a reason's sources are listed with the claim, and only with a reason."""
    entries = {entry.claim_id: [address for _, address in entry.sources] for entry in claims_ledger.entries(ledger_table)}
    assert any("letters-of-assurance" in address for address in entries["K76"])
    assert any("arabnews" in address for address in entries["K76"])
    assert entries["K88"] == ["http://www.israelnationalnews.com/news/170834", "https://www.bssnews.net/international/320399"]


@pytest.mark.parametrize(
    ("row", "old", "new", "value", "starts"),
    [
        (
            "K82",
            ",another definition,,",
            ",another definition,,haaretz_2013_10_23_rome",
            "haaretz_2013_10_23_rome",
            "sources are given only",
        ),
        (
            "K88",
            ",inn_2013_08_tubul_parents;afp_bss_2025_10_12_shamasneh",
            ",inn_2013_08_no_such_report;afp_bss_2025_10_12_shamasneh",
            "inn_2013_08_no_such_report;afp_bss_2025_10_12_shamasneh",
            "every source the reason cites",
        ),
    ],
)
def test_a_reasons_sources_are_refused_on_a_checked_claim_or_when_not_listed(
    data_copy: Path, row: str, old: str, new: str, value: str, starts: str
) -> None:
    line = edited(data_copy, "claims", row, old, new)
    assert rule_refusal(data_copy, "claims", line, "reason_source_ids", value, starts) in problems_of("claims", data_copy)


def test_the_reason_k47_stays_open_gives_the_meetings_events_csv_dates() -> None:
    """K47's reason counts Indyk's April meetings with the teams in words; the rows of events.csv that date them
    are the record (C106), so a meeting added, moved or given to another side there contradicts the reason here."""
    events = tables.load("events")
    side = tables.load("actors").set_index("actor")["side"]
    april = events[
        (events["kind"] == "negotiation_session")
        & events["date"].between(pd.Timestamp(2014, 4, 2), pd.Timestamp(2014, 4, 23))
        & (events["date_precision"] == "day")
        & events["actors"].str.split(";").map(lambda names: "Indyk" in names)
    ].sort_values(["date", "event_id"])
    teams = april["actors"].str.split(";").map(lambda names: [name for name in names if side[name] in ("Israel", "Palestinians")])
    both = april[teams.map(lambda names: {side[name] for name in names} == {"Israel", "Palestinians"})]
    alone = april[teams.map(lambda names: len({side[name] for name in names}) == 1)]
    # A team the reports name only by its side ("Israeli negotiators") is its actor row of the state.
    team_names = {"Israel": "the Israeli team", "Palestinian Authority": "the Palestinian team"}
    by_negotiator: dict[str, list[str]] = {}
    for held, names in zip(alone["date"], teams[alone.index], strict=True):
        by_negotiator.setdefault(team_names.get(names[0], names[0]), []).append(str(held.day))
    reason = str(tables.load("claims").set_index("claim_id").at["K47", "not_checkable_reason"])
    assert len(both) + len(alone) == len(april)
    assert f"date {glue.in_words(len(april)).text} meetings of Indyk" in reason, reason
    both_days = glue.in_series([str(held.day) for held in both["date"]])
    assert f"{glue.in_words(len(both)).text} with both teams ({both_days} April)" in reason, reason
    singles = ", ".join(f"{name} on {glue.in_series(days)} April" for name, days in by_negotiator.items())
    assert f"{glue.in_words(len(alone)).text} with one ({singles}; events.csv)" in reason, reason


def test_a_claim_in_someones_quoted_words_is_reviewed_as_theirs(every_claim: ledger.Ledger) -> None:
    """Kerry's "thirty years" (K29) was a claim by the account's two authors in its ClaimReview record, which a
    fact-check reader shows as "Claim by"; the authors' own words stay theirs."""
    authors = {record["@id"].split("#")[1]: record["itemReviewed"]["author"] for record in extracted(every_claim._repr_html_())}
    assert authors["K29"] == [{"@type": "Person", "name": "Kerry", "jobTitle": "Secretary of State"}]
    dates = {record["@id"].split("#")[1]: record["itemReviewed"].get("datePublished") for record in extracted(every_claim._repr_html_())}
    assert dates["K04"] is None and dates["K36"] == "2014-07-20"
    assert [author["name"] for author in authors["K53"]] == ["Kurtzer"]
    assert [author["name"] for author in authors["K36"]] == ["Ben Birnbaum", "Amir Tibon"]


def test_a_claim_quoting_someone_names_them_and_no_other_claim_does(data_copy: Path) -> None:
    path = data_copy / "claims.csv"
    text = path.read_text(encoding="utf-8").split("\n")
    k29 = next(number for number, line in enumerate(text, start=1) if line.startswith("K29,"))
    k36 = next(number for number, line in enumerate(text, start=1) if line.startswith("K36,"))
    text[k29 - 1] = text[k29 - 1].removesuffix(",Kerry") + ","
    text[k36 - 1] = text[k36 - 1].removesuffix(",") + ",Netanyahu"
    path.write_text("\n".join(text), encoding="utf-8")
    message = problems_of("claims", data_copy)
    spoken = "a claim whose quote stands inside quotation marks in the account"
    assert rule_refusal(data_copy, "claims", k29, "speaker", "", spoken) in message
    assert rule_refusal(data_copy, "claims", k36, "speaker", "Netanyahu", spoken) in message
