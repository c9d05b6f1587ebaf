"""The claims ledger: every quantitative statement of the account, with its evidence and verdict.

Every word the ledger, the introduction's "What we found" and the ClaimReview
records say about a claim is written here from the ledger table
(`analysis.evidence.claims.ledger`): numbers are the table's, never typed.
"""

from __future__ import annotations

import bisect
import math
import re

import pandas as pd

from analysis.data import edition, schemas
from analysis.data.seed import as_printed, normalise, seed_text
from analysis.data.stated_numbers import ORDINAL, number_stated, stated_at
from analysis.evidence import claims, mentions
from analysis.pages import common
from analysis.report.glue import DataTable, Section, cell_text, nested, number, of_the_whole, ordinal, quotation, unit_agreeing
from analysis.report.ledger import (
    LEDGER_PAGE,
    Correction,
    Corrections,
    Entry,
    Ledger,
    Passage,
    Work,
    claim_review,
)

# How each comparison of claims.csv reads before the claimed value.
COMPARISON_WORDS = {
    "=": "",
    "ordinal": "",
    "rounded": "",
    "about": "about",
    "nearly": "nearly",
    ">": "more than",
    ">=": "at least",
    "<": "less than",
}
# Words by which the account itself says a figure is approximate (else "about" is the book's reading of a round figure).
APPROXIMATING = re.compile(r"\b(about|approximately|around|roughly|some|nearly|almost|a few|or so|[a-z]+-ish)\b", re.IGNORECASE)
# A sentence ends at a stop (and any closing quote and footnote marker after it, "2,000.2 Kerry") and the space after it.
SENTENCE_END = re.compile(r"[.!?][”’\")]*(?:" + mentions.FOOTNOTE_MARKER + r")?\s+|\n+")
# What ends an abbreviation or a name's initial, not a sentence, before a stop:
# "U.N. bid", "John F. Kennedy", "Mr. President" (a section's numeral, "V. By
# late January", still ends the sentence before it). A sentence that does end so
# ("…in Area C. Then") runs on into the next, a longer passage, never a cut one;
# other titles ("Gen.", "Sen.") still end one. The account has neither.
ABBREVIATION = re.compile(r"(?:\.[A-Z]|\b[A-Z][a-z]+ [A-Z]|\b(?:Mr|Mrs|Ms|Dr))$")
TABLE_FILE = re.compile(r"\b([a-z0-9_]+)\.csv\b")


DAY_OF_MONTH = "day of month"
MONTH_OF = re.compile(r"month of (\d{4})")  # a month of that year, 1 to 12
PERCENT = "percent"
CLOCK_HOUR = "hours (24-hour clock)"
# A ratio of like to like: "meetings with Netanyahu per meeting with Abbas" (not "meetings per week").
RATIO = re.compile(r"(?P<noun>\w+?)s? .+ per (?P=noun) .+")
# A date as the account writes it, a month's name with its day or year if given: what a claim of a date marks.
MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_WORDS = re.compile(rf"\b(?:{MONTH_NAMES})(?: \d{{1,2}}\b)?(?: \d{{4}}\b)?")


def dates_claimed(unit: str) -> bool:
    """Whether a claim of `unit` states a date (a day of a month, a month, a year), whose words the ledger marks."""
    return unit.startswith(DAY_OF_MONTH) or bool(MONTH_OF.fullmatch(unit)) or unit in claims.CALENDAR_UNITS


def quantity(value: float, unit: str) -> str:
    """A value as the ledger writes it: years without a thousands separator, ordinals (and days of a month) as
    ordinals, other numbers without trailing zeros."""
    if unit in claims.CALENDAR_UNITS:
        return f"{value:.0f}"
    if unit.endswith(ORDINAL) or unit.startswith(DAY_OF_MONTH):
        return ordinal(int(value))
    # Prose, not a column: "3.2 months", not "3.20" (a table's column keeps its decimals).
    written = cell_text(float(value))
    return written.rstrip("0").rstrip(".") if "." in written else written


