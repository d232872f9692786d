"""``python -m benchmarks.bench_stories``: how well (and how fast) a mixed folder is split into
stories, measured on ECB+.

ECB+ (Cybulska & Vossen, LREC 2014; the public ``cltl/ECB-parser`` repository, written out as
text by ``benchmarks/ecbplus.py``) holds 982 articles in 43 topics; each topic holds two
stories of one kind (its ``ecb`` and ``ecbplus`` files), so there are 86 gold stories. The
articles are loaded and cut into passages as the CLI does, then split by
``align.stories.split_stories``; the split is scored by B-cubed precision, recall and F1
against the gold stories (Bagga & Baldwin 1998: per article, the share of its predicted
cluster that shares its gold story, and the share of its gold story inside its cluster).

Three figures: all 982 articles at once; each topic on its own (a folder that holds two
stories of one kind: the hard case), as a mean over the 43 topics; and the time the split
takes on the 982 articles (best of ``--repeat``), against the time it takes to merely
tokenize the same passages, measured in the same run (the reference).

    python -m benchmarks.bench_stories [--threshold X] [--repeat 3] [--sweep]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from benchmarks.ecbplus import DEFAULT_GIT_DIR, DEFAULT_OUT, build, gold_story

from newscompare.core.align.stories import THRESHOLD, split_stories
from newscompare.core.load.sources import load_sources
from newscompare.core.model.settings import Settings
from newscompare.core.model.story import Article, Passage
from newscompare.core.pipeline import segment_all


def bcubed(predicted: Iterable[Sequence[str]], gold: Mapping[str, str]) -> tuple[float, ...]:
    """B-cubed (precision, recall, F1) of a clustering of items against gold labels."""
    cluster_of: dict[str, int] = {}
    for k, members in enumerate(predicted):
        for item in members:
            cluster_of[item] = k
    clusters: dict[int, list[str]] = defaultdict(list)
    for item, k in cluster_of.items():
        clusters[k].append(item)
    gold_size: dict[str, int] = defaultdict(int)
    for item in cluster_of:
        gold_size[gold[item]] += 1
    precision = recall = 0.0
    for members in clusters.values():
        labels: dict[str, int] = defaultdict(int)
        for item in members:
            labels[gold[item]] += 1
        for item in members:
            same = labels[gold[item]]
            precision += same / len(members)
            recall += same / gold_size[gold[item]]
    n = len(cluster_of)
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_corpus(folder: Path) -> tuple[tuple[Article, ...], tuple[Passage, ...]]:
    """The articles of ``folder`` loaded and cut into passages as the CLI does."""
    settings = Settings()
    found, lost = load_sources([str(folder)], settings.loading, settings.overrides())
    if lost:
        print(f"bench_stories: {len(lost)} articles could not be read", file=sys.stderr)
    articles = tuple(found)
    return articles, segment_all(articles, settings.passages)


def score_split(
    articles: Sequence[Article], passages: Sequence[Passage], threshold: float
) -> tuple[float, float, float, int]:
    """B-cubed (P, R, F1) of the split of ``articles``, and how many stories it found."""
    gold = {a.id: gold_story(Path(a.path).name) for a in articles}
    parts = split_stories(articles, passages, threshold)
    p, r, f = bcubed([part.articles for part in parts], gold)
    return p, r, f, len(parts)


def per_topic(
    articles: Sequence[Article], passages: Sequence[Passage], threshold: float
) -> tuple[float, float]:
    """Mean and worst B-cubed F1 when each topic is split on its own."""
    topics: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        topics[gold_story(Path(a.path).name).split("/")[0]].append(a)
    by_article: dict[str, list[Passage]] = defaultdict(list)
    for p in passages:
        by_article[p.article].append(p)
    scores = []
    for members in topics.values():
        own = [p for a in members for p in by_article[a.id]]
        scores.append(score_split(members, own, threshold)[2])
    return sum(scores) / len(scores), min(scores)


def alone(
    articles: Sequence[Article], passages: Sequence[Passage], threshold: float
) -> tuple[int, int, int]:
    """Each gold story given on its own, as a user gives a folder of one story: how many
    stories are split, and how many articles end outside their story's largest part (they
    would not be aligned with the rest), of how many."""
    stories: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        stories[gold_story(Path(a.path).name)].append(a)
    by_article: dict[str, list[Passage]] = defaultdict(list)
    for p in passages:
        by_article[p.article].append(p)
    split = outside = 0
    for members in stories.values():
        parts = split_stories(members, [p for a in members for p in by_article[a.id]], threshold)
        split += len(parts) > 1
        outside += len(members) - max(len(part.articles) for part in parts)
    return split, outside, len(articles)


def _time_split(
    articles: Sequence[Article], passages: Sequence[Passage], threshold: float, repeat: int
) -> tuple[float, float]:
    """Best-of-``repeat`` seconds of the split and of the reference (tokenizing the passages
    with the text layer's tokenizer, caches cleared each time as for the split)."""
    from newscompare.core.text.tokens import words

    split_best = reference_best = float("inf")
    for _ in range(repeat):
        words.cache_clear()
        started = time.perf_counter()
        for p in passages:
            words(p.text)
        reference_best = min(reference_best, time.perf_counter() - started)
        words.cache_clear()
        started = time.perf_counter()
        split_stories(articles, passages, threshold)
        split_best = min(split_best, time.perf_counter() - started)
    return split_best, reference_best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_stories", description=__doc__)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sweep", action="store_true", help="score thresholds around it too")
    parser.add_argument("--git-dir", type=Path, default=DEFAULT_GIT_DIR)
    parser.add_argument("--cache", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.git_dir.is_dir() and not (args.cache / ".complete").is_file():
        print(f"bench_stories: {args.git_dir}: no ECB+ git directory", file=sys.stderr)
        return 2
    folder = build(args.git_dir, args.cache)
    articles, passages = load_corpus(folder)
    thresholds = [args.threshold]
    if args.sweep:
        thresholds = sorted({round(args.threshold + d / 100, 3) for d in range(-6, 7, 2)})
    print(
        "| threshold | articles | gold stories | stories found | B3 P | B3 R | B3 F1 "
        "| per topic F1 mean (worst) | each story alone: split, articles cut off |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    gold_count = len({gold_story(Path(a.path).name) for a in articles})
    for t in thresholds:
        p, r, f, found = score_split(articles, passages, t)
        mean, worst = per_topic(articles, passages, t)
        split, cut_off, total = alone(articles, passages, t)
        print(
            f"| {t:.2f} | {len(articles)} | {gold_count} | {found} | {p:.3f} | {r:.3f} "
            f"| {f:.3f} | {mean:.3f} ({worst:.3f}) | {split}/{gold_count}, {cut_off}/{total} |"
        )
    split_s, reference_s = _time_split(articles, passages, args.threshold, args.repeat)
    print()
    print(
        f"split of {len(articles)} articles ({len(passages)} passages): {split_s:.2f} s "
        f"(best of {args.repeat}); tokenizing them alone: {reference_s:.2f} s; "
        f"ratio {split_s / reference_s:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
