"""When events happened: passage dates, event times, the timeline, and who could report what."""

from __future__ import annotations

import dataclasses
import datetime as dt

from newscompare.core.align.timeline import (
    EventTime,
    coverage,
    coverage_of,
    event_times,
    passage_dates,
    story_timeline,
    timeline,
)
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.story import Alignment, Article, Group, Passage, Story


def day(iso: str) -> tuple[dt.date, dt.date]:
    d = dt.date.fromisoformat(iso)
    return (d, d)


def test_a_weekday_is_the_latest_such_day_up_to_the_article_date() -> None:
    assert passage_dates("The ministry spoke on Thursday.", "2021-07-27") == (day("2021-07-22"),)


def test_a_month_is_an_interval_and_a_deadline_is_not_an_event_date() -> None:
    found = passage_dates("They met last July and will leave by the end of the year.", "2021-03-02")
    assert found == ((dt.date(2020, 7, 1), dt.date(2020, 7, 31)),)


def test_without_an_article_date_only_full_dates_count() -> None:
    assert passage_dates("On Thursday, and on July 26, 2021.", None) == (day("2021-07-26"),)


def story(*articles: tuple[str, str | None, str]) -> Story:
    """Articles (id, date, one passage's text), all in one event group e1 except 'x' ids."""
    arts, passages, grouped = [], [], []
    for aid, date, text in articles:
        arts.append(Article(id=aid, path=f"{aid}.md", outlet=aid, title="", text=text, date=date))
        passages.append(Passage(f"{aid}:1", aid, "body", 0, len(text), text, 1))
        if not aid.startswith("x"):
            grouped.append(f"{aid}:1")
    group = Group("e1", "talks ended", tuple(grouped))
    return Story(
        articles=tuple(arts), passages=tuple(passages), alignment=Alignment(groups=(group,))
    )


def test_an_event_is_dated_by_what_its_passages_state() -> None:
    s = story(
        ("a", "2021-07-27", "Talks ended on Thursday."),
        ("b", "2021-07-30", "Talks ended on July 22."),
        ("c", "2021-08-02", "Talks ended last month."),
    )
    (when,) = event_times(s).values()
    assert (when.low, when.high, when.first_report) == ("2021-07-22", "2021-07-22", "2021-07-27")
    # What each passage says is kept: "last month" in an article of August is July.
    assert when.stated_by("a:1") == when.stated_by("b:1") == (("2021-07-22", "2021-07-22"),)
    assert when.stated_by("c:1") == (("2021-07-01", "2021-07-31"),)


def test_an_article_published_before_the_event_does_not_omit_it() -> None:
    s = story(
        ("a", "2024-01-05", "Talks ended on Thursday."),
        ("b", "2024-01-06", "Talks ended on Thursday."),
        ("x1", "2020-06-11", "An earlier story."),
        ("x2", "2024-02-01", "A later story."),
        ("x3", None, "An undated story."),
    )
    when = event_times(s)["e1"]
    assert coverage("2020-06-11", False, when) == "before"
    assert coverage("2024-02-01", False, when) == "omits"
    assert coverage(None, False, when) == "undated"  # the event is dated, the article not
    assert coverage("2020-06-11", True, when) == "reports"


def test_an_undated_event_is_bounded_by_its_first_report() -> None:
    when = EventTime("e1", None, None, "2021-07-27")
    assert coverage("2021-07-20", False, when) == "before"
    assert coverage("2021-07-27", False, when) == "omits"


def test_the_timeline_orders_events_by_when_they_happened() -> None:
    s = story(
        ("a", "2021-07-27", "Talks ended on Thursday."),
        ("b", "2021-07-28", "Talks ended on Thursday."),
        ("x1", "2021-07-27", "The vote was on July 2."),
        ("x2", None, "A strike followed."),
    )
    vote, strike = Group("e2", "vote", ("x1:1",)), Group("e3", "strike", ("x2:1",))
    s = dataclasses.replace(s, alignment=Alignment(groups=(*s.alignment.groups, vote, strike)))
    assert [t.group for t in timeline(s)] == ["e2", "e1", "e3"]  # July 2, July 22, undated


def test_without_any_date_not_reporting_is_omitting() -> None:
    when = EventTime("e1", None, None, None)
    assert coverage(None, False, when) == "omits"
    assert coverage("2021-07-27", False, when) == "undated"


def test_a_date_after_the_first_report_is_a_plan_and_ties_go_to_the_latest() -> None:
    s = story(
        ("a", "2021-07-27", "Talks ended on July 22; troops go home in September 2021."),
        ("b", "2021-07-28", "Troops go home in September 2021, as in March 2003."),
        ("c", "2021-07-29", "Talks ended on July 22, unlike in March 2003."),
    )
    # Each is stated twice: September is after the first report (a plan), so July 22, the
    # later of the other two, dates the event.
    when = event_times(s)["e1"]
    assert (when.low, when.high) == ("2021-07-22", "2021-07-22")
    assert (when.source, when.precision) == ("stated", "day")


def test_date_source_and_precision() -> None:
    month = EventTime("e1", "2020-07-01", "2020-07-31", "2021-01-02")
    assert (month.date, month.source, month.precision) == ("2020-07-01", "stated", "month")
    first = EventTime("e2", None, None, "2021-01-02")
    assert (first.date, first.source, first.precision) == ("2021-01-02", "first report", "day")
    none = EventTime("e3", None, None, None)
    assert (none.date, none.source, none.precision) == (None, None, None)


def test_the_timeline_orders_by_date_then_event_number() -> None:
    times = [
        EventTime("e10", None, None, "2021-01-01"),
        EventTime("e2", None, None, "2021-01-01"),
        EventTime("e1", None, None, None),
        EventTime("e3", "2020-05-01", "2020-05-01", "2021-01-01"),
    ]
    assert [t.group for t in sorted(times, key=lambda t: t.sort_key)] == ["e3", "e2", "e10", "e1"]


def test_coverage_of_covers_the_events_own_story_only() -> None:
    s = story(
        ("a", "2024-01-05", "Talks ended on Thursday."),
        ("b", "2024-01-06", "Talks ended on Thursday."),
        ("x1", "2020-06-11", "An earlier story."),
        ("x2", "2024-02-01", "A later story."),
        ("x3", None, "An undated story."),
    )
    covered = coverage_of(StoryIndex(s))
    assert covered == {
        "e1": {"a": "reports", "b": "reports", "x1": "before", "x2": "omits", "x3": "undated"}
    }


def test_the_built_story_carries_its_timeline_and_hand_built_ones_get_one() -> None:
    s = story(("a", "2024-01-05", "Talks ended on Thursday."), ("b", None, "Talks ended."))
    assert s.timeline == ()
    (when,) = story_timeline(s)
    assert when.low == "2024-01-04"
    stale = dataclasses.replace(s, timeline=(EventTime("e9", None, None, None),))
    assert [t.group for t in story_timeline(stale)] == ["e1"]
