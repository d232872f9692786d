"""The error listings of ``benchmarks.dense_errors`` agree with the dense table's counts."""

from __future__ import annotations

import re

import pytest
from benchmarks.dense import scorer
from benchmarks.dense_errors import StoryErrors, divergence_errors, wrong


@pytest.fixture(scope="module")
def t3() -> StoryErrors:
    return StoryErrors("t3", None)


def test_wrong_pairs_are_the_scorers_r_and_n_pairs(t3: StoryErrors) -> None:
    metrics = scorer().score(t3.articles, t3.labels, t3.report)
    headers = [line for line in wrong(t3) if re.match(r"\d\.\d{3} \[", line)]
    assert len(headers) == metrics["R"] + metrics["N"]


def test_spurious_divergences_are_the_unmatched_ones_on_same_fact_pairs(t3: StoryErrors) -> None:
    metrics = scorer().score(t3.articles, t3.labels, t3.report)
    spurious = divergence_errors(t3, spurious=True)
    matched = metrics["div_reported_on_S"] - len(spurious)
    assert matched == round(metrics["div_precision"] * metrics["div_reported_on_S"])
