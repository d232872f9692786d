"""What the reader is looking at and how ``n``/``p``/``]``/``[``/``/`` move it (no Textual here).

Pair order: the pairs between the two shown articles, in the reading order of the left column
(ties by the right column). When the shown articles share no pair, ``n``/``p`` move the right
column to the next/previous article that shares pairs with the left one, so the keys always lead
somewhere across the story. Divergence order: every divergence of the current pair, then those
of the following pairs in pair order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from newscompare.core.model.index import StoryIndex
from newscompare.core.model.story import Comparison, Group, Pair, Passage


@dataclass(frozen=True, slots=True)
class Selection:
    """The reader's cursor: the two articles shown, the current pair and divergence."""

    left: str | None = None
    right: str | None = None
    pair: Pair | None = None
    #: Index into the current pair's ``Comparison.divergences``.
    divergence: int | None = None


class Navigator:
    """Reading-order lookups over one story, built once per story."""

    def __init__(self, index: StoryIndex) -> None:
        self.index = index
        story = index.story
        self.article_ids: tuple[str, ...] = tuple(a.id for a in story.articles)
        self.order: dict[str, int] = {p.id: i for i, p in enumerate(story.passages)}
        self.group_number: dict[str, int] = {
            g.id: n for n, g in enumerate(story.alignment.groups, start=1)
        }
        self.unmatched: frozenset[str] = frozenset(story.alignment.unmatched)
        self.pairs_of: dict[str, list[Pair]] = {}
        for pair in story.alignment.pairs:
            self.pairs_of.setdefault(pair.a, []).append(pair)
            self.pairs_of.setdefault(pair.b, []).append(pair)
        self._between: dict[tuple[str, str], list[Pair]] = {}

    # -- lookups -------------------------------------------------------------------------

    def article_of(self, passage_id: str) -> str:
        return self.index.passages[passage_id].article

    def oriented(self, pair: Pair, left: str | None) -> tuple[str, str]:
        """``(left passage, right passage)`` of a pair for the shown left article."""
        if left is not None and self.article_of(pair.b) == left:
            return pair.b, pair.a
        return pair.a, pair.b

    def pairs_between(self, left: str | None, right: str | None) -> list[Pair]:
        """Pairs linking the two articles, in the left column's reading order."""
        if left is None or right is None or left == right:
            return []
        key = (left, right)
        if key not in self._between:
            found = [
                pair
                for pid in (p.id for p in self.index.passages_of.get(left, ()))
                for pair in self.pairs_of.get(pid, ())
                if self.article_of(pair.b if pair.a == pid else pair.a) == right
            ]
            found.sort(key=lambda pair: tuple(self.order[x] for x in self.oriented(pair, left)))
            self._between[key] = found
        return self._between[key]

    def pair_of(self, passage_a: str, passage_b: str) -> Pair | None:
        """The pair whose ends are these two passages (either order), None if not aligned."""
        ends = {passage_a, passage_b}
        return next((p for p in self.pairs_of.get(passage_a, ()) if {p.a, p.b} == ends), None)

    def comparison(self, pair: Pair | None) -> Comparison | None:
        if pair is None:
            return None
        return self.index.comparisons.get((pair.a, pair.b))

    def _divergence_count(self, pair: Pair) -> int:
        comparison = self.comparison(pair)
        return len(comparison.divergences) if comparison is not None else 0

    def group(self, passage_id: str | None) -> Group | None:
        return None if passage_id is None else self.index.group_of.get(passage_id)

    def counterpart(self, passage_id: str, other_article: str | None) -> Pair | None:
        """The best-scoring pair joining a passage to the other shown article."""
        pairs = [
            pair
            for pair in self.pairs_of.get(passage_id, ())
            if self.article_of(pair.b if pair.a == passage_id else pair.a) == other_article
        ]
        return max(pairs, key=lambda pair: pair.score, default=None)

    # -- starting point ------------------------------------------------------------------

    def initial(self) -> Selection:
        """Left: the first article; right: the article sharing most pairs with it."""
        if not self.article_ids:
            return Selection()
        left = self.article_ids[0]
        others = self.article_ids[1:]
        if not others:
            return Selection(left=left, right=left)
        right = max(others, key=lambda a: (len(self.pairs_between(left, a)), -others.index(a)))
        pairs = self.pairs_between(left, right)
        return Selection(left=left, right=right, pair=pairs[0] if pairs else None)

    def with_articles(self, selection: Selection, left: str, right: str) -> Selection:
        """Show two articles, keeping the current pair when it still links them."""
        pairs = self.pairs_between(left, right)
        pair = selection.pair if selection.pair in pairs else (pairs[0] if pairs else None)
        return Selection(left=left, right=right, pair=pair)

    # -- moving --------------------------------------------------------------------------

    def step_pair(self, selection: Selection, step: int) -> tuple[Selection, str]:
        """Next (``step`` 1) or previous (-1) pair, and a note for the status line."""
        pairs = self.pairs_between(selection.left, selection.right)
        if not pairs:
            return self._step_article(selection, step)
        if selection.pair not in pairs:
            target = 0 if step > 0 else len(pairs) - 1
        else:
            target = pairs.index(selection.pair) + step
            if not 0 <= target < len(pairs):
                return selection, "last aligned pair" if step > 0 else "first aligned pair"
        return replace(selection, pair=pairs[target], divergence=None), ""

    def step_article(self, selection: Selection, step: int) -> tuple[Selection, str]:
        """The right column moved to the next (previous) article sharing pairs with the left
        one, at its first (last) pair; the selection unchanged when there is none."""
        return self._step_article(selection, step)

    def _step_article(self, selection: Selection, step: int) -> tuple[Selection, str]:
        ids = list(self.article_ids)
        if selection.left is None or selection.right not in ids:
            return selection, "no aligned pairs"
        start = ids.index(selection.right) if selection.right in ids else 0
        for k in range(1, len(ids)):
            candidate = ids[(start + k * step) % len(ids)]
            pairs = self.pairs_between(selection.left, candidate)
            if candidate != selection.left and pairs:
                pair = pairs[0] if step > 0 else pairs[-1]
                note = "no pairs between those two: moved the right column"
                return Selection(left=selection.left, right=candidate, pair=pair), note
        return selection, "no aligned pairs for this article"

    def step_divergence(self, selection: Selection, step: int) -> tuple[Selection, str]:
        """Next/previous divergence, moving on to other pairs between the shown articles."""
        pairs = self.pairs_between(selection.left, selection.right)
        stops = [(pair, i) for pair in pairs for i in range(self._divergence_count(pair))]
        if not stops:
            return selection, "no divergences between these articles"
        here = (selection.pair, selection.divergence)
        if here in stops:
            target = stops.index(here) + step
        elif selection.pair in pairs:
            pair_at = pairs.index(selection.pair)
            # From a pair with no divergence picked, ``]`` starts at its own first divergence.
            after = [k for k, (p, _) in enumerate(stops) if pairs.index(p) >= pair_at]
            before = [k for k, (p, _) in enumerate(stops) if pairs.index(p) < pair_at]
            target = (
                (after[0] if after else len(stops)) if step > 0 else (before[-1] if before else -1)
            )
        else:
            target = 0 if step > 0 else len(stops) - 1
        if not 0 <= target < len(stops):
            return selection, "last divergence" if step > 0 else "first divergence"
        pair, i = stops[target]
        return replace(selection, pair=pair, divergence=i), ""

    def select_passage(self, selection: Selection, passage_id: str) -> tuple[Selection, str]:
        """Select the pair a passage of one shown article forms with the other (mouse click)."""
        article = self.article_of(passage_id)
        other = selection.right if article == selection.left else selection.left
        pair = self.counterpart(passage_id, other)
        if pair is None:
            if passage_id in self.unmatched:
                return selection, "only this outlet reports that passage"
            return selection, "no counterpart in the other column"
        return replace(selection, pair=pair, divergence=None), ""

    def search(self, articles: Sequence[str], query: str, after: str | None) -> Passage | None:
        """The next passage (after ``after``, wrapping) of ``articles`` containing ``query``."""
        needle = query.casefold()
        if not needle:
            return None
        candidates = [
            p
            for article in articles
            for p in self.index.passages_of.get(article, ())
            if p.kind != "boilerplate"
        ]
        if not candidates:
            return None
        start = 0
        ids = [p.id for p in candidates]
        if after in ids:
            start = ids.index(after) + 1
        for k in range(len(candidates)):
            passage = candidates[(start + k) % len(candidates)]
            if needle in passage.text.casefold():
                return passage
        return None
