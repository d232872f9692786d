"""Issue 14.3: the first story arrives in two stages, the articles (shown while the engine
aligns) and then the complete story, which is exactly the one a single build gives; a story's
collection travels in small parts too, once when it holds the story's own articles."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app_fixtures import large_story
from conftest import reader_config
from newscompare import handover, runner
from newscompare.app.app import NewsCompareApp, Pipeline
from newscompare.core.model.settings import Settings
from newscompare.core.model.story import Alignment, Collection, Story, StoryPart
from newscompare.core.pipeline import build_story
from newscompare.stages import ENGINE_STAGES

ARTICLES = Path(__file__).resolve().parent.parent / "articles"
Reader = Callable[..., NewsCompareApp]


def never() -> bool:
    return False


def ignore(*step: Any) -> None:
    return None


def waiting_for(story: Story) -> tuple[Pipeline, threading.Event]:
    """A pipeline whose build returns ``story`` once the event is set (the engine aligning)."""
    go = threading.Event()

    def build(*args: Any, **kwargs: Any) -> Story:
        go.wait(30)
        return story

    return Pipeline(build), go


def collected(story: Story) -> Story:
    """The story with a collection of its own articles, as the engine builds one story."""
    part = StoryPart("s1", "one", tuple(a.id for a in story.articles))
    return dataclasses.replace(
        story, collection=Collection(story.articles, story.passages, (part,)), parts=("s1",)
    )


def test_loading_then_building_with_reuse_is_the_one_shot_build() -> None:
    settings = Settings().with_threshold(0.5)
    sources = [str(ARTICLES)]
    first = ENGINE_STAGES.load(sources, settings, ignore)
    assert first.articles and first.passages and not first.alignment.pairs
    alignments: list[Any] = []
    staged = ENGINE_STAGES.build(sources, settings, ignore, first, alignments.append)
    assert staged == build_story(sources, settings)
    assert alignments == [staged.alignment]  # told before the divergences, and final
    assert staged.articles == first.articles and staged.passages == first.passages


def test_the_collection_travels_in_parts_and_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handover, "PART_SIZE", 50)
    story = collected(large_story(articles=60, passages=6))
    parts = list(handover.split(story))
    head = parts[0][1][0]
    assert head.collection.articles == () and head.collection.passages == ()
    # The collection's articles and passages are the story's: they are not sent twice.
    assert not [path for path, _ in parts if path[:1] == ("collection",)]
    receiver = handover.Assembler()
    for part in parts:
        receiver.add(part)
    assert receiver.story() == story
    # The complete story after its first stage sends neither articles, passages nor collection.
    first = dataclasses.replace(story, alignment=Alignment(), comparisons=())
    rest = list(handover.split(story, base=first))
    assert {path for path, _ in rest if path} == {("comparisons",), ("alignment", "pairs")}
    receiver = handover.Assembler(base=first)
    for part in rest:
        receiver.add(part)
    assert receiver.story() == story
    # A collection with more articles than the story (several stories) travels in parts.
    wider = dataclasses.replace(
        story,
        collection=dataclasses.replace(
            story.collection,  # type: ignore[arg-type]
            articles=story.articles + story.articles[:1],
        ),
    )
    paths = {path for path, _ in handover.split(wider)}
    assert ("collection", "passages") not in paths and ("collection", "articles") in paths
    receiver = handover.Assembler()
    for part in handover.split(wider):
        receiver.add(part)
    assert receiver.story() == wider


class HeldStages:
    """Stand-in stages: the first story's articles, then its alignment, then (once the reader
    has both) the complete story."""

    def __init__(self, story: Story, release: Path) -> None:
        self.story, self.release = story, release
        self.first = dataclasses.replace(story, alignment=Alignment(), comparisons=())

    def load(self, sources: Any, settings: Any, progress: Any) -> Story:
        return self.first

    def build(
        self, sources: Any, settings: Any, progress: Any, reuse: Story, aligned: Any
    ) -> Story:
        assert reuse == self.first  # the build starts from what the first stage loaded
        aligned(self.story.alignment)
        for _ in range(3000):  # held back until the reader has both stages
            if self.release.exists():
                break
            threading.Event().wait(0.01)
        return self.story


@pytest.mark.skipif(not runner.can_fork(), reason="fork is unsafe or missing here")
def test_the_child_sends_the_articles_then_the_pairs_then_the_story(tmp_path: Path) -> None:
    story = collected(large_story(articles=12, passages=5))
    release = tmp_path / "release"
    stages = HeldStages(story, release)

    def never_built(*args: Any, **kwargs: Any) -> Story:
        raise AssertionError("the first story is built in stages")

    engine = runner.start_story_build([], Settings(), never_built, stages)
    assert engine is not None
    seen: list[Story] = []

    def loaded(early: Story) -> None:
        seen.append(early)
        if len(seen) == 2:
            release.write_text("go")

    try:
        assert engine.wait(ignore, never, loaded) == story
        assert seen == [stages.first, dataclasses.replace(stages.first, alignment=story.alignment)]
    finally:
        engine.stop()


async def test_a_story_in_two_stages_ends_as_a_one_shot_build(tmp_path: Path) -> None:
    """The reader shows the first stage's articles, then the complete story with the same
    selection, screens and text as a reader given the complete story at once."""
    from conftest import screen_text

    story = collected(large_story(articles=30, passages=6))
    first = dataclasses.replace(story, alignment=Alignment(), comparisons=())

    one_shot = NewsCompareApp(config=reader_config(tmp_path / "a.yaml"), story=story)
    async with one_shot.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        expected = (one_shot.selection, screen_text(one_shot))

    pipeline, go = waiting_for(story)
    staged = NewsCompareApp(config=reader_config(tmp_path / "b.yaml"), pipeline=pipeline)
    async with staged.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        staged._show_loaded(first)
        await pilot.pause()
        assert staged.story is first and staged.selection.pair is None
        screen = staged.screen
        assert screen.left.views and screen.right.views  # type: ignore[attr-defined]
        go.set()
        await staged.workers.wait_for_complete()
        await pilot.pause()
        assert staged.story == story
        assert (staged.selection, screen_text(staged)) == expected


async def test_articles_chosen_while_aligning_stay_shown(tmp_path: Path) -> None:
    story = collected(large_story(articles=30, passages=6))
    first = dataclasses.replace(story, alignment=Alignment(), comparisons=())
    pipeline, go = waiting_for(story)
    app = NewsCompareApp(config=reader_config(tmp_path / "a.yaml"), pipeline=pipeline)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app._show_loaded(first)
        await pilot.pause()
        app.show_article("right", "a007")
        app.show_article("left", "a006")
        go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Not where a one-shot build opens (a000 and a001): where the reader went.
        assert (app.selection.left, app.selection.right) == ("a006", "a007")
        assert app.selection.pair is not None  # a pair between the two chosen articles
