"""Load articles the way users have them: text, Markdown with front matter, HTML, URLs.

OWNER: loading helper. Public API (used by pipeline, CLI and tests):
    load_sources(sources, settings, overrides) -> (articles, problems)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newscompare.core.models import Article, LoadProblem


@dataclass(frozen=True, slots=True)
class ArticleOverride:
    """Metadata for one source given in ``config.yaml``'s ``articles:`` list."""

    path: str
    outlet: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class LoadSettings:
    """The ``loading:`` section of config.yaml."""

    timeout: float = 10.0  # seconds for one URL fetch
    max_bytes: int = 20_000_000  # larger files and responses are refused
    user_agent: str = "newscompare"


def load_sources(
    sources: Sequence[str],
    settings: LoadSettings,
    overrides: Mapping[str, ArticleOverride] | None = None,
) -> tuple[list[Article], list[LoadProblem]]:
    """Load every path (file or folder) and URL; never raises for bad input."""
    raise NotImplementedError
