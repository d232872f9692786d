"""The hostile corpus in the reader (Pilot, public app API): the story is built by the real
loader, annotations come from a hand-edited file, and every screen is read back the way the
terminal would get it. No raw control, C1 control or bidi override may reach it.

Written against ``make_app`` and ``tests/app_fixtures.py``-style helpers so the reader's
rewrite can adopt it as is.
"""

from __future__ import annotations

from pathlib import Path

import hostile
from conftest import reader_config, screen_text, wait_for_workers
from hostile import unsafe_in
from newscompare.app.app import NewsCompareApp, make_app
from newscompare.core.annotations.records import record_for_pair
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.story import Story
from newscompare.core.pipeline import build_story

SIZE = (140, 44)


def _story(tmp_path: Path) -> Story:
    corpus = hostile.write_corpus(tmp_path / "story")
    config = reader_config(tmp_path / "unused.yaml")
    return build_story([str(corpus)], config.settings)


def _reader(tmp_path: Path, story: Story, *, note: bool = False) -> NewsCompareApp:
    """The reader on ``story``; with ``note``, the first pair carries a hand-edited record
    whose label and note are hostile."""
    path = tmp_path / "annotations.yaml"
    if note:
        index = StoryIndex(story)
        first = story.alignment.pairs[0]
        label, text = f"framing{hostile.CSI}", f"note {hostile.OSC52} {hostile.ALL}"
        record = record_for_pair(
            "note", index.articles, index.passages, first.a, first.b, label, text
        )
        AnnotationStore.open(path).add(record)
    return make_app(story, config=reader_config(path))


def _assert_safe(app: NewsCompareApp, where: str) -> str:
    shown = screen_text(app)
    assert unsafe_in(shown) == [], f"{where}: {unsafe_in(shown)}"
    assert unsafe_in(app.title + app.sub_title) == [], where
    return shown


async def test_pair_view_event_view_overview_and_help(tmp_path: Path) -> None:
    app = _reader(tmp_path, _story(tmp_path), note=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        shown = _assert_safe(app, "pair view")
        assert "␛]0;pwned␇name" in shown  # the outlet from the file name, visibly
        for key, where in (("n", "next pair"), ("e", "event view"), ("o", "overview")):
            await pilot.press(key)
            await pilot.pause()
            _assert_safe(app, where)
            if key != "n":
                await pilot.press("escape")
                await pilot.pause()
        await pilot.press("question_mark")  # keys and the loading problems (a hostile name)
        await pilot.pause()
        _assert_safe(app, "help")


async def test_search_status_names_the_outlet_safely(tmp_path: Path) -> None:
    """The status said "match in {outlet}" with the outlet as loaded: from front matter, or
    without it from the file name, so an escape in either renamed the terminal's pane."""
    app = _reader(tmp_path, _story(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        for query in ("wave of attacks", "Militias", "minister"):
            await pilot.press("slash", *query, "enter")
            await pilot.pause()
            shown = _assert_safe(app, f"search {query!r}")
            assert "match in" in shown
            await pilot.press("escape")
            await pilot.pause()


async def test_annotations_screen_shows_a_hand_edited_record_safely(tmp_path: Path) -> None:
    app = _reader(tmp_path, _story(tmp_path), note=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("A")
        await pilot.pause()
        _assert_safe(app, "annotations list")


async def test_note_form_shows_a_hand_edited_note_safely(tmp_path: Path) -> None:
    app = _reader(tmp_path, _story(tmp_path), note=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("a")  # edit the note of the current (first) pair
        await pilot.pause()
        assert type(app.screen).__name__ == "AnnotationForm"
        _assert_safe(app, "note form")