def clock_time(hour: float) -> str:
    """An hour of the 24-hour clock as a reader says it: "7 p.m.", "9 a.m.", "noon", "midnight"; a part hour in minutes ("7.30 p.m.")."""
    whole, minutes = divmod(round(hour * 60) % (24 * 60), 60)
    if minutes == 0 and whole in (0, 12):
        return "midnight" if whole == 0 else "noon"
    shown = f"{whole % 12 or 12}" + (f".{minutes:02d}" if minutes else "")
    return f"{shown} {'a.m.' if whole < 12 else 'p.m.'}"


def with_unit(value: float, unit: str) -> str:
    """A value and its unit in words: "2,256 housing units", "the year 2011", "the 1990s", "the 29th year of
    the sentence", "the 29th day of the month", or with the month named, the day and that month ("27 Jul 2014");
    a month of a year as the ledger writes it ("Jun 2013")."""
    if unit == "decade":
        return f"the {quantity(value, unit)}s"
    if unit in claims.CALENDAR_UNITS:
        return f"the {unit} {quantity(value, unit)}"
    if unit.endswith(ORDINAL):
        return f"the {quantity(value, unit)} {unit.removesuffix(ORDINAL)}"
    if unit == PERCENT or unit.startswith(PERCENT + " "):
        return f"{quantity(value, unit)}%{unit.removeprefix(PERCENT)}"  # "40%", "50% of core issues", as the book writes a share
    if unit == CLOCK_HOUR:
        return clock_time(value)
    if year := MONTH_OF.fullmatch(unit):
        return f"{pd.Timestamp(year=int(year.group(1)), month=int(value), day=1):%b %Y}"
    if unit.startswith(DAY_OF_MONTH):
        month = unit.removeprefix(DAY_OF_MONTH).strip().removeprefix("(").removesuffix(")")
        # As the ledger writes its other days ("27 Jul 2014"), when the unit names a month and its year.
        if re.fullmatch(r"[A-Z][a-z]+ \d{4}", month):
            return f"{int(value)} {pd.Timestamp(f'1 {month}'):%b %Y}"
        return f"the {quantity(value, unit)} day of the month{f' ({month})' if month else ''}"
    shown = quantity(value, unit)
    # The noun agrees with the number as written: 0.999 days is written "1", and reads "1 day".
    return f"{shown} {unit_agreeing(1 if shown == '1' else value, unit)}"


def admits(claimed: float, comparison: str, unit: str) -> str:
    """The values a claim's wording admits (claims.claim_band), in words."""
    low, high = claims.claim_band(claimed, comparison, unit)
    if comparison in ("=", "ordinal"):
        return f"exactly {with_unit(claimed, unit)}"
    if comparison == ">":
        return f"anything above {with_unit(claimed, unit)}"
    if comparison == ">=":
        return f"{with_unit(claimed, unit)} or more"
    if comparison == "<":
        return f"anything below {with_unit(claimed, unit)}"
    if unit in claims.CALENDAR_UNITS:
        return f"{quantity(low, unit)} to {quantity(high, unit)}"
    # A band computed in floating point (50 years give or take 10%: 55.000000000000007) reads as written, to the
    # fewest decimals, up to two, that give both ends: "12.6 to 15.4" days, not "12.60 to 15.40".
    decimals = next((places for places in (0, 1) if all(math.isclose(end, round(end, places), abs_tol=1e-9) for end in (low, high))), 2)
    return f"{number(low, decimals).text} to {number(high, decimals).text}"


def evidence_quantity(row: pd.Series) -> str:
    """The evidence value with its unit, "at most" or "at least" when the evidence bounds the count rather than gives it."""
    bound = "at most " if row["evidence_at_most"] else "at least " if row["evidence_at_least"] else ""
    if RATIO.fullmatch(row["unit"]):
        # At exactly 1 a ratio read "1 meeting with Netanyahu per meeting with Abbas".
        return f"{bound}a ratio of {number(row['evidence_value'], 2).text} ({row['unit']})"
    return f"{bound}{with_unit(row['evidence_value'], row['unit'])}"


