"""Run the engine stages in order: load -> passages -> alignment -> divergences.

``build_story(sources, settings, progress)`` is the one entry point: the CLI, the runner (the
reader's first story, in a child process), the reader's re-align and the benchmarks all call
it. ``progress`` is called ``(stage, done, total)`` so callers can show where a long run is.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence

from newscompare.core.align.aligner import align
from newscompare.core.align.timeline import times_of
from newscompare.core.diverge.compare import compare
from newscompare.core.load.sources import load_sources
from newscompare.core.model.caches import new_story
from newscompare.core.model.parallel import in_child, parallel_map
from newscompare.core.model.settings import DivergeSettings, SegmentSettings, Settings
from newscompare.core.model.story import (
    Alignment,
    Article,
    Collection,
    Comparison,
    EventTime,
    Group,
    LoadProblem,
    Pair,
    Passage,
    Progress,
    Story,
    no_progress,
)
from newscompare.core.passages.segment import segment

#: Pairs per share of the divergence stage: fewer in all run on one core (a fork costs more).
COMPARE_CHUNK = 250

#: Articles from which passages are cut on both cores (fewer: a fork costs more than they do).
SEGMENT_PARALLEL = 400

#: One story's alignment, the comparisons of its pairs and the times of its events.
PartResult = tuple[Alignment, tuple[Comparison, ...], tuple[EventTime, ...]]


def segment_all(
    articles: Sequence[Article], settings: SegmentSettings, progress: Progress = no_progress
) -> tuple[Passage, ...]:
    """Passages of every article, in story order. Many articles are cut on both cores
    (``parallel``: each article's passages depend on it alone, merged in order); progress is
    then told when all are cut, as a child's share cannot be counted from here."""
    if len(articles) >= SEGMENT_PARALLEL:
        cut = parallel_map(
            lambda a: segment(a, settings), articles, cost=lambda a: float(len(a.text))
        )
        progress("passages", len(articles), len(articles))
        return tuple(p for passages in cut for p in passages)
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
    *,
    word_spans: bool = True,
) -> tuple[Comparison, ...]:
    """One ``Comparison`` per aligned pair, in the alignment's pair order; big stories on
    both cores (``parallel``: contiguous runs of pairs, merged in order)."""
    by_article = {a.id: a for a in articles}
    by_passage = {p.id: p for p in passages}
    pairs = alignment.pairs
    total = len(pairs)

    def run(span: range) -> list[Comparison]:
        out: list[Comparison] = []
        for i in span:
            pair = pairs[i]
            pa, pb = by_passage[pair.a], by_passage[pair.b]
            article_a, article_b = by_article[pa.article], by_article[pb.article]
            out.append(compare(pair, pa, pb, article_a, article_b, settings, word_spans=word_spans))
            if not in_child() and ((i + 1) % 50 == 0 or i + 1 == total):
                progress("divergences", i + 1, total)
        return out

    step = max(COMPARE_CHUNK, -(-total // 8))
    spans = [range(k, min(k + step, total)) for k in range(0, total, step)]
    chunks = parallel_map(run, spans, cost=len, min_items=2)
    return tuple(c for chunk in chunks for c in chunk)


def collect(
    sources: Sequence[str], settings: Settings, progress: Progress = no_progress
) -> tuple[Collection, tuple[LoadProblem, ...]]:
    """Load ``sources``, cut them into passages and split the articles into stories."""
    from newscompare.core.align.stories import split_stories

    progress("load", 0, len(sources))
    found, lost = load_sources(sources, settings.loading, settings.overrides())
    progress("load", len(sources), len(sources))
    passages = segment_all(found, settings.passages, progress)
    articles = titled(found, passages)
    parts = split_stories(articles, passages, settings.align.story_threshold)
    return Collection(articles, passages, parts), tuple(lost)


def _collection_of(story: Story, settings: Settings) -> Collection:
    """The story's collection; one made from its own articles for a story built by hand."""
    if story.collection is not None:
        return story.collection
    from newscompare.core.align.stories import split_stories

    parts = split_stories(story.articles, story.passages, settings.align.story_threshold)
    return Collection(story.articles, story.passages, parts)


#: The times of a story's events in the order they happened (``Story.timeline``): computed
#: once when the story is built, so the reports and every view of the reader read the same.
Timeline = tuple[EventTime, ...]

#: Called with a story's alignment as soon as it is known, before its divergences are.
Aligned = Callable[[Alignment], None]


def _align_part(
    collection: Collection,
    part_ids: Sequence[str],
    settings: Settings,
    progress: Progress,
    word_spans: bool = True,
    aligned: Aligned | None = None,
) -> tuple[tuple[Article, ...], tuple[Passage, ...], Alignment, tuple[Comparison, ...], Timeline]:
    """Align the articles of the given parts, each part on its own (articles of different
    stories are never paired), and merge: event ids run on from one part to the next. Each
    part dates its own events (``timeline.times_of``) where it was aligned, as its passages'
    dates were read there; the timeline returned is every part's, in the order of time."""
    by_id = {p.id: p for p in collection.parts}
    members = {a for pid in part_ids for a in by_id[pid].articles}
    articles = tuple(a for a in collection.articles if a.id in members)
    passages = tuple(p for p in collection.passages if p.article in members)
    order = {p.id: i for i, p in enumerate(passages)}
    pairs: list[Pair] = []
    groups: list[Group] = []
    unmatched: list[str] = []
    comparisons: list[Comparison] = []
    times: list[EventTime] = []
    progress("align", 0, len(part_ids))
    part_of = {pid: set(by_id[pid].articles) for pid in part_ids}

    def report(stage: str, done: int, total: int) -> None:
        if not in_child():  # a child's progress is the parent's to tell
            progress(stage, done, total)

    def one_part(pid: str) -> PartResult:
        own = part_of[pid]
        part_articles = tuple(a for a in articles if a.id in own)
        part_passages = tuple(p for p in passages if p.article in own)
        alignment = align(part_articles, part_passages, settings.align)
        if aligned is not None and len(part_ids) == 1:  # one part: this is the final alignment
            events = tuple(
                Group(f"e{n}", g.label, g.passages) for n, g in enumerate(alignment.groups, 1)
            )
            aligned(Alignment(alignment.pairs, events, alignment.unmatched))
        found = compare_all(
            part_articles,
            part_passages,
            alignment,
            settings.diverge,
            report,
            word_spans=word_spans,
        )
        return alignment, found, times_of(alignment.groups, part_passages, part_articles)

    if len(part_ids) > 1:
        # Stories never share a pair, so each is aligned on its own, on both cores: the
        # results are merged in the parts' order, as one core gives them (``parallel``).
        size = Counter(p.article for p in passages)
        results = parallel_map(
            one_part,
            part_ids,
            cost=lambda pid: float(sum(size[a] for a in part_of[pid])) ** 1.5,
        )
    else:
        results = [one_part(pid) for pid in part_ids]
    for done, (alignment, found, part_times) in enumerate(results, 1):
        renamed: dict[str, str] = {}
        for g in alignment.groups:
            renamed[g.id] = f"e{len(groups) + 1}"
            groups.append(Group(renamed[g.id], g.label, g.passages))
        times.extend(dataclasses.replace(t, group=renamed[t.group]) for t in part_times)
        pairs.extend(alignment.pairs)
        unmatched.extend(alignment.unmatched)
        comparisons.extend(found)
        progress("align", done, len(part_ids))
    if len(part_ids) > 1:
        pairs.sort(key=lambda p: (order[p.a], order[p.b]))
        unmatched.sort(key=order.__getitem__)
        rank = {(p.a, p.b): i for i, p in enumerate(pairs)}
        comparisons.sort(key=lambda c: rank[(c.pair.a, c.pair.b)])
    alignment = Alignment(tuple(pairs), tuple(groups), tuple(unmatched))
    timeline = tuple(sorted(times, key=lambda t: t.sort_key))
    return articles, passages, alignment, tuple(comparisons), timeline


def build_story(
    sources: Sequence[str],
    settings: Settings,
    progress: Progress = no_progress,
    *,
    reuse: Story | None = None,
    part: str | None = None,
    aligned: Aligned | None = None,
) -> Story:
    """Load ``sources`` and run every stage with ``settings``: the one way a story is built.

    The articles are split into stories first (``align.stories``); the story built is the
    part ``part`` (an id of ``Story.collection.parts``), else the part ``reuse`` showed, else
    the largest. ``reuse``: a story built before from the same sources with the same loading
    and passage settings (the reader re-aligning at another threshold, or showing another
    part); everything it loaded is taken as it is and only alignment and divergences run
    again. ``aligned``: told the alignment before the divergences are computed (the reader
    shows the pairs meanwhile), for a story of one part.
    """
    if reuse is not None:
        collection, problems = _collection_of(reuse, settings), reuse.problems
    else:
        new_story()  # what the last story's texts gave is not asked again (``model.caches``)
        collection, problems = collect(sources, settings, progress)
    if part is None and reuse is not None and reuse.parts:
        part = reuse.parts[0] if len(reuse.parts) == 1 else None
        if part is None:
            return build_all(sources, settings, progress, reuse=reuse)
    if part is None or collection.part(part) is None:
        part = collection.parts[0].id if collection.parts else None
    part_ids = (part,) if part is not None else ()
    articles, passages, alignment, comparisons, timeline = _align_part(
        collection, part_ids, settings, progress, aligned=aligned
    )
    return Story(
        articles=articles,
        passages=passages,
        alignment=alignment,
        comparisons=comparisons,
        problems=problems,
        collection=collection,
        parts=part_ids,
        timeline=timeline,
    )


def build_all(
    sources: Sequence[str],
    settings: Settings,
    progress: Progress = no_progress,
    *,
    reuse: Story | None = None,
    word_spans: bool = True,
) -> Story:
    """Every story of ``sources`` aligned, each on its own, in one ``Story`` (what ``align``
    reports): all articles, the pairs and events of every part (event ids numbered on across
    parts), ``parts`` naming every part. ``word_spans=False``: comparisons without the word
    spans only the reader shows (``Comparison.a_words``), for reports."""
    if reuse is not None:
        collection, problems = _collection_of(reuse, settings), reuse.problems
    else:
        new_story()  # what the last story's texts gave is not asked again (``model.caches``)
        collection, problems = collect(sources, settings, progress)
    part_ids = tuple(p.id for p in collection.parts)
    _, _, alignment, comparisons, timeline = _align_part(
        collection, part_ids, settings, progress, word_spans
    )
    return Story(
        articles=collection.articles,
        passages=collection.passages,
        alignment=alignment,
        comparisons=comparisons,
        problems=problems,
        collection=collection,
        parts=part_ids,
        timeline=timeline,
    )
