"""Issue 13.4: after the first story the engine child serves re-aligns; a newer request kills
the running one, whose result never arrives; a story travels in small parts (``handover``)."""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from app_fixtures import large_story
from newscompare import handover
from newscompare.core.model.settings import Settings
from newscompare.core.model.story import Alignment, Story
from newscompare.runner import EngineCrashed, ForkedBuild, can_fork, start_story_build
from test_app_workers import realigned

pytestmark = pytest.mark.skipif(not can_fork(), reason="fork is unsafe or missing here")


def _written(pids: Path) -> bool:
    """The re-align wrote its line: the file is made before the line is in it, and reading
    in between (a busy machine) finds it empty."""
    return pids.exists() and pids.read_text().endswith("\n")


def never() -> bool:
    return False


def ignore(*step: Any) -> None:
    return None


def gone(pid: int) -> bool:
    """True once ``pid`` no longer runs (a grandchild is reaped by the server, not by us)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:  # a zombie still answers kill(0): look at its state
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def served(build: Any) -> ForkedBuild:
    engine = start_story_build([], Settings().with_threshold(0.5), build)
    assert engine is not None
    assert engine.wait(ignore, never) is not None
    return engine


class Slow:
    """A stand-in engine: re-aligns at ``block_at`` block for a minute; any other threshold
    answers at once (each writes its threshold and pid to ``pids``). ``fail_at`` raises."""

    def __init__(self, pids: Path, fail_at: float | None = None, block_at: float = 0.6) -> None:
        self.pids, self.fail_at, self.block_at = pids, fail_at, block_at

    def __call__(
        self, sources: Any, settings: Settings, progress: Any, *, reuse: Story | None = None
    ) -> Story:
        threshold = settings.align.threshold
        if reuse is not None:
            progress("align", 0, 1)
            time.sleep(0.2)  # the step arrives before the story (only the newest is drawn)
            with self.pids.open("a") as out:
                out.write(f"{threshold} {os.getpid()}\n")
            if threshold == self.fail_at:
                raise RuntimeError(f"no alignment at {threshold}")
            if threshold == self.block_at:
                time.sleep(60)
        return realigned(threshold)


def test_the_server_re_aligns_reusing_the_first_story(tmp_path: Path) -> None:
    steps: list[tuple[str, int, int]] = []
    engine = served(Slow(tmp_path / "pids"))
    try:
        first = engine._base
        story = engine.realign(Settings().with_threshold(0.65), lambda *s: steps.append(s), never)
        assert story == realigned(0.65)
        assert first is not None and story.passages is first.passages, "passages were sent again"
        assert ("align", 0, 1) in steps
        # The re-align ran in a grandchild, not in the server or in this process.
        ran = (tmp_path / "pids").read_text().split()
        assert ran[0] == "0.65" and int(ran[1]) not in (os.getpid(), engine.pid)
        assert engine.serving
    finally:
        engine.stop()


def test_a_newer_request_kills_the_running_one(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    engine = served(Slow(pids))
    results: dict[str, Story | None] = {}
    try:
        older = threading.Thread(
            target=lambda: results.setdefault(
                "older", engine.realign(Settings().with_threshold(0.6), ignore, never)
            )
        )
        older.start()
        deadline = time.monotonic() + 20
        while not _written(pids) and time.monotonic() < deadline:
            time.sleep(0.02)
        blocked_pid = int(pids.read_text().split()[1])
        started = time.monotonic()
        newer = engine.realign(Settings().with_threshold(0.7), ignore, never)
        older.join(5)
        assert not older.is_alive()
        assert results["older"] is None, "a stale re-align was returned"
        assert newer == realigned(0.7)
        assert time.monotonic() - started < 10  # not the 60 s the stale one would take
        deadline = time.monotonic() + 5
        while not gone(blocked_pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert gone(blocked_pid), "the stale re-align kept computing"
    finally:
        engine.stop()


def test_an_engine_error_is_reported_and_the_server_serves_on(tmp_path: Path) -> None:
    engine = served(Slow(tmp_path / "pids", fail_at=0.55))
    try:
        with pytest.raises(EngineCrashed, match=r"RuntimeError: no alignment at 0\.55"):
            engine.realign(Settings().with_threshold(0.55), ignore, never)
        assert engine.realign(Settings().with_threshold(0.65), ignore, never) == realigned(0.65)
    finally:
        engine.stop()


def test_stopping_ends_the_server_and_its_running_re_align(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    engine = served(Slow(pids))
    cancel = threading.Event()
    waiter = threading.Thread(
        target=engine.realign, args=(Settings().with_threshold(0.6), ignore, cancel.is_set)
    )
    waiter.start()
    deadline = time.monotonic() + 20
    while not _written(pids) and time.monotonic() < deadline:
        time.sleep(0.02)
    blocked_pid = int(pids.read_text().split()[1])
    cancel.set()
    waiter.join(5)
    assert not waiter.is_alive()
    engine.stop()
    assert not engine.serving
    deadline = time.monotonic() + 5
    while not gone(blocked_pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert gone(blocked_pid)
    with pytest.raises(EngineCrashed):
        engine.realign(Settings().with_threshold(0.65), ignore, never)


def test_a_story_travels_in_small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handover, "PART_SIZE", 100)
    story = large_story(articles=20, passages=12)
    parts = list(handover.split(story))
    assert len(parts) > 5
    assert all(len(items) <= 100 for path, items in parts if path)
    assembler = handover.Assembler()
    for part in parts:
        assembler.add(part)
    assert assembler.story() == story
    # Against a story that shares its passages (a re-align: another alignment), only what
    # differs is sent; against one that shares its alignment too (a stage), less again.
    other = dataclasses.replace(story, alignment=Alignment())
    for base, sent in (
        (other, {("comparisons",), ("alignment", "pairs")}),
        (story, {("comparisons",)}),
    ):
        parts = list(handover.split(story, base=base))
        assert {path for path, _ in parts if path} == sent
        receiver = handover.Assembler(base=base)
        for part in parts:
            receiver.add(part)
        assert receiver.story() == story
