"""Candidate generation: which cross-article passage pairs share distinctive tokens at all.

Scoring every pair of passages grows with the square of the passage count (3,100 passages of
200 short articles already take ~9 s with ``rapidfuzz.process.cdist``). Text-reuse tools avoid
that with an inverted index: each distinctive token lists the passages holding it, and only
passages that meet in some posting list are compared. Topic words weigh zero (see
``prepare``), so their long posting lists are never walked; the index stops at the document
frequency ceiling, which is what keeps the cost well below quadratic.

The index also yields the exact weighted overlap of each candidate pair (the sum, over shared
tokens, of the smaller of the two weights), so scoring needs no second pass over the tokens.
Work is done in numpy blocks so memory stays bounded on big stories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

#: Pair entries accumulated before they are reduced (bounds peak memory on big stories).
BLOCK_ENTRIES = 4_000_000

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Candidates:
    """Cross-article passage pairs ``(first[k], second[k])`` with ``first < second``."""

    first: IntArray
    second: IntArray
    shared: FloatArray  # weighted overlap: sum over shared tokens of min(weight_a, weight_b)
    count: IntArray  # number of shared weighted tokens
    distinctive: IntArray  # number of shared tokens flagged distinctive (rare in the story)

    def __len__(self) -> int:
        return int(self.first.shape[0])


Reduced = tuple[IntArray, FloatArray, IntArray, IntArray]


def _reduce(keys: IntArray, values: FloatArray, counts: IntArray, rare: IntArray) -> Reduced:
    """Sum values and counts per pair key."""
    found, inverse = np.unique(keys, return_inverse=True)
    unique = np.asarray(found, dtype=np.int64)
    size = unique.shape[0]
    summed = np.asarray(np.bincount(inverse, weights=values, minlength=size), dtype=np.float64)
    counted = np.bincount(inverse, weights=counts, minlength=size).astype(np.int64)
    rare_counted = np.bincount(inverse, weights=rare, minlength=size).astype(np.int64)
    return unique, summed, counted, rare_counted


def find_candidates(
    tokens: Sequence[Sequence[int]],
    weights: Sequence[Sequence[float]],
    article_of: Sequence[int],
    distinctive: Sequence[bool],
) -> Candidates:
    """All pairs of passages from different articles that share a token of positive weight.

    ``distinctive[token id]`` marks rare tokens; each candidate counts how many it shares.
    """
    n = len(tokens)
    vocabulary_size = len(distinctive)
    empty_i = np.zeros(0, dtype=np.int64)
    empty = Candidates(empty_i, empty_i, np.zeros(0), empty_i, empty_i)
    if n < 2:
        return empty
    postings: list[list[int]] = [[] for _ in range(vocabulary_size)]
    posting_weights: list[list[float]] = [[] for _ in range(vocabulary_size)]
    for passage, (row, row_w) in enumerate(zip(tokens, weights, strict=True)):
        for tid, w in zip(row, row_w, strict=True):
            if w > 0.0:
                postings[tid].append(passage)
                posting_weights[tid].append(w)
    article = np.asarray(article_of, dtype=np.int64)
    triangles: dict[int, tuple[IntArray, IntArray]] = {}
    parts: list[Reduced] = []
    keys_block: list[IntArray] = []
    values_block: list[FloatArray] = []
    rare_block: list[IntArray] = []
    pending = 0

    def flush() -> None:
        nonlocal pending
        if not keys_block:
            return
        keys = np.concatenate(keys_block)
        values = np.concatenate(values_block)
        rare = np.concatenate(rare_block)
        parts.append(_reduce(keys, values, np.ones(keys.shape[0], dtype=np.int64), rare))
        keys_block.clear()
        values_block.clear()
        rare_block.clear()
        pending = 0

    for tid in range(vocabulary_size):
        members = postings[tid]
        size = len(members)
        if size < 2:
            continue
        if size not in triangles:
            rows, cols = np.triu_indices(size, k=1)
            triangles[size] = (rows.astype(np.int64), cols.astype(np.int64))
        rows, cols = triangles[size]
        passages = np.asarray(members, dtype=np.int64)
        token_weights = np.asarray(posting_weights[tid], dtype=np.float64)
        left, right = passages[rows], passages[cols]
        cross = article[left] != article[right]
        if not cross.any():
            continue
        keys_block.append(left[cross] * n + right[cross])
        values_block.append(np.minimum(token_weights[rows], token_weights[cols])[cross])
        hits = int(cross.sum())
        rare_block.append(np.full(hits, 1 if distinctive[tid] else 0, dtype=np.int64))
        pending += hits
        if pending >= BLOCK_ENTRIES:
            flush()
    flush()
    if not parts:
        return empty
    if len(parts) == 1:
        keys, shared, count, rare_count = parts[0]
    else:
        keys, shared, count, rare_count = _reduce(
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]),
            np.concatenate([p[3] for p in parts]),
        )
    return Candidates(keys // n, keys % n, shared, count, rare_count)
