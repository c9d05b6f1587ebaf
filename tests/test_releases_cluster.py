"""How near the settlement announcements stand to the prisoner releases: computed, with a baseline, under two
reaches. The introduction's caption had typed "Settlement announcements cluster around the prisoner releases", a
claim no data could falsify; the resumption caption said each release had an announcement "within days"."""

import pandas as pd
import pytest

from analysis.errors import DataError
from analysis.evidence import casualties, settlements
from analysis.pages import common, intro, resumption


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
        ("2013-10-29", 5000, "no"),  # not counted in the book's totals
    )
    # Days within a week: 7 to 21 August, and 23 October to the period's end on the 31st (15 and 9).
    week = settlements.near_releases(frame, RELEASES, START, END, 7)
    assert week == {"announcements": 3, "announcements_near": 1, "units": 175, "units_near": 100, "days": 92, "days_near": 24}
    fortnight = settlements.near_releases(frame, RELEASES, START, END, 14)
    assert (fortnight["announcements_near"], fortnight["units_near"]) == (2, 150)


def test_an_announcement_dated_to_its_month_alone_is_refused_not_placed_on_its_first_day() -> None:
    frame = announcements(("2013-08-01", 100, "yes")).assign(date_precision="month")
    with pytest.raises(DataError, match=r"\['S01'\] not dated to the day"):
        settlements.near_releases(frame, RELEASES, START, END, 7)


def test_the_sentence_says_though_only_when_the_units_outrun_the_days_and_while_when_not() -> None:
    near = pd.DataFrame(
        {
            "reach_days": [7, 14],
            "announcements": [10, 10],
            "announcements_near": [1, 7],
            "units_share": [0.65, 0.85],
            "days_share": [0.16, 0.32],
        }
    )
    said = common.releases_cluster_sentence(near, "the direct talks")
    assert said == (
        "Of the 10 settlement announcements of the direct talks, one came within a week of a prisoner release, with 65% of their"
        " units, though only 16% of the days of the direct talks lie that near one; within two weeks, seven, with 85% of the"
        " units, against 32% of the days."
    )
    even = common.releases_cluster_sentence(near.assign(units_share=0.10), "the talks", every_reach=False)
    assert "with 10% of their units, while 16% of the days" in even and "two weeks" not in even
    assert [common.reach_in_words(days) for days in (7, 14, 10, 0)] == ["a week", "two weeks", "10 days", "0 days"]


def test_both_captions_state_the_computed_clustering_and_the_nearest_announcement(timeline_numbers: dict) -> None:
    near = common.announcements_near_releases()
    cluster = timeline_numbers["timeline_releases_cluster"].text
    assert cluster == common.releases_cluster_sentence(near, common.period_in_prose("talks"), every_reach=False)
    assert f"{near['units_share'].iloc[0]:.0%} of their units" in cluster
    numbers = resumption.releases_and_announcements().numbers
    assert numbers["releases_cluster"].text == common.releases_cluster_sentence(near, common.period_in_prose("talks"))


def test_the_war_is_compared_with_the_deadliest_month_before_it_not_said_to_dwarf_it(timeline_numbers: dict) -> None:
    """ "The Gaza war dwarfs every other month" was typed in two captions: the comparison is now computed."""
    records = common.casualty_records()
    totals = casualties.monthly(records, common.window("timeline")).groupby("month")["killed"].sum()
    war_start = common.window("gaza_war").start.replace(day=1)
    peak, most = int(totals[totals.index >= war_start].max()), int(totals[totals.index < war_start].max())
    said = common.war_against_months_before(records, "timeline")
    assert said.startswith(f"The 2014 Gaza war’s deadliest month, {totals.idxmax():%B %Y}, holds {peak:,} deaths in the records")
    assert f"{peak / most:,.0f} times the most of any month before it ({most:,}: " in said
    assert timeline_numbers["timeline_war_peak"].text == said
    assert common.war_against_months_before(records, "gaza_war").endswith("; no month before it holds one.")
