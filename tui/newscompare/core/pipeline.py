"""Run the engine stages in order: load -> passages -> alignment -> divergences.

The UI calls these from thread workers; the CLI calls ``build_story`` directly. ``progress`` is
an optional callback ``(stage, done, total)`` so callers can show where a long run is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence

from newscompare.core.align.aligner import align
from newscompare.core.diverge.compare import compare
from newscompare.core.load.sources import load_sources
from newscompare.core.model.settings import (
    AlignSettings,
    ArticleOverride,
    DivergeSettings,
    LoadSettings,
    SegmentSettings,
)
from newscompare.core.model.story import Alignment, Article, Comparison, LoadProblem, Passage, Story
from newscompare.core.passages.segment import segment

Progress = Callable[[str, int, int], None]


def _noop(stage: str, done: int, total: int) -> None:
    return None


def segment_all(
    articles: Sequence[Article], settings: SegmentSettings, progress: Progress = _noop
) -> tuple[Passage, ...]:
    """Passages of every article, in story order."""
    out: list[Passage] = []
    for i, article in enumerate(articles):
        out.extend(segment(article, settings))
        progress("passages", i + 1, len(articles))
    return tuple(out)


def titled(articles: Sequence[Article], passages: Sequence[Passage]) -> tuple[Article, ...]:
    """Articles whose metadata has no title take the headline the segmenter found in the text."""
    headline: dict[str, str] = {}
    for p in passages:
        if p.kind == "title":
            headline.setdefault(p.article, p.text)
    return tuple(
        a if a.title or a.id not in headline else dataclasses.replace(a, title=headline[a.id])
        for a in articles
    )


def compare_all(
    articles: Sequence[Article],
    passages: Sequence[Passage],
    alignment: Alignment,
    settings: DivergeSettings,
    progress: Progress = _noop,
) -> tuple[Comparison, ...]:
    """One ``Comparison`` per aligned pair, in the alignment's pair order."""
    by_article = {a.id: a for a in articles}
    by_passage = {p.id: p for p in passages}
    out: list[Comparison] = []
    total = len(alignment.pairs)
    for i, pair in enumerate(alignment.pairs):
        pa, pb = by_passage[pair.a], by_passage[pair.b]
        out.append(compare(pair, pa, pb, by_article[pa.article], by_article[pb.article], settings))
        if (i + 1) % 50 == 0 or i + 1 == total:
            progress("divergences", i + 1, total)
    return tuple(out)


def analyse(
    articles: Sequence[Article],
    problems: Sequence[LoadProblem],
    segment_settings: SegmentSettings,
    align_settings: AlignSettings,
    diverge_settings: DivergeSettings,
    progress: Progress = _noop,
    passages: Sequence[Passage] | None = None,
) -> Story:
    """Everything after loading: used again when the user re-aligns with another threshold,
    then with the ``passages`` already cut (segmentation does not depend on the threshold)."""
    if passages is None:
        passages = segment_all(articles, segment_settings, progress)
    articles = titled(articles, passages)
    progress("align", 0, 1)
    alignment = align(articles, passages, align_settings)
    progress("align", 1, 1)
    comparisons = compare_all(articles, passages, alignment, diverge_settings, progress)
    return Story(
        articles=tuple(articles),
        passages=tuple(passages),
        alignment=alignment,
        comparisons=comparisons,
        problems=tuple(problems),
    )


def build_story(
    sources: Sequence[str],
    load_settings: LoadSettings,
    segment_settings: SegmentSettings,
    align_settings: AlignSettings,
    diverge_settings: DivergeSettings,
    overrides: Mapping[str, ArticleOverride] | None = None,
    progress: Progress = _noop,
) -> Story:
    """Load the sources and run every stage."""
    progress("load", 0, len(sources))
    articles, problems = load_sources(sources, load_settings, overrides)
    progress("load", len(sources), len(sources))
    return analyse(articles, problems, segment_settings, align_settings, diverge_settings, progress)
