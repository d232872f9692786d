"""Issue 14.3: the overview of a large story, its rows built when drawn (``OverviewRows``),
shows what building every row did: each cell, each gap's verdict and the totals agree with
``timeline.coverage_of``; 800 outlets open, scroll both ways and open an event (no timing here:
``benchmarks/bench_startup.py`` measures the speed)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from app_fixtures import dated_troops_story, large_story, troops_story
from conftest import screen_text
from newscompare.app.app import NewsCompareApp
from newscompare.app.overview_rows import OverviewRows
from newscompare.app.widgets.overview_grid import GAP_TEXT
from newscompare.app.widgets.status import StatusLine
from newscompare.core.align.timeline import coverage_of
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.story import Group, Story

Reader = Callable[..., NewsCompareApp]


def mixed_story() -> Story:
    """60 outlets, some undated, dated over January; event k is reported by the outlets whose
    number is not a multiple of k + 1 (later ones more often), plus one event nobody reports:
    every verdict ("omits", "before", "undated") occurs."""
    story = large_story(articles=60, passages=6)
    articles = tuple(
        dataclasses.replace(a, date=None if n % 7 == 3 else f"2025-01-{n % 28 + 1:02}")
        for n, a in enumerate(story.articles)
    )
    number = {a.id: n for n, a in enumerate(story.articles)}
    groups = tuple(
        Group(g.id, g.label, tuple(p for p in g.passages if number[p.split(":")[0]] % (k + 2)))
        for k, g in enumerate(story.alignment.groups)
    )
    return dataclasses.replace(
        story,
        articles=articles,
        alignment=dataclasses.replace(story.alignment, groups=(*groups, Group("e99", "x", ()))),
        timeline=(),
    )


def brute_force(story: Story) -> tuple[list[list[str]], dict[str, int]]:
    """Every cell's verdict and the totals, computed cell by cell as the overview once did."""
    covered = coverage_of(StoryIndex(story))
    cells: list[list[str]] = []
    counts = {"omits": 0, "before": 0, "undated": 0}
    for group in story.alignment.groups:
        verdicts = covered.get(group.id, {})
        row = [verdicts.get(a.id, "omits") for a in story.articles]
        for why in row:
            if why != "reports":
                counts[why] += 1
        cells.append(row)
    return cells, counts


def test_rows_built_when_drawn_agree_with_coverage_cell_by_cell() -> None:
    for story in (mixed_story(), dated_troops_story(), troops_story()):
        rows = OverviewRows(StoryIndex(story))
        expected, counts = brute_force(story)
        assert len(rows) == len(story.alignment.groups)
        assert rows.counts() == counts
        for number, row in enumerate(rows):
            for column, why in enumerate(expected[number]):
                if why == "reports":
                    assert row.cells[column] is not None
                    assert row.cells[column].startswith("● ¶")  # type: ignore[union-attr]
                else:
                    assert row.cells[column] is None
                    assert row.gap(column) == GAP_TEXT[why]
    counts = OverviewRows(StoryIndex(mixed_story())).counts()
    assert all(counts[why] > 0 for why in ("omits", "before", "undated"))


def test_a_row_is_built_once_and_slices_and_negative_indices_work() -> None:
    rows = OverviewRows(StoryIndex(mixed_story()))
    assert rows[0] is rows[0]
    assert rows[-1].key == "e99" and rows[-1].cells == (None,) * 60
    assert [r.key for r in rows[1:3]] == [rows[1].key, rows[2].key]


async def test_eight_hundred_outlets_open_scroll_and_open_an_event(reader: Reader) -> None:
    from newscompare.app.screens.event import EventScreen
    from newscompare.app.screens.overview import OverviewScreen

    story = large_story(articles=800, passages=4)
    app = reader(story)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        grid = app.screen.grid
        assert grid.column_count == 800 and grid.row_count == 3
        assert "1 Outlet 0" in screen_text(app) and "Outlet 799" not in screen_text(app)
        summary = app.screen.query_one(StatusLine).summary
        assert "3 events · 800 outlets · 0 omissions" in summary
        for _ in range(800):
            await pilot.press("right")
        await pilot.pause()
        text = screen_text(app)
        assert "800 Outlet 7…" in text and "1 Outlet 0" not in text  # the last column
        assert "Event 1" in text  # the label column stays put
        await pilot.press("end")
        assert grid.cursor_row == 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
