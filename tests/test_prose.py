"""Chapter prose: quotes from the account are verbatim, numbers come from glue,
and the book's own words (prose and figure labels) keep the house terms."""

import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis.data import periods, tables
from analysis.data.seed import normalise, quote_in_seed
from analysis.errors import DataError
from analysis.evidence import claims
from analysis.pages import claims_ledger, collapse, common, intro, resumption
from analysis.paths import DATA_DIR_ENV, REPO_ROOT
from analysis.report.glue import DataTable, agreeing, counted, in_series, of_the_whole, singular, unit_agreeing
from analysis.tools import review
from analysis.tools.publish import figure_specs
from conftest import update_field

CHAPTERS = sorted((REPO_ROOT / "chapters").glob("*.ipynb"))
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
TYPOGRAPHIC_QUOTE = re.compile(r"“([^”]+)”")
ALLOWED_NUMBERS = [
    re.compile(r"\{glue:[a-z]*\}`[^`]+`"),  # computed values
    re.compile(r"`[^`]*`"),  # code and file names
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(rf"\b\d{{1,2}}(-\d{{1,2}})? ({MONTHS})\b"),  # day-month dates
    re.compile(rf"\b({MONTHS}) \d{{1,2}}\b"),
    re.compile(r"\b(19|20)\d{2}\b"),  # years
    re.compile(r"^\s*\d+\. ", re.MULTILINE),  # numbered lists
    re.compile(r"\bsha256|\bUTF-8|\bWGS84|\bEPSG:\d+|\+972|\bPython 3\.11"),  # names that contain digits
]


def markdown_cells(path: Path) -> list[str]:
    return [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"]


def quotes(path: Path) -> list[str]:
    return [quote for source in markdown_cells(path) for quote in TYPOGRAPHIC_QUOTE.findall(source)]


def test_chapters_exist() -> None:
    assert {path.stem for path in CHAPTERS} >= {"intro", "reset", "resumption", "framework", "collapse", "claims_ledger"}


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_quotes_from_the_account_are_verbatim_and_short(path: Path) -> None:
    for quote in quotes(path):
        if quote.startswith("{glue"):
            continue
        assert quote_in_seed(quote), f"{path.name}: not verbatim in the seed: {quote!r}"
        assert len(normalise(quote).split()) <= 40, f"{path.name}: quote longer than 40 words: {quote[:60]!r}"


def test_the_quote_check_catches_an_altered_quote() -> None:
    assert not quote_in_seed("Kerry had met with Netanyahu nearly three times as often")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_numbers_in_prose_are_glued_dates_or_quoted(path: Path) -> None:
    offenders = []
    for source in markdown_cells(path):
        text = TYPOGRAPHIC_QUOTE.sub("", source)
        for pattern in ALLOWED_NUMBERS:
            text = pattern.sub("", text)
        offenders += re.findall(r"[^\s]*\d[^\s]*", text)
    assert not offenders, f"{path.name}: numbers typed into prose instead of glued: {offenders}"


SPELLED_COUNT = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen)[ -]"
    r"(?:hours?|days?|weeks?|months?|years?|trips|meetings|tranches|stages|phases|date ranges"
    r"|soldiers|people|prisoners|Palestinians|Israelis)\b",
    re.IGNORECASE,
)


NOT_TYPED_COUNTS = [
    re.compile(r"“[^”]*”|\"[^\"\n]*\""),  # quotes, and phrases mentioned as examples
    re.compile(r"\{glue:[a-z]*\}`[^`\n]+`"),  # computed values
    re.compile(r"`[^`\n]+`"),  # code and file names
    re.compile(r"^# .*$", re.MULTILINE),  # the book's title, "Nine Months"
]


def spelled_counts(markdown: str) -> list[str]:
    """Counts of a measured thing spelled out in the book's own words ("six weeks", "a two-hour
    meeting"): a number typed as words is still typed. Quotes, examples, glued values and the
    book's title are not the book's typing."""
    for pattern in NOT_TYPED_COUNTS:
        markdown = pattern.sub("", markdown)
    return SPELLED_COUNT.findall(markdown)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_counts_in_prose_are_glued_even_in_words(path: Path) -> None:
    offenders = [count for source in markdown_cells(path) for count in spelled_counts(source)]
    assert not offenders, f"{path.name}: counts spelled out in prose instead of glued: {offenders}"


