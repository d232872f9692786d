"""Build the reader's stories in forked child processes, so the engine runs on another core.

Why: on start the UI thread imports Textual, parses the stylesheet and paints, while the engine
imports numpy/rapidfuzz and loads, segments, aligns and compares. Both are mostly pure Python,
so in two threads of one process the GIL runs them one after the other; in a child process they
run side by side, and the first pair is on screen about as soon as the slower of the two ends.

The child is a ``multiprocessing`` process of the *fork* context (it starts at once with every
module the parent has already imported). Forking is only safe while the process has a single
thread, so ``start_story_build`` returns None (and the reader builds in a thread worker) when
other threads exist or ``fork`` is missing.

After the first story the child stays alive as the reader's **engine server**: it keeps its own
copy of the story and answers "re-align at these settings" requests. Why a server and not a
thread of the reader: a re-align of 800 articles is seconds of pure Python, which in the
reader's process holds the GIL away from the UI thread (the screen froze), and alignment is one
long call that cannot stop half-way, so a re-align made stale by the next ``+`` kept computing.
The server is single-threaded, so it may fork: each request runs in a grandchild forked from
it (the story is shared copy-on-write, nothing is sent), and a newer request *kills* the
running grandchild at once (``SIGKILL``) instead of waiting for it to notice. Stale results can
still be in the pipe: every message carries its request's number in a 4-byte header, so the
reader drops those without decoding them. A story travels as small parts (``handover``), so
decoding it never holds the UI's lock for long; a re-align's articles and passages are not sent
at all (the reader has them).

The first story comes in **stages** (issue 14.3) when the child has ``Stages`` (the real
engine's ``ENGINE_STAGES``): the articles and passages of the story it will show as soon as
they are loaded (seconds before the alignment of 800 articles is), then the same with the
alignment as soon as it is known (before the divergences), then the complete story; each
re-sends only what the one before did not hold. The reader shows the first two articles side by
side while the engine aligns, then their pairs; the complete story is the one a single build
gives (``build_story(..., reuse=loaded)`` is that build).

Messages to the reader: ``seq`` (4 bytes) + pickle of ``(kind, payload)``, kinds ``progress``
``(stage, done, total)``, ``part`` (a ``handover.Part``), ``loaded`` and ``aligned`` (the
parts so far are a stage's story), ``end``, ``user-error`` and ``error`` (a message),
``closed`` (the grandchild ended; an error if no ``end`` came first). Requests to the server:
``("realign", seq, settings)``; the pipe closing ends it (and its grandchild).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any, NoReturn, Protocol

from newscompare.core.model.errors import UserError
from newscompare.core.model.settings import Settings
from newscompare.core.model.story import Alignment, Progress, Story, no_progress
from newscompare.handover import Assembler, split
from newscompare.stages import ENGINE_STAGES, Stages

#: How often a waiting thread looks whether it was cancelled (seconds).
_POLL = 0.05
#: The child's scheduling priority below the reader's.
_NICENESS = 5
#: The first story's request number; re-aligns count up from it.
_FIRST = 0


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
    sources: Sequence[str],
    settings: Settings,
    build: BuildStory = build_story,
    stages: Stages | None = None,
) -> ForkedBuild | None:
    """The console script's first step: the story starts building in a child process before
    the reader is even imported (None where forking is unsafe; the reader then builds it).
    ``build``: what the child runs to re-align (tests give a stand-in); ``stages``: how it
    builds the first story, each stage sent ahead (default: ``ENGINE_STAGES`` with the real
    engine; with a stand-in and none, the first story is ``build``'s, in one go)."""
    if not can_fork():
        return None
    if stages is None and build is build_story:
        stages = ENGINE_STAGES
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe(duplex=True)
    # Objects alive now are left out of garbage collection until the child is done: a
    # collection writes to every object it visits, and each write to memory the two
    # processes still share makes the kernel copy that page (in both of them).
    gc.freeze()
    process = context.Process(
        target=_child, args=(theirs, ours, build, stages, list(sources), settings), daemon=True
    )
    process.start()
    theirs.close()
    return ForkedBuild(process, ours)


@contextlib.contextmanager
def _no_collections() -> Iterator[None]:
    """No garbage collection while a story arrives, and what arrived frozen out of it after.

    Why: decoding creates hundreds of thousands of objects, each batch of which triggered a
    collection, and the oldest generation's collections walk the whole heap (0.6 s each at
    800 articles, while the UI thread waits for the lock). Postponing is not enough: the first
    collection after would walk everything decoded (0.27 s), so it is frozen first (what the
    reader keeps is the story; see ``app.runs`` for why freezing it is safe)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


#: Kinds after which more messages of the same request follow.
_MORE = frozenset({"progress", "part", "loaded", "aligned"})


def _pack(seq: int, kind: str, payload: Any) -> bytes:
    return seq.to_bytes(4, "big") + pickle.dumps((kind, payload), pickle.HIGHEST_PROTOCOL)


class ForkedBuild:
    """The engine child: ``wait`` collects the first story, ``realign`` asks for another.

    Thread-safe for the reader's workers: a new ``realign`` may be called while an older one
    (cancelled) still waits; the older one returns None and the newer one reads on.
    """

    def __init__(self, process: multiprocessing.process.BaseProcess, conn: Connection) -> None:
        self.process = process
        self._conn = conn
        self._ended = False
        self._gone = False  # the pipe closed: the child is no more
        self._seq = _FIRST
        self._base: Story | None = None  # the first story, which re-aligns share passages with
        self._reading = threading.Lock()
        #: A newer request's messages that an older reader received (it left them here).
        self._stash: list[bytes] = []
        self._sending = threading.Lock()

    @property
    def pid(self) -> int | None:
        return self.process.pid

    @property
    def serving(self) -> bool:
        """The child holds a story and answers re-align requests."""
        return self._base is not None and not self._ended and not self._gone

    def wait(
        self,
        progress: Progress,
        cancelled: Callable[[], bool],
        loaded: Callable[[Story], None] | None = None,
    ) -> Story | None:
        """The first story (None when cancelled first); raises what the engine raised.

        ``loaded``: called (in this thread) with each stage's story the child sends ahead:
        the articles and passages not aligned yet, then with their alignment. ``UserError``
        keeps its meaning; anything else arrives as ``EngineCrashed`` with the child's
        ``"Type: message"``. The child keeps running (to re-align) after a story, and is ended
        otherwise.
        """
        story: Story | None = None
        try:
            story = self._collect(_FIRST, progress, cancelled, None, loaded)
        finally:
            if story is None:
                self.stop()
        self._base = story
        return story

    def realign(
        self, settings: Settings, progress: Progress, cancelled: Callable[[], bool]
    ) -> Story | None:
        """The first story aligned again with ``settings`` (None when cancelled first: a
        newer request or the caller). Raises ``EngineCrashed`` when the child is gone."""
        if not self.serving:
            raise EngineCrashed("the engine process is not running")
        with self._sending:
            self._seq += 1
            seq = self._seq
            try:
                self._conn.send(("realign", seq, settings))
            except OSError:
                self._gone = True
                raise EngineCrashed("the engine process ended") from None
        return self._collect(seq, progress, lambda: cancelled() or self._seq != seq, self._base)

    def _collect(
        self,
        seq: int,
        progress: Progress,
        cancelled: Callable[[], bool],
        base: Story | None,
        loaded: Callable[[Story], None] | None = None,
    ) -> Story | None:
        """Read until request ``seq``'s story is complete; messages of other requests are
        dropped undecoded. A first stage (``loaded``) becomes the base of the rest."""
        with self._reading, _no_collections():
            parts = Assembler(base)
            while not cancelled():
                latest: tuple[str, int, int] | None = None
                for kind, payload in self._messages(seq):
                    if kind == "progress":
                        latest = payload
                    elif kind == "part":
                        parts.add(payload)
                    elif kind == "loaded" or kind == "aligned":
                        first = parts.story()
                        parts = Assembler(first)
                        if loaded is not None:
                            loaded(first)
                    elif kind == "end":
                        return parts.story()
                    elif kind == "user-error":
                        raise UserError(payload)
                    elif kind == "closed":
                        raise EngineCrashed("the engine process ended without a result")
                    else:
                        raise EngineCrashed(payload)
                # Only the newest progress: the UI thread need not draw stages already over.
                if latest is not None:
                    progress(*latest)
            return None

    def _messages(self, seq: int) -> list[tuple[str, Any]]:
        """Request ``seq``'s messages that have arrived (waiting at most ``_POLL`` seconds for
        one); each is decoded on its own, so the UI thread can run between any two."""
        out: list[tuple[str, Any]] = []
        try:
            ready = bool(self._stash) or (not self._gone and self._conn.poll(_POLL))
            while ready:
                data = self._stash.pop(0) if self._stash else self._conn.recv_bytes()
                sent_for = int.from_bytes(data[:4], "big")
                if sent_for > seq:  # a newer request's: this reader is stale, leave it
                    self._stash.insert(0, data)
                    break
                if sent_for == seq:
                    message: tuple[str, Any] = pickle.loads(data[4:])
                    out.append(message)
                    if message[0] not in _MORE:
                        break
                ready = bool(self._stash) or self._conn.poll(0)
        except (EOFError, OSError):
            self._gone = True
            if not any(kind not in _MORE for kind, _ in out):
                raise EngineCrashed("the engine process ended without a result") from None
        if self._gone and not out:
            raise EngineCrashed("the engine process ended without a result")
        return out

    def stop(self) -> None:
        """End the child (if still running) and reap it; safe to call twice."""
        if self._ended:
            return
        self._ended = True
        gc.unfreeze()
        self._conn.close()
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()


def _send_story(conn: Connection, seq: int, story: Story, base: Story | None, kind: str) -> None:
    """``story`` in parts (what ``base`` holds left out), then ``kind``."""
    for part in split(story, base):
        conn.send_bytes(_pack(seq, "part", part))
    conn.send_bytes(_pack(seq, kind, None))


def _send_build(
    conn: Connection,
    seq: int,
    run: Callable[[Progress], Story],
    base: Callable[[], Story | None],
) -> Story | None:
    """Run one build, sending its progress, its story in parts, or its error; the story.
    ``base``: what the reader holds once ``run`` is done (its fields are not sent again)."""

    def progress(stage: str, done: int, total: int) -> None:
        conn.send_bytes(_pack(seq, "progress", (stage, done, total)))

    try:
        story = run(progress)
    except UserError as exc:
        conn.send_bytes(_pack(seq, "user-error", str(exc)))
        return None
    except Exception as exc:
        conn.send_bytes(_pack(seq, "error", f"{type(exc).__name__}: {exc}"))
        return None
    _send_story(conn, seq, story, base(), "end")
    return story


def _first_build(
    conn: Connection,
    build: BuildStory,
    stages: Stages | None,
    sources: list[str],
    settings: Settings,
) -> Story | None:
    """The first story: in stages, each stage's story sent as soon as it is known (the next
    re-sends nothing the last one held), or without stages ``build``'s in one go."""
    if stages is None:
        return _send_build(
            conn, _FIRST, lambda progress: build(sources, settings, progress), lambda: None
        )
    held: list[Story] = []  # the stages sent: the reader holds the last one

    def run(progress: Progress) -> Story:
        first = stages.load(sources, settings, progress)
        _send_story(conn, _FIRST, first, None, "loaded")
        held.append(first)

        def aligned(alignment: Alignment) -> None:
            story = dataclasses.replace(first, alignment=alignment)
            _send_story(conn, _FIRST, story, first, "aligned")
            held.append(story)

        return stages.build(sources, settings, progress, first, aligned)

    return _send_build(conn, _FIRST, run, lambda: held[-1] if held else None)


