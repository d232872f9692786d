"""The pipeline: a re-align reuses the passages already cut and gives the same story."""

from __future__ import annotations

from pathlib import Path

from newscompare.core.model.settings import Settings
from newscompare.core.pipeline import build_story

ARTICLES = Path(__file__).resolve().parent.parent / "articles"


def test_realign_with_passages_equals_a_fresh_run() -> None:
    settings = Settings()
    story = build_story([str(ARTICLES)], settings)
    stricter = settings.with_threshold(settings.align.threshold + 0.1)
    stages: list[str] = []
    reused = build_story(
        [str(ARTICLES)],
        stricter,
        lambda stage, done, total: stages.append(stage),
        reuse=story,
    )
    fresh = build_story([str(ARTICLES)], stricter)
    assert "load" not in stages and "passages" not in stages  # nothing loaded or cut again
    assert reused == fresh
    assert len(reused.alignment.pairs) < len(story.alignment.pairs)


def test_with_threshold_keeps_every_other_setting() -> None:
    settings = Settings()
    changed = settings.with_threshold(0.75)
    assert changed.align.threshold == 0.75
    assert changed.align.events == settings.align.events
    assert (changed.loading, changed.passages, changed.diverge) == (
        settings.loading,
        settings.passages,
        settings.diverge,
    )
