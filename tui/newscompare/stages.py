"""How the engine child builds the reader's first story in stages, each sent ahead (issue 14.3).

Why: at 800 articles alignment and divergences take many seconds; the articles and passages
are loaded after one or two. So the child (``runner``) first sends what the reader can show at
once (the two first articles side by side), then the alignment as soon as it is known (their
pairs), then the complete story. The stages must end in exactly the story a one-shot build
gives: ``load`` returns the story ``pipeline.build_story`` would show, minus its alignment,
and passing it back as ``reuse`` makes ``build_story`` align just that (no second loading).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from newscompare.core.model.settings import Settings
from newscompare.core.model.story import Alignment, Progress, Story


class Stages(Protocol):
    """How the child builds the first story in stages (``ENGINE_STAGES``: the real engine)."""

    def load(self, sources: Sequence[str], settings: Settings, progress: Progress) -> Story:
        """The articles and passages of the story ``build`` will show, not aligned yet."""
        ...

    def build(
        self,
        sources: Sequence[str],
        settings: Settings,
        progress: Progress,
        reuse: Story,
        aligned: Callable[[Alignment], None],
    ) -> Story:
        """The complete story from what ``load`` loaded; ``aligned`` told the alignment
        before the divergences are computed."""
        ...


class _EngineStages:
    """The real engine's stages: ``pipeline.collect``, then ``pipeline.build_story`` reusing
    it (which aligns exactly the story a build from the sources would: same part, nothing
    loaded twice)."""

    def load(self, sources: Sequence[str], settings: Settings, progress: Progress) -> Story:
        from newscompare.core.pipeline import collect

        collection, problems = collect(sources, settings, progress)
        if not collection.parts:
            return Story(problems=problems, collection=collection)
        part = collection.parts[0]  # the part build_story shows: the largest
        members = set(part.articles)
        return Story(
            articles=tuple(a for a in collection.articles if a.id in members),
            passages=tuple(p for p in collection.passages if p.article in members),
            problems=problems,
            collection=collection,
            parts=(part.id,),
        )

    def build(
        self,
        sources: Sequence[str],
        settings: Settings,
        progress: Progress,
        reuse: Story,
        aligned: Callable[[Alignment], None],
    ) -> Story:
        from newscompare.core.pipeline import build_story as build

        return build(sources, settings, progress, reuse=reuse, aligned=aligned)


#: The real engine's stages (the default of ``start_story_build`` with the real engine).
ENGINE_STAGES: Stages = _EngineStages()