def test_the_spelled_count_check_catches_words_but_not_quotes_or_glue() -> None:
    assert spelled_counts("The talks ended in six weeks, after a two-hour meeting.") == ["six weeks", "two-hour"]
    assert spelled_counts('“within three years”, "five trips", in {glue:}`countdown_weeks` weeks') == []


# --- dates that belong to data/phases.csv and data/periods.csv -------------------

MONTH_NUMBER = {name: index for index, name in enumerate(pd.date_range("2000-01-01", periods=12, freq="MS").strftime("%B"), start=1)}
MONTH_NUMBER |= {name[:3]: number for name, number in MONTH_NUMBER.items()}
MONTH = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
TYPED_DAY = re.compile(rf"\b(\d{{1,2}}) ({MONTH})\b(?: (\d{{4}}))?")  # 19 July, 29 Apr 2014
TYPED_DAY_MONTH_FIRST = re.compile(rf"\b({MONTH}) (\d{{1,2}})\b(?:,? (\d{{4}}))?")  # July 19, July 19, 2013
# March–July 2013, from March to July 2013, March 2013 until July 2013, between June and July 2013, and without
# their year: "in September and October alone" typed a period's months (an analyst's finding)
TYPED_MONTHS = re.compile(rf"\b({MONTH})(?: (\d{{4}}))?(?:\s*[–-]\s*| to | until | and )({MONTH})\b(?: (\d{{4}})\b)?")
QUOTED = re.compile(r'“[^”]*”|"[^"\n]*"')


def typed_period_dates(markdown: str, table: pd.DataFrame) -> list[str]:
    """Dates typed outside quotations that equal a period's bound (a day, with or without its
    year) or span a period's months (a heading's "March–July 2013"): each must be glued from data."""
    own = QUOTED.sub(" ", markdown)
    bounds = [(row.period, date) for row in table.itertuples() for date in (row.start, row.end)]
    found = []
    days = [(match[0], int(match[1]), MONTH_NUMBER[match[2]], match[3]) for match in TYPED_DAY.finditer(own)]
    days += [(match[0], int(match[2]), MONTH_NUMBER[match[1]], match[3]) for match in TYPED_DAY_MONTH_FIRST.finditer(own)]
    for typed, day, month, year in days:
        named = [name for name, date in bounds if (date.day, date.month) == (day, month) and year in (None, str(date.year))]
        found += [f"{typed!r} is a bound of {named[0]}"] if named else []
    for match in TYPED_MONTHS.finditer(own):
        first, first_year, last, last_year = MONTH_NUMBER[match[1]], match[2], MONTH_NUMBER[match[3]], match[4]
        named = [
            row.period
            for row in table.itertuples()
            if (row.start.month, row.end.month) == (first, last)
            and first_year in (None, str(row.start.year))
            and last_year in (None, str(row.end.year))
            # Months without a year span a period of one year only ("January and December" is no two-year period).
            and (last_year is not None or row.start.year == row.end.year)
        ]
        found += [f"{match[0]!r} spans {named[0]}"] if named else []
    return found


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_no_typed_date_equals_a_period_bound(path: Path) -> None:
    table = periods.periods()
    typed = [found for source in markdown_cells(path) for found in typed_period_dates(source, table)]
    assert not typed, f"{path.name}: dates typed instead of glued from phases.csv or periods.csv: {typed}"


def test_the_period_date_check_catches_days_and_month_spans_but_not_quotes() -> None:
    table = periods.periods()
    reset = periods.window("reset")
    for typed in (
        f"# The reset ({reset.start:%B}–{reset.end:%B %Y})",
        f"from {reset.start:%B} to {reset.end:%B %Y}",
        f"{reset.start:%B %Y} to {reset.end:%B %Y}",
        f"between {reset.start:%B} and {reset.end:%B %Y}",
        f"in {reset.start:%B} and {reset.end:%B} alone",
        f"on {reset.end:%B %-d}",
        f"on {reset.end:%B %-d, %Y}",
        f"on {reset.end:%-d %B %Y}",
    ):
        assert typed_period_dates(typed, table), typed
    assert not typed_period_dates(f"“talks from {reset.start:%B} to {reset.end:%B %Y}”", table)
    assert typed_period_dates(f"Four months later, on {reset.end:%-d %B}, Kerry announced", table)
    assert typed_period_dates(f"from {reset.start:%-d %b %Y} on", table)
    assert not typed_period_dates(f"The account says “on {reset.end:%-d %B}” and {{glue:}}`announcement_day`", table)
    assert not typed_period_dates(f"a year later, on {reset.end:%-d %B} {reset.end.year + 1}", table)


