"""The reader on a folder of mixed articles: it opens the largest story, says there are
others, and the story picker (S, or the palette) aligns and shows another."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import screen_text, wait_for_workers
from newscompare.app.app import NewsCompareApp, Pipeline
from newscompare.app.screens.pair import PairScreen
from newscompare.app.screens.story_picker import StoryPicker, short
from newscompare.app.stories import stories_note, with_part
from newscompare.core.model.settings import Settings
from newscompare.core.pipeline import build_story

Reader = Callable[..., NewsCompareApp]
ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "gold" / "ecbplus-dev"


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for source in (DEV / "topic8" / "articles", DEV / "topic3" / "articles"):
        for f in source.iterdir():
            shutil.copy(f, folder / f.name)
    shutil.copy(ROOT / "articles" / "01-rudaw.md", folder / "01-rudaw.md")
    return folder


def _pipeline() -> Pipeline:
    return Pipeline(build=build_story)


async def test_the_reader_opens_the_largest_story_and_s_shows_another(
    reader: Reader, mixed: Path
) -> None:
    app = reader(pipeline=_pipeline(), sources=(str(mixed),))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_workers(pilot)
        story = app.story
        assert story is not None and story.collection is not None
        assert len(story.articles) == 5 and len(story.collection.articles) == 11
        first = {a.id for a in story.articles}
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StoryPicker)
        text = screen_text(app)
        assert "shares no story" in text  # the lone article and why
        assert "5 articles" in text and "1 article" in text
        await pilot.press("down", "enter")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, PairScreen)
        shown = app.story
        assert shown is not None and len(shown.articles) == 5
        assert first.isdisjoint(a.id for a in shown.articles)
        assert shown.parts == (story.collection.parts[1].id,)
        assert app.selection.left in {a.id for a in shown.articles}
        # Escape closes the list without changing the story.
        await pilot.press("S")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PairScreen) and app.story is shown


async def test_the_palette_offers_the_story_picker(reader: Reader, mixed: Path) -> None:
    from newscompare.app.commands import READER_COMMANDS

    assert any(c.action == "pick_story" for c in READER_COMMANDS)
    app = reader(pipeline=_pipeline(), sources=(str(mixed),))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_workers(pilot)
        await app.run_action("pick_story")
        await pilot.pause()
        assert isinstance(app.screen, StoryPicker)


def test_the_note_says_how_many_stories_and_the_key(mixed: Path) -> None:
    from conftest import reader_config

    story = build_story([str(mixed)], reader_config().settings)
    note = stories_note(story, "S")
    assert "11 articles tell 2 stories" in note and "1 article share" in note
    assert note.endswith("(S: pick another)")
    one = build_story([str(ROOT / "articles")], reader_config().settings)
    assert stories_note(one, "S") == ""
    assert with_part(one, one.parts[0]) is None  # already shown
    assert with_part(story, "s9") is None


def test_short_labels_cut_at_a_word() -> None:
    assert short("a b c", 10) == "a b c"
    cut = short("Perennial party girl Tara Reid checked herself into Promises", 30)
    assert len(cut) <= 30 and cut.endswith("…") and "Perennial party girl" in cut


def test_the_note_for_articles_that_share_no_story(tmp_path: Path) -> None:
    from conftest import reader_config

    for source in (DEV / "topic3" / "articles", ROOT / "articles"):
        first = sorted(source.iterdir())[0]
        shutil.copy(first, tmp_path / first.name)
    story = build_story([str(tmp_path)], reader_config().settings)
    assert len(story.articles) == 1
    assert stories_note(story, "S") == (
        "these 2 articles share no story with each other: each is shown alone (S: pick one)"
    )


async def test_the_event_label_is_the_same_in_the_reader_and_both_reports(reader: Reader) -> None:
    from newscompare.app.screens.event import EventScreen
    from newscompare.core.report import to_json, to_markdown

    story = build_story([str(ROOT / "articles")], _reader_settings())
    app = reader(story)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        group = app.current_group()
        assert group is not None and " / " not in group.label
        assert group.label[:40] in screen_text(app)
    shown = next(g for g in story.alignment.groups if g.id == group.id)
    assert f"## Event {group.id}: {group.label}" in to_markdown(story)
    labels = {g["id"]: g["label"] for g in to_json(story)["groups"]}
    assert labels[group.id] == shown.label == group.label


def _reader_settings() -> Settings:
    from conftest import reader_config

    return reader_config().settings
