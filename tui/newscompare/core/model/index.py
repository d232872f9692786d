"""Lookups over a ``Story`` that reports and the UI share (built once, never mutated)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newscompare.core.model.story import Article, Comparison, Group, Passage, Story


@dataclass(frozen=True)
class StoryIndex:
    """Passages, articles, groups and comparisons by id."""

    story: Story
    articles: dict[str, Article] = field(init=False)
    passages: dict[str, Passage] = field(init=False)
    passages_of: dict[str, tuple[Passage, ...]] = field(init=False)
    group_of: dict[str, Group] = field(init=False)
    comparisons: dict[tuple[str, str], Comparison] = field(init=False)

    def __post_init__(self) -> None:
        story = self.story
        set_ = object.__setattr__
        set_(self, "articles", {a.id: a for a in story.articles})
        set_(self, "passages", {p.id: p for p in story.passages})
        per_article: dict[str, list[Passage]] = {a.id: [] for a in story.articles}
        for p in story.passages:
            per_article.setdefault(p.article, []).append(p)
        set_(self, "passages_of", {k: tuple(v) for k, v in per_article.items()})
        set_(self, "group_of", {pid: g for g in story.alignment.groups for pid in g.passages})
        comps: dict[tuple[str, str], Comparison] = {}
        for c in story.comparisons:
            comps[(c.pair.a, c.pair.b)] = c
            comps[(c.pair.b, c.pair.a)] = c
        set_(self, "comparisons", comps)

    def articles_in(self, group: Group) -> tuple[str, ...]:
        """Ids of the articles that report an event, in story order."""
        present = {self.passages[pid].article for pid in group.passages}
        return tuple(a.id for a in self.story.articles if a.id in present)

    def omitted_groups(self) -> dict[str, tuple[str, ...]]:
        """For each article, the event groups it does not report (its omissions)."""
        present = {
            g.id: {self.passages[pid].article for pid in g.passages}
            for g in self.story.alignment.groups
        }
        return {
            article.id: tuple(
                g.id for g in self.story.alignment.groups if article.id not in present[g.id]
            )
            for article in self.story.articles
        }
