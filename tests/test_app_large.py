"""A 200-article story: every view opens and every key still works (no timing asserted here;
speed is measured by benchmarks/bench_startup.py)."""

from __future__ import annotations

from collections.abc import Callable

from app_fixtures import large_story
from newscompare.app.app import NewsCompareApp
from newscompare.app.screens.event import EventScreen
from newscompare.app.screens.overview import OverviewScreen
from newscompare.app.screens.pair import PairScreen

Reader = Callable[..., NewsCompareApp]


async def test_two_hundred_articles(reader: Reader) -> None:
    story = large_story()
    app = reader(story)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)
        # Only the two shown articles are in the columns, which mount no widget per passage.
        assert len(screen.left.views) == len(screen.right.views) == 20
        assert not screen.left.children and not screen.right.children
        await pilot.press("n", "n", "right_square_bracket")
        assert app.selection.divergence == 0
        await pilot.press("tab", "9")
        assert app.selection.right == "a008"
        await pilot.press("o")
        assert isinstance(app.screen, OverviewScreen)
        assert app.screen.grid.column_count == 200 and app.screen.grid.row_count == 19
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        assert len(app.screen.query(".event-block")) == 200
        await pilot.press("escape")  # back to the overview it was opened from
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PairScreen)