def test_a_glued_count_agrees_with_its_words() -> None:
    assert [agreeing(count, "falls", "fall").text for count in (0, 1, 15)] == ["none falls", "1 falls", "15 fall"]


def test_a_count_of_a_whole_reads_all_or_none_of_it_and_keeps_its_value() -> None:
    assert [of_the_whole(count, 5, "months").text for count in (5, 0, 3)] == ["all 5 months", "none of the 5 months", "3 of the 5 months"]
    assert of_the_whole(3, 5, "months").value == 3


def test_the_ledger_writes_a_band_computed_in_floating_point_as_whole_numbers() -> None:
    """Fifty years give or take 10% is 45 to 55, not "45.00 to 55.00" (50 x 1.1 = 55.000000000000007)."""
    assert claims_ledger.admits(50, "about", "years") == "45 to 55"
    assert claims_ledger.admits(2.5, "about", "days") == "2.25 to 2.75"


def test_a_count_of_one_takes_the_singular_and_keeps_its_value() -> None:
    assert [counted(count, "Israeli", "Israelis").text for count in (0, 1, 30)] == ["0 Israelis", "1 Israeli", "30 Israelis"]
    assert counted(1, "person", "people").value == 1


@pytest.mark.parametrize(
    ("unit", "one"),
    [
        ("days", "day"),
        ("earlier White House visits", "earlier White House visit"),
        ("earlier conferences", "earlier conference"),
        (
            "parties besides Labor whose seats alone would restore the majority",
            "party besides Labor whose seats alone would restore the majority",
        ),
        ("meetings per week", "meeting per week"),
        # K36's ratio reached exactly 1 with the second meeting of 6 Nov 2013: "1 meetings with Netanyahu per meeting"
        ("meetings with Netanyahu per meeting with Abbas", "meeting with Netanyahu per meeting with Abbas"),
        ("days with a meeting", "day with a meeting"),
        ("months after March 2013", "month after March 2013"),
        ("people killed", "person killed"),
        ("calendar years (2006 to 2009)", "calendar year (2006 to 2009)"),
        ("convicted murderers among the 104", "convicted murderer among the 104"),
        ("tranches", "tranche"),
        ("percent of core issues", "percent of core issues"),
        ("day of month (July 2013)", "day of month (July 2013)"),
    ],
)
def test_a_unit_reads_in_the_singular_after_exactly_one(unit: str, one: str) -> None:
    assert singular(unit) == one
    assert unit_agreeing(1, unit) == one
    assert unit_agreeing(0, unit) == unit_agreeing(1.06, unit) == unit_agreeing(2, unit) == unit


def test_the_ledger_writes_one_day_not_one_days() -> None:
    assert claims_ledger.with_unit(1, "days") == "1 day"
    assert claims_ledger.with_unit(1.5, "days") == "1.5 days"  # was "1.50 days"
    assert claims_ledger.with_unit(0.999, "days") == "1 day"  # written as 1, read as one
    assert claims_ledger.with_unit(1.73, "meetings") == "1.73 meetings"
    assert claims_ledger.with_unit(1, "earlier conferences") == "1 earlier conference"


def test_the_ledger_writes_a_day_of_the_month_and_a_loose_year_as_people_do() -> None:
    assert claims_ledger.with_unit(29, "day of month") == "the 29th day of the month"
    assert claims_ledger.with_unit(27, "day of month (July 2014)") == "27 Jul 2014"  # was "the 27th day of the month (July 2014)"
    assert claims_ledger.with_unit(27, "day of month (April)") == "the 27th day of the month (April)"  # no year to date it
    assert claims_ledger.with_unit(40, "percent") == "40%"  # was "40 percent", where the book writes "40%"
    assert claims_ledger.with_unit(50, "percent of core issues") == "50% of core issues"
    assert claims_ledger.with_unit(1990, "decade") == "the 1990s"
    assert claims_ledger.with_unit(7, "place by votes (ordinal)") == "the 7th place by votes"
    assert claims_ledger.admits(1975, "about", "year") == "1973 to 1977"


