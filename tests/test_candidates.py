"""Candidate generation through the inverted index: cross-article pairs with exact overlaps."""

from __future__ import annotations

import itertools

import pytest

from newscompare.core.align import candidates as candidates_module
from newscompare.core.align.candidates import find_candidates


def as_dict(found: candidates_module.Candidates) -> dict[tuple[int, int], tuple[float, int, int]]:
    return {
        (int(i), int(j)): (float(s), int(c), int(d))
        for i, j, s, c, d in zip(
            found.first, found.second, found.shared, found.count, found.distinctive, strict=True
        )
    }


def brute_force(
    tokens: list[list[int]], weights: list[list[float]], article_of: list[int]
) -> dict[tuple[int, int], float]:
    out = {}
    for i, j in itertools.combinations(range(len(tokens)), 2):
        if article_of[i] == article_of[j]:
            continue
        wi = dict(zip(tokens[i], weights[i], strict=True))
        wj = dict(zip(tokens[j], weights[j], strict=True))
        shared = [t for t in wi if t in wj and wi[t] > 0 and wj[t] > 0]
        if shared:
            out[(i, j)] = sum(min(wi[t], wj[t]) for t in shared)
    return out


TOKENS = [[0, 1, 2], [0, 3], [1, 2, 4], [3, 4], [0, 5]]
WEIGHTS = [[1.0, 2.0, 3.0], [1.5, 0.5], [2.5, 1.0, 4.0], [0.7, 4.0], [0.0, 9.0]]
ARTICLES = [0, 0, 1, 1, 2]


def test_candidates_equal_brute_force_overlap() -> None:
    found = as_dict(find_candidates(TOKENS, WEIGHTS, ARTICLES, [True] * 6))
    expected = brute_force(TOKENS, WEIGHTS, ARTICLES)
    assert set(found) == set(expected)
    for key, shared in expected.items():
        assert found[key][0] == pytest.approx(shared)


def test_pairs_within_one_article_are_never_candidates() -> None:
    found = as_dict(find_candidates(TOKENS, WEIGHTS, ARTICLES, [True] * 6))
    assert (0, 1) not in found and (2, 3) not in found


def test_zero_weight_tokens_do_not_make_candidates() -> None:
    found = as_dict(find_candidates(TOKENS, WEIGHTS, ARTICLES, [True] * 6))
    # passage 4 shares only token 0, whose weight is zero there
    assert not any(4 in key for key in found)


def test_first_index_is_always_smaller() -> None:
    found = find_candidates(TOKENS, WEIGHTS, ARTICLES, [True] * 6)
    assert (found.first < found.second).all()


def test_counts_shared_and_distinctive_tokens() -> None:
    distinctive = [False, False, True, False, True, False]
    found = as_dict(find_candidates(TOKENS, WEIGHTS, ARTICLES, distinctive))
    assert found[(0, 2)][1:] == (2, 1)  # shares tokens 1 and 2; only 2 is distinctive
    assert found[(1, 3)][1:] == (1, 0)


def test_small_blocks_give_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    big = as_dict(find_candidates(TOKENS, WEIGHTS, ARTICLES, [True] * 6))
    monkeypatch.setattr(candidates_module, "BLOCK_ENTRIES", 1)
    small = as_dict(find_candidates(TOKENS, WEIGHTS, ARTICLES, [True] * 6))
    assert small.keys() == big.keys()
    for key in big:
        assert small[key] == pytest.approx(big[key])


def test_fewer_than_two_passages_give_nothing() -> None:
    assert len(find_candidates([[0]], [[1.0]], [0], [True])) == 0
    assert len(find_candidates([], [], [], [])) == 0