def claimed_words(row: pd.Series) -> str:
    """What the account claims, with its unit and, for a loose figure, the range its wording admits; words that
    state no number alone ("two weeks later", "most") are quoted before the value the book reads from them, unless
    they name it ("the 1990s")."""
    words = " ".join(part for part in (COMPARISON_WORDS[row["comparison"]], with_unit(row["claimed_value"], row["unit"])) if part)
    if number_stated(row["stated_as"]) is None and with_unit(row["claimed_value"], row["unit"]) not in row["stated_as"]:
        words = f"“{row['stated_as']}”, read as {words}"
    elif row["comparison"] == "about" and not APPROXIMATING.search(row["seed_quote"]):
        # "over three months" is a round figure the book reads as approximate: the account did not say "about".
        words = f"{with_unit(row['claimed_value'], row['unit'])}, read as about that"
    if row["comparison"] in ("rounded", "about", "nearly"):
        words += f"; the wording admits {admits(row['claimed_value'], row['comparison'], row['unit'])}"
    return words


def evidence_words(row: pd.Series) -> str:
    """What the evidence shows, with its unit, the other definition's value and the specifications reaching the claim."""
    if row["verdict"] == claims.NOT_CHECKED:
        return "no public record settles it"
    words = evidence_quantity(row)
    if pd.notna(row["alternative_value"]):
        preposition = "from" if row["alternative_kind"] == "weaker evidence" else "under"
        words += f"; {with_unit(row['alternative_value'], row['unit'])} {preposition} {row['alternative_kind']}"
    if pd.notna(row["specifications_total"]):
        reaching = of_the_whole(
            int(row["specifications_reaching"]), int(row["specifications_total"]), "specifications", ("reaches", "reach")
        )
        words += f"; {reaching} the claim"
    return words


def method_sentence(row: pd.Series) -> str:
    """One sentence of how the claim was checked."""
    if row["verdict"] == claims.NOT_CHECKED:
        return f"Not checkable: {row['reason']}"
    sentence = f"From {row['evidence_basis']}; the claim’s wording admits {admits(row['claimed_value'], row['comparison'], row['unit'])}."
    if row["alternative_basis"]:
        if row["alternative_kind"] == "weaker evidence":
            sentence += f" Weaker evidence, {row['alternative_basis']}, gives another value; the verdict follows the better evidence."
        else:
            sentence += f" Under another definition: {row['alternative_basis']}."
    if pd.notna(row["specifications_total"]):
        sentence += " Every other defensible way of counting is a specification of the curve in chapter 3."
    return sentence


# The evidence functions whose value is the period's own length: the reports that date its ends are evidence.
# A count within a period (Obama's days within the reset) is not made of its ends' dates.
MEASURES_A_PERIOD = frozenset(
    function.__name__ for function in (claims.years, claims.months, claims.calendar_years, claims.calendar_months)
)

# The pinned datasets an evidence function counts from (their rows of sources.csv): K01's three days, counted
# from the Office of the Historian's record of Obama's travels, named no source at all.
DATASETS_READ: dict[str, tuple[str, ...]] = {
    claims.obama_days_in_israel.__name__: ("hsg_obama_travels",),
    claims.region_journeys.__name__: ("hsg_kerry_travels",),
    claims.travel_stop_days.__name__: ("hsg_kerry_travels",),
    claims.killed.__name__: ("btselem_fatalities",),
    claims.killed_in_gaza_by_israeli_forces.__name__: ("btselem_fatalities",),
    claims.killed_at_place.__name__: ("btselem_fatalities",),
}


