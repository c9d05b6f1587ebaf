"""How near the settlement announcements stand to the prisoner releases: computed, with a baseline, under two
reaches. The introduction's caption had typed "Settlement announcements cluster around the prisoner releases", a
claim no data could falsify; the resumption caption said each release had an announcement "within days"."""

import pandas as pd
import pytest

from analysis.errors import DataError
from analysis.evidence import casualties, settlements
from analysis.pages import common, intro, resumption
from analysis.paths import REPO_ROOT
from analysis.report.glue import months


@pytest.fixture(scope="module")
def timeline_numbers() -> dict:
    """The introduction's timeline section, built once for the tests that read its glue."""
    return intro.whole_period().numbers


RELEASES = pd.Series(pd.to_datetime(["2013-08-14", "2013-10-30"]))
START, END = pd.Timestamp("2013-08-01"), pd.Timestamp("2013-10-31")


def announcements(*rows: tuple[str, int, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [(f"S{index:02d}", pd.Timestamp(date), "day", counted, units) for index, (date, units, counted) in enumerate(rows, start=1)],
        columns=["announcement_id", "date", "date_precision", "counted", "units_total"],
    )


def test_announcements_and_days_near_a_release_are_counted_both_sides_of_it() -> None:
    frame = announcements(
        ("2013-08-07", 100, "yes"),  # 7 days before the first release: near within a week
        ("2013-08-22", 50, "yes"),  # 8 days after it: near only within two weeks
        ("2013-09-20", 25, "yes"),  # far from both
        ("2013-11-03", 900, "yes"),  # after the period
        ("2013-10-29", 5000, "no"),  # left out of the book's totals
    )
    # Days within a week: 7 to 21 August, and 23 October to the period's end on the 31st (15 and 9).
    week = settlements.near_releases(frame, RELEASES, START, END, 7)
    assert week == {
        "announcements": 3,
        "announcements_near": 1,
        "left_out": 1,
        "units": 175,
        "units_near": 100,
        "days": 92,
        "days_near": 24,
    }
    fortnight = settlements.near_releases(frame, RELEASES, START, END, 14)
    assert (fortnight["announcements_near"], fortnight["units_near"]) == (2, 150)


@pytest.mark.parametrize(
    ("rows", "releases"),
    [((("2013-09-20", 25, "no"),), RELEASES), ((("2013-09-20", 25, "yes"),), pd.Series([], dtype="datetime64[ns]"))],
    ids=["no counted announcement", "no release"],
)
def test_a_period_with_nothing_to_measure_is_refused_not_said_in_words(rows: tuple, releases: pd.Series) -> None:
    """A sentence had read "Of the 1 settlement announcements ... nan% of the units" on a frame with nothing near."""
    with pytest.raises(DataError, match="nothing to measure the one from the other"):
        settlements.near_releases(announcements(*rows), releases, START, END, 7)


def test_an_announcement_dated_to_its_month_alone_is_refused_not_placed_on_its_first_day() -> None:
    """Refused even when its stored first day falls before the period, in a month the period touches."""
    frame = announcements(("2013-07-01", 100, "yes"), ("2013-08-20", 10, "yes")).assign(date_precision=["month", "day"])
    with pytest.raises(DataError, match=r"\['S01'\] not dated to the day"):
        settlements.near_releases(frame, RELEASES, pd.Timestamp("2013-07-29"), END, 7)


def test_the_sentence_says_though_only_when_the_units_outrun_the_days_and_while_when_not() -> None:
    near = pd.DataFrame(
        {
            "reach_days": [7, 14],
            "announcements": [10, 10],
            "announcements_near": [1, 7],
            "left_out": [2, 2],
            "units_share": [0.65, 0.85],
            "days_share": [0.16, 0.32],
        }
    )
    said = common.releases_cluster_sentence(near, "the direct talks")
    assert said == (
        "Of the ten settlement announcements the book counts in the direct talks, one came within a week of a prisoner"
        " release, carrying 65% of the units the ten announced, though only 16% of the days of the direct talks lie that near"
        " one; within two weeks, seven, carrying 85%, against 32% of the days. Not counted here: the two announcements of the"
        " direct talks the book leaves out of its totals (settlement_announcements.csv says why)."
    )
    even = common.releases_cluster_sentence(near.assign(units_share=0.10), "the talks", every_reach=False)
    assert "carrying 10% of the units the ten announced, while 16% of the days" in even and "two weeks" not in even
    # Shares that print alike are not said to differ: 16.4% and 15.6% both read 16%.
    alike = common.releases_cluster_sentence(near.assign(units_share=0.164, days_share=0.156), "the talks", every_reach=False)
    assert "carrying 16% of the units the ten announced, while 16%" in alike
    alone = common.releases_cluster_sentence(near.assign(announcements=1, announcements_near=0), "the talks", every_reach=False)
    assert alone.startswith("Of the one settlement announcement the book counts in the talks, none came") and "units it announced" in alone
    assert [common.reach_in_words(days) for days in (7, 14, 10, 0)] == ["a week", "two weeks", "10 days", "0 days"]
    assert [common.times_as_many(count, 10) for count in (10, 14, 129, 1290)] == ["as many as", "1.4 times", "13 times", "129 times"]


def test_both_captions_state_the_computed_clustering_and_the_nearest_announcement(timeline_numbers: dict) -> None:
    near = common.announcements_near_releases()
    cluster = timeline_numbers["timeline_releases_cluster"].text
    assert cluster == common.releases_cluster_sentence(near, common.period_in_prose("talks"), every_reach=False)
    assert f"carrying {near['units_share'].iloc[0]:.0%} of the units" in cluster
    numbers = resumption.releases_and_announcements().numbers
    assert numbers["releases_cluster"].text == common.releases_cluster_sentence(near, common.period_in_prose("talks"))


def test_the_war_is_compared_with_the_deadliest_month_before_it_not_said_to_dwarf_it(timeline_numbers: dict) -> None:
    """ "The Gaza war dwarfs every other month" was typed in two captions: the comparison is now computed, with the
    deadliest month before the war began, never one inside it."""
    records = common.casualty_records()
    totals = casualties.monthly(records, common.window("timeline")).groupby("month")["killed"].sum()
    war_start = common.window("gaza_war").start.replace(day=1)
    peak, most = int(totals[totals.index >= war_start].max()), int(totals[totals.index < war_start].max())
    said = common.war_against_months_before(records, "timeline")
    assert said.startswith(f"The 2014 Gaza war’s deadliest month, {totals.idxmax():%B %Y}, holds {peak:,} deaths in the records")
    assert f"{common.times_as_many(peak, most)} the most of any month before the war (" in said and f"’s {most:,})." in said
    assert timeline_numbers["timeline_war_peak"].text == said
    # A period with no month of records before the war had read "no month before it holds one": June 2014 holds 13.
    with pytest.raises(DataError, match="0 month\\(s\\) of casualty records before The 2014 Gaza war"):
        common.war_against_months_before(records, "gaza_war")
    # With July cut to fewer deaths than August, August is compared with the months before the war, not with July.
    july = records.index[records["date_of_event"].between("2014-07-01", "2014-07-31")]
    cut = records.drop(july[: len(july) - 400])
    assert ", August 2014, holds" in common.war_against_months_before(cut, "timeline")
    assert "before the war (June 2014’s" in common.war_against_months_before(cut, "timeline")


def test_the_resumption_casualty_caption_states_the_months_deaths_not_few_but_steady() -> None:
    """ "Deaths were few but steady, almost all Palestinian" was typed: each word is now a count of the records."""
    records = common.casualty_records()
    monthly = casualties.by_side(casualties.monthly(records, common.window("resumption_casualties_chart")))
    sides = monthly.groupby("side")["killed"].sum()
    per_month = monthly.groupby("month")["killed"].sum()
    said = resumption.violence().numbers["casualties_in_months"].text
    assert said.startswith(f"{sides[casualties.SIDE_ORDER[0]]:,} Palestinians and at least {sides[casualties.SIDE_ORDER[1]]:,} Israelis")
    assert f"at most {per_month.max():,} in one month ({per_month.idxmax():%B %Y})." in said
    caption = (REPO_ROOT / "chapters" / "text" / "resumption.md").read_text(encoding="utf-8")
    assert "few but steady" not in caption and "security-force deaths of 2013 are missing" not in caption
    # Which side's counts are lower bounds, and in which months, is said from the records' flags, as Fig. 4.4 says it.
    bounded = resumption.violence().numbers["casualties_lower_bounds"].text
    shown = common.window("resumption_casualties_chart")
    assert bounded.startswith(f"The counts of Israelis killed in {months(shown.start, shown.end).text} are lower bounds")