def test_an_area_heads_its_column_in_km2_as_the_prose_writes_it() -> None:
    """The tables headed "land km2" and "area km2" beside prose and charts that write km²."""
    html = DataTable("Areas", pd.DataFrame({"width_km": [1.0], "land_km2": [2.0]}))._repr_html_()
    assert "land km²" in html and "km2" not in html and "width km" in html


def test_a_bound_reads_as_a_bound_in_the_ledger_and_the_intro() -> None:
    row = claims.claim(common.ledger(), "K71")
    assert row["evidence_at_most"]
    assert claims_ledger.evidence_words(row).startswith("at most 99 ")
    assert "shows at most 99 convicted murderers among the 104, at least 5 below" in intro.disagreement(row)


def test_only_prisoners_reported_as_convicted_otherwise_are_set_apart_from_the_104() -> None:
    """K71's bound is the 104 less the prisoners a report gives as convicted of something other than a killing:
    the first tranche's 5 (AFP: accomplices to murder; AP: attempted murder or kidnapping; C112). C061 had
    also set apart 3 of the third tranche on whom JTA's report is silent, though every prisoner of unknown
    offence (the unreleased fourth tranche) counts as possibly a killer (C073)."""
    row = claims.claim(common.ledger(), "K71")
    assert row["evidence_value"] == 104 - (26 - 21)
    assert row["verdict"] == claims.INCONSISTENT


def test_a_month_of_a_year_reads_as_a_month_and_its_distance_in_months() -> None:
    """K133, the month Kerry first raised the prisoners (the account's June, the press audit's April)."""
    assert claims_ledger.with_unit(6, "month of 2013") == "Jun 2013"
    row = claims.claim(common.ledger(), "K133")
    assert row["verdict"] == claims.INCONSISTENT
    said = "claimed “in June”, read as Jun 2013; the evidence shows Apr 2013, 2 months earlier than the wording admits."
    assert intro.disagreement(row).endswith(said)


def test_a_floor_reads_as_a_floor_in_the_ledger_and_the_intro() -> None:
    """K63: Rhodes (1949) and Geneva (1973) are the conferences before Baker's the record counts, not the only ones
    (Leeds Castle, 1978): the ledger and the intro said the evidence shows a count, not a floor."""
    row = claims.claim(common.ledger(), "K63")
    assert row["evidence_at_least"] and not row["evidence_at_most"]
    assert claims_ledger.evidence_words(row).startswith("at least 2 earlier conferences")
    assert "shows at least 2 earlier conferences, at least 2 above" in intro.disagreement(row)


def plural_units() -> list[str]:
    units = tables.load("claims")["unit"]
    return sorted({unit for unit in units if singular(unit) != unit})


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_no_generated_text_counts_one_of_a_plural_unit(path: Path) -> None:
    """The committed outputs (the ledger's entries, its fact-check records, the
    introduction's findings) never read "1 days" or "1 earlier conferences"."""
    outputs = json.dumps([cell.get("outputs", []) for cell in nbformat.read(path, as_version=4).cells], ensure_ascii=False)
    found = [unit for unit in plural_units() if re.search(rf"(?<![\d.,])1 {re.escape(unit)}\b", outputs)]
    assert not found, found


# --- house terms (data/house_terms.csv) -----------------------------------------

NOT_OWN_WORDS = [TYPOGRAPHIC_QUOTE, re.compile(r"`[^`]*`"), re.compile(r"\]\([^)]*\)")]  # quotes, code and file names, link targets
FIGURE_SPECS = figure_specs(CHAPTERS)
QUOTED_FIELDS = re.compile(r"quote|url|source")  # a figure's data fields holding other people's words or addresses