def _quit(signum: int, frame: object) -> NoReturn:
    raise SystemExit(0)


def _child(
    conn: Connection,
    parents: Connection,
    build: BuildStory,
    stages: Stages | None,
    sources: list[str],
    settings: Settings,
) -> None:
    """Build the first story, then serve re-aligns; never draw on the reader's terminal."""
    parents.close()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    # SIGTERM (the reader quitting) ends the server through ``finally``, killing its grandchild.
    signal.signal(signal.SIGTERM, _quit)
    # Where no core is free, the UI thread goes first: it keeps the reader responsive.
    os.nice(_NICENESS)
    try:
        story = _first_build(conn, build, stages, sources, settings)
        if story is not None:
            _serve(conn, build, sources, story)
    except (OSError, EOFError):
        pass  # the reader went away
    finally:
        conn.close()


class _Running:
    """A re-align running in a grandchild: its request number, pid and result pipe."""

    def __init__(self, seq: int, pid: int, results: Connection) -> None:
        self.seq, self.pid, self.results = seq, pid, results

    def end(self) -> None:
        """Kill (if still running) and reap the grandchild."""
        self.results.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def _serve(conn: Connection, build: BuildStory, sources: list[str], story: Story) -> None:
    """Answer re-align requests until the reader closes the pipe; a new request kills the
    running one, whose messages the reader then drops."""
    gc.freeze()  # the story is shared with every grandchild: leave its pages untouched
    running: _Running | None = None
    try:
        while True:
            waiting: list[Any] = [conn] if running is None else [conn, running.results]
            ready = multiprocessing.connection.wait(waiting)
            if conn in ready:
                try:
                    request = conn.recv()
                except EOFError:
                    return
                if running is not None:
                    running.end()
                    running = None
                _, seq, settings = request
                running = _start_realign(conn, build, sources, story, seq, settings)
            elif running is not None and running.results in ready:
                try:
                    conn.send_bytes(running.results.recv_bytes())
                except EOFError:
                    conn.send_bytes(_pack(running.seq, "closed", None))
                    running.end()
                    running = None
    finally:
        if running is not None:
            running.end()


def _start_realign(
    conn: Connection,
    build: BuildStory,
    sources: list[str],
    story: Story,
    seq: int,
    settings: Settings,
) -> _Running:
    """Fork a grandchild that re-aligns ``story`` with ``settings`` and sends the result."""
    results, sender = multiprocessing.Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the grandchild: nothing of the server's loop runs here
        code = 0
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            conn.close()
            results.close()
            _send_build(
                sender,
                seq,
                lambda progress: build(sources, settings, progress, reuse=story),
                lambda: story,
            )
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    sender.close()
    return _Running(seq, pid, results)
