"""When each event of a story happened, and which articles could have reported it.

A story told over weeks or years (the samples run from 2020 to 2024) is not one moment: an
article published before an event cannot report it, so it does not *omit* it. Each event gets:

* ``low``..``high``: the days its passages state for it, resolved against each article's date
  (``facts.dates``: "on Thursday" in an article of 2021-07-27 is 2021-07-22, "last July" is
  July 2020); the interval the stated dates agree on most (the most frequent one; ties: the
  earliest), or None when no passage dates it;
* ``first_report``: the earliest publication date among the articles that report it. An event
  happened on or before its first report, so that date bounds it even when no passage dates it.

``coverage`` then says, for one article and one event, whether the article reports it, was
published before it ("before": it could not report it) or omits it (published on or after it,
or nobody can tell: without dates every article is taken to be of the same moment, as before).
Pure functions over the story; the reports and the reader show the same verdicts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from newscompare.core.facts import dates
from newscompare.core.model.story import Group, Story

Coverage = Literal["reports", "omits", "before"]
Interval = tuple[dt.date, dt.date]


@dataclass(frozen=True, slots=True)
class EventTime:
    """When one event happened, as far as the story says."""

    group: str
    #: The days the passages state for it (ISO dates), or None when none dates it.
    low: str | None
    high: str | None
    #: The earliest publication date of an article that reports it (ISO), or None.
    first_report: str | None

    @property
    def sort_key(self) -> tuple[str, str]:
        """Order of the timeline: by stated date, else by first report; undated last."""
        return (self.low or self.first_report or "9999", self.group)


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


def event_time(story: Story, group: Group, texts: Mapping[str, tuple[str, str]]) -> EventTime:
    """The time of one event; ``texts``: passage id -> (text, article id)."""
    article_date = {a.id: a.date for a in story.articles}
    stated: Counter[Interval] = Counter()
    published: list[str] = []
    for pid in group.passages:
        text, article = texts[pid]
        found = passage_dates(text, article_date.get(article))
        stated.update(set(found))
        date = article_date.get(article)
        if date:
            published.append(date)
    low = high = None
    if stated:
        (best_low, best_high), _ = min(stated.items(), key=lambda kv: (-kv[1], kv[0]))
        low, high = best_low.isoformat(), best_high.isoformat()
    return EventTime(group.id, low, high, min(published) if published else None)


def event_times(story: Story) -> dict[str, EventTime]:
    """The time of every event of the story, by group id."""
    texts = {p.id: (p.text, p.article) for p in story.passages}
    return {g.id: event_time(story, g, texts) for g in story.alignment.groups}


def timeline(story: Story) -> tuple[EventTime, ...]:
    """The story's events in the order they happened (undated ones last, in story order)."""
    return tuple(sorted(event_times(story).values(), key=lambda t: t.sort_key))


def coverage(article_date: str | None, reports: bool, when: EventTime) -> Coverage:
    """Whether an article (published ``article_date``) reports an event, was published before
    it happened, or omits it."""
    if reports:
        return "reports"
    happened = when.low or when.first_report
    if article_date is not None and happened is not None and article_date < happened:
        return "before"
    return "omits"
