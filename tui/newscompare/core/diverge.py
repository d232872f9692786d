"""Say what two aligned passages report differently.

OWNER: divergence helper. Public API:
    compare(pair, a, b, article_a, article_b, settings) -> Comparison
"""

from __future__ import annotations

from dataclasses import dataclass

from newscompare.core.models import Article, Comparison, Pair, Passage


@dataclass(frozen=True, slots=True)
class DivergeSettings:
    """The ``diverge:`` section of config.yaml."""

    #: Sets of words or phrases that frame the same thing differently (users extend).
    wording: tuple[tuple[str, ...], ...] = ()


def compare(
    pair: Pair,
    a: Passage,
    b: Passage,
    article_a: Article,
    article_b: Article,
    settings: DivergeSettings,
) -> Comparison:
    """Typed divergences, word spans and the pair's relation."""
    raise NotImplementedError
