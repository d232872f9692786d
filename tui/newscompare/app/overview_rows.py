"""The overview's rows (events by outlets), each built only when it is first drawn.

Why: the grid of an 800-article story is 1,400 events by 800 outlets, 1.1 million cells.
Building every row (and every cell's verdict with ``timeline.coverage_of``) before the first
frame took most of the 0.6 to 0.8 s the overview needed to open; a screen shows about 30
rows. So this keeps, per event, only the outlets that report it (a few cells each) and works
out a row's cells and gap verdicts (``timeline.coverage``, the function the reports use) when
the grid asks for that row, caching it. The status line's totals (omissions, "before",
"undated") are counted per event from the outlets' dates sorted once, without visiting every
cell; ``tests/test_app_overview.py`` checks that both agree with ``coverage_of``.

No Textual here: the rows are plain data the ``OverviewGrid`` widget draws.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import overload

from newscompare.app.render import group_colour
from newscompare.app.widgets.overview_grid import GridRow
from newscompare.core.align.timeline import coverage, story_timeline
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.story import EventTime, Group, StoryPart


class OverviewRows(Sequence[GridRow]):
    """The rows of one story's overview, in event order; ``rows[i]`` builds row ``i``."""

    def __init__(self, index: StoryIndex) -> None:
        story = index.story
        self._articles = story.articles
        self._groups: tuple[Group, ...] = story.alignment.groups
        times = {t.group: t for t in story_timeline(story)}
        column_of = {a.id: n for n, a in enumerate(story.articles)}
        part_of = index.part_of
        #: Per event: the columns that report it and their cell text ("● ¶3,4").
        self._present: list[dict[int, str]] = []
        self._when: list[EventTime] = []
        #: Per event: its story (only that story's outlets can omit it).
        self._part: list[StoryPart | None] = []
        for group in self._groups:
            numbers: dict[int, list[str]] = {}
            for pid in group.passages:
                column = column_of[index.passages[pid].article]
                numbers.setdefault(column, []).append(pid.rsplit(":", 1)[-1])
            self._present.append({c: "● ¶" + ",".join(ns) for c, ns in numbers.items()})
            self._when.append(times.get(group.id) or EventTime(group.id, None, None, None))
            first = group.passages[0] if group.passages else None
            self._part.append(None if first is None else part_of.get(index.passages[first].article))
        self._part_of = [part_of.get(a.id) for a in story.articles]
        self._built: dict[int, GridRow] = {}

    def __len__(self) -> int:
        return len(self._groups)

    @overload
    def __getitem__(self, index: int) -> GridRow: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[GridRow]: ...

    def __getitem__(self, index: int | slice) -> GridRow | Sequence[GridRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        row = self._built.get(index)
        if row is None:
            row = self._built[index] = self._build(index)
        return row

    def __iter__(self) -> Iterator[GridRow]:
        return (self[i] for i in range(len(self)))

    def _build(self, number: int) -> GridRow:
        group, present = self._groups[number], self._present[number]
        cells = tuple(present.get(c) for c in range(len(self._articles)))
        return GridRow(group.id, group.label, group_colour(number + 1), cells, self._gaps(number))

    def _gaps(self, number: int) -> tuple[str, ...]:
        """Each outlet's verdict on the event (as ``coverage_in``: "omits" for another
        story's outlets and for those with no verdict)."""
        if not self._groups[number].passages:
            return ()
        present, when, part = self._present[number], self._when[number], self._part[number]
        return tuple(
            "reports"
            if column in present
            else coverage(article.date, False, when)
            if self._part_of[column] is part
            else "omits"
            for column, article in enumerate(self._articles)
        )

    def counts(self) -> dict[str, int]:
        """Empty cells of the whole grid by verdict ("omits", "before", "undated"), counted
        per event from sorted dates rather than cell by cell."""
        by_part: dict[int, tuple[int, int, list[str]]] = {}  # id(part): (outlets, undated, dates)
        for column, part in enumerate(self._part_of):
            outlets, undated, dates = by_part.get(id(part), (0, 0, []))
            date = self._articles[column].date
            if date is None:
                undated += 1
            else:
                dates.append(date)
            by_part[id(part)] = (outlets + 1, undated, dates)
        for key, (outlets, undated, dates) in by_part.items():
            by_part[key] = (outlets, undated, sorted(dates))
        total = {"omits": 0, "before": 0, "undated": 0}
        columns = len(self._articles)
        for number, group in enumerate(self._groups):
            present = self._present[number]
            empty = columns - len(present)
            before = undated = 0
            if group.passages:
                outlets, no_date, dates = by_part.get(id(self._part[number]), (0, 0, []))
                happened = self._when[number].date
                if happened is None:
                    undated = len(dates)  # a dated outlet, an undated event
                else:
                    undated = no_date
                    before = bisect_left(dates, happened)
                for column in present:  # reporting outlets are no gap: take them out again
                    if self._part_of[column] is not self._part[number]:
                        continue
                    date = self._articles[column].date
                    if happened is None:
                        undated -= date is not None
                    elif date is None:
                        undated -= 1
                    elif date < happened:
                        before -= 1
            total["before"] += before
            total["undated"] += undated
            total["omits"] += empty - before - undated
        return total