def evidence_sources(
    row: pd.Series,
    facts: pd.Series,
    methods: pd.DataFrame,
    sources: pd.DataFrame,
    audited: pd.Series | None = None,
    periods: pd.DataFrame | None = None,
) -> tuple[tuple[str, str], ...]:
    """The public sources of a claim's evidence (the reference facts it reads, the
    periods whose length it measures, and the reports that date the events and meetings it counts
    between or that bound those periods: `audited`, each one's audit sources) and the book's
    tables it counts from, and the pinned datasets its function reads (DATASETS_READ). `methods` gives each
    method's `function`, `parameter` and `period`; `periods` holds the phases too.
    K41's evidence had named only its sentencing report, K42's nothing at all."""
    found: list[tuple[str, str]] = []
    for method in (row["evidence_method"], row["alternative_method"]):
        if not isinstance(method, str) or method not in methods.index:
            continue
        parameter, period = methods.at[method, "parameter"], methods.at[method, "period"]
        parts = str(parameter).split("|") if isinstance(parameter, str) and parameter else []
        named: list[str] = list(DATASETS_READ.get(methods.at[method, "function"], ()))
        if (
            periods is not None
            and isinstance(period, str)
            and period in periods.index
            and methods.at[method, "function"] in MEASURES_A_PERIOD
        ):
            bounds = periods.loc[period]
            events = [bounds[end] for end in ("start_event", "end_event") if isinstance(bounds[end], str)]
            # A period an event bounds at each end is dated by those events' reports, not by its own source.
            if len(events) < 2 and isinstance(bounds["source_id"], str):
                named.append(bounds["source_id"])
            parts += events
        for part in parts:
            named += [facts[part]] if isinstance(facts.get(part), str) else []
            if audited is not None and part in audited.index:
                named += [source for source in str(audited[part]).split(";") if source]
        for source in named:
            # The account itself (the seed of sources.csv: a window it dates) is the claim's source, not evidence for it.
            if source in sources.index and sources.at[source, "kind"] != "seed":
                found.append((f"{sources.at[source, 'publisher']}: {sources.at[source, 'title']}", str(sources.at[source, "url"])))
    # A claim no record settles cites, in its reason, the reports that come nearest.
    cited = row.get("reason_source_ids")
    for source in str(cited).split(";") if isinstance(cited, str) else []:
        found.append((f"{sources.at[source, 'publisher']}: {sources.at[source, 'title']}", str(sources.at[source, "url"])))
    for basis in (row["evidence_basis"], row["alternative_basis"]):
        found += [(f"{name}.csv", f"../data/{name}.csv") for name in TABLE_FILE.findall(basis)]
    return tuple(dict.fromkeys(found))


def passage(
    account: str,
    quote: str,
    starts: list[int],
    found: list[mentions.Mention],
    markers: list[mentions.Mention] | None = None,
    printed: str | None = None,
    dated: bool = False,
    stated: str = "",
) -> Passage:
    """The sentence of the account that holds `quote`, the quote and the quantities in it marked (and,
    when the claim is `dated`, its dates, a month's name with its day), its footnote markers (`markers`, the
    account's, found here when not given) raised. `account` is the normalised account the places are
    found in; the sentence is taken from `printed` (`as_printed`, the account's own quotation marks)
    where given. With the words that `stated` the claim's value, only the marks on those words are kept (the
    words themselves marked when none is on them): "13 to seven" marks "seven", the claim of seven votes."""
    at = account.find(normalise(quote))
    if at < 0:
        return Passage(quote, (0, len(quote)), ())
    end = at + len(normalise(quote))
    first = starts[bisect.bisect_right(starts, at) - 1]
    following = bisect.bisect_left(starts, end)
    last = starts[following] if following < len(starts) else len(account)
    sentence = (printed or account)[first:last].rstrip()
    markers = mentions.footnote_markers(account) if markers is None else markers
    notes = [(m.start - first, m.end - first) for m in markers if first <= m.start < first + len(sentence)]
    inside = [(m.start - first, m.end - first) for m in found if at <= m.start and m.end <= end]
    dates = [(match.start() - first, match.end() - first) for match in DATE_WORDS.finditer(account, at, end)] if dated else []
    # A date's numeral ("29" of "March 29") is marked with its month, once.
    quantities = [span for span in inside if not any(start <= span[0] and span[1] <= stop for start, stop in dates)]
    marks = tuple(sorted(span for span in [*quantities, *dates] if span not in notes))
    offset = stated_at(account[at:end], normalise(stated)) if stated else -1
    if offset >= 0:
        words = (at - first + offset, at - first + offset + len(normalise(stated)))
        marks = tuple(span for span in marks if span[0] < words[1] and words[0] < span[1]) or (words,)
    return Passage(sentence, (at - first, end - first), marks, tuple(notes))