def avoided_phrases() -> list[tuple[str, str]]:
    """(phrase, term) for every phrase a rule of house_terms.csv avoids."""
    terms = tables.load("house_terms").dropna(subset=["avoid"])
    return [(phrase.strip(), row.term) for row in terms.itertuples() for phrase in row.avoid.split(";") if phrase.strip()]


def own_words(markdown: str) -> str:
    for pattern in NOT_OWN_WORDS:
        markdown = pattern.sub(" ", markdown)
    return markdown


def spec_strings(node: object, key: str = "") -> list[str]:
    """Every string a figure's specification shows (titles, labels, data), but
    not fields that quote a source or give its address."""
    if QUOTED_FIELDS.search(key):
        return []
    if isinstance(node, dict):
        return [text for child_key, child in node.items() for text in spec_strings(child, child_key)]
    if isinstance(node, list):
        return [text for child in node for text in spec_strings(child, key)]
    if isinstance(node, str):
        if key == "values" and node.startswith("["):
            return spec_strings(json.loads(node))
        return [node]
    return []


def figure_texts(path: Path) -> list[str]:
    return [text for page, spec in FIGURE_SPECS.values() if page == path.stem for text in spec_strings(spec)]


def house_term_breaches(texts: list[str]) -> list[str]:
    found = []
    for phrase, term in avoided_phrases():
        pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)
        found += [f"{phrase!r} (house term: {term}) in {text[:80]!r}" for text in texts if pattern.search(text)]
    return found


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_prose_and_figures_keep_the_house_terms(path: Path) -> None:
    texts = [own_words(source) for source in markdown_cells(path)] + figure_texts(path)
    assert not house_term_breaches(texts), f"{path.name}: {house_term_breaches(texts)}"


def test_the_ledgers_own_words_keep_the_house_terms() -> None:
    """The ledger shows each claim's subject (claims.csv) in the book's own words, beside the quote."""
    subjects = tables.load("claims")["subject"].tolist()
    assert not house_term_breaches(subjects), house_term_breaches(subjects)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_where_the_book_says_annexed_it_says_the_annexation_is_not_recognised(path: Path) -> None:
    """The East Jerusalem rule of house_terms.csv: a paragraph or caption of the book's own words that says "annexed" says so."""
    paragraphs = [part for source in markdown_cells(path) for part in own_words(source).split("\n\n")]
    bare = [part[:100] for part in paragraphs if re.search(r"\bannex(ed|ation)\b", part) and "not internationally recognised" not in part]
    assert not bare, f"{path.name}: {bare}"


def test_the_house_terms_check_catches_a_breach_but_not_a_quote() -> None:
    assert avoided_phrases(), "house_terms.csv avoids no phrase: the check would pass on anything"
    breaches = house_term_breaches([own_words("Deaths in the 2014 war rose; Gilo is a disputed neighbourhood.")])
    assert len(breaches) == 2
    assert not house_term_breaches([own_words("The account calls it “a disputed neighborhood in East Jerusalem”.")])
    assert house_term_breaches(spec_strings({"datasets": {"d": [{"label": "Israelis killed in Operation Protective Edge"}]}}))
    assert not house_term_breaches(spec_strings({"datasets": {"d": [{"seed_quote": "the 2014 war"}]}}))


def test_a_list_in_prose_ends_with_and() -> None:
    assert [in_series(items) for items in ([], ["May"], ["May", "June"], ["May", "June", "April"])] == [
        "",
        "May",
        "May and June",
        "May, June and April",
    ]
    glued = {}
    for page in ("limitations", "collapse", "intro", "reset"):
        glued.update(review.outputs(json.loads((REPO_ROOT / "chapters" / f"{page}.ipynb").read_text(encoding="utf-8"))))
    for name in ("empty_months", "months_without_records_list", "timeline_months_without_records", "largest_settlements"):
        listed = str(glued[name])
        assert "," not in listed or " and " in listed, f"{name}: {listed!r} lists without 'and'"


def test_the_glance_boxs_labels_read_as_the_books_prose() -> None:
    """Its tiles read "Kerry's meetings", straight, beside the curled prose, and "the 108 of events.csv"."""
    labels = [label for _, label in intro.what_we_found().tables[0].tiles]
    assert len(labels) >= 8
    assert not [label for label in labels if "'" in label or ".csv" in label], labels


