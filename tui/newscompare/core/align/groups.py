"""Event groups: passages linked by pairs across articles, with a short label.

Plain connected components chain unrelated events (A~B on the troop numbers, B~C on the
parliament vote ...) into one giant group. Groups are therefore grown from the strongest pairs
down, and a pair that would put more than ``per_article`` passages of one article into a group
is dropped: a weaker link between two already distinct events is more likely a mistake than a
discovery. Every kept pair has both passages in one group, which the reader and the markdown
report rely on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newscompare.core.align.prepare import PreparedStory
from newscompare.core.model.story import Group, Pair, Passage

#: Words in a group label at most.
LABEL_WORDS = 4


def _label(members: Sequence[int], prepared: PreparedStory, article_of: Sequence[str]) -> str:
    """The group's most distinctive shared words, as written (e.g. ``2,500 / Erbil / troops``)."""
    weight: dict[int, float] = {}
    articles: dict[int, set[str]] = {}
    surfaces: dict[int, Counter[str]] = {}
    for m in members:
        row = prepared.tokens[m]
        for tid, w, surface in zip(row, prepared.weights[m], prepared.surfaces[m], strict=True):
            if w <= 0.0:
                continue
            weight[tid] = weight.get(tid, 0.0) + w
            articles.setdefault(tid, set()).add(article_of[m])
            surfaces.setdefault(tid, Counter())[surface] += 1
    if not weight:
        return ""
    ranked = sorted(
        weight,
        key=lambda t: (-(len(articles[t]) >= 2), -weight[t], prepared.vocabulary[t]),
    )
    words: list[str] = []
    for tid in ranked[:LABEL_WORDS]:
        surface = min(surfaces[tid].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if surface.lower() not in (w.lower() for w in words):
            words.append(surface)
    return " / ".join(words)


def build_groups(
    pairs: Sequence[Pair],
    passages: Sequence[Passage],
    prepared: PreparedStory,
    per_article: int,
) -> tuple[tuple[Group, ...], tuple[Pair, ...]]:
    """Group pairs into events; returns the groups and the pairs kept (sorted by story order).

    ``passages`` are the aligned passages in story order, index-aligned with ``prepared``.
    """
    index = {p.id: i for i, p in enumerate(passages)}
    article_of = [p.article for p in passages]
    parent = list(range(len(passages)))
    members: dict[int, list[int]] = {}
    counts: dict[int, dict[str, int]] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    kept: list[Pair] = []
    for pair in sorted(pairs, key=lambda p: (-p.score, index[p.a], index[p.b])):
        a, b = index[pair.a], index[pair.b]
        ra, rb = find(a), find(b)
        if ra == rb:
            kept.append(pair)
            continue
        big, small = (ra, rb) if len(members.get(ra, ())) >= len(members.get(rb, ())) else (rb, ra)
        big_counts = counts.get(big) or {article_of[big]: 1}
        small_counts = counts.get(small) or {article_of[small]: 1}
        if any(big_counts.get(k, 0) + v > per_article for k, v in small_counts.items()):
            continue
        for k, v in small_counts.items():
            big_counts[k] = big_counts.get(k, 0) + v
        parent[small] = big
        members[big] = members.pop(big, [big]) + members.pop(small, [small])
        counts[big] = big_counts
        counts.pop(small, None)
        kept.append(pair)
    components = sorted(sorted(m) for m in members.values())
    groups = tuple(
        Group(
            id=f"e{n}",
            label=_label(component, prepared, article_of),
            passages=tuple(passages[i].id for i in component),
        )
        for n, component in enumerate(components, 1)
    )
    kept.sort(key=lambda p: (index[p.a], index[p.b]))
    return groups, tuple(kept)
