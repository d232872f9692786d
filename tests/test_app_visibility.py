"""Issue 16.2: whenever a pair becomes current, both its passages are on screen (and the
divergence being explained), at 80x24 and 120x36, on the real sample articles."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from newscompare.app.app import NewsCompareApp
from newscompare.app.screens.pair import PairScreen
from newscompare.core.model.story import Story

Reader = Callable[..., NewsCompareApp]
ARTICLES = Path(__file__).resolve().parent.parent / "articles"
SIZES = [(80, 24), (120, 36)]


@cache
def samples() -> Story:
    from conftest import reader_config
    from newscompare.core.pipeline import build_story

    return build_story([str(ARTICLES)], reader_config().settings)


def on_screen(app: NewsCompareApp) -> list[str]:
    """Ids of the current pair's passages that are not entirely in view (empty: all shown)."""
    screen = app.screen
    assert isinstance(screen, PairScreen)
    nav, selection = app.navigator, app.selection
    assert nav is not None and selection.pair is not None
    missing = []
    for column, pid in zip(
        (screen.left, screen.right), nav.oriented(selection.pair, selection.left), strict=True
    ):
        view = column.views[pid]
        visible = column.visible_views(full=view.height <= column.scrollable_content_region.height)
        if view not in visible:
            missing.append(pid)
    return missing


def divergence_on_screen(app: NewsCompareApp) -> bool:
    """The divergence stepped to (or the first one) is drawn in both columns (its first words)."""
    from conftest import screen_text

    nav, selection = app.navigator, app.selection
    assert nav is not None
    comparison = nav.comparison(selection.pair)
    if comparison is None or not comparison.divergences:
        return True
    d = comparison.divergences[selection.divergence or 0]
    text = " ".join(screen_text(app).split())
    # A long value (an attribution's whole clause) may run past the column's last line: its
    # first words must be drawn, so the reader sees where the difference starts.
    # (the first three words: the screen text interleaves the two columns line by line)
    return all(" ".join(v.split()[:3]) in text for v in (d.a, d.b) if v.strip())


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
async def test_the_current_pair_is_on_screen_on_opening_and_after_n(
    reader: Reader, size: tuple[int, int]
) -> None:
    app = reader(samples())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert on_screen(app) == []
        for _ in range(6):
            await pilot.press("n")
            await pilot.pause()
            assert on_screen(app) == [], app.selection
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert on_screen(app) == []
        assert divergence_on_screen(app)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
async def test_every_pair_of_rudaw_and_pentagon_shows_its_divergence(
    reader: Reader, size: tuple[int, int]
) -> None:
    """The issue's case: Rudaw with the Pentagon article; the status named a number the
    screen did not show."""
    story = samples()
    ids = {a.outlet: a.id for a in story.articles}
    rudaw = next(i for o, i in ids.items() if "Rudaw" in o)
    pentagon = next(a.id for a in story.articles if "pentagon" in a.path)
    app = reader(story)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        nav = app.navigator
        assert nav is not None
        pairs = nav.pairs_between(rudaw, pentagon)
        assert pairs
        from newscompare.app.navigation import Selection

        for pair in pairs:
            app.selection = Selection(rudaw, pentagon, pair)
            await pilot.pause()
            await pilot.pause()
            assert on_screen(app) == [], pair
            assert divergence_on_screen(app), pair


async def test_the_explain_panel_keeps_the_pair_on_screen(reader: Reader) -> None:
    app = reader(samples())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "i")
        await pilot.pause()
        await pilot.pause()
        assert on_screen(app) == []
