"""Align passages that report the same event across articles.

OWNER: alignment helper. Public API:
    align(articles, passages, settings) -> Alignment
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newscompare.core.models import Alignment, Article, Passage


@dataclass(frozen=True, slots=True)
class AlignSettings:
    """The ``align:`` section of config.yaml."""

    threshold: float = 0.5  # minimum pair score (0..1)
    #: Groups of words that name the same thing; each key is the canonical form.
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def align(
    articles: Sequence[Article], passages: Sequence[Passage], settings: AlignSettings
) -> Alignment:
    """Score cross-article passage pairs and group them into events."""
    raise NotImplementedError
