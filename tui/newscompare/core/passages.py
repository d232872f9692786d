"""Cut an article into passages (sentences) with exact offsets and a kind.

OWNER: segmentation helper. Public API:
    segment(article, settings) -> tuple[Passage, ...]
"""

from __future__ import annotations

from dataclasses import dataclass

from newscompare.core.models import Article, Passage


@dataclass(frozen=True, slots=True)
class SegmentSettings:
    """The ``passages:`` section of config.yaml."""

    #: Regular expressions (case-insensitive, matched against a whole stripped line) that mark
    #: site furniture as boilerplate, in addition to the built-in heuristics.
    boilerplate_patterns: tuple[str, ...] = ()
    #: Regular expressions that mark a line as a caption/dateline/byline/credit.
    caption_patterns: tuple[str, ...] = ()


def segment(article: Article, settings: SegmentSettings) -> tuple[Passage, ...]:
    """Split ``article.text`` into passages; ``article.text[p.start:p.end] == p.text``."""
    raise NotImplementedError