def test_a_passage_set_aside_raises_the_accounts_footnote_markers_in_its_table() -> None:
    """The table of numbers that are not claims read "more than 2,000.2 Kerry", a decimal to the eye."""
    assert claims_ledger.raised_markers("more than 2,000.2 Kerry considered") == "more than 2,000.² Kerry considered"
    assert claims_ledger.raised_markers("better than you.”1 Both") == "better than you.”¹ Both"
    assert claims_ledger.raised_markers("in 2013. Then") == "in 2013. Then"


def test_the_ledger_writes_an_hour_of_the_clock_as_a_reader_says_it() -> None:
    """K99's deadline, "seven o'clock on the evening of April 1", read "19 hours (24-hour clock)"."""
    assert claims_ledger.with_unit(19, claims_ledger.CLOCK_HOUR) == "7 p.m."
    assert claims_ledger.with_unit(9, claims_ledger.CLOCK_HOUR) == "9 a.m."
    assert claims_ledger.with_unit(12, claims_ledger.CLOCK_HOUR) == "noon"
    assert claims_ledger.with_unit(0, claims_ledger.CLOCK_HOUR) == "midnight"
    assert claims_ledger.with_unit(19.5, claims_ledger.CLOCK_HOUR) == "7.30 p.m."
    assert claims_ledger.with_unit(11.999, claims_ledger.CLOCK_HOUR) == "noon"  # was "11.60 a.m."
    assert claims_ledger.with_unit(23.75, claims_ledger.CLOCK_HOUR) == "11.45 p.m."
    assert claims_ledger.CLOCK_HOUR in set(claims_ledger.common.table("claims")["unit"])


