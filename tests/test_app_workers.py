"""Loading and re-aligning run in a worker with visible progress; the UI keeps answering."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from textual.widgets import ProgressBar

from app_fixtures import troops_story
from conftest import wait_for_workers
from newscompare.app.app import NewsCompareApp, Pipeline
from newscompare.app.screens.help import HelpScreen
from newscompare.app.screens.pair import PairScreen
from newscompare.app.widgets.status import StatusLine
from newscompare.core.model.errors import UserError
from newscompare.core.model.settings import Settings
from newscompare.core.model.story import (
    Alignment,
    Group,
    LoadProblem,
    Progress,
    Story,
    no_progress,
)

Reader = Callable[..., NewsCompareApp]


def realigned(threshold: float) -> Story:
    """The troops story as an aligner would return it at ``threshold``: weaker pairs dropped."""
    story = troops_story()
    comparisons = tuple(c for c in story.comparisons if c.pair.score >= threshold)
    kept = {pid for c in comparisons for pid in (c.pair.a, c.pair.b)}
    groups = tuple(
        Group(g.id, g.label, members)
        for g in story.alignment.groups
        if len(members := tuple(p for p in g.passages if p in kept)) >= 2
    )
    return replace(
        story,
        alignment=Alignment(tuple(c.pair for c in comparisons), groups, story.alignment.unmatched),
        comparisons=comparisons,
    )


class FakeEngine:
    """Stands in for the pipeline: reports progress, can block, records thresholds."""

    def __init__(self, block: bool = False, fail: BaseException | None = None) -> None:
        self.release = threading.Event()
        if not block:
            self.release.set()
        self.fail = fail
        self.thresholds: list[float] = []
        self.sources: list[str] = []

    def build(
        self,
        sources: Sequence[str],
        settings: Settings,
        progress: Progress = no_progress,
        *,
        reuse: Story | None = None,
    ) -> Story:
        self.sources = list(sources)
        if reuse is not None:  # a re-align takes the articles and passages already cut
            progress("align", 0, 1)
            assert [a.id for a in reuse.articles] == ["planet", "bugle", "gazette"]
        else:
            progress("load", 1, 5)
        assert self.release.wait(10)
        if self.fail is not None:
            raise self.fail
        self.thresholds.append(settings.align.threshold)
        if reuse is None:
            progress("load", 5, 5)
        return realigned(settings.align.threshold)

    def pipeline(self) -> Pipeline:
        return Pipeline(build=self.build)


def summary(app: NewsCompareApp) -> str:
    return app.screen.query_one(StatusLine).summary


async def test_loading_shows_progress_and_the_ui_keeps_answering(reader: Reader) -> None:
    engine = FakeEngine(block=True)
    app = reader(pipeline=engine.pipeline(), sources=("articles",))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PairScreen)
        status = screen.query_one(StatusLine)
        assert not status.has_class("-idle")
        bar = status.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (5, 1)
        assert str(status.query_one("#stage").visual) == "load…"  # type: ignore[attr-defined]
        assert screen.left.loading
        await pilot.press("question_mark")  # the UI answers while the worker is busy
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        engine.release.set()
        await wait_for_workers(pilot)
        assert status.has_class("-idle")
        assert not screen.left.loading
        assert engine.sources == ["articles"]
        assert screen.left.article is not None and screen.left.article.id == "planet"


async def test_plus_and_minus_re_align_live_in_steps_of_005(reader: Reader) -> None:
    engine = FakeEngine()
    app = reader(pipeline=engine.pipeline(), sources=("articles",))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_workers(pilot)
        assert "pair 1/4" in summary(app)
        await pilot.press("plus", "plus", "plus")
        await wait_for_workers(pilot)
        assert app.threshold == 0.65
        assert engine.thresholds[0] == 0.5 and engine.thresholds[-1] == 0.65
        assert "threshold 0.65" in summary(app)
        # 0.62 and 0.58 pairs are gone: two Planet/Bugle pairs remain.
        assert "/2" in summary(app)
        await pilot.press("minus")
        await wait_for_workers(pilot)
        assert engine.thresholds[-1] == 0.6 and "/3" in summary(app)


async def test_threshold_is_clamped_to_one(reader: Reader) -> None:
    engine = FakeEngine()
    app = reader(pipeline=engine.pipeline(), sources=("articles",))
    app.threshold = 0.98
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("plus")
        await wait_for_workers(pilot)
        assert app.threshold == 1.0
        calls = len(engine.thresholds)
        await pilot.press("plus")
        await wait_for_workers(pilot)
        assert app.threshold == 1.0 and len(engine.thresholds) == calls
        assert "no aligned pairs" in summary(app)


async def test_realign_keeps_the_articles_shown(reader: Reader) -> None:
    engine = FakeEngine()
    app = reader(pipeline=engine.pipeline(), sources=("articles",))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("3", "n")
        before = app.selection
        await pilot.press("minus")
        await wait_for_workers(pilot)
        assert (app.selection.left, app.selection.right) == (before.left, before.right)
        assert app.selection.pair == before.pair


async def test_engine_failures_are_reported_and_the_app_keeps_running(reader: Reader) -> None:
    for fail, expected in (
        (UserError("articles: no such file or folder"), "articles: no such file or folder"),
        (RuntimeError("boom"), "RuntimeError: boom"),
    ):
        engine = FakeEngine(fail=fail)
        app = reader(pipeline=engine.pipeline(), sources=("articles",))
        async with app.run_test(size=(120, 36)) as pilot:
            await wait_for_workers(pilot)
            assert app.is_running
            assert expected in summary(app)
            assert app.screen.query_one(StatusLine).has_class("-idle")
            await pilot.press("o")  # still no story: a warning, not a crash
            assert isinstance(app.screen, PairScreen)


async def test_loading_problems_are_notified_one_line_each(reader: Reader) -> None:
    story = replace(
        troops_story(),
        problems=(
            LoadProblem("a.html", "not UTF-8 text"),
            LoadProblem("b.md", "front matter ignored: bad YAML", fatal=False),
        ),
    )
    app = reader(story)
    seen: list[tuple[str, str]] = []
    original = app.notify

    def record(message: str, **kwargs: Any) -> None:
        seen.append((message, kwargs.get("severity", "information")))
        original(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert seen == [
            ("a.html: not UTF-8 text", "error"),
            ("b.md: front matter ignored: bad YAML", "warning"),
        ]
        assert "1 not loaded · 1 warning (?)" in summary(app)


async def test_a_threshold_changed_while_loading_is_applied_once_loaded(reader: Reader) -> None:
    engine = FakeEngine(block=True)
    app = reader(pipeline=engine.pipeline(), sources=("articles",))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("plus", "plus", "plus")  # while the first story is still loading
        assert app.threshold == 0.65
        engine.release.set()
        await wait_for_workers(pilot)
        assert engine.thresholds == [0.5, 0.65]  # loaded at 0.5, then aligned at 0.65
        assert "threshold 0.65" in summary(app) and "/2" in summary(app)
