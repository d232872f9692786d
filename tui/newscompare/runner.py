"""Build the first story in a forked child process, so the engine runs on another core.

Why: on start the UI thread imports Textual, parses the stylesheet and paints, while the engine
imports numpy/rapidfuzz and loads, segments, aligns and compares. Both are mostly pure Python,
so in two threads of one process the GIL runs them one after the other; in a child process they
run side by side, and the first pair is on screen about as soon as the slower of the two ends.

The child is forked (not spawned) so it starts at once with every module the parent has already
imported. Forking is only safe while the process has a single thread, so ``start`` refuses (and
the caller builds in a thread worker as before) when other threads exist or ``fork`` is missing.
The child sends length-prefixed pickles through a pipe: progress ``(stage, done, total)`` and at
the end the story or an error. Pickle is safe here: both ends are this program, nothing else
writes to the pipe.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import struct
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from newscompare.core.model.errors import UserError
from newscompare.core.model.story import Story

if TYPE_CHECKING:
    from newscompare.config import Config

Progress = Callable[[str, int, int], None]
_HEADER = struct.Struct("!Q")
#: How often the waiting thread looks whether it was cancelled (seconds).
_POLL = 0.05
#: The child's scheduling priority below the reader's.
_NICENESS = 5


def build_story(*args: Any, **kwargs: Any) -> Story:
    """The engine's ``build_story``, imported where it runs (the child, or a worker thread)."""
    from newscompare.core.pipeline import build_story as build

    return build(*args, **kwargs)


def build_args(sources: Sequence[str], config: Config, threshold: float) -> tuple[Any, ...]:
    """``build_story``'s arguments (before ``progress``) for ``sources`` at ``threshold``."""
    align = replace(config.align, threshold=threshold)
    return (
        list(sources),
        config.loading,
        config.passages,
        align,
        config.diverge,
        config.overrides(),
    )


def start_story_build(sources: Sequence[str], config: Config) -> ForkedBuild | None:
    """The console script's first step: the story starts building in a child process before
    the reader is even imported (None where forking is unsafe; the reader then builds it)."""
    return ForkedBuild.start(build_story, *build_args(sources, config, config.align.threshold))


class EngineCrashed(RuntimeError):
    """The engine failed in the child (message ``"Type: message"``), or the child ended
    without sending a result."""


def can_fork() -> bool:
    """Fork only where it exists and only while this process has one thread."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


class ForkedBuild:
    """A ``build_story`` running in a child process; ``wait`` collects its story."""

    def __init__(self, pid: int, read_fd: int) -> None:
        self.pid = pid
        self._read_fd = read_fd
        self._buffer = b""
        self._ended = False

    @classmethod
    def start(cls, build: Callable[..., Story], *args: Any, **kwargs: Any) -> ForkedBuild | None:
        """Fork a child running ``build(*args, progress=..., **kwargs)``; None if unsafe."""
        if not can_fork():
            return None
        read_fd, write_fd = os.pipe()
        # Objects alive now are left out of garbage collection until the child is done: a
        # collection writes to every object it visits, and each write to memory the two
        # processes still share makes the kernel copy that page (in both of them).
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read_fd)
            _child(write_fd, build, args, kwargs)
        os.close(write_fd)
        return cls(pid, read_fd)

    def wait(self, progress: Progress, cancelled: Callable[[], bool]) -> Story | None:
        """The story (None when cancelled first); raises what the engine raised.

        ``UserError`` and ``NotImplementedError`` keep their meaning; anything else arrives as
        ``EngineCrashed`` with the child's ``"Type: message"``.
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
                    elif kind == "not-implemented":
                        raise NotImplementedError(payload)
                    else:
                        raise EngineCrashed(payload)
                # Only the newest progress: the UI thread need not draw stages already over.
                if latest is not None:
                    progress(*latest)
            return None
        finally:
            self.stop()

    def _messages(self) -> list[tuple[str, Any]]:
        """Every whole message that has arrived (waiting at most ``_POLL`` seconds for one)."""
        ready, _, _ = select.select([self._read_fd], [], [], _POLL)
        ended = False
        while ready and not ended:
            chunk = os.read(self._read_fd, 1 << 20)
            ended = not chunk
            self._buffer += chunk
            ready, _, _ = select.select([self._read_fd], [], [], 0)
        out = []
        while (frame := self._frame()) is not None:
            out.append(frame)
        if ended and not any(kind != "progress" for kind, _ in out):
            raise EngineCrashed("the engine process ended without a result")
        return out

    def _frame(self) -> tuple[str, Any] | None:
        if len(self._buffer) < _HEADER.size:
            return None
        (size,) = _HEADER.unpack_from(self._buffer)
        end = _HEADER.size + size
        if len(self._buffer) < end:
            return None
        data, self._buffer = self._buffer[_HEADER.size : end], self._buffer[end:]
        message: tuple[str, Any] = pickle.loads(data)
        return message

    def stop(self) -> None:
        """End the child (if still running) and reap it; safe to call twice."""
        if self._ended:
            return
        self._ended = True
        gc.unfreeze()
        os.close(self._read_fd)
        try:
            if os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass


def _child(
    write_fd: int, build: Callable[..., Story], args: Sequence[Any], kwargs: dict[str, Any]
) -> None:
    """Run the build, send progress and the result, and leave without running the parent's
    exit handlers (they belong to the parent's terminal and app)."""
    code = 0
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # never draw on the reader's terminal
            os.dup2(devnull, fd)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        # Where no core is free, the UI thread goes first: it keeps the reader responsive.
        os.nice(_NICENESS)

        def send(kind: str, payload: Any) -> None:
            data = pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)
            os.write(write_fd, _HEADER.pack(len(data)))
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]

        def progress(stage: str, done: int, total: int) -> None:
            send("progress", (stage, done, total))

        try:
            send("story", build(*args, progress=progress, **kwargs))
        except UserError as exc:
            send("user-error", str(exc))
        except NotImplementedError as exc:
            send("not-implemented", str(exc))
        except Exception as exc:
            send("error", f"{type(exc).__name__}: {exc}")
    except BaseException:
        code = 1
    finally:
        os._exit(code)