def test_the_gilo_summary_says_whether_the_tender_is_the_accounts_number_from_the_data(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary typed "the number the account gives" of the Gilo tender: with the table's count moved, the
    sentence still said so while the ledger's verdict turned."""
    assert collapse.countdown().numbers["gilo_against_account"].text == "the number the account gives"
    for column in ("units_east_jerusalem", "units_total", "units_reissued"):  # a wholly re-issued tender, all its units
        update_field(
            data_copy / "settlement_announcements.csv", "announcement_id", collapse.GILO_TENDER, column, lambda units: str(int(units) + 1)
        )
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    assert collapse.countdown().numbers["gilo_against_account"].text == "against the account’s 708"


GLUE_THEN_WORD = re.compile(r"\{glue:(?:text)?\}`([a-z0-9_]+)`[  ]([a-z]+)\b")
ONE = {"1", "one", "One"}
COUNT = re.compile(r"[\d,]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve", re.IGNORECASE)
NOT_NOUNS = {"was", "is", "has", "does", "as", "this", "its", "his", "us", "less", "across", "whereas", "thus", "plus"}


def typed_nouns_disagreeing(markdown: str, glued: dict[str, object], plurals: set[str]) -> list[str]:
    """Each noun the prose types after a glued count that disagrees with it, by the values the chapter glued: a
    plural after a count of one ("1 months"), or the singular of one of the book's `plurals` after another
    count ("5 month")."""
    found = []
    for match in GLUE_THEN_WORD.finditer(markdown):
        value, word = str(glued.get(match[1], "")).strip(), match[2]
        if word in NOT_NOUNS or not COUNT.fullmatch(value):
            continue
        plural = singular(word) != word
        if (value in ONE and plural) or (value not in ONE and not plural and word in {singular(noun) for noun in plurals}):
            found.append(f"{match[0]!r} reads {value} {word}")
    return found


def plural_nouns_after_counts() -> set[str]:
    """The plural nouns the book types after a glued number anywhere."""
    words = {match[2] for path in CHAPTERS for source in markdown_cells(path) for match in GLUE_THEN_WORD.finditer(source)}
    return {word for word in words if word not in NOT_NOUNS and singular(word) != word}


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_a_typed_noun_agrees_with_the_count_glued_before_it(path: Path) -> None:
    """A noun typed after a glued count agrees with the count the chapter's outputs hold: after a data change
    left one month without records, "{glue:}`months_without_records` months" would have read "1 months"."""
    glued, plurals = review.outputs(review.stored(path)), plural_nouns_after_counts()
    disagreeing = [found for source in markdown_cells(path) for found in typed_nouns_disagreeing(source, glued, plurals)]
    assert not disagreeing, disagreeing


def test_the_noun_check_reads_a_count_of_one_before_a_plural_as_disagreeing_and_another_before_a_singular() -> None:
    markdown = "in {glue:}`gaps` months, over {glue:}`weeks` weeks, {glue:}`trips` trip, {glue:}`one` was, {glue:}`days` day"
    markdown += ", {glue:}`tranches` tranches"
    glued = {"gaps": "1", "weeks": "2", "trips": "1", "one": "1", "days": "45", "tranches": "one"}
    assert typed_nouns_disagreeing(markdown, glued, {"days", "months"}) == [
        "'{glue:}`gaps` months' reads 1 months",
        "'{glue:}`days` day' reads 45 day",
        "'{glue:}`tranches` tranches' reads one tranches",
    ]


def test_the_headline_gives_each_leaders_meetings_and_their_ratio() -> None:
    """At a ratio of exactly 1 the fact box read "the evidence shows 1 meeting with Netanyahu per meeting with
    Abbas": the counts the ratio comes from say it plainly."""
    row = claims.claim(common.ledger(), "K36")
    reading = intro.reading_counts()
    said = intro.headline(row, f"{int(reading['netanyahu'])} meetings with Netanyahu and {int(reading['abbas'])} with Abbas")
    assert f"shows {int(reading['netanyahu'])} meetings with Netanyahu and {int(reading['abbas'])} with Abbas, a ratio of " in said
    assert f"a ratio of {row['evidence_value']:.2f}; " in said
    assert "per meeting with Abbas" not in said


def test_a_month_is_refused_for_an_event_of_another_year() -> None:
    """The ledger writes K133's month in the year its unit names: an event of another year would have read as
    that month of the wrong year."""
    base = common.evidence_base()
    assert claims.event_month(base, None, "E100|2013") == 4
    with pytest.raises(DataError, match="event E100 falls in 2013, not 2012"):
        claims.event_month(base, None, "E100|2012")


def test_a_ratio_of_like_to_like_reads_as_a_ratio_in_the_ledger_and_a_rate_as_a_rate() -> None:
    """At 25 meetings each (before C071) the ledger and its ClaimReview read "Evidence: 1 meeting with Netanyahu
    per meeting with Abbas"; a ratio of like to like reads as a ratio, and a rate (K82's sessions per week) keeps
    its noun."""
    table = common.ledger()
    ratio = claims_ledger.evidence_words(claims.claim(table, "K36"))
    assert re.match(r"a ratio of \d+\.\d\d \(meetings with Netanyahu per meeting with Abbas\)", ratio), ratio
    rate = claims_ledger.evidence_words(claims.claim(table, "K82"))
    assert re.match(r"\d+\.\d\d sessions per week(;|$)", rate) and "ratio" not in rate, rate


def test_a_tables_month_reads_as_a_month_not_its_first_day() -> None:
    """The monthly tables wrote "2013-03-01", which reads as 1 March."""
    months = pd.DataFrame({"month": pd.to_datetime(["2013-03-01"]), "date": pd.to_datetime(["2013-03-01"])})
    html = DataTable("Months", months)._repr_html_()
    assert '<td class="date">Mar 2013</td>' in html and "2013-03-01" in html  # the month as a month, a day as a day


def test_the_sessions_table_says_it_holds_the_dated_few_of_the_sessions_reported() -> None:
    """The table of three dated sessions was introduced as "the dated sessions in the evidence base", and read as
    all of them; Haaretz counted the stormy session of November the sixteenth (a fact-checker's finding). Six are
    dated since C084 (two on 20 August and one on 26 August 2013)."""
    numbers = resumption.sessions().numbers
    assert numbers["sessions_dated"].text == "6"
    assert numbers["sessions_reported_ordinal"].text == "16th"


def test_the_re_issued_tenders_the_east_jerusalem_totals_count_again_are_named() -> None:
    """Gilo's 2,319 units count the 708 re-tendered on 1 April on top of their earlier tenders (a fact-checker's finding)."""
    counted = pd.DataFrame(
        {
            "announcement_id": ["S09", "S11", "S12"],
            "units_east_jerusalem": [1076.0, 708.0, 0.0],
            "units_reissued": [476.0, 708.0, 231.0],
            "stage": ["tender", "re-issued tender", "re-issued tender"],
            "date": pd.to_datetime(["2014-01-10", "2014-04-01", "2014-06-02"]),
        }
    )
    assert collapse.reissued_note(counted).endswith(": 476 of the 1,076 units of 10 January 2014 and all 708 of 1 April 2014.")
    assert collapse.reissued_note(counted.iloc[2:]) == ""
    with pytest.raises(DataError, match="S99, column units_reissued: 500 re-issued units against 400"):
        collapse.reissued_note(counted.iloc[:1].assign(announcement_id="S99", units_east_jerusalem=400.0, units_reissued=500.0))


def test_the_ledger_says_about_only_where_the_account_does() -> None:
    """K26 read "Claimed: about 3 months" for the account's "over three months": "about" was the book's reading of
    a round figure, put in the account's mouth (a copy editor's finding). K14's "approximately 80" keeps it."""
    table = common.ledger()
    assert claims_ledger.claimed_words(claims.claim(table, "K26")).startswith("3 months, read as about that; ")
    assert claims_ledger.claimed_words(claims.claim(table, "K14")).startswith("about 80 prisoners; ")


def tables_without_their_publishers(markdown: str) -> list[str]:
    """Each item of a caption's sources (between semicolons) that names a table file but not, glued from its
    rows and before it in the house style, who published them ("Peace Now and 6 other publishers
    (settlement_announcements.csv)"): "meetings.csv" alone told a reader nothing of where the meetings came from,
    and "file.csv (publishers)" set a publisher's own parentheses inside the file's."""
    items = [item for line in re.findall(r"\*Sources?: (.*?)\*", markdown) for item in line.split("; ")]
    return [
        item
        for item in items
        if re.search(r"\b[a-z_]+\.csv\b", item) and not re.search(r"\{glue:\}`\w+_publishers` \([a-z_]+\.csv\)", item)
    ]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_a_captions_table_comes_with_its_publishers(path: Path) -> None:
    assert tables_without_their_publishers("\n".join(markdown_cells(path))) == []


def test_the_publishers_check_catches_a_table_named_alone_with_kinds_of_source_or_before_its_publishers() -> None:
    caption = (
        "**Title.** Text. *Sources: meetings.csv; deaths, {glue:}`records`; units.csv (news reports, the account); "
        "releases.csv ({glue:}`release_dates`); events.csv ({glue:}`countdown_publishers`); "
        "{glue:}`tranche_publishers` (prisoner_releases.csv).*"
    )
    assert tables_without_their_publishers(caption) == [
        "meetings.csv",
        "units.csv (news reports, the account)",
        "releases.csv ({glue:}`release_dates`)",
        "events.csv ({glue:}`countdown_publishers`)",
    ]


# A list of places the data holds, typed into a caption ("the Jericho and Tubas governorates", "the Allenby and
# Damiya crossings", an analyst's finding): glued from the map's layers and data/jordan_crossings.csv instead.
PLACE = r"(?:the )?[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*"
TYPED_PLACE_LIST = re.compile(rf"\b{PLACE}(?:, {PLACE})* and {PLACE} (?i:governorates|crossings|bridges|neighbourhoods)\b")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_no_list_of_places_is_typed(path: Path) -> None:
    typed = [match[0] for source in markdown_cells(path) for match in TYPED_PLACE_LIST.finditer(QUOTED.sub(" ", source))]
    assert not typed, f"{path.name}: places listed by hand, not glued from the data: {typed}"


def test_the_place_list_check_catches_a_typed_list_but_not_glue() -> None:
    assert TYPED_PLACE_LIST.search("(a) the Jericho and Tubas governorates, with the Allenby and Damiya crossings")
    assert TYPED_PLACE_LIST.search("the Har Homa and Neve Yaakov neighbourhoods")
    assert TYPED_PLACE_LIST.search("the Allenby and the Damiya bridges, Jericho and Tubas Governorates")
    assert not TYPED_PLACE_LIST.search("(a) {glue:}`jv_governorates_named`, with {glue:}`jv_crossings_named`")