def sentence_starts(account: str) -> list[int]:
    """Where each sentence of the account starts: after a sentence's end, not after an abbreviation's stop."""
    return [
        0,
        *(
            match.end()
            for match in SENTENCE_END.finditer(account)
            if not (account[match.start()] == "." and ABBREVIATION.search(account, max(0, match.start() - 40), match.start()))
        ),
    ]


def entries(table: pd.DataFrame) -> tuple[Entry, ...]:
    """Every claim of the ledger table in words."""
    sources = common.table("sources").set_index("source_id")
    facts = common.table("reference_facts").set_index("fact_id")["source_id"]
    methods = common.table("evidence_methods").set_index("method")[["function", "parameter", "period"]]
    periods = common.all_periods().set_index("period")
    # The reports behind each event and meeting a claim's evidence counts between (their ids never clash: E…, M…).
    audited = pd.concat(
        [common.table(name).set_index(key)["audit_source_ids"] for name, key in (("events", "event_id"), ("meetings", "meeting_id"))]
    ).fillna("")
    account, printed = normalise(seed_text()), as_printed(seed_text())
    starts, found, markers = sentence_starts(account), mentions.mentions(account), mentions.footnote_markers(account)
    made = []
    for _, row in table.iterrows():
        discussed: tuple[tuple[str, str], ...] = ()
        if row["evidence_figure"]:
            page = row["evidence_figure"].split(".html")[0]
            discussed = (("the section’s claims", f"{page}.html#claim-{row['claim_id']}"), ("the figure", row["evidence_figure"]))
        made.append(
            Entry(
                claim_id=row["claim_id"],
                verdict=row["verdict"],
                chapter=row["chapter"],
                topic=row["topic"],
                subject=row["subject"],
                passage=passage(
                    account, row["seed_quote"], starts, found, markers, printed, dated=dates_claimed(row["unit"]), stated=row["stated_as"]
                ),
                claimed=claimed_words(row),
                evidence=evidence_words(row),
                method=method_sentence(row),
                sources=evidence_sources(row, facts, methods, sources, audited, periods),
                discussed=discussed,
            )
        )
    return tuple(made)


def reviewed_and_reviewer() -> tuple[Work, Work]:
    """The account the ledger reviews and the book that reviews it, from CITATION.cff and _config.yml."""
    account, book = edition.account(), edition.edition()
    return (
        Work(account.title, account.authors, account.journal, account.published, account.url),
        Work(book.title, (book.author,), book.author, book.released, ""),
    )


def reviews(table: pd.DataFrame, made: tuple[Entry, ...]) -> tuple[dict, ...]:
    """A schema.org ClaimReview per claim, its @id the claim's permalink on the ledger page."""
    account, book = reviewed_and_reviewer()
    claims = table.set_index("claim_id")
    roles = common.table("actors").set_index("actor")["role"]
    speakers = {claim: (name, roles[name]) for claim, name in claims["speaker"].dropna().items()}
    return tuple(
        claim_review(
            entry, claims.at[entry.claim_id, "seed_quote"], account, book, f"{LEDGER_PAGE}#{entry.claim_id}", speakers.get(entry.claim_id)
        )
        for entry in made
    )


def ledger_table() -> pd.DataFrame:
    """The ledger as a table for the data package: each claim, its verdict, evidence and sources."""
    table = common.ledger()
    made = entries(table)
    return pd.DataFrame(
        {
            "claim_id": table["claim_id"],
            "chapter": table["chapter"],
            "topic": table["topic"],
            "subject": table["subject"],
            "seed_quote": table["seed_quote"],
            "speaker": table["speaker"].fillna(""),
            "claimed_value": table["claimed_value"],
            "comparison": table["comparison"],
            "unit": table["unit"],
            "evidence_value": table["evidence_value"],
            "evidence_bound": [
                "at most" if at_most else "at least" if at_least else ""
                for at_most, at_least in zip(table["evidence_at_most"], table["evidence_at_least"], strict=True)
            ],
            "verdict": table["verdict"],
            "specifications_reaching": table["specifications_reaching"],
            "specifications_total": table["specifications_total"],
            "claimed": [entry.claimed for entry in made],
            "evidence": [entry.evidence for entry in made],
            "method": [entry.method for entry in made],
            "sources": ["; ".join(address for _, address in entry.sources) for entry in made],
            "permalink": [f"chapters/{LEDGER_PAGE}#{entry.claim_id}" for entry in made],
        }
    )


