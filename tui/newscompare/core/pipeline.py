"""Run the engine stages in order: load -> passages -> alignment -> divergences.

``build_story(sources, settings, progress)`` is the one entry point: the CLI, the runner (the
reader's first story, in a child process), the reader's re-align and the benchmarks all call
it. ``progress`` is called ``(stage, done, total)`` so callers can show where a long run is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newscompare.core.align.aligner import align
from newscompare.core.diverge.compare import compare
from newscompare.core.load.sources import load_sources
from newscompare.core.model.settings import DivergeSettings, SegmentSettings, Settings
from newscompare.core.model.story import (
    Alignment,
    Article,
    Comparison,
    Passage,
    Progress,
    Story,
    no_progress,
)
from newscompare.core.passages.segment import segment


def segment_all(
    articles: Sequence[Article], settings: SegmentSettings, progress: Progress = no_progress
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
    progress: Progress = no_progress,
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


def build_story(
    sources: Sequence[str],
    settings: Settings,
    progress: Progress = no_progress,
    *,
    reuse: Story | None = None,
) -> Story:
    """Load ``sources`` and run every stage with ``settings``: the one way a story is built.

    ``reuse``: a story built before from the same sources with the same loading and passage
    settings (the reader re-aligning at another threshold); its articles, loading problems and
    passages are taken as they are and only alignment and divergences run again.
    """
    if reuse is not None:
        loaded, problems, passages = reuse.articles, reuse.problems, reuse.passages
    else:
        progress("load", 0, len(sources))
        found, lost = load_sources(sources, settings.loading, settings.overrides())
        loaded, problems = tuple(found), tuple(lost)
        progress("load", len(sources), len(sources))
        passages = segment_all(loaded, settings.passages, progress)
    articles = titled(loaded, passages)
    progress("align", 0, 1)
    alignment = align(articles, passages, settings.align)
    progress("align", 1, 1)
    comparisons = compare_all(articles, passages, alignment, settings.diverge, progress)
    return Story(
        articles=tuple(articles),
        passages=tuple(passages),
        alignment=alignment,
        comparisons=comparisons,
        problems=tuple(problems),
    )
