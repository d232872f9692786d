"""Issue 16.2: the current pair's two passages are on screen after a jump from every other
view (overview grid, event view, annotation table, search match, outlet picker) and after a
re-align (``+``/``-``), at 80x24 and 120x36, on the real sample articles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import wait_for_workers
from newscompare.app.app import NewsCompareApp
from newscompare.app.screens.annotations import AnnotationsScreen
from newscompare.app.screens.event import EventScreen
from newscompare.app.screens.outlet_picker import OutletPicker
from newscompare.app.screens.overview import OverviewScreen
from newscompare.app.screens.pair import PairScreen
from newscompare.core.annotations.records import record_for_pair
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.model.story import Pair, Story
from test_app_visibility import SIZES, divergence_on_screen, on_screen, samples

Reader = Callable[..., NewsCompareApp]


async def settle(pilot: object) -> None:
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]


def shown_articles(app: NewsCompareApp) -> tuple[str | None, str | None]:
    return app.selection.left, app.selection.right


def far_pair(story: Story, app: NewsCompareApp) -> Pair:
    """A pair between two articles not shown at start, deep in both (so its passages start
    off screen)."""
    shown = set(shown_articles(app))
    position = {p.id: n for n, p in enumerate(story.passages)}
    article = {p.id: p.article for p in story.passages}
    candidates = [
        pair for pair in story.alignment.pairs if not {article[pair.a], article[pair.b]} & shown
    ]
    assert candidates, "the samples have pairs between other articles"
    return max(candidates, key=lambda pair: min(position[pair.a], position[pair.b]))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
async def test_after_the_overview_and_the_event_it_opens(
    reader: Reader, size: tuple[int, int]
) -> None:
    app = reader(samples())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for rows_down in (3, 6):
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, OverviewScreen)
            await pilot.press(*["down"] * rows_down, "enter")
            await settle(pilot)
            assert isinstance(app.screen, EventScreen)
            group = app.screen.group_id
            await pilot.press("escape", "escape")
            await settle(pilot)
            assert isinstance(app.screen, PairScreen)
            current = app.current_group()
            assert current is not None and current.id == group
            assert on_screen(app) == [], (rows_down, app.selection)
            assert divergence_on_screen(app)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
async def test_after_stepping_events_in_the_event_view(
    reader: Reader, size: tuple[int, int]
) -> None:
    app = reader(samples())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EventScreen)
        for step in range(1, 6):
            await pilot.press("n")
            await settle(pilot)
            group = app.screen.group_id
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, PairScreen)
            current = app.current_group()
            assert current is not None and current.id == group
            assert on_screen(app) == [], (step, app.selection)
            await pilot.press("e")
            await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
async def test_after_going_to_a_pair_from_the_annotation_table(
    reader: Reader, tmp_path: Path, size: tuple[int, int]
) -> None:
    story = samples()
    probe = reader(story)
    async with probe.run_test(size=size) as pilot:
        await settle(pilot)
        pair = far_pair(story, probe)
    path = tmp_path / "notes.yaml"
    articles = {a.id: a for a in story.articles}
    passages = {p.id: p for p in story.passages}
    record = record_for_pair("note", articles, passages, pair.a, pair.b, "framing", "far")
    AnnotationStore.open(path).add(record)
    app = reader(story, annotations_file=path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, AnnotationsScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PairScreen)
        assert app.selection.pair is not None
        assert {app.selection.pair.a, app.selection.pair.b} == {pair.a, pair.b}
        assert on_screen(app) == []
        assert divergence_on_screen(app)


def unique_words(story: Story, passage_id: str) -> str:
    """Three consecutive words of a passage that no other passage contains."""
    texts = {p.id: p.text.casefold() for p in story.passages}
    words = texts[passage_id].split()
    for start in range(len(words) - 2):
        query = " ".join(words[start : start + 3])
        if not any(query in text for pid, text in texts.items() if pid != passage_id):
            return query
    raise AssertionError(f"{passage_id} has no words of its own")


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
async def test_after_a_search_match_in_an_article_not_shown(
    reader: Reader, size: tuple[int, int]
) -> None:
    story = samples()
    app = reader(story)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        left, right = shown_articles(app)
        article = {p.id: p.article for p in story.passages}
        position = {p.id: n for n, p in enumerate(story.passages)}
        # A pair of the left article with one not shown: the match is in the hidden one, deep
        # in it, and its counterpart deep in the left column.
        pairs = [
            (pair.b, pair) if article[pair.a] == left else (pair.a, pair)
            for pair in story.alignment.pairs
            if left in (article[pair.a], article[pair.b])
            and right not in (article[pair.a], article[pair.b])
        ]
        found, pair = max(pairs, key=lambda p: position[p[0]])
        await pilot.press("slash", *unique_words(story, found), "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.selection.right == article[found]
        assert app.selection.pair == pair
        assert on_screen(app) == []


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
async def test_after_choosing_an_outlet_in_the_picker(
    reader: Reader, size: tuple[int, int]
) -> None:
    story = samples()
    app = reader(story)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "n")
        await settle(pilot)
        for chosen in story.articles[2:]:
            await pilot.press("g")
            await settle(pilot)
            assert isinstance(app.screen, OutletPicker)
            await pilot.press(*chosen.outlet, "enter")
            await settle(pilot)
            assert isinstance(app.screen, PairScreen)
            assert app.selection.left == chosen.id
            if app.selection.pair is not None:
                assert on_screen(app) == [], chosen.id


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
async def test_after_a_re_align(reader: Reader, size: tuple[int, int]) -> None:
    """``+``/``-`` with the real engine (in the thread worker: no engine child in tests)."""
    app = reader(samples())
    app.runs.debounce = 0.05
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "n", "n")
        await settle(pilot)
        for key in ("minus", "minus", "plus", "plus", "plus"):
            before = app.story
            await pilot.press(key)
            await wait_for_workers(pilot)
            await settle(pilot)
            assert app.story is not before, "no re-align was shown"
            assert app.selection.pair is not None
            assert on_screen(app) == [], (key, app.threshold, app.selection)
            assert divergence_on_screen(app)
