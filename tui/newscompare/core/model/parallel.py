"""Both cores for work that splits into independent items (stories of a collection, pairs).

Why: alignment, fact rules and divergences are pure Python, so threads would run them one
after the other under the GIL. A forked child shares everything loaded so far copy-on-write and
needs nothing sent to it; only its results travel back (pickled through a pipe). The caller's
process does a share of the items itself meanwhile, so two workers cost one fork.

The result is the list ``[fn(x) for x in items]``, in the items' order, whatever the number of
workers: each item's result depends on that item alone (the engine's memo tables only ever
avoid recomputing a pure function), so merging the shares in index order gives exactly what one
core gives. Work is split before it starts (longest first onto the least loaded worker, by the
caller's cost estimate), so the split itself is deterministic too.

One core is used when ``NEWSCOMPARE_WORKERS=1``, when ``os.fork`` is missing (or unsafe:
macOS, or other threads running, as in the reader's process), inside a child (no nesting),
or when there are too few items to be worth a fork. A child that fails for any reason
has its share computed again here, so a failure costs time, never a different result.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: ``prctl`` option: the signal a child gets when its parent ends (linux/prctl.h).
_PR_SET_PDEATHSIG = 1
#: Set in a forked child: its own maps run on one core.
_in_child = False
#: Set while this process computes its own share: maps nested in it run on one core too.
_busy = False


def in_child() -> bool:
    """Whether this process is a child of ``parallel_map`` (it must not report progress: the
    caller's channel belongs to the parent)."""
    return _in_child


def worker_count() -> int:
    """Workers to use: ``NEWSCOMPARE_WORKERS`` if set (at least 1), else the processors this
    process may run on."""
    value = os.environ.get("NEWSCOMPARE_WORKERS", "").strip()
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Forking is only safe where it exists and while this process runs a single thread."""
    return (
        hasattr(os, "fork")
        and sys.platform != "darwin"
        and not _in_child
        and not _busy
        and threading.active_count() == 1
    )


def split_shares(costs: Sequence[float], workers: int) -> list[list[int]]:
    """Item indices per worker: the costliest first, each onto the least loaded worker (ties
    to the lowest worker), every share then in index order. Deterministic."""
    shares: list[list[int]] = [[] for _ in range(workers)]
    load = [0.0] * workers
    for i in sorted(range(len(costs)), key=lambda k: (-costs[k], k)):
        w = min(range(workers), key=lambda k: (load[k], k))
        shares[w].append(i)
        load[w] += costs[i]
    return [sorted(s) for s in shares]


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _die_with_parent(parent: int) -> None:
    """Linux: have the kernel kill this child when the process that forked it ends. Why: the
    reader's engine server kills a stale re-align with SIGKILL, and that re-align's own
    children must not compute on for nobody."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: the child ends when its share is done
        return
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


def _run_child(
    fn: Callable[[T], R], items: Sequence[T], share: list[int], fd: int, parent: int
) -> None:
    """In the child: compute the share, send ``(True, results)`` (or ``(False, reason)``)."""
    global _in_child
    _in_child = True
    status = 1
    try:
        _die_with_parent(parent)
        try:
            payload = pickle.dumps((True, [fn(items[i]) for i in share]), pickle.HIGHEST_PROTOCOL)
            status = 0
        except BaseException as error:  # anything: the parent recomputes this share
            payload = pickle.dumps((False, repr(error)), pickle.HIGHEST_PROTOCOL)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os._exit(status)  # never run the parent's cleanup (atexit, buffered output) here


def parallel_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    cost: Callable[[T], float] | None = None,
    workers: int | None = None,
    min_items: int = 2,
) -> list[R]:
    """``[fn(x) for x in items]``, on several cores when it pays (see the module docstring).

    ``cost``: a relative estimate of each item's work, for a balanced split (default 1 each).
    ``min_items``: fewer items than this run here, as one fork costs more than they do.
    """
    global _busy
    count = worker_count() if workers is None else max(1, workers)
    count = min(count, len(items))
    if count < 2 or len(items) < min_items or not can_fork():
        return [fn(x) for x in items]
    costs = [cost(x) for x in items] if cost is not None else [1.0] * len(items)
    shares = split_shares(costs, count)
    # Objects alive now are left out of collections while children run: a collection writes
    # to every object it visits, and each such write makes the kernel copy a shared page.
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    children: list[tuple[int, int, list[int]]] = []
    try:
        for share in shares[1:]:
            read_fd, write_fd = os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            parent = os.getpid()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child's coverage is not collected
                os.close(read_fd)
                _run_child(fn, items, share, write_fd, parent)
            os.close(write_fd)
            children.append((pid, read_fd, share))
        results: list[R | None] = [None] * len(items)
        _busy = True
        for i in shares[0]:
            results[i] = fn(items[i])
        while children:
            pid, read_fd, share = children.pop(0)
            data = _read_all(read_fd)
            os.close(read_fd)
            os.waitpid(pid, 0)
            ok, values = pickle.loads(data) if data else (False, "no result")
            if not ok:
                values = [fn(items[i]) for i in share]  # the child failed: compute it here
            for i, value in zip(share, values, strict=True):
                results[i] = value
    finally:
        for pid, read_fd, _ in children:  # only after an error here: stop what still runs
            with contextlib.suppress(OSError):
                os.kill(pid, 9)
                os.waitpid(pid, 0)
            with contextlib.suppress(OSError):
                os.close(read_fd)
        _busy = False
        if not frozen_before:  # a caller's own freeze (the reader's engine child) stays
            gc.unfreeze()
    return results  # type: ignore[return-value]  # every index was filled above
