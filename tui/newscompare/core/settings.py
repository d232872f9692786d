"""The settings each engine stage takes: one frozen dataclass per ``config.yaml`` section.

They live apart from the stages so that reading and validating ``config.yaml`` imports nothing
heavy (numpy, rapidfuzz, charset-normalizer, trafilatura): the reader paints its first screen
before the engine is even imported, and the engine then loads in a worker thread. Each stage
module re-exports its own settings class, so ``from newscompare.core.passages import
SegmentSettings`` keeps working. ``__post_init__`` checks raise ``ValueError``; ``config.py``
turns those into one-line messages naming the file, key and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_LABELS: tuple[str, ...] = (
    "agrees",
    "contradicts",
    "adds detail",
    "omits",
    "framing",
    "other",
)


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
    url_workers: int = 4  # URLs fetched at the same time

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise ValueError(f"timeout must be more than 0 seconds, got {self.timeout}")
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, got {self.max_bytes}")
        if self.url_workers < 1:
            raise ValueError(f"url_workers must be at least 1, got {self.url_workers}")


@dataclass(frozen=True, slots=True)
class SegmentSettings:
    """The ``passages:`` section of config.yaml."""

    #: Regular expressions (case-insensitive, matched against a whole stripped line) that mark
    #: site furniture as boilerplate, in addition to the built-in heuristics.
    boilerplate_patterns: tuple[str, ...] = ()
    #: Regular expressions that mark a line as a caption/dateline/byline/credit.
    caption_patterns: tuple[str, ...] = ()
    #: Sentences longer than this are cut at clause breaks (``;``, dashes, commas); pieces never
    #: exceed 1000 characters whatever this says.
    max_sentence_chars: int = 600

    def __post_init__(self) -> None:
        for key in ("boilerplate_patterns", "caption_patterns"):
            for pattern in getattr(self, key):
                try:
                    re.compile(pattern, re.IGNORECASE)
                except re.error as exc:
                    raise ValueError(
                        f"{key}: invalid regular expression {pattern!r}: {exc}"
                    ) from None
        if self.max_sentence_chars < 50:
            raise ValueError(
                f"max_sentence_chars must be at least 50, got {self.max_sentence_chars}"
            )


@dataclass(frozen=True, slots=True)
class DivergeSettings:
    """The ``diverge:`` section of config.yaml."""

    #: Sets of words or phrases that frame the same thing differently (users extend). Each
    #: entry of a set is one framing; ``|`` separates spellings of the same framing, e.g.
    #: ``["killed|died", "martyred", "murdered"]``. Added to the built-in lexicon.
    wording: tuple[tuple[str, ...], ...] = ()
    #: Use the built-in framing lexicon (``core/lexicon.py``) as well as ``wording``.
    builtin_wording: bool = True


@dataclass(frozen=True, slots=True)
class AnnotationSettings:
    """The ``annotations:`` section of config.yaml."""

    #: Where annotations are saved; relative paths are relative to the config file's folder.
    path: str = "annotations.yaml"
    labels: tuple[str, ...] = DEFAULT_LABELS
    #: How similar (0..1, rapidfuzz ratio / 100) a passage must be to a record's saved text for
    #: the record to re-attach to it after the article was edited or re-segmented.
    anchor_threshold: float = 0.85

    def __post_init__(self) -> None:
        if not 0.0 < self.anchor_threshold <= 1.0:
            raise ValueError("anchor_threshold must be above 0 and at most 1")
        if not self.labels:
            raise ValueError("labels must not be empty")
