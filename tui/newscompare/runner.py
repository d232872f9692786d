"""Build the reader's first story in a forked child process, so the engine runs on another core.

Why: on start the UI thread imports Textual, parses the stylesheet and paints, while the engine
imports numpy/rapidfuzz and loads, segments, aligns and compares. Both are mostly pure Python,
so in two threads of one process the GIL runs them one after the other; in a child process they
run side by side, and the first pair is on screen about as soon as the slower of the two ends.

The child is a ``multiprocessing`` process of the *fork* context (it starts at once with every
module the parent has already imported) that sends progress ``(stage, done, total)`` and at the
end the story or an error through a ``Pipe``. Forking is only safe while the process has a
single thread, so ``start_story_build`` returns None (and the reader builds in a thread worker)
when other threads exist or ``fork`` is missing.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, Protocol

from newscompare.core.model.errors import UserError
from newscompare.core.model.settings import Settings
from newscompare.core.model.story import Progress, Story, no_progress

#: How often the waiting thread looks whether it was cancelled (seconds).
_POLL = 0.05
#: The child's scheduling priority below the reader's.
_NICENESS = 5


class BuildStory(Protocol):
    """``pipeline.build_story``'s signature: how the reader builds and re-aligns a story."""

    def __call__(
        self,
        sources: Sequence[str],
        settings: Settings,
        progress: Progress = ...,
        *,
        reuse: Story | None = None,
    ) -> Story: ...


def build_story(
    sources: Sequence[str],
    settings: Settings,
    progress: Progress = no_progress,
    *,
    reuse: Story | None = None,
) -> Story:
    """``pipeline.build_story``, imported where it runs (the child, or a worker thread), so the
    reader's process does not import the engine before it paints."""
    from newscompare.core.pipeline import build_story as build

    return build(sources, settings, progress, reuse=reuse)


class EngineCrashed(RuntimeError):
    """The engine failed in the child (message ``"Type: message"``), or the child ended
    without sending a result."""


def can_fork() -> bool:
    """Fork only where it exists and only while this process has one thread."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def start_story_build(
    sources: Sequence[str], settings: Settings, build: BuildStory = build_story
) -> ForkedBuild | None:
    """The console script's first step: the story starts building in a child process before
    the reader is even imported (None where forking is unsafe; the reader then builds it).
    ``build``: what the child runs (tests give a stand-in)."""
    if not can_fork():
        return None
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    # Objects alive now are left out of garbage collection until the child is done: a
    # collection writes to every object it visits, and each write to memory the two
    # processes still share makes the kernel copy that page (in both of them).
    gc.freeze()
    process = multiprocessing.get_context("fork").Process(
        target=_child, args=(sender, build, list(sources), settings), daemon=True
    )
    process.start()
    sender.close()
    return ForkedBuild(process, receiver)


class ForkedBuild:
    """A ``build_story`` running in a child process; ``wait`` collects its story."""

    def __init__(self, process: multiprocessing.process.BaseProcess, receiver: Connection) -> None:
        self.process = process
        self._receiver = receiver
        self._ended = False

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def wait(self, progress: Progress, cancelled: Callable[[], bool]) -> Story | None:
        """The story (None when cancelled first); raises what the engine raised.

        ``UserError`` keeps its meaning; anything else arrives as ``EngineCrashed`` with the
        child's ``"Type: message"``.
        """
        try:
            while not cancelled():
                latest: tuple[str, int, int] | None = None
                for kind, payload in self._messages():
                    if kind == "progress":
                        latest = payload
                    elif kind == "story":
                        story: Story = payload
                        return story
                    elif kind == "user-error":
                        raise UserError(payload)
                    else:
                        raise EngineCrashed(payload)
                # Only the newest progress: the UI thread need not draw stages already over.
                if latest is not None:
                    progress(*latest)
            return None
        finally:
            self.stop()

    def _messages(self) -> list[tuple[str, Any]]:
        """Every message that has arrived (waiting at most ``_POLL`` seconds for one)."""
        out: list[tuple[str, Any]] = []
        try:
            ready = self._receiver.poll(_POLL)
            while ready:
                out.append(self._receiver.recv())
                ready = self._receiver.poll(0)
        except EOFError:
            if not any(kind != "progress" for kind, _ in out):
                raise EngineCrashed("the engine process ended without a result") from None
        return out

    def stop(self) -> None:
        """End the child (if still running) and reap it; safe to call twice."""
        if self._ended:
            return
        self._ended = True
        gc.unfreeze()
        self._receiver.close()
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()


def _child(sender: Connection, build: BuildStory, sources: list[str], settings: Settings) -> None:
    """Run the build and send progress and the result; never draw on the reader's terminal."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Where no core is free, the UI thread goes first: it keeps the reader responsive.
    os.nice(_NICENESS)

    def progress(stage: str, done: int, total: int) -> None:
        sender.send(("progress", (stage, done, total)))

    try:
        sender.send(("story", build(sources, settings, progress)))
    except UserError as exc:
        sender.send(("user-error", str(exc)))
    except Exception as exc:
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()
