"""Memo tables that live for one story build, unbounded, instead of process-wide LRU caches.

Why: the engine asks the same questions of a passage text many times (its words, its facts,
its credits: once per pair it is in), so those functions are memoised. Bounded LRU caches
sized for one story size thrash on a bigger one (at 800 articles an 8,192-entry cache missed
15,000 times for 11,000 texts; at 3,200 most lookups missed), while a process-wide cache of a
story read long ago only holds memory. A table per function that keeps everything *for one
story* and is emptied when the next story starts (``new_story``, called by the pipeline) has
neither problem: every text is worked out once per build, and memory is bounded by the story.

The memoised functions are pure (their result depends on their arguments alone), so a table
only ever saves work: results are identical with or without it, emptied or not.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

R = TypeVar("R")

#: Every memo made by ``story_memo``, emptied together by ``new_story``.
_MEMOS: list[functools._lru_cache_wrapper[Any]] = []
#: Per memo: results worked out elsewhere (another process), handed to it by ``seed``.
_PRESETS: dict[functools._lru_cache_wrapper[Any], dict[tuple[Any, ...], Any]] = {}
_MISSING = object()


def story_memo(fn: Callable[..., R]) -> functools._lru_cache_wrapper[R]:
    """Decorator: memoise ``fn`` (a pure function of hashable arguments) for one story.

    The table is ``functools.lru_cache`` without a bound: its lookups run in C, a Python
    wrapper cost more per call (5% of a whole run at 800 articles) than the misses it saved.
    Only a miss runs Python: it takes a result ``seed`` handed in before computing one.
    """
    preset: dict[tuple[Any, ...], Any] = {}

    @functools.wraps(fn)
    def compute(*args: Any, **kwargs: Any) -> R:
        if preset and not kwargs:
            value = preset.pop(args, _MISSING)
            if value is not _MISSING:
                return value  # type: ignore[no-any-return]  # fn's own result for args
        return fn(*args, **kwargs)

    memo = functools.lru_cache(maxsize=None)(compute)
    _MEMOS.append(memo)
    _PRESETS[memo] = preset
    return memo


def seed(
    memo: functools._lru_cache_wrapper[R], entries: Iterable[tuple[tuple[Any, ...], R]]
) -> None:
    """Put results of ``memo``'s function into its table: ``(args, result)`` pairs computed
    in another process (``parallel``), so this one does not compute them again. The results
    must be the function's own for those arguments (it is pure): a table only saves work."""
    preset = _PRESETS[memo]
    try:
        for args, value in entries:
            preset[args] = value
            memo(*args)  # a miss takes the preset value; a hit leaves the table as it was
            preset.pop(args, None)
    finally:
        preset.clear()


def new_story() -> None:
    """Empty every table: a new story starts (what the last one asked is not asked again)."""
    for memo in _MEMOS:
        memo.cache_clear()
