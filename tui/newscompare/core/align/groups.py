"""Event groups: passages linked by pairs across articles, labelled by their most
representative passage (a headline or lead where an outlet has one), cut at a clause.

Plain connected components chain unrelated events (A~B on the troop numbers, B~C on the
parliament vote ...) into one giant group. Groups are therefore grown from the strongest pairs
down, and a pair only joins its two passages' groups when

* the cross pairs between the groups (passages of different articles) agree: at least half
  of them have a direct score (``evidence``) of ``SHARES`` or more (they share the fact), and
  their mean (0 where a pair was no candidate) is ``majority`` or more, so a passage joins an
  event when it reports the fact with most of its members, not with one;
* it would not put more than ``per_article`` passages of one article into a group.

A pair that fails the first rule is still kept as a pair (its two passages do share a fact;
they are shown side by side) but the events stay apart, so such a pair may link passages of
two events, or a passage that belongs to no event. A pair that fails the second is dropped: a
weaker link between two already distinct events is more likely a mistake than a discovery.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from newscompare.core.align.prepare import PreparedStory
from newscompare.core.model.story import Group, Pair, Passage
from newscompare.core.text.labels import short_label

#: Passages of an article counted as its lead (after the headline), for labels.
LEAD_PASSAGES = 2


def representative(
    members: Sequence[int],
    passages: Sequence[Passage],
    rank: Sequence[int],
    neighbours: Mapping[int, Mapping[int, float]],
) -> int:
    """The member that best stands for the event: a headline if an outlet's is in it, else a
    lead passage, else any; among those, the one that agrees most with the other members
    (the sum of its scores to them), then the shorter, then the first in story order."""

    def tier(m: int) -> int:
        if passages[m].kind == "title":
            return 0
        return 1 if rank[m] <= LEAD_PASSAGES else 2

    best_tier = min(tier(m) for m in members)
    inside = set(members)

    def centrality(m: int) -> float:
        return sum(w for x, w in neighbours.get(m, {}).items() if x in inside)

    pool = [m for m in members if tier(m) == best_tier]
    return min(pool, key=lambda m: (-centrality(m), len(passages[m].text), m))


def _label(
    members: Sequence[int],
    passages: Sequence[Passage],
    rank: Sequence[int],
    neighbours: Mapping[int, Mapping[int, float]],
) -> str:
    """The event's representative passage, shortened at a clause boundary."""
    return short_label(passages[representative(members, passages, rank, neighbours)].text)


#: Two groups merge when the mean direct score over all their cross pairs (0 where a pair was
#: not even a candidate) reaches this: most members must share the fact, not one. Chosen on
#: the dense dev gold (``python -m benchmarks.eval``, the event groups table).
MAJORITY = 0.2
#: A cross pair whose direct score reaches this shares the event's fact ...
SHARES = 0.25
#: ... and at least this share of the cross pairs must. ``SHARES`` was chosen on the four dense
#: dev stories pooled (the event groups table): from 0.24 to 0.27 the within-group pairs judged
#: S are 0.803-0.805 and the S pairs inside one group 0.701-0.709 (at 0.20, where it was equal
#: to ``MAJORITY``: 0.787 and 0.719; at 0.30: 0.825 and 0.693); the middle of that range.
HALF = 0.5


def _most_agree(
    small: Sequence[int],
    big: Collection[int],
    small_counts: Mapping[str, int],
    big_counts: Mapping[str, int],
    neighbours: Mapping[int, Mapping[int, float]],
    share: float,
    shares: float = SHARES,
) -> bool:
    """The pairs across the two groups (passages of different articles) agree: at least half
    of them score ``shares`` or more, and their mean (0 where a pair has no score) reaches
    ``share``."""
    possible = sum(small_counts.values()) * sum(big_counts.values()) - sum(
        v * big_counts.get(k, 0) for k, v in small_counts.items()
    )
    if possible <= 0:
        return False
    total = 0.0
    count = 0
    for m in small:
        near = neighbours.get(m)
        if near:
            scores = [w for x, w in near.items() if x in big]
            total += sum(scores)
            count += sum(1 for w in scores if w >= shares)
    return count >= HALF * possible and total >= share * possible


def _prune(
    group: Sequence[int],
    article_of: Sequence[str],
    neighbours: Mapping[int, Mapping[int, float]],
    share: float,
) -> list[int]:
    """The group without the members that came to agree with too little of it: an early
    member of a small group can end up sharing its fact with few of the passages that joined
    later. Members whose mean score to the others (of other articles) is below ``share``
    leave, until none is; [] when fewer than two articles remain."""
    members = list(group)
    while True:
        per_article = Counter(article_of[m] for m in members)
        if len(per_article) < 2:
            return []
        low = set()
        inside = set(members)
        for m in members:
            near = neighbours.get(m, {})
            others = len(members) - per_article[article_of[m]]
            total = sum(
                w for x, w in near.items() if article_of[x] != article_of[m] and x in inside
            )
            if total < share * others:
                low.add(m)
        if not low:
            return members
        members = [m for m in members if m not in low]


def build_groups(
    pairs: Sequence[Pair],
    passages: Sequence[Passage],
    prepared: PreparedStory,
    per_article: int,
    evidence: Sequence[tuple[int, int, float]] | None = None,
    majority: float = MAJORITY,
    shares: float = SHARES,
) -> tuple[tuple[Group, ...], tuple[Pair, ...]]:
    """Group pairs into events; returns the groups and the pairs kept (sorted by story order).

    ``passages`` are the aligned passages in story order, index-aligned with ``prepared``.
    ``evidence``: ``(i, j, score)`` for the candidate pairs of passages (different articles);
    two groups merge only when at least half their cross pairs score ``shares`` and their
    mean ``majority`` (the pair itself counts with its own score). ``None``: no such check (only
    ``per_article``; every kept pair then lies inside one group).
    """
    neighbours: dict[int, dict[int, float]] = {}
    for i, j, w in evidence or ():
        neighbours.setdefault(i, {})[j] = w
        neighbours.setdefault(j, {})[i] = w
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
        if evidence is not None:
            w = max(neighbours.get(a, {}).get(b, 0.0), pair.score)
            neighbours.setdefault(a, {})[b] = w
            neighbours.setdefault(b, {})[a] = w
            small_members = members.get(small, [small])
            big_members = set(members.get(big, [big]))
            if not _most_agree(
                small_members, big_members, small_counts, big_counts, neighbours, majority, shares
            ):
                kept.append(pair)  # a shared fact, but not the rest of the event's
                continue
        for k, v in small_counts.items():
            big_counts[k] = big_counts.get(k, 0) + v
        parent[small] = big
        members[big] = members.pop(big, [big]) + members.pop(small, [small])
        counts[big] = big_counts
        counts.pop(small, None)
        kept.append(pair)
    found = list(members.values())
    if evidence is not None:
        found = [
            kept for m in found for kept in [_prune(m, article_of, neighbours, majority)] if kept
        ]
    components = sorted(sorted(m) for m in found)
    seen: Counter[str] = Counter()
    rank = []
    for p in passages:
        rank.append(seen[p.article])
        seen[p.article] += 1
    groups = tuple(
        Group(
            id=f"e{n}",
            label=_label(component, passages, rank, neighbours),
            passages=tuple(passages[i].id for i in component),
        )
        for n, component in enumerate(components, 1)
    )
    kept.sort(key=lambda p: (index[p.a], index[p.b]))
    return groups, tuple(kept)
