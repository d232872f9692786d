"""Every setting the engine takes: one frozen dataclass per ``config.yaml`` section, and the
``Settings`` bundle of them all that ``config.py`` builds and ``pipeline.build_story`` takes.

They live apart from the stages so that reading and validating ``config.yaml`` imports nothing
heavy (numpy, rapidfuzz, charset-normalizer, trafilatura): the reader paints its first screen
before the engine is even imported. ``__post_init__`` checks raise ``ValueError``; ``config.py``
(which validates the file with msgspec against these classes) turns them into one-line messages
naming the file, key and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from newscompare.core.model.validation import FieldError

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

    def __post_init__(self) -> None:
        if not self.path:
            raise ValueError("each entry needs a path")


@dataclass(frozen=True, slots=True)
class LoadSettings:
    """The ``loading:`` section of config.yaml."""

    timeout: float = 10.0  # seconds for one URL fetch in all
    max_bytes: int = 20_000_000  # larger files and responses are refused
    user_agent: str = "newscompare"
    url_workers: int = 4  # URLs fetched at the same time
    #: Pages with more markup than this (scripts, styles and comments aside) are refused:
    #: extracting the article takes time and memory that grow with it, sometimes faster.
    max_html_bytes: int = 5_000_000
    #: Seconds one page may take to extract before it is given up (``load.bounded``).
    extract_timeout: float = 20.0

    def __post_init__(self) -> None:
        # Upper bounds too: a timeout of 1e300 s or max_bytes of 1e26 ended in OverflowError
        # deep in the socket and file layers.
        for key, value, most in (
            ("timeout", self.timeout, 3600.0),
            ("extract_timeout", self.extract_timeout, 3600.0),
        ):
            if not 0 < value <= most:
                message = f"{key} must be more than 0 and at most {most:g} seconds, got {value}"
                raise FieldError(key, message)
        for key, size, limit in (
            ("max_bytes", self.max_bytes, 2_000_000_000),
            ("max_html_bytes", self.max_html_bytes, 2_000_000_000),
            ("url_workers", self.url_workers, 64),
        ):
            if not 1 <= size <= limit:
                raise FieldError(key, f"{key} must be from 1 to {limit}, got {size}")


@dataclass(frozen=True, slots=True)
class SegmentSettings:
    """The ``passages:`` section of config.yaml."""

    #: Regular expressions (case-insensitive, matched against a whole stripped line) that mark
    #: site furniture as boilerplate, in addition to the built-in heuristics. Matched with the
    #: ``regex`` package; a pattern that needs more than a second on one article is refused.
    boilerplate_patterns: tuple[str, ...] = ()
    #: Regular expressions that mark a line as a caption/dateline/byline/credit.
    caption_patterns: tuple[str, ...] = ()
    #: Sentences longer than this are cut at clause breaks (``;``, dashes, commas); pieces never
    #: exceed 1000 characters whatever this says.
    max_sentence_chars: int = 600

    def __post_init__(self) -> None:
        for key in ("boilerplate_patterns", "caption_patterns"):
            for pattern in getattr(self, key):
                # The package the segmenter matches with (it has timeouts; re has none),
                # imported only when there are patterns: config.yaml is read at start-up.
                import regex

                try:
                    regex.compile(pattern, regex.IGNORECASE)
                except regex.error as exc:
                    raise FieldError(
                        key, f"{key}: invalid regular expression {pattern!r}: {exc}"
                    ) from None
        if self.max_sentence_chars < 50:
            raise FieldError(
                "max_sentence_chars",
                f"max_sentence_chars must be at least 50, got {self.max_sentence_chars}",
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
    #: A link between passages of two different events merges the two events (off: a link
    #: joins two passages, and the events stay apart).
    link_merges_events: bool = False

    def __post_init__(self) -> None:
        if not 0.0 < self.anchor_threshold <= 1.0:
            raise ValueError("anchor_threshold must be above 0 and at most 1")
        if not self.labels:
            raise ValueError("labels must not be empty")


@dataclass(frozen=True, slots=True)
class AlignSettings:
    """The ``align:`` section of config.yaml (one default for every story; see config.yaml)."""

    threshold: float = 0.48  # minimum pair score (0..1)
    #: Groups of words that name the same thing; each key is the canonical form. The default
    #: is the built-in table (``aliases.BUILTIN_ALIASES``, shown in config.yaml); entries a
    #: user adds extend it, and ``builtin_aliases: false`` uses only the entries given here.
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Groups of words that name the same kind of event (killed/died/death toll, vote/
    #: resolution); built-in table ``aliases.BUILTIN_EVENTS``, extended the same way.
    events: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    builtin_aliases: bool = True
    #: Weight multiplier for event words (the keys of ``events`` and their synonyms).
    event_weight: float = 1.5
    #: Share of the shared evidence that must come from ONE sentence of each passage. Outlets
    #: report an event instance in a sentence; two paragraphs that share topic words spread
    #: over different sentences are background, not the same fact. 0 = off.
    sentence_share: float = 0.5
    #: Words or phrases never used to align, e.g. news agencies cited as sources
    #: ("Associated Press"): who reported something is not what happened.
    ignore: tuple[str, ...] = ()
    #: Weight multiplier for anchors: names, numbers, dates (distinctive by nature).
    anchor_weight: float = 2.0
    #: Weight multiplier for words inside double quotes (an outlet's exact quotation).
    quote_weight: float = 1.5
    #: rapidfuzz ratio (0..100) at which two long words count as one spelling.
    fuzzy_ratio: float = 88.0
    #: Share of the score from rapidfuzz similarity of the prepared strings (rest: overlap).
    surface_weight: float = 0.2
    #: Short passages are scored as if they held at least this many typical tokens, so two
    #: three-word lines sharing one word do not score 1.0.
    evidence_tokens: float = 5.0
    #: Shared content worth this many typical tokens is full evidence, however long the
    #: passages: two long sentences that share one clause still report the same fact.
    clause_tokens: float = 8.0
    #: Share of the content score from coverage of both passages (rest: overlap of the smaller).
    coverage_weight: float = 0.2
    #: News puts its events in the lead; deep-body passages (background, wire filler) need
    #: stronger evidence. A pair whose deeper passage is the k-th title/body passage of its
    #: article (k > lead_passages) has its score divided by 1 + depth_penalty x (k - lead).
    #: Off by default: it helps sparse lead-only gold (ECB+) but hurts the samples.
    lead_passages: int = 8
    depth_penalty: float = 0.0
    #: A pair must share at least ``min_distinctive`` distinctive tokens: tokens found in at
    #: most max(distinctive_articles x articles, distinctive_share x passages) passages.
    #: Sharing only the story's topic words (the country, the main actor) is not an event.
    min_distinctive: int = 0
    distinctive_articles: float = 2.0
    distinctive_share: float = 0.05
    #: A pair must share at least this many weighted tokens.
    min_shared_tokens: int = 2
    #: Per passage and other article, keep at most this many matches (mutual).
    per_article: int = 4
    #: A second match in the same article must score at least this share of the best one.
    second_ratio: float = 0.0
    #: At most this many counterparts per passage in the whole story (best first).
    max_partners: int = 15
    #: Words in more than max(ceiling_minimum, ceiling_scale x sqrt(passages)) passages weigh 0.
    ceiling_minimum: float = 100.0
    ceiling_scale: float = 2.0
    #: An event group holds at most this many passages from one article.
    group_per_article: int = 12
    #: Inside an event group, passages of different articles whose direct score reaches this
    #: are paired too (events link transitively); equal to ``threshold``: off.
    group_threshold: float = 0.36
    #: Passages that give one fact differently, or both report deaths, need only this share
    #: of ``threshold``: different figures for one counted thing, one quotation altered, one
    #: named speaker reported with verbs of different classes (``factmatch``). 1.0 = off.
    fact_ratio: float = 0.6
    #: Two passages that state conflicting times and no agreeing one have their score
    #: multiplied by 1 - this (another instance of the same kind of event). 0 = off.
    date_conflict_penalty: float = 0.2
    #: Articles are split into stories before aligning (``align.stories``): clusters whose
    #: articles' mean similarity reaches this are one story. 0 = every article in one story.
    story_threshold: float = 0.24

    def lowest_kept(self) -> float:
        """The lowest score at which any rule can keep a pair (threshold, group completion,
        facts given differently): candidates below it need no further scoring."""
        return min(self.threshold, self.group_threshold, self.fact_ratio * self.threshold)

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {self.threshold}")
        if not 0.0 <= self.group_threshold <= 1.0:
            raise ValueError(f"group_threshold must be between 0 and 1, got {self.group_threshold}")
        if not 0.0 <= self.story_threshold <= 1.0:
            raise ValueError(f"story_threshold must be between 0 and 1, got {self.story_threshold}")
        if not 0.0 <= self.fact_ratio <= 1.0:
            raise ValueError(f"fact_ratio must be between 0 and 1, got {self.fact_ratio}")
        if not 0.0 <= self.date_conflict_penalty <= 1.0:
            raise ValueError(
                f"date_conflict_penalty must be between 0 and 1, got {self.date_conflict_penalty}"
            )
        if not 0.0 <= self.surface_weight <= 1.0:
            raise ValueError(f"surface_weight must be between 0 and 1, got {self.surface_weight}")
        if self.per_article < 1 or self.max_partners < 1 or self.group_per_article < 1:
            raise ValueError("per_article, max_partners and group_per_article must be at least 1")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the engine takes, in one immutable bundle (built by ``config.py``)."""

    loading: LoadSettings = field(default_factory=LoadSettings)
    passages: SegmentSettings = field(default_factory=SegmentSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    diverge: DivergeSettings = field(default_factory=DivergeSettings)
    annotations: AnnotationSettings = field(default_factory=AnnotationSettings)
    #: Metadata given in config.yaml's ``articles:``, each ``path`` resolved (or a URL).
    articles: tuple[ArticleOverride, ...] = ()

    def overrides(self) -> dict[str, ArticleOverride]:
        """``articles:`` entries keyed by resolved path (or URL)."""
        return {item.path: item for item in self.articles}

    def with_threshold(self, threshold: float) -> Settings:
        """The same settings aligning at another threshold (``--threshold``, ``+``/``-``)."""
        return replace(self, align=replace(self.align, threshold=threshold))
