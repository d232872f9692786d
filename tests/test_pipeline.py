"""The pipeline: a re-align reuses the passages already cut and gives the same story."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from newscompare.config import Config
from newscompare.core.pipeline import analyse, build_story

ARTICLES = Path(__file__).resolve().parent.parent / "articles"


def test_realign_with_passages_equals_a_fresh_run() -> None:
    config = Config()
    story = build_story(
        [str(ARTICLES)], config.loading, config.passages, config.align, config.diverge
    )
    stricter = dataclasses.replace(config.align, threshold=config.align.threshold + 0.1)
    stages: list[str] = []
    reused = analyse(
        story.articles,
        story.problems,
        config.passages,
        stricter,
        config.diverge,
        progress=lambda stage, done, total: stages.append(stage),
        passages=story.passages,
    )
    fresh = analyse(story.articles, story.problems, config.passages, stricter, config.diverge)
    assert "passages" not in stages  # nothing was segmented again
    assert reused == fresh
    assert len(reused.alignment.pairs) < len(story.alignment.pairs)