def ledger() -> Section:
    """Verdict counts, the verdict rules, the disagreements between sources, and every claim."""
    table = common.ledger()
    verdicts = table["verdict"].value_counts()
    exclusions = common.table("claim_exclusions")
    account = normalise(seed_text())
    found = mentions.mentions(account)
    set_aside = mentions.uncovered(account, [normalise(quote) for quote in table["seed_quote"]])
    in_claims = len(found) - len(set_aside)
    # An entry whose passage holds none of the numbers set aside names a word the count leaves out
    # (a section numeral) or one inside a claim's passage that is not its number.
    passages = [mentions.occurrences(account, normalise(quote)) for quote in exclusions["seed_quote"]]
    beyond_count = sum(not any(mentions.inside(mention, spans) for mention in set_aside) for spans in passages)
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
            "mentions_in_claims": number(in_claims),
            "mentions_set_aside": number(len(set_aside)),
            "exclusions_total": number(len(exclusions)),
            "exclusions_beyond_count": number(beyond_count),
            "disagreements": number(len(disagreements)),
            "about_tolerance": number(100 * claims.TOLERANCE_ABOUT),
            "nearly_low": number(100 * claims.NEARLY_RANGE[0]),
            "nearly_high": number(100 * claims.NEARLY_RANGE[1]),
            "rounded_example_claim": quotation(f"“{nested(rounded['seed_quote'])}”"),
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
                    ["claim_id", "claimed_value", "evidence_value", "alternative_value", "subject", "evidence_basis", "alternative_basis"]
                ].rename(columns={"claimed_value": "claimed", "evidence_value": "better evidence", "alternative_value": "dataset"}),
                expanded=True,
                cards=True,
            ),
        ),
    )


def every_claim() -> Ledger:
    """Every claim with its verdict, the account's sentence, the check in words, its sources and where the book
    discusses it, filterable and searchable, with its ClaimReview record."""
    table = common.ledger()
    made = entries(table)
    return Ledger(made, reviews(table, made))


def corrections() -> Corrections:
    """The corrections record, newest first: every change to a published verdict, number or record."""
    table = common.table("corrections").sort_values(["date", "correction_id"], ascending=False)
    sources = common.table("sources").set_index("source_id")
    claim_ids = set(common.table("claims")["claim_id"])
    items = []
    for row in table.itertuples():
        named = [source for source in str(row.source_ids).split(";") if source in sources.index]
        links = tuple(
            (f"{sources.at[source, 'publisher']}: {sources.at[source, 'title']}", str(sources.at[source, "url"])) for source in named
        )
        subject, href = row.subject, f"{LEDGER_PAGE}#{row.subject}" if row.subject in claim_ids else ""
        if not schemas.RECORD_SUBJECT.fullmatch(row.subject):  # a chapter's page: named by its number, linked to it
            subject, href = f"chapter {edition.chapter_number(row.subject)}", f"{row.subject}.html"
        items.append(Correction(row.correction_id, cell_text(row.date), subject, href, row.kind, row.before, row.after, row.reason, links))
    return Corrections(tuple(items))


def not_claims() -> Section:
    """The numbers of the account that are not claims, each with its reason."""
    exclusions = common.table("claim_exclusions")
    shown = exclusions.assign(seed_quote=exclusions["seed_quote"].map(raised_markers))
    return Section(
        tables=(DataTable("Numbers in the account that are not claims, and why", shown[["exclusion_id", "token", "seed_quote", "reason"]]),)
    )


SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def raised_markers(quote: str) -> str:
    """A passage of the account with its footnote markers set as superscript digits, as the ledger's passages raise
    them: in a table's cell "more than 2,000.2 Kerry" read as a decimal."""
    for marker in reversed(mentions.footnote_markers(quote)):
        quote = quote[: marker.start] + marker.token.translate(SUPERSCRIPT_DIGITS) + quote[marker.end :]
    return quote
