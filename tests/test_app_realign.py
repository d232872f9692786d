"""Issue 13.4: re-align in the reader is debounced and cancellable. A burst of ``+``/``-`` ends
at the last threshold with exactly one re-align applied; a re-align that a newer one replaced
never shows; both with the engine child serving re-aligns and with the thread worker (no fork)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from conftest import reader_config, wait_for_workers
from newscompare.app.app import NewsCompareApp
from newscompare.core.model.settings import Settings
from newscompare.core.model.story import Progress, Story, no_progress
from newscompare.runner import can_fork, start_story_build
from test_app_workers import FakeEngine, realigned, summary
from test_engine_server import Slow, _written, gone

Reader = Callable[..., NewsCompareApp]


async def test_a_burst_of_keys_re_aligns_once_at_the_last_threshold(reader: Reader) -> None:
    engine = FakeEngine()
    app = reader(pipeline=engine.pipeline(), sources=("articles",))
    app.runs.debounce = 1.0  # longer than any pause between the keys below
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_workers(pilot)
        assert engine.thresholds == [0.5]
        await pilot.press("plus", "plus", "plus", "plus", "minus", "plus", "plus")
        # Every key is answered at once: the status already shows where the burst ended.
        assert app.threshold == 0.75 and "threshold 0.75" in summary(app)
        assert engine.thresholds == [0.5], "a re-align started before the keys stopped"
        await wait_for_workers(pilot)
        assert engine.thresholds == [0.5, 0.75]
        assert app.runs.applied == 1
        assert app.story == realigned(0.75)
        assert "threshold 0.75" in summary(app) and "/1" in summary(app)


async def test_plus_then_minus_within_the_debounce_re_aligns_nothing(reader: Reader) -> None:
    engine = FakeEngine()
    app = reader(pipeline=engine.pipeline(), sources=("articles",))
    app.runs.debounce = 1.0
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_workers(pilot)
        shown = app.story
        await pilot.press("plus", "minus")
        await wait_for_workers(pilot)
        assert engine.thresholds == [0.5] and app.runs.applied == 0
        assert app.story is shown


class BlockingAt(FakeEngine):
    """Re-aligns at ``blocked`` wait for ``release``; records whether the engine was told to
    stop (its progress callback raised) once released."""

    def __init__(self, blocked: float) -> None:
        super().__init__()
        self.blocked = blocked
        self.started = threading.Event()
        self.held = threading.Event()
        self.stopped_by: list[str] = []

    def build(
        self,
        sources: Sequence[str],
        settings: Settings,
        progress: Progress = no_progress,
        *,
        reuse: Story | None = None,
    ) -> Story:
        threshold = settings.align.threshold
        if reuse is not None and threshold == self.blocked:
            self.started.set()
            assert self.held.wait(10)
            try:
                progress("divergences", 1, 2)
            except Exception as exc:
                self.stopped_by.append(type(exc).__name__)
                raise
        return super().build(sources, settings, progress, reuse=reuse)


async def test_a_replaced_re_align_never_shows_in_the_thread_worker(reader: Reader) -> None:
    engine = BlockingAt(0.55)
    app = reader(pipeline=engine.pipeline(), sources=("articles",))
    app.runs.debounce = 0.05
    shown: list[Story] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_workers(pilot)
        app.watch(app, "story", lambda story: shown.append(story), init=False)
        await pilot.press("plus")
        deadline = time.monotonic() + 10
        while not engine.started.is_set() and time.monotonic() < deadline:
            await pilot.pause(0.02)
        assert engine.started.is_set()
        await pilot.press("plus")  # replaces the 0.55 re-align, which is still running
        await pilot.pause(0.2)
        deadline = time.monotonic() + 10
        while app.story != realigned(0.6) and time.monotonic() < deadline:
            await pilot.pause(0.05)
        engine.held.set()  # the replaced one now ends: it must stop, and never show
        await wait_for_workers(pilot)
        await pilot.pause(0.1)
        assert engine.stopped_by == ["Cancelled"]
        assert engine.thresholds == [0.5, 0.6]
        assert shown == [realigned(0.6)] and app.runs.applied == 1
        assert "threshold 0.60" in summary(app)


@pytest.mark.skipif(not can_fork(), reason="fork is unsafe or missing here")
async def test_the_engine_child_re_aligns_and_a_replaced_one_never_shows(tmp_path: Path) -> None:
    """With the engine child (as the console script starts it): the first ``+`` blocks in a
    grandchild; the next one kills it and its story never shows."""
    pids = tmp_path / "pids"
    config = reader_config(tmp_path / "annotations.yaml")
    # The engine child forks before Textual starts any thread, as in the console script.
    engine = start_story_build(["articles"], config.settings, Slow(pids, block_at=0.55))
    assert engine is not None
    app = NewsCompareApp(["articles"], config, engine=engine)
    app.runs.debounce = 0.05
    shown: list[Any] = []
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await wait_for_workers(pilot)
            assert app.story == realigned(0.5)
            app.watch(app, "story", lambda story: shown.append(story), init=False)
            await pilot.press("plus")  # 0.55: blocks for a minute in the grandchild
            deadline = time.monotonic() + 10
            while not _written(pids) and time.monotonic() < deadline:
                await pilot.pause(0.02)
            blocked_pid = int(pids.read_text().split()[1])
            await pilot.press("plus")
            await wait_for_workers(pilot)
            assert app.story == realigned(0.6) and shown == [realigned(0.6)]
            assert app.runs.applied == 1
            assert [line.split()[0] for line in pids.read_text().splitlines()] == ["0.55", "0.6"]
            deadline = time.monotonic() + 5
            while not gone(blocked_pid) and time.monotonic() < deadline:
                await pilot.pause(0.02)
            assert gone(blocked_pid), "the replaced re-align kept computing"
            assert "threshold 0.60" in summary(app)
    finally:
        app.runs.stop()
