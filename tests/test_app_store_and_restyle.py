"""Start-up paths agree on the annotations file, restyling passages never moves them, and a
record naming two passages of one article is refused.

The story can arrive from the forked engine or from a thread worker; either way the annotations
file is opened once, off the UI thread when a story is built, and a bad file is told at start
even when no story could be built.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app_fixtures import troops_story
from conftest import wait_for_workers
from newscompare.app.app import NewsCompareApp, Pipeline
from newscompare.app.screens.pair import PairScreen
from newscompare.core.model.errors import UserError
from newscompare.core.model.story import Story

Reader = Callable[..., NewsCompareApp]
SIZE = (120, 36)
CORRUPT = b"schema: newscompare.annotations/1\nrecords: [ {id: 1, kind: nope\n"


def record_errors(app: NewsCompareApp) -> list[str]:
    """The message of every error notification the app shows from now on."""
    errors: list[str] = []
    original = app.notify

    def record(message: str, **kwargs: Any) -> None:
        if kwargs.get("severity") == "error":
            errors.append(message)
        original(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    return errors


def no_such_folder(*args: Any, **kwargs: Any) -> Story:
    raise UserError("articles: no such file or folder")


async def test_a_read_only_file_is_told_once_when_the_worker_builds_the_story(
    reader: Reader, tmp_path: Path
) -> None:
    path = tmp_path / "annotations.yaml"
    path.write_bytes(CORRUPT)
    app = reader(pipeline=Pipeline(build=lambda *args, **kwargs: troops_story()))
    errors = record_errors(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        assert app.story is not None and app.annotations.store is not None
        assert app.annotations.store.read_only
        told = [m for m in errors if "read-only" in m]
        assert len(told) == 1 and str(path) in told[0]
    assert path.read_bytes() == CORRUPT


async def test_a_read_only_file_is_told_even_when_no_story_could_be_built(
    reader: Reader, tmp_path: Path
) -> None:
    path = tmp_path / "annotations.yaml"
    path.write_bytes(CORRUPT)
    app = reader(pipeline=Pipeline(build=no_such_folder))
    errors = record_errors(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        assert app.story is None
        assert app.load_error == "articles: no such file or folder"
        assert "articles: no such file or folder" in errors
        told = [m for m in errors if "read-only" in m]
        assert len(told) == 1 and str(path) in told[0]
    assert path.read_bytes() == CORRUPT


async def test_a_failed_load_leaves_a_good_file_alone(reader: Reader, tmp_path: Path) -> None:
    app = reader(pipeline=Pipeline(build=no_such_folder))
    errors = record_errors(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        assert errors == ["articles: no such file or folder"]
        assert app.annotations.store is not None and not app.annotations.store.read_only
    assert not (tmp_path / "annotations.yaml").exists()


async def test_moving_the_current_pair_restyles_without_moving_any_passage(
    reader: Reader,
) -> None:
    app = reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)
        columns = (screen.left, screen.right)
        before = [{pid: v.y for pid, v in c.views.items()} for c in columns]
        heights = [{pid: v.height for pid, v in c.views.items()} for c in columns]
        for key in ("n", "n", "]", "p"):
            await pilot.press(key)
            await pilot.pause()
            assert [{pid: v.y for pid, v in c.views.items()} for c in columns] == before
            assert [{pid: v.height for pid, v in c.views.items()} for c in columns] == heights
            current = [v for c in columns for v in c.views.values() if v.has_class("-current")]
            assert len(current) == 2  # the restyle did happen
            for view in current:  # drawn where the layout put it: its first line, gutter marker
                assert view.column.rendered_lines(view.passage.id)[0].text[1:].startswith("▶")
        for column, ys in zip(columns, before, strict=True):
            column._layout()  # a fresh layout of the restyled passages agrees
            assert {pid: v.y for pid, v in column.views.items()} == ys


async def test_jumping_to_a_record_within_one_article_says_so(reader: Reader) -> None:
    """A hand-edited record may name two passages of one article: no pair, no crash."""
    app = reader(pipeline=Pipeline(build=lambda *args, **kwargs: troops_story()))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        assert app.navigator is not None
        by_article: dict[str, list[str]] = {}
        for p in app.navigator.index.passages.values():
            by_article.setdefault(p.article, []).append(p.id)
        first, second = next(ids for ids in by_article.values() if len(ids) >= 2)[:2]
        before = app.selection
        assert app.annotations.jump(first, second) == (
            "both passages are in one article: there is no pair to show"
        )
        assert app.selection == before
