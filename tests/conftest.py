"""Shared fixtures for the reader's tests (app construction and worker waiting only).

Textual and the app are imported inside the helpers, so test modules that never touch the
reader do not load them (and are not broken by a bug in it).
"""

from __future__ import annotations

import io
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

sys.path.insert(0, str(Path(__file__).parent))

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from newscompare.app.app import NewsCompareApp, Pipeline
    from newscompare.config import Config
    from newscompare.core.model.story import Story

#: One scratch folder per test session, removed at exit (each config gets its own subfolder).
_SCRATCH = tempfile.TemporaryDirectory(prefix="newscompare-test-")

#: A fixed threshold so app tests do not move when the engine's default changes.
TEST_THRESHOLD = 0.5


def reader_config(annotations_file: Path | None = None, **keys: str) -> Config:
    """The reader's config for tests; annotations go to ``annotations_file`` (default: a fresh
    temporary folder), never into the repository or the current folder."""
    from newscompare.config import Config
    from newscompare.core.model.settings import AlignSettings, AnnotationSettings, Settings

    if annotations_file is None:
        annotations_file = Path(tempfile.mkdtemp(dir=_SCRATCH.name)) / "annotations.yaml"
    settings = Settings(
        align=AlignSettings(threshold=TEST_THRESHOLD),
        annotations=AnnotationSettings(path=str(annotations_file)),
    )
    return Config(settings=settings, keys=dict(keys))


@pytest.fixture(autouse=True)
def _private_reader_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's state file (the remembered theme) goes to a fresh folder per test, never
    into the user's ``~/.local/state``; console scripts started by tests inherit it."""
    monkeypatch.setenv("XDG_STATE_HOME", tempfile.mkdtemp(dir=_SCRATCH.name))


@pytest.fixture
def reader(tmp_path: Path) -> Callable[..., NewsCompareApp]:
    """Build the reader on a hand-made story (default: the three-outlet troops story); its
    annotations file is ``tmp_path / "annotations.yaml"`` unless ``annotations_file`` says."""
    from app_fixtures import troops_story
    from newscompare.app.app import make_app

    def build(
        story: Story | None = None,
        keys: dict[str, str] | None = None,
        pipeline: Pipeline | None = None,
        sources: tuple[str, ...] = (),
        annotations_file: Path | None = None,
    ) -> NewsCompareApp:
        if story is None and pipeline is None:
            story = troops_story()
        config = reader_config(annotations_file or tmp_path / "annotations.yaml", **(keys or {}))
        return make_app(story, sources, config, pipeline)

    return build


async def wait_for_workers(pilot: Pilot[int]) -> None:
    """Let a debounced re-align start, every running worker finish and the screen catch up
    with its result."""
    runs = getattr(pilot.app, "runs", None)
    while runs is not None and runs.pending:
        await pilot.pause(0.05)
    await pilot.app.workers.wait_for_complete()
    # A worker's result arrives through call_from_thread; let the message loop apply it.
    await pilot.pause()
    await pilot.pause()


def screen_text(app: NewsCompareApp) -> str:
    """The screen as plain text, the way a terminal would show it (colours dropped).

    Uses the compositor (private in Textual, which is pinned) because that is exactly what the
    driver writes to the terminal.
    """
    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, color_system=None
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()
