"""The parallel map gives exactly what one core gives (order, values), and falls back to one
core when forking is not wanted or fails; a story built on two cores equals one built on one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscompare.core.model import parallel
from newscompare.core.model.parallel import in_child, parallel_map, split_shares
from newscompare.core.model.settings import Settings
from newscompare.core.pipeline import build_all, build_story
from newscompare.core.report import json_text

PROJECT = Path(__file__).resolve().parent.parent
GOLD = PROJECT / "tests" / "data" / "gold" / "ecbplus-dev"


def _square(x: int) -> tuple[int, bool]:
    return x * x, in_child()


def test_results_are_in_order_and_equal_to_one_core() -> None:
    items = list(range(37))
    one = parallel_map(_square, items, workers=1)
    two = parallel_map(_square, items, workers=2, cost=lambda x: float(x % 5))
    assert [v for v, _ in one] == [v for v, _ in two] == [x * x for x in items]
    assert not any(c for _, c in one)
    if parallel.can_fork():
        assert any(c for _, c in two)  # some of it really ran in a child


def test_environment_forces_one_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSCOMPARE_WORKERS", "1")
    assert parallel.worker_count() == 1
    assert not any(c for _, c in parallel_map(_square, list(range(10))))
    monkeypatch.setenv("NEWSCOMPARE_WORKERS", "two")
    assert parallel.worker_count() == 1


def test_no_fork_and_small_work_run_here(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not any(c for _, c in parallel_map(_square, [1, 2, 3], workers=2, min_items=4))
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert not any(c for _, c in parallel_map(_square, list(range(10)), workers=2))


def _fails_in_child(x: int) -> int:
    if in_child():
        raise RuntimeError("child trouble")
    return x + 1


def test_a_failed_child_share_is_computed_here() -> None:
    assert parallel_map(_fails_in_child, list(range(20)), workers=2) == list(range(1, 21))


def _nested(x: int) -> list[tuple[int, bool]]:
    return parallel_map(_square, [x, x + 1, x + 2], workers=2)


def test_nested_maps_run_on_one_core() -> None:
    out = parallel_map(_nested, list(range(6)), workers=2)
    assert [[v for v, _ in row] for row in out] == [
        [x * x, (x + 1) ** 2, (x + 2) ** 2] for x in range(6)
    ]


def test_split_is_balanced_and_deterministic() -> None:
    costs = [5.0, 1.0, 4.0, 2.0, 3.0]
    shares = split_shares(costs, 2)
    assert shares == split_shares(costs, 2)
    assert sorted(i for s in shares for i in s) == list(range(5))
    assert all(s == sorted(s) for s in shares)
    loads = [sum(costs[i] for i in s) for s in shares]
    assert max(loads) - min(loads) <= 1.0


@pytest.mark.parametrize("build", [build_all, build_story])
def test_story_on_two_cores_equals_one_core(build: object, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [str(PROJECT / "articles")] + [
        str(GOLD / t / "articles") for t in ("topic1", "topic3")
    ]
    monkeypatch.setattr("newscompare.core.pipeline.COMPARE_CHUNK", 5)  # force several shares
    monkeypatch.setenv("NEWSCOMPARE_WORKERS", "1")
    one = build(sources, Settings())  # type: ignore[operator]
    monkeypatch.setenv("NEWSCOMPARE_WORKERS", "2")
    two = build(sources, Settings())  # type: ignore[operator]
    assert len(one.parts) >= 1 and one.comparisons
    assert two == one
    assert json_text(two) == json_text(one)


def test_story_split_on_two_cores_equals_one_core(monkeypatch: pytest.MonkeyPatch) -> None:
    from newscompare.core.align import stories

    sources = [str(PROJECT / "articles")] + [
        str(GOLD / t / "articles") for t in ("topic1", "topic3")
    ]
    collection = build_all(sources, Settings()).collection
    assert collection is not None
    monkeypatch.setattr(stories, "TERMS_PARALLEL", 2)
    monkeypatch.setenv("NEWSCOMPARE_WORKERS", "1")
    one = stories.split_stories(collection.articles, collection.passages)
    monkeypatch.setenv("NEWSCOMPARE_WORKERS", "2")
    two = stories.split_stories(collection.articles, collection.passages)
    assert len(one) > 1 and two == one == collection.parts


PARENT_KILLED = """
import os, sys, time
from newscompare.core.model.parallel import in_child, parallel_map

def work(x):
    if in_child():
        with open(sys.argv[1], "w") as f:
            f.write(str(os.getpid()))
    time.sleep(60)
    return x

parallel_map(work, [1, 2], workers=2)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_children_end_with_the_process_that_forked_them(tmp_path: Path) -> None:
    """The engine server kills a stale re-align at once; that re-align's children go too."""
    marker = tmp_path / "child.pid"
    process = subprocess.Popen([sys.executable, "-c", PARENT_KILLED, str(marker)])
    try:
        deadline = time.monotonic() + 30
        while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        child = int(marker.read_text())
    finally:
        process.kill()
        process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(child, signal.SIGKILL)
    pytest.fail("the child outlived its parent")
