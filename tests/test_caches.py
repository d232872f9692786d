"""Story memo tables: results as the function gives them, emptied when a story starts."""

from __future__ import annotations

from pathlib import Path

from newscompare.core.model import caches
from newscompare.core.model.settings import Settings
from newscompare.core.pipeline import build_all, build_story
from newscompare.core.text.tokens import words

ARTICLES = Path(__file__).resolve().parent.parent / "articles"
calls: list[tuple[int, int]] = []


@caches.story_memo
def _add(a: int, b: int = 0) -> int:
    calls.append((a, b))
    return a + b


def test_a_memo_computes_each_question_once() -> None:
    calls.clear()
    _add.cache_clear()
    assert _add(1, 2) == _add(1, 2) == 3
    assert _add(1, b=2) == 3  # keywords are another key, never another answer
    assert _add(3) == 3
    assert calls == [(1, 2), (1, 2), (3, 0)]
    info = _add.cache_info()
    assert (info.hits, info.misses, info.currsize) == (1, 3, 3)
    assert _add.__name__ == "_add" and _add.__wrapped__ is not None


def test_new_story_empties_every_table() -> None:
    _add(5, 5)
    words("Troops withdrew on Monday.")
    assert _add.cache_info().currsize and words.cache_info().currsize
    caches.new_story()
    assert _add.cache_info().currsize == 0 and words.cache_info().currsize == 0


def test_a_build_starts_empty_and_a_realign_keeps_the_tables() -> None:
    words("A text of a story read before.")
    story = build_story([str(ARTICLES)], Settings())
    assert words.cache_info().currsize > 0
    before = words.cache_info().misses
    words("A text of a story read before.")
    assert words.cache_info().misses == before + 1  # emptied at the start: worked out again
    kept = words.cache_info().currsize
    again = build_story([str(ARTICLES)], Settings(), reuse=story)
    assert again == story and words.cache_info().currsize >= kept  # a re-align reuses them
    assert build_all([str(ARTICLES)], Settings()) == build_all([str(ARTICLES)], Settings())


def test_a_seeded_result_is_taken_instead_of_computed() -> None:
    """``seed`` hands a memo results worked out elsewhere: the function is not run for them,
    a question already answered keeps its answer, and nothing seeded lingers afterwards."""
    calls.clear()
    _add.cache_clear()
    assert _add(1, 1) == 2
    caches.seed(_add, [((2, 3), 5), ((1, 1), 99)])
    assert _add(2, 3) == 5 and _add(1, 1) == 2  # the hit kept the table's own answer
    assert calls == [(1, 1)]
    assert _add(4, 4) == 8 and calls == [(1, 1), (4, 4)]  # an unseeded question is computed
    caches.seed(_add, iter([]))
    _add.cache_clear()
    assert _add(2, 3) == 5 and calls[-1] == (2, 3)  # the seeded value was not kept aside
