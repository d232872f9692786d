"""When each event of a story happened, and which articles could have reported it.

A story told over weeks or years (the samples run from 2020 to 2024) is not one moment: an
article published before an event cannot report it, so it does not *omit* it. Each event gets
an ``EventTime`` (``model.story``):

* ``low``..``high``: the days its passages state for it, resolved against each article's date
  (``facts.dates``: "on Thursday" in an article of 2021-07-27 is 2021-07-22, "last July" is
  July 2020); the interval the stated dates agree on most (the most frequent one; ties: the
  latest, since an older date in a report is usually background: "the 2020 vote"), leaving
  out dates after the event's first report (plans), or None when no passage dates it;
* ``first_report``: the earliest publication date among the articles that report it. An event
  happened on or before its first report, so that date bounds it even when no passage dates it.

``coverage`` then says, for one article and one event, whether the article reports it, was
published before it ("before": it could not report it), omits it (published on or after it),
or nobody can tell ("undated": the article or the event has no date while the other does).
When neither has a date, every article is taken to be of the same moment, as without a
timeline: not reporting is omitting. The pipeline computes the timeline once when it builds a
story (``Story.timeline``); the reports and the reader all read ``coverage_of`` so they show
the same verdicts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Literal

from newscompare.core.facts import dates
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.story import Article, EventTime, Group, Passage, Story

__all__ = [
    "Coverage",
    "EventTime",
    "coverage",
    "coverage_in",
    "coverage_of",
    "event_time",
    "event_times",
    "passage_dates",
    "story_timeline",
    "timeline",
    "times_of",
]

Coverage = Literal["reports", "omits", "before", "undated"]
Interval = tuple[dt.date, dt.date]


def passage_dates(text: str, article_date: str | None) -> tuple[Interval, ...]:
    """The days (or months, as intervals of days) a passage states for what it reports,
    resolved against its article's date; deadlines ("by the end of the year") and periods that
    could not be resolved are left out."""
    found = (
        dates.days_named(m, article_date)
        for m in dates.extract_dates(text, article_date)
        if not m.deadline
    )
    return tuple(named for named in found if named is not None)


def event_time(
    story: Story,
    group: Group,
    texts: Mapping[str, tuple[str, str]],
    article_date: Mapping[str, str | None] | None = None,
) -> EventTime:
    """The time of one event; ``texts``: passage id -> (text, article id); ``article_date``:
    article id -> its date (built from the story when not given)."""
    if article_date is None:
        article_date = {a.id: a.date for a in story.articles}
    return _event_time(group, texts, article_date)


def _event_time(
    group: Group, texts: Mapping[str, tuple[str, str]], article_date: Mapping[str, str | None]
) -> EventTime:
    stated: Counter[Interval] = Counter()
    said: list[tuple[str, str, str]] = []
    published: list[str] = []
    for pid in group.passages:
        text, article = texts[pid]
        found = passage_dates(text, article_date.get(article))
        stated.update(set(found))
        said.extend((pid, lo.isoformat(), hi.isoformat()) for lo, hi in dict.fromkeys(found))
        date = article_date.get(article)
        if date:
            published.append(date)
    first = min(published) if published else None
    if first is not None:  # what happened after its first report is a plan, not this event
        stated = Counter({k: n for k, n in stated.items() if k[0].isoformat() <= first}) or stated
    low = high = None
    if stated:
        # Most stated; ties: the latest (an older date in a report is usually background).
        (best_low, best_high), _ = max(stated.items(), key=lambda kv: (kv[1], kv[0]))
        low, high = best_low.isoformat(), best_high.isoformat()
    return EventTime(group.id, low, high, first, tuple(said))


def times_of(
    groups: Sequence[Group], passages: Sequence[Passage], articles: Sequence[Article]
) -> tuple[EventTime, ...]:
    """The time of each of ``groups``, read from ``passages`` and ``articles`` (those that hold
    the groups' passages; more do no harm). An event's time depends on its own passages and
    their articles alone, so each story of a collection can date its events where it was
    aligned (on another core), and the results are what a whole-story ``event_times`` gives."""
    texts = {p.id: (p.text, p.article) for p in passages}
    article_date = {a.id: a.date for a in articles}
    return tuple(_event_time(g, texts, article_date) for g in groups)


def event_times(story: Story) -> dict[str, EventTime]:
    """The time of every event of the story, by group id."""
    times = times_of(story.alignment.groups, story.passages, story.articles)
    return {t.group: t for t in times}


def timeline(story: Story) -> tuple[EventTime, ...]:
    """The story's events in the order they happened (undated ones last, in story order)."""
    return tuple(sorted(event_times(story).values(), key=lambda t: t.sort_key))


def story_timeline(story: Story) -> tuple[EventTime, ...]:
    """The story's timeline: the one the pipeline computed, or (for a story built by hand,
    or whose events changed since) computed now, so a caller never reads a stale one."""
    groups = {g.id for g in story.alignment.groups}
    if story.timeline and {t.group for t in story.timeline} == groups:
        return story.timeline
    return timeline(story)


def coverage(article_date: str | None, reports: bool, when: EventTime) -> Coverage:
    """Whether an article (published ``article_date``) reports an event, was published before
    it happened, omits it, or cannot be told apart ("undated": one of the two has a date)."""
    if reports:
        return "reports"
    happened = when.date
    if article_date is None and happened is None:
        return "omits"  # no date at all: as without a timeline, every article is of one moment
    if article_date is None or happened is None:
        return "undated"
    return "before" if article_date < happened else "omits"


def coverage_in(index: StoryIndex, group: Group, when: EventTime | None) -> dict[str, Coverage]:
    """Per article of the event's own story (in story order), its coverage of the event
    (``when``: the event's time, None when unknown); another story's articles neither report
    nor omit it."""
    if not group.passages:
        return {}
    when = when or EventTime(group.id, None, None, None)
    part = index.part_of.get(index.passages[group.passages[0]].article)
    present = {index.passages[pid].article for pid in group.passages}
    return {a.id: coverage(a.date, a.id in present, when) for a in index.story_articles(part)}


def coverage_of(index: StoryIndex) -> dict[str, dict[str, Coverage]]:
    """``coverage_in`` of every event (by group id) with the story's timeline."""
    times = {t.group: t for t in story_timeline(index.story)}
    return {
        group.id: coverage_in(index, group, times.get(group.id))
        for group in index.story.alignment.groups
        if group.passages
    }
