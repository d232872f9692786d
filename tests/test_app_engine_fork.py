"""The first story is built in a forked child process (``runner``): results, errors,
progress, cancellation, and the reader showing a story built that way."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import newscompare.app.app as app_module
from app_fixtures import troops_story
from conftest import reader_config
from newscompare.app.app import NewsCompareApp
from newscompare.core.annotations.feedback import Applied
from newscompare.core.annotations.records import record_for_pair
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.model.errors import UserError
from newscompare.core.model.settings import Settings
from newscompare.core.model.story import Story
from newscompare.runner import EngineCrashed, can_fork, start_story_build

pytestmark = pytest.mark.skipif(not can_fork(), reason="fork is unsafe or missing here")


def build_troops(sources: Any, settings: Any, progress: Any, **kwargs: Any) -> Story:
    for done in range(1, 4):
        progress("passages", done, 3)
    return troops_story()


def fail_with(exc: BaseException) -> Any:
    def build(*args: Any, **kwargs: Any) -> Story:
        raise exc

    return build


def die(*args: Any, **kwargs: Any) -> Story:
    os._exit(3)


def sleep_long(*args: Any, **kwargs: Any) -> Story:
    time.sleep(30)
    return troops_story()


def never_cancelled() -> bool:
    return False


def exited(pid: int) -> bool:
    """True once the child is gone (reaped: no longer our child)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_child_sends_the_story_and_its_progress(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    drawn = tmp_path / "drawn"  # the last step the parent drew, for the child to wait on

    def build_after_progress_is_drawn(
        sources: Any, settings: Any, progress: Any, **kwargs: Any
    ) -> Story:
        """``build_troops``, holding the story back until the parent drew the last step (the
        parent only draws progress the story has not overtaken yet)."""
        for done in range(1, 4):
            progress("passages", done, 3)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if drawn.exists() and drawn.read_text() == "3":
                break
            time.sleep(0.01)
        return troops_story()

    def draw(*step: Any) -> None:
        seen.append(step)
        drawn.write_text(str(step[1]))

    build = start_story_build([], Settings(), build_after_progress_is_drawn)
    assert build is not None and build.pid != os.getpid()
    story = build.wait(draw, never_cancelled)
    assert story == troops_story()
    assert seen, "no progress arrived"
    assert all(step == ("passages", step[1], 3) for step in seen)
    # Only the newest step of what arrived at once is drawn, so steps only ever go forward.
    assert [step[1] for step in seen] == sorted({step[1] for step in seen})
    assert seen[-1] == ("passages", 3, 3)
    # The child stays to serve re-aligns until the reader stops it.
    assert build.serving and not exited(build.pid)
    build.stop()
    assert exited(build.pid)


@pytest.mark.parametrize(
    ("error", "raised", "message"),
    [
        (UserError("articles: no such file or folder"), UserError, "articles: no such file"),
        (RuntimeError("boom"), EngineCrashed, "RuntimeError: boom"),
    ],
)
def test_engine_errors_keep_their_meaning(
    error: BaseException, raised: type[BaseException], message: str
) -> None:
    build = start_story_build([], Settings(), fail_with(error))
    assert build is not None
    with pytest.raises(raised, match=message):
        build.wait(lambda *p: None, never_cancelled)
    assert exited(build.pid)


def test_a_child_that_dies_is_reported_not_waited_for() -> None:
    build = start_story_build([], Settings(), die)
    assert build is not None
    with pytest.raises(EngineCrashed, match="ended without a result"):
        build.wait(lambda *p: None, never_cancelled)


def test_cancelling_ends_the_child() -> None:
    build = start_story_build([], Settings(), sleep_long)
    assert build is not None
    started = time.monotonic()
    assert build.wait(lambda *p: None, lambda: time.monotonic() - started > 0.2) is None
    assert exited(build.pid)


def test_the_child_builds_the_sources_with_the_settings_given() -> None:
    received: dict[str, Any] = {}

    def echo(sources: Any, settings: Any, progress: Any, **kwargs: Any) -> Story:
        story = troops_story()
        title = f"{sources} {settings.align.threshold}"
        return Story(articles=(replace(story.articles[0], title=title),))

    build = start_story_build(["a.md", "b.md"], Settings().with_threshold(0.75), echo)
    assert build is not None
    story = build.wait(lambda *p: received.setdefault("progress", p), never_cancelled)
    assert story is not None and story.articles[0].title == "['a.md', 'b.md'] 0.75"


def test_no_fork_while_other_threads_run() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork()
        assert start_story_build([], Settings(), build_troops) is None
    finally:
        stop.set()
        other.join()


def test_the_reader_shows_the_story_the_child_built(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``run()`` with the real pipeline forks; the pair view then shows the child's story."""
    monkeypatch.setattr(app_module, "_default_build", build_troops)
    config = reader_config(tmp_path / "annotations.yaml")
    shown: dict[str, Any] = {}

    class Reader(NewsCompareApp):
        def set_story(self, story: Story, prefer: tuple[str, str] | None = None) -> None:
            super().set_story(story, prefer)
            self.call_after_refresh(self.exit)

        def _pipeline_done(
            self, story: Story | None, message: str, applied: Applied | None = None
        ) -> None:
            shown["message"] = message
            super()._pipeline_done(story, message, applied)

        def on_mount(self) -> None:
            forked = self.runs.engine
            shown["pid"] = forked.pid if forked is not None else None
            super().on_mount()

    app = Reader(["articles"], config)
    app.run(headless=True, size=(120, 36))
    assert shown["message"] == ""
    assert shown["pid"] not in (None, os.getpid())
    assert exited(shown["pid"])
    assert app.story is not None
    assert [a.id for a in app.story.articles] == ["planet", "bugle", "gazette"]


def test_showing_a_story_does_not_load_the_divergence_engine(tmp_path: Path) -> None:
    """The reader applies saved annotations to every story it shows; with nothing to re-compare
    that must not import the divergence engine or rapidfuzz into the UI process (they cost a
    quarter of a second there at start, while the child process has built the story already).

    A fresh process takes the reader's own path for a story that arrived (``prepare`` in the
    worker, then ``apply``) with a saved note on it; the story is hand-built, so nothing but
    showing it could load them."""
    path = tmp_path / "annotations.yaml"
    story = troops_story()
    articles = {a.id: a for a in story.articles}
    passages = {p.id: p for p in story.passages}
    record = record_for_pair("note", articles, passages, "planet:1", "bugle:1", "", "a note")
    AnnotationStore.open(path).add(record)
    code = f"""
import sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from app_fixtures import troops_story
from newscompare.app.app import NewsCompareApp
from newscompare.config import Config
from newscompare.core.model.settings import AnnotationSettings, Settings

app = NewsCompareApp(
    config=Config(settings=Settings(annotations=AnnotationSettings(path={str(path)!r})))
)
story = troops_story()
shown = app.annotations.apply(story, app.annotations.prepare(story))
assert shown == story, "a note changes no pair"
session = app.annotations.session
assert session is not None and len(session.anchored) == 1 and not session.orphans
assert app.annotations.tags(story.alignment.pairs[0]) == ["note: a note"], app.annotations.tags(
    story.alignment.pairs[0]
)
loaded = [m for m in ("newscompare.core.diverge.compare", "rapidfuzz") if m in sys.modules]
assert not loaded, loaded
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
